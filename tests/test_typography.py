"""Language and typography of issue 13: guidance names other questions by their number in the
questionnaire, not by their bank code."""

from __future__ import annotations

import re

import sqlalchemy as sa

from app.extensions import db
from app.questionnaires.models import Node
from app.reporting.models import Report
from tests.test_policy import FP_FRA


def test_guidance_names_another_question_by_its_number_here(client, auth, app):
    auth.login(FP_FRA)
    with app.app_context():
        report = db.session.scalar(
            sa.select(Report).where(
                Report.party.has(code="FRA"), Report.questionnaire.has(code="CMS-COP15")
            )
        )
        target = db.session.scalar(
            sa.select(Node).where(
                Node.questionnaire_id == report.questionnaire_id, Node.code == "SPEC-PROT-03"
            )
        )
        nodes = db.session.scalars(
            sa.select(Node).where(Node.questionnaire_id == report.questionnaire_id)
        )
        pointing = next(
            n
            for n in nodes
            if n.bank_version and "SPEC-PROT-03" in (n.bank_version.guidance or {}).get("fr", "")
        )
        section = pointing.parent_id
        while db.session.get(Node, section).parent_id is not None:
            section = db.session.get(Node, section).parent_id
        report_id, number = report.id, target.number
    page = client.get(f"/reports/{report_id}/sections/{section}")
    assert page.status_code == 200
    assert f"à la question {number}" in page.text
    assert not re.search(r"question SPEC-PROT-03", page.text)


def test_a_condition_quotes_its_values_the_readers_way(app):
    """Values in a condition were quoted “…” and joined with ", " in code, whatever the
    language: each is quoted and the list joined through the catalog and Babel now."""
    from types import SimpleNamespace

    from flask_babel import force_locale

    from app.questionnaires import wording

    item = SimpleNamespace(
        code="Q-GEAR",
        number="3.5",
        effective_type="multiple_choice",
        effective_config={
            "choices": [
                {"key": "nets", "label": {"en": "Nets", "fr": "Filets", "es": "Redes"}},
                {
                    "key": "lines",
                    "label": {"en": "Longlines", "fr": "Palangres", "es": "Palangres"},
                },
            ]
        },
    )
    tree = SimpleNamespace(by_code=lambda: {"Q-GEAR": item})
    condition = {"item": "Q-GEAR", "op": "in", "value": ["nets", "lines"]}
    with app.test_request_context(), force_locale("fr"):
        said = wording.describe(condition, tree)
    assert "«\u00a0Filets\u00a0» ou «\u00a0Palangres\u00a0»" in said
    with app.test_request_context(), force_locale("en"):
        assert "“Nets” or “Longlines”" in wording.describe(condition, tree)


def test_the_french_catalog_elides_nothing_before_a_name_and_names_no_gender():
    """« de AEWA », « à AEWA-MOP9 », « de Sénégal » can't be right for every name a placeholder
    takes; « correspondant national » says a man. The catalog writes around both."""
    from pathlib import Path

    from babel.messages.pofile import read_po

    path = Path(__file__).resolve().parents[1] / "translations/fr/LC_MESSAGES/messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    names = r"%\((instrument|questionnaire|code|party|cycle|source)\)s"
    before = re.compile(rf"\b(de|à|le|la|que|du) {names}")
    found = []
    for message in catalog:
        texts = message.string if isinstance(message.string, tuple) else (message.string,)
        for text in texts:
            if before.search(text) or "correspondant" in text:
                found.append(text)
    assert found == []
