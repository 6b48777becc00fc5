"""Who reads which analysis, asserted on what the pages and files hold, not only on their status:
an analyst scoped to AEWA sees no CMS data; focal points and contributors reach no analysis; a
secretariat analyses its own instrument only; a draft questionnaire does not exist; the answers
to a confidential item reach its instrument's secretariat and the administrators, never an
analyst (pages, item page, texts, downloads, charts and filters)."""

from __future__ import annotations

import re

import pytest

from app.auth import services as accounts
from app.auth.models import Role
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.questionnaires import tree as tree_module
from tests.conftest import PASSWORD

ANALYST, AEWA_ANALYST = "analyst@demo.test", "analyst.aewa@analysis.test"
CMS_SEC, ADMIN = "cms.secretariat@demo.test", "admin@demo.test"
FP_FRA, CONTRIB = "fp.fra@demo.test", "contributor.fra@demo.test"
COP14 = "CMS-COP14"
PUBLISHED = {"CMS-COP14", "CMS-COP15", "AEWA-MOP9", "RAPTORS-MOS4"}
# texts of CMS-COP14 that only its analysis pages would show
COP14_QUESTION = "Is the taking of all Appendix I species prohibited"
COP14_ANSWER = "Kenya Wildlife Service"  # Kenya's answer to 1.1


@pytest.fixture
def aewa_analyst(app, database):
    """An analyst whose grant is scoped to AEWA, made through the account services."""
    with app.app_context():
        user = accounts.create_user(AEWA_ANALYST, "Ana Lyst", password=PASSWORD, locale="en")
        aewa = directory.instrument_by_code("AEWA")
        accounts.grant_role(user, accounts.GrantScope(Role.ANALYST, instrument=aewa))
        db.session.commit()
    return AEWA_ANALYST


def items_of(app, code: str) -> dict[str, int]:
    """A yes/no item and a text item of questionnaire `code`, outside loops."""
    with app.app_context():
        tree = tree_module.load(questionnaires.questionnaire_by_code(code))
        items = [n for n in tree.walk() if not n.is_section and tree.loop_section(n) is None]
        return {
            "choice": next(n.id for n in items if n.effective_type == "yes_no"),
            "text": next(n.id for n in items if n.effective_type in ("short_text", "long_text")),
        }


def urls_of(app, code: str) -> list[str]:
    """Every analysis URL of questionnaire `code`: pages, downloads, charts."""
    items = items_of(app, code)
    choice, text = items["choice"], items["text"]
    base = f"/analysis/{code}"
    return [
        f"{base}/status",
        f"{base}/status?table=status&format=csv",
        f"{base}/status?chart=regions",
        f"{base}/results",
        f"{base}/results?table=item-{choice}&format=csv",
        f"{base}/results?table=item-{choice}&format=xlsx",
        f"{base}/results?chart=item-{choice}",
        f"{base}/results/{choice}",
        f"{base}/results/{choice}?table=item-{choice}-regions&format=csv",
        f"{base}/texts/{text}",
        f"{base}/texts/{text}?table=texts-{text}&format=csv",
    ]


def listed(page) -> set[str]:
    return set(re.findall(r'data-questionnaire="([^"]+)"', page.text))


# --- who reaches which questionnaire -------------------------------------------------------------


ACCESS = [
    (ANALYST, "CMS-COP14", 200),
    (ANALYST, "RAPTORS-MOS4", 200),
    (ANALYST, "EUROBATS-MOP11", 404),  # a draft
    (AEWA_ANALYST, "CMS-COP14", 404),
    (AEWA_ANALYST, "RAPTORS-MOS4", 404),
    (AEWA_ANALYST, "AEWA-MOP9", 200),
    (CMS_SEC, "CMS-COP14", 200),
    (CMS_SEC, "CMS-COP15", 200),
    (CMS_SEC, "RAPTORS-MOS4", 404),
    (CMS_SEC, "AEWA-MOP9", 404),
    (ADMIN, "RAPTORS-MOS4", 200),
    (ADMIN, "EUROBATS-MOP11", 404),
    (FP_FRA, "CMS-COP14", 403),  # analysis is for analysts and secretariats
    (CONTRIB, "CMS-COP14", 403),
]


@pytest.mark.parametrize(("who", "code", "status"), ACCESS)
def test_who_reaches_the_analysis_of_a_questionnaire(
    app, client, auth, aewa_analyst, who, code, status
):
    auth.login(who)
    for url in urls_of(app, code):
        response = client.get(url)
        assert response.status_code == status, url
        if status != 200:
            assert COP14_QUESTION not in response.text and COP14_ANSWER not in response.text
            assert "Traceback" not in response.text


INDEX = [
    (ANALYST, 200, PUBLISHED),
    (ADMIN, 200, PUBLISHED),
    (AEWA_ANALYST, 200, {"AEWA-MOP9"}),
    (CMS_SEC, 200, {"CMS-COP14", "CMS-COP15"}),
    (FP_FRA, 403, set()),
    (CONTRIB, 403, set()),
]


@pytest.mark.parametrize(("who", "status", "codes"), INDEX)
def test_the_index_lists_the_questionnaires_one_analyses(
    client, auth, aewa_analyst, who, status, codes
):
    auth.login(who)
    page = client.get("/analysis/")
    assert page.status_code == status
    assert listed(page) == codes
    assert "EUROBATS-MOP11" not in page.text


def test_signed_out_readers_are_sent_to_sign_in(client):
    response = client.get(f"/analysis/{COP14}/results")
    assert response.status_code == 302 and "/account/login" in response.location
    assert client.get("/analysis/").status_code == 302


def test_the_aewa_analyst_reads_aewa_only(app, client, auth, aewa_analyst):
    auth.login(aewa_analyst)
    page = client.get("/analysis/AEWA-MOP9/results")
    assert page.status_code == 200 and "AEWA-MOP9" in page.text
    assert "CMS-COP14" not in page.text and "CMS-COP15" not in page.text
    assert listed(client.get("/analysis/")) == {"AEWA-MOP9"}


# --- confidential items --------------------------------------------------------------------------


@pytest.fixture
def confidential(app, database) -> dict[str, int]:
    """CMS-COP14's 2.1 (yes/no) and 1.1 (a text) made confidential."""
    with app.app_context():
        questionnaire = questionnaires.questionnaire_by_code(COP14)
        nodes = {n.code: n for n in questionnaire.nodes if n.code}
        nodes["SPEC-PROT-01"].confidential = True
        nodes["CMS14-GEN-01"].confidential = True
        db.session.commit()
        return {"choice": nodes["SPEC-PROT-01"].id, "text": nodes["CMS14-GEN-01"].id}


def confidential_urls(ids: dict[str, int]) -> list[str]:
    choice, text = ids["choice"], ids["text"]
    base = f"/analysis/{COP14}"
    return [
        f"{base}/results?table=item-{choice}&format=csv",
        f"{base}/results?table=item-{choice}&format=xlsx",
        f"{base}/results?chart=item-{choice}",
        f"{base}/results/{choice}",
        f"{base}/results/{choice}?table=item-{choice}-regions&format=csv",
        f"{base}/results/{text}",
        f"{base}/texts/{text}",
        f"{base}/texts/{text}?table=texts-{text}&format=csv",
    ]


def test_a_confidential_item_never_reaches_an_analyst(client, auth, confidential):
    choice, text = confidential["choice"], confidential["text"]
    auth.login(ANALYST)
    page = client.get(f"/analysis/{COP14}/results")
    assert page.status_code == 200
    assert 'data-item="2.1"' not in page.text and 'data-item="1.1"' not in page.text
    assert COP14_QUESTION not in page.text
    assert f'id="item-{choice}"' not in page.text and f"item-{choice}-" not in page.text
    assert f'value="{choice}:yes"' not in page.text  # not offered as a filter either
    assert 'data-item="2.2"' in page.text  # the rest is there
    for url in confidential_urls(confidential):
        response = client.get(url)
        assert response.status_code == 404, url
        assert COP14_QUESTION not in response.text and COP14_ANSWER not in response.text
    # nor can a filter on its answers tell who answered what
    refused = client.get(f"/analysis/{COP14}/results?answered={choice}:yes")
    assert refused.status_code == 400 and COP14_QUESTION not in refused.text
    # and no download of the page holds its figures
    for href in re.findall(r'href="([^"]+format=csv[^"]*)"', page.text):
        data = client.get(href.replace("&amp;", "&")).data.decode("utf-8-sig")
        assert COP14_QUESTION not in data and COP14_ANSWER not in data
    assert f"table=item-{choice}" not in page.text
    other_text = client.get(f"/analysis/{COP14}/texts/{text + 1}")
    assert other_text.status_code == 200  # 1.2, not confidential


@pytest.mark.parametrize("who", [CMS_SEC, ADMIN])
def test_the_secretariat_and_the_administrators_read_confidential_items(
    client, auth, confidential, who
):
    choice, text = confidential["choice"], confidential["text"]
    auth.login(who)
    page = client.get(f"/analysis/{COP14}/results")
    assert 'data-item="2.1"' in page.text and f'id="item-{choice}"' in page.text
    for url in confidential_urls(confidential):
        assert client.get(url).status_code == 200, url
    texts = client.get(f"/analysis/{COP14}/texts/{text}")
    assert COP14_ANSWER in texts.text
    download = client.get(f"/analysis/{COP14}/texts/{text}?table=texts-{text}&format=csv")
    assert COP14_ANSWER in download.data.decode("utf-8-sig")
    csv_rows = client.get(f"/analysis/{COP14}/results?table=item-{choice}&format=csv")
    assert len(csv_rows.data.decode("utf-8-sig").strip().splitlines()) == 3  # header, yes, no
    assert client.get(f"/analysis/{COP14}/results?answered={choice}:yes").status_code == 200


def test_the_aewa_analyst_reads_no_confidential_cms_item_either(
    client, auth, aewa_analyst, confidential
):
    auth.login(aewa_analyst)
    for url in confidential_urls(confidential):
        assert client.get(url).status_code == 404, url
