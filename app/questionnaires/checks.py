"""What must hold before a questionnaire is published, and what is still untranslated.

Each problem names the node it concerns, so that pages can link to it.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

from app import answers
from app.answers import types
from app.i18n import language_label
from app.questionnaires import texts_service
from app.questionnaires.conditions import (
    NUMERIC_OPERATORS,
    OPERATORS,
    VALUE_OPERATORS,
    leaves,
)
from app.questionnaires.tree import Tree

# What a problem is about, so that a page can send the reader where it is fixed.
CONDITION, TEXT, BANK_TEXT, STRUCTURE, LOOP, DEFINITION = (
    "condition", "text", "bank_text", "structure", "loop", "definition",
)  # fmt: skip


@dataclass(frozen=True)
class Problem:
    node_id: int | None
    number: str
    message: str
    kind: str = STRUCTURE


def _problem(node, message, kind: str = CONDITION) -> Problem:
    return Problem(
        node.id if node is not None else None, node.number if node else "", str(message), kind
    )


# --- conditions ----------------------------------------------------------------------------------


def condition_problems(current: Tree) -> list[Problem]:
    """Every condition must test an earlier item of the questionnaire with an operator and
    values that fit the item's type; inside a loop it may test items of the same loop, and
    outside a loop it may not test an item inside one (which iteration would it mean?)."""
    problems: list[Problem] = []
    order = current.order()
    items = current.by_code()
    for node in current.walk():
        for leaf in leaves(node.condition):
            problems += _leaf_problems(current, node, leaf, items, order)
    return problems


def _leaf_problems(current: Tree, node, leaf: dict, items, order) -> list[Problem]:
    if "const" in leaf:  # an outcome settled for a page (conditions.settle), never stored
        return [_problem(node, _l("Unknown operator in the condition."))]
    code, op = leaf.get("item"), leaf.get("op")
    target = items.get(code or "")
    if target is None:
        return [
            _problem(
                node,
                _l(
                    "The condition refers to %(code)s, which is not in this questionnaire.",
                    code=code,
                ),
            )
        ]
    if target.id == node.id:
        return [_problem(node, _l("The condition refers to the item itself."))]
    if node.is_section and target.id in {n.id for n in current.walk(node.id)}:
        return [_problem(node, _l("A section’s condition cannot test an item inside the section."))]
    if order[target.id] > order[node.id]:
        return [
            _problem(
                node,
                _l(
                    "The condition refers to %(code)s, which comes later: "
                    "a condition may only look back.",
                    code=code,
                ),
            )
        ]
    target_loop = current.loop_section(target)
    if target_loop is not None and current.loop_section(node) is not target_loop:
        return [
            _problem(
                node,
                _l(
                    "The condition refers to %(code)s, which is inside a repeated section.",
                    code=code,
                ),
            )
        ]
    if op not in OPERATORS:
        return [_problem(node, _l("Unknown operator in the condition."))]
    answer_type = target.effective_type
    if op in NUMERIC_OPERATORS and answer_type not in (
        types.AnswerType.NUMBER,
        types.AnswerType.DATE,
    ):
        return [_problem(node, _l("“Greater” and “less” compare numbers or dates only."))]
    if op in VALUE_OPERATORS and "value" not in leaf:
        return [_problem(node, _l("The condition needs a value to compare with."))]
    wanted = leaf.get("value") if op == "in" else [leaf.get("value")]
    if op in {"equals", "not_equals", "in"}:
        if not isinstance(wanted, list) or not wanted:
            return [_problem(node, _l("The condition needs a value to compare with."))]
        allowed = _keys(target)
        if allowed is not None:
            unknown = [str(v) for v in wanted if str(v) not in allowed]
            if unknown:
                return [
                    _problem(
                        node,
                        _l(
                            "The condition uses a choice that %(code)s does not offer: %(keys)s.",
                            code=code,
                            keys=", ".join(unknown),
                        ),
                    )
                ]
    return []


def _keys(item) -> set[str] | None:
    answer_type = item.effective_type
    if answer_type == types.AnswerType.YES_NO:
        return set(types.YES_NO_KEYS)
    if answer_type in types.CHOICE_TYPES:
        return set(types.choice_keys(item.effective_config)) | {"other"}
    return None


# --- texts ---------------------------------------------------------------------------------------
# The list of a questionnaire's texts, their count and what is missing by language are the texts
# service's (app/questionnaires/texts_service.py): one list for the Texts page, the Translations
# page and the checks below.


# --- publishing ----------------------------------------------------------------------------------


def publish_problems(current: Tree) -> list[Problem]:
    """Everything that stops `current` from being published, in document order."""
    questionnaire = current.questionnaire
    problems: list[Problem] = []
    if not current.items():
        problems.append(Problem(None, "", str(_l("The questionnaire has no question yet."))))
    for node in current.walk():
        if node.is_section:
            if not current.children.get(node.id):
                problems.append(_problem(node, _l("The section is empty."), STRUCTURE))
            if node.loop == "species" and not questionnaire.species_list_id:
                problems.append(
                    _problem(
                        node,
                        _l(
                            "The section repeats for each species, "
                            "but the questionnaire has no species list."
                        ),
                        LOOP,
                    )
                )
            continue
        for config_problem in answers.config_problems(node.effective_type, node.effective_config):
            problems.append(_problem(node, config_problem.message, DEFINITION))
    problems += condition_problems(current)
    for text in texts_service.counted(texts_service.rows(current)):
        for lang in text.missing:
            message = (
                _l(
                    "%(what)s: the bank question has no %(language)s text yet.",
                    what=text.what,
                    language=language_label(lang),
                )
                if text.from_bank
                else _l(
                    "%(what)s is missing in %(language)s.",
                    what=text.what,
                    language=language_label(lang),
                )
            )
            problems.append(_problem(text.node, message, BANK_TEXT if text.from_bank else TEXT))
    order = current.order()
    return sorted(problems, key=lambda p: -1 if p.node_id is None else order.get(p.node_id, 0))
