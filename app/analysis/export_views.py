"""The downloads behind the analysis pages: the long CSV of a questionnaire's answers streamed
as it is read; XLSX files (and CSV files too large to stream) written by an export job whose
progress page the reader watches; the
status table of its reports as CSV or XLSX. Each asks the policy first ("analysis.questionnaire":
a questionnaire outside the reader's instruments does not exist, 404, as on the pages:
`responses.questionnaire`), reads its filters with `filters_from_args` (what cannot be read is
the pages' 400 saying why) and reads the answers as the
policy lets this reader read them (`query.Scope.of`)."""

from __future__ import annotations

import io
import re

import sqlalchemy as sa
from flask import (
    Response,
    abort,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    send_file,
    stream_with_context,
    url_for,
)
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from app import policy
from app.analysis import bp, exports, jobs, query, responses, status
from app.analysis.filters import filters_from_args
from app.analysis.models import FILE_FORMATS, FORMATS, ExportJob, JobKind, JobStatus
from app.extensions import db
from app.forms_common import ConfirmForm
from app.i18n import current_language, languages
from app.questionnaires.models import Questionnaire

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"
MEDIA_TYPES = {
    "xlsx": XLSX,
    "csv": "text/csv",  # Flask adds the charset
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "zip": "application/zip",
}
TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


@bp.route("/<code>/export/answers.csv")
@login_required
def answers_csv(code: str):
    """Every answer cell the reader may read, one row each (exports.COLUMNS), streamed."""
    questionnaire = responses.questionnaire(code)
    filters, lang = _read_or_refuse(request.args, questionnaire)
    rows = exports.long_table(query.Scope.of(current_user), filters, questionnaire, lang)
    name = exports.filename(questionnaire, "answers", lang, "csv")
    body = stream_with_context(exports.csv_chunks(rows))
    return _attachment(Response(body, content_type=CSV), name)


@bp.route("/<code>/export/status.csv")
@login_required
def status_csv(code: str):
    questionnaire = responses.questionnaire(code)
    filters, lang = _read_or_refuse(request.args, questionnaire)
    table = exports.status_table(status.status_rows(questionnaire, filters, lang), lang)
    name = exports.filename(questionnaire, "status", lang, "csv")
    return _attachment(Response(exports.csv_chunks(table), content_type=CSV), name)


@bp.route("/<code>/export/status.xlsx")
@login_required
def status_xlsx(code: str):
    """The status table as a workbook, written here: one row per owing party is small."""
    questionnaire = responses.questionnaire(code)
    filters, lang = _read_or_refuse(request.args, questionnaire)
    table = exports.status_table(status.status_rows(questionnaire, filters, lang), lang)
    book = io.BytesIO()
    exports.write_table_xlsx(table, book, "status")
    book.seek(0)
    return send_file(
        book,
        mimetype=XLSX,
        as_attachment=True,
        download_name=exports.filename(questionnaire, "status", lang, "xlsx"),
        max_age=0,
    )


@bp.route("/<code>/export", methods=["POST"])
@login_required
def start_export(code: str):
    """Start an export job and show its progress. The form posts `kind` (long, wide, status,
    synthesis or reports), `format` (xlsx, or csv: a CSV too large to stream; the wide export
    is XLSX only, the synthesis DOCX, the accepted reports ZIP: `jobs.formats_of`), `lang` and
    the filters, named as `filters_from_args` reads them (in the form or in the address)."""
    questionnaire = responses.questionnaire(code)
    values = request.values
    problems = []
    kind = values.get("kind") or JobKind.LONG.value
    known = kind in {k.value for k in JobKind}
    if not known:
        problems.append(_("“%(value)s” is not a kind of export.", value=kind[:40]))
    offered = jobs.formats_of(JobKind(kind)) if known else FORMATS
    file_format = values.get("format") or offered[0]
    if file_format not in FILE_FORMATS:
        problems.append(
            _("“%(value)s” is not a format these files are written in.", value=file_format[:40])
        )
    elif kind == JobKind.WIDE and file_format != "xlsx":
        problems.append(_("The export with one row per country is written as XLSX only."))
    elif file_format not in offered:
        problems.append(
            _("This file is not written as %(format)s.", format=file_format.upper()[:40])
        )
    filters, lang, more = _read(values, questionnaire)
    if problems + more:
        _refuse(400, _("Bad request"), " ".join(problems + more))
    _not_too_many()
    job = jobs.start(current_user, questionnaire, JobKind(kind), lang, filters, file_format)
    return _dispatched(job)


def _not_too_many() -> None:
    if jobs.unfinished(current_user) >= jobs.MAX_UNFINISHED:
        message = ngettext(
            "%(num)d of your exports is still being written: start another once it is finished.",
            "%(num)d of your exports are still being written: start another once one of "
            "them is finished.",
            jobs.MAX_UNFINISHED,
        )
        _refuse(429, _("Too many attempts"), message)


def _dispatched(job: ExportJob):
    job_id, page = job.id, url_for("analysis.export_job", token=job.token)
    db.session.commit()
    # After the commit, the worker must find the row; and nothing here reads the database
    # any more (a thread of this process may be working already).
    jobs.dispatch(job_id)
    return redirect(page, code=303)


@bp.route("/jobs/<token>/again", methods=["POST"])
@login_required
def export_job_again(token: str):
    """A failed job asked for again, as it was (kind, format, language, filters)."""
    job = _own_job(token)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if job.status != JobStatus.FAILED:
        return redirect(url_for("analysis.export_job", token=job.token), code=303)
    _not_too_many()
    return _dispatched(jobs.again(job))


@bp.route("/jobs/<token>")
@login_required
def export_job(token: str):
    job = _own_job(token)
    return render_template(
        "analysis/job.html",
        job=job,
        form=ConfirmForm(),
        sentence=jobs.sentence(job),
        error=jobs.ERRORS.get(job.error) if job.error else None,
        ready=jobs.file_of(job) is not None,
    )


@bp.route("/jobs/<token>.json")
@login_required
def export_job_state(token: str):
    """Where the job stands, for the page's script: the sentence to show, already translated."""
    job = _own_job(token)
    return jsonify(
        status=job.status,
        label=job.status_enum.label,
        done=job.rows_done,
        total=job.rows_total,
        finished=job.finished,
        sentence=jobs.sentence(job),
    )


@bp.route("/jobs/<token>/file")
@login_required
def export_job_file(token: str):
    job = _own_job(token)
    path = jobs.file_of(job)
    if path is None:
        abort(404)
    return send_file(
        path,
        mimetype=MEDIA_TYPES[job.format],
        as_attachment=True,
        download_name=jobs.download_name(job),
        max_age=0,
    )


# --- helpers --------------------------------------------------------------------------------


def _read(values, questionnaire: Questionnaire) -> tuple[query.Filters, str, list[str]]:
    """(filters, language, problems) from the request: the filters as the pages read them (for
    the reader's scope), the file's language (default: the reader's)."""
    filters, problems = filters_from_args(values, questionnaire, query.Scope.of(current_user))
    lang = values.get("lang") or current_language()
    if lang not in languages():
        problems.append(_("“%(value)s” is not a language of this site.", value=lang[:40]))
    return filters, lang, problems


def _read_or_refuse(values, questionnaire: Questionnaire) -> tuple[query.Filters, str]:
    """`_read`, or the analysis pages' 400 listing what cannot be read."""
    filters, lang, problems = _read(values, questionnaire)
    if problems:
        responses.refuse(problems)
    return filters, lang


def _refuse(code: int, title: str, message: str) -> None:
    """Stop with the error page saying `message`."""
    page = render_template("errors/error.html", code=code, title=title, message=message)
    abort(make_response(page, code))


def _own_job(token: str) -> ExportJob:
    """The reader's own job of `token`, while they still analyse its questionnaire; to anyone
    else it does not exist (404)."""
    job = None
    if TOKEN.fullmatch(token):
        job = db.session.scalar(sa.select(ExportJob).where(ExportJob.token == token))
    if job is None or job.user_id != current_user.id:
        abort(404)
    policy.require("analysis.questionnaire", job.questionnaire)
    if jobs.check_stalled(job):
        db.session.commit()
    return job


def _attachment(response: Response, name: str) -> Response:
    response.headers.set("Content-Disposition", "attachment", filename=name)
    response.headers["Cache-Control"] = "private, no-store"
    return response
