"""A national report as a Word document and as a spreadsheet, from the same lines as its print
view and PDF (`printing.document`), and every accepted report of a questionnaire as one ZIP of
its PDF, DOCX and XLSX files.

The Word document uses Word's own styles (Title, Heading 1–3, Table Grid) so that a
secretariat's template restyles it; every page repeats a running header (instrument, cycle,
party, submission) and "Page X of Y" made of Word's PAGE and NUMPAGES fields, which Word and
LibreOffice fill in when they lay the pages out.

The spreadsheet holds one sheet: a few lines naming the report, then one row per answer
(question number, section, species or site, question, table row, answer, comment, note). A
table answer gives one row per table row that holds something: the row's label in "Table row",
its cells as "Column: value", one per line, in "Answer" (tables differ from question to
question, so their columns cannot be the sheet's). Its comment and notes go on its first row.
Every text goes through `utils.neutralise`, as in the analysis exports, so no cell is read as
a formula.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from docx.shared import Cm, Pt
from flask_babel import force_locale, format_datetime
from flask_babel import gettext as _

from app import policy, utils
from app.extensions import db
from app.i18n import Translated
from app.reporting import printing, snapshots, word
from app.reporting.models import Report, ReportStatus, Submission
from app.utils import as_utc

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"

# characters an XML document may not hold (a text pasted from elsewhere may carry them)


def file_name(report: Report, number: int | None, lang: str, extension: str) -> str:
    """The name of a report's file: `CMS-COP14-FRA-2-fr.pdf` for submission no. 2 in French,
    `CMS-COP14-FRA-fr.docx` for the report as it stands."""
    suffix = f"-{number}" if number is not None else ""
    return f"{report.questionnaire.code}-{report.party.code}{suffix}-{lang}.{extension}"


# --- what the print view says above the questions ---------------------------------------------


@dataclass
class TitleBlock:
    """The facts print.html states about a report before its questions, in the current
    locale."""

    instrument: Any
    title: Any
    party: Any
    code: str
    sentences: list[str]
    note: str
    running_header: str
    document_title: str


def title_block(report: Report, snap: dict, lang: str, submission=None) -> TitleBlock:
    """The title block of `snap` (of `submission`, or the report as it stands): the same
    sentences as print.html. Call it inside `force_locale(lang)`."""

    def text(value):
        return snapshots.text(value, snap, lang)

    party = text(snap["party"]["name"])
    code = snap["questionnaire"]["code"]
    sentences: list[str] = []
    if submission is not None:
        sentences.append(
            _(
                "Submission no. %(number)d, submitted on %(date)s by %(name)s.",
                number=submission.number,
                date=format_datetime(submission.submitted_at, "long"),
                name=submission.submitted_by.name if submission.submitted_by else "—",
            )
        )
        if submission.decision == "accepted":
            sentences.append(
                _("Accepted on %(date)s.", date=format_datetime(submission.decided_at, "long"))
            )
        elif submission.decision == "returned":
            sentences.append(
                _(
                    "Returned to the party on %(date)s.",
                    date=format_datetime(submission.decided_at, "long"),
                )
            )
        note = _("Question texts as they stood when the report was submitted; answers as written.")
        numbered = [_("Submission no. %(number)d", number=submission.number)]
    else:
        taken_at = as_utc(datetime.fromisoformat(snap["taken_at"]))
        sentences.append(
            _(
                "The report as it stands on %(date)s (status: %(status)s).",
                date=format_datetime(taken_at, "long"),
                status=str(report.status_enum.label),
            )
        )
        note = _("Answers as written.")
        numbered = []
    return TitleBlock(
        instrument=text(snap["instrument"]["name"]),
        title=text(snap["questionnaire"]["title"]),
        party=party,
        code=code,
        sentences=sentences,
        note=note,
        running_header=" · ".join(
            [snap["instrument"]["code"], snap["questionnaire"]["cycle"], str(party), *numbered]
        ),
        document_title=" · ".join([code, str(party), *numbered]),
    )


# --- DOCX -------------------------------------------------------------------------------------


def docx_of(report: Report, snap: dict, lang: str, submission=None, confidential=True) -> bytes:
    """The Word document of `snap` (of `submission`, or the report as it stands) in `lang`,
    interface words included; without `confidential`, confidential items are left out."""
    with force_locale(lang):
        block = title_block(report, snap, lang, submission)
        lines = printing.document(snap, lang, confidential=confidential)
        document = word.new_document(lang, block.document_title)
        properties = document.core_properties
        properties.subject = word.clean(block.title)
        properties.author = ""
        word.running_header_and_footer(document, block.running_header, printing.page_numbering())
        _docx_title(document, block)
        for line in lines:
            _docx_line(document, line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _docx_title(document, block: TitleBlock) -> None:
    _add_text(document.add_paragraph(), block.instrument)
    _add_text(document.add_heading(level=0), block.title)
    facts = document.add_paragraph()
    _add_text(facts, block.party).bold = True
    facts.add_run(f" · {block.code}")
    document.add_paragraph(" ".join(block.sentences))
    document.add_paragraph().add_run(block.note).italic = True


def _add_text(paragraph, value: Any):
    """`value` (a content text) as a run; one found only in another language than the
    document's carries that language's code after it, as the print view does."""
    run = paragraph.add_run(word.clean(value))
    if isinstance(value, Translated) and value.is_fallback:
        mark = paragraph.add_run(f" [{value.lang.upper()}]")
        mark.font.size = Pt(8)
    return run


def _indented(document, style: str | None = None):
    paragraph = document.add_paragraph(style=style)
    paragraph.paragraph_format.left_indent = Cm(0.75)
    return paragraph


def _docx_line(document, line: printing.Line) -> None:
    level = min(line.level, 3)
    if line.kind == "section":
        heading = document.add_heading(level=level)
        if line.number:
            heading.add_run(f"{line.number} ")
        _add_text(heading, line.text)
        return
    if line.kind == "iteration":
        heading = document.add_heading(level=level)
        _add_text(heading, line.text)
        if line.detail:
            heading.add_run(f" {word.clean(line.detail)}").italic = True
        return
    question = document.add_paragraph()
    question.paragraph_format.keep_with_next = True
    question.add_run(f"{line.number} ").bold = True
    _add_text(question, line.text)
    if line.confidential:
        question.add_run(" ")
        badge = question.add_run(_("Confidential"))
        badge.bold = True
        badge.italic = True
    if not line.answers:
        _indented(document).add_run(_("Not answered")).italic = True
    for answer in line.answers:
        if answer.table:
            _docx_table(document, answer.table)
        elif answer.text:
            _indented(document).add_run(word.clean(answer.text))
        else:
            _indented(document).add_run(_("Not answered")).italic = True
        if answer.comment:
            _indented(document).add_run(_("Comment: %(text)s", text=word.clean(answer.comment)))
        if answer.hidden:
            note = _("Kept on record: the other answers make this question not applicable.")
            _indented(document).add_run(note).italic = True


def _docx_table(document, table: dict) -> None:
    columns, rows = table["columns"], table["rows"]
    grid = document.add_table(rows=1 + len(rows), cols=1 + len(columns))
    grid.style = "Table Grid"
    for index, column in enumerate(columns, start=1):
        cell = grid.cell(0, index)
        _add_text(cell.paragraphs[0], column).bold = True
    for index, (label, cells) in enumerate(rows, start=1):
        _add_text(grid.cell(index, 0).paragraphs[0], label).bold = True
        for position, value in enumerate(cells, start=1):
            grid.cell(index, position).text = word.clean(value)
    document.add_paragraph()  # Word joins two tables that follow each other


# --- XLSX -------------------------------------------------------------------------------------


def xlsx_of(report: Report, snap: dict, lang: str, submission=None, confidential=True) -> bytes:
    """The spreadsheet of `snap` (see the module's docstring) in `lang`; without
    `confidential`, confidential items are left out."""
    buffer = io.BytesIO()
    with force_locale(lang):
        block = title_block(report, snap, lang, submission)
        lines = printing.document(snap, lang, confidential=confidential)
        headings = [
            _("Question no."),
            _("Section"),
            _("Species or site"),
            _("Question"),
            _("Table row"),
            _("Answer"),
            _("Comment"),
            _("Note"),
        ]
        book = utils.workbook(buffer)
        sheet = book.add_worksheet(_sheet_name(block.code, snap["party"]["code"]))
        bold = book.add_format({"bold": True, "valign": "top"})
        wrapped = book.add_format({"text_wrap": True, "valign": "top"})
        top = book.add_format({"valign": "top"})
        for first, last, width, style in (
            (0, 0, 20, top),
            (1, 2, 28, wrapped),
            (3, 3, 60, wrapped),
            (4, 4, 28, wrapped),
            (5, 5, 50, wrapped),
            (6, 7, 36, wrapped),
        ):
            sheet.set_column(first, last, width, style)
        facts = [
            (_("Instrument"), block.instrument),
            (_("Questionnaire"), f"{block.title} ({block.code})"),
            (_("Country or organisation"), block.party),
            (_("Report"), " ".join(block.sentences)),
            (_("Note"), block.note),
        ]
        for row, (label, value) in enumerate(facts):
            sheet.write_string(row, 0, utils.neutralise(label), bold)
            utils.write_cell(sheet, row, 1, str(value))
        row = len(facts) + 1
        for column, heading in enumerate(headings):
            sheet.write_string(row, column, utils.neutralise(heading), bold)
        sheet.freeze_panes(row + 1, 0)
        first = row
        for values in xlsx_rows(lines):
            row += 1
            utils.write_row(sheet, row, values)
        sheet.autofilter(first, 0, row, len(headings) - 1)
        book.close()
    return buffer.getvalue()


def _sheet_name(code: str, party: str) -> str:
    return re.sub(r"[\[\]:*?/\\']", "-", f"{code} {party}")[:31]


def xlsx_rows(lines: list[printing.Line]) -> Iterator[list[str]]:
    """The spreadsheet's rows for `lines`: number, section, species or site, question, table
    row, answer, comment, note. Call it inside `force_locale`."""
    sections: dict[int, str] = {}
    where, where_level = "", 0
    for line in lines:
        if line.kind == "section":
            for level in [level for level in sections if level >= line.level]:
                del sections[level]
            sections[line.level] = f"{line.number} {line.text}".strip()
            if where and line.level < where_level:
                where = ""
            continue
        if line.kind == "iteration":
            where = f"{line.text} ({line.detail})" if line.detail else str(line.text)
            where_level = line.level
            continue
        base = [line.number, sections[max(sections)] if sections else "", where, str(line.text)]
        notes = [_("Confidential")] if line.confidential else []
        if not line.answers:
            yield [*base, "", "", "", " ".join([*notes, _("Not answered")])]
        for answer in line.answers:
            these = list(notes)
            if answer.hidden:
                these.append(
                    _("Kept on record: the other answers make this question not applicable.")
                )
            table_rows = _table_rows(answer.table) if answer.table else [("", answer.text)]
            if not table_rows:
                table_rows = [("", "")]
            if not any(text for _label, text in table_rows):
                these.append(_("Not answered"))
            for index, (label, text) in enumerate(table_rows):
                extra = [answer.comment, " ".join(these)] if index == 0 else ["", ""]
                yield [*base, label, text, *extra]


def _table_rows(table: dict) -> list[tuple[str, str]]:
    """(row label, "Column: value" lines) of the table's rows that hold something."""
    rows = []
    for label, cells in table["rows"]:
        said = [
            _("%(label)s: %(value)s", label=str(column), value=cell)
            for column, cell in zip(table["columns"], cells, strict=False)
            if cell
        ]
        if said:
            rows.append((str(label), "\n".join(said)))
    return rows


# --- every accepted report as one ZIP ---------------------------------------------------------


def accepted_submissions(questionnaire, user) -> list[tuple[Report, int]]:
    """The accepted reports of `questionnaire` that `user` may read, by party code, each with
    the id of its latest accepted submission (its snapshot is read one at a time)."""
    stmt = (
        sa.select(Report, Submission.id)
        .join(Submission, Submission.report_id == Report.id)
        .where(
            Report.questionnaire_id == questionnaire.id,
            Report.status == ReportStatus.ACCEPTED.value,
            Submission.decision == "accepted",
        )
        .order_by(Report.id, Submission.number.desc())
    )
    latest: dict[int, tuple[Report, int]] = {}
    for report, submission_id in db.session.execute(stmt):
        latest.setdefault(report.id, (report, submission_id))
    found = [
        (report, submission_id)
        for report, submission_id in latest.values()
        if policy.decide(user, "report.read_submissions", report).allowed
    ]
    return sorted(found, key=lambda pair: pair[0].party.code)


def write_reports_zip(questionnaire, user, lang: str, path, progress=None) -> int:
    """Every accepted report of `questionnaire` that `user` may read, as its latest accepted
    submission, in `lang`: its PDF, DOCX and XLSX (confidential items only for whom
    `policy.reads_report_confidential`), flat in the ZIP file at `path` under the download
    names (`file_name`). `progress.total(n)` is called once, then `progress(done)` after each
    report. Returns the number of reports written."""
    found = accepted_submissions(questionnaire, user)
    if progress is not None:
        progress.total(len(found))
    makers = (("pdf", printing.pdf_of), ("docx", docx_of), ("xlsx", xlsx_of))
    done = 0
    # stored, not deflated: PDF, DOCX and XLSX files are compressed already
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as archive:
        for report, submission_id in found:
            submission = db.session.get(Submission, submission_id)
            confidential = policy.reads_report_confidential(user, report)
            for extension, make in makers:
                archive.writestr(
                    file_name(report, submission.number, lang, extension),
                    make(report, submission.snapshot, lang, submission, confidential),
                )
            db.session.expunge(submission)  # its snapshot is no longer needed in memory
            done += 1
            if progress is not None:
                progress(done)
    return done
