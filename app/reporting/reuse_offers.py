"""Answer once, report many: the answers a party gave in its reports for other instruments,
offered to the items of a report that ask the same bank question, copied with their provenance,
and flagged when their source changes later. The previous cycle of the same instrument is
prefill.py's business (its copies must be confirmed); both share the matching here and the
copying in reuse_copying.py.

What may be offered to a cell of report R (party P):
* an answer of P in a report for ANOTHER instrument whose questionnaire is published or closed
  (the same instrument's earlier cycles are pre-fill, never reuse: old answers must not pass as
  new without a confirmation);
* to an item pinned to a version of the same bank question that is compatible with the cell's
  (DESIGN.md, `bank.services.compatible`, whichever of the two is older), and inside a loop for
  the same taxon or site (the loop key);
* given (answered, or "no information") and reading back exactly the same as the cell's answer:
  a choice, species or bound the cell's question lacks makes it not offered; files are never
  copied (they belong to their report);
* in a report the person may read (policy "report.view"): the focal point of France for CMS who
  is not focal point for AEWA is not offered France's AEWA answers;
* only to a cell without an answer of its own (a comment alone does not count as one). With
  several sources the most recently updated is offered and the others are listed.

A copied answer keeps its source (answer, version, kind, time); when the source is later saved
again with another value it is "source changed" and can be updated in one click. Every match is
computed for a whole report (or all of a focal point's reports) in a fixed number of queries.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import joinedload, lazyload

from app import answers, policy
from app.answers.types import AnswerType
from app.auth.models import User
from app.bank import services as bank
from app.bank.models import BankVersion, Species, SpeciesListEntry
from app.extensions import db
from app.questionnaires import render as render_module
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Node, Questionnaire
from app.reporting import completeness, delegation, services
from app.reporting.models import Answer, Report, Site
from app.reporting.saving import Change
from app.reporting.services import Filled
from app.utils import as_utc

REUSE, PREFILL = "reuse", "prefill"
CHANGED = "changed"  # an offer to update a copy from its changed source
SOURCE_STATUSES = services.OPEN_QUESTIONNAIRE_STATUSES
NOT_COPIED = {AnswerType.FILE}

Key = tuple[int, str]  # (node id, loop key)


@dataclass
class Source:
    """An answer another report holds, as one of this report's cells may copy it."""

    answer: Answer
    report: Report
    version: BankVersion | None  # what its item asked (None: a local item)
    by: str = ""  # who saved it last
    text: str = ""  # its value in words, as the cell's question reads it

    @property
    def instrument_code(self) -> str:
        return self.report.questionnaire.instrument.code

    @property
    def questionnaire_code(self) -> str:
        return self.report.questionnaire.code

    @property
    def updated_at(self) -> datetime:
        return as_utc(self.answer.updated_at)


@dataclass
class Offer:
    """What a cell is offered: a source to reuse (kind "reuse", an empty cell) or the new
    value of a copy's source (kind "changed")."""

    item: render_module.RenderedItem
    source: Source
    others: list[Source] = field(default_factory=list)
    kind: str = REUSE
    current: Answer | None = None

    @property
    def key(self) -> Key:
        return (self.item.node.id, self.item.loop_key)

    @property
    def sources(self) -> list[Source]:
        return [self.source, *self.others]


@dataclass
class Copy:
    """Where a copied answer came from, and whether its source has changed since."""

    answer: Answer
    source: Source | None  # None: the source answer no longer exists
    changed: bool = False

    @property
    def kind(self) -> str:
        return self.answer.source_kind or REUSE

    @property
    def copied_at(self) -> datetime | None:
        return as_utc(self.answer.copied_at)

    @property
    def needs_confirmation(self) -> bool:
        return self.answer.needs_confirmation


# --- matching -----------------------------------------------------------------------------------


def versions_compatible(a: BankVersion, b: BankVersion) -> bool:
    """Whether answers to one version can stand for the other: the older against the newer."""
    if a.id == b.id:
        return True
    older, newer = sorted((a, b), key=lambda v: v.number)
    return bank.compatible(older, newer)


def copy_change(
    node: Node,
    source: Answer,
    species_keys: Iterable[str],
    locale: str,
    current: Answer | None = None,
) -> Change | None:
    """The save that makes `source` the answer to `node`; None when it would not read exactly
    the same there (or is not given). A comment of the cell's own is kept when the source has
    none."""
    if node.effective_type in NOT_COPIED or not completeness.is_given(source):
        return None
    raw = None
    if source.value is not None and not source.is_invalid:
        answer_type, config = node.effective_type, node.effective_config
        raw = answers.form_value(answer_type, config, source.value, locale)
        context = answers.Context(locale, frozenset(species_keys))
        try:
            read = answers.parse(answer_type, config, raw, context)
        except (answers.ValueProblem, ValueError, TypeError, AttributeError):
            return None
        if not _same(read, source.value):
            return None
    keep_comment = current is not None and current.comment and not source.comment
    return Change(
        raw=raw,
        raw_given=True,
        other=source.other,
        comment=None if keep_comment else source.comment,
        no_info=source.no_info,
    )


def _same(read: Any, value: Any) -> bool:
    if isinstance(read, list) and isinstance(value, list):
        return sorted(map(str, read)) == sorted(map(str, value))
    return read == value


def same_state(answer: Answer, source: Answer) -> bool:
    """The same value, "other" text and "no information" flag."""
    return (
        _same(answer.value, source.value)
        and (answer.other or "") == (source.other or "")
        and bool(answer.no_info) == bool(source.no_info)
    )


def is_empty(answer: Answer | None) -> bool:
    """No answer of its own: nothing given, nothing kept as typed (a comment may be there)."""
    return answer is None or (not completeness.is_given(answer) and not answer.is_invalid)


def _reusable_item(node: Node) -> bool:
    return node.bank_version is not None and node.effective_type not in NOT_COPIED


def reads(user, report: Report, node_id: int, scopes: dict) -> bool:
    """Whether `user` reads the answer to `node_id` in `report`: the whole report, or a
    section of it delegated to them (the policy's section rule). `scopes` caches each report's
    scope for the caller."""
    if report.id not in scopes:
        scopes[report.id] = policy.section_scope(user, report)
    scope = scopes[report.id]
    if scope is None:
        return True
    return bool(scope) and delegation.top_section_id(node_id) in scope


def _sources(party_ids: set[int], question_ids: set[int], user) -> dict[tuple, list[Source]]:
    """The parties' given answers to these bank questions in readable reports of open
    questionnaires, by (party, question, loop key), most recently updated first. One query."""
    if not party_ids or not question_ids:
        return {}
    stmt = (
        sa.select(Answer, Report, BankVersion, User.name)
        .join(Report, Answer.report_id == Report.id)
        .join(Questionnaire, Report.questionnaire_id == Questionnaire.id)
        .join(Node, Answer.node_id == Node.id)
        .join(BankVersion, Node.bank_version_id == BankVersion.id)
        .outerjoin(User, Answer.updated_by_id == User.id)
        .where(
            Report.party_id.in_(party_ids),
            Questionnaire.status.in_(SOURCE_STATUSES),
            BankVersion.question_id.in_(question_ids),
        )
        .options(lazyload(Answer.updated_by))
        .order_by(Answer.updated_at.desc(), Answer.id.desc())
    )
    scopes: dict[int, frozenset[int] | None] = {}
    found: dict[tuple, list[Source]] = defaultdict(list)
    for answer, report, version, name in db.session.execute(stmt):
        if reads(user, report, answer.node_id, scopes) and completeness.is_given(answer):
            key = (report.party_id, version.question_id, answer.loop_key)
            found[key].append(Source(answer, report, version, name or ""))
    return found


def _fitting(
    report: Report,
    node: Node,
    current: Answer | None,
    group: list[Source],
    species_keys: Iterable[str],
    locale: str,
) -> list[Source]:
    """The sources of `group` that may fill the cell (`node`, its current answer) of `report`."""
    if not is_empty(current) or (current is not None and current.source_answer_id):
        return []
    instrument_id = report.questionnaire.instrument_id
    return [
        s
        for s in group
        if s.report.id != report.id
        and s.report.questionnaire.instrument_id != instrument_id
        and versions_compatible(s.version, node.bank_version)
        and not (current is not None and same_state(current, s.answer))
        and copy_change(node, s.answer, species_keys, locale) is not None
    ]


def copies(filled: Filled, user) -> dict[Key, Copy]:
    """Every copied answer of the report with its source; "changed" when the person may read
    the source and it has been saved again since with another value (one query)."""
    copied = {k: a for k, a in filled.answers.items() if a.source_kind}
    ids = {a.source_answer_id for a in copied.values() if a.source_answer_id}
    sources: dict[int, Source] = {}
    if ids:
        stmt = (
            sa.select(Answer, Report, User.name)
            .join(Report, Answer.report_id == Report.id)
            .outerjoin(User, Answer.updated_by_id == User.id)
            .where(Answer.id.in_(ids))
            .options(lazyload(Answer.updated_by))
        )
        for answer, report, name in db.session.execute(stmt):
            sources[answer.id] = Source(answer, report, None, name or "")
    result: dict[Key, Copy] = {}
    for key, answer in copied.items():
        node = filled.tree.by_id.get(answer.node_id)
        source = sources.get(answer.source_answer_id)
        changed = (
            node is not None
            and source is not None
            and source.answer.version > (answer.source_version or 0)
            and not same_state(answer, source.answer)
            and reads(user, source.report, source.answer.node_id, {})
            and copy_change(node, source.answer, filled.species_keys, filled.lang) is not None
        )
        if changed:
            source.text = filled.words(node, source.answer)
        result[key] = Copy(answer, source, changed)
    return result


def offers(filled: Filled, user, copied: dict[Key, Copy] | None = None) -> dict[Key, Offer]:
    """What each cell of the report (of the part it holds, when it holds one) is offered (a
    fixed number of queries, whatever its size):
    a source to reuse for an empty cell, the new value of a copy whose source changed."""
    report = filled.report
    held = filled.part.nodes if filled.part is not None else None  # a page's: its items only
    items = [
        i
        for i in filled.rendered.items()
        if _reusable_item(i.node) and (held is None or i.node.id in held)
    ]
    found = _sources({report.party_id}, {i.node.bank_version.question_id for i in items}, user)
    result: dict[Key, Offer] = {}
    for item in items:
        key = (item.node.id, item.loop_key)
        current = filled.answers.get(key)
        group = found.get((report.party_id, item.node.bank_version.question_id, item.loop_key))
        fitting = (
            _fitting(report, item.node, current, group, filled.species_keys, filled.lang)
            if group
            else []
        )
        for source in fitting:
            source.text = filled.words(item.node, source.answer)
        if fitting:
            result[key] = Offer(item, fitting[0], fitting[1:], REUSE, current)
    copied = copies(filled, user) if copied is None else copied
    items_by_key = {(i.node.id, i.loop_key): i for i in filled.rendered.items()}
    for key, copy in copied.items():
        if copy.changed and key in items_by_key:
            result[key] = Offer(items_by_key[key], copy.source, [], CHANGED, copy.answer)
    return result


# --- the cycle view -----------------------------------------------------------------------------


def reusable_counts(reports: list[Report], user) -> dict[int, int]:
    """For each report, how many of its cells are offered an answer to reuse (whatever the
    skip logic: a hidden item counts). A fixed number of queries for all the reports."""
    if not reports:
        return {}
    questionnaires = {r.questionnaire_id: r.questionnaire for r in reports}
    nodes = db.session.scalars(
        sa.select(Node)
        .where(Node.questionnaire_id.in_(questionnaires))
        .options(joinedload(Node.bank_version))
    ).all()
    trees = {
        qid: tree_module.Tree(q, [n for n in nodes if n.questionnaire_id == qid])
        for qid, q in questionnaires.items()
    }
    items = {qid: [n for n in tree.items() if _reusable_item(n)] for qid, tree in trees.items()}
    question_ids = {n.bank_version.question_id for found in items.values() for n in found}
    party_ids = {r.party_id for r in reports}
    found = _sources(party_ids, question_ids, user)
    if not found:
        return {r.id: 0 for r in reports}
    answers = {
        (a.report_id, a.node_id, a.loop_key): a
        for a in db.session.scalars(
            sa.select(Answer)
            .where(Answer.report_id.in_([r.id for r in reports]))
            .options(lazyload(Answer.updated_by))
        )
    }
    species = _species_keys({q.species_list_id for q in questionnaires.values()})
    sites = _site_keys(party_ids)
    by_question: dict[tuple[int, int], list] = defaultdict(list)
    for (party_id, question_id, loop_key), group in found.items():
        by_question[(party_id, question_id)].append((loop_key, group))
    counts: dict[int, int] = {}
    for report in reports:
        tree = trees[report.questionnaire_id]
        species_keys = species.get(report.questionnaire.species_list_id, frozenset())
        loop_keys = {"species": species_keys, "site": sites.get(report.party_id, frozenset())}
        count = 0
        for node in items[report.questionnaire_id]:
            loop = tree.loop_section(node)
            valid = {""} if loop is None else loop_keys[loop.loop]
            for loop_key, group in by_question.get(
                (report.party_id, node.bank_version.question_id), []
            ):
                if loop_key not in valid:
                    continue
                current = answers.get((report.id, node.id, loop_key))
                if _fitting(report, node, current, group, species_keys, "en"):
                    count += 1
        counts[report.id] = count
    return counts


def _species_keys(list_ids: set[int | None]) -> dict[int, frozenset[str]]:
    list_ids = {i for i in list_ids if i is not None}
    if not list_ids:
        return {}
    keys: dict[int, set[str]] = defaultdict(set)
    stmt = (
        sa.select(SpeciesListEntry.list_id, Species.taxon_id)
        .join(Species, SpeciesListEntry.species_id == Species.id)
        .where(SpeciesListEntry.list_id.in_(list_ids))
    )
    for list_id, taxon_id in db.session.execute(stmt):
        keys[list_id].add(taxon_id)
    return {k: frozenset(v) for k, v in keys.items()}


def _site_keys(party_ids: set[int]) -> dict[int, frozenset[str]]:
    keys: dict[int, set[str]] = defaultdict(set)
    stmt = sa.select(Site.party_id, Site.id).where(
        Site.party_id.in_(party_ids), Site.removed.is_(False)
    )
    for party_id, site_id in db.session.execute(stmt):
        keys[party_id].add(str(site_id))
    return {k: frozenset(v) for k, v in keys.items()}
