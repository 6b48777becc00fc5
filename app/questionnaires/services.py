"""Building and changing questionnaires. The demo loader uses these now; the designer's pages
will call the same functions. Only a draft changes structure."""

from __future__ import annotations

import copy
from collections.abc import Callable
from datetime import date

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l

from app import answers
from app.audit import services as audit
from app.bank import services as bank
from app.bank.models import BankVersion, SpeciesList
from app.directory.models import Instrument
from app.extensions import db
from app.questionnaires import checks, tree
from app.questionnaires.conditions import referenced_codes
from app.questionnaires.models import Loop, Node, NodeKind, Questionnaire, Status
from app.utils import utcnow


class QuestionnaireError(ValueError):
    """A refused change; `str()` is a translated message, `field` names what it is about
    ("code", "answer_type", "config"), if anything, so that forms put it next to that field
    whatever the language of the message."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(str(message))
        self.field = field


class PublishRefused(QuestionnaireError):
    def __init__(self, problems: list[checks.Problem]):
        super().__init__(str(_l("The questionnaire cannot be published yet.")))
        self.problems = problems


def require_draft(questionnaire: Questionnaire) -> None:
    """Refuse (QuestionnaireError) a change of structure to a questionnaire that is no draft."""
    if not questionnaire.is_draft:
        raise QuestionnaireError(_l("Only a draft questionnaire can change its structure."))


def questionnaire_by_code(code: str) -> Questionnaire | None:
    return db.session.scalar(sa.select(Questionnaire).where(Questionnaire.code == code.upper()))


def create_questionnaire(
    *,
    instrument: Instrument,
    code: str,
    cycle: str,
    cycle_order: int,
    title: dict,
    introduction: dict | None = None,
    deadline: date | None = None,
    species_list: SpeciesList | None = None,
    actor=None,
) -> Questionnaire:
    code = code.strip().upper()
    if questionnaire_by_code(code) is not None:
        raise QuestionnaireError(
            _l("A questionnaire with the code %(code)s exists already.", code=code)
        )
    if species_list is not None and species_list.instrument_id != instrument.id:
        raise QuestionnaireError(_l("The species list belongs to another instrument."))
    questionnaire = Questionnaire(
        instrument=instrument,
        code=code,
        cycle=cycle.strip(),
        cycle_order=cycle_order,
        title=dict(title),
        introduction=dict(introduction or {}),
        deadline=deadline,
        species_list=species_list,
        status=Status.DRAFT.value,
    )
    db.session.add(questionnaire)
    db.session.flush()
    audit.record(actor, "questionnaire.create", questionnaire, code)
    return questionnaire


def ordered_siblings(questionnaire: Questionnaire, parent: Node | None) -> list[Node]:
    """The children of `parent` (the top level for None), in their order."""
    under = Node.parent_id == parent.id if parent is not None else Node.parent_id.is_(None)
    return list(
        db.session.scalars(
            sa.select(Node)
            .where(Node.questionnaire_id == questionnaire.id, under)
            .order_by(Node.position, Node.id)
        )
    )


def _place(questionnaire: Questionnaire, parent: Node | None, node: Node, position: int | None):
    if parent is not None and not parent.is_section:
        raise QuestionnaireError(_l("Questions go into sections, not into other questions."))
    siblings = [s for s in ordered_siblings(questionnaire, parent) if s is not node]
    position = len(siblings) if position is None else max(0, min(position, len(siblings)))
    siblings.insert(position, node)
    node.parent_id = parent.id if parent else None
    for index, sibling in enumerate(siblings):
        sibling.position = index


def add_section(
    questionnaire: Questionnaire,
    *,
    title: dict,
    parent: Node | None = None,
    loop: str | None = None,
    condition: dict | None = None,
    position: int | None = None,
    actor=None,
) -> Node:
    require_draft(questionnaire)
    if loop is not None and loop not in {member.value for member in Loop}:
        raise QuestionnaireError(_l("A section repeats for species or for sites only."))
    section = Node(
        questionnaire=questionnaire, kind=NodeKind.SECTION.value, title=dict(title), loop=loop
    )
    return _insert(questionnaire, parent, section, position, condition)


def _insert(
    questionnaire: Questionnaire,
    parent: Node | None,
    node: Node,
    position: int | None,
    condition: dict | None,
) -> Node:
    """Place a new node under `parent`, check its condition, and number the questionnaire."""
    db.session.add(node)
    _place(questionnaire, parent, node, position)
    db.session.flush()
    if condition:
        set_condition(node, condition)
    renumber(questionnaire)
    return node


def add_bank_item(
    questionnaire: Questionnaire,
    section: Node,
    version: BankVersion,
    *,
    required: bool = False,
    confidential: bool = False,
    guidance: dict | None = None,
    condition: dict | None = None,
    position: int | None = None,
) -> Node:
    require_draft(questionnaire)
    _check_code_free(questionnaire, version.question.code)
    item = Node(
        questionnaire=questionnaire,
        kind=NodeKind.ITEM.value,
        code=version.question.code,
        bank_version=version,
        required=required,
        confidential=confidential,
        guidance=dict(guidance or {}),
    )
    return _insert(questionnaire, section, item, position, condition)


def add_local_item(
    questionnaire: Questionnaire,
    section: Node,
    *,
    code: str,
    answer_type: str,
    text: dict,
    guidance: dict | None = None,
    config: dict | None = None,
    required: bool = False,
    confidential: bool = False,
    condition: dict | None = None,
    position: int | None = None,
) -> Node:
    require_draft(questionnaire)
    code = code.strip().upper()
    if not bank.CODE_PATTERN.match(code):
        raise QuestionnaireError(
            _l("A code is capital letters and digits in parts joined by “-”."), field="code"
        )
    if bank.question_by_code(code) is not None:
        raise QuestionnaireError(
            _l("%(code)s is a bank question's code: insert the bank question instead.", code=code),
            field="code",
        )
    _check_code_free(questionnaire, code)
    problems = answers.config_problems(answer_type, config)
    if problems:
        raise QuestionnaireError(problems[0].message, field="config")
    item = Node(
        questionnaire=questionnaire,
        kind=NodeKind.ITEM.value,
        code=code,
        answer_type=answer_type,
        text=dict(text),
        guidance=dict(guidance or {}),
        config=copy.deepcopy(config or {}),
        required=required,
        confidential=confidential,
    )
    return _insert(questionnaire, section, item, position, condition)


def _check_code_free(questionnaire: Questionnaire, code: str) -> None:
    taken = db.session.scalar(
        sa.select(Node.id).where(Node.questionnaire_id == questionnaire.id, Node.code == code)
    )
    if taken is not None:
        raise QuestionnaireError(
            _l("The questionnaire already has an item with the code %(code)s.", code=code),
            field="code",
        )


def set_condition(node: Node, condition: dict | None) -> None:
    """Attach skip logic to a node; a condition that does not resolve is refused."""
    require_draft(node.questionnaire)
    previous = node.condition
    node.condition = condition or None
    db.session.flush()
    problems = [
        p for p in checks.condition_problems(tree.load(node.questionnaire)) if p.node_id == node.id
    ]
    if problems:
        node.condition = previous
        db.session.flush()
        raise QuestionnaireError(problems[0].message)


def move(node: Node, parent: Node | None, position: int) -> None:
    """Move a node under `parent` at `position`; refused if a condition would then point forward."""
    questionnaire = node.questionnaire
    require_draft(questionnaire)
    if parent is not None and (parent.id == node.id or node.id in _ancestor_ids(parent)):
        raise QuestionnaireError(_l("A section cannot move into itself."))
    old_parent = db.session.get(Node, node.parent_id) if node.parent_id else None
    old_position = node.position
    _place(questionnaire, parent, node, position)
    db.session.flush()
    problems = checks.condition_problems(tree.load(questionnaire))
    if problems:
        _place(questionnaire, old_parent, node, old_position)
        db.session.flush()
        raise QuestionnaireError(problems[0].message)
    renumber(questionnaire)


def _ancestor_ids(node: Node) -> set[int]:
    found = set()
    while node.parent_id is not None:
        found.add(node.parent_id)
        node = db.session.get(Node, node.parent_id)
    return found


def remove(node: Node) -> None:
    """Remove a node (a section with its content); refused while conditions refer to it."""
    questionnaire = node.questionnaire
    require_draft(questionnaire)
    current = tree.load(questionnaire)
    removed = {node.id, *(n.id for n in current.walk(node.id))}
    codes = {n.code for n in current.nodes if n.id in removed and n.code}
    for other in current.nodes:
        if other.id in removed or not other.condition:
            continue
        used = codes & set(referenced_codes(other.condition))
        if used:
            raise QuestionnaireError(
                _l(
                    "Item %(number)s has a condition on %(code)s: change it first.",
                    number=other.number,
                    code=sorted(used)[0],
                )
            )
    parent = db.session.get(Node, node.parent_id) if node.parent_id else None
    db.session.delete(node)
    db.session.flush()
    for index, sibling in enumerate(ordered_siblings(questionnaire, parent)):
        sibling.position = index
    renumber(questionnaire)


def renumber(questionnaire: Questionnaire) -> None:
    current = tree.load(questionnaire)
    for node_id, number in current.numbering().items():
        node = current.by_id[node_id]
        if node.number != number:
            node.number = number
    db.session.flush()


# --- life cycle ----------------------------------------------------------------------------------


# Called with a questionnaire once it is published. Reporting sits above the questionnaires and
# may not be imported here: it adds itself to this list (see app/reporting/__init__.py) to open
# the report of every party that owes one, whichever path publishes (page, demo, tests).
on_publish: list[Callable[[Questionnaire], object]] = []

# Called by the publish page once the publication is committed (no mail may announce what a
# rollback undid): reporting adds itself here to tell the focal points who owe a report. Each
# returns what to say to the person who published, as (message, flash category) pairs.
after_publish: list[Callable[[Questionnaire], list[tuple[str, str]]]] = []


def publish(questionnaire: Questionnaire, actor=None) -> None:
    """Publish a draft whose checks all pass; freezes the bank versions it uses."""
    require_draft(questionnaire)
    current = tree.load(questionnaire)
    problems = checks.publish_problems(current)
    if problems:
        raise PublishRefused(problems)
    bank.freeze([n.bank_version for n in current.items() if n.bank_version is not None])
    questionnaire.status = Status.PUBLISHED.value
    questionnaire.published_at = utcnow()
    db.session.flush()
    audit.record(actor, "questionnaire.publish", questionnaire, questionnaire.code)
    for opened in on_publish:
        opened(questionnaire)


def close(questionnaire: Questionnaire, actor=None) -> None:
    if questionnaire.status != Status.PUBLISHED:
        raise QuestionnaireError(_l("Only a published questionnaire can be closed."))
    questionnaire.status = Status.CLOSED.value
    questionnaire.closed_at = utcnow()
    audit.record(actor, "questionnaire.close", questionnaire, questionnaire.code)


def archive(questionnaire: Questionnaire, actor=None) -> None:
    if questionnaire.status != Status.CLOSED:
        raise QuestionnaireError(_l("Only a closed questionnaire can be archived."))
    questionnaire.status = Status.ARCHIVED.value
    questionnaire.archived_at = utcnow()
    audit.record(actor, "questionnaire.archive", questionnaire, questionnaire.code)


def questionnaires_of(instrument_ids: set[int] | None, statuses: set[str] | None = None):
    stmt = sa.select(Questionnaire).order_by(Questionnaire.instrument_id, Questionnaire.cycle_order)
    if instrument_ids is not None:
        stmt = stmt.where(Questionnaire.instrument_id.in_(instrument_ids))
    if statuses is not None:
        stmt = stmt.where(Questionnaire.status.in_(statuses))
    return list(db.session.scalars(stmt))
