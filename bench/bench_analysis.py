"""Analysis at scale: CMS-COP15 submitted by 130, then 650 countries, on PostgreSQL.

On a scratch database (created, migrated, dropped at the end): `flask demo load`, then the
CMS-COP15 species loop grown to the size of a real CMS one, then `flask demo generate`
up to each size, and ANALYZE (see `analyze`). At each size it prints the rows of
`submitted_answers`, the long CSV export's time next to PostgreSQL's `COPY (the same rows) TO
STDOUT` (the goal: CSV ≤ 3 × COPY), the long XLSX export's time, the analysis results page's
time and SQL statements (as analyst@demo.test, through the test client; they must not grow with
countries), and each export's peak memory (tracemalloc; the goal: flat, ≤ 1.2 × from 130 to 650
countries). The exports and the page are measured only once they exist; until then the bench
says "not available yet".

Why the bench changes its database:
* Species: the demo's COP15 list has 38 species, which makes about 100 answer cells per report,
  13,000 at 130 countries. A CMS report's species loop runs to hundreds of species (the
  Appendices list over a thousand), so the bench adds `--species` synthetic species (default
  500: about 1,000 cells per report, over 100,000 at 130 countries). The app freezes a list
  once a published questionnaire uses it, so they are written straight into the bench's
  scratch database, never through the app.
* Parties: the directory holds 250 parties; 650 countries need about 450 more. They are
  created through the directory service with codes from XAA–XZZ, which ISO 3166-1 leaves to
  its users (never a real country's), one region after another, in the bench's database only:
  `flask demo generate` then makes them CMS Parties as it does for real countries.

The database is `--database` (a SQLAlchemy URL, or `sqlite` for a temporary SQLite file; COPY
is then not measured), else BENCH_DATABASE_URL, else postgresql+psycopg://postgres@127.0.0.1:
5432/bench_analysis. DATABASE_URL is never read: the bench drops the database it runs on.

Run: `make bench-analysis` (or `.venv/bin/python bench/bench_analysis.py --countries 130,650`).
Takes ten minutes or so. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import importlib
import os
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from itertools import product
from pathlib import Path
from string import ascii_uppercase

import _setup  # noqa: F401 - puts the project on sys.path
import sqlalchemy as sa
from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from app import create_app
from app.analysis import query
from app.bank.models import Species, SpeciesListEntry
from app.demo import generate
from app.demo.loader import DEMO_PASSWORD
from app.directory import services as directory
from app.directory.models import Party, PartyKind, Region
from app.extensions import db
from app.i18n import search_text
from app.questionnaires import services as questionnaires
from app.reporting.models import Report, ReportStatus, SubmittedAnswer

SCRATCH = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_analysis"
QUESTIONNAIRE = "CMS-COP15"
RESULTS = f"/analysis/{QUESTIONNAIRE}/results"
ANALYST = "analyst@demo.test"
LANG = "en"
SEED = 1
PAGE_RUNS = 3
NOT_YET = "not available yet"


# --- the database --------------------------------------------------------------------------------


def unreachable(url: str) -> str | None:
    """Why PostgreSQL cannot be reached at `url`, or None when it can."""
    engine = sa.create_engine(
        make_url(url).set(database="postgres"), connect_args={"connect_timeout": 3}
    )
    try:
        with engine.connect():
            return None
    except sa.exc.OperationalError as error:
        return str(error.orig).strip().splitlines()[0]
    finally:
        engine.dispose()


def _server(url: str) -> sa.Engine:
    return sa.create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def recreate(url: str) -> None:
    name = make_url(url).database
    engine = _server(url)
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def drop(url: str) -> None:
    engine = _server(url)
    with engine.connect() as connection:
        connection.execute(
            sa.text(f'DROP DATABASE IF EXISTS "{make_url(url).database}" WITH (FORCE)')
        )
    engine.dispose()


class Counter:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, *args, **kwargs) -> None:
        self.n += 1


# --- what the bench adds to its database ------------------------------------------------------


def grow_species_loop(count: int) -> tuple[int, int]:
    """`count` synthetic species at the end of CMS-COP15's (frozen) list, written as rows: the
    app refuses to change a list a published questionnaire uses. Returns (before, after)."""
    species_list = questionnaires.questionnaire_by_code(QUESTIONNAIRE).species_list
    before = len(species_list.entries)
    for number in range(1, count + 1):
        name = {"en": f"Bench species {number}", "fr": f"Espèce de banc {number}",
                "es": f"Especie de banco {number}"}  # fmt: skip
        scientific = f"Benchia synthetica {number:04d}"
        species = Species(
            taxon_id=f"benchia_synthetica_{number:04d}",
            scientific_name=scientific,
            common_name=name,
            group="birds",
            search_text=search_text(name, scientific),
        )
        db.session.add(species)
        species_list.entries.append(
            SpeciesListEntry(species=species, listing={}, position=before + number)
        )
    db.session.flush()
    return before, len(species_list.entries)


def add_parties(needed: int) -> list[str]:
    """`needed` synthetic countries (codes XAA, XAB, … that ISO 3166-1 leaves to its users),
    one region after another, through the directory service."""
    taken = set(db.session.scalars(sa.select(Party.code)))
    regions = list(Region)
    codes = (f"X{a}{b}" for a, b in product(ascii_uppercase, repeat=2))
    added: list[str] = []
    for code in codes:
        if len(added) >= needed:
            break
        if code in taken:
            continue
        region = regions[len(added) % len(regions)]
        directory.create_party(
            code=code,
            name={
                "en": f"Bench country {code}",
                "fr": f"Pays de banc {code}",
                "es": f"País de banco {code}",
            },  # fmt: skip
            region=region.value,
            kind=PartyKind.COUNTRY.value,
        )
        added.append(code)
    return added


def candidates() -> int:
    """Countries `flask demo generate` may still pick for CMS-COP15 (not protected, with a
    region, no COP15 report submitted)."""
    questionnaire = questionnaires.questionnaire_by_code(QUESTIONNAIRE)
    done = (
        sa.select(Report.party_id)
        .where(
            Report.questionnaire_id == questionnaire.id,
            Report.status.in_([ReportStatus.SUBMITTED.value, ReportStatus.ACCEPTED.value]),
        )
        .scalar_subquery()
    )
    return db.session.scalar(
        sa.select(sa.func.count(Party.id)).where(
            Party.kind == PartyKind.COUNTRY.value,
            Party.region.is_not(None),
            Party.code.not_in(sorted(generate.protected_parties())),
            Party.id.not_in(done),
        )
    )


# --- measuring ---------------------------------------------------------------------------------


def seconds(call: Callable[[], object]) -> tuple[float, object]:
    start = time.perf_counter()
    result = call()
    return time.perf_counter() - start, result


def peak_bytes(call: Callable[[], object]) -> int:
    """The peak of Python memory allocated while `call` runs (a run of its own: tracing slows
    everything, so times are measured without it)."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        call()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def exports_module():
    try:
        return importlib.import_module("app.analysis.exports")
    except ImportError:
        return None


def export_call(app, name: str, path: Path) -> Callable[[], int] | None:
    """A call that runs export `name` ("csv" or "xlsx") of CMS-COP15's long rows and returns
    its size in bytes, or None while app.analysis.exports lacks what it needs."""
    exports = exports_module()
    needed = {"csv": ("long_rows", "csv_chunks"), "xlsx": ("long_rows", "write_long_xlsx")}[name]
    if exports is None or not all(hasattr(exports, n) for n in needed):
        return None

    def run() -> int:
        with app.test_request_context("/"):
            questionnaire = questionnaires.questionnaire_by_code(QUESTIONNAIRE)
            rows = exports.long_rows(query.EVERYTHING, query.NO_FILTERS, questionnaire, LANG)
            if name == "csv":
                size = sum(len(chunk) for chunk in exports.csv_chunks(rows))
            else:
                exports.write_long_xlsx(rows, path)
                size = path.stat().st_size
            db.session.remove()
            return size

    return run


def rows_statement(questionnaire):
    """The statement the long export reads (exports.long_statement once it exists, else the
    query module's cells it is built on)."""
    exports = exports_module()
    if exports is not None and hasattr(exports, "long_statement"):
        return exports.long_statement(query.EVERYTHING, query.NO_FILTERS, questionnaire)
    return query.cells(query.EVERYTHING, query.NO_FILTERS, questionnaire=questionnaire)


def copy_seconds(app) -> tuple[float, int, int] | str:
    """PostgreSQL's own `COPY (SELECT …) TO STDOUT` of the rows the long export reads, as an
    analyst reading everything, read through psycopg: (seconds, bytes, rows)."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return "PostgreSQL only"
        stmt = rows_statement(questionnaires.questionnaire_by_code(QUESTIONNAIRE))
        sql = str(stmt.compile(dialect=db.engine.dialect, compile_kwargs={"literal_binds": True}))
        db.session.remove()
        raw = db.engine.raw_connection()
        try:
            start, size = time.perf_counter(), 0
            cursor = raw.driver_connection.cursor()
            with cursor, cursor.copy(f"COPY ({sql}) TO STDOUT WITH (FORMAT csv, HEADER)") as copy:
                for block in copy:
                    size += len(block)
            elapsed = time.perf_counter() - start
            raw.driver_connection.rollback()
        finally:
            raw.close()
        # counted apart, untimed: COPY TO reports no row count, and texts may hold line breaks
        rows = db.session.scalar(sa.select(sa.func.count()).select_from(stmt.subquery()))
        db.session.remove()
    return elapsed, size, rows


def results_page(app, counter: Counter) -> dict | str:
    """The analysis results page as the analyst: p50 time, SQL statements, status."""
    client = app.test_client()
    client.post("/account/login", data={"email": ANALYST, "password": DEMO_PASSWORD})
    if client.get("/account/").status_code != 200:
        return f"signing in as {ANALYST} failed"
    response = client.get(RESULTS)
    if response.status_code == 404:
        return f"{NOT_YET} (404)"
    times, statements = [], 0
    for _ in range(PAGE_RUNS):
        counter.n = 0
        elapsed, response = seconds(lambda: client.get(RESULTS))
        times.append(elapsed)
        statements = counter.n
    return {"ms": statistics.median(times) * 1000, "sql": statements,
            "status": response.status_code, "kib": len(response.data) / 1024}  # fmt: skip


def guarded(call: Callable[[], object]):
    """`call()`, or a line saying why the measurement could not be made (the exports and the
    page are being written while this bench is: a failure is printed, never fatal)."""
    try:
        return call()
    except Exception as error:  # noqa: BLE001 - a bench prints every failure and goes on
        return f"failed ({type(error).__name__}: {str(error).splitlines()[0][:120]})"


# --- one size ------------------------------------------------------------------------------------


def generate_up_to(app, total: int, done: int) -> tuple[float, str]:
    """Submit CMS-COP15 reports for `total - done` more countries (`flask demo generate`):
    (seconds, the command's last line of figures)."""
    args = ["demo", "generate", "--questionnaire", QUESTIONNAIRE, "--countries",
            str(total - done), "--seed", str(SEED + done)]  # fmt: skip
    elapsed, result = seconds(lambda: app.test_cli_runner().invoke(args=args))
    if result.exit_code != 0:
        raise SystemExit(f"flask demo generate failed:\n{result.output}\n{result.exception!r}")
    line = next((x for x in result.output.splitlines() if x.startswith("Submitted")), "")
    return elapsed, line.split(" for:")[0]


def analyze(app) -> float | None:
    """ANALYZE on PostgreSQL, as autovacuum would soon after a bulk load: with the statistics
    of the tables before it (a few rows), the planner joins memberships row by row and COPY of
    750,000 rows took 27 s instead of 3.7 s. Returns the seconds it took (None on SQLite)."""
    with app.app_context():
        if db.engine.dialect.name != "postgresql":
            return None
        db.session.remove()
        start = time.perf_counter()
        with db.engine.connect() as connection:
            connection.execute(sa.text("ANALYZE"))
            connection.commit()
        return time.perf_counter() - start


def rows_of_questionnaire(app) -> tuple[int, int]:
    """(latest rows of CMS-COP15 in submitted_answers, its reports with a submission)."""
    with app.app_context():
        questionnaire = questionnaires.questionnaire_by_code(QUESTIONNAIRE)
        rows, reports = db.session.execute(
            sa.select(
                sa.func.count(SubmittedAnswer.id),
                sa.func.count(sa.distinct(SubmittedAnswer.report_id)),
            ).where(SubmittedAnswer.questionnaire_id == questionnaire.id, SubmittedAnswer.latest)
        ).one()
        db.session.remove()
    return rows, reports


def measure(app, counter: Counter, size: int, tmp: Path) -> dict:
    figures: dict = {"size": size}
    figures["rows"], figures["reports"] = rows_of_questionnaire(app)
    print(f"  {figures['rows']:,} latest rows of {QUESTIONNAIRE} in submitted_answers "
          f"({figures['reports']} reports)")  # fmt: skip
    if size == 130 and figures["rows"] <= 100_000:
        print("  under 100,000 rows at 130 countries: raise --species (more species in the loop)")
    figures["copy"] = guarded(lambda: copy_seconds(app))
    for name in ("csv", "xlsx"):
        call = export_call(app, name, tmp / f"long-{size}.{name}")
        if call is None:
            figures[name] = figures[f"{name}_peak"] = NOT_YET
            continue
        figures[name] = guarded(lambda call=call: seconds(call))
        figures[f"{name}_peak"] = guarded(lambda call=call: peak_bytes(call))
    figures["page"] = guarded(lambda: results_page(app, counter))
    print_size(figures)
    return figures


def print_size(f: dict) -> None:
    copy = f["copy"]
    if isinstance(copy, tuple):
        print(f"  COPY (same rows) TO STDOUT: {copy[0]:.2f} s, {copy[1] / 2**20:.1f} MiB, "
              f"{copy[2]:,} rows")  # fmt: skip
    else:
        print(f"  COPY (same rows) TO STDOUT: {copy}")
    for name in ("csv", "xlsx"):
        value, peak = f[name], f[f"{name}_peak"]
        if isinstance(value, tuple):
            line = f"{value[0]:.2f} s, {value[1] / 2**20:.1f} MiB"
            if name == "csv" and isinstance(copy, tuple):
                line += f", {value[0] / copy[0]:.1f} × COPY (goal ≤ 3)"
            if isinstance(peak, int):
                line += f"; peak memory {peak / 2**20:.1f} MiB"
            print(f"  long {name.upper()} export: {line}")
        else:
            print(f"  long {name.upper()} export: {value}")
    page = f["page"]
    if isinstance(page, dict):
        print(f"  results page {RESULTS}: {page['ms']:.0f} ms (p50 of {PAGE_RUNS}), "
              f"{page['sql']} SQL statements, {page['status']}, {page['kib']:.0f} KiB")  # fmt: skip
    else:
        print(f"  results page {RESULTS}: {page}")


def compare(first: dict, last: dict) -> None:
    """Ratios from the smallest size to the largest: memory must stay flat, statements too."""
    print(f"\nfrom {first['size']} to {last['size']} countries "
          f"({first['rows']:,} to {last['rows']:,} rows):")  # fmt: skip
    for name in ("csv", "xlsx"):
        a, b = first[f"{name}_peak"], last[f"{name}_peak"]
        if isinstance(a, int) and isinstance(b, int):
            print(f"  {name.upper()} peak memory: {b / a:.2f} × (goal ≤ 1.2)")
        else:
            print(f"  {name.upper()} peak memory: {b if not isinstance(b, int) else a}")
    a, b = first["page"], last["page"]
    if isinstance(a, dict) and isinstance(b, dict):
        print(f"  results page SQL statements: {a['sql']} → {b['sql']} (must not grow); "
              f"time {a['ms']:.0f} → {b['ms']:.0f} ms")  # fmt: skip
    else:
        print(f"  results page: {b if not isinstance(b, dict) else a}")


# --- the run -------------------------------------------------------------------------------------


def prepare(app, sizes: list[int], species: int) -> None:
    with app.app_context():
        upgrade()
    elapsed, result = seconds(lambda: app.test_cli_runner().invoke(args=["demo", "load"]))
    if result.exit_code != 0:
        raise SystemExit(f"flask demo load failed:\n{result.output}\n{result.exception!r}")
    print(f"flask demo load: {elapsed:.1f} s ({result.output.strip()})")
    with app.app_context():
        before, after = grow_species_loop(species)
        print(f"{QUESTIONNAIRE} species loop: {before} → {after} species (synthetic ones added)")
        needed = max(sizes) - candidates()
        added = add_parties(needed) if needed > 0 else []
        if added:
            print(f"{len(added)} synthetic countries added: {added[0]}–{added[-1]}")
        db.session.commit()
        db.session.remove()


def run(url: str, sizes: list[int], species: int) -> None:
    # the test configuration: cheap password hashing, no CSRF token to fetch before signing in
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url, MAIL_SUPPRESS_SEND=True)
    try:
        prepare(app, sizes, species)
        counter = Counter()
        with app.app_context():
            sa.event.listen(db.engine, "before_cursor_execute", counter)
        results, done = [], 0
        with tempfile.TemporaryDirectory() as tmp:
            for size in sizes:
                elapsed, line = generate_up_to(app, size, done)
                done = size
                print(f"\n{size} countries: flask demo generate {elapsed:.1f} s ({line})")
                took = analyze(app)
                if took is not None:
                    print(f"  ANALYZE: {took:.1f} s")
                results.append(measure(app, counter, size, Path(tmp)))
        if len(results) > 1:
            compare(results[0], results[-1])
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def on_scratch_database(database: str, name: str, run: Callable[[str], None], keep: bool) -> None:
    """`run(url)` on a scratch database: a temporary SQLite file when `database` is "sqlite",
    else the PostgreSQL database `database` names, created afresh and dropped at the end
    (unless `keep`). `name` names the bench in what it prints and the SQLite file."""
    if database == "sqlite":
        with tempfile.TemporaryDirectory() as tmp:
            run(f"sqlite:///{tmp}/{name}.db")
        return
    why = unreachable(database)
    if why:
        safe = make_url(database).render_as_string(hide_password=True)
        print(f"{name}: skipped, PostgreSQL not reachable at {safe} ({why})")
        return
    recreate(database)
    try:
        run(database)
    finally:
        if not keep:
            drop(database)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="SQLAlchemy URL, or 'sqlite' (default: %(default)s)",
                        default=os.environ.get("BENCH_DATABASE_URL", SCRATCH))  # fmt: skip
    parser.add_argument("--countries", default="130,650", help="sizes, comma separated")
    parser.add_argument("--species", type=int, default=500, help="synthetic species added")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    options = parser.parse_args()
    sizes = sorted(int(n) for n in options.countries.split(","))
    on_scratch_database(
        options.database,
        "bench_analysis",
        lambda url: run(url, sizes, options.species),
        options.keep,
    )


if __name__ == "__main__":
    main()
