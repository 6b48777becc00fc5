"""Skip logic in the browser when the conditions look into other sections (CMS-COP16 of
tests/test_page_data_scope.py: section 6 depends on sections 1, 2, 3 and 5). The contributor
holding section 6 gets the outcomes of those tests, not the answers; the page shows and hides
what the server does, on load and while typing, for the contributor and the focal point."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.extensions import db
from app.questionnaires import tree as tree_module
from app.reporting import delegation
from app.reporting.models import Report
from tests.test_page_data_scope import TEXTS, build_world

pytestmark = pytest.mark.browser

FP_FRA, CONTRIB = "fp.fra@demo.test", "contributor.fra@demo.test"


@pytest.fixture(scope="module")
def world(live_server) -> dict:
    with live_server.app.app_context():
        with live_server.app.test_request_context(base_url=live_server.url):
            found = build_world()
        report = db.session.get(Report, found["report"])
        current = tree_module.load(report.questionnaire)
        found["own_codes"] = {
            n.code
            for n in current.items()
            if delegation.top_section_id(n, current) == found["section"]
        }
        found["plan"] = current.by_code()["IMPL-PLAN-01"].id
        found["ids"] = {code: node.id for code, node in current.by_code().items()}
        db.session.remove()
    return found


def _box(page: Page, world: dict, code: str):
    """The answer box of the item `code` (only the items a condition reads say their code)."""
    return page.locator(f"#a-f-{world['ids'][code]}")


def _shown_as_the_server_says(page: Page, world: dict) -> None:
    for code in ("IMPL-PLAN-01", "IMPL-PLAN-03", "RES-MONITOR-01"):
        expect(_box(page, world, code)).to_be_visible()
    # HAB-PA-01 is "yes"; SPEC-PROT-06 is answered but hidden; CMS15-THR-01 is answered
    for code in ("IMPL-FUND-01", "IMPL-FUND-04", "AWARE-EDU-01", "CMS15-IMPL-01"):
        expect(_box(page, world, code)).to_be_hidden()


@pytest.mark.parametrize("who", [CONTRIB, FP_FRA])
def test_the_page_shows_and_hides_what_the_server_does(new_page, sign_in, world, who):
    page = new_page(locale="fr-FR")
    sign_in(page, who)
    page.goto(f"/reports/{world['report']}/sections/{world['section']}")
    _shown_as_the_server_says(page, world)
    # IMPL-PLAN-03: CMS15-GEN-01 answered (another section) and IMPL-PLAN-01 "fully" (here)
    plan = f"input[name='f-{world['plan']}']"
    page.locator(f"{plan}[value='partly']").check()
    expect(_box(page, world, "IMPL-PLAN-03")).to_be_hidden()
    page.locator(f"{plan}[value='fully']").check()
    expect(_box(page, world, "IMPL-PLAN-03")).to_be_visible()
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")
    _shown_as_the_server_says(page, world)

    held = page.evaluate(
        "JSON.parse(document.getElementById('answers-for-conditions').textContent)"
    )
    if who == CONTRIB:
        assert {key.split("|")[0] for key in held} <= world["own_codes"]
        content = page.content()
        assert [text for text in TEXTS.values() if text in content] == []
    else:
        assert held["CMS15-GEN-01|"] == TEXTS["CMS15-GEN-01"]


def test_after_a_save_the_server_decides_the_boxes_it_names_and_no_others(new_page, sign_in, world):
    """An autosave's answer names the questions the saved answer may show or hide (`affected`)
    and which of them are hidden: the script takes the server's word for those (made here to
    disagree with the browser's own evaluation) and leaves every other box as it was."""
    page = new_page(locale="fr-FR")
    sign_in(page, FP_FRA)
    page.goto(f"/reports/{world['report']}/sections/{world['section']}")
    _shown_as_the_server_says(page, world)
    said = []

    def overruled(route):
        response = route.fetch()
        body = response.json()
        said.append(dict(body))
        body["hidden"] = [*body["hidden"], *body["affected"]]
        route.fulfill(response=response, json=body)

    page.route("**/answers", overruled)
    plan = f"input[name='f-{world['plan']}']"
    page.locator(f"{plan}[value='partly']").check()
    page.locator(f"{plan}[value='fully']").check()  # the browser shows IMPL-PLAN-03 again
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")
    page.unroute("**/answers")
    listed = _box(page, world, "IMPL-PLAN-03").get_attribute("id").removeprefix("a-")
    assert said and listed in said[-1]["affected"] and listed not in said[-1]["hidden"]
    expect(_box(page, world, "IMPL-PLAN-03")).to_be_hidden()  # the server's word
    for code in ("IMPL-PLAN-01", "RES-MONITOR-01"):
        expect(_box(page, world, code)).to_be_visible()
    for code in ("IMPL-FUND-01", "IMPL-FUND-04", "AWARE-EDU-01", "CMS15-IMPL-01"):
        expect(_box(page, world, code)).to_be_hidden()
