"""Answer types: the registry every question (bank or local) draws from, and the rules for
their configuration (choices, bounds, table columns)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from flask_babel import lazy_gettext as _l


class AnswerType(StrEnum):
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    NUMBER = "number"
    DATE = "date"
    YES_NO = "yes_no"
    SINGLE_CHOICE = "single_choice"
    MULTIPLE_CHOICE = "multiple_choice"
    TABLE = "table"
    FILE = "file"
    SPECIES = "species"
    SITE = "site"

    @property
    def label(self) -> str:
        return str(TYPE_LABELS[self])


TYPE_LABELS = {
    AnswerType.SHORT_TEXT: _l("Short text"),
    AnswerType.LONG_TEXT: _l("Long text"),
    AnswerType.NUMBER: _l("Number"),
    AnswerType.DATE: _l("Date"),
    AnswerType.YES_NO: _l("Yes / no"),
    AnswerType.SINGLE_CHOICE: _l("Single choice"),
    AnswerType.MULTIPLE_CHOICE: _l("Multiple choice"),
    AnswerType.TABLE: _l("Table"),
    AnswerType.FILE: _l("File attachment"),
    AnswerType.SPECIES: _l("Species"),
    AnswerType.SITE: _l("Site"),
}

CHOICE_TYPES = {AnswerType.SINGLE_CHOICE, AnswerType.MULTIPLE_CHOICE}
TABLE_COLUMN_TYPES = {
    AnswerType.SHORT_TEXT,
    AnswerType.NUMBER,
    AnswerType.YES_NO,
    AnswerType.SINGLE_CHOICE,
}
YES_NO_KEYS = ("yes", "no")


@dataclass(frozen=True)
class ConfigProblem:
    """A problem in a question's configuration; `message` is translated."""

    message: str


def choice_keys(config: dict[str, Any]) -> list[str]:
    return [c.get("key") for c in config.get("choices") or []]


def config_problems(answer_type: str, config: dict[str, Any] | None) -> list[ConfigProblem]:
    """Everything wrong with `config` for `answer_type` (an empty list when it is sound)."""
    try:
        kind = AnswerType(answer_type)
    except ValueError:
        return [ConfigProblem(str(_l("Unknown answer type “%(type)s”.", type=answer_type)))]
    config = config or {}
    problems: list[str] = []
    if kind in CHOICE_TYPES:
        problems += _choice_problems(config.get("choices"))
    elif kind == AnswerType.NUMBER:
        problems += _number_problems(config)
    elif kind == AnswerType.TABLE:
        problems += _table_problems(config)
    return [ConfigProblem(str(p)) for p in problems]


def _choice_problems(choices: Iterable[dict] | None) -> list:
    choices = list(choices or [])
    if len(choices) < 2:
        return [_l("A choice question needs at least two choices.")]
    problems = []
    keys = [c.get("key") for c in choices]
    if any(not k for k in keys):
        problems.append(_l("Every choice needs a key."))
    if len(set(keys)) != len(keys):
        problems.append(_l("Two choices have the same key."))
    if any(not (c.get("label") or {}).get("en") for c in choices):
        problems.append(_l("Every choice needs an English label."))
    return problems


def _number_problems(config: dict[str, Any]) -> list:
    low, high = config.get("min"), config.get("max")
    for bound in (low, high):
        if bound is not None and not isinstance(bound, int | float):
            return [_l("Number bounds must be numbers.")]
    if low is not None and high is not None and low > high:
        return [
            _l("The minimum (%(min)s) is greater than the maximum (%(max)s).", min=low, max=high)
        ]
    return []


def _table_problems(config: dict[str, Any]) -> list:
    rows, columns = config.get("rows") or [], config.get("columns") or []
    problems = []
    if not rows:
        problems.append(_l("A table needs at least one row."))
    if not columns:
        problems.append(_l("A table needs at least one column."))
    for column in columns:
        if column.get("type") not in {t.value for t in TABLE_COLUMN_TYPES}:
            problems.append(_l("A table column has a type that tables do not support."))
        elif column.get("type") == AnswerType.SINGLE_CHOICE:
            problems += _choice_problems(column.get("choices"))
    for group in (rows, columns):
        keys = [part.get("key") for part in group]
        if any(not k for k in keys) or len(set(keys)) != len(keys):
            problems.append(_l("Table rows and columns need distinct keys."))
    return problems


def cells(answer_type: str, config: dict[str, Any] | None) -> int:
    """How many answer cells a question has (a table has one per row × column)."""
    if answer_type == AnswerType.TABLE:
        config = config or {}
        return max(len(config.get("rows") or []) * len(config.get("columns") or []), 1)
    return 1


def translatable_texts(config: dict[str, Any] | None) -> list[tuple[str, dict[str, str]]]:
    """The translated labels inside a configuration, each with a path naming it."""
    config = config or {}
    found: list[tuple[str, dict[str, str]]] = []
    if config.get("unit"):
        found.append(("unit", config["unit"]))
    for choice in config.get("choices") or []:
        found.append((f"choice:{choice.get('key')}", choice.get("label") or {}))
    for row in config.get("rows") or []:
        found.append((f"row:{row.get('key')}", row.get("label") or {}))
    for column in config.get("columns") or []:
        found.append((f"column:{column.get('key')}", column.get("label") or {}))
        for choice in column.get("choices") or []:
            found.append(
                (
                    f"column:{column.get('key')}:choice:{choice.get('key')}",
                    choice.get("label") or {},
                )
            )
    return found
