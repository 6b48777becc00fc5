"""The synthesis of the national reports (a DOCX), opened back with python-docx: Word's styles
(Title, Heading 1–3, Caption, Table Grid), the table of contents and page fields, alternative
text on every chart, every table's figures equal to the results pages' (their CSV downloads),
the "n of N" sentences, the texts in French and Spanish; the plan (items and order) kept per
questionnaire by the secretariat; the starred quotes; the export job and the command; the
policy (who plans, who stars, who reads; confidential items never in it); bad input refused
with a message."""

from __future__ import annotations

import html
import io
import re

import docx
import pytest
from docx.oxml.ns import qn

from app.analysis import jobs, query, synthesis
from app.analysis.models import QuoteStar, SynthesisPlan
from app.extensions import db
from app.i18n import translate
from app.questionnaires import services as questionnaires
from app.reporting.models import SubmittedAnswer
from tests.test_analysis_pages import read_csv, same_figure
from tests.test_reporting import AEWA_SEC, ANALYST, CMS_SEC, FP_FRA, user

COP14 = "CMS-COP14"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture(autouse=True)
def export_folder(app, tmp_path, monkeypatch):
    folder = tmp_path / "exports"
    monkeypatch.setitem(app.config, "EXPORT_FOLDER", str(folder))
    return folder


@pytest.fixture(autouse=True)
def english_secretariat(app, database):
    """The demo's CMS secretariat reads in French; these tests read its pages in English (the
    document's languages are tested apart)."""
    with app.app_context():
        user(CMS_SEC).locale = "en"
        db.session.commit()


# --- helpers --------------------------------------------------------------------------------


def questionnaire(code: str = COP14):
    return questionnaires.questionnaire_by_code(code)


def node_of(app, item_code: str, code: str = COP14) -> int:
    with app.app_context():
        return next(n.id for n in questionnaire(code).nodes if n.code == item_code)


def write(app, lang: str, code: str = COP14) -> docx.Document:
    with app.app_context():
        out = io.BytesIO()
        synthesis.write_docx(questionnaire(code), query.EVERYTHING, query.NO_FILTERS, lang, out)
    return docx.Document(io.BytesIO(out.getvalue()))


def headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def captioned_tables(document) -> list[tuple[str, list[list[str]]]]:
    """(caption without its "Table n:" prefix, rows) of every table, in order."""
    body = document.element.body
    found = []
    caption = ""
    tables = iter(document.tables)
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            style = child.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
            if style is not None and style.get(qn("w:val")) == "Caption":
                caption = text
        elif child.tag == qn("w:tbl"):
            table = next(tables)
            rows = [[cell.text for cell in row.cells] for row in table.rows]
            found.append((caption.split(": ", 1)[-1].split("\u00a0: ", 1)[-1], rows))
    return found


def use_language(client, lang: str) -> None:
    client.post("/language", data={"lang": lang, "next": "/analysis/"})


# --- the document ---------------------------------------------------------------------------


def test_the_synthesis_is_built_with_words_styles_fields_and_alt_text(app):
    document = write(app, "en")
    styles = [p.style.name for p in document.paragraphs]
    assert "Title" in styles and "Caption" in styles and "Quote" in styles
    assert styles.count("Heading 1") >= 6  # "How to read" and the questionnaire's sections
    xml = document.element.xml
    assert "TOC \\o" in xml  # the table of contents, a field Word fills in
    assert all(t.style.name == "Table Grid" for t in document.tables)
    header = document.sections[0].header.paragraphs[0].text
    assert header == "CMS · COP14 · Synthesis of the national reports"
    footer = document.sections[0].footer.part.element.xml
    assert " PAGE " in footer and " NUMPAGES " in footer
    pictures = document.element.body.xpath(".//wp:docPr")
    assert len(pictures) >= 15
    for picture in pictures:
        assert picture.get("descr", "").startswith("Chart: ")
    # every question of the default plan, in the questionnaire's order, with its sentence
    with app.app_context():
        expected = [f"{n.number} " for n in synthesis.candidates(questionnaire())]
    items = headings(document, 3)
    assert [h[: len(e)] for h, e in zip(items, expected, strict=True)] == expected
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.count("that submitted, of 123 that owed the report") == len(expected)
    assert "44 national reports received of 123 owed." in text
    assert "The same question of the bank (SPEC-PROT-01) was also answered in" in text


@pytest.mark.parametrize("lang", ["fr", "es"])
def test_every_table_of_the_synthesis_holds_the_figures_of_the_results_pages(
    app, client, auth, lang
):
    document = write(app, lang)
    auth.logout()
    auth.login(ANALYST)
    use_language(client, lang)
    with app.app_context():
        nodes = [(n.id, n.number) for n in synthesis.candidates(questionnaire())]
    page_tables: dict[str, list[list[str]]] = {}
    for node_id, _number in nodes:
        page = client.get(f"/analysis/{COP14}/results/{node_id}")
        assert page.status_code == 200
        for key in re.findall(r'<figure class="analysis-table mb-4" id="([^"]+)"', page.text):
            data = client.get(f"/analysis/{COP14}/results/{node_id}?table={key}&format=csv")
            header, *rows = read_csv(data.data)
            caption = re.search(
                rf'id="{re.escape(key)}">.*?<caption[^>]*>([^<]+)<', page.text, re.S
            )
            page_tables[html.unescape(caption.group(1))] = [header, *rows]
    compared = 0
    for caption, rows in captioned_tables(document):
        if caption not in page_tables:
            continue  # the title page's table by region
        expected = page_tables[caption]
        assert rows[0] == expected[0], caption
        assert len(rows) == len(expected), caption
        for got, want in zip(rows[1:], expected[1:], strict=True):
            for cell, given in zip(got, want, strict=True):
                assert same_figure(given, cell, lang), (caption, given, cell)
        compared += 1
    assert compared >= 40
    # texts in the document's language
    with app.app_context():
        node = next(n for n in questionnaire().nodes if n.code == "SPEC-PROT-01")
        question = str(
            translate(node.effective_text, lang=lang, instrument=node.questionnaire.instrument)
        )
    assert any(question in h for h in headings(document, 3))
    words = "\n".join(p.text for p in document.paragraphs)
    if lang == "fr":
        assert "Synthèse des rapports nationaux" in words
        assert "réponses, sur 44 rapports présentés et 123 rapports dus" in words
    else:
        assert "Síntesis de los informes nacionales" in words


def test_the_plan_chooses_the_items_and_their_order(app, client, auth):
    auth.logout()
    auth.login(CMS_SEC)
    ids = {code: node_of(app, code) for code in ("SPEC-PROT-01", "HAB-PA-02", "CMS14-GEN-02")}
    form = {
        "include": [str(ids["SPEC-PROT-01"]), str(ids["HAB-PA-02"]), str(ids["CMS14-GEN-02"])],
        f"position-{ids['HAB-PA-02']}": "1",
        f"position-{ids['CMS14-GEN-02']}": "2",
        f"position-{ids['SPEC-PROT-01']}": "3",
        "quotes_per_region": "1",
    }
    saved = client.post(f"/analysis/{COP14}/synthesis/plan", data=form)
    assert saved.status_code == 303
    page = client.get(f"/analysis/{COP14}/synthesis")
    assert "The plan of the synthesis is saved." in page.text
    document = write(app, "en")
    assert [h.split(" ", 1)[0] for h in headings(document, 3)] == ["5.2", "1.2", "2.1"]
    # sections headed as they come: 5, then 1, then 2
    assert [h.split(" ", 1)[0] for h in headings(document, 1)][1:] == ["5", "1", "2"]
    text = "\n".join(p.text for p in document.paragraphs)
    assert "The longest answer of each region (1 per region, of 23 answers)." in text

    # the analyst reads the plan, may not change it; another instrument's secretariat never sees it
    auth.logout()
    auth.login(ANALYST)
    page = client.get(f"/analysis/{COP14}/synthesis")
    assert page.status_code == 200 and 'name="include"' not in page.text
    assert "The instrument's secretariat chooses the questions and their order." in page.text
    refused = client.post(f"/analysis/{COP14}/synthesis/plan", data={**form, "include": []})
    assert refused.status_code == 403
    auth.logout()
    auth.login(AEWA_SEC)
    assert client.get(f"/analysis/{COP14}/synthesis").status_code == 404
    assert client.post(f"/analysis/{COP14}/synthesis/plan", data=form).status_code == 404
    with app.app_context():
        plan = db.session.get(SynthesisPlan, questionnaire().id)
        assert plan.items == [ids["HAB-PA-02"], ids["CMS14-GEN-02"], ids["SPEC-PROT-01"]]

    # back to every question
    auth.logout()
    auth.login(CMS_SEC)
    client.post(f"/analysis/{COP14}/synthesis/plan", data={"reset": "1"})
    with app.app_context():
        assert db.session.get(SynthesisPlan, questionnaire().id) is None


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("quotes_per_region", "abc", "The number of quotes per region must be a whole number"),
        ("quotes_per_region", "21", "The number of quotes per region must be a whole number"),
        ("quotes_per_region", "9" * 40, "The number of quotes per region must be a whole number"),
        ("position", "1e9", "must be a whole number from 1 to 10,000."),
        ("position", "0", "must be a whole number from 1 to 10,000."),
        ("include", "2147483648", "are not questions of this questionnaire"),
    ],
)
def test_a_plan_that_cannot_be_read_is_refused_and_the_saved_one_kept(
    app, client, auth, field, value, message
):
    auth.logout()
    auth.login(CMS_SEC)
    node_id = node_of(app, "SPEC-PROT-01")
    client.post(f"/analysis/{COP14}/synthesis/plan", data={"include": [str(node_id)]})
    form = {"include": [str(node_id)], "quotes_per_region": "2"}
    if field == "position":
        form[f"position-{node_id}"] = value
    elif field == "include":
        form["include"] = [str(node_id), value]
    else:
        form[field] = value
    refused = client.post(f"/analysis/{COP14}/synthesis/plan", data=form)
    assert refused.status_code == 400
    assert message in refused.text and "Traceback" not in refused.text
    with app.app_context():
        assert db.session.get(SynthesisPlan, questionnaire().id).items == [node_id]
    nothing = client.post(f"/analysis/{COP14}/synthesis/plan", data={"quotes_per_region": "2"})
    assert nothing.status_code == 400
    assert "Choose at least one question for the synthesis." in nothing.text


def texts_of(app, item_code: str) -> list[tuple[int, str, str]]:
    """(report id, country code, text) of the latest answers to a text item of CMS-COP14."""
    from app.directory.models import Party

    with app.app_context():
        node_id = next(n.id for n in questionnaire().nodes if n.code == item_code)
        rows = db.session.execute(
            db.select(SubmittedAnswer.report_id, Party.code, SubmittedAnswer.value_text)
            .join(Party, Party.id == SubmittedAnswer.party_id)
            .where(
                SubmittedAnswer.node_id == node_id,
                SubmittedAnswer.latest,
                SubmittedAnswer.value_text != "",
            )
            .order_by(Party.code)
        ).all()
    return [tuple(row) for row in rows]


def test_starred_answers_are_the_quotes(app, client, auth):
    node_id = node_of(app, "CMS14-GEN-02")
    answers = texts_of(app, "CMS14-GEN-02")
    chosen = answers[:3]
    auth.logout()
    auth.login(CMS_SEC)
    page = client.get(f"/analysis/{COP14}/texts/{node_id}")
    assert page.text.count("☆ Quote") == len(answers)
    for report_id, _code, _text in chosen:
        done = client.post(
            f"/analysis/{COP14}/texts/{node_id}/star",
            data={
                "report": str(report_id),
                "key": "",
                "star": "1",
                "back": f"/analysis/{COP14}/texts/{node_id}",
            },
        )
        assert done.status_code == 303
    page = client.get(f"/analysis/{COP14}/texts/{node_id}")
    assert page.text.count("★ Quoted") == 3
    assert "The answer will be quoted in the synthesis." in page.text

    document = write(app, "en")
    paragraphs = [p.text for p in document.paragraphs]
    at = next(i for i, t in enumerate(paragraphs) if t.startswith("1.2 "))
    end = next(i for i, t in enumerate(paragraphs) if i > at and t.startswith("2 "))
    part = paragraphs[at:end]
    quoted = [p.text for p in document.paragraphs[at:end] if p.style.name == "Quote"]
    assert sorted(quoted) == sorted(text for _r, _c, text in chosen)
    assert "Quoted answers. The 3 answers starred by the secretariat." in part
    with app.app_context():
        from app.directory import services as directory

        names = {str(translate(directory.party_by_code(c).name, lang="en")) for _r, c, _t in chosen}
    assert {t[2:] for t in part if t.startswith("— ")} == names

    # unstarred: back to the longest per region
    report_id = chosen[0][0]
    client.post(
        f"/analysis/{COP14}/texts/{node_id}/star",
        data={"report": str(report_id), "key": "", "star": "0"},
    )
    with app.app_context():
        assert db.session.query(QuoteStar).count() == 2

    # only the secretariat stars; only text answers; a report without that answer is refused
    yes_no = node_of(app, "SPEC-PROT-01")
    refused = client.post(
        f"/analysis/{COP14}/texts/{yes_no}/star", data={"report": str(report_id), "star": "1"}
    )
    assert refused.status_code == 400
    assert "Only the answers to a free-text question may be quoted." in refused.text
    for report in ("abc", "99999999999999999999", ""):
        refused = client.post(
            f"/analysis/{COP14}/texts/{node_id}/star", data={"report": report, "star": "1"}
        )
        assert refused.status_code == 400, report
    auth.logout()
    auth.login(ANALYST)
    page = client.get(f"/analysis/{COP14}/texts/{node_id}")
    assert "☆ Quote" not in page.text and page.text.count("★ Quoted in the synthesis") == 2
    assert (
        client.post(
            f"/analysis/{COP14}/texts/{node_id}/star", data={"report": str(report_id), "star": "1"}
        ).status_code
        == 403
    )


def test_confidential_items_are_never_in_the_synthesis(app, client, auth):
    with app.app_context():
        node = next(n for n in questionnaire().nodes if n.code == "SPEC-PROT-02")
        node.confidential = True
        text = str(
            translate(node.effective_text, lang="en", instrument=node.questionnaire.instrument)
        )
        secret = db.session.scalar(
            db.select(SubmittedAnswer.value_text).where(
                SubmittedAnswer.node_id == node.id,
                SubmittedAnswer.latest,
                SubmittedAnswer.value_text != "",
            )
        )
        db.session.commit()
        node_id = node.id
    auth.logout()
    auth.login(CMS_SEC)  # the secretariat reads confidential answers, but not in the synthesis
    page = client.get(f"/analysis/{COP14}/synthesis")
    assert f'id="include-{node_id}"' not in page.text and text not in page.text
    refused = client.post(f"/analysis/{COP14}/synthesis/plan", data={"include": [str(node_id)]})
    assert refused.status_code == 400
    document = write(app, "en")
    everything = "\n".join(p.text for p in document.paragraphs) + "".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    )
    assert text not in everything and secret not in everything


def test_the_synthesis_as_an_export_job_and_a_command(app, client, auth, runner, tmp_path):
    auth.logout()
    auth.login(ANALYST)
    started = client.post(
        f"/analysis/{COP14}/export", data={"kind": "synthesis", "format": "docx", "lang": "es"}
    )
    assert started.status_code == 303
    assert jobs.wait_for_local_jobs(300)
    page = client.get(started.headers["Location"])
    assert "Ready" in page.text and "DOCX" in page.text
    token = started.headers["Location"].rsplit("/", 1)[-1]
    response = client.get(f"/analysis/jobs/{token}/file")
    assert response.mimetype == DOCX
    assert "CMS-COP14-synthesis-es.docx" in response.headers["Content-Disposition"]
    document = docx.Document(io.BytesIO(response.data))
    response.close()
    assert headings(document, 1)[0] == "Cómo leer esta síntesis"
    wrong = client.post(f"/analysis/{COP14}/export", data={"kind": "synthesis", "format": "csv"})
    assert wrong.status_code == 400 and "This file is not written as CSV." in wrong.text

    output = tmp_path / "cop14-fr.docx"
    result = runner.invoke(
        args=[
            "export",
            "synthesis",
            "--questionnaire",
            COP14,
            "--language",
            "fr",
            "--output",
            str(output),
        ]
    )
    assert result.exit_code == 0, result.output
    assert "29 questions" in result.output
    assert headings(docx.Document(output), 1)[0] == "Comment lire cette synthèse"
    bad = runner.invoke(
        args=["export", "synthesis", "--questionnaire", COP14, "--output", str(tmp_path / "x.pdf")]
    )
    assert bad.exit_code != 0 and "--output must name a .docx file." in bad.output


def test_a_focal_point_has_no_synthesis(client, auth):
    auth.logout()
    auth.login(FP_FRA)
    assert client.get(f"/analysis/{COP14}/synthesis").status_code in (403, 404)
    refused = client.post(f"/analysis/{COP14}/export", data={"kind": "synthesis"})
    assert refused.status_code in (403, 404)


def test_the_accepted_reports_as_one_zip_by_an_export_job(app, client, auth):
    import zipfile

    from app.reporting.models import Report, ReportStatus

    with app.app_context():
        accepted = sorted(
            report.party.code
            for report in db.session.scalars(
                db.select(Report).where(
                    Report.questionnaire_id == questionnaire("RAPTORS-MOS4").id,
                    Report.status == ReportStatus.ACCEPTED.value,
                )
            )
        )
    auth.logout()
    auth.login(ANALYST)
    started = client.post("/analysis/RAPTORS-MOS4/export", data={"kind": "reports", "lang": "fr"})
    assert started.status_code == 303
    assert jobs.wait_for_local_jobs(600)
    assert accepted  # the demo's Raptors MoU reports, most of them accepted
    page = client.get(started.headers["Location"])
    assert f"{len(accepted)} of {len(accepted)} reports written." in page.text
    token = started.headers["Location"].rsplit("/", 1)[-1]
    response = client.get(f"/analysis/jobs/{token}/file")
    assert response.mimetype == "application/zip"
    assert "RAPTORS-MOS4-reports-fr.zip" in response.headers["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(response.data)) as archive:
        names = archive.namelist()
    response.close()
    assert len(names) == 3 * len(accepted)
    assert {name.rsplit(".", 1)[1] for name in names} == {"pdf", "docx", "xlsx"}
    assert sorted({name.split("-")[2] for name in names}) == accepted
    assert all(name.endswith("-fr." + name.rsplit(".", 1)[1]) for name in names)


@pytest.mark.parametrize(
    "back",
    [
        "//evil.example/",
        "/\\evil.example",
        "/analysis/%0d%0aX",
        "https://evil.example/",
        "/reports/",
    ],
)
def test_a_star_goes_back_only_to_an_analysis_page_of_this_site(app, client, auth, back):
    node_id = node_of(app, "CMS14-GEN-02")
    report_id = texts_of(app, "CMS14-GEN-02")[0][0]
    auth.logout()
    auth.login(CMS_SEC)
    done = client.post(
        f"/analysis/{COP14}/texts/{node_id}/star",
        data={"report": str(report_id), "key": "", "star": "1", "back": back},
    )
    assert done.status_code == 303
    assert done.location.endswith(f"/analysis/{COP14}/texts/{node_id}")
