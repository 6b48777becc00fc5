"""Submission and review in the browser, in French: France's focal point submits its CMS-COP15
report, the CMS secretariat returns it with a message, the focal point corrects one answer and
submits again, the secretariat accepts, and the difference between the two submissions shows
exactly that correction. A double click submits once. The pages are checked with axe and
photographed in French and Spanish on a desktop and a phone."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from app.auth import services as auth_services
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import services
from app.reporting.models import Report, Submission
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page
from tests.reporting_helpers import TEXT, make_ready

pytestmark = pytest.mark.browser

FP_FRA, FP_SEN, FP_ESP = "fp.fra@demo.test", "fp.sen@demo.test", "fp.esp@demo.test"
CMS_SEC = "cms.secretariat@demo.test"
CORRECTION = "Office français de la biodiversité (OFB)"


def _report_id(live_server, party: str, code: str = "CMS-COP15") -> int:
    with live_server.app.app_context():
        questionnaire = questionnaires.questionnaire_by_code(code)
        report_id = db.session.scalar(
            sa.select(Report.id).where(
                Report.questionnaire_id == questionnaire.id, Report.party.has(code=party)
            )
        )
        db.session.remove()
    return report_id


def _ready(live_server, party: str, who: str, code: str = "CMS-COP15") -> int:
    """Make the party's report ready for submission, through the services."""
    with live_server.app.app_context():
        questionnaire = questionnaires.questionnaire_by_code(code)
        report = db.session.scalar(
            sa.select(Report).where(
                Report.questionnaire_id == questionnaire.id, Report.party.has(code=party)
            )
        )
        make_ready(report, auth_services.user_by_email(who))
        db.session.commit()
        report_id = report.id
        db.session.remove()
    return report_id


def _first_text_item(live_server, report_id: int) -> tuple[int, str, str]:
    """(section id, field name, item code) of the first required text answer outside loops."""
    with live_server.app.app_context():
        report = db.session.get(Report, report_id)
        filled = services.fill(report, "fr")
        for section in filled.rendered.sections:
            for item in section.items():
                if item.visible and item.node.required and item.node.effective_type in (
                    "short_text", "long_text"
                ) and not item.loop_key:  # fmt: skip
                    found = (section.node.id, item.field_name, item.node.code)
                    db.session.remove()
                    return found
    raise LookupError("no text item")


def _submissions(live_server, report_id: int) -> list[tuple[int, str | None]]:
    with live_server.app.app_context():
        rows = db.session.execute(
            sa.select(Submission.number, Submission.decision)
            .where(Submission.report_id == report_id)
            .order_by(Submission.number)
        ).all()
        db.session.remove()
    return [tuple(r) for r in rows]


def _submit(page: Page, report_id: int) -> None:
    page.goto(f"/reports/{report_id}/")
    page.locator("#submit-link").click()
    page.wait_for_url(f"**/reports/{report_id}/submit")
    page.locator("#submit-form [type=submit]").click()
    page.wait_for_url(f"**/reports/{report_id}/")
    expect(page.locator("#submission-status")).to_be_visible()


def test_submit_return_correct_resubmit_accept_and_the_diff(
    new_page, sign_in, live_server, artifacts, mailbox
):
    report_id = _ready(live_server, "FRA", FP_FRA)
    section_id, name, code = _first_text_item(live_server, report_id)

    party = new_page(locale="fr-FR")
    sign_in(party, FP_FRA)
    party.goto(f"/reports/{report_id}/submit")
    expect(party.locator("html")).to_have_attribute("lang", "fr")
    expect(party.locator("#submit-form")).to_be_visible()
    _submit(party, report_id)
    expect(party.locator("#submission-status")).to_contain_text("Françoise Lefèvre")
    expect(party.locator("#submit-link")).to_have_count(0)
    assert _submissions(live_server, report_id) == [(1, None)]
    assert len(mailbox.to(FP_FRA)) == 1

    secretariat = new_page(locale="fr-FR")
    sign_in(secretariat, CMS_SEC)
    secretariat.locator("a[href='/reports/instruments/CMS/']").first.click()
    secretariat.locator("#status-filter a[href$='status=submitted']").click()
    row = secretariat.locator("#reports tr[data-party='FRA']")
    expect(row).to_be_visible()
    row.locator("a.btn-primary").click()
    secretariat.wait_for_url(f"**/reports/{report_id}/review")
    secretariat.locator("#return-form [type=submit]").click()  # no message: refused
    expect(secretariat.locator("#return-form .invalid-feedback")).to_be_visible()
    assert_accessible(secretariat)
    message = "Merci de nommer l’institution complète, avec son sigle."
    secretariat.locator("#return-form textarea").fill(message)
    secretariat.locator("#return-form [type=submit]").click()
    expect(secretariat.locator("#decision")).to_contain_text(message)
    assert _submissions(live_server, report_id) == [(1, "returned")]

    party.goto(f"/reports/{report_id}/")
    expect(party.locator("#submission-status")).to_contain_text(message)
    party.goto(f"/reports/{report_id}/sections/{section_id}")
    with party.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        party.locator(f"[name='{name}']").fill(CORRECTION)
    expect(party.locator("#save-status")).to_have_attribute("data-state", "saved")
    _submit(party, report_id)

    secretariat.goto(f"/reports/{report_id}/review")
    secretariat.locator("#accept-form [type=submit]").click()
    expect(secretariat.locator("#decision")).to_be_visible()
    assert _submissions(live_server, report_id) == [(1, "returned"), (2, "accepted")]

    secretariat.goto(f"/reports/{report_id}/submissions")
    secretariat.locator("#a").select_option("1")
    secretariat.locator("#b").select_option("2")
    secretariat.locator("form[action*='submissions'] [type=submit]").click()
    rows = secretariat.locator("#diff tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-code", code)
    expect(rows.first.locator(".before")).to_contain_text(TEXT)
    expect(rows.first.locator(".after")).to_contain_text(CORRECTION)
    secretariat.screenshot(path=artifacts / "submission-diff-fr-desktop.png", full_page=True)

    # the party reads the same difference; it may write nothing any more
    party.goto(f"/reports/{report_id}/submissions?a=1&b=2")
    expect(party.locator("#diff tbody tr")).to_have_count(1)
    party.goto(f"/reports/{report_id}/sections/{section_id}")
    expect(party.locator("#section-form")).to_have_attribute("data-readonly", "1")


def test_a_double_click_submits_once(new_page, sign_in, live_server, mailbox):
    report_id = _ready(live_server, "SEN", FP_SEN)
    page = new_page(locale="fr-FR")
    sign_in(page, FP_SEN)
    page.goto(f"/reports/{report_id}/submit")
    # two posts of the same form at once, as a double click sends them
    statuses = page.evaluate(
        """async () => {
            const form = document.getElementById("submit-form");
            const send = () => fetch(form.action, {method: "POST", body: new FormData(form)})
                .then(r => r.status);
            return Promise.all([send(), send()]);
        }"""
    )
    assert statuses == [200, 200]
    assert _submissions(live_server, report_id) == [(1, None)]
    assert len(mailbox.to(FP_SEN)) == 1
    page.goto(f"/reports/{report_id}/submit")  # from a stale tab: told, not refused
    expect(page.locator(".alert-info").first).to_be_visible()
    page.wait_for_url(f"**/reports/{report_id}/")


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", ["fr", "es"])
def test_submission_pages_are_accessible_and_photographed(
    new_page, sign_in, live_server, artifacts, lang, viewport
):
    """The pages of the flow in French (France, the CMS secretariat) and in Spanish (Spain; the
    CMS secretariat prefers Spanish for the time of the test), each checked with axe. Runs
    after the flows above: France's report has two submissions (the page shows their
    difference), Senegal's one awaiting review."""
    party, focal_point = ("FRA", FP_FRA) if lang == "fr" else ("ESP", FP_ESP)
    page = open_page(new_page, viewport, lang)
    sign_in(page, focal_point)
    aewa = _report_id(live_server, party, "AEWA-MOP9")
    page.goto(f"/reports/{aewa}/submit")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    if page.locator("#blockers").count():
        _shoot(page, artifacts, "submit-blockers", lang, viewport)
    _ready(live_server, party, focal_point, "AEWA-MOP9")
    page.goto(f"/reports/{aewa}/submit")
    expect(page.locator("#submit-form")).to_be_visible()
    _shoot(page, artifacts, "submit", lang, viewport)

    report_id = _report_id(live_server, party)
    if not _submissions(live_server, report_id):
        _ready(live_server, party, focal_point)
        _submit(page, report_id)
    page.goto(f"/reports/{report_id}/")
    _shoot(page, artifacts, "submitted", lang, viewport)

    awaiting = _report_id(live_server, "SEN") if lang == "fr" else report_id
    live_server.execute(
        "UPDATE users SET locale = :lang WHERE email = :email", lang=lang, email=CMS_SEC
    )
    try:
        secretariat = open_page(new_page, viewport, lang)
        sign_in(secretariat, CMS_SEC)
        secretariat.goto("/reports/instruments/CMS/?questionnaire=CMS-COP15")
        expect(secretariat.locator("html")).to_have_attribute("lang", lang)
        _shoot(secretariat, artifacts, "instrument-reports", lang, viewport, full_page=False)
        secretariat.goto(f"/reports/{awaiting}/review")
        expect(secretariat.locator("#return-form")).to_be_visible()
        _shoot(secretariat, artifacts, "review", lang, viewport)
        secretariat.goto(f"/reports/{report_id}/submissions")
        _shoot(secretariat, artifacts, "submissions", lang, viewport)
        secretariat.goto(f"/reports/{report_id}/audit")
        _shoot(secretariat, artifacts, "audit", lang, viewport)
        secretariat.goto(f"/reports/{report_id}/submissions/1/print?lang={lang}")
        expect(secretariat.locator("html")).to_have_attribute("lang", lang)
        _shoot(secretariat, artifacts, "print", lang, viewport, full_page=False)
    finally:
        live_server.execute("UPDATE users SET locale = 'fr' WHERE email = :email", email=CMS_SEC)


def _shoot(page: Page, artifacts, name: str, lang: str, viewport: str, full_page=True) -> None:
    assert_accessible(page)
    page.screenshot(path=artifacts / f"{name}-{lang}-{viewport}.png", full_page=full_page)
