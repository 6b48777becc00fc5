"""Reading the bank: search in any language. Where each question is used is the questionnaires'
to say (app/bank/uses.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Page:
    """One page of a longer list of results: what a page says is "31–60 of 73", never a silent
    cut at the first 30."""

    items: list
    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))

    @property
    def first(self) -> int:
        """The 1-based rank of the page's first item (0 when there is none)."""
        return (self.number - 1) * self.per_page + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.first + len(self.items) - 1 if self.items else 0

    @property
    def previous(self) -> int | None:
        return self.number - 1 if self.number > 1 else None

    @property
    def next(self) -> int | None:
        return self.number + 1 if self.number < self.pages else None


def page_of(results: list, number: int | None, per_page: int) -> Page:
    """Page `number` (1-based, brought within range) of `results`."""
    pages = max(1, math.ceil(len(results) / per_page))
    number = min(max(number or 1, 1), pages)
    start = (number - 1) * per_page
    return Page(results[start : start + per_page], number, per_page, len(results))
