"""Designer: what a questionnaire sets on a question it takes from the bank (required,
confidential, local guidance) — the service and its undo, the page in French, and who may reach
it. A CMS draft is built through the services, as in tests/test_designer.py."""

import re

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.extensions import db
from app.questionnaires import editing, services, tree
from app.questionnaires.models import Node
from app.questionnaires.services import QuestionnaireError
from tests.designer_helpers import committed_ids
from tests.test_designer import _build
from tests.test_policy import AEWA_SEC, ANALYST, ANON, CMS_SEC, FP_FRA

URL = "/questionnaires/CMS-DESIGN/design/{}/bank-item"
GUIDANCE = {"guidance_en": "Count cases since 2020.", "guidance_fr": "Comptez les cas depuis 2020."}


@pytest.fixture
def built(ctx):
    return _build()


@pytest.fixture
def draft(app, database):
    return committed_ids(app, _build)


def _edits(questionnaire) -> int:
    return db.session.scalar(
        sa.select(sa.func.count())
        .select_from(AuditEvent)
        .where(AuditEvent.action == "questionnaire.edit", AuditEvent.target_id == questionnaire.id)
    )


# --- service -------------------------------------------------------------------------------------


def test_update_bank_item_sets_the_local_part_only(built):
    item, q = built["bank"], built["q"]
    version_id, text = item.bank_version_id, dict(item.effective_text)
    changed = editing.update_bank_item(
        item, required=True, confidential=True, guidance={"en": " Since 2020 ", "fr": "", "es": " "}
    )
    assert changed
    assert (item.required, item.confidential) == (True, True)
    assert item.guidance == {"en": "Since 2020"}
    assert item.bank_version_id == version_id and item.effective_text == text
    assert _edits(q) == 1
    # The same values again change nothing and record nothing.
    again = editing.update_bank_item(
        item, required=True, confidential=True, guidance={"en": "Since 2020"}
    )
    assert again is False and _edits(q) == 1


def test_undo_restores_the_bank_item(built):
    item, q = built["bank"], built["q"]
    before = (item.required, item.confidential, dict(item.guidance))
    editing.update_bank_item(item, required=True, confidential=True, guidance={"fr": "Locale"})
    assert editing.last_change(q).details["node_id"] == item.id
    editing.undo(q)
    assert (item.required, item.confidential, dict(item.guidance)) == before
    assert item.guidance == {} and not item.required


def test_update_bank_item_refuses_local_questions_and_sections(built):
    for node in (built["trend"], built["one"]):
        with pytest.raises(QuestionnaireError, match="from the bank"):
            editing.update_bank_item(node, required=True, confidential=False, guidance={})
    assert not built["trend"].required


def test_update_bank_item_refused_on_a_published_questionnaire(ctx):
    published = services.questionnaire_by_code("CMS-COP15")
    item = next(n for n in tree.load(published).items() if n.is_bank_item)
    with pytest.raises(QuestionnaireError, match="Only a draft"):
        editing.update_bank_item(item, required=True, confidential=True, guidance={"en": "x"})


# --- pages, in French ----------------------------------------------------------------------------


def test_outline_links_bank_items_to_their_page(client, auth, draft):
    auth.login(CMS_SEC)
    page = client.get("/questionnaires/CMS-DESIGN/design").text
    link = rf'href="{re.escape(URL.format(draft["bank"]))}" aria-label="[^"]*1\.2[^"]*"'
    assert re.search(link, page)
    assert f'/design/{draft["bank"]}/item"' not in page  # not the local question form


def test_page_shows_the_bank_question_read_only_and_saves(client, auth, draft):
    auth.login(CMS_SEC)
    page = client.get(URL.format(draft["bank"]))
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    with client.application.app_context():
        item = db.session.get(Node, draft["bank"])
        version = item.bank_version
        french, number = version.text["fr"], version.number
    assert "THR-POISON-01" in page.text and 'href="/bank/THR-POISON-01"' in page.text
    assert f"version {number}" in page.text
    assert french.replace("'", "&#39;") in page.text
    # one local guidance field per working language of CMS, side by side
    for lang in ("en", "fr", "es"):
        assert f'id="guidance_{lang}"' in page.text
    assert 'name="text_en"' not in page.text and 'name="answer_type"' not in page.text
    response = client.post(
        URL.format(draft["bank"]), data=dict(GUIDANCE, required="y", confidential="y")
    )
    assert response.status_code == 302
    assert response.location.endswith(f"/questionnaires/CMS-DESIGN/design#node-{draft['bank']}")
    with client.application.app_context():
        item = db.session.get(Node, draft["bank"])
        assert item.required and item.confidential
        assert item.guidance == {"en": GUIDANCE["guidance_en"], "fr": GUIDANCE["guidance_fr"]}
        assert item.bank_version.text["fr"] == french
    outline = client.get(response.location).text
    assert re.search(r'class="alert alert-success"[^>]*>[^<]*1\.2', outline)
    form = client.get(URL.format(draft["bank"])).text
    assert GUIDANCE["guidance_fr"] in form and "checked" in form


def test_undo_after_the_page(client, auth, draft):
    auth.login(CMS_SEC)
    client.post(URL.format(draft["bank"]), data=dict(GUIDANCE, required="y"))
    assert client.post("/questionnaires/CMS-DESIGN/design/undo").status_code == 302
    with client.application.app_context():
        item = db.session.get(Node, draft["bank"])
        assert not item.required and item.guidance == {}


def test_page_is_only_for_bank_items_of_this_questionnaire(client, auth, draft):
    auth.login(CMS_SEC)
    assert client.get(URL.format(draft["trend"])).status_code == 404
    assert client.get(URL.format(draft["one"])).status_code == 404
    with client.application.app_context():
        other = services.questionnaire_by_code("CMS-COP15")
        foreign = next(n for n in tree.load(other).items() if n.is_bank_item).id
    assert client.get(URL.format(foreign)).status_code == 404


@pytest.mark.parametrize(
    ("user", "status"),
    [(CMS_SEC, 200), (AEWA_SEC, 404), (FP_FRA, 404), (ANALYST, 404), (ANON, 302)],
)
def test_who_edits_a_bank_item(client, auth, draft, user, status):
    if user:
        auth.login(user)
    url = URL.format(draft["bank"])
    page = client.get(url)
    assert page.status_code == status
    if user is None:
        assert "/account/login" in page.location
    response = client.post(url, data=dict(GUIDANCE, required="y"))
    assert response.status_code == (302 if status in (200, 302) else status)
    with client.application.app_context():
        item = db.session.get(Node, draft["bank"])
        assert item.required is (user == CMS_SEC)


def test_a_published_questionnaire_is_not_changed(client, auth):
    auth.login(CMS_SEC)
    with client.application.app_context():
        item = next(
            n
            for n in tree.load(services.questionnaire_by_code("CMS-COP15")).items()
            if n.is_bank_item
        )
        item_id, required, guidance = item.id, item.required, dict(item.guidance)
    url = f"/questionnaires/CMS-COP15/design/{item_id}/bank-item"
    page = client.get(url)
    assert page.status_code == 302 and page.location.endswith("/questionnaires/CMS-COP15/")
    assert "alert-warning" in client.get(page.location).text  # says why, on the way back
    response = client.post(url, data={"guidance_en": "Changed", "required": "y"})
    assert response.status_code == 302
    with client.application.app_context():
        item = db.session.get(Node, item_id)
        assert item.guidance == guidance and item.required == required
