"""Bank authoring: create a question, change one's own (a new version once frozen, the diff shown
first), propose a change to another's, accept or decline proposals; the policy table."""

import re

import pytest
import sqlalchemy as sa

from app import policy
from app.auth.models import User
from app.bank import services
from app.bank.models import BankProposal, BankQuestion, BankVersion
from app.directory import services as directory
from app.extensions import db
from tests.test_policy import ADMIN, AEWA_SEC, ANALYST, CMS_SEC, FP_FRA


def _owned_frozen(owner_code: str, answer_type: str | None = "yes_no") -> BankQuestion:
    """A question of `owner_code` whose latest version is frozen (used by a published one)."""
    owner = directory.instrument_by_code(owner_code)
    questions = db.session.scalars(
        sa.select(BankQuestion).where(BankQuestion.owner_id == owner.id).order_by(BankQuestion.code)
    )
    return next(
        q for q in questions if q.latest.frozen and answer_type in (None, q.latest.answer_type)
    )


def _user(email):
    return db.session.scalar(sa.select(User).where(User.email == email))


@pytest.mark.parametrize(
    ("who", "author", "version", "propose", "decide"),
    [
        (CMS_SEC, True, True, False, True),
        (AEWA_SEC, True, False, True, False),
        (FP_FRA, False, False, False, False),
        (ANALYST, False, False, False, False),
        (ADMIN, False, False, False, False),
    ],
)
def test_policy_table(ctx, who, author, version, propose, decide):
    user, question = _user(who), _owned_frozen("CMS")
    assert bool(policy.decide(user, "bank.author")) is author
    assert bool(policy.decide(user, "bank.version", question)) is version
    assert bool(policy.decide(user, "bank.propose", question)) is propose
    assert bool(policy.decide(user, "bank.decide", question)) is decide


def test_preview_change_and_new_version(ctx):
    question = _owned_frozen("CMS")
    latest = question.latest
    text = dict(latest.text, en=latest.text["en"] + " (revised)")
    rows, makes = services.preview_change(
        question,
        answer_type=latest.answer_type,
        text=text,
        guidance=latest.guidance,
        config=latest.config,
    )
    assert makes and [(r.field, r.lang) for r in rows] == [("text", "en")]
    # a French correction only: in place
    rows, makes = services.preview_change(
        question,
        answer_type=latest.answer_type,
        text=dict(latest.text, fr="Autre"),
        guidance=latest.guidance,
        config=latest.config,
    )
    assert not makes and [(r.field, r.lang) for r in rows] == [("text", "fr")]


def _preview_then_save(client, url, data):
    preview = client.post(url, data=dict(data, step="preview"))
    digest = re.search(r'name="previewed" value="([0-9a-f]+)"', preview.text).group(1)
    return client.post(url, data=dict(data, step="save", previewed=digest))


# --- through the client ---------------------------------------------------------------------

NEW = {
    "code": "THR-WIND-99",
    "answer_type": "single_choice",
    "text_en": "Are wind farms assessed for bats?",
    "text_fr": "Les parcs éoliens sont-ils évalués pour les chauves-souris ?",
    "text_es": "¿Se evalúan los parques eólicos para los murciélagos?",
    "guidance_en": "Environmental impact assessments.",
    "rows": "2",
    "choice-0-key": "always",
    "choice-0-en": "Always",
    "choice-0-fr": "Toujours",
    "choice-0-es": "Siempre",
    "choice-1-key": "never",
    "choice-1-en": "Never",
    "choice-1-fr": "Jamais",
    "choice-1-es": "Nunca",
    "tags": ["theme:bycatch"],
}


def test_create_a_question_in_french(client, auth, app):
    auth.login(CMS_SEC)
    assert "/bank/new" in client.get("/bank/").text
    form = client.get("/bank/new")
    assert form.status_code == 200 and '<html lang="fr">' in form.text
    response = client.post("/bank/new", data=NEW)
    assert response.status_code == 302 and response.location.endswith("/bank/THR-WIND-99")
    with app.app_context():
        question = services.question_by_code("THR-WIND-99")
        assert question.owner.code == "CMS" and question.tags == ["theme:bycatch"]
        assert question.latest.config["choices"][1]["label"]["fr"] == "Jamais"


def test_create_keeps_what_was_typed_on_errors(client, auth):
    auth.login(AEWA_SEC)
    bad = dict(NEW, code="bad code", text_en="", rows="1", **{"choice-0-key": "only"})
    response = client.post("/bank/new", data=bad)
    assert response.status_code == 422
    assert "The English text of the question is required." in response.text
    assert NEW["text_fr"].replace("'", "&#39;") in response.text and 'value="only"' in response.text


def test_new_version_with_diff_then_save(client, auth, app):
    with app.app_context():
        question = _owned_frozen("CMS")
        code, number, latest = question.code, question.latest.number, question.latest
        data = {f"text_{k}": v for k, v in latest.text.items()}
        data |= {f"guidance_{k}": v for k, v in latest.guidance.items()}
        data |= {"answer_type": latest.answer_type, "tags": question.tags}
    auth.login(CMS_SEC)
    page = client.get(f"/bank/{code}")
    assert f"/bank/{code}/version" in page.text and f"/bank/{code}/propose" not in page.text
    form = client.get(f"/bank/{code}/version")
    assert data["text_en"] in form.text  # pre-filled
    data["text_en"] += " (revised)"
    preview = client.post(f"/bank/{code}/version", data=dict(data, step="preview"))
    assert preview.status_code == 200 and "(revised)</ins>" in preview.text
    with app.app_context():
        assert len(services.question_by_code(code).versions) == number  # nothing saved yet
    unseen = client.post(f"/bank/{code}/version", data=dict(data, step="save"))
    assert unseen.status_code == 200 and "(revised)</ins>" in unseen.text  # shown, not saved
    digest = re.search(r'name="previewed" value="([0-9a-f]+)"', preview.text).group(1)
    saved = client.post(f"/bank/{code}/version", data=dict(data, step="save", previewed=digest))
    assert saved.status_code == 302
    with app.app_context():
        question = services.question_by_code(code)
        assert question.latest.number == number + 1
        assert question.latest.text["en"].endswith("(revised)")


def test_aewa_cannot_version_cms_question_but_proposes_and_cms_decides(client, auth, app):
    with app.app_context():
        question = _owned_frozen("CMS")
        code, latest = question.code, question.latest
        data = {f"text_{k}": v for k, v in latest.text.items()}
        data |= {f"guidance_{k}": v for k, v in latest.guidance.items()}
        data |= {"answer_type": latest.answer_type}
        number = latest.number
    auth.login(AEWA_SEC)
    assert client.get(f"/bank/{code}/version").status_code == 403
    assert client.get(f"/bank/{code}/proposals").status_code == 403
    assert f"/bank/{code}/propose" in client.get(f"/bank/{code}").text
    data["text_en"] += " at national level"
    sent = _preview_then_save(
        client, f"/bank/{code}/propose", dict(data, message="Clearer for waterbirds")
    )
    assert sent.status_code == 302
    other = _preview_then_save(
        client, f"/bank/{code}/propose", dict(data, text_fr="Autre formulation")
    )
    assert other.status_code == 302
    auth.logout()
    auth.login(CMS_SEC)
    page = client.get(f"/bank/{code}/proposals")
    assert page.status_code == 200 and "Clearer for waterbirds" in page.text
    assert "at national level</ins>" in page.text
    with app.app_context():
        first, second = db.session.scalars(
            sa.select(BankProposal).where(BankProposal.message != "x").order_by(BankProposal.id)
        ).all()[-2:]
        first_id, second_id = first.id, second.id
    accepted = client.post(f"/bank/{code}/proposals/{first_id}", data={"decision": "accept"})
    assert accepted.status_code == 302
    declined = client.post(
        f"/bank/{code}/proposals/{second_id}", data={"decision": "decline", "note": "No"}
    )
    assert declined.status_code == 302
    with app.app_context():
        question = services.question_by_code(code)
        assert question.latest.number == number + 1
        assert question.latest.text["en"].endswith("at national level")
        assert db.session.get(BankProposal, first_id).status == "accepted"
        assert db.session.get(BankProposal, second_id).status == "declined"
        assert db.session.get(BankProposal, first_id).result_version_id == question.latest.id
    again = client.post(f"/bank/{code}/proposals/{second_id}", data={"decision": "accept"})
    assert again.status_code == 302  # already decided: refused with a message, nothing changes
    with app.app_context():
        assert (
            db.session.scalar(
                sa.select(sa.func.count())
                .select_from(BankVersion)
                .where(BankVersion.question_id == services.question_by_code(code).id)
            )
            == number + 1
        )


@pytest.mark.parametrize("who", [FP_FRA, ANALYST])
def test_focal_points_and_analysts_author_nothing(client, auth, app, who):
    with app.app_context():
        code = _owned_frozen("CMS").code
    auth.login(who)
    expected = 403
    assert client.get("/bank/new").status_code == expected
    assert client.get(f"/bank/{code}/version").status_code == expected
    assert client.get(f"/bank/{code}/propose").status_code == expected
    assert client.post(f"/bank/{code}/proposals/1", data={"decision": "accept"}).status_code == 403


def test_english_pages_for_aewa(client, auth, app):
    with app.app_context():
        code = _owned_frozen("AEWA", None).code
    auth.login(AEWA_SEC)
    page = client.get(f"/bank/{code}/version")
    assert page.status_code == 200 and '<html lang="en">' in page.text
    assert "Show the differences" in page.text
    assert "New question" in client.get("/bank/").text


def test_the_prefilled_form_changes_nothing_for_every_bank_question(app, ctx):
    """Saving the form as pre-filled must neither differ nor make a version, for every type."""
    from werkzeug.datastructures import MultiDict

    from app.bank import authoring

    for question in db.session.scalars(sa.select(BankQuestion)):
        values = authoring.form_values(question)
        definition, errors = authoring.parse(MultiDict(values), question.latest.config)
        assert not errors, (question.code, errors)
        rows, makes = services.preview_change(
            question,
            answer_type=definition["answer_type"],
            text=definition["text"],
            guidance=definition["guidance"],
            config=definition["config"],
        )
        assert (rows, makes) == ([], False), question.code
