"""The party's sites in the browser, in French: Senegal's focal point opens "Manage sites" from
the section that repeats per site, is told what is wrong with a latitude, adds the Djoudj
national park with French coordinates, finds its block in the section, and removes it after a
confirmation. Each page is checked with axe-core and photographed on a desktop and a phone into
test-artifacts/ (sites-*.png)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page
from tests.test_sites import publish_site_questionnaire, report_of

pytestmark = pytest.mark.browser

FP_SEN = "fp.sen@demo.test"  # prefers French
DJOUDJ = "Parc national des oiseaux du Djoudj"


@pytest.fixture(scope="module")
def site_section(live_server) -> tuple[int, int]:
    """(report id, section id): Senegal's AEWA-MOP10 report and its section with a site loop."""
    with live_server.app.app_context():
        questionnaire = publish_site_questionnaire()
        db.session.commit()
        section = next(n for n in questionnaire.nodes if n.parent_id is None)
        result = (report_of("AEWA-MOP10", "SEN").id, section.id)
        db.session.remove()
    return result


def _shot(page: Page, artifacts, name: str, viewport: str) -> None:
    page.screenshot(path=artifacts / f"sites-{name}-fr-{viewport}.png", full_page=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_focal_point_adds_a_site_and_finds_it_in_the_site_loop(
    new_page, sign_in, artifacts, live_server, site_section, viewport
):
    report_id, section_id = site_section
    live_server.execute(
        "DELETE FROM sites WHERE party_id = (SELECT id FROM parties WHERE code = 'SEN')"
    )  # each viewport starts from a party without sites
    page = open_page(new_page, viewport, "fr")
    sign_in(page, FP_SEN)
    page.goto(f"/reports/{report_id}/sections/{section_id}")
    tools = page.locator(".site-loop-tools")
    expect(tools).to_contain_text("Aucun site n’est encore enregistré pour votre pays.")
    tools.locator("a").click()
    page.wait_for_url(f"**/reports/{report_id}/sites?section={section_id}")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("#sites")).to_have_count(0)
    _shot(page, artifacts, "empty", viewport)
    assert_accessible(page)

    form = page.locator("main form[method=post]")
    form.locator("#latitude").fill("95,5")
    form.locator("#longitude").fill("-16,275")
    form.locator("[type=submit]").click()
    expect(page.locator("#name-error")).to_have_text("Indiquez le nom du site.")
    expect(page.locator("#latitude-error")).to_have_text(
        "La latitude doit être comprise entre -90 et 90."
    )
    expect(page.locator("#latitude")).to_have_value("95,5")  # what was typed is kept
    expect(page.locator("#latitude")).to_have_attribute("aria-invalid", "true")
    _shot(page, artifacts, "errors", viewport)
    assert_accessible(page)

    page.locator("#name").fill(DJOUDJ)
    page.locator("#latitude").fill("16,4133")
    page.locator("main form[method=post] [type=submit]").click()
    row = page.locator("#sites tbody tr", has_text=DJOUDJ)
    expect(row).to_contain_text("16,4133")
    expect(row).to_contain_text("-16,275")
    _shot(page, artifacts, "list", viewport)
    assert_accessible(page)

    page.locator(f"main a[href='/reports/{report_id}/sections/{section_id}']").click()
    block = page.locator("#section-form fieldset", has=page.locator("legend", has_text=DJOUDJ))
    expect(block).to_have_count(1)
    expect(page.locator(".site-loop-tools")).not_to_contain_text("Aucun site")
    block.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"sites-section-fr-{viewport}.png")

    page.locator(".site-loop-tools a").click()
    row = page.locator("#sites tbody tr", has_text=DJOUDJ)
    row.locator(f"a[href$='/remove?section={section_id}']").click()
    expect(page.locator("main h2")).to_contain_text(DJOUDJ)
    _shot(page, artifacts, "remove", viewport)
    assert_accessible(page)
    page.locator("main form[method=post] [type=submit]").click()
    expect(page.locator("#sites")).to_have_count(0)
    page.goto(f"/reports/{report_id}/sections/{section_id}")
    expect(page.locator("#section-form legend", has_text=DJOUDJ)).to_have_count(0)
