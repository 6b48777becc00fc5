"""Facts about reports that the policy asks: queries over the models only. This module imports
no policy and no service, so that app/policy.py can read it without depending on a feature."""

from __future__ import annotations

import sqlalchemy as sa

from app.auth.models import User
from app.extensions import db
from app.questionnaires.models import Node, Questionnaire, Status
from app.reporting.models import Assignment, Report

OPEN_STATUSES = {Status.PUBLISHED.value, Status.CLOSED.value}


def sections_of(user: User | None, report: Report) -> set[int]:
    """The top-level sections of `report` that `user` holds through a live assignment."""
    if user is None or getattr(user, "id", None) is None:
        return set()
    stmt = sa.select(Assignment.section_id).where(
        Assignment.report_id == report.id,
        Assignment.contributor_id == user.id,
        Assignment.withdrawn_at.is_(None),
    )
    return set(db.session.scalars(stmt))


def has_assignments(user: User | None) -> bool:
    """Whether `user` holds a live assignment on a report of an open questionnaire."""
    if user is None or getattr(user, "id", None) is None:
        return False
    return db.session.scalar(live_assignments(user.id).limit(1)) is not None


def live_assignments(user_id: int) -> sa.Select:
    """The user's live assignments on reports of open questionnaires."""
    return (
        sa.select(Assignment)
        .join(Report, Report.id == Assignment.report_id)
        .join(Questionnaire, Questionnaire.id == Report.questionnaire_id)
        .where(
            Assignment.contributor_id == user_id,
            Assignment.withdrawn_at.is_(None),
            Questionnaire.status.in_(OPEN_STATUSES),
        )
    )


def site_loop_sections(report: Report) -> set[int]:
    """The top-level sections of `report` that hold a section repeated for each site."""
    rows = db.session.execute(
        sa.select(Node.id, Node.parent_id, Node.loop).where(
            Node.questionnaire_id == report.questionnaire_id, Node.kind == "section"
        )
    ).all()
    parent = {node_id: parent_id for node_id, parent_id, _loop in rows}
    found = set()
    for node_id, _parent, loop in rows:
        if loop != "site":
            continue
        top = node_id
        while parent.get(top) is not None:
            top = parent[top]
        found.add(top)
    return found
