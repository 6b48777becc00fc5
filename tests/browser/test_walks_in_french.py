"""Two walks of issue 13 in French, each page checked with axe and watched for CSP violations
and console errors: contributor.fra goes through every page of the report a section of which
is delegated to them (and is kept out of the rest), and the administrator edits memberships
(an unreadable date refused next to its field, a removal confirmed first, then cancelled)."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.auth.models import User
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import delegation
from app.reporting.models import Report
from tests.browser.test_accessibility import assert_accessible
from tests.browser.test_csp_main_pages import WATCH_CSP

pytestmark = pytest.mark.browser

CONTRIB, FP_FRA, ADMIN = "contributor.fra@demo.test", "fp.fra@demo.test", "admin@demo.test"


def _watched(new_page):
    page = new_page(locale="fr-FR")
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.add_init_script(WATCH_CSP)
    return page, problems


def _check(page, problems: list[str]) -> None:
    page.wait_for_load_state("networkidle")
    violations = page.evaluate("window.__csp || []")
    assert violations == [] and problems == [], (page.url, violations, problems)
    assert_accessible(page)


@pytest.fixture(scope="module")
def delegated(live_server) -> dict:
    """Section 3 of France's CMS-COP15 report delegated to contributor.fra."""
    with live_server.app.app_context():
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")
        report = db.session.scalar(
            sa.select(Report).where(
                Report.questionnaire_id == questionnaire.id, Report.party.has(code="FRA")
            )
        )
        sections = delegation.top_sections(questionnaire)
        mine = next(s for s in sections if s.number == "3")
        other = next(s for s in sections if s.number == "2")
        focal = db.session.scalar(sa.select(User).where(User.email == FP_FRA))
        delegation.assign(report, mine, CONTRIB, focal)
        db.session.commit()
        found = {
            "report": report.id,
            "mine": mine.id,
            "other": other.id,
            "other_title": other.title["fr"],
        }
        db.session.remove()
    return found


def test_the_contributor_walks_every_page_of_their_section(
    live_server, new_page, sign_in, delegated
):
    page, problems = _watched(new_page)
    sign_in(page, CONTRIB)
    rid = delegated["report"]
    for path in (
        "/dashboard",
        "/reports/",
        f"/reports/{rid}/",
        f"/reports/{rid}/sections/{delegated['mine']}",
        f"/reports/{rid}/validation",
        f"/reports/{rid}/to-confirm",
    ):
        response = page.goto(path)
        assert response is not None and response.ok, path
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        assert delegated["other_title"] not in page.content(), path
        _check(page, problems)
    response = page.goto(f"/reports/{rid}/sections/{delegated['other']}")
    assert response is not None and response.status == 404
    assert delegated["other_title"] not in page.content()


def test_the_administrator_edits_memberships_in_french(live_server, new_page, sign_in):
    with live_server.app.app_context():
        admin = db.session.scalar(sa.select(User).where(User.email == ADMIN))
        admin.locale = "fr"
        db.session.commit()
        db.session.remove()
    page, problems = _watched(new_page)
    sign_in(page, ADMIN)
    page.goto("/admin/instruments/CMS")
    _check(page, problems)
    page.locator("#m-since").fill("31/02/2024")
    page.locator("form[action$='/memberships'] [type=submit]").click()
    expect(page.locator("#m-since")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#m-since")).to_have_value("31/02/2024")
    # the refusal is answered 422 on purpose, which Chromium reports in the console
    problems[:] = [p for p in problems if "status of 422" not in p]
    _check(page, problems)
    page.locator("table a.btn-outline-danger").first.click()
    expect(page.locator("h1")).to_contain_text("Supprimer")
    _check(page, problems)
    page.get_by_role("link", name="Annuler").click()
    expect(page).to_have_url(re.compile(r"/admin/instruments/CMS(#memberships)?$"))
