"""Commands for scripts: `flask xlsform export CODE FILE.xlsx` writes the same workbook as the
questionnaire page's download; `flask xlsform import FILE.xlsx --instrument CODE --cycle NAME`
reads one back as a new draft questionnaire (xlsform_import.py)."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from app.directory import services as directory
from app.extensions import db
from app.interchange import xlsform, xlsform_import
from app.questionnaires import services as questionnaires

xlsform_cli = AppGroup("xlsform", help="Questionnaires as XLSForm workbooks (ODK, KoboToolbox).")


@xlsform_cli.command("export")
@click.argument("code")
@click.argument("output", type=click.Path(dir_okay=False))
def export(code: str, output: str) -> None:
    """Write the questionnaire CODE as an XLSForm workbook to OUTPUT (.xlsx)."""
    questionnaire = questionnaires.questionnaire_by_code(code.upper())
    if questionnaire is None:
        raise click.ClickException(f"No questionnaire with code {code}.")
    data = xlsform.workbook(questionnaire)
    Path(output).write_bytes(data)
    click.echo(f"Wrote {questionnaire.code} as an XLSForm to {output} ({len(data):,} bytes).")


@xlsform_cli.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--instrument", "instrument_code", required=True, help="Instrument code, e.g. CMS.")
@click.option("--cycle", required=True, help="The reporting cycle, e.g. COP16.")
@click.option("--code", default=None, help="The new questionnaire's code (else the form_id).")
@click.option("--preview", is_flag=True, help="Say what would be imported; create nothing.")
def import_(path: str, instrument_code: str, cycle: str, code: str | None, preview: bool) -> None:
    """Import the XLSForm at PATH as a new draft questionnaire (all or nothing); print what was
    imported and what was left out or refused, with sheet and row. Exit 1 when refused."""
    instrument = directory.instrument_by_code(instrument_code.upper())
    if instrument is None:
        raise click.ClickException(f"No instrument with code {instrument_code}.")
    outcome = xlsform_import.read(
        Path(path).read_bytes(), instrument=instrument, cycle=cycle, code=code, apply=not preview
    )
    for problem in outcome.refused:
        click.echo(f"refused: {_where(problem)}{problem.message}", err=True)
    if not outcome.ok:
        raise SystemExit(1)
    for problem in outcome.left_out:
        click.echo(f"left out: {_where(problem)}{problem.message}")
    if preview:
        db.session.rollback()
        click.echo(
            f"Would import {outcome.sections} sections and {outcome.items} questions "
            f"({outcome.bank_items} from the bank); nothing was created."
        )
        return
    db.session.commit()
    click.echo(
        f"Imported {outcome.questionnaire.code}, a draft of {instrument.code} for {cycle}: "
        f"{outcome.sections} sections, {outcome.items} questions ({outcome.bank_items} from the "
        "bank)."
    )


def _where(problem) -> str:
    if problem.row is None:
        return f"{problem.sheet}: " if problem.sheet else ""
    return f"{problem.sheet}, row {problem.row}: "
