"""Our side of the peer comparison (bench/bench_peer.py), run in a subprocess on one copy of
the application: the tree under test, which may be a git worktree of an older commit.

    BENCH_TREE=<tree> DATABASE_URL=<url> python bench/peer_ours.py build
    BENCH_TREE=<tree> BENCH_DATABASE_URL=<url> python bench/peer_ours.py load

The application comes from BENCH_TREE (default: this file's project), the questionnaire's
description (bench/peer/spec.py) from this file's project, so that an older commit is measured
on the same questionnaire with its own code.

`build`, after `flask db upgrade` and `flask demo load`: the 300-question questionnaire of
spec.py in CMS (CMS-PEER300, 10 sections of 30, the peer's type mix and texts, each question
required so that a complete report holds 300 answers; texts in three languages), and CMS-PEER10
(its first 10 questions, one section: a report 30 times smaller), built and published through
the questionnaire services; a focal point for one CMS Party, English, who then answers both of
its reports through the save service with the peer's respondent 1's answers (not submitted:
they stay editable). Prints one JSON line: the user, the reports, the sections and each
question's field name. `flask demo generate` then submits 130 other reports of CMS-PEER300
(bench_peer.py runs and times it).

`load`: the tree's bench/bench_autosave_load.py, with /healthz asked one GET at a time about
every 100 ms, 30 idle requests before the users start, then until the last save: by that bench
itself where it does (its samples are taken from it), else by a poller around its `load`.
Prints that bench's own figures, then one line `PEERBENCH <json>` with the round trips, saves
per second and /healthz idle and during the saves. With BENCH_TEMPLATE, its database is made as
a copy of that one (where `flask demo load` has run) instead of an empty one.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TREE = Path(os.environ.get("BENCH_TREE", HERE.parent)).resolve()
sys.path[0] = str(TREE / "bench")  # the tree's own bench modules, not this file's neighbours
sys.path.insert(1, str(TREE))
sys.path.append(str(HERE / "peer"))  # spec.py

import spec  # noqa: E402

CODE = "CMS-PEER300"
SMALL, SMALL_ITEMS = "CMS-PEER10", 10  # a report of 10 items: what costs grow with
EMAIL = "peer.bench@family-ors.org"  # production refuses the .test domain
OUR_TYPE = {
    "text": "long_text",
    "short-text": "short_text",
    "radio": "single_choice",
    "select": "single_choice",
    "select-multiple": "multiple_choice",
    "integer": "number",
}


def three(text: str) -> dict[str, str]:
    """A text in our three languages (the French and Spanish marked, not translated)."""
    return {"en": text, "fr": f"[fr] {text}", "es": f"[es] {text}"}


def item_code(question: dict) -> str:
    return f"PEER-Q{question['n']:03d}"


def config_of(question: dict) -> dict:
    if question["choices"]:
        return {
            "choices": [
                {"key": spec.slug(label), "label": three(label)} for label in question["choices"]
            ]
        }
    if question["type"] == "integer":
        return {"integer": True, "min": 0}
    return {}


def build() -> None:
    import app as package
    from app import create_app
    from app.auth import services as auth
    from app.auth.models import Role
    from app.demo import generate
    from app.demo.loader import DEMO_PASSWORD
    from app.directory import services as directory
    from app.extensions import db

    if not Path(package.__file__).resolve().is_relative_to(TREE):
        raise SystemExit(f"the application comes from {package.__file__}, not from {TREE}")
    app = create_app("development")
    with app.app_context():
        start = time.perf_counter()
        cms = directory.instrument_by_code("CMS")
        questions = spec.questions()
        big, sections = _questionnaire(cms, CODE, 1300, questions)
        small, small_sections = _questionnaire(cms, SMALL, 1301, questions[:SMALL_ITEMS])
        db.session.commit()
        built = time.perf_counter() - start
        protected = generate.protected_parties()  # before our focal point joins them
        report = _bench_report(big, protected)
        user = auth.create_user(EMAIL, "Peer Bench", password=DEMO_PASSWORD, locale="en")
        auth.grant_role(user, auth.GrantScope(Role.FOCAL_POINT, cms, report.party))
        db.session.commit()
        start = time.perf_counter()
        fields = _answer_all(report, user, questions)
        small_report = _bench_report(small, protected, report.party)
        small_fields = _answer_all(small_report, user, questions[:SMALL_ITEMS])
        db.session.commit()
        print(
            json.dumps(
                {
                    "questionnaire": CODE,
                    "build_s": round(built, 1),
                    "fill_s": round(time.perf_counter() - start, 1),
                    "email": EMAIL,
                    "password": DEMO_PASSWORD,
                    "party": report.party.code,
                    "report_id": report.id,
                    "section_ids": [s.id for s in sections],
                    "fields": fields,
                    "small": {
                        "questionnaire": SMALL,
                        "report_id": small_report.id,
                        "section_ids": [s.id for s in small_sections],
                        "fields": small_fields,
                    },
                }
            ),  # fmt: skip
            flush=True,
        )


def _questionnaire(instrument, code: str, order: int, questions: list[dict]):
    """Build and publish `questions` as questionnaire `code` through the questionnaire
    services, a section of 30 at a time; returns it and its sections."""
    from app.questionnaires import services as questionnaires

    questionnaire = questionnaires.create_questionnaire(
        instrument=instrument,
        code=code,
        cycle=code.removeprefix("CMS-"),
        cycle_order=order,
        title=three(f"National report ({len(questions)}-question benchmark)"),
    )
    sections = []
    for question in questions:
        if question["section"] == len(sections):
            title = three(spec.SECTION_NAMES[question["section"]])
            sections.append(questionnaires.add_section(questionnaire, title=title))
        questionnaires.add_local_item(
            questionnaire,
            sections[-1],
            code=item_code(question),
            answer_type=OUR_TYPE[question["type"]],
            text=three(question["text"]),
            config=config_of(question),
            required=True,  # so that a complete report holds all 300 answers (130 x 300)
        )
    questionnaires.publish(questionnaire)
    return questionnaire, sections


def _bench_report(questionnaire, protected: set[str], party=None):
    """The report of `questionnaire` of `party`, else of the first CMS Party (by code) that no
    one works for."""
    import sqlalchemy as sa

    from app.directory.models import Party
    from app.extensions import db
    from app.reporting.models import Report

    chosen = Party.id == party.id if party else Party.code.not_in(sorted(protected))
    return db.session.scalars(
        sa.select(Report)
        .join(Party)
        .where(Report.questionnaire_id == questionnaire.id, chosen)
        .order_by(Party.code)
        .limit(1)
    ).one()


def _answer_all(report, user, questions: list[dict]) -> dict[str, str]:
    """Give each of `questions` the peer's respondent 1's answer, one save at a time; returns
    the field name of each question by its number."""
    from app.reporting import saving, services

    filled = services.fill(report, "en", viewer=None)
    items = {item.node.code: item for item in filled.rendered.items()}
    fields = {}
    for question in questions:
        item = items[item_code(question)]
        values = spec.answer(question, 1)[1]
        raw = values if question["type"] == "select-multiple" else values[0]
        saved = saving.save_answer(
            filled,
            item.node,
            item.loop_key,
            saving.Change(raw=raw, raw_given=True),
            expected_version=0,
            user=user,
            locale="en",
        )
        if saved.problem:
            raise SystemExit(f"{item_code(question)}: {saved.problem}")
        fields[str(question["n"])] = item.field_name
    return fields


# --- load ------------------------------------------------------------------------------------


def healthz(base: str) -> tuple[float, float, object]:
    """(start, milliseconds, status) of one GET /healthz."""
    from urllib.error import HTTPError
    from urllib.request import build_opener

    start = time.perf_counter()
    try:
        with build_opener().open(base + "/healthz", timeout=120) as response:
            response.read()
            status: object = response.status
    except HTTPError as error:
        status = error.code
    except OSError as error:
        status = type(error).__name__
    return start, (time.perf_counter() - start) * 1000, status


def nearest_rank(values: list[float], p: int) -> float | None:
    ordered = sorted(values)
    return ordered[max(0, -(-p * len(ordered) // 100) - 1)] if ordered else None


def summary(samples: list[tuple[float, float, object]]) -> dict:
    ms = [m for _, m, _ in samples]
    statuses: dict[str, int] = {}
    for _, _, status in samples:
        statuses[str(status)] = statuses.get(str(status), 0) + 1
    return {
        "n": len(ms),
        "p50_ms": statistics.median(ms) if ms else None,
        "p95_ms": nearest_rank(ms, 95),
        "max_ms": max(ms) if ms else None,
        "statuses": statuses,
    }


def load() -> None:
    import bench_autosave_load as bench

    measured = bench.load
    polls = hasattr(bench, "HealthPoller")  # the load bench asks /healthz itself
    idle: list = []
    during: list = []
    workers: list = []  # /healthz asked of the workers, where the bench also asks its door
    done: dict = {}

    def load_with_healthz(plans, base):
        if polls:
            done.update(plans=plans, seconds=measured(plans, base))
            return done["seconds"]
        for _ in range(30):
            idle.append(healthz(base))
            time.sleep(0.05)
        stop = threading.Event()

        def poll():
            while not stop.is_set():
                during.append(healthz(base))
                time.sleep(0.1)

        poller = threading.Thread(target=poll, daemon=True)
        poller.start()
        try:
            done.update(plans=plans, seconds=measured(plans, base))
        finally:
            stop.set()
            poller.join()
        first = min(p.span[0] for p in plans)
        last = max(p.span[1] for p in plans)
        during[:] = [s for s in during if first <= s[0] <= last]
        return done["seconds"]

    if polls:
        shown = bench.print_health

        def print_health(its_idle, its_during, *where):
            # the first table: the health door's where there is one (HEALTH_BIND), else the
            # workers'; a second one, of the workers, beside the door
            if where:
                workers.extend(its_during)
            else:
                idle.extend(its_idle)
                during.extend(its_during)  # the saves' window only
            shown(its_idle, its_during, *where)

        bench.print_health = print_health

    template = os.environ.get("BENCH_TEMPLATE")
    if template:  # a copy of a database the demo is loaded in: its load() then has less to do

        def recreate(url: str) -> None:
            import sqlalchemy as sa
            from sqlalchemy.engine import make_url

            name = make_url(url).database
            engine = sa.create_engine(
                make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT"
            )
            with engine.connect() as connection:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                connection.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
            engine.dispose()

        bench.recreate = recreate
    bench.load = load_with_healthz
    bench.stored = _unambiguous(bench.stored)
    bench.main()
    if "plans" in done:
        found = figures(bench, done, idle, during)
        found["door"] = bool(workers)
        if workers:
            found["healthz_workers_during_saves"] = summary(workers)
        print("PEERBENCH " + json.dumps(found), flush=True)


def figures(bench, done: dict, idle: list, during: list) -> dict:
    plans, seconds = done["plans"], done["seconds"]
    times = sorted(t for p in plans for t in p.times)
    statuses: dict[str, int] = {}
    for plan in plans:
        for status, n in plan.statuses.items():
            statuses[str(status)] = statuses.get(str(status), 0) + n
    threads = getattr(bench, "configured_threads", lambda: bench.THREADS)()
    return {
        "workers": bench.WORKERS,
        "threads": threads,
        "users": len(plans),
        "saves": len(times),
        "seconds": seconds,
        "saves_per_s": statuses.get("200", 0) / seconds,
        "p50_ms": statistics.median(times),
        "p95_ms": nearest_rank(times, 95),
        "statuses": statuses,
        "healthz_idle": summary(idle),
        "healthz_during_saves": summary(during),
    }


def _unambiguous(stored):
    """The load bench's count of answers and revisions, joined on the revision's own answer
    where the tree's version leaves the join to SQLAlchemy: since answer revisions also name
    the answer they were copied from (migration 0008) that join is ambiguous and raises. The
    count is the bench's check of what the saves left, not one of the figures compared."""
    import sqlalchemy as sa

    def counted(report_ids: list[int]) -> tuple[int, int]:
        try:
            return stored(report_ids)
        except sa.exc.AmbiguousForeignKeysError:
            from app.extensions import db
            from app.reporting.models import Answer, AnswerRevision

            db.session.rollback()
            answers = db.session.scalar(
                sa.select(sa.func.count())
                .select_from(Answer)
                .where(Answer.report_id.in_(report_ids))
            )
            revisions = db.session.scalar(
                sa.select(sa.func.count())
                .select_from(AnswerRevision)
                .join(Answer, AnswerRevision.answer_id == Answer.id)
                .where(Answer.report_id.in_(report_ids))
            )
            return answers, revisions

    return counted


if __name__ == "__main__":
    commands = {"build": build, "load": load}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        raise SystemExit(f"usage: {sys.argv[0]} build|load")
    commands[sys.argv[1]]()
