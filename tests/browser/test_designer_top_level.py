"""Designer, drag and drop at the top level, in French and in English: a section dragged to the
very top, between two sections (dropped in the gap) and to the very end, with the numbers of the
sections and of their questions refreshed each time; a question dragged to the top level is
refused with the translated message; the move buttons still work. Also the page of a bank item's
settings, checked with axe and photographed in French on a desktop and a phone."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.bank import services as bank
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services
from tests.browser.conftest import ARTIFACTS
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page

pytestmark = pytest.mark.browser

CMS_SECRETARIAT = "cms.secretariat@demo.test"
REFUSED = {"en": "Questions go into sections.", "fr": "Les questions se placent dans des sections."}
SECTIONS = [("ONE", "One", "Un"), ("TWO", "Two", "Deux"), ("THREE", "Three", "Trois")]


@pytest.fixture(scope="module")
def drafts(live_server) -> dict[str, dict[str, int]]:
    """One draft per language, three sections with a question each (and a bank item in the
    first), committed to the live server's database."""
    found = {}
    with live_server.app.app_context():
        cms = directory.instrument_by_code("CMS")
        for order, lang in enumerate(("en", "fr"), start=1):
            code = f"CMS-TOP-{lang.upper()}"
            q = services.create_questionnaire(
                instrument=cms, code=code, cycle=f"TOP{lang.upper()}", cycle_order=80 + order,
                title={"en": f"Top level {lang}", "fr": f"Premier niveau {lang}"},
            )  # fmt: skip
            ids = {}
            for key, english, french in SECTIONS:
                section = services.add_section(q, title={"en": english, "fr": french})
                services.add_local_item(
                    q, section, code=f"TOP-{key}", answer_type="short_text",
                    text={"en": f"Question {english}", "fr": f"Question {french}"},
                )  # fmt: skip
                ids[key] = section.id
            poison = bank.question_by_code("THR-POISON-01").latest
            ids["BANK"] = services.add_bank_item(
                q, db.session.get(type(section), ids["ONE"]), poison
            ).id
            found[lang] = ids
        db.session.commit()
        db.session.remove()
    return found


def _section(page: Page, section_id: int):
    return page.locator(f"#node-{section_id}")


def _number(page: Page, node_id: int):
    return page.locator(f"#node-{node_id} > div > .designer-number")


def _question_number(page: Page, code: str):
    item = page.locator("li.designer-node[data-kind=item]", has=page.locator("code", has_text=code))
    return item.locator(".designer-number")


def _numbers(page: Page, ids: dict[str, int], expected: dict[str, str]) -> None:
    for key, number in expected.items():
        expect(_number(page, ids[key])).to_have_text(number)
        expect(_question_number(page, f"TOP-{key}")).to_have_text(f"{number}.1")


def _drag(page: Page, node_id: int, target, position: dict) -> None:
    with page.expect_navigation():
        page.locator(f"#node-{node_id} > div > .designer-grip").drag_to(
            target, target_position=position
        )


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_sections_dragged_to_the_top_level(new_page, sign_in, live_server, drafts, lang):
    live_server.execute("UPDATE users SET locale = :lang WHERE email = :email",
                        lang=lang, email=CMS_SECRETARIAT)  # fmt: skip
    ids = drafts[lang]
    ARTIFACTS.mkdir(exist_ok=True)
    page = open_page(new_page, "desktop", lang)
    sign_in(page, CMS_SECRETARIAT)
    page.goto(f"/questionnaires/CMS-TOP-{lang.upper()}/design")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    _numbers(page, ids, {"ONE": "1", "TWO": "2", "THREE": "3"})

    # The third section to the very top: dropped on the upper edge of the first.
    _drag(page, ids["THREE"], _section(page, ids["ONE"]), {"x": 60, "y": 3})
    _numbers(page, ids, {"THREE": "1", "ONE": "2", "TWO": "3"})
    expect(page.locator("#designer-outline .alert-danger, main .alert-danger")).to_have_count(0)

    # "One" (now 2) to the very end: dropped below the last section.
    last = _section(page, ids["TWO"]).bounding_box()
    top_list = page.locator("#designer-outline > ol.designer-list")
    box = top_list.bounding_box()
    _drag(page, ids["ONE"], top_list, {"x": 60, "y": last["y"] + last["height"] - box["y"] + 6})
    _numbers(page, ids, {"THREE": "1", "TWO": "2", "ONE": "3"})

    # "One" back between the two others: dropped in the gap between them.
    first = _section(page, ids["THREE"]).bounding_box()
    second = _section(page, ids["TWO"]).bounding_box()
    box = top_list.bounding_box()
    gap = (first["y"] + first["height"] + second["y"]) / 2 - box["y"]
    _drag(page, ids["ONE"], top_list, {"x": 60, "y": gap})
    _numbers(page, ids, {"THREE": "1", "ONE": "2", "TWO": "3"})
    page.screenshot(path=ARTIFACTS / f"top-level-{lang}-desktop.png", full_page=True)

    # A question to the top level: refused, with the message, and nothing moves.
    status = page.locator("#designer-status")
    question = page.locator(
        "li.designer-node[data-kind=item]", has=page.locator("code", has_text="TOP-TWO")
    )
    question.locator(".designer-grip").drag_to(
        _section(page, ids["THREE"]), target_position={"x": 60, "y": 3}
    )
    expect(status).to_have_text(REFUSED[lang])
    page.reload()
    _numbers(page, ids, {"THREE": "1", "ONE": "2", "TWO": "3"})

    # The buttons still move sections: "Two" up, above "One".
    up = _section(page, ids["TWO"]).locator(":scope > form button[name=direction][value=up]")
    up.focus()
    with page.expect_navigation():
        up.press("Enter")
    _numbers(page, ids, {"THREE": "1", "TWO": "2", "ONE": "3"})
    assert_accessible(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_bank_item_page_in_french(new_page, sign_in, live_server, drafts, viewport):
    live_server.execute("UPDATE users SET locale = 'fr' WHERE email = :email",
                        email=CMS_SECRETARIAT)  # fmt: skip
    ids = drafts["fr"]
    ARTIFACTS.mkdir(exist_ok=True)
    page = open_page(new_page, viewport, "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto("/questionnaires/CMS-TOP-FR/design")
    page.locator(f"#node-{ids['BANK']} a[href$='/bank-item']").click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator("main")).to_contain_text("THR-POISON-01")
    expect(page.locator("main a[href='/bank/THR-POISON-01']")).to_be_visible()
    page.screenshot(path=ARTIFACTS / f"bank-item-fr-{viewport}.png", full_page=True)
    assert_accessible(page)
    page.locator("#guidance_fr").fill("Depuis 2020 seulement.")
    page.locator("#required").check()
    page.locator("#bank-item-form button.btn-primary").click()
    page.wait_for_url("**/design#node-*")
    item = page.locator(f"#node-{ids['BANK']}")
    expect(item.locator(".badge.text-bg-warning")).to_be_visible()  # "Required"
    expect(page.locator("main .alert-success")).to_be_visible()
    page.locator(f"#node-{ids['BANK']} a[href$='/bank-item']").click()
    expect(page.locator("#guidance_fr")).to_have_value("Depuis 2020 seulement.")
    expect(page.locator("#required")).to_be_checked()
    # Undo brings the previous settings back.
    page.goto("/questionnaires/CMS-TOP-FR/design")
    page.locator("main form[action$='/design/undo'] button").click()
    page.wait_for_load_state()
    expect(page.locator(f"#node-{ids['BANK']} .badge.text-bg-warning")).to_have_count(0)
