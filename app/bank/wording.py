"""The bank's differences and history in the reader's words: each difference named by what it is
("Text of the question", the choice “Never” with its key as a code) rather than by its internal
path, with only the changed words marked; each recorded event said as a sentence."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from app.answers.reading import format_number
from app.answers.types import AnswerType
from app.bank import vocabularies
from app.bank.services import DiffRow
from app.i18n import current_language, translate

NOTHING = "—"

FIELDS = {
    "type": _l("Answer type"),
    "text": _l("Text of the question"),
    "guidance": _l("Guidance"),
    "unit": _l("Unit"),
    "min": _l("Minimum"),
    "max": _l("Maximum"),
    "integer": _l("Whole numbers only"),
    "allow_other": _l("Offer “Other (please specify)”"),
    "rows:order": _l("Order of the rows"),
    "columns:order": _l("Order of the columns"),
}
YES_NO_FIELDS = {"integer", "allow_other"}
NUMBER_FIELDS = {"min", "max"}
WORDED_FIELDS = {"text", "guidance", "unit"}  # and every label: their changed words are marked


@dataclass(frozen=True)
class DiffLine:
    """One difference as the reader sees it: `what` changed (and its key as a code, for a
    choice, row or column), in which language, before and after (HTML, changed words marked)."""

    what: str
    code: str
    lang: str | None
    before: Markup
    after: Markup


def lines(rows: list[DiffRow], old_config: dict | None, new_config: dict | None) -> list[DiffLine]:
    """`rows` (app.bank.services.diff_definitions) in the reader's words; the configurations
    give the labels of the choices, rows and columns the rows name by their keys."""
    labels = _labels(old_config or {}) | _labels(new_config or {})
    found = []
    for row in rows:
        what, code = _what(row.field, labels)
        before, after = _values(row)
        found.append(DiffLine(what, code, row.lang, before, after))
    return found


def _labels(config: dict) -> dict[str, dict]:
    """Labels by path: "choice:<key>", "row:<key>", "column:<key>", "column:<key>:choice:<key>"."""
    found: dict[str, dict] = {}
    for choice in config.get("choices") or []:
        found[f"choice:{choice.get('key')}"] = choice.get("label") or {}
    for group, prefix in (("rows", "row"), ("columns", "column")):
        for part in config.get(group) or []:
            found[f"{prefix}:{part.get('key')}"] = part.get("label") or {}
    for column in config.get("columns") or []:
        for choice in column.get("choices") or []:
            path = f"column:{column.get('key')}:choice:{choice.get('key')}"
            found[path] = choice.get("label") or {}
    return found


def _label(labels: dict[str, dict], path: str, key: str) -> str:
    return translate(labels.get(path)).text or key


def _what(field: str, labels: dict[str, dict]) -> tuple[str, str]:
    """(what the field is, in words; the key to show as a code, "" for a plain field)."""
    if field in FIELDS:
        return str(FIELDS[field]), ""
    parts = field.split(":")
    if parts[0] == "choice":
        return _("Choice “%(label)s”", label=_label(labels, field, parts[1])), parts[1]
    if parts[0] == "row":
        return _("Row “%(label)s”", label=_label(labels, field, parts[1])), parts[1]
    if parts[0] == "column":
        column = _label(labels, f"column:{parts[1]}", parts[1])
        if len(parts) == 2:
            return _("Column “%(label)s”", label=column), parts[1]
        if parts[2] == "type":
            return _("Type of column “%(label)s”", label=column), parts[1]
        if parts[2] == "choice":
            choice = _label(labels, field, parts[3])
            message = _("Choice “%(choice)s” of column “%(column)s”", choice=choice, column=column)
            return message, f"{parts[1]}:{parts[3]}"
    return field, field  # a field this module does not know yet: at least its name


def _values(row: DiffRow) -> tuple[Markup, Markup]:
    field = row.field
    if field == "type" or field.endswith(":type"):
        return _whole(_type_label(row.old), _type_label(row.new))
    if field in YES_NO_FIELDS:
        return _whole(_yes_no(row.old), _yes_no(row.new))
    if field in NUMBER_FIELDS:
        return _whole(_number(row.old), _number(row.new))
    if field.endswith(":order"):
        return _whole(row.old, row.new)
    return mark_words(row.old, row.new)


def _type_label(value: Any) -> str | None:
    return None if value is None else str(AnswerType(value).label)


def _yes_no(value: Any) -> str | None:
    return None if value is None else (_("Yes") if value else _("No"))


def _number(value: Any) -> str | None:
    return None if value is None else format_number(value, current_language())


def _whole(old: Any, new: Any) -> tuple[Markup, Markup]:
    """A value that changed as a whole (a type, a bound, a flag)."""
    before = escape(NOTHING) if old is None else _wrap("del", str(old))
    after = escape(NOTHING) if new is None else _wrap("ins", str(new))
    return before, after


MARKS = {"del": Markup("del"), "ins": Markup("ins")}


def _wrap(tag: str, text: str) -> Markup:
    """`text` escaped inside <tag>, its trailing white space outside."""
    core = text.rstrip()
    marked = Markup("<{0}>{1}</{0}>").format(MARKS[tag], core)  # format escapes `core`
    return marked + escape(text[len(core) :])


WORD = re.compile(r"\S+\s*")


def mark_words(old: str | None, new: str | None) -> tuple[Markup, Markup]:
    """Two texts with only what changed marked: each run of removed words in <del> (before),
    each run of added words in <ins> (after); everything escaped. A missing text is "—" and the
    other one is marked whole."""
    if old is None or new is None:
        return _whole(old, new)
    old_lead, old_words = old[: len(old) - len(old.lstrip())], WORD.findall(old)
    new_lead, new_words = new[: len(new) - len(new.lstrip())], WORD.findall(new)
    matcher = difflib.SequenceMatcher(
        None, [w.rstrip() for w in old_words], [w.rstrip() for w in new_words], autojunk=False
    )
    before, after = [escape(old_lead)], [escape(new_lead)]
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            before.append(escape("".join(old_words[i1:i2])))
            after.append(escape("".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            before.append(_wrap("del", "".join(old_words[i1:i2])))
        if j2 > j1:
            after.append(_wrap("ins", "".join(new_words[j1:j2])))
    return Markup("").join(before), Markup("").join(after)


def tags_line(old: list[str], new: list[str]) -> DiffLine:
    """A question's tags before and after, by their labels: the removed ones struck, the added
    ones marked."""

    def said(tags: list[str], changed: set[str], tag: str) -> Markup:
        parts = []
        for each in tags:
            label = (
                translate(vocabularies.term_label(each)).text
                if vocabularies.is_known(each)
                else each
            )
            parts.append(_wrap(tag, label) if each in changed else escape(label))
        return Markup("; ").join(parts) if parts else escape(NOTHING)

    before = said(old, set(old) - set(new), "del")
    after = said(new, set(new) - set(old), "ins")
    return DiffLine(str(_("Tags")), "", None, before, after)


# --- history -------------------------------------------------------------------------------------

EVENTS = {
    "bank.create": _l("Question created"),
    "bank.edit": _l("Version %(n)s changed in place"),
    "bank.translation": _l("Translations of version %(n)s corrected"),
    "bank.new_version": _l("Version %(n)s created"),
    "bank.tags": _l("Tags changed"),
    "bank.propose": _l("Change proposed by %(instrument)s"),
    "bank.proposal_accepted": _l("Proposal accepted"),
    "bank.proposal_declined": _l("Proposal declined"),
}


def event_words(event) -> str:
    """What an audit event of a bank question did, as a sentence in the reader's language."""
    message = EVENTS.get(event.action)
    if message is None:
        return event.action
    details = event.details or {}
    instrument = details.get("instrument")
    if instrument is None and event.action == "bank.propose":
        # events recorded before the instrument was a detail: "<code> by <instrument>"
        instrument = (event.summary or "").rpartition(" by ")[2]
    return str(message) % {"n": details.get("version", "?"), "instrument": instrument or "?"}
