"""Filling a report: render of a section and autosave round trip, for fp.sen's CMS reports.

Prints, for the largest section of CMS-COP15 (its species loop), for a synthetic 10-item
section and for a filled 30-question section shaped as the peer's of issue 17 (4 long texts, 6
short texts, 13 single and 3 multiple choices of 4 to 6 choices, 4 numbers), the SQL statements
(they must not grow with the items), the HTML size (raw and gzip) and the render time; then the
autosave round trip of one answer (test client, SQLite).
The 50-user autosave load on PostgreSQL behind gunicorn is bench/bench_autosave_load.py.

Run: `make bench`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import re
import tempfile

import sqlalchemy as sa
from _setup import demo_app, login, timed
from bench_preview import synthetic

from app.demo import answers
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import services, submission
from app.reporting.models import Report

# the peer's section of issue 17: 30 questions of these types, choices from sets of 4 to 6
PEER_TYPES = (["long_text"] * 4 + ["short_text"] * 6 + ["single_choice"] * 13
              + ["multiple_choice"] * 3 + ["number"] * 4)  # fmt: skip
PEER_CHOICES = [
    ["Yes", "No", "Partially", "Not applicable"],
    ["Strongly agree", "Agree", "Neutral", "Disagree", "Strongly disagree"],
    ["National", "Regional", "District", "Municipal", "Community", "Other"],
]


def _report(code: str) -> Report:
    questionnaire = questionnaires.questionnaire_by_code(code)
    return db.session.scalar(
        sa.select(Report).where(
            Report.questionnaire_id == questionnaire.id,
            Report.party_id == directory.party_by_code("SEN").id,
        )
    )


def peer_shaped() -> str:
    """A published questionnaire of one 30-question section as the peer's, with SEN's report
    filled by its focal point. Returns its code."""
    tri = lambda text: {"en": text, "fr": f"{text} (fr)", "es": f"{text} (es)"}  # noqa: E731
    code = "CMS-PEER30"
    q = questionnaires.create_questionnaire(
        instrument=directory.instrument_by_code("CMS"), code=code, cycle="P30",
        cycle_order=3030, title=tri("Peer-shaped section"),
    )  # fmt: skip
    section = questionnaires.add_section(q, title=tri("Governance and coordination"))
    for n, kind in enumerate(PEER_TYPES, start=1):
        config: dict = {}
        if kind.endswith("choice"):
            labels = PEER_CHOICES[n % len(PEER_CHOICES)]
            config = {"choices": [{"key": f"c{k}", "label": tri(t)} for k, t in enumerate(labels)]}
        elif kind == "number":
            config = {"integer": True, "min": 0}
        text = f"1.{n} To what extent is the national coordination mechanism in place ({kind})?"
        questionnaires.add_local_item(q, section, code=f"PEER-Q{n}", answer_type=kind,
                                      text=tri(text), config=config, required=True)  # fmt: skip
    questionnaires.publish(q)
    report = _report(code)
    answers.fill_report(report, submission.focal_points(report)[0], seed=1)
    db.session.commit()
    return code


def _largest_section(report: Report) -> tuple[int, int, int]:
    """(section id, items, answer cells) of the section with the most answer cells."""
    from app.answers.types import cells

    filled = services.fill(report, "fr")
    sizes = [
        (
            sum(cells(i.node.effective_type, i.node.effective_config) for i in s.items()),
            len(s.items()),
            s.node.id,
        )
        for s in filled.rendered.sections
    ]
    n_cells, n_items, section_id = max(sizes)
    return section_id, n_items, n_cells


def _assets_gzipped(client, page: bytes) -> int:
    """Bytes of the page's scripts and styles as the server sends them compressed."""
    total = 0
    for url in set(re.findall(rb'(?:src|href)="(/[^"]+\.(?:js|css))"', page)):
        with client.get(url.decode(), headers={"Accept-Encoding": "gzip"}) as response:
            total += len(response.get_data())
    return total


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, demo_app(tmp) as (app, counter):
        with app.app_context():
            targets = []
            for code in ("CMS-COP15", synthetic(10), peer_shaped()):
                report = _report(code)
                targets.append((code, report.id, *_largest_section(report)))
            db.session.remove()
        client = app.test_client()
        login(client, "fp.sen@demo.test")
        print(f"{'section of':14} {'items':>5} {'cells':>5} {'SQL':>4} {'p50 ms':>8} "
              f"{'p95 ms':>8} {'KiB':>6} {'gzip KiB':>8} {'+assets gzip KiB':>16}")  # fmt: skip
        for code, report_id, section_id, n_items, n_cells in targets:
            url = f"/reports/{report_id}/sections/{section_id}"
            figures = timed(lambda: client.get(url), counter, runs=10)  # noqa: B023
            body = client.get(url).data
            packed = client.get(url, headers={"Accept-Encoding": "gzip"}).data
            print(
                f"{code:14} {n_items:>5} {n_cells:>5} {figures['sql']:>4} {figures['p50']:>8.1f} "
                f"{figures['p95']:>8.1f} {len(body) / 1024:>6.1f} "
                f"{len(packed) / 1024:>8.1f} "
                f"{(len(packed) + _assets_gzipped(client, body)) / 1024:>16.1f}"
            )
        code, report_id, section_id, *_ = targets[0]
        with app.app_context():
            filled = services.fill(db.session.get(Report, report_id), "fr")
            item = next(i for i in filled.rendered.items() if i.node.effective_type == "long_text")
            name = item.field_name
            db.session.remove()
        version = 0

        def save():
            nonlocal version
            body = {"field": name, f"p-{name}": "1", f"v-{name}": str(version),
                    name: f"Texte {version}"}  # fmt: skip
            response = client.post(f"/reports/{report_id}/answers", data=body)
            version = response.json["version"]
            return response

        figures = timed(save, counter, runs=20)
        print(
            f"autosave round trip (1 user, SQLite): {figures['sql']} SQL, "
            f"p50 {figures['p50']:.1f} ms, p95 {figures['p95']:.1f} ms"
        )


if __name__ == "__main__":
    main()
