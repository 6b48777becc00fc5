"""Hypothesis strategies for what people (and scripts) type into Family ORS, and the two
settings profiles the property tests run under.

* "ci" (the default): a fixed seed, a bounded number of examples, no example database, no
  deadline, no shrinking: the same inputs on every run, within the suite's time, a failure
  reported as found (a long text shows as the call that built it).
* "fuzz": ten times more examples, a new seed on each run, failures shrunk to the smallest
  input (`make fuzz` selects it through the HYPOTHESIS_PROFILE variable).

The strategies give each answer type's input as a form posts it (text, lists of keys, a table's
cells by row and column, a site's parts), from the well formed (numbers in each locale's own
format, Babel's symbols and no-break spaces included) to the hostile (huge digits, exponents,
NaN, unknown keys, control characters, right-to-left text, very long text). Text never holds
a lone surrogate: HTTP carries UTF-8, which cannot encode one.
"""

from __future__ import annotations

import os
import zlib
from datetime import date
from decimal import Decimal

from babel.dates import format_date
from babel.numbers import format_decimal, get_decimal_symbol, get_group_symbol
from hypothesis import HealthCheck, Phase, seed, settings
from hypothesis import strategies as st

LOCALES = ("en", "fr", "es")

_SHARED = {
    "deadline": None,
    "database": None,
    "print_blob": True,
    # the fixtures hold one database transaction for the whole test (rolled back at its end):
    # every example runs inside it, which is what these tests want
    "suppress_health_check": [
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
}
settings.register_profile(
    "ci",
    derandomize=True,
    max_examples=25,
    phases=(Phase.explicit, Phase.reuse, Phase.generate),
    **_SHARED,
)
settings.register_profile("fuzz", max_examples=400, **_SHARED)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

FUZZ = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci")).max_examples >= 100


def examples(ci: int, fuzz: int | None = None, key: str = ""):
    """Decorate a test for `ci` examples in CI, `fuzz` (default 10 × ci) under `make fuzz`.
    `key` names what a test defined in a loop works on (a form, a kind of page): a fixed seed
    derived from the function alone would send every one of them the same values."""

    def decorate(test):
        test = settings(max_examples=(fuzz or ci * 10) if FUZZ else ci)(test)
        if key and not FUZZ:
            test = seed(zlib.crc32(key.encode()))(test)
        return test

    return decorate


# --- text ---------------------------------------------------------------------------------------

SAMPLES = (
    "Réponse complète",
    "مرحبا بالعالم",  # Arabic, right to left
    "שלום עולם",  # Hebrew
    "\u202eevil\u202c",  # right-to-left override
    "🦩🐦‍⬛ flamants",  # emoji, a zero-width joiner sequence
    "e\u0301te\u0301",  # combining accents
    "\u200b\u200d\ufeff",  # zero width, byte order mark
    "line\r\nbreak\ttab",
    "\x00nul\x07bell\x1bescape\x7f",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7 * 7 }} {% raw %}",
    "%(name)s %s %d {0}",
    "' OR 1=1 --",
    "\\ \\n \\u0000",
    "中文 日本語 한국어",
    "Ελληνικά Русский",
    "\u00a0\u202f\u2009 spaces",
    "",
    " ",
)
# the limits of the forms and of the answers (a name, an e-mail, a text answer), each side
LONG_SIZES = (199, 200, 201, 254, 255, 256, 19_999, 20_000, 20_001, 25_019, 100_000)


def any_text(max_size: int = 60) -> st.SearchStrategy[str]:
    """Any text HTTP carries: every script, control characters, no surrogates."""
    return st.text(st.characters(codec="utf-8"), max_size=max_size)


def long_text() -> st.SearchStrategy[str]:
    """Text at and beyond the limits, in some script."""
    return st.builds(
        lambda piece, size: (piece * (size // max(len(piece), 1) + 1))[:size],
        st.sampled_from(["a", "é", "ل", "🦩", "ab\n"]),
        st.sampled_from(LONG_SIZES),
    )


def texts(max_size: int = 60) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(SAMPLES), any_text(max_size), long_text())


# --- numbers ------------------------------------------------------------------------------------

DIGITS = st.text("0123456789", min_size=1, max_size=20)
SPECIAL_NUMBERS = (
    "NaN",
    "nan",
    "-NaN",
    "sNaN",
    "-sNaN",
    "Infinity",
    "-Infinity",
    "inf",
    "+inf",
    "∞",
    "-∞",
    "1e309",
    "1e1000000",
    "-1e1000000",
    "1E-400",
    "1e+5",
    "9.999e307",
    "1_000",
    "0x1F",
    "1/2",
    "½",
    "١٢٣",  # Arabic-Indic digits
    "１２３",  # full-width digits
    "²",
    "1.2.3",
    "1,2,3",
    "--1",
    "+-1",
    ".5",
    "5.",
    "-0",
    "0.0000000000000000000000001",
    "12345678901234567890123456789012345678901",
    "1234567890123456789012345",  # 25 digits
    "1234567890123456789012345.5",
    "0,1",
    "1 000,5",
    "1\u00a0000,5",
    "1\u202f000,5",
    "1.000,5",
    "1,000.5",
    "1 2 3",
)


@st.composite
def locale_number(draw, locale: str, canonical: bool = False) -> tuple[str, Decimal]:
    """A number as a person types it in `locale` (or in the canonical "1,234.5"), with the
    value they mean: the locale's group and decimal symbols, digits grouped or not, a sign,
    spaces around."""
    decimal, group = (".", ",") if canonical else symbols(locale)
    if group in ("\u202f", "\u00a0"):
        group = draw(st.sampled_from([group, " ", "\u00a0", "\u202f"]))
    digits = draw(DIGITS)
    whole = digits
    if draw(st.booleans()) and len(digits) > 3:
        head = len(digits) % 3 or 3
        parts = [digits[:head]] + [digits[i : i + 3] for i in range(head, len(digits), 3)]
        whole = group.join(parts)
    fraction = draw(st.one_of(st.none(), DIGITS))
    sign = draw(st.sampled_from(["", "", "-", "\u2212"]))
    space = draw(st.sampled_from(["", "", " ", "\u00a0"]))
    text = f"{space}{sign}{whole}{decimal + fraction if fraction else ''}{space}"
    meant = Decimal(f"{'-' if sign else ''}{digits}.{fraction or '0'}")
    return text, meant


def symbols(locale: str) -> tuple[str, str]:
    return get_decimal_symbol(locale), get_group_symbol(locale)


def typed_number(locale: str) -> st.SearchStrategy[str]:
    return st.one_of(
        locale_number(locale).map(lambda pair: pair[0]),
        locale_number(locale, canonical=True).map(lambda pair: pair[0]),
        st.sampled_from(["+1", "+0,5"]),
    )


def huge_number() -> st.SearchStrategy[str]:
    """Digits beyond any range: many of them, or an exponent."""
    return st.one_of(
        st.builds(lambda d, n: d * n, st.sampled_from("19"), st.integers(15, 10_000)),
        st.builds(
            lambda mantissa, exponent, mark: f"{mantissa}{mark}{exponent}",
            st.sampled_from(["1", "-1", "9.99", "0.5"]),
            st.integers(-(10**7), 10**7),
            st.sampled_from(["e", "E", "e+"]),
        ),
    )


def _babel(value: Decimal, lang: str) -> str:
    try:
        return format_decimal(value, locale=lang)
    except ArithmeticError:  # a signalling NaN: Babel cannot write it either
        return str(value)


def babel_number(locale: str) -> st.SearchStrategy[str]:
    """A number as Babel writes it in a locale (NaN and Infinity included: "NaN", "∞")."""
    return st.builds(
        _babel,
        st.decimals(allow_nan=True, allow_infinity=True),
        st.sampled_from([locale, locale, *LOCALES]),
    )


def numbers(locale: str) -> st.SearchStrategy[str]:
    """What people type into a number, in `locale` and beyond it."""
    return st.one_of(
        typed_number(locale),
        babel_number(locale),
        st.integers().map(str),
        st.floats().map(repr),
        st.sampled_from(SPECIAL_NUMBERS),
        huge_number(),
        any_text(12),
    )


# --- dates --------------------------------------------------------------------------------------

BAD_DATES = (
    "2025-02-30",
    "2025-13-01",
    "2025-00-10",
    "0000-01-01",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
    "-2025-01-01",
    "+2025-01-01",
    "2025-6-1",
    "20250601",
    "2025/06/01",
    "31/02/2025",
    "99/99/99",
    "1/2/99999",
    "1/1/0",
    "June 1, 2025",
    "1er juin 2025",
    "1 juin 2025",
    "2025-06-01T12:00:00",
    "2025-06-01 ",
    "١٢/٠٦/٢٠٢٥",
)


def dates(locale: str) -> st.SearchStrategy[str]:
    """Dates as ISO, in a locale's short, medium and long formats, and not quite dates."""
    written = st.builds(
        lambda day, fmt, lang: format_date(day, format=fmt, locale=lang),
        st.dates(date(1000, 1, 1), date(9999, 12, 31)),
        st.sampled_from(["short", "medium", "long"]),
        st.sampled_from([locale, *LOCALES]),
    )
    return st.one_of(
        st.dates().map(date.isoformat), written, st.sampled_from(BAD_DATES), any_text(12)
    )


# --- keys, versions, ids ------------------------------------------------------------------------

NUMBERISH = (
    "",
    "0",
    "-1",
    "1.0",
    " 1",
    "+1",
    "²",
    "١",
    "𝟙",
    "0x1",
    "1e3",
    "NaN",
    "99999999999999999999",
    "9223372036854775808",
    "-9223372036854775809",
)


def integers_as_text() -> st.SearchStrategy[str]:
    """What a form or a URL may carry where a whole number is expected (a version, an id)."""
    return st.one_of(
        st.sampled_from(NUMBERISH),
        st.integers(-(2**70), 2**70).map(str),
        st.builds(lambda n: "9" * n, st.integers(19, 6000)),
        any_text(6),
    )


def keys(valid: list[str]) -> st.SearchStrategy[str]:
    """A choice, row, column, species or site key: a valid one, or not."""
    strategies = [st.sampled_from(["other", "", " ", "yes", "no", "Yes"]), any_text(10)]
    if valid:
        strategies.insert(0, st.sampled_from(valid))
        strategies.append(st.sampled_from(valid).map(lambda k: f" {k} "))
    return st.one_of(*strategies)


def key_lists(valid: list[str]) -> st.SearchStrategy[list[str]]:
    """Several keys (a multiple choice, files), duplicates allowed."""
    return st.lists(keys(valid), max_size=6)


def cell(column: dict, locale: str) -> st.SearchStrategy[str]:
    column_type = column.get("type")
    if column_type == "number":
        return numbers(locale)
    if column_type in ("yes_no", "single_choice"):
        choices = [c.get("key") for c in column.get("choices") or []] or ["yes", "no"]
        return keys(choices)
    return texts()


def table(config: dict, locale: str) -> st.SearchStrategy[dict]:
    """A table's cells by row and column: known rows and columns, unknown ones, blank ones."""
    rows = [r["key"] for r in config.get("rows") or []]
    columns = config.get("columns") or []
    column_keys = [c["key"] for c in columns]
    cells = st.one_of(
        *[st.tuples(st.just(c["key"]), cell(c, locale)) for c in columns],
        st.tuples(keys(column_keys), texts(12)),
    )
    row = st.lists(cells, max_size=len(columns) + 1).map(dict)
    return st.lists(st.tuples(keys(rows), row), max_size=len(rows) + 2).map(dict)


def site(locale: str) -> st.SearchStrategy[dict]:
    part = st.one_of(numbers(locale), st.sampled_from(["90", "-90", "180", "-180.0", "90.0001"]))
    return st.fixed_dictionaries({"name": texts(), "lat": part, "lon": part})


def answer_input(
    answer_type: str,
    config: dict,
    locale: str,
    species: list[str] = (),
    files: list[str] = (),
):
    """What a form posts for an answer of `answer_type` (the raw value `from_form` reads)."""
    config = config or {}
    choices = [c.get("key") for c in config.get("choices") or []]
    by_type = {
        "number": numbers(locale),
        "date": dates(locale),
        "yes_no": keys(["yes", "no"]),
        "single_choice": keys(choices),
        "multiple_choice": key_lists(choices),
        "table": table(config, locale),
        "species": keys(list(species)),
        "site": site(locale),
        "file": st.lists(st.one_of(st.sampled_from(list(files) or ["1"]), integers_as_text())),
    }
    return by_type.get(answer_type, texts())
