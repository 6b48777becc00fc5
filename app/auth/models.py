from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.directory.models import Instrument, Party
from app.enums import LabelledEnum
from app.extensions import db
from app.utils import utcnow


class Role(LabelledEnum):
    ADMIN = "admin", _l("Administrator")
    SECRETARIAT = "secretariat", _l("Secretariat")
    FOCAL_POINT = "focal_point", _l("National focal point")
    CONTRIBUTOR = "contributor", _l("Contributor")
    ANALYST = "analyst", _l("Analyst")


# Which scope each role carries (enforced by a CHECK constraint and by the grant service).
ROLE_SCOPE = {
    Role.ADMIN: {"instrument": False, "party": False},
    Role.SECRETARIAT: {"instrument": True, "party": False},
    Role.FOCAL_POINT: {"instrument": True, "party": True},
    Role.CONTRIBUTOR: {"instrument": False, "party": None},  # optional party
    Role.ANALYST: {"instrument": None, "party": False},  # None instrument: all instruments
}


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)
    name: Mapped[str] = mapped_column(sa.String(200))
    password_hash: Mapped[str | None] = mapped_column(sa.String(255))
    locale: Mapped[str | None] = mapped_column(sa.String(10))
    active: Mapped[bool] = mapped_column(default=True, server_default=sa.true())
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    # Bumped on password change and deactivation: invalidates reset links (sessions end by
    # their rows in user_sessions, app/auth/sessions.py).
    session_version: Mapped[int] = mapped_column(default=1, server_default="1")
    # The token of the session this request was signed in by (set by the loader; not stored).
    session_token = None

    grants: Mapped[list[RoleGrant]] = relationship(
        back_populates="user",
        cascade="all, delete-orphan",
        foreign_keys="RoleGrant.user_id",
        lazy="selectin",
    )

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    def get_id(self) -> str:
        """What the session and remember cookies carry: the account and its session's token."""
        return f"{self.id}:{self.session_token or ''}"

    def __repr__(self) -> str:
        return f"<User {self.email}>"


class RoleGrant(db.Model):
    __tablename__ = "role_grants"
    __table_args__ = (
        sa.CheckConstraint(
            "role IN ('admin', 'secretariat', 'focal_point', 'contributor', 'analyst')",
            name="role",
        ),
        sa.CheckConstraint(
            "(role = 'admin' AND instrument_id IS NULL AND party_id IS NULL)"
            " OR (role = 'secretariat' AND instrument_id IS NOT NULL AND party_id IS NULL)"
            " OR (role = 'focal_point' AND instrument_id IS NOT NULL AND party_id IS NOT NULL)"
            " OR (role = 'contributor' AND instrument_id IS NULL)"
            " OR (role = 'analyst' AND party_id IS NULL)",
            name="scope",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(sa.String(20))
    instrument_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("instruments.id", ondelete="CASCADE")
    )
    party_id: Mapped[int | None] = mapped_column(sa.ForeignKey("parties.id", ondelete="CASCADE"))
    granted_by_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL")
    )
    granted_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)

    user: Mapped[User] = relationship(back_populates="grants", foreign_keys=[user_id])
    instrument: Mapped[Instrument | None] = relationship(lazy="joined")
    party: Mapped[Party | None] = relationship(lazy="joined")

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    def __repr__(self) -> str:
        return f"<RoleGrant {self.role} user={self.user_id}>"


class UserSession(db.Model):
    """One signed-in browser. Its cookies carry the token, of which only a hash is kept here:
    signing out deletes the row, a password change or a deactivation all of the user's rows,
    and a cookie naming no row signs nobody in."""

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    remember: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))

    def __repr__(self) -> str:
        return f"<UserSession {self.id} user={self.user_id}>"


class AccountInvitation(db.Model):
    """A single-use link mailed to an account opened for someone (a directory import): it lets
    the person choose a password, then signs them in. Only a hash of the token is stored."""

    __tablename__ = "account_invitations"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True))
    used_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    user: Mapped[User] = relationship()

    def __repr__(self) -> str:
        return f"<AccountInvitation {self.id} user={self.user_id}>"
