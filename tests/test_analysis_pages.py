"""The analysis pages through the HTTP client, as analyst@demo.test reads CMS-COP14 in English,
French and Spanish: the pages render; their figures are those of the tidy relation
(`submitted_answers`) recomputed here; every "download data" link gives the figures shown (CSV
with a BOM, XLSX opened back with openpyxl); charts are SVG; filters that cannot be applied are
refused with a message; the free texts are searched whatever the accents and the case."""

from __future__ import annotations

import csv
import io
import re
import statistics
from decimal import Decimal
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa
from babel.numbers import parse_decimal
from flask_babel import force_locale, gettext
from openpyxl import load_workbook

from app import answers
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import services, submission
from app.reporting.models import Report, Submission, SubmittedAnswer
from tests.reporting_helpers import make_ready
from tests.test_reporting import FP_FRA, first_item, report_of, save, user

ANALYST = "analyst@demo.test"
COP14 = "CMS-COP14"
LANGUAGES = ("en", "fr", "es")
BOM = b"\xef\xbb\xbf"


# --- reading the pages ---------------------------------------------------------------------------


class Figures(HTMLParser):
    """The analysis tables of a page (`<figure class="analysis-table">`), by key: header, body
    rows and note as the reader sees them (whitespace collapsed), download links and chart."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.figures: dict[str, dict] = {}
        self._figure = self._part = self._row = self._cell = self._note = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figure" and "analysis-table" in (a.get("class") or ""):
            self._figure = {
                "caption": "", "header": [], "rows": [], "links": {}, "chart": None, "note": "",
            }  # fmt: skip
            self.figures[a["id"]] = self._figure
        if self._figure is None:
            return
        if tag in ("thead", "tbody"):
            self._part = tag
        elif tag == "caption":
            self._cell = []
        elif tag == "tr":
            self._row = []
        elif tag in ("th", "td") and self._row is not None:
            self._cell = [] if "colspan" not in a else None  # "nothing to show": no figure
            if "colspan" in a:
                self._row = None
        elif tag == "img":
            self._figure["chart"] = a["src"]
        elif tag == "a" and "download" in a:
            self._figure["links"][parse_qs(urlsplit(a["href"]).query)["format"][0]] = a["href"]
        elif tag == "p":
            self._note = []

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._note is not None:
            self._note.append(data)

    def handle_endtag(self, tag):
        if self._figure is None:
            return
        if tag == "caption":
            self._figure["caption"] = " ".join("".join(self._cell).split())
            self._cell = None
        elif tag in ("th", "td") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._part == "thead":
                self._figure["header"] = self._row
            else:
                self._figure["rows"].append(self._row)
            self._row = None
        elif tag == "p" and self._note is not None:
            self._figure["note"] = " ".join("".join(self._note).split())
            self._note = None
        elif tag == "figure":
            self._figure = None


def shown_number(text: str, lang: str) -> Decimal:
    """A number as a page shows it in `lang` ("65,2 %", "1 234"), read back."""
    bare = re.sub(r"[\s%\u00a0\u202f]", "", text)
    return parse_decimal(bare, locale=lang, strict=False)


def same_figure(given: str, shown: str, lang: str) -> bool:
    """Whether a CSV cell says what the page's cell shows."""
    if given == "":
        return shown == "—"
    try:
        number = Decimal(given)
    except ArithmeticError:
        return given == shown
    return number == shown_number(shown, lang)


def read_csv(body: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))


def use_language(client, lang: str) -> None:
    client.post("/language", data={"lang": lang, "next": "/analysis/"})


@pytest.fixture
def analyst(client, auth):
    auth.login(ANALYST)
    return client


def node_of(app, code: str, item_code: str) -> int:
    with app.app_context():
        questionnaire = questionnaires.questionnaire_by_code(code)
        return next(n.id for n in questionnaire.nodes if n.code == item_code)


# --- the pages render ----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_render_in_each_language(app, analyst, lang):
    use_language(analyst, lang)
    yes_no = node_of(app, COP14, "SPEC-PROT-01")
    text = node_of(app, COP14, "CMS14-GEN-01")
    pages = [
        "/analysis/",
        f"/analysis/{COP14}/status",
        f"/analysis/{COP14}/results",
        f"/analysis/{COP14}/results/{yes_no}",
        f"/analysis/{COP14}/texts/{text}",
    ]
    with app.test_request_context(), force_locale(lang):
        results_title, texts_title = gettext("Results"), gettext("Search the texts")
        owed = gettext("Reports owed")
    for url in pages:
        page = analyst.get(url)
        assert page.status_code == 200, url
        assert f'<html lang="{lang}">' in page.text, url
    assert results_title in analyst.get(f"/analysis/{COP14}/results").text
    assert texts_title in analyst.get(f"/analysis/{COP14}/texts/{text}").text
    assert owed in analyst.get(f"/analysis/{COP14}/status").text
    index = analyst.get("/analysis/").text
    assert 'data-questionnaire="CMS-COP14"' in index


# --- the figures are those of the tidy relation --------------------------------------------------


def latest_rows(questionnaire_id: int, node_id: int) -> list[SubmittedAnswer]:
    return list(
        db.session.scalars(
            sa.select(SubmittedAnswer).where(
                SubmittedAnswer.questionnaire_id == questionnaire_id,
                SubmittedAnswer.node_id == node_id,
                SubmittedAnswer.latest,
            )
        )
    )


def denominators_from_rows(rows, submitted: int, owed: int) -> list[int]:
    """answered, submitted, owed, no information, not applicable, no answer — per country."""
    answered = {r.report_id for r in rows if not r.hidden and not r.no_info and r.value_text}
    no_info = {r.report_id for r in rows if not r.hidden and r.no_info} - answered
    hidden = {r.report_id for r in rows if r.hidden} - answered - no_info
    rest = submitted - len(answered) - len(no_info) - len(hidden)
    return [len(answered), submitted, owed, len(no_info), len(hidden), rest]


def test_figures_of_the_results_page_are_recomputed_from_the_tidy_rows(app, analyst):
    page = analyst.get(f"/analysis/{COP14}/results")
    figures = Figures(page.text).figures
    with app.app_context():
        questionnaire = questionnaires.questionnaire_by_code(COP14)
        owed = db.session.scalar(
            sa.select(sa.func.count(Report.id)).where(Report.questionnaire_id == questionnaire.id)
        )
        submitted = db.session.scalar(
            sa.select(sa.func.count(sa.distinct(Submission.report_id)))
            .join(Report, Report.id == Submission.report_id)
            .where(Report.questionnaire_id == questionnaire.id)
        )
        nodes = {n.code: n for n in questionnaire.nodes if n.code}
        say = answers.Saying("en", questionnaire.instrument)
        choices = {}
        for code in ("SPEC-PROT-01", "THR-BYCATCH-01"):
            node = nodes[code]
            options = answers.options(node.effective_type, node.effective_config, say)
            choices[code] = (options, latest_rows(questionnaire.id, node.id))
        number_rows = latest_rows(questionnaire.id, nodes["HAB-PA-02"].id)
        nodes = {code: node.id for code, node in nodes.items()}
    lead = f"{submitted} of {owed} Parties and Signatories that owed this report submitted it."
    assert lead in page.text and submitted == 44

    for code, (options, rows) in choices.items():
        figure = figures[f"item-{nodes[code]}"]
        expected = denominators_from_rows(rows, submitted, owed)
        assert [int(n) for n in re.findall(r"\d+", figure["note"])] == expected, code
        answered = expected[0]
        chosen: dict[str, set[int]] = {}
        for row in rows:
            if not row.hidden and not row.no_info and row.value_text:
                chosen.setdefault(row.value_text, set()).add(row.report_id)
        assert len(figure["rows"]) == len(options) >= 2
        for (key, label), (shown_label, count, percent) in zip(
            options, figure["rows"], strict=True
        ):
            n = len(chosen.get(key, ()))
            assert (shown_label, int(count)) == (label, n), code
            assert shown_number(percent, "en") == Decimal(str(round(100 * n / answered, 1)))

    # a number asked only of the countries that identified critical sites
    figure = figures[f"item-{nodes['HAB-PA-02']}"]
    expected = denominators_from_rows(number_rows, submitted, owed)
    assert [int(n) for n in re.findall(r"\d+", figure["note"])] == expected
    assert expected[4] > 0  # "not applicable" counted apart, not as "no answer"
    values = sorted(
        r.number for r in number_rows if not r.hidden and not r.no_info and r.number is not None
    )
    n, low, median, mean, high, total = figure["rows"][0]
    assert int(n) == len(values) == expected[0]
    assert shown_number(low, "en") == Decimal(str(values[0]))
    assert shown_number(high, "en") == Decimal(str(values[-1]))
    assert float(shown_number(median, "en")) == pytest.approx(statistics.median(values))
    assert float(shown_number(mean, "en")) == pytest.approx(statistics.fmean(values), abs=1e-6)
    assert float(shown_number(total, "en")) == pytest.approx(sum(values))


# --- downloads and charts ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_csv_download_gives_the_figures_shown(analyst, lang):
    use_language(analyst, lang)
    page = analyst.get(f"/analysis/{COP14}/results")
    figures = Figures(page.text).figures
    assert len(figures) > 15
    for key, figure in figures.items():
        response = analyst.get(figure["links"]["csv"])
        assert response.status_code == 200, key
        assert response.content_type == "text/csv; charset=utf-8"
        assert f"-{lang}.csv" in response.headers["Content-Disposition"]
        assert response.data.startswith(BOM)
        header, *rows = read_csv(response.data)
        # the page's text is read with its spaces collapsed: a French no-break space too
        assert [" ".join(h.split()) for h in header] == figure["header"], key
        assert len(rows) == len(figure["rows"]), key
        for given, shown in zip(rows, figure["rows"], strict=True):
            assert len(given) == len(shown) == len(header), key
            for a, b in zip(given, shown, strict=True):
                assert same_figure(a, b, lang), (key, a, b)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_xlsx_downloads_open_and_hold_the_csv_figures(app, analyst, lang):
    use_language(analyst, lang)
    figures = Figures(analyst.get(f"/analysis/{COP14}/results").text).figures
    chosen = [
        f"item-{node_of(app, COP14, 'SPEC-PROT-01')}",
        f"item-{node_of(app, COP14, 'HAB-PA-02')}",
        f"item-{node_of(app, COP14, 'SPEC-OCCUR-01')}-loop",
    ]
    for key in chosen:
        response = analyst.get(figures[key]["links"]["xlsx"])
        assert response.status_code == 200
        assert response.mimetype == (
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        sheet = load_workbook(io.BytesIO(response.data), read_only=True).active
        (caption, *_empty), header, *rows = list(sheet.iter_rows(values_only=True))
        assert caption == figures[key]["caption"]
        assert [" ".join(h.split()) for h in header] == figures[key]["header"]
        _header, *from_csv = read_csv(analyst.get(figures[key]["links"]["csv"]).data)
        for given, expected in zip(rows, from_csv, strict=False):
            for cell, text in zip(given, expected, strict=True):
                if isinstance(cell, int | float):
                    assert Decimal(text) == Decimal(str(cell)), (key, cell, text)
                else:
                    assert (cell or "") == text, (key, cell, text)
        assert len(rows) >= len(from_csv)  # and then the note, below the table


def test_chart_links_answer_svg(analyst):
    figures = Figures(analyst.get(f"/analysis/{COP14}/results").text).figures
    charts = [f["chart"] for f in figures.values() if f["chart"]]
    assert len(charts) > 10
    for src in charts:
        response = analyst.get(src)
        assert response.status_code == 200, src
        assert response.mimetype == "image/svg+xml"
        assert b"<svg" in response.data[:2000]
    # a table without a chart (one with more choices than colours) has no chart to answer
    for key, figure in figures.items():
        if not figure["chart"]:
            assert analyst.get(f"/analysis/{COP14}/results?chart={key}").status_code == 404
    assert analyst.get(f"/analysis/{COP14}/results?chart=item-0").status_code == 404
    assert analyst.get(f"/analysis/{COP14}/results?table=nope&format=csv").status_code == 404
    key = next(iter(figures))
    assert analyst.get(f"/analysis/{COP14}/results?table={key}&format=pdf").status_code == 404


def test_item_page_downloads_its_breakdown_by_region(app, analyst):
    node = node_of(app, COP14, "SPEC-PROT-01")
    page = analyst.get(f"/analysis/{COP14}/results/{node}")
    figures = Figures(page.text).figures
    regions = figures[f"item-{node}-regions"]
    assert [row[0] for row in regions["rows"]][:3] == ["Africa", "Asia", "Europe"]
    header, *rows = read_csv(analyst.get(regions["links"]["csv"]).data)
    assert header == regions["header"]
    assert all(
        same_figure(a, b, "en")
        for given, shown in zip(rows, regions["rows"], strict=True)
        for a, b in zip(given, shown, strict=True)
    )
    # the regions add up to the whole: answered, yes, no
    whole = figures[f"item-{node}"]
    answered = int(re.findall(r"\d+", whole["note"])[0])
    assert sum(int(row[1]) for row in rows) == answered
    assert sum(int(row[3]) for row in rows) == int(whole["rows"][0][1])
    assert sum(int(row[5]) for row in rows) == int(whole["rows"][1][1])


# --- refused filters -----------------------------------------------------------------------------


REFUSED = [
    ("region=mars", "This region does not exist."),
    ("answered=abc", "This answer filter does not match a choice of this questionnaire."),
    (
        "answered=99999999999:yes",
        "This answer filter does not match a choice of this questionnaire.",
    ),
    ("status=nope", "This report status does not exist."),
    ("membership=king", "This membership status does not exist."),
]


@pytest.mark.parametrize(("query", "message"), REFUSED)
def test_filters_that_cannot_be_applied_are_refused_with_a_message(app, analyst, query, message):
    node = node_of(app, COP14, "SPEC-PROT-01")
    text = node_of(app, COP14, "CMS14-GEN-01")
    for path in ("status", "results", f"results/{node}", f"texts/{text}"):
        refused = analyst.get(f"/analysis/{COP14}/{path}?{query}")
        assert refused.status_code == 400, path
        assert message in refused.text, path
    use_language(analyst, "fr")
    with app.test_request_context(), force_locale("fr"):
        french = gettext(message)
    refused = analyst.get(f"/analysis/{COP14}/results?{query}")
    assert refused.status_code == 400
    assert '<html lang="fr">' in refused.text and french in refused.text
    assert "Traceback" not in refused.text


def test_a_choice_of_another_question_is_refused(app, analyst):
    yes_no = node_of(app, COP14, "SPEC-PROT-01")
    in_loop = node_of(app, COP14, "SPEC-OCCUR-01")
    other = node_of(app, "CMS-COP15", "SPEC-PROT-01")
    for value in (f"{yes_no}:maybe", f"{in_loop}:breeding", f"{other}:yes", f"{yes_no}"):
        refused = analyst.get(f"/analysis/{COP14}/results?answered={value}")
        assert refused.status_code == 400, value
    assert analyst.get(f"/analysis/{COP14}/results?answered={yes_no}:yes").status_code == 200


# --- free texts ----------------------------------------------------------------------------------


ENERGY = "Stratégie nationale pour l’Énergie éolienne en mer"


def submit_a_text(app) -> tuple[int, str]:
    """France's CMS-COP15 report, made ready and submitted through the services with ENERGY
    as the answer to a text question. Returns the question's node id and number."""
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        make_ready(report, user(FP_FRA))
        filled = services.fill(report, "fr")
        item = first_item(filled, "long_text")
        answer = filled.answer(item)
        save(filled, item, ENERGY, answer.version if answer else 0, user(FP_FRA))
        submission.submit(report, user(FP_FRA), "fr", notify=False)
        db.session.commit()
        return item.node.id, item.node.number


def test_free_text_search_ignores_accents_and_case(app, analyst):
    node_id, _number = submit_a_text(app)
    url = f"/analysis/CMS-COP15/texts/{node_id}"
    for search in ("energie", "ÉNERGIE", "éolienne EN MER", "  strategie "):
        page = analyst.get(url, query_string={"q": search})
        assert page.status_code == 200
        assert ENERGY in page.text, search
        assert 'id="texts-FRA"' in page.text
    nothing = analyst.get(url, query_string={"q": "hydrogène"})
    assert ENERGY not in nothing.text and "No text matches." in nothing.text
    # the download holds what the search kept
    download = analyst.get(url, query_string={"q": "energie", "table": f"texts-{node_id}"})
    _header, *rows = read_csv(download.data)
    assert rows == [["FRA", "France", "", ENERGY]]

    # the demo's COP14 texts, written in lower case with accents
    institutions = node_of(app, COP14, "CMS14-GEN-02")
    found = analyst.get(f"/analysis/{COP14}/texts/{institutions}?q=ENERGIE")
    assert found.status_code == 200
    assert "l’énergie" in found.text
    too_long = analyst.get(f"/analysis/{COP14}/texts/{institutions}?q={'x' * 500}")
    assert too_long.status_code == 400 and "Traceback" not in too_long.text


def test_texts_page_is_only_for_text_questions(app, analyst):
    yes_no = node_of(app, COP14, "SPEC-PROT-01")
    assert analyst.get(f"/analysis/{COP14}/texts/{yes_no}").status_code == 404
    of_another = node_of(app, "RAPTORS-MOS4", next_text_code(app, "RAPTORS-MOS4"))
    assert analyst.get(f"/analysis/{COP14}/texts/{of_another}").status_code == 404
    assert analyst.get(f"/analysis/{COP14}/texts/2147483648").status_code == 404
    assert analyst.get(f"/analysis/{COP14}/results/2147483647").status_code == 404


def next_text_code(app, code: str) -> str:
    with app.app_context():
        questionnaire = questionnaires.questionnaire_by_code(code)
        return next(
            n.code
            for n in questionnaire.nodes
            if n.code and n.effective_type in ("short_text", "long_text")
        )
