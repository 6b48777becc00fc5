"""Pre-filling a report from the party's report of the previous cycle of the same instrument,
and confirming what was pre-filled.

Past cycles pre-filled without asking, and old answers passed as new: here every pre-filled
answer carries `needs_confirmation` until the person confirms it ("still true", which leaves a
revision and an audit event saying who confirmed when) or edits it (any save of their own
clears it, see saving.save_answer). Submission waits until nothing visible is left to confirm.

Matching: the previous questionnaire is the instrument's one with the highest `cycle_order`
below this one's (drafts aside); an item takes the previous answer to the item asking the same
bank question in a compatible version, or, for a local question, to the local item with the
same code and answer type; in a loop, for the same taxon or site. As for reuse, the answer must
be given and read back exactly the same, and the person must be allowed to read that report.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import lazyload

from app import policy
from app.audit import services as audit
from app.auth.models import User
from app.extensions import db
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Node, Questionnaire, Status
from app.reporting import completeness, delegation, reuse_copying, reuse_offers, saving
from app.reporting.models import Answer, AnswerRevision, Report, RevisionKind
from app.reporting.reuse_copying import Planned, ReuseError
from app.reporting.reuse_offers import PREFILL, Key, Source
from app.reporting.saving import Provenance
from app.reporting.services import Filled
from app.utils import utcnow

STALE = _l(
    "What the previous report can pre-fill has changed since you saw the list: check the new "
    "list, then confirm again."
)


def previous_questionnaire(questionnaire: Questionnaire) -> Questionnaire | None:
    """The same instrument's questionnaire of the cycle before (drafts are no cycle yet)."""
    return db.session.scalar(
        sa.select(Questionnaire)
        .where(
            Questionnaire.instrument_id == questionnaire.instrument_id,
            Questionnaire.cycle_order < questionnaire.cycle_order,
            Questionnaire.status != Status.DRAFT.value,
        )
        .order_by(Questionnaire.cycle_order.desc())
        .limit(1)
    )


def previous_report(report: Report) -> Report | None:
    """The party's report for the previous questionnaire of the same instrument, if any."""
    previous = previous_questionnaire(report.questionnaire)
    if previous is None:
        return None
    return db.session.scalar(
        sa.select(Report).where(
            Report.questionnaire_id == previous.id, Report.party_id == report.party_id
        )
    )


def sources(filled: Filled, user, previous: Report | None = None) -> dict[Key, Source]:
    """The previous report's answer for each cell that can take one (empty or not)."""
    previous = previous if previous is not None else previous_report(filled.report)
    if previous is None:
        return {}
    scope = policy.section_scope(user, previous)  # a contributor reads their sections of it
    if scope is not None and not scope:
        return {}
    old_tree = tree_module.cached(previous.questionnaire)
    old_answers = {
        (a.node_id, a.loop_key): (a, name or "")
        for a, name in db.session.execute(
            sa.select(Answer, User.name)
            .outerjoin(User, Answer.updated_by_id == User.id)
            .where(Answer.report_id == previous.id)
            .options(lazyload(Answer.updated_by))
        )
    }
    matches = _matching_items(filled, old_tree)
    found: dict[Key, Source] = {}
    for item in filled.rendered.items():
        old = matches.get(item.node.id)
        if old is not None and scope is not None and not _in(scope, old, old_tree):
            continue
        answer, name = old_answers.get((old.id, item.loop_key), (None, "")) if old else (None, "")
        if answer is None or not completeness.is_given(answer):
            continue
        if reuse_offers.copy_change(item.node, answer, filled.species_keys, filled.lang) is None:
            continue
        source = Source(answer, previous, old.bank_version, name)
        source.text = filled.words(item.node, answer)
        found[(item.node.id, item.loop_key)] = source
    return found


def _in(scope: frozenset[int], node: Node, tree: tree_module.Tree) -> bool:
    return delegation.top_section_id(node, tree) in scope


def _matching_items(filled: Filled, old_tree: tree_module.Tree) -> dict[int, Node]:
    """Each item of the report → the previous questionnaire's item asking the same."""
    by_question = {n.bank_version.question_id: n for n in old_tree.items() if n.bank_version}
    by_code = {n.code: n for n in old_tree.items() if n.bank_version is None}
    matches: dict[int, Node] = {}
    for node in filled.tree.items():
        if node.effective_type in reuse_offers.NOT_COPIED:
            continue
        if node.bank_version is not None:
            old = by_question.get(node.bank_version.question_id)
            if old is not None and reuse_offers.versions_compatible(
                old.bank_version, node.bank_version
            ):
                matches[node.id] = old
        else:
            old = by_code.get(node.code)
            if old is not None and old.answer_type == node.answer_type:
                matches[node.id] = old
    return matches


def _empty_cells(filled: Filled, found: dict[Key, Source]) -> dict[Key, Source]:
    return {k: s for k, s in found.items() if reuse_offers.is_empty(filled.answers.get(k))}


def preview(filled: Filled, user, found: dict[Key, Source] | None = None) -> list[Planned]:
    """What a pre-fill would fill: the empty cells the previous report has an answer for,
    visible once the pre-filled answers are in place."""
    found = sources(filled, user) if found is None else found
    return reuse_copying.plan(filled, _empty_cells(filled, found))


@dataclass
class Prefilled:
    filled: int  # cells pre-filled now
    kept: int  # cells the previous report had an answer for, left with the answer they hold


def prefill(filled: Filled, user, locale: str, expected: str) -> Prefilled:
    """Pre-fill exactly the cells of the preview named `expected`, each to be confirmed."""
    found = sources(filled, user)
    planned = preview(filled, user, found)
    if reuse_copying.fingerprint(planned) != expected:
        raise ReuseError(STALE)
    kept = sum(1 for k in found if not reuse_offers.is_empty(filled.answers.get(k)))
    for p in planned:
        source = p.source.answer
        provenance = Provenance(source, PREFILL, needs_confirmation=True)
        reuse_copying.copy_into(
            filled, p.item.node, p.item.loop_key, source, provenance, user, locale
        )
    if planned:
        report = filled.report
        audit.record(
            user,
            "report.prefill",
            report,
            report.questionnaire.code,
            count=len(planned),
            kept=kept,
            source=planned[0].source.report.questionnaire.code,
        )
    return Prefilled(len(planned), kept)


# --- confirming ---------------------------------------------------------------------------------


def confirm(
    filled: Filled, node: Node, loop_key: str, user, expected_version: int | None = None
) -> Answer:
    """The person says a pre-filled answer is still true: it no longer needs confirmation and
    keeps its provenance; a revision and an audit event say who confirmed it, and when."""
    report = filled.report
    if not report.is_editable:
        raise ReuseError(_l("This report can no longer be changed."))
    answer = filled.answers.get((node.id, loop_key)) if filled.holds(node.id) else None
    if answer is not None:
        db.session.refresh(answer)
    if answer is None or not answer.needs_confirmation:
        raise ReuseError(_l("This answer does not need confirming (any more)."))
    version = answer.version if expected_version is None else expected_version
    if answer.version != version:
        raise saving.Conflict(answer)
    now = utcnow()
    updated = db.session.execute(
        sa.update(Answer)
        .where(Answer.id == answer.id, Answer.version == version)
        .values(
            needs_confirmation=False, version=version + 1, updated_by_id=user.id, updated_at=now
        )
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(answer)
    if updated.rowcount != 1:
        raise saving.Conflict(answer)
    revision = AnswerRevision(
        answer_id=answer.id,
        user_id=user.id,
        version=answer.version,
        kind=RevisionKind.CONFIRM.value,
        source_answer_id=answer.source_answer_id,
        source_version=answer.source_version,
    )
    revision.saved_at = now
    for name in saving.STATE_FIELDS:
        setattr(revision, name, getattr(answer, name))
    db.session.add(revision)
    report.updated_at = now
    audit.record(
        user,
        "answer.confirm",
        answer,
        node.code or "",
        report_id=report.id,
        question=node.number,
        loop_key=loop_key,
        source_answer_id=answer.source_answer_id,
    )
    db.session.flush()
    return answer


def confirm_all_in_section(filled: Filled, section_id: int, user) -> int:
    """Confirm every visible answer of a top-level section still waiting for it."""
    count = 0
    for top, item, _label in reuse_copying.cells(filled.rendered):
        answer = filled.answer(item)
        if (
            top is not None
            and top.node.id == section_id
            and item.visible
            and answer is not None
            and answer.needs_confirmation
        ):
            confirm(filled, item.node, item.loop_key, user)
            count += 1
    return count


def unconfirmed(filled: Filled) -> list[tuple]:
    """(top-level section, item, iteration label, answer) of every visible answer still to
    confirm, in questionnaire order."""
    found = []
    for top, item, label in reuse_copying.cells(filled.rendered):
        answer = filled.answer(item)
        if item.visible and answer is not None and answer.needs_confirmation:
            found.append((top, item, label, answer))
    return found


def unconfirmed_count(filled: Filled) -> int:
    """How many visible answers are pre-filled and still to confirm (hidden ones are neither
    validated nor submitted as answers: they do not hold a submission back)."""
    return len(unconfirmed(filled))
