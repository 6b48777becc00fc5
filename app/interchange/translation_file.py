"""Translation files: the texts of a questionnaire for one target language, as a workbook for
translators, and that workbook read back.

Which texts: those the questionnaire owns and its secretariat edits on the Texts page
(texts_service.rows): its title and introduction, section titles, local questions' text,
guidance and the labels inside their configuration (choices, table rows and columns, units),
and the local guidance of a bank item. A bank item's own text belongs to the bank and is never
in the file. A text with nothing in the source language (an empty optional guidance) has
nothing to translate and is left out too.

The file (`workbook`): a cover sheet of instructions in the exporter's language; the sheet
`texts`, a row per text from row 3 (row 1, hidden, names the columns for the reader; row 2 is
the heading people read): a hidden stable key (texts_service's), where the text is, the source
(the instrument's first working language: English), the current translation, the target cell
(the only unlocked one) and, hidden, a check of the source and of the translation as they were
at export; a hidden sheet `meta` saying the questionnaire, the languages and when.

Reading it back (`read`) changes only the target language, through texts_service.set_text
(its limits, its rule for published questionnaires, its history). An empty target cell keeps
the current translation. A text whose source, or whose translation, changed in the application
since the export is flagged and not applied. A file that cannot be read, or any row refused
(a formula, a text too long…), applies nothing: all or nothing, in a savepoint, like the
XLSForm import; the preview is the same reading, rolled back."""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.utils.exceptions import InvalidFileException

from app.bank import queries as bank_queries
from app.bank import services as bank_services
from app.bank.models import BankQuestion
from app.directory.models import Instrument
from app.extensions import db
from app.i18n import DEFAULT_LANGUAGE, language_label, languages
from app.interchange import translation_xliff
from app.interchange.xlsform_import import Problem
from app.questionnaires import texts_service
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Questionnaire
from app.security import unstorable
from app.utils import utcnow

FORMAT = "family-ors-translation/1"
TEXTS, META = "texts", "meta"
COLUMNS = ("key", "context", "source", "current", "target", "source_check", "current_check")
HIDDEN = ("key", "source_check", "current_check")
WIDTHS = {"context": 30, "source": 60, "current": 60, "target": 60}
FIRST_ROW = 3  # row 1 names the columns for the reader, row 2 for people
MAX_BYTES = 10 * 1024 * 1024  # thousands of texts are well under this
MAX_ROWS = 10000  # a questionnaire has hundreds of texts
# What a damaged or foreign file raises while openpyxl opens it or reads its sheets (lazily,
# in read-only mode): a bad archive, a missing part, broken XML, a cut-off stream.
UNREADABLE = (
    zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, EOFError,
    SyntaxError, zlib.error,
)  # fmt: skip


@dataclass
class Text:
    """One text of a scope: its key, where it is, its value per language, and, when it cannot
    change from this file, why (a bank question's text met in a questionnaire)."""

    key: str
    context: str
    value: dict
    foreign: object = None


class QuestionnaireTexts:
    """The texts a questionnaire owns (texts_service.rows), changed through
    texts_service.set_text; its bank items' texts are listed as foreign."""

    kind = "questionnaire"

    def __init__(self, questionnaire: Questionnaire) -> None:
        self.questionnaire = questionnaire
        self.code = questionnaire.code
        self.source_lang = texts_service.meaning_language(questionnaire)
        self._rows: dict[str, texts_service.TextRow] | None = None

    def texts(self) -> list[Text]:
        if self._rows is None:
            current = tree_module.load(self.questionnaire)
            self._rows = {row.key: row for row in texts_service.rows(current)}
        foreign = _l("This text belongs to the bank: change it on the bank question.")
        return [
            Text(row.key, _context(row), row.value, foreign if row.from_bank else None)
            for row in self._rows.values()
        ]

    def closed(self):
        if not texts_service.can_edit_texts(self.questionnaire):
            return _l("The texts of a closed or archived questionnaire no longer change.")
        return None

    def gone(self):
        return _l("This text is no longer in the questionnaire.")

    def set(self, key: str, lang: str, value: str, actor) -> None:
        """Raises TextError (a translated refusal)."""
        row = (self._rows or {})[key]
        target = self.questionnaire if row.node is None else row.node
        texts_service.set_text(target, row.target_field, lang, value, actor=actor)


class BankTexts:
    """The texts of the latest version of each bank question an instrument owns, changed
    through bank.services.set_translation (in place: a translation never makes a version)."""

    kind = "bank"

    def __init__(self, instrument: Instrument) -> None:
        self.instrument = instrument
        self.code = instrument.code
        self.source_lang = DEFAULT_LANGUAGE  # the bank's meaning is its English wording
        self._questions: dict[str, BankQuestion] = {}
        self._texts: list[Text] | None = None

    def texts(self) -> list[Text]:
        # read once per scope (a request): its page counts every target language from them
        if self._texts is not None:
            return self._texts
        found = []
        questions = bank_queries.search(owner=self.instrument)
        self._questions = {question.code: question for question in questions}
        for question in questions:
            latest = question.latest
            for name, value in bank_services.translations(latest):
                what = FIELD_NAMES.get(name) or texts_service.describe_path(
                    name.removeprefix("config:")
                )
                context = f"{question.code} v{latest.number} — {what}"
                found.append(Text(f"{question.code}:{name}", context, value))
        self._texts = found
        return found

    def closed(self):
        return None

    def gone(self):
        return _l("This text is no longer in the bank questions of %(code)s.", code=self.code)

    def set(self, key: str, lang: str, value: str, actor) -> None:
        """Raises BankError (a translated refusal)."""
        code, _sep, name = key.partition(":")
        bank_services.set_translation(self._questions[code], name, lang, value, actor=actor)


FIELD_NAMES = {"text": _l("Question"), "guidance": _l("Guidance")}
Scope = QuestionnaireTexts | BankTexts
REFUSALS = (texts_service.TextError, bank_services.BankError)


def scope_of(what: Questionnaire | Scope) -> Scope:
    """The texts of `what`: a questionnaire's own, or a scope as it is."""
    return QuestionnaireTexts(what) if isinstance(what, Questionnaire) else what


def source_language(what: Questionnaire | Scope) -> str:
    """The language translators translate from: the one that carries the meaning (English)."""
    return scope_of(what).source_lang


def target_languages(what: Questionnaire | Scope) -> list[str]:
    """The languages a file may be made for: every configured one but the source."""
    return [lang for lang in languages() if lang != source_language(what)]


def check(text: str | None) -> str:
    """A short fingerprint of `text` (stripped): equal texts, equal checks."""
    return hashlib.sha256((text or "").strip().encode("utf-8")).hexdigest()[:16]


@dataclass
class Entry:
    """One text of the file: its key, where it is, the source and the current translation."""

    key: str
    context: str
    source: str
    current: str


def _context(row: texts_service.TextRow) -> str:
    node = row.node
    if node is None:
        return row.what
    where = " ".join(part for part in (node.number, node.code) if part)
    return f"{where} — {row.what}" if where else row.what


def entries(what: Questionnaire | Scope, lang: str, only_missing: bool = False) -> list[Entry]:
    """The texts of `what` to translate into `lang`, in document order: those it owns with a
    text in the source language; with `only_missing`, those of them without a translation in
    `lang`."""
    scope = scope_of(what)
    found = []
    for text in scope.texts():
        source = (text.value.get(scope.source_lang) or "").strip()
        translation = (text.value.get(lang) or "").strip()
        if text.foreign or not source or (only_missing and translation):
            continue
        found.append(Entry(text.key, text.context, source, translation))
    return found


# --- the workbook -------------------------------------------------------------------------------


def _write(sheet, row: int, column: int, value: str):
    """A cell holding `value` as text, never read as a formula."""
    cell = sheet.cell(row=row, column=column, value=value)
    cell.data_type = "s"
    return cell


def workbook(what: Questionnaire | Scope, lang: str, only_missing: bool = False) -> bytes:
    """The translation file of `what` (a questionnaire, or a scope: the bank questions of an
    instrument) into `lang` (.xlsx bytes): every text it owns, or only those missing in `lang`.
    Raises ValueError for a language not in `target_languages`."""
    scope = scope_of(what)
    if lang not in target_languages(scope):
        raise ValueError(f"no translation file into {lang!r}")
    source_lang = scope.source_lang
    found = entries(scope, lang, only_missing)
    now = utcnow()
    book = Workbook()
    _cover(book.active, scope, lang, len(found))
    sheet = book.create_sheet(TEXTS)
    names = {"source": language_label(source_lang), "target": language_label(lang)}
    headings = {
        "key": _l("Key"),
        "context": _l("Where"),
        "source": _l("Source (%(language)s)", language=names["source"]),
        "current": _l("Current translation (%(language)s)", language=names["target"]),
        "target": _l("New translation (%(language)s)", language=names["target"]),
        "source_check": _l("Check"),
        "current_check": _l("Check"),
    }
    for column, name in enumerate(COLUMNS, start=1):
        _write(sheet, 1, column, name)
        _write(sheet, 2, column, str(headings[name])).font = Font(bold=True)
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, entry in enumerate(found, start=FIRST_ROW):
        values = {
            "key": entry.key,
            "context": entry.context,
            "source": entry.source,
            "current": entry.current,
            "target": "",
            "source_check": check(entry.source),
            "current_check": check(entry.current),
        }
        for column, name in enumerate(COLUMNS, start=1):
            cell = _write(sheet, number, column, values[name])
            cell.alignment = wrap
            if name == "target":
                cell.protection = Protection(locked=False)
    for column, name in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=column).column_letter
        sheet.column_dimensions[letter].hidden = name in HIDDEN
        sheet.column_dimensions[letter].width = WIDTHS.get(name, 10)
    sheet.row_dimensions[1].hidden = True
    sheet.freeze_panes = sheet.cell(row=FIRST_ROW, column=COLUMNS.index("source") + 1)
    # A guard against typing in the wrong column, without a password: resizing stays allowed.
    sheet.protection.sheet = True
    sheet.protection.formatColumns = False
    sheet.protection.formatRows = False
    meta = book.create_sheet(META)
    facts = _facts(scope, lang, only_missing, now)
    for number, (name, value) in enumerate(facts.items(), start=1):
        _write(meta, number, 1, name)
        _write(meta, number, 2, value)
    meta.sheet_state = "hidden"
    meta.protection.sheet = True
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _facts(scope: Scope, lang: str, only_missing: bool, now: datetime) -> dict[str, str]:
    """What a file says of itself, read back to check it fits what it is imported into."""
    return {
        "format": FORMAT,
        scope.kind: scope.code,
        "source": scope.source_lang,
        "target": lang,
        "only_missing": "yes" if only_missing else "no",
        "exported_at": now.isoformat(timespec="seconds"),
    }


def xliff_file(what: Questionnaire | Scope, lang: str, only_missing: bool = False) -> bytes:
    """The same texts as `workbook`, as an XLIFF document for translators' CAT tools. Raises
    ValueError for a language not in `target_languages`."""
    scope = scope_of(what)
    if lang not in target_languages(scope):
        raise ValueError(f"no translation file into {lang!r}")
    units = [
        translation_xliff.Unit(e.key, e.context, e.source, e.current, check(e.current))
        for e in entries(scope, lang, only_missing)
    ]
    facts = _facts(scope, lang, only_missing, utcnow())
    facts = {name: facts[name] for name in ("format", "only_missing", "exported_at")}
    return translation_xliff.write(
        units, facts, f"{scope.kind}:{scope.code}", scope.source_lang, lang
    )


def _cover(sheet, scope: Scope, lang: str, count: int) -> None:
    """The first sheet: what the file is and how to fill it, in the exporter's language."""
    # a sheet's name is at most 31 characters, none of \\ / * ? : [ ]
    sheet.title = re.sub(r"[\\/*?:\[\]]", " ", str(_l("Instructions")))[:31].strip() or "README"
    target = language_label(lang)
    lines = [
        (
            _l("Translation of %(code)s into %(language)s", code=scope.code, language=target)
            if scope.kind == "questionnaire"
            else _l(
                "Translation of the bank questions of %(code)s into %(language)s",
                code=scope.code,
                language=target,
            )
        ),
        ngettext(
            "%(num)d text to translate, in the sheet “%(sheet)s”.",
            "%(num)d texts to translate, in the sheet “%(sheet)s”.",
            count,
            sheet=TEXTS,
        ),
        _l(
            "Write each translation in the column “%(column)s”, the only one that can be typed "
            "in. A cell left empty keeps the current translation.",
            column=_l("New translation (%(language)s)", language=target),
        ),
        _l(
            "Do not add, remove or move rows, and do not change the other columns: hidden "
            "columns tell the application which text each row is."
        ),
        _l("Type the text itself, not a formula: a formula is refused when the file is imported."),
        _l(
            "When the file is imported, the application shows what will change before "
            "applying it. A text whose source changed after this file was made is not "
            "imported: it is listed, to be translated again."
        ),
    ]
    for number, line in enumerate(lines, start=1):
        _write(sheet, number, 1, str(line))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 120


# --- reading it back ----------------------------------------------------------------------------


@dataclass
class Change:
    row: int
    context: str
    before: str
    after: str


@dataclass
class Flag:
    """A translation not applied, and why."""

    row: int
    context: str
    reason: str
    typed: str


@dataclass
class Outcome:
    """What the file changes (or would change: a preview), flags, and refuses."""

    lang: str | None = None
    fmt: str = "xlsx"  # or "xliff": rows are then the lines of the XML document
    exported_at: datetime | None = None
    updated: list[Change] = field(default_factory=list)
    unchanged: int = 0
    empty: int = 0
    flagged: list[Flag] = field(default_factory=list)
    refused: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.refused


class _Refused(Exception):
    def __init__(self, message, sheet: str = "", row: int | None = None) -> None:
        super().__init__(str(message))
        self.problem = Problem(sheet, row, str(message))


@dataclass
class _Line:
    number: int
    values: dict[str, str]
    formula: bool  # the target cell holds a formula


def read(data: bytes, what: Questionnaire | Scope, *, apply: bool, actor=None) -> Outcome:
    """Read the translation file `data` for `what` (a questionnaire, or a scope); with
    `apply`, set the translations it brings (target language only), else roll everything back
    (a preview). Nothing is applied when anything is refused. Returns the Outcome; the caller
    commits."""
    scope = scope_of(what)
    outcome = Outcome(fmt="xliff" if translation_xliff.looks_like_xliff(data) else "xlsx")
    try:
        facts, lines = _open(data)
        outcome.lang = _check_facts(facts, scope)
    except _Refused as refused:
        outcome.refused.append(refused.problem)
        return outcome
    try:
        outcome.exported_at = datetime.fromisoformat(facts.get("exported_at", ""))
    except ValueError:
        outcome.exported_at = None
    savepoint = db.session.begin_nested()
    _Reader(scope, outcome.lang, actor, outcome).run(lines)
    if outcome.refused or not apply:
        savepoint.rollback()
    else:
        savepoint.commit()
    return outcome


def _open(data: bytes) -> tuple[dict[str, str], list[_Line]]:
    """The meta facts and the text rows of the workbook or XLIFF document `data`; refused when
    it is neither."""
    if len(data) > MAX_BYTES:
        raise _Refused(_l("The file is larger than %(max)s MB.", max=MAX_BYTES >> 20))
    if translation_xliff.looks_like_xliff(data):
        return _open_xliff(data)
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            return _contents(book)
        finally:
            book.close()
    except UNREADABLE:
        raise _Refused(
            _l("This file is neither an Excel workbook (.xlsx) nor an XLIFF file (.xlf).")
        ) from None


def _open_xliff(data: bytes) -> tuple[dict[str, str], list[_Line]]:
    """An XLIFF document's facts and units as the rows of a workbook would be read: the check
    of the source is made of the source the document holds."""
    try:
        facts, units = translation_xliff.read(data)
    except translation_xliff.XliffError as error:
        raise _Refused(error.message, "", error.row) from None
    if facts.get("format") != FORMAT:
        raise _Refused(_l("This XLIFF file is not a translation file of this application."))
    if len(units) > MAX_ROWS:
        raise _Refused(_l("The file has more than %(max)d texts.", max=MAX_ROWS))
    lines = []
    for unit in units:
        values = {"key": unit.key, "context": unit.context, "target": unit.target,
                  "source_check": check(unit.source), "current_check": unit.check}  # fmt: skip
        lines.append(_Line(unit.line, values, False))
    return facts, lines


def _contents(book) -> tuple[dict[str, str], list[_Line]]:
    titles = {sheet.title for sheet in book.worksheets}
    if META not in titles:
        raise _Refused(_l("This workbook is not a translation file of this application."))
    facts = {
        _text(row[0]): _text(row[1])
        for row in book[META].iter_rows(max_col=2, values_only=True)
        if len(row) > 1
    }
    if facts.get("format") != FORMAT:
        raise _Refused(_l("This workbook is not a translation file of this application."))
    if TEXTS not in titles:
        raise _Refused(_l("The workbook has no sheet named “%(sheet)s”.", sheet=TEXTS))
    return facts, _lines(book[TEXTS])


def _lines(sheet) -> list[_Line]:
    rows = sheet.iter_rows()
    header = [_text(cell.value) for cell in next(rows, ())]
    for name in ("key", "target", "source_check", "current_check"):
        if name not in header:
            raise _Refused(
                _l("The sheet %(sheet)s has no column “%(column)s”.", sheet=TEXTS, column=name),
                TEXTS,
                1,
            )
    target = header.index("target")
    found = []
    for number, cells in enumerate(rows, start=2):
        if number < FIRST_ROW:
            continue
        if number > MAX_ROWS + FIRST_ROW:
            raise _Refused(_l("The sheet has more than %(max)d rows.", max=MAX_ROWS), TEXTS, number)
        values = {h: _text(c.value) for h, c in zip(header, cells, strict=False) if h}
        formula = len(cells) > target and cells[target].data_type == "f"
        if formula or any(values.values()):
            found.append(_Line(number, values, formula))
    return found


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _not_this_scope(facts: dict[str, str], scope: Scope):
    """Why a file made for another questionnaire, or another instrument's bank questions, is
    refused: each case its own whole sentence, for the translators."""
    if "bank" in facts:
        mine = facts.get("bank") or "?"
        if scope.kind == "bank":
            return _l(
                "This file holds the bank questions of %(file)s, not those of %(code)s.",
                file=mine,
                code=scope.code,
            )
        return _l(
            "This file holds the bank questions of %(file)s, not the texts of %(code)s.",
            file=mine,
            code=scope.code,
        )
    mine = facts.get("questionnaire") or "?"
    if scope.kind == "bank":
        return _l(
            "This file holds the texts of %(file)s, not the bank questions of %(code)s.",
            file=mine,
            code=scope.code,
        )
    return _l("This file holds the texts of %(file)s, not of %(code)s.", file=mine, code=scope.code)


def _check_facts(facts: dict[str, str], scope: Scope) -> str:
    """The target language of a file whose `facts` fit `scope`; else refused."""
    if facts.get(scope.kind) != scope.code:
        raise _Refused(_not_this_scope(facts, scope), META)
    lang = facts.get("target", "")
    if lang not in target_languages(scope):
        raise _Refused(
            _l(
                "The file is for the language “%(lang)s”, which is not one to translate into.",
                lang=lang,
            ),
            META,
        )
    closed = scope.closed()
    if closed:
        raise _Refused(closed)
    return lang


class _Reader:
    def __init__(self, scope: Scope, lang: str, actor, outcome: Outcome) -> None:
        self.texts = {text.key: text for text in scope.texts()}
        self.scope, self.source_lang = scope, scope.source_lang
        self.lang, self.actor, self.outcome = lang, actor, outcome

    def refuse(self, line: _Line, message) -> None:
        sheet = TEXTS if self.outcome.fmt == "xlsx" else ""  # XLIFF: a line of the document
        self.outcome.refused.append(Problem(sheet, line.number, str(message)))

    def flag(self, line: _Line, context: str, message) -> None:
        typed = line.values.get("target", "")
        self.outcome.flagged.append(Flag(line.number, context, str(message), typed))

    def run(self, lines: list[_Line]) -> None:
        seen: set[str] = set()
        for line in lines:
            key = line.values.get("key", "")
            if line.formula:
                self.refuse(line, _l("A formula is not a translation: type the text itself."))
            elif not key:
                self.refuse(line, _l("This row names no text: rows cannot be added to the file."))
            elif key in seen:
                self.refuse(line, _l("This text is in the file twice."))
            else:
                seen.add(key)
                self.line(line, key)

    def line(self, line: _Line, key: str) -> None:
        typed = line.values.get("target", "")
        if not typed:
            self.outcome.empty += 1
            return
        if unstorable(typed):
            self.refuse(line, _l("This text holds a character that cannot be stored."))
            return
        row = self.texts.get(key)
        if row is None:
            self.flag(line, line.values.get("context", "") or key, self.scope.gone())
            return
        context = row.context
        if row.foreign:
            self.flag(line, context, row.foreign)
            return
        before = (row.value.get(self.lang) or "").strip()
        # the translation as it is, or as it was exported (a CAT tool's untouched target): no
        # change asked for
        if typed == before or check(typed) == line.values.get("current_check"):
            self.outcome.unchanged += 1
            return
        source = (row.value.get(self.source_lang) or "").strip()
        # a source emptied since the export has changed too: nothing is left to translate
        if not source or check(source) != line.values.get("source_check"):
            self.flag(
                line,
                context,
                _l(
                    "Its %(language)s source changed after the file was made: translate the "
                    "new one.",
                    language=language_label(self.source_lang),
                ),
            )
            return
        if check(before) != line.values.get("current_check"):
            self.flag(
                line,
                context,
                _l("Its translation was changed in the application after the file was made."),
            )
            return
        try:
            self.scope.set(key, self.lang, typed, self.actor)
        except REFUSALS as error:
            self.refuse(line, error)
            return
        self.outcome.updated.append(Change(line.number, context, before, typed))
