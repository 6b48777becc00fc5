"""Accounts and role grants. Callers commit; every change of rights is audited."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass

import sqlalchemy as sa
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from app.audit import services as audit
from app.auth import sessions
from app.auth.models import ROLE_SCOPE, Role, RoleGrant, User
from app.directory.models import Instrument, Party
from app.extensions import db
from app.utils import utcnow


class AuthError(ValueError):
    """A refused change; `str()` is a translated message for the person who asked."""


def _hasher() -> PasswordHasher:
    return PasswordHasher(**current_app.config["ARGON2_PARAMS"])


def normalise_email(email: str) -> str:
    return email.strip().lower()


def set_password(user: User, password: str) -> None:
    if len(password) < current_app.config["PASSWORD_MIN_LENGTH"]:
        raise AuthError(
            _l(
                "The password must have at least %(n)d characters.",
                n=current_app.config["PASSWORD_MIN_LENGTH"],
            )
        )
    user.password_hash = _hasher().hash(password)
    user.session_version = (user.session_version or 0) + 1  # spends reset links
    sessions.end_all(user)  # whoever had the old password is signed out everywhere


def check_password(user: User, password: str) -> bool:
    if not user.password_hash:
        return False
    try:
        _hasher().verify(user.password_hash, password)
    except (VerificationError, InvalidHashError):
        return False
    if _hasher().check_needs_rehash(user.password_hash):
        user.password_hash = _hasher().hash(password)
    return True


# A hash to verify against when the account does not exist, so both paths cost the same.
_DUMMY_HASH: dict[str, str] = {}


def authenticate(email: str, password: str) -> User | None:
    """The active user with these credentials, or None (same cost whether or not it exists)."""
    user = user_by_email(email)
    if user is None or not user.active:
        key = repr(sorted(current_app.config["ARGON2_PARAMS"].items()))
        if key not in _DUMMY_HASH:
            _DUMMY_HASH[key] = _hasher().hash("not-a-password")
        with contextlib.suppress(VerificationError):
            _hasher().verify(_DUMMY_HASH[key], password)
        return None
    if not check_password(user, password):
        return None
    user.last_login_at = utcnow()
    return user


def user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == normalise_email(email)))


def create_user(
    email: str,
    name: str,
    password: str | None = None,
    locale: str | None = None,
    actor: User | None = None,
) -> User:
    email = normalise_email(email)
    if user_by_email(email) is not None:
        raise AuthError(_l("An account with this e-mail address already exists."))
    user = User(email=email, name=name.strip(), locale=locale, session_version=1)
    if password:
        set_password(user, password)
    db.session.add(user)
    db.session.flush()
    audit.record(actor, "user.create", user, email)
    return user


@dataclass(frozen=True)
class GrantScope:
    role: Role
    instrument: Instrument | None = None
    party: Party | None = None


def check_scope(scope: GrantScope) -> None:
    """Refuse a grant whose scope does not fit its role."""
    needs = ROLE_SCOPE[scope.role]
    for key, value in (("instrument", scope.instrument), ("party", scope.party)):
        required = needs[key]
        if required is True and value is None:
            raise AuthError(
                _l("This role needs an instrument.")
                if key == "instrument"
                else _l("This role needs a country.")
            )
        if required is False and value is not None:
            raise AuthError(
                _l("This role does not take an instrument.")
                if key == "instrument"
                else _l("This role does not take a country.")
            )
    if scope.role == Role.FOCAL_POINT:
        member = any(m.instrument_id == scope.instrument.id for m in scope.party.memberships)
        if not member:
            raise AuthError(_l("This country is not a member of this instrument."))


def find_grant(user: User, scope: GrantScope) -> RoleGrant | None:
    for grant in user.grants:
        if (
            grant.role == scope.role
            and grant.instrument_id == (scope.instrument.id if scope.instrument else None)
            and grant.party_id == (scope.party.id if scope.party else None)
        ):
            return grant
    return None


def describe(scope: GrantScope | RoleGrant) -> str:
    role = scope.role if isinstance(scope.role, Role) else Role(scope.role)
    parts = [role.value]
    if scope.instrument is not None:
        parts.append(scope.instrument.code)
    if scope.party is not None:
        parts.append(scope.party.code)
    return " ".join(parts)


def holders(
    role: Role, *, instrument_id: int, party_id: int | None = None, active_only: bool = True
) -> list[User]:
    """The users who hold `role` for an instrument (and a party, for party roles), once each,
    in the order of their accounts; `active_only` leaves out disabled accounts."""
    stmt = (
        sa.select(User)
        .join(RoleGrant, RoleGrant.user_id == User.id)
        .where(RoleGrant.role == role.value, RoleGrant.instrument_id == instrument_id)
        .order_by(User.id)
    )
    if party_id is not None:
        stmt = stmt.where(RoleGrant.party_id == party_id)
    if active_only:
        stmt = stmt.where(User.active.is_(True))
    return list(dict.fromkeys(db.session.scalars(stmt)))


def parties_covered(role: Role, *, instrument_id: int) -> set[int]:
    """The parties for which someone with an active account holds the party role `role` for
    the instrument (one query, for lists of many parties)."""
    stmt = (
        sa.select(RoleGrant.party_id)
        .join(User, User.id == RoleGrant.user_id)
        .where(
            RoleGrant.role == role.value,
            RoleGrant.instrument_id == instrument_id,
            RoleGrant.party_id.is_not(None),
            User.active.is_(True),
        )
        .distinct()
    )
    return set(db.session.scalars(stmt))


def grant_role(user: User, scope: GrantScope, actor: User | None = None) -> RoleGrant:
    """Give `user` a role; granting one they already hold returns the existing grant."""
    check_scope(scope)
    existing = find_grant(user, scope)
    if existing is not None:
        return existing
    grant = RoleGrant(
        role=scope.role.value,
        instrument=scope.instrument,
        party=scope.party,
        granted_by_id=getattr(actor, "id", None),
    )
    user.grants.append(grant)
    db.session.flush()
    audit.record(actor, "role.grant", user, f"{user.email}: {describe(scope)}")
    return grant


def revoke_role(grant: RoleGrant, actor: User | None = None) -> None:
    user = grant.user
    if grant.role == Role.ADMIN and actor is not None and actor.id == user.id:
        raise AuthError(_l("You cannot remove your own administrator role."))
    if grant.role == Role.ADMIN and _admin_count() <= 1:
        raise AuthError(_l("The last administrator cannot lose the role."))
    summary = f"{user.email}: {describe(grant)}"
    user.grants.remove(grant)
    db.session.flush()
    audit.record(actor, "role.revoke", user, summary)


def revoke_consequences(grant: RoleGrant) -> list[str]:
    """What revoking `grant` takes away, in sentences for its confirmation page."""
    from app.i18n import translate

    name = grant.user.name
    instrument = grant.instrument.code if grant.instrument else None
    party = str(translate(grant.party.name)) if grant.party else None
    role = grant.role_enum
    if role == Role.ADMIN:
        lines = [
            _(
                "%(name)s will no longer manage accounts, instruments, countries and memberships.",
                name=name,
            )
        ]
    elif role == Role.SECRETARIAT:
        lines = [
            _(
                "%(name)s will no longer design the questionnaires of %(instrument)s nor review"
                " its reports.",
                name=name,
                instrument=instrument,
            )
        ]
    elif role == Role.FOCAL_POINT:
        lines = [
            _(
                "%(name)s will no longer fill, delegate or submit the reports of %(party)s to"
                " %(instrument)s.",
                name=name,
                party=party,
                instrument=instrument,
            )
        ]
        others = [
            u
            for u in holders(
                Role.FOCAL_POINT, instrument_id=grant.instrument_id, party_id=grant.party_id
            )
            if u.id != grant.user_id
        ]
        if not others:
            lines.append(
                _(
                    "%(party)s will have no active focal point for %(instrument)s.",
                    party=party,
                    instrument=instrument,
                )
            )
    elif role == Role.CONTRIBUTOR:
        # A contributor's sections come from assignments, which the role does not hold.
        lines = (
            [
                _(
                    "%(name)s will no longer see the profile of %(party)s and its focal points'"
                    " contacts.",
                    name=name,
                    party=party,
                )
            ]
            if party
            else []
        )
        lines.append(
            _(
                "The sections delegated to %(name)s stay delegated until a focal point"
                " withdraws them.",
                name=name,
            )
        )
    elif instrument:
        lines = [
            _(
                "%(name)s will no longer read the submitted reports and analyses of"
                " %(instrument)s.",
                name=name,
                instrument=instrument,
            )
        ]
    else:
        lines = [
            _(
                "%(name)s will no longer read the submitted reports and analyses of any"
                " instrument.",
                name=name,
            )
        ]
    lines.append(_("Nothing %(name)s wrote is deleted.", name=name))
    return lines


def _admin_count() -> int:
    return db.session.scalar(
        sa.select(sa.func.count(sa.distinct(RoleGrant.user_id)))
        .join(User, User.id == RoleGrant.user_id)
        .where(RoleGrant.role == Role.ADMIN, User.active.is_(True))
    )


def set_active(user: User, active: bool, actor: User | None = None) -> None:
    if not active and actor is not None and actor.id == user.id:
        raise AuthError(_l("You cannot deactivate your own account."))
    if user.active == active:
        return
    user.active = active
    if not active:
        user.session_version += 1
        sessions.end_all(user)  # signs the user out everywhere
    audit.record(actor, "user.activate" if active else "user.deactivate", user, user.email)


def change_password(user: User, current: str, new: str) -> None:
    if not check_password(user, current):
        raise AuthError(_l("The current password is not correct."))
    set_password(user, new)
    audit.record(user, "user.password_change", user, user.email)


def set_locale(user: User, locale: str) -> None:
    user.locale = locale


# --- password reset -----------------------------------------------------------------------------


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="password-reset")


def reset_token(user: User) -> str:
    """A signed token naming the user and the current session version: once the password
    changes, the version moves on and the token is spent (single use)."""
    return _serializer().dumps({"u": user.id, "v": user.session_version})


def user_for_reset_token(token: str) -> User | None:
    try:
        data = _serializer().loads(token, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    except (SignatureExpired, BadSignature):
        return None
    user = db.session.get(User, data.get("u"))
    if user is None or not user.active or user.session_version != data.get("v"):
        return None
    return user


def reset_password(token: str, new: str) -> User:
    user = user_for_reset_token(token)
    if user is None:
        raise AuthError(_l("This link has expired or has already been used."))
    set_password(user, new)
    audit.record(user, "user.password_reset", user, user.email)
    return user
