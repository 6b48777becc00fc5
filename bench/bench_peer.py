"""Family ORS side by side with django-survey-and-report 1.5.0, the figures of issue 17.

The same job on both: 300 questions in 10 sections of 30 (bench/peer/spec.py: the peer's
question types, texts and answers), 130 complete reports, PostgreSQL, gunicorn with 2 sync
workers each, this machine. On scratch databases (created here, dropped at the end):

* ours: `flask db upgrade`, `flask demo load`, then bench/peer_ours.py builds CMS-PEER300 (and
  CMS-PEER10, one section of 10 of the same questions) through our services, and a focal point
  answers one report of each; `flask demo generate --questionnaire CMS-PEER300 --countries 130`
  submits 130 more, timed (the issue: ≤ 30 s).
* the peer: bench/peer/seed.py in its own virtual environment (.venv-peer, made by
  `make bench-peer`); without it the bench measures ours alone and says why.
* `--before REF`: a second copy of our application from a git worktree of REF, on its own
  database migrated by its own migrations, measured in the same rounds.

Then, each server under gunicorn (ours with the tree's gunicorn.conf.py when there is one, 2
workers either way):
1. SQL statements of one request of each kind, read from PostgreSQL's log
   (log_statement = 'all' on the scratch databases only, for this phase only).
2. Interleaved timing rounds (one request of each server in turn, the order turning each
   round): a section filled
   (ours: section 5 of the report; the peer: its category page), all 300 questions (our print
   view; the peer's all-in-one page), one autosave (and one in the 10-item report), the peer's
   10-section walk (its intermediate section POST; its final POST saves all 300 answers), our
   no-JavaScript Save of the 30 questions of section 5.
3. bench/bench_autosave_load.py (50 users autosaving on 2 workers) on each copy of ours, with
   /healthz polled alongside (bench/peer_ours.py load), --load-runs times each, in turns
   (before, after, after, before): the median is reported.
Prints the figures, then every ratio the issue names with its target and a mark, and writes
results.json under --out.

Run: `make bench-peer` (BENCH_ARGS="--before main"), or `.venv/bin/python bench/bench_peer.py
[--before REF] [--rounds 6] [--n 20] [--users 50] [--load-runs 2] [--skip-load]
[--skip-generate] [--out /tmp/bench-peer] [--keep] [--prefix bench_peer]`. One run at a time
uses the databases of a prefix (an advisory lock: a second run stops). A full run takes about
7 minutes on a quiet 2-core machine, 15 with --before, two to three times that when other work
shares the cores. Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager, nullcontext, suppress
from dataclasses import dataclass, field
from pathlib import Path

import _setup  # noqa: F401 - puts the project on sys.path
import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.append(str(ROOT / "bench" / "peer"))

import peer_http  # noqa: E402
import peer_report  # noqa: E402
import spec  # noqa: E402

PEER_DIR = ROOT / "bench" / "peer"
PEER_VENV = Path(os.environ.get("PEER_VENV", ROOT / ".venv-peer"))
PG_HOST = os.environ.get("PGHOST", "127.0.0.1")
PG_PORT = os.environ.get("PGPORT", "5432")
PEER_VERSION = "1.5.0"
SECTION = 4  # the fifth section, as the peer's own figures
COUNTRIES = 130
SQL_RUNS = 3
WARM = 3
PRIVATE = {"fields", "question_ids", "session", "password"}  # not written to results.json


@dataclass
class Server:
    name: str  # "ours", "before", "after", "peer"
    database: str
    tree: Path = ROOT
    port: int = 0
    process: subprocess.Popen | None = None
    log: Path | None = None
    setup: dict = field(default_factory=dict)  # what building or seeding printed

    @property
    def url(self) -> str:
        return f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/{self.database}"


# --- PostgreSQL ----------------------------------------------------------------------------


def admin(database: str = "postgres") -> psycopg.Connection:
    return psycopg.connect(
        host=PG_HOST, port=PG_PORT, user="postgres", dbname=database, autocommit=True,
        connect_timeout=3,
    )  # fmt: skip


def unreachable() -> str | None:
    try:
        admin().close()
    except psycopg.OperationalError as error:
        return str(error).strip().splitlines()[0]
    return None


def recreate(name: str, template: str | None = None) -> None:
    with admin() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        copy = f' TEMPLATE "{template}"' if template else ""
        connection.execute(f'CREATE DATABASE "{name}"{copy}')


def drop(name: str) -> None:
    with admin() as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def log_statements(name: str, on: bool) -> None:
    """log_statement = 'all' for the connections opened from now on to database `name`."""
    with admin() as connection:
        if on:
            connection.execute(f"ALTER DATABASE \"{name}\" SET log_statement = 'all'")
        else:
            connection.execute(f'ALTER DATABASE "{name}" RESET log_statement')


def analyze(name: str) -> None:
    with admin(name) as connection:
        connection.execute("ANALYZE")


def statement_log() -> Path | None:
    """The server's log file (Debian's layout: /var/log/postgresql/postgresql-<v>-main.log)."""
    found = os.environ.get("PG_LOG")
    if found:
        return Path(found)
    with suppress(OSError):
        for version in sorted(os.listdir("/etc/postgresql"), reverse=True):
            path = Path(f"/var/log/postgresql/postgresql-{version}-main.log")
            if path.exists() and os.access(path, os.R_OK):
                return path
    return None


# --- processes -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(command: list[str], cwd: Path, env: dict, log: Path, what: str) -> str:
    """Run `command`; its output goes to `log` and is returned; a failure stops the bench."""
    with log.open("ab") as out:
        out.write(f"\n$ {' '.join(command)}\n".encode())
    done = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    with log.open("a") as out:
        out.write(done.stdout + done.stderr)
    if done.returncode != 0:
        raise SystemExit(
            f"{what} failed ({done.returncode}):\n{(done.stdout + done.stderr)[-3000:]}"
        )
    return done.stdout


def our_env(server: Server, secret: str, config: str = "development") -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(server.tree),
        "BENCH_TREE": str(server.tree),
        "APP_CONFIG": config,
        "DATABASE_URL": server.url,
        "SECRET_KEY": secret,
        "RATELIMIT_ENABLED": "0",
        "PYTHONFAULTHANDLER": "1",
        # production requires them; the compared pages send no mail
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", "127.0.0.1"),
        "MAIL_DEFAULT_SENDER": os.environ.get("MAIL_DEFAULT_SENDER", "ORS <ors@bench.invalid>"),
    }


def flask(server: Server, secret: str, log: Path, *args: str) -> str:
    command = [sys.executable, "-m", "flask", "--app", "wsgi", *args]
    return run(command, server.tree, our_env(server, secret), log, f"{server.name}: flask {args}")


def commit_of(tree: Path) -> str:
    """The commit a tree is at, and whether its files differ from it."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", "-C", str(tree), *args], capture_output=True, text=True)
        return done.stdout.strip()

    said = git("log", "-1", "--format=%h %s")
    changed = git("status", "--porcelain", "--untracked-files=no")
    return f"{said[:90]}{' (with uncommitted changes)' if changed else ''}"


def gunicorn_conf(tree: Path) -> Path | None:
    conf = tree / "gunicorn.conf.py"
    return conf if conf.exists() else None


def start(server: Server, secret: str, out: Path) -> None:
    """gunicorn with 2 workers on a free port, its output in out/logs/<name>-gunicorn.log."""
    server.port = free_port()
    server.log = out / "logs" / f"{server.name}-gunicorn.log"
    common = ["--workers", "2", "--bind", f"127.0.0.1:{server.port}", "--no-control-socket",
              "--log-level", "warning"]  # fmt: skip
    if server.name == "peer":
        command = [str(PEER_VENV / "bin" / "gunicorn"), *common, "peerproj.wsgi:application"]
        env = {**os.environ, "PEER_DATABASE": server.database, "PYTHONWARNINGS": "ignore",
               "PGHOST": PG_HOST, "PGPORT": PG_PORT, "PYTHONFAULTHANDLER": "1"}  # fmt: skip
        cwd = PEER_DIR
    else:
        conf = gunicorn_conf(server.tree)
        config = ["-c", str(conf)] if conf else []
        command = [sys.executable, "-m", "gunicorn", *config, *common, "wsgi:app"]
        env, cwd = our_env(server, secret, "production"), server.tree
    with server.log.open("ab") as log:
        log.write(f"\n$ {' '.join(command)}\n".encode())
        log.flush()
        server.process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=log)
    path = "/survey/" if server.name == "peer" else "/healthz"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise SystemExit(f"{server.name}: gunicorn stopped:\n{server.log.read_text()[-3000:]}")
        try:
            if peer_http.request(server.port, "GET", path, {}).status < 500:
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{server.name}: no answer in 60 s:\n{server.log.read_text()[-3000:]}")


def stop(server: Server) -> None:
    if server.process is None:
        return
    server.process.terminate()
    try:
        server.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()
    server.process = None


CRASH = re.compile(r"was sent SIG|exited with code|WORKER TIMEOUT|Fatal Python error")


def crashes(server: Server) -> list[str]:
    """Lines of the server's log that tell of a worker lost (a signal, a timeout, a crash)."""
    if server.log is None or not server.log.exists():
        return []
    return [line for line in server.log.read_text().splitlines() if CRASH.search(line)]


@contextmanager
def serving(servers: list[Server], secret: str, out: Path):
    try:
        for server in servers:
            start(server, secret, out)
        yield
    finally:
        for server in servers:
            stop(server)


# --- preparing -----------------------------------------------------------------------------


def peer_missing() -> str | None:
    python = PEER_VENV / "bin" / "python"
    if not python.exists():
        return f"{PEER_VENV} does not exist: `make bench-peer` creates it from PyPI"
    probe = "from importlib.metadata import version; print(version('django-survey-and-report'))"
    check = subprocess.run([str(python), "-c", probe], capture_output=True, text=True, check=False)
    if check.returncode != 0:
        return f"django-survey-and-report is not installed in {PEER_VENV}"
    if check.stdout.strip() != PEER_VERSION:
        return (
            f"{PEER_VENV} holds django-survey-and-report {check.stdout.strip()}, not {PEER_VERSION}"
        )
    return None


def prepare_ours(server: Server, secret: str, out: Path, skip_generate: bool) -> None:
    log = out / "logs" / f"{server.name}-setup.log"
    recreate(server.database)
    flask(server, secret, log, "db", "upgrade")
    started = time.perf_counter()
    flask(server, secret, log, "demo", "load")
    server.setup["demo_load_s"] = time.perf_counter() - started
    recreate(f"{server.database}_demo", template=server.database)  # the load bench starts here
    command = [sys.executable, str(ROOT / "bench" / "peer_ours.py"), "build"]
    built = run(command, server.tree, our_env(server, secret), log, f"{server.name}: build")
    server.setup.update(json.loads(built.strip().splitlines()[-1]))
    args = ["demo", "generate", "--questionnaire", "CMS-PEER300", "--countries", str(COUNTRIES)]
    # --batch (bulk writes, untimed here) exists only in some versions: the others always write
    # in bulk, and their time is the figure
    batch = skip_generate and "--batch" in flask(server, secret, log, *args[:2], "--help")
    started = time.perf_counter()
    output = flask(server, secret, log, *args, *(["--batch"] if batch else []))
    wall = time.perf_counter() - started
    said = re.search(r"Submitted (\d+) \S+ reports \((\d+) answers, ([\d.]+) s\)", output)
    server.setup["generate"] = {
        "batch": batch,
        "wall_s": wall,
        "reports": int(said.group(1)) if said else None,
        "answers": int(said.group(2)) if said else None,
        "command_s": float(said.group(3)) if said else None,
    }
    analyze(server.database)
    print(f"{server.name}: demo load {server.setup['demo_load_s']:.0f} s, build "
          f"{server.setup['build_s']} s, fill {server.setup['fill_s']} s, demo generate "
          f"{'--batch ' if batch else ''}{wall:.1f} s ({output.strip().splitlines()[-2]})",
          flush=True)  # fmt: skip


def public(setup: dict) -> dict:
    """What building or seeding printed, less the field names, sessions and passwords."""
    return {k: public(v) if isinstance(v, dict) else v
            for k, v in setup.items() if k not in PRIVATE}  # fmt: skip


def prepare_peer(server: Server, out: Path) -> None:
    recreate(server.database)
    env = {**os.environ, "PEER_DATABASE": server.database, "PYTHONWARNINGS": "ignore",
           "PGHOST": PG_HOST, "PGPORT": PG_PORT}  # fmt: skip
    command = [str(PEER_VENV / "bin" / "python"), str(PEER_DIR / "seed.py")]
    seeded = run(command, PEER_DIR, env, out / "logs" / "peer-setup.log", "peer: seed")
    server.setup.update(json.loads(seeded.strip().splitlines()[-1]))
    print(f"peer: seeded {server.setup['answers']} answers in {server.setup['seconds']} s",
          flush=True)  # fmt: skip


@contextmanager
def worktree(ref: str, out: Path):
    """A detached git worktree of `ref`, its catalogs compiled; removed at the end."""
    path = Path(tempfile.mkdtemp(prefix="bench-peer-before-"))
    subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "--force", str(path),
                    ref], check=True, capture_output=True)  # fmt: skip
    try:
        env = {**os.environ, "PYTHONPATH": str(path)}
        command = [sys.executable, "-m", "flask", "--app", "wsgi", "translate", "compile"]
        with (out / "logs" / "before-setup.log").open("ab") as log:
            subprocess.run(command, cwd=path, env=env, stdout=log, stderr=log, check=False)
        yield path
    finally:
        subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(path)],
                       check=False, capture_output=True)  # fmt: skip


# --- 1. SQL statements ----------------------------------------------------------------------


def count_statements(ours: list[Server], peer: Server | None, log: Path) -> dict:
    """Statements per request of each kind (the median of SQL_RUNS, all runs kept)."""
    counter = peer_http.StatementLog(log)
    found: dict[str, dict[str, list[dict]]] = {}

    def counted(server: Server, label: str, call) -> None:
        counter.begin()
        call()
        found.setdefault(server.name, {}).setdefault(label, []).append(counter.end(server.database))

    for server in ours:
        client = client_of(server)
        for _ in range(2):
            client.section(), client.all_questions(), client.autosave(), client.section_save()
        for _ in range(SQL_RUNS):
            counted(server, "section", client.section)
            counted(server, "section_10", lambda c=client: c.section(small=True))
            counted(server, "print", client.all_questions)
            counted(server, "autosave", client.autosave)
            counted(server, "autosave_10", lambda c=client: c.autosave(small=True))
            for label, small in (("section_save", False), ("section_save_10", True)):

                def between(moment, server=server, label=label):
                    if moment == "before":
                        counter.begin()
                    else:
                        found.setdefault(server.name, {}).setdefault(label, []).append(
                            counter.end(server.database)
                        )

                client.section_save(small=small, between=between)
    if peer is not None:
        client = client_of(peer)
        for _ in range(2):
            client.section(), client.all_questions()
        client.walk()
        for _ in range(SQL_RUNS):
            client.display(peer_http.BY_CATEGORY)  # the bench's own UPDATE, not counted
            counted(peer, "section", client.section)
            client.display(peer_http.ALL_IN_ONE_PAGE)
            counted(peer, "all", client.all_questions)

            def between(step, moment):
                if moment == "before":
                    counter.begin()
                elif step in (SECTION, spec.SECTIONS - 1):
                    label = "section_post" if step == SECTION else "final_post"
                    found.setdefault("peer", {}).setdefault(label, []).append(
                        counter.end(peer.database)
                    )

            client.walk(between)
    return found


# --- 2. timing rounds -----------------------------------------------------------------------


def client_of(server: Server):
    """A signed-in client of `server` (one per server start)."""
    if server.name == "peer":
        return peer_http.Peer(server.port, server.setup, SECTION, admin(server.database))
    return peer_http.Ours(server.port, server.setup, SECTION, server.setup.get("small"))


def sizes(client, server: Server) -> dict:
    """Bytes of the section and of all questions: as sent plain, on the wire when gzip is
    accepted, and gzip -6 of the plain page (the same measure for both sides)."""
    found = {}
    for what, call in (("section", client.section), ("all", client.all_questions)):
        plain = call(gzip=False)
        packed = call(gzip=True)
        found[what] = {
            "raw_bytes": len(plain.body),
            "wire_bytes_gzip_accepted": len(packed.body),
            "content_encoding": packed.headers.get("Content-Encoding"),
            "gzip6_bytes": len(gzip.compress(plain.body, 6)),
        }
    return found


def timing(servers: list[Server], rounds: int, n: int) -> dict:
    """Interleaved rounds. A round takes each group of requests in turn (the section, all the
    questions, the saves) n times; each time, every server answers its requests of the group
    once, one server after the other, so that a burst of load elsewhere on the machine falls on
    all of them alike. The servers' order turns from one round to the next. Returns samples
    (seconds) per server and kind, per round, the page sizes and the errors."""
    clients = {s.name: client_of(s) for s in servers}
    samples: dict[str, dict[str, list[list[float]]]] = {s.name: {} for s in servers}
    errors: list[dict] = []
    weights = {s.name: sizes(clients[s.name], s) for s in servers}
    plan = {s.name: requests(s.name, clients[s.name]) for s in servers}

    def record(server: Server, kind: str, number: int, call) -> None:
        try:
            got = call()
        except (RuntimeError, OSError, KeyError, ValueError) as error:
            said = f"{type(error).__name__}: {error}"[:300]
            errors.append({"round": number, "server": server.name, "kind": kind, "error": said})
            print(f"  error: {errors[-1]}", flush=True)
            if server.name != "peer":
                with suppress(RuntimeError, OSError, KeyError):
                    clients[server.name].refresh(clients[server.name].big)
            return
        for label, seconds in (got if isinstance(got, dict) else {kind: got}).items():
            per_round = samples[server.name].setdefault(label, [])
            while len(per_round) <= number:
                per_round.append([])
            per_round[number].append(seconds)

    for _ in range(WARM):
        for groups in plan.values():
            for calls in groups.values():
                for _kind, call in calls:
                    call()
    for number in range(rounds):
        began, load = time.monotonic(), os.getloadavg()[0]
        order = servers[number % len(servers) :] + servers[: number % len(servers)]
        for group in ("section", "all", "save"):
            for _ in range(n):
                for server in order:
                    for kind, call in plan[server.name][group]:
                        record(server, kind, number, call)
        print(f"  round {number + 1}/{rounds}: {time.monotonic() - began:.0f} s, "
              f"order {', '.join(s.name for s in order)}, load {load:.1f}", flush=True)  # fmt: skip
    return {"samples": samples, "sizes": weights, "errors": errors}


def requests(name: str, client) -> dict[str, list[tuple[str, object]]]:
    """The requests of one server by group, each a (kind, call returning seconds or a dict of
    seconds by kind)."""
    if name == "peer":

        def walk():
            posts = client.walk()
            return {"section_post": posts[SECTION].seconds, "final_post": posts[-1].seconds,
                    "walk": sum(p.seconds for p in posts)}  # fmt: skip

        return {"section": [("section", lambda: client.section().seconds)],
                "all": [("all", lambda: client.all_questions().seconds)],
                "save": [("walk", walk)]}  # fmt: skip

    def section_save():
        post, page = client.section_save()
        return {"section_save": post.seconds, "section_after_save": page.seconds}

    return {"section": [("section", lambda: client.section().seconds)],
            "all": [("all", lambda: client.all_questions().seconds)],
            "save": [("autosave", lambda: client.autosave().seconds),
                     ("autosave_10", lambda: client.autosave(small=True).seconds),
                     ("section_save", section_save)]}  # fmt: skip


# --- 3. autosave under load -------------------------------------------------------------------


def autosave_load(server: Server, secret: str, users: int, out: Path) -> dict:
    """The tree's bench_autosave_load.py through bench/peer_ours.py load, on a copy of the
    side's database as `flask demo load` left it."""
    database = f"{server.database}_load"
    env = {
        **our_env(server, secret),
        "BENCH_DATABASE_URL": server.url.rsplit("/", 1)[0] + f"/{database}",
        "BENCH_TEMPLATE": f"{server.database}_demo",
        "BENCH_USERS": str(users),
        "BENCH_WORKERS": "2",
    }
    command = [sys.executable, str(ROOT / "bench" / "peer_ours.py"), "load"]
    log = out / "logs" / f"{server.name}-load.log"
    try:
        output = run(command, server.tree, env, log, f"{server.name}: autosave load")
    except SystemExit as failed:  # the other figures are still worth printing
        print(failed, flush=True)
        return {"error": f"the load bench failed: see {log}"}
    finally:
        drop(database)
    line = next((x for x in output.splitlines() if x.startswith("PEERBENCH ")), None)
    if line is None:
        return {"error": f"no figures: see {log}"}
    return json.loads(line.removeprefix("PEERBENCH "))


def combined(runs: list[dict]) -> dict:
    """The load runs of one copy as one: the median of each figure, the statuses added up;
    every run kept under "runs"."""
    done = [r for r in runs if "error" not in r]
    if not done:
        return runs[0] if runs else {"error": "not run"}

    def middle(get):
        values = [get(r) for r in done if get(r) is not None]
        return statistics.median(values) if values else None

    statuses: dict[str, int] = {}
    for run in done:
        for status, n in run["statuses"].items():
            statuses[status] = statuses.get(status, 0) + n
    healthz = {
        part: {
            "n": sum(r[part]["n"] for r in done),
            "p50_ms": middle(lambda r, part=part: r[part]["p50_ms"]),
            "p95_ms": middle(lambda r, part=part: r[part]["p95_ms"]),
        }
        for part in ("healthz_idle", "healthz_during_saves", "healthz_workers_during_saves")
        if all(part in r for r in done)
    }
    return {
        **{k: done[0][k] for k in ("workers", "threads", "users")},
        "door": any(r.get("door") for r in done),  # /healthz asked at the health door
        **{k: middle(lambda r, k=k: r[k]) for k in ("saves_per_s", "p50_ms", "p95_ms")},
        "statuses": statuses,
        **healthz,
        "runs": runs,
    }


# --- the run ----------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", metavar="REF", help="also measure this git commit or branch")
    parser.add_argument("--rounds", type=int, default=6, help="timing rounds (%(default)s)")
    parser.add_argument("--n", type=int, default=20, help="requests per kind per round")
    parser.add_argument("--users", type=int, default=50, help="users of the autosave load")
    parser.add_argument("--load-runs", type=int, default=2, help="autosave loads per copy")
    parser.add_argument("--skip-load", action="store_true", help="no autosave load")
    parser.add_argument(
        "--skip-generate",
        action="store_true",
        help="fill the 130 reports with `demo generate --batch`, untimed (where it has it)",
    )
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir(), "bench-peer"))
    parser.add_argument("--keep", action="store_true", help="keep the databases at the end")
    parser.add_argument("--prefix", default="bench_peer", help="of the databases' names")
    options = parser.parse_args()
    why = unreachable()
    if why:
        print(f"bench_peer: skipped, PostgreSQL not reachable at {PG_HOST}:{PG_PORT} ({why})")
        return
    (options.out / "logs").mkdir(parents=True, exist_ok=True)
    for old in (options.out / "logs").glob("*.log"):  # each run's own logs only
        old.unlink()
    with admin() as lock:
        # two runs on the same databases would drop each other's: the second one stops
        taken = "SELECT pg_try_advisory_lock(hashtext(%s))"
        if not lock.execute(taken, (options.prefix,)).fetchone()[0]:
            print(f"bench_peer: another run is using the databases {options.prefix}_*: wait "
                  "for it to end, or give another --prefix")  # fmt: skip
            return
        with worktree(options.before, options.out) if options.before else nullcontext() as tree:
            measure(options, tree)


def measure(options, before_tree: Path | None) -> None:
    started = time.monotonic()
    secret = secrets.token_hex(32)
    prefix = options.prefix
    ours = [Server("after" if before_tree else "ours", f"{prefix}_ours")]
    if before_tree:
        ours.insert(0, Server("before", f"{prefix}_before", tree=before_tree))
    missing = peer_missing()
    peer = None if missing else Server("peer", f"{prefix}_survey")
    if missing:
        print(f"the peer is not measured: {missing}")
    everything = [*ours, *([peer] if peer else [])]
    databases = [d for s in ours for d in (s.database, f"{s.database}_demo")]
    databases += [peer.database] if peer else []
    results: dict = {"options": {k: str(v) for k, v in vars(options).items()},
                     "commits": {s.name: commit_of(s.tree) for s in ours},
                     "peer_missing": missing, "machine": {"cpus": os.cpu_count()}}  # fmt: skip
    try:
        for server in ours:
            prepare_ours(server, secret, options.out, options.skip_generate)
        if peer:
            prepare_peer(peer, options.out)
        results["setup"] = {s.name: public(s.setup) for s in everything}
        log = statement_log()
        if log is None:
            print("SQL statements not counted: no readable PostgreSQL log (set PG_LOG)")
        else:
            for server in everything:
                log_statements(server.database, True)
            try:
                with serving(everything, secret, options.out):
                    results["sql"] = count_statements(ours, peer, log)
            finally:
                for server in everything:
                    log_statements(server.database, False)
            print("SQL statements counted", flush=True)
        with serving(everything, secret, options.out):
            results["timing"] = timing(everything, options.rounds, options.n)
        results["load"] = {}
        if not options.skip_load:
            runs: dict[str, list[dict]] = {s.name: [] for s in ours}
            for number in range(options.load_runs):  # before, after, after, before, …
                for server in ours if number % 2 == 0 else ours[::-1]:
                    print(f"{server.name}: autosave load {number + 1}/{options.load_runs}, "
                          f"{options.users} users", flush=True)  # fmt: skip
                    runs[server.name].append(
                        autosave_load(server, secret, options.users, options.out)
                    )
            results["load"] = {name: combined(got) for name, got in runs.items()}
        results["crashes"] = {s.name: crashes(s) for s in everything}
    finally:
        if not options.keep:
            for name in databases:
                drop(name)
    results["seconds"] = time.monotonic() - started
    peer_report.show(results, [s.name for s in ours], peer is not None)
    path = options.out / "results.json"
    path.write_text(json.dumps(results, indent=1, allow_nan=False, default=str))
    print(f"\n{time.monotonic() - started:.0f} s; figures in {path}, logs in {options.out}/logs")


if __name__ == "__main__":
    main()
