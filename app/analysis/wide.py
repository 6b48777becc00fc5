"""The wide export: one row per country, one column per answer position, and a second sheet
("columns") describing each column in every language.

Columns are decided first, by one DISTINCT query over the same rows as the long export, then
the rows are read by country and each country's row is written before the next is read, so
memory holds one country at a time. A column is named after the item's number (its code when
it has none), then as needed:

- `[loop key]` for an item in a section repeated per species or site: `4.2[aquila_nipalensis]`;
- `/row/column` for a table's cell, `/lat` (`/name`, `/lon`) for a part of a site: `5.1/r1/c2`;
- `:key` for one choice of a multiple choice: `3.3:trawls`, holding 1 when the country chose
  it, 0 when it answered the question without choosing it, empty when it did not answer.

A cell holds the canonical value, as the long export's `value` does (choice keys, numbers,
ISO dates, texts); a file question holds the files' names joined by "; ". What the wide sheet
leaves empty (answers kept but not applicable, "no information", comments, "other" texts) is in
the long export, whose rows carry it all. Columns come in the questionnaire's order, loop keys
in the species list's order (sites by when they were added), parts in the question's order.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from flask_babel import force_locale

from app import bounds
from app.analysis import exports, query
from app.analysis.wording import Item, Wording
from app.answers.kinds.site import PARTS
from app.answers.types import AnswerType
from app.bank.models import Species, SpeciesListEntry
from app.extensions import db
from app.i18n import languages
from app.questionnaires.models import Questionnaire
from app.reporting.models import Site, SubmittedAnswer

COUNTRY_COLUMNS = (
    "country_iso3",
    "country_name",
    "region",
    "membership_status",
    "report_status",
    "submitted_at",
)
LAST = 1_000_000  # the place of what a list does not order


@dataclass
class Column:
    item: Item
    loop_key: str
    part: str  # a table cell "row/column", a site's part, a chosen key; "" otherwise
    loop_label: str = ""

    @property
    def is_choice(self) -> bool:
        return self.item.type == AnswerType.MULTIPLE_CHOICE

    @property
    def name(self) -> str:
        name = self.item.number or self.item.code
        if self.loop_key:
            name += f"[{self.loop_key}]"
        if self.part:
            name += f":{self.part}" if self.is_choice else f"/{self.part}"
        return name


def description_columns() -> tuple[str, ...]:
    return (
        "column",
        "code",
        "item_number",
        "loop_key",
        "loop_label",
        "cell",
        "choice",
        "answer_type",
        *(f"question_{lang}" for lang in languages()),
    )


def columns(
    scope: query.Scope,
    filters: query.Filters,
    questionnaire: Questionnaire,
    words: Wording,
) -> list[Column]:
    """The columns of the wide export, in order: one DISTINCT query over the rows the long
    export reads (the same scope and filters)."""
    answer = SubmittedAnswer
    part = sa.case(
        (sa.and_(answer.answer_type == "multiple_choice", answer.cell == ""), answer.value_text),
        (answer.answer_type == "file", sa.literal("")),
        else_=answer.cell,
    )
    stmt = (
        query.cells(scope, filters, questionnaire=questionnaire)
        .with_only_columns(answer.node_id, answer.loop_kind, answer.loop_key, part, Site.name)
        .outerjoin(Site, Site.id == exports.id_in(answer.loop_key, answer.loop_kind, "site"))
        .order_by(None)
        .distinct()
    )
    found: dict[tuple[int, str, str], Column] = {}
    for node_id, loop_kind, loop_key, cell, site_name in db.session.execute(stmt):
        item = words.items.get(node_id)
        if item is None or (item.type == AnswerType.MULTIPLE_CHOICE and not cell):
            continue
        found[(node_id, loop_key, cell)] = Column(
            item, loop_key, cell, words.loop_label(loop_kind, loop_key, site_name)
        )
    species = _species_order(questionnaire)

    def place(column: Column):
        loop = species.get(column.loop_key, LAST) if column.item.loop == "species" else LAST
        if column.item.loop == "site":
            loop = bounds.integer_or(column.loop_key, LAST)
        return (column.item.order, loop, column.loop_key, *_part_place(column))

    return sorted(found.values(), key=place)


def _part_place(column: Column) -> tuple[int, str]:
    """Where a column's part comes within its item: the question's order of choices, of
    table cells, of a site's parts; what it does not list comes last, by name."""
    config, item_type = column.item.config, column.item.type
    if item_type == AnswerType.MULTIPLE_CHOICE:
        order = [c.get("key") for c in config.get("choices") or []] + ["other"]
    elif item_type == AnswerType.TABLE:
        order = [
            f"{row.get('key')}/{col.get('key')}"
            for row in config.get("rows") or []
            for col in config.get("columns") or []
        ]
    elif item_type == AnswerType.SITE:
        order = ["name", *PARTS]
    else:
        order = [""]
    return (order.index(column.part), "") if column.part in order else (LAST, column.part)


def _species_order(questionnaire: Questionnaire) -> dict[str, int]:
    if questionnaire.species_list_id is None:
        return {}
    rows = db.session.execute(
        sa.select(Species.taxon_id, SpeciesListEntry.position)
        .join(SpeciesListEntry, SpeciesListEntry.species_id == Species.id)
        .where(SpeciesListEntry.list_id == questionnaire.species_list_id)
    )
    return dict(rows.all())


def write(
    scope: query.Scope,
    filters: query.Filters,
    questionnaire: Questionnaire,
    lang: str,
    path: str | Path,
    progress: exports.Progress = None,
) -> int:
    """The wide export at `path` (sheets "answers" and "columns"). Returns the answer rows
    read. Raises exports.TooManyColumns when a worksheet cannot hold the columns."""
    words = Wording(questionnaire, lang)
    found = columns(scope, filters, questionnaire, words)
    first = len(COUNTRY_COLUMNS)
    if first + len(found) > exports.XLSX_MAX_COLUMNS:
        raise exports.TooManyColumns(len(found))
    index = {(c.item.id, c.loop_key, c.part): at for at, c in enumerate(found, start=first)}
    choices: dict[tuple[int, str], list[int]] = {}
    for at, column in enumerate(found, start=first):
        if column.is_choice:
            choices.setdefault((column.item.id, column.loop_key), []).append(at)

    book = exports.workbook(path)
    sheet = book.add_worksheet("answers")
    _describe(book.add_worksheet("columns"), found, words)
    exports.write_row(sheet, 0, (*COUNTRY_COLUMNS, *(c.name for c in found)))
    sheet.freeze_panes(1, 1)

    line, done = 1, 0
    country: Country | None = None
    for row in query.stream(exports.long_statement(scope, filters, questionnaire)):
        if country is None or row.party_id != country.party_id:
            if country is not None:
                country.write(sheet, line, choices)
                line += 1
            country = Country.of(row, words)
        done += 1
        if progress and done % exports.PROGRESS_EVERY == 0:
            progress(done)
        if row.hidden or row.value is None:
            continue  # not applicable or no information: in the long export only
        item = words.items[row.node_id]
        if item.type == AnswerType.MULTIPLE_CHOICE:
            at = index.get((row.node_id, row.loop_key, str(row.value)))
            if at is not None:
                country.cells[at] = 1
                country.answered.add((row.node_id, row.loop_key))
        elif item.type == AnswerType.FILE:
            at = index.get((row.node_id, row.loop_key, ""))
            if at is not None:
                country.files.setdefault(at, []).append(row.filename or str(row.value))
        else:
            at = index.get((row.node_id, row.loop_key, row.cell))
            if at is not None:
                country.cells[at] = exports.plain(row.value)
    if country is not None:
        country.write(sheet, line, choices)
    book.close()
    if progress:
        progress(done)
    return done


@dataclass
class Country:
    """The row of one country being read."""

    party_id: int
    first: list
    cells: dict[int, object]
    files: dict[int, list[str]]
    answered: set[tuple[int, str]]

    @classmethod
    def of(cls, row, words: Wording) -> Country:
        first = [
            row.party_code,
            words.country(row.party_id),
            words.regions.get(row.party_region or "", ""),
            words.memberships.get(row.membership_status or "", ""),
            words.statuses.get(row.report_status or "", ""),
            exports.iso_time(row.submitted_at),
        ]
        return cls(row.party_id, first, {}, {}, set())

    def write(self, sheet, line: int, choices: dict[tuple[int, str], list[int]]) -> None:
        for key in self.answered:  # answered, not chosen: 0
            for at in choices.get(key, []):
                self.cells.setdefault(at, 0)
        for at, names in self.files.items():
            self.cells[at] = "; ".join(names)
        exports.write_row(sheet, line, self.first)
        for at in sorted(self.cells):
            exports.write_cell(sheet, line, at, self.cells[at])


def _describe(sheet, found: list[Column], words: Wording) -> None:
    """The "columns" sheet: each column of "answers" with its item, loop key, cell or choice
    and the question in every language (a country column: its heading in every language)."""
    langs = languages()
    exports.write_row(sheet, 0, description_columns())
    headings = {}
    for lang in langs:
        with force_locale(lang):
            headings[lang] = {name: str(exports.HEADINGS[name]) for name in COUNTRY_COLUMNS}
    line = 1
    for name in COUNTRY_COLUMNS:
        texts = [headings[lang][name] for lang in langs]
        exports.write_row(sheet, line, (name, "", "", "", "", "", "", "", *texts))
        line += 1
    for column in found:
        item = column.item
        texts = [words.content(item.text, lang) for lang in langs]
        exports.write_row(
            sheet,
            line,
            (
                column.name,
                item.code,
                item.number,
                column.loop_key,
                column.loop_label,
                "" if column.is_choice else column.part,
                column.part if column.is_choice else "",
                item.type,
                *texts,
            ),
        )
        line += 1
    sheet.freeze_panes(1, 1)
