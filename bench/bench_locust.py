"""Load with Locust: focal points filling reports, secretariats reviewing, analysts exporting,
on the production stack, for minutes; what it cost, what saturated, and whether any save a
client saw acknowledged is missing from the database.

bench_autosave_load.py times one burst of autosaves; this runs people as they work, for
BENCH_MINUTES, against the stack `make serve-prod` runs.

1. Re-creates the database BENCH_DATABASE_URL (family_ors_load) and runs deploy/serve_prod.py
   itself on it: it migrates, loads the demo, and serves with gunicorn (gunicorn.conf.py), an
   RQ worker and, MAIL_SERVER unset, its local mail sink, in the production configuration,
   health door on. Only the files (a temporary folder), the job queues (names of the bench's
   own), the health door's port and BENCH_WORKERS/BENCH_THREADS are the bench's.
2. Adds, through the application's services, BENCH_USERS focal points on untouched reports of
   the published questionnaires (one of each questionnaire in turn; with more focal points than
   reports, two share a report, each with its own sections), 5 secretariats and 2 analysts.
   They are accounts of the bench's own: production refuses the reserved .test domain of the
   demo's accounts at sign-in. What each focal point answers is decided by the demo's filler
   (app/demo/answers.py: every answer type, each given where the earlier ones make it visible),
   with the value the server must store; one focal point in ten works instead on a report the
   filler completed, rewrites its texts and submits it. This plan goes to locustfile.py as JSON.
3. Runs bench/locustfile.py headless in a process of its own (its docstring says who does
   what, and why apart) while a thread here samples every second PostgreSQL's sessions, lock
   waits and wait events of the database, and the CPU of each process serve_prod.py started,
   of PostgreSQL, Redis, Locust, this bench, and of whatever else shares the machine (its
   figures are only worth as much as the machine was otherwise quiet).
4. Prints per action the requests, failures and p50/p95/p99/max, the errors by kind, /healthz's
   p95 (of the workers and at the health door), the audit of acknowledged saves (each answer
   cell's highest version a client saw acknowledged must be stored with the value sent: "lost"
   should be 0), then what may have saturated: CPU, sessions, lock waits, wait events,
   pg_stat_database and, when PostgreSQL loads pg_stat_statements, the statements that took
   the most time; and the 5xx and errors of the server's log.

pg_stat_statements needs `shared_preload_libraries`, hence a restart of PostgreSQL, which this
never does by itself (it would break whatever else uses the server, tests included): without
it, it says how and prints the rest.

Run: `make bench-locust`. Prints figures; asserts nothing. Needs ports 8000 and 8025 free (where
serve_prod.py serves and takes mail). Environment: BENCH_USERS (100 focal points),
BENCH_MINUTES (10), BENCH_SPAWN_RATE (5 users a second), BENCH_WORKERS and BENCH_THREADS
(gunicorn's WEB_CONCURRENCY and GUNICORN_THREADS; gunicorn.conf.py's when unset),
BENCH_DATABASE_URL, BENCH_REDIS_URL (else REDIS_URL, else redis://127.0.0.1:6379/0),
BENCH_LOG_DIR (where serve_prod.py's and Locust's logs, the plan and Locust's results are kept,
those of the previous run replaced: /tmp/bench-locust).
"""

from __future__ import annotations

import itertools
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.request import urlopen

import _setup  # noqa: F401 - puts the project on sys.path
import bench_autosave_load as load_bench
import psutil
import redis
import sqlalchemy as sa
from sqlalchemy.engine import make_url
from werkzeug.datastructures import MultiDict

from app import answers as answer_kinds
from app import create_app, serving
from app.answers.types import AnswerType
from app.auth import services as auth
from app.auth.models import Role
from app.demo import answers as demo_answers
from app.demo import generate, loader
from app.directory import services as directory
from app.directory.models import Party
from app.extensions import db
from app.questionnaires.models import Questionnaire, Status
from app.questionnaires.render import RenderedItem
from app.reporting import delegation, services, site_store
from app.reporting.models import Answer, Report, ReportStatus

ROOT = Path(__file__).resolve().parent.parent
URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/family_ors_load"
)
REDIS = os.environ.get("BENCH_REDIS_URL") or os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/0")
USERS = int(os.environ.get("BENCH_USERS", "100"))
MINUTES = float(os.environ.get("BENCH_MINUTES", "10"))
SPAWN_RATE = float(os.environ.get("BENCH_SPAWN_RATE", "5"))
WORKERS = os.environ.get("BENCH_WORKERS", "")  # empty: as gunicorn.conf.py says
THREADS = os.environ.get("BENCH_THREADS", "")
LOG_DIR = Path(os.environ.get("BENCH_LOG_DIR", Path(tempfile.gettempdir()) / "bench-locust"))
QUEUES = "family-ors-load"  # the job queues' names start so: never a running worker's
SERVE_PORTS = (8000, 8025)  # where serve_prod.py serves and, without MAIL_SERVER, takes mail
STARTUP_SECONDS = 600  # serve_prod.py migrates and loads the demo before it serves
KNOWN = (("gunicorn", "gunicorn"), ("analysis worker", "rq worker"), ("aiosmtpd", "mail sink"))
TEXTS = {AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT}
SUBMIT_EVERY = 10  # one focal point in ten has a complete report and submits it
SEED = 19
# Accounts of their own: production refuses the reserved .test domain of the demo's accounts at
# sign-in (app/forms_common.py), and example.org, reserved too, takes no mail.
DOMAIN = "load.example.org"
SECRETARIATS = ("CMS", "CMS", "AEWA", "AEWA", "RAPTORS")
ANALYSTS = 2
EVERY = 1.0  # seconds between two samples of PostgreSQL and the CPU
# A gunicorn worker runs Python a thread at a time: one busy this much of a core is saturated.
HOT = 0.9


# --- the people and what they fill ----------------------------------------------------------


def open_reports() -> list[Report]:
    """Untouched reports of the published questionnaires, of parties nobody works for, one of
    each questionnaire in turn (the secretariats of every instrument get submissions)."""
    stmt = (
        sa.select(Report)
        .join(Report.party)
        .where(
            Report.questionnaire_id.in_(
                sa.select(Questionnaire.id).where(Questionnaire.status == Status.PUBLISHED.value)
            ),
            Report.status == ReportStatus.NOT_STARTED.value,
            Party.code.not_in(sorted(generate.protected_parties())),
            ~sa.exists().where(Answer.report_id == Report.id),
        )
        .order_by(Report.questionnaire_id, Party.code)
    )
    groups = itertools.groupby(db.session.scalars(stmt), key=lambda r: r.questionnaire_id)
    lists = [list(reports) for _id, reports in groups]
    return [r for row in itertools.zip_longest(*lists) for r in row if r is not None]


def field_name(node, loop_key: str) -> str:
    return RenderedItem(node, loop_key, True, None).field_name


def entry(node, loop_key: str, pairs: MultiDict, value) -> dict:
    """One answer as locustfile.py saves it: the inputs its box posts (the value's own, the
    comment, "other", "no information") and the value the server is to store."""
    return {
        "field": field_name(node, loop_key),
        "node": node.id,
        "loop": loop_key,
        "kind": node.effective_type,
        "pairs": list(pairs.items(multi=True)),
        "value": value,
    }


def planned(report: Report, locale: str) -> tuple[list, list[dict]]:
    """The report's top sections, and what its focal point answers, in questionnaire order, as
    the demo's filler decides it (each answer given where the earlier ones make it visible),
    by top section; file questions get files instead (the `files` of the plan)."""
    rng = demo_answers.rng_for(SEED, report)
    if site_store.has_site_loop(report.questionnaire) and not site_store.sites_of(report.party_id):
        demo_answers.add_sites(report.party, rng, locale)
    filled = services.fill(report, locale)
    context = answer_kinds.Context(locale, filled.species_keys)
    found = []
    for edit in demo_answers.Planner(filled, rng, demo_answers.COMPLETE, locale).plan():
        node, change = edit.node, edit.change
        name, kind = field_name(node, edit.loop_key), node.effective_type
        pairs = MultiDict()
        answer_kinds.to_form(kind, pairs, name, change.raw)
        pairs.add(f"c-{name}", change.comment or "")
        if change.other:
            pairs.add(f"o-{name}", change.other)
        if change.no_info:
            pairs.add(f"n-{name}", "1")
        config = node.effective_config
        value = None if change.no_info else answer_kinds.parse(kind, config, change.raw, context)
        section = delegation.top_section_id(node, filled.tree)
        found.append((section, entry(node, edit.loop_key, pairs, value)))
    return [s.node.id for s in filled.rendered.sections], found


def texts_of(report: Report, locale: str, email: str) -> tuple[list, list[dict]]:
    """`planned` for a report already complete: its visible text answers, written anew."""
    filled = services.fill(report, locale)
    found = []
    for section in filled.rendered.sections:
        for item in section.items():
            if item.visible and item.node.effective_type in TEXTS:
                text = f"Réponse revue par {email} avant la soumission."
                pairs = MultiDict([(item.field_name, text), (f"c-{item.field_name}", "")])
                found.append((section.node.id, entry(item.node, item.loop_key, pairs, text)))
    return [s.node.id for s in filled.rendered.sections], found


def work_of(sections: list[int], found: list, share: tuple[int, int]) -> dict:
    """The plan of one focal point: its sections (every `share[1]`th from `share[0]`, when
    focal points share the report) with the answers to give there, and the file questions."""
    mine = sections[share[0] :: share[1]]
    files = [e for s, e in found if s in mine and e["kind"] == AnswerType.FILE]
    saves = {s: [e for t, e in found if t == s and e["kind"] != AnswerType.FILE] for s in mine}
    return {
        "sections": [{"id": s, "items": items} for s, items in saves.items() if items],
        "files": files,
    }


def prepare(app) -> dict:
    """Add the people to the demo; commit. Returns the plan of locustfile.py."""
    with app.app_context():
        reports = open_reports()
        if not reports:
            raise SystemExit("no untouched report of a published questionnaire is left")
        sharing = Counter(n % len(reports) for n in range(USERS))
        template = auth.create_user(
            f"bench.analyst1@{DOMAIN}", "Bench Analyst 1", password=loader.DEMO_PASSWORD
        )
        analysts = [template]
        for number in range(2, ANALYSTS + 1):
            analysts.append(auth.create_user(f"bench.analyst{number}@{DOMAIN}", "Bench Analyst"))
        for user in analysts:
            user.password_hash = template.password_hash
            auth.grant_role(user, auth.GrantScope(Role.ANALYST))
        focal_points, answered = [], {}
        for number in range(USERS):
            report = reports[number % len(reports)]
            locale = demo_answers.language_of(report.party)
            email = f"bench.fp{number + 1:03d}@{DOMAIN}"
            user = auth.create_user(email, f"Bench {number + 1:03d}", locale=locale)
            # one argon2 hash for all: each costs a tenth of a second or more on 2 cores
            user.password_hash = template.password_hash
            instrument = report.questionnaire.instrument
            auth.grant_role(user, auth.GrantScope(Role.FOCAL_POINT, instrument, report.party))
            share = (number // len(reports), sharing[number % len(reports)])
            submits = share[1] == 1 and number % SUBMIT_EVERY == SUBMIT_EVERY // 2
            if submits:
                submits = _complete(report, user, locale)
            if share[0] == 0:  # the report's first focal point: what is to be answered there
                found = texts_of(report, locale, email) if submits else planned(report, locale)
                answered[report.id] = found
            work = work_of(*answered[report.id], share)
            focal_points.append({"email": email, "report": report.id, "submit": submits, **work})
        secretariats = []
        for number, code in enumerate(SECRETARIATS, start=1):
            email = f"bench.secretariat{number}@{DOMAIN}"
            user = auth.create_user(email, f"Bench Secretariat {number}", locale="en")
            user.password_hash = template.password_hash
            auth.grant_role(
                user, auth.GrantScope(Role.SECRETARIAT, directory.instrument_by_code(code))
            )
            secretariats.append({"email": email, "instrument": code})
        analysed = db.session.scalars(
            sa.select(Questionnaire.code).where(Questionnaire.status != Status.DRAFT.value)
        ).all()
        analysts = [{"email": a.email, "questionnaires": sorted(analysed)} for a in analysts]
        db.session.commit()
        db.engine.dispose()  # the server's connections only, during the load
    return {
        "password": loader.DEMO_PASSWORD,
        "focal_points": focal_points,
        "secretariats": secretariats,
        "analysts": analysts,
        "spawn_rate": SPAWN_RATE,
        "seconds": MINUTES * 60,
    }


def _complete(report: Report, user, locale: str) -> bool:
    """Fill `report` completely as `user` (the demo's filler), so that it can be submitted;
    False, and nothing kept, when the filler cannot make it validate."""
    savepoint = db.session.begin_nested()
    try:
        demo_answers.fill_report(report, user, seed=SEED, locale=locale)
    except demo_answers.GenerationError as error:
        savepoint.rollback()
        print(f"bench_locust: {report!r} stays incomplete ({error}): its focal point fills it")
        return False
    savepoint.commit()
    return True


# --- the stack ------------------------------------------------------------------------------


def taken(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def serve_prod(secret: str, door_port: int, files: Path, log) -> subprocess.Popen:
    """deploy/serve_prod.py itself, on the bench's database: the stack `make serve-prod` runs,
    whatever it comes to hold. Mail goes to its local sink (MAIL_SERVER unset: a focal point's
    submission mails the party), files to the temporary folder `files`, the jobs to queues of
    the bench's own, the health door to `door_port`; gunicorn's workers and threads are
    BENCH_WORKERS and BENCH_THREADS when set."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAIL_")}
    env |= {
        "SERVE_DATABASE_URL": URL,
        "REDIS_URL": REDIS,
        "SECRET_KEY": secret,
        "HEALTH_BIND": f"127.0.0.1:{door_port}",
        "ATTACHMENT_FOLDER": str(files / "attachments"),
        "EXPORT_FOLDER": str(files / "exports"),
        "IMPORT_FOLDER": str(files / "imports"),
        "EXPORT_QUEUE": f"{QUEUES}-exports",
        "MAIL_QUEUE": f"{QUEUES}-mail",
        **({"WEB_CONCURRENCY": WORKERS} if WORKERS else {}),
        **({"GUNICORN_THREADS": THREADS} if THREADS else {}),
    }
    command = [sys.executable, str(ROOT / "deploy" / "serve_prod.py")]
    return subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)


def wait_until_up(urls: list[str], stack: subprocess.Popen) -> None:
    """Until each of `urls` answers 200 (serve_prod.py migrates and loads the demo first)."""
    deadline = time.monotonic() + STARTUP_SECONDS
    waiting = list(urls)
    while waiting and time.monotonic() < deadline:
        if stack.poll() is not None:
            raise SystemExit(f"serve_prod.py stopped:\n{server_log()[-3000:]}")
        try:
            with urlopen(waiting[0], timeout=2) as response:  # noqa: S310 - our own server
                if response.status == 200:
                    waiting.pop(0)
        except OSError:
            time.sleep(1)
    if waiting:
        raise SystemExit(f"{waiting[0]} did not answer:\n{server_log()[-3000:]}")


def server_log() -> str:
    return (LOG_DIR / "serve_prod.log").read_text(errors="replace")


def groups_of(stack: subprocess.Popen) -> dict:
    """The processes whose CPU is measured, by group: each process serve_prod.py started (with
    its children: gunicorn's workers and health door), PostgreSQL's and Redis's."""
    groups = {}
    for child in psutil.Process(stack.pid).children():
        command = " ".join(child.cmdline())
        name = next((n for k, n in KNOWN if k in command), child.name())
        groups[name] = tree(child.pid)
    return groups | {"postgres": named("postgres"), "redis": named("redis-server")}


# --- sampling -------------------------------------------------------------------------------


# Read from the server's `postgres` database, of the bench's database by name: the sampling's
# own statements stay out of the bench database's pg_stat_statements.
ACTIVITY = sa.text(
    "SELECT state, wait_event_type, wait_event FROM pg_stat_activity WHERE datname = :name"
)
WAITING_LOCKS = sa.text(
    "SELECT locktype, mode FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
    "WHERE NOT l.granted AND d.datname = :name"
)
DATABASE = sa.text(
    "SELECT xact_commit, xact_rollback, deadlocks, blks_read, blks_hit, temp_files, "
    "tup_inserted, tup_updated, conflicts FROM pg_stat_database WHERE datname = :name"
)
NAME = {"name": make_url(URL).database}


@dataclass
class Samples:
    """What the sampler saw, one entry per second."""

    sessions: list[Counter] = field(default_factory=list)  # state: sessions
    waiting: list[int] = field(default_factory=list)  # sessions waiting on a heavyweight lock
    locks: Counter = field(default_factory=Counter)  # (lock type, mode) of the waits, summed
    events: Counter = field(default_factory=Counter)  # wait event of active sessions, summed
    rates: dict[str, list[float]] = field(default_factory=dict)  # group: cores busy
    cpu: dict[str, float] = field(default_factory=dict)  # group: CPU seconds in all
    machine: list[float] = field(default_factory=list)  # cores busy, all processes
    hot: list[int] = field(default_factory=list)  # gunicorn's processes busy HOT of a core or more
    seconds: float = 0.0  # from the first sample to the last
    others: list[tuple[str, float]] = field(default_factory=list)  # (program, CPU seconds)


class Sampler(threading.Thread):
    """Every EVERY seconds: PostgreSQL's sessions of the database, the waits on locks, the wait
    events of the active ones, and the CPU of each group of processes, until stopped."""

    def __init__(self, engine: sa.Engine, groups: dict) -> None:
        super().__init__(daemon=True)
        self.engine, self.groups = engine, groups
        self.samples = Samples()
        self.halt = threading.Event()
        self.first: dict[int, float] = {}  # pid: CPU seconds when first seen
        self.started = False  # a process first seen after the first reading was born since
        self.last: dict[int, tuple[str, float]] = {}  # pid: (group, CPU seconds when last seen)
        self.owner: dict[int, str] = {}  # pid: the group that first named it
        self.names: dict[int, str] = {}  # pid: what it runs
        self.then: tuple = ()  # (time, machine's busy seconds, groups' seconds, their time)

    def cpu(self) -> dict[str, float]:
        """CPU seconds of each group since the start (a process born meanwhile from 0); a
        process counts in the first group that finds it ("others" finds every process)."""
        for group, find in self.groups.items():
            for process in find():
                try:
                    used = sum(process.cpu_times()[:2])  # user and system
                    if process.pid not in self.names:
                        self.names[process.pid] = label(process)
                except psutil.Error:
                    continue  # ended meanwhile: its last reading stays counted
                self.first.setdefault(process.pid, 0.0 if self.started else used)
                self.last[process.pid] = (self.owner.setdefault(process.pid, group), used)
        self.started = True
        totals = dict.fromkeys(self.groups, 0.0)
        for pid, (group, used) in self.last.items():
            totals[group] += used - self.first[pid]
        return totals

    def others(self, n: int = 3) -> list[tuple[str, float]]:
        """The `n` programs of no group that took the most CPU seconds: what shared the machine."""
        used = Counter()
        for pid, (group, seconds) in self.last.items():
            if group == "others":
                used[self.names[pid]] += seconds - self.first[pid]
        return used.most_common(n)

    def run(self) -> None:
        start = time.monotonic()
        self.then = (start, _busy(), self.cpu(), time.monotonic())
        with self.engine.connect() as connection:
            while not self.halt.wait(EVERY):
                self.sample_database(connection)
                self.sample_cpu()
        self.samples.cpu = self.cpu()
        self.samples.seconds = time.monotonic() - start
        self.samples.others = self.others()

    def sample_database(self, connection) -> None:
        sessions, waiting = Counter(), 0
        for state, kind, event in connection.execute(ACTIVITY, NAME):
            sessions[state or "none"] += 1
            waiting += kind == "Lock"
            if state == "active":
                self.samples.events[f"{kind}:{event}" if kind else "running (CPU)"] += 1
        self.samples.sessions.append(sessions)
        self.samples.waiting.append(waiting)
        self.samples.locks.update(tuple(row) for row in connection.execute(WAITING_LOCKS, NAME))
        connection.rollback()

    def sample_cpu(self) -> None:
        """The cores busy since the last sample: the machine's, each group's, and how many of
        gunicorn's processes were saturated. Each reading is divided by its own interval:
        reading every process takes a while."""
        at, busy, before, cpu_at = self.then
        now, busy_now = time.monotonic(), _busy()
        self.samples.machine.append((busy_now - busy) / (now - at))
        was = {pid: used for pid, (group, used) in self.last.items() if group == "gunicorn"}
        totals, totals_at = self.cpu(), time.monotonic()
        seconds = totals_at - cpu_at
        hot = [pid for pid, used in was.items() if (self.last[pid][1] - used) / seconds >= HOT]
        self.samples.hot.append(len(hot))
        for group, used in totals.items():
            self.samples.rates.setdefault(group, []).append((used - before[group]) / seconds)
        self.then = (now, busy_now, totals, totals_at)

    def stop(self) -> Samples:
        self.halt.set()
        self.join()
        return self.samples


def _busy() -> float:
    """CPU seconds the machine spent running something, all cores (not idle, not waiting on
    I/O, not taken by the hypervisor; guest time is in user time already)."""
    times = psutil.cpu_times()._asdict()
    return sum(times.get(k, 0.0) for k in ("user", "nice", "system", "irq", "softirq"))


def label(process: psutil.Process) -> str:
    """A process's program: its script's name for an interpreter (pytest, not python3)."""
    command = process.cmdline()
    if len(command) > 1 and process.name().startswith("python"):
        return Path(command[1]).name
    return process.name()


def tree(pid: int):
    """A function giving process `pid` and its descendants as they are now."""

    def find() -> list:
        try:
            root = psutil.Process(pid)
            return [root, *root.children(recursive=True)]
        except psutil.Error:
            return []

    return find


def named(name: str):
    """A function giving the processes called `name` (PostgreSQL's, Redis's) as they are now."""
    return lambda: [p for p in psutil.process_iter(["name"]) if p.info["name"] == name]


# --- PostgreSQL's statistics ----------------------------------------------------------------


def statements_loaded(engine: sa.Engine) -> bool:
    with engine.connect() as connection:
        loaded = connection.execute(sa.text("SHOW shared_preload_libraries")).scalar()
    return "pg_stat_statements" in (loaded or "")


def top_statements(engine: sa.Engine, n: int = 10) -> tuple[float, list]:
    """The total time of every statement of the database, and the `n` that took the most."""
    query = sa.text(
        "SELECT calls, total_exec_time, mean_exec_time, rows, query FROM pg_stat_statements "
        "WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) "
        "AND query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC"
    )
    with engine.connect() as connection:
        rows = connection.execute(query).all()
    return sum(r.total_exec_time for r in rows), rows[:n]


def database_counters(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as connection:
        return dict(connection.execute(DATABASE, NAME).mappings().one())


# --- the audit ------------------------------------------------------------------------------


def same(stored: object, sent: object) -> bool:
    """Whether the stored value is the one sent (a number read back may be 1234 or 1234.0)."""
    if isinstance(sent, int | float) and isinstance(stored, int | float):
        return float(stored) == float(sent)
    return stored == sent


def _verdict(answer: Answer | None, acked: dict, sent: object) -> str:
    """What became of the highest acknowledged save of one answer cell."""
    if answer is None or answer.version < acked["version"]:
        return "lost: version acknowledged, an older one or none stored"
    if answer.version > acked["version"]:  # a later save whose reply the client did not see
        if same(answer.value, sent):
            return "moved on by a save of the last value sent, its reply unseen"
        return "lost: moved on to a value that was not the last sent"
    if same(answer.value, acked["value"]):
        return "stored as acknowledged"
    return "lost: the version acknowledged holds another value"


def audit(app, results: dict) -> Counter:
    """Each answer cell's highest acknowledged version against what the database holds."""
    cells = {**results["acked"], **results["files"]}
    reports = {int(key.split(":")[0]) for key in cells}
    found = Counter()
    with app.app_context():
        stored = {
            f"{a.report_id}:{a.node_id}:{a.loop_key}": a
            for a in db.session.scalars(sa.select(Answer).where(Answer.report_id.in_(reports)))
        }
        for key, acked in results["acked"].items():
            found[_verdict(stored.get(key), acked, results["sent"][key])] += 1
        for key, acked in results["files"].items():
            answer = stored.get(key)
            kept = answer is not None and answer.version >= acked["version"]
            if kept and len(answer.value or []) >= acked["files"]:
                found["file answers with every file acknowledged"] += 1
            else:
                found["lost: a file answer without a file or version acknowledged"] += 1
        db.session.rollback()
    return found


# --- printing -------------------------------------------------------------------------------


NOT_LOADED = (
    "statements by total time: none, pg_stat_statements is not loaded. To load it, once, when "
    "nothing else uses the server (tests included): ALTER SYSTEM SET shared_preload_libraries "
    "= 'pg_stat_statements'; then pg_ctlcluster --skip-systemctl-redirect <version> main restart"
)


def print_prepared(plan: dict, seconds: float) -> None:
    people = plan["focal_points"]
    reports = len({p["report"] for p in people})
    print(
        f"bench_locust: ready in {seconds:.0f} s: {len(people)} focal points on {reports} "
        f"reports ({sum(p['submit'] for p in people)} to submit), "
        f"{len(plan['secretariats'])} secretariats, {len(plan['analysts'])} analysts; "
        f"{MINUTES:g} min of load, spawning {SPAWN_RATE:g} users a second"
    )


def print_figures(measured: Measured, found: Counter) -> None:
    print(
        f"Locust load on the production stack of deploy/serve_prod.py (gunicorn {measured.workers} "
        f"workers x {load_bench.configured_threads()} threads, RQ worker, PostgreSQL "
        f"{make_url(URL).database}, Redis), {measured.results['seconds']:.0f} s:"
    )
    print_actions(measured.results)
    print_audit(found, measured.results)
    print_saturation(measured)
    print_server_log(server_log(), measured.workers)
    print(f"logs, plan and Locust's results: {LOG_DIR}")


def print_actions(results: dict) -> None:
    """Locust's figures of the whole run, then the exact ones of the run after the ramp."""
    head = (f"{'requests':>8} {'fails':>6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} "
            f"{'p99 ms':>7} {'max ms':>7}")  # fmt: skip
    print(f"{'action, whole run (Locust)':<40} {head}")
    rows = {f"{s['method']} {s['name']}": s for s in results["stats"]}
    print_rows(rows, results["seconds"])
    print("(Locust keeps times above 100 ms to two significant digits: 1234 ms counts as 1200.)")
    steady = results["steady"]
    print(f"{'after the ramp, ' + format(steady['seconds'], '.0f') + ' s (exact)':<40} {head}")
    print_rows(steady["actions"], steady["seconds"] or 1)
    for when, figures in (("whole run", rows), ("after the ramp", steady["actions"])):
        health = [(n.split("(")[1][:-1], s["p95"]) for n, s in figures.items() if "/healthz" in n]
        print(f"/healthz p95, {when}: " + ", ".join(f"{n} {ms:.0f} ms" for n, ms in health))
    print("errors by kind:" + ("" if results["errors"] else " none"))
    for e in sorted(results["errors"], key=lambda e: -e["count"]):
        print(f"  {e['count']:>6} x {e['method']} {e['name']}: {e['error'][:150]}")
    for e in results["exceptions"]:
        print(f"exception in a simulated user, {e['count']} x: {e['message']}\n{e['traceback']}")
    print("clients: " + ", ".join(f"{what} {n}" for what, n in sorted(results["counts"].items())))


def print_rows(rows: dict[str, dict], seconds: float) -> None:
    for name, s in sorted(rows.items()):
        print(
            f"{name:<40} {s['requests']:>8} {s['failures']:>6} "
            f"{s['requests'] / seconds:>6.1f} {s['p50']:>7.0f} {s['p95']:>7.0f} "
            f"{s['p99']:>7.0f} {s['max']:>7.0f}"
        )
    total = sum(s["requests"] for s in rows.values())
    failures = sum(s["failures"] for s in rows.values())
    print(f"{'all':<40} {total:>8} {failures:>6} {total / seconds:>6.1f}")


def print_audit(found: Counter, results: dict) -> None:
    print(f"acknowledged saves audit ({len(results['acked'])} answer cells, "
          f"{len(results['files'])} file answers, against the database):")  # fmt: skip
    for what in sorted(found, key=lambda w: (w.startswith("lost"), w)):
        print(f"  {what}: {found[what]}")
    lost = sum(n for what, n in found.items() if what.startswith("lost"))
    print(f"  lost in all: {lost} (expected 0)")


def spread(values: list[float]) -> str:
    """median / max"""
    return f"{statistics.median(values):.0f} / {max(values):.0f}" if values else "-"


def print_saturation(measured: Measured) -> None:
    samples, (before, after) = measured.samples, measured.counters
    span = samples.seconds or 1
    print(f"CPU, cores busy on average (the busiest second), of {psutil.cpu_count()}:")
    for group, rates in samples.rates.items():
        print(f"  {group:<10} {samples.cpu[group] / span:5.2f} ({max(rates, default=0):.2f})")
    machine = statistics.fmean(samples.machine) if samples.machine else 0.0
    print(f"  {'machine':<10} {machine:5.2f} ({max(samples.machine, default=0):.2f})")
    others = ", ".join(f"{name} {seconds:.0f} s" for name, seconds in samples.others)
    print(f"  others, the most: {others or '-'}")
    hot = Counter(samples.hot)
    print(f"gunicorn processes busy {HOT:.0%} of a core or more, share of seconds: " + ", ".join(
        f"{n} {hot[n] / len(samples.hot):.0%}" for n in sorted(hot)
    ))  # fmt: skip
    sessions = samples.sessions
    states = ", ".join(
        f"{state} {spread([s[state] for s in sessions])}"
        for state in ("active", "idle", "idle in transaction")
    )
    print(f"sessions on the database, median / max of {len(sessions)} samples: all "
          f"{spread([sum(s.values()) for s in sessions])}, {states}")  # fmt: skip
    waits = sum(1 for w in samples.waiting if w)
    kinds = ", ".join(f"{t} {m} x {n}" for (t, m), n in samples.locks.most_common(4))
    most = max(samples.waiting, default=0)
    print(f"lock waits: some session waited on a lock in {waits} of {len(samples.waiting)} "
          f"samples, at most {most} at once ({kinds or 'none'})")  # fmt: skip
    active = sum(samples.events.values()) or 1
    events = ", ".join(f"{e} {n / active:.0%}" for e, n in samples.events.most_common(6))
    print(f"active sessions, what they were doing (share of samples): {events or '-'}")
    delta = {k: after[k] - before[k] for k in after}
    reads = delta["blks_read"] + delta["blks_hit"]
    print(f"pg_stat_database: {delta['xact_commit']} commits, {delta['xact_rollback']} "
          f"rollbacks, {delta['deadlocks']} deadlocks, {delta['temp_files']} temporary files, "
          f"{delta['tup_inserted']} rows inserted, {delta['tup_updated']} updated, cache hits "
          f"{delta['blks_hit'] / reads if reads else 1:.2%}")  # fmt: skip
    if isinstance(measured.statements, str):
        print(measured.statements)
        return
    total, top = measured.statements
    print(f"statements by total time (pg_stat_statements, {total / 1000:.1f} s in all):")
    print(f"  {'calls':>7} {'total s':>8} {'share':>6} {'mean ms':>8} {'rows':>7}  statement")
    for row in top:
        query = re.sub(r"\s+", " ", row.query)[:110]
        print(f"  {row.calls:>7} {row.total_exec_time / 1000:>8.1f} "
              f"{row.total_exec_time / total:>6.1%} {row.mean_exec_time:>8.2f} {row.rows:>7}  "
              f"{query}")  # fmt: skip


def _record(line: str) -> dict | None:
    """A JSON line of the application's log, else None (gunicorn's and RQ's own lines)."""
    if not line.startswith("{"):
        return None
    try:
        return json.loads(line)
    except ValueError:
        return None


def print_server_log(log: str, workers: int) -> None:
    """What serve_prod.py's log (the request log's JSON lines among it) says went wrong."""
    statuses, errors, notes = Counter(), Counter(), Counter()
    for line in log.splitlines():
        record = _record(line)
        if record:
            if (record.get("status") or 0) >= 500:
                path = re.sub(r"/\d+", "/<n>", record["path"])
                statuses[f"{record['status']} {record['method']} {path}"] += 1
            elif record.get("level") in ("ERROR", "CRITICAL"):
                errors[record.get("message", line)[:150]] += 1
        elif re.search(r"WORKER TIMEOUT|\[ERROR\]|\[CRITICAL\]", line):
            notes[re.sub(r"^\[[^]]*\] \[\d+\] ", "", line)[:80]] += 1
    print("server: " + (", ".join(f"{n} x {s}" for s, n in statuses.items()) or "no 5xx"))
    print(f"  gunicorn workers replaced during the run: {log.count('Booting worker') - workers}")
    for what, n in (errors + notes).most_common(8):
        print(f"  {n} x {what}")


# --- the run --------------------------------------------------------------------------------


@dataclass
class Measured:
    """What one run gave: Locust's results, the samples, PostgreSQL's counters before and after,
    the top statements (or why there are none), gunicorn's workers."""

    results: dict
    samples: Samples
    counters: tuple[dict, dict]
    statements: tuple | str
    workers: int  # gunicorn's, when the load began


def measure(plan: dict, stack: subprocess.Popen, engine: sa.Engine, server: sa.Engine) -> Measured:
    """Run locustfile.py on `plan` while the sampler watches; PostgreSQL's statistics from
    its start (pg_stat_statements reset) to its end."""
    workers = server_log().count("Booting worker")
    loaded = statements_loaded(server)
    if loaded:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT pg_stat_statements_reset()"))
    before = database_counters(server)
    (LOG_DIR / "plan.json").write_text(json.dumps(plan))
    command = [sys.executable, str(Path(__file__).with_name("locustfile.py")),
               str(LOG_DIR / "plan.json"), str(LOG_DIR / "results.json")]  # fmt: skip
    with (LOG_DIR / "locust.log").open("wb") as log:
        users = subprocess.Popen(command, cwd=ROOT, stderr=log)
        mine = {"locust": tree(users.pid), "bench": lambda: [psutil.Process()]}
        mine["others"] = psutil.process_iter
        sampler = Sampler(server, groups_of(stack) | mine)
        sampler.start()
        users.wait()
        samples = sampler.stop()
    if users.returncode:
        tail = (LOG_DIR / "locust.log").read_text(errors="replace")[-3000:]
        raise SystemExit(f"locust stopped with {users.returncode}:\n{tail}")
    after = database_counters(server)
    statements = top_statements(engine) if loaded else NOT_LOADED
    results = json.loads((LOG_DIR / "results.json").read_text())
    return Measured(results, samples, (before, after), statements, workers)


def main() -> None:
    why = load_bench.unreachable(URL)
    if why:
        safe = make_url(URL).render_as_string(hide_password=True)
        print(f"bench_locust: skipped, PostgreSQL not reachable at {safe} ({why})")
        return
    try:
        redis.Redis.from_url(REDIS).ping()
    except redis.RedisError as error:
        print(f"bench_locust: skipped, Redis does not answer at {REDIS} ({error})")
        return
    busy = [port for port in SERVE_PORTS if taken(port)]
    if busy:
        print(f"bench_locust: skipped, 127.0.0.1:{busy[0]} is taken (a `make serve-prod`?): "
              "the bench runs deploy/serve_prod.py, which serves there")  # fmt: skip
        return
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_hex(32)
    os.environ["SECRET_KEY"] = secret  # the development config would write instance/secret_key
    load_bench.recreate(URL)
    engine = sa.create_engine(URL, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    server = sa.create_engine(make_url(URL).set(database="postgres"),
                              isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)  # fmt: skip
    if statements_loaded(server):
        with engine.connect() as connection:
            connection.execute(sa.text("CREATE EXTENSION pg_stat_statements"))
    door_port = load_bench.free_port()
    plan = {"host": f"http://127.0.0.1:{SERVE_PORTS[0]}", "door": f"http://127.0.0.1:{door_port}"}
    app = create_app("development", SQLALCHEMY_DATABASE_URI=URL)
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as files, (LOG_DIR / "serve_prod.log").open("wb") as log:
        stack = serve_prod(secret, door_port, Path(files), log)
        try:
            wait_until_up([f"{plan['host']}/healthz", f"{plan['door']}/healthz"], stack)
            plan |= prepare(app)
            print_prepared(plan, time.monotonic() - started)
            measured = measure(plan, stack, engine, server)
        finally:
            serving.stop(stack, seconds=60)
    found = audit(app, measured.results)
    print_figures(measured, found)


if __name__ == "__main__":
    main()
