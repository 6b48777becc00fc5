"""The answer types by name, with their labels, and facts about a configuration that need no
rules (its choice keys, its number of cells, its translated labels). Each type's rules live
in app/answers/kinds/, found through app/answers/registry.py."""

from __future__ import annotations

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


def choice_keys(config: dict[str, Any]) -> list[str]:
    return [c.get("key") for c in config.get("choices") or []]


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
