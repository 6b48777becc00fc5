"""Designer in the browser, in French: the CMS secretariat inserts a bank question into a draft
and builds a visibility condition on it for a later item; the script adapts the comparisons to
the chosen question. Pages are photographed (desktop and phone) and checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services
from tests.browser.test_accessibility import assert_accessible, open_page

pytestmark = pytest.mark.browser

CMS_SECRETARIAT = "cms.secretariat@demo.test"  # prefers French
CODE = "CMS-DESIGN"


@pytest.fixture(scope="module")
def draft(live_server) -> dict:
    with live_server.app.app_context():
        cms = directory.instrument_by_code("CMS")
        q = services.create_questionnaire(
            instrument=cms, code=CODE, cycle="COP16", cycle_order=99,
            title={"en": "Design test", "fr": "Essai de conception", "es": "Prueba"},
        )  # fmt: skip
        general = services.add_section(q, title={"en": "General", "fr": "Généralités"})
        services.add_local_item(
            q, general, code="CMS-D-COUNT", answer_type="number",
            text={"en": "How many cases?", "fr": "Combien de cas ?"},
        )  # fmt: skip
        later = services.add_section(q, title={"en": "Details", "fr": "Détails"})
        services.add_local_item(
            q, later, code="CMS-D-NOTE", answer_type="long_text",
            text={"en": "Describe the plan", "fr": "Décrivez le plan"},
        )  # fmt: skip
        db.session.commit()
        ids = {"general": general.id, "later": later.id}
        db.session.remove()
    return ids


def _shot(page: Page, artifacts, name: str, viewport: str) -> None:
    page.screenshot(path=artifacts / f"{name}-{viewport}.png", full_page=True)


def _op_values(page: Page) -> list[str]:
    return page.locator("#rule-0-op option").evaluate_all("els => els.map(e => e.value)")


def test_insert_from_the_bank_and_build_a_condition(new_page, sign_in, artifacts, draft):
    page = open_page(new_page, "desktop", "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto(f"/questionnaires/{CODE}/")
    page.locator(f"a[href='/questionnaires/{CODE}/bank-insert']").click()
    page.locator("#q").fill("empoisonnement")
    page.locator("#q").press("Enter")
    page.wait_for_url("**/bank-insert?q=empoisonnement*")
    result = page.locator("#q-THR-POISON-01")
    expect(result).to_contain_text("empoisonnement des oiseaux migrateurs")
    expect(result).to_contain_text("CMS-COP15")  # where it is used
    _shot(page, artifacts, "designer-bank-insert-fr", "desktop")
    assert_accessible(page)

    page.locator("#section").select_option(str(draft["general"]))
    result.locator("button[name=only]").click()
    page.wait_for_url(f"**/questionnaires/{CODE}/bank-insert?*")
    expect(page.locator("main .alert-success")).to_contain_text("THR-POISON-01")
    page.goto(f"/questionnaires/{CODE}/")
    expect(page.locator("main")).to_contain_text("THR-POISON-01")

    note = page.locator("li.border-bottom", has_text="Décrivez le plan")
    note.locator("a[href*='/condition']").click()
    expect(page.locator("[data-cb-nojs]")).to_be_hidden()  # the script adapts rows at once
    items = page.locator("#rule-0-item option").evaluate_all("els => els.map(e => e.value)")
    assert items == ["", "CMS-D-COUNT", "THR-POISON-01"]  # earlier items only

    page.locator("#rule-0-item").select_option("CMS-D-COUNT")
    expect(page.locator("#rule-0-op option[value=gt]")).to_have_count(1)
    assert "in" not in _op_values(page)
    page.locator("#rule-0-item").select_option("THR-POISON-01")
    expect(page.locator("#rule-0-op option[value=gt]")).to_have_count(0)
    assert _op_values(page) == ["equals", "not_equals", "in", "answered", "not_answered"]
    expect(page.locator("select#rule-0-value option[value=yes]")).to_have_text("Oui")
    page.locator("#rule-0-op").select_option("answered")
    expect(page.locator("#rule-0-value")).to_be_hidden()
    page.locator("#rule-0-op").select_option("equals")
    page.locator("#rule-0-value").select_option("yes")

    page.locator("button[value=preview]").click()
    expect(page.locator("#condition-words")).to_contain_text("Ne s’affiche que si")
    expect(page.locator("#condition-words")).to_contain_text("Oui")
    _shot(page, artifacts, "designer-condition-fr", "desktop")
    assert_accessible(page)

    page.locator("button[value=save]").click()
    page.wait_for_url(f"**/questionnaires/{CODE}/#node-*")
    expect(note).to_contain_text("Ne s’affiche que si")
    _shot(page, artifacts, "designer-outline-fr", "desktop")

    page.goto(f"/questionnaires/{CODE}/nodes/{draft['later']}/loop")
    expect(page.locator("#loop-site")).to_be_visible()
    _shot(page, artifacts, "designer-loop-fr", "desktop")
    assert_accessible(page)


def test_designer_pages_on_a_phone(new_page, sign_in, artifacts, draft):
    page = open_page(new_page, "phone", "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto(f"/questionnaires/{CODE}/bank-insert?q=empoisonnement")
    expect(page.locator("#q-THR-POISON-01")).to_be_visible()
    _shot(page, artifacts, "designer-bank-insert-fr", "phone")
    assert_accessible(page)
    page.goto(f"/questionnaires/{CODE}/")
    page.locator("li.border-bottom", has_text="Décrivez le plan").locator(
        "a[href*='/condition']"
    ).click()
    expect(page.locator("#rule-0-item")).to_be_visible()
    _shot(page, artifacts, "designer-condition-fr", "phone")
    assert_accessible(page)
    page.goto(f"/questionnaires/{CODE}/nodes/{draft['later']}/loop")
    _shot(page, artifacts, "designer-loop-fr", "phone")
    assert_accessible(page)
