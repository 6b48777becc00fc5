"""The CMS secretariat maintains its species list for a new cycle, in French: from the designer it
creates the COP16 list from COP15, finds the Siberian Crane by its French name without accents,
adds it with its listing, moves it up with the keyboard, edits a listing and removes a species.
Checked with axe; photographed on a desktop and a phone into test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.directory import services as directory
from app.extensions import db
from app.questionnaires import editing, services
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page

pytestmark = pytest.mark.browser

CMS_SECRETARIAT = "cms.secretariat@demo.test"  # prefers French


@pytest.fixture(scope="module")
def cop16_draft(live_server):
    with live_server.app.app_context():
        cms = directory.instrument_by_code("CMS")
        services.create_questionnaire(
            instrument=cms, code="CMS-COP16", cycle="COP16",
            cycle_order=editing.next_cycle_order(cms.id),
            title={"en": "COP16 national report", "fr": "Rapport national COP16"},
        )  # fmt: skip
        db.session.commit()
        db.session.remove()
    return "CMS-COP16"


def _entry(page: Page, taxon: str):
    return page.locator(f"li.species-entry[data-taxon='{taxon}']")


def _shoot(page: Page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=ARTIFACTS / name, full_page=True)


def test_secretariat_maintains_the_cop16_list_in_french(new_page, sign_in, cop16_draft):
    page = open_page(new_page, "desktop", "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto(f"/questionnaires/{cop16_draft}/design")
    page.locator("main nav a[href='/bank/species-lists/CMS/COP16']").click()
    page.wait_for_url("**/bank/species-lists/CMS/COP16")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    create = page.locator("main form button[name=source]").first
    expect(create).to_contain_text("COP15")
    assert_accessible(page)
    create.click()
    page.wait_for_url("**/bank/species-lists/CMS/COP16")
    expect(page.locator("li.species-entry")).to_have_count(38)
    expect(page.locator("main .alert-success")).to_be_visible()

    # Search by the French common name, typed without accents; add with the listing.
    page.locator("#q").fill("grue siberie")
    page.locator("#q").press("Enter")
    result = page.locator("li.species-result[data-taxon='leucogeranus_leucogeranus']")
    expect(result).to_contain_text("Grue de Sibérie")
    _shoot(page, "species-list-search-fr-desktop.png")
    assert_accessible(page)
    result.locator("input[name$='-en']").fill("Appendix I")
    result.locator("input[name$='-fr']").fill("Annexe I")
    result.locator("input[name$='-es']").fill("Apéndice I")
    result.get_by_role("button", name="Leucogeranus leucogeranus").click()
    page.wait_for_url("**#entry-*")
    crane = _entry(page, "leucogeranus_leucogeranus")
    expect(crane).to_contain_text("Annexe I")
    expect(page.locator("li.species-entry").last).to_have_attribute(
        "data-taxon", "leucogeranus_leucogeranus"
    )
    expect(result).to_contain_text("Grue de Sibérie")  # the search stays open
    expect(result.locator("form")).to_have_count(0)  # on the list already

    # Keyboard: the crane's "move up" button, focused and pressed with Enter.
    up = crane.locator("input[name=direction][value=up] ~ button")
    up.focus()
    up.press("Enter")
    page.wait_for_url("**#entry-*")
    entries = page.locator("li.species-entry")
    expect(entries.nth(37)).to_have_attribute("data-taxon", "leucogeranus_leucogeranus")
    expect(entries.nth(38)).to_have_attribute("data-taxon", "balearica_regulorum")

    # Inline edit of a listing, without scripts: a disclosure with a field per language.
    royal = _entry(page, "balearica_regulorum")
    royal.locator("summary").click()
    royal.locator("input[name='listing-fr']").fill("Annexe II")
    royal.locator("details form button[type=submit]").click()
    page.wait_for_url("**#entry-*")
    expect(_entry(page, "balearica_regulorum").locator(".species-listing")).to_have_text(
        "Annexe II"
    )

    # Remove the first species.
    first = entries.first
    expect(first).to_have_attribute("data-taxon", "aquila_nipalensis")
    first.get_by_role("button", name="Aquila nipalensis").last.click()
    page.wait_for_url("**#species-entries")
    expect(page.locator("li.species-entry")).to_have_count(38)
    expect(_entry(page, "aquila_nipalensis")).to_have_count(0)
    expect(page.locator("li.species-entry").first).to_have_attribute("data-taxon", "falco_cherrug")
    _shoot(page, "species-list-fr-desktop.png")
    assert_accessible(page)

    page.set_viewport_size(VIEWPORTS["phone"])
    page.goto("/bank/species-lists/CMS/COP16?q=grulla#species-add")
    expect(page.locator("li.species-result").first).to_be_visible()
    _shoot(page, "species-list-fr-phone.png")
    assert_accessible(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_index_and_frozen_list_in_french(new_page, sign_in, viewport):
    page = open_page(new_page, viewport, "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto("/bank/species-lists/CMS")
    expect(page.locator("main table")).to_contain_text("COP15")
    _shoot(page, f"species-lists-fr-{viewport}.png")
    assert_accessible(page)
    page.goto("/bank/species-lists/CMS/COP15")
    expect(page.locator("#species-frozen")).to_contain_text("CMS-COP15")
    expect(page.locator("main li.species-entry button")).to_have_count(0)
    _shoot(page, f"species-list-frozen-fr-{viewport}.png")
    assert_accessible(page)
