"""Shared set-up of the benchmarks: a migrated SQLite database holding the demo, a counter of
SQL statements, and a timer."""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from flask_migrate import upgrade  # noqa: E402

from app import create_app  # noqa: E402
from app.demo import loader  # noqa: E402
from app.extensions import db  # noqa: E402


class Counter:
    def __init__(self) -> None:
        self.n = 0

    def __call__(self, *args, **kwargs) -> None:
        self.n += 1


@contextmanager
def demo_app(directory: str):
    app = create_app("test", SQLALCHEMY_DATABASE_URI=f"sqlite:///{directory}/bench.db")
    with app.app_context():
        upgrade()
        loader.load()
        db.session.commit()
        counter = Counter()
        event.listen(db.engine, "before_cursor_execute", counter)
    yield app, counter


def login(client, email: str) -> None:
    client.post("/account/login", data={"email": email, "password": loader.DEMO_PASSWORD})


def timed(call: Callable[[], object], counter: Counter, runs: int = 20) -> dict[str, float]:
    """p50/p95 milliseconds and the SQL statements of one call (after a warm-up call)."""
    call()
    times, statements = [], 0
    for _ in range(runs):
        counter.n = 0
        start = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - start) * 1000)
        statements = counter.n
    times.sort()
    return {
        "p50": statistics.median(times),
        "p95": times[max(int(len(times) * 0.95) - 1, 0)],
        "sql": statements,
        "bytes": len(getattr(result, "data", b"")),
    }
