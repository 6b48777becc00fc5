"""Saving an answer without ever losing a word, and its history.

Saving is optimistic: each answer carries a version; a save names the version it was typed
against, and a save against an older one is refused as a conflict (never a silent overwrite),
unless it says exactly what is already stored (the same save replayed). Many answers are saved
at once (`save_answers`: a section's Save button, the demo) by the same rules, in statements
that do not grow with them; one autosave is a batch of one.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.dialects import postgresql
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload, lazyload
from sqlalchemy.orm.attributes import set_committed_value
from sqlalchemy.orm.util import identity_key

from app import answers, bounds
from app.answers.kinds import text as text_kind
from app.answers.types import AnswerType
from app.extensions import db
from app.questionnaires.models import Node
from app.reporting.errors import ReportingError
from app.reporting.models import Answer, AnswerRevision, Report, ReportStatus
from app.reporting.services import Filled
from app.utils import as_utc, utcnow

REMOVED = _l("This answer has been removed; reload the page.")


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
    # The person's own answer, brought in another way than typing on the page: the revision
    # kind that says how ("workbook": from the offline workbook). It is a revision of its own.
    via: str | None = None


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


@dataclass
class Edit:
    """What one save says of one answer cell, typed against `expected_version` (0: there was
    no answer yet)."""

    node: Node
    loop_key: str
    change: Change
    expected_version: int


# What became of an edit: Saved (or recognised as replayed), or refused -- a Conflict (its
# `answer` is the one someone else saved) or another ReportingError (its message says why).
Outcome = Saved | ReportingError


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
    """Save one answer typed against `expected_version` (0: there was none yet); a refusal is
    raised (Conflict, ReportingError). A batch of one: see `save_answers`."""
    edit = Edit(node, loop_key, change, expected_version)
    (outcome,) = save_answers(filled, [edit], user=user, locale=locale)
    if isinstance(outcome, ReportingError):
        raise outcome
    return outcome


def save_answers(filled: Filled, edits: Sequence[Edit], *, user, locale: str) -> list[Outcome]:
    """Save `edits` in the current transaction, each by the rules of one save, and say what
    became of each (in order). An edit refused or in conflict is left out; the others are saved.

    The statements do not grow with the edits: one read of the cells (locked until the commit
    on PostgreSQL; SQLite has one writer at a time), one write of the report, one bulk insert of
    the first answers and one executemany update of the others, one read of their latest
    revisions and one bulk write of the revisions. Only when another request stored one of the
    cells meanwhile (the version check, or a first save that won the race) are the writes made
    again one cell at a time. The same cell twice: the later edit is saved after the earlier,
    as two saves one after the other would be."""
    outcomes: list[Outcome | None] = [None] * len(edits)
    first, later, seen = [], [], set()
    for index, edit in enumerate(edits):
        cell = (edit.node.id, edit.loop_key)
        (later if cell in seen else first).append(index)
        seen.add(cell)
    _save_cells(filled, [(i, edits[i]) for i in first], outcomes, user, locale)
    if later:
        again = save_answers(filled, [edits[i] for i in later], user=user, locale=locale)
        for index, outcome in zip(later, again, strict=True):
            outcomes[index] = outcome
    return outcomes  # type: ignore[return-value]  # every one is set


@dataclass
class _Write:
    """An edit to store: a first answer of its cell (`answer` None) or the next version."""

    index: int
    edit: Edit
    answer: Answer | None
    state: dict[str, Any]  # the answer's parts and provenance
    problem: str | None

    @property
    def cell(self) -> tuple[int, str]:
        return (self.edit.node.id, self.edit.loop_key)


class _Moved(Exception):
    """A version check of the batch's update failed: another request saved meanwhile."""


def _save_cells(filled, indexed: list[tuple[int, Edit]], outcomes: list, user, locale) -> None:
    """`save_answers` for edits of distinct cells."""
    report = filled.report
    checked = []
    for index, edit in indexed:
        try:
            _check(filled, edit)
            checked.append((index, edit))
        except ReportingError as refusal:
            outcomes[index] = refusal
    if not checked:
        return
    cells = [(edit.node.id, edit.loop_key) for _index, edit in checked]
    held = filled.read_for_save
    current = {c: filled.answers[c] for c in cells if c in held and c in filled.answers}
    current.update(_current(report, [c for c in cells if c not in held]))
    context = answers.Context(locale, filled.species_keys, frozenset(filled.attachments))
    now = utcnow()
    writes = []
    for index, edit in checked:
        cell = (edit.node.id, edit.loop_key)
        answer = current.get(cell)
        if answer is None:
            filled.answers.pop(cell, None)  # removed since it was read
        else:
            filled.answers[cell] = answer  # as stored now: another request may have saved
        try:
            decided = _decide(index, edit, answer, context, now)
        except ReportingError as refusal:
            outcomes[index] = refusal
            continue
        if isinstance(decided, Saved):
            outcomes[index] = decided
        else:
            writes.append(decided)
    if not writes:
        return
    # the report first: on SQLite the write transaction begins here, so the savepoint of the
    # answers below is nested in it (a savepoint opened outside a transaction would commit)
    _report_changed(report, now)
    stored = _store(filled, writes, user, now)
    for write, result in stored:
        outcomes[write.index] = result
    saved = [(w, r) for w, r in stored if isinstance(r, Saved) and not r.replayed]
    _revise([(r.answer, w.edit) for w, r in saved], user, now)
    db.session.flush()


def _report_changed(report: Report, now) -> None:
    """`report` changed `now`: in progress if it was not started or returned (one statement;
    the session's copy as stored)."""
    status = report.status
    if status in (ReportStatus.NOT_STARTED, ReportStatus.RETURNED):
        status = ReportStatus.IN_PROGRESS.value
    changed = {"b_id": report.id, "status": status, "updated_at": now}
    db.session.execute(_update_statement(Report.__table__, ("b_id",)), changed)
    set_committed_value(report, "status", status)
    set_committed_value(report, "updated_at", now)


def _check(filled: Filled, edit: Edit) -> None:
    """Refuse an edit the report cannot take, whatever is stored."""
    report, node = filled.report, edit.node
    if not report.is_editable:
        raise ReportingError(_l("This report can no longer be changed."))
    if (
        node.is_section
        or node.questionnaire_id != report.questionnaire_id
        or not filled.holds(node.id)  # a Filled built for a contributor: their sections only
    ):
        raise ReportingError(_l("This question is not part of the report."))
    if not filled.valid_loop_key(node, edit.loop_key):
        raise ReportingError(_l("This species or site is not part of the report."))


def _current(report, cells: Sequence[tuple[int, str]]) -> dict[tuple[int, str], Answer]:
    """The answers stored now in `cells` (node id, loop key), read again whatever the session
    holds; on PostgreSQL locked until the commit, so that their versions stay what is checked."""
    if not cells:
        return {}
    stmt = (
        sa.select(Answer)
        .where(
            Answer.report_id == report.id,
            sa.tuple_(Answer.node_id, Answer.loop_key).in_(sorted(cells)),
        )
        .with_for_update(of=Answer)  # SQLite has no FOR UPDATE: its one writer at a time
        .options(lazyload(Answer.updated_by))  # read when a conflict shows who saved
        .execution_options(populate_existing=True)
    )
    return {(a.node_id, a.loop_key): a for a in db.session.scalars(stmt)}


def _decide(index: int, edit: Edit, answer: Answer | None, context, now) -> Saved | _Write:
    """Saved when there is nothing to store (a replay, an unchanged copy), the _Write to make
    otherwise; a Conflict or a refusal is raised."""
    change = edit.change
    new = _new_state(answer, edit.node, change, context)
    if answer is not None and answer.version != edit.expected_version:
        if _state(answer) == new.state:
            return Saved(answer, new.problem, replayed=True)
        raise Conflict(answer)
    if answer is None and edit.expected_version != 0:
        raise ReportingError(REMOVED)
    unchanged_copy = answer is not None and answer.source_kind and _state(answer) == new.state
    if unchanged_copy and change.copy is None:
        # the section's Save button posts every item: an unchanged copy is no edit, it keeps
        # its provenance and still needs confirming when it did (see app/reporting/prefill.py)
        return Saved(answer, new.problem, replayed=True)
    provenance = change.copy.columns(now) if change.copy else NO_PROVENANCE
    return _Write(index, edit, answer, {**new.state, **provenance}, new.problem)


def _store(filled, writes: list[_Write], user, now) -> list[tuple[_Write, Outcome]]:
    """Insert the first answers and update the others, all at once; if another request stored
    one of the cells meanwhile, nothing of it stays and each is stored on its own."""
    inserts = [w for w in writes if w.answer is None]
    updates = [w for w in writes if w.answer is not None]
    try:
        if inserts or len(updates) > 1:
            with db.session.begin_nested():
                _insert_rows(filled.report, inserts, user, now)
                _update_rows(updates, user, now)
        else:  # one update: its own version check is the guard, nothing to undo
            _update_rows(updates, user, now)
    except (IntegrityError, _Moved):
        return [(w, _store_one(filled, w, user, now)) for w in writes]
    stored = _inserted(filled, inserts)
    stored += [(w, _updated(w, user, now)) for w in updates]
    stored.sort(key=lambda pair: pair[0].index)
    return stored


def _store_one(filled, write: _Write, user, now) -> Outcome:
    """Store one write on its own: a first save that another request's first save of the same
    cell beat is a replay when it says the same, else a conflict; so is an update whose version
    moved on."""
    if write.answer is not None:
        try:
            _update_rows([write], user, now)
        except _Moved:
            answer = _current(filled.report, [write.cell]).get(write.cell)
            if answer is None:
                filled.answers.pop(write.cell, None)
                return ReportingError(REMOVED)
            filled.answers[write.cell] = answer
            return Conflict(answer)
        return _updated(write, user, now)
    try:
        with db.session.begin_nested():
            _insert_rows(filled.report, [write], user, now)
    except IntegrityError:  # a first save of the same cell won the race
        existing = _current(filled.report, [write.cell]).get(write.cell)
        if existing is None:
            raise
        filled.answers[write.cell] = existing
        if _state(existing) == {k: write.state[k] for k in STATE_FIELDS}:
            return Saved(existing, write.problem, replayed=True)
        return Conflict(existing)
    ((_write, saved),) = _inserted(filled, [write])
    return saved


def _insert_rows(report, writes: list[_Write], user, now) -> None:
    """Insert the first answers of `writes` (one executemany: the ids are read back after, by
    `_inserted`; RETURNING them would make one statement as long as all the rows, which the
    PostgreSQL driver parses at length)."""
    if not writes:
        return
    rows = [
        {
            "report_id": report.id,
            "node_id": w.edit.node.id,
            "loop_key": w.edit.loop_key,
            "version": 1,
            "updated_by_id": user.id,
            "updated_at": now,
            **w.state,
        }
        for w in writes
    ]
    db.session.execute(sa.insert(Answer.__table__), rows)


def _update_rows(writes: list[_Write], user, now) -> None:
    """Store the next version of each answer of `writes` (one statement, see `_update_rows_of`);
    _Moved when one of them is no longer at the version it was read at."""
    if not writes:
        return
    rows = [
        {"b_id": w.answer.id, "b_version": w.answer.version, **_next_columns(w, user, now)}
        for w in writes
    ]
    if _update_rows_of(Answer.__table__, rows) != len(rows):
        raise _Moved()


def _update_rows_of(table: sa.Table, rows: list[dict[str, Any]]) -> int:
    """Update rows of `table`, each as its dict of `rows` says: the keys named "b_<column>"
    find the row, the others are its new values (the same keys in every dict). How many rows
    matched.

    On PostgreSQL one statement, whatever the number of rows: each column's values go as one
    array, unnested side by side into the rows to update from (UPDATE … FROM), and the
    statement is compiled once per table and set of columns. One row (an autosave) is a plain
    UPDATE; on SQLite, in the same process, an executemany of one UPDATE costs no round trip."""
    keys = tuple(name for name in rows[0] if name.startswith("b_"))
    if len(rows) == 1 or db.session.get_bind().dialect.name != "postgresql":
        return db.session.execute(_update_statement(table, keys), rows).rowcount
    names = list(rows[0])
    given = sa.select(
        *(
            sa.func.unnest(
                sa.bindparam(
                    f"all_{name}",
                    [row[name] for row in rows],
                    type_=postgresql.ARRAY(table.c[name.removeprefix("b_")].type, dimensions=1),
                )
            ).label(name)
            for name in names
        )
    ).subquery("given")
    stmt = (
        sa.update(table)
        .where(*(table.c[k[2:]] == given.c[k] for k in keys))
        .values({name: given.c[name] for name in names if name not in keys})
    )
    return db.session.execute(stmt).rowcount


@functools.cache
def _update_statement(table: sa.Table, keys: tuple[str, ...]) -> sa.Update:
    """UPDATE `table` of the row whose columns the parameters `keys` ("b_<column>") name, to
    the values of the other parameters: built once (SQLAlchemy then finds its compiled form
    without working out the statement's cache key again)."""
    return sa.update(table).where(*(table.c[k[2:]] == sa.bindparam(k) for k in keys))


def _next_columns(write: _Write, user, now) -> dict[str, Any]:
    return {
        **write.state,
        "version": write.answer.version + 1,
        "updated_by_id": user.id,
        "updated_at": now,
    }


def _inserted(filled, writes: list[_Write]) -> list[tuple[_Write, Outcome]]:
    """The answers just inserted, read back (one statement)."""
    if not writes:
        return []
    stored = _current(filled.report, [w.cell for w in writes])
    filled.answers.update(stored)
    return [(w, Saved(stored[w.cell], w.problem)) for w in writes]


def _updated(write: _Write, user, now) -> Saved:
    """The answer just updated, as stored (no statement)."""
    answer = write.answer
    for name, value in _next_columns(write, user, now).items():
        set_committed_value(answer, name, value)
    db.session.expire(answer, ["updated_by"])
    return Saved(answer, write.problem)


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


def _revise(saved: list[tuple[Answer, Edit]], user, now) -> None:
    """Leave a revision of each answer saved; a save by the person who made the latest one,
    within the merge window, updates it instead (autosave would otherwise leave one revision
    every few seconds). A copy is a revision of its own, which says where it came from, and no
    save merges into a copy or a confirmation: the history would then say the person's words
    were copied. Files are attached and removed one deliberate act at a time, and a text kept
    over someone else's stays in the history: neither merges. One save (an autosave): one
    update of the latest revision if it merges, else one insert. More: one read of the latest
    revisions, one insert of the new ones, one update of those merged into."""
    since = now - timedelta(seconds=current_app.config["REVISION_MERGE_SECONDS"])
    states = {
        answer.id: {"version": answer.version, "saved_at": now, **_state(answer)}
        for answer, _edit in saved
    }
    may_merge = [
        answer
        for answer, edit in saved
        if answer.version > 1
        and not edit.change.over_conflict
        and edit.node.effective_type != AnswerType.FILE
        and edit.change.copy is None
        and edit.change.via is None
    ]
    if len(saved) == 1:
        into = {a.id: _merged_into_latest(a, states[a.id], user, since) for a in may_merge}
        merged = {answer_id: r for answer_id, r in into.items() if r is not None}
    else:
        merged = _merged_into_latests(may_merge, states, user, since)
    added = []
    for answer, edit in saved:
        if answer.id in merged:
            continue
        copy = edit.change.copy
        added.append(
            {
                "answer_id": answer.id,
                "user_id": user.id,
                **states[answer.id],
                "kind": copy.kind if copy else edit.change.via,
                "source_answer_id": copy.source.id if copy else None,
                "source_version": copy.source.version if copy else None,
            }
        )
    if added:
        db.session.execute(sa.insert(AnswerRevision.__table__), added)
    for answer_id, revision_id in merged.items():
        # the session's copy of the revision merged into, if it holds one, as stored
        held = db.session.identity_map.get(identity_key(AnswerRevision, revision_id))
        for name, value in states[answer_id].items() if held is not None else ():
            set_committed_value(held, name, value)


def _merged_into_latest(answer: Answer, state: dict[str, Any], user, since) -> int | None:
    """Update the latest revision of `answer` to `state` if the save merges into it (one
    statement): the id of the revision updated, or None."""
    found = db.session.execute(
        _merge_statement(),
        {
            **state,
            "b_answer_id": answer.id,
            "b_user_id": user.id,
            "b_version": answer.version - 1,
            "b_since": since,
        },
    )
    return found.scalar()


@functools.cache
def _merge_statement() -> sa.Update:
    """UPDATE the latest revision of an answer (b_answer_id) if a save merges into it: the
    person's own words (no copy, no confirmation) by b_user_id, of the version before
    (b_version), saved after b_since (within the window); the same rule as
    `_merged_into_latests`'. Built once, as `_update_statement`."""
    t = AnswerRevision.__table__
    latest = sa.select(sa.func.max(t.c.id)).where(t.c.answer_id == sa.bindparam("b_answer_id"))
    return (
        sa.update(t)
        .where(
            t.c.id == latest.scalar_subquery(),
            t.c.kind.is_(None),
            t.c.user_id == sa.bindparam("b_user_id"),
            t.c.version == sa.bindparam("b_version"),
            t.c.saved_at > sa.bindparam("b_since"),
        )
        .returning(t.c.id)
    )


def _merged_into_latests(
    answers: list[Answer], states: dict[int, dict[str, Any]], user, since
) -> dict[int, int]:
    """`_merged_into_latest` for several answers (the same rule, `_merge_statement`): one read of
    their latest revisions, one update of those the saves merge into. The revision merged
    into, by answer id."""
    latest = _latest_revisions([answer.id for answer in answers])
    merged = {}
    for answer in answers:
        last = latest.get(answer.id)
        if (
            last is not None
            and last.kind is None
            and last.user_id == user.id
            and last.version == answer.version - 1
            and as_utc(last.saved_at) > since
        ):
            merged[answer.id] = last.id
    if merged:
        rows = [{"b_id": merged[answer_id], **states[answer_id]} for answer_id in merged]
        _update_rows_of(AnswerRevision.__table__, rows)
    return merged


def _latest_revisions(answer_ids: list[int]) -> dict[int, sa.Row]:
    """The latest revision of each of the answers `answer_ids`, by answer id: what deciding
    whether a save merges into it reads (rows, not objects: none is kept)."""
    if not answer_ids:
        return {}
    newest = (
        sa.select(sa.func.max(AnswerRevision.id))
        .where(AnswerRevision.answer_id.in_(answer_ids))
        .group_by(AnswerRevision.answer_id)
    )
    r = AnswerRevision
    stmt = sa.select(r.id, r.answer_id, r.version, r.kind, r.user_id, r.saved_at).where(
        r.id.in_(newest)
    )
    return {row.answer_id: row for row in db.session.execute(stmt)}


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
