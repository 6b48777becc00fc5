"""What gunicorn's server hooks (gunicorn.conf.py) do to a worker process: keep the objects built
at start-up out of the garbage collector's reach, and, when ORS_GC_PROBE asks, measure the full
collections that are left.

A full (generation 2) collection walks every object the collector tracks. After start-up that is
the application itself (modules, SQLAlchemy's mappers, compiled templates, catalogs: some
150,000 objects), which never becomes garbage; each walk of it paused a request for 70-95 ms.
`gc.freeze()` moves those objects to a permanent generation the collector no longer walks, and,
done in the master just before the fork, keeps it from writing the reference counts it computes
into the pages the workers share (copy-on-write)."""

from __future__ import annotations

import gc
import os
import statistics
import time
from collections import Counter

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
