"""Saving an answer without ever losing a word, and its history.

Saving is optimistic: each answer carries a version; a save names the version it was typed
against, and a save against an older one is refused as a conflict (never a silent overwrite),
unless it says exactly what is already stored (the same save replayed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app import answers, bounds
from app.answers.kinds import text as text_kind
from app.answers.types import AnswerType
from app.extensions import db
from app.questionnaires.models import Node
from app.reporting.errors import ReportingError
from app.reporting.models import Answer, AnswerRevision, ReportStatus
from app.reporting.services import Filled
from app.utils import as_utc, utcnow


class Conflict(ReportingError):
    """Someone else saved this answer since the version the person typed against."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(_l("Someone else changed this answer while you were typing."))
        self.answer = answer


@dataclass
class Change:
    """What one save says about one answer; None leaves a part as it is."""

    raw: Any = None
    raw_given: bool = False
    other: str | None = None
    comment: str | None = None
    no_info: bool | None = None
    # The person chose their text over someone else's: the text replaced stays in the history
    # as a revision of its own, even when the same person saved it from another tab.
    over_conflict: bool = False
    # Set when the save copies another report's answer (reuse, pre-fill): its provenance. A
    # save without it is the person's own answer, and clears any provenance and confirmation.
    copy: Provenance | None = None


@dataclass
class Provenance:
    """Where a copied answer came from."""

    source: Answer
    kind: str  # "reuse" (another instrument's report) or "prefill" (the previous cycle)
    needs_confirmation: bool = False

    def columns(self, now) -> dict[str, Any]:
        return {
            "source_answer_id": self.source.id,
            "source_version": self.source.version,
            "source_kind": self.kind,
            "copied_at": now,
            "needs_confirmation": self.needs_confirmation,
        }


NO_PROVENANCE = {
    "source_answer_id": None,
    "source_version": None,
    "source_kind": None,
    "copied_at": None,
    "needs_confirmation": False,
}


@dataclass
class Saved:
    answer: Answer
    problem: str | None = None  # the value could not be read: kept as typed, flagged
    replayed: bool = False


def save_answer(
    filled: Filled,
    node: Node,
    loop_key: str,
    change: Change,
    *,
    expected_version: int,
    user,
    locale: str,
) -> Saved:
    """Save one answer typed against `expected_version` (0: there was none yet)."""
    report = filled.report
    if not report.is_editable:
        raise ReportingError(_l("This report can no longer be changed."))
    if (
        node.is_section
        or node.questionnaire_id != report.questionnaire_id
        or not filled.holds(node.id)  # a Filled built for a contributor: their sections only
    ):
        raise ReportingError(_l("This question is not part of the report."))
    if not filled.valid_loop_key(node, loop_key):
        raise ReportingError(_l("This species or site is not part of the report."))
    answer = filled.answers.get((node.id, loop_key))
    if answer is not None:
        db.session.refresh(answer)  # the version another request may have moved on
    context = answers.Context(locale, filled.species_keys, frozenset(filled.attachments))
    new = _new_state(answer, node, change, context)
    if answer is not None and answer.version != expected_version:
        if _state(answer) == new.state:
            return Saved(answer, new.problem, replayed=True)
        raise Conflict(answer)
    if answer is None and expected_version != 0:
        raise ReportingError(_l("This answer has been removed; reload the page."))
    unchanged_copy = answer is not None and answer.source_kind and _state(answer) == new.state
    if unchanged_copy and change.copy is None:
        # the section's Save button posts every item: an unchanged copy is no edit, it keeps
        # its provenance and still needs confirming when it did (see app/reporting/prefill.py)
        return Saved(answer, new.problem, replayed=True)
    now = utcnow()
    provenance = change.copy.columns(now) if change.copy else NO_PROVENANCE
    if answer is None:
        state = {**new.state, **provenance}
        answer, created = _insert(report, node, loop_key, state, user, now, filled)
        if not created:  # the same first save, arrived twice at once: stored by the other
            return Saved(answer, new.problem, replayed=True)
    else:
        updated = db.session.execute(
            sa.update(Answer)
            .where(Answer.id == answer.id, Answer.version == expected_version)
            .values(
                **new.state,
                **provenance,
                version=expected_version + 1,
                updated_by_id=user.id,
                updated_at=now,
            )
            .execution_options(synchronize_session=False)
        )
        db.session.refresh(answer)
        if updated.rowcount != 1:
            raise Conflict(answer)
    # files are attached and removed one deliberate act at a time: each one stays in the history
    merge = not change.over_conflict and node.effective_type != AnswerType.FILE
    _revise(answer, user, now, merge=merge, copy=change.copy)
    if report.status in (ReportStatus.NOT_STARTED, ReportStatus.RETURNED):
        report.status = ReportStatus.IN_PROGRESS.value
    report.updated_at = now
    db.session.flush()
    return Saved(answer, new.problem)


@dataclass
class _NewState:
    state: dict[str, Any]
    problem: str | None = None


STATE_FIELDS = ("value", "typed", "other", "comment", "no_info")


def _state(answer: Answer | AnswerRevision | None) -> dict[str, Any]:
    if answer is None:
        return {"value": None, "typed": None, "other": "", "comment": "", "no_info": False}
    return {name: getattr(answer, name) for name in STATE_FIELDS}


def _new_state(answer: Answer | None, node: Node, change: Change, context) -> _NewState:
    state = _state(answer)
    problem = None
    if change.raw_given:
        try:
            state["value"] = answers.parse(
                node.effective_type, node.effective_config, change.raw, context
            )
            state["typed"] = None
        except answers.ValueProblem as error:
            state["value"], state["typed"], problem = None, change.raw, error.message
    if change.other is not None:
        state["other"] = _within_limit(change.other.strip())
    if change.comment is not None:
        state["comment"] = _within_limit(change.comment)
    if change.no_info is not None:
        state["no_info"] = bool(change.no_info)
    return _NewState(state, problem)


def _within_limit(text: str) -> str:
    """`text`, or a refusal of the whole save when it is longer than an answer may be (the
    stored answer stays as it was; the person's text stays in their field)."""
    if bounds.text_length(text) > text_kind.MAX_TEXT:
        raise ReportingError(text_kind.too_long())
    return text


def _insert(report, node, loop_key, state, user, now, filled) -> tuple[Answer, bool]:
    """(the answer, True) once inserted; (the one stored, False) when the same first save
    won the race; Conflict when a different one did."""
    answer = Answer(
        report_id=report.id,
        node_id=node.id,
        loop_key=loop_key,
        version=1,
        updated_by_id=user.id,
        updated_at=now,
        **state,
    )
    try:
        with db.session.begin_nested():
            db.session.add(answer)
    except IntegrityError:  # a first save of the same cell won the race
        existing = db.session.scalar(
            sa.select(Answer).where(
                Answer.report_id == report.id,
                Answer.node_id == node.id,
                Answer.loop_key == loop_key,
            )
        )
        if existing is not None and _state(existing) == {k: state[k] for k in STATE_FIELDS}:
            filled.answers[(node.id, loop_key)] = existing
            return existing, False
        raise Conflict(existing) from None
    filled.answers[(node.id, loop_key)] = answer
    return answer, True


def _revise(answer: Answer, user, now, merge: bool = True, copy: Provenance | None = None) -> None:
    """Leave a revision; a save by the person who made the latest one, within the merge window,
    updates it instead (autosave would otherwise leave one revision every few seconds). A copy
    is a revision of its own, which says where it came from, and no save merges into a copy or
    a confirmation: the history would then say the person's words were copied."""
    window = timedelta(seconds=current_app.config["REVISION_MERGE_SECONDS"])
    latest = db.session.scalar(
        sa.select(AnswerRevision)
        .where(AnswerRevision.answer_id == answer.id)
        .order_by(AnswerRevision.id.desc())
        .limit(1)
    )
    if (
        merge
        and copy is None
        and latest is not None
        and latest.kind is None
        and latest.user_id == user.id
        and latest.version == answer.version - 1
        and now - as_utc(latest.saved_at) < window
    ):
        revision = latest
    else:
        revision = AnswerRevision(answer_id=answer.id, user_id=user.id)
        db.session.add(revision)
    revision.version = answer.version
    revision.saved_at = now
    for name, value in _state(answer).items():
        setattr(revision, name, value)
    if copy is not None:
        revision.kind = copy.kind
        revision.source_answer_id = copy.source.id
        revision.source_version = copy.source.version


@dataclass
class RevisionSource:
    """Where a copied or confirmed revision's answer came from, as the history says it."""

    instrument_code: str
    questionnaire_code: str
    answered_at: Any  # when the source answer was given, in the version copied; None if unknown


def revision_sources(revisions: list[AnswerRevision]) -> dict[int, RevisionSource]:
    """For each copy and confirmation among `revisions` whose source answer still exists: its
    report's instrument and questionnaire, and when the source said what was copied."""
    wanted = {r.source_answer_id for r in revisions if r.source_answer_id is not None}
    if not wanted:
        return {}
    sources = {
        a.id: a
        for a in db.session.scalars(
            sa.select(Answer).where(Answer.id.in_(wanted)).options(joinedload(Answer.report))
        )
    }
    given_at = {
        (answer_id, version): saved_at
        for answer_id, version, saved_at in db.session.execute(
            sa.select(AnswerRevision.answer_id, AnswerRevision.version, AnswerRevision.saved_at)
            .where(AnswerRevision.answer_id.in_(wanted))
            .order_by(AnswerRevision.id)
        )
    }
    found = {}
    for revision in revisions:
        source = sources.get(revision.source_answer_id)
        if source is None:
            continue
        at = given_at.get((source.id, revision.source_version))
        if at is None and source.version == revision.source_version:
            at = source.updated_at
        questionnaire = source.report.questionnaire
        found[revision.id] = RevisionSource(questionnaire.instrument.code, questionnaire.code, at)
    return found


def history(answer: Answer) -> list[AnswerRevision]:
    return list(
        db.session.scalars(
            sa.select(AnswerRevision)
            .where(AnswerRevision.answer_id == answer.id)
            .order_by(AnswerRevision.id.desc())
        )
    )
