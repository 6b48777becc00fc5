"""Render time and SQL statements of the foundation's busiest pages, on the demo data.

Run: `make bench` (or `.venv/bin/python bench/bench_pages.py`). Prints figures; asserts nothing.
"""

from __future__ import annotations

import tempfile

from _setup import demo_app, login, timed

PAGES = [
    ("admin@demo.test", "/dashboard"),
    ("fp.esp@demo.test", "/dashboard"),
    (None, "/instruments/CMS/"),
    ("admin@demo.test", "/admin/instruments/CMS"),
    ("admin@demo.test", "/admin/parties/"),
    ("cms.secretariat@demo.test", "/instruments/CMS/focal-points"),
    ("cms.secretariat@demo.test", "/bank/"),
    ("cms.secretariat@demo.test", "/questionnaires/CMS-COP15/"),
]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, demo_app(tmp) as (app, counter):
        print(f"{'page':40} {'as':28} {'SQL':>4} {'p50 ms':>8} {'p95 ms':>8} {'KiB':>6}")
        for who, url in PAGES:
            client = app.test_client()
            if who:
                login(client, who)
            figures = timed(lambda: client.get(url), counter)  # noqa: B023
            print(
                f"{url:40} {who or 'visitor':28} {figures['sql']:>4} {figures['p50']:>8.1f} "
                f"{figures['p95']:>8.1f} {figures['bytes'] / 1024:>6.1f}"
            )


if __name__ == "__main__":
    main()
