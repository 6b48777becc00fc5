import logging

from flask import current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import bp, invitations, services, sessions
from app.auth.forms import (
    ChangePasswordForm,
    ForgotPasswordForm,
    LoginForm,
    NewPasswordForm,
    PreferencesForm,
)
from app.extensions import db, limiter
from app.forms_common import ConfirmForm, options
from app.i18n import language_name, languages
from app.notify import mail
from app.security import safe_next

log = logging.getLogger(__name__)


def _account_key() -> str:
    return "account:" + services.normalise_email(request.form.get("email", ""))


def _not_signed_in(response) -> bool:
    """Sign-in attempts count against the limits unless they succeed: a focal point signing in
    many times a day near a deadline is never locked out by it."""
    return not g.get("signed_in")


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"],
    methods=["POST"],
    deduct_when=_not_signed_in,
)
@limiter.limit(
    lambda: current_app.config["LOGIN_LIMIT_PER_ACCOUNT"],
    key_func=_account_key,
    methods=["POST"],
    deduct_when=_not_signed_in,
)
def login():
    if current_user.is_authenticated:
        return redirect(url_for("main.dashboard"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is None:
            flash(_("The e-mail address or the password is not correct."), "danger")
        else:
            login_user(user, remember=form.remember.data)
            db.session.commit()
            g.signed_in = True
            return redirect(safe_next(request.args.get("next"), url_for("main.dashboard")))
    return render_template("auth/login.html", form=form)


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    flash(_("You are signed out."), "info")
    response = redirect(url_for("main.index"))
    # Report pages in the HTTP cache go too; the service worker's copies are deleted by
    # offline.js on the page this lands on. Not "storage": it holds the unsent changes.
    response.headers["Clear-Site-Data"] = '"cache"'
    return response


@bp.route("/", methods=["GET", "POST"])
@login_required
def account():
    prefs = PreferencesForm(obj=current_user, prefix="prefs")
    prefs.locale.choices = options(
        [("", _("Follow my browser"))] + [(code, language_name(code)) for code in languages()]
    )
    if prefs.submit.data and prefs.validate_on_submit():
        current_user.name = prefs.name.data.strip()
        current_user.locale = prefs.locale.data or None
        db.session.commit()
        flash(_("Your preferences are saved."), "success")
        return redirect(url_for("auth.account"))
    return render_template(
        "auth/account.html",
        prefs=prefs,
        password=ChangePasswordForm(),
        others=sessions.others(current_user),
        end_others=ConfirmForm(),
    )


@bp.route("/sessions/end-others", methods=["POST"])
@login_required
def end_other_sessions():
    """Sign out every other browser of this account (a lost phone, a shared computer)."""
    if ConfirmForm().validate_on_submit():
        sessions.end_all(current_user, keep_current=True)
        db.session.commit()
        flash(_("You are signed out everywhere else."), "success")
    return redirect(url_for("auth.account"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        remembered = getattr(sessions.current(current_user), "remember", False)
        try:
            services.change_password(current_user, form.current.data, form.password.data)
        except services.AuthError as error:
            form.password.errors = [*form.password.errors, str(error)]
        else:
            db.session.commit()
            # Every session ended, this one too (a copy of its cookies is worthless now):
            # sign this browser in again, as it was. Pass the user, not the proxy.
            login_user(current_user._get_current_object(), remember=remembered)
            flash(_("Your password is changed."), "success")
            return redirect(url_for("auth.account"))
    return render_template("auth/change_password.html", form=form)


@bp.route("/forgot", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_ADDRESS"], methods=["POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        user = services.user_by_email(form.email.data)
        if user is not None and user.active:
            link = url_for("auth.reset_password", token=services.reset_token(user), _external=True)
            try:
                mail.send(
                    user.email,
                    "password_reset",
                    user.locale,
                    user=user,
                    link=link,
                    minutes=current_app.config["PASSWORD_RESET_MAX_AGE"] // 60,
                )
            except mail.SEND_ERRORS:  # the outbox tries again; the answer must not tell
                log.exception("password reset mail to %s failed", user.email)
            db.session.commit()  # the outbox's mail
        # Same answer whether or not the address has an account.
        flash(
            _("If an account uses this address, a link to choose a new password is on its way."),
            "info",
        )
        return redirect(url_for("auth.login"))
    return render_template("auth/forgot_password.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    if services.user_for_reset_token(token) is None:
        flash(_("This link has expired or has already been used."), "danger")
        return redirect(url_for("auth.forgot_password"))
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            services.reset_password(token, form.password.data)
        except services.AuthError as error:
            form.password.errors = [*form.password.errors, str(error)]
        else:
            db.session.commit()
            flash(_("Your new password is saved. You can sign in with it."), "success")
            return redirect(url_for("auth.login"))
    return render_template("auth/reset_password.html", form=form)


@bp.route("/welcome/<token>", methods=["GET", "POST"])
def welcome(token: str):
    """The page an account invitation opens (app/auth/invitations.py): the person chooses a
    password and is signed in. A used, expired or unknown link says so."""
    found, state = invitations.find(token)
    if state != invitations.State.VALID:
        return _welcome_refused(state)
    if not current_user.is_authenticated and "lang" not in session and found.user.locale:
        session["lang"] = found.user.locale  # the language the invitation was written in
    form = NewPasswordForm()
    if form.validate_on_submit():
        try:
            user = invitations.accept(token, form.password.data)
        except invitations.InvitationError as error:
            db.session.rollback()
            return _welcome_refused(error.state)
        except services.AuthError as error:
            db.session.rollback()
            form.password.errors = [*form.password.errors, str(error)]
        else:
            db.session.commit()
            if current_user.is_authenticated:
                logout_user()
            login_user(user)
            db.session.commit()
            flash(_("Welcome, %(name)s: your account is ready.", name=user.name), "success")
            return redirect(url_for("main.dashboard"))
    return render_template("auth/welcome.html", form=form, invitee=found.user)


def _welcome_refused(state):
    status = 404 if state == invitations.State.UNKNOWN else 410
    message = invitations.MESSAGES[state]
    return render_template("auth/welcome_refused.html", message=message), status
