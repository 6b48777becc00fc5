"""The analyst's walk of issue 15, in Spanish, in Chromium: the CMS-COP14 results filtered to
Africa and to "yes" on 2.1, the data of a chart downloaded and equal to its table, one bank
question compared across CMS, AEWA and the Raptors MoU, the page of an SPMS target; axe finds
nothing serious on any page, and no page breaks the Content Security Policy."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting.models import SubmittedAnswer
from tests.browser.test_accessibility import assert_accessible
from tests.browser.test_csp_main_pages import WATCH_CSP

pytestmark = pytest.mark.browser

ANALYST = "analyst@demo.test"
BOM = "\ufeff"


def _yes_to_2_1_in_africa(live_server) -> tuple[int, int]:
    """(node id of CMS-COP14 2.1, countries of Africa whose latest submission says yes)."""
    from app.directory.models import Party

    with live_server.app.app_context():
        questionnaire = questionnaires.questionnaire_by_code("CMS-COP14")
        node = next(n for n in questionnaire.nodes if n.number == "2.1" and not n.is_section)
        count = db.session.scalar(
            sa.select(sa.func.count(sa.distinct(SubmittedAnswer.report_id)))
            .join(Party, Party.id == SubmittedAnswer.party_id)
            .where(
                SubmittedAnswer.node_id == node.id,
                SubmittedAnswer.latest,
                SubmittedAnswer.value_text == "yes",
                ~SubmittedAnswer.hidden,
                Party.region == "africa",
            )
        )
        db.session.remove()
        return node.id, count


def test_the_analysts_walk_in_spanish(live_server, new_page, sign_in, tmp_path):
    page = new_page(locale="es-ES")
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.add_init_script(WATCH_CSP)

    def check() -> None:
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__csp || []")
        assert violations == [] and problems == [], (page.url, violations, problems)
        expect(page.locator("html")).to_have_attribute("lang", "es")
        assert_accessible(page)

    sign_in(page, ANALYST)
    page.locator('header button[name="lang"][value="es"]').click()
    page.locator("header").get_by_role("link", name="Análisis").click()
    expect(page.locator("main h1")).to_have_text("Análisis")
    check()

    # the results of CMS-COP14
    page.locator('tr[data-questionnaire="CMS-COP14"]').get_by_role(
        "link", name="Resultados"
    ).click()
    expect(page.locator("main h1")).to_contain_text("Resultados")
    check()

    # filtered to Africa and to "yes" on 2.1
    node_id, expected = _yes_to_2_1_in_africa(live_server)
    assert expected > 0
    page.locator("details.analysis-filters > summary").click()
    page.locator("#f-region-africa").check()
    page.locator("#f-answered").select_option(f"{node_id}:yes")
    page.get_by_role("button", name="Aplicar los filtros").click()
    page.wait_for_url("**region=africa**")
    item = page.locator('section[data-item="2.1"]')
    expect(item).to_contain_text(f"{expected} respondieron, de {expected} que presentaron")
    rows = item.locator("table tbody tr")
    expect(rows.first).to_contain_text("Sí")
    expect(rows.first.locator("td").first).to_have_text(str(expected))
    check()

    # the data of that chart, downloaded, says what the table says
    figure = item.locator("figure.analysis-table").first
    expect(figure.locator("img.analysis-chart")).to_be_visible()
    with page.expect_download() as download:
        figure.get_by_role("link", name="CSV").click()
    download.value.save_as(tmp_path / "chart.csv")
    text = (tmp_path / "chart.csv").read_text(encoding="utf-8")
    assert text.startswith(BOM)
    header, *lines = list(csv.reader(io.StringIO(text[1:])))
    assert header[:2] == ["Respuesta", "Países"]
    shown = [
        [cell.strip() for cell in row]
        for row in figure.locator("tbody tr").evaluate_all(
            "rows => rows.map(r => [...r.children].map(c => c.innerText))"
        )
    ]
    assert [line[0] for line in lines] == [row[0] for row in shown]
    assert [int(line[1]) for line in lines] == [int(row[1]) for row in shown]
    assert lines[0][:2] == ["Sí", str(expected)]

    # one bank question across CMS, AEWA and the Raptors MoU
    page.goto("/analysis/")
    page.locator("#index-compare-code").select_option("HAB-PA-01")
    page.get_by_role("button", name="Comparar").click()
    page.wait_for_url("**/analysis/compare?**")
    main = page.locator("main")
    answers = main.locator("table").first.locator("tbody")
    for code in ("CMS", "AEWA", "RAPTORS"):
        expect(answers).to_contain_text(code)
    check()

    # what the CMS Family reports say about an SPMS target
    page.goto("/analysis/")
    target = page.locator("#index-target-tag")
    spms = target.locator('option[value^="spms:3"]').first.get_attribute("value")
    target.select_option(spms)
    page.get_by_role("button", name="Mostrar los resultados").click()
    page.wait_for_url("**/analysis/targets?**")
    expect(page.locator("main")).to_contain_text("HAB-PA-01")
    check()
