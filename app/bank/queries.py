"""Reading the bank: search in any language and where each question is used."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.bank.models import BankQuestion, BankVersion
from app.directory.models import Instrument
from app.extensions import db
from app.i18n import normalise
from app.questionnaires.models import Node, Questionnaire


@dataclass(frozen=True)
class Usage:
    questionnaire: Questionnaire
    number: str
    version: int

    @property
    def instrument(self) -> Instrument:
        return self.questionnaire.instrument


def usage(question_ids: list[int]) -> dict[int, list[Usage]]:
    """Where each bank question is used: questionnaire, item number and pinned version."""
    if not question_ids:
        return {}
    rows = db.session.execute(
        sa.select(BankVersion.question_id, BankVersion.number, Node.number, Questionnaire)
        .join(Node, Node.bank_version_id == BankVersion.id)
        .join(Questionnaire, Questionnaire.id == Node.questionnaire_id)
        .where(BankVersion.question_id.in_(question_ids))
        .order_by(Questionnaire.instrument_id, Questionnaire.cycle_order, Node.number)
    ).all()
    found: dict[int, list[Usage]] = defaultdict(list)
    for question_id, version_number, node_number, questionnaire in rows:
        found[question_id].append(Usage(questionnaire, node_number, version_number))
    return found


def search(
    query: str = "",
    *,
    tag: str | None = None,
    answer_type: str | None = None,
    instrument: Instrument | None = None,
    owner: Instrument | None = None,
) -> list[BankQuestion]:
    """Bank questions matching every given filter.

    `query` matches codes and every language of texts, guidance and choices, ignoring case and
    accents; `instrument` keeps the questions used by one of its questionnaires.
    """
    stmt = (
        sa.select(BankQuestion)
        .options(selectinload(BankQuestion.versions))
        .order_by(BankQuestion.code)
    )
    for word in normalise(query).split():
        stmt = stmt.where(BankQuestion.search_text.contains(word, autoescape=True))
    if owner is not None:
        stmt = stmt.where(BankQuestion.owner_id == owner.id)
    if instrument is not None:
        used = (
            sa.select(BankVersion.question_id)
            .join(Node, Node.bank_version_id == BankVersion.id)
            .join(Questionnaire, Questionnaire.id == Node.questionnaire_id)
            .where(Questionnaire.instrument_id == instrument.id)
        )
        stmt = stmt.where(BankQuestion.id.in_(used))
    questions = list(db.session.scalars(stmt))
    # Tags are a JSON list and the type is the latest version's: both are filtered here, on the
    # few hundred rows that the text filter leaves, the same way on SQLite and PostgreSQL.
    if tag:
        questions = [q for q in questions if tag in (q.tags or [])]
    if answer_type:
        questions = [q for q in questions if q.latest.answer_type == answer_type]
    return questions
