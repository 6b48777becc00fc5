"""Where the reports of a questionnaire stand: every Party or Signatory that owes it, with its
status, progress, submitted and accepted dates, days to the deadline and its focal points; the
counts per region behind the chart. The status page, its downloads and `flask export status`
all read `status_rows`. A fixed number of statements whatever the number of parties."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

import sqlalchemy as sa

from app.analysis import query
from app.auth.models import Role, RoleGrant, User
from app.directory.models import MembershipStatus, Region
from app.extensions import db
from app.i18n import sort_key, translate
from app.questionnaires.models import Node, NodeKind, Questionnaire
from app.reporting.models import Answer, ReportStatus

SUBMITTED = frozenset({ReportStatus.SUBMITTED.value, ReportStatus.ACCEPTED.value})


@dataclass
class StatusRow:
    report_id: int
    party_code: str
    party_name: str
    region: str  # a Region value, "" when the party has none
    membership: str  # a MembershipStatus value, "" when no longer a member
    status: str  # a ReportStatus value
    answered: int  # questions with an answer (a value or "no information")
    questions: int  # questions of the questionnaire
    submitted_at: datetime | None
    accepted_at: datetime | None
    days_left: int | None  # None once submitted, or without a deadline
    focal_points: list[str] = field(default_factory=list)  # "Name <email>"

    @property
    def region_label(self) -> str:
        return Region(self.region).label if self.region else ""

    @property
    def membership_label(self) -> str:
        return MembershipStatus(self.membership).label if self.membership else ""

    @property
    def status_label(self) -> str:
        return ReportStatus(self.status).label

    @property
    def has_submitted(self) -> bool:
        return self.submitted_at is not None


@dataclass
class RegionCount:
    region: str
    owed: int
    submitted: int

    @property
    def label(self) -> str:
        return Region(self.region).label if self.region else ""


def status_rows(
    questionnaire: Questionnaire,
    filters: query.Filters = query.NO_FILTERS,
    lang: str = "en",
    today: date | None = None,
) -> list[StatusRow]:
    """Every report owed for `questionnaire` under `filters`, by party name in `lang`."""
    today = today or date.today()
    questions = db.session.scalar(
        sa.select(sa.func.count(Node.id)).where(
            Node.questionnaire_id == questionnaire.id, Node.kind == NodeKind.ITEM.value
        )
    )
    answered = _answered_per_report(questionnaire)
    people = _focal_points(questionnaire)
    rows = []
    for report, party, membership, submitted_at, decided_at, decision in db.session.execute(
        query.owed(questionnaire, filters)
    ):
        waiting = report.status not in SUBMITTED
        deadline = questionnaire.deadline
        rows.append(
            StatusRow(
                report_id=report.id,
                party_code=party.code,
                party_name=str(translate(party.name, lang=lang)),
                region=party.region or "",
                membership=membership or "",
                status=report.status,
                answered=answered.get(report.id, 0),
                questions=questions or 0,
                submitted_at=submitted_at,
                accepted_at=decided_at if decision == ReportStatus.ACCEPTED.value else None,
                days_left=(deadline - today).days if waiting and deadline else None,
                focal_points=people.get(party.id, []),
            )
        )
    rows.sort(key=lambda r: sort_key(r.party_name, lang))
    return rows


def by_region(rows: list[StatusRow]) -> list[RegionCount]:
    """Reports owed and submitted per CMS region, in the regions' order (parties without a
    region last)."""
    counts: dict[str, RegionCount] = {}
    for row in rows:
        count = counts.setdefault(row.region, RegionCount(row.region, 0, 0))
        count.owed += 1
        count.submitted += row.has_submitted
    order = [r.value for r in Region] + [""]
    return [counts[r] for r in order if r in counts]


def _answered_per_report(questionnaire: Questionnaire) -> dict[int, int]:
    """Report id → questions with at least one answer holding a value or "no information"."""
    from app.reporting.models import Report

    stmt = (
        sa.select(Answer.report_id, sa.func.count(sa.distinct(Answer.node_id)))
        .join(Report, Report.id == Answer.report_id)
        .where(
            Report.questionnaire_id == questionnaire.id,
            # a JSON null is stored as the text null on both databases
            sa.or_(sa.cast(Answer.value, sa.Text) != "null", Answer.no_info),
        )
        .group_by(Answer.report_id)
    )
    return dict(db.session.execute(stmt).all())


def _focal_points(questionnaire: Questionnaire) -> dict[int, list[str]]:
    """Party id → its active focal points for the instrument, "Name <email>", by name."""
    stmt = (
        sa.select(RoleGrant.party_id, User.name, User.email)
        .join(User, User.id == RoleGrant.user_id)
        .where(
            RoleGrant.role == Role.FOCAL_POINT.value,
            RoleGrant.instrument_id == questionnaire.instrument_id,
            RoleGrant.party_id.is_not(None),
            User.active.is_(True),
        )
        .order_by(User.name)
    )
    found: dict[int, list[str]] = {}
    for party_id, name, email in db.session.execute(stmt):
        found.setdefault(party_id, []).append(f"{name} <{email}>")
    return found
