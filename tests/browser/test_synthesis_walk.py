"""Issue 16's walk, in Chromium: cms.secretariat, in French, chooses the items of the CMS-COP14
synthesis, stars three quotes, writes the synthesis (an export job) and downloads a document
whose questions, quotes and figures are those it chose and the results pages show; LibreOffice
converts it to PDF and a page of that PDF, rendered to PNG, is looked at in the browser (its
size and that it is not blank). Then the secretariat publishes COP14's accepted reports and an
anonymous visitor reads them in Spanish. Axe finds nothing serious; nothing breaks the CSP."""

from __future__ import annotations

import base64
import io
import shutil
import subprocess

import docx
import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting.models import SubmittedAnswer
from tests.browser.conftest import browser_required
from tests.browser.test_accessibility import assert_accessible
from tests.browser.test_csp_main_pages import WATCH_CSP

pytestmark = pytest.mark.browser

CMS_SEC = "cms.secretariat@demo.test"
COP14 = "CMS-COP14"


def office() -> str:
    """LibreOffice's command: CI installs it (.ci/run); elsewhere its absence skips."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        message = "LibreOffice (soffice) is not installed"
        if browser_required():
            pytest.fail(message)
        pytest.skip(message)
    return found


def _nodes(live_server) -> dict[str, int]:
    with live_server.app.app_context():
        found = {n.code: n.id for n in questionnaires.questionnaire_by_code(COP14).nodes if n.code}
        db.session.remove()
        return found


def _texts(live_server, node_id: int) -> dict[int, str]:
    with live_server.app.app_context():
        rows = db.session.execute(
            sa.select(SubmittedAnswer.report_id, SubmittedAnswer.value_text).where(
                SubmittedAnswer.node_id == node_id,
                SubmittedAnswer.latest,
                SubmittedAnswer.value_text != "",
            )
        ).all()
        db.session.remove()
        return dict(rows)


def test_the_secretariat_writes_the_synthesis_and_publishes_in_french(
    live_server, new_page, sign_in, tmp_path
):
    soffice = office()
    page = new_page(locale="fr-FR", accept_downloads=True)
    problems: list[str] = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.add_init_script(WATCH_CSP)

    def check() -> None:
        page.wait_for_load_state("networkidle")
        violations = page.evaluate("window.__csp || []")
        assert violations == [] and problems == [], (page.url, violations, problems)
        assert_accessible(page)

    sign_in(page, CMS_SEC)
    page.locator('header button[name="lang"][value="fr"]').click()
    page.locator("header").get_by_role("link", name="Analyse").click()
    page.locator(f'tr[data-questionnaire="{COP14}"]').get_by_role("link", name="Synthèse").click()
    expect(page.locator("main h1")).to_contain_text("Synthèse des rapports nationaux")
    check()

    # the plan: the file question out, 2.1 first
    nodes = _nodes(live_server)
    page.locator(f"#include-{nodes['THR-POISON-02']}").uncheck()
    place = page.locator(f"#position-{nodes['SPEC-PROT-01']}")
    place.fill("0")
    page.get_by_role("button", name="Enregistrer le plan").click()  # the browser holds it back
    assert place.evaluate("input => input.validity.valid") is False
    expect(page.locator(".alert-success")).to_have_count(0)
    page.locator(f"#position-{nodes['SPEC-PROT-01']}").fill("1")
    page.locator("#quotes-per-region").fill("1")
    page.get_by_role("button", name="Enregistrer le plan").click()
    expect(page.locator(".alert-success")).to_contain_text("Le plan de la synthèse est enregistré.")
    check()

    # three quotes starred on the texts page of 1.2
    institutions = nodes["CMS14-GEN-02"]
    page.goto(f"{live_server.url}/analysis/{COP14}/texts/{institutions}")
    for _ in range(3):
        page.get_by_role("button", name="☆ Citer").first.click()
        expect(page.locator(".alert-success")).to_contain_text("La réponse sera citée")
    expect(page.get_by_role("button", name="★ Citée")).to_have_count(3)
    check()
    texts = _texts(live_server, institutions)
    with live_server.app.app_context():
        from app.analysis import synthesis

        stars = synthesis.starred(questionnaires.questionnaire_by_code(COP14))
        db.session.remove()
    starred_texts = sorted(texts[report_id] for _node, report_id, _key in stars)
    assert len(starred_texts) == 3

    # the synthesis, written by a job, in French
    page.goto(f"{live_server.url}/analysis/{COP14}/synthesis")
    page.locator("#synthesis-lang").select_option("fr")
    page.get_by_role("button", name="Rédiger la synthèse").click()
    link = page.get_by_role("link", name="Télécharger le fichier")
    expect(link).to_be_visible(timeout=180_000)
    check()
    with page.expect_download() as waiting:
        link.click()
    path = tmp_path / "synthese.docx"
    waiting.value.save_as(path)
    document = docx.Document(path)
    items = [p.text for p in document.paragraphs if p.style.name == "Heading 3"]
    assert items[0].startswith("2.1 ") and not any(i.startswith("3.2 ") for i in items)
    assert len(items) == 28
    quoted = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert all(text in quoted for text in starred_texts)
    words = "\n".join(p.text for p in document.paragraphs)
    assert "Les 3 réponses marquées d’une étoile par le secrétariat." in words

    # LibreOffice opens it; the first page, as PNG, looked at in the browser
    done = subprocess.run(
        [soffice, "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True,
        timeout=240,
        check=False,
    )
    pdf = tmp_path / "synthese.pdf"
    assert done.returncode == 0 and pdf.is_file(), done.stderr
    subprocess.run(
        ["pdftoppm", "-f", "1", "-l", "1", "-r", "60", "-png", str(pdf), str(tmp_path / "p")],
        check=True,
        timeout=60,
    )
    png = next(tmp_path.glob("p*.png")).read_bytes()
    viewer = new_page()
    viewer.set_content(
        '<img id="page" alt="" src="data:image/png;base64,' + base64.b64encode(png).decode() + '">'
    )
    viewer.wait_for_function("document.getElementById('page').complete")
    width, height, inked = viewer.evaluate(
        """() => {
          const img = document.getElementById('page');
          const canvas = document.createElement('canvas');
          canvas.width = img.naturalWidth; canvas.height = img.naturalHeight;
          const context = canvas.getContext('2d');
          context.drawImage(img, 0, 0);
          const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
          let inked = 0;
          for (let i = 0; i < data.length; i += 4) {
            if (data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200) inked++;
          }
          return [img.naturalWidth, img.naturalHeight, inked / (data.length / 4)];
        }"""
    )
    assert 450 < width < 550 and 650 < height < 750  # A4 at 60 dpi
    assert 0.005 < inked < 0.5

    # publication, then an anonymous visitor in Spanish
    page.goto(f"{live_server.url}/analysis/{COP14}/status")
    page.get_by_role("button", name="Publier les rapports acceptés et les résultats").click()
    expect(page.locator(".alert-success")).to_contain_text("est désormais public")
    check()

    visitor = new_page(locale="es-ES")
    visitor.add_init_script(WATCH_CSP)
    visitor.goto(f"{live_server.url}/public/")
    expect(visitor.locator("html")).to_have_attribute("lang", "es")
    visitor.locator(f'a[href="/public/es/{COP14}/"]').first.click()
    expect(visitor.locator("main")).to_contain_text("Informes aceptados")
    expect(visitor.locator("main")).to_contain_text("Resultados por pregunta")
    visitor.wait_for_load_state("networkidle")
    assert visitor.evaluate("window.__csp || []") == []
    assert_accessible(visitor)
    href = visitor.locator('a[href$=".pdf"]').first.get_attribute("href")
    response = visitor.request.get(f"{live_server.url}{href}")
    assert response.status == 200 and response.headers["content-type"] == "application/pdf"
    assert response.body()[:5] == b"%PDF-"
    assert io.BytesIO(response.body()).getbuffer().nbytes > 1000
