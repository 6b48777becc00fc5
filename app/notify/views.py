"""The administrators' page of the outbox: what could not be sent, and "Send again"."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from app.audit import services as audit
from app.extensions import db
from app.forms_common import ConfirmForm
from app.notify import bp, mail, outbox
from app.notify.models import MailStatus, OutgoingMail
from app.policy import require

LISTED = 200  # mails owed or given up shown at once; the count above says how many there are
SENT_LISTED = 50


@bp.before_request
def _admins_only():
    require("mail.manage")


@bp.route("/")
def index():
    return render_template(
        "admin/mail.html",
        counts=outbox.counts(),
        owed=outbox.owed(LISTED),
        sent=outbox.recently_sent(SENT_LISTED),
        form=ConfirmForm(),
        statuses=MailStatus,
    )


@bp.route("/<int:mail_id>/send", methods=["POST"])
def send_again(mail_id: int):
    """Try one failed (or still owed) mail again, with all its tries."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    outgoing = db.session.get(OutgoingMail, mail_id) or abort(404)
    if outgoing.status == MailStatus.SENT:
        flash(_("This mail was already sent."), "info")
        return redirect(url_for(".index"))
    _again([outgoing])
    status = mail.dispatch(outgoing.id)
    flash(*_said(status, outgoing.recipient))
    return redirect(url_for(".index"))


@bp.route("/send-failed", methods=["POST"])
def send_failed_again():
    """Try every mail given up again."""
    if not ConfirmForm().validate_on_submit():
        abort(400)
    ids = outbox.failed_ids()
    if not ids:
        flash(_("No mail has failed."), "info")
        return redirect(url_for(".index"))
    _again([db.session.get(OutgoingMail, mail_id) for mail_id in ids])
    statuses = [mail.dispatch(mail_id) for mail_id in ids]
    sent = statuses.count(MailStatus.SENT.value)
    queued = statuses.count(MailStatus.QUEUED.value)
    failing = len(statuses) - sent - queued
    if sent:
        flash(ngettext("%(num)d mail was sent.", "%(num)d mails were sent.", sent), "success")
    if queued:
        flash(
            ngettext(
                "%(num)d mail is handed to the mail queue.",
                "%(num)d mails are handed to the mail queue.",
                queued,
            ),
            "info",
        )
    if failing:
        flash(
            ngettext(
                "%(num)d mail could not be sent again; it will be tried later.",
                "%(num)d mails could not be sent again; they will be tried later.",
                failing,
            ),
            "warning",
        )
    return redirect(url_for(".index"))


def _again(mails: list[OutgoingMail]) -> None:
    for outgoing in mails:
        mail.send_again(outgoing)
        audit.record(
            current_user,
            "mail.send_again",
            outgoing,
            f"{outgoing.template} → {outgoing.recipient}",
        )
    db.session.commit()


def _said(status: str, recipient: str) -> tuple[str, str]:
    if status == MailStatus.SENT:
        return _("The mail to %(address)s was sent.", address=recipient), "success"
    if status == MailStatus.QUEUED:
        return _("The mail to %(address)s is handed to the mail queue.", address=recipient), "info"
    return (
        _(
            "The mail to %(address)s could not be sent again; it will be tried later.",
            address=recipient,
        ),
        "warning",
    )
