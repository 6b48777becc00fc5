"""Rules behind the designer's bank insertion, condition builder and loops.

They build on services.py (the only way to change a questionnaire) and add what the designer's
forms need: which items a condition may test and with which operators, inserting a bank question
once, and making a section repeat.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app import answers
from app.answers import reading, types
from app.audit import services as audit
from app.bank.models import BankVersion, SpeciesList
from app.extensions import db
from app.i18n import current_language, translate
from app.questionnaires import checks, services, tree
from app.questionnaires.models import Loop, Node, Questionnaire
from app.questionnaires.services import QuestionnaireError

# --- inserting from the bank ---------------------------------------------------------------------


def insert_from_bank(
    questionnaire: Questionnaire,
    section: Node,
    version: BankVersion,
    *,
    position: int | None = None,
    actor=None,
) -> Node:
    """Insert `version` (pinned) into `section`; a question already there is not inserted again."""
    services.require_draft(questionnaire)
    if section.questionnaire_id != questionnaire.id or not section.is_section:
        raise QuestionnaireError(_l("Choose a section of this questionnaire."))
    present = db.session.scalar(
        sa.select(Node).where(
            Node.questionnaire_id == questionnaire.id, Node.code == version.question.code
        )
    )
    if present is not None:
        raise QuestionnaireError(
            _l(
                "%(code)s is already in this questionnaire (item %(number)s).",
                code=version.question.code,
                number=present.number,
            )
        )
    item = services.add_bank_item(questionnaire, section, version, position=position)
    # The designer's event (app/questionnaires/editing.py): "Undo the last change" removes it.
    audit.record(
        actor, "questionnaire.add", questionnaire, f"{item.number} {item.code} v{version.number}",
        node_id=item.id,
    )  # fmt: skip
    return item


class InsertRefused(QuestionnaireError):
    """Some of the questions to insert were refused; `errors` holds a message per code."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(" ".join(errors.values()))
        self.errors = errors


def insert_several(
    questionnaire: Questionnaire,
    section: Node,
    versions: list[BankVersion],
    *,
    position: int | None = None,
    actor=None,
) -> list[Node]:
    """Insert each of `versions` (pinned) into `section`, in the order given, from `position` on
    (at the end when None). All or nothing: when one is refused, InsertRefused says why for each
    refused code and the caller rolls back the others."""
    services.require_draft(questionnaire)
    if section.questionnaire_id != questionnaire.id or not section.is_section:
        raise QuestionnaireError(_l("Choose a section of this questionnaire."))
    if not versions:
        raise QuestionnaireError(_l("Check at least one question to insert."))
    items: list[Node] = []
    errors: dict[str, str] = {}
    for version in versions:
        at = position + len(items) if position is not None else None
        try:
            items.append(
                insert_from_bank(questionnaire, section, version, position=at, actor=actor)
            )
        except QuestionnaireError as error:
            errors[version.question.code] = str(error)
    if errors:
        raise InsertRefused(errors)
    return items


def save_condition(node: Node, condition: dict | None, actor=None) -> None:
    """services.set_condition, recorded as a designer edit so that it can be undone."""
    previous = node.condition
    services.set_condition(node, condition)
    if node.condition != previous:
        audit.record(
            actor, "questionnaire.edit", node.questionnaire, node.number,
            node_id=node.id, previous={"condition": previous},
        )  # fmt: skip


# --- conditions ----------------------------------------------------------------------------------

OPERATOR_LABELS = {
    "equals": _l("is"),
    "not_equals": _l("is not"),
    "in": _l("is one of"),
    "gt": _l("is greater than"),
    "gte": _l("is at least"),
    "lt": _l("is less than"),
    "lte": _l("is at most"),
    "answered": _l("is answered"),
    "not_answered": _l("is not answered"),
}
PRESENCE = ("answered", "not_answered")


def operators_for(answer_type: str | None) -> list[str]:
    """The operators that make sense for an item of `answer_type`."""
    if answer_type == types.AnswerType.YES_NO or answer_type in types.CHOICE_TYPES:
        return ["equals", "not_equals", "in", *PRESENCE]
    if answer_type in (types.AnswerType.NUMBER, types.AnswerType.DATE):
        return ["equals", "not_equals", "gt", "gte", "lt", "lte", *PRESENCE]
    if answer_type in (types.AnswerType.SHORT_TEXT, types.AnswerType.LONG_TEXT):
        return ["equals", "not_equals", *PRESENCE]
    return list(PRESENCE)


def value_choices(item: Node) -> list[tuple[str, str]] | None:
    """(key, label) pairs a condition on `item` may compare with, or None for free values."""
    answer_type = item.effective_type
    if answer_type == types.AnswerType.YES_NO:
        return [("yes", _("Yes")), ("no", _("No"))]
    if answer_type in types.CHOICE_TYPES:
        config = item.effective_config
        pairs = [(c["key"], str(translate(c.get("label")))) for c in config.get("choices") or []]
        if config.get("allow_other"):
            pairs.append(("other", _("Other")))
        return pairs
    return None


def targets(current: tree.Tree, node: Node) -> list[Node]:
    """The items a condition of `node` may test: earlier items, outside any loop or in the same
    loop as `node` (the same iteration), never the node itself or what it contains."""
    order = current.order()
    own_loop = current.loop_section(node)
    inside = {n.id for n in current.walk(node.id)} if node.is_section else set()
    found = []
    for item in current.items():
        if item.id == node.id or item.id in inside or order[item.id] >= order[node.id]:
            continue
        loop = current.loop_section(item)
        if loop is not None and loop is not own_loop:
            continue
        found.append(item)
    return found


@dataclass
class Rule:
    """One row of the builder as typed: kept as strings so that nothing is lost on errors."""

    item: str = ""
    op: str = ""
    values: list[str] | None = None
    error: str = ""

    @property
    def value(self) -> str:
        return (self.values or [""])[0]


def rules_of(condition: dict | None) -> tuple[str, list[Rule]]:
    """The builder's rows for a stored condition (one level of all/any)."""
    if not condition:
        return "all", []
    for mode in ("all", "any"):
        if mode in condition:
            return mode, [r for part in condition[mode] for r in rules_of(part)[1]]
    value = condition.get("value")
    values = (
        [str(v) for v in value]
        if isinstance(value, list)
        else []
        if value is None
        else [str(value)]
    )
    return "all", [Rule(condition.get("item", ""), condition.get("op", ""), values)]


def is_flat(condition: dict | None) -> bool:
    """Whether the builder can show `condition` as it is (one all/any group of single tests)."""
    if not condition:
        return True
    for mode in ("all", "any"):
        if mode in condition:
            return all("all" not in part and "any" not in part for part in condition[mode])
    return True


def _number(text: str) -> int | float | None:
    """A number typed in the reader's locale, read as answers are; None when it is none."""
    try:
        return reading.plain(reading.read_number(text, current_language()))
    except answers.ValueProblem:
        return None


def build_condition(current: tree.Tree, mode: str, rules: list[Rule]) -> dict | None:
    """The condition JSON for the builder's rows; sets `rule.error` on rows that do not make
    sense (and then returns None). Whether a row may look at its item is services' decision."""
    items = current.by_code()
    leaves: list[dict] = []
    valid = True
    for rule in rules:
        item = items.get(rule.item)
        if item is None:
            rule.error = _("Choose a question.")
            valid = False
            continue
        answer_type = item.effective_type
        if rule.op not in operators_for(answer_type):
            rule.error = _("Choose a comparison that fits this question.")
            valid = False
            continue
        leaf: dict = {"item": item.code, "op": rule.op}
        values = [v for v in (rule.values or []) if v.strip()]
        if rule.op not in PRESENCE:
            if not values:
                rule.error = _("Give a value to compare with.")
                valid = False
                continue
            if answer_type == types.AnswerType.NUMBER:
                number = _number(values[0])
                if number is None:
                    rule.error = _("Give a number.")
                    valid = False
                    continue
                leaf["value"] = number
            elif rule.op == "in":
                leaf["value"] = values
            else:
                leaf["value"] = values[0].strip()
        leaves.append(leaf)
    if not valid or not leaves:
        return None
    if len(leaves) == 1:
        return leaves[0]
    return {"any" if mode == "any" else "all": leaves}


# --- loops ---------------------------------------------------------------------------------------


def species_list_for(questionnaire: Questionnaire) -> SpeciesList | None:
    """The questionnaire's species list, else the instrument's list for its cycle."""
    if questionnaire.species_list is not None:
        return questionnaire.species_list
    return db.session.scalar(
        sa.select(SpeciesList).where(
            SpeciesList.instrument_id == questionnaire.instrument_id,
            SpeciesList.cycle == questionnaire.cycle,
        )
    )


def set_loop(section: Node, loop: str | None, actor=None) -> None:
    """Make `section` repeat per species or per site, or not at all.

    Loops do not nest; a species loop needs the instrument's species list for the cycle (it is
    attached to the questionnaire if it was not yet); a change that would leave a condition
    pointing into a loop from outside (or across loops) is refused and undone.
    """
    questionnaire = section.questionnaire
    services.require_draft(questionnaire)
    if not section.is_section:
        raise QuestionnaireError(_l("Only a section can repeat."))
    loop = loop or None
    if loop is not None and loop not in {member.value for member in Loop}:
        raise QuestionnaireError(_l("A section repeats for species or for sites only."))
    if loop == section.loop:
        return
    current = tree.load(questionnaire)
    if loop is not None:
        nested = [n for n in current.ancestors(section) if n.loop] + [
            n for n in current.walk(section.id) if n.is_section and n.loop
        ]
        if nested:
            raise QuestionnaireError(
                _l(
                    "Section %(number)s repeats already: a repeated section cannot contain "
                    "or sit inside another one.",
                    number=nested[0].number,
                )
            )
    species_list = None
    if loop == Loop.SPECIES and questionnaire.species_list_id is None:
        species_list = species_list_for(questionnaire)
        if species_list is None:
            raise QuestionnaireError(
                _l(
                    "%(instrument)s has no species list for the cycle %(cycle)s yet.",
                    instrument=questionnaire.instrument.code,
                    cycle=questionnaire.cycle,
                )
            )
    before = {(p.node_id, p.message) for p in checks.condition_problems(current)}
    previous = section.loop
    section.loop = loop
    db.session.flush()
    after = [
        p
        for p in checks.condition_problems(tree.load(questionnaire))
        if (p.node_id, p.message) not in before
    ]
    if after:
        section.loop = previous
        db.session.flush()
        raise QuestionnaireError(
            _l(
                "Item %(number)s has a condition that would no longer hold: %(problem)s",
                number=after[0].number,
                problem=after[0].message,
            )
        )
    if species_list is not None:
        questionnaire.species_list = species_list
        db.session.flush()
    audit.record(
        actor, "questionnaire.edit", questionnaire, section.number,
        node_id=section.id, previous={"loop": previous},
    )  # fmt: skip
