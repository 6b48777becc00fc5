"""Directory import pages: an administrator uploads a file of people, their roles and their
countries' memberships, sees the preview (new accounts, new roles, unchanged, memberships, every
refused row) and applies it; each new account is then mailed its invitation in its language.
The rules live in directory_import.py; these views parse, render and mail after the commit."""

from __future__ import annotations

import logging

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from app import policy
from app.auth import invitations
from app.directory.models import MembershipStatus
from app.extensions import db
from app.i18n import languages
from app.interchange import bp, directory_import, pending, tabular
from app.notify import mail

log = logging.getLogger(__name__)


class UploadForm(FlaskForm):
    """The upload's CSRF check; the file is read from request.files."""


def _require() -> None:
    policy.require("users.manage")
    policy.require("directory.manage")


def _form(status: int = 200, error: str | None = None):
    return render_template(
        "interchange/directory_import.html",
        form=UploadForm(),
        columns=directory_import.COLUMNS,
        roles=[r.value for r in directory_import.ROLES],
        statuses=[s.value for s in MembershipStatus],
        locales=languages(),
        max_mb=tabular.MAX_BYTES >> 20,
        max_rows=tabular.MAX_ROWS,
        error=error,
    ), status


def _preview(outcome, filename: str, token: str | None):
    return render_template(
        "interchange/directory_preview.html",
        outcome=outcome,
        filename=filename,
        token=token,
        shown=200,
    ), (200 if outcome.ok else 422)


@bp.route("/directory/import", methods=["GET", "POST"])
@login_required
def directory_import_page():
    """The upload form; a file sent: the preview of what it changes, or why it cannot."""
    _require()
    form = UploadForm()
    if not form.validate_on_submit():
        return _form()
    upload = request.files.get("file")
    if upload is None or not upload.filename:
        return _form(422, _("Choose the file (.csv or .xlsx) to import."))
    filename = upload.filename[:200]
    data = upload.read(tabular.MAX_BYTES + 1)
    outcome = directory_import.read(data, filename, apply=False)
    db.session.rollback()
    token = None
    if outcome.ok and outcome.changes:
        token = pending.keep(data, current_user.id, directory_import=True, filename=filename)
    return _preview(outcome, filename, token)


@bp.route("/directory/import/<token>", methods=["POST"])
@login_required
def directory_import_apply(token: str):
    """Apply the file the preview showed (read again: a change made since is taken into
    account, or refuses the import), then mail each new account its invitation."""
    _require()
    if not UploadForm().validate_on_submit():
        return redirect(url_for(".directory_import_page"))
    kept = pending.take(token, current_user.id)
    if kept is None or not kept.facts.get("directory_import"):
        flash(_("This import is no longer waiting: upload the file again."), "warning")
        return redirect(url_for(".directory_import_page"))
    filename = kept.facts.get("filename", "")
    outcome = directory_import.read(kept.data, filename, apply=True, actor=current_user)
    if not outcome.ok:
        db.session.rollback()
        return _preview(outcome, filename, None)
    db.session.commit()
    pending.drop(token)
    failed = _send(outcome)
    flash(
        _(
            "Directory imported: %(users)s new accounts, %(roles)s new roles, %(memberships)s"
            " memberships set, %(unchanged)s unchanged.",
            users=len(outcome.new_users),
            roles=len(outcome.new_roles),
            memberships=len(outcome.memberships),
            unchanged=len(outcome.unchanged),
        ),
        "success",
    )
    if failed:
        flash(
            ngettext(
                "%(num)d invitation could not be sent (%(addresses)s): this person can ask for"
                " a link with “Forgotten password” on the sign-in page.",
                "%(num)d invitations could not be sent (%(addresses)s): these people can ask"
                " for a link with “Forgotten password” on the sign-in page.",
                len(failed),
                addresses=", ".join(failed),
            ),
            "warning",
        )
    return redirect(url_for("users.index"))


def _send(outcome) -> list[str]:
    """Mail each new account its invitation; the addresses that could not be reached now (the
    outbox tries them again)."""
    failed = []
    for user, token, locale in outcome.invitations:
        try:
            invitations.send(user, token, locale)
        except mail.SEND_ERRORS:
            log.exception("invitation mail to %s failed", user.email)
            failed.append(user.email)
    db.session.commit()  # the outbox's mails (app/notify/mail.py)
    return failed
