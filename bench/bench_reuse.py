"""Answer once, report many: what it costs to find the answers fp.fra's CMS-COP15 report can
reuse from France's AEWA-MOP9 report.

First every cell of France's AEWA-MOP9 report that the demo left empty gets a plausible answer
(through saving.save_answer, as fp.fra), so that every shared bank question and every species
of both lists has a source. Then, for France's CMS-COP15 report (and, to compare, Spain's
RAPTORS-MOS4 report, a smaller one with fewer sources), prints the SQL statements (they must not
grow with the items nor with the sources) and p50/p95 times of: the offers of every cell, the
preview of "reuse all", the cycle view's counts over all fp.fra's reports, and the pages that
show them (the report's contents and its species-loop section).

Run: `make bench` (or `.venv/bin/python bench/bench_reuse.py`). Prints figures; asserts nothing.
"""

from __future__ import annotations

import tempfile

import sqlalchemy as sa
from _setup import demo_app, login, timed

from app import policy
from app.answers.types import AnswerType
from app.auth import services as auth
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import reuse_copying, reuse_offers, saving, services
from app.reporting.models import Report


def _report(code: str, party: str) -> Report:
    questionnaire = questionnaires.questionnaire_by_code(code)
    return db.session.scalar(
        sa.select(Report).where(
            Report.questionnaire_id == questionnaire.id,
            Report.party_id == directory.party_by_code(party).id,
        )
    )


def _plausible(node, species: list[str], n: int):
    """A valid answer for `node` (varied by `n`), as a person would type it in English."""
    config = node.effective_config
    kind = node.effective_type
    keys = [c["key"] for c in config.get("choices") or []]
    if kind == AnswerType.YES_NO:
        return ("yes", "no")[n % 2]
    if kind == AnswerType.SINGLE_CHOICE:
        return keys[n % len(keys)]
    if kind == AnswerType.MULTIPLE_CHOICE:
        return keys[n % len(keys) : n % len(keys) + 2] or keys[:1]
    if kind == AnswerType.NUMBER:
        return str(max(config.get("min") or 0, 10 + 7 * n))
    if kind == AnswerType.DATE:
        return "2025-06-01"
    if kind == AnswerType.SPECIES:
        return species[n % len(species)] if species else None
    if kind == AnswerType.SITE:
        return {"name": "Camargue", "lat": "43.5", "lon": "4.6"}
    if kind == AnswerType.TABLE:
        row, column = config["rows"][0], config["columns"][0]
        cell = "12" if column["type"] == AnswerType.NUMBER else "yes"
        if column["type"] == AnswerType.SINGLE_CHOICE:
            cell = column["choices"][0]["key"]
        return {row["key"]: {column["key"]: cell}}
    if kind == AnswerType.FILE:
        return None
    return f"Réponse de la France n° {n} : mesures en place depuis 2021."


def fill_aewa(party: str, email: str) -> int:
    """Answer every empty cell of the party's AEWA-MOP9 report; returns the answers it holds."""
    who = auth.user_by_email(email)
    report = _report("AEWA-MOP9", party)
    filled = services.fill(report, "en")
    species = sorted(filled.species_keys)
    for n, item in enumerate(filled.rendered.items()):
        if (item.node.id, item.loop_key) in filled.answers:
            continue
        raw = _plausible(item.node, species, n)
        if raw is None:
            continue
        change = saving.Change(raw=raw, raw_given=True)
        saving.save_answer(
            filled, item.node, item.loop_key, change, expected_version=0, user=who, locale="en"
        )
    db.session.commit()
    return len(services.answers_of(report))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, demo_app(tmp) as (app, counter):
        with app.test_request_context():
            sources = fill_aewa("FRA", "fp.fra@demo.test")
            fra = auth.user_by_email("fp.fra@demo.test")
            esp = auth.user_by_email("fp.esp@demo.test")
            cases = [
                ("CMS-COP15 FRA", _report("CMS-COP15", "FRA"), fra),
                ("RAPTORS-MOS4 ESP", _report("RAPTORS-MOS4", "ESP"), esp),
            ]
            print(f"France's AEWA-MOP9 report holds {sources} answers (the sources).")
            print(f"{'report':18} {'what':24} {'cells':>5} {'found':>5} {'SQL':>4} "
                  f"{'p50 ms':>8} {'p95 ms':>8}")  # fmt: skip
            for label, report, who in cases:
                filled = services.fill(report, "fr")
                n_cells = len(filled.rendered.items())
                for what, call in (
                    ("offers (every cell)", lambda f=filled, w=who: reuse_offers.offers(f, w)),
                    (
                        "preview of reuse all",
                        lambda f=filled, w=who: reuse_copying.preview_all(f, w),
                    ),
                ):
                    found = len(call())
                    figures = timed(call, counter, runs=20)
                    print(
                        f"{label:18} {what:24} {n_cells:>5} {found:>5} {figures['sql']:>4} "
                        f"{figures['p50']:>8.1f} {figures['p95']:>8.1f}"
                    )
            reports = services.reports_of_focal_point(policy.focal_point_scopes(fra))

            def counts():
                return reuse_offers.reusable_counts(reports, fra)

            figures = timed(counts, counter, runs=20)
            found = sum(counts().values())
            print(
                f"{'fp.fra cycle view':18} {'counts, all reports':24} {len(reports):>5} "
                f"{found:>5} {figures['sql']:>4} {figures['p50']:>8.1f} {figures['p95']:>8.1f}"
            )
            target = cases[0][1]
            filled = services.fill(target, "fr")
            loop_section = next(s for s in filled.rendered.sections if s.node.loop == "species")
            report_id, section_id = target.id, loop_section.node.id
            db.session.remove()
        client = app.test_client()
        login(client, "fp.fra@demo.test")
        for what, url in (
            ("report page", f"/reports/{report_id}/"),
            ("species-loop section", f"/reports/{report_id}/sections/{section_id}"),
            ("reuse-all preview", f"/reports/{report_id}/reuse"),
            ("cycle view", "/reports/"),
        ):
            figures = timed(lambda u=url: client.get(u), counter, runs=10)
            print(
                f"{'page (fp.fra)':18} {what:24} {'':>5} {'':>5} {figures['sql']:>4} "
                f"{figures['p50']:>8.1f} {figures['p95']:>8.1f}"
            )


if __name__ == "__main__":
    main()
