"""The one query module behind every analysis table, chart, file and (later) API response: the
rows of the tidy relation of submitted answers (`submitted_answers`, written at submission by
app/reporting/tidy.py) and the reports that owe them, narrowed by what the reader may read
(`Scope`, from the policy module) and by the filters the pages offer (`Filters`).

The official data of a report is its latest submission: only `latest` rows are read. A report
returned after a submission keeps its earlier submission as its data until the next one.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa

from app import policy
from app.directory.models import Membership, Party
from app.extensions import db
from app.questionnaires.models import Node, Questionnaire
from app.reporting.models import Report, Submission, SubmittedAnswer

ORDER_BY_COUNTRY = (Party.code, SubmittedAnswer.submission_id, SubmittedAnswer.id)


@dataclass(frozen=True)
class Scope:
    """What a reader may read: the instruments (None: all) and the instruments whose
    confidential items they read (None: all)."""

    instruments: frozenset[int] | None
    confidential: frozenset[int] | None

    @classmethod
    def of(cls, user) -> Scope:
        instruments = policy.analysis_scope(user)
        confidential = policy.confidential_scope(user)
        return cls(
            None if instruments is None else frozenset(instruments),
            None if confidential is None else frozenset(confidential),
        )

    def reads(self, instrument_id: int) -> bool:
        return self.instruments is None or instrument_id in self.instruments

    def reads_confidential(self, instrument_id: int) -> bool:
        return self.confidential is None or instrument_id in self.confidential


# scripts (the export CLI) run with the whole database in hand, as an administrator would
EVERYTHING = Scope(None, None)


@dataclass(frozen=True)
class Filters:
    """The filters of the analysis pages, all combined (and): CMS regions, membership statuses
    (in the questionnaire's instrument), report statuses, and choice answers ("only the
    countries that answered yes to 2.1": node id and choice key; several are all required)."""

    regions: tuple[str, ...] = ()
    memberships: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    answered: tuple[tuple[int, str], ...] = ()

    @property
    def active(self) -> bool:
        return bool(self.regions or self.memberships or self.statuses or self.answered)


NO_FILTERS = Filters()


def membership_status():
    """The membership status of a row's party in its instrument (NULL: no longer a member)."""
    return Membership.status.label("membership_status")


def _join_party(stmt, instrument_id_column):
    return stmt.join(Party, Party.id == Report.party_id).outerjoin(
        Membership,
        sa.and_(Membership.party_id == Party.id, Membership.instrument_id == instrument_id_column),
    )


def _narrow(stmt, filters: Filters):
    """`filters` applied to a statement that joins Report, Party and Membership."""
    if filters.regions:
        stmt = stmt.where(Party.region.in_(filters.regions))
    if filters.memberships:
        stmt = stmt.where(Membership.status.in_(filters.memberships))
    if filters.statuses:
        stmt = stmt.where(Report.status.in_(filters.statuses))
    for node_id, key in filters.answered:
        chose = sa.orm.aliased(SubmittedAnswer)
        stmt = stmt.where(
            sa.exists().where(
                chose.report_id == Report.id,
                chose.latest,
                chose.node_id == node_id,
                sa.not_(chose.hidden),
                chose.value_text == key,
            )
        )
    return stmt


def latest_submission():
    """Each report's latest submission (report_id, number, submitted_at), as a subquery."""
    newest = (
        sa.select(Submission.report_id, sa.func.max(Submission.number).label("number"))
        .group_by(Submission.report_id)
        .subquery()
    )
    return (
        sa.select(
            Submission.report_id,
            Submission.number,
            Submission.submitted_at,
            Submission.decided_at,
            Submission.decision,
        )
        .join(
            newest,
            sa.and_(
                Submission.report_id == newest.c.report_id,
                Submission.number == newest.c.number,
            ),
        )
        .subquery()
    )


def owed(questionnaire: Questionnaire, filters: Filters = NO_FILTERS):
    """The reports owed for `questionnaire` (every Party or Signatory at publication, and those
    that joined since), with their party, membership status and latest submission (NULL when
    none), narrowed by `filters`. Columns: Report, Party, membership_status, submitted_at,
    decided_at, decision."""
    last = latest_submission()
    stmt = sa.select(
        Report,
        Party,
        membership_status(),
        last.c.submitted_at,
        last.c.decided_at,
        last.c.decision,
    ).where(Report.questionnaire_id == questionnaire.id)
    stmt = _join_party(stmt, sa.literal(questionnaire.instrument_id))
    stmt = stmt.outerjoin(last, last.c.report_id == Report.id)
    return _narrow(stmt, filters)


def denominators(questionnaire: Questionnaire, filters: Filters = NO_FILTERS) -> tuple[int, int]:
    """(N, S): the reports owed for `questionnaire` and those with a submission (whatever
    their status now: a returned report's earlier submission counts), both under `filters`.
    One statement."""
    submitted = sa.exists().where(Submission.report_id == Report.id)
    stmt = sa.select(
        sa.func.count(Report.id), sa.func.count(sa.case((submitted, Report.id)))
    ).where(Report.questionnaire_id == questionnaire.id)
    stmt = _join_party(stmt, sa.literal(questionnaire.instrument_id))
    owed_count, submitted_count = db.session.execute(_narrow(stmt, filters)).one()
    return owed_count, submitted_count


def readable_items(scope: Scope, instrument_id: int):
    """A condition on Node: the items whose answers `scope` may read in `instrument_id`."""
    if scope.reads_confidential(instrument_id):
        return sa.true()
    return sa.not_(Node.confidential)


def cells(
    scope: Scope,
    filters: Filters = NO_FILTERS,
    *,
    questionnaire: Questionnaire | None = None,
    bank_codes: tuple[str, ...] = (),
    node_ids: tuple[int, ...] = (),
    order: tuple = ORDER_BY_COUNTRY,
):
    """The latest submitted answer cells `scope` may read, narrowed by `filters` and to one
    questionnaire, bank codes or items. Columns: SubmittedAnswer, Party, membership_status,
    report_status, submitted_at. Confidential items are left out unless `scope` reads them;
    instruments outside `scope` are left out. Stream it (`stream`) rather than load it."""
    last = latest_submission()
    stmt = base(
        scope,
        filters,
        (
            SubmittedAnswer,
            Party,
            membership_status(),
            Report.status.label("report_status"),
            last.c.submitted_at,
        ),
        questionnaire=questionnaire,
        bank_codes=bank_codes,
        node_ids=node_ids,
    )
    return stmt.join(last, last.c.report_id == SubmittedAnswer.report_id).order_by(*order)


def base(
    scope: Scope,
    filters: Filters,
    columns: tuple,
    *,
    questionnaire: Questionnaire | None = None,
    bank_codes: tuple[str, ...] = (),
    node_ids: tuple[int, ...] = (),
):
    """SELECT `columns` FROM the latest answer cells `scope` reads (joined with Report, Node,
    Party and the party's Membership in the row's instrument), narrowed by `filters` and to
    one questionnaire, bank codes or items: what `cells` and every aggregate start from."""
    stmt = (
        sa.select(*columns)
        .select_from(SubmittedAnswer)
        .join(Report, Report.id == SubmittedAnswer.report_id)
        .join(Node, Node.id == SubmittedAnswer.node_id)
        .where(SubmittedAnswer.latest)
    )
    stmt = _join_party(stmt, SubmittedAnswer.instrument_id)
    stmt = stmt.where(readable(scope))
    if questionnaire is not None:
        stmt = stmt.where(SubmittedAnswer.questionnaire_id == questionnaire.id)
    if bank_codes:
        stmt = stmt.where(SubmittedAnswer.bank_code.in_(bank_codes))
    if node_ids:
        stmt = stmt.where(SubmittedAnswer.node_id.in_(node_ids))
    return _narrow(stmt, filters)


def readable(scope: Scope):
    """A condition on SubmittedAnswer joined with Node: the instruments and items `scope`
    reads."""
    conditions = []
    if scope.instruments is not None:
        conditions.append(SubmittedAnswer.instrument_id.in_(sorted(scope.instruments) or [-1]))
    if scope.confidential is not None:
        conditions.append(
            sa.or_(
                sa.not_(Node.confidential),
                SubmittedAnswer.instrument_id.in_(sorted(scope.confidential) or [-1]),
            )
        )
    return sa.and_(sa.true(), *conditions)


def stream(stmt, size: int = 1000):
    """The rows of `stmt`, fetched `size` at a time (a server-side cursor on PostgreSQL), so
    that no export holds every answer in memory at once."""
    result = db.session.execute(stmt.execution_options(stream_results=True, yield_per=size))
    yield from result
