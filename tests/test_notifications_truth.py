"""What the pages say about who was told is true: returning, accepting and submitting name the
people who got the e-mail, or say plainly that nobody did (no active focal point, a mail that
failed); the secretariat's list shows which parties have no active focal point; publishing a
questionnaire tells the focal points who owe a report, each in their language; the demo credits
its submissions to focal points (accounts nobody can sign in to), never to a secretariat.

Through the HTTP client as cms.secretariat (who prefers French) and the focal points; mail read
from the local SMTP server."""

from __future__ import annotations

import re
import smtplib
from datetime import date
from html import unescape

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext, ngettext

from app import extensions
from app.auth import services as accounts
from app.auth.models import Role, RoleGrant, User
from app.demo import reports as demo_reports
from app.demo.loader import ACCOUNTS, DEMO_PASSWORD
from app.directory import services as directory
from app.extensions import db
from app.i18n import translate
from app.questionnaires import services as questionnaires
from app.reporting import submission as sub
from app.reporting.models import Report, Submission
from tests.reporting_helpers import make_ready
from tests.test_reporting import CMS_SEC, FP_ESP, FP_FRA, FP_KEN, report_of, user

MESSAGE = "Merci de compléter la question 2.1 sur les prises accessoires."


# --- helpers -------------------------------------------------------------------------------------


def _said(app, lang: str, message: str, **values) -> str:
    with app.test_request_context(), force_locale(lang):
        return gettext(message, **values)


def _counted(app, lang: str, singular: str, plural: str, n: int, **values) -> str:
    with app.test_request_context(), force_locale(lang):
        return ngettext(singular, plural, n, **values)


def _told(app, lang: str, names: list[str]) -> str:
    return _counted(
        app,
        lang,
        "%(num)d person was told by e-mail: %(names)s.",
        "%(num)d people were told by e-mail: %(names)s.",
        len(names),
        names=", ".join(names),
    )


def _nobody(app, lang: str, party: str) -> str:
    return _said(
        app,
        lang,
        "%(party)s has no active focal point for %(instrument)s: nobody was told by e-mail.",
        party=party,
        instrument="CMS",
    )


def _failed(app, lang: str, names: list[str]) -> str:
    return _counted(
        app,
        lang,
        "The e-mail to %(names)s could not be sent: tell them another way.",
        "The e-mails to %(names)s could not be sent: tell them another way.",
        len(names),
        names=", ".join(names),
    )


def _party(code: str, lang: str = "fr") -> str:
    return str(translate(directory.party_by_code(code).name, lang=lang))


def _text(response) -> str:
    """The page as a reader sees its words (entities such as &#39; decoded)."""
    return unescape(response.text)


def _submitted_cop15(app, party: str = "FRA", who: str = FP_FRA) -> int:
    with app.app_context():
        report = report_of("CMS-COP15", party)
        make_ready(report, user(who))
        sub.submit(report, user(who), "fr", notify=False)
        db.session.commit()
        return report.id


def _awaiting_review_without_focal_point(app, code: str) -> tuple[int, str]:
    """A CMS-COP14 report awaiting review whose party's focal points are all disabled."""
    with app.app_context():
        report = report_of("CMS-COP14", code)
        assert report.status == "submitted"
        for person in sub.focal_points(report):
            person.active = False
        db.session.commit()
        return report.id, _party(code)


@pytest.fixture
def failing_mail(monkeypatch):
    """The SMTP server refuses every message."""

    def refuse(message):
        raise smtplib.SMTPRecipientsRefused({message.recipients[0]: (550, b"no such mailbox")})

    monkeypatch.setattr(extensions.mail, "send", refuse)


# --- returning, accepting, submitting ------------------------------------------------------------


def test_returning_a_report_nobody_can_be_told_of_says_so(client, auth, app, mailbox):
    report_id, party = _awaiting_review_without_focal_point(app, "ETH")
    auth.login(CMS_SEC)
    before = _text(client.get(f"/reports/{report_id}/review"))
    assert (
        _said(
            app,
            "fr",
            "%(party)s has no active focal point for %(instrument)s: nobody will be told of "
            "your decision by e-mail.",
            party=party,
            instrument="CMS",
        )
        in before
    )
    page = client.post(
        f"/reports/{report_id}/review/return", data={"message": MESSAGE}, follow_redirects=True
    )
    text = _text(page)
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert _nobody(app, "fr", party) in text
    claim = _said(app, "fr", "The report is returned to %(party)s with your message.", party=party)
    assert claim not in text
    assert MESSAGE in text  # the review page shows the message the party will find
    assert mailbox.messages == []
    report = client.get(f"/reports/{report_id}/")
    assert MESSAGE in _text(report)


def test_returning_names_who_was_told_in_their_language(client, auth, app, mailbox):
    report_id = _submitted_cop15(app)
    with app.app_context():
        france = _party("FRA")
    auth.login(CMS_SEC)
    before = _text(client.get(f"/reports/{report_id}/review"))
    will = _said(
        app, "fr", "Your decision will be sent by e-mail to: %(names)s.", names="Françoise Lefèvre"
    )
    assert will in before
    page = client.post(
        f"/reports/{report_id}/review/return", data={"message": MESSAGE}, follow_redirects=True
    )
    text = _text(page)
    assert _told(app, "fr", ["Françoise Lefèvre"]) in text
    assert _said(app, "fr", "The report of %(party)s is returned with your message.",
                 party=france) in text  # fmt: skip
    (mail,) = mailbox.to(FP_FRA)
    assert "CMS-COP15" in mail["Subject"]
    body = mail.get_content()
    assert "Bonjour Françoise Lefèvre" in body and MESSAGE in body
    assert f"http://localhost/reports/{report_id}/" in body


def test_accepting_when_the_mail_fails_does_not_claim_anyone_was_told(
    client, auth, app, mailbox, failing_mail
):
    report_id = _submitted_cop15(app)
    auth.login(CMS_SEC)
    page = client.post(
        f"/reports/{report_id}/review/accept", data={"note": ""}, follow_redirects=True
    )
    text = _text(page)
    with app.app_context():
        assert db.session.get(Report, report_id).status == "accepted"  # the decision stands
    assert _failed(app, "fr", ["Françoise Lefèvre"]) in text
    assert _told(app, "fr", ["Françoise Lefèvre"]) not in text
    assert mailbox.messages == []


def test_accepting_a_report_nobody_can_be_told_of_says_so(client, auth, app, mailbox):
    report_id, party = _awaiting_review_without_focal_point(app, "PAK")
    auth.login(CMS_SEC)
    page = client.post(
        f"/reports/{report_id}/review/accept", data={"note": ""}, follow_redirects=True
    )
    text = _text(page)
    assert _nobody(app, "fr", party) in text
    assert mailbox.messages == []


def _ready_cop15(app, party: str, who: str) -> int:
    with app.app_context():
        report = report_of("CMS-COP15", party)
        make_ready(report, user(who), locale="es")
        db.session.commit()
        return report.id


def test_the_receipt_names_who_got_it(client, auth, app, mailbox):
    report_id = _ready_cop15(app, "ESP", FP_ESP)
    auth.login(FP_ESP)  # prefers Spanish
    page = client.post(f"/reports/{report_id}/submit", data={"submit": "1"}, follow_redirects=True)
    text = _text(page)
    assert '<html lang="es">' in page.text
    assert _told(app, "es", ["Javier Martínez"]) in text
    (receipt,) = mailbox.to(FP_ESP)
    assert "Buenos días, Javier Martínez" in receipt.get_content()


def test_a_failed_receipt_is_not_said_to_be_sent(client, auth, app, mailbox, failing_mail):
    report_id = _ready_cop15(app, "ESP", FP_ESP)
    auth.login(FP_ESP)
    page = client.post(f"/reports/{report_id}/submit", data={"submit": "1"}, follow_redirects=True)
    text = _text(page)
    with app.app_context():
        assert db.session.get(Report, report_id).status == "submitted"
        spain = _party("ESP", "es")
    claim = _said(
        app,
        "es",
        "The report is submitted (submission no. %(number)d). A receipt was sent by e-mail to "
        "the focal points of %(party)s.",
        number=1,
        party=spain,
    )
    assert claim not in text and _told(app, "es", ["Javier Martínez"]) not in text
    assert _failed(app, "es", ["Javier Martínez"]) in text


# --- the secretariat's list ----------------------------------------------------------------------


def _rows(html: str) -> dict[str, str]:
    return {
        code: row
        for code, row in re.findall(r'<tr data-party="(\w+)"[^>]*>(.*?)</tr>', html, flags=re.S)
    }


def test_the_list_shows_which_parties_have_no_active_focal_point(client, auth, app):
    with app.app_context():
        user("fp.sen@demo.test").active = False  # a disabled account tells nobody
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")
        reports = db.session.scalars(sa.select(Report).where(Report.questionnaire == questionnaire))
        without = {r.party.code for r in reports if not sub.focal_points(r)}
        db.session.commit()
    assert {"SEN"} < without
    auth.login(CMS_SEC)
    page = client.get("/reports/instruments/CMS/?questionnaire=CMS-COP15")
    rows = _rows(page.text)
    badge = _said(app, "fr", "No active focal point")
    assert badge not in rows["FRA"] and badge not in rows["KEN"]
    assert all(badge in rows[code] for code in without)
    assert sum(badge in row for row in rows.values()) == len(without)
    summary = _counted(
        app,
        "fr",
        "%(num)d party has no active focal point: nobody is told by e-mail of what happens to "
        "its report.",
        "%(num)d parties have no active focal point: nobody is told by e-mail of what happens "
        "to their reports.",
        len(without),
    )
    assert summary in _text(page)


# --- publishing a questionnaire ------------------------------------------------------------------

TITLE = {"en": "Test report", "fr": "Rapport d’essai", "es": "Informe de prueba"}


def _cms_draft(app) -> None:
    with app.app_context():
        cms = directory.instrument_by_code("CMS")
        q = questionnaires.create_questionnaire(
            instrument=cms, code="CMS-TEST", cycle="TEST", cycle_order=99, title=TITLE,
            deadline=date(2027, 9, 30),
        )  # fmt: skip
        section = questionnaires.add_section(
            q, title={"en": "General", "fr": "Généralités", "es": "Generalidades"}
        )
        questionnaires.add_local_item(
            q, section, code="CMS-T-01", answer_type="yes_no",
            text={"en": "Is it monitored?", "fr": "Est-ce suivi ?", "es": "¿Se vigila?"},
        )  # fmt: skip
        db.session.commit()


def test_publishing_tells_the_focal_points_who_owe_a_report_in_their_language(
    client, auth, app, mailbox
):
    _cms_draft(app)
    auth.login(CMS_SEC)
    page = client.post("/questionnaires/CMS-TEST/publish", follow_redirects=True)
    text = _text(page)
    with app.app_context():
        questionnaire = questionnaires.questionnaire_by_code("CMS-TEST")
        assert questionnaire.status == "published"
        reports = list(
            db.session.scalars(sa.select(Report).where(Report.questionnaire == questionnaire))
        )
        owed = {(r.party.code, p.email): r.id for r in reports for p in sub.focal_points(r)}
        without = sum(1 for r in reports if not sub.focal_points(r))
    people = {email for _code, email in owed}
    assert {FP_FRA, FP_ESP, FP_KEN} <= people
    assert {m["To"] for m in mailbox.messages} == people and len(mailbox.messages) == len(owed)
    assert mailbox.to(CMS_SEC) == []

    expected = {
        FP_FRA: ("FRA", "Rapport d’essai", "30 septembre 2027", "Bonjour Françoise Lefèvre"),
        FP_ESP: ("ESP", "Informe de prueba", "30 de septiembre de 2027", "Buenos días, Javier"),
        FP_KEN: ("KEN", "Test report", "September 30, 2027", "Hello Wanjiru Kamau"),
    }
    for email, (code, title, deadline, greeting) in expected.items():
        (mail,) = mailbox.to(email)
        body = mail.get_content()
        assert "CMS-TEST" in mail["Subject"]
        assert title in body and deadline in body and greeting in body
        assert f"http://localhost/reports/{owed[(code, email)]}/" in body
    french = mailbox.to(FP_FRA)[0].get_content()
    assert "Informe de prueba" not in french and "September" not in french

    told = _counted(
        app,
        "fr",
        "%(num)d focal point was told by e-mail that their report is open.",
        "%(num)d focal points were told by e-mail that their reports are open.",
        len(people),
    )
    nobody = _counted(
        app,
        "fr",
        "%(num)d party has no active focal point: nobody was told by e-mail for it.",
        "%(num)d parties have no active focal point: nobody was told by e-mail for them.",
        without,
    )
    assert without > 0 and told in text and nobody in text


# --- the demo's submissions ----------------------------------------------------------------------


def test_no_demo_submission_is_credited_to_a_secretariat(ctx):
    staff = set(
        ctx.scalars(
            sa.select(RoleGrant.user_id).where(
                RoleGrant.role.in_([Role.SECRETARIAT.value, Role.ADMIN.value])
            )
        )
    )
    done = list(ctx.scalars(sa.select(Submission)))
    assert len(done) > 40
    for submission in done:
        report = submission.report
        assert submission.submitted_by_id not in staff, (report.party.code, report.questionnaire)
        holders = accounts.holders(
            Role.FOCAL_POINT,
            instrument_id=report.questionnaire.instrument_id,
            party_id=report.party_id,
            active_only=False,
        )
        assert submission.submitted_by in holders


def test_the_demo_focal_points_of_other_parties_are_plausible_and_cannot_sign_in(client, auth, app):
    with app.app_context():
        listed = {a.email for a in ACCOUNTS}
        found = {
            u.email: (u.name, u.password_hash, u.locale)
            for u in db.session.scalars(sa.select(User).where(User.email.like("focal.point.%")))
        }
        cop14 = set(demo_reports.COP14_PARTIES) - set(demo_reports.DEMO_PARTIES)
        expected = {f"focal.point.{code.lower()}@demo.test" for code in cop14}
        assert expected <= set(found) and not set(found) & listed
        names = [name for name, _hash, _locale in found.values()]
        assert len(set(names)) == len(names)
        assert all(len(name.split()) >= 2 and "focal" not in name.lower() for name in names)
        assert all(password_hash is None for _name, password_hash, _l in found.values())
        assert found["focal.point.arg@demo.test"][2] == "es"
        assert found["focal.point.mli@demo.test"][2] == "fr"
    for email in ("focal.point.arg@demo.test", "focal.point.deu@demo.test"):
        for password in (DEMO_PASSWORD, "", "x" * 12):
            auth.login(email, password)
            assert client.get("/account/").status_code == 302  # still signed out


# --- the same truth elsewhere: an account created by an administrator ----------------------------


def test_a_new_account_whose_welcome_mail_fails_is_created_and_says_so(
    client, auth, app, mailbox, failing_mail
):
    auth.login("admin@demo.test")  # prefers English
    page = client.post(
        "/admin/users/new",
        data={"email": "nadia.expert@demo.test", "name": "Nadia Expert", "locale": "es"},
        follow_redirects=True,
    )
    text = _text(page)
    assert page.status_code == 200
    with app.app_context():
        assert accounts.user_by_email("nadia.expert@demo.test") is not None
    assert "a link to choose a password was sent" not in text
    assert (
        _said(
            app,
            "en",
            "The account is created, but the link to choose a password could not be sent to "
            "%(email)s: the person can ask for one with “Forgotten password” on the sign-in page.",
            email="nadia.expert@demo.test",
        )
        in text
    )
