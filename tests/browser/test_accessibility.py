"""axe-core finds no serious or critical accessibility violation on the main pages.

As a by-product the pages are photographed, on a desktop and a phone, in Spanish and French,
into test-artifacts/ (git-ignored).
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

VIEWPORTS = {"desktop": {"width": 1280, "height": 900}, "phone": {"width": 390, "height": 844}}
BROWSER_LOCALES = {"en": "en-GB", "es": "es-ES", "fr": "fr-FR"}
ACCOUNTS = {"es": "fp.esp@demo.test", "fr": "fp.fra@demo.test"}  # their preferred languages
BLOCKING = {"serious", "critical"}

axe = Axe()


def assert_accessible(page: Page) -> None:
    results = axe.run(page)
    blocking = [v for v in results.response["violations"] if v["impact"] in BLOCKING]
    if blocking:
        lines = [f"axe: {len(blocking)} serious/critical violation(s) on {page.url}"]
        for violation in blocking:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
            lines.append(f"  {violation['helpUrl']}")
            for node in violation["nodes"]:
                lines.append(f"    {node['target']}: {node['html'][:160]}")
                lines.extend(f"      {check['message']}" for check in node["any"][:1])
        pytest.fail("\n".join(lines), pytrace=False)


def open_page(new_page, viewport: str, lang: str) -> Page:
    return new_page(
        viewport=VIEWPORTS[viewport],
        locale=BROWSER_LOCALES[lang],
        is_mobile=viewport == "phone",
        has_touch=viewport == "phone",
    )


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["es", "fr"])
def test_login_page(new_page, artifacts, lang, viewport):
    page = open_page(new_page, viewport, lang)
    page.goto("/account/login")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("#email")).to_be_visible()
    page.screenshot(path=artifacts / f"login-{lang}-{viewport}.png", full_page=True)
    assert_accessible(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["es", "fr"])
def test_dashboard(new_page, sign_in, artifacts, lang, viewport):
    page = open_page(new_page, viewport, lang)
    sign_in(page, ACCOUNTS[lang])
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator("main h1")).to_be_visible()
    page.screenshot(path=artifacts / f"dashboard-{lang}-{viewport}.png", full_page=True)
    assert_accessible(page)


def test_dashboard_with_the_menu_open_on_a_phone(new_page, sign_in):
    page = open_page(new_page, "phone", "es")
    sign_in(page, ACCOUNTS["es"])
    page.locator("header .navbar-toggler").click()
    expect(page.locator('header button[name="lang"][value="fr"]')).to_be_visible()
    assert_accessible(page)


def test_admin_users_page(page, sign_in):
    sign_in(page, "admin@demo.test")
    page.goto("/admin/users/")
    expect(page.locator("main table")).to_be_visible()
    assert_accessible(page)
