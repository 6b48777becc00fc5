"""What every answer type shares: the refusal it raises, what reading and wording need besides
the question (the locale; species names, sites and files, received as arguments because this
package sits below the bank and the reports), and the base class each type fills in."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, ClassVar

from app.i18n import HasWorkingLanguages, translate

MAX_CHARS = 300  # a short form is one line of at most this many characters
BREAKING_SPACES = re.compile(r"[ \t\r\n\f\v]+")


class ValueProblem(ValueError):
    """What was typed cannot be read as this answer type; the message is translated."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = str(message)


@dataclass(frozen=True)
class Context:
    """What reading a value needs besides the question: the locale and the valid keys."""

    locale: str
    species: frozenset[str] = frozenset()
    attachments: frozenset[int] | None = None  # the report's files; None: not checked


@dataclass(frozen=True)
class Named:
    """A species or a site as the words of an answer name it: its label (per language for a
    species, one string for a site) and a detail (a scientific name, coordinates)."""

    label: Mapping[str, str] | str
    detail: str = ""


@dataclass
class Saying:
    """What turning a value into words needs: the reader's language, the instrument whose
    working languages decide the fallback of content texts, and the names of what answers point
    to (species by taxon id, sites by key, files by id)."""

    lang: str
    instrument: HasWorkingLanguages | None = None
    species: Mapping[str, Named] = field(default_factory=dict)
    sites: Mapping[str, Named] = field(default_factory=dict)
    files: Mapping[int, str] = field(default_factory=dict)
    other: str = ""

    def content(self, value) -> str:
        """A content text (a choice's or a column's label) in the reader's language."""
        if value is None or isinstance(value, str):
            return value or ""
        return str(translate(value, lang=self.lang, instrument=self.instrument))

    def name(self, named: Named) -> str:
        return named.label if isinstance(named.label, str) else self.content(named.label)


@dataclass(frozen=True)
class Cell:
    """One flat cell of an answer for an export: `part` names the choice, table cell
    ("row/column") or coordinate it holds ("" for a plain value); `value` is the canonical
    value, `value_label` its words in the reader's language."""

    part: str
    value: Any
    value_label: str


@dataclass(frozen=True)
class XlsformField:
    """How a question of a type is written in an XLSForm's survey sheet (app/interchange): its
    `type` ("{list}" stands for the name of its choice list, which the writer gives), its
    appearance and constraint (an XPath expression of `.`), and its choices, each a key with
    its label (per language, or a lazy interface text the writer translates); `shared`, the
    name of the list when every question of the type chooses from the same one."""

    type: str
    appearance: str = ""
    constraint: str = ""
    choices: tuple[tuple[str, Any], ...] = ()
    shared: str = ""


@dataclass(frozen=True)
class WorkbookPart:
    """One cell an answer of a type takes in the offline report workbook (app/interchange):
    `part` names it ("" for a plain value, a choice key, "row/column", a site's "name"),
    `label` says what it holds beside the question (a choice, "row — column"), and `check` how
    the spreadsheet validates what is typed: "text", "list" (one of `options`, labels in the
    reader's language), "decimal" or "whole" (between `low` and `high` when given), "date", or
    "locked" for what is not answered in a workbook (files: they are attached online)."""

    part: str
    label: str = ""
    check: str = "text"
    options: tuple[str, ...] = ()
    low: Any = None
    high: Any = None


# what `Kind.from_workbook` returns for a type that is not answered in a workbook
NOT_IN_WORKBOOK = object()


def workbook_text(value: Any, lang: str) -> str:
    """A spreadsheet cell's value as a person would have typed it in `lang`: numbers in the
    language's format with every digit (what the type's reader reads back), a day in ISO."""
    from app.answers.reading import format_number

    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).upper()
    if isinstance(value, int | float):
        return format_number(value, lang)
    if isinstance(value, datetime | date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    return str(value)


def match_label(typed: Any, options: list[tuple[str, str]], lang: str) -> str:
    """The key whose label (or key) `typed` is, ignoring case and spaces around; else what was
    typed, for the type's reader to refuse in its own words."""
    text = workbook_text(typed, lang).strip()
    wanted = text.casefold()
    for key, label in options:
        if wanted in (label.strip().casefold(), str(key).casefold()):
            return key
    return text


@dataclass
class Given:
    """What a question form says of the settings, whichever form it came from."""

    choices: list[dict] = field(default_factory=list)  # {"key", "label": {lang: text}}
    allow_other: bool = False
    minimum: str = ""
    maximum: str = ""
    integer: bool = False
    unit: dict[str, str] = field(default_factory=dict)
    table: dict | None = None  # a table's configuration, as the table editor read it
    table_errors: dict[str, str] = field(default_factory=dict)  # and what it found wrong


class Kind:
    """One answer type. Subclasses set `type` and override what differs; `read` receives a
    value that is not blank (blank is no answer, decided once by `registry.parse`)."""

    type: ClassVar[str]
    widget: ClassVar[str]  # the template under answers/widgets/ that renders its input
    problem_field: ClassVar[str] = "config"  # the settings field a configuration problem is on
    editor: ClassVar[str] = ""  # its settings editor in the question forms ("": none)

    def read(self, raw: Any, config: dict, context: Context) -> Any:
        return one(raw)

    def config_problems(self, config: dict) -> list:
        """What is wrong with a question's configuration for this type (lazy messages)."""
        return []

    def settings(self, given: Given, locale: str) -> tuple[dict, dict[str, str]]:
        """(configuration, errors by field) from what a question editor says; a None or False
        value is left out unless the configuration being changed has it (settings.build)."""
        return {}, {}

    def form_value(self, value: Any, config: dict, locale: str) -> Any:
        """A stored value as it goes back into the form field, in `locale`'s format."""
        return value

    def from_form(self, form, name: str) -> Any:
        """What the widget posted for the item named `name` (a MultiDict), as `read` takes it."""
        return form.get(name, "")

    def to_form(self, shown, name: str, raw: Any) -> None:
        """Put `raw` (a value as shown, or what was typed) into the MultiDict `shown` under the
        widget's field names, as `from_form` reads them back."""
        if isinstance(raw, list):
            for value in raw:
                shown.add(name, str(value))
        elif raw is not None:
            shown.add(name, str(raw))

    def words(self, value: Any, config: dict, say: Saying) -> str:
        """A stored (not None) value in words, in full."""
        return str(value)

    def short(self, value: Any, config: dict, say: Saying) -> str:
        """The same on one line, shortened to MAX_CHARS."""
        return shorten(self.words(value, config, say))

    def cells(self, value: Any, config: dict, say: Saying) -> list[Cell]:
        """The flat cells of a stored value: one, unless the type says otherwise."""
        return [Cell("", value, self.words(value, config, say))]

    def options(self, config: dict, say: Saying) -> list[tuple[str, str]]:
        """The keys an answer of this type chooses from, in order, with their labels (what
        analysis counts); none for a type that is not a choice."""
        return []

    def xlsform(self, config: dict, species: tuple[tuple[str, Any], ...] = ()) -> XlsformField:
        """The question as an XLSForm field; `species`, the (taxon id, names by language) of
        the questionnaire's species list, for a type that chooses one."""
        return XlsformField("text")

    def workbook_parts(self, config: dict, say: Saying) -> list[WorkbookPart]:
        """The cells an answer takes in the offline workbook, in order: one plain text cell
        unless the type says otherwise."""
        return [WorkbookPart("")]

    def to_workbook(self, value: Any, config: dict, say: Saying) -> dict[str, Any]:
        """A stored (not None) value as the workbook's cells hold it, by part: what a person
        types there (a number as a number, a choice by its label)."""
        return {"": value if isinstance(value, str) else self.words(value, config, say)}

    def from_workbook(self, cells: Mapping[str, Any], config: dict, say: Saying) -> Any:
        """What the cells of an answer say (by part, as the spreadsheet holds them), as `read`
        takes it in `say.lang`; NOT_IN_WORKBOOK for a type not answered there."""
        return workbook_text(cells.get(""), say.lang)


def one(raw: Any) -> str:
    """The first non-blank of a list, as trimmed text."""
    if isinstance(raw, list):
        raw = next((v for v in raw if not is_blank(v)), "")
    return str(raw).strip()


def is_blank(raw: Any) -> bool:
    if raw is None:
        return True
    if isinstance(raw, str):
        return raw.strip() == ""
    if isinstance(raw, list):
        return all(is_blank(v) for v in raw)
    if isinstance(raw, dict):
        return all(is_blank(v) for v in raw.values())
    return False


def shorten(text: str) -> str:
    """One line of at most MAX_CHARS; no-break spaces (French typography, number groups) stay."""
    text = BREAKING_SPACES.sub(" ", text).strip()
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rstrip() + "…"
