"""The synthesis DOCX and the ZIP of accepted reports of CMS-COP15 at 130 countries.

On a scratch database prepared as bench_analysis prepares its own (`flask demo load`, the
CMS-COP15 species loop grown to `--species` synthetic species, synthetic countries where the
directory lacks some, `flask demo generate` up to `--countries`, ANALYZE), it prints:

* the synthesis DOCX (`synthesis.write_docx`, every item, no filter, as `flask export
  synthesis` writes it) in English and in French: time, peak memory (tracemalloc, a run of its
  own), size and items written;
* the ZIP of the accepted reports (`documents.write_reports_zip`, PDF, DOCX and XLSX of each,
  as admin@demo.test): time, size and the average per report. `demo generate` only submits:
  the bench accepts submitted reports through the review service (`submission.accept`, by the
  instrument's secretariat, as the demo loader does) until `--countries` reports are accepted.

`--profile` adds cProfile's 15 heaviest entries (cumulative) of the English synthesis.

The database is `--database` (a SQLAlchemy URL, or `sqlite` for a temporary SQLite file), else
BENCH_DATABASE_URL, else postgresql+psycopg://postgres@127.0.0.1:5432/bench_synthesis.
DATABASE_URL is never read: the bench drops the database it runs on.

Run: `make bench-synthesis` (or `.venv/bin/python bench/bench_synthesis.py --countries 130`).
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import pstats
import sys
import tempfile
from pathlib import Path

import _setup  # noqa: F401 - puts the project on sys.path
import sqlalchemy as sa
from bench_analysis import (
    QUESTIONNAIRE,
    analyze,
    generate_up_to,
    guarded,
    on_scratch_database,
    peak_bytes,
    prepare,
    rows_of_questionnaire,
    seconds,
)

from app import create_app
from app.analysis import query, synthesis
from app.auth.models import User
from app.demo.reports import secretariat
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import documents, submission
from app.reporting.models import Report, ReportStatus

SCRATCH = "postgresql+psycopg://postgres@127.0.0.1:5432/bench_synthesis"
ADMIN = "admin@demo.test"
LANGUAGES = ("en", "fr")
PROFILE_LINES = 15

# --- accepting ---------------------------------------------------------------------------------


def accept_up_to(app, wanted: int) -> tuple[int, int]:
    """Accept submitted CMS-COP15 reports (by party code) through the review service until
    `wanted` are accepted: (accepted now, accepted by the bench)."""
    with app.test_request_context("/"):
        questionnaire = questionnaires.questionnaire_by_code(QUESTIONNAIRE)

        def count(status: ReportStatus) -> int:
            return db.session.scalar(
                sa.select(sa.func.count(Report.id)).where(
                    Report.questionnaire_id == questionnaire.id, Report.status == status.value
                )
            )

        missing = max(wanted - count(ReportStatus.ACCEPTED), 0)
        reviewer = secretariat(questionnaire)
        submitted = db.session.scalars(
            sa.select(Report)
            .where(
                Report.questionnaire_id == questionnaire.id,
                Report.status == ReportStatus.SUBMITTED.value,
            )
            .order_by(Report.id)
            .limit(missing)
        ).all()
        for report in submitted:
            submission.accept(report, reviewer, notify=False)
        db.session.commit()
        accepted = count(ReportStatus.ACCEPTED)
        db.session.remove()
    return accepted, len(submitted)


# --- the two files -----------------------------------------------------------------------------


def synthesis_call(app, lang: str, path: Path):
    """A call that writes the synthesis in `lang` to `path`: (items written, bytes)."""

    def run() -> tuple[int, int]:
        with app.test_request_context("/"):
            questionnaire = questionnaires.questionnaire_by_code(QUESTIONNAIRE)
            items = synthesis.write_docx(
                questionnaire, query.EVERYTHING, query.NO_FILTERS, lang, path
            )
            db.session.remove()
        return items, path.stat().st_size

    return run


def zip_call(app, lang: str, path: Path):
    """A call that writes the ZIP of the accepted reports, as the admin: (reports, bytes)."""

    def run() -> tuple[int, int]:
        with app.test_request_context("/"):
            questionnaire = questionnaires.questionnaire_by_code(QUESTIONNAIRE)
            admin = db.session.scalar(sa.select(User).where(User.email == ADMIN))
            reports = documents.write_reports_zip(questionnaire, admin, lang, path)
            db.session.remove()
        return reports, path.stat().st_size

    return run


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def measure_synthesis(app, tmp: Path) -> None:
    for lang in LANGUAGES:
        call = synthesis_call(app, lang, tmp / f"synthesis-{lang}.docx")
        timed = guarded(lambda call=call: seconds(call))
        if isinstance(timed, str):
            print(f"  synthesis DOCX ({lang}): {timed}")
            continue
        elapsed, (items, size) = timed
        peak = guarded(lambda call=call: peak_bytes(call))
        peak_text = mib(peak) if isinstance(peak, int) else peak
        print(f"  synthesis DOCX ({lang}): {elapsed:.1f} s, peak memory {peak_text}, "
              f"{mib(size)}, {items} items")  # fmt: skip


def measure_zip(app, tmp: Path) -> None:
    timed = guarded(lambda: seconds(zip_call(app, "en", tmp / "reports-en.zip")))
    if isinstance(timed, str):
        print(f"  ZIP of accepted reports (en): {timed}")
        return
    elapsed, (reports, size) = timed
    each = f"{elapsed / reports:.2f} s per report" if reports else "no report"
    print(f"  ZIP of accepted reports (en, PDF + DOCX + XLSX each): {elapsed:.1f} s, "
          f"{mib(size)}, {reports} reports, {each}")  # fmt: skip


def profile_synthesis(app, tmp: Path) -> None:
    profiler = cProfile.Profile()
    profiler.runcall(synthesis_call(app, "en", tmp / "synthesis-profiled.docx"))
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(PROFILE_LINES)
    print(f"\ncProfile of the synthesis (en), {PROFILE_LINES} heaviest entries (cumulative):")
    print(out.getvalue().strip())


# --- the run -------------------------------------------------------------------------------------


def run(url: str, countries: int, species: int, profile: bool) -> None:
    # the test configuration: cheap password hashing, mail never sent
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url, MAIL_SUPPRESS_SEND=True)
    try:
        prepare(app, [countries], species)
        elapsed, line = generate_up_to(app, countries, 0)
        print(f"\n{countries} countries: flask demo generate {elapsed:.1f} s ({line})")
        elapsed, (accepted, by_bench) = seconds(lambda: accept_up_to(app, countries))
        print(f"  accepted {by_bench} submitted reports in {elapsed:.1f} s: {accepted} accepted")
        took = analyze(app)
        if took is not None:
            print(f"  ANALYZE: {took:.1f} s")
        rows, reports = rows_of_questionnaire(app)
        print(f"  {rows:,} latest rows of {QUESTIONNAIRE} in submitted_answers "
              f"({reports} reports)")  # fmt: skip
        with tempfile.TemporaryDirectory() as tmp:
            measure_synthesis(app, Path(tmp))
            measure_zip(app, Path(tmp))
            if profile:
                profile_synthesis(app, Path(tmp))
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="SQLAlchemy URL, or 'sqlite' (default: %(default)s)",
                        default=os.environ.get("BENCH_DATABASE_URL", SCRATCH))  # fmt: skip
    parser.add_argument("--countries", type=int, default=130, help="reports generated")
    parser.add_argument("--species", type=int, default=500, help="synthetic species added")
    parser.add_argument("--profile", action="store_true", help="cProfile the synthesis (en)")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end")
    options = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # each line as it comes, even through a pipe
    on_scratch_database(
        options.database,
        "bench_synthesis",
        lambda url: run(url, options.countries, options.species, options.profile),
        options.keep,
    )


if __name__ == "__main__":
    main()
