"""What bench/bench_peer.py prints: the figures of each server, then every ratio issue 17 names
with its target and a mark (✓ reached, ✗ not yet, · no target or not measured)."""

from __future__ import annotations

import math
import statistics

# The issue's figures of 2026-12-06, for what has no "before" to be compared with.
ISSUE_SAVES_PER_S = 78.0
HEALTHZ_P95_MS = 100.0  # /healthz "does not queue behind saves": our reading, see the README
SAME_TOLERANCE = 1.25  # "cost the same": a time ratio within this, on a noisy 2-core machine
GENERATE_S = 30.0


def pooled(results: dict, server: str, kind: str) -> list[float]:
    rounds = results.get("timing", {}).get("samples", {}).get(server, {}).get(kind, [])
    return [x for one in rounds for x in one]


def ms(samples: list[float], which: str) -> float | None:
    if not samples:
        return None
    ordered = sorted(samples)
    if which == "median":
        return statistics.median(ordered) * 1000
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)] * 1000


def sql(results: dict, server: str, kind: str, part: str = "total") -> int | None:
    """Statements of one request: the fewest of the runs (a run may add the driver's DEALLOCATE
    ALL or a new connection's set-up; every run is in results.json)."""
    runs = results.get("sql", {}).get(server, {}).get(kind)
    if not runs:
        return None
    return min(run.get(part, 0) for run in runs)


def ratio(a: float | None, b: float | None) -> float | None:
    return a / b if a is not None and b else None


def mark(value, good: bool | None) -> str:
    if value is None:
        return "not measured ·"
    text = str(value)
    if isinstance(value, float):  # ratios near 0.05 need a third decimal, milliseconds none
        text = f"{value:.3f}" if value < 0.1 else f"{value:.2f}" if value < 10 else f"{value:.0f}"
    return f"{text} {'·' if good is None else '✓' if good else '✗'}"


def at_most(limit: float):
    return lambda value: None if value is None else value <= limit


def at_least(limit: float):
    return lambda value: None if value is None else value >= limit


def timing_line(results: dict, server: str, kind: str) -> str:
    samples = pooled(results, server, kind)
    if not samples:
        return "—"
    return f"{ms(samples, 'median'):7.1f} / {ms(samples, 'p95'):7.1f} ms"


def show(results: dict, ours: list[str], with_peer: bool) -> None:
    servers = [*ours, *(["peer"] if with_peer else [])]
    print()
    for name, commit in results.get("commits", {}).items():
        print(f"{name}: {commit}")
    figures(results, servers)
    ratios(results, ours, with_peer)


def figures(results: dict, servers: list[str]) -> None:
    rows = [
        ("30-question section, filled", "section", "section"),
        ("all 300 questions (ours: print view)", "all", "print"),
        ("one autosave (ours), 300-item report", "autosave", "autosave"),
        ("one autosave (ours), 10-item report", "autosave_10", "autosave_10"),
        ("no-JS Save of 30 questions (ours)", "section_save", "section_save"),
        ("the peer's section POST (session only)", "section_post", "section_post"),
        ("the peer's final POST (300 answers)", "final_post", "final_post"),
    ]
    print("\nmedian / p95 (pooled over the rounds) and SQL statements per request")
    print(f"{'':42}" + "".join(f"{name:>30}" for name in servers))
    for label, kind, sql_kind in rows:
        cells = []
        for server in servers:
            timing = timing_line(results, server, kind)
            statements = sql(results, server, "all" if server == "peer" and kind == "all"
                             else sql_kind)  # fmt: skip
            cells.append(timing if timing == "—" else f"{timing}, {statements} SQL")
        if any(c != "—" for c in cells):
            print(f"{label:42}" + "".join(f"{c:>30}" for c in cells))
    print("\npage weight: bytes as sent, gzip -6 of them (ours sends br or gzip itself)")
    for what, label in (("section", "30-question section"), ("all", "all 300 questions")):
        cells = []
        for server in servers:
            size = results.get("timing", {}).get("sizes", {}).get(server, {}).get(what)
            cells.append(f"{size['raw_bytes']:,} / {size['gzip6_bytes']:,}" if size else "—")
        print(f"{label:42}" + "".join(f"{c:>30}" for c in cells))
    load = results.get("load", {})
    for server, got in load.items():
        if "error" in got:
            print(f"\n{server}: autosave load: {got['error']}")
            continue
        during = got["healthz_during_saves"]
        runs = len(got.get("runs", [got]))
        print(f"\n{server}: {got['users']} users autosaving on {got['workers']} workers x "
              f"{got['threads']} thread(s), median of {runs} run(s): "
              f"{got['saves_per_s']:.1f} saves/s, p50 "
              f"{got['p50_ms']:.0f} ms, p95 {got['p95_ms']:.0f} ms, statuses {got['statuses']}; "
              f"/healthz {'at the health door ' if got.get('door') else ''}during the saves "
              f"p50 {during['p50_ms'] or 0:.0f} ms, p95 "
              f"{during['p95_ms'] or 0:.0f} ms (idle p95 "
              f"{got['healthz_idle']['p95_ms'] or 0:.0f} ms)")  # fmt: skip
        workers = got.get("healthz_workers_during_saves")
        if workers:
            print(
                f"{server}: the same /healthz asked of the workers meanwhile: p50 "
                f"{workers['p50_ms'] or 0:.0f} ms, p95 {workers['p95_ms'] or 0:.0f} ms"
            )
    for server, setup in results.get("setup", {}).items():
        generate = setup.get("generate")
        if generate:
            how = " --batch (untimed figure)" if generate["batch"] else ""
            print(f"{server}: flask demo generate{how}{COUNTS}: {generate['wall_s']:.1f} s "
                  f"wall, {generate['command_s']} s by its own count, "
                  f"{generate['answers']} answers")  # fmt: skip
    for server, lines in results.get("crashes", {}).items():
        print(f"{server}: {len(lines)} worker(s) lost" + "".join(f"\n  {x}" for x in lines[:5]))
    errors = results.get("timing", {}).get("errors", [])
    if errors:
        print(f"{len(errors)} request(s) failed during the rounds: see results.json")


COUNTS = " 130 x 300"


def ratios(results: dict, ours: list[str], with_peer: bool) -> None:
    peer = "peer" if with_peer else None
    rows = []

    def timed(server, kind, which="median"):
        return ms(pooled(results, server, kind), which)

    def vs_peer(label, kind, peer_kind, which, limit):
        rows.append((label, f"≤ {limit:.2f}" if limit else "—", {
            s: (ratio(timed(s, kind, which), timed(peer, peer_kind, which)) if peer else None,
                at_most(limit) if limit else (lambda v: None))
            for s in ours
        }))  # fmt: skip

    vs_peer("section render, median (ours / peer)", "section", "section", "median", 0.5)
    vs_peer("section render, p95 (ours / peer)", "section", "section", "p95", 0.5)
    rows.append(("section SQL: 30 items vs 10 items", "equal", {
        s: _versus(sql(results, s, "section"), sql(results, s, "section_10")) for s in ours
    }))  # fmt: skip
    vs_peer("one autosave / peer's final save, median", "autosave", "final_post", "median", 0.05)
    rows.append(("autosave: 300-item / 10-item report, median", f"≤ {SAME_TOLERANCE}", {
        s: (ratio(timed(s, "autosave"), timed(s, "autosave_10")), at_most(SAME_TOLERANCE))
        for s in ours
    }))  # fmt: skip
    rows.append(("autosave SQL: 300-item vs 10-item report", "equal", {
        s: _versus(sql(results, s, "autosave"), sql(results, s, "autosave_10")) for s in ours
    }))  # fmt: skip
    vs_peer("no-JS section Save / peer's section POST", "section_save", "section_post", "median",
            0.5)  # fmt: skip
    rows.append(("no-JS Save: COMMITs (one transaction)", "1", {
        s: (sql(results, s, "section_save", "commit"), lambda v: None if v is None else v == 1)
        for s in ours
    }))  # fmt: skip
    rows.append(("no-JS Save SQL: 30 items vs 10 items", "equal", {
        s: _versus(sql(results, s, "section_save"), sql(results, s, "section_save_10"))
        for s in ours
    }))  # fmt: skip
    rows.append(("section HTML before compression / peer's", "≤ 1.00", {
        s: (ratio(_raw(results, s), _raw(results, peer)) if peer else None, at_most(1.0))
        for s in ours
    }))  # fmt: skip
    vs_peer("all 300 questions, median (ours / peer)", "all", "all", "median", None)
    rows.append(("section p95 / median (the tail)", "—", {
        s: (ratio(timed(s, "section", "p95"), timed(s, "section")), lambda v: None) for s in ours
    }))  # fmt: skip
    _load_rows(results, ours, rows)
    rows.append((f"flask demo generate{COUNTS}, s", f"≤ {GENERATE_S:.0f}", {
        s: _generate(results, s) for s in ours
    }))  # fmt: skip
    rows.append(("workers lost in this run", "0", {
        s: (len(results.get("crashes", {}).get(s, [])), lambda v: v == 0) for s in ours
    }))  # fmt: skip
    print("\nissue 17: what to reach (ratios to the peer measured in this run)")
    print(f"{'':46}{'target':>10}" + "".join(f"{s:>18}" for s in ours))
    for label, target, cells in rows:
        shown = []
        for s in ours:
            value, judge = cells[s]
            good = judge(value) if value is not None else None
            shown.append(mark(value, good))
        print(f"{label:46}{target:>10}" + "".join(f"{c:>18}" for c in shown))


def _versus(a: int | None, b: int | None):
    """("a vs b", a judge: equal) of two statement counts, or nothing when one is missing."""
    if a is None or b is None:
        return None, lambda v: None
    return f"{a} vs {b}", lambda v: a == b


def _raw(results: dict, server: str | None) -> int | None:
    size = results.get("timing", {}).get("sizes", {}).get(server or "", {}).get("section")
    return size["raw_bytes"] if size else None


def _generate(results: dict, server: str):
    generate = results.get("setup", {}).get(server, {}).get("generate")
    if not generate or generate["batch"]:
        return None, at_most(GENERATE_S)
    return generate["wall_s"], at_most(GENERATE_S)


def _load_rows(results: dict, ours: list[str], rows: list) -> None:
    load = results.get("load", {})

    def saves(s):
        got = load.get(s, {})
        return got.get("saves_per_s")

    users = next((got["users"] for got in load.values() if "users" in got), None)
    users = f"{users} users" if users else "autosave load"
    base = saves("before") if "before" in ours else None
    if base:
        label, target = f"{users}: saves/s, after / before", "≥ 2.00"
        cells = {
            s: (ratio(saves(s), base), (lambda v: None) if s == "before" else at_least(2.0))
            for s in ours
        }
    else:
        label, target = f"{users}: saves/s / {ISSUE_SAVES_PER_S:.0f} (issue's)", "≥ 2.00"
        cells = {s: (ratio(saves(s), ISSUE_SAVES_PER_S), at_least(2.0)) for s in ours}
    rows.append((label, target, cells))

    def healthz(s):
        return load.get(s, {}).get("healthz_during_saves", {}).get("p95_ms")

    rows.append((f"{users}: /healthz p95 during saves, ms", f"≤ {HEALTHZ_P95_MS:.0f}", {
        s: (healthz(s), at_most(HEALTHZ_P95_MS)) for s in ours
    }))  # fmt: skip
