"""The designer in English, as the AEWA secretariat (who prefers English) meets it: a keyboard
move and a drag and drop with the numbering updated, the condition builder adapting to the chosen
question, the rule in words, and the preview applying it, then the preview in Spanish. The French
side of the same flows is in test_designer.py and test_designer_conditions.py."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page

pytestmark = pytest.mark.browser

AEWA_SECRETARIAT = "aewa.secretariat@demo.test"  # prefers English
CODE = "AEWA-DESIGN-EN"


@pytest.fixture(scope="module")
def draft(live_server) -> None:
    with live_server.app.app_context():
        aewa = directory.instrument_by_code("AEWA")
        q = services.create_questionnaire(
            instrument=aewa, code=CODE, cycle="MOP10", cycle_order=99,
            title={"en": "Design test", "fr": "Essai de conception", "es": "Prueba de diseño"},
        )  # fmt: skip
        general = services.add_section(
            q, title={"en": "General", "fr": "Généralités", "es": "Generalidades"}
        )
        services.add_local_item(
            q, general, code="AEWA-D-PLAN", answer_type="yes_no",
            text={"en": "Is there a national plan?", "fr": "Existe-t-il un plan national ?",
                  "es": "¿Existe un plan nacional?"},
        )  # fmt: skip
        services.add_local_item(
            q, general, code="AEWA-D-COUNT", answer_type="number",
            text={"en": "How many sites?", "fr": "Combien de sites ?", "es": "¿Cuántos sitios?"},
        )  # fmt: skip
        services.add_local_item(
            q, general, code="AEWA-D-NAME", answer_type="short_text",
            text={"en": "Name of the plan", "fr": "Nom du plan", "es": "Nombre del plan"},
        )  # fmt: skip
        db.session.commit()
        db.session.remove()


def _node(page: Page, code: str):
    return page.locator("li.designer-node[data-kind=item]", has=page.locator("code", has_text=code))


def _number(page: Page, code: str):
    return _node(page, code).locator(".designer-number")


def test_moves_condition_and_preview_in_english(new_page, sign_in, artifacts, draft):
    page = open_page(new_page, "desktop", "en")
    sign_in(page, AEWA_SECRETARIAT)
    page.goto(f"/questionnaires/{CODE}/design")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(_number(page, "AEWA-D-NAME")).to_have_text("1.3")

    # Keyboard: "move up" on 1.3, focused and pressed with the space bar.
    up = _node(page, "AEWA-D-NAME").locator("button[name=direction][value=up]")
    expect(up).to_have_accessible_name("Move up (1.3)")
    up.focus()
    up.press("Space")
    page.wait_for_url("**/design#node-*")
    expect(_number(page, "AEWA-D-NAME")).to_have_text("1.2")
    expect(_number(page, "AEWA-D-COUNT")).to_have_text("1.3")

    # Drag and drop: the count back above the name.
    with page.expect_navigation():
        _node(page, "AEWA-D-COUNT").locator(".designer-grip").drag_to(
            _node(page, "AEWA-D-NAME"), target_position={"x": 40, "y": 4}
        )
    expect(_number(page, "AEWA-D-COUNT")).to_have_text("1.2")
    expect(_number(page, "AEWA-D-NAME")).to_have_text("1.3")
    page.screenshot(path=artifacts / "designer-en-desktop.png", full_page=True)
    assert_accessible(page)

    # The condition builder on the name: earlier items only, operators that fit each type.
    page.goto(f"/questionnaires/{CODE}/")
    page.locator("li.border-bottom", has_text="Name of the plan").locator(
        "a[href*='/condition']"
    ).click()
    expect(page.locator("[data-cb-nojs]")).to_be_hidden()  # the script has taken the rows over
    items = page.locator("#rule-0-item option").evaluate_all("els => els.map(e => e.value)")
    assert items == ["", "AEWA-D-PLAN", "AEWA-D-COUNT"]
    page.locator("#rule-0-item").select_option("AEWA-D-COUNT")
    expect(page.locator("#rule-0-op option[value=gt]")).to_have_count(1)
    page.locator("#rule-0-item").select_option("AEWA-D-PLAN")
    expect(page.locator("#rule-0-op option[value=gt]")).to_have_count(0)
    expect(page.locator("select#rule-0-value option[value=yes]")).to_have_text("Yes")
    page.locator("#rule-0-op").select_option("equals")
    page.locator("#rule-0-value").select_option("yes")
    page.locator("button[value=preview]").click()
    expect(page.locator("#condition-words")).to_contain_text("Shown only when 1.1 is “Yes”")
    page.screenshot(path=artifacts / "designer-condition-en-desktop.png", full_page=True)
    assert_accessible(page)
    page.locator("button[value=save]").click()
    page.wait_for_url(f"**/questionnaires/{CODE}/#node-*")

    # The preview in English applies the rule; in Spanish it speaks Spanish.
    page.locator(f"a[href='/questionnaires/{CODE}/preview?lang=en']").click()
    form = page.locator("#preview-form")
    expect(form).not_to_contain_text("Name of the plan")
    form.get_by_role("radio", name="Yes").check()
    page.locator("#preview-form button[type=submit]").click()
    expect(form).to_contain_text("Name of the plan")
    expect(form.get_by_role("radio", name="Yes")).to_be_checked()  # the answer typed stays
    page.set_viewport_size(VIEWPORTS["phone"])
    page.screenshot(path=artifacts / "designer-preview-en-phone.png", full_page=True)
    assert_accessible(page)
    page.locator(f"a[href='/questionnaires/{CODE}/preview?lang=es']").click()
    expect(form).to_contain_text("¿Existe un plan nacional?")
    expect(form.get_by_role("radio", name="Sí")).to_be_visible()
    expect(form).not_to_contain_text("Nombre del plan")
