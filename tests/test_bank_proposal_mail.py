"""Mail about bank proposals: the owner's secretariat hears of a proposal, the proposer hears of
the decision, each in their own language, with an absolute link. Both directions (AEWA → CMS,
CMS → AEWA), in French and in Spanish, through the pages as secretariats use them."""

import re

import pytest
import sqlalchemy as sa

from app.auth.models import User
from app.bank import services
from app.bank.models import BankProposal, BankQuestion
from app.directory import services as directory
from app.extensions import db
from tests.test_bank_authoring import _preview_then_save
from tests.test_policy import AEWA_SEC, CMS_SEC

NOTE = "Plus clair pour les oiseaux d’eau"


def _user(email: str) -> User:
    return db.session.scalar(sa.select(User).where(User.email == email))


def _question_of(owner_code: str) -> BankQuestion:
    """A yes/no question of `owner_code` written in English, French and Spanish."""
    owner = directory.instrument_by_code(owner_code)
    questions = db.session.scalars(
        sa.select(BankQuestion).where(BankQuestion.owner_id == owner.id).order_by(BankQuestion.code)
    )
    return next(
        q
        for q in questions
        if q.latest.answer_type == "yes_no" and {"en", "fr", "es"} <= set(q.latest.text)
    )


def _form(question: BankQuestion) -> dict:
    latest = question.latest
    data = {f"text_{k}": v for k, v in latest.text.items()}
    data |= {f"guidance_{k}": v for k, v in latest.guidance.items()}
    data["answer_type"] = latest.answer_type
    data["text_en"] += " at national level"
    return data


@pytest.fixture
def languages_of(app, database):
    """Give each secretariat a language for this test."""

    def set_languages(**by_email):
        with app.app_context():
            for email, locale in by_email.items():
                _user(email).locale = locale
            db.session.commit()

    return set_languages


# The subjects as the fr and es catalogs word them.
PROPOSED = {
    "fr": "{instrument} propose une modification de la question {code} de la banque",
    "es": "{instrument} propone una modificación de la pregunta {code} del banco",
}
ACCEPTED = {
    "fr": "{owner} a accepté votre proposition pour {code}",
    "es": "{owner} aceptó su propuesta para {code}",
}


def _body(message) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def _proposal_id(app, code: str) -> int:
    with app.app_context():
        return db.session.scalar(
            sa.select(BankProposal.id)
            .join(BankProposal.question)
            .where(BankQuestion.code == code)
            .order_by(BankProposal.id.desc())
            .limit(1)
        )


@pytest.mark.parametrize(
    ("owner", "owner_email", "owner_lang", "proposer_email", "proposer_lang", "proposer_code"),
    [
        ("CMS", CMS_SEC, "fr", AEWA_SEC, "es", "AEWA"),
        ("AEWA", AEWA_SEC, "es", CMS_SEC, "fr", "CMS"),
    ],
)
def test_proposal_then_acceptance_in_each_ones_language(
    client, auth, app, mailbox, languages_of,
    owner, owner_email, owner_lang, proposer_email, proposer_lang, proposer_code,
):  # fmt: skip
    languages_of(**{owner_email: owner_lang, proposer_email: proposer_lang})
    with app.app_context():
        question = _question_of(owner)
        code, texts, number = question.code, dict(question.latest.text), question.latest.number
        form = _form(question)
    other = ({"en", "fr", "es"} - {owner_lang}).pop()
    auth.login(proposer_email)
    sent = _preview_then_save(client, f"/bank/{code}/propose", dict(form, message=NOTE))
    assert sent.status_code == 302

    # The owner's secretariat: one mail, in its language, with the note and the link.
    [mail] = mailbox.to(owner_email)
    assert mailbox.to(proposer_email) == []
    assert code in mail["Subject"] and proposer_code in mail["Subject"]
    assert mail["Subject"].strip() == PROPOSED[owner_lang].format(
        instrument=proposer_code, code=code
    )
    body = _body(mail)
    assert texts[owner_lang] in body and texts[other] not in body
    assert proposer_code in body and NOTE in body
    assert f"http://localhost/bank/{code}/proposals" in body

    # The owner accepts with a note: the proposer hears it, in the proposer's language.
    mailbox.clear()
    auth.logout()
    auth.login(owner_email)
    proposal_id = _proposal_id(app, code)
    decided = client.post(
        f"/bank/{code}/proposals/{proposal_id}", data={"decision": "accept", "note": "Merci"}
    )
    assert decided.status_code == 302
    [answer] = mailbox.to(proposer_email)
    assert mailbox.to(owner_email) == []
    assert code in answer["Subject"] and owner in answer["Subject"]
    assert answer["Subject"].strip() == ACCEPTED[proposer_lang].format(owner=owner, code=code)
    body = _body(answer)
    with app.app_context():
        accepted = services.question_by_code(code).latest
        # a new version once frozen, else the same one changed in place
        assert accepted.number in (number, number + 1)
        assert accepted.text["en"].endswith("at national level")
        assert accepted.text[proposer_lang] in body
    assert re.search(rf"versi[oó]n {accepted.number}\b", body)
    assert "Merci" in body and f"http://localhost/bank/{code}" in body


@pytest.mark.parametrize(
    ("owner", "owner_email", "proposer_email", "proposer_lang"),
    [("CMS", CMS_SEC, AEWA_SEC, "es"), ("AEWA", AEWA_SEC, CMS_SEC, "fr")],
)
def test_a_declined_proposal_is_told_with_the_note(
    client, auth, app, mailbox, languages_of, owner, owner_email, proposer_email, proposer_lang
):
    languages_of(**{proposer_email: proposer_lang})
    with app.app_context():
        question = _question_of(owner)
        code, texts, number = question.code, dict(question.latest.text), question.latest.number
        form = _form(question)
    auth.login(proposer_email)
    assert _preview_then_save(client, f"/bank/{code}/propose", form).status_code == 302
    [proposed] = mailbox.to(owner_email)
    assert NOTE not in _body(proposed)  # no note was written: none is quoted
    mailbox.clear()
    auth.logout()
    auth.login(owner_email)
    proposal_id = _proposal_id(app, code)
    client.post(
        f"/bank/{code}/proposals/{proposal_id}",
        data={"decision": "decline", "note": "Already covered elsewhere"},
    )
    [answer] = mailbox.to(proposer_email)
    body = _body(answer)
    assert texts[proposer_lang] in body and "Already covered elsewhere" in body
    assert not re.search(r"versi[oó]n \d", body)  # nothing new to name
    with app.app_context():
        assert services.question_by_code(code).latest.number == number


def test_a_refused_decision_sends_nothing(client, auth, app, mailbox):
    with app.app_context():
        question = _question_of("CMS")
        code, form = question.code, _form(question)
    auth.login(AEWA_SEC)
    _preview_then_save(client, f"/bank/{code}/propose", form)
    mailbox.clear()
    auth.logout()
    auth.login(CMS_SEC)
    proposal_id = _proposal_id(app, code)
    client.post(f"/bank/{code}/proposals/{proposal_id}", data={"decision": "decline"})
    assert len(mailbox.to(AEWA_SEC)) == 1
    again = client.post(f"/bank/{code}/proposals/{proposal_id}", data={"decision": "accept"})
    assert again.status_code == 302  # already decided: refused with a message
    assert len(mailbox.to(AEWA_SEC)) == 1


def test_recipients_are_the_owners_active_secretariat(ctx):
    cms = directory.instrument_by_code("CMS")
    users = services.secretariat_users(cms.id)
    assert [u.email for u in users] == [CMS_SEC]
    users[0].active = False
    db.session.flush()
    assert services.secretariat_users(cms.id) == []
