"""One table of text read from an uploaded CSV or XLSX file, for imports of rows (species, taxa):
a header row naming the columns, then one record per row.

What it guarantees, or refuses with a translated reason (`Unreadable`) before any row is used:
- the file is at most MAX_BYTES, checked before it is opened; an XLSX's parts unpack to at
  most MAX_UNPACKED (a zip bomb is refused before openpyxl reads it);
- the kind is the file name's: `.csv` is UTF-8 text (with or without a BOM), its columns
  separated by commas or semicolons (whichever the header uses); `.xlsx` is a workbook, of
  which the first sheet is read; a CSV named .xlsx, or anything else, is refused;
- at most MAX_ROWS rows after the header; blank rows are skipped; the header names each column
  once (names compared casefolded, spaces as "_").
Cells come back as trimmed text (a whole number without ".0"); a cell holding a formula is
flagged (in a CSV, text starting with "="), never evaluated, for the caller to refuse.
"""

from __future__ import annotations

import csv
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from app.security import unstorable

MAX_BYTES = 10 * 1024 * 1024  # thousands of taxa are well under a megabyte
MAX_UNPACKED = 100 * 1024 * 1024
MAX_ROWS = 5000  # the CMS appendices list several hundred taxa
UNREADABLE = (
    zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, EOFError,
    SyntaxError, TypeError, zlib.error,
)  # fmt: skip


class Unreadable(Exception):
    """The file cannot be read as a table; `message` says why, `row` where (or None)."""

    def __init__(self, message, row: int | None = None) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.row = row


@dataclass
class Row:
    number: int  # as the spreadsheet shows it: the header is row 1
    values: dict[str, str]
    formulas: set[str] = field(default_factory=set)  # columns whose cell holds a formula


@dataclass
class Table:
    name: str  # the sheet's title, or the file's name for a CSV
    header: list[str]
    rows: list[Row]


def column_name(text: str) -> str:
    """A header cell as a column name: casefolded, trimmed, spaces and hyphens as "_"."""
    return "_".join(text.casefold().replace("-", " ").split())


def read(data: bytes, filename: str) -> Table:
    """The table in `data`, a file named `filename`; Unreadable when it is none (see above)."""
    if len(data) > MAX_BYTES:
        raise Unreadable(_l("The file is larger than %(max)s MB.", max=MAX_BYTES >> 20))
    suffix = filename.rsplit(".", 1)[-1].casefold() if "." in filename else ""
    if suffix not in ("csv", "xlsx"):
        raise Unreadable(_l("Send a CSV file (.csv) or an Excel workbook (.xlsx)."))
    if not data.strip():
        raise Unreadable(_l("The file is empty."))
    if suffix == "csv":
        header, rows = _csv(data)
        name = filename
    else:
        name, header, rows = _xlsx(data)
    return _table(name, header, rows)


def _table(name: str, header: list[str], rows) -> Table:
    columns = [column_name(h) for h in header]
    if not any(columns):
        raise Unreadable(_l("The first row should name the columns; it is empty."), 1)
    seen: set[str] = set()
    for column in columns:
        if column and column in seen:
            raise Unreadable(_l("The column “%(column)s” comes twice.", column=column), 1)
        seen.add(column)
    found = []
    for number, cells in rows:
        if number > MAX_ROWS + 1:
            raise Unreadable(_l("The file has more than %(max)d rows.", max=MAX_ROWS), number)
        values, formulas = {}, set()
        for column, (text, formula) in zip(columns, cells, strict=False):
            if column:
                values[column] = text
                if formula:
                    formulas.add(column)
        if formulas or any(values.values()):
            found.append(Row(number, values, formulas))
    return Table(name, [c for c in columns if c], found)


def _csv(data: bytes):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        if data.startswith(b"PK\x03\x04"):
            raise Unreadable(
                _l("This file is an Excel workbook, not a CSV file: name it .xlsx.")
            ) from None
        raise Unreadable(
            _l("This CSV file is not UTF-8 text: save it as “CSV UTF-8” and send it again.")
        ) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader, [])
        rows = []
        for number, record in enumerate(reader, start=2):
            rows.append((number, [(v.strip(), v.strip().startswith("=")) for v in record]))
            if number > MAX_ROWS + 1:
                break
    except csv.Error:
        raise Unreadable(
            _l("This CSV file cannot be read: check its quotes and separators.")
        ) from None
    return header, rows


def _xlsx(data: bytes):
    if not data.startswith(b"PK\x03\x04"):
        raise Unreadable(_l("This file is not an Excel workbook (.xlsx)."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > MAX_UNPACKED:
            raise Unreadable(
                _l("This workbook unpacks to more than %(max)s MB.", max=MAX_UNPACKED >> 20)
            )
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            if not book.worksheets:
                raise Unreadable(_l("The file is empty."))
            sheet = book.worksheets[0]
            cells = sheet.iter_rows()
            header = [_text(cell.value) for cell in next(cells, ())]
            rows = []
            for number, row in enumerate(cells, start=2):
                rows.append(
                    (number, [(_text(c.value), getattr(c, "data_type", "") == "f") for c in row])
                )
                if number > MAX_ROWS + 1:
                    break
            return sheet.title, header, rows
        finally:
            book.close()
    except UNREADABLE:
        raise Unreadable(_l("This file is not an Excel workbook (.xlsx).")) from None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime | date):
        value = value.isoformat()
    return str(value).strip()


def row_problem(row: Row, columns) -> Any:
    """Why a row cannot be read whatever the import (a formula in one of `columns`, a character
    that cannot be stored), as a lazy translated message; None when it is sound."""
    formulas = sorted(row.formulas & set(columns))
    if formulas:
        return _l(
            "The column “%(column)s” holds a formula: type the value itself.", column=formulas[0]
        )
    if unstorable([row.values.get(c, "") for c in columns]):
        return _l("This row holds a character that cannot be stored.")
    return None
