"""A report's Word document and spreadsheet, opened back: the DOCX with python-docx (title block,
Heading 1–3 in document order, answers, tables in "Table Grid", the running header and the PAGE
and NUMPAGES fields of "Page X of Y", texts in French and Spanish when asked), the XLSX with
openpyxl (one row per answer, nothing read as a formula); who gets them, with or without the
confidential items; a bad language refused; every accepted report of a questionnaire as one ZIP.
"""

from __future__ import annotations

import io
import zipfile

import docx
import openpyxl
import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext
from pypdf import PdfReader

from app.answers.types import AnswerType
from app.extensions import db
from app.i18n import translate
from app.questionnaires import services as questionnaires
from app.questionnaires.models import Node
from app.reporting import documents, printing, saving, services
from app.reporting import submission as sub
from app.reporting.models import Submission
from tests.reporting_helpers import make_ready
from tests.test_reporting import ANALYST, CMS_SEC, FP_FRA, FP_SEN, report_of, user

SECRET = "Aire de nidification près de l’étang de Vaccarès"
FORMULA = '=HYPERLINK("http://example.test","clic")'
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


# --- data -------------------------------------------------------------------------------------


def text_items(filled):
    """Visible text questions outside loops, in questionnaire order."""
    return [
        item
        for item in filled.rendered.items()
        if item.visible
        and not item.loop_key
        and item.node.effective_type in (AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT)
    ]


@pytest.fixture
def fra(app, database) -> dict:
    """France's CMS-COP15 report, submitted and accepted through the services, with one
    question made confidential (answered SECRET) and one answered with a formula."""
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        filled = services.fill(report, "fr")
        secret, formula = text_items(filled)[:2]
        db.session.get(Node, secret.node.id).confidential = True
        for item, text in ((secret, SECRET), (formula, FORMULA)):
            filled = services.fill(report, "fr")
            answer = filled.answer(item)
            saving.save_answer(
                filled,
                item.node,
                "",
                saving.Change(raw=text, raw_given=True),
                expected_version=answer.version if answer else 0,
                user=user(FP_FRA),
                locale="fr",
            )
        make_ready(report, user(FP_FRA))
        sub.submit(report, user(FP_FRA), "fr", notify=False)
        sub.accept(report, user(CMS_SEC), notify=False)
        db.session.commit()
        return {
            "id": report.id,
            "secret": secret.node.number,
            "secret_text": dict(secret.node.text),
            "formula": formula.node.number,
        }


def submission_of(code: str, party: str) -> Submission:
    report = report_of(code, party)
    return db.session.scalar(
        sa.select(Submission)
        .where(Submission.report_id == report.id)
        .order_by(Submission.number.desc())
        .limit(1)
    )


# --- reading the files back -------------------------------------------------------------------


def open_docx(data: bytes):
    return docx.Document(io.BytesIO(data))


def docx_words(document) -> str:
    """Every text of the body: paragraphs, then table cells."""
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(texts)


def headings(document) -> list[tuple[str, str]]:
    return [(p.style.name, p.text) for p in document.paragraphs if p.style.name.startswith("Head")]


def open_xlsx(data: bytes) -> list[tuple]:
    sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return list(sheet.iter_rows(values_only=True))


def answer_rows(rows: list[tuple]) -> list[tuple]:
    """The rows after the column headings (the one row whose 4th cell is a heading)."""
    start = next(i for i, row in enumerate(rows) if row[0] and row[3] and row[5]) + 1
    return rows[start:]


def xlsx_words(rows: list[tuple]) -> str:
    return "\n".join(str(cell) for row in rows for cell in row if cell is not None)


# --- the Word document ------------------------------------------------------------------------


def test_docx_of_a_submission_follows_the_print_views_lines(app, ctx):
    """Morocco's AEWA-MOP9 report: sections, species loops, a table, answers kept although
    other answers made them not applicable, comments."""
    submission = submission_of("AEWA-MOP9", "MAR")
    report, snap = submission.report, submission.snapshot
    with app.test_request_context():
        document = open_docx(documents.docx_of(report, snap, "en", submission))
        with force_locale("en"):
            lines = printing.document(snap, "en")
            page_words = gettext("Page %(page)s of %(pages)s", page="", pages="")
    expected = [
        (f"Heading {min(line.level, 3)}", line)
        for line in lines
        if line.kind in ("section", "iteration")
    ]
    found = headings(document)
    titles = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert titles == ["AEWA national report for MOP9"]
    assert [style for style, _text in found] == [style for style, _line in expected]
    for (_style, text), (_expected, line) in zip(found, expected, strict=True):
        assert str(line.text) in text and line.number in text
    assert any(style == "Heading 2" for style, _text in found)  # the species

    words = docx_words(document)
    answers = [a for line in lines if line.kind == "item" for a in line.answers]
    for answer in answers:
        if answer.text and not answer.table:
            assert answer.text in words
        if answer.comment:
            assert f"Comment: {answer.comment}" in words
    kept = "Kept on record: the other answers make this question not applicable."
    assert words.count(kept) == sum(1 for a in answers if a.hidden) > 0
    body = [p.text for p in document.paragraphs]
    assert "Morocco · AEWA-MOP9" in body
    assert any(t.startswith("Submission no. 1, submitted on ") and "Accepted on" in t for t in body)

    tables = [a.table for a in answers if a.table]
    assert len(document.tables) == len(tables) > 0
    for grid, table in zip(document.tables, tables, strict=True):
        assert grid.style.name == "Table Grid"
        assert [c.text for c in grid.rows[0].cells][1:] == [str(c) for c in table["columns"]]
        for row, (label, cells) in zip(grid.rows[1:], table["rows"], strict=True):
            assert [c.text for c in row.cells] == [str(label), *cells]

    section = document.sections[0]
    assert section.header.paragraphs[0].text == "AEWA · MOP9 · Morocco · Submission no. 1"
    footer = section.footer.paragraphs[0]
    fields = [t.text for t in footer._p.iter(f"{W}instrText")]
    assert fields == [" PAGE ", " NUMPAGES "]
    assert footer.text.replace("1", "") == page_words  # the sentence's words around the fields
    assert document.core_properties.title == "AEWA-MOP9 · Morocco · Submission no. 1"
    assert document.core_properties.language == "en-GB"  # with its region: what Word spell-checks


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_docx_and_xlsx_in_french_and_spanish(client, auth, app, fra, lang):
    auth.login(CMS_SEC)
    response = client.get(f"/reports/{fra['id']}/submissions/1/report.docx?lang={lang}")
    assert response.status_code == 200
    assert response.mimetype == documents.DOCX_TYPE
    disposition = response.headers["Content-Disposition"]
    assert disposition == f'attachment; filename="CMS-COP15-FRA-1-{lang}.docx"'
    assert "private" in response.headers["Cache-Control"]
    document = open_docx(response.data)
    words = docx_words(document)
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP15")
        party = str(translate(report_of("CMS-COP15", "FRA").party.name, lang=lang))
        texts = [str(translate(n.text, lang=lang)) for n in q.nodes if n.text][:5]
        titles = [str(translate(n.title, lang=lang)) for n in q.nodes if n.title and n.number]
    with app.test_request_context(), force_locale(lang):
        submitted = gettext("Submission no. %(number)d", number=1)
        page = gettext("Page %(page)s of %(pages)s", page="1", pages="1")
        confidential = gettext("Confidential")
    assert fra["secret_text"][lang] in words and SECRET in words
    assert all(text in words for text in texts[:3])
    assert headings(document)[0][1].endswith(titles[0])
    assert document.sections[0].header.paragraphs[0].text == f"CMS · COP15 · {party} · {submitted}"
    assert document.sections[0].footer.paragraphs[0].text == page
    assert (
        confidential in words
        and document.core_properties.language == {"fr": "fr-FR", "es": "es-ES"}[lang]
    )

    response = client.get(f"/reports/{fra['id']}/submissions/1/report.xlsx?lang={lang}")
    assert response.status_code == 200 and response.mimetype == documents.XLSX_TYPE
    assert f'filename="CMS-COP15-FRA-1-{lang}.xlsx"' in response.headers["Content-Disposition"]
    rows = open_xlsx(response.data)
    assert rows[2][1] == party
    secret = next(r for r in answer_rows(rows) if r[0] == fra["secret"])
    assert secret[3] == fra["secret_text"][lang] and secret[5] == SECRET
    assert confidential in secret[7]


def test_xlsx_has_a_row_per_answer_and_no_formula(client, auth, app, fra):
    auth.login(CMS_SEC)
    response = client.get(f"/reports/{fra['id']}/submissions/1/report.xlsx?lang=en")
    rows = open_xlsx(response.data)
    assert [r[0] for r in rows[:5]] == [
        "Instrument",
        "Questionnaire",
        "Country or organisation",
        "Report",
        "Note",
    ]
    assert rows[1][1] == "CMS national report for COP15 (CMS-COP15)"
    data = answer_rows(rows)
    heading = rows[len(rows) - len(data) - 1]
    assert heading == (
        "Question no.",
        "Section",
        "Species or site",
        "Question",
        "Table row",
        "Answer",
        "Comment",
        "Note",
    )
    with app.app_context():
        submission = submission_of("CMS-COP15", "FRA")
        lines = printing.document(submission.snapshot, "en")
    expected = 0
    for line in (line for line in lines if line.kind == "item"):
        for answer in line.answers or [None]:
            table = answer.table if answer else None
            expected += sum(1 for _label, cells in table["rows"] if any(cells)) if table else 1
            expected += 1 if table and not any(any(c) for _label, c in table["rows"]) else 0
    assert len(data) == expected
    formula = next(r for r in data if r[0] == fra["formula"])
    assert formula[5] == "'" + FORMULA
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    for row in book.worksheets[0].iter_rows():
        for cell in row:
            assert cell.data_type != "f"
            assert not (isinstance(cell.value, str) and cell.value.startswith(("=", "+", "@")))


def test_xlsx_gives_a_table_one_row_per_filled_row(app, ctx):
    submission = submission_of("AEWA-MOP9", "BFA")
    with app.test_request_context():
        rows = answer_rows(
            open_xlsx(documents.xlsx_of(submission.report, submission.snapshot, "en", submission))
        )
    table = [r for r in rows if r[0] == "2.3"]
    assert [r[4] for r in table] == [
        "Lesser White-fronted Goose (Anser erythropus)",
        "Northern Bald Ibis (Geronticus eremita)",
    ]
    assert table[0][5].splitlines() == [
        "Status of the national action plan: Adopted",
        "Lead institution: Direction des Eaux et Forêts, Chasse et Conservation des Sols",
        "Member of the international working group: No",
    ]
    loop = [r for r in rows if r[2]]
    assert loop and all(r[1].startswith("3 ") for r in loop)  # species rows name their section


def test_the_report_as_it_stands(client, auth, app):
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        report_id = report.id
    auth.login(FP_FRA)
    response = client.get(f"/reports/{report_id}/report.docx?lang=fr")
    assert response.status_code == 200
    assert 'filename="CMS-COP15-FRA-fr.docx"' in response.headers["Content-Disposition"]
    body = [p.text for p in open_docx(response.data).paragraphs]
    assert any(p.startswith("Le rapport dans son état au") for p in body), body[:6]
    rows = open_xlsx(client.get(f"/reports/{report_id}/report.xlsx?lang=fr").data)
    assert rows[3][1].startswith("Le rapport dans son état au")


# --- who gets which file ----------------------------------------------------------------------

FILES = ["submissions/1/report.docx", "submissions/1/report.xlsx"]


@pytest.mark.parametrize(
    ("who", "reads_secret"), [(CMS_SEC, True), (FP_FRA, True), (ANALYST, False)]
)
def test_confidential_items_only_for_who_may_read_them(client, auth, fra, who, reads_secret):
    auth.login(who)
    docx_file = client.get(f"/reports/{fra['id']}/submissions/1/report.docx?lang=fr")
    xlsx_file = client.get(f"/reports/{fra['id']}/submissions/1/report.xlsx?lang=fr")
    assert docx_file.status_code == xlsx_file.status_code == 200
    words = docx_words(open_docx(docx_file.data))
    rows = open_xlsx(xlsx_file.data)
    for text in (SECRET, fra["secret_text"]["fr"]):
        assert (text in words) is reads_secret
        assert (text in xlsx_words(rows)) is reads_secret
    assert (fra["secret"] in [r[0] for r in answer_rows(rows)]) is reads_secret
    assert ("Confidentiel" in words) is reads_secret
    assert fra["formula"] in [r[0] for r in answer_rows(rows)]


@pytest.mark.parametrize("who", [FP_SEN, None])
def test_who_may_not_read_the_report_gets_no_file(client, auth, fra, who):
    if who:
        auth.login(who)
    pdf = client.get(f"/reports/{fra['id']}/submissions/1/print.pdf")
    for path in FILES + ["report.docx", "report.xlsx"]:
        response = client.get(f"/reports/{fra['id']}/{path}")
        assert response.status_code == pdf.status_code, path
        assert SECRET.encode() not in response.data and not response.data.startswith(b"PK")
        if who is None:
            assert response.status_code == 302 and "login" in response.headers["Location"]
        else:
            assert response.status_code in (403, 404)


def test_a_bad_language_or_submission_is_refused(client, auth, fra):
    auth.login(CMS_SEC)
    for query in ("?lang=de", "?lang=" + "x" * 500, "?lang=%00"):
        for path in FILES:
            response = client.get(f"/reports/{fra['id']}/{path}{query}")
            assert response.status_code in (400, 404) and not response.data.startswith(b"PK")
            assert response.mimetype == "text/html"
    assert client.get(f"/reports/{fra['id']}/submissions/7/report.docx").status_code == 404
    huge = f"/reports/{fra['id']}/submissions/99999999999/report.xlsx"
    assert client.get(huge).status_code == 404


def test_links_to_the_files(client, auth, fra):
    auth.login(CMS_SEC)
    printed = client.get(f"/reports/{fra['id']}/submissions/1/print?lang=es").text
    for extension in ("docx", "xlsx"):
        assert f"/reports/{fra['id']}/submissions/1/report.{extension}?lang=es" in printed
    listing = client.get(f"/reports/{fra['id']}/submissions").text
    for lang in ("en", "fr", "es"):
        assert f"/reports/{fra['id']}/submissions/1/report.docx?lang={lang}" in listing
    report = client.get(f"/reports/{fra['id']}/").text
    assert f"/reports/{fra['id']}/report.xlsx?lang=fr" in report


# --- every accepted report as one ZIP ---------------------------------------------------------


class Progress:
    def __init__(self) -> None:
        self.totals: list[int] = []
        self.done: list[int] = []

    def total(self, n: int) -> None:
        self.totals.append(n)

    def __call__(self, done: int) -> None:
        self.done.append(done)


def test_zip_of_the_accepted_reports(app, fra, tmp_path, monkeypatch):
    path = tmp_path / "cop15.zip"
    progress = Progress()
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP15")
        written = documents.write_reports_zip(q, user(ANALYST), "es", path, progress)
        parties = sorted(
            row.report.party.code
            for row in sub.submitted_reports(None)
            if row.report.questionnaire_id == q.id and row.report.status == "accepted"
        )
    assert "FRA" in parties and written == len(parties) >= 3
    assert progress.totals == [written] and progress.done == list(range(1, written + 1))
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert sorted(names) == sorted(
            f"CMS-COP15-{party}-1-es.{extension}"
            for party in parties
            for extension in ("pdf", "docx", "xlsx")
        )
        pdf = archive.read("CMS-COP15-FRA-1-es.pdf")
        word = open_docx(archive.read("CMS-COP15-FRA-1-es.docx"))
        sheet = open_xlsx(archive.read("CMS-COP15-FRA-1-es.xlsx"))
    # the analyst's copy has no confidential item, in any of the three files
    pdf_text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "Francia" in pdf_text and "Vaccar" not in pdf_text
    assert SECRET not in docx_words(word) and SECRET not in xlsx_words(sheet)
    assert fra["secret_text"]["es"] not in docx_words(word)
    assert word.sections[0].header.paragraphs[0].text.startswith("CMS · COP15 · Francia")

    # the secretariat's copy has it (the PDFs left aside: they are the same service)
    monkeypatch.setattr(printing, "pdf_of", lambda *args: b"%PDF-stub")
    with app.app_context():
        q = questionnaires.questionnaire_by_code("CMS-COP15")
        documents.write_reports_zip(q, user(CMS_SEC), "es", path, Progress())
    with zipfile.ZipFile(path) as archive:
        assert SECRET in docx_words(open_docx(archive.read("CMS-COP15-FRA-1-es.docx")))
        assert SECRET in xlsx_words(open_xlsx(archive.read("CMS-COP15-FRA-1-es.xlsx")))
