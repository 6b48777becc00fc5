"""What gunicorn's server hooks (gunicorn.conf.py) do to a worker process: keep the objects built
at start-up out of the garbage collector's reach, and, when ORS_GC_PROBE asks, measure the full
collections that are left. And, when HEALTH_BIND asks, the master's health door (at the end).

A full (generation 2) collection walks every object the collector tracks. After start-up that is
the application itself (modules, SQLAlchemy's mappers, compiled templates, catalogs: some
150,000 objects), which never becomes garbage; each walk of it paused a request for 70-95 ms.
`gc.freeze()` moves those objects to a permanent generation the collector no longer walks, and,
done in the master just before the fork, keeps it from writing the reference counts it computes
into the pages the workers share (copy-on-write)."""

from __future__ import annotations

import gc
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

PROBE_VARIABLE = "ORS_GC_PROBE"  # "1": log the full collections; "saveall": and what they free


def probe_mode(environ=os.environ) -> str:
    """'', 'pauses' or 'saveall', from ORS_GC_PROBE."""
    value = environ.get(PROBE_VARIABLE, "").strip().lower()
    if value in ("", "0"):
        return ""
    return "saveall" if value == "saveall" else "pauses"


def warm_up(app) -> None:
    """Build before the fork what every worker would otherwise build on its first requests:
    the mappers' configuration and every template compiled, so that they are frozen and shared
    too."""
    from sqlalchemy.orm import configure_mappers

    configure_mappers()
    for name in app.jinja_env.list_templates(extensions=("html", "txt")):
        app.jinja_env.get_template(name)


class FullCollections:
    """A `gc.callbacks` probe: the pause of each full collection, what it freed, and (logged
    outside the collection, where listing objects costs no pause) how many objects it walked.

    With `saveall`, what the collections find unreachable is kept in `gc.garbage` instead of
    freed (gc.DEBUG_SAVEALL), so that `cycles()` can say which types the requests leave in
    reference cycles. That run's pauses grow with what it keeps: time the pauses without it."""

    def __init__(self, saveall: bool = False) -> None:
        self.saveall = saveall
        self.started: float | None = None
        self.pauses: list[tuple[float, int]] = []  # (milliseconds, objects collected)
        self.young = 0.0  # milliseconds in the collections of generations 0 and 1
        self.logged = 0
        self.requests = 0

    def __call__(self, phase: str, info: dict) -> None:
        # Runs inside the collection, in whichever thread set it off: records, no more.
        if phase == "start":
            self.started = time.perf_counter()
        elif self.started is not None:
            ms = (time.perf_counter() - self.started) * 1000
            if info["generation"] == 2:
                self.pauses.append((ms, info["collected"]))
            else:
                self.young += ms
            self.started = None

    def install(self) -> FullCollections:
        gc.callbacks.append(self)
        if self.saveall:
            gc.set_debug(gc.DEBUG_SAVEALL)
        return self

    def after_request(self) -> list[str]:
        """Lines about the full collections since the last call."""
        self.requests += 1
        new = self.pauses[self.logged :]
        self.logged += len(new)
        if not new:
            return []
        tracked, frozen = len(gc.get_objects(2)), gc.get_freeze_count()
        return [
            f"full collection {ms:.1f} ms, {collected} collected, {tracked} tracked, "
            f"{frozen} frozen (request {self.requests})"
            for ms, collected in new
        ]

    def summary(self) -> str:
        young = f"young collections {self.young / max(self.requests, 1):.2f} ms a request"
        if not self.pauses:
            return f"no full collection in {self.requests} requests, {young}"
        times = sorted(ms for ms, _ in self.pauses)
        collected = statistics.median(n for _, n in self.pauses)
        return (
            f"{len(times)} full collections in {self.requests} requests "
            f"(one every {self.requests / len(times):.0f}), pause p50 "
            f"{statistics.median(times):.1f} ms, max {times[-1]:.1f} ms, "
            f"{collected:.0f} collected (median); {young}"
        )

    def cycles(self, top: int = 25) -> list[str]:
        """What the collections found in reference cycles, by type (and a function's name):
        the biggest groups first."""
        kinds: Counter = Counter()
        for thing in gc.garbage:
            kind = type(thing)
            name = f"{kind.__module__}.{kind.__qualname__}"
            if kind.__name__ in ("function", "method"):
                name += f" {getattr(thing, '__qualname__', '?')}"
            kinds[name] += 1
        total = sum(kinds.values())
        return [f"{total} objects in cycles"] + [
            f"{n:>8} {name}" for name, n in kinds.most_common(top)
        ]


# --- the health door --------------------------------------------------------------------------
#
# A load balancer asks `/healthz` every few seconds. Asked of a worker, it waits behind the saves
# queued for that worker's threads (646 ms at the 95th percentile with 50 people autosaving on
# 2 workers of 8 threads) and for the interpreter's lock they hold, so that a busy server looks
# dead. With HEALTH_BIND set, the master starts the door: a small process of its own (this file
# run as a script: neither the application nor Flask is loaded) that answers GET /healthz on
# that address with the same JSON, after a `SELECT 1` on a connection of its own. It leaves when
# the master does (gunicorn.conf.py's on_exit, or at the latest a second after the master is
# gone). Whether the workers live is gunicorn's business: it restarts those that stop answering.

HEALTH_VARIABLE = "HEALTH_BIND"
DOOR_DATABASE = "ORS_DOOR_DATABASE"  # the database's URL, passed to the door by environment
DOOR_REDIS = "ORS_DOOR_REDIS"  # and Redis's, with the job queues' names, when there is one
DOOR_QUEUE = "ORS_DOOR_QUEUE"
REDIS_SECONDS = 1  # Redis answers in a millisecond; one that takes a second is not healthy
_BIND = re.compile(r"\[?(?P<host>[^\[\]]+)\]?:(?P<port>\d{1,5})")
CHECK_SECONDS = 3  # a database slower than this to answer SELECT 1 is not healthy
# strict, as app/utils.json_dumps is (this file runs alone, without the application)
_STRICT = json.JSONEncoder(allow_nan=False)


def door_bind(environ=os.environ) -> tuple[str, int] | None:
    """(host, port) of HEALTH_BIND ("127.0.0.1:8001", "[::1]:8001"); None when it is unset."""
    value = environ.get(HEALTH_VARIABLE, "").strip()
    if not value:
        return None
    found = _BIND.fullmatch(value)
    if found is None or not 0 < int(found["port"]) < 65536:
        raise ValueError(f"{HEALTH_VARIABLE}={value!r}: give host:port, e.g. 127.0.0.1:8001")
    return found["host"], int(found["port"])


def health(database_ok: bool, redis_url: str | None, queue_names: str) -> tuple[int, dict]:
    """What /healthz answers, the same from the application and from the door: the database
    (503 when it does not answer: nothing can be saved), and, when Redis is configured, Redis
    and each queue of `queue_names` (comma-separated: the mails', the exports'): how many jobs
    wait, how long the oldest has waited, how many failed.
    Redis down is "degraded", still 200: pages and saves go on without it (the rate limits
    count in memory, exports are written in the web process), and a load balancer must not
    take every server out for it."""
    state = "ok" if database_ok else "error"
    body: dict = {"status": state, "database": state}
    if redis_url:
        body.update(queue_facts(redis_url, queue_names))
        if body["redis"] != "ok" and database_ok:
            body["status"] = "degraded"
    return (200 if database_ok else 503), body


def queue_names(config) -> str:
    """The job queues /healthz reports (the mails', the exports'), as `health` takes them, from
    the application's configuration (a mapping)."""
    return ",".join(filter(None, (config.get("MAIL_QUEUE"), config.get("EXPORT_QUEUE"))))


def queue_facts(redis_url: str, queue_names: str) -> dict:
    """{"redis": "ok", "queues": [{name, depth, oldest_seconds, failed}, ...]}, or
    {"redis": "error"}."""
    from datetime import UTC, datetime

    from redis import Redis
    from redis.exceptions import RedisError
    from rq import Queue

    connection = Redis.from_url(
        redis_url, socket_connect_timeout=REDIS_SECONDS, socket_timeout=REDIS_SECONDS
    )
    facts = []
    try:
        for name in filter(None, (part.strip() for part in queue_names.split(","))):
            queue = Queue(name, connection=connection)
            depth = queue.count
            oldest = None
            first = queue.get_job_ids(0, 1)
            job = queue.fetch_job(first[0]) if first else None
            if job is not None and job.enqueued_at is not None:
                enqueued = job.enqueued_at
                if enqueued.tzinfo is None:
                    enqueued = enqueued.replace(tzinfo=UTC)
                oldest = max(0, round((datetime.now(UTC) - enqueued).total_seconds()))
            failed = queue.failed_job_registry.count
            facts.append({"name": name, "depth": depth, "oldest_seconds": oldest, "failed": failed})
    except (RedisError, OSError):
        return {"redis": "error"}
    finally:
        connection.close()
    return {"redis": "ok", "queues": facts}


def open_door(
    database_uri: str,
    environ=os.environ,
    redis_url: str | None = None,
    queue_names: str = "",
) -> subprocess.Popen | None:
    """Start the health door when HEALTH_BIND asks for it (in gunicorn's master, once it is
    ready); None when it does not."""
    if door_bind(environ) is None:
        return None
    env = {**environ, DOOR_DATABASE: database_uri}
    if redis_url:
        env |= {DOOR_REDIS: redis_url, DOOR_QUEUE: queue_names}
    # -P: this file's folder (the application's package) is not put on the module path
    command = [sys.executable, "-P", str(Path(__file__).resolve()), "door", str(os.getpid())]
    return subprocess.Popen(command, env=env, stdin=subprocess.DEVNULL)  # noqa: S603 (ours)


def close_door(door: subprocess.Popen | None) -> None:
    if door is not None:
        stop(door, seconds=5)


def stop(process: subprocess.Popen, seconds: float) -> None:
    """End `process`: asked (SIGTERM), then, after `seconds`, killed."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


class _Door(BaseHTTPRequestHandler):
    server_version = "family-ors-health"
    sys_version = ""  # not the interpreter's version

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        if self.path.split("?", 1)[0] != "/healthz":
            self._reply(404, {"status": "not found"})
            return
        ok = self.server.database_answers()  # type: ignore[attr-defined]
        redis_url, queue_names = os.environ.get(DOOR_REDIS), os.environ.get(DOOR_QUEUE, "")
        self._reply(*health(ok, redis_url, queue_names))

    def _reply(self, status: int, body: dict) -> None:
        data = _STRICT.encode(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (http.server's name)
        """Quiet: a probe every few seconds would fill the log."""


class _DoorServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, bind: tuple[str, int], database_uri: str) -> None:
        import sqlalchemy as sa

        self.address_family = socket.AF_INET6 if ":" in bind[0] else socket.AF_INET
        super().__init__(bind, _Door)
        postgres = database_uri.startswith("postgresql")
        timeout = CHECK_SECONDS * 1000
        options = {"connect_timeout": CHECK_SECONDS, "options": f"-c statement_timeout={timeout}"}
        self.engine = sa.create_engine(
            database_uri,
            pool_size=1,
            max_overflow=2,
            pool_pre_ping=True,
            connect_args=options if postgres else {},
        )
        self.select_one = sa.text("SELECT 1")

    def database_answers(self) -> bool:
        from sqlalchemy.exc import SQLAlchemyError

        try:
            with self.engine.connect() as connection:
                connection.execute(self.select_one)
            return True
        except SQLAlchemyError:
            return False


def serve_door(bind: tuple[str, int], database_uri: str, master_pid: int) -> None:
    """Answer GET /healthz on `bind` until the process `master_pid` (this one's parent) ends."""
    server = _DoorServer(bind, database_uri)

    def watch() -> None:
        while os.getppid() == master_pid:
            time.sleep(1)
        server.shutdown()

    threading.Thread(target=watch, daemon=True).start()
    signal.signal(signal.SIGTERM, lambda *_: threading.Thread(target=server.shutdown).start())
    try:
        server.serve_forever(poll_interval=0.5)
    finally:
        server.server_close()
        server.engine.dispose()


if __name__ == "__main__" and sys.argv[1:2] == ["door"]:
    serve_door(door_bind() or ("127.0.0.1", 8001), os.environ[DOOR_DATABASE], int(sys.argv[2]))
