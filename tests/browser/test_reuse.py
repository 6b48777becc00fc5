"""Reuse and pre-fill in the browser: France's focal point in French and Spain's in Spanish
open their CMS-COP15 report, reuse the answer they gave for AEWA (seeing where it came from),
change it (autosave takes over: the note goes), reuse all available answers through the
preview, pre-fill from CMS-COP14 and confirm a pre-filled answer. Every page is checked with
axe-core and photographed on a desktop and a phone into test-artifacts/ (reuse-*.png).
No wall-clock waits: each step waits on a navigation, a response or what the page shows."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.auth import services as auth_services
from app.extensions import db
from app.reporting import reuse_copying, services
from app.reporting.models import Report
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page
from tests.test_reuse import cell, put, report_of

pytestmark = pytest.mark.browser

ACCOUNTS = {"fr": ("fp.fra@demo.test", "FRA"), "es": ("fp.esp@demo.test", "ESP")}
NAMES = {"fr": "Françoise Lefèvre", "es": "Javier Martínez"}
ITEM = "THR-POISON-01"


@pytest.fixture(scope="module", autouse=True)
def quick_autosave(live_server):
    live_server.app.config["AUTOSAVE_DEBOUNCE_MS"] = 150
    yield


@pytest.fixture(scope="module")
def targets(live_server) -> dict[str, dict]:
    """Per language: the CMS-COP15 report, the section and item that AEWA answered."""
    found = {}
    with live_server.app.app_context():
        for lang, (email, party) in ACCOUNTS.items():
            who = auth_services.user_by_email(email)
            source = put(report_of("AEWA-MOP9", party), ITEM, "yes", who)
            filled = services.fill(report_of("CMS-COP15", party), lang)
            item = cell(filled, ITEM)
            top = next(t for t, i, _l in reuse_copying.cells(filled.rendered) if i is item)
            found[lang] = {
                "report": filled.report.id,
                "section": top.node.id,
                "field": item.field_name,
                "source": source.id,
            }
        db.session.commit()
        db.session.remove()
    return found


def _shot(page: Page, artifacts, name: str, lang: str, viewport: str) -> None:
    page.screenshot(path=artifacts / f"reuse-{name}-{lang}-{viewport}.png", full_page=True)


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_focal_point_reuses_prefills_and_confirms(
    new_page, sign_in, live_server, artifacts, targets, lang, viewport
):
    target = targets[lang]
    report_id, field = target["report"], target["field"]
    live_server.execute("DELETE FROM answers WHERE report_id = :r", r=report_id)  # a fresh start
    page = open_page(new_page, viewport, lang)
    sign_in(page, ACCOUNTS[lang][0])

    # the cycle view counts, per report, the answers it can reuse
    page.goto("/reports/")
    expect(page.locator(f"a.reuse-count[href='/reports/{report_id}/reuse']")).to_be_visible()
    _shot(page, artifacts, "cycle", lang, viewport)
    assert_accessible(page)

    # one answer, reused from AEWA where the item asks for it
    page.goto(f"/reports/{report_id}/sections/{target['section']}#a-{field}")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    box = page.locator(f"#a-{field}")
    offer = box.locator(".reuse-offer")
    expect(offer).to_contain_text("AEWA-MOP9")
    expect(offer).to_contain_text(NAMES[lang])
    offer.scroll_into_view_if_needed()
    _shot(page, artifacts, "offer", lang, viewport)
    assert_accessible(page)
    with page.expect_navigation():
        offer.get_by_role("button").first.click()
    assert page.url.endswith(f"#a-{field}")
    note = box.locator(".copy-note")
    expect(note).to_contain_text("AEWA-MOP9")
    expect(box.locator(f"#{field}-yes")).to_be_checked()
    expect(box.locator(".reuse-offer")).to_have_count(0)
    note.scroll_into_view_if_needed()
    _shot(page, artifacts, "copied", lang, viewport)
    assert_accessible(page)

    # the person changes it: autosave saves it as their own, the note goes
    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        box.locator(f"label[for='{field}-no']").click()
    expect(note).to_be_hidden()
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")
    with live_server.app.app_context():
        stored = services.answers_of(db.session.get(Report, report_id))
        answer = stored[(int(field.split("-")[1]), "")]
        assert answer.value == "no" and answer.source_kind is None
        db.session.remove()

    # every other answer available, through its preview
    page.goto(f"/reports/{report_id}/")
    _shot(page, artifacts, "report", lang, viewport)
    assert_accessible(page)
    page.locator("#reuse-all-link").click()
    rows = page.locator("#preview tbody tr")
    expect(rows.first).to_contain_text("AEWA-MOP9")
    _shot(page, artifacts, "preview", lang, viewport)
    assert_accessible(page)
    count = rows.count()
    with page.expect_navigation():
        page.locator("#confirm-copy").click()
    expect(page.locator(".alert-success").first).to_contain_text(str(count))

    # the previous cycle: pre-fill, then confirm one answer as still true
    page.locator("#prefill-link").click()
    expect(page.locator("#preview tbody tr").first).to_be_visible()
    _shot(page, artifacts, "prefill-preview", lang, viewport)
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("#confirm-copy").click()
    waiting = page.locator("#to-confirm tbody tr")
    before = waiting.count()
    assert before > 0
    _shot(page, artifacts, "to-confirm", lang, viewport)
    assert_accessible(page)
    with page.expect_navigation():
        waiting.first.get_by_role("button").click()
    expect(waiting).to_have_count(before - 1)

    # a pre-filled answer in its section: where it came from, and "still true?"
    waiting.first.get_by_role("link").click()
    anchor = page.url.split("#", 1)[1]
    prompt = page.locator(f"#{anchor} .prefill-note")
    expect(prompt).to_contain_text("CMS-COP14")
    prompt.scroll_into_view_if_needed()
    _shot(page, artifacts, "prefilled", lang, viewport)
    assert_accessible(page)
    with page.expect_navigation():
        prompt.get_by_role("button").click()
    expect(page.locator(f"#{anchor} .prefill-note button")).to_have_count(0)
