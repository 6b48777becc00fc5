"""The questionnaire designer as the CMS secretariat meets it, in French: a new draft, a section
and two local questions, one moved with the keyboard (buttons), one by drag and drop, numbering
updated each time, then the last change undone. Checked with axe; photographed on a desktop and a
phone into test-artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page

pytestmark = pytest.mark.browser

CMS_SECRETARIAT = "cms.secretariat@demo.test"  # prefers French


def _node(page: Page, code: str):
    return page.locator("li.designer-node[data-kind=item]", has=page.locator("code", has_text=code))


def _add_question(page: Page, code: str, english: str, french: str) -> None:
    page.locator("main .btn-outline-primary[href$='/design/item']").first.click()
    page.locator("#code").fill(code)
    page.locator("#text_en").fill(english)
    page.locator("#text_fr").fill(french)
    page.locator("#item-form button.btn-primary[type=submit]").click()
    page.wait_for_url("**/design#node-*")
    expect(_node(page, code)).to_be_visible()


def test_secretariat_designs_a_draft_in_french(new_page, sign_in, artifacts):
    page = open_page(new_page, "desktop", "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto("/questionnaires/")
    page.locator("main a[href='/questionnaires/new']").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.screenshot(path=artifacts / "designer-new-fr-desktop.png", full_page=True)
    assert_accessible(page)
    page.locator("#code").fill("CMS-COP30")
    page.locator("#cycle").fill("COP30")
    page.locator("#title_en").fill("COP30 national report")
    page.locator("#title_fr").fill("Rapport national COP30")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/questionnaires/CMS-COP30/design")

    page.locator("main a[href$='/design/section']").click()
    page.locator("#title_en").fill("General")
    page.locator("#title_fr").fill("Généralités")
    page.locator("main form button.btn-primary").click()
    page.wait_for_url("**/design#node-*")
    _add_question(page, "CMS-B-ONE", "First question", "Première question")
    _add_question(page, "CMS-B-TWO", "Second question", "Deuxième question")
    expect(_node(page, "CMS-B-TWO").locator(".designer-number")).to_have_text("1.2")

    # Keyboard: the "move up" button of 1.2, focused and pressed with Enter.
    up = _node(page, "CMS-B-TWO").locator("button[name=direction][value=up]")
    up.focus()
    up.press("Enter")
    page.wait_for_url("**/design#node-*")
    expect(_node(page, "CMS-B-TWO").locator(".designer-number")).to_have_text("1.1")
    expect(_node(page, "CMS-B-ONE").locator(".designer-number")).to_have_text("1.2")

    # Drag and drop: the first question back above the second.
    with page.expect_navigation():
        _node(page, "CMS-B-ONE").locator(".designer-grip").drag_to(
            _node(page, "CMS-B-TWO"), target_position={"x": 40, "y": 4}
        )
    expect(_node(page, "CMS-B-ONE").locator(".designer-number")).to_have_text("1.1")
    expect(_node(page, "CMS-B-TWO").locator(".designer-number")).to_have_text("1.2")
    page.screenshot(path=artifacts / "designer-fr-desktop.png", full_page=True)
    assert_accessible(page)

    # Undo the drag: the second question first again.
    page.locator("main form[action$='/design/undo'] button").click()
    page.wait_for_load_state()
    expect(_node(page, "CMS-B-TWO").locator(".designer-number")).to_have_text("1.1")
    expect(page.locator("main .alert-success")).to_be_visible()

    page.set_viewport_size(VIEWPORTS["phone"])
    page.screenshot(path=artifacts / "designer-fr-phone.png", full_page=True)
    assert_accessible(page)
    page.locator("main a[href$='/design/item']").first.click()
    page.locator("#answer_type").select_option("single_choice")
    page.screenshot(path=artifacts / "designer-item-fr-phone.png", full_page=True)
    assert_accessible(page)

    # Removing asks first.
    page.goto("/questionnaires/CMS-COP30/design")
    _node(page, "CMS-B-ONE").locator("a[href$='/remove']").click()
    page.screenshot(path=artifacts / "designer-remove-fr-phone.png", full_page=True)
    assert_accessible(page)
    page.locator("main form button.btn-danger").click()
    page.wait_for_url("**/design")
    expect(_node(page, "CMS-B-ONE")).to_have_count(0)

    # The next cycle from this one, with the report of what was copied.
    page.goto("/questionnaires/duplicate")
    page.locator("#source").select_option(label="CMS-COP30 — COP30")
    page.locator("#code").fill("CMS-COP31")
    page.locator("#cycle").fill("COP31")
    page.locator("main form button[type=submit]").click()
    expect(page.locator("main")).to_contain_text("CMS-COP31")
    expect(page.locator("main a[href='/questionnaires/CMS-COP31/design']")).to_be_visible()
    page.screenshot(path=artifacts / "designer-copied-fr-phone.png", full_page=True)
    assert_accessible(page)
