"""The tables of the analysis pages, as data: what a page shows, what its "download data" links
give as CSV and XLSX (the same figures: counts, and percentages rounded as shown), and what its
chart draws. Builders turn status rows and item results into tables; `csv_bytes` and
`xlsx_bytes` write one table as a file.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import xlsxwriter
from flask_babel import gettext as _

from app.analysis import charts, exports
from app.analysis.exports import neutralise
from app.analysis.results import Breakdown, ItemResult
from app.analysis.status import RegionCount, StatusRow
from app.answers.types import AnswerType
from app.utils import as_utc

# a table's workbook is small: written in memory, with what the export files never let
# XlsxWriter do to a text
XLSX_OPTIONS = {**exports.XLSX_OPTIONS, "constant_memory": False, "in_memory": True}


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "text"  # text, int, number, percent, datetime


@dataclass
class Table:
    key: str  # stable within its page: the "download data" and chart links name it
    caption: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)
    note: str = ""  # the denominators, in a sentence
    chart_columns: tuple[int, ...] = ()  # the columns a chart draws (the first names the bars)
    chart_percent: bool = False
    chart_stacked: bool = False

    @property
    def has_chart(self) -> bool:
        return bool(self.chart_columns) and bool(self.rows)


def _when(value: Any) -> Any:
    """A date or a time as ISO 8601 text (UTC, to the second); anything else as it is."""
    if isinstance(value, datetime):
        return as_utc(value).isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def csv_bytes(table: Table) -> bytes:
    """The table as the export files write CSV (exports.csv_chunks): UTF-8 with a BOM, RFC
    4180 quoting, CRLF line ends, texts neutralised."""
    header = [column.label for column in table.columns]
    rows = ([_when(value) for value in row] for row in table.rows)
    return b"".join(exports.csv_chunks([header, *rows]))


def xlsx_bytes(table: Table) -> bytes:
    """One sheet: the caption, the header and the rows; numbers as numbers, texts as texts
    (never read as formulas, links or numbers)."""
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, XLSX_OPTIONS)
    sheet = book.add_worksheet(_("Data"))
    bold = book.add_format({"bold": True})
    sheet.write_string(0, 0, neutralise(table.caption), bold)
    for col, column in enumerate(table.columns):
        sheet.write_string(1, col, neutralise(column.label), bold)
    for r, row in enumerate(table.rows, start=2):
        for col, value in enumerate(row):
            value = _when(value)
            if value is None:
                sheet.write_string(r, col, "")
            elif isinstance(value, bool) or not isinstance(value, int | float):
                sheet.write_string(r, col, neutralise(str(value)))
            else:
                sheet.write_number(r, col, value)
    if table.note:
        sheet.write_string(len(table.rows) + 3, 0, neutralise(table.note))
    book.close()
    return out.getvalue()


def chart_of(table: Table, lang: str) -> charts.Chart:
    """The chart of `table`: its first chart column names the bars, the others are series."""
    first, *values = table.chart_columns
    return charts.Chart(
        title=table.caption,
        categories=[str(row[first]) for row in table.rows],
        series=[
            charts.Series(table.columns[i].label, [row[i] for row in table.rows]) for i in values
        ],
        value_label=table.columns[values[0]].label if len(values) == 1 else "",
        percent=table.chart_percent,
        stacked=table.chart_stacked,
        lang=lang,
    )


# --- the status page ---------------------------------------------------------------------------


def status_table(rows: list[StatusRow]) -> Table:
    table = Table(
        "status",
        _("Reports owed"),
        [
            Column(_("ISO code")),
            Column(_("Country or organisation")),
            Column(_("Region")),
            Column(_("Membership")),
            Column(_("Status")),
            Column(_("Questions answered"), "int"),
            Column(_("Questions"), "int"),
            Column(_("Submitted"), "datetime"),
            Column(_("Accepted"), "datetime"),
            Column(_("Days to deadline"), "int"),
            Column(_("Focal points")),
        ],
    )
    for row in rows:
        table.rows.append(
            [
                row.party_code,
                row.party_name,
                row.region_label,
                row.membership_label,
                row.status_label,
                row.answered,
                row.questions,
                row.submitted_at,
                row.accepted_at,
                row.days_left,
                "; ".join(row.focal_points),
            ]
        )
    return table


def region_table(counts: list[RegionCount]) -> Table:
    table = Table(
        "regions",
        _("Submission by region"),
        [
            Column(_("Region")),
            Column(_("Submitted"), "int"),
            Column(_("Not submitted"), "int"),
            Column(_("Owed"), "int"),
            Column(_("Submitted (%)"), "percent"),
        ],
        chart_columns=(0, 1, 2),
        chart_stacked=True,
    )
    for count in counts:
        share = round(100 * count.submitted / count.owed, 1) if count.owed else None
        table.rows.append(
            [
                count.label or _("No region"),
                count.submitted,
                count.owed - count.submitted,
                count.owed,
                share,
            ]
        )
    return table


# --- the results page --------------------------------------------------------------------------


def denominators_note(tally, owed: int) -> str:
    return _(
        "%(n)d answered, of %(submitted)d that submitted, of %(owed)d that owed the report; "
        "no information: %(no_info)d; not applicable: %(hidden)d; no answer: %(unanswered)d.",
        n=tally.answered,
        submitted=tally.submitted,
        owed=owed,
        no_info=tally.no_info,
        hidden=tally.hidden,
        unanswered=tally.unanswered,
    )


def choice_table(item: ItemResult) -> Table:
    table = Table(
        f"item-{item.node_id}",
        _("%(number)s — answers", number=item.number),
        [
            Column(_("Answer")),
            Column(_("Countries"), "int"),
            Column(_("% of those that answered"), "percent"),
        ],
        note=denominators_note(item.tally, item.owed),
        chart_columns=(0, 2),
        chart_percent=True,
    )
    for count in item.counts:
        table.rows.append([count.label, count.count, count.percent])
    return table


STATS_COLUMNS = (
    ("n", "int"),
    ("minimum", "number"),
    ("median", "number"),
    ("mean", "number"),
    ("maximum", "number"),
    ("total", "number"),
)


def stats_columns() -> list[Column]:
    labels = {
        "n": _("n"),
        "minimum": _("Minimum"),
        "median": _("Median"),
        "mean": _("Mean"),
        "maximum": _("Maximum"),
        "total": _("Sum"),
    }
    return [Column(labels[name], kind) for name, kind in STATS_COLUMNS]


def stats_row(stats) -> list:
    if stats is None:
        return [0, None, None, None, None, None]
    return [stats.n, stats.minimum, stats.median, round(stats.mean, 6), stats.maximum, stats.total]


def number_table(item: ItemResult) -> Table:
    table = Table(
        f"item-{item.node_id}",
        _("%(number)s — figures", number=item.number),
        stats_columns(),
        note=denominators_note(item.tally, item.owed),
    )
    table.rows.append(stats_row(item.stats))
    return table


def breakdown_table(
    item: ItemResult,
    lines: list[Breakdown],
    key: str,
    caption: str,
    first: str,
    measured: bool | None = None,
):
    """Per region, per species or site, or per cell of one table column: counts per choice
    (a choice question or column), statistics (`measured`: a number question or column; by
    default whether the item is a number), or only how many answered (texts, species...)."""
    counted = any(line.counts for line in lines)
    measured = item.is_number if measured is None else measured
    listed = any(line.detail for line in lines)
    columns = [Column(first)]
    if listed:
        columns.append(Column(_("Listing")))
    columns += [Column(_("Answered"), "int"), Column(_("No information"), "int")]
    if counted:
        labels = [count.label for count in next(line.counts for line in lines if line.counts)]
        for label in labels:
            columns += [
                Column(label, "int"),
                Column(_("%(answer)s (%%)", answer=label), "percent"),
            ]
    elif measured:
        columns += stats_columns()
    table = Table(f"item-{item.node_id}-{key}", caption, columns)
    for line in lines:
        row = [line.label or _("No region")]
        if listed:
            row.append(line.detail)
        row += [line.tally.answered, line.tally.no_info]
        if counted:
            for count in line.counts:
                row += [count.count, count.percent]
        elif measured:
            row += stats_row(line.stats)
        table.rows.append(row)
    # a bar per choice in its own colour: past the palette's colours, the table alone
    if counted and len(lines) > 1 and len(labels) <= len(charts.PALETTE):
        first_percent = 5 if listed else 4
        table.chart_columns = (0, *range(first_percent, len(columns), 2))
        table.chart_percent = True
    return table


def item_tables(item: ItemResult, detail: bool = False) -> list[Table]:
    """The tables of one item: its answers (not in a loop), per species or site (in a loop),
    per table cell; with `detail`, per region too."""
    found = []
    if item.loop:
        first = _("Species") if item.loop == "species" else _("Site")
        found.append(
            breakdown_table(
                item,
                item.loops,
                "loop",
                _("%(number)s — per species or site", number=item.number),
                first,
            )
        )
    elif item.is_choice:
        found.append(choice_table(item))
    elif item.is_number:
        found.append(number_table(item))
    # one table per column of a table question: its cells are counted or measured by the
    # column's type, and two choice columns may offer different choices
    by_column: dict[str, list[Breakdown]] = {}
    for line in item.cells:
        by_column.setdefault(line.key.partition("/")[2], []).append(line)
    for column_key, lines in by_column.items():
        found.append(
            breakdown_table(
                item,
                lines,
                f"cells-{column_key}",
                _("%(number)s — %(column)s, per row", number=item.number, column=lines[0].column),
                _("Cell"),
                measured=lines[0].column_type == AnswerType.NUMBER,
            )
        )
    if detail and not item.loop and (item.is_choice or item.is_number):
        found.append(
            breakdown_table(
                item,
                item.regions,
                "regions",
                _("%(number)s — by region", number=item.number),
                _("Region"),
            )
        )
    if detail and item.others:
        table = Table(
            f"item-{item.node_id}-other",
            _("%(number)s — other answers, as written", number=item.number),
            [Column(_("Country or organisation")), Column(_("Species or site")), Column(_("Text"))],
        )
        table.rows = [[o.party_name, o.loop_label, o.text] for o in item.others]
        found.append(table)
    return found
