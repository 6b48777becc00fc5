"""Reading the bank: search in any language. Where each question is used is the questionnaires'
to say (app/bank/uses.py)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import selectinload

from app.bank import uses
from app.bank.models import BankQuestion
from app.directory.models import Instrument
from app.extensions import db
from app.i18n import normalise


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
        used = uses.questionnaires.question_ids_used_in(instrument)
        stmt = stmt.where(BankQuestion.id.in_(used))
    questions = list(db.session.scalars(stmt))
    # Tags are a JSON list and the type is the latest version's: both are filtered here, on the
    # few hundred rows that the text filter leaves, the same way on SQLite and PostgreSQL.
    if tag:
        questions = [q for q in questions if tag in (q.tags or [])]
    if answer_type:
        questions = [q for q in questions if q.latest.answer_type == answer_type]
    return questions
