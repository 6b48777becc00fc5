"""Commands for scripts: `flask xlsform export CODE FILE.xlsx` writes the same workbook as the
questionnaire page's download."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from app.interchange import xlsform
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
