"""What the rows of an export say in the reader's language: question texts and section titles,
countries, regions and statuses, each answer cell's label (from the answer-type registry) and
each loop key's name. Read once per export and kept: one query for the questionnaire's items,
one for the species it names, one for the parties that owe it; labels of recurring values
(choices, species, numbers) are kept in a bounded cache, so an export of any size says them at
the cost of a dictionary lookup."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_babel import force_locale

from app import answers
from app.answers.types import AnswerType
from app.bank.models import Species
from app.directory.models import MembershipStatus, Party, Region
from app.extensions import db
from app.i18n import translate
from app.questionnaires.models import Node, Questionnaire
from app.reporting.models import Report, ReportStatus, SubmittedAnswer
from app.utils import json_dumps

# Types whose values recur from country to country: their labels are worth keeping.
RECURRING = {
    AnswerType.YES_NO,
    AnswerType.SINGLE_CHOICE,
    AnswerType.MULTIPLE_CHOICE,
    AnswerType.SPECIES,
    AnswerType.NUMBER,
    AnswerType.DATE,
    AnswerType.TABLE,
}
CACHE_SIZE = 20_000  # labels kept at most (then the cache starts again): memory stays flat


@dataclass
class Item:
    """An item of the questionnaire as the exports describe it."""

    id: int
    number: str
    code: str
    type: str
    config: dict
    text: dict  # the question, per language (a bank item's: its pinned version's)
    section_title: dict  # the title of its top-level section, per language ({} outside one)
    loop: str  # "species", "site" or "" (the loop of its nearest looping section)
    order: int  # its place in the questionnaire, sections walked depth first


@dataclass
class Wording:
    """The words of one export of `questionnaire` in `lang`."""

    questionnaire: Questionnaire
    lang: str
    items: dict[int, Item] = field(init=False)
    species: dict[str, answers.Named] = field(init=False)
    _countries: dict[int, dict] = field(init=False)
    _labels: dict = field(init=False, default_factory=dict)
    _questions: dict[int, str] = field(init=False, default_factory=dict)
    _sections: dict[int, str] = field(init=False, default_factory=dict)

    def __post_init__(self) -> None:
        self.items = items_of(self.questionnaire)
        self.species = species_named(self.questionnaire)
        self._countries = countries_named(self.questionnaire)
        self.say = answers.Saying(self.lang, self.instrument, species=self.species)
        with force_locale(self.lang):
            self.regions = {r.value: r.label for r in Region}
            self.memberships = {m.value: m.label for m in MembershipStatus}
            self.statuses = {s.value: s.label for s in ReportStatus}

    @property
    def instrument(self):
        return self.questionnaire.instrument

    def content(self, value, lang: str | None = None) -> str:
        """A content text (a name, a title) in `lang` (default: the export's), along the
        instrument's fallback."""
        return str(translate(value, lang=lang or self.lang, instrument=self.instrument))

    def country(self, party_id: int) -> str:
        """The name of a party that owes the questionnaire, in `lang`."""
        return self.content(self._countries.get(party_id))

    def question(self, item: Item) -> str:
        if item.id not in self._questions:
            self._questions[item.id] = self.content(item.text)
        return self._questions[item.id]

    def section(self, item: Item) -> str:
        if item.id not in self._sections:
            self._sections[item.id] = self.content(item.section_title)
        return self._sections[item.id]

    def value_label(
        self, item: Item, cell: str, value: Any, other: str = "", filename: str | None = None
    ) -> str:
        """The words of one cell (`cell`: its table cell or site part, "" otherwise; `value`:
        the cell's canonical value), as the answer-type registry says them in `lang`."""
        if value is None:
            return ""
        keep = item.type in RECURRING and not other
        if keep:
            key = (item.id, cell, json_dumps(value, sort_keys=True))
            if key in self._labels:
                return self._labels[key]
        label = self._said(item, cell, value, other, filename)
        if keep:
            if len(self._labels) >= CACHE_SIZE:
                self._labels.clear()
            self._labels[key] = label
        return label

    def _said(self, item: Item, cell: str, value: Any, other: str, filename: str | None) -> str:
        say = self.say
        if other or filename is not None:
            files = {value: filename} if filename is not None else {}
            say = answers.Saying(
                self.lang, self.instrument, species=self.species, files=files, other=other
            )
        part = value if item.type == AnswerType.MULTIPLE_CHOICE else cell
        found = answers.cells(item.type, item.config, whole(item.type, cell, value), say)
        for each in found:
            if str(each.part) == str(part):
                return each.value_label
        return found[0].value_label if found else ""

    def loop_label(self, loop_kind: str, loop_key: str, site_name: str | None) -> str:
        """A loop key's name: the species' names in `lang`, the site's name."""
        if not loop_key:
            return ""
        if loop_kind == "site":
            return site_name or ""
        if loop_kind == "species":
            key = ("species", loop_key)
            if key not in self._labels:
                self._labels[key] = answers.words(AnswerType.SPECIES, {}, loop_key, self.say)
            return self._labels[key]
        return ""


def whole(answer_type: str, cell: str, value: Any) -> Any:
    """The smallest stored value of `answer_type` holding one cell: what the registry splits
    back into that cell. A row of the tidy relation keeps one cell of an answer (a chosen key,
    a table cell "row/column", a part of a site, one file); its words are those of that cell
    within an answer that holds only it."""
    if answer_type in (AnswerType.MULTIPLE_CHOICE, AnswerType.FILE):
        return [value]
    if answer_type == AnswerType.TABLE:
        row, _slash, column = cell.partition("/")
        return {row: {column: value}}
    if answer_type == AnswerType.SITE:
        return {cell or "name": value}
    return value


def items_of(questionnaire: Questionnaire) -> dict[int, Item]:
    """Every item of `questionnaire` by id, in one query (their bank versions with them)."""
    nodes = db.session.scalars(
        sa.select(Node)
        .where(Node.questionnaire_id == questionnaire.id)
        .options(sa.orm.selectinload(Node.bank_version))
    ).all()
    by_id = {node.id: node for node in nodes}
    children: dict[int | None, list[Node]] = {}
    for node in nodes:
        children.setdefault(node.parent_id, []).append(node)
    order: dict[int, int] = {}

    def walk(parent_id: int | None) -> None:
        for node in sorted(children.get(parent_id, []), key=lambda n: (n.position, n.id)):
            order[node.id] = len(order)
            walk(node.id)

    walk(None)
    found = {}
    for node in nodes:
        if node.is_section:
            continue
        top, loop = node, ""
        parent = by_id.get(node.parent_id)
        while parent is not None:
            loop = loop or (parent.loop or "")
            top = parent
            parent = by_id.get(parent.parent_id)
        found[node.id] = Item(
            id=node.id,
            number=node.number or "",
            code=node.code or "",
            type=node.effective_type or "",
            config=node.effective_config or {},
            text=dict(node.effective_text or {}),
            section_title=dict(top.title or {}) if top is not node and top.is_section else {},
            loop=loop,
            order=order.get(node.id, len(order)),
        )
    return found


def species_named(questionnaire: Questionnaire) -> dict[str, answers.Named]:
    """The species the submitted answers of `questionnaire` name (loop keys and species
    answers), by taxon id, with their names in every language: one query."""
    loops = sa.select(SubmittedAnswer.loop_key).where(
        SubmittedAnswer.questionnaire_id == questionnaire.id,
        SubmittedAnswer.loop_kind == "species",
    )
    chosen = sa.select(SubmittedAnswer.value_text).where(
        SubmittedAnswer.questionnaire_id == questionnaire.id,
        SubmittedAnswer.answer_type == AnswerType.SPECIES.value,
    )
    rows = db.session.execute(
        sa.select(Species.taxon_id, Species.common_name, Species.scientific_name).where(
            sa.or_(Species.taxon_id.in_(loops), Species.taxon_id.in_(chosen))
        )
    )
    return {
        taxon: answers.Named(dict(common or {}), scientific or "")
        for taxon, common, scientific in rows
    }


def countries_named(questionnaire: Questionnaire) -> dict[int, dict]:
    """The names (per language) of the parties that owe `questionnaire`, by id: one query, a
    row per party (never per answer)."""
    rows = db.session.execute(
        sa.select(Party.id, Party.name)
        .join(Report, Report.party_id == Party.id)
        .where(Report.questionnaire_id == questionnaire.id)
    )
    return {party_id: dict(name or {}) for party_id, name in rows}
