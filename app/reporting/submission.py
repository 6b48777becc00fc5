"""Submitting a national report and the secretariat's review: what still blocks a submission,
submitting (which stores an immutable snapshot, see app/reporting/snapshots.py), returning and
accepting, the difference between two submissions, and the instrument's list of reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app import answers
from app.audit import services as audit
from app.auth import services as accounts
from app.auth.models import Role, User
from app.directory.models import Instrument
from app.extensions import db
from app.i18n import DEFAULT_LANGUAGE, sort_key, translate
from app.questionnaires.models import Questionnaire
from app.reporting import completeness, notices, services, snapshots, tidy
from app.reporting.errors import ReportingError
from app.reporting.models import (
    EDITABLE_STATUSES,
    Report,
    ReportStatus,
    Submission,
)
from app.utils import utcnow

focal_points = notices.focal_points  # who hears of a report's submission and review

REVIEWABLE = ReportStatus.SUBMITTED


class AlreadySubmitted(ReportingError):
    """The report was submitted by another request (a double click, a second tab)."""

    def __init__(self) -> None:
        super().__init__(_l("This report has already been submitted."))


class NotReady(ReportingError):
    """Something still prevents the submission: `blockers` lists it."""

    def __init__(self, found: list[Blocker]) -> None:
        super().__init__(
            ngettext(
                "%(num)d point must be settled before the report can be submitted.",
                "%(num)d points must be settled before the report can be submitted.",
                len(found),
            )
        )
        self.blockers = found


# --- what prevents a submission -------------------------------------------------------------


# One thing to settle before submitting; its `kind` is "missing", "invalid" or "unconfirmed".
Blocker = completeness.Issue


def blockers(filled: services.Filled, locale: str) -> list[Blocker]:
    """What still prevents the submission: the report's one list (completeness.issues), which
    the validation report and the table of contents show as well."""
    return completeness.issues(filled, locale)


# --- submitting -----------------------------------------------------------------------------


def submit(report: Report, user: User, locale: str, *, notify: bool = True) -> Submission:
    """Submit `report` for `user`: refused while something blocks it; a second request for the
    same report (a double click) gets AlreadySubmitted and creates nothing. Stores the
    snapshot, records the event and mails a receipt to the party's focal points for the
    instrument (`notify` False: no mail, as bulk demo loading wants, and as the pages want:
    they mail once the submission is committed and say who was told)."""
    if report.status_enum not in EDITABLE_STATUSES:
        raise AlreadySubmitted()
    if not report.is_editable:
        raise ReportingError(
            _l("This report can no longer be submitted: its questionnaire is closed.")
        )
    filled = services.fill(report, locale, viewer=None)
    found = blockers(filled, locale)
    if found:
        raise NotReady(found)
    snap = snapshots.take(filled)
    now = utcnow()
    flipped = db.session.execute(
        sa.update(Report)
        .where(
            Report.id == report.id,
            Report.status.in_([s.value for s in EDITABLE_STATUSES]),
        )
        .values(status=ReportStatus.SUBMITTED.value, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if flipped.rowcount != 1:
        db.session.refresh(report)
        raise AlreadySubmitted()
    db.session.refresh(report)
    number = (
        db.session.scalar(
            sa.select(sa.func.max(Submission.number)).where(Submission.report_id == report.id)
        )
        or 0
    ) + 1
    snap["report"]["status"] = report.status
    submission = Submission(
        report_id=report.id,
        number=number,
        submitted_at=now,
        submitted_by=user,
        snapshot=snap,
    )
    db.session.add(submission)
    db.session.flush()
    tidy.record(submission)
    audit.record(
        user,
        "report.submit",
        report,
        f"{report.questionnaire.code} {report.party.code} #{number}",
        number=number,
        submission_id=submission.id,
    )
    if notify:
        notices.tell_focal_points(submission, "report_submitted", locale)
    return submission


def return_report(report: Report, user: User, message: str, *, notify: bool = True) -> Submission:
    """Send a submitted report back to the party with `message` (required); the party edits
    it and submits again."""
    message = (message or "").strip()
    if not message:
        raise ReportingError(_l("Write a message telling the party what to change."))
    submission = _decide(report, user, ReportStatus.RETURNED, message)
    if notify:
        notices.tell_focal_points(submission, "report_returned")
    return submission


def accept(report: Report, user: User, message: str = "", *, notify: bool = True) -> Submission:
    """Accept a submitted report (the secretariat's decision on its latest submission)."""
    submission = _decide(report, user, ReportStatus.ACCEPTED, (message or "").strip())
    if notify:
        notices.tell_focal_points(submission, "report_accepted")
    return submission


def _decide(report: Report, user: User, status: ReportStatus, message: str) -> Submission:
    if report.status_enum != REVIEWABLE:
        raise ReportingError(
            _l("Only a submitted report can be returned or accepted; this one is “%(status)s”.",
               status=report.status_enum.label)
        )  # fmt: skip
    latest = latest_submission(report)
    if latest is None:
        raise ReportingError(_l("This report has no submission to decide on."))
    now = utcnow()
    flipped = db.session.execute(
        sa.update(Report)
        .where(Report.id == report.id, Report.status == REVIEWABLE.value)
        .values(status=status.value, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    db.session.refresh(report)
    if flipped.rowcount != 1:
        raise ReportingError(_l("Someone else has already decided on this submission."))
    latest.decision = "returned" if status == ReportStatus.RETURNED else "accepted"
    latest.decided_at = now
    latest.decided_by = user
    latest.message = message
    db.session.flush()
    audit.record(
        user,
        f"report.{'return' if status == ReportStatus.RETURNED else 'accept'}",
        report,
        f"{report.questionnaire.code} {report.party.code} #{latest.number}",
        number=latest.number,
        message=message,
    )
    return latest


# --- reading submissions --------------------------------------------------------------------


def submissions_of(report: Report) -> list[Submission]:
    """Every submission of `report`, the first one first."""
    stmt = (
        sa.select(Submission).where(Submission.report_id == report.id).order_by(Submission.number)
    )
    return list(db.session.scalars(stmt))


def latest_submission(report: Report) -> Submission | None:
    stmt = (
        sa.select(Submission)
        .where(Submission.report_id == report.id)
        .order_by(Submission.number.desc())
        .limit(1)
    )
    return db.session.scalar(stmt)


def submission_by_number(report: Report, number: int) -> Submission | None:
    stmt = sa.select(Submission).where(
        Submission.report_id == report.id, Submission.number == number
    )
    return db.session.scalar(stmt)


# --- the difference between two submissions -------------------------------------------------


@dataclass
class Difference:
    """How one answer cell differs between two submissions. `change` is "changed", "added"
    (no answer in the older one) or "removed" (none in the newer one)."""

    node: dict
    question: Any  # the question's text in the reader's language
    loop_key: str
    loop_label: Any
    change: str
    before: str = ""
    after: str = ""
    comment_before: str = ""
    comment_after: str = ""
    no_info_before: bool = False
    no_info_after: bool = False
    hidden_before: bool = False
    hidden_after: bool = False
    parts: list[str] = field(default_factory=list)  # "value", "comment", "no_info", "hidden"


def diff(older: Submission, newer: Submission, locale: str) -> list[Difference]:
    """What differs between the answers of two submissions, in questionnaire order; values as
    a reader of `locale` sees them. Identical answers are left out."""
    old_snap, new_snap = older.snapshot, newer.snapshot
    old_nodes, new_nodes = snapshots.nodes_by_id(old_snap), snapshots.nodes_by_id(new_snap)
    old = {(a["node_id"], a["loop_key"]): a for a in old_snap["answers"]}
    new = {(a["node_id"], a["loop_key"]): a for a in new_snap["answers"]}
    order = {node["id"]: index for index, node in enumerate(new_snap["nodes"])}
    order |= {
        n["id"]: len(order) + i for i, n in enumerate(old_snap["nodes"]) if n["id"] not in order
    }
    found = []
    for key in sorted(set(old) | set(new), key=lambda k: (order.get(k[0], 0), k[1])):
        before, after = old.get(key), new.get(key)
        node = new_nodes.get(key[0]) or old_nodes.get(key[0])
        snap = new_snap if after is not None else old_snap
        shown_after = snapshots.answer_words(node, after, new_snap, locale) if after else ""
        shown_before = (
            snapshots.answer_words(old_nodes.get(key[0], node), before, old_snap, locale)
            if before
            else ""
        )
        parts = []
        if _value_state(before) != _value_state(after) and shown_before != shown_after:
            parts.append("value")
        if (before or {}).get("comment", "") != (after or {}).get("comment", ""):
            parts.append("comment")
        if bool((before or {}).get("no_info")) != bool((after or {}).get("no_info")):
            parts.append("no_info")
        if bool((before or {}).get("hidden")) != bool((after or {}).get("hidden")):
            parts.append("hidden")
        if before is not None and after is not None and not parts:
            continue
        if before is None and after is not None and _is_empty(after):
            continue
        if after is None and before is not None and _is_empty(before):
            continue
        label = (after or before).get("loop_label")
        found.append(
            Difference(
                node=node,
                question=snapshots.text(node.get("text") or {}, snap, locale),
                loop_key=key[1],
                loop_label=snapshots.text(label, snap, locale) if label else None,
                change="added" if before is None else "removed" if after is None else "changed",
                before=shown_before,
                after=shown_after,
                comment_before=(before or {}).get("comment", ""),
                comment_after=(after or {}).get("comment", ""),
                no_info_before=bool((before or {}).get("no_info")),
                no_info_after=bool((after or {}).get("no_info")),
                hidden_before=bool((before or {}).get("hidden")),
                hidden_after=bool((after or {}).get("hidden")),
                parts=parts or ["value"],
            )
        )
    return found


def _value_state(answer: dict | None) -> tuple:
    if answer is None:
        return (None, None, "")
    return (answer.get("value"), answer.get("typed"), answer.get("other", ""))


def _is_empty(answer: dict) -> bool:
    return (
        answers.is_blank(answer.get("value"))
        and answer.get("typed") is None
        and not answer.get("comment")
        and not answer.get("no_info")
    )


# --- the secretariat's list -----------------------------------------------------------------


@dataclass
class ReportRow:
    report: Report
    last_submitted_at: Any = None
    last_number: int | None = None
    last_decision: str | None = None
    has_focal_point: bool = True  # an active focal point hears of the report by e-mail


@dataclass
class InstrumentReports:
    rows: list[ReportRow]
    counts: dict[str, int]  # status → number of reports
    without_focal_point: int = 0  # parties with no active focal point, before the filter

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def _latest_submissions(report_ids: list[int]) -> dict[int, Submission]:
    """The latest submission of each report, in one query."""
    if not report_ids:
        return {}
    newest = (
        sa.select(Submission.report_id, sa.func.max(Submission.number).label("number"))
        .where(Submission.report_id.in_(report_ids))
        .group_by(Submission.report_id)
        .subquery()
    )
    query = sa.select(Submission).join(
        newest,
        sa.and_(Submission.report_id == newest.c.report_id, Submission.number == newest.c.number),
    )
    return {s.report_id: s for s in db.session.scalars(query)}


def submitted_reports(instrument_ids: set[int] | None, lang: str = DEFAULT_LANGUAGE):
    """The submitted and accepted reports of `instrument_ids` (None: every instrument), each
    with its latest submission, by questionnaire (latest cycle first) then party name in
    `lang`. Two queries whatever the number of reports."""
    stmt = (
        sa.select(Report)
        .join(Report.questionnaire)
        .where(Report.status.in_([ReportStatus.SUBMITTED.value, ReportStatus.ACCEPTED.value]))
    )
    if instrument_ids is not None:
        stmt = stmt.where(Questionnaire.instrument_id.in_(instrument_ids or {-1}))
    reports = list(db.session.scalars(stmt))
    latest = _latest_submissions([r.id for r in reports])
    rows = [
        ReportRow(r, latest[r.id].submitted_at, latest[r.id].number, latest[r.id].decision)
        for r in reports
        if r.id in latest
    ]
    rows.sort(
        key=lambda r: (
            r.report.questionnaire.instrument.code,
            -r.report.questionnaire.cycle_order,
            str(translate(r.report.party.name, lang=lang)).casefold(),
        )
    )
    return rows


def reports_of_instrument(
    instrument: Instrument,
    questionnaire: Questionnaire | None = None,
    status: str | None = None,
    lang: str = DEFAULT_LANGUAGE,
) -> InstrumentReports:
    """Every report owed to `instrument` (or to one of its questionnaires), by party name in
    `lang`, with its latest submission and whether its party has an active focal point;
    `counts` per status and `without_focal_point` cover every report before the `status`
    filter. Four queries whatever the number of reports."""
    stmt = (
        sa.select(Report)
        .join(Report.questionnaire)
        .where(Questionnaire.instrument_id == instrument.id)
    )
    if questionnaire is not None:
        stmt = stmt.where(Report.questionnaire_id == questionnaire.id)
    reports = list(db.session.scalars(stmt))
    counts = {s.value: 0 for s in ReportStatus}
    for report in reports:
        counts[report.status] += 1
    covered = accounts.parties_covered(Role.FOCAL_POINT, instrument_id=instrument.id)
    without = len({r.party_id for r in reports} - covered)
    if status:
        reports = [r for r in reports if r.status == status]
    latest = _latest_submissions([r.id for r in reports])
    rows = []
    for report in reports:
        last = latest.get(report.id)
        rows.append(
            ReportRow(
                report,
                last.submitted_at if last else None,
                last.number if last else None,
                last.decision if last else None,
                report.party_id in covered,
            )
        )
    rows.sort(
        key=lambda r: (
            -r.report.questionnaire.cycle_order,
            sort_key(str(translate(r.report.party.name, lang=lang)), lang),
        )
    )
    return InstrumentReports(rows, counts, without)
