"""What the save status says is true: an answer refused as a conflict is unsaved until the person
chooses a version (the status says so, leaving the page warns, and a reload brings the conflict
back with their text), and an answer kept as typed but out of bounds is counted as one to
correct, not as saved. In French, as fp.fra. No wall-clock waits: every step waits on a
response or on the status the page shows."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import services
from app.reporting.models import Answer, Report
from tests.browser.test_filling import FP_FRA, _node_id, _target, _type_and_wait_for_save

pytestmark = pytest.mark.browser

NBSP = "\u00a0"
THEIRS, MINE = "Version enregistrée dans le premier onglet", "Ma version, refusée puis gardée"
SAVED = "Toutes les modifications sont enregistrées"
IN_CONFLICT = f"1 réponse en conflit{NBSP}: choisissez une version"
TO_CORRECT = "Enregistré, sauf 1 réponse à corriger"
REFUSED = f"1 réponse n’a pas pu être enregistrée{NBSP}: consultez le message ci-dessous."


@pytest.fixture(scope="module", autouse=True)
def quick_autosave(live_server):
    live_server.app.config["AUTOSAVE_DEBOUNCE_MS"] = 150
    yield


def _watch(page: Page) -> list[str]:
    """Collect what would show the page broke: script errors and CSP violations."""
    seen: list[str] = []
    page.on("pageerror", lambda error: seen.append(f"error: {error}"))
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and seen.append(f"csp: {message.text}")
        ),
    )
    return seen


def _open(browser, live_server, sign_in, path: str) -> tuple[Page, list[str]]:
    context = browser.new_context(base_url=live_server.url, locale="fr-FR")
    context.set_default_timeout(10_000)
    page = context.new_page()
    seen = _watch(page)
    sign_in(page, FP_FRA)
    page.goto(path)
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    return page, seen


def _stored(live_server, report_id: int, node_id: int) -> tuple[object, int]:
    with live_server.app.app_context():
        answer = db.session.scalar(
            sa.select(Answer).where(Answer.report_id == report_id, Answer.node_id == node_id)
        )
        result = (answer.value, answer.version)
        db.session.remove()
    return result


def test_a_conflict_is_unsaved_until_the_person_chooses_even_across_a_reload(
    browser, live_server, sign_in
):
    report_id, section_id, (name, other) = _target(live_server, "FRA")
    path = f"/reports/{report_id}/sections/{section_id}"
    first, _ = _open(browser, live_server, sign_in, path)
    stale, seen = _open(browser, live_server, sign_in, path)
    status = stale.locator("#save-status")
    _type_and_wait_for_save(first, name, THEIRS)

    with stale.expect_response(lambda r: r.url.endswith("/answers") and r.status == 409):
        stale.locator(f"[name='{name}']").fill(MINE)
    panel = stale.locator(f"#a-{name} .conflict")
    expect(panel).to_contain_text(THEIRS)
    expect(status).to_have_attribute("data-state", "conflicts")
    expect(status).to_have_text(IN_CONFLICT)
    # Another answer is saved after the conflict, well past the debounce: the status still
    # says the conflict, never "all changes saved".
    with stale.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        stale.locator(f"[name='{other}']").fill("Une autre réponse, enregistrée")
    expect(status).to_have_attribute("data-state", "conflicts")
    expect(status).to_have_text(IN_CONFLICT)
    assert "Ma version" in stale.evaluate(f"localStorage.getItem('ors-conflicts-{report_id}')")

    # Leaving the page (for another one) asks first.
    dialogs: list[str] = []

    def dismiss(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    stale.on("dialog", dismiss)
    stale.evaluate("window.location.href = '/reports/'")
    expect(stale.locator(f"[name='{name}']")).to_have_value(MINE)
    assert dialogs == ["beforeunload"]
    stale.remove_listener("dialog", dismiss)

    # A reload (the person left anyway) brings the conflict back, with their text.
    stale.once("dialog", lambda dialog: dialog.accept())
    stale.reload()
    expect(stale.locator(f"[name='{name}']")).to_have_value(MINE)
    expect(panel).to_contain_text(THEIRS)
    expect(status).to_have_attribute("data-state", "conflicts")
    expect(status).to_have_text(IN_CONFLICT)

    with stale.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        panel.get_by_role("button", name="Conserver ma version").click()
    expect(panel).to_have_count(0)
    expect(status).to_have_attribute("data-state", "saved")
    expect(status).to_have_text(SAVED)
    stale.wait_for_function("() => localStorage.length === 0")
    assert _stored(live_server, report_id, _node_id(name)) == (MINE, 2)

    assert seen == []  # (the section page; the page left for is not this test's subject)

    # Chosen and saved: leaving the page asks nothing.
    stale.on("dialog", dismiss)
    stale.evaluate("window.location.href = '/reports/'")
    stale.wait_for_url("**/reports/")
    assert dialogs == ["beforeunload"]
    first.context.close()
    stale.context.close()


def test_taking_their_version_ends_the_conflict(browser, live_server, sign_in):
    report_id, section_id, (_, name) = _target(live_server, "FRA")
    path = f"/reports/{report_id}/sections/{section_id}"
    first, _ = _open(browser, live_server, sign_in, path)
    stale, seen = _open(browser, live_server, sign_in, path)
    status = stale.locator("#save-status")
    _type_and_wait_for_save(first, name, THEIRS)
    with stale.expect_response(lambda r: r.url.endswith("/answers") and r.status == 409):
        stale.locator(f"[name='{name}']").fill(MINE)
    expect(status).to_have_text(IN_CONFLICT)

    stale.locator(f"#a-{name} .conflict").get_by_role(
        "button", name="Reprendre l’autre version"
    ).click()
    expect(stale.locator(f"[name='{name}']")).to_have_value(THEIRS)
    expect(status).to_have_attribute("data-state", "saved")
    expect(status).to_have_text(SAVED)
    assert stale.evaluate("localStorage.length") == 0
    assert seen == []
    first.context.close()
    stale.context.close()


def test_an_answer_out_of_bounds_is_not_counted_as_saved(browser, live_server, sign_in):
    with live_server.app.app_context():
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")
        report = db.session.scalar(
            sa.select(Report).where(
                Report.questionnaire_id == questionnaire.id, Report.party.has(code="FRA")
            )
        )
        filled = services.fill(report, "fr")
        share = filled.tree.by_code()["HAB-PA-02"]  # a percentage, shown when HAB-PA-01 is yes
        gate = filled.tree.by_code()[share.condition["item"]]
        section_id = filled.tree.ancestors(share)[0].id
        report_id = report.id
        db.session.remove()
    assert share.effective_config["max"] == 100
    page, seen = _open(browser, live_server, sign_in, f"/reports/{report_id}/sections/{section_id}")
    status = page.locator("#save-status")
    field = page.locator(f"[name='f-{share.id}']")
    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        page.locator(f"#f-{gate.id}-yes").check()
    expect(field).to_be_visible()

    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        field.fill("150")
    expect(page.locator(f"#a-f-{share.id}")).to_contain_text("100")  # the message says why
    expect(status).to_have_attribute("data-state", "invalid")
    expect(status).to_have_text(TO_CORRECT)

    # still true after a reload: the value is kept as typed, and still to correct
    page.reload()
    expect(field).to_have_value("150")
    expect(status).to_have_text(TO_CORRECT)

    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        field.fill("45,5")
    expect(status).to_have_attribute("data-state", "saved")
    expect(status).to_have_text(SAVED)
    expect(page.locator(f"#a-f-{share.id} .text-danger")).to_have_count(0)
    assert _stored(live_server, report_id, share.id)[0] == 45.5
    assert seen == []
    page.context.close()


def test_a_refused_save_is_not_counted_as_saved(browser, live_server, sign_in):
    report_id, section_id, (name, _) = _target(live_server, "FRA")
    page, seen = _open(browser, live_server, sign_in, f"/reports/{report_id}/sections/{section_id}")
    status = page.locator("#save-status")
    refusal = {"status": "error", "message": "Ce rapport ne peut plus être modifié."}
    page.route("**/answers", lambda route: route.fulfill(status=422, json=refusal))
    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 422):
        page.locator(f"[name='{name}']").fill("Texte refusé par le serveur")
    expect(page.locator(f"#a-{name}")).to_contain_text(refusal["message"])
    expect(status).to_have_attribute("data-state", "refused")
    expect(status).to_have_text(REFUSED)

    page.unroute("**/answers")
    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        page.locator(f"[name='{name}']").fill("Texte accepté")
    expect(status).to_have_text(SAVED)
    assert seen == []
    page.context.close()
