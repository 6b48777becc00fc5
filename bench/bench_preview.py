"""Preview of a questionnaire: render time and SQL statements for CMS-COP15 and for synthetic
questionnaires of 10 and 300 items (the statement count must not grow with the items).

Run: `make bench`. Prints figures; asserts nothing.
"""

from __future__ import annotations

import tempfile

from _setup import demo_app, login, timed

from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services


def synthetic(size: int) -> str:
    cms = directory.instrument_by_code("CMS")
    code = f"CMS-BENCH-{size}"
    q = services.create_questionnaire(
        instrument=cms, code=code, cycle=f"B{size}", cycle_order=1000 + size,
        title={"en": "Bench", "fr": "Banc", "es": "Banco"},
    )  # fmt: skip
    section = None
    for i in range(size):
        if i % 25 == 0:
            section = services.add_section(q, title={"en": f"S{i}", "fr": f"S{i}", "es": f"S{i}"})
        services.add_local_item(
            q, section, code=f"BENCH-{size}-{i}", answer_type="yes_no" if i % 2 else "short_text",
            text={"en": f"Question {i}?", "fr": f"Question {i} ?", "es": f"¿Pregunta {i}?"},
        )  # fmt: skip
    services.publish(q)
    db.session.commit()
    return code


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp, demo_app(tmp) as (app, counter):
        with app.app_context():
            codes = ["CMS-COP15", synthetic(10), synthetic(300)]
        client = app.test_client()
        login(client, "cms.secretariat@demo.test")
        print(f"{'questionnaire':18} {'lang':4} {'SQL':>4} {'p50 ms':>8} {'p95 ms':>8} {'KiB':>7}")
        for code in codes:
            for lang in ("en", "fr", "es"):
                figures = timed(lambda: client.get(f"/questionnaires/{code}/preview?lang={lang}"),  # noqa: B023
                                counter, runs=10)  # fmt: skip
                print(
                    f"{code:18} {lang:4} {figures['sql']:>4} {figures['p50']:>8.1f} "
                    f"{figures['p95']:>8.1f} {figures['bytes'] / 1024:>7.1f}"
                )


if __name__ == "__main__":
    main()
