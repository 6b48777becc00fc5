"""Report pages without a connection (service worker, app/static/js/sw.js): a section opened once
reloads while the browser is offline, the changes typed meanwhile come back from the queue and
reach the server when the connection returns; signing out deletes every copy the worker kept.
No wall-clock waits: every step waits on a response, a status or the browser's own state."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page, expect

from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import services
from app.reporting.models import Answer, Report
from tests.browser.test_filling import FP_SEN, _node_id, _type_and_wait_for_save

pytestmark = pytest.mark.browser

SAVED_ONLINE = "Plan national adopté en 2024, révision en cours."
TYPED_OFFLINE = "Saisi sans connexion, à ne pas perdre."
COMMENT_OFFLINE = "Commentaire ajouté sans connexion."

CONTROLLED = "() => navigator.serviceWorker.controller !== null"
COPY_HOLDS = """async ([url, text]) => {
    const copy = await caches.match(url);
    return !!copy && (await copy.text()).includes(text);
}"""
QUEUE_HOLDS = """([key, texts]) => {
    const queued = localStorage.getItem(key) || "";
    return texts.every((text) => queued.includes(JSON.stringify(text)));
}"""
ASSETS_KEPT = """async () => {
    for (const el of document.querySelectorAll("script[src], link[rel=stylesheet]")) {
        if (!(await caches.match(el.src || el.href))) return false;
    }
    return true;
}"""
NOTHING_KEPT = """async () => (await caches.keys()).length === 0
    && (await navigator.serviceWorker.getRegistrations()).length === 0"""


@pytest.fixture(scope="module", autouse=True)
def quick_autosave(live_server):
    live_server.app.config["AUTOSAVE_DEBOUNCE_MS"] = 150
    yield


def _sections(live_server, party: str, count: int) -> tuple[int, int, list[str], int]:
    """(report id, id of a section with `count` visible text items, their field names, id of
    another section) in the party's CMS-COP15 report."""
    with live_server.app.app_context():
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")
        report = db.session.scalar(
            sa.select(Report).where(
                Report.questionnaire_id == questionnaire.id, Report.party.has(code=party)
            )
        )
        filled = services.fill(report, "fr")
        sections = filled.rendered.sections
        for section in sections:
            names = [
                i.field_name
                for i in section.items()
                if i.visible
                and i.node.effective_type in ("long_text", "short_text")
                and not i.loop_key
            ]
            if len(names) >= count:
                other = next(s.node.id for s in sections if s is not section)
                result = (report.id, section.node.id, names[:count], other)
                db.session.remove()
                return result
    raise LookupError(f"no section with {count} text items")


def _open_controlled(page: Page, sign_in, path: str) -> None:
    """Sign in as fp.sen, open `path` and wait until the service worker controls the page."""
    sign_in(page, FP_SEN)
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.wait_for_function(CONTROLLED)
    page.wait_for_function(ASSETS_KEPT)  # so the page styles and runs its scripts offline


def _failed_sends_of_next_document(page: Page) -> list:
    """The autosaves that the page's next document sends and that fail (filled in as Playwright
    reports them; sends of the current document do not count)."""
    navigated, sends, failed = [], [], []
    page.once("framenavigated", lambda frame: navigated.append(frame))
    page.on("request", lambda r: navigated and r.method == "POST" and sends.append(r))
    page.on("requestfailed", lambda r: r in sends and failed.append(r))
    return failed


def _answers(live_server, report_id: int) -> dict[int, tuple]:
    """(value, comment) of each stored answer, by node id."""
    with live_server.app.app_context():
        answers = {
            a.node_id: (a.value, a.comment)
            for a in db.session.scalars(sa.select(Answer).where(Answer.report_id == report_id))
        }
        db.session.remove()
        return answers


def test_a_section_reloads_offline_and_its_waiting_changes_are_sent_when_back_online(
    new_page, sign_in, live_server
):
    report_id, section_id, (first, second), other = _sections(live_server, "SEN", 2)
    path = f"/reports/{report_id}/sections/{section_id}"
    queue_key = f"ors-queue-{report_id}"
    page = new_page(locale="fr-FR")
    _open_controlled(page, sign_in, path)
    status = page.locator("#save-status")

    _type_and_wait_for_save(page, first, SAVED_ONLINE)
    # after the save the worker keeps a new copy of the page, with the saved answer
    page.wait_for_function(COPY_HOLDS, arg=[live_server.url + path, SAVED_ONLINE])

    # The connection drops: an answer and a comment on the first one are typed.
    page.context.set_offline(True)
    page.locator(f"[name='{second}']").fill(TYPED_OFFLINE)
    expect(status).to_have_attribute("data-state", "offline")
    page.locator(f"#a-{first} summary").click()
    page.locator(f"[name='c-{first}']").fill(COMMENT_OFFLINE)
    page.wait_for_function(QUEUE_HOLDS, arg=[queue_key, [TYPED_OFFLINE, COMMENT_OFFLINE]])

    failed = _failed_sends_of_next_document(page)
    page.once("dialog", lambda dialog: dialog.accept())  # "leave the page?" (unsent changes)
    response = page.reload()  # from the worker's copy; the typed text from the queue
    assert response is not None and response.from_service_worker
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(f"[name='{first}']")).to_have_value(SAVED_ONLINE)
    expect(page.locator(f"[name='{second}']")).to_have_value(TYPED_OFFLINE)
    expect(page.locator(f"[name='c-{first}']")).to_have_value(COMMENT_OFFLINE)
    expect(status).to_have_attribute("data-state", "offline")
    # the styles came from the worker's cache too (Bootstrap lays the menu out in a row)
    assert page.evaluate("getComputedStyle(document.querySelector('.navbar')).display") == "flex"
    # The reloaded page tried to send both at once and failed. Wait for that: a send still on
    # its way when the connection returns would reach the server twice (see autosave.js).
    while len(failed) < 2:
        page.wait_for_event("requestfailed")

    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        page.context.set_offline(False)
    expect(status).to_have_attribute("data-state", "saved")
    page.wait_for_function("() => localStorage.length === 0")
    expect(page.locator(".conflict")).to_have_count(0)
    stored = _answers(live_server, report_id)
    assert stored[_node_id(first)] == (SAVED_ONLINE, COMMENT_OFFLINE)
    assert stored[_node_id(second)] == (TYPED_OFFLINE, "")

    # a report page never opened on this device: the offline page, in the user's language
    page.context.set_offline(True)
    page.goto(f"/reports/{report_id}/sections/{other}")
    expect(page.locator("#offline-page")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.context.set_offline(False)


def test_signing_out_deletes_the_pages_kept_for_offline_use(new_page, sign_in, live_server):
    report_id, section_id, _, _ = _sections(live_server, "SEN", 1)
    path = f"/reports/{report_id}/sections/{section_id}"
    page = new_page(locale="fr-FR")
    _open_controlled(page, sign_in, path)
    page.wait_for_function(COPY_HOLDS, arg=[live_server.url + path, 'id="section-form"'])

    page.locator("header form[action$='/account/logout'] [type=submit]").click()
    page.wait_for_url(live_server.url + "/")
    page.wait_for_function(NOTHING_KEPT)
    assert page.evaluate("caches.keys()") == []

    page.context.set_offline(True)
    with pytest.raises(PlaywrightError):  # the browser's own offline error, not the report
        page.goto(path)
    page.context.set_offline(False)


def test_the_worker_is_served_so_that_it_covers_the_report_pages(page, live_server):
    response = page.request.get("/reports/sw.js?k=x&l=fr")
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/javascript")
    assert response.headers["cache-control"] == "no-cache"
    assert "worker-src 'self'" in response.headers["content-security-policy"]
