"""Filling a report in the browser: autosave, the queue kept across a reload while the server
cannot be reached, a conflict between two sessions, the unsaved-changes warning, and the
browser's skip-logic evaluator run on the same cases as the server's. No wall-clock waits:
every step waits on a response or on the status the page shows."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import services
from app.reporting.models import Answer, AnswerRevision, Report
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page

pytestmark = pytest.mark.browser

CASES = Path(__file__).resolve().parents[1] / "cases" / "conditions.json"
FP_SEN, FP_FRA = "fp.sen@demo.test", "fp.fra@demo.test"  # both prefer French


@pytest.fixture(scope="module", autouse=True)
def quick_autosave(live_server):
    live_server.app.config["AUTOSAVE_DEBOUNCE_MS"] = 150
    yield


def _target(live_server, party: str) -> tuple[int, int, list[str]]:
    """(report id, section id, field names of its visible text items) for CMS-COP15."""
    with live_server.app.app_context():
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")
        report = db.session.scalar(
            sa.select(Report)
            .join(Report.party)
            .where(Report.questionnaire_id == questionnaire.id, Report.party.has(code=party))
        )
        filled = services.fill(report, "fr")
        for section in filled.rendered.sections:
            names = [
                i.field_name
                for i in section.items()
                if i.visible
                and i.node.effective_type in ("long_text", "short_text")
                and not i.loop_key
            ]
            if len(names) >= 2:
                result = (report.id, section.node.id, names)
                db.session.remove()
                return result
    raise LookupError("no section with two text items")


def _stored(live_server, report_id: int) -> dict[int, Answer]:
    with live_server.app.app_context():
        answers = {
            a.node_id: (a.value, a.version)
            for a in db.session.scalars(sa.select(Answer).where(Answer.report_id == report_id))
        }
        db.session.remove()
        return answers


def _node_id(name: str) -> int:
    return int(name.split("-")[1])


def _type_and_wait_for_save(page: Page, name: str, text: str) -> None:
    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        page.locator(f"[name='{name}']").fill(text)
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_typing_saves_and_changes_wait_across_a_reload_while_the_server_is_unreachable(
    new_page, sign_in, live_server, artifacts, viewport
):
    report_id, section_id, (first, second) = _target(live_server, "SEN")
    page = open_page(new_page, viewport, "fr")
    sign_in(page, FP_SEN)
    page.goto(f"/reports/{report_id}/sections/{section_id}")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    _type_and_wait_for_save(page, first, "Plan national adopté en 2024 ; révision en cours.")
    page.screenshot(path=artifacts / f"section-fr-{viewport}.png")
    assert_accessible(page)

    # The connection to the server drops: saves fail, the text waits in the browser.
    page.route("**/answers", lambda route: route.abort("internetdisconnected"))
    page.locator(f"[name='{second}']").fill("Texte saisi hors ligne, à ne pas perdre.")
    expect(page.locator("#save-status")).to_have_attribute("data-state", "offline")
    page.screenshot(path=artifacts / f"section-offline-fr-{viewport}.png")

    page.once("dialog", lambda dialog: dialog.accept())  # "leave the page?" (unsent changes)
    page.reload()
    expect(page.locator(f"[name='{second}']")).to_have_value(
        "Texte saisi hors ligne, à ne pas perdre."
    )
    expect(page.locator("#save-status")).to_have_attribute("data-state", "offline")

    page.unroute("**/answers")
    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")
    stored = _stored(live_server, report_id)
    assert stored[_node_id(first)][0] == "Plan national adopté en 2024 ; révision en cours."
    assert stored[_node_id(second)][0] == "Texte saisi hors ligne, à ne pas perdre."
    assert page.evaluate("localStorage.length") == 0


def test_two_sessions_editing_the_same_answer_lose_nothing(browser, live_server, sign_in):
    report_id, section_id, (name, _) = _target(live_server, "FRA")
    contexts = [
        browser.new_context(base_url=live_server.url, locale="fr-FR", viewport=VIEWPORTS["desktop"])
        for _ in range(2)
    ]
    try:
        first, second = (context.new_page() for context in contexts)
        for page in (first, second):
            sign_in(page, FP_FRA)
            page.goto(f"/reports/{report_id}/sections/{section_id}")
        _type_and_wait_for_save(first, name, "Version du premier onglet")

        with second.expect_response(lambda r: r.url.endswith("/answers") and r.status == 409):
            second.locator(f"[name='{name}']").fill("Version du second onglet")
        panel = second.locator(f"#a-{name} .conflict")
        expect(panel).to_contain_text("Version du premier onglet")
        expect(second.locator(f"[name='{name}']")).to_have_value("Version du second onglet")
        with second.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
            panel.locator("button.keep-mine").click()
        expect(panel).to_have_count(0)
    finally:
        for context in contexts:
            context.close()
    with live_server.app.app_context():
        answer = db.session.scalar(
            sa.select(Answer).where(Answer.report_id == report_id, Answer.node_id == _node_id(name))
        )
        history = [
            r.value
            for r in db.session.scalars(
                sa.select(AnswerRevision).where(AnswerRevision.answer_id == answer.id)
            )
        ]
        db.session.remove()
    assert answer.value == "Version du second onglet" and answer.version == 2
    assert "Version du premier onglet" in history  # the overwritten text stays on record


def test_leaving_with_unsent_changes_warns(new_page, sign_in, live_server):
    report_id, section_id, (name, _) = _target(live_server, "SEN")
    live_server.app.config["AUTOSAVE_DEBOUNCE_MS"] = 600_000  # the save will not fire by itself
    try:
        page = new_page(locale="fr-FR")
        sign_in(page, FP_SEN)
        page.goto(f"/reports/{report_id}/sections/{section_id}")
        page.locator(f"[name='{name}']").fill("Pas encore envoyé")
        dialogs = []

        def dismiss(dialog):
            dialogs.append(dialog.type)
            dialog.dismiss()

        page.on("dialog", dismiss)
        page.evaluate("window.location.href = '/reports/'")
        expect(page.locator(f"[name='{name}']")).to_have_value("Pas encore envoyé")
        assert dialogs == ["beforeunload"]
    finally:
        live_server.app.config["AUTOSAVE_DEBOUNCE_MS"] = 150


def test_browser_evaluator_passes_the_shared_condition_cases(new_page, sign_in, live_server):
    report_id, section_id, _ = _target(live_server, "SEN")
    page = new_page(locale="fr-FR")
    sign_in(page, FP_SEN)
    page.goto(f"/reports/{report_id}/sections/{section_id}")
    cases = json.loads(CASES.read_text())["cases"]
    results = page.evaluate(
        """cases => cases.map(c => window.ORSConditions.evaluate(
               c.condition, code => (code in c.answers ? c.answers[code] : null)))""",
        cases,
    )
    failures = [c["name"] for c, got in zip(cases, results, strict=True) if got != c["expected"]]
    assert failures == []


def test_skip_logic_hides_and_shows_while_typing(new_page, sign_in, live_server):
    with live_server.app.app_context():
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP15")
        report = db.session.scalar(
            sa.select(Report).where(
                Report.questionnaire_id == questionnaire.id, Report.party.has(code="SEN")
            )
        )
        filled = services.fill(report, "fr")
        target = next(
            i for i in filled.rendered.items()
            if i.node.condition and i.node.condition.get("op") == "equals" and not i.loop_key
            and filled.tree.by_code()[i.node.condition["item"]].effective_type == "yes_no"
            and filled.tree.ancestors(filled.tree.by_code()[i.node.condition["item"]])[0].id
            == filled.tree.ancestors(i.node)[0].id
        )  # fmt: skip
        source = filled.tree.by_code()[target.node.condition["item"]]
        section_id = filled.tree.ancestors(target.node)[0].id
        value = target.node.condition["value"]
        report_id = report.id
        db.session.remove()
    other = "no" if value == "yes" else "yes"
    page = new_page(locale="fr-FR")
    sign_in(page, FP_SEN)
    page.goto(f"/reports/{report_id}/sections/{section_id}")
    box = page.locator(f"#a-{target.field_name}")
    page.locator(f"#f-{source.id}-{value}").check()
    expect(box).to_be_visible()
    page.locator(f"#f-{source.id}-{other}").check()
    expect(box).to_be_hidden()
