"""Commands for scripts: `flask export answers|status` write the same files as the downloads
(the same functions, reading the whole database as an administrator would: `query.EVERYTHING`);
`flask analysis rebuild` rewrites the tidy relation from the stored snapshots; `flask analysis
worker` runs an RQ worker for the export jobs."""

from __future__ import annotations

from pathlib import Path

import click
import sqlalchemy as sa
from flask import current_app
from flask.cli import AppGroup

from app.analysis import exports, query, status, synthesis
from app.extensions import db
from app.i18n import languages
from app.questionnaires.models import Questionnaire

export_cli = AppGroup("export", help="Analysis files: answers and status, as CSV or XLSX.")
analysis_cli = AppGroup("analysis", help="The tidy relation of submitted answers; export jobs.")

FORMATS = ("csv", "xlsx")


@export_cli.command("answers")
@click.option("--questionnaire", "code", required=True, help="Questionnaire code, e.g. CMS-COP14.")
@click.option("--format", "file_format", default="csv", show_default=True, help="csv or xlsx.")
@click.option("--language", "lang", default="en", show_default=True, help="en, fr or es.")
@click.option("--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--wide", is_flag=True, help="One row per country (xlsx only).")
def export_answers(code: str, file_format: str, lang: str, output: str, wide: bool) -> None:
    """Every submitted answer of a questionnaire, one row per answer cell (or per country)."""
    questionnaire = _questionnaire(code)
    file_format, lang = _format(file_format), _language(lang)
    if wide and file_format != "xlsx":
        raise click.ClickException("--wide writes XLSX only: add --format xlsx.")
    scope, filters = query.EVERYTHING, query.NO_FILTERS
    if wide:
        rows = exports.write_wide_xlsx(scope, filters, questionnaire, lang, Path(output))
    elif file_format == "xlsx":
        long_rows = exports.long_rows(scope, filters, questionnaire, lang)
        rows = exports.write_long_xlsx(long_rows, Path(output))
    else:
        table = exports.long_table(scope, filters, questionnaire, lang)
        rows = exports.write_csv(table, output)
    click.echo(f"Wrote {output}: {rows} answer rows of {questionnaire.code} in {lang}.")


@export_cli.command("status")
@click.option("--questionnaire", "code", required=True, help="Questionnaire code, e.g. CMS-COP15.")
@click.option("--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
@click.option("--format", "file_format", default="csv", show_default=True, help="csv or xlsx.")
@click.option("--language", "lang", default="en", show_default=True, help="en, fr or es.")
def export_status(code: str, output: str, file_format: str, lang: str) -> None:
    """Every report owed for a questionnaire, with its status, progress and dates."""
    questionnaire = _questionnaire(code)
    file_format, lang = _format(file_format), _language(lang)
    table = exports.status_table(status.status_rows(questionnaire, query.NO_FILTERS, lang), lang)
    if file_format == "xlsx":
        exports.write_table_xlsx(table, Path(output), "status")
    else:
        exports.write_csv(table, output)
    click.echo(f"Wrote {output}: {len(table) - 1} reports of {questionnaire.code}.")


@export_cli.command("synthesis")
@click.option("--questionnaire", "code", required=True, help="Questionnaire code, e.g. CMS-COP14.")
@click.option("--language", "lang", default="en", show_default=True, help="en, fr or es.")
@click.option("--output", required=True, type=click.Path(dir_okay=False), help="File to write.")
def export_synthesis(code: str, lang: str, output: str) -> None:
    """The synthesis of the national reports as a Word document (DOCX): the items of the
    questionnaire's synthesis plan, their charts, tables by region and quoted answers."""
    questionnaire = _questionnaire(code)
    lang = _language(lang)
    if not output.lower().endswith(".docx"):
        raise click.ClickException("--output must name a .docx file.")
    items = synthesis.write_docx(questionnaire, query.EVERYTHING, query.NO_FILTERS, lang, output)
    click.echo(
        f"Wrote {output}: the synthesis of {questionnaire.code} in {lang}, {items} questions."
    )


@analysis_cli.command("rebuild")
def analysis_rebuild() -> None:
    """Rewrite submitted_answers from the stored snapshots (after a change of how answers
    split into cells)."""
    from app.reporting import tidy

    rows = tidy.rebuild()
    db.session.commit()
    click.echo(f"Rebuilt submitted_answers: {rows} rows.")


@analysis_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop once the queue is empty.")
def analysis_worker(burst: bool) -> None:
    """Run an RQ worker for the job queue: mails first (MAIL_QUEUE, with the scheduler that
    runs their retries), then export jobs (needs REDIS_URL; without it the web process sends
    the mails and writes the files itself)."""
    from redis import Redis
    from rq import Queue, SimpleWorker
    from rq.timeouts import TimerDeathPenalty

    url = current_app.config.get("REDIS_URL")
    if not url:
        raise click.ClickException(
            "REDIS_URL is not set: without it the web process runs the export jobs itself, "
            "and no worker is needed."
        )
    connection = Redis.from_url(url)
    queues = [
        Queue(current_app.config[name], connection=connection)
        for name in ("MAIL_QUEUE", "EXPORT_QUEUE")
    ]
    # One process, no fork: the jobs share this application and its connection pool; the
    # job timeout is kept by a timer thread rather than SIGALRM. The scheduler puts a failed
    # mail back on its queue when its retry is due.
    worker = SimpleWorker(queues, connection=connection)
    worker.death_penalty_class = TimerDeathPenalty
    worker.work(burst=burst, with_scheduler=True)


def _questionnaire(code: str) -> Questionnaire:
    found = db.session.scalar(sa.select(Questionnaire).where(Questionnaire.code == code.upper()))
    if found is None:
        raise click.ClickException(f"No questionnaire with code {code}.")
    return found


def _format(value: str) -> str:
    if value.lower() not in FORMATS:
        raise click.ClickException(f"Unknown format {value}: give csv or xlsx.")
    return value.lower()


def _language(value: str) -> str:
    if value not in languages():
        raise click.ClickException(f"Unknown language {value}: give {', '.join(languages())}.")
    return value
