"""Reading numbers, degrees and dates as people type them in a locale, and writing numbers back.

One reading rule, the same in the browser (`app/static/js/answers.js`) and checked against the
same cases (`tests/cases/answers/*.json`): the locale's own way first ("1 234,5" in French,
"1.234,5" in Spanish, "1,234.5" in English), then the canonical one ("1234.5"). Digits may be
grouped by threes with the group symbol or not grouped at all; spaces of any kind are ignored
where the locale groups with a space; the minus sign of word processors (U+2212) is a minus.
Exponents, "NaN" and "Infinity" are not numbers a person reports.

A number answer holds at most MAX_DIGITS (15) digits in all, decimals included (leading zeros of
the whole part and trailing zeros of the decimals do not count): what a float64 keeps exactly,
that is a JSON number in every browser, a REAL in SQLite and a number in a spreadsheet. It comes
back as typed (99.9999999999999, 999 999 999 999 999, 0.000001), and a longer one is refused
with a message naming the limit, never rounded. Text is measured before anything converts it:
longer than MAX_NUMBER_CHARS, or more digits than MAX_DIGITS, and no Decimal is ever made.
"""

from __future__ import annotations

import math
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from babel.dates import format_date, parse_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from flask_babel import lazy_gettext as _l

from app.answers.base import ValueProblem

MAX_DIGITS = 15  # digits a number answer holds, decimals included (see the module)
LARGEST = 10**MAX_DIGITS - 1
MAX_NUMBER_CHARS = 40  # a longer "number" is refused before any conversion
SPACES = re.compile(r"[\s\u00a0\u202f]+")
CANONICAL = {"decimal": ".", "group": ","}
DIGITS = set("0123456789")  # what people type in every locale the app speaks, as the browser


def symbols(locale: str) -> dict[str, str]:
    """The decimal and group symbols people type in `locale` (what the browser's reader gets)."""
    return {"decimal": get_decimal_symbol(locale), "group": get_group_symbol(locale)}


def _pattern(decimal: str, group: str) -> re.Pattern:
    d, g = re.escape(decimal), re.escape(group)
    return re.compile(rf"(-?)([0-9]{{1,3}}(?:{g}[0-9]{{3}})+|[0-9]+)(?:{d}([0-9]+))?")


def _digits(whole: str, fraction: str) -> int:
    """The digits a number holds: leading zeros of the whole part and trailing zeros of the
    decimals do not count ("007.50" holds 3)."""
    return len(whole.lstrip("0")) + len(fraction.rstrip("0"))


def _looks_numeric(text: str, locale: str) -> bool:
    """Whether `text` (too long to read) starts as a number with too many digits: more than
    MAX_DIGITS digits among its first characters, with only signs, marks and spaces between
    them. Only the start is looked at: neither the answer nor the time depends on how long
    the text is."""
    head = text[: MAX_NUMBER_CHARS + 1]
    marks = set(symbols(locale).values()) | set(CANONICAL.values()) | set("-") | DIGITS
    digits = sum(c in DIGITS for c in head)
    return digits > MAX_DIGITS and all(c in marks or c.isspace() for c in head)


def _read(raw: str, locale: str) -> tuple[list[Decimal], bool]:
    """(every reading of `raw` within MAX_DIGITS, whether `raw` is a number with too many
    digits). Bounded before any conversion: nothing longer than MAX_NUMBER_CHARS is matched,
    and a Decimal is made only of at most MAX_DIGITS digits."""
    text = (raw or "").strip().replace("\u2212", "-")
    if not text:
        return [], False
    if len(text) > MAX_NUMBER_CHARS:
        return [], _looks_numeric(text, locale)
    found: list[Decimal] = []
    too_many = False
    for marks in (symbols(locale), CANONICAL):
        # a space typed where the locale groups with a (narrow no-break) space is that group;
        # elsewhere spaces are only ignored
        spaced = SPACES.fullmatch(marks["group"]) is not None
        candidate = SPACES.sub(marks["group"] if spaced else "", text)
        match = _pattern(marks["decimal"], marks["group"]).fullmatch(candidate)
        if not match:
            continue
        sign, whole, fraction = match.groups()
        whole, fraction = whole.replace(marks["group"], ""), fraction or ""
        if _digits(whole, fraction) > MAX_DIGITS:
            too_many = True
            continue
        number = Decimal(f"{sign}{whole}.{fraction or '0'}")
        if number not in found:
            found.append(number)
    return found, too_many and not found


def readings(raw: str, locale: str) -> list[Decimal]:
    """Every reading of `raw` as a number: the locale's first, then the canonical one (they
    differ for "14.693" in Spanish: 14693, then 14.693). Empty when it is no number, or one
    with more than MAX_DIGITS digits."""
    return _read(raw, locale)[0]


def too_many_digits(locale: str):
    """The refusal of a number with more than MAX_DIGITS digits (a lazy message)."""
    return _l(
        "A number may have at most %(digits)s digits in all, decimals included (the largest "
        "is %(largest)s).",
        digits=format_number(MAX_DIGITS, locale),
        largest=format_number(LARGEST, locale),
    )


def read_number(raw: str, locale: str) -> Decimal:
    """The number `raw` says in `locale` (see the module); ValueProblem when it says none, or
    one with more digits than a number answer holds."""
    found, too_many = _read(raw, locale)
    if found:
        return found[0]
    if too_many:
        raise ValueProblem(too_many_digits(locale))
    raise ValueProblem(
        _l(
            "Enter a number, for example %(example)s.",
            example=format_decimal(Decimal("1234.5"), locale=locale),
        )
    )


def holds(value: object) -> bool:
    """Whether a stored value is a number a number answer (or a question's bound) may hold:
    an int or a finite float of at most MAX_DIGITS digits. Never converts a long int to text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    if isinstance(value, int):
        return abs(value) <= LARGEST
    if not math.isfinite(value) or abs(value) > LARGEST:
        return False
    exact = Decimal(repr(value)).normalize().as_tuple()
    whole = max(len(exact.digits) + int(exact.exponent), 0)
    return whole + max(-int(exact.exponent), 0) <= MAX_DIGITS


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
    number = Decimal(str(value))
    if not number.is_finite():
        return str(value)  # never stored now; said as it is rather than failing the page
    text = format(number.normalize(), "f")
    decimals = len(text.partition(".")[2])
    pattern = "#,##0" + ("." + "#" * decimals if decimals else "")
    try:
        return format_decimal(Decimal(text), format=pattern, locale=locale)
    except InvalidOperation:  # more digits than Babel's context holds (stored before the limit)
        return text


def format_day(value: str, locale: str) -> str:
    """An ISO date in `locale`'s long format ("3 mars 2026"); as stored when it is no date."""
    try:
        return format_date(date.fromisoformat(value), format="long", locale=locale)
    except (TypeError, ValueError):
        return str(value)
