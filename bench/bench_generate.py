"""`flask demo generate`: time and SQL statements, in all and per answer.

Runs the command itself (its progress lines show as it goes) on a fresh database holding the
demo, and prints the total (seconds, SQL statements, SQL per answer), then per report: time
(p50, p95), SQL statements and answers, and where the time goes: filling (the planned answers,
saved together through saving.save_answers) and submitting (validation, snapshot, the tidy rows
of submitted_answers). CMS has about 123 Parties in the demo, the four demo parties are left
alone, so the command also makes a few more countries Parties.

By default CMS-COP15 at 130 countries on SQLite (a minute or two). `--questionnaire peer300`
builds the peer comparison's questionnaire first (bench/_peer300.py: 300 questions, all
required); `--database URL` runs on a scratch PostgreSQL database, created afresh and dropped.
The goal of issue 17: `--questionnaire peer300 --database postgresql+psycopg://…` ≤ 30 s.

Run: `make bench` (or `.venv/bin/python bench/bench_generate.py [options]`). Prints figures;
asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from collections.abc import Callable

import _peer300
import sqlalchemy as sa
from _setup import Counter, demo_app
from bench_analysis import on_scratch_database
from flask.cli import ScriptInfo
from flask_migrate import upgrade

from app import create_app
from app.cli import demo_generate
from app.demo import answers as demo_answers
from app.demo import generate, loader
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import submission
from app.reporting.models import Answer, Report, ReportStatus

COUNTRIES, SEED = 130, 1


def _percentiles(values: list[float]) -> tuple[float, float, float]:
    ordered = sorted(values)
    return statistics.median(ordered), ordered[max(int(len(ordered) * 0.95) - 1, 0)], ordered[-1]


class Timed:
    """Wraps `module.name` to add up the seconds its calls take, until `restore`."""

    def __init__(self, module, name: str) -> None:
        self.module, self.name, self.seconds = module, name, 0.0
        self.original: Callable = getattr(module, name)

        def timed(*args, **kwargs):
            start = time.perf_counter()
            try:
                return self.original(*args, **kwargs)
            finally:
                self.seconds += time.perf_counter() - start

        setattr(module, name, timed)

    def restore(self) -> None:
        setattr(self.module, self.name, self.original)


def run(app, counter, code: str, countries: int, where: str) -> None:
    with app.app_context():
        if code == "peer300":
            code = _peer300.build()
        db.session.remove()
    per_report: list[tuple[float, int, int]] = []  # seconds, SQL statements, answers
    submit_one = generate.submit_one

    def measured(report, seed):
        before, start = counter.n, time.perf_counter()
        saved = submit_one(report, seed)
        per_report.append((time.perf_counter() - start, counter.n - before, saved))
        return saved

    generate.submit_one = measured
    filling, submitting = Timed(demo_answers, "fill_report"), Timed(submission, "submit")
    try:
        with app.app_context():
            db.session.remove()
            counter.n = 0
            start, cpu = time.perf_counter(), time.process_time()
            demo_generate.main(
                args=["--questionnaire", code, "--countries", str(countries),
                      "--seed", str(SEED)],
                obj=ScriptInfo(create_app=lambda: app),
                standalone_mode=False,
            )  # fmt: skip
            elapsed, statements = time.perf_counter() - start, counter.n
            cpu = time.process_time() - cpu
            questionnaire = questionnaires.questionnaire_by_code(code)
            submitted = db.session.scalar(
                sa.select(sa.func.count(Report.id)).where(
                    Report.questionnaire_id == questionnaire.id,
                    Report.status == ReportStatus.SUBMITTED.value,
                )
            )
            stored = db.session.scalar(
                sa.select(sa.func.count(Answer.id))
                .join(Report, Report.id == Answer.report_id)
                .where(Report.questionnaire_id == questionnaire.id)
            )
    finally:
        generate.submit_one = submit_one
        filling.restore()
        submitting.restore()
    saved = sum(a for _t, _s, a in per_report)
    print()
    print(
        f"flask demo generate --questionnaire {code} --countries {countries} ({where}): "
        f"{elapsed:.1f} s, {statements} SQL statements ({statements / max(saved, 1):.2f} per "
        f"answer saved); {submitted} reports submitted, {stored} answers stored"
    )
    print(
        f"of which filling {filling.seconds:.1f} s, submitting {submitting.seconds:.1f} s "
        f"(validation, snapshot, tidy rows); {cpu:.1f} s of this process's CPU (the rest: "
        "the database, and other processes on a busy machine)"
    )
    print(f"{'per report':14} {'p50':>8} {'p95':>8} {'max':>8}")
    for label, values, form in (
        ("time (ms)", [t * 1000 for t, _s, _a in per_report], ".0f"),
        ("SQL", [s for _t, s, _a in per_report], ".0f"),
        ("answers", [a for _t, _s, a in per_report], ".0f"),
    ):
        print(f"{label:14} " + " ".join(f"{v:>8{form}}" for v in _percentiles(values)))


def _on_postgres(url: str, code: str, countries: int) -> None:
    """`run` on the PostgreSQL database `url` (just created), holding the demo."""
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    counter = Counter()
    with app.app_context():
        upgrade()
        loader.load()
        db.session.commit()
        sa.event.listen(db.engine, "before_cursor_execute", counter)
    try:
        run(app, counter, code, countries, "PostgreSQL")
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("BENCH_GENERATE_DATABASE", "sqlite"),
                        help="a scratch PostgreSQL database's URL, or 'sqlite'")  # fmt: skip
    parser.add_argument("--questionnaire", default="CMS-COP15",
                        help="a questionnaire code, or peer300 (built first)")  # fmt: skip
    parser.add_argument("--countries", type=int, default=COUNTRIES)
    options = parser.parse_args()
    code, countries = options.questionnaire, options.countries
    if options.database == "sqlite":
        with tempfile.TemporaryDirectory() as tmp, demo_app(tmp) as (app, counter):
            run(app, counter, code, countries, "SQLite")
        return
    on_scratch_database(
        options.database,
        "bench_generate",
        lambda url: _on_postgres(url, code, countries),
        keep=False,
    )


if __name__ == "__main__":
    main()
