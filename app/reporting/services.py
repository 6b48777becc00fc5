"""Reports: who owes what, finding a report, and reading one with its answers (`fill`), the
shared core that saving, completeness, sites and reuse build on."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import sqlalchemy as sa
from flask_babel import ngettext
from sqlalchemy.orm import lazyload

from app import answers, policy
from app.directory import services as directory
from app.directory.models import Membership
from app.extensions import db
from app.questionnaires import render as render_module
from app.questionnaires import tree as tree_module
from app.questionnaires.conditions import referenced_codes
from app.questionnaires.models import Node, Questionnaire, Status
from app.reporting.models import Answer, Attachment, Report, ReportStatus, Site
from app.reporting.site_store import SubmittedSite, sites_for

OPEN_QUESTIONNAIRE_STATUSES = {Status.PUBLISHED.value, Status.CLOSED.value}


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


def days_left(report: Report, today: date | None = None) -> int | None:
    """Days until the report's deadline (negative once it has passed), for the "n days left"
    and "Deadline passed" lines; None when there is no deadline or when the report owes
    nothing any more (submitted or accepted: a deadline passed since is no warning)."""
    deadline = report.questionnaire.deadline
    if deadline is None or report.status_enum in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED):
        return None
    return (deadline - (today or date.today())).days


def reports_kept_on_removal(membership: Membership) -> list[str]:
    """One sentence per report `membership`'s party has for its instrument (newest cycle
    first), with its status and answers: removing the membership leaves them all as they are."""
    # the count as a subquery, not a GROUP BY: a report loads its questionnaire and party
    # joined, which PostgreSQL refuses to group by the report's id alone
    answers = (
        sa.select(sa.func.count(Answer.id)).where(Answer.report_id == Report.id).scalar_subquery()
    )
    stmt = (
        sa.select(Report, answers)
        .join(Report.questionnaire)
        .where(
            Report.party_id == membership.party_id,
            Questionnaire.instrument_id == membership.instrument_id,
        )
        .order_by(Questionnaire.cycle_order.desc())
    )
    return [
        ngettext(
            "%(questionnaire)s (%(status)s): %(num)d answer.",
            "%(questionnaire)s (%(status)s): %(num)d answers.",
            count,
            questionnaire=report.questionnaire.code,
            status=report.status_enum.label,
        )
        for report, count in db.session.execute(stmt)
    ]


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


# --- reading a report ---------------------------------------------------------------------------


def tree_of(questionnaire: Questionnaire) -> tree_module.Tree:
    """The question tree a report of `questionnaire` is read and filled against: the one this
    process keeps for it (tree.cached)."""
    return tree_module.cached(questionnaire)


@dataclass(frozen=True)
class Part:
    """The answers a Filled holds when not all of the report's (an autosave's, see cell.py):
    those of the nodes `nodes`, in the loop keys `keys` (None: in every key)."""

    nodes: frozenset[int]
    keys: frozenset[str] | None = None


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
    # the party's sites; a submitted or accepted report's as submitted (site_store.sites_for)
    sites: list[Site] | list[SubmittedSite] = field(default_factory=list)
    species_entries: list = field(default_factory=list)
    attachments: dict[int, Attachment] = field(default_factory=dict)
    # the top-level sections kept for the viewer (None: the whole report, see `fill`)
    scope: frozenset[int] | None = None
    # answers outside the scope, by (item code, loop key): read by the server's skip logic,
    # never shown nor sent to the browser (see `sealed`)
    outside: dict[tuple[str, str], Any] = field(default_factory=dict)
    # the answers held when not all of the report's (None: all of them, see `fill`)
    part: Part | None = None
    # cells (node id, loop key) whose stored answer, or its absence, the request read in the
    # transaction its save commits: the save takes them as held, without reading them again
    # (saving._current); the update's version check and the one answer a cell may have
    # guard them against another request's save meanwhile
    read_for_save: frozenset[tuple[int, str]] = frozenset()

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

    def for_conditions(self) -> dict[tuple[str, str], Any]:
        """The values skip logic reads, by (item code, loop key): the answers held, and those
        of the sections outside the scope (a condition may look there)."""
        by_id = self.tree.by_id
        values = dict(self.outside)
        values.update(
            {
                (by_id[node_id].code, loop_key): (None if answer.no_info else answer.value)
                for (node_id, loop_key), answer in self.answers.items()
                if node_id in by_id
            }
        )
        return values

    def evaluate(self, over: tree_module.Tree | None = None) -> None:
        """Expand the questionnaire for the answers held now (after a save: no new loading);
        outside the whole report, only the sections of the scope are kept. `over`, a part of
        the tree to expand instead of all of it."""
        self.rendered = render_module.render(
            self.report.questionnaire,
            self.for_conditions(),
            self.lang,
            sites=[(site.key, site.name) for site in self.sites],
            current=over or self.tree,
            species=self.species_entries,
            sealed=self.sealed,
        )
        if self.scope is not None:
            self.rendered.sections = [s for s in self.rendered.sections if s.node.id in self.scope]
            self.rendered.loose_items = []

    @cached_property
    def sealed(self) -> frozenset[str]:
        """The codes of the items outside the scope: their answers steer the skip logic of the
        items held, which gets only the outcome of each test of them (render's `sealed`)."""
        if self.scope is None:
            return frozenset()
        return frozenset(n.code for n in self.tree.items() if not self.holds(n.id))

    def holds(self, node_id: int) -> bool:
        """Whether the node is part of what this Filled holds (its scope): a node of the tree
        under one of the scope's top-level sections, or one of them."""
        if self.scope is None:
            return True
        node = self.tree.by_id.get(node_id)
        if node is None:
            return False
        ancestors = self.tree.ancestors(node)
        return (ancestors[-1] if ancestors else node).id in self.scope

    def keep(self, answers: dict[tuple[int, str], Answer]) -> None:
        """Hold `answers` (all of the report's): those outside the scope only as values that
        skip logic reads."""
        if self.scope is None:
            self.answers = answers
            return
        by_id = self.tree.by_id
        held = {node_id: self.holds(node_id) for node_id, _key in answers}
        self.answers = {k: a for k, a in answers.items() if held[k[0]]}
        self.outside = {
            (by_id[node_id].code, loop_key): (None if a.no_info else a.value)
            for (node_id, loop_key), a in answers.items()
            if not held[node_id] and node_id in by_id
        }

    def reload_answers(self) -> None:
        """Read the answers again (another request may have saved meanwhile): those of its
        part only, when it holds a part."""
        self.keep(answers_of(self.report, self.part))

    def condition_values(self, page: render_module.RenderedSection | None = None) -> dict[str, Any]:
        """What the browser's skip logic reads, by "code|loop key": the values of the items
        held and shown, and nothing else. A hidden item counts as not answered (as on the
        server), so its value stays home; a condition testing an item outside the scope comes
        to the page with that test's outcome in its place (`RenderedItem.condition`).

        With `page`, a section as its page shows it: only the values its items' conditions
        test among the items off that page (the script reads those on it from their inputs),
        not the whole report's."""
        items = self.rendered.items()
        if page is not None:
            on_page = page.items()
            tested = {code for i in on_page for code in referenced_codes(i.condition)}
            shown = {(i.node.code, i.loop_key) for i in on_page}
            items = [
                i for i in items if i.node.code in tested and (i.node.code, i.loop_key) not in shown
            ]
        return {
            f"{i.node.code}|{i.loop_key}": i.value
            for i in items
            if i.value is not None and i.visible
        }

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


def answers_of(report: Report, part: Part | None = None) -> dict[tuple[int, str], Answer]:
    """The report's answers by (node id, loop key): all of them, or those of `part`."""
    if part is None:
        found = db.session.scalars(sa.select(Answer).where(Answer.report_id == report.id))
    else:
        given = {"report_id": report.id, "nodes": sorted(part.nodes)}
        if part.keys is not None:
            given["keys"] = sorted(part.keys)
        found = db.session.scalars(_part_statement(part.keys is not None), given)
    return {(a.node_id, a.loop_key): a for a in found}


@functools.cache
def _part_statement(keyed: bool) -> sa.Select:
    """The answers of a report's part (`answers_of`), of some loop keys if `keyed`; built once
    (SQLAlchemy then finds its compiled form without working out its cache key again)."""
    stmt = sa.select(Answer).where(
        Answer.report_id == sa.bindparam("report_id"),
        Answer.node_id.in_(sa.bindparam("nodes", expanding=True)),
    )
    if keyed:
        stmt = stmt.where(Answer.loop_key.in_(sa.bindparam("keys", expanding=True)))
    # who saved each is read only when a conflict shows it (one query then), not joined in
    # here with that person's roles (a second query) for every autosave and page
    return stmt.options(lazyload(Answer.updated_by))


def fill(
    report: Report,
    lang: str,
    *,
    viewer: Any = None,
    section: int | None = None,
    read_answers: bool = True,
) -> Filled:
    """Load and expand `report` for `lang` as `viewer` may read it (a fixed number of queries,
    whatever its size): a contributor gets their sections, those sections' answers and files
    only (the policy's section rule); nothing of a report hidden from them.

    viewer=None is the whole report, for the services that need it (the submission's snapshot,
    validation before submitting, the demo); pages always pass the person asking.

    `section`, the node id of a section whose page is shown or saved: only the answers and
    files of its items are held, with the answers their conditions (and their sections') read,
    up the chain -- what its page needs, whatever the report's size. The other items are
    expanded as unanswered: such a Filled speaks of that section only (not of what the whole
    report lacks). With read_answers=False, not even those: for a save of the section, which
    reads (and locks) the cells it writes itself (saving.save_answers)."""
    scope = None if viewer is None else policy.section_scope(viewer, report)
    current = tree_of(report.questionnaire)
    sites = sites_for(report)
    entries = tree_module.species_entries(report.questionnaire)
    filled = Filled(
        report,
        current,
        {},
        None,
        frozenset(e.species.taxon_id for e in entries),
        frozenset(s.key for s in sites),
        lang=lang,
        sites=sites,
        species_entries=entries,
        scope=scope,
    )
    over = None  # the part of the tree to expand, when not all of it
    if section is not None:
        page = current.by_id.get(section)
        shown = [page, *(n for n in current.walk(section) if not n.is_section)] if page else []
        filled.part = Part(tree_module.needed_nodes(current, shown))
        if read_answers:
            filled.reload_answers()
        elif page is not None:  # a save: the section's items are all it needs expanded
            over = tree_module.Tree(report.questionnaire, [page, *current.walk(section)])
    else:
        filled.keep(answers_of(report))
    filled.attachments = {
        i: a
        for i, a in attachments_of(report).items()
        if filled.holds(a.node_id) and (filled.part is None or a.node_id in filled.part.nodes)
    }
    filled.evaluate(over)
    return filled


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
