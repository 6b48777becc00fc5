"""The PDF of a national report numbers its pages ("page X of Y", in the reader's language) and
repeats a running header naming the instrument, the cycle and the party on every page."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext

from app.extensions import db
from app.i18n import translate
from app.reporting import printing
from app.reporting.models import Report
from tests.test_reporting import CMS_SEC


def margin_texts(html: str) -> list[dict[str, str]]:
    """The text of each page's margin boxes (@top-left, @bottom-center…), as WeasyPrint lays
    them out."""
    from weasyprint import HTML
    from weasyprint.formatting_structure import boxes

    pages = []
    for page in HTML(string=html).render().pages:
        texts = {}
        for box in page._page_box.children:
            if isinstance(box, boxes.MarginBox):
                words = [b.text for b in box.descendants() if isinstance(b, boxes.TextBox)]
                texts[box.at_keyword] = "".join(words)
        pages.append(texts)
    return pages


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_pdf_pages_carry_numbers_and_a_running_header_in_the_readers_language(
    client, auth, app, monkeypatch, lang
):
    printed: list[str] = []
    original = printing.pdf

    def keep(html, base_url):
        printed.append(html)
        return original(html, base_url)

    monkeypatch.setattr(printing, "pdf", keep)
    with app.app_context():
        report = db.session.scalar(
            sa.select(Report).where(Report.status == "accepted").order_by(Report.id).limit(1)
        )
        report_id = report.id
        party = str(translate(report.party.name, lang=lang))
        cycle = report.questionnaire.cycle
        code = report.questionnaire.instrument.code
    auth.login(CMS_SEC)
    response = client.get(f"/reports/{report_id}/submissions/1/print.pdf?lang={lang}")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    pages = margin_texts(printed[0])
    assert len(pages) >= 2
    with app.test_request_context(), force_locale(lang):
        expected = [
            gettext("Page %(page)s of %(pages)s", page=n, pages=len(pages))
            for n in range(1, len(pages) + 1)
        ]
    assert [p.get("@bottom-center") for p in pages] == expected
    for page in pages:
        header = page.get("@top-left", "")
        assert code in header and cycle in header and party in header, header
