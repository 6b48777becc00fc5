"""Reading numbers, degrees and dates as people type them in a locale, and writing numbers back.

One reading rule, the same in the browser (`app/static/js/answers.js`) and checked against the
same cases (`tests/cases/answers/*.json`): the locale's own way first ("1 234,5" in French,
"1.234,5" in Spanish, "1,234.5" in English), then the canonical one ("1234.5"). Digits may be
grouped by threes with the group symbol or not grouped at all; spaces of any kind are ignored
where the locale groups with a space; the minus sign of word processors (U+2212) is a minus.
Exponents, "NaN" and "Infinity" are not numbers a person reports.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from babel.dates import format_date, parse_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from flask_babel import lazy_gettext as _l

from app.answers.base import ValueProblem

MAX_NUMBER_CHARS = 40  # a longer "number" is refused before any conversion
SPACES = re.compile(r"[\s\u00a0\u202f]+")
CANONICAL = {"decimal": ".", "group": ","}


def symbols(locale: str) -> dict[str, str]:
    """The decimal and group symbols people type in `locale` (what the browser's reader gets)."""
    return {"decimal": get_decimal_symbol(locale), "group": get_group_symbol(locale)}


def _pattern(decimal: str, group: str) -> re.Pattern:
    d, g = re.escape(decimal), re.escape(group)
    return re.compile(rf"^(-?)(\d{{1,3}}(?:{g}\d{{3}})+|\d+)(?:{d}(\d+))?$")


def readings(raw: str, locale: str) -> list[Decimal]:
    """Every reading of `raw` as a number: the locale's first, then the canonical one (they
    differ for "14.693" in Spanish: 14693, then 14.693). Empty when it is no number."""
    text = (raw or "").strip().replace("\u2212", "-")
    if not text or len(text) > MAX_NUMBER_CHARS:
        return []
    found: list[Decimal] = []
    for marks in (symbols(locale), CANONICAL):
        # a space typed where the locale groups with a (narrow no-break) space is that group;
        # elsewhere spaces are only ignored
        spaced = SPACES.fullmatch(marks["group"]) is not None
        candidate = SPACES.sub(marks["group"] if spaced else "", text)
        match = _pattern(marks["decimal"], marks["group"]).match(candidate)
        if not match:
            continue
        sign, whole, fraction = match.groups()
        number = Decimal(f"{sign}{whole.replace(marks['group'], '')}.{fraction or '0'}")
        if number not in found:
            found.append(number)
    return found


def read_number(raw: str, locale: str) -> Decimal:
    """The number `raw` says in `locale` (see the module); ValueProblem when it says none."""
    found = readings(raw, locale)
    if not found:
        raise ValueProblem(
            _l(
                "Enter a number, for example %(example)s.",
                example=format_decimal(Decimal("1234.5"), locale=locale),
            )
        )
    return found[0]


def plain(number: Decimal) -> int | float:
    """A number as JSON stores it: whole numbers as integers."""
    return int(number) if number == number.to_integral_value() else float(number)


COORDINATE_LIMITS = {"latitude": 90, "longitude": 180}
COORDINATE_EXAMPLES = {"latitude": 14.6937, "longitude": -17.4441}  # Dakar


def read_degrees(part: str, raw: str | None, locale: str) -> float | None:
    """A latitude or longitude (`part`) in decimal degrees, None when nothing was typed. Of the
    readings of `raw`, the first within the bounds wins: "14.693" in Spanish is 14.693."""
    if not (raw or "").strip():
        return None
    found = readings(raw, locale)
    if not found:
        example = format_number(COORDINATE_EXAMPLES[part], locale)
        raise ValueProblem(
            _l("Enter the latitude in decimal degrees, for example %(example)s.", example=example)
            if part == "latitude"
            else _l(
                "Enter the longitude in decimal degrees, for example %(example)s.", example=example
            )
        )
    limit = COORDINATE_LIMITS[part]
    within = [n for n in found if -limit <= n <= limit]
    if not within:
        raise ValueProblem(
            _l("A latitude lies between -90 and 90.")
            if part == "latitude"
            else _l("A longitude lies between -180 and 180.")
        )
    return float(within[0])


def read_day(raw: str, locale: str) -> str:
    """An ISO date from `raw`, typed as ISO or in `locale`'s short format."""
    text = (raw or "").strip()
    if len(text) <= MAX_NUMBER_CHARS:
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            pass
        try:
            return parse_date(text, locale=locale).isoformat()
        except (ValueError, IndexError):
            pass
    raise ValueProblem(
        _l(
            "Enter a date, for example %(example)s.",
            example=format_date(date(2026, 3, 31), format="short", locale=locale),
        )
    )


def format_number(value: int | float | Decimal, locale: str) -> str:
    """Every digit kept (no rounding to three decimals), grouped as the locale writes it."""
    text = format(Decimal(str(value)).normalize(), "f")
    decimals = len(text.partition(".")[2])
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    return format_decimal(Decimal(text), format=pattern, locale=locale)


def format_day(value: str, locale: str) -> str:
    """An ISO date in `locale`'s long format ("3 mars 2026"); as stored when it is no date."""
    try:
        return format_date(date.fromisoformat(value), format="long", locale=locale)
    except (TypeError, ValueError):
        return str(value)
