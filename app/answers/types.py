"""The answer types by name, with their labels, and facts about a configuration that need no
rules (its choice keys, its number of cells, its translated labels). Each type's rules live
in app/answers/kinds/, found through app/answers/registry.py."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app.enums import LabelledEnum


class AnswerType(LabelledEnum):
    SHORT_TEXT = "short_text", _l("Short text")
    LONG_TEXT = "long_text", _l("Long text")
    NUMBER = "number", _l("Number")
    DATE = "date", _l("Date")
    YES_NO = "yes_no", _l("Yes / no")
    SINGLE_CHOICE = "single_choice", _l("Single choice")
    MULTIPLE_CHOICE = "multiple_choice", _l("Multiple choice")
    TABLE = "table", _l("Table")
    FILE = "file", _l("File attachment")
    SPECIES = "species", _l("Species")
    SITE = "site", _l("Site")


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
