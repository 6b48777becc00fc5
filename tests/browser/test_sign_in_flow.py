"""Sign in, switch the interface language from the header, sign out: as a user would."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

FOCAL_POINT = "fp.esp@demo.test"  # prefers Spanish
FOCAL_POINT_NAME = "Javier Martínez"

# msgstr of the catalogs (translations/<lang>/LC_MESSAGES/messages.po)
NAV_DASHBOARD = {"es": "Panel", "fr": "Tableau de bord"}
SIGN_OUT = {"es": "Cerrar sesión", "fr": "Se déconnecter"}
WELCOME = {"es": "Le damos la bienvenida, %(name)s", "fr": "Bienvenue, %(name)s"}


@pytest.fixture
def restore_locale(live_server):
    """The switcher saves the preference in the live database: put Spanish back afterwards."""
    yield
    live_server.execute("UPDATE users SET locale = 'es' WHERE email = :email", email=FOCAL_POINT)


class Texts:
    """Interface strings checked once the page is known to be in the right language.

    Mismatches are gathered and reported at the end of the test, so that a catalog still being
    translated shows every missing string without hiding the rest of the flow.
    """

    def __init__(self, page: Page):
        self.page = page
        self.mismatches: list[str] = []

    def check(self, selector: str, expected: str) -> None:
        actual = " ".join((self.page.locator(selector).first.text_content() or "").split())
        if actual != expected:
            self.mismatches.append(f"{self.page.url} {selector}: {actual!r}, expected {expected!r}")

    def assert_all(self) -> None:
        if self.mismatches:
            pytest.fail("untranslated strings:\n" + "\n".join(self.mismatches), pytrace=False)


NAV_LINK = 'header a.nav-link[href="/dashboard"]'
SIGN_OUT_BUTTON = 'header form[action="/account/logout"] button'


def _open_menu(page: Page, phone: bool) -> None:
    """On a phone the header's links and forms are collapsed behind the toggler."""
    toggler = page.locator("header .navbar-toggler")
    if not phone:
        expect(toggler).to_be_hidden()
        return
    expect(page.locator("#nav")).to_be_hidden()
    toggler.click()
    expect(toggler).to_have_attribute("aria-expanded", "true")
    # the menu slides open: a click during the slide may land on nothing (seen under load)
    expect(page.locator("#nav")).to_have_class(re.compile(r"\bshow\b"))
    expect(page.locator("#nav")).not_to_have_class(re.compile(r"\bcollapsing\b"))


def _sign_in_switch_to_french_and_out(page: Page, sign_in, phone: bool = False) -> None:
    texts = Texts(page)
    html = page.locator("html")

    sign_in(page, FOCAL_POINT)
    expect(html).to_have_attribute("lang", "es")  # the account's preference
    expect(page.locator("main h1")).to_contain_text(FOCAL_POINT_NAME)
    texts.check("main h1", WELCOME["es"] % {"name": FOCAL_POINT_NAME})
    texts.check(NAV_LINK, NAV_DASHBOARD["es"])
    texts.check(SIGN_OUT_BUTTON, SIGN_OUT["es"])

    _open_menu(page, phone)
    french = page.locator('header form button[name="lang"][value="fr"]')
    expect(french).to_have_text("Français")
    with page.expect_response(
        lambda r: r.url.endswith("/language") and r.request.method == "POST"
    ) as answer:
        french.click()
    assert answer.value.status == 302
    page.wait_for_url("**/dashboard")
    expect(html).to_have_attribute("lang", "fr")
    expect(page.locator('header button[name="lang"][aria-current="true"]')).to_have_attribute(
        "value", "fr"
    )
    texts.check("main h1", WELCOME["fr"] % {"name": FOCAL_POINT_NAME})
    texts.check(NAV_LINK, NAV_DASHBOARD["fr"])
    texts.check(SIGN_OUT_BUTTON, SIGN_OUT["fr"])

    _open_menu(page, phone)
    sign_out = page.locator(SIGN_OUT_BUTTON)
    sign_out.click()
    page.wait_for_url(re.compile(r"/$"))
    expect(page.locator(SIGN_OUT_BUTTON)).to_have_count(0)

    page.goto("/dashboard")
    expect(page).to_have_url(re.compile(r"/account/login\?next=%2Fdashboard$"))
    expect(page.locator("#email")).to_be_visible()
    texts.assert_all()


def test_sign_in_switch_language_and_sign_out(page, sign_in, restore_locale):
    _sign_in_switch_to_french_and_out(page, sign_in)


def test_same_flow_on_a_phone(new_page, sign_in, restore_locale):
    page = new_page(viewport=PHONE, is_mobile=True, has_touch=True)
    _sign_in_switch_to_french_and_out(page, sign_in, phone=True)


@pytest.mark.parametrize(("locale", "lang"), [("fr-FR", "fr"), ("es-ES", "es"), ("de-DE", "en")])
def test_visitor_sees_the_home_page_in_the_browser_language(new_page, locale, lang):
    page = new_page(locale=locale)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    expect(page.locator('header a[href="/account/login"]')).to_be_visible()
