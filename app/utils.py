"""Small helpers shared by several domains."""

import json
from collections.abc import Iterable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import xlsxwriter
from flask.json.provider import DefaultJSONProvider


def utcnow() -> datetime:
    """Timezone-aware now in UTC; every timestamp the application stores is UTC."""
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive datetimes: read them as the UTC they were stored in."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)


def read_data(package: str, name: str) -> Any:
    """The JSON file `name` in the `data/` folder of `package` (e.g. ``"app.bank"``).

    Read through importlib.resources, so it works the same from a checkout and from an
    installed wheel (pyproject.toml ships ``data/*.json`` as package data).
    """
    text = resources.files(package).joinpath("data").joinpath(name).read_text(encoding="utf-8")
    return json.loads(text)


# --- strict JSON ---------------------------------------------------------------------------------
# NaN and Infinity are not JSON: a browser's JSON.parse refuses them (one such value embedded in
# a section page stopped autosave for the whole report). Pages (`tojson`), responses (`jsonify`)
# and the database's JSON columns all serialise through `json_dumps`, which refuses them.


def _refuse_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")


def json_dumps(obj: Any, **kwargs: Any) -> str:
    """`json.dumps` that raises ValueError on NaN and ±Infinity (the database's serialiser)."""
    kwargs.setdefault("allow_nan", False)
    return json.dumps(obj, **kwargs)


class StrictJSONProvider(DefaultJSONProvider):
    """Flask's JSON (`app.json`: `jsonify`, the `tojson` filter, `request.get_json`), strict:
    NaN and Infinity are neither written nor read."""

    def dumps(self, obj: Any, **kwargs: Any) -> str:
        kwargs.setdefault("allow_nan", False)
        return super().dumps(obj, **kwargs)

    def loads(self, s: str | bytes, **kwargs: Any) -> Any:
        kwargs.setdefault("parse_constant", _refuse_constant)
        return super().loads(s, **kwargs)


# --- spreadsheet cells ---------------------------------------------------------------------------
# Every XLSX and CSV file the application writes (analysis exports, report files) follows one
# rule: a text that a spreadsheet would read as a formula or a command gets a leading apostrophe,
# and XlsxWriter interprets no string.

# what XlsxWriter must never do to a text: turn it into a formula, a link or a number
XLSX_OPTIONS = {
    "constant_memory": True,
    "strings_to_formulas": False,
    "strings_to_urls": False,
    "strings_to_numbers": False,
}
FORMULA_FIRST = frozenset("=+-@\t\r")  # what a text may not start with


def neutralise(text: str) -> str:
    """`text` with a leading apostrophe when a spreadsheet would read it as a formula or a
    command (it starts with = + - @, a tab or a carriage return)."""
    return "'" + text if text[:1] in FORMULA_FIRST else text


def workbook(path) -> xlsxwriter.Workbook:
    """A workbook writing to `path` (a file name, or a binary file object) that interprets
    nothing it is given and keeps one row in memory at a time."""
    return xlsxwriter.Workbook(str(path) if isinstance(path, Path) else path, XLSX_OPTIONS)


def write_row(sheet, row: int, values: Iterable[Any], first_column: int = 0) -> None:
    """One row of cells, each written as what it is (never interpreted)."""
    for column, value in enumerate(values, start=first_column):
        write_cell(sheet, row, column, value)


def write_cell(sheet, row: int, column: int, value: Any) -> None:
    if value is None or value == "":
        return
    if isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value)
    else:
        sheet.write_string(row, column, neutralise(str(value)))
