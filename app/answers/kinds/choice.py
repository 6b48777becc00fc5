"""Yes/no, single and multiple choice: stored as choice keys (stable across languages and
versions), said with their labels in the reader's language; "other" carries the typed text."""

from __future__ import annotations

from typing import Any

from babel.lists import format_list
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import bounds
from app.answers.base import (
    Cell,
    Context,
    Given,
    Kind,
    Saying,
    ValueProblem,
    WorkbookPart,
    XlsformField,
    match_label,
    one,
    workbook_text,
)
from app.answers.types import YES_NO_KEYS, AnswerType, choice_keys


def allowed_key(raw: str, allowed) -> str:
    if raw not in allowed:
        raise ValueProblem(_l("Choose one of the options offered."))
    return raw


def choice_problems(choices) -> list:
    """What is wrong with a list of choices (for a question or a table column)."""
    choices = list(choices or [])
    if len(choices) < 2:
        return [_l("A choice question needs at least two choices.")]
    problems = []
    keys = [c.get("key") for c in choices]
    if any(not k for k in keys):
        problems.append(_l("Every choice needs a key."))
    if len(set(keys)) != len(keys):
        problems.append(_l("Two choices have the same key."))
    if any(not (c.get("label") or {}).get("en") for c in choices):
        problems.append(_l("Every choice needs an English label."))
    if any(len(str(k or "")) > bounds.MAX_KEY for k in keys):
        problems.append(_l("This text is longer than %(max)d characters.", max=bounds.MAX_KEY))
    labels = [text for c in choices for text in (c.get("label") or {}).values()]
    if any(bounds.text_length(str(text or "")) > bounds.MAX_WORDING for text in labels):
        problems.append(_l("This text is longer than %(max)d characters.", max=bounds.MAX_WORDING))
    return problems


class ChoosesOne(Kind):
    """A type whose answer is one of a list: in the offline workbook, a cell with a drop-down
    of the labels, read back by label (or key)."""

    def workbook_options(self, config: dict, say: Saying) -> list[tuple[str, str]]:
        return self.options(config, say)

    def workbook_parts(self, config: dict, say: Saying) -> list[WorkbookPart]:
        labels = tuple(label for _key, label in self.workbook_options(config, say))
        return [WorkbookPart("", check="list", options=labels)]

    def to_workbook(self, value: Any, config: dict, say: Saying) -> dict[str, Any]:
        labels = dict(self.workbook_options(config, say))
        return {"": labels.get(value, str(value))}

    def from_workbook(self, cells, config: dict, say: Saying) -> Any:
        return match_label(cells.get(""), self.workbook_options(config, say), say.lang)


class YesNo(ChoosesOne):
    type = AnswerType.YES_NO
    widget = "answers/widgets/yes_no.html"

    def read(self, raw: Any, config: dict, context: Context) -> str:
        return allowed_key(one(raw), YES_NO_KEYS)

    def words(self, value: Any, config: dict, say: Saying) -> str:
        return {"yes": _("Yes"), "no": _("No")}.get(value, str(value))

    def options(self, config: dict, say: Saying) -> list[tuple[str, str]]:
        return [(key, self.words(key, config, say)) for key in YES_NO_KEYS]

    def xlsform(self, config: dict, species=()) -> XlsformField:
        choices = (("yes", _l("Yes")), ("no", _l("No")))
        return XlsformField("select_one {list}", choices=choices, shared="yes_no")


class SingleChoice(ChoosesOne):
    type = AnswerType.SINGLE_CHOICE
    widget = "answers/widgets/choice.html"
    problem_field = "choices"
    editor = "choices"

    def settings(self, given: Given, locale: str) -> tuple[dict, dict[str, str]]:
        choices = [
            {"key": c["key"], "label": {k: v for k, v in c["label"].items() if v}}
            for c in given.choices
            if c["key"] or any(c["label"].values())
        ]
        return {"choices": choices, "allow_other": bool(given.allow_other)}, {}

    def keys(self, config: dict) -> list[str]:
        return choice_keys(config) + (["other"] if config.get("allow_other") else [])

    def read(self, raw: Any, config: dict, context: Context) -> Any:
        return allowed_key(one(raw), self.keys(config))

    def config_problems(self, config: dict) -> list:
        return choice_problems(config.get("choices"))

    def label(self, key: str, config: dict, say: Saying) -> str:
        if key == "other":
            return _("Other: %(text)s", text=say.other) if say.other else _("Other")
        for choice in config.get("choices") or []:
            if choice.get("key") == key:
                return say.content(choice.get("label")) or key
        return str(key)

    def options(self, config: dict, say: Saying) -> list[tuple[str, str]]:
        return [(key, self.label(key, config, say)) for key in self.keys(config)]

    xlsform_type = "select_one {list}"

    def xlsform(self, config: dict, species=()) -> XlsformField:
        """Its choices as a list; "other" (when the question allows it) is a choice of the list,
        and the writer adds the text field that says what (`OTHER_SUFFIX`)."""
        choices = [(c.get("key"), c.get("label") or {}) for c in config.get("choices") or []]
        if config.get("allow_other"):
            choices.append(("other", _l("Other")))
        return XlsformField(self.xlsform_type, choices=tuple(choices))

    def chosen(self, value: Any) -> list[str]:
        return value if isinstance(value, list) else [value]

    def words(self, value: Any, config: dict, say: Saying) -> str:
        labels = [self.label(key, config, say) for key in self.chosen(value)]
        return format_list(labels, locale=say.lang) if labels else ""

    def cells(self, value: Any, config: dict, say: Saying) -> list[Cell]:
        return [Cell("", value, self.label(value, config, say))]


class MultipleChoice(SingleChoice):
    type = AnswerType.MULTIPLE_CHOICE
    xlsform_type = "select_multiple {list}"

    def from_form(self, form, name: str) -> list[str]:
        return [v for v in form.getlist(name) if v]

    def read(self, raw: Any, config: dict, context: Context) -> list[str] | None:
        chosen = [raw] if isinstance(raw, str) else list(raw)
        allowed = self.keys(config)
        picked = {allowed_key(str(v).strip(), allowed) for v in chosen if str(v).strip()}
        return [key for key in allowed if key in picked] or None

    def cells(self, value: Any, config: dict, say: Saying) -> list[Cell]:
        """One cell per chosen key: an export counts each choice on its own row."""
        return [Cell(key, key, self.label(key, config, say)) for key in self.chosen(value)]

    def workbook_parts(self, config: dict, say: Saying) -> list[WorkbookPart]:
        """One cell per choice, ticked with "Yes" (any mark but "No" ticks it)."""
        ticked = (_("Yes"),)
        return [
            WorkbookPart(key, label, check="list", options=ticked)
            for key, label in self.options(config, say)
        ]

    def to_workbook(self, value: Any, config: dict, say: Saying) -> dict[str, Any]:
        return {key: _("Yes") for key in self.chosen(value)}

    def from_workbook(self, cells, config: dict, say: Saying) -> list[str]:
        unticked = {"", _("No").casefold()}
        return [
            key
            for key in self.keys(config)
            if workbook_text(cells.get(key), say.lang).strip().casefold() not in unticked
        ]
