"""The files behind the analysis pages: the long export (one row per answer cell, CSV and XLSX),
the wide export (one row per country, XLSX) and the status table (CSV and XLSX), all read from
the one query module (app/analysis/query.py) and streamed, so that no export holds every answer
in memory: rows are read with a server-side cursor and written as they come.

Cells are written as what they are. Numbers stay numbers; a list or a mapping is compact JSON
text; times are ISO 8601 in UTC ("2025-06-01T09:30:00Z"); flags are `true`/`false` in CSV
(lower case, as JSON writes them, the same in every language) and booleans in XLSX. Every text
cell that a spreadsheet could read as a formula or a command (starting with = + - @, a tab or a
carriage return) gets a leading apostrophe, in CSV and XLSX alike (`neutralise`); numbers are
not text and are never changed. XLSX files are written with XlsxWriter in constant-memory mode,
told to interpret no string (no formulas, URLs or numbers read from text).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l

from app.analysis import query
from app.analysis.status import StatusRow
from app.analysis.wording import Wording
from app.directory.models import Party
from app.extensions import db
from app.questionnaires.models import Questionnaire
from app.reporting.models import Attachment, Site, SubmittedAnswer
from app.utils import (  # the one rule for spreadsheet cells, shared with the report files
    FORMULA_FIRST,
    as_utc,
    json_dumps,
    neutralise,
    workbook,
    write_row,
)
from app.utils import XLSX_OPTIONS as XLSX_OPTIONS  # exports.XLSX_OPTIONS
from app.utils import write_cell as write_cell  # exports.write_cell

# The columns, exactly, in this order.
LONG_COLUMNS = (
    "instrument",
    "questionnaire",
    "cycle",
    "country_iso3",
    "country_name",
    "region",
    "membership_status",
    "report_status",
    "submitted_at",
    "section",
    "item_number",
    "bank_code",
    "bank_version",
    "question",
    "loop_key",
    "cell",
    "value",
    "value_label",
    "no_information",
    "comment",
    "reused_from",
)
# After them, what the results pages count by and a reader of the file needs to count the same:
# the "other, specify" text of a choice (listed on the results pages); whether the answer was
# kept but made not applicable by another answer (counted apart, never as "no"); the type of the
# cell's value (a table cell: its column's type), to read `value` without the questionnaire; the
# name of the loop key (the species in the reader's language, the site). Appended, so that the
# issue's columns keep their places.
EXTRA_COLUMNS = ("other_text", "hidden", "answer_type", "loop_label")
COLUMNS = LONG_COLUMNS + EXTRA_COLUMNS

XLSX_MAX_ROWS = 1_048_576  # a worksheet's rows; the long export goes on in another sheet
XLSX_MAX_COLUMNS = 16_384
PROGRESS_EVERY = 1000  # rows between two calls of `progress`

# Column headings in the reader's language (the status table; the wide export's description)
HEADINGS = {
    "country_iso3": _l("Code (ISO 3166-1 alpha-3)"),
    "country_name": _l("Country"),
    "region": _l("Region"),
    "membership_status": _l("Membership status"),
    "report_status": _l("Status"),
    "answered": _l("Questions answered"),
    "questions": _l("Questions"),
    "submitted_at": _l("Submitted on"),
    "accepted_at": _l("Accepted on"),
    "days_left": _l("Days to the deadline"),
    "focal_points": _l("Focal points"),
}
STATUS_COLUMNS = (
    "country_iso3",
    "country_name",
    "region",
    "membership_status",
    "report_status",
    "answered",
    "questions",
    "submitted_at",
    "accepted_at",
    "days_left",
    "focal_points",
)

Progress = Callable[[int], None] | None


class TooManyColumns(Exception):
    """The wide export would need more columns than a worksheet holds."""


# --- the long export ------------------------------------------------------------------------


def long_statement(scope: query.Scope, filters: query.Filters, questionnaire: Questionnaire):
    """The rows of `query.cells` as plain columns (no ORM objects to build per row), with the
    file name of a file cell and the site of a site loop's key joined in: one statement. (The
    countries' names are read once, by `Wording`, not decoded again on every row.)"""
    base = query.cells(scope, filters, questionnaire=questionnaire)
    given = base.selected_columns
    answer = SubmittedAnswer
    return (
        base.with_only_columns(
            answer.node_id,
            answer.instrument_id,
            answer.cycle,
            answer.answer_type,
            answer.bank_code,
            answer.bank_version,
            answer.loop_kind,
            answer.loop_key,
            answer.cell,
            answer.value,
            answer.other,
            answer.hidden,
            answer.no_info,
            answer.comment,
            answer.reused_from,
            Party.id.label("party_id"),
            Party.code.label("party_code"),
            Party.region.label("party_region"),
            given.membership_status,
            given.report_status,
            given.submitted_at,
            Attachment.filename.label("filename"),
            Site.name.label("site_name"),
        )
        .outerjoin(
            Attachment, Attachment.id == id_in(answer.value_text, answer.answer_type, "file")
        )
        .outerjoin(Site, Site.id == id_in(answer.loop_key, answer.loop_kind, "site"))
    )


def id_in(text_column, kind_column, kind: str):
    """The id that `text_column` holds on rows whose `kind_column` is `kind` (a file cell's
    value, a site loop's key), NULL on the others: a join on it looks the id up by primary key
    (where a comparison as text would scan the table for each row), and the CASE converts only
    the texts that are ids (a file question answered "no information" has no value: "")."""
    holds_id = sa.and_(kind_column == kind, text_column != "")
    return sa.case((holds_id, sa.cast(text_column, sa.Integer)), else_=sa.null())


def count_cells(scope: query.Scope, filters: query.Filters, questionnaire: Questionnaire) -> int:
    """How many rows the long export has (the progress of a job is measured against it)."""
    base = query.cells(scope, filters, questionnaire=questionnaire)
    stmt = base.with_only_columns(SubmittedAnswer.id).order_by(None).subquery()
    return db.session.scalar(sa.select(sa.func.count()).select_from(stmt)) or 0


def long_rows(
    scope: query.Scope, filters: query.Filters, questionnaire: Questionnaire, lang: str
) -> Iterator[list]:
    """One list of COLUMNS per row of `query.cells` (by country, then in each answer's
    order), generated as the rows are read. The same rows in the same order in every language:
    only the texts (question, section, country, region, statuses, value_label, loop_label)
    change with `lang`."""
    words = Wording(questionnaire, lang)
    instrument = questionnaire.instrument.code
    party_id, country, submitted_at, submitted = None, [], None, ""
    for row in query.stream(long_statement(scope, filters, questionnaire)):
        if row.party_id != party_id:
            party_id = row.party_id
            country = [
                row.party_code,
                words.country(row.party_id),
                words.regions.get(row.party_region or "", ""),
            ]
        if row.submitted_at != submitted_at:  # one report after the other
            submitted_at, submitted = row.submitted_at, iso_time(row.submitted_at)
        item = words.items[row.node_id]
        value = row.value
        yield [
            instrument,
            questionnaire.code,
            row.cycle,
            *country,
            words.memberships.get(row.membership_status or "", ""),
            words.statuses.get(row.report_status or "", ""),
            submitted,
            words.section(item),
            item.number,
            row.bank_code or "",
            row.bank_version,
            words.question(item),
            row.loop_key,
            row.cell,
            plain(value),
            words.value_label(item, row.cell, value, row.other, row.filename),
            bool(row.no_info),
            row.comment,
            row.reused_from,
            row.other,
            bool(row.hidden),
            row.answer_type,
            words.loop_label(row.loop_kind, row.loop_key, row.site_name),
        ]


def long_table(
    scope: query.Scope, filters: query.Filters, questionnaire: Questionnaire, lang: str
) -> Iterator[list]:
    """The long export with its header row first (what the CSV holds)."""
    yield list(COLUMNS)
    yield from long_rows(scope, filters, questionnaire, lang)


def plain(value: Any) -> Any:
    """A canonical value as a cell holds it: numbers and booleans as they are, a list or a
    mapping as compact JSON text, anything else as text."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, list | dict):
        return json_dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def iso_time(value: datetime | date | None) -> str:
    """A time as ISO 8601 in UTC to the second ("2025-06-01T09:30:00Z"); a date as ISO."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return as_utc(value).replace(microsecond=0).isoformat().replace("+00:00", "Z")
    return value.isoformat()


# --- CSV ------------------------------------------------------------------------------------


def csv_cell(value: Any) -> str:
    """A cell as CSV text (called for every cell of every row: the common case first)."""
    kind = type(value)
    if kind is str:
        return "'" + value if value[:1] in FORMULA_FIRST else value
    if value is None:
        return ""
    if kind is bool:
        return "true" if value else "false"
    if kind is int or kind is float:
        return str(value)
    return neutralise(str(value))


def csv_chunks(rows: Iterable[list], rows_per_chunk: int = 500) -> Iterator[bytes]:
    """`rows` (the header first) as CSV bytes, a chunk at a time: UTF-8 with a BOM first (so
    that spreadsheets read the accents), RFC 4180 (quotes where needed, CRLF), texts
    neutralised."""
    yield "\ufeff".encode()
    buffer = io.StringIO()
    writer = csv.writer(buffer, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    waiting = 0
    for row in rows:
        writer.writerow(list(map(csv_cell, row)))
        waiting += 1
        if waiting >= rows_per_chunk:
            yield buffer.getvalue().encode()
            buffer.seek(0)
            buffer.truncate()
            waiting = 0
    if waiting:
        yield buffer.getvalue().encode()


def write_csv(table: Iterable[list], path, progress: Progress = None) -> int:
    """`table` (the header first) at `path`, as the downloads stream it. Returns the rows
    written after the header."""
    done = -1

    def counted():
        nonlocal done
        for row in table:
            done += 1
            if progress and done and done % PROGRESS_EVERY == 0:
                progress(done)
            yield row

    with open(path, "wb") as handle:
        for chunk in csv_chunks(counted()):
            handle.write(chunk)
    done = max(done, 0)
    if progress:
        progress(done)
    return done


# --- XLSX -----------------------------------------------------------------------------------


def write_long_xlsx(rows: Iterable[list], path: str | Path, progress: Progress = None) -> int:
    """The long export (`long_rows`) as a workbook at `path`: sheet "answers" (then "answers 2"
    and so on past a worksheet's million rows), the header first. Returns the rows written."""
    book = workbook(path)
    sheets, sheet, line, done = 1, None, XLSX_MAX_ROWS, 0
    for values in rows:
        if line >= XLSX_MAX_ROWS:
            sheet = book.add_worksheet("answers" if sheets == 1 else f"answers {sheets}")
            sheets += 1
            write_row(sheet, 0, COLUMNS)
            sheet.freeze_panes(1, 0)
            line = 1
        write_row(sheet, line, values)
        line += 1
        done += 1
        if progress and done % PROGRESS_EVERY == 0:
            progress(done)
    if sheet is None:
        sheet = book.add_worksheet("answers")
        write_row(sheet, 0, COLUMNS)
    book.close()
    if progress:
        progress(done)
    return done


def write_table_xlsx(table: Iterable[list], path: str | Path, sheet_name: str) -> int:
    """A small table (the header first) as a one-sheet workbook. Returns the rows written,
    header included."""
    book = workbook(path)
    sheet = book.add_worksheet(sheet_name)
    count = 0
    for line, values in enumerate(table):
        write_row(sheet, line, values)
        count += 1
    sheet.freeze_panes(1, 0)
    book.close()
    return count


def write_wide_xlsx(
    scope: query.Scope,
    filters: query.Filters,
    questionnaire: Questionnaire,
    lang: str,
    path: str | Path,
    progress: Progress = None,
) -> int:
    """The wide export of `questionnaire` at `path`: one row per country, one column per
    item, loop key, table cell and choice (app/analysis/wide.py says how columns are named),
    and a sheet describing each column in every language. Returns the answer rows read."""
    from app.analysis import wide

    return wide.write(scope, filters, questionnaire, lang, path, progress)


# --- the status table -----------------------------------------------------------------------


def status_table(rows: list[StatusRow], lang: str) -> list[list]:
    """The status of a questionnaire's reports (`status.status_rows`) as a table: headings and
    labels in `lang`, times ISO 8601 in UTC, focal points joined by "; "."""
    with force_locale(lang):
        table = [[str(HEADINGS[name]) for name in STATUS_COLUMNS]]
        for row in rows:
            table.append(
                [
                    row.party_code,
                    row.party_name,
                    row.region_label,
                    row.membership_label,
                    row.status_label,
                    row.answered,
                    row.questions,
                    iso_time(row.submitted_at),
                    iso_time(row.accepted_at),
                    row.days_left,
                    "; ".join(row.focal_points),
                ]
            )
    return table


def filename(questionnaire: Questionnaire, what: str, lang: str, extension: str) -> str:
    """The name a downloaded file is saved under: "CMS-COP14-answers-fr.csv"."""
    return f"{questionnaire.code}-{what}-{lang}.{extension}"
