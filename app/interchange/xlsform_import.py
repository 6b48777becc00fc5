"""An XLSForm read back as a new draft questionnaire of an instrument (the reverse of
xlsform.py), all or nothing.

What the form says that we can keep is kept: groups become sections and repeats loops (per
species or per site: `instance::ors_loop`, or a repeat whose first field chooses a species);
text, integer, decimal, date, select_one, select_multiple and file fields become questions of
our types (`instance::ors_type` says a site, a long text by `multiline`, a yes/no by its list
of yes and no); a table exported by us comes back as a table; `relevant` becomes a condition
(relevant.py), a number's bounds come back from its `constraint`; an item with
`instance::ors_bank` links that bank question's version when this bank has it.

What cannot be kept is listed, with its sheet, row and reason, in the reader's language:
- `left_out`: the form is imported without it (a type we have no equivalent of, a condition
  we cannot read, a choice filter, a calculation);
- `refused`: nothing is created (not a workbook, no survey sheet or no type or name column,
  a question without a label, a choice list that does not exist, groups that do not close).

`read` does the whole import in a savepoint, and keeps it only when asked to (`apply`): the
preview is the same import, rolled back."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from flask_babel import lazy_gettext as _l
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException
from sqlalchemy.exc import IntegrityError

from app.answers.types import AnswerType
from app.bank import services as bank
from app.bank import species_lists
from app.extensions import db
from app.interchange import relevant as relevant_module
from app.interchange.xlsform import LANGUAGE_COLUMNS, OTHER_SUFFIX
from app.questionnaires import editing
from app.questionnaires import services as questionnaires
from app.questionnaires.models import Questionnaire
from app.questionnaires.services import QuestionnaireError

MAX_BYTES = 10 * 1024 * 1024  # an XLSForm of thousands of questions is well under this
MAX_ROWS = 5000  # survey rows read at most
LANGUAGES = tuple(LANGUAGE_COLUMNS)
NAMES = {  # how other tools name the three languages in column headers
    "en": {"en", "english"},
    "fr": {"fr", "french", "français", "francais"},
    "es": {"es", "spanish", "español", "espanol"},
}
GROUPS = {"begin group", "begin_group", "begin repeat", "begin_repeat"}
ENDS = {"end group", "end_group", "end repeat", "end_repeat"}
YES = {"yes", "true", "true()", "1"}
BOUND = re.compile(r"^\s*\.\s*(>=|<=)\s*(-?\d+(?:\.\d+)?)\s*$")


@dataclass
class Problem:
    sheet: str
    row: int | None  # the sheet's row number, as the spreadsheet shows it
    message: str


@dataclass
class Outcome:
    """What the import made (or would make: a preview), and what it could not keep."""

    questionnaire: Questionnaire | None = None
    sections: int = 0
    items: int = 0
    bank_items: int = 0
    left_out: list[Problem] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def read(data: bytes, *, instrument, cycle: str, code: str | None = None, apply: bool, actor=None):
    """Import the XLSForm `data` as a new draft questionnaire of `instrument` for `cycle`
    (its code: `code`, else the form's `form_id`). With apply=False, a preview: everything is
    done and rolled back. Returns the Outcome; the caller commits."""
    outcome = Outcome()
    try:
        sheets = _sheets(data)
    except _Refused as refused:
        outcome.refused.append(refused.problem)
        return outcome
    savepoint = db.session.begin_nested()
    try:
        _Importer(sheets, instrument, cycle, code, actor, outcome).run()
    except _Refused as refused:
        outcome.refused.append(refused.problem)
    if outcome.refused or not apply:
        savepoint.rollback()
        outcome.questionnaire = None
    else:
        savepoint.commit()
    return outcome


# --- the workbook -------------------------------------------------------------------------------


@dataclass
class _Sheet:
    name: str
    header: list[str]
    rows: list[tuple[int, dict[str, Any]]]  # (row number, values by header)


def _sheets(data: bytes) -> dict[str, _Sheet]:
    if len(data) > MAX_BYTES:
        raise _Refused(
            Problem("", None, str(_l("The file is larger than %(max)s MB.", max=MAX_BYTES >> 20)))
        )
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise _Refused(
            Problem("", None, str(_l("This file is not an Excel workbook (.xlsx).")))
        ) from None
    found = {}
    for sheet in book.worksheets:
        rows = sheet.iter_rows(values_only=True)
        header = [str(h).strip() if h is not None else "" for h in next(rows, ())]
        kept = []
        for number, values in enumerate(rows, start=2):
            if number > MAX_ROWS + 1:
                raise _Refused(
                    Problem(
                        sheet.title,
                        number,
                        str(_l("The sheet has more than %(max)d rows.", max=MAX_ROWS)),
                    )
                )
            row = {h: _cell(v) for h, v in zip(header, values, strict=False) if h}
            if any(row.values()):
                kept.append((number, row))
        found[sheet.title.strip().lower()] = _Sheet(sheet.title, header, kept)
    book.close()
    if "survey" not in found:
        raise _Refused(Problem("", None, str(_l("The workbook has no sheet named “survey”."))))
    missing = [c for c in ("type", "name") if c not in found["survey"].header]
    if missing:
        raise _Refused(
            Problem(
                "survey",
                1,
                str(_l("The survey sheet has no column “%(column)s”.", column=missing[0])),
            )
        )
    return found


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _language(header: str, prefix: str) -> str | None:
    """The language of a `label::…` or `hint::…` column ("English (en)", "French",
    "Français (fr)"); the bare `label` is English; None for another language or column."""
    if header == prefix:
        return "en"
    if not header.startswith(prefix + "::"):
        return None
    name = header[len(prefix) + 2 :].strip().lower()
    code = re.search(r"\(([a-z]{2})\)\s*$", name)
    if code:
        return code.group(1) if code.group(1) in LANGUAGES else None
    return next((lang for lang, names in NAMES.items() if name in names), None)


def texts(row: dict[str, Any], prefix: str) -> dict[str, str]:
    found = {}
    for header, value in row.items():
        lang = _language(header, prefix)
        if lang and value and lang not in found:
            found[lang] = value
    return found


# --- the survey -------------------------------------------------------------------------------


class _Importer:
    def __init__(self, sheets, instrument, cycle, code, actor, outcome: Outcome) -> None:
        self.survey = sheets["survey"]
        self.choices = _lists(sheets.get("choices"))
        self.settings = (
            (sheets.get("settings").rows or [(0, {})])[0][1] if "settings" in sheets else {}
        )
        self.instrument, self.cycle, self.code, self.actor = instrument, cycle, code, actor
        self.outcome = outcome
        self.codes: dict[str, str] = {}  # the form's names: our codes
        self.kinds: dict[str, str] = {}  # our codes: answer types

    def left_out(self, row: int | None, message, sheet: str = "survey") -> None:
        self.outcome.left_out.append(Problem(sheet, row, str(message)))

    def refuse(self, row: int | None, message, sheet: str = "survey"):
        raise _Refused(Problem(sheet, row, str(message)))

    def run(self) -> None:
        title = texts(self.settings, "form_title") or {
            "en": self.settings.get("form_title") or self.code or self.cycle
        }
        code = (self.code or self.settings.get("form_id") or "").strip().upper()
        if not bank.CODE_PATTERN.match(code):
            self.refuse(
                None,
                _l("A questionnaire's code is capital letters and digits in parts joined by “-”."),
                "settings",
            )
        try:
            questionnaire = questionnaires.create_questionnaire(
                instrument=self.instrument,
                code=code,
                cycle=self.cycle,
                cycle_order=editing.next_cycle_order(self.instrument.id),
                title=title,
                species_list=species_lists.list_for(self.instrument, self.cycle),
                actor=self.actor,
            )
        except QuestionnaireError as error:
            self.refuse(None, str(error), "settings")
        except IntegrityError:  # one questionnaire per instrument and cycle
            self.refuse(None, _l("This instrument has a questionnaire for this cycle already."))
        self.outcome.questionnaire = self.questionnaire = questionnaire
        rows = list(self.survey.rows)
        at, section = 0, None
        stack: list = []
        while at < len(rows):
            number, row = rows[at]
            kind = " ".join(row.get("type", "").split()).lower()
            if kind in GROUPS:
                if row.get("instance::ors_type") == AnswerType.TABLE:
                    at = self.table(rows, at, section)
                    continue
                stack.append(section)
                section = self.section(number, row, section, rows, at)
                if section.loop and _loop_field(rows, at + 1, row.get("name", "")):
                    at += 1  # the field that names the species or site is the loop itself
            elif kind in ENDS:
                if not stack:
                    self.refuse(number, _l("An “end” row closes no group."))
                section = stack.pop()
            elif kind:
                if section is None:
                    section = self.top_section()
                at = self.item(rows, at, section)
                continue
            at += 1
        if stack:
            self.refuse(None, _l("A group or repeat is never closed (no “end group” row)."))

    def top_section(self):
        """The section that items outside any group go into."""
        titles = {"en": "General", "fr": "Généralités", "es": "Generalidades"}
        self.outcome.sections += 1
        return questionnaires.add_section(self.questionnaire, title=titles, actor=self.actor)

    def section(self, number: int, row, parent, rows, at: int):
        title = texts(row, "label") or {"en": row.get("name") or str(number)}
        loop = None
        if "repeat" in row.get("type", ""):
            loop = row.get("instance::ors_loop") or _loop_of(rows, at + 1)
            if loop not in ("species", "site"):
                loop = None
                self.left_out(
                    number,
                    _l(
                        "A repeat becomes a section repeated per species or per site; this one "
                        "says neither, so it is imported as a section that does not repeat."
                    ),
                )
        condition = self.condition(number, row)
        try:
            node = questionnaires.add_section(
                self.questionnaire, title=title, parent=parent, loop=loop, actor=self.actor
            )
        except QuestionnaireError as error:
            self.refuse(number, error.message)
        self.outcome.sections += 1
        self.set_condition(number, node, condition)
        return node

    def condition(self, number: int, row) -> dict | None:
        expression = row.get("relevant", "")
        try:
            condition = relevant_module.parse(expression)
        except relevant_module.Untranslatable:
            self.left_out(
                number,
                _l(
                    "The condition “%(expression)s” cannot be read here: imported without it.",
                    expression=expression,
                ),
            )
            return None
        return _renamed(condition, self.codes) if condition else None

    def set_condition(self, number: int, node, condition) -> None:
        if not condition:
            return
        try:
            questionnaires.set_condition(node, condition)
        except QuestionnaireError as error:
            self.left_out(number, error.message)

    def item(self, rows, at: int, section) -> int:
        """Import the field at `rows[at]`; the index of the next row to read."""
        number, row = rows[at]
        words = row.get("type", "").split()
        kind, list_name = (words[0].lower() if words else ""), (words[1] if len(words) > 1 else "")
        other = len(words) > 2 and words[2].lower() == "or_other"
        answer_type, config = self.type_of(number, row, kind, list_name)
        if answer_type is None:
            return at + 1
        name = row.get("name", "")
        following = rows[at + 1][1] if at + 1 < len(rows) else {}
        if following.get("name") == name + OTHER_SUFFIX and "other" in _keys(config):
            other, at = True, at + 1  # our "other" text field: the choice's own
        if other and answer_type in (AnswerType.SINGLE_CHOICE, AnswerType.MULTIPLE_CHOICE):
            config["choices"] = [c for c in config["choices"] if c["key"] != "other"]
            config["allow_other"] = True
        if row.get("choice_filter"):
            self.left_out(number, _l("The choice filter is not kept: every choice is offered."))
        self.add(number, row, section, answer_type, config)
        return at + 1

    def type_of(self, number: int, row, kind: str, list_name: str):
        """(answer type, configuration) of a field, or (None, None) when it is left out."""
        ours = row.get("instance::ors_type", "")
        if ours == AnswerType.SITE:
            return AnswerType.SITE.value, {}
        if kind == "text":
            multiline = "multiline" in row.get("appearance", "").lower()
            if ours == AnswerType.LONG_TEXT or multiline:
                return AnswerType.LONG_TEXT.value, {}
            return AnswerType.SHORT_TEXT.value, {}
        if kind in ("integer", "decimal"):
            return AnswerType.NUMBER.value, self.bounds(number, row, kind == "integer")
        if kind == "date":
            return AnswerType.DATE.value, {}
        if kind == "file":
            return AnswerType.FILE.value, {}
        if kind in ("select_one", "select_multiple"):
            if list_name not in self.choices:
                self.refuse(
                    number,
                    _l("The choice list “%(list)s” is not in the choices sheet.", list=list_name),
                )
            choices = self.choices[list_name]
            keys = [c["key"] for c in choices]
            if kind == "select_one" and (ours == AnswerType.SPECIES or list_name == "species"):
                return AnswerType.SPECIES.value, {}
            if kind == "select_one" and sorted(keys) == ["no", "yes"] and ours in ("", "yes_no"):
                return AnswerType.YES_NO.value, {}
            multiple = kind == "select_multiple"
            answer_type = AnswerType.MULTIPLE_CHOICE if multiple else AnswerType.SINGLE_CHOICE
            return answer_type.value, {"choices": [dict(c) for c in choices], "allow_other": False}
        self.left_out(
            number,
            _l("The type “%(type)s” has no equivalent here: the row is left out.", type=kind),
        )
        return None, None

    def bounds(self, number: int, row, integer: bool) -> dict:
        config: dict[str, Any] = {"integer": True} if integer else {}
        constraint = row.get("constraint", "")
        for part in [p for p in re.split(r"\s+and\s+", constraint) if p.strip()]:
            match = BOUND.match(part)
            if match is None:
                self.left_out(
                    number,
                    _l(
                        "The constraint “%(constraint)s” cannot be read here: imported without it.",
                        constraint=constraint,
                    ),
                )
                return {"integer": True} if integer else {}
            amount = float(match.group(2))
            value = int(amount) if amount.is_integer() else amount
            config["min" if match.group(1) == ">=" else "max"] = value
        return config

    def add(self, number: int, row, section, answer_type: str, config: dict) -> None:
        text = texts(row, "label")
        if not text:
            self.refuse(number, _l("The question has no label in English, French or Spanish."))
        guidance = texts(row, "hint")
        required = row.get("required", "").lower() in YES
        condition = self.condition(number, row)
        name = row.get("name", "")
        version = _bank_version(row.get("instance::ors_bank", ""))
        try:
            if version is not None and version.answer_type == answer_type:
                own = _local_guidance(guidance, version.guidance or {})
                node = questionnaires.add_bank_item(
                    self.questionnaire, section, version, required=required, guidance=own
                )
                self.outcome.bank_items += 1
            else:
                if row.get("instance::ors_bank"):
                    self.left_out(
                        number,
                        _l(
                            "The bank question %(code)s is not in this bank in that version: "
                            "imported as a question of this questionnaire.",
                            code=row["instance::ors_bank"],
                        ),
                    )
                node = questionnaires.add_local_item(
                    self.questionnaire,
                    section,
                    code=self.free_code(name, number),
                    answer_type=answer_type,
                    text=text,
                    guidance=guidance,
                    config=config,
                    required=required,
                )
        except QuestionnaireError as error:
            self.refuse(number, error.message)
        self.codes[name] = node.code
        self.kinds[node.code] = answer_type
        self.outcome.items += 1
        self.set_condition(number, node, condition)

    def free_code(self, name: str, number: int) -> str:
        """Our code for the form's `name`: in capitals, other characters as “-”; one the bank
        or the questionnaire has already gets a number."""
        code = re.sub(r"[^A-Z0-9]+", "-", name.upper()).strip("-")
        if not code or not code[0].isalpha():
            code = f"Q-{code or number}"
        candidate, n = code, 1
        while bank.question_by_code(candidate) is not None or candidate in self.kinds:
            n += 1
            candidate = f"{code}-{n}"
        return candidate

    def table(self, rows, at: int, section) -> int:
        """Our table exported as a group of cells: read it back; the index after its end."""
        number, row = rows[at]
        name = row["name"]
        cells, end = [], at + 1
        while end < len(rows) and rows[end][1].get("type", "").lower() not in ENDS:
            cells.append(rows[end])
            end += 1
        row_keys: dict[str, dict] = {}
        columns: dict[str, dict] = {}
        for cell_number, cell in cells:
            parts = cell.get("name", "").removeprefix(name + "__").split("__")
            if len(parts) != 2:
                self.refuse(cell_number, _l("A table's cell is named <table>__<row>__<column>."))
            row_key, column_key = parts
            labels = texts(cell, "label")
            split = {lang: text.split(" — ", 1) for lang, text in labels.items()}
            row_keys.setdefault(row_key, {lang: s[0] for lang, s in split.items()})
            if column_key not in columns:
                words = cell.get("type", "").split()
                kind = words[0].lower() if words else ""
                answer_type, config = self.type_of(
                    cell_number, cell, kind, words[1] if len(words) > 1 else ""
                )
                columns[column_key] = {
                    "key": column_key,
                    "label": {lang: s[-1] for lang, s in split.items()},
                    "type": answer_type,
                    **(config or {}),
                }
        config = {
            "rows": [{"key": k, "label": v} for k, v in row_keys.items()],
            "columns": list(columns.values()),
        }
        for column in config["columns"]:
            column.pop("allow_other", None)
        self.add(number, row, section, AnswerType.TABLE.value, config)
        return end + 1


def _lists(sheet: _Sheet | None) -> dict[str, list[dict]]:
    """The choice lists, by name: [{"key", "label": {lang: text}}] in order."""
    found: dict[str, list[dict]] = {}
    for _number, row in sheet.rows if sheet else []:
        name = row.get("list_name") or row.get("list name") or ""
        if name and row.get("name"):
            found.setdefault(name, []).append({"key": row["name"], "label": texts(row, "label")})
    return found


def _keys(config: dict | None) -> list[str]:
    return [c["key"] for c in (config or {}).get("choices") or []]


def _loop_of(rows, at: int) -> str | None:
    """A repeat whose first field chooses a species repeats per species."""
    if at < len(rows) and rows[at][1].get("type", "").split()[:2] == ["select_one", "species"]:
        return "species"
    return None


def _loop_field(rows, at: int, section_name: str) -> bool:
    """Whether `rows[at]` is the field our export puts first in a loop to name its species or
    site (<section>_species, <section>_site)."""
    return at < len(rows) and rows[at][1].get("name") in (
        f"{section_name}_species",
        f"{section_name}_site",
    )


def _renamed(condition: dict, codes: dict[str, str]) -> dict:
    """`condition` with the form's names replaced by our codes."""
    if "all" in condition or "any" in condition:
        key = "all" if "all" in condition else "any"
        return {key: [_renamed(c, codes) for c in condition[key]]}
    if "item" in condition:
        return {**condition, "item": codes.get(condition["item"], condition["item"])}
    return condition


def _bank_version(reference: str):
    """The bank version `CODE@3` names, if this bank has it."""
    code, _at, number = reference.partition("@")
    if not code or not number.isdecimal() or len(number) > 6:
        return None
    question = bank.question_by_code(code.strip().upper())
    if question is None:
        return None
    return next((v for v in question.versions if v.number == int(number)), None)


def _local_guidance(hint: dict[str, str], from_bank: dict[str, str]) -> dict[str, str]:
    """The questionnaire's own guidance of a bank item: the hint without the bank's guidance
    that the export put first."""
    own = {}
    for lang, text in hint.items():
        bank_text = from_bank.get(lang) or ""
        rest = (
            text[len(bank_text) :].lstrip("\n")
            if bank_text and text.startswith(bank_text)
            else text
        )
        if rest and rest != bank_text:
            own[lang] = rest
    return own
