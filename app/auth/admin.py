"""Admin pages: accounts, role grants and deactivation."""

import logging

import sqlalchemy as sa
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.auth import services
from app.auth import users_bp as bp
from app.auth.forms import GrantForm, NewUserForm
from app.auth.models import Role, RoleGrant, User
from app.directory import services as directory
from app.extensions import db
from app.forms_common import ConfirmForm, checked_search, options
from app.i18n import language_name, languages, normalise, translate
from app.notify import mail
from app.policy import require

log = logging.getLogger(__name__)


@bp.before_request
def _admins_only():
    require("users.manage")


@bp.route("/")
def index():
    query, refused = checked_search(request.args.get("q"))
    if refused:
        flash(refused, "warning")
        return render_template("admin/users.html", users=[], query=query)
    stmt = sa.select(User).order_by(User.email)
    if query:
        needle = f"%{normalise(query)}%"
        stmt = stmt.where(sa.or_(User.email.ilike(needle), User.name.ilike(needle)))
    return render_template("admin/users.html", users=list(db.session.scalars(stmt)), query=query)


def _grant_form() -> GrantForm:
    form = GrantForm(prefix="g")
    form.role.choices = options(Role.choices())
    form.instrument.choices = options(
        [("", _("None / all instruments"))]
        + [(i.code, f"{i.code} — {translate(i.name)}") for i in directory.instruments()]
    )
    form.party.choices = options(
        [("", _("None"))]
        + [(p.code, f"{translate(p.name)} ({p.code})") for p in directory.search_parties()]
    )
    return form


@bp.route("/new", methods=["GET", "POST"])
def new():
    form = NewUserForm()
    form.locale.choices = options(
        [("", _("Follow the browser"))] + [(code, language_name(code)) for code in languages()]
    )
    if form.validate_on_submit():
        try:
            user = services.create_user(
                form.email.data, form.name.data, locale=form.locale.data or None, actor=current_user
            )
        except services.AuthError as error:
            form.email.errors = [*form.email.errors, str(error)]
        else:
            db.session.commit()
            outcome = _send_welcome(user)
            if outcome == "sent":
                flash(
                    _(
                        "The account is created and a link to choose a password was sent to "
                        "%(email)s.",
                        email=user.email,
                    ),
                    "success",
                )
            elif outcome == "queued":
                flash(
                    _(
                        "The account is created and a link to choose a password is on its way "
                        "to %(email)s.",
                        email=user.email,
                    ),
                    "success",
                )
            else:
                flash(
                    _(
                        "The account is created, but the link to choose a password could not be "
                        "sent to %(email)s: the person can ask for one with “Forgotten password” "
                        "on the sign-in page.",
                        email=user.email,
                    ),
                    "warning",
                )
            return redirect(url_for(".show", user_id=user.id))
    return render_template("admin/user_new.html", form=form)


def _send_welcome(user: User) -> str:
    """Mail the new account its link: "sent", "queued" (the mail queue sends it) or "failed"
    (logged; the outbox tries again): the account stands, and the page must not say the link
    went out when it did not."""
    link = url_for("auth.reset_password", token=services.reset_token(user), _external=True)
    try:
        outgoing = mail.send(user.email, "welcome", user.locale, user=user, link=link)
    except mail.SEND_ERRORS:
        log.exception("welcome mail to %s failed", user.email)
        outcome = "failed"
    else:
        outcome = "sent" if outgoing.delivered else "queued"
    db.session.commit()  # the outbox's mail
    return outcome


@bp.route("/<int:user_id>")
def show(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    return render_template("admin/user.html", user=user, form=_grant_form())


@bp.route("/<int:user_id>/grants", methods=["POST"])
def grant(user_id: int):
    user = db.session.get(User, user_id) or abort(404)
    form = _grant_form()
    if form.validate_on_submit():
        instrument = (
            directory.instrument_by_code(form.instrument.data) if form.instrument.data else None
        )
        party = directory.party_by_code(form.party.data) if form.party.data else None
        try:
            services.grant_role(
                user,
                services.GrantScope(Role(form.role.data), instrument, party),
                actor=current_user,
            )
        except services.AuthError as error:
            db.session.rollback()
            flash(str(error), "danger")
        else:
            db.session.commit()
            flash(_("The role is granted."), "success")
    else:
        for errors in form.errors.values():
            for error in errors:
                flash(error, "danger")
    return redirect(url_for(".show", user_id=user.id))


@bp.route("/<int:user_id>/grants/<int:grant_id>/revoke", methods=["GET", "POST"])
def revoke(user_id: int, grant_id: int):
    """GET: what the revocation takes away, and the button; POST (from that page): revoke."""
    grant = db.session.get(RoleGrant, grant_id)
    if grant is None or grant.user_id != user_id:
        abort(404)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template(
            "admin/grant_revoke.html",
            grant=grant,
            consequences=services.revoke_consequences(grant),
            form=form,
        )
    try:
        services.revoke_role(grant, actor=current_user)
    except services.AuthError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        flash(_("The role is revoked."), "success")
    return redirect(url_for(".show", user_id=user_id))


@bp.route("/<int:user_id>/active", methods=["GET", "POST"])
def set_active(user_id: int):
    """GET: what deactivation does, and the button; POST: deactivate (`active=0`, from that
    page) or reactivate (`active=1`, from the account page: it takes nothing away)."""
    user = db.session.get(User, user_id) or abort(404)
    form = ConfirmForm()
    if not form.validate_on_submit():
        return render_template("admin/user_deactivate.html", user=user, form=form)
    active = request.form.get("active") == "1"
    try:
        services.set_active(user, active, actor=current_user)
    except services.AuthError as error:
        db.session.rollback()
        flash(str(error), "danger")
    else:
        db.session.commit()
        flash(
            _("The account is active again.") if active else _("The account is deactivated."),
            "success",
        )
    return redirect(url_for(".show", user_id=user.id))
