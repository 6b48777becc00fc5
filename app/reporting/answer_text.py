"""An answer said in one line of words, in the reader's language: “Yes”, “Partly, Other: …”,
“1 234,5”, “3 mars 2026”. Used where an answer is shown outside its form field (the answers a
report can reuse, what a pre-fill would copy)."""

from __future__ import annotations

from datetime import date
from typing import Any

from babel.dates import format_date
from babel.lists import format_list
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from app.bank.types import CHOICE_TYPES, AnswerType
from app.i18n import translate
from app.reporting import values

MAX_CHARS = 300


def answer_text(node, answer, lang: str, species: dict[str, str] | None = None) -> str:
    """`answer` (value, "other" text, "no information") read as `node` asks it, in `lang`."""
    with force_locale(lang):
        return _answer_text(node, answer, lang, species)


def _answer_text(node, answer, lang: str, species: dict[str, str] | None) -> str:
    if answer.no_info and answer.value is None:
        return _("No information available")
    text = value_text(
        node.effective_type, node.effective_config, answer.value, lang, species, answer.other
    )
    if answer.no_info:
        return _("%(value)s (no information available)", value=text)
    return text


def value_text(
    answer_type: str,
    config: dict,
    value: Any,
    lang: str,
    species: dict[str, str] | None = None,
    other: str = "",
) -> str:
    if value is None:
        return "—"
    kind = AnswerType(answer_type)
    if kind == AnswerType.YES_NO:
        return _("Yes") if value == "yes" else _("No")
    if kind in CHOICE_TYPES:
        keys = value if isinstance(value, list) else [value]
        labels = [_choice_label(config, key, other, lang) for key in keys]
        return format_list(labels, locale=lang) if labels else "—"
    if kind == AnswerType.NUMBER:
        unit = str(translate(config.get("unit"), lang=lang)) if config.get("unit") else ""
        number = values.format_number(value, lang)
        return f"{number} {unit}" if unit else number
    if kind == AnswerType.DATE:
        try:
            return format_date(date.fromisoformat(value), format="long", locale=lang)
        except (TypeError, ValueError):
            return str(value)
    if kind == AnswerType.SPECIES:
        return (species or {}).get(value, str(value))
    if kind == AnswerType.SITE:
        return str(value.get("name", "")) if isinstance(value, dict) else str(value)
    if kind == AnswerType.TABLE:
        return _table_text(config, value, lang)
    if kind == AnswerType.FILE:
        if not isinstance(value, list):
            return "—"
        return ngettext("%(num)d file", "%(num)d files", len(value))
    return _shorten(str(value))


def _choice_label(config: dict, key: str, other: str, lang: str) -> str:
    if key == "other":
        return _("Other: %(text)s", text=other) if other else _("Other")
    for choice in config.get("choices") or []:
        if choice.get("key") == key:
            return str(translate(choice.get("label"), lang=lang)) or key
    return str(key)


def _table_text(config: dict, table: Any, lang: str) -> str:
    if not isinstance(table, dict):
        return "—"
    columns = {c["key"]: c for c in config.get("columns") or []}
    parts = []
    for row in config.get("rows") or []:
        cells = table.get(row["key"]) or {}
        said = [
            f"{translate(columns[key].get('label'), lang=lang)} {_cell(columns[key], cell, lang)}"
            for key, cell in cells.items()
            if key in columns
        ]
        if said:
            parts.append(f"{translate(row.get('label'), lang=lang)}: {', '.join(said)}")
    return _shorten("; ".join(parts)) or "—"


def _cell(column: dict, cell: Any, lang: str) -> str:
    return value_text(column["type"], column, cell, lang)


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CHARS else text[: MAX_CHARS - 1].rstrip() + "…"
