"""Whole answers put back together from their cells in the tidy relation, for the pages that
compare one country's answers with each other (across instruments, across cycles): the value
as the answer-type registry stores it, its words in the reader's language, and a canonical
form that two answers are compared by.

The tidy relation holds one row per export cell (`answers.cells`): per chosen key of a
multiple choice, per filled table cell ("row/column"), per part of a site, per file, one
otherwise; an answer with no value but "no information", a comment or an "other" text is one
row without a value. Rows of one answer share its report, item and loop key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _

from app import answers
from app.answers.types import AnswerType
from app.extensions import db

# Answers whose value means the same whatever the words it was written in: two of them can be
# compared. Texts (and site names) are written anew for each report, files are each report's
# own: comparing them would flag nearly every pair.
COMPARED_TYPES = frozenset(
    {
        AnswerType.YES_NO,
        AnswerType.SINGLE_CHOICE,
        AnswerType.MULTIPLE_CHOICE,
        AnswerType.NUMBER,
        AnswerType.DATE,
        AnswerType.TABLE,
        AnswerType.SPECIES,
    }
)


@dataclass
class Given:
    """One country's answer to one item (and loop key) in one report's latest submission."""

    report_id: int
    party_id: int
    party_code: str
    party_name: dict
    questionnaire_id: int
    instrument_id: int
    node_id: int
    loop_kind: str  # "species", "site" or ""
    loop_key: str
    answer_type: str
    bank_version: int | None
    submitted_at: datetime | None
    no_info: bool = False
    hidden: bool = False
    other: str = ""
    cells: list[tuple[str, Any]] = field(default_factory=list)  # (cell, value), in order

    @property
    def value(self) -> Any:
        """The value as the registry stores it, None when the answer holds none."""
        found = [(cell, value) for cell, value in self.cells if value is not None]
        if not found:
            return None
        kind = self.answer_type
        if kind in (AnswerType.MULTIPLE_CHOICE, AnswerType.FILE):
            return [value for _cell, value in found]
        if kind == AnswerType.TABLE:
            table: dict[str, dict[str, Any]] = {}
            for cell, value in found:
                row, _slash, column = cell.partition("/")
                table.setdefault(row, {})[column] = value
            return table
        if kind == AnswerType.SITE:
            return dict(found)
        return found[0][1]

    @property
    def answered(self) -> bool:
        """A value that counts: neither made not applicable (hidden) nor empty."""
        return not self.hidden and self.value is not None

    @property
    def canonical(self) -> Any:
        """What two answers are compared by: the value, a multiple choice as a set of keys and
        a table as its filled cells; None when there is no value to compare."""
        value = self.value
        if value is None or self.hidden:
            return None
        if self.answer_type == AnswerType.MULTIPLE_CHOICE:
            return frozenset(value)
        if self.answer_type == AnswerType.TABLE:
            return frozenset((cell, _comparable(v)) for cell, v in self.cells if v is not None)
        return _comparable(value)

    def state(self) -> Any:
        """The answer's state for a comparison across cycles: its canonical value, or "no
        information"; None when made not applicable or empty."""
        if self.hidden:
            return None
        if self.canonical is not None:
            return self.canonical
        return NO_INFORMATION if self.no_info else None


NO_INFORMATION = ("no information",)


def _comparable(value: Any) -> Any:
    """A value as compared: a number as a float (12 and 12.0 are the same answer), anything
    else as stored."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    return value


def gather(rows: Iterable) -> list[Given]:
    """The answers of rows of `query.cells` (SubmittedAnswer, Party, membership status, report
    status, submitted_at), in the order of their first cell."""
    found: dict[tuple[int, int, str], Given] = {}
    for row, party, _membership, _status, submitted_at in rows:
        key = (row.report_id, row.node_id, row.loop_key)
        given = found.get(key)
        if given is None:
            given = found[key] = Given(
                report_id=row.report_id,
                party_id=party.id,
                party_code=party.code,
                party_name=party.name,
                questionnaire_id=row.questionnaire_id,
                instrument_id=row.instrument_id,
                node_id=row.node_id,
                loop_kind=row.loop_kind,
                loop_key=row.loop_key,
                answer_type=row.answer_type,
                bank_version=row.bank_version,
                submitted_at=submitted_at,
                no_info=row.no_info,
                hidden=row.hidden,
                other=row.other,
            )
        given.cells.append((row.cell, row.value))
    return list(found.values())


def words(given: Given, config: dict | None, say: answers.Saying) -> str:
    """The answer in words in `say.lang`: its value (with its "other" text), "No information
    available", or "Not applicable" when an earlier answer made it so."""
    if given.hidden:
        from flask_babel import force_locale

        with force_locale(say.lang):
            return _("Not applicable")
    return answers.answer_words(
        given.answer_type,
        config,
        {"value": given.value, "no_info": given.no_info, "other": given.other},
        say,
    )


def species_names(keys: Iterable[str]) -> dict[str, answers.Named]:
    """Taxon id → the species' names (common names by language, scientific name), for the
    words of species answers. One statement."""
    from app.bank.models import Species

    wanted = sorted({k for k in keys if isinstance(k, str) and k})
    if not wanted:
        return {}
    stmt = sa.select(Species).where(Species.taxon_id.in_(wanted))
    return {
        s.taxon_id: answers.Named(s.common_name or {}, s.scientific_name)
        for s in db.session.scalars(stmt)
    }
