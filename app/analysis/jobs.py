"""The queue of export jobs: files written away from the request that asks for them (XLSX
workbooks; CSV files too large to stream within a request), while the reader watches the
progress (the request returns at once; no request holds a worker).

Where a job runs:

- With `REDIS_URL` set, on the RQ queue `EXPORT_QUEUE` of that Redis: `flask analysis worker`
  runs a worker (as many as wanted, on any machine that reaches the database).
- Without it (the embedded default of `make run`), in a small pool of `EXPORT_THREADS` threads
  of the web process itself. A job then lasts only as long as that process: one interrupted
  by a restart is marked failed once it has outlived `EXPORT_JOB_TIMEOUT`, and can be asked for
  again. If Redis cannot be reached when a job is queued, the job runs in the pool too.

Either way the job's state is its row (`ExportJob`), written in short transactions of their
own, so that the progress page of any web process sees it move. A job checks again, when it
runs, that its reader may still read the questionnaire's answers, and reads them as the policy
lets that reader read them now. Files and jobs older than `EXPORT_MAX_AGE_HOURS` are removed
whenever a new job starts.
"""

from __future__ import annotations

import logging
import os
import secrets
import threading
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import datetime, timedelta
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import format_number, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import policy
from app.analysis import exports, query, status, synthesis
from app.analysis.models import FORMATS, ExportJob, JobKind, JobStatus
from app.extensions import db, reading_replica
from app.reporting import documents
from app.utils import utcnow

log = logging.getLogger(__name__)

ERRORS = {
    "forbidden": _l("Your account may no longer read the answers of this questionnaire."),
    "too_wide": _l(
        "These answers need more columns than a worksheet holds. Filter them, or export one "
        "row per answer cell."
    ),
    "stalled": _l("The export stopped before it was finished. Start it again."),
    "failed": _l(
        "The file could not be written. Start the export again; if it fails again, tell the "
        "administrators."
    ),
}

MAX_UNFINISHED = 3  # jobs of one person waiting or being written
_pool: ThreadPoolExecutor | None = None
_pool_lock = threading.Lock()
_running: set[Future] = set()


# --- asking for a job -----------------------------------------------------------------------


def start(
    user,
    questionnaire,
    kind: JobKind,
    lang: str,
    filters: query.Filters,
    file_format: str = "xlsx",
) -> ExportJob:
    """A new job of `user` (queued, not yet handed to a worker: commit, then `dispatch` it).
    Removes the jobs and files that have had their day first. `file_format` is one of
    `formats_of(kind)` (ValueError otherwise)."""
    if file_format not in formats_of(kind):
        raise ValueError(f"no {file_format} file for the {kind.value} export")
    cleanup()
    job = ExportJob(
        token=secrets.token_urlsafe(32),
        user_id=user.id,
        questionnaire_id=questionnaire.id,
        kind=kind.value,
        format=file_format,
        lang=lang,
        filters=_filters_json(filters),
    )
    db.session.add(job)
    db.session.flush()
    return job


def formats_of(kind: JobKind) -> tuple[str, ...]:
    """The formats a job of `kind` writes (the first is its default): the wide export is XLSX
    only, the synthesis a DOCX, the accepted reports a ZIP."""
    if kind == JobKind.WIDE:
        return ("xlsx",)
    if kind == JobKind.SYNTHESIS:
        return ("docx",)
    if kind == JobKind.REPORTS:
        return ("zip",)
    return FORMATS


def _filters_json(filters: query.Filters) -> dict:
    """`filters` as the JSON a job keeps."""
    return {
        "regions": list(filters.regions),
        "memberships": list(filters.memberships),
        "statuses": list(filters.statuses),
        "answered": [[node_id, key] for node_id, key in filters.answered],
    }


def _filters_read(data: dict | None) -> query.Filters:
    """The filters a job kept, read from the request that asked for it."""
    data = data or {}
    return query.Filters(
        tuple(data.get("regions") or ()),
        tuple(data.get("memberships") or ()),
        tuple(data.get("statuses") or ()),
        tuple((int(node_id), str(key)) for node_id, key in data.get("answered") or ()),
    )


def unfinished(user) -> int:
    """How many of `user`'s jobs are waiting or being written (MAX_UNFINISHED at most may be:
    a person watches a few files at once, and a click repeated in a hurry is not a queue)."""
    return (
        db.session.scalar(
            sa.select(sa.func.count(ExportJob.id)).where(
                ExportJob.user_id == user.id,
                ExportJob.status.in_([JobStatus.QUEUED.value, JobStatus.RUNNING.value]),
            )
        )
        or 0
    )


def dispatch(job_id: int) -> None:
    """Hand the committed job `job_id` to a worker: the RQ queue when REDIS_URL is set, else
    (or when Redis cannot be reached) the web process's thread pool. Reads no database."""
    app = current_app._get_current_object()
    url = app.config.get("REDIS_URL")
    if url:
        try:
            queue(url).enqueue(
                work,
                job_id,
                job_timeout=app.config["EXPORT_JOB_TIMEOUT"],
                result_ttl=0,
                failure_ttl=app.config["EXPORT_MAX_AGE_HOURS"] * 3600,
                description=f"export job {job_id}",
            )
            return
        except Exception:  # Redis down: the export still gets written, here
            log.exception("export job %s: the RQ queue cannot be reached; runs here", job_id)
    future = _executor(app).submit(_run_in_app, app, job_id)
    _running.add(future)
    future.add_done_callback(_running.discard)


def queue(url: str):
    """The RQ queue of export jobs on the Redis at `url`."""
    from redis import Redis
    from rq import Queue

    return Queue(current_app.config["EXPORT_QUEUE"], connection=Redis.from_url(url))


def _executor(app) -> ThreadPoolExecutor:
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ThreadPoolExecutor(
                max_workers=max(1, int(app.config.get("EXPORT_THREADS", 2))),
                thread_name_prefix="export-job",
            )
        return _pool


def wait_for_local_jobs(timeout: float = 60) -> bool:
    """Wait until the jobs of this process's pool are finished (the tests wait on it before
    they read a job's file). True when none is left running."""
    _done, pending = wait(list(_running), timeout=timeout)
    return not pending


def _run_in_app(app, job_id: int) -> None:
    with app.app_context():
        run(job_id)


def work(job_id: int) -> None:
    """What an RQ worker runs (under `flask analysis worker`, in its application context):
    the job, then a fresh session for the next one."""
    try:
        run(job_id)
    finally:
        db.session.remove()


# --- running a job --------------------------------------------------------------------------


def run(job_id: int) -> str:
    """Write the file of job `job_id`, if it is still queued (a job runs once, whoever picks it
    up). Returns the job's status afterwards."""
    if not _update(job_id, {"status": JobStatus.RUNNING.value, "started_at": utcnow()}, queued=1):
        job = db.session.get(ExportJob, job_id)
        return job.status if job else ""
    job = db.session.get(ExportJob, job_id)
    try:
        _write(job)
    except exports.TooManyColumns:
        db.session.rollback()
        _fail(job_id, "too_wide")
    except Exception:
        log.exception("export job %s failed", job_id)
        db.session.rollback()
        _fail(job_id, "failed")
    # End this session's reading transaction (it wrote nothing) and read the row afresh. A
    # commit, not a rollback: where the job's own transactions are nested in it (one shared
    # connection, as in the tests), a rollback would undo them.
    db.session.commit()
    return db.session.get(ExportJob, job_id).status


def _write(job: ExportJob) -> None:
    user, questionnaire = job.user, job.questionnaire
    if not policy.decide(user, "analysis.questionnaire", questionnaire):
        _fail(job.id, "forbidden")
        return
    scope = query.Scope.of(user)
    filters = _filters_read(job.filters)
    folder = export_folder()
    final, part = folder / f"{job.token}.{job.format}", folder / f"{job.token}.part"
    progress = _Progress(job.id)
    try:
        with reading_replica():  # the answers, from the replica when there is one
            done = _write_file(job, scope, filters, part, progress)
        os.replace(part, final)  # a file is named for download only once it is whole
    finally:
        part.unlink(missing_ok=True)
    _update(
        job.id,
        {
            "status": JobStatus.DONE.value,
            "file_name": final.name,
            "rows_done": done,
            "rows_total": max(done, progress.estimate),
            "finished_at": utcnow(),
        },
    )


def _write_file(job: ExportJob, scope, filters, path: Path, progress: _Progress) -> int:
    """The job's file at `path`; the answer rows (status: reports) written."""
    questionnaire, lang = job.questionnaire, job.lang
    if job.kind == JobKind.SYNTHESIS:
        return synthesis.write_docx(questionnaire, scope, filters, lang, path, progress)
    if job.kind == JobKind.REPORTS:
        return documents.write_reports_zip(questionnaire, job.user, lang, path, progress)
    if job.kind == JobKind.STATUS:
        rows = status.status_rows(questionnaire, filters, lang)
        progress.total(len(rows))
        table = exports.status_table(rows, lang)
        if job.format == "csv":
            return exports.write_csv(table, path)
        exports.write_table_xlsx(table, path, "status")
        return len(rows)
    progress.total(exports.count_cells(scope, filters, questionnaire))
    if job.kind == JobKind.WIDE:
        return exports.write_wide_xlsx(scope, filters, questionnaire, lang, path, progress)
    if job.format == "csv":
        table = exports.long_table(scope, filters, questionnaire, lang)
        return exports.write_csv(table, path, progress)
    rows = exports.long_rows(scope, filters, questionnaire, lang)
    return exports.write_long_xlsx(rows, path, progress)


class _Progress:
    """Rows written so far, saved every `exports.PROGRESS_EVERY` rows."""

    def __init__(self, job_id: int) -> None:
        self.job_id = job_id
        self.estimate = 0

    def total(self, estimate: int) -> None:
        self.estimate = estimate
        _update(self.job_id, {"rows_total": estimate})

    def __call__(self, done: int) -> None:
        _update(self.job_id, {"rows_done": done})


def _fail(job_id: int, error: str) -> None:
    _update(job_id, {"status": JobStatus.FAILED.value, "error": error, "finished_at": utcnow()})


def _update(job_id: int, values: dict, queued: int = 0) -> bool:
    """Write `values` to the job's row in a short transaction of its own (the job's session
    may be reading answers through a server-side cursor, which a commit would close). With
    `queued`, only if the job is still queued. True when the row was changed."""
    stmt = sa.update(ExportJob).where(ExportJob.id == job_id).values(touched_at=utcnow(), **values)
    if queued:
        stmt = stmt.where(ExportJob.status == JobStatus.QUEUED.value)
    bind = db.session.get_bind()
    with sa.orm.Session(bind=bind, join_transaction_mode="create_savepoint") as session:
        changed = session.execute(stmt).rowcount
        session.commit()
    return bool(changed)


# --- files and their lifetime ---------------------------------------------------------------


def export_folder() -> Path:
    folder = Path(current_app.config["EXPORT_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def file_of(job: ExportJob) -> Path | None:
    """The job's file, when it is written and still there."""
    if job.status != JobStatus.DONE or not job.file_name or "/" in job.file_name:
        return None
    path = export_folder() / job.file_name
    return path if path.is_file() else None


def cleanup(now: datetime | None = None) -> int:
    """Remove the jobs asked for more than EXPORT_MAX_AGE_HOURS ago with their files, and the
    folder's files older than that (left by a job that was interrupted); mark the jobs that
    outlived EXPORT_JOB_TIMEOUT without finishing as failed. In the caller's transaction.
    Returns how many jobs were removed."""
    config = current_app.config
    now = now or utcnow()
    cutoff = now - timedelta(hours=config["EXPORT_MAX_AGE_HOURS"])
    old = db.session.scalars(sa.select(ExportJob).where(ExportJob.created_at < cutoff)).all()
    folder = export_folder()
    for job in old:
        if job.file_name and "/" not in job.file_name:
            (folder / job.file_name).unlink(missing_ok=True)
        db.session.delete(job)
    stalled = now - timedelta(seconds=config["EXPORT_JOB_TIMEOUT"])
    db.session.execute(
        sa.update(ExportJob)
        .where(
            ExportJob.status.in_([JobStatus.QUEUED.value, JobStatus.RUNNING.value]),
            ExportJob.created_at < stalled,
        )
        .values(status=JobStatus.FAILED.value, error="stalled", finished_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.execute(_silent(now).values(status=JobStatus.FAILED.value, error="stalled"))
    for path in folder.iterdir():
        if path.is_file() and path.stat().st_mtime < cutoff.timestamp():
            path.unlink(missing_ok=True)
    db.session.flush()
    return len(old)


def _silent(now: datetime):
    """The UPDATE of the running jobs silent for EXPORT_STALL_SECONDS (their worker is gone)."""
    silent = now - timedelta(seconds=current_app.config["EXPORT_STALL_SECONDS"])
    return (
        sa.update(ExportJob)
        .where(ExportJob.status == JobStatus.RUNNING.value, ExportJob.touched_at < silent)
        .values(finished_at=now)
        .execution_options(synchronize_session=False)
    )


def check_stalled(job: ExportJob, now: datetime | None = None) -> bool:
    """Mark `job` failed when it is running but has given no sign of life for
    EXPORT_STALL_SECONDS: its worker was killed mid-file, or its machine is gone (the part it
    wrote is never offered: only a whole file is named for download). True when it was; the
    caller commits. The job's page asks on each look, so that its reader is told at once
    and offered to start it again."""
    if job.status != JobStatus.RUNNING:
        return False
    stmt = _silent(now or utcnow()).where(ExportJob.id == job.id)
    changed = db.session.execute(stmt.values(status=JobStatus.FAILED.value, error="stalled"))
    if changed.rowcount:
        db.session.refresh(job)
    return bool(changed.rowcount)


def again(job: ExportJob) -> ExportJob:
    """A new job asking for what `job` asked (its kind, format, language and filters), for the
    same person; commit, then `dispatch` it."""
    kind = JobKind(job.kind)
    return start(
        job.user, job.questionnaire, kind, job.lang, _filters_read(job.filters), job.format
    )


# --- what the job's page says ---------------------------------------------------------------


def sentence(job: ExportJob) -> str:
    """Where the job stands, in the reader's language."""
    if job.status == JobStatus.FAILED:
        return str(ERRORS.get(job.error, ERRORS["failed"]))
    if job.status == JobStatus.QUEUED:
        return _("Waiting for a worker to start the export.")
    if job.status == JobStatus.RUNNING and not job.rows_total:
        return _("The export has started.")
    if job.kind == JobKind.SYNTHESIS:
        return ngettext(
            "%(done)s of %(total)s question written.",
            "%(done)s of %(total)s questions written.",
            job.rows_total,
            done=format_number(job.rows_done),
            total=format_number(job.rows_total),
        )
    if job.kind == JobKind.REPORTS:
        return ngettext(
            "%(done)s of %(total)s report written.",
            "%(done)s of %(total)s reports written.",
            job.rows_total,
            done=format_number(job.rows_done),
            total=format_number(job.rows_total),
        )
    return ngettext(
        "%(done)s of about %(total)s row written.",
        "%(done)s of about %(total)s rows written.",
        job.rows_total,
        done=format_number(job.rows_done),
        total=format_number(job.rows_total),
    )


def download_name(job: ExportJob) -> str:
    what = {
        "long": "answers",
        "wide": "answers-wide",
        "status": "status",
        "synthesis": "synthesis",
        "reports": "reports",
    }[job.kind]
    return exports.filename(job.questionnaire, what, job.lang, job.format)
