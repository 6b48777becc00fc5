"""Submission and review pages: the focal point's confirmation before submitting, the
secretariat's list of its instrument's reports and its decision (return with a message, or
accept), a report's submissions with the difference between two, its audit trail, and the
print view, PDF, Word document and spreadsheet of the report or of one submission in any
content language.

Routes live on the reporting blueprint; the rules are in submission.py and policy.py."""

from __future__ import annotations

import sqlalchemy as sa
from flask import (
    Response,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import SubmitField, TextAreaField
from wtforms.validators import DataRequired

from app import bounds, policy
from app.directory import services as directory
from app.extensions import db
from app.forms_common import TextLength
from app.i18n import current_language, languages
from app.policy import require
from app.questionnaires.models import Questionnaire, Status
from app.reporting import (
    bp,
    completeness,
    documents,
    notices,
    printing,
    services,
    snapshots,
    trail,
)
from app.reporting import submission as submission_module
from app.reporting.errors import ReportingError
from app.reporting.models import Report, ReportStatus
from app.reporting.pages import committed, load_report

MESSAGE_MAX = bounds.MAX_MESSAGE
AUDIT_LABELS = trail.LABELS


class SubmitForm(FlaskForm):
    submit = SubmitField(_l("Submit the report"))


class ReturnForm(FlaskForm):
    message = TextAreaField(
        _l("Message to the party"),
        validators=[
            DataRequired(message=_l("Write a message telling the party what to change.")),
            TextLength(MESSAGE_MAX),
        ],
        render_kw={"rows": 5, "data-counter": True},
    )
    submit = SubmitField(_l("Return with this message"))


class AcceptForm(FlaskForm):
    note = TextAreaField(
        _l("Note to the party (optional)"),
        validators=[TextLength(MESSAGE_MAX)],
        render_kw={"rows": 2, "data-counter": True},
    )
    submit = SubmitField(_l("Accept the report"))


@bp.app_template_global("latest_submission")
def latest_submission(report: Report):
    """The report's latest submission, for its pages' "submitted on … by …" line."""
    return submission_module.latest_submission(report)


# --- submitting -------------------------------------------------------------------------------


def _already_submitted(report: Report):
    """After a double click or from a stale tab: say so plainly rather than refuse."""
    flash(_("This report has already been submitted."), "info")
    return redirect(url_for(".show", report_id=report.id))


@bp.route("/<int:report_id>/submit", methods=["GET", "POST"])
def submit(report_id: int):
    report = load_report(report_id)
    if report.status in policy.SUBMITTED_STATUSES and policy.can("report.submissions", report):
        return _already_submitted(report)
    require("report.submit", report)
    lang = current_language()
    form = SubmitForm()
    if form.validate_on_submit():
        try:
            done = _submit(report, lang)
        except submission_module.AlreadySubmitted:
            return _already_submitted(report)
        except submission_module.NotReady as not_ready:
            flash(not_ready.message, "danger")
        except ReportingError as error:
            flash(error.message, "danger")
        else:
            flash(
                _("The report is submitted (submission no. %(number)d).", number=done.number),
                "success",
            )
            _tell(done, "report_submitted", lang)
            return redirect(url_for(".show", report_id=report.id))
    filled = services.fill(report, lang, viewer=current_user)
    return render_template(
        "reporting/submit.html",
        report=report,
        blockers=submission_module.blockers(filled, lang),
        hidden_count=len(completeness.hidden_answers(filled)),
        answered=len(filled.answers),
        recipients=submission_module.focal_points(report),
        form=form,
    )


def _submit(report: Report, lang: str):
    """Submit and commit; a second request that raced this one is tried again and then finds
    the report submitted."""
    return committed(lambda: submission_module.submit(report, current_user, lang, notify=False))


def _tell(done, template: str, locale: str | None = None) -> None:
    """Once the change is committed, mail the party's focal points and say on the next page
    who was told, whose mail failed, or that the party has nobody to tell."""
    told = notices.tell_focal_points(done, template, locale)
    db.session.commit()  # the outbox's mails (app/notify/mail.py)
    for message, category in notices.sentences(told, done.report):
        flash(message, category)


def _party_name(report: Report) -> str:
    from app.i18n import translate

    return str(translate(report.party.name))


# --- the secretariat's list and decision ------------------------------------------------------


@bp.route("/instruments/<code>/")
def instrument_reports(code: str):
    instrument = directory.instrument_by_code(code) or abort(404)
    require("reports.instrument", instrument)
    questionnaires = list(
        db.session.scalars(
            sa.select(Questionnaire)
            .where(
                Questionnaire.instrument_id == instrument.id,
                Questionnaire.status != Status.DRAFT.value,
            )
            .order_by(Questionnaire.cycle_order.desc())
        )
    )
    chosen = request.args.get("questionnaire")
    if chosen:
        questionnaire = next((q for q in questionnaires if q.code == chosen), None) or abort(404)
    else:
        questionnaire = next(
            (q for q in questionnaires if q.status == Status.PUBLISHED.value),
            questionnaires[0] if questionnaires else None,
        )
    status = request.args.get("status") or None
    if status not in {s.value for s in ReportStatus} | {None}:
        status = None
    listing = (
        submission_module.reports_of_instrument(
            instrument, questionnaire, status, current_language()
        )
        if questionnaire
        else None
    )
    return render_template(
        "reporting/instrument_reports.html",
        instrument=instrument,
        questionnaires=questionnaires,
        questionnaire=questionnaire,
        status=status,
        listing=listing,
        statuses=list(ReportStatus),
    )


def _review_page(report: Report, return_form=None, accept_form=None, status: int = 200):
    submissions = submission_module.submissions_of(report)
    return (
        render_template(
            "reporting/review.html",
            report=report,
            latest=submissions[-1] if submissions else None,
            submissions=submissions,
            return_form=return_form or ReturnForm(),
            accept_form=accept_form or AcceptForm(),
            can_review=policy.can("report.review", report),
            recipients=notices.focal_points(report),
        ),
        status,
    )


@bp.route("/<int:report_id>/review")
def review(report_id: int):
    report = load_report(report_id, "report.submissions")
    return _review_page(report)


def _decided_already(report: Report):
    flash(_("Someone else has already decided on this submission."), "info")
    return redirect(url_for(".review", report_id=report.id))


@bp.route("/<int:report_id>/review/return", methods=["POST"])
def return_report(report_id: int):
    report = load_report(report_id, "report.submissions")
    if _decision_taken(report):
        return _decided_already(report)
    require("report.review", report)
    form = ReturnForm()
    if not form.validate_on_submit():
        return _review_page(report, return_form=form, status=422)
    try:
        done = submission_module.return_report(
            report, current_user, form.message.data, notify=False
        )
        db.session.commit()
    except ReportingError as error:
        db.session.rollback()
        form.message.errors = [*form.message.errors, error.message]
        return _review_page(report, return_form=form, status=422)
    flash(
        _("The report of %(party)s is returned with your message.", party=_party_name(report)),
        "success",
    )
    _tell(done, "report_returned")
    return redirect(url_for(".review", report_id=report.id))


@bp.route("/<int:report_id>/review/accept", methods=["POST"])
def accept_report(report_id: int):
    report = load_report(report_id, "report.submissions")
    if _decision_taken(report):
        return _decided_already(report)
    require("report.review", report)
    form = AcceptForm()
    if not form.validate_on_submit():
        return _review_page(report, accept_form=form, status=422)
    try:
        done = submission_module.accept(report, current_user, form.note.data or "", notify=False)
        db.session.commit()
    except ReportingError as error:
        db.session.rollback()
        flash(error.message, "danger")
        return _review_page(report, accept_form=form, status=422)
    flash(_("The report of %(party)s is accepted.", party=_party_name(report)), "success")
    _tell(done, "report_accepted")
    return redirect(url_for(".review", report_id=report.id))


def _decision_taken(report: Report) -> bool:
    """A second click on Return or Accept, or a stale tab, by the instrument's secretariat:
    the report is no longer awaiting a decision."""
    return report.status != ReportStatus.SUBMITTED and policy.can(
        "reports.instrument", report.questionnaire.instrument
    )


# --- submissions, differences, audit trail ----------------------------------------------------


@bp.route("/<int:report_id>/submissions")
def submissions(report_id: int):
    report = load_report(report_id, "report.read_submissions")
    found = submission_module.submissions_of(report)
    numbers = [s.number for s in found]
    older = request.args.get("a", type=bounds.integer)
    newer = request.args.get("b", type=bounds.integer)
    if older is None and newer is None and len(found) >= 2:
        older, newer = numbers[-2], numbers[-1]
    problem = None
    differences = None
    if older is not None or newer is not None:
        if older not in numbers or newer not in numbers:
            problem = _("Choose two submissions of this report.")
        elif older == newer:
            problem = _("Choose two different submissions.")
        else:
            older, newer = min(older, newer), max(older, newer)
            by_number = {s.number: s for s in found}
            differences = submission_module.diff(
                by_number[older], by_number[newer], current_language()
            )
    return render_template(
        "reporting/submissions.html",
        report=report,
        submissions=found,
        older=older,
        newer=newer,
        problem=problem,
        differences=differences,
    )


@bp.route("/<int:report_id>/audit")
def report_audit(report_id: int):
    report = load_report(report_id, "report.submissions")
    return render_template("reporting/audit.html", report=report, lines=trail.lines(report))


# --- print and PDF ----------------------------------------------------------------------------


def _print_language() -> str:
    lang = request.args.get("lang") or current_language()
    if lang not in languages():
        abort(404)
    return lang


def _snapshot(report: Report, number: int | None) -> tuple[dict, object, str]:
    """(the snapshot to print, its submission or None, the language asked for): submission
    no. `number`, or the report as it stands when `number` is None."""
    lang = _print_language()
    if number is None:
        return snapshots.take(services.fill(report, lang, viewer=current_user)), None, lang
    done = submission_module.submission_by_number(report, number) or abort(404)
    return done.snapshot, done, lang


def _printed(report: Report, number: int | None, inline_css: str = "") -> tuple[str, str]:
    """(the HTML of the print view, the file name of its PDF). With `inline_css` the page
    carries its style (for WeasyPrint) and no toolbar."""
    snap, done, lang = _snapshot(report, number)
    confidential = policy.reads_report_confidential(current_user, report)
    html = printing.render(report, snap, lang, done, confidential, inline_css=inline_css)
    return html, documents.file_name(report, number, lang, "pdf")


@bp.route("/<int:report_id>/print")
def print_report(report_id: int):
    report = load_report(report_id, "report.read_submissions")
    return _printed(report, None)[0]


@bp.route("/<int:report_id>/submissions/<int:number>/print")
def print_submission(report_id: int, number: int):
    report = load_report(report_id, "report.read_submissions")
    return _printed(report, number)[0]


def _pdf(report: Report, number: int | None) -> Response:
    html, name = _printed(report, number, inline_css=printing.print_css())
    response = Response(printing.pdf(html, request.url_root), mimetype=documents.PDF_TYPE)
    response.headers["Content-Disposition"] = f'inline; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/<int:report_id>/print.pdf")
def print_report_pdf(report_id: int):
    return _pdf(load_report(report_id, "report.read_submissions"), None)


@bp.route("/<int:report_id>/submissions/<int:number>/print.pdf")
def print_submission_pdf(report_id: int, number: int):
    return _pdf(load_report(report_id, "report.read_submissions"), number)


DOCUMENTS = {
    "docx": (documents.docx_of, documents.DOCX_TYPE),
    "xlsx": (documents.xlsx_of, documents.XLSX_TYPE),
}


def _document(report: Report, number: int | None, extension: str) -> Response:
    """The report or one submission as a Word document or a spreadsheet, to save."""
    snap, done, lang = _snapshot(report, number)
    make, mimetype = DOCUMENTS[extension]
    confidential = policy.reads_report_confidential(current_user, report)
    response = Response(make(report, snap, lang, done, confidential), mimetype=mimetype)
    name = documents.file_name(report, number, lang, extension)
    response.headers["Content-Disposition"] = f'attachment; filename="{name}"'
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.route("/<int:report_id>/report.docx")
def report_docx(report_id: int):
    return _document(load_report(report_id, "report.read_submissions"), None, "docx")


@bp.route("/<int:report_id>/report.xlsx")
def report_xlsx(report_id: int):
    return _document(load_report(report_id, "report.read_submissions"), None, "xlsx")


@bp.route("/<int:report_id>/submissions/<int:number>/report.docx")
def submission_docx(report_id: int, number: int):
    return _document(load_report(report_id, "report.read_submissions"), number, "docx")


@bp.route("/<int:report_id>/submissions/<int:number>/report.xlsx")
def submission_xlsx(report_id: int, number: int):
    return _document(load_report(report_id, "report.read_submissions"), number, "xlsx")
