"""The Save button of a section without JavaScript: what one POST of a whole section costs.

On the peer comparison's questionnaire (bench/_peer300.py: sections of 30 questions of the
peer's types) and on one built from the same description with sections of 10, fp.sen posts a
whole section, every answer changed, as the browser does without JavaScript: first into an
empty section (the answers are inserted), then again and again (each is updated; its revision
merged within the merge window). Prints for each: SQL statements, commits, p50/p95 time (test
client; the redirected page is not counted). The statements and commits must not grow with the
items: one transaction, bulk writes (saving.save_answers).

Run: `make bench` (or `.venv/bin/python bench/bench_section_save.py`; `--database URL` for a
scratch PostgreSQL database, created afresh and dropped). Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

import _peer300
import sqlalchemy as sa
from _setup import demo_app, login
from bench_analysis import on_scratch_database
from flask_migrate import upgrade

from app import create_app
from app.demo import loader
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import services
from app.reporting.models import Answer, Report

RUNS = 20
SIZES = (10, 30)


def _target(code: str) -> tuple[int, int, list]:
    """(report id, first section id, its items) of SEN's report of `code`."""
    questionnaire = questionnaires.questionnaire_by_code(code)
    report = db.session.scalar(
        sa.select(Report).where(
            Report.questionnaire_id == questionnaire.id,
            Report.party_id == directory.party_by_code("SEN").id,
        )
    )
    section = services.fill(report, "en").rendered.sections[0]
    items = [
        (i.field_name, i.node.effective_type, i.node.effective_config) for i in section.items()
    ]
    return report.id, section.node.id, items


def _form(items, versions: dict[str, int], round_: int) -> dict:
    """Every item of the section, each answer different from the round before."""
    form: dict = {}
    for name, kind, config in items:
        form[f"p-{name}"] = "1"
        form[f"v-{name}"] = str(versions.get(name, 0))
        keys = [c["key"] for c in config.get("choices") or []]
        if kind == "number":
            form[name] = str(10 + round_)
        elif kind == "single_choice":
            form[name] = keys[round_ % len(keys)]
        elif kind == "multiple_choice":
            form[name] = [keys[round_ % len(keys)], keys[(round_ + 1) % len(keys)]]
        else:
            form[name] = f"Answer {round_} to {name}"
    return form


def _versions(report_id: int) -> dict[str, int]:
    rows = db.session.execute(
        sa.select(Answer.node_id, Answer.loop_key, Answer.version).where(
            Answer.report_id == report_id
        )
    )
    versions = {f"f-{n}" + (f"-{k}" if k else ""): v for n, k, v in rows}
    db.session.remove()
    return versions


class Count:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, *args, **kwargs) -> None:
        self.n += 1


def run(app, counter) -> None:
    commits = Count()
    with app.app_context():
        sa.event.listen(db.engine, "commit", commits)
        codes = {30: _peer300.build(), 10: _peer300.build("CMS-PERF100", 10, 10)}
        targets = {size: _target(code) for size, code in codes.items()}
        db.session.remove()
    client = app.test_client()
    login(client, "fp.sen@demo.test")
    print(f"{'section':10} {'save':8} {'SQL':>5} {'commits':>7} {'p50 ms':>8} {'p95 ms':>8}")
    for size in SIZES:
        report_id, section_id, items = targets[size]
        url = f"/reports/{report_id}/sections/{section_id}"
        for label, rounds in (("first", 1), ("next", RUNS)):
            times, sql, committed = [], 0, 0
            for round_ in range(rounds):
                with app.app_context():
                    form = _form(items, _versions(report_id), round_ + (label == "next"))
                counter.n = commits.n = 0
                start = time.perf_counter()
                response = client.post(url, data=form)
                times.append((time.perf_counter() - start) * 1000)
                sql, committed = counter.n, commits.n
                if response.status_code != 302:
                    raise SystemExit(f"the save was refused ({response.status_code})")
            times.sort()
            p95 = times[max(int(len(times) * 0.95) - 1, 0)]
            print(
                f"{size:>3} items  {label:8} {sql:>5} {committed:>7} "
                f"{statistics.median(times):>8.1f} {p95:>8.1f}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database", default=os.environ.get("BENCH_SECTION_DATABASE", "sqlite"),
                        help="a scratch PostgreSQL database's URL, or 'sqlite'")  # fmt: skip
    options = parser.parse_args()
    if options.database == "sqlite":
        with tempfile.TemporaryDirectory() as tmp, demo_app(tmp) as (app, counter):
            run(app, counter)
        return
    on_scratch_database(options.database, "bench_section_save", _on_postgres, keep=False)


def _on_postgres(url: str) -> None:
    """`run` on the PostgreSQL database `url` (just created), holding the demo."""
    app = create_app("test", SQLALCHEMY_DATABASE_URI=url)
    counter = Count()
    with app.app_context():
        upgrade()
        loader.load()
        db.session.commit()
        sa.event.listen(db.engine, "before_cursor_execute", counter)
    try:
        run(app, counter)
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


if __name__ == "__main__":
    main()
