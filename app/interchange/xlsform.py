"""A questionnaire as an XLSForm: the spreadsheet form of ODK, KoboToolbox and pyxform.

Three sheets. `survey` holds a row per section and item, in the questionnaire's order:
- a section is a group (`begin group` … `end group`); a loop is a repeat whose first field
  says which species or site the pass is about;
- a table is a group of one field per cell on one screen (`field-list`), named
  `<code>__<row>__<column>`;
- labels and hints (the guidance) come in the three languages, `label::English (en)` …;
- `required` is yes for an item that must be answered; `relevant` is the skip logic as an
  XPath expression (`relevant`); a number's bounds are its `constraint`;
- `instance::ors_bank` keeps the bank code and version of an item that pins one
  (`CODE@3`), `instance::ors_loop` the kind of a loop, `instance::ors_type` our answer type.

`choices` holds the choice lists (one per question that has choices, named after it, and
`yes_no` and `species`), `settings` the title, the questionnaire's code as `form_id`, its
tree stamp as `version`, English as the default language. How each answer type is written
is the type's own (`Kind.xlsform`, app/answers/kinds)."""

from __future__ import annotations

import io
from typing import Any

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from openpyxl import Workbook
from openpyxl.styles import Font

from app.answers import registry
from app.answers.base import XlsformField
from app.answers.types import AnswerType
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Node, Questionnaire

LANGUAGES = ("en", "fr", "es")
LANGUAGE_COLUMNS = {"en": "English (en)", "fr": "Français (fr)", "es": "Español (es)"}
SURVEY_COLUMNS = [
    "type",
    "name",
    *(f"label::{LANGUAGE_COLUMNS[lang]}" for lang in LANGUAGES),
    *(f"hint::{LANGUAGE_COLUMNS[lang]}" for lang in LANGUAGES),
    "required",
    "relevant",
    "constraint",
    "appearance",
    "instance::ors_type",
    "instance::ors_bank",
    "instance::ors_loop",
]
CHOICE_COLUMNS = ["list_name", "name", *(f"label::{LANGUAGE_COLUMNS[lang]}" for lang in LANGUAGES)]
OTHER_SUFFIX = "_other"  # the text field that says what "other" is


def workbook(questionnaire: Questionnaire) -> bytes:
    """`questionnaire` as an XLSForm workbook (.xlsx bytes)."""
    current = tree_module.cached(questionnaire)
    writer = _Writer(current, _species(questionnaire))
    for node in current.roots:
        writer.node(node)
    book = Workbook()
    survey = book.active
    survey.title = "survey"
    _sheet(survey, SURVEY_COLUMNS, writer.survey)
    _sheet(book.create_sheet("choices"), CHOICE_COLUMNS, writer.choices)
    title = questionnaire.title or {}
    settings = {
        "form_title": title.get("en") or next(iter(title.values()), questionnaire.code),
        "form_id": questionnaire.code,
        "version": questionnaire.tree_stamp or "1",
        "default_language": LANGUAGE_COLUMNS["en"],
    }
    _sheet(book.create_sheet("settings"), list(settings), [settings])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _sheet(sheet, columns: list[str], rows: list[dict[str, Any]]) -> None:
    sheet.append(columns)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([row.get(column, "") for column in columns])
    sheet.freeze_panes = "A2"


def _species(questionnaire: Questionnaire) -> tuple[tuple[str, dict[str, str]], ...]:
    """The species list as choices: the taxon id, its common names (the scientific name where
    a language has none)."""
    return tuple(
        (
            entry.species.taxon_id,
            {
                lang: (entry.species.common_name or {}).get(lang) or entry.species.scientific_name
                for lang in LANGUAGES
            },
        )
        for entry in tree_module.species_entries(questionnaire)
    )


def labels(text: Any, prefix: str = "label") -> dict[str, str]:
    """`text` (per language, or a lazy interface text) in the columns `prefix::<language>`."""
    found = {}
    for lang in LANGUAGES:
        if isinstance(text, dict):
            value = text.get(lang) or ""
        else:
            with force_locale(lang):
                value = str(text)
        found[f"{prefix}::{LANGUAGE_COLUMNS[lang]}"] = value
    return found


def _guidance(node: Node) -> dict[str, str]:
    """An item's guidance per language: a bank item's own, then the questionnaire's."""
    texts = [node.bank_version.guidance if node.bank_version else None, node.guidance]
    return {lang: "\n\n".join(t[lang] for t in texts if t and t.get(lang)) for lang in LANGUAGES}


class _Writer:
    def __init__(self, current: tree_module.Tree, species) -> None:
        self.tree, self.species = current, species
        self.numbers = current.numbering()
        self.kinds = {n.code: n.effective_type for n in current.items()}
        self.survey: list[dict[str, Any]] = []
        self.choices: list[dict[str, Any]] = []
        self.lists: set[str] = set()

    def node(self, node: Node) -> None:
        if node.is_section:
            self.section(node)
        elif node.effective_type == AnswerType.TABLE:
            self.table(node)
        else:
            self.item(node)

    def section(self, node: Node) -> None:
        name = "s" + self.numbers[node.id].replace(".", "_")
        opening = "begin repeat" if node.loop else "begin group"
        self.survey.append(
            {
                "type": opening,
                "name": name,
                **labels(node.title),
                "relevant": relevant(node.condition, self.kinds),
                "instance::ors_loop": node.loop or "",
            }
        )
        if node.loop == "species":
            field = XlsformField("select_one {list}", choices=self.species, shared="species")
            self.field(f"{name}_species", field, _l("Species"), required=True)
        elif node.loop == "site":
            self.field(f"{name}_site", XlsformField("text"), _l("Site"), required=True)
        for child in self.tree.children.get(node.id, []):
            self.node(child)
        self.survey.append({"type": opening.replace("begin", "end")})

    def item(self, node: Node) -> None:
        config = node.effective_config or {}
        field = registry.kind(node.effective_type).xlsform(config, self.species)
        self.field(
            node.code,
            field,
            node.effective_text,
            hint=_guidance(node),
            required=node.required,
            relevant=relevant(node.condition, self.kinds),
            ours=self._ours(node),
        )
        if config.get("allow_other") and node.effective_type in (
            AnswerType.SINGLE_CHOICE,
            AnswerType.MULTIPLE_CHOICE,
        ):
            self.field(
                node.code + OTHER_SUFFIX,
                XlsformField("text"),
                _l("Other: please specify"),
                relevant=f"selected(${{{node.code}}}, 'other')",
            )

    def table(self, node: Node) -> None:
        kind = registry.kind(AnswerType.TABLE)
        config = node.effective_config or {}
        group = kind.xlsform(config)
        self.survey.append(
            {
                "type": group.type,
                "name": node.code,
                **labels(node.effective_text),
                **labels(_guidance(node), "hint"),
                "relevant": relevant(node.condition, self.kinds),
                "appearance": group.appearance,
                **self._ours(node),
            }
        )
        for cell, row, column, field in kind.xlsform_cells(config):
            text = {lang: f"{row.get(lang, '')} — {column.get(lang, '')}" for lang in LANGUAGES}
            self.field(f"{node.code}__{cell}", field, text, list_name=f"{node.code}__{cell}")
        self.survey.append({"type": "end group"})

    def _ours(self, node: Node) -> dict[str, str]:
        found = {"instance::ors_type": node.effective_type}
        if node.bank_version is not None:
            found["instance::ors_bank"] = f"{node.code}@{node.bank_version.number}"
        return found

    def field(
        self,
        name: str,
        field: XlsformField,
        text: Any,
        *,
        hint: dict | None = None,
        required: bool = False,
        relevant: str = "",
        ours: dict | None = None,
        list_name: str | None = None,
    ) -> None:
        kind = field.type
        if "{list}" in kind:
            chosen = field.shared or list_name or name
            self.choice_list(chosen, field.choices)
            kind = kind.replace("{list}", chosen)
        self.survey.append(
            {
                "type": kind,
                "name": name,
                **labels(text),
                **(labels(hint, "hint") if hint else {}),
                "required": "yes" if required else "",
                "relevant": relevant,
                "constraint": field.constraint,
                "appearance": field.appearance,
                **(ours or {}),
            }
        )

    def choice_list(self, list_name: str, choices) -> None:
        """Write the list `list_name` of `choices` once."""
        if list_name not in self.lists:
            self.lists.add(list_name)
            for key, label in choices:
                self.choices.append({"list_name": list_name, "name": key, **labels(label)})


# --- skip logic as XPath ----------------------------------------------------------------------


def relevant(condition: dict | None, kinds: dict[str, str]) -> str:
    """`condition` (app/questionnaires/conditions.py) as an XLSForm `relevant` expression;
    `kinds`, each item code's answer type (a multiple choice is tested with `selected`, a
    number without quotes)."""
    if not condition:
        return ""
    return _xpath(condition, kinds)


def _xpath(condition: dict, kinds: dict[str, str]) -> str:
    if "all" in condition or "any" in condition:
        joiner = " and " if "all" in condition else " or "
        parts = [_xpath(c, kinds) for c in condition.get("all") or condition.get("any") or []]
        return "(" + joiner.join(parts) + ")" if len(parts) > 1 else "".join(parts)
    if "const" in condition:
        return "true()" if condition["const"] else "false()"
    code, op = condition.get("item", ""), condition.get("op")
    ref, kind = f"${{{code}}}", kinds.get(code)
    value = condition.get("value")
    if op == "answered":
        return f"{ref} != ''"
    if op == "not_answered":
        return f"{ref} = ''"
    if op in ("gt", "gte", "lt", "lte"):
        sign = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}[op]
        return f"{ref} {sign} {_number(value)}"
    values = list(value) if op == "in" and isinstance(value, list) else [value]
    tests = [_equals(ref, kind, v) for v in values]
    test = tests[0] if len(tests) == 1 else "(" + " or ".join(tests) + ")"
    return f"not({test})" if op == "not_equals" else test


def _equals(ref: str, kind: str | None, value: Any) -> str:
    if kind == AnswerType.MULTIPLE_CHOICE:
        return f"selected({ref}, {_literal(value)})"
    if kind == AnswerType.NUMBER:
        return f"{ref} = {_number(value)}"
    return f"{ref} = {_literal(value)}"


def _literal(value: Any) -> str:
    """An XPath string literal (XPath 1.0 has no escape: the other quote when one is inside)."""
    text = str(value)
    return f'"{text}"' if "'" in text else f"'{text}'"


def _number(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return _literal(value)
    return str(value)
