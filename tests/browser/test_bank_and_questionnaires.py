"""The bank and the questionnaires as the CMS secretariat meets them, in French and Spanish.

The issue's "done" walk: find a bank question by a French word, see that AEWA and the Raptors
MoU use it too, preview CMS-COP15 in Spanish with its species loop, and read why EUROBATS-MOP11
cannot be published yet. Every page is checked with axe-core and photographed on a desktop and
a phone into test-artifacts/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page

pytestmark = pytest.mark.browser

CMS_SECRETARIAT = "cms.secretariat@demo.test"  # prefers French


def _shot(page: Page, artifacts, name: str, viewport: str) -> None:
    page.screenshot(path=artifacts / f"{name}-{viewport}.png", full_page=viewport == "desktop")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_secretariat_finds_a_shared_question_and_previews_in_spanish(
    new_page, sign_in, artifacts, viewport
):
    page = open_page(new_page, viewport, "fr")
    sign_in(page, CMS_SECRETARIAT)
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    page.goto("/bank/")
    page.locator("#q").fill("empoisonnement")
    page.locator("#q").press("Enter")
    page.wait_for_url("**/bank/?q=empoisonnement*")
    first = page.locator("main ul.results > li", has=page.locator("a[href='/bank/THR-POISON-01']"))
    expect(first).to_contain_text("empoisonnement")
    for code in ("CMS", "AEWA", "RAPTORS"):  # "used by" badges
        expect(first.locator(".badge", has_text=code).first).to_be_visible()
    _shot(page, artifacts, "bank-search-fr", viewport)
    assert_accessible(page)

    first.locator("a[href='/bank/THR-POISON-01']").click()
    expect(page.locator("main h1")).to_contain_text("THR-POISON-")
    usage = page.locator("#usage")
    for code in ("CMS-COP15", "AEWA-MOP9", "RAPTORS-MOS4"):
        expect(usage).to_contain_text(code)
    _shot(page, artifacts, "bank-question-fr", viewport)
    assert_accessible(page)

    page.goto("/questionnaires/CMS-COP15/preview?lang=es")
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("main")).to_contain_text("Vista previa")
    expect(page.locator("main")).to_contain_text("Aquila nipalensis")  # the species loop
    _shot(page, artifacts, "preview-cms-cop15-es", viewport)
    page.get_by_text("Aquila nipalensis").first.scroll_into_view_if_needed()
    page.screenshot(path=artifacts / f"preview-cms-cop15-es-loop-{viewport}.png")
    assert_accessible(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_secretariat_reads_why_a_draft_cannot_be_published(
    new_page, sign_in, artifacts, live_server, viewport
):
    live_server.execute(
        "INSERT INTO role_grants (user_id, role, instrument_id, granted_at) "
        "SELECT u.id, 'secretariat', i.id, CURRENT_TIMESTAMP FROM users u, instruments i "
        "WHERE u.email = :email AND i.code = 'EUROBATS' AND NOT EXISTS ("
        "  SELECT 1 FROM role_grants g WHERE g.user_id = u.id AND g.instrument_id = i.id)",
        email=CMS_SECRETARIAT,
    )
    page = open_page(new_page, viewport, "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto("/questionnaires/EUROBATS-MOP11/")
    _shot(page, artifacts, "questionnaire-eurobats-fr", viewport)
    assert_accessible(page)

    page.goto("/questionnaires/EUROBATS-MOP11/checks")
    problems = page.locator("main ol.problems li")
    expect(problems).to_have_count(2)
    link = problems.first.locator("a")
    expect(link).to_be_visible()
    _shot(page, artifacts, "checks-eurobats-fr", viewport)
    assert_accessible(page)

    # Each problem leads where it is fixed: a missing text to the Texts page, a bank text to
    # the bank question.
    link.click()
    expect(page).to_have_url(
        re.compile(r"(/questionnaires/EUROBATS-MOP11/texts\?missing=1|/bank/[A-Z0-9-]+)$")
    )

    page.goto("/questionnaires/EUROBATS-MOP11/translations")
    expect(page.locator("main")).to_contain_text("2")
    _shot(page, artifacts, "translations-eurobats-fr", viewport)
    assert_accessible(page)
