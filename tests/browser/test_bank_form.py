"""The bank's question form in French, as cms.secretariat uses it: only the settings editor of
the chosen answer type is shown (the designer's editors, switched by designer.js), choice rows
are added with the editor's button and keep what was typed, and tags are ticked one by one
(a plain click on a second tag keeps the first). Checked with axe."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.test_accessibility import assert_accessible, open_page

pytestmark = pytest.mark.browser

CMS_SECRETARIAT = "cms.secretariat@demo.test"  # prefers French


def test_the_bank_form_shows_the_editor_of_the_chosen_type(new_page, sign_in, artifacts):
    page = open_page(new_page, "desktop", "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto("/bank/new")
    choices, number, table = (
        page.locator("#choices-editor"),
        page.locator("#number-editor"),
        page.locator("#table-editor"),
    )
    page.locator("#answer_type").select_option("number")
    expect(number).to_be_visible()
    expect(choices).to_be_hidden()
    expect(table).to_be_hidden()
    page.locator("#answer_type").select_option("single_choice")
    expect(choices).to_be_visible()
    expect(number).to_be_hidden()
    page.locator("#code").fill("THR-WIND-97")
    page.locator("#choice-0-key").fill("always")
    page.locator("#choice-0-fr").fill("Toujours")
    with page.expect_navigation():
        page.locator("main form button[name='add-row']").click()
    expect(page.locator("#choice-2-key")).to_be_visible()  # the editor of the type, still
    expect(page.locator("#choice-0-fr")).to_have_value("Toujours")
    expect(page.locator("#number-editor")).to_be_hidden()
    page.locator("#tag-theme-bycatch").click()
    page.locator("#tag-gbf-3").click()
    expect(page.locator("#tag-theme-bycatch")).to_be_checked()
    expect(page.locator("#tag-gbf-3")).to_be_checked()
    page.screenshot(path=artifacts / "bank-form-choice-fr.png", full_page=True)
    assert_accessible(page)
