"""Server-side sessions: each sign-in is a row of user_sessions, and the session and remember
cookies carry "<user id>:<token>". A request is signed in only while its token names a live row,
so signing out ends that browser's session (its copied cookies and its remember cookie too),
and a password change or a deactivation ends every session of the account.

Flask-Login's signals start and end the rows, so every `login_user` and `logout_user` (the
sign-in page, an accepted invitation, the password change) goes through here."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask, current_app, session
from flask_login import user_logged_in, user_logged_out
from sqlalchemy.orm import joinedload

from app import bounds
from app.auth.models import User, UserSession
from app.extensions import db, login_manager
from app.utils import as_utc, utcnow


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _lifetime(remember: bool) -> timedelta:
    """As long as the cookie that carries the session: the remember cookie's duration, else
    the signed session cookie's (Flask refuses one older than this)."""
    if remember:
        duration = current_app.config.get("REMEMBER_COOKIE_DURATION", timedelta(days=365))
        return duration if isinstance(duration, timedelta) else timedelta(seconds=duration)
    return current_app.permanent_session_lifetime


def start(user: User, remember: bool = False) -> str:
    """A new session of `user`; its token, which only the cookies hold. Prunes the user's expired
    sessions. Callers commit."""
    now = utcnow()
    for old in db.session.scalars(sa.select(UserSession).where(UserSession.user_id == user.id)):
        if as_utc(old.expires_at) <= now:
            db.session.delete(old)
    token = secrets.token_urlsafe(32)
    db.session.add(
        UserSession(
            user_id=user.id,
            token_hash=_digest(token),
            remember=remember,
            created_at=now,
            expires_at=now + _lifetime(remember),
        )
    )
    db.session.flush()
    return token


def current(user: User) -> UserSession | None:
    """The session this request is signed in by (None outside a signed-in request)."""
    if not user.session_token:
        return None
    return db.session.scalar(
        sa.select(UserSession).where(UserSession.token_hash == _digest(user.session_token))
    )


def end(user: User) -> None:
    """End the session this request is signed in by. Callers commit."""
    if user.session_token:
        db.session.execute(
            sa.delete(UserSession).where(UserSession.token_hash == _digest(user.session_token))
        )


def end_all(user: User, keep_current: bool = False) -> int:
    """End every session of `user` (but the one of this request with `keep_current`); how many
    ended. Callers commit."""
    if user.id is None:
        return 0
    stmt = sa.delete(UserSession).where(UserSession.user_id == user.id)
    if keep_current and user.session_token:
        stmt = stmt.where(UserSession.token_hash != _digest(user.session_token))
    return db.session.execute(stmt).rowcount


def others(user: User) -> int:
    """How many other live sessions `user` has, besides this request's."""
    now = utcnow()
    rows = db.session.scalars(sa.select(UserSession).where(UserSession.user_id == user.id))
    mine = _digest(user.session_token) if user.session_token else None
    return sum(1 for row in rows if row.token_hash != mine and as_utc(row.expires_at) > now)


def load_user(session_id: str) -> User | None:
    """Flask-Login's loader: the account whose live session the cookie names, else None."""
    user_id, _, token = str(session_id).partition(":")
    if not token or bounds.integer_or(user_id) is None:
        return None
    # the session, its account and the account's roles in one query (every request asks)
    found = (
        db.session.execute(
            sa.select(UserSession.user_id, UserSession.expires_at, User)
            .join(User, User.id == UserSession.user_id)
            .where(UserSession.token_hash == _digest(token))
            .options(joinedload(User.grants))
        )
        .unique()
        .first()
    )
    if found is None or str(found.user_id) != user_id or as_utc(found.expires_at) <= utcnow():
        return None
    user = found.User
    if not user.active:
        return None
    user.session_token = token
    return user


def _signed_in(sender: Flask, user: User, **extra) -> None:
    """After `login_user`: a new session for this browser (the one it had, if any, ends), and
    the cookies carry its token. Committed here: the page that signs in may not commit after."""
    end(user)
    user.session_token = start(user, remember=session.get("_remember") == "set")
    session["_user_id"] = user.get_id()
    db.session.commit()


def _signed_out(sender: Flask, user, **extra) -> None:
    """After `logout_user`: this browser's session ends, whoever holds a copy of its cookies."""
    if isinstance(user, User) and user.session_token:
        end(user)
        user.session_token = None
        db.session.commit()


def register(app: Flask) -> None:
    """Load users from their sessions; start and end sessions with Flask-Login's signals."""
    login_manager.user_loader(load_user)
    user_logged_in.connect(_signed_in)  # connecting again (another app in tests) is a no-op
    user_logged_out.connect(_signed_out)
