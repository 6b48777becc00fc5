"""`flask demo generate --questionnaire CMS-COP15 --countries 130`: time and SQL statements.

Runs the command itself (its progress lines show as it goes) on a fresh SQLite database holding
the demo, and prints the total, then per report: time (p50, p95) and SQL statements. CMS has
about 123 Parties in the demo, the four demo parties are left alone, so the command also makes
a few more countries Parties. Takes a minute or two.

Run: `make bench` (or `.venv/bin/python bench/bench_generate.py`). Prints figures; asserts
nothing.
"""

from __future__ import annotations

import statistics
import tempfile
import time

import sqlalchemy as sa
from _setup import demo_app
from flask.cli import ScriptInfo

from app.cli import demo_generate
from app.demo import generate
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting.models import Answer, Report, ReportStatus

QUESTIONNAIRE, COUNTRIES, SEED = "CMS-COP15", 130, 1


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, demo_app(tmp) as (app, counter):
        per_report: list[tuple[float, int, int]] = []  # seconds, SQL statements, answers
        submit_one = generate.submit_one

        def measured(report, seed):
            before, start = counter.n, time.perf_counter()
            saved = submit_one(report, seed)
            per_report.append((time.perf_counter() - start, counter.n - before, saved))
            return saved

        generate.submit_one = measured
        try:
            with app.app_context():
                db.session.remove()
                counter.n = 0
                start = time.perf_counter()
                demo_generate.main(
                    args=["--questionnaire", QUESTIONNAIRE, "--countries", str(COUNTRIES),
                          "--seed", str(SEED)],
                    obj=ScriptInfo(create_app=lambda: app),
                    standalone_mode=False,
                )  # fmt: skip
                elapsed, statements = time.perf_counter() - start, counter.n
                questionnaire = questionnaires.questionnaire_by_code(QUESTIONNAIRE)
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
        times = sorted(t * 1000 for t, _s, _a in per_report)
        sql = [s for _t, s, _a in per_report]
        saved = [a for _t, _s, a in per_report]
        print()
        print(
            f"flask demo generate --questionnaire {QUESTIONNAIRE} --countries {COUNTRIES} "
            f"(SQLite): {elapsed:.1f} s, {statements} SQL statements; {submitted} reports "
            f"submitted, {stored} answers stored"
        )
        print(f"{'per report':14} {'p50':>8} {'p95':>8} {'max':>8}")
        print(
            f"{'time (ms)':14} {statistics.median(times):>8.0f} "
            f"{times[max(int(len(times) * 0.95) - 1, 0)]:>8.0f} {times[-1]:>8.0f}"
        )
        print(
            f"{'SQL':14} {statistics.median(sql):>8.0f} "
            f"{sorted(sql)[max(int(len(sql) * 0.95) - 1, 0)]:>8} {max(sql):>8}"
        )
        print(
            f"{'answers':14} {statistics.median(saved):>8.0f} "
            f"{sorted(saved)[max(int(len(saved) * 0.95) - 1, 0)]:>8} {max(saved):>8}"
        )
        print(f"SQL per answer saved: {sum(sql) / max(sum(saved), 1):.1f}")


if __name__ == "__main__":
    main()
