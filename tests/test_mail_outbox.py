"""The outbox (app/notify/mail.py): every mail is kept with the action it tells about, sent once,
retried when the mail server fails, and listed for the administrators when it has failed for
good; with Redis it goes through the RQ queue only once the action is committed, and a mail
the queue lost (Redis down, a worker killed) is sent by `flask mail deliver`.

Mail is read from the local SMTP server (aiosmtpd) of conftest; the clock is passed in, never
waited for."""

from __future__ import annotations

import smtplib
from datetime import timedelta
from html import unescape

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext

from app import extensions
from app.auth import services as accounts
from app.extensions import db
from app.notify import mail
from app.notify.models import OutgoingMail
from app.reporting.models import Report
from app.utils import utcnow
from tests.conftest import run_worker
from tests.test_notifications_truth import _submitted_cop15
from tests.test_policy import ADMIN, ANALYST, CMS_SEC, FP_FRA
from tests.test_reporting import user

NEW = {"email": "nadia.expert@demo.test", "name": "Nadia Expert", "locale": "es"}


@pytest.fixture
def failing_smtp(monkeypatch):
    """The mail server refuses every message until `.mend()` is called; counts the tries."""

    class Failing:
        tries = 0

        def __init__(self):
            self.send = extensions.mail.send

        def refuse(self, message):
            Failing.tries += 1
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

        def mend(self):
            monkeypatch.setattr(extensions.mail, "send", self.send)

    failing = Failing()
    monkeypatch.setattr(extensions.mail, "send", failing.refuse)
    return failing


def _mails(app, **where) -> list[OutgoingMail]:
    with app.app_context():
        stmt = sa.select(OutgoingMail).filter_by(**where).order_by(OutgoingMail.id)
        return list(db.session.scalars(stmt))


def _said(app, lang: str, message: str, **values) -> str:
    with app.test_request_context(), force_locale(lang):
        return gettext(message, **values)


# --- without a queue: sent at once, kept, retried --------------------------------------------


def test_a_mail_sent_at_once_is_kept_as_sent_without_its_body(client, auth, app, mailbox):
    auth.login(ADMIN)
    client.post("/admin/users/new", data=NEW)
    [message] = mailbox.to(NEW["email"])
    [kept] = _mails(app, recipient=NEW["email"])
    assert kept.status == "sent" and kept.attempts == 1 and kept.sent_at is not None
    assert kept.template == "welcome" and kept.locale == "es"
    assert kept.subject == message["Subject"]  # in Spanish, as the mail itself
    assert kept.body == ""  # it carried the link to choose a password
    with app.app_context():
        assert kept.user_id == accounts.user_by_email(NEW["email"]).id


def test_a_mail_the_server_refuses_is_tried_again_and_sent_once(
    client, auth, app, mailbox, failing_smtp
):
    auth.login(ADMIN)
    page = client.post("/admin/users/new", data=NEW, follow_redirects=True)
    assert "could not be sent" in unescape(page.text)  # the page does not claim it went
    [kept] = _mails(app, recipient=NEW["email"])
    assert (kept.status, kept.attempts) == ("retrying", 1)
    assert kept.last_error.startswith("SMTPServerDisconnected")
    assert kept.body  # kept for the next try
    with app.app_context():
        assert mail.deliver_due(utcnow()) == {}  # not due before its minute
        later = utcnow() + timedelta(seconds=61)
        assert mail.deliver_due(later) == {"retrying": 1}  # the server still refuses
        failing_smtp.mend()
        assert mail.deliver_due(later) == {}  # the next try waits five minutes
        assert mail.deliver_due(later + timedelta(seconds=301)) == {"sent": 1}
        assert mail.deliver_due(later + timedelta(days=1)) == {}  # nothing twice
    [message] = mailbox.to(NEW["email"])
    assert "/account/reset/" in message.get_content()
    [kept] = _mails(app, recipient=NEW["email"])
    assert (kept.status, kept.attempts, kept.body) == ("sent", 3, "")


def test_after_the_last_try_the_admins_see_the_mail_and_send_it_again(
    client, auth, app, mailbox, failing_smtp
):
    auth.login(ADMIN)
    client.post("/admin/users/new", data=NEW)
    now = utcnow()
    with app.app_context():
        for _ in range(10):  # more tries than the five
            now += timedelta(hours=3)
            mail.deliver_due(now)
    [kept] = _mails(app, recipient=NEW["email"])
    assert (kept.status, kept.attempts) == ("failed", 5)
    assert failing_smtp.tries == 5
    page = client.get("/admin/mail/")
    text = unescape(page.text)
    assert NEW["email"] in text and kept.subject in text
    assert "SMTPServerDisconnected: Connection unexpectedly closed" in text
    assert "/account/reset/" not in text  # never the body: it holds a sign-in link
    assert 'class="badge text-bg-danger">1<' in client.get("/dashboard").text  # the menu says so
    failing_smtp.mend()
    page = client.post(f"/admin/mail/{kept.id}/send", follow_redirects=True)
    assert _said(app, "en", "The mail to %(address)s was sent.", address=NEW["email"]) in (
        unescape(page.text)
    )
    assert len(mailbox.to(NEW["email"])) == 1
    [kept] = _mails(app, recipient=NEW["email"])
    assert (kept.status, kept.attempts) == ("sent", 1)
    with app.app_context():
        assert accounts.user_by_email(ADMIN) is not None
        events = db.session.execute(
            sa.text("SELECT action, summary FROM audit_events WHERE action = 'mail.send_again'")
        ).all()
    assert [(a, s) for a, s in events] == [("mail.send_again", f"welcome → {NEW['email']}")]


def test_send_every_failed_mail_again(client, auth, app, mailbox, failing_smtp):
    auth.login(ADMIN)
    for number in range(3):
        client.post(
            "/admin/users/new",
            data={"email": f"expert{number}@demo.test", "name": f"Expert {number}", "locale": ""},
        )
    with app.app_context():
        db.session.execute(
            sa.update(OutgoingMail).values(status="failed", attempts=5, next_attempt_at=None)
        )
        db.session.commit()
    failing_smtp.mend()
    page = client.post("/admin/mail/send-failed", follow_redirects=True)
    assert "3 mails were sent." in unescape(page.text)
    assert sorted(m["To"] for m in mailbox.messages) == [f"expert{n}@demo.test" for n in range(3)]
    assert {m.status for m in _mails(app)} == {"sent"}
    page = client.post("/admin/mail/send-failed", follow_redirects=True)
    assert "No mail has failed." in page.text


def test_the_outbox_page_is_the_admins_alone(client, auth, app, failing_smtp):
    auth.login(ADMIN)
    client.post("/admin/users/new", data=NEW, follow_redirects=True)
    [kept] = _mails(app, recipient=NEW["email"])
    auth.logout()
    for who in (CMS_SEC, ANALYST, FP_FRA):
        auth.login(who)
        for response in (
            client.get("/admin/mail/"),
            client.post(f"/admin/mail/{kept.id}/send"),
            client.post("/admin/mail/send-failed"),
        ):
            assert response.status_code == 403, who
            assert NEW["email"] not in response.text
        assert "/admin/mail/" not in client.get("/dashboard").text
        auth.logout()
    assert _mails(app, recipient=NEW["email"])[0].attempts == 1  # nobody sent it again


def test_a_send_under_way_is_not_taken_over_until_it_is_stuck(app, ctx, mailbox):
    """A worker killed in the middle of a send leaves the mail `sending`: the timer takes it
    over once it has waited MAIL_STUCK_SECONDS, not before (it may still be going out)."""
    outgoing = OutgoingMail(
        recipient="late@demo.test", template="welcome", locale="fr", subject="S", body="B\n"
    )
    outgoing.status, outgoing.next_attempt_at = "sending", utcnow()
    db.session.add(outgoing)
    db.session.commit()
    assert mail.deliver_due(utcnow() + timedelta(seconds=60)) == {}
    assert mail.deliver_due(utcnow() + timedelta(seconds=601)) == {"sent": 1}
    assert [m["To"] for m in mailbox.messages] == ["late@demo.test"]


def test_flask_mail_deliver_and_status(app, runner, mailbox):
    with app.app_context():
        old = utcnow() - timedelta(hours=1)
        for number, status in enumerate(("queued", "failed")):
            db.session.add(
                OutgoingMail(
                    recipient=f"p{number}@demo.test",
                    template="welcome",
                    locale="en",
                    subject="Hello",
                    body="Body\n",
                    status=status,
                    created_at=old,
                )
            )
        db.session.commit()
    result = runner.invoke(args=["mail", "deliver"])
    assert result.exit_code == 0 and result.output == "1 sent.\n", result.output
    assert runner.invoke(args=["mail", "deliver"]).output == "No mail is due.\n"
    result = runner.invoke(args=["mail", "status"])
    assert result.output == "1 sent, 1 failed\n" and result.exit_code == 1


# --- with the RQ queue ------------------------------------------------------------------------


def test_with_redis_a_mail_leaves_through_the_queue_once_committed(
    app, client, auth, runner, redis_url, monkeypatch, mailbox
):
    monkeypatch.setitem(app.config, "REDIS_URL", redis_url)
    auth.login(ADMIN)
    page = client.post("/admin/users/new", data=NEW, follow_redirects=True)
    text = unescape(page.text)
    assert "is on its way to nadia.expert@demo.test" in text  # not "was sent"
    assert "was sent" not in text
    [kept] = _mails(app, recipient=NEW["email"])
    assert kept.status == "queued" and mailbox.messages == []
    with app.app_context():
        assert mail.queue(redis_url).count == 1
    run_worker(runner)
    [message] = mailbox.to(NEW["email"])
    assert message["Subject"] == kept.subject
    assert _mails(app, recipient=NEW["email"])[0].status == "sent"


def test_with_redis_the_focal_points_are_told_a_mail_is_on_its_way(
    app, client, auth, runner, redis_url, monkeypatch, mailbox
):
    report_id = _submitted_cop15(app)
    monkeypatch.setitem(app.config, "REDIS_URL", redis_url)
    auth.login(CMS_SEC)  # reads French
    page = client.post(
        f"/reports/{report_id}/review/accept", data={"note": ""}, follow_redirects=True
    )
    text = unescape(page.text)
    on_the_way = _said(
        app, "fr", "An e-mail to %(names)s is on its way.", names="Françoise Lefèvre"
    )
    assert on_the_way in text
    assert "Françoise Lefèvre" in on_the_way and "est en route" in on_the_way
    [kept] = _mails(app, report_id=report_id)
    assert (kept.template, kept.locale, kept.status) == ("report_accepted", "fr", "queued")
    run_worker(runner)
    [message] = mailbox.messages
    assert message["To"] == FP_FRA
    assert _mails(app, report_id=report_id)[0].status == "sent"
    with app.app_context():
        assert db.session.get(Report, report_id).status == "accepted"


def test_with_redis_a_failed_send_is_retried_by_the_queue(
    app, client, auth, runner, redis_url, monkeypatch, failing_smtp
):
    from rq.registry import ScheduledJobRegistry

    monkeypatch.setitem(app.config, "REDIS_URL", redis_url)
    auth.login(ADMIN)
    client.post("/admin/users/new", data=NEW)
    run_worker(runner)
    [kept] = _mails(app, recipient=NEW["email"])
    assert (kept.status, kept.attempts) == ("retrying", 1)
    with app.app_context():
        queue = mail.queue(redis_url)
        scheduled = ScheduledJobRegistry(queue=queue)
        assert scheduled.count == 1  # RQ puts it back on the queue in a minute
        assert queue.count == 0


def test_with_redis_down_the_mail_waits_and_the_timer_sends_it(
    app, client, auth, monkeypatch, mailbox
):
    """Redis stopped: the account is made, the page says the mail is on its way, the outbox
    keeps it, and `flask mail deliver` sends it once it has waited MAIL_STUCK_SECONDS."""
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    auth.login(ADMIN)
    page = client.post("/admin/users/new", data=NEW, follow_redirects=True)
    assert page.status_code == 200
    assert "is on its way to nadia.expert@demo.test" in unescape(page.text)
    [kept] = _mails(app, recipient=NEW["email"])
    assert kept.status == "queued" and mailbox.messages == []
    with app.app_context():
        assert mail.deliver_due(utcnow()) == {}
        assert mail.deliver_due(utcnow() + timedelta(seconds=601)) == {"sent": 1}
    assert len(mailbox.to(NEW["email"])) == 1


def test_a_mail_of_a_rolled_back_action_never_leaves(app, ctx, redis_url, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", redis_url)
    with app.test_request_context():
        mail.send("ghost@demo.test", "welcome", "en", user=user(FP_FRA), link="https://x/")
        db.session.rollback()
    assert mail.queue(redis_url).count == 0
    assert db.session.scalar(sa.select(sa.func.count(OutgoingMail.id))) == 0
