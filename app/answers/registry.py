"""The answer-type registry: every answer type's rules, found by its name. Reading what a person
typed, checking a question's configuration, putting a value back into a form, saying it in
words and flattening it into export cells all start here, so that pages, snapshots, prints,
exports and interchange files agree."""

from __future__ import annotations

from typing import Any, Protocol

from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.answers.base import (
    Cell,
    Context,
    Kind,
    Saying,
    ValueProblem,
    WorkbookPart,
    is_blank,
    shorten,
)
from app.answers.kinds.choice import MultipleChoice, SingleChoice, YesNo
from app.answers.kinds.date import Date
from app.answers.kinds.file import File
from app.answers.kinds.number import Number
from app.answers.kinds.site import Site
from app.answers.kinds.species import Species
from app.answers.kinds.table import Table
from app.answers.kinds.text import LongText, ShortText
from app.answers.types import AnswerType

KINDS: dict[str, Kind] = {
    kind.type.value: kind
    for kind in (
        ShortText(),
        LongText(),
        Number(),
        Date(),
        YesNo(),
        SingleChoice(),
        MultipleChoice(),
        Table(),
        File(),
        Species(),
        Site(),
    )
}
assert set(KINDS) == {t.value for t in AnswerType}, "every answer type has its kind"


class ConfigProblem:
    """A problem in a question's configuration; `message` is translated."""

    def __init__(self, message) -> None:
        self.message = str(message)

    def __repr__(self) -> str:
        return f"ConfigProblem({self.message!r})"


def kind(answer_type: str) -> Kind:
    """The kind of `answer_type`; KeyError for a name no type has."""
    return KINDS[str(answer_type)]


def widget(answer_type: str) -> str:
    return kind(answer_type).widget


def editors() -> dict[str, str]:
    """The settings editors of the question forms, each with the types that use it (names
    joined by spaces, as the forms' `data-show-for` says): {"choices": "single_choice
    multiple_choice", "number": "number", "table": "table"}."""
    found: dict[str, list[str]] = {}
    for name, each in KINDS.items():
        if each.editor:
            found.setdefault(each.editor, []).append(name)
    return {editor: " ".join(names) for editor, names in found.items()}


def parse(answer_type: str, config: dict | None, raw: Any, context: Context) -> Any:
    """The canonical value of `raw`, None when blank; raises ValueProblem when unreadable."""
    if is_blank(raw):
        return None
    if str(answer_type) not in KINDS:
        raise ValueProblem(_l("This answer cannot be read."))
    return kind(answer_type).read(raw, config or {}, context)


def config_problems(answer_type: str, config: dict | None) -> list[ConfigProblem]:
    """Everything wrong with `config` for `answer_type` (an empty list when it is sound)."""
    if str(answer_type) not in KINDS:
        return [ConfigProblem(_l("Unknown answer type “%(type)s”.", type=answer_type))]
    return [ConfigProblem(p) for p in kind(answer_type).config_problems(config or {})]


def form_value(answer_type: str, config: dict | None, value: Any, locale: str) -> Any:
    """A stored value as it goes back into its form field: numbers in `locale`'s format."""
    if value is None or str(answer_type) not in KINDS:
        return value
    return kind(answer_type).form_value(value, config or {}, locale)


def from_form(answer_type: str, form, name: str) -> Any:
    """What the widget of `answer_type` posted for the item named `name`."""
    return kind(answer_type).from_form(form, name)


def to_form(answer_type: str, shown, name: str, raw: Any) -> None:
    """Put `raw` into the MultiDict `shown` under the widget's field names."""
    kind(answer_type).to_form(shown, name, raw)


def words(answer_type: str, config: dict | None, value: Any, say: Saying) -> str:
    """A stored value in words in `say.lang`, in full; "" when there is none."""
    with force_locale(say.lang):
        return said(answer_type, config, value, say)


def said(answer_type: str, config: dict | None, value: Any, say: Saying) -> str:
    """`words` for a caller already in `say.lang` (a table's cells, an answer's parts): the
    locale is switched once per answer, not once per cell."""
    if value is None:
        return ""
    if str(answer_type) not in KINDS:
        return str(value)
    return kind(answer_type).words(value, config or {}, say)


class AnswerLike(Protocol):
    value: Any
    no_info: bool


def answer_words(
    answer_type: str,
    config: dict | None,
    answer: AnswerLike | dict,
    say: Saying,
    *,
    short: bool = False,
) -> str:
    """An answer (a stored answer, a revision or a snapshot's answer) in words in `say.lang`:
    its value, with its "other" text; "No information available", alone or after the value;
    what was typed when it could not be read. In full, "" when there is nothing; `short` says
    it on one line of at most MAX_CHARS, "—" when there is nothing."""
    get = answer.get if isinstance(answer, dict) else lambda name: getattr(answer, name, None)
    value, typed, no_info = get("value"), get("typed"), bool(get("no_info"))
    with force_locale(say.lang):
        if no_info and value is None:
            text = _("No information available")
        elif typed is not None and value is None:
            text = typed if isinstance(typed, str) else _plain(typed)
        else:
            text = _said_with_other(answer_type, config, value, say, get("other") or "")
            if no_info:
                text = _("%(value)s (no information available)", value=text)
    if short:
        return shorten(text) or "—"
    return text


def _said_with_other(answer_type, config, value, say: Saying, other: str) -> str:
    with_other = Saying(say.lang, say.instrument, say.species, say.sites, say.files, other)
    return said(answer_type, config, value, with_other)


def _plain(value: Any) -> str:
    """What was typed but could not be read (a table's or a site's raw parts), as text."""
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_plain(v)}" for k, v in value.items() if not is_blank(v))
    if isinstance(value, list):
        return ", ".join(_plain(v) for v in value)
    return str(value)


def cells(answer_type: str, config: dict | None, value: Any, say: Saying) -> list[Cell]:
    """The flat cells of a stored value for an export (columns `value` and `value_label`): one
    per chosen key of a multiple choice, per filled table cell, per file, per part of a site;
    one for the other types; none when there is no value."""
    if value is None or str(answer_type) not in KINDS:
        return []
    with force_locale(say.lang):
        return kind(answer_type).cells(value, config or {}, say)


def options(answer_type: str, config: dict | None, say: Saying) -> list[tuple[str, str]]:
    """The (key, label) pairs an answer of `answer_type` chooses from, in the question's order
    ("other" last where allowed); empty for a type that is not a choice."""
    found = KINDS.get(str(answer_type))
    return found.options(config or {}, say) if found else []


def workbook_parts(answer_type: str, config: dict | None, say: Saying) -> list[WorkbookPart]:
    """The cells an answer of `answer_type` takes in the offline report workbook, labelled
    and checked in `say.lang`."""
    with force_locale(say.lang):
        return kind(answer_type).workbook_parts(config or {}, say)


def to_workbook(answer_type: str, config: dict | None, value: Any, say: Saying) -> dict[str, Any]:
    """A stored value as the workbook's cells hold it, by part; none when there is no value."""
    if value is None:
        return {}
    with force_locale(say.lang):
        return kind(answer_type).to_workbook(value, config or {}, say)


def from_workbook(answer_type: str, config: dict | None, cells: dict[str, Any], say: Saying) -> Any:
    """What an answer's workbook cells say, as `parse` takes it in `say.lang`; NOT_IN_WORKBOOK
    for a type not answered in a workbook (files)."""
    with force_locale(say.lang):
        return kind(answer_type).from_workbook(cells, config or {}, say)
