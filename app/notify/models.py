"""The outbox: every mail the application sends is first a row here, written in the transaction
of the action it tells about, so that a mail leaves only for what was saved, and a mail that
cannot be delivered is retried and finally listed for the administrators instead of being lost
in a log (app/notify/mail.py)."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Mapped, mapped_column

from app.enums import LabelledEnum
from app.extensions import db
from app.utils import utcnow


class MailStatus(LabelledEnum):
    QUEUED = "queued", _l("Waiting to be sent")
    SENDING = "sending", _l("Being sent")
    RETRYING = "retrying", _l("Failed, will be tried again")
    SENT = "sent", _l("Sent")
    FAILED = "failed", _l("Failed, not tried again")


# a mail in these states is still owed to its recipient
UNSENT = (MailStatus.QUEUED.value, MailStatus.SENDING.value, MailStatus.RETRYING.value)
ERROR_LENGTH = 500  # what the mail server said, as much as a person reads of it


class OutgoingMail(db.Model):
    __tablename__ = "outgoing_mails"
    __table_args__ = (
        sa.CheckConstraint(
            "status IN ({})".format(", ".join(f"'{m.value}'" for m in MailStatus)), name="status"
        ),
        sa.Index("ix_outgoing_mails_status_due", "status", "next_attempt_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(sa.DateTime(timezone=True), default=utcnow)
    recipient: Mapped[str] = mapped_column(sa.String(254))
    # the account it was written for, when it has one (the language is that account's)
    user_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    # the report it is about, when it is about one (its audit trail lists it)
    report_id: Mapped[int | None] = mapped_column(
        sa.ForeignKey("reports.id", ondelete="SET NULL"), index=True
    )
    template: Mapped[str] = mapped_column(sa.String(60))
    locale: Mapped[str] = mapped_column(sa.String(10))
    subject: Mapped[str] = mapped_column(sa.Text)
    # rendered once, in the recipient's language; emptied once sent (it may carry a sign-in link)
    body: Mapped[str] = mapped_column(sa.Text)
    status: Mapped[str] = mapped_column(
        sa.String(10), default=MailStatus.QUEUED, server_default=MailStatus.QUEUED.value
    )
    attempts: Mapped[int] = mapped_column(default=0, server_default="0")
    last_error: Mapped[str] = mapped_column(sa.String(ERROR_LENGTH), default="", server_default="")
    # when the next try is due (retrying), or when the try under way began (sending)
    next_attempt_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))
    sent_at: Mapped[datetime | None] = mapped_column(sa.DateTime(timezone=True))

    @property
    def status_enum(self) -> MailStatus:
        return MailStatus(self.status)

    @property
    def delivered(self) -> bool:
        return self.status == MailStatus.SENT
