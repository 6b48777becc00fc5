"""Sending mail. Each message is rendered in its recipient's language (force_locale), so the
same call serves a French focal point and a Spanish one, and kept in the outbox
(`OutgoingMail`) in the transaction of the action it tells about.

How it leaves:

- With `REDIS_URL` set (production), on the RQ queue `MAIL_QUEUE`, handed over once the
  transaction is committed (a mail about an action that was rolled back never leaves). The
  worker (`flask analysis worker`) sends it; a failed send is retried by RQ after each of
  `MAIL_RETRY_SECONDS`, and after `MAIL_MAX_ATTEMPTS` tries the mail is `failed`: the
  administrators' page lists it, with what the mail server said, and can send it again.
  `flask mail deliver` (a timer in deploy/) sends what the queue lost: a mail still waiting
  `MAIL_STUCK_SECONDS` after it was written (Redis was down, or restarted empty), a retry that
  is due, a send that a killed worker left half done.
- Without it (the embedded default), at once, in the request: the page that follows can say
  plainly whether the person was told. A failure is raised to the caller as before, and the
  mail waits in the outbox for `flask mail deliver` or an administrator's "Send again".
- In development without a mail server (MAIL_CONSOLE), printed instead of sent.

A mail is claimed before it is sent (`queued`/`retrying` → `sending` in one UPDATE), so two
workers, or a worker and the timer, never send it twice.
"""

from __future__ import annotations

import logging
import smtplib
from datetime import datetime, timedelta
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import force_locale
from flask_mail import Message

from app import templating
from app.extensions import db, mail
from app.notify.models import ERROR_LENGTH, UNSENT, MailStatus, OutgoingMail
from app.utils import utcnow

log = logging.getLogger(__name__)

# what a failed send raises: the server refused, or could not be reached
SEND_ERRORS = (smtplib.SMTPException, OSError)
_PENDING = "family_ors_mail_pending"  # Session.info key: mail ids to queue once committed
# seconds a worker gives one try (Flask-Mail sets no timeout of its own on the connection)
JOB_TIMEOUT = 120


def send(to: str, template: str, locale: str | None, **context: Any) -> OutgoingMail:
    """Render mail/<template>.txt (first line: subject) in `locale`, keep it in the outbox and
    send it (at once, or through the queue once the caller commits: see the module). Raises
    what the mail server raised when it is sent at once and fails; the mail then waits for its
    retry. `context`'s `user` and `report`, when given, are recorded with the mail."""
    locale = locale or "en"
    with force_locale(locale):
        # as render_template, but with the line breaks as written: they are the mail's layout
        source = templating.plain_text(current_app).get_template(f"mail/{template}.txt")
        current_app.update_template_context(context)
        rendered = source.render(context)
    subject, _, body = rendered.strip().partition("\n")
    user, report = context.get("user"), context.get("report")
    outgoing = OutgoingMail(
        recipient=to,
        user_id=getattr(user, "id", None),
        report_id=getattr(report, "id", None),
        template=template,
        locale=locale,
        subject=subject.strip(),
        body=body.strip() + "\n",
    )
    db.session.add(outgoing)
    db.session.flush()
    config = current_app.config
    if config.get("MAIL_CONSOLE"):
        print(
            f"--- mail to {to} ---\nSubject: {outgoing.subject}\n\n{outgoing.body}---", flush=True
        )
        log.info("mail to %s printed to the console", to)
        _delivered(outgoing, utcnow())
    elif config.get("REDIS_URL"):
        db.session.info.setdefault(_PENDING, []).append(outgoing.id)
    else:
        _attempt(outgoing, raise_failure=True)
    return outgoing


def message_of(outgoing: OutgoingMail) -> Message:
    return Message(subject=outgoing.subject, recipients=[outgoing.recipient], body=outgoing.body)


# --- handing over to the queue once the action is committed ----------------------------------


@sa.event.listens_for(sa.orm.Session, "after_commit")
def _queue_committed(session: sa.orm.Session) -> None:
    pending = session.info.pop(_PENDING, None)
    if pending:
        for mail_id in pending:
            enqueue(mail_id)


@sa.event.listens_for(sa.orm.Session, "after_soft_rollback")
def _forget_rolled_back(session: sa.orm.Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction: its mails were not kept
        session.info.pop(_PENDING, None)


def enqueue(mail_id: int) -> bool:
    """Put the committed mail `mail_id` on the RQ queue, to be tried MAIL_MAX_ATTEMPTS times in
    all. False (logged) when Redis cannot be reached: the mail waits in the outbox, and
    `flask mail deliver` sends it once it has waited MAIL_STUCK_SECONDS. Reads no database."""
    from rq import Retry

    config = current_app.config
    try:
        queue(config["REDIS_URL"]).enqueue(
            work,
            mail_id,
            retry=Retry(max=config["MAIL_MAX_ATTEMPTS"] - 1, interval=retry_intervals()),
            job_timeout=JOB_TIMEOUT,
            result_ttl=0,
            failure_ttl=7 * 24 * 3600,
            description=f"mail {mail_id}",
        )
    except Exception:  # Redis down: the outbox keeps the mail, the timer sends it
        log.exception(
            "mail %s: the RQ queue cannot be reached; left for `flask mail deliver`", mail_id
        )
        return False
    return True


def queue(url: str):
    """The RQ queue of mails on the Redis at `url`."""
    from redis import Redis
    from rq import Queue

    return Queue(current_app.config["MAIL_QUEUE"], connection=Redis.from_url(url))


def retry_intervals() -> list[int]:
    """Seconds to wait before each retry (the last one repeats)."""
    return [int(seconds) for seconds in current_app.config["MAIL_RETRY_SECONDS"]]


def work(mail_id: int) -> None:
    """What an RQ worker runs: one try of the mail, with a fresh session after it. Raises when
    the try failed and another is owed, so that RQ schedules it."""
    try:
        if deliver(mail_id) == MailStatus.RETRYING:
            raise MailNotSent(f"mail {mail_id} will be tried again")
    finally:
        db.session.remove()


class MailNotSent(Exception):
    """A try failed; RQ retries the job."""


# --- one try ---------------------------------------------------------------------------------


def deliver(mail_id: int, now: datetime | None = None) -> str:
    """Try to send the committed mail `mail_id` if it is still owed (claimed first, so that it
    is sent once whoever else tries); commits. Returns its status afterwards ("" if it is gone)."""
    now = now or utcnow()
    claimed = db.session.execute(
        sa.update(OutgoingMail)
        .where(OutgoingMail.id == mail_id, OutgoingMail.status.in_(UNSENT))
        .where(
            # a send under way is taken over only when it has outlived MAIL_STUCK_SECONDS (its
            # worker was killed); before that it is someone else's
            sa.or_(
                OutgoingMail.status != MailStatus.SENDING.value,
                OutgoingMail.next_attempt_at < now - _stuck(),
            )
        )
        .values(status=MailStatus.SENDING.value, next_attempt_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    db.session.commit()
    outgoing = db.session.get(OutgoingMail, mail_id)
    if outgoing is None:
        return ""
    db.session.refresh(outgoing)
    if claimed:
        _attempt(outgoing, now=now)
        db.session.commit()
    return outgoing.status


def _attempt(outgoing: OutgoingMail, now: datetime | None = None, raise_failure=False) -> None:
    """One try of `outgoing`, recorded on its row (the caller commits)."""
    now = now or utcnow()
    outgoing.attempts = (outgoing.attempts or 0) + 1
    try:
        mail.send(message_of(outgoing))
    except SEND_ERRORS as error:
        log.warning(
            "mail %s (%s) to %s failed, try %d: %s",
            outgoing.id,
            outgoing.template,
            outgoing.recipient,
            outgoing.attempts,
            error,
        )
        _failed(outgoing, error, now)
        if raise_failure:
            raise
    else:
        _delivered(outgoing, now)
    db.session.flush()


def _delivered(outgoing: OutgoingMail, now: datetime) -> None:
    outgoing.status = MailStatus.SENT.value
    outgoing.sent_at = now
    outgoing.next_attempt_at = None
    outgoing.last_error = ""
    outgoing.body = ""  # it may hold a sign-in link; the subject and the facts stay


def _failed(outgoing: OutgoingMail, error: BaseException, now: datetime) -> None:
    said = f"{type(error).__name__}: {error}"
    outgoing.last_error = said if len(said) <= ERROR_LENGTH else said[: ERROR_LENGTH - 1] + "…"
    if outgoing.attempts >= current_app.config["MAIL_MAX_ATTEMPTS"]:
        outgoing.status = MailStatus.FAILED.value
        outgoing.next_attempt_at = None
        return
    intervals = retry_intervals()
    wait = intervals[min(outgoing.attempts - 1, len(intervals) - 1)]
    outgoing.status = MailStatus.RETRYING.value
    outgoing.next_attempt_at = now + timedelta(seconds=wait)


def _stuck() -> timedelta:
    return timedelta(seconds=current_app.config["MAIL_STUCK_SECONDS"])


# --- what the queue did not send -------------------------------------------------------------


def due(now: datetime | None = None) -> list[int]:
    """The mails owed and due now: a retry whose time has come; a mail still waiting
    MAIL_STUCK_SECONDS after it was written (its job never reached a worker); a send under way
    for that long (its worker was killed)."""
    now = now or utcnow()
    stuck = now - _stuck()
    stmt = (
        sa.select(OutgoingMail.id)
        .where(
            sa.or_(
                sa.and_(
                    OutgoingMail.status == MailStatus.RETRYING.value,
                    OutgoingMail.next_attempt_at <= now,
                ),
                sa.and_(
                    OutgoingMail.status == MailStatus.QUEUED.value,
                    OutgoingMail.created_at < stuck,
                ),
                sa.and_(
                    OutgoingMail.status == MailStatus.SENDING.value,
                    OutgoingMail.next_attempt_at < stuck,
                ),
            )
        )
        .order_by(OutgoingMail.id)
    )
    return list(db.session.scalars(stmt))


def deliver_due(now: datetime | None = None) -> dict[str, int]:
    """Try every mail `due` now, here; how many ended in each status."""
    counts: dict[str, int] = {}
    for mail_id in due(now):
        status = deliver(mail_id, now)
        counts[status] = counts.get(status, 0) + 1
    return counts


def send_again(outgoing: OutgoingMail) -> None:
    """An administrator's "Send again": the mail is owed anew, with all its tries (the caller
    commits, then `dispatch`es it)."""
    outgoing.status = MailStatus.QUEUED.value
    outgoing.attempts = 0
    outgoing.next_attempt_at = None
    db.session.flush()


def dispatch(mail_id: int) -> str:
    """Send the committed mail `mail_id` the way new mails go: through the queue when there is
    one (its status stays queued), else at once. Returns its status afterwards."""
    if current_app.config.get("REDIS_URL") and enqueue(mail_id):
        return MailStatus.QUEUED.value
    return deliver(mail_id)
