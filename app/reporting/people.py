"""People of a report: the focal point's page to delegate sections to contributors, see who
changed what and withdraw a delegation; the invitation link's landing page; the contributor's
"ready for review"; and the template helpers that show a contributor who else holds a section.
The rules live in delegation.py and policy.py; what the shared report pages keep of a report for
a contributor is in pages.py.

The routes live on the reporting blueprint (see app/reporting/__init__.py); the invitation page
is outside /reports (it opens without an account), registered on the application when the
blueprint is."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_user
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, EqualTo, Length

from app import bounds, policy
from app.extensions import db
from app.forms_common import options
from app.i18n import current_language, language_label, language_name, languages, translate
from app.notify import mail
from app.policy import require
from app.questionnaires import tree as tree_module
from app.reporting import bp, completeness, delegation, facts, services, site_store
from app.reporting.models import Assignment, Report
from app.reporting.pages import load_report


class AssignForm(FlaskForm):
    section = SelectField(_l("Section"))
    email = EmailField(
        _l("E-mail address of the contributor"),
        validators=[
            DataRequired(message=_l("Enter the contributor's e-mail address.")),
            Length(max=254),
        ],
        render_kw={"autocomplete": "off"},
    )
    locale = SelectField(_l("Language of the invitation"))
    submit = SubmitField(_l("Send the invitation"))


class WithdrawForm(FlaskForm):
    submit = SubmitField(_l("Withdraw the delegation"))


class ReadyForm(FlaskForm):
    ready = HiddenField()


class AcceptForm(FlaskForm):
    name = StringField(
        _l("Your name"),
        validators=[DataRequired(message=_l("Give your name.")), Length(max=200)],
        render_kw={"autocomplete": "name"},
    )
    password = PasswordField(
        _l("Choose a password"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[DataRequired(), EqualTo("password", message=_l("The passwords differ."))],
        render_kw={"autocomplete": "new-password"},
    )
    submit = SubmitField(_l("Create my account"))


class ContinueForm(FlaskForm):
    submit = SubmitField(_l("Continue to sign in"))


@bp.app_template_global()
def readable_sections(report: Report, sections: list) -> list:
    """The rendered top-level `sections` the current user may open."""
    if policy.can("report.read_all", report):
        return sections
    allowed = facts.sections_of(current_user, report)
    return [s for s in sections if s.node.id in allowed]


@dataclass
class SectionPeople:
    mine: Assignment | None = None  # the current user's live assignment of the section
    delegates: list[Assignment] = field(default_factory=list)  # live ones (for focal points)
    can_mark: bool = False


@bp.app_template_global()
def section_people(report: Report, section_id: int) -> SectionPeople:
    """Who the section is delegated to, as its page shows it to a focal point or to the
    contributor (with their "ready for review" button)."""
    found = SectionPeople()
    if not current_user.is_authenticated:
        return found
    live = [
        a for a in delegation.assignments_of(report, live_only=True) if a.section_id == section_id
    ]
    found.mine = next((a for a in live if a.contributor_id == current_user.id), None)
    found.can_mark = found.mine is not None and report.is_editable
    if policy.can("report.people", report):
        found.delegates = live
    return found


# --- the focal point's page ----------------------------------------------------------------------


def _loop_labels(report: Report, lang: str) -> dict[str, str]:
    """Loop key → what it stands for (a species' common name, a site's name)."""
    labels = {
        entry.species.taxon_id: str(translate(entry.species.common_name, lang=lang))
        or entry.species.scientific_name
        for entry in tree_module.species_entries(report.questionnaire)
    }
    labels.update({site.key: site.name for site in site_store.sites_of(report.party_id)})
    return labels


def _assign_form(report: Report) -> AssignForm:
    form = AssignForm()
    instrument = report.questionnaire.instrument
    form.section.choices = options(
        (str(node.id), f"{node.number} {translate(node.title, instrument=instrument)}")
        for node in delegation.top_sections(report.questionnaire)
    )
    form.locale.choices = options((code, language_name(code)) for code in languages())
    if request.method == "GET":
        form.locale.data = current_user.locale or current_language()
        form.section.data = request.args.get("section", "")
    return form


@bp.route("/<int:report_id>/people", methods=["GET", "POST"])
def people(report_id: int):
    report = load_report(
        report_id, "report.delegate" if request.method == "POST" else "report.people"
    )
    form = _assign_form(report)
    if form.validate_on_submit():
        done = _assign(report, form)
        if done:
            return redirect(url_for(".people", report_id=report.id))
    lang = current_language()
    filled = services.fill(report, lang, viewer=current_user)
    found = completeness.issues(filled, lang)
    changes = delegation.changes_by_contributors(report)
    return render_template(
        "reporting/people.html",
        report=report,
        form=form,
        assignments=delegation.assignments_of(report),
        states=completeness.progress(filled, found).states,
        changes=changes,
        labels=_loop_labels(report, lang) if changes else {},
        can_delegate=policy.can("report.delegate", report),
        is_pending=delegation.is_pending,
    )


def _assign(report: Report, form: AssignForm) -> bool:
    try:
        assigned = delegation.assign(
            report,
            bounds.integer(form.section.data),
            form.email.data,
            current_user,
            form.locale.data,
        )
    except delegation.DelegationError as error:
        db.session.rollback()
        target = form[error.field] if error.field in ("section", "email") else None
        if target is None:
            flash(error.message, "danger")
        else:
            target.errors = [*target.errors, error.message]
        return False
    except mail.SEND_ERRORS:
        db.session.rollback()
        flash(
            _("The invitation could not be sent, so nothing was delegated. Try again later."),
            "danger",
        )
        return False
    db.session.commit()
    assignment = assigned.assignment
    values = {
        "number": assignment.section.number,
        "email": assignment.contributor.email,
        "language": language_label(assigned.locale),
    }
    if assigned.new_account:
        message = _(
            "Section %(number)s is delegated to %(email)s. The invitation, in %(language)s, "
            "opens their account.",
            **values,
        )
    elif assigned.sent:
        message = _(
            "Section %(number)s is delegated to %(email)s, who was told by e-mail "
            "(in %(language)s).",
            **values,
        )
    else:
        message = _(
            "Section %(number)s is delegated to %(email)s. An e-mail telling them so (in "
            "%(language)s) is on its way.",
            **values,
        )
    flash(message, "success")
    return True


@bp.route("/<int:report_id>/people/<int:assignment_id>/withdraw", methods=["GET", "POST"])
def withdraw(report_id: int, assignment_id: int):
    """A confirmation first: the contributor loses access to the section at once."""
    report = load_report(report_id, "report.people")
    assignment = delegation.assignment_by_id(report, assignment_id) or abort(404)
    back = url_for(".people", report_id=report.id)
    if not assignment.is_live:
        flash(_("This delegation was already withdrawn."), "info")
        return redirect(back)
    form = WithdrawForm()
    if form.validate_on_submit():
        delegation.withdraw(assignment, current_user)
        db.session.commit()
        flash(
            _(
                "%(name)s no longer has access to section %(number)s. Their answers stay.",
                name=assignment.contributor.name,
                number=assignment.section.number,
            ),
            "success",
        )
        return redirect(back)
    return render_template(
        "reporting/withdraw.html", report=report, assignment=assignment, form=form
    )


# --- the contributor -----------------------------------------------------------------------------


@bp.route("/<int:report_id>/assignments/<int:assignment_id>/ready", methods=["POST"])
def ready(report_id: int, assignment_id: int):
    """The contributor marks their section ready for review (or not ready after all)."""
    report = load_report(report_id, "report.view")
    assignment = delegation.assignment_by_id(report, assignment_id) or abort(404)
    require("section.fill", (report, assignment.section_id))
    form = ReadyForm()
    if not form.validate_on_submit():
        abort(400)
    wanted = form.ready.data == "1"
    try:
        changed = delegation.mark_ready(assignment, current_user, wanted)
    except delegation.DelegationError as error:
        db.session.rollback()
        flash(error.message, "danger")
    else:
        db.session.commit()
        if changed and wanted:
            flash(
                _(
                    "Section %(number)s is marked ready for review.",
                    number=assignment.section.number,
                ),
                "success",
            )
        elif changed:
            flash(
                _(
                    "Section %(number)s is no longer marked ready for review.",
                    number=assignment.section.number,
                ),
                "info",
            )
    return redirect(url_for(".section", report_id=report.id, section_id=assignment.section_id))


# --- the invitation link ------------------------------------------------------------------------


def invitation(token: str):
    """The page an invitation link opens: a new account chooses its name and password; an
    existing one goes on to sign in. A used, expired or withdrawn link says so."""
    found, state = delegation.find_invitation(token)
    if state != delegation.InvitationState.VALID:
        return _invalid(state)
    user = found.assignment.contributor
    pending = delegation.is_pending(user)
    if pending and not current_user.is_authenticated and "lang" not in session and user.locale:
        session["lang"] = user.locale  # the language the invitation was written in
    other = current_user.is_authenticated and current_user.id != user.id
    form = AcceptForm() if pending else ContinueForm()
    if not other and form.validate_on_submit():
        try:
            if pending:
                accepted = delegation.accept_invitation(token, form.name.data, form.password.data)
            else:
                accepted = delegation.accept_invitation(token)
        except delegation.InvitationError as error:
            db.session.rollback()
            return _invalid(error.state)
        except delegation.DelegationError as error:
            db.session.rollback()
            target = form[error.field] if error.field in ("name", "password") else form.password
            target.errors = [*target.errors, error.message]
        else:
            db.session.commit()
            target = url_for("reporting.show", report_id=found.assignment.report_id)
            if pending:
                login_user(accepted)
                flash(_("Welcome, %(name)s: your account is ready.", name=accepted.name), "success")
                return redirect(target)
            if current_user.is_authenticated:
                return redirect(target)
            flash(_("Sign in to open the sections delegated to you."), "info")
            return redirect(url_for("auth.login", next=target))
    return render_template(
        "reporting/invitation.html",
        invitation=found,
        assignment=found.assignment,
        report=found.assignment.report,
        invitee=user,
        pending=pending,
        other=other,
        form=form,
    )


def _invalid(state: delegation.InvitationState):
    status = 404 if state == delegation.InvitationState.UNKNOWN else 410
    return (
        render_template(
            "reporting/invitation_invalid.html",
            state=state,
            message=delegation.INVITATION_MESSAGES[state],
        ),
        status,
    )


@bp.record_once
def _register_invitation_page(state) -> None:
    state.app.add_url_rule(
        "/invitations/<token>",
        endpoint="reporting.invitation",
        view_func=invitation,
        methods=["GET", "POST"],
    )
