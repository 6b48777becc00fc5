"""The analysis files of the demo's CMS-COP14 (44 submitted reports, about 4,000 answer cells):
rows per second of the long CSV next to the time of only reading the same rows (the statement
the export streams, fetched and dropped), the time of the long and wide XLSX, and the peak
memory (tracemalloc) of each, in each language. SQLite; the PostgreSQL figures at 130 and 650
countries (`flask demo generate`) are the issue's bench of the generated demo.

Run: `make bench` (or `.venv/bin/python bench/bench_export_files.py`). Prints figures; asserts
nothing.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path

from _setup import demo_app

from app.analysis import exports, query
from app.extensions import db
from app.questionnaires import services as questionnaires

RUNS = 5


def _drain(chunks) -> int:
    size = 0
    for chunk in chunks:
        size += len(chunk)
    return size


def _measured(call) -> tuple[float, float]:
    """(seconds, peak MiB allocated by Python) of one call."""
    tracemalloc.start()
    start = time.perf_counter()
    call()
    seconds = time.perf_counter() - start
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return seconds, peak / 2**20


def main() -> None:
    with (
        tempfile.TemporaryDirectory() as directory,
        demo_app(directory) as (app, _counter),
        app.app_context(),
    ):
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP14")
        scope, filters = query.EVERYTHING, query.NO_FILTERS
        rows = exports.count_cells(scope, filters, questionnaire)
        statement = exports.long_statement(scope, filters, questionnaire)

        def read_only():
            for _row in query.stream(statement):
                pass

        def csv(lang):
            table = exports.long_table(scope, filters, questionnaire, lang)
            return _drain(exports.csv_chunks(table))

        read_only()
        csv("en")  # warm-up
        reading = statistics.median(_timed(read_only) for _ in range(RUNS))
        print(f"CMS-COP14: {rows} answer rows (SQLite)")
        print(f"  reading the rows only: {reading * 1000:.0f} ms ({rows / reading:,.0f} rows/s)")
        for lang in ("en", "fr", "es"):
            seconds = statistics.median(_timed(lambda lang=lang: csv(lang)) for _ in range(RUNS))
            _s, peak = _measured(lambda lang=lang: csv(lang))
            print(
                f"  long CSV {lang}: {seconds * 1000:.0f} ms, {rows / seconds:,.0f} rows/s, "
                f"{seconds / reading:.1f}× reading, peak {peak:.1f} MiB"
            )
        out = Path(directory)
        for name, call in (
            (
                "long XLSX",
                lambda: exports.write_long_xlsx(
                    exports.long_rows(scope, filters, questionnaire, "fr"), out / "long.xlsx"
                ),
            ),
            (
                "wide XLSX",
                lambda: exports.write_wide_xlsx(
                    scope, filters, questionnaire, "fr", out / "wide.xlsx"
                ),
            ),
        ):
            seconds = statistics.median(_timed(call) for _ in range(3))
            _s, peak = _measured(call)  # tracemalloc slows it: timed apart
            print(f"  {name} fr: {seconds * 1000:.0f} ms, peak {peak:.1f} MiB")
        db.session.remove()


def _timed(call) -> float:
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
