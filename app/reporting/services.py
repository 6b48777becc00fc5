"""Reports and answers: who owes what, saving an answer without ever losing a word, skip logic
applied on the server (the authority), section states, the validation report and history.

Saving is optimistic: each answer carries a version; a save names the version it was typed
against, and a save against an older one is refused as a conflict (never a silent overwrite),
unless it says exactly what is already stored (the same save replayed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from functools import cached_property
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError

from app import answers
from app.answers import reading
from app.answers.kinds import text as text_kind
from app.answers.types import AnswerType
from app.directory import services as directory
from app.directory.models import Membership
from app.extensions import db
from app.questionnaires import render as render_module
from app.questionnaires import tree as tree_module
from app.questionnaires.conditions import is_answered
from app.questionnaires.models import Node, Questionnaire, Status
from app.reporting.models import (
    Answer,
    AnswerRevision,
    Attachment,
    Report,
    ReportStatus,
    Site,
)
from app.utils import as_utc, utcnow

OPEN_QUESTIONNAIRE_STATUSES = {Status.PUBLISHED.value, Status.CLOSED.value}


class ReportingError(Exception):
    def __init__(self, message) -> None:
        super().__init__(str(message))
        self.message = str(message)


class Conflict(ReportingError):
    """Someone else saved this answer since the version the person typed against."""

    def __init__(self, answer: Answer) -> None:
        super().__init__(_l("Someone else changed this answer while you were typing."))
        self.answer = answer


# --- who owes what ------------------------------------------------------------------------------


def open_reports(questionnaire: Questionnaire) -> int:
    """Give every party that owes `questionnaire` its report (at publication); returns how many
    were created."""
    if questionnaire.status not in OPEN_QUESTIONNAIRE_STATUSES:
        return 0
    have = set(
        db.session.scalars(
            sa.select(Report.party_id).where(Report.questionnaire_id == questionnaire.id)
        )
    )
    created = 0
    for party in directory.reporting_parties(questionnaire.instrument):
        if party.id not in have:
            db.session.add(Report(questionnaire=questionnaire, party=party))
            created += 1
    db.session.flush()
    return created


def open_reports_for_membership(membership: Membership) -> None:
    """A party that joins after publication gets the reports of the open questionnaires."""
    stmt = sa.select(Questionnaire).where(
        Questionnaire.instrument_id == membership.instrument_id,
        Questionnaire.status == Status.PUBLISHED.value,
    )
    for questionnaire in db.session.scalars(stmt):
        open_reports(questionnaire)


def report_by_id(report_id: int) -> Report | None:
    return db.session.get(Report, report_id)


def reports_of_focal_point(scopes: set[tuple[int, int]]) -> list[Report]:
    """The reports owed by the (party, instrument) pairs a focal point works for, soonest
    deadline first."""
    if not scopes:
        return []
    pairs = [
        sa.and_(Report.party_id == party_id, Questionnaire.instrument_id == instrument_id)
        for party_id, instrument_id in scopes
    ]
    stmt = (
        sa.select(Report)
        .join(Report.questionnaire)
        .where(sa.or_(*pairs), Questionnaire.status.in_(OPEN_QUESTIONNAIRE_STATUSES))
        .order_by(Questionnaire.deadline.nulls_last(), Questionnaire.code)
    )
    return list(db.session.scalars(stmt))


# --- sites --------------------------------------------------------------------------------------


def sites_of(party_id: int) -> list[Site]:
    stmt = (
        sa.select(Site)
        .where(Site.party_id == party_id, Site.removed.is_(False))
        .order_by(Site.name, Site.id)
    )
    return list(db.session.scalars(stmt))


def add_site(party_id: int, name: str, latitude=None, longitude=None) -> Site:
    site = Site(party_id=party_id, name=_site_name(name), latitude=latitude, longitude=longitude)
    db.session.add(site)
    db.session.flush()
    return site


def rename_site(site: Site, name: str, latitude=None, longitude=None) -> None:
    site.name = _site_name(name)
    site.latitude, site.longitude = latitude, longitude
    db.session.flush()


def remove_site(site: Site) -> None:
    """Removed sites leave the loops; their answers stay on record."""
    site.removed = True
    db.session.flush()


def _site_name(name: str) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise ReportingError(_l("Give the site a name."))
    if len(name) > 200:
        raise ReportingError(_l("A site name has at most 200 characters."))
    return name


class SiteInvalid(ReportingError):
    """What was typed for a site cannot be saved: `errors` maps each field ("name",
    "latitude", "longitude") to its translated message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__(next(iter(errors.values())))
        self.errors = errors


def site_of(party_id: int, site_id: int) -> Site | None:
    """One of the party's current sites; None for another party's site or a removed one."""
    site = db.session.get(Site, site_id)
    if site is None or site.party_id != party_id or site.removed:
        return None
    return site


def parse_coordinates(latitude: str | None, longitude: str | None, locale: str):
    """(latitude, longitude) in decimal degrees from what was typed in `locale`'s format
    ("14,6937" in French or Spanish, "14.6937" in English; the canonical form always works).
    Both or neither: (None, None) when both are empty. Raises SiteInvalid."""
    typed = {"latitude": latitude, "longitude": longitude}
    read: dict[str, float | None] = {}
    errors: dict[str, str] = {}
    for part, text in typed.items():
        try:
            read[part] = reading.read_degrees(part, text, locale)
        except answers.ValueProblem as error:
            errors[part] = error.message
    if not errors and (read["latitude"] is None) != (read["longitude"] is None):
        if read["latitude"] is None:
            errors["latitude"] = str(_l("Give the latitude too, or leave both coordinates empty."))
        else:
            errors["longitude"] = str(
                _l("Give the longitude too, or leave both coordinates empty.")
            )
    if errors:
        raise SiteInvalid(errors)
    return read["latitude"], read["longitude"]


def save_site(
    party_id: int,
    site: Site | None,
    *,
    name: str | None,
    latitude: str | None,
    longitude: str | None,
    locale: str,
    actor=None,
) -> Site:
    """Add a site to the party (`site` None) or change `site`, from what the person typed, and
    record who did. Everything is checked before anything changes; SiteInvalid carries a
    message per field."""
    from app.audit import services as audit

    errors: dict[str, str] = {}
    clean = ""
    try:
        clean = _site_name(name or "")
    except ReportingError as error:
        errors["name"] = error.message
    else:
        others = [s for s in sites_of(party_id) if site is None or s.id != site.id]
        if any(s.name.casefold() == clean.casefold() for s in others):
            errors["name"] = str(_l("Another site of the party already has this name."))
    coordinates: tuple[float | None, float | None] = (None, None)
    try:
        coordinates = parse_coordinates(latitude, longitude, locale)
    except SiteInvalid as invalid:
        errors.update(invalid.errors)
    if errors:
        raise SiteInvalid(errors)
    action = "site.add" if site is None else "site.change"
    if site is None:
        site = add_site(party_id, clean, *coordinates)
    else:
        rename_site(site, clean, *coordinates)
    audit.record(actor, action, site, clean, party_id=party_id, coordinates=list(coordinates))
    return site


def withdraw_site(site: Site, actor=None) -> None:
    """Remove `site` from the party's loops (its answers stay) and record who did."""
    from app.audit import services as audit

    remove_site(site)
    audit.record(actor, "site.remove", site, site.name, party_id=site.party_id)


def site_answer_counts(report: Report) -> dict[str, int]:
    """How many answers `report` holds for each site, by loop key (removed sites included)."""
    current = tree_module.load(report.questionnaire)
    in_site_loops = [
        node.id
        for node in current.items()
        if (loop := current.loop_section(node)) is not None and loop.loop == "site"
    ]
    if not in_site_loops:
        return {}
    stmt = (
        sa.select(Answer.loop_key, sa.func.count())
        .where(Answer.report_id == report.id, Answer.node_id.in_(in_site_loops))
        .group_by(Answer.loop_key)
    )
    return {key: count for key, count in db.session.execute(stmt)}


def has_site_loop(questionnaire: Questionnaire) -> bool:
    """Whether some section of `questionnaire` repeats for each site of the party."""
    stmt = sa.select(Node.id).where(Node.questionnaire_id == questionnaire.id, Node.loop == "site")
    return db.session.scalar(stmt.limit(1)) is not None


# --- reading a report ---------------------------------------------------------------------------


@dataclass
class Filled:
    """A report with its tree, its answers and the questionnaire expanded for them."""

    report: Report
    tree: tree_module.Tree
    answers: dict[tuple[int, str], Answer]
    rendered: render_module.Rendered | None
    species_keys: frozenset[str]
    site_keys: frozenset[str]
    lang: str = "en"
    sites: list[Site] = field(default_factory=list)
    species_entries: list = field(default_factory=list)
    attachments: dict[int, Attachment] = field(default_factory=dict)

    @cached_property
    def saying(self) -> answers.Saying:
        """What saying this report's answers in words needs: the reader's language, the
        instrument's working languages, and the names of its species, sites and files."""
        species = {
            e.species.taxon_id: answers.Named(
                dict(e.species.common_name or {}), e.species.scientific_name
            )
            for e in self.species_entries
        }
        return answers.Saying(
            self.lang,
            self.report.questionnaire.instrument,
            species=species,
            sites={site.key: answers.Named(site.name) for site in self.sites},
            files={i: a.filename for i, a in self.attachments.items()},
        )

    def words(self, node, answer, *, short: bool = True) -> str:
        """`answer` (a stored answer or a revision) of `node` in words, in the reader's
        language: one line (`short`) or in full."""
        return answers.answer_words(
            node.effective_type, node.effective_config, answer, self.saying, short=short
        )

    def evaluate(self) -> None:
        """Expand the questionnaire for the answers held now (after a save: no new loading)."""
        by_id = self.tree.by_id
        for_conditions = {
            (by_id[node_id].code, loop_key): (None if answer.no_info else answer.value)
            for (node_id, loop_key), answer in self.answers.items()
            if node_id in by_id
        }
        self.rendered = render_module.render(
            self.report.questionnaire,
            for_conditions,
            self.lang,
            sites=[(site.key, site.name) for site in self.sites],
            current=self.tree,
            species=self.species_entries,
        )

    def answer(self, item: render_module.RenderedItem) -> Answer | None:
        return self.answers.get((item.node.id, item.loop_key))

    def valid_loop_key(self, node: Node, loop_key: str) -> bool:
        loop = self.tree.loop_section(node)
        if loop is None:
            return loop_key == render_module.NO_LOOP
        keys = self.species_keys if loop.loop == "species" else self.site_keys
        return loop_key in keys


def attachments_of(report: Report) -> dict[int, Attachment]:
    stmt = sa.select(Attachment).where(Attachment.report_id == report.id)
    return {a.id: a for a in db.session.scalars(stmt)}


def answers_of(report: Report) -> dict[tuple[int, str], Answer]:
    stmt = sa.select(Answer).where(Answer.report_id == report.id)
    return {(a.node_id, a.loop_key): a for a in db.session.scalars(stmt)}


def fill(report: Report, lang: str) -> Filled:
    """Load and expand `report` for `lang` (a fixed number of queries, whatever its size)."""
    current = tree_module.load(report.questionnaire)
    sites = sites_of(report.party_id)
    entries = tree_module.species_entries(report.questionnaire)
    filled = Filled(
        report,
        current,
        answers_of(report),
        None,
        frozenset(e.species.taxon_id for e in entries),
        frozenset(s.key for s in sites),
        lang=lang,
        sites=sites,
        species_entries=entries,
        attachments=attachments_of(report),
    )
    filled.evaluate()
    return filled


# --- saving -------------------------------------------------------------------------------------


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
    if node.is_section or node.questionnaire_id != report.questionnaire_id:
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
    _revise(answer, user, now, merge=merge)
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
        state["other"] = change.other.strip()[: text_kind.MAX_TEXT]
    if change.comment is not None:
        state["comment"] = change.comment[: text_kind.MAX_TEXT]
    if change.no_info is not None:
        state["no_info"] = bool(change.no_info)
    return _NewState(state, problem)


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


def _revise(answer: Answer, user, now, merge: bool = True) -> None:
    """Leave a revision; a save by the person who made the latest one, within the merge window,
    updates it instead (autosave would otherwise leave one revision every few seconds)."""
    window = timedelta(seconds=current_app.config["REVISION_MERGE_SECONDS"])
    latest = db.session.scalar(
        sa.select(AnswerRevision)
        .where(AnswerRevision.answer_id == answer.id)
        .order_by(AnswerRevision.id.desc())
        .limit(1)
    )
    if (
        merge
        and latest is not None
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


def history(answer: Answer) -> list[AnswerRevision]:
    return list(
        db.session.scalars(
            sa.select(AnswerRevision)
            .where(AnswerRevision.answer_id == answer.id)
            .order_by(AnswerRevision.id.desc())
        )
    )


# --- states and validation ----------------------------------------------------------------------


class SectionState(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETE = "complete"
    HAS_ERRORS = "has_errors"

    @property
    def label(self) -> str:
        return str(SECTION_STATE_LABELS[self])


SECTION_STATE_LABELS = {
    SectionState.NOT_STARTED: _l("Not started"),
    SectionState.IN_PROGRESS: _l("In progress"),
    SectionState.COMPLETE: _l("Complete"),
    SectionState.HAS_ERRORS: _l("Has errors"),
}


class IssueKind(StrEnum):
    MISSING = "missing"
    INVALID = "invalid"


@dataclass
class Issue:
    item: render_module.RenderedItem
    section: render_module.RenderedSection | None
    kind: IssueKind
    message: str
    iteration_label: Any = None


def is_given(answer: Answer | None) -> bool:
    """Answered, or marked "no information available"."""
    if answer is None:
        return False
    return answer.no_info or is_answered(answer.value)


def issues(filled: Filled, locale: str) -> list[Issue]:
    """Every missing required answer and every unreadable value among the visible items, in
    questionnaire order. Hidden items are kept but not validated."""
    found: list[Issue] = []
    context = answers.Context(locale, filled.species_keys)
    for section, item, label in visible_items(filled.rendered):
        answer = filled.answer(item)
        if answer is not None and answer.is_invalid and not answer.no_info:
            node = item.node
            try:
                answers.parse(node.effective_type, node.effective_config, answer.typed, context)
                message = str(_l("This value cannot be read."))
            except answers.ValueProblem as error:
                message = error.message
            found.append(Issue(item, section, IssueKind.INVALID, message, label))
        elif item.node.required and not is_given(answer):
            found.append(
                Issue(
                    item,
                    section,
                    IssueKind.MISSING,
                    str(_l("A required answer is missing.")),
                    label,
                )
            )
    return found


def visible_items(rendered: render_module.Rendered):
    """(top-level section, item, iteration label) for every visible item."""

    def walk(section, top, label):
        if not section.visible:
            return
        for block in section.blocks:
            block_label = block.iteration.label if block.iteration else label
            for child in block.children:
                if isinstance(child, render_module.RenderedSection):
                    yield from walk(child, top, block_label)
                elif child.visible:
                    yield top, child, block_label

    for item in rendered.loose_items:
        if item.visible:
            yield None, item, None
    for section in rendered.sections:
        yield from walk(section, section, None)


@dataclass
class Progress:
    answered: int = 0
    required: int = 0
    states: dict[int, SectionState] = field(default_factory=dict)

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.required) if self.required else 100


def progress(filled: Filled, found_issues: list[Issue]) -> Progress:
    """Answered required / required among visible items, and each top-level section's state."""
    result = Progress()
    with_errors = {
        i.section.node.id for i in found_issues if i.kind == IssueKind.INVALID and i.section
    }
    started: set[int] = set()
    missing: set[int] = set()
    for section, item, _label in visible_items(filled.rendered):
        answer = filled.answer(item)
        section_id = section.node.id if section else 0
        if answer is not None:
            started.add(section_id)
        if item.node.required:
            result.required += 1
            if is_given(answer):
                result.answered += 1
            else:
                missing.add(section_id)
    for section in filled.rendered.sections:
        node_id = section.node.id
        if node_id in with_errors:
            state = SectionState.HAS_ERRORS
        elif node_id not in started:
            state = SectionState.NOT_STARTED
        elif node_id in missing:
            state = SectionState.IN_PROGRESS
        else:
            state = SectionState.COMPLETE
        result.states[node_id] = state
    return result


def hidden_answers(filled: Filled) -> set[tuple[int, str]]:
    """Answers kept on record for items that the other answers now hide."""
    visible = {(i.node.id, i.loop_key) for _s, i, _l in visible_items(filled.rendered)}
    return {key for key in filled.answers if key not in visible}


def display_values(filled: Filled, items, locale: str) -> Mapping[str, Any]:
    """What the form fields of `items` show: stored values in the locale's format, or what was
    typed when it could not be read."""
    from werkzeug.datastructures import MultiDict

    from app.reporting import fields

    shown = MultiDict()
    for item in items:
        answer = filled.answer(item)
        if answer is None:
            continue
        node = item.node
        raw = (
            answer.typed
            if answer.is_invalid
            else answers.form_value(
                node.effective_type, node.effective_config, answer.value, locale
            )
        )
        fields.put(shown, item.field_name, node.effective_type, raw, answer)
    return shown
