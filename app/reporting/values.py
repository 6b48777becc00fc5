"""Reading what a respondent typed into the canonical value of each answer type, and back.

Numbers and dates are read in the reader's locale ("1 234,5" in French, "1.234,5" in Spanish;
the canonical "1234.5" and ISO dates always work too) and stored canonically: a JSON number,
an ISO date, choice keys, table cells, a site as name and coordinates.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from babel.dates import parse_date
from babel.numbers import (
    NumberFormatError,
    format_decimal,
    get_group_symbol,
    parse_decimal,
)
from flask_babel import lazy_gettext as _l

from app.bank.types import YES_NO_KEYS, AnswerType, choice_keys

MAX_TEXT = 20_000
SPACES = re.compile(r"[\s\u00a0\u202f]+")


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


def parse(answer_type: str, config: dict, raw: Any, context: Context) -> Any:
    """The canonical value of `raw`, None when blank; raises ValueProblem when unreadable."""
    if is_blank(raw):
        return None
    kind = AnswerType(answer_type)
    if kind in (AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT):
        return _text(raw)
    if kind == AnswerType.NUMBER:
        return parse_number(_one(raw), config, context.locale)
    if kind == AnswerType.DATE:
        return parse_day(_one(raw), context.locale)
    if kind == AnswerType.YES_NO:
        return _key(_one(raw), YES_NO_KEYS)
    if kind == AnswerType.SINGLE_CHOICE:
        return _key(_one(raw), _keys_with_other(config))
    if kind == AnswerType.MULTIPLE_CHOICE:
        chosen = [raw] if isinstance(raw, str) else list(raw)
        allowed = _keys_with_other(config)
        return [key for key in allowed if key in {_key(v, allowed) for v in chosen if v}]
    if kind == AnswerType.TABLE:
        return _table(raw, config, context)
    if kind == AnswerType.SPECIES:
        return _key(_one(raw), context.species)
    if kind == AnswerType.SITE:
        return _site(raw, context.locale)
    if kind == AnswerType.FILE:
        ids = [int(v) for v in (raw if isinstance(raw, list) else [raw]) if str(v).isdigit()]
        known = context.attachments
        return list(dict.fromkeys(i for i in ids if known is None or i in known)) or None
    raise ValueProblem(_l("This answer cannot be read."))


def _one(raw: Any) -> str:
    if isinstance(raw, list):
        raw = next((v for v in raw if not is_blank(v)), "")
    return str(raw).strip()


def _text(raw: Any) -> str:
    text = raw if isinstance(raw, str) else _one(raw)
    if len(text) > MAX_TEXT:
        raise ValueProblem(_l("This text is longer than %(max)d characters.", max=MAX_TEXT))
    return text


def _key(raw: str, allowed) -> str:
    if raw not in allowed:
        raise ValueProblem(_l("Choose one of the options offered."))
    return raw


def _keys_with_other(config: dict) -> list[str]:
    keys = choice_keys(config)
    return keys + (["other"] if config.get("allow_other") else [])


def parse_number(raw: str, config: dict, locale: str) -> int | float:
    """`raw` in `locale`'s format or the canonical one, checked against the question's bounds."""
    amount = _decimal(raw, locale)
    if config.get("integer") and amount != amount.to_integral_value():
        raise ValueProblem(_l("Enter a whole number."))
    low, high = config.get("min"), config.get("max")
    if low is not None and amount < Decimal(str(low)):
        raise ValueProblem(
            _l("Enter a number of at least %(min)s.", min=format_decimal(low, locale=locale))
        )
    if high is not None and amount > Decimal(str(high)):
        raise ValueProblem(
            _l("Enter a number of at most %(max)s.", max=format_decimal(high, locale=locale))
        )
    return int(amount) if amount == amount.to_integral_value() else float(amount)


def _decimal(raw: str, locale: str) -> Decimal:
    text = raw.strip()
    group = get_group_symbol(locale)
    # French groups with a narrow no-break space where people type a space
    text = SPACES.sub(group if SPACES.match(group) else "", text)
    for attempt in (locale, "en"):
        try:
            return parse_decimal(text, locale=attempt, strict=True)
        except NumberFormatError:
            continue
    try:
        return Decimal(text)
    except InvalidOperation:
        raise ValueProblem(
            _l(
                "Enter a number, for example %(example)s.",
                example=format_decimal(Decimal("1234.5"), locale=locale),
            )
        ) from None


def parse_day(raw: str, locale: str) -> str:
    try:
        return date.fromisoformat(raw).isoformat()
    except ValueError:
        pass
    try:
        return parse_date(raw, locale=locale).isoformat()
    except (ValueError, IndexError):
        raise ValueProblem(
            _l("Enter a date, for example %(example)s.", example=_example_date(locale))
        ) from None


def _example_date(locale: str) -> str:
    from babel.dates import format_date

    return format_date(date(2026, 3, 31), format="short", locale=locale)


def _table(raw: Any, config: dict, context: Context) -> dict:
    if not isinstance(raw, dict):
        raise ValueProblem(_l("This answer cannot be read."))
    columns = {c["key"]: c for c in config.get("columns") or []}
    rows = {r["key"] for r in config.get("rows") or []}
    table: dict[str, dict[str, Any]] = {}
    for row_key, cells in raw.items():
        if row_key not in rows or not isinstance(cells, dict):
            continue
        for column_key, cell in cells.items():
            column = columns.get(column_key)
            if column is None or is_blank(cell):
                continue
            value = parse(column["type"], column, cell, context)
            table.setdefault(row_key, {})[column_key] = value
    return table or None


def _site(raw: Any, locale: str) -> dict | None:
    if not isinstance(raw, dict):
        raw = {"name": _one(raw)}
    site: dict[str, Any] = {"name": str(raw.get("name") or "").strip()}
    for part, limit in (("lat", 90), ("lon", 180)):
        text = str(raw.get(part) or "").strip()
        if not text:
            continue
        number = float(_decimal(text, locale))
        if not -limit <= number <= limit:
            raise ValueProblem(
                _l("A latitude lies between -90 and 90.")
                if part == "lat"
                else _l("A longitude lies between -180 and 180.")
            )
        site[part] = number
    if not site["name"]:
        raise ValueProblem(_l("Give the site a name."))
    return site


# --- display ------------------------------------------------------------------------------------


def display(answer_type: str, config: dict, value: Any, locale: str) -> Any:
    """`value` as it goes back into the form: numbers in the locale's format, the rest as is."""
    if value is None:
        return None
    if answer_type == AnswerType.NUMBER:
        return format_number(value, locale)
    if answer_type == AnswerType.TABLE:
        columns = {c["key"]: c for c in config.get("columns") or []}
        return {
            row: {
                col: display(columns[col]["type"], columns[col], cell, locale)
                if col in columns
                else cell
                for col, cell in cells.items()
            }
            for row, cells in value.items()
        }
    if answer_type == AnswerType.SITE:
        return {
            "name": value.get("name", ""),
            **{p: format_number(value[p], locale) for p in ("lat", "lon") if p in value},
        }
    return value


def format_number(value: int | float, locale: str) -> str:
    """Every digit kept (no rounding to three decimals), grouped as the locale writes it."""
    text = format(Decimal(str(value)).normalize(), "f")
    decimals = len(text.partition(".")[2])
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(Decimal(text), format=pattern, locale=locale)
