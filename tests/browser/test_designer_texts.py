"""The texts of a draft, side by side, as the CMS secretariat fills a missing Spanish text in
French; photographed on a desktop and a phone and checked with axe-core."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from app.extensions import db
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page
from tests.test_designer_texts import make_cms_draft

pytestmark = pytest.mark.browser

CMS_SECRETARIAT = "cms.secretariat@demo.test"  # prefers French


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_secretariat_fills_a_missing_spanish_text(
    new_page, sign_in, artifacts, live_server, viewport
):
    code = f"CMS-TXT-{viewport.upper()}"
    with live_server.app.app_context():
        draft = make_cms_draft(code, order=90 + len(viewport))
        item_id = next(n.id for n in draft.nodes if n.code == "TXT-1")
        db.session.commit()
        db.session.remove()

    page = open_page(new_page, viewport, "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto(f"/questionnaires/{code}/texts")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    spanish = page.locator("#missing-counts [data-lang='es']")
    expect(spanish).to_contain_text("3")
    row = page.locator(f"#text-{item_id}-text")
    expect(row.locator("td[lang='es']")).to_have_class("table-warning")
    page.screenshot(path=artifacts / f"texts-draft-fr-{viewport}.png", full_page=True)
    assert_accessible(page)

    # "missing only" shows fewer rows, and keeps the one to fill
    page.locator("#missing").check()
    with page.expect_navigation():
        page.locator("#missing").press("Enter")
    expect(page).to_have_url(f"{live_server.url}/questionnaires/{code}/texts?missing=1")
    expect(row).to_be_visible()

    field = row.locator("textarea[name$='|es']")
    field.fill("¿Hay viento?")
    field.press("Tab")
    with page.expect_navigation():
        page.locator("#texts-form button[type='submit']").first.click()
    expect(page.locator("#missing-counts [data-lang='es']")).to_contain_text("2")
    expect(page.locator(".alert-success, .alert.alert-success").first).to_be_visible()
    page.goto(f"/questionnaires/{code}/texts")
    expect(page.locator(f"#text-{item_id}-text td[lang='es'] textarea")).to_have_value(
        "¿Hay viento?"
    )
    expect(page.locator("#text-history")).to_be_visible()
    page.screenshot(path=artifacts / f"texts-draft-fr-saved-{viewport}.png", full_page=True)
    assert_accessible(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_secretariat_authors_bank_questions_in_french(new_page, sign_in, artifacts, viewport):
    page = open_page(new_page, viewport, "fr")
    sign_in(page, CMS_SECRETARIAT)
    page.goto("/bank/")
    with page.expect_navigation():
        page.locator("a[href='/bank/new']").click()
    expect(page.locator("#code")).to_be_visible()
    page.locator("#code").fill("bad code")
    page.locator("#text_fr").fill("Texte gardé")
    with page.expect_navigation():
        page.locator("main form button.btn-primary[type='submit']").click()
    expect(page.locator("#code")).to_have_class(re.compile("is-invalid"))
    expect(page.locator("#text_fr")).to_have_value("Texte gardé")  # nothing typed is lost
    page.screenshot(path=artifacts / f"bank-new-fr-{viewport}.png", full_page=True)
    assert_accessible(page)

    page.goto("/bank/THR-POISON-01")
    change = page.locator("a[href$='/version'], a[href$='/propose']").first
    with page.expect_navigation():
        change.click()
    english = page.locator("#text_en")
    english.fill(english.input_value() + " (révisé)")
    with page.expect_navigation():
        page.locator("main form button[value='preview']").click()
    expect(page.locator("#diff ins").first).to_contain_text("(révisé)")
    page.screenshot(path=artifacts / f"bank-change-diff-fr-{viewport}.png", full_page=True)
    assert_accessible(page)


def test_published_texts_and_proposals_pages(new_page, sign_in, artifacts, live_server):
    """The pages the other steps reach: a published questionnaire's texts (translation fixes
    only, bank texts read-only) and a question's open proposals, in French, on both sizes."""
    from app.bank import services as bank
    from app.directory import services as directory

    with live_server.app.app_context():
        question = bank.question_by_code("THR-POISON-01")
        latest = question.latest
        bank.propose(
            question,
            instrument=directory.instrument_by_code("AEWA"),
            answer_type=latest.answer_type,
            text=dict(latest.text, fr=latest.text["fr"] + " (proposition)"),
            guidance=latest.guidance,
            config=latest.config,
            message="Plus clair",
        )
        db.session.commit()
        db.session.remove()
    for viewport in VIEWPORTS:
        page = open_page(new_page, viewport, "fr")
        sign_in(page, CMS_SECRETARIAT)
        page.goto("/questionnaires/CMS-COP15/texts")
        expect(page.locator(".alert-info")).to_be_visible()
        expect(page.locator("main a[href^='/bank/']").first).to_be_visible()
        page.screenshot(path=artifacts / f"texts-published-fr-{viewport}.png")
        assert_accessible(page)
        page.goto("/bank/THR-POISON-01/proposals")
        expect(page.locator("main h1")).to_contain_text("THR-POISON-01")
        expect(page.locator("[id^='diff-'] ins").first).to_contain_text("(proposition)")
        page.screenshot(path=artifacts / f"bank-proposals-fr-{viewport}.png", full_page=True)
        assert_accessible(page)
        page.context.close()
