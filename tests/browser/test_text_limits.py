"""The character counter of long texts (static/js/limits.js) in Chromium: it counts as the
browser's maxlength and the server count (a line break once), says how many characters are
left or too many, and the server accepts a box filled to its limit and refuses one over it.
A phone-sized French photograph of a long answer near its limit goes to test-artifacts/."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import services
from app.reporting.models import Answer, Report
from tests.browser.test_accessibility import open_page

pytestmark = pytest.mark.browser

FP_SEN = "fp.sen@demo.test"  # prefers French
LIMIT = 20_000
PHRASE = "Les effectifs nicheurs ont été suivis sur les sites côtiers ; "


@pytest.fixture(scope="module", autouse=True)
def quick_autosave(live_server):
    live_server.app.config["AUTOSAVE_DEBOUNCE_MS"] = 150
    yield


def _long_text_item(live_server) -> tuple[int, int, str]:
    """(report id, section id, field name) of a visible long text of SEN's CMS-COP15 report."""
    with live_server.app.app_context():
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")
        report = db.session.scalar(
            sa.select(Report).where(
                Report.questionnaire_id == questionnaire.id, Report.party.has(code="SEN")
            )
        )
        filled = services.fill(report, "fr")
        for section in filled.rendered.sections:
            for item in section.items():
                if item.visible and item.node.effective_type == "long_text" and not item.loop_key:
                    found = (report.id, section.node.id, item.field_name)
                    db.session.remove()
                    return found
    raise LookupError("no long text item")


def _digits(page: Page, selector: str) -> int:
    return int(re.sub(r"\D", "", page.locator(selector).inner_text()))


def _saved(page: Page, name: str, text: str, status: int) -> None:
    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == status):
        page.locator(f"[name='{name}']").fill(text)


def test_the_counter_agrees_with_maxlength_and_the_server(
    new_page, sign_in, live_server, artifacts
):
    report_id, section_id, name = _long_text_item(live_server)
    page = open_page(new_page, "phone", "fr")
    sign_in(page, FP_SEN)
    page.goto(f"/reports/{report_id}/sections/{section_id}")
    box, counter = page.locator(f"[name='{name}']"), f"#{name}-count"
    expect(box).to_have_attribute("maxlength", str(LIMIT))
    assert _digits(page, counter) == LIMIT
    assert counter.removeprefix("#") in box.get_attribute("aria-describedby")
    expect(page.locator(f"#c-{name}-count")).to_have_count(1)  # the comment has one too

    # Near the limit: the counter says how many are left and stands out.
    near = (PHRASE * (LIMIT // len(PHRASE) + 1))[: LIMIT - 37]
    _saved(page, name, near, 200)
    assert _digits(page, counter) == 37
    expect(page.locator(counter)).to_have_attribute("data-state", "near")
    expect(page.locator(counter)).to_contain_text("37")
    page.locator(f"#a-{name}").evaluate(
        "item => item.scrollIntoView({block: 'start', behavior: 'instant'})"
    )
    page.screenshot(path=artifacts / "long-text-near-limit-fr-phone.png")

    # Typing stops at the limit, which the server accepts whole.
    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        box.press("End")
        page.keyboard.type("x" * 50)
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")
    assert len(box.input_value()) == LIMIT and _digits(page, counter) == 0

    # Line breaks count once, in the box, the counter and on the server.
    lines = "\n".join(["z" * 1999] * 10) + "z"
    _saved(page, name, lines, 200)
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")
    assert page.evaluate(f"document.querySelector('[name=\"{name}\"]').value.length") == LIMIT
    assert _digits(page, counter) == 0

    # Astral characters count twice, as maxlength counts them: the box keeps 9,999 emoji and
    # two letters of "abc" (20,000 UTF-16 code units, 10,001 characters for Python), which the
    # server accepts whole.
    page.locator(f"#a-{name} details").evaluate("details => { details.open = true; }")
    comment = f"#c-{name}-count"
    emoji = "😀" * 9_999
    _saved(page, f"c-{name}", emoji + "abc", 200)
    expect(page.locator(f"[name='c-{name}']")).to_have_value(emoji + "ab")
    assert _digits(page, comment) == 0

    # A text longer than the box (put there by a script, as a restored draft would be) shows
    # how many characters are too many, and the server refuses it with the message over-long
    # answers get, keeping what it had.
    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 422):
        page.locator(f"[name='c-{name}']").evaluate(
            "(box, text) => { box.value = text; box.dispatchEvent(new Event('input', "
            "{bubbles: true})); }",
            emoji + "abc",
        )
    expect(page.locator(comment)).to_have_attribute("data-state", "over")
    assert _digits(page, comment) == 1
    expect(page.locator(f"#a-{name}")).to_contain_text("20000")
    with live_server.app.app_context():
        stored = db.session.scalar(
            sa.select(Answer).where(
                Answer.report_id == report_id, Answer.node_id == int(name.split("-")[1])
            )
        )
        assert (stored.value, stored.comment) == (lines, emoji + "ab")
        db.session.remove()
