"""Issue 18's walk for the offline workbook, in Chromium: fp.sen, in French, downloads the
report of Senegal for CMS-COP15 as a workbook from the report's "Classeur Excel" tab, fills it
(openpyxl types into the answer cells as a person would), LibreOffice Calc saves it again as a
focal point's spreadsheet would, and the upload shows exactly what changes (two new answers,
one changed online since the download) before the focal point saves the ticked ones. Axe finds
nothing serious; nothing breaks the CSP; both pages are screenshotted on a desktop and a phone."""

from __future__ import annotations

import io
import subprocess

import openpyxl
import pytest
from playwright.sync_api import expect

from app.answers.types import AnswerType
from app.extensions import db
from app.interchange import workbook
from app.reporting import saving, services
from tests.browser.test_accessibility import assert_accessible
from tests.browser.test_csp_main_pages import WATCH_CSP
from tests.browser.test_synthesis_walk import office
from tests.test_delegation import user
from tests.test_reporting import report_of

pytestmark = pytest.mark.browser

FP_SEN = "fp.sen@demo.test"


def _items(live_server) -> dict[str, object]:
    """The report's id, the keys of three answers of it, and one of them saved online after
    the download (called between the download and the upload)."""
    with live_server.app.app_context():
        report = report_of("CMS-COP15", "SEN")
        filled = services.fill(report, "fr")
        texts = [
            i for i in filled.rendered.items() if i.node.effective_type == AnswerType.LONG_TEXT
        ]
        yes_no = next(i for i in filled.rendered.items() if i.node.effective_type == "yes_no")
        found = {
            "report": report.id,
            "text": workbook.cell_key(texts[0].node.id, ""),
            "online": workbook.cell_key(texts[1].node.id, ""),
            "yes_no": workbook.cell_key(yes_no.node.id, ""),
            "online_node": texts[1].node.id,
        }
        db.session.remove()
        return found


def _save_online(live_server, node_id: int) -> None:
    with live_server.app.app_context():
        report = report_of("CMS-COP15", "SEN")
        filled = services.fill(report, "fr")
        node = filled.tree.by_id[node_id]
        change = saving.Change(raw="Saisi en ligne entre-temps", raw_given=True)
        saving.save_answer(
            filled, node, "", change, expected_version=0, user=user(FP_SEN), locale="fr"
        )
        db.session.commit()
        db.session.remove()


def _fill(path, changes: dict[str, str]) -> None:
    book = openpyxl.load_workbook(path)
    for sheet in book.worksheets:
        for row in range(workbook.FIRST_ROW + 1, sheet.max_row + 1):
            key = sheet.cell(row, workbook.KEY + 1).value
            if key in changes:
                sheet.cell(row, workbook.ANSWER + 1).value = changes[key]
    book.save(path)


def test_the_focal_point_fills_the_report_offline_and_sees_what_changes(
    live_server, new_page, sign_in, tmp_path, artifacts
):
    soffice = office()
    items = _items(live_server)
    page = new_page(locale="fr-FR", accept_downloads=True)
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.add_init_script(WATCH_CSP)

    def check(name: str) -> None:
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__csp || []")
        assert violations == [] and problems == [], (page.url, violations, problems)
        assert_accessible(page)
        for label, size in (("desktop", (1280, 900)), ("phone", (390, 844))):
            page.set_viewport_size({"width": size[0], "height": size[1]})
            page.screenshot(path=str(artifacts / f"workbook-{name}-{label}-fr.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})

    sign_in(page, FP_SEN)
    page.goto(f"{live_server.url}/reports/{items['report']}/")
    page.get_by_role("link", name="Classeur Excel").click()
    expect(page.locator("main h2").first).to_contain_text("Remplir le rapport hors ligne")
    check("page")
    with page.expect_download() as waiting:
        page.get_by_role("button", name="Télécharger le classeur").click()
    downloaded = tmp_path / "rapport.xlsx"
    waiting.value.save_as(downloaded)
    assert waiting.value.suggested_filename == "CMS-COP15-SEN-fr.xlsx"

    _fill(
        downloaded,
        {
            items["text"]: "Rédigé hors ligne avec les collègues",
            items["yes_no"]: "Oui",
            items["online"]: "Version du classeur",
        },
    )
    _save_online(live_server, items["online_node"])
    # LibreOffice Calc opens the workbook and saves it again, as the focal point's would
    done = subprocess.run(
        [soffice, "--headless", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir",
         str(tmp_path / "lo"), str(downloaded)],
        capture_output=True, timeout=180, check=False,
    )  # fmt: skip
    resaved = tmp_path / "lo" / "rapport.xlsx"
    assert done.returncode == 0 and resaved.exists(), done.stderr
    book = openpyxl.load_workbook(io.BytesIO(resaved.read_bytes()))
    assert workbook.META_SHEET in book.sheetnames

    page.locator("#file").set_input_files(str(resaved))
    page.get_by_role("button", name="Voir les modifications").click()
    counts = page.locator("#workbook-counts")
    expect(counts).to_contain_text("2 nouvelles réponses")
    expect(counts).to_contain_text("1 réponse modifiée en ligne depuis le téléchargement")
    expect(page.locator("#workbook-conflict")).to_contain_text("Saisi en ligne entre-temps")
    expect(page.locator("#workbook-conflict")).to_contain_text("Version du classeur")
    expect(page.locator("#workbook-new")).to_contain_text("Rédigé hors ligne avec les collègues")
    conflict_box = page.locator(f'#workbook-conflict input[value^="{items["online"]}@"]')
    expect(conflict_box).not_to_be_checked()
    check("preview")
    page.get_by_role("button", name="Enregistrer les réponses cochées").click()
    expect(page.locator(".alert-success")).to_contain_text(
        "2 réponses du classeur ont été enregistrées."
    )
    check("saved")
    page.goto(f"{live_server.url}/reports/{items['report']}/")
    assert problems == []
