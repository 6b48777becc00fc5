"""A report's audit trail: every recorded action on the report, its answers and its people
(submission and decisions, reuse, pre-fill, confirmations, delegation, "ready for review"),
newest first, each said in words in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.audit import services as audit
from app.audit.models import AuditEvent
from app.extensions import db
from app.reporting.models import Assignment, Report

LABELS = {
    "report.submit": _l("Submitted"),
    "report.return": _l("Returned to the party"),
    "report.accept": _l("Accepted by the secretariat"),
    "report.prefill": _l("Pre-filled from the previous report"),
    "report.reuse_all": _l("Answers reused from other reports"),
    "answer.reuse": _l("Answer reused from another report"),
    "answer.update": _l("Answer updated from its source"),
    "answer.confirm": _l("Pre-filled answer confirmed as still true"),
    "assignment.create": _l("Section delegated"),
    "assignment.withdraw": _l("Delegation withdrawn"),
    "assignment.ready": _l("Section marked ready for review"),
    "assignment.not_ready": _l("Section no longer marked ready for review"),
    "invitation.accept": _l("Invitation accepted"),
}
OTHER = _l("Other change")


@dataclass
class Line:
    """One event as the audit tab shows it."""

    event: AuditEvent
    label: str
    details: str
    message: str = ""


def lines(report: Report) -> list[Line]:
    """The report's events, newest first, in words."""
    events = audit.about_report(report.id)
    assignments = _assignments(events)
    return [
        Line(
            event,
            str(LABELS.get(event.action, OTHER)),
            _details(event, assignments),
            (event.details or {}).get("message") or "",
        )
        for event in events
    ]


def _assignments(events: list[AuditEvent]) -> dict[int, Assignment]:
    ids = {e.target_id for e in events if e.target_type == "assignment" and e.target_id}
    if not ids:
        return {}
    found = db.session.scalars(sa.select(Assignment).where(Assignment.id.in_(ids)))
    return {a.id: a for a in found}


def _details(event: AuditEvent, assignments: dict[int, Assignment]) -> str:
    details = event.details or {}
    action = event.action
    if details.get("number") and action.startswith("report."):
        return _("Submission no. %(number)d", number=details["number"])
    if action in ("report.prefill", "report.reuse_all"):
        count = details.get("count", 0)
        if action == "report.prefill":
            return ngettext(
                "%(num)d answer pre-filled from %(questionnaire)s, each to confirm",
                "%(num)d answers pre-filled from %(questionnaire)s, each to confirm",
                count,
                questionnaire=details.get("source", ""),
            )
        return ngettext(
            "%(num)d answer copied from the party's other reports",
            "%(num)d answers copied from the party's other reports",
            count,
        )
    if action.startswith("answer."):
        number = details.get("question") or event.summary
        if details.get("source"):
            return _(
                "Question %(number)s, from %(questionnaire)s",
                number=number,
                questionnaire=details["source"],
            )
        return _("Question %(number)s", number=number)
    assignment = assignments.get(event.target_id) if event.target_type == "assignment" else None
    if assignment is not None:
        return _(
            "Section %(number)s — %(name)s",
            number=assignment.section.number,
            name=assignment.contributor.name or assignment.contributor.email,
        )
    return ""
