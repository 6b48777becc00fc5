"""Autosave under load: 50 focal points saving at once, on PostgreSQL served by gunicorn.

Re-creates the database BENCH_DATABASE_URL, migrates it and loads the demo; gives 50 new focal
points (bench.fp01@family-ors.test …, French) one untouched CMS-COP15 report each, and answers
there the occurrence and the threats of the first five species, so that the species section
shows their population (a number) and actions (a long text). Gunicorn then serves the app;
every user signs in, opens that section and, once all are ready, autosaves its visible text and
number items in turn as the browser does (the item's inputs, `field`, the CSRF token; numbers
typed the French way).
Meanwhile one more client asks `/healthz` about every 100 ms, one request at a time, as a load
balancer would, at the health door (HEALTH_BIND, gunicorn.conf.py): before the users start
(idle) and while they save; and another asks the same path of the workers, for comparison.
Prints the round trip percentiles, the statuses, `/healthz`'s percentiles idle and during the
saves, and the answers and revisions found in the database against what the saves should have
left. Without PostgreSQL it says so and skips.

Run: `make bench-load` (`make bench` runs it too). Prints figures; asserts nothing.
Environment: BENCH_DATABASE_URL, BENCH_USERS (50), BENCH_SAVES (20 per user),
BENCH_WORKERS (2 x cores + 1), BENCH_THREADS (gunicorn.conf.py's threads when unset),
BENCH_GUNICORN_ARGS (more options for gunicorn, split on spaces), BENCH_GUNICORN_LOG (a file
to keep gunicorn's log in). With ORS_GC_PROBE=1 the
workers log their full collections (gunicorn.conf.py) and the bench prints that summary.
"""

from __future__ import annotations

import json
import os
import re
import runpy
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
from html import unescape
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

import _setup  # noqa: F401 - puts the project on sys.path
import sqlalchemy as sa
from flask_migrate import upgrade
from sqlalchemy.engine import make_url

from app import create_app, serving
from app.answers.types import AnswerType, choice_keys
from app.auth import services as auth
from app.auth.models import Role
from app.demo import loader
from app.directory import services as directory
from app.directory.models import Party
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import saving, services
from app.reporting.models import Answer, AnswerRevision, Report, ReportStatus

ROOT = Path(__file__).resolve().parent.parent
URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/family_ors_bench"
)
USERS = int(os.environ.get("BENCH_USERS", "50"))
SAVES = int(os.environ.get("BENCH_SAVES", "20"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(2 * (os.cpu_count() or 1) + 1)))
THREADS = os.environ.get("BENCH_THREADS", "")  # empty: as gunicorn.conf.py says
EXTRA = os.environ.get("BENCH_GUNICORN_ARGS", "").split()
KEEP_LOG = os.environ.get("BENCH_GUNICORN_LOG", "")  # where to keep gunicorn's log, if anywhere
HEALTH_EVERY = 0.1  # seconds between two /healthz requests of the poller
QUESTIONNAIRE = "CMS-COP15"
SPECIES = 5  # species whose population and actions each user reports: 10 items
OCCURRENCE, THREATS = "SPEC-OCCUR-01", "SPEC-THREAT-01"
TYPED = {AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT, AnswerType.NUMBER}
TIMEOUT = 120  # seconds a request may take before it counts as an error


@dataclass
class Item:
    name: str
    node_id: int
    loop_key: str
    kind: str
    integer: bool


@dataclass
class Plan:
    """One user: who, which report and section, the items saved in turn."""

    email: str
    report_id: int
    section_id: int
    items: list[Item]
    times: list[float] = field(default_factory=list)  # milliseconds
    statuses: Counter = field(default_factory=Counter)
    last: dict[str, object] = field(default_factory=dict)  # field name: canonical value sent
    span: tuple[float, float] = (0.0, 0.0)


# --- the database ---------------------------------------------------------------------------


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


def recreate(url: str) -> None:
    name = make_url(url).database
    engine = sa.create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    engine.dispose()


def prepare(app) -> tuple[list[Plan], tuple[int, int]]:
    """Migrate, load the demo, create the users and what their section needs; commit. Returns
    the plans, and the answers and revisions their reports hold before the load."""
    with app.app_context():
        upgrade()
        loader.load()
        cms = directory.instrument_by_code("CMS")
        questionnaire = questionnaires.questionnaire_by_code(QUESTIONNAIRE)
        reports = db.session.scalars(
            sa.select(Report)
            .join(Party)
            .where(
                Report.questionnaire_id == questionnaire.id,
                Report.status == ReportStatus.NOT_STARTED,
                ~sa.exists().where(Answer.report_id == Report.id),  # none pre-filled by the demo
            )
            .order_by(Party.code)
            .limit(USERS)
        ).all()
        if len(reports) < USERS:
            raise SystemExit(f"{len(reports)} {QUESTIONNAIRE} reports untouched: lower BENCH_USERS")
        plans, first = [], None
        for number, report in enumerate(reports, start=1):
            email = f"bench.fp{number:02d}@family-ors.test"
            password = None if first else loader.DEMO_PASSWORD
            user = auth.create_user(email, f"Bench {number:02d}", password=password, locale="fr")
            # One argon2 hash for all: each costs a tenth of a second to a second on 2 cores.
            first = first or user
            user.password_hash = first.password_hash
            auth.grant_role(user, auth.GrantScope(Role.FOCAL_POINT, cms, report.party))
            plans.append(_answer_species(report, email, user))
        db.session.commit()
        return plans, stored([p.report_id for p in plans])


def _answer_species(report: Report, email: str, user) -> Plan:
    """Say the first species breed in the country, under some threat: their population and
    action items show. Returns the plan of the user filling that section."""
    filled = services.fill(report, "fr")
    section = next(s for s in filled.rendered.sections if s.node.loop == "species")
    keys = [e.species.taxon_id for e in filled.species_entries][:SPECIES]
    by_code = {item.node.code: item for item in section.items() if item.loop_key == keys[0]}
    choices = {
        OCCURRENCE: "breeding",
        THREATS: [choice_keys(by_code[THREATS].node.effective_config)[0]],
    }
    for key in keys:
        for code, raw in choices.items():
            saving.save_answer(
                filled,
                by_code[code].node,
                key,
                saving.Change(raw=raw, raw_given=True),
                expected_version=0,
                user=user,
                locale="fr",
            )
    filled.evaluate()
    section = next(s for s in filled.rendered.sections if s.node.id == section.node.id)
    items = [
        Item(
            i.field_name,
            i.node.id,
            i.loop_key,
            i.node.effective_type,
            bool(i.node.effective_config.get("integer")),
        )
        for i in section.items()
        if i.visible and i.node.effective_type in TYPED
    ]
    return Plan(email, report.id, section.node.id, items)


# --- the server -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(port: int, secret: str, log, door_port: int) -> subprocess.Popen:
    env = {
        **os.environ,
        "HEALTH_BIND": f"127.0.0.1:{door_port}",  # the health door (gunicorn.conf.py)
        "APP_CONFIG": "development",  # production's Secure cookies are not sent back over http
        "DATABASE_URL": URL,
        "SECRET_KEY": secret,
        "RATELIMIT_ENABLED": "0",  # 50 sign-ins from one address
    }
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
               "--workers", str(WORKERS), "--no-control-socket", "--timeout", str(TIMEOUT),
               *(["--threads", THREADS] if THREADS else []), *EXTRA, "wsgi:app"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_up(bases: list[str], server: subprocess.Popen, log_path: Path) -> None:
    """Until each of `bases` (the workers, the health door) answers /healthz."""
    deadline = time.monotonic() + 60
    waiting = list(bases)
    while waiting and time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"gunicorn stopped:\n{log_path.read_text()[-3000:]}")
        try:
            with build_opener().open(f"{waiting[0]}/healthz", timeout=2) as response:
                if response.status == 200:
                    waiting.pop(0)
        except (URLError, OSError):
            time.sleep(0.2)
    if waiting:
        raise SystemExit(f"{waiting[0]}/healthz did not answer:\n{log_path.read_text()[-3000:]}")


# --- one user -------------------------------------------------------------------------------


INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def inputs(page: str) -> dict[str, str]:
    """name: value of every <input> of one of our pages (the first of each name). A regular
    expression, since html.parser spends half a second on a 540 KiB section page."""
    values: dict[str, str] = {}
    for tag in INPUT.findall(page):
        attributes = {k: unescape(v) for k, v in ATTRIBUTE.findall(tag)}
        if attributes.get("name"):
            values.setdefault(attributes["name"], attributes.get("value", ""))
    return values


class NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect comes back as the response itself


class Browser:
    def __init__(self, base: str) -> None:
        self.base = base
        self.opener = build_opener(HTTPCookieProcessor(CookieJar()), NoRedirect)

    def request(self, path: str, form: dict | None = None, **headers) -> tuple[int, bytes]:
        data = urlencode(form).encode() if form is not None else None
        request = Request(self.base + path, data=data, headers=headers)  # noqa: S310 - our server
        try:
            with self.opener.open(request, timeout=TIMEOUT) as response:
                return response.status, response.read()
        except HTTPError as error:  # 3xx (not followed), 4xx, 5xx
            return error.code, error.read()

    def page(self, path: str) -> dict[str, str]:
        status, body = self.request(path)
        if status != 200:
            raise RuntimeError(f"GET {path}: {status}")
        return inputs(body.decode())


def french(amount: float) -> str:
    """`amount` typed as a French speaker does: "1 234,5" (a plain space groups)."""
    whole, _, decimals = f"{amount:,.1f}".partition(".")
    whole = whole.replace(",", " ")
    return whole if decimals == "0" else f"{whole},{decimals}"


def value_of(item: Item, n: int, user: int) -> tuple[str, object]:
    """(typed, canonical) of the `n`th save of `item` by user number `user`."""
    if item.kind == AnswerType.NUMBER:
        amount = 1000 + 37 * n + user if item.integer else 1000.5 + 37 * n + user
        return french(amount), (int(amount) if item.integer else amount)
    text = f"Relevé n° {n} : effectifs stables sur les sites suivis, l’espèce niche encore."
    if item.kind == AnswerType.LONG_TEXT:
        text += " Mesures : surveillance des nids, sensibilisation des riverains." * 4
    return text, text


def run_user(plan: Plan, number: int, base: str, barrier: threading.Barrier) -> None:
    browser = Browser(base)
    try:
        token = browser.page("/account/login")["csrf_token"]
        form = {"csrf_token": token, "email": plan.email, "password": loader.DEMO_PASSWORD}
        status, _ = browser.request("/account/login", form)
        if status != 302:
            raise RuntimeError(f"{plan.email} could not sign in: {status}")
        shown = browser.page(f"/reports/{plan.report_id}/sections/{plan.section_id}")
    except BaseException:
        barrier.abort()
        raise
    token = shown["csrf_token"]
    versions = {item.name: shown[f"v-{item.name}"] for item in plan.items}
    try:
        barrier.wait()
    except threading.BrokenBarrierError:
        return  # another user failed to get ready: its error is printed
    started = time.perf_counter()
    for n in range(SAVES):
        item = plan.items[n % len(plan.items)]
        typed, canonical = value_of(item, n, number)
        body = {
            f"p-{item.name}": "1",
            f"v-{item.name}": versions[item.name],
            item.name: typed,
            f"c-{item.name}": "",
            "field": item.name,
            "csrf_token": token,
        }
        start = time.perf_counter()
        try:
            status, answer = browser.request(
                f"/reports/{plan.report_id}/answers", body, Accept="application/json"
            )
        except (URLError, OSError) as error:
            status, answer = type(error).__name__, b""
        plan.times.append((time.perf_counter() - start) * 1000)
        plan.statuses[status] += 1
        if status == 200:
            versions[item.name] = str(json.loads(answer)["version"])
            plan.last[item.name] = canonical
    plan.span = (started, time.perf_counter())


def load(plans: list[Plan], base: str) -> float:
    """Run every user at once; the seconds from the common start to the last save."""
    barrier = threading.Barrier(len(plans))
    threads = [
        threading.Thread(target=run_user, args=(plan, number, base, barrier))
        for number, plan in enumerate(plans)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if any(not plan.span[1] for plan in plans):
        raise SystemExit("some users could not sign in or open their section: see above")
    return max(p.span[1] for p in plans) - min(p.span[0] for p in plans)


# --- /healthz meanwhile ------------------------------------------------------------------------


class HealthPoller:
    """Asks /healthz one request at a time, every HEALTH_EVERY seconds, in a thread of its own;
    keeps (sent at, milliseconds, status) of each."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.samples: list[tuple[float, float, object]] = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self.poll, daemon=True)

    def ask(self) -> tuple[float, float, object]:
        sent = time.perf_counter()
        try:
            with build_opener().open(f"{self.base}/healthz", timeout=TIMEOUT) as response:
                response.read()
                status: object = response.status
        except HTTPError as error:
            status = error.code
        except (URLError, OSError) as error:
            status = type(error).__name__
        return sent, (time.perf_counter() - sent) * 1000, status

    def idle(self, n: int = 30) -> list[tuple[float, float, object]]:
        """`n` requests before the load: what /healthz costs on a quiet server."""
        samples = []
        for _ in range(n):
            samples.append(self.ask())
            time.sleep(HEALTH_EVERY / 2)
        return samples

    def poll(self) -> None:
        while not self.stop.is_set():
            self.samples.append(self.ask())
            self.stop.wait(HEALTH_EVERY)

    def __enter__(self) -> HealthPoller:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    def during(self, plans: list[Plan]) -> list[tuple[float, float, object]]:
        """The samples sent while every user was saving (from the first start to the last
        save)."""
        start = min(p.span[0] for p in plans)
        end = max(p.span[1] for p in plans)
        return [sample for sample in self.samples if start <= sample[0] <= end]


# --- figures --------------------------------------------------------------------------------


def stored(report_ids: list[int]) -> tuple[int, int]:
    """(answers, revisions) of these reports."""
    answers = db.session.scalar(
        sa.select(sa.func.count()).select_from(Answer).where(Answer.report_id.in_(report_ids))
    )
    revisions = db.session.scalar(
        sa.select(sa.func.count())
        .select_from(AnswerRevision)
        .join(Answer, AnswerRevision.answer_id == Answer.id)  # not the copy's source
        .where(Answer.report_id.in_(report_ids))
    )
    return answers, revisions


def check(app, plans: list[Plan], before: tuple[int, int]) -> dict[str, tuple[int, int]]:
    """(found, expected) of what the database holds after the saves."""
    saved = sum(p.statuses[200] for p in plans)
    cells = {(p.report_id, i.node_id, i.loop_key): (p, i) for p in plans for i in p.items}
    with app.app_context():
        answers, revisions = stored([p.report_id for p in plans])
        touched = [
            answer
            for answer in db.session.scalars(
                sa.select(Answer).where(Answer.report_id.in_([p.report_id for p in plans]))
            )
            if (answer.report_id, answer.node_id, answer.loop_key) in cells
        ]
        kept = 0
        for answer in touched:
            plan, item = cells[(answer.report_id, answer.node_id, answer.loop_key)]
            kept += answer.value == plan.last.get(item.name)
        written = sum(len(p.last) for p in plans)
        return {
            "answers": (answers, before[0] + written),
            # consecutive saves by one person within REVISION_MERGE_SECONDS make one revision
            "revisions": (revisions, before[1] + written),
            "versions moved": (sum(a.version for a in touched), saved),  # one per save
            "last values kept": (kept, written),
        }


def percentile(times: list[float], p: int) -> float:
    return statistics.quantiles(times, n=100, method="inclusive")[p - 1]


def configured_threads() -> str:
    """The threads per worker gunicorn runs: BENCH_THREADS, else gunicorn.conf.py's."""
    if THREADS:
        return THREADS
    config = ROOT / "gunicorn.conf.py"
    return str(runpy.run_path(str(config)).get("threads", 1) if config.exists() else 1)


def print_health(idle: list, during: list, where: str = "at the health door") -> None:
    print(f"/healthz {where}, one request every {HEALTH_EVERY * 1000:.0f} ms:")
    print(f"{'':>14} {'requests':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}  statuses")
    for name, samples in (("idle", idle), ("during saves", during)):
        if len(samples) < 2:
            print(f"{name:>14} {len(samples):>8}")
            continue
        times = sorted(ms for _, ms, _ in samples)
        statuses = Counter(str(status) for _, _, status in samples)
        print(
            f"{name:>14} {len(times):>8} {percentile(times, 50):>8.1f} "
            f"{percentile(times, 95):>8.1f} {times[-1]:>8.1f}  "
            + ", ".join(f"{s} x {n}" for s, n in sorted(statuses.items()))
        )


def print_figures(plans: list[Plan], seconds: float, found: dict[str, tuple[int, int]]) -> None:
    times = sorted(t for p in plans for t in p.times)
    statuses = sum((p.statuses for p in plans), Counter())
    items = len(plans[0].items)
    print(f"autosave under load: PostgreSQL, gunicorn {WORKERS} workers x "
          f"{configured_threads()} thread(s), {QUESTIONNAIRE} species section "
          f"({items} text and number items per user)")  # fmt: skip
    print(f"{'users':>5} {'saves/user':>10} {'requests':>8} {'req/s':>6} {'p50 ms':>8} "
          f"{'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}")  # fmt: skip
    print(
        f"{len(plans):>5} {SAVES:>10} {len(times):>8} {len(times) / seconds:>6.1f} "
        f"{percentile(times, 50):>8.1f} {percentile(times, 95):>8.1f} "
        f"{percentile(times, 99):>8.1f} {times[-1]:>8.1f}"
    )
    print("statuses: " + ", ".join(f"{s} x {n}" for s, n in sorted(statuses.items(), key=str)))
    figures = [f"{what} {n} (expected {e})" for what, (n, e) in found.items()]
    print("database: " + ", ".join(figures[:2]))
    print("          " + ", ".join(figures[2:]))


def main() -> None:
    why = unreachable(URL)
    if why:
        safe = make_url(URL).render_as_string(hide_password=True)
        print(f"bench_autosave_load: skipped, PostgreSQL not reachable at {safe} ({why})")
        return
    secret = secrets.token_hex(32)
    os.environ["SECRET_KEY"] = secret  # the development config would write instance/secret_key
    recreate(URL)
    app = create_app("development", SQLALCHEMY_DATABASE_URI=URL)
    plans, before = prepare(app)
    port, door_port = free_port(), free_port()
    base, door = f"http://127.0.0.1:{port}", f"http://127.0.0.1:{door_port}"
    with tempfile.TemporaryDirectory() as tmp:
        log_path = Path(KEEP_LOG or Path(tmp) / "gunicorn.log")
        with log_path.open("wb") as log:
            server = serve(port, secret, log, door_port)
            try:
                wait_until_up([base, door], server, log_path)
                # the load balancer's probe at the door, and the same path through the workers
                poller, through_workers = HealthPoller(door), HealthPoller(base)
                idle, idle_workers = poller.idle(), through_workers.idle()
                with poller, through_workers:
                    seconds = load(plans, base)
            finally:
                serving.stop(server, seconds=30)
        if server.returncode not in (0, -15):
            print(f"gunicorn exited with {server.returncode}:\n{log_path.read_text()[-3000:]}")
        logged = log_path.read_text().splitlines()
        probe = [line for line in logged if "gc probe" in line]
        trouble = [line for line in logged if re.search(r"\[(ERROR|CRITICAL|WARNING)\]", line)]
        fatal = [n for n, line in enumerate(logged) if line.startswith("Fatal Python error")]
    print_figures(plans, seconds, check(app, plans, before))
    print_health(idle, poller.during(plans))
    print_health(idle_workers, through_workers.during(plans), "through the workers")
    if trouble:
        print(f"gunicorn logged {len(trouble)} errors and warnings, the first:")
        print("\n".join(trouble[:10]))
    for n in fatal:  # faulthandler's report of a worker killed by a signal (gunicorn.conf.py)
        print("\n".join(logged[n : n + 60]))
    if probe:
        print("full collections in the workers (ORS_GC_PROBE):")
        print("\n".join(probe))


if __name__ == "__main__":
    main()
