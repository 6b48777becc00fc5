"""Designer pages: SQL statements and render time of the outline and the Texts page for draft
questionnaires of 10 and 300 items (the statement count must not grow with the items), and of
the CMS species list page (38 species) with and without a search. Drafts are built through the
services, with a bank item per section, conditions and recorded designer changes (for "Undo
the last change").

Run: `.venv/bin/python bench/bench_designer.py`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import tempfile

import sqlalchemy as sa
from _setup import demo_app, login, timed

from app.bank.models import BankQuestion
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import editing, services


def synthetic(size: int) -> str:
    cms = directory.instrument_by_code("CMS")
    code = f"CMS-DESIGN-{size}"
    q = services.create_questionnaire(
        instrument=cms, code=code, cycle=f"D{size}", cycle_order=2000 + size,
        title={"en": "Bench", "fr": "Banc", "es": "Banco"},
    )  # fmt: skip
    bank_questions = list(db.session.scalars(sa.select(BankQuestion).order_by(BankQuestion.id)))
    section, previous = None, None
    for i in range(size):
        if i % 25 == 0:
            section = editing.add_section(q, title={"en": f"S{i}", "fr": f"S{i}", "es": f"S{i}"})
            question = bank_questions[(i // 25) % len(bank_questions)]
            services.add_bank_item(q, section, question.latest)
        condition = {"item": previous, "op": "answered"} if previous and i % 5 == 0 else None
        editing.add_local_item(
            q, section, code=f"BENCH-D{size}-{i}", answer_type="yes_no" if i % 2 else "short_text",
            text={"en": f"Question {i}?", "fr": f"Question {i} ?", "es": f"¿Pregunta {i}?"},
            condition=condition, required=i % 3 == 0,
        )  # fmt: skip
        previous = f"BENCH-D{size}-{i}"
    db.session.commit()
    return code


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, demo_app(tmp) as (app, counter):
        with app.app_context():
            codes = [synthetic(10), synthetic(300)]
        client = app.test_client()
        login(client, "cms.secretariat@demo.test")
        pages = [(code, f"/questionnaires/{code}/design") for code in codes]
        pages += [(f"{code} texts", f"/questionnaires/{code}/texts") for code in codes]
        pages += [
            ("species list", "/bank/species-lists/CMS/COP15"),
            ("species search", "/bank/species-lists/CMS/COP15?q=grue"),
        ]
        print(f"{'page':24} {'SQL':>4} {'p50 ms':>8} {'p95 ms':>8} {'KiB':>7}")
        for name, url in pages:
            figures = timed(lambda: client.get(url), counter, runs=10)  # noqa: B023
            print(
                f"{name:24} {figures['sql']:>4} {figures['p50']:>8.1f} "
                f"{figures['p95']:>8.1f} {figures['bytes'] / 1024:>7.1f}"
            )


if __name__ == "__main__":
    main()
