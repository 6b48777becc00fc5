"""The offline report workbook read back (workbook.py writes it): what it would change in the
report, answer by answer, shown before anything is saved; then applied as the person confirms,
through the ordinary save (app/reporting/saving.py) as revisions of kind "workbook".

Each answer of the workbook is one of:
- unchanged: its cells are as downloaded, or say what the report holds now;
- new or changed: the person typed it, and nobody changed the answer online since the download;
- conflicting: the person typed it, and the answer changed online since the download: shown
  side by side, applied only when the person ticks it;
- invalid: it cannot be read (with its sheet and cell, and why); never applied.

A workbook of another report is refused whole, and so is a file that is not one of ours."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException

from app import answers, bounds
from app.answers.kinds import text as text_kind
from app.audit import services as audit
from app.i18n import languages, translate
from app.interchange import workbook as written
from app.reporting import saving, services
from app.reporting.errors import ReportingError
from app.reporting.models import Report

MAX_BYTES = 10 * 1024 * 1024  # the workbook of a 300-question report is well under 1 MB
MAX_ROWS = 50_000  # rows read at most in one sheet
STATUSES = ("conflict", "new", "changed", "invalid", "unchanged")
NOT_A_WORKBOOK = _l(
    "This file is not an Excel workbook (.xlsx). Upload the workbook downloaded from the "
    "report's page, saved in the .xlsx format."
)
NOT_OURS = _l(
    "This workbook was not downloaded from this application: upload the workbook downloaded "
    "from the report's page."
)


class Refused(Exception):
    """The whole file is refused; `message` says why (translated)."""

    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = str(message)


@dataclass
class Line:
    """One answer of the workbook and what uploading it would do."""

    key: str
    status: str
    sheet: str
    cell: str  # where its answer is ("G12"), for the person to find it
    number: str = ""
    node_id: int = 0
    loop: str = ""
    question: str = ""
    before: str = ""  # the answer stored now, in words
    after: str = ""  # the workbook's, in words
    message: str = ""  # why it is invalid
    version: int = 0  # the version stored now: applying it is a save typed against this one
    edit: saving.Edit | None = None


@dataclass
class Preview:
    report: Report
    lang: str  # the workbook's language: how its numbers, dates and labels are read
    filled: services.Filled
    lines: list[Line] = field(default_factory=list)

    def of(self, status: str) -> list[Line]:
        return [line for line in self.lines if line.status == status]

    @property
    def counts(self) -> dict[str, int]:
        return {status: len(self.of(status)) for status in STATUSES}

    @property
    def to_apply(self) -> list[Line]:
        return [line for line in self.lines if line.status in ("new", "changed", "conflict")]


@dataclass
class _Gathered:
    """An answer's cells as the workbook holds them, by name ("value:<part>", "other" …)."""

    sheet: str
    row: int
    cells: dict[str, Any] = field(default_factory=dict)
    formula: bool = False


def read(data: bytes, report: Report, viewer) -> Preview:
    """What the workbook `data` would change in `report` for `viewer` (who may fill it, or
    some of its sections); Refused when the file is not the offline workbook of this report."""
    if not report.is_editable:
        raise Refused(_l("This report can no longer be changed."))
    meta, gathered = _open(data)
    facts = dict(row[:2] for row in meta if len(row) >= 2 and isinstance(row[0], str))
    if facts.get("format") != written.FORMAT:
        raise Refused(NOT_OURS)
    if bounds.integer_or(str(facts.get("report", "")), None) != report.id:
        raise Refused(
            _l(
                "This workbook belongs to another report. Download the workbook of this "
                "report and copy your answers into it."
            )
        )
    lang = facts.get("lang") if facts.get("lang") in languages() else "en"
    downloaded = {
        str(row[0]): (bounds.integer_or(str(row[1]), 0, low=0), str(row[2] or ""))
        for row in meta
        if len(row) >= 3 and isinstance(row[0], str) and "|" in row[0]
    }
    filled = services.fill(report, lang, viewer=viewer)
    items = {written.cell_key(i.node.id, i.loop_key): i for i in filled.rendered.items()}
    preview = Preview(report, lang, filled)
    context = answers.Context(lang, filled.species_keys, frozenset(filled.attachments))
    numbers = filled.tree.numbering()
    for key, found in gathered.items():
        line = _line(filled, items.get(key), key, found, downloaded, context)
        line.number = numbers.get(line.node_id, "")
        preview.lines.append(line)
    return preview


def _open(data: bytes) -> tuple[list[tuple], dict[str, _Gathered]]:
    """The meta sheet's rows, and each answer's cells by key, in the workbook's order."""
    if len(data) > MAX_BYTES:
        raise Refused(_l("The file is larger than %(max)s MB.", max=MAX_BYTES >> 20))
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError):
        raise Refused(NOT_A_WORKBOOK) from None
    try:
        if written.META_SHEET not in book.sheetnames:
            raise Refused(NOT_OURS)
        meta = list(book[written.META_SHEET].iter_rows(values_only=True, max_col=3))
        gathered: dict[str, _Gathered] = {}
        for name in book.sheetnames:
            if name not in (written.META_SHEET, written.LISTS_SHEET):
                _gather(book[name], name, gathered)
        return meta, gathered
    finally:
        book.close()


def _gather(sheet, name: str, gathered: dict[str, _Gathered]) -> None:
    rows = sheet.iter_rows(min_row=written.FIRST_ROW + 1, max_col=written.COMMENT + 1)
    for number, row in enumerate(rows, start=written.FIRST_ROW + 1):
        if number > MAX_ROWS + written.FIRST_ROW:
            raise Refused(
                _l("The sheet %(sheet)s has more than %(max)d rows.", sheet=name, max=MAX_ROWS)
            )
        cells = list(row) + [None] * (written.COMMENT + 1 - len(row))
        key = _value(cells[written.KEY])
        if not isinstance(key, str) or "|" not in key:
            continue
        found = gathered.setdefault(key, _Gathered(name, number))
        part = _value(cells[written.PART])
        wanted = {f"value:{'' if part is None else part}": cells[written.ANSWER]}
        wanted.update({extra: cells[column] for extra, column in written.EXTRAS.items()})
        for cell_name, cell in wanted.items():
            value = _value(cell)
            if getattr(cell, "data_type", None) == "f":
                found.formula = True
            elif written.normal(value) != "" and cell_name not in found.cells:
                found.cells[cell_name] = value


def _value(cell) -> Any:
    return None if cell is None else cell.value


def _line(filled, item, key: str, found: _Gathered, downloaded, context) -> Line:
    line = Line(key, "invalid", found.sheet, f"{get_column_letter(written.ANSWER + 1)}{found.row}")
    if item is None:
        line.message = str(_l("This row is not a question of this report that you may change."))
        return line
    node, answer = item.node, filled.answer(item)
    instrument = filled.report.questionnaire.instrument
    line.node_id = node.id
    line.loop = _loop_label(filled, item)
    line.question = str(translate(node.effective_text, lang=filled.lang, instrument=instrument))
    line.before = filled.words(node, answer) if answer is not None else "—"
    line.version = answer.version if answer is not None else 0
    if found.formula:
        line.message = str(_l("Formulas are not read: type the value itself."))
        return line
    base_version, base_print = downloaded.get(key, (0, ""))
    cells = found.cells if node.effective_config.get("allow_other") else _without_other(found)
    if written.fingerprint(cells) == base_print:
        line.status = "unchanged"
        return line
    try:
        change, state = _change(filled, node, answer, cells, context)
    except (answers.ValueProblem, ReportingError) as problem:
        line.message = problem.message
        return line
    line.after = answers.answer_words(
        node.effective_type, node.effective_config, state, filled.saying, short=True
    )
    if answer is not None and _same(answer, state):
        line.status = "unchanged"
    elif line.version != base_version:
        line.status = "conflict"
    else:
        line.status = "new" if answer is None or _same_as_empty(answer) else "changed"
    line.edit = saving.Edit(node, item.loop_key, change, line.version)
    return line


def _without_other(found: _Gathered) -> dict[str, Any]:
    return {name: value for name, value in found.cells.items() if name != "other"}


def _change(filled, node, answer, cells: Mapping[str, Any], context) -> tuple[saving.Change, dict]:
    """The save the cells ask for, and the answer's state after it (value, other, comment,
    no information; the value stays the stored one for a type not answered in a workbook);
    ValueProblem or ReportingError when a cell cannot be read."""
    answer_type, config = node.effective_type, node.effective_config
    parts = {name[6:]: value for name, value in cells.items() if name.startswith("value:")}
    raw = answers.from_workbook(answer_type, config, parts, filled.saying)
    given = raw is not answers.NOT_IN_WORKBOOK
    if given:
        value = answers.parse(answer_type, config, raw, context)
    else:
        value = answer.value if answer is not None else None
    other = _text(cells.get("other")) if config.get("allow_other") else None
    comment = _text(cells.get("comment"))
    no_info = _ticked(cells.get("no_info"), filled.lang)
    change = saving.Change(
        raw=raw if given else None,
        raw_given=given,
        other=other,
        comment=comment,
        no_info=no_info,
        via="workbook",
    )
    state = {
        "value": value,
        "typed": None,
        "other": (other or "").strip() if other is not None else "",
        "comment": comment,
        "no_info": no_info,
    }
    return change, state


def _text(value: Any) -> str:
    text = "" if value is None else str(value)
    if bounds.text_length(text) > text_kind.MAX_TEXT:
        raise ReportingError(text_kind.too_long())
    return text


def _ticked(value: Any, lang: str) -> bool:
    said = written.normal(value).strip().casefold()
    return said not in ("", written.no_label(lang).casefold(), "false", "0")


def _same(answer, state: dict) -> bool:
    return (
        answer.value == state["value"]
        and (answer.other or "") == state["other"]
        and (answer.comment or "") == state["comment"]
        and bool(answer.no_info) == state["no_info"]
    )


def _same_as_empty(answer) -> bool:
    return (
        answer.value is None and answer.typed is None and not answer.comment and not answer.no_info
    )


def _loop_label(filled, item) -> str:
    if not item.loop_key:
        return ""
    named = filled.saying.species.get(item.loop_key) or filled.saying.sites.get(item.loop_key)
    return filled.saying.name(named) if named is not None else item.loop_key


@dataclass
class Applied:
    saved: int = 0
    refused: list[tuple[Line, str]] = field(default_factory=list)


def apply(
    data: bytes, report: Report, user, chosen: Mapping[str, int], locale: str
) -> tuple[Preview, Applied]:
    """Save the answers of the workbook that the person ticked (`chosen`: key → the version
    they saw at the preview), each typed against that version: an answer changed online since
    the preview is not overwritten but refused as a conflict. Nothing else is saved."""
    preview = read(data, report, user)
    picked = [line for line in preview.to_apply if line.key in chosen and line.edit is not None]
    edits = []
    for line in picked:
        edit = line.edit
        over = line.status == "conflict"
        edit.change.over_conflict = over
        edits.append(saving.Edit(edit.node, edit.loop_key, edit.change, chosen[line.key]))
    done = Applied()
    outcomes = (
        saving.save_answers(preview.filled, edits, user=user, locale=preview.lang) if edits else []
    )
    for line, outcome in zip(picked, outcomes, strict=True):
        if isinstance(outcome, saving.Conflict):
            done.refused.append(
                (line, str(_l("Someone changed this answer online since your preview.")))
            )
        elif isinstance(outcome, ReportingError):
            done.refused.append((line, outcome.message))
        elif outcome.problem:
            done.refused.append((line, outcome.problem))
        else:
            done.saved += 1
    if done.saved:
        audit.record(
            user,
            "report.workbook",
            report,
            f"{report.questionnaire.code} {report.party.code}: {done.saved}",
            saved=done.saved,
            refused=len(done.refused),
        )
    return preview, done
