"""The offline report workbook: a report as an Excel workbook a focal point fills without a
connection and uploads again (workbook_upload.py reads it back).

A cover sheet with the instructions in the reader's language; one sheet per top-level section,
one row per cell an answer takes (loops: one block of rows per species or site), the question
texts locked, the answer cells open and checked by the spreadsheet (drop-down lists, number
bounds, dates) as each answer type says (app/answers: `workbook_parts`); the stable identifiers
in hidden columns; and a very hidden sheet with the report, the language, and each answer's
version and the fingerprint of its cells as downloaded, so that an upload tells what the person
changed from what changed online meanwhile.

Answers are written as strings, numbers and dates, never as formulas (a text that starts with
"=" stays a text: the writer interprets nothing), so they come back exactly as they went.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _
from xlsxwriter.utility import xl_col_to_name

from app import answers, utils
from app.answers.reading import format_number
from app.i18n import translate
from app.questionnaires.render import RenderedItem, RenderedSection
from app.reporting.services import Filled
from app.utils import utcnow

FORMAT = "family-ors-report-workbook"
FORMAT_VERSION = 1
META_SHEET = "ors"
LISTS_SHEET = "lists"
# columns of a section sheet (0-based): the answer's key and the part's are hidden
KEY, PART, NUMBER, LOOP, QUESTION, LABEL, ANSWER, OTHER, NO_INFO, COMMENT = range(10)
FIRST_ROW = 2  # row 0: the section's title; row 1: the headings
EXTRAS = {"other": OTHER, "no_info": NO_INFO, "comment": COMMENT}
# the characters a line of each wrapped column holds, roughly: how tall its rows are made
LINE_CHARS = {QUESTION: 66, LABEL: 30, ANSWER: 44, COMMENT: 44}
SHEET_NAME_FORBIDDEN = re.compile(r"[\[\]:*?/\\']")
MAX_MESSAGE = 250  # a validation message's length as Excel takes it (255)


def cell_key(node_id: int, loop_key: str) -> str:
    """The hidden identifier of an answer cell in the workbook: "<node id>|<loop key>"."""
    return f"{node_id}|{loop_key}"


def normal(value: Any) -> str:
    """A cell's value as a fingerprint compares it: the same whichever spreadsheet saved it
    (5 and 5.0, a date and the same date at midnight, Windows line ends)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        try:
            return format(Decimal(repr(value)).normalize(), "f")
        except InvalidOperation:
            return str(value)
    if isinstance(value, datetime):
        return (
            value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
        )
    if isinstance(value, date):
        return value.isoformat()
    return str(value).replace("\r\n", "\n")


def fingerprint(cells: dict[str, Any]) -> str:
    """A short digest of an answer's cells (parts and extras, by name): whether the person
    changed anything since the download."""
    text = "\x1f".join(f"{name}\x1e{normal(cells[name])}" for name in sorted(cells))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


def answer_cells(filled: Filled, item: RenderedItem) -> dict[str, Any]:
    """The cells of `item`'s answer as the workbook holds them, by part ("value:<part>") and
    extra ("other", "no_info", "comment"), blanks left out."""
    node, answer = item.node, filled.answer(item)
    if answer is None:
        return {}
    found: dict[str, Any] = {}
    if answer.value is not None:
        shown = answers.to_workbook(
            node.effective_type, node.effective_config, answer.value, filled.saying
        )
        found.update({f"value:{part}": value for part, value in shown.items()})
    elif answer.typed is not None:  # kept as typed when it could not be read: shown so
        found["value:"] = answer.typed if isinstance(answer.typed, str) else str(answer.typed)
    if answer.other:
        found["other"] = answer.other
    if answer.no_info:
        found["no_info"] = yes_label(filled.lang)
    if answer.comment:
        found["comment"] = answer.comment
    return {name: value for name, value in found.items() if normal(value) != ""}


def yes_label(lang: str) -> str:
    with force_locale(lang):
        return _("Yes")


def no_label(lang: str) -> str:
    with force_locale(lang):
        return _("No")


@dataclass
class _Formats:
    title: Any
    heading: Any
    locked: Any
    loop: Any
    open: Any
    open_number: Any
    open_date: Any
    shut: Any


def workbook(filled: Filled, user) -> bytes:
    """`filled` (a report read for `user`, in the language of the workbook) as the offline
    workbook: only what `user` may read of it (a contributor's sections)."""
    output = io.BytesIO()
    book = utils.workbook(output)
    with force_locale(filled.lang):
        _Writer(book, filled, user).write()
    book.close()
    return output.getvalue()


class _Writer:
    def __init__(self, book, filled: Filled, user) -> None:
        self.book, self.filled, self.user = book, filled, user
        self.lang = filled.lang
        self.instrument = filled.report.questionnaire.instrument
        self.numbering = filled.tree.numbering()
        self.names: set[str] = {META_SHEET, LISTS_SHEET}
        self.meta: list[list[Any]] = []
        self.lists: dict[tuple[str, ...], str] = {}
        f = book.add_format
        wrap = {"text_wrap": True, "valign": "top"}
        self.formats = _Formats(
            title=f({"bold": True, "font_size": 14}),
            heading=f({"bold": True, "bg_color": "#DDE4EE", "border": 1, **wrap}),
            locked=f({**wrap}),
            loop=f({"bold": True, "bg_color": "#EEF2F7", **wrap}),
            open=f({"locked": False, "bg_color": "#FFF9E0", "border": 1, **wrap}),
            open_number=f({"locked": False, "bg_color": "#FFF9E0", "border": 1, "valign": "top"}),
            open_date=f(
                {"locked": False, "bg_color": "#FFF9E0", "border": 1, "num_format": "yyyy-mm-dd"}
            ),
            shut=f({"bg_color": "#EEEEEE", **wrap}),
        )

    def text(self, value) -> str:
        return str(translate(value, lang=self.lang, instrument=self.instrument))

    def write(self) -> None:
        report = self.filled.report
        self.cover()
        for section in self.filled.rendered.sections:
            self.section(section)
        if self.filled.rendered.loose_items:
            self.section(None, self.filled.rendered.loose_items)
        meta = self.book.add_worksheet(META_SHEET)
        head = [
            ["format", FORMAT, FORMAT_VERSION],
            ["report", report.id],
            ["party", report.party.code],
            ["questionnaire", report.questionnaire.code],
            ["lang", self.lang],
            ["downloaded", utcnow().isoformat(timespec="seconds")],
            ["by", self.user.id],
            [],
        ]
        for row, values in enumerate(head + self.meta):
            utils.write_row(meta, row, values)
        meta.very_hidden()
        if self.lists:
            self.write_lists()

    def write_lists(self) -> None:
        """The options of the drop-downs, one list per column (written row by row: the
        writer keeps one row in memory at a time)."""
        sheet = self.book.add_worksheet(LISTS_SHEET)
        columns = list(self.lists)
        for row in range(max(len(options) for options in columns)):
            for column, options in enumerate(columns):
                if row < len(options):
                    sheet.write_string(row, column, utils.neutralise(options[row]))
        sheet.very_hidden()

    def cover(self) -> None:
        report = self.filled.report
        questionnaire = report.questionnaire
        sheet = self.book.add_worksheet(self.sheet_name(_("Instructions")))
        sheet.set_column(0, 0, 100)
        sheet.protect("", {"select_locked_cells": True, "select_unlocked_cells": True})
        lines = [
            (self.text(questionnaire.title) or questionnaire.code, self.formats.title),
            (
                _(
                    "Report of %(party)s for %(questionnaire)s",
                    party=self.text(report.party.name),
                    questionnaire=questionnaire.code,
                ),
                self.formats.heading,
            ),
            (_("Downloaded on %(date)s.", date=utcnow().date().isoformat()), None),
            ("", None),
            (_("How to fill in this workbook"), self.formats.heading),
            (_("Each section of the questionnaire has its own sheet."), None),
            (_("Type your answers in the yellow cells only; the other cells are locked."), None),
            (
                _(
                    "Where a cell offers a list, choose from it. A multiple choice has one row "
                    "per option: write “%(yes)s” in the rows of the options that apply.",
                    yes=yes_label(self.lang),
                ),
                None,
            ),
            (_("Numbers and dates are checked as you type them."), None),
            (
                _("Files cannot be attached here: attach them online, in the report's section."),
                None,
            ),
            (
                _(
                    "Do not rename, add or delete sheets, rows or columns: the hidden columns "
                    "tell the application which answer each row holds."
                ),
                None,
            ),
            (
                _(
                    "When you are done, upload the workbook from the report's page. You will "
                    "see what it changes before anything is saved, and answers changed online "
                    "since this download are shown to you, never overwritten silently."
                ),
                None,
            ),
        ]
        for row, (line, style) in enumerate(lines):
            if line:
                sheet.write_string(row, 0, utils.neutralise(line), style or self.formats.locked)
        sheet.activate()

    def sheet_name(self, title: str) -> str:
        """A sheet name Excel accepts (31 characters, none of []:*?/\\'), unique here."""
        base = " ".join(SHEET_NAME_FORBIDDEN.sub(" ", title).split())[:31] or "-"
        name, number = base, 2
        while name.casefold() in self.names:
            suffix = f" ({number})"
            name, number = base[: 31 - len(suffix)] + suffix, number + 1
        self.names.add(name.casefold())
        return name

    def section(self, section: RenderedSection | None, loose: list[RenderedItem] = ()) -> None:
        number = self.numbering.get(section.node.id, "") if section else ""
        title = self.text(section.node.title) if section else _("Other questions")
        sheet = self.book.add_worksheet(self.sheet_name(f"{number} {title}".strip()))
        sheet.protect("", {"format_columns": True, "format_rows": True})
        sheet.set_landscape()
        sheet.set_paper(9)  # A4
        sheet.fit_to_pages(1, 0)  # as wide as a page, as long as it takes
        sheet.repeat_rows(1)
        looped = any(i.loop_key for i in (section.items() if section else loose))
        for column, width, hidden in (
            (KEY, 12, True),
            (PART, 12, True),
            (NUMBER, 8, False),
            (LOOP, 24, not looped),
            (QUESTION, 60, False),
            (LABEL, 28, False),
            (ANSWER, 40, False),
            (OTHER, 24, False),
            (NO_INFO, 14, False),
            (COMMENT, 40, False),
        ):
            sheet.set_column(column, column, width, None, {"hidden": hidden})
        sheet.freeze_panes(FIRST_ROW, ANSWER)
        sheet.write_string(
            0, NUMBER, utils.neutralise(f"{number} {title}".strip()), self.formats.title
        )
        headings = {
            NUMBER: _("No."),
            LOOP: _("Species or site"),
            QUESTION: _("Question"),
            LABEL: _("Option or cell"),
            ANSWER: _("Answer"),
            OTHER: _("Other (please specify)"),
            NO_INFO: _("No information available"),
            COMMENT: _("Comment"),
        }
        sheet.set_row(1, 30)
        for column, heading in headings.items():
            sheet.write_string(1, column, heading, self.formats.heading)
        self.row = FIRST_ROW
        if section is None:
            for item in loose:
                self.item(sheet, item, "")
            return
        self.blocks(sheet, section)

    def blocks(self, sheet, section: RenderedSection) -> None:
        for block in section.blocks:
            loop = ""
            if block.iteration is not None:
                loop = str(block.iteration.label)
                shown = f"{loop} ({block.iteration.detail})" if block.iteration.detail else loop
                sheet.write_string(self.row, LOOP, utils.neutralise(shown), self.formats.loop)
                for column in (NUMBER, QUESTION, LABEL):
                    sheet.write_blank(self.row, column, None, self.formats.loop)
                self.row += 1
            for child in block.children:
                if isinstance(child, RenderedSection):
                    heading = (
                        f"{self.numbering.get(child.node.id, '')} {self.text(child.node.title)}"
                    )
                    sheet.write_string(
                        self.row, QUESTION, utils.neutralise(heading.strip()), self.formats.loop
                    )
                    self.row += 1
                    self.blocks(sheet, child)
                else:
                    self.item(sheet, child, loop)

    def item(self, sheet, item: RenderedItem, loop: str) -> None:
        filled, node = self.filled, item.node
        parts = answers.workbook_parts(node.effective_type, node.effective_config, filled.saying)
        cells = answer_cells(filled, item)
        answer = filled.answer(item)
        key = cell_key(node.id, item.loop_key)
        self.meta.append([key, answer.version if answer else 0, fingerprint(cells)])
        question = self.text(node.effective_text)
        allows_other = bool(node.effective_config.get("allow_other"))
        for index, part in enumerate(parts):
            row = self.row
            texts = [(part.label, LABEL), (cells.get(f"value:{part.part}"), ANSWER)]
            if index == 0:
                texts += [(question, QUESTION), (cells.get("comment"), COMMENT)]
            sheet.set_row(row, _height(texts))
            sheet.write_string(row, KEY, key)
            sheet.write_string(row, PART, part.part)
            if index == 0:
                number = self.numbering.get(node.id, node.number or "")
                sheet.write_string(row, NUMBER, number, self.formats.locked)
                sheet.write_string(row, QUESTION, utils.neutralise(question), self.formats.locked)
            if loop:
                sheet.write_string(row, LOOP, utils.neutralise(loop), self.formats.locked)
            if part.label:
                sheet.write_string(row, LABEL, utils.neutralise(part.label), self.formats.locked)
            self.answer_cell(sheet, row, part, cells.get(f"value:{part.part}"))
            if index == 0:
                if allows_other:
                    self.open_text(sheet, row, OTHER, cells.get("other"))
                self.no_info_cell(sheet, row, cells.get("no_info"))
                self.open_text(sheet, row, COMMENT, cells.get("comment"))
            self.row += 1

    def open_text(self, sheet, row: int, column: int, value) -> None:
        if value is None:
            sheet.write_blank(row, column, None, self.formats.open)
        else:
            sheet.write_string(row, column, str(value), self.formats.open)

    def no_info_cell(self, sheet, row: int, value) -> None:
        self.open_text(sheet, row, NO_INFO, value)
        self.validate(sheet, row, NO_INFO, self.list_check((yes_label(self.lang),)))

    def answer_cell(self, sheet, row: int, part: answers.WorkbookPart, value) -> None:
        formats = self.formats
        if part.check == "locked":
            sheet.write_string(row, ANSWER, utils.neutralise(str(value or "")), formats.shut)
            return
        if isinstance(value, bool) or value is None:
            style = formats.open_date if part.check == "date" else formats.open_number
            style = formats.open if part.check in ("text", "list") else style
            sheet.write_blank(row, ANSWER, None, style)
        elif isinstance(value, int | float):
            sheet.write_number(row, ANSWER, value, formats.open_number)
        elif isinstance(value, date):
            sheet.write_datetime(
                row, ANSWER, datetime.combine(value, datetime.min.time()), formats.open_date
            )
        else:
            sheet.write_string(row, ANSWER, str(value), formats.open)
        if part.check == "list":
            self.validate(sheet, row, ANSWER, self.list_check(part.options))
        elif part.check in ("decimal", "whole"):
            self.validate(sheet, row, ANSWER, self.number_check(part))
        elif part.check == "date":
            self.validate(sheet, row, ANSWER, self.date_check())

    def validate(self, sheet, row: int, column: int, check: dict | None) -> None:
        if check is not None:
            sheet.data_validation(row, column, row, column, check)

    def list_check(self, options: tuple[str, ...]) -> dict | None:
        """A drop-down of `options`, kept on the hidden lists sheet (a list written into the
        check itself may not exceed 255 characters)."""
        options = tuple(o for o in options if o)
        if not options:
            return None
        if options not in self.lists:
            letter = xl_col_to_name(len(self.lists))
            self.lists[options] = f"={LISTS_SHEET}!${letter}$1:${letter}${len(options)}"
        return {
            "validate": "list",
            "source": self.lists[options],
            "error_type": "warning",
            "error_title": _("Not in the list")[:32],
            "error_message": _("Choose one of the options offered.")[:MAX_MESSAGE],
        }

    def number_check(self, part: answers.WorkbookPart) -> dict:
        whole = part.check == "whole"
        low = part.low if part.low is not None else -(10**15)
        high = part.high if part.high is not None else 10**15
        said = {"min": format_number(low, self.lang), "max": format_number(high, self.lang)}
        if whole:
            message = _("Enter a whole number between %(min)s and %(max)s.", **said)
        else:
            message = _("Enter a number between %(min)s and %(max)s.", **said)
        return {
            "validate": "integer" if whole else "decimal",
            "criteria": "between",
            "minimum": low,
            "maximum": high,
            "error_title": _("Not a number")[:32],
            "error_message": message[:MAX_MESSAGE],
        }

    def date_check(self) -> dict:
        return {
            "validate": "date",
            "criteria": "between",
            "minimum": date(1900, 1, 1),
            "maximum": date(2999, 12, 31),
            "error_title": _("Not a date")[:32],
            "error_message": _("Enter a date, for example %(example)s.", example="2026-03-31")[
                :MAX_MESSAGE
            ],
        }


def _height(texts: list[tuple[Any, int]]) -> float:
    """A row tall enough for its wrapped texts (spreadsheets do not grow rows written without
    a height when they open a file), at most Excel's 409 points."""
    lines = 1
    for text, column in texts:
        if isinstance(text, str) and text:
            wrapped = sum(1 + len(line) // LINE_CHARS[column] for line in text.split("\n"))
            lines = max(lines, wrapped)
    return min(15.0 * lines, 409.0)
