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
        pointing = db.session.scalar(
            sa.select(Node).where(
                Node.questionnaire_id == report.questionnaire_id,
                Node.bank_version.has(sa.text("guidance LIKE '%SPEC-PROT-03%'")),
            )
        )
        section = pointing.parent_id
        while db.session.get(Node, section).parent_id is not None:
            section = db.session.get(Node, section).parent_id
        report_id, number = report.id, target.number
    page = client.get(f"/reports/{report_id}/sections/{section}")
    assert page.status_code == 200
    assert f"à la question {number}" in page.text
    assert not re.search(r"question SPEC-PROT-03", page.text)
