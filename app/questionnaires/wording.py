"""Conditions said in words, in the reader's language: “shown when 2.1 is Yes and …”."""

from __future__ import annotations

import re

import sqlalchemy as sa
from babel.lists import format_list
from flask import g, has_app_context
from flask_babel import get_locale
from flask_babel import gettext as _

from app import answers
from app.extensions import db
from app.i18n import Translated, current_language
from app.questionnaires.models import Node
from app.questionnaires.tree import Tree


def _value_label(item, key) -> str:
    """A value a condition compares with, said as the answer would be (a choice's label)."""
    say = answers.Saying(current_language())
    return answers.words(item.effective_type, item.effective_config, key, say) or str(key)


def _leaf(leaf: dict, current: Tree) -> str:
    item = current.by_code().get(leaf.get("item", ""))
    if item is None:
        return _("(a question that is not in this questionnaire)")
    ref = item.number or item.code
    op, value = leaf.get("op"), leaf.get("value")
    if op == "answered":
        return _("%(item)s is answered", item=ref)
    if op == "not_answered":
        return _("%(item)s is not answered", item=ref)
    if op == "in":
        # each value quoted the language's way (« … » in French), the list joined its way
        quoted = [_("“%(value)s”", value=_value_label(item, v)) for v in value or []]
        labels = format_list(quoted, style="or", locale=get_locale())
        return _("%(item)s is one of %(values)s", item=ref, values=labels)
    label = _value_label(item, value)
    sentences = {
        "equals": _("%(item)s is “%(value)s”", item=ref, value=label),
        "not_equals": _("%(item)s is not “%(value)s”", item=ref, value=label),
        "gt": _("%(item)s is greater than %(value)s", item=ref, value=label),
        "gte": _("%(item)s is at least %(value)s", item=ref, value=label),
        "lt": _("%(item)s is less than %(value)s", item=ref, value=label),
        "lte": _("%(item)s is at most %(value)s", item=ref, value=label),
    }
    return sentences.get(op, str(leaf))


def phrase(condition: dict | None, current: Tree) -> str:
    """The condition as a clause; groups in parentheses."""
    if not condition:
        return ""
    for key, style in (("all", "standard"), ("any", "or")):
        if key in condition:
            parts = [phrase(part, current) for part in condition[key]]
            text = format_list(parts, style=style, locale=get_locale())
            return f"({text})" if len(parts) > 1 else text
    return _leaf(condition, current)


def describe(condition: dict | None, current: Tree) -> str:
    """“Shown only when …”, or the empty string without a condition."""
    if not condition:
        return ""
    clause = phrase(condition, current)
    if clause.startswith("(") and clause.endswith(")"):
        clause = clause[1:-1]
    return _("Shown only when %(condition)s.", condition=clause)


CODE = re.compile(r"\b[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b")


def item_numbers(questionnaire_id: int) -> dict[str, str]:
    """Each item's number by its code (a bank item's code is its bank code), once a request."""
    cache = g.setdefault("item_numbers", {}) if has_app_context() else {}
    if questionnaire_id not in cache:
        rows = db.session.execute(
            sa.select(Node.code, Node.number).where(
                Node.questionnaire_id == questionnaire_id, Node.code.is_not(None)
            )
        )
        cache[questionnaire_id] = {code: number for code, number in rows if code and number}
    return cache[questionnaire_id]


def with_numbers(text: Translated, questionnaire_id: int) -> Translated:
    """Guidance that names another question by its code ("see question SPEC-PROT-03"), written
    once for every questionnaire in the bank, names it by its number in this questionnaire
    ("see question 2.4"); a code the questionnaire does not hold stays as written."""
    if not text.text or not CODE.search(text.text):
        return text  # most guidance names no other question: no query
    numbers = item_numbers(questionnaire_id)
    said = CODE.sub(lambda m: numbers.get(m.group(0), m.group(0)), text.text)
    return Translated(said, text.lang, text.requested)
