"""Hostile numbers: how long the number reader takes to refuse the worst texts (a megabyte of
digits, a huge exponent, 10,000 nines) against a short number, and the autosave round trip of
each into an integer item (`1e1000000` once took 25.6 s of CPU there).

Run: `make bench`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import contextlib
import statistics
import tempfile
import time

import sqlalchemy as sa
from _setup import demo_app, login

from app.answers import ValueProblem, reading
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import services
from app.reporting.models import Report

TEXTS = {
    "short number": "1 234,5",
    "15 digits": "999 999 999 999 999",
    "16 digits": "9999999999999999",
    "39 nines": "9" * 39,
    "1e1000000": "1e1000000",
    "Infinity": "Infinity",
    "10,000 nines": "9" * 10_000,
    "1 MB of digits": "1" * 1_000_000,
    "10 MB of digits": "1" * 10_000_000,
}


def read_ms(text: str, runs: int = 50) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with contextlib.suppress(ValueProblem):
            reading.read_number(text, "fr")
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, demo_app(tmp) as (app, _counter):
        with app.test_request_context():
            print("reader (median of 50, ms)")
            for label, text in TEXTS.items():
                print(f"  {label:18} {read_ms(text):9.4f}")
        with app.app_context():
            report = db.session.scalar(
                sa.select(Report).where(
                    Report.questionnaire_id == questionnaires.questionnaire_by_code("AEWA-MOP9").id,
                    Report.party_id == directory.party_by_code("FRA").id,
                )
            )
            filled = services.fill(report, "fr")
            item = next(
                i
                for i in filled.rendered.items()
                if i.node.effective_type == "number" and i.node.effective_config.get("integer")
            )
            report_id, name = report.id, item.field_name
        client = app.test_client()
        login(client, "fp.fra@demo.test")
        print(f"autosave into an integer item ({name}), ms")
        version = 0
        for label, text in TEXTS.items():
            body = {"field": name, f"p-{name}": "1", f"v-{name}": str(version), name: text}
            start = time.perf_counter()
            response = client.post(f"/reports/{report_id}/answers", data=body)
            took = (time.perf_counter() - start) * 1000
            version = response.json.get("version", version)
            print(f"  {label:18} {took:9.1f}  {response.status_code}")


if __name__ == "__main__":
    main()
