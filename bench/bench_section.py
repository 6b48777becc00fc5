"""Filling a report: render of a section and autosave round trip, for fp.sen's CMS reports.

Prints, for the largest section of CMS-COP15 (its species loop), for a synthetic 10-item
section and for a filled 30-question section shaped as the peer's of issue 17 (4 long texts, 6
short texts, 13 single and 3 multiple choices of 4 to 6 choices, 4 numbers), the SQL statements
(they must not grow with the items), the HTML size (raw and gzip) and the render time; then the
autosave round trip of one answer (test client, SQLite): in CMS-COP15, and in synthetic reports
of 10 and 300 items where each yes/no shows the question after it, every item answered, of a
text no condition reads and of a yes/no (the same statements and time whatever the report's
size; CPU time beside wall time, which a shared machine blurs).
The 50-user autosave load on PostgreSQL behind gunicorn is bench/bench_autosave_load.py.

Run: `make bench`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import re
import statistics
import tempfile
import time

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


def chained(size: int) -> str:
    """A questionnaire of `size` items in sections of 25, texts and yes/no in turn, where each
    yes/no shows the text after it; returns its code."""
    from app.questionnaires import services as questionnaires

    cms = directory.instrument_by_code("CMS")
    code = f"CMS-CHAIN-{size}"
    q = questionnaires.create_questionnaire(
        instrument=cms, code=code, cycle=f"C{size}", cycle_order=2000 + size,
        title={"en": "Chain", "fr": "Chaîne", "es": "Cadena"},
    )  # fmt: skip
    section = None
    for i in range(size):
        if i % 25 == 0:
            title = {"en": f"S{i}", "fr": f"S{i}", "es": f"S{i}"}
            section = questionnaires.add_section(q, title=title)
        shown_by = f"CHAIN-{size}-{i - 1}" if i % 2 == 0 and i % 25 else None
        questionnaires.add_local_item(
            q, section, code=f"CHAIN-{size}-{i}", answer_type="yes_no" if i % 2 else "short_text",
            text={"en": f"Question {i}?", "fr": f"Question {i} ?", "es": f"¿Pregunta {i}?"},
            condition={"item": shown_by, "op": "equals", "value": "yes"} if shown_by else None,
        )  # fmt: skip
    questionnaires.publish(q)
    db.session.commit()
    return code


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


def _autosave(client, report_id: int, name: str, values: list[str], version: int):
    """A call that autosaves `name` with each of `values` in turn, against the version stored
    (`version` at first)."""
    turn = 0

    def save():
        nonlocal version, turn
        value = values[turn % len(values)]
        turn += 1
        body = {"field": name, f"p-{name}": "1", f"v-{name}": str(version), name: value}
        response = client.post(f"/reports/{report_id}/answers", data=body)
        version = response.json["version"]
        return response

    return save


def _answer_all(report: Report) -> None:
    """Senegal's focal point answers every item ("yes" or a text), as a report being filled
    holds its answers: an autosave must not read them all."""
    from app.auth.services import user_by_email
    from app.reporting import saving

    fp = user_by_email("fp.sen@demo.test")
    filled = services.fill(report, "fr")
    for item in filled.rendered.items():
        raw = "yes" if item.node.effective_type == "yes_no" else "Réponse"
        change = saving.Change(raw=raw, raw_given=True)
        saving.save_answer(filled, item.node, item.loop_key, change, expected_version=0,
                           user=fp, locale="fr")  # fmt: skip
    db.session.commit()


def _on_cpu(call, spent: list[float]):
    """`call`, adding the process's CPU milliseconds of each run to `spent`: on a machine
    shared with other work, the figure that says what the request itself costs."""

    def measured():
        start = time.process_time()
        result = call()
        spent.append((time.process_time() - start) * 1000)
        return result

    return measured


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
        saves = []  # (report, what is saved, report id, field name, values, version)
        with app.app_context():
            report = _report("CMS-COP15")
            filled = services.fill(report, "fr")
            item = next(i for i in filled.rendered.items() if i.node.effective_type == "long_text")
            stored = filled.answer(item)
            version = stored.version if stored else 0
            saves.append(("CMS-COP15", "long text", report.id, item.field_name, None, version))
            for size in (10, 300):
                report = _report(chained(size))
                _answer_all(report)
                filled = services.fill(report, "fr")
                by_code = {i.node.code: i for i in filled.rendered.items()}
                text, yes_no = by_code[f"CHAIN-{size}-0"], by_code[f"CHAIN-{size}-1"]
                saves.append((f"{size} items", "text", report.id, text.field_name, None, 1))
                both = ["yes", "no"]
                saves.append((f"{size} items", "yes/no", report.id, yes_no.field_name, both, 1))
            db.session.remove()
        print(f"{'autosave (1 user, SQLite)':26} {'of':9} {'SQL':>4} {'p50 ms':>8} {'p95 ms':>8} "
              f"{'CPU p50 ms':>10}")  # fmt: skip
        for label, kind, report_id, name, values, version in saves:
            texts = values or [f"Texte {n}" for n in range(2)]
            cpu: list[float] = []
            save = _autosave(client, report_id, name, texts, version)
            figures = timed(_on_cpu(save, cpu), counter, runs=30)
            print(
                f"{label:26} {kind:9} {figures['sql']:>4} {figures['p50']:>8.1f} "
                f"{figures['p95']:>8.1f} {statistics.median(cpu):>10.1f}"
            )


if __name__ == "__main__":
    main()
