"""What the administrators read of the outbox: how many mails are in each state, the mails
still owed or given up, and the latest sent. Never a mail's body (it may carry a sign-in link)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.orm import load_only

from app.extensions import db
from app.notify.models import UNSENT, MailStatus, OutgoingMail

# the columns a list shows: the body stays in the database
_LISTED = load_only(
    OutgoingMail.id,
    OutgoingMail.created_at,
    OutgoingMail.recipient,
    OutgoingMail.template,
    OutgoingMail.locale,
    OutgoingMail.subject,
    OutgoingMail.status,
    OutgoingMail.attempts,
    OutgoingMail.last_error,
    OutgoingMail.next_attempt_at,
    OutgoingMail.sent_at,
)


def counts() -> dict[str, int]:
    """Mails per status, in MailStatus's order, the empty ones left out."""
    found = dict(
        db.session.execute(
            sa.select(OutgoingMail.status, sa.func.count(OutgoingMail.id)).group_by(
                OutgoingMail.status
            )
        ).all()
    )
    return {status.value: found[status.value] for status in MailStatus if found.get(status.value)}


def failed_count() -> int:
    return (
        db.session.scalar(
            sa.select(sa.func.count(OutgoingMail.id)).where(
                OutgoingMail.status == MailStatus.FAILED.value
            )
        )
        or 0
    )


def owed(limit: int) -> list[OutgoingMail]:
    """The mails given up first, then those still owed, oldest first."""
    given_up = sa.case((OutgoingMail.status == MailStatus.FAILED.value, 0), else_=1)
    stmt = (
        sa.select(OutgoingMail)
        .options(_LISTED)
        .where(OutgoingMail.status.in_([*UNSENT, MailStatus.FAILED.value]))
        .order_by(given_up, OutgoingMail.id)
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def recently_sent(limit: int) -> list[OutgoingMail]:
    stmt = (
        sa.select(OutgoingMail)
        .options(_LISTED)
        .where(OutgoingMail.status == MailStatus.SENT.value)
        .order_by(OutgoingMail.sent_at.desc(), OutgoingMail.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(stmt))


def failed_ids() -> list[int]:
    stmt = sa.select(OutgoingMail.id).where(OutgoingMail.status == MailStatus.FAILED.value)
    return list(db.session.scalars(stmt.order_by(OutgoingMail.id)))
