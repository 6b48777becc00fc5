"""A table question designed in French by the CMS secretariat: a new draft, a section, then a
local question of type "Tableau" whose rows, columns and choices are added with the editor's
buttons (which submit the form and bring back what was typed); a mistake is shown next to its
field; once saved, the outline shows the type and the preview shows the grid. Checked with axe;
photographed on a desktop and a phone into test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import ARTIFACTS
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page

pytestmark = pytest.mark.browser

CMS_SECRETARIAT = "cms.secretariat@demo.test"  # prefers French


def _shoot(page: Page, name: str) -> None:
    """Desktop and phone photographs of the page, each checked with axe."""
    ARTIFACTS.mkdir(exist_ok=True)
    for viewport in ("desktop", "phone"):
        page.set_viewport_size(VIEWPORTS[viewport])
        assert_accessible(page)
        page.screenshot(path=ARTIFACTS / f"{name}-fr-{viewport}.png", full_page=True)
    page.set_viewport_size(VIEWPORTS["desktop"])


def _press(page: Page, name: str, value: str = "1") -> None:
    """An editor button: it submits the form, which comes back with one more part."""
    with page.expect_navigation():
        page.locator(f"#item-form button[name='{name}'][value='{value}']").click()


def test_secretariat_designs_a_table_question_in_french(new_page, sign_in):
    page = open_page(new_page, "desktop", "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto("/questionnaires/new")
    page.locator("#code").fill("CMS-COP40")
    page.locator("#cycle").fill("COP40")
    page.locator("#title_en").fill("COP40 national report")
    page.locator("#title_fr").fill("Rapport national COP40")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/questionnaires/CMS-COP40/design")
    page.locator("main a[href$='/design/section']").click()
    page.locator("#title_en").fill("Populations")
    page.locator("#title_fr").fill("Populations")
    page.locator("main form button.btn-primary").click()
    page.wait_for_url("**/design#node-*")

    page.locator("main .btn-outline-primary[href$='/design/item']").first.click()
    editor = page.locator("#table-editor")
    expect(editor).to_be_hidden()  # shown for the table type only
    page.locator("#answer_type").select_option("table")
    expect(editor).to_be_visible()
    expect(page.locator("fieldset[data-show-for='number']")).to_be_hidden()
    page.locator("#code").fill("CMS-P-COUNTS")
    page.locator("#text_en").fill("Breeding population")
    page.locator("#text_fr").fill("Population nicheuse")
    page.locator("#trow-0-key").fill("adults")
    page.locator("#trow-0-en").fill("Adults")
    page.locator("#trow-0-fr").fill("Adultes")
    _press(page, "table-add-row")
    expect(page.locator("#trow-0-fr")).to_have_value("Adultes")  # what was typed comes back
    expect(page.locator("#trow-1-key")).to_be_focused()  # the new row, ready to type
    expect(page.locator("#answer_type")).to_have_value("table")
    expect(editor).to_be_visible()
    page.locator("#trow-1-key").fill("young")
    page.locator("#trow-1-en").fill("Young")
    page.locator("#trow-1-fr").fill("Jeunes")
    page.locator("#tcol-0-key").fill("count")
    choices = page.locator("[data-choices-for='tcol-0-type']")
    expect(choices).to_be_visible()  # no type yet: it may become a single choice
    page.locator("#tcol-0-type").select_option("number")
    expect(choices).to_be_hidden()  # a number column has no choices
    page.locator("#tcol-0-en").fill("Count")
    page.locator("#tcol-0-fr").fill("Effectif")
    _press(page, "table-add-column")
    expect(page.locator("#tcol-1-key")).to_be_focused()
    page.locator("#tcol-1-key").fill("trend")
    page.locator("#tcol-1-type").select_option("single_choice")
    expect(page.locator("[data-choices-for='tcol-1-type']")).to_be_visible()
    page.locator("#tcol-1-en").fill("Trend")
    page.locator("#tcol-1-fr").fill("Tendance")
    _press(page, "table-add-choice", "1")
    expect(page.locator("#tcol-1-choice-1-key")).to_be_visible()  # room for two choices
    expect(page.locator("#tcol-1-fr")).to_have_value("Tendance")
    page.locator("#tcol-1-choice-0-key").fill("up")
    page.locator("#tcol-1-choice-0-en").fill("Increasing")
    page.locator("#tcol-1-choice-0-fr").fill("En hausse")
    page.locator("#tcol-1-choice-1-key").fill("up")  # a mistake: the same key twice
    page.locator("#tcol-1-choice-1-en").fill("Decreasing")
    page.locator("#tcol-1-choice-1-fr").fill("En baisse")

    with page.expect_navigation():  # Enter in a field saves; it removes nothing
        page.locator("#tcol-1-choice-1-fr").press("Enter")
    expect(page.locator("#trow-1-key")).to_have_value("young")
    key = page.locator("#tcol-1-choice-1-key")
    expect(key).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#tcol-1-choice-1-key-error")).to_contain_text("2")
    expect(page.locator("#table-errors li")).to_have_count(1)
    expect(page.locator("#tcol-1-choice-1-fr")).to_have_value("En baisse")
    expect(page.locator("#text_fr")).to_have_value("Population nicheuse")
    key.scroll_into_view_if_needed()
    _shoot(page, "table-editor-error")

    key.fill("down")
    page.locator("#item-form button.btn-primary[type=submit]").click()
    page.wait_for_url("**/design#node-*")
    node = page.locator(
        "li.designer-node[data-kind=item]", has=page.locator("code", has_text="CMS-P-COUNTS")
    )
    expect(node).to_be_visible()
    expect(node.locator(".badge", has_text="Tableau")).to_be_visible()

    page.goto("/questionnaires/CMS-COP40/preview?lang=fr")
    grid = page.locator("main table", has=page.locator("th", has_text="Adultes"))
    expect(grid.locator("thead th")).to_have_text(["Effectif", "Tendance"])
    expect(grid.locator("tbody th")).to_have_text(["Adultes", "Jeunes"])
    expect(grid.locator("tbody select").first.locator("option")).to_have_text(
        ["", "En hausse", "En baisse"]
    )
    expect(grid.locator("tbody input")).to_have_count(2)
    _shoot(page, "table-preview")


def test_bank_form_edits_a_table_in_french(new_page, sign_in):
    page = open_page(new_page, "desktop", "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto("/bank/new")
    page.locator("#code").fill("POP-TABLE-98")
    page.locator("#answer_type").select_option("table")
    page.locator("#text_en").fill("Breeding pairs")
    page.locator("#trow-0-key").fill("adults")
    page.locator("#trow-0-en").fill("Adults")
    with page.expect_navigation():
        page.locator("main form button[name='table-add-row']").click()
    expect(page.locator("#trow-0-en")).to_have_value("Adults")
    expect(page.locator("#code")).to_have_value("POP-TABLE-98")
    page.locator("#trow-1-key").fill("adults")  # the same key twice
    with page.expect_navigation():
        page.locator("#trow-1-key").press("Enter")  # creates, as the main button does
    expect(page.locator("#trow-1-key")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#table-errors li")).to_have_count(3)  # key, label, no column
    _shoot(page, "bank-table-editor-error")
    page.locator("#trow-1-key").fill("young")
    page.locator("#trow-1-en").fill("Young")
    page.locator("#tcol-0-key").fill("pairs")
    page.locator("#tcol-0-type").select_option("number")
    expect(page.locator("[data-choices-for='tcol-0-type']")).to_be_hidden()  # the bank form too
    page.locator("#tcol-0-en").fill("Pairs")
    page.locator("main form button.btn-primary").click()
    page.wait_for_url("**/bank/POP-TABLE-98")
    expect(page.locator("main")).to_contain_text("Tableau")
