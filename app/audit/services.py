"""Recording audit events. Callers pass the acting user explicitly: services stay HTTP-free."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.extensions import db


def record(
    actor: Any,
    action: str,
    target: Any,
    summary: str = "",
    **details: Any,
) -> AuditEvent:
    """Add an audit event for `action` done by `actor` (a User or None) to `target`."""
    event = AuditEvent(
        actor_id=getattr(actor, "id", None),
        action=action,
        target_type=type(target).__name__.lower(),
        target_id=getattr(target, "id", None),
        summary=summary[:400],
        details=details,
    )
    db.session.add(event)
    return event


def recent(limit: int = 200, offset: int = 0, action: str | None = None) -> list[AuditEvent]:
    query = sa.select(AuditEvent).order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
    if action:
        query = query.where(AuditEvent.action == action)
    return list(db.session.scalars(query.limit(limit).offset(offset)))


def about_report(report_id: int) -> list[AuditEvent]:
    """Events on a report, newest first: those whose target it is, and those on its answers
    and people that name it (`report_id` in their details)."""
    return list(
        db.session.scalars(
            sa.select(AuditEvent)
            .where(
                sa.or_(
                    sa.and_(AuditEvent.target_type == "report", AuditEvent.target_id == report_id),
                    AuditEvent.details["report_id"].as_integer() == report_id,
                )
            )
            .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
        )
    )
