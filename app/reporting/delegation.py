"""Delegation: a focal point hands top-level sections of a report to contributors, by e-mail
address; an invitation mail carries a single-use link that completes the account when needed.

A contributor's rights come from live assignments only (app/policy.py asks facts.py): they
read and fill the sections assigned to them, mark them "ready for review", and lose access the
moment an assignment is withdrawn. They never submit and never delegate.

An assignment needs a person (assignments.contributor_id), so an address without an account gets
one at once, without a password: nobody can sign in to it until the invitation link sets its
name and password. Only a SHA-256 hash of the link's token is stored.

Services flush and leave the commit to the caller; mails are sent before that commit, so a mail
that cannot be sent leaves nothing behind once the caller rolls back.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

import sqlalchemy as sa
from email_validator import EmailNotValidError
from flask import current_app, has_request_context, url_for
from flask_babel import lazy_gettext as _l

from app import policy
from app.audit import services as audit
from app.auth import services as accounts
from app.auth.models import Role, User
from app.extensions import db
from app.forms_common import checked_email
from app.i18n import DEFAULT_LANGUAGE, languages
from app.notify import mail
from app.questionnaires import tree as tree_module
from app.questionnaires.models import Node, Questionnaire
from app.reporting import facts
from app.reporting.errors import ReportingError
from app.reporting.models import Answer, AnswerRevision, Assignment, Invitation, Report
from app.utils import as_utc, utcnow

log = logging.getLogger(__name__)


class DelegationError(ReportingError):
    """A refused delegation; `message` is translated for the person who asked, `field` names
    the form field it is about ("section", "email", "name", "password"), if any."""

    def __init__(self, message, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# --- who holds what ------------------------------------------------------------------------------


def assignments_of(report: Report, *, live_only: bool = False) -> list[Assignment]:
    """The report's assignments in questionnaire order (live ones first within a section)."""
    stmt = (
        sa.select(Assignment)
        .join(Node, Node.id == Assignment.section_id)
        .where(Assignment.report_id == report.id)
        .order_by(
            Node.position,
            Assignment.withdrawn_at.is_not(None),
            Assignment.assigned_at,
            Assignment.id,
        )
    )
    if live_only:
        stmt = stmt.where(Assignment.withdrawn_at.is_(None))
    return list(db.session.scalars(stmt))


def live_assignments_of(user: User) -> dict[int, list[Assignment]]:
    """Report id → the user's live assignments on it, for reports of open questionnaires."""
    stmt = (
        facts.live_assignments(user.id)
        .join(Node, Node.id == Assignment.section_id)
        .order_by(Questionnaire.deadline.nulls_last(), Questionnaire.code, Node.position)
    )
    found: dict[int, list[Assignment]] = {}
    for assignment in db.session.scalars(stmt):
        found.setdefault(assignment.report_id, []).append(assignment)
    return found


def assignment_by_id(report: Report, assignment_id: int) -> Assignment | None:
    assignment = db.session.get(Assignment, assignment_id)
    if assignment is None or assignment.report_id != report.id:
        return None
    return assignment


def top_section_id(node: Node | int | None, tree: tree_module.Tree | None = None) -> int | None:
    """The top-level section holding `node` (a node or its id; itself when it is one); None for
    an item outside every section."""
    if isinstance(node, int):
        node = db.session.get(Node, node)
    if node is None:
        return None
    if tree is not None:
        chain = [node, *tree.ancestors(node)]
    else:
        chain = [node]
        while chain[-1].parent_id is not None:
            chain.append(db.session.get(Node, chain[-1].parent_id))
    top = chain[-1]
    return top.id if top.is_section and top.parent_id is None else None


def top_sections(questionnaire: Questionnaire) -> list[Node]:
    """The sections a focal point can delegate, in questionnaire order."""
    stmt = (
        sa.select(Node)
        .where(
            Node.questionnaire_id == questionnaire.id,
            Node.parent_id.is_(None),
            Node.kind == "section",
        )
        .order_by(Node.position, Node.id)
    )
    return list(db.session.scalars(stmt))


def focal_point_ids(report: Report) -> set[int]:
    """The users who are focal point of the report's party for its instrument (disabled accounts
    included: what they changed stays theirs)."""
    holders = accounts.holders(
        Role.FOCAL_POINT,
        instrument_id=report.questionnaire.instrument_id,
        party_id=report.party_id,
        active_only=False,
    )
    return {user.id for user in holders}


# --- assigning -----------------------------------------------------------------------------------


@dataclass
class Assigned:
    assignment: Assignment
    invitation: Invitation
    new_account: bool  # the address had no usable account: the invitation completes one
    locale: str  # the language the invitation was written in
    sent: bool = True  # False: handed to the mail queue, not yet sent


def _address(email: str) -> str:
    try:
        return accounts.normalise_email(checked_email((email or "").strip()))
    except EmailNotValidError:
        raise DelegationError(_l("Enter a valid e-mail address."), "email") from None


def _language(*candidates: str | None) -> str:
    available = languages()
    return next((c for c in candidates if c in available), DEFAULT_LANGUAGE)


def is_pending(user: User) -> bool:
    """An account opened by an invitation whose link has not been used yet (no password)."""
    return user.password_hash is None


def _section(report: Report, section: Node | int | None) -> Node:
    node = db.session.get(Node, section) if isinstance(section, int) else section
    if (
        node is None
        or node.questionnaire_id != report.questionnaire_id
        or not node.is_section
        or node.parent_id is not None
    ):
        raise DelegationError(_l("Choose one of the report's sections."), "section")
    return node


def assign(
    report: Report,
    section: Node | int | None,
    email: str,
    by_user: User,
    locale: str | None = None,
) -> Assigned:
    """Delegate the top-level `section` of `report` to the person at `email` and mail them a
    single-use invitation.

    An existing account gets the contributor role for the report's party if it lacks it, and
    the mail in its own language; a new address gets an account without a password, and the
    mail in `locale` (what the focal point chose), else in the focal point's language. A
    withdrawn assignment of the same section to the same person is revived.
    """
    if not report.is_editable:
        raise DelegationError(
            _l("This report is submitted or closed: its sections can no longer be delegated.")
        )
    node = _section(report, section)
    address = _address(email)
    if address == accounts.normalise_email(by_user.email):
        raise DelegationError(_l("You cannot delegate a section to yourself."), "email")
    user = accounts.user_by_email(address)
    scope = (report.party_id, report.questionnaire.instrument_id)
    if user is not None and scope in policy.focal_point_scopes(user):
        raise DelegationError(
            _l("%(email)s is a focal point of this report and can already fill it.", email=address),
            "email",
        )
    if user is not None and not user.active:
        raise DelegationError(
            _l("The account of %(email)s is deactivated: ask an administrator.", email=address),
            "email",
        )
    assignment = None
    if user is not None:
        assignment = db.session.scalar(
            sa.select(Assignment).where(
                Assignment.report_id == report.id,
                Assignment.section_id == node.id,
                Assignment.contributor_id == user.id,
            )
        )
    if assignment is not None and assignment.is_live:
        raise DelegationError(
            _l("This section is already delegated to %(email)s.", email=address), "email"
        )

    new_account = user is None or is_pending(user)
    chosen = _language(locale, by_user.locale)
    if user is None:
        user = accounts.create_user(address, address, locale=chosen, actor=by_user)
    mail_locale = _language(user.locale, chosen)  # an account's own language comes first
    accounts.grant_role(
        user, accounts.GrantScope(Role.CONTRIBUTOR, party=report.party), actor=by_user
    )
    now = utcnow()
    revived = assignment is not None
    if assignment is None:
        assignment = Assignment(report=report, section=node, contributor=user)
        db.session.add(assignment)
    assignment.assigned_by_id = by_user.id
    assignment.assigned_at = now
    assignment.withdrawn_at = None
    assignment.ready_at = None
    db.session.flush()

    invitation, token = _invitation(assignment, now)
    audit.record(
        by_user,
        "assignment.create",
        assignment,
        f"{report.questionnaire.code} {report.party.code} section {node.number} → {user.email}",
        report_id=report.id,
        section_id=node.id,
        revived=revived,
        new_account=new_account,
    )
    outgoing = _send_invitation(invitation, token, new_account, mail_locale, by_user)
    return Assigned(assignment, invitation, new_account, mail_locale, outgoing.delivered)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _invitation(assignment: Assignment, now: datetime) -> tuple[Invitation, str]:
    token = secrets.token_urlsafe(32)
    days = current_app.config["INVITATION_MAX_AGE_DAYS"]
    invitation = Invitation(
        token_hash=_hash(token),
        email=assignment.contributor.email,
        assignment=assignment,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    db.session.add(invitation)
    db.session.flush()
    return invitation, token


def invitation_link(token: str) -> str:
    if has_request_context():
        return url_for("reporting.invitation", token=token, _external=True)
    with current_app.test_request_context():  # a command: the configured SERVER_NAME, if any
        return url_for("reporting.invitation", token=token, _external=True)


def _send_invitation(
    invitation: Invitation, token: str, new_account: bool, locale: str, by_user: User
):
    assignment = invitation.assignment
    return mail.send(
        invitation.email,
        "invitation",
        locale,
        user=assignment.contributor,
        new_account=new_account,
        inviter=by_user,
        report=assignment.report,
        section=assignment.section,
        link=invitation_link(token),
        days=current_app.config["INVITATION_MAX_AGE_DAYS"],
    )


# --- the invitation link -------------------------------------------------------------------------


class InvitationState(StrEnum):
    VALID = "valid"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    WITHDRAWN = "withdrawn"


INVITATION_MESSAGES = {
    InvitationState.UNKNOWN: _l(
        "This invitation link is not valid. Check that it was copied whole."
    ),
    InvitationState.USED: _l(
        "This invitation was already used. Sign in with your e-mail address and password."
    ),
    InvitationState.EXPIRED: _l(
        "This invitation has expired. Ask the focal point who invited you to send a new one."
    ),
    InvitationState.WITHDRAWN: _l(
        "The section this invitation was for is no longer delegated to you."
    ),
}


class InvitationError(ReportingError):
    """The link cannot be used (unknown, used, expired, withdrawn): `state` says which."""

    def __init__(self, state: InvitationState) -> None:
        super().__init__(INVITATION_MESSAGES[state])
        self.state = state


def find_invitation(token: str) -> tuple[Invitation | None, InvitationState]:
    """The invitation a link's token names, and whether it can still be used."""
    invitation = db.session.scalar(
        sa.select(Invitation).where(Invitation.token_hash == _hash(token or ""))
    )
    if invitation is None:
        return None, InvitationState.UNKNOWN
    if invitation.used_at is not None:
        return invitation, InvitationState.USED
    if as_utc(invitation.expires_at) <= utcnow():
        return invitation, InvitationState.EXPIRED
    if not invitation.assignment.is_live or not invitation.assignment.contributor.active:
        return invitation, InvitationState.WITHDRAWN
    return invitation, InvitationState.VALID


def accept_invitation(token: str, name: str | None = None, password: str | None = None) -> User:
    """Use an invitation (once): for an account it opened, set the person's name and password
    (the account rules apply); returns the user, who then signs in.

    The link is spent by a conditional UPDATE, so a double click or a replayed request cannot
    use it twice. A name or password that breaks the account rules raises DelegationError and
    spends nothing."""
    invitation, state = find_invitation(token)
    if state != InvitationState.VALID:
        raise InvitationError(state)
    user = invitation.assignment.contributor
    if is_pending(user):
        name = " ".join((name or "").split())
        if not name:
            raise DelegationError(_l("Give your name."), "name")
        if len(name) > 200:
            raise DelegationError(_l("A name has at most 200 characters."), "name")
        try:
            accounts.set_password(user, password or "")
        except accounts.AuthError as error:
            raise DelegationError(str(error), "password") from None
        user.name = name
    spent = db.session.execute(
        sa.update(Invitation)
        .where(Invitation.id == invitation.id, Invitation.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        raise InvitationError(InvitationState.USED)
    db.session.refresh(invitation)
    audit.record(
        user,
        "invitation.accept",
        invitation.assignment,
        f"{user.email} accepted section {invitation.assignment.section.number}",
        report_id=invitation.assignment.report_id,
    )
    db.session.flush()
    return user


# --- withdrawing and "ready for review" ---------------------------------------------------------


def withdraw(assignment: Assignment, by_user: User) -> None:
    """The contributor loses access to the section at once; what they wrote stays."""
    if not assignment.is_live:
        raise DelegationError(_l("This delegation was already withdrawn."))
    assignment.withdrawn_at = utcnow()
    db.session.flush()
    report = assignment.report
    audit.record(
        by_user,
        "assignment.withdraw",
        assignment,
        f"{report.questionnaire.code} {report.party.code} section {assignment.section.number}"
        f" ← {assignment.contributor.email}",
        report_id=report.id,
        section_id=assignment.section_id,
    )


def mark_ready(assignment: Assignment, user: User, ready: bool = True) -> bool:
    """The contributor says their section is ready for the focal point's review (or, with
    `ready=False`, that it is not after all). Returns whether anything changed; the focal
    point who delegated the section is told by mail when it becomes ready."""
    if assignment.contributor_id != getattr(user, "id", None) or not assignment.is_live:
        raise DelegationError(_l("This section is not delegated to you."))
    if not assignment.report.is_editable:
        raise DelegationError(_l("This report is submitted or closed: it can no longer change."))
    if (assignment.ready_at is not None) == ready:
        return False
    assignment.ready_at = utcnow() if ready else None
    db.session.flush()
    report = assignment.report
    audit.record(
        user,
        "assignment.ready" if ready else "assignment.not_ready",
        assignment,
        f"{report.questionnaire.code} {report.party.code} section {assignment.section.number}",
        report_id=report.id,
    )
    reviewer = assignment.assigned_by
    if ready and reviewer is not None and reviewer.active:
        try:
            mail.send(
                reviewer.email,
                "section_ready",
                _language(reviewer.locale),
                user=reviewer,
                contributor=user,
                report=report,
                section=assignment.section,
                link=_section_link(report, assignment.section),
            )
        except mail.SEND_ERRORS:  # a courtesy: the mark stands without it
            log.warning("could not tell %s that a section is ready", reviewer.email)
    return True


def _section_link(report: Report, section: Node) -> str:
    def build() -> str:
        return url_for(
            "reporting.section", report_id=report.id, section_id=section.id, _external=True
        )

    if has_request_context():
        return build()
    with current_app.test_request_context():
        return build()


# --- who changed what ----------------------------------------------------------------------------


@dataclass
class ContributorChange:
    """The latest revision one contributor left on one answer."""

    item: Node
    loop_key: str
    user: User | None
    saved_at: datetime
    version: int
    current: bool  # the answer still stands as they left it


@dataclass
class SectionChanges:
    section: Node | None
    changes: list[ContributorChange] = field(default_factory=list)


def changes_by_contributors(report: Report) -> list[SectionChanges]:
    """Per top-level section, in questionnaire order: the answers that people other than the
    focal points changed, each with the latest revision each such person left, newest first."""
    focal = focal_point_ids(report)
    stmt = (
        sa.select(AnswerRevision, Answer)
        .join(Answer, Answer.id == AnswerRevision.answer_id)
        .where(Answer.report_id == report.id, AnswerRevision.user_id.is_not(None))
        .order_by(AnswerRevision.id.desc())
    )
    if focal:
        stmt = stmt.where(AnswerRevision.user_id.not_in(focal))
    rows = db.session.execute(stmt).all()
    if not rows:
        return []
    tree = tree_module.cached(report.questionnaire)
    order = tree.order()
    latest: dict[tuple[int, int], ContributorChange] = {}
    sections: dict[int | None, SectionChanges] = {}
    for revision, answer in rows:
        key = (answer.id, revision.user_id)
        if key in latest or answer.node_id not in tree.by_id:
            continue
        node = tree.by_id[answer.node_id]
        change = ContributorChange(
            item=node,
            loop_key=answer.loop_key,
            user=revision.user,
            saved_at=revision.saved_at,
            version=revision.version,
            current=revision.version == answer.version,
        )
        latest[key] = change
        top = top_section_id(node, tree)
        group = sections.setdefault(
            top, SectionChanges(tree.by_id[top] if top is not None else None)
        )
        group.changes.append(change)
    return [sections[k] for k in sorted(sections, key=lambda k: -1 if k is None else order[k])]
