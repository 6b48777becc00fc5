"""Commands for scripts: `flask species import-taxa FILE [--preview]` and `flask species
import-list FILE --instrument CODE --cycle NAME [--preview]` do what the species import page
does (species_import.py), all or nothing: they print what changes, or every refused row with
its sheet and row, and exit 1 on refusal."""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from app.directory import services as directory
from app.extensions import db
from app.interchange import species_import, tabular

species_cli = AppGroup("species", help="Taxa and species lists from CSV or XLSX files.")


def _data(path: str) -> bytes:
    with open(path, "rb") as file:  # no more than the limit is read, as from an upload
        return file.read(tabular.MAX_BYTES + 1)


def _report(outcome, preview: bool, what: str) -> None:
    for problem in outcome.refused:
        where = f"{problem.sheet}, row {problem.row}: " if problem.row else ""
        click.echo(f"refused: {where}{problem.message}", err=True)
    if not outcome.ok:
        db.session.rollback()
        raise SystemExit(1)
    if outcome.ignored_columns:
        click.echo(f"columns left aside: {', '.join(outcome.ignored_columns)}")
    counts = (
        f"{len(outcome.added)} added, {len(outcome.changed)} changed, "
        + (f"{len(outcome.removed)} removed, " if outcome.kind == species_import.LIST else "")
        + f"{outcome.unchanged} unchanged"
    )
    if preview:
        db.session.rollback()
        click.echo(f"Would import {what}: {counts}; nothing was changed.")
        return
    db.session.commit()
    click.echo(f"Imported {what}: {counts}.")


@species_cli.command("import-taxa")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--preview", is_flag=True, help="Say what would change; change nothing.")
def import_taxa(path: str, preview: bool) -> None:
    """Add or change the taxa of the CSV or XLSX file at PATH."""
    outcome = species_import.read_taxa(_data(path), Path(path).name, apply=not preview)
    _report(outcome, preview, "taxa")


@species_cli.command("import-list")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--instrument", "instrument_code", required=True, help="Instrument code, e.g. CMS.")
@click.option("--cycle", required=True, help="The reporting cycle, e.g. COP16.")
@click.option("--preview", is_flag=True, help="Say what would change; change nothing.")
def import_list(path: str, instrument_code: str, cycle: str, preview: bool) -> None:
    """Make the file at PATH the species list of the instrument for the cycle."""
    instrument = directory.instrument_by_code(instrument_code.upper())
    if instrument is None:
        raise click.ClickException(f"No instrument with code {instrument_code}.")
    outcome = species_import.read_list(
        _data(path), Path(path).name, instrument=instrument, cycle=cycle, apply=not preview
    )
    compared = f" (compared with {outcome.compared_with})" if outcome.compared_with else ""
    _report(outcome, preview, f"the list of {instrument.code} for {cycle.strip()}{compared}")
