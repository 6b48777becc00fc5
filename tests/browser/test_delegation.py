"""Delegation in the browser. In French, France's focal point delegates section 3 of the
CMS-COP15 report to contributor.fra (an existing account) and to a new address invited in
Spanish; the contributor follows the link from the real mail, signs in, fills an answer of the
section (autosave) and marks it ready for review; the new expert opens their account in Spanish;
the focal point sees who changed what, then withdraws a delegation. Each page is checked with
axe-core and photographed on a desktop and a phone (test-artifacts/people-*.png).

The tests of this module run in order on one live database: each builds on the one before."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import delegation, services
from app.reporting.models import Answer, Report
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

FP_FRA, FP_ESP, CONTRIB = "fp.fra@demo.test", "fp.esp@demo.test", "contributor.fra@demo.test"
NEW = "lucia.mendez@demo.test"
NEW_PASSWORD = "humedales-2026"
THREATS_FR = "Menaces et obstacles à la migration"
THREATS_ES = "Amenazas y obstáculos a la migración"
ANSWER = "Éoliennes en mer : trois parcs en projet sur la façade atlantique."


@pytest.fixture(scope="module", autouse=True)
def quick_autosave(live_server):
    live_server.app.config["AUTOSAVE_DEBOUNCE_MS"] = 150
    yield


@pytest.fixture(scope="module")
def links() -> dict[str, str]:
    """The invitation links mailed in this module, by address."""
    return {}


@pytest.fixture(scope="module")
def target(live_server) -> dict:
    """France's and Spain's CMS-COP15 reports, section 3 and a text item of it."""
    with live_server.app.app_context():
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")

        def report(party: str) -> Report:
            return db.session.scalar(
                sa.select(Report).where(
                    Report.questionnaire_id == questionnaire.id, Report.party.has(code=party)
                )
            )

        fra = report("FRA")
        threats = next(n for n in delegation.top_sections(questionnaire) if n.number == "3")
        filled = services.fill(fra, "fr")
        section = next(s for s in filled.rendered.sections if s.node.id == threats.id)
        item = next(
            i for i in section.items() if i.visible and i.node.effective_type == "long_text"
        )
        found = {
            "report": fra.id,
            "esp": report("ESP").id,
            "section": threats.id,
            "field": item.field_name,
            "node": item.node.id,
        }
        db.session.remove()
    return found


def _sign_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/account/login")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    page.locator("main form [type=submit]").click()
    page.wait_for_url("**/dashboard")


def _shot(page: Page, artifacts, name: str, lang: str, viewport: str) -> None:
    page.screenshot(path=artifacts / f"people-{name}-{lang}-{viewport}.png", full_page=True)


def _link(message) -> str:
    return re.search(r"https?://\S+/invitations/\S+", message.get_content()).group(0)


def _delegate(page: Page, section_id: int, email: str, lang: str) -> None:
    form = page.locator("#assign-form")
    form.locator("#section").select_option(str(section_id))
    form.locator("#email").fill(email)
    form.locator("#locale").select_option(lang)
    form.locator("[type=submit]").click()
    expect(page.locator(".alert-success")).to_contain_text(email)


def test_focal_point_delegates_section_3_in_french(new_page, live_server, target, mailbox, links):
    page = open_page(new_page, "desktop", "fr")
    _sign_in(page, FP_FRA)
    page.goto(f"/reports/{target['report']}/")
    page.locator(f"a[href='/reports/{target['report']}/people']").click()
    page.wait_for_url(f"**/reports/{target['report']}/people")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    _delegate(page, target["section"], CONTRIB, "fr")
    _delegate(page, target["section"], NEW, "es")
    expect(page.locator("#assignments li")).to_have_count(2)
    expect(page.locator("#assignments")).to_contain_text("Julien Bernard")

    # the mails, read from the SMTP server: each in its recipient's language
    (to_contributor,) = mailbox.to(CONTRIB)
    assert THREATS_FR in to_contributor.get_content()
    (to_new,) = mailbox.to(NEW)
    assert THREATS_ES in to_new.get_content() and "Francia" in to_new.get_content()
    links.update({CONTRIB: _link(to_contributor), NEW: _link(to_new)})


def test_the_contributor_fills_the_section_and_marks_it_ready(
    new_page, live_server, target, mailbox, artifacts, links
):
    page = open_page(new_page, "desktop", "fr")
    page.goto(links[CONTRIB])
    expect(page.locator("#accept-form")).to_be_visible()
    for viewport in VIEWPORTS:
        page.set_viewport_size(VIEWPORTS[viewport])
        _shot(page, artifacts, "invitation-existing", "fr", viewport)
    assert_accessible(page)
    page.set_viewport_size(VIEWPORTS["desktop"])
    page.locator("#accept-form [type=submit]").click()
    page.wait_for_url("**/account/login**")
    page.locator("#email").fill(CONTRIB)
    page.locator("#password").fill(PASSWORD)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**/reports/{target['report']}/")
    # only the delegated section is listed
    contents = page.locator("main ol.list-group li")
    expect(contents).to_have_count(1)
    expect(contents).to_contain_text(THREATS_FR)
    contents.locator("a").click()
    page.wait_for_url(f"**/sections/{target['section']}")

    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        page.locator(f"[name='{target['field']}']").fill(ANSWER)
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")
    for viewport in VIEWPORTS:
        page.set_viewport_size(VIEWPORTS[viewport])
        _shot(page, artifacts, "contributor-section", "fr", viewport)
    assert_accessible(page)

    page.locator("#mark-ready").click()
    expect(page.locator("#ready-panel")).to_have_class(re.compile("alert-success"))
    assert len(mailbox.to(FP_FRA)) == 1  # the focal point is told
    page.goto("/reports/")
    expect(page.locator("#delegated")).to_contain_text(THREATS_FR)
    for viewport in VIEWPORTS:
        page.set_viewport_size(VIEWPORTS[viewport])
        _shot(page, artifacts, "contributor-reports", "fr", viewport)
    assert_accessible(page)
    with live_server.app.app_context():
        answer = db.session.scalar(
            sa.select(Answer).where(
                Answer.report_id == target["report"], Answer.node_id == target["node"]
            )
        )
        assert answer.value == ANSWER and answer.updated_by.email == CONTRIB
        db.session.remove()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_new_expert_opens_their_account_in_spanish(
    new_page, live_server, target, mailbox, artifacts, links, viewport
):
    if viewport != "desktop":  # a second expert, invited in Spanish too
        with live_server.app.app_context():
            report = db.session.get(Report, target["report"])
            fp = next(a for a in delegation.assignments_of(report)).assigned_by
            with live_server.app.test_request_context(base_url=live_server.url):
                delegation.assign(report, target["section"], "pablo.ruiz@demo.test", fp, "es")
            db.session.commit()
            db.session.remove()
        (message,) = mailbox.to("pablo.ruiz@demo.test")
        links[viewport] = _link(message)
    link = links[NEW if viewport == "desktop" else viewport]
    page = open_page(new_page, viewport, "es")
    page.goto(link)
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("main")).to_contain_text(THREATS_ES)
    _shot(page, artifacts, "invitation", "es", viewport)
    assert_accessible(page)

    form = page.locator("#accept-form")
    form.locator("#name").fill("Lucía Méndez" if viewport == "desktop" else "Pablo Ruiz")
    form.locator("#password").fill("corta")
    form.locator("#confirm").fill("corta")
    form.locator("[type=submit]").click()
    expect(form.locator("#password")).to_have_class(re.compile("is-invalid"))
    form.locator("#password").fill(NEW_PASSWORD)
    form.locator("#confirm").fill(NEW_PASSWORD)
    form.locator("[type=submit]").click()
    page.wait_for_url(f"**/reports/{target['report']}/")
    expect(page.locator("main ol.list-group li")).to_contain_text(THREATS_ES)

    # the link is spent: a second visit says so, in Spanish
    page.goto(link)
    expect(page.locator("#invitation-problem")).to_be_visible()
    _shot(page, artifacts, "invitation-used", "es", viewport)
    assert_accessible(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_focal_point_sees_who_changed_what(new_page, live_server, target, artifacts, viewport):
    page = open_page(new_page, viewport, "fr")
    _sign_in(page, FP_FRA)
    page.goto(f"/reports/{target['report']}/people")
    changes = page.locator(".changes")
    expect(changes).to_contain_text("Julien Bernard")
    expect(page.locator(".ready-badge")).to_have_count(1)
    _shot(page, artifacts, "page", "fr", viewport)
    assert_accessible(page)
    with page.expect_navigation():
        changes.locator("a").first.click()
    expect(page.locator("main table")).to_contain_text("Julien Bernard")
    expect(page.locator("main table")).to_contain_text("trois parcs en projet")


def test_the_people_page_in_spanish(new_page, live_server, target, artifacts):
    for viewport in VIEWPORTS:
        page = open_page(new_page, viewport, "es")
        _sign_in(page, FP_ESP)
        page.goto(f"/reports/{target['esp']}/people")
        expect(page.locator("html")).to_have_attribute("lang", "es")
        expect(page.locator("#assign-form #section option")).to_have_count(6)
        _shot(page, artifacts, "page", "es", viewport)
        assert_accessible(page)


def test_withdrawing_cuts_the_contributor_off(new_page, live_server, target, artifacts):
    page = open_page(new_page, "desktop", "fr")
    _sign_in(page, FP_FRA)
    page.goto(f"/reports/{target['report']}/people")
    row = page.locator("#assignments li", has_text="Julien Bernard")
    row.locator("a.btn-outline-danger").click()
    page.wait_for_url("**/withdraw")
    for viewport in VIEWPORTS:
        page.set_viewport_size(VIEWPORTS[viewport])
        _shot(page, artifacts, "withdraw", "fr", viewport)
    assert_accessible(page)
    page.locator("main form [type=submit]").click()
    page.wait_for_url(f"**/reports/{target['report']}/people")
    expect(page.locator("#assignments li", has_text="Julien Bernard")).to_have_count(0)

    contributor = open_page(new_page, "desktop", "fr")
    _sign_in(contributor, CONTRIB)
    response = contributor.goto(f"/reports/{target['report']}/sections/{target['section']}")
    assert response.status == 404
