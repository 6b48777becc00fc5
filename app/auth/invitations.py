"""Account invitations: a single-use link, mailed to an account that an administrator opened
without a password (a directory import), to choose the password and sign in.

Only a hash of the token is stored; the link lasts INVITATION_MAX_AGE_DAYS and is spent by a
conditional UPDATE, so a double click or a replayed request cannot use it twice. Services
flush; the caller commits, then mails (`send`), so no mail announces an account rolled back."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from enum import StrEnum

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import lazy_gettext as _l

from app.audit import services as audit
from app.auth import services as accounts
from app.auth.models import AccountInvitation, User
from app.extensions import db
from app.notify import mail
from app.utils import as_utc, utcnow


class State(StrEnum):
    VALID = "valid"
    UNKNOWN = "unknown"
    USED = "used"
    EXPIRED = "expired"
    INACTIVE = "inactive"


MESSAGES = {
    State.UNKNOWN: _l("This link is not valid: check that it was copied whole."),
    State.USED: _l("This link was already used: sign in with the password you chose."),
    State.EXPIRED: _l("This link has expired: use “Forgotten password” on the sign-in page."),
    State.INACTIVE: _l("This account is deactivated: ask an administrator."),
}


class InvitationError(ValueError):
    """The link cannot be used; `state` says why, `str()` in the reader's language."""

    def __init__(self, state: State) -> None:
        super().__init__(str(MESSAGES[state]))
        self.state = state


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite(user: User) -> str:
    """A new invitation for `user`; its token, which only the mail carries."""
    token = secrets.token_urlsafe(32)
    now = utcnow()
    db.session.add(
        AccountInvitation(
            user_id=user.id,
            token_hash=_hash(token),
            created_at=now,
            expires_at=now + timedelta(days=current_app.config["INVITATION_MAX_AGE_DAYS"]),
        )
    )
    db.session.flush()
    return token


def find(token: str) -> tuple[AccountInvitation | None, State]:
    """The invitation a link's token names, and whether it can still be used."""
    invitation = db.session.scalar(
        sa.select(AccountInvitation).where(AccountInvitation.token_hash == _hash(token or ""))
    )
    if invitation is None:
        return None, State.UNKNOWN
    if invitation.used_at is not None:
        return invitation, State.USED
    if as_utc(invitation.expires_at) <= utcnow():
        return invitation, State.EXPIRED
    if not invitation.user.active:
        return invitation, State.INACTIVE
    return invitation, State.VALID


def accept(token: str, password: str) -> User:
    """Use the invitation (once): set the account's password; returns the user, who then signs
    in. A password that breaks the account rules raises AuthError and spends nothing."""
    invitation, state = find(token)
    if state != State.VALID:
        raise InvitationError(state)
    user = invitation.user
    accounts.set_password(user, password or "")
    spent = db.session.execute(
        sa.update(AccountInvitation)
        .where(AccountInvitation.id == invitation.id, AccountInvitation.used_at.is_(None))
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if spent.rowcount != 1:
        raise InvitationError(State.USED)
    db.session.refresh(invitation)
    audit.record(user, "user.invitation_accept", user, user.email)
    db.session.flush()
    return user


def link(token: str) -> str:
    return url_for("auth.welcome", token=token, _external=True)


def send(user: User, token: str, locale: str | None) -> None:
    """Mail `user` the invitation in `locale` (English when None); raises what the mail does."""
    mail.send(
        user.email,
        "account_invitation",
        locale,
        user=user,
        link=link(token),
        days=current_app.config["INVITATION_MAX_AGE_DAYS"],
    )
