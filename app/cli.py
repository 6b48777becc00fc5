"""Flask CLI commands: `demo load`, `translate extract|update|compile`, `users create|grant`,
`backup create|restore`;
`export answers|status` and `analysis rebuild|worker` come from app/analysis/cli.py."""

from __future__ import annotations

import getpass
from pathlib import Path

import click
from babel.messages.frontend import CommandLineInterface
from flask import Flask, current_app
from flask.cli import AppGroup

from app.extensions import db

ROOT = Path(__file__).resolve().parent.parent
POT = ROOT / "translations" / "messages.pot"

demo_cli = AppGroup("demo", help="Demo data.")
translate_cli = AppGroup("translate", help="Interface translations (gettext catalogs).")
users_cli = AppGroup("users", help="Accounts and roles, for admins who prefer a terminal.")
backup_cli = AppGroup("backup", help="Backups of the database and attachments, and their restore.")
mail_cli = AppGroup("mail", help="The outbox: mails waiting, retried or failed.")


@demo_cli.command("load")
def demo_load() -> None:
    """Upsert the demo data set (idempotent; keeps what users entered)."""
    from app.demo import loader

    if not current_app.config.get("DEMO_ALLOWED"):
        raise click.ClickException("The demo cannot be loaded into a production configuration.")
    report = loader.load()
    db.session.commit()
    added = ", ".join(f"{n} {what}" for what, n in report.added.items()) or "nothing new"
    click.echo(f"Demo loaded: {added}.")


@demo_cli.command("generate")
@click.option("--questionnaire", "code", required=True, help="Questionnaire code, e.g. CMS-COP15.")
@click.option("--countries", type=int, required=True, help="How many reports to submit.")
@click.option("--seed", type=int, default=1, show_default=True, help="Same seed, same answers.")
def demo_generate(code: str, countries: int, seed: int) -> None:
    """Submit reports with varied, valid answers for COUNTRIES parties (load tests)."""
    import time

    from app.demo import generate

    if not current_app.config.get("DEMO_ALLOWED"):
        raise click.ClickException(
            "Demo reports cannot be generated in a production configuration."
        )
    try:
        selection = generate.select(code.upper(), countries, seed)
    except generate.GenerateError as error:
        raise click.ClickException(str(error)) from None
    if selection.added_members:
        click.echo(
            f"Made {len(selection.added_members)} more parties members of "
            f"{selection.questionnaire.instrument.code}: {', '.join(selection.added_members)}."
        )
    db.session.commit()
    start, answers = time.perf_counter(), 0
    for done, report in enumerate(selection.reports, start=1):
        answers += generate.submit_one(report, seed)
        if done % 10 == 0 or done == len(selection.reports):
            db.session.commit()  # a batch at a time: an interruption keeps what is done
            click.echo(f"  {done}/{len(selection.reports)} reports submitted")
    elapsed = time.perf_counter() - start
    parties = ", ".join(r.party.code for r in selection.reports) or "none"
    click.echo(
        f"Submitted {len(selection.reports)} {selection.questionnaire.code} reports "
        f"({answers} answers, {elapsed:.1f} s) for: {parties}."
    )
    if len(selection.reports) < countries:
        click.echo(f"Only {len(selection.reports)} parties could be found for {countries}.")
    click.echo(f"Left untouched: {', '.join(sorted(selection.protected))}.")


def pybabel(*args: str) -> None:
    CommandLineInterface().run(["pybabel", *args])


@translate_cli.command("extract")
def translate_extract() -> None:
    """Extract the interface strings into translations/messages.pot."""
    pybabel(
        "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_pgettext:1c,2",
        "--no-location",
        "--sort-output", "--project", "Family ORS", "-o", str(POT), str(ROOT / "app"),
    )  # fmt: skip


@translate_cli.command("update")
def translate_update() -> None:
    """Extract, then merge the template into every catalog."""
    translate_extract.callback()
    pybabel("update", "-i", str(POT), "-d", str(ROOT / "translations"), "--no-fuzzy-matching",
            "--ignore-obsolete")  # fmt: skip


@translate_cli.command("init")
@click.argument("lang")
def translate_init(lang: str) -> None:
    """Start the catalog of a new language."""
    translate_extract.callback()
    pybabel("init", "-i", str(POT), "-d", str(ROOT / "translations"), "-l", lang)


@translate_cli.command("compile")
def translate_compile() -> None:
    """Compile the catalogs (.po to .mo); the .mo files are build outputs, not committed."""
    compile_catalogs()


def compile_catalogs() -> None:
    """What `flask translate compile` does, callable without the CLI (the tests' set-up)."""
    pybabel("compile", "-d", str(ROOT / "translations"), "--statistics")


def _lookup_scope(role: str, instrument: str | None, party: str | None):
    from app.auth.models import Role
    from app.auth.services import GrantScope
    from app.directory import services as directory

    inst = directory.instrument_by_code(instrument) if instrument else None
    if instrument and inst is None:
        raise click.ClickException(f"No instrument with code {instrument}.")
    pty = directory.party_by_code(party) if party else None
    if party and pty is None:
        raise click.ClickException(f"No party with code {party}.")
    return GrantScope(Role(role), inst, pty)


@users_cli.command("create")
@click.argument("email")
@click.option("--name", required=True)
@click.option("--locale", type=click.Choice(["en", "fr", "es"]), default=None)
@click.option("--password", help="Prompted for when not given.")
def users_create(email: str, name: str, locale: str | None, password: str | None) -> None:
    """Create an account."""
    from app.auth import services

    password = password or getpass.getpass("Password: ")
    try:
        user = services.create_user(email, name, password=password, locale=locale)
    except services.AuthError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Created {user.email}.")


@users_cli.command("grant")
@click.argument("email")
@click.argument(
    "role", type=click.Choice(["admin", "secretariat", "focal_point", "contributor", "analyst"])
)
@click.option("--instrument", help="Instrument code, e.g. CMS.")
@click.option("--party", help="ISO 3166-1 alpha-3 code, e.g. FRA.")
def users_grant(email: str, role: str, instrument: str | None, party: str | None) -> None:
    """Grant a role to an existing account."""
    from app.auth import services

    user = services.user_by_email(email)
    if user is None:
        raise click.ClickException(f"No account for {email}.")
    try:
        services.grant_role(user, _lookup_scope(role, instrument, party))
    except services.AuthError as error:
        raise click.ClickException(str(error)) from None
    db.session.commit()
    click.echo(f"Granted {role} to {user.email}.")


def _attachment_storage():
    """The attachments' storage as configured: a folder, or an S3 bucket."""
    from app.reporting import storage
    from config import ConfigurationError

    try:
        return storage.configured(current_app.config)
    except ConfigurationError as error:
        raise click.ClickException(str(error)) from None


@backup_cli.command("create")
@click.option(
    "--output", "output", required=True, type=click.Path(file_okay=False, path_type=Path),
    help="A new (or empty) folder to write the backup into.",
)  # fmt: skip
def backup_create(output: Path) -> None:
    """Back up the database (pg_dump, or SQLite's online backup) and the attachments into
    OUTPUT, with a manifest of checksums and row counts."""
    from app.operations import backup

    try:
        manifest = backup.create(output, db.engine, _attachment_storage())
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    rows = sum(manifest["tables"].values())
    size = manifest["dump"]["size"] + sum(f["size"] for f in manifest["attachments"])
    click.echo(
        f"Backup written to {output}: {len(manifest['tables'])} tables, {rows} rows, "
        f"{len(manifest['attachments'])} attachments, {size / 2**20:.1f} MiB "
        f"(revision {manifest['revision']})."
    )


@backup_cli.command("restore")
@click.argument("source", type=click.Path(file_okay=False, exists=True, path_type=Path))
def backup_restore(source: Path) -> None:
    """Restore the backup in SOURCE into the empty database DATABASE_URL names and the empty
    attachment storage (ATTACHMENT_FOLDER, or the S3 bucket), then compare every table's rows,
    the answers and the attachments with its manifest (exit 1 on any difference)."""
    from app.operations import backup

    url = db.engine.url
    db.engine.dispose()  # the restore uses its own connections; the app's stay closed
    try:
        checked = backup.restore(source, url, _attachment_storage())
    except backup.BackupError as error:
        raise click.ClickException(str(error)) from None
    if checked.differences:
        for difference in checked.differences:
            click.echo(f"  {difference}", err=True)
        raise click.ClickException("The restored data differ from the backup's manifest.")
    click.echo(
        f"Restored from {source}: {checked.tables} tables and {checked.rows} rows, the answers "
        f"and {checked.files} attachments checked against the manifest."
    )


@mail_cli.command("deliver")
def mail_deliver() -> None:
    """Send the mails the queue has not: retries that are due, mails still waiting
    MAIL_STUCK_SECONDS after they were written, sends a killed worker left half done. Run by
    a timer (deploy/family-ors-mail.timer)."""
    from app.notify import mail

    counts = mail.deliver_due()
    if not counts:
        click.echo("No mail is due.")
        return
    click.echo(", ".join(f"{number} {status}" for status, number in sorted(counts.items())) + ".")


@mail_cli.command("status")
def mail_status() -> None:
    """How many mails are in each state; exits 1 when some failed for good (a monitor's
    check)."""
    from app.notify import outbox

    counts = outbox.counts()
    click.echo(", ".join(f"{number} {status}" for status, number in counts.items()) or "No mail.")
    if counts.get("failed"):
        raise SystemExit(1)


def register(app: Flask) -> None:
    from app.analysis.cli import analysis_cli, export_cli
    from app.interchange.cli import xlsform_cli
    from app.interchange.species_cli import species_cli

    for group in (
        demo_cli,
        translate_cli,
        users_cli,
        export_cli,
        analysis_cli,
        xlsform_cli,
        species_cli,
        backup_cli,
        mail_cli,
    ):
        app.cli.add_command(group)
