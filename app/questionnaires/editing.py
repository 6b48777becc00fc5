"""Designer services: editing sections and local items, duplicating a cycle, and undoing the last
structural change. Each change is recorded in the audit log with what is needed to invert it
(`questionnaire.<change>` events on the questionnaire); an undo is itself an event."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app import answers
from app.audit import services as audit
from app.audit.models import AuditEvent
from app.extensions import db
from app.questionnaires import builder, services, tree
from app.questionnaires.conditions import referenced_codes
from app.questionnaires.models import Node, Questionnaire
from app.questionnaires.services import QuestionnaireError

# Designer events that "Undo the last change" can invert.
UNDOABLE = (
    "questionnaire.add",
    "questionnaire.move",
    "questionnaire.remove",
    "questionnaire.edit",
)
UNDO = "questionnaire.undo"
SECTION_FIELDS = ("title",)
ITEM_FIELDS = ("text", "guidance", "config", "required", "confidential", "answer_type")
BANK_ITEM_FIELDS = ("required", "confidential", "guidance")  # what a questionnaire sets on one
NODE_FIELDS = (
    "kind", "code", "title", "loop", "condition", "required", "confidential",
    "bank_version_id", "answer_type", "text", "guidance", "config",
)  # fmt: skip


# --- recording -----------------------------------------------------------------------------------


def record_add(node: Node, actor=None) -> None:
    audit.record(
        actor, "questionnaire.add", node.questionnaire, f"{node.number} {node.code or ''}".strip(),
        node_id=node.id,
    )  # fmt: skip


def move(node: Node, parent: Node | None, position: int, actor=None) -> None:
    """services.move, recorded with the previous place so that it can be undone."""
    before = {"node_id": node.id, "parent_id": node.parent_id, "position": node.position}
    if parent is not None and not parent.is_section:
        raise QuestionnaireError(_l("Questions go into sections, not into other questions."))
    services.move(node, parent, position)
    if (node.parent_id, node.position) == (before["parent_id"], before["position"]):
        return
    audit.record(actor, "questionnaire.move", node.questionnaire, node.number, **before)


def _snapshot(current: tree.Tree, node: Node) -> dict:
    data = {name: copy.deepcopy(getattr(node, name)) for name in NODE_FIELDS}
    data["id"] = node.id
    data["position"] = node.position
    data["children"] = [_snapshot(current, child) for child in current.children.get(node.id, [])]
    return data


def remove(node: Node, actor=None) -> None:
    """services.remove, recorded with the node's full data and children."""
    questionnaire = node.questionnaire
    current = tree.load(questionnaire)
    snapshot = _snapshot(current, current.by_id[node.id])
    parent_id, number = node.parent_id, node.number
    services.remove(node)
    audit.record(
        actor, "questionnaire.remove", questionnaire, number, parent_id=parent_id, node=snapshot
    )


# --- editing -------------------------------------------------------------------------------------


def _clean(texts: dict | None) -> dict[str, str]:
    return {lang: value.strip() for lang, value in (texts or {}).items() if value and value.strip()}


def update_section(section: Node, *, title: dict, actor=None) -> None:
    services.require_draft(section.questionnaire)
    if not section.is_section:
        raise QuestionnaireError(_l("This is not a section."))
    title = _clean(title)
    if not title:
        raise QuestionnaireError(_l("A section needs a title."))
    previous = {"title": copy.deepcopy(section.title)}
    if previous["title"] == title:
        return
    section.title = title
    db.session.flush()
    audit.record(
        actor, "questionnaire.edit", section.questionnaire, section.number,
        node_id=section.id, previous=previous,
    )  # fmt: skip


def update_local_item(
    item: Node,
    *,
    text: dict,
    answer_type: str | None = None,
    guidance: dict | None = None,
    config: dict | None = None,
    required: bool = False,
    confidential: bool = False,
    actor=None,
) -> None:
    """Change a local item's question (its code stays: conditions refer to it)."""
    questionnaire = item.questionnaire
    services.require_draft(questionnaire)
    if item.is_section or item.is_bank_item:
        raise QuestionnaireError(_l("Only a local question can be edited here."))
    answer_type = answer_type or item.answer_type
    text = _clean(text)
    if not text:
        raise QuestionnaireError(_l("A question needs a text."))
    problems = answers.config_problems(answer_type, config)
    if problems:
        raise QuestionnaireError(problems[0].message)
    if answer_type != item.answer_type:
        for other in tree.load(questionnaire).nodes:
            if other.condition and item.code in referenced_codes(other.condition):
                raise QuestionnaireError(
                    _l(
                        "Item %(number)s has a condition on %(code)s: change it before the "
                        "answer type.",
                        number=other.number,
                        code=item.code,
                    )
                )
    previous = {name: copy.deepcopy(getattr(item, name)) for name in ITEM_FIELDS}
    item.text, item.guidance = text, _clean(guidance)
    item.config, item.answer_type = copy.deepcopy(config or {}), answer_type
    item.required, item.confidential = bool(required), bool(confidential)
    db.session.flush()
    # Another type may break conditions that test this item: refuse and restore.
    from app.questionnaires import checks

    problems = checks.condition_problems(tree.load(questionnaire))
    if problems:
        for name, value in previous.items():
            setattr(item, name, value)
        db.session.flush()
        raise QuestionnaireError(problems[0].message)
    audit.record(
        actor, "questionnaire.edit", questionnaire, item.number, node_id=item.id, previous=previous
    )


def update_bank_item(
    item: Node, *, required: bool, confidential: bool, guidance: dict | None, actor=None
) -> bool:
    """Set what this questionnaire adds to a bank question: required, confidential and its local
    guidance (shown under the bank's). The question itself is the bank's. Recorded as an edit,
    so "Undo the last change" restores the previous values; False when nothing changed."""
    services.require_draft(item.questionnaire)
    if not item.is_bank_item:
        raise QuestionnaireError(_l("Only a question from the bank can be edited here."))
    previous = {name: copy.deepcopy(getattr(item, name)) for name in BANK_ITEM_FIELDS}
    values = {"required": bool(required), "confidential": bool(confidential),
              "guidance": _clean(guidance)}  # fmt: skip
    if values == previous:
        return False
    for name, value in values.items():
        setattr(item, name, value)
    db.session.flush()
    audit.record(
        actor, "questionnaire.edit", item.questionnaire, item.number,
        node_id=item.id, previous=previous,
    )  # fmt: skip
    return True


# --- undo ----------------------------------------------------------------------------------------


def last_change(questionnaire: Questionnaire) -> AuditEvent | None:
    """The latest designer event of `questionnaire` that no undo has inverted yet."""
    events = list(
        db.session.scalars(
            sa.select(AuditEvent)
            .where(
                AuditEvent.target_type == "questionnaire",
                AuditEvent.target_id == questionnaire.id,
                AuditEvent.action.in_((*UNDOABLE, UNDO)),
            )
            .order_by(AuditEvent.id.desc())
        )
    )
    undone = {e.details.get("undone") for e in events if e.action == UNDO}
    for event in events:
        if event.action != UNDO and event.id not in undone:
            return event
    return None


def _node_of(questionnaire: Questionnaire, node_id: int | None) -> Node | None:
    node = db.session.get(Node, node_id) if node_id else None
    if node is not None and node.questionnaire_id != questionnaire.id:
        return None
    return node


def _restore(questionnaire: Questionnaire, data: dict, parent_id: int | None) -> Node:
    node = Node(questionnaire=questionnaire, parent_id=parent_id, position=data["position"])
    for name in NODE_FIELDS:
        setattr(node, name, copy.deepcopy(data[name]))
    db.session.add(node)
    db.session.flush()
    for child in data["children"]:
        _restore(questionnaire, child, node.id)
    return node


def undo(questionnaire: Questionnaire, actor=None) -> AuditEvent:
    """Invert the last change; returns the event undone. Refused when nothing is left to undo."""
    services.require_draft(questionnaire)
    event = last_change(questionnaire)
    if event is None:
        raise QuestionnaireError(_l("There is no change to undo."))
    details = event.details
    gone = QuestionnaireError(_l("The last change can no longer be undone."))
    if event.action == "questionnaire.add":
        node = _node_of(questionnaire, details["node_id"])
        if node is None:
            raise gone
        services.remove(node)
    elif event.action == "questionnaire.move":
        node = _node_of(questionnaire, details["node_id"])
        parent = _node_of(questionnaire, details["parent_id"])
        if node is None or (details["parent_id"] and parent is None):
            raise gone
        services.move(node, parent, details["position"])
    elif event.action == "questionnaire.remove":
        data = details["node"]
        parent = _node_of(questionnaire, details["parent_id"])
        if details["parent_id"] and parent is None:
            raise gone
        present = set(tree.load(questionnaire).by_code())
        codes = {c for c in _codes(data) if c in present}
        if codes:
            raise gone
        node = _restore(questionnaire, data, parent.id if parent else None)
        position = data["position"]
        siblings = [s for s in services.ordered_siblings(questionnaire, parent) if s is not node]
        siblings.insert(min(position, len(siblings)), node)
        for index, sibling in enumerate(siblings):
            sibling.position = index
        db.session.flush()
        services.renumber(questionnaire)
    elif event.action == "questionnaire.edit":
        node = _node_of(questionnaire, details["node_id"])
        if node is None:
            raise gone
        for name, value in details["previous"].items():
            setattr(node, name, value)
        db.session.flush()
    audit.record(actor, UNDO, questionnaire, event.action, undone=event.id)
    db.session.flush()
    return event


def _codes(data: dict) -> list[str]:
    found = [data["code"]] if data.get("code") else []
    for child in data["children"]:
        found += _codes(child)
    return found


# --- duplicating a cycle -------------------------------------------------------------------------


@dataclass
class CopyReport:
    sections: int = 0
    bank_items: int = 0
    local_items: int = 0
    conditions: int = 0
    loops: int = 0
    notes: list[str] = field(default_factory=list)  # translated: what was not copied, and why


def previous_cycle(instrument_id: int) -> Questionnaire | None:
    return db.session.scalar(
        sa.select(Questionnaire)
        .where(Questionnaire.instrument_id == instrument_id)
        .order_by(Questionnaire.cycle_order.desc())
        .limit(1)
    )


def next_cycle_order(instrument_id: int) -> int:
    highest = db.session.scalar(
        sa.select(sa.func.max(Questionnaire.cycle_order)).where(
            Questionnaire.instrument_id == instrument_id
        )
    )
    return (highest or 0) + 1


def duplicate(
    questionnaire: Questionnaire,
    code: str,
    cycle: str,
    *,
    cycle_order: int | None = None,
    title: dict | None = None,
    deadline: date | None = None,
    actor=None,
) -> tuple[Questionnaire, CopyReport]:
    """A new draft of the same instrument with `questionnaire`'s structure.

    Bank items keep their codes and pinned versions, so answers compare across cycles; local
    items keep their codes; conditions refer to items by code, so they hold in the copy as they
    are; loops are kept. Answers and reports are never copied.
    """
    instrument = questionnaire.instrument
    copy_of = services.create_questionnaire(
        instrument=instrument,
        code=code,
        cycle=cycle,
        cycle_order=cycle_order or next_cycle_order(instrument.id),
        title=dict(title or questionnaire.title),
        introduction=dict(questionnaire.introduction or {}),
        deadline=deadline,
        actor=actor,
    )
    report = CopyReport()
    current = tree.load(questionnaire)
    conditioned: list[tuple[Node, dict]] = []

    def visit(parent_id: int | None, new_parent: Node | None) -> None:
        for node in current.children.get(parent_id, []):
            new = Node(questionnaire=copy_of, parent_id=new_parent.id if new_parent else None)
            for name in NODE_FIELDS:
                if name != "condition":
                    setattr(new, name, copy.deepcopy(getattr(node, name)))
            new.position = node.position
            db.session.add(new)
            db.session.flush()
            if node.condition:
                conditioned.append((new, node.condition))
            if node.is_section:
                report.sections += 1
                report.loops += 1 if node.loop else 0
            elif node.is_bank_item:
                report.bank_items += 1
            else:
                report.local_items += 1
            visit(node.id, new)

    visit(None, None)
    codes = set(current.by_code())
    for new, condition in conditioned:
        if set(referenced_codes(condition)) <= codes:
            new.condition = copy.deepcopy(condition)
            report.conditions += 1
        else:
            report.notes.append(
                str(_l("A condition of %(number)s refers to a missing item.", number=new.number))
            )
    db.session.flush()
    services.renumber(copy_of)
    if any(n.loop == "species" for n in current.nodes):
        species_list = builder.species_list_for(copy_of)
        if species_list is not None:
            copy_of.species_list = species_list
        else:
            report.notes.append(
                str(
                    _l(
                        "%(instrument)s has no species list for the cycle %(cycle)s yet: "
                        "add one before publishing.",
                        instrument=instrument.code,
                        cycle=copy_of.cycle,
                    )
                )
            )
    db.session.flush()
    audit.record(
        actor, "questionnaire.duplicate", copy_of, f"{questionnaire.code} → {copy_of.code}",
        source=questionnaire.code,
    )  # fmt: skip
    return copy_of, report


def add_section(questionnaire: Questionnaire, *, title: dict, actor=None, **kwargs) -> Node:
    title = _clean(title)
    if not title:
        raise QuestionnaireError(_l("A section needs a title."))
    section = services.add_section(questionnaire, title=title, **kwargs)
    record_add(section, actor)
    return section


def add_local_item(questionnaire: Questionnaire, section: Node, *, actor=None, **kwargs) -> Node:
    if not section.is_section:
        raise QuestionnaireError(_l("Questions go into sections, not into other questions."))
    kwargs["text"] = _clean(kwargs.get("text"))
    kwargs["guidance"] = _clean(kwargs.get("guidance"))
    item = services.add_local_item(questionnaire, section, **kwargs)
    record_add(item, actor)
    return item
