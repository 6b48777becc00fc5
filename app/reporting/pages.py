"""What the report pages share: the report a request may act on, a write committed with a retry,
and a contributor's rows of "My reports"."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from flask import abort
from sqlalchemy.exc import OperationalError

from app import policy
from app.extensions import db
from app.policy import require
from app.reporting import completeness, delegation, services
from app.reporting.errors import ReportingError
from app.reporting.models import Report

SAVE_ATTEMPTS = 3  # SQLite refuses a write that began on an outdated snapshot: try again
T = TypeVar("T")


def load_report(report_id: int, action: str = "report.view") -> Report:
    """The report `report_id` if the current user may do `action` to it; otherwise the request
    ends here, with 404 for a report that does not exist or is hidden from them, 403 else."""
    report = services.report_by_id(report_id) or abort(404)
    require(action, report)
    return report


def _commit() -> None:
    """Commit without expiring what is loaded: the report's tree stays in memory, so showing the
    effect of a save (skip logic) costs no query per item."""
    session = db.session()
    session.expire_on_commit = False
    try:
        session.commit()
    finally:
        session.expire_on_commit = True


def committed(operation: Callable[[], T], retry: Callable[[], object] | None = None) -> T:
    """Run the write `operation` and commit. SQLite refuses a write that began on an outdated
    snapshot (another request wrote meanwhile): roll back, call `retry` (reload what the
    operation reads) and try again, up to SAVE_ATTEMPTS times. A refusal (ReportingError) rolls
    back and goes up with its translated message."""
    for attempt in range(SAVE_ATTEMPTS):
        try:
            result = operation()
            _commit()
            return result
        except OperationalError:
            db.session.rollback()
            if attempt == SAVE_ATTEMPTS - 1:
                raise
            if retry is not None:
                retry()
        except ReportingError:
            db.session.rollback()
            raise
    raise AssertionError("unreachable")


def owed_rows(user, lang: str) -> list[dict]:
    """What a focal point owes (their "My reports" and dashboard): each report of their parties
    and instruments, soonest deadline first, with its progress and the next thing to do --
    `next` is "settle" (missing or unreadable answers), "confirm" (pre-filled answers only),
    "submit", or None once the report is submitted or closed; `blocking` counts what stands
    between the report and its submission."""
    rows = []
    for report in services.reports_of_focal_point(policy.focal_point_scopes(user)):
        filled = services.fill(report, lang, viewer=user)
        found = completeness.issues(filled, lang)
        blocking = found if report.is_editable else []  # the one list (submission.blockers)
        if not report.is_editable:
            step = None
        elif any(b.kind != "unconfirmed" for b in blocking):
            step = "settle"
        elif blocking:
            step = "confirm"
        else:
            step = "submit"
        rows.append(
            {
                "report": report,
                "progress": completeness.progress(filled, found),
                "days_left": services.days_left(report),
                "next": step,
                "blocking": len(blocking),
            }
        )
    return rows


def delegated_rows(user, lang: str) -> list[dict]:
    """What "My reports" lists for a contributor: each report holding live assignments of
    `user`, with the state of each of their sections."""
    rows = []
    for assignments in delegation.live_assignments_of(user).values():
        report = assignments[0].report
        if (report.party_id, report.questionnaire.instrument_id) in policy.focal_point_scopes(user):
            continue  # became a focal point of it: listed with their own reports
        filled = services.fill(report, lang, viewer=user)
        states = completeness.progress(filled, completeness.issues(filled, lang)).states
        rows.append(
            {
                "report": report,
                "days_left": services.days_left(report),
                "sections": [(a, states.get(a.section_id)) for a in assignments],
            }
        )
    return rows
