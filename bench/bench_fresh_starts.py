"""Fresh starts under load: does a gunicorn worker die in its first seconds?

Issue 17 saw a worker killed by SIGSEGV three times within about 10 s of a fresh start, while
SQLAlchemy built the question tree for an autosave or the print view. This starts gunicorn
BENCH_STARTS times on a PostgreSQL database holding the demo (the users and reports of
bench_autosave_load.py) and, as soon as `/healthz` answers, hits each fresh server for
BENCH_SECONDS with BENCH_CLIENTS signed-in focal points at once, each in turn autosaving an item
of its species section, opening that section and opening the print view of its report. The
workers run with faulthandler on (PYTHONFAULTHANDLER=1, and gunicorn.conf.py), so a worker killed
by a signal leaves every thread's Python stack in gunicorn's log.

Prints a line for each start where a worker died, then the starts, the deaths by cause, the
requests by status and the first fatal error's report. The whole log of each such start is
kept in BENCH_LOG_DIR. Without PostgreSQL it says so and skips.

Run: `make bench-starts` (about 10 s a start: 200 starts take half an hour or more).
Environment: BENCH_DATABASE_URL, BENCH_STARTS (200), BENCH_SECONDS (3), BENCH_CLIENTS (12),
BENCH_WORKERS (2), BENCH_THREADS (gunicorn.conf.py's when unset), BENCH_GUNICORN_ARGS (more
options for gunicorn, split on spaces), BENCH_LOG_DIR (a folder under the temporary directory),
BENCH_REUSE=1 (keep the database and users of an earlier run: no demo load).
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from urllib.error import URLError
from urllib.request import build_opener

import _setup  # noqa: F401 - puts the project on sys.path
import bench_autosave_load as load_bench
from bench_autosave_load import Browser, Item, Plan
from sqlalchemy.engine import make_url

from app import create_app, serving
from app.demo import loader

ROOT = Path(__file__).resolve().parent.parent
URL = load_bench.URL
STARTS = int(os.environ.get("BENCH_STARTS", "200"))
SECONDS = float(os.environ.get("BENCH_SECONDS", "3"))
CLIENTS = int(os.environ.get("BENCH_CLIENTS", "12"))
WORKERS = os.environ.get("BENCH_WORKERS", "2")
THREADS = os.environ.get("BENCH_THREADS", "")
EXTRA = os.environ.get("BENCH_GUNICORN_ARGS", "").split()
LOG_DIR = Path(os.environ.get("BENCH_LOG_DIR") or Path(tempfile.gettempdir()) / "ors-starts")
REUSE = os.environ.get("BENCH_REUSE") == "1"
ACTIONS = ("autosave", "section", "print")

DIED = re.compile(r"Worker \(pid:(\d+)\) (was sent (SIG\w+)|exited with code (\d+))")


# --- the database and the users --------------------------------------------------------------


def plans_file() -> Path:
    """Where the users made for a database are written down, for BENCH_REUSE."""
    return Path(tempfile.gettempdir()) / f"ors-starts-{make_url(URL).database}.json"


def users(secret: str) -> list[Plan]:
    """The focal points, their reports and sections: made anew (the demo loaded in a new
    database), or those of an earlier run with BENCH_REUSE=1."""
    if REUSE and plans_file().exists():
        kept = json.loads(plans_file().read_text())
        return [Plan(**p | {"items": [Item(**i) for i in p["items"]]}) for p in kept]
    os.environ["SECRET_KEY"] = secret  # the development config would write instance/secret_key
    os.environ["BENCH_USERS"] = str(CLIENTS)
    load_bench.USERS = CLIENTS
    load_bench.recreate(URL)
    app = create_app("development", SQLALCHEMY_DATABASE_URI=URL)
    plans, _ = load_bench.prepare(app)
    fields = ("email", "report_id", "section_id", "items")
    kept = [{name: dataclasses.asdict(p)[name] for name in fields} for p in plans]
    plans_file().write_text(json.dumps(kept))
    return plans


# --- one start ------------------------------------------------------------------------------


@dataclasses.dataclass
class Client:
    """A signed-in focal point: its cookies, CSRF token and the versions of its items."""

    plan: Plan
    browser: Browser
    token: str = ""
    versions: dict[str, str] = dataclasses.field(default_factory=dict)
    n: int = 0

    def section(self) -> int:
        path = f"/reports/{self.plan.report_id}/sections/{self.plan.section_id}"
        status, body = self.browser.request(path)
        if status == 200:
            shown = load_bench.inputs(body.decode())
            self.token = shown["csrf_token"]
            self.versions = {i.name: shown[f"v-{i.name}"] for i in self.plan.items}
        return status

    def sign_in(self) -> None:
        token = self.browser.page("/account/login")["csrf_token"]
        form = {"csrf_token": token, "email": self.plan.email, "password": loader.DEMO_PASSWORD}
        status, _ = self.browser.request("/account/login", form)
        if status != 302 or self.section() != 200:
            raise SystemExit(f"{self.plan.email} could not sign in and open its section")

    def autosave(self) -> int:
        item = self.plan.items[self.n % len(self.plan.items)]
        typed, _ = load_bench.value_of(item, self.n, self.plan.report_id)
        self.n += 1
        body = {
            f"p-{item.name}": "1",
            f"v-{item.name}": self.versions[item.name],
            item.name: typed,
            f"c-{item.name}": "",
            "field": item.name,
            "csrf_token": self.token,
        }
        path = f"/reports/{self.plan.report_id}/answers"
        status, answer = self.browser.request(path, body, Accept="application/json")
        if status == 200:
            self.versions[item.name] = str(json.loads(answer)["version"])
        return status

    def print(self) -> int:
        return self.browser.request(f"/reports/{self.plan.report_id}/print")[0]


def serve(port: int, secret: str, log) -> subprocess.Popen:
    env = {
        **os.environ,
        "APP_CONFIG": "development",  # production's Secure cookies are not sent back over http
        "DATABASE_URL": URL,
        "SECRET_KEY": secret,
        "RATELIMIT_ENABLED": "0",
        "PYTHONFAULTHANDLER": "1",
    }
    command = [sys.executable, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}",
               "--workers", WORKERS, "--no-control-socket", "--timeout", "60",
               *(["--threads", THREADS] if THREADS else []), *EXTRA, "wsgi:app"]  # fmt: skip
    return subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)


def wait_until_up(base: str, server: subprocess.Popen) -> bool:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with build_opener().open(f"{base}/healthz", timeout=5) as response:
                if response.status == 200:
                    return True
        except (URLError, OSError):
            time.sleep(0.05)
    return False


def hit(client: Client, first: int, until: float, statuses: Counter) -> None:
    """Autosave, section, print in turn (starting at `first`) until `until`; counts the
    statuses in `statuses`, this thread's own."""
    turn = first
    while time.monotonic() < until:
        action = ACTIONS[turn % len(ACTIONS)]
        turn += 1
        try:
            status = getattr(client, action)()
        except (URLError, OSError) as error:  # a worker that died mid-request
            status = type(error).__name__
        statuses[(action, status)] += 1


def stop(server: subprocess.Popen) -> None:
    serving.stop(server, seconds=30)


def one_start(number: int, clients: list[Client], secret: str, statuses: Counter) -> list[str]:
    """Start gunicorn, hit it at once, stop it. The log lines that say a worker died."""
    port = load_bench.free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = LOG_DIR / f"start-{number:03d}.log"
    with log_path.open("wb") as log:
        server = serve(port, secret, log)
        try:
            if not wait_until_up(base, server):
                return [f"gunicorn did not start: see {log_path}"]
            for client in clients:
                client.browser.base = base
            until = time.monotonic() + SECONDS
            counts = [Counter() for _ in clients]
            threads = [
                threading.Thread(target=hit, args=(client, i, until, counts[i]))
                for i, client in enumerate(clients)
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            for count in counts:
                statuses.update(count)
        finally:
            stop(server)
    logged = log_path.read_text(errors="replace")
    deaths = [m.group(0) for m in DIED.finditer(logged) if m.group(3) != "SIGTERM"]
    if not deaths:
        log_path.unlink()
    return deaths


def fatal_report(directory: Path) -> str:
    """faulthandler's report in the first kept log that has one."""
    for path in sorted(directory.glob("start-*.log")):
        lines = path.read_text(errors="replace").splitlines()
        for n, line in enumerate(lines):
            if line.startswith("Fatal Python error"):
                end = next((k for k in range(n, len(lines)) if "Extension modules" in lines[k]), n)
                return f"{path}:\n" + "\n".join(lines[n : max(end + 1, n + 60)])
    return ""


def main() -> None:
    why = load_bench.unreachable(URL)
    if why:
        safe = make_url(URL).render_as_string(hide_password=True)
        print(f"bench_fresh_starts: skipped, PostgreSQL not reachable at {safe} ({why})")
        return
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    for old in LOG_DIR.glob("start-*.log"):
        old.unlink()
    secret = secrets.token_hex(32)
    clients = [Client(plan, Browser("")) for plan in users(secret)]
    # Sessions live in the database: signed in once, the clients stay signed in across starts.
    port = load_bench.free_port()
    with (LOG_DIR / "sign-in.log").open("wb") as log:
        server = serve(port, secret, log)
        try:
            if not wait_until_up(f"http://127.0.0.1:{port}", server):
                raise SystemExit(f"gunicorn did not start: see {LOG_DIR / 'sign-in.log'}")
            for client in clients:
                client.browser.base = f"http://127.0.0.1:{port}"
                client.sign_in()
        finally:
            stop(server)

    statuses: Counter = Counter()
    causes: Counter = Counter()
    crashed = 0
    began = time.monotonic()
    for number in range(1, STARTS + 1):
        deaths = one_start(number, clients, secret, statuses)
        if deaths:
            crashed += 1
            causes.update(re.sub(r"\(pid:\d+\) ", "", d) for d in deaths)
            print(f"start {number}: " + "; ".join(deaths), flush=True)
    minutes = (time.monotonic() - began) / 60
    threads = THREADS or load_bench.configured_threads()
    print(f"fresh starts under load: gunicorn {WORKERS} workers x {threads} thread(s), "
          f"{CLIENTS} clients for {SECONDS:g} s after each start, {minutes:.1f} min")  # fmt: skip
    print(f"starts {STARTS}, starts where a worker died {crashed}, worker deaths "
          f"{sum(causes.values())}")  # fmt: skip
    for cause, n in causes.most_common():
        print(f"  {n} x {cause}")
    for action in ACTIONS:
        done = {s: n for (a, s), n in statuses.items() if a == action}
        listed = ", ".join(f"{s} x {n}" for s, n in sorted(done.items(), key=str))
        print(f"{action:>9}: {listed}")
    report = fatal_report(LOG_DIR)
    if report:
        print(report)
    if crashed:
        print(f"logs of those starts: {LOG_DIR}")


if __name__ == "__main__":
    main()
