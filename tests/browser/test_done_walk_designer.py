"""Issue 7's "done" walk, in one browser session per secretariat, on the demo data.

cms.secretariat (French) builds a new questionnaire for COP16 in the designer: three sections,
twelve questions from the bank, one local table, seven other local questions, a species loop (on
the COP16 species list she first creates from COP15's), two visibility conditions. She fills the
missing Spanish texts on the Texts page, previews in Spanish and publishes. aewa.secretariat
(English) then finds those bank questions marked as used by CMS and reuses them in a new AEWA
draft. Every page is checked with axe; the key ones are photographed on a desktop and a phone."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import Page, expect

from app.extensions import db
from app.questionnaires import tree
from app.questionnaires.models import Questionnaire
from tests.browser.test_accessibility import VIEWPORTS, assert_accessible, open_page

pytestmark = pytest.mark.browser

CMS_SECRETARIAT = "cms.secretariat@demo.test"  # prefers French
AEWA_SECRETARIAT = "aewa.secretariat@demo.test"  # prefers English
CODE = "CMS-COP16"

# CMS questions of the bank that no CMS questionnaire used before, by section.
BANK = {
    1: ["IMPL-PLAN-06", "IMPL-PLAN-07", "IMPL-FUND-02", "IMPL-FUND-03", "IMPL-IPLC-01",
        "IMPL-IPLC-04"],
    2: ["THR-POWER-04", "THR-POWER-02", "THR-WIND-03", "THR-WIND-07", "THR-INVASIVE-01",
        "THR-POLLUTION-01"],
}  # fmt: skip

SECTIONS = [
    ("Implementation", "Mise en œuvre", "Aplicación"),
    ("Threats", "Menaces", "Amenazas"),
    ("Listed species", "Espèces inscrites", "Especies incluidas en los Apéndices"),
]

# Local questions: section, code, type, English, French, Spanish (typed on the Texts page).
LOCAL = [
    (1, "CMS16-CONTACT", "short_text", "Name of the national focal point’s institution",
     "Nom de l’institution du correspondant national",
     "Nombre de la institución del coordinador nacional"),
    (1, "CMS16-STRATEGY", "yes_no", "Has a national migratory species strategy been adopted?",
     "Une stratégie nationale pour les espèces migratrices a-t-elle été adoptée ?",
     "¿Se ha adoptado una estrategia nacional para las especies migratorias?"),
    (1, "CMS16-ADOPTED", "date", "When was it adopted?", "Quand a-t-elle été adoptée ?",
     "¿Cuándo se adoptó?"),
    (2, "CMS16-THREATS", "long_text", "Other threats to migratory species in your country",
     "Autres menaces pesant sur les espèces migratrices dans votre pays",
     "Otras amenazas para las especies migratorias en su país"),
    (3, "CMS16-TREND", "single_choice", "Population trend in your country",
     "Tendance de la population dans votre pays", "Tendencia de la población en su país"),
    (3, "CMS16-COUNT", "number", "Estimated number of breeding pairs",
     "Nombre estimé de couples nicheurs", "Número estimado de parejas reproductoras"),
    (3, "CMS16-MEASURES", "long_text", "Conservation measures taken during the period",
     "Mesures de conservation prises pendant la période",
     "Medidas de conservación adoptadas durante el período"),
]  # fmt: skip
TREND = [
    ("increasing", "Increasing", "En augmentation", "En aumento"),
    ("stable", "Stable", "Stable", "Estable"),
    ("decreasing", "Decreasing", "En diminution", "En disminución"),
]
TABLE = {
    "text": ("Staff working on migratory species, by level of government",
             "Personnel travaillant sur les espèces migratrices, par échelon administratif",
             "Personal que trabaja en especies migratorias, por nivel de gobierno"),
    "rows": [("national", "National level", "Échelon national", "Nivel nacional"),
             ("regional", "Regional level", "Échelon régional", "Nivel regional")],
    "columns": [("staff", "number", "Number of staff", "Effectif", "Número de personas"),
                ("trained", "yes_no", "Trained in the last three years",
                 "Formé au cours des trois dernières années",
                 "Capacitado en los últimos tres años")],
}  # fmt: skip

SPANISH = {en: es for _s, _c, _t, en, _fr, es in LOCAL}
SPANISH |= {en: es for en, _fr, es in SECTIONS}
SPANISH |= {en: es for _k, en, _fr, es in TREND}
SPANISH |= {en: es for _k, en, _fr, es in TABLE["rows"]}
SPANISH |= {en: es for _k, _t, en, _fr, es in TABLE["columns"]}
SPANISH[TABLE["text"][0]] = TABLE["text"][2]
SPANISH["COP16 national report"] = "Informe nacional para la COP16"


def _shot(page: Page, artifacts, name: str) -> None:
    for viewport, size in VIEWPORTS.items():
        page.set_viewport_size(size)
        page.screenshot(path=artifacts / f"walk7-{name}-{viewport}.png", full_page=True)
    page.set_viewport_size(VIEWPORTS["desktop"])
    assert_accessible(page)


def _outline_item(page: Page, code: str):
    return page.locator("li.designer-node[data-kind=item]", has=page.locator("code", has_text=code))


def _section_ids(page: Page) -> dict[int, str]:
    """Section number → node id, read from the designer outline."""
    found = {}
    for node in page.locator("li.designer-node[data-kind=section]").all():
        number = node.locator(".designer-number").first.inner_text().strip()
        found[int(number)] = node.get_attribute("data-node")
    return found


def _new_questionnaire(page: Page, artifacts) -> dict[int, str]:
    page.goto("/questionnaires/")
    page.locator("main a[href='/questionnaires/new']").click()
    page.locator("#code").fill(CODE)
    page.locator("#cycle").fill("COP16")
    page.locator("#title_en").fill("COP16 national report")
    page.locator("#title_fr").fill("Rapport national pour la COP16")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/questionnaires/{CODE}/design")
    for english, french, _spanish in SECTIONS:
        page.locator("main a[href$='/design/section']").click()
        page.locator("#title_en").fill(english)
        page.locator("#title_fr").fill(french)
        page.locator("main form button.btn-primary").click()
        page.wait_for_url("**/design#node-*")
    return _section_ids(page)


def _species_list_for_cop16(page: Page, artifacts) -> None:
    """The loop needs the CMS list for COP16: created from COP15's, one species added."""
    page.goto(f"/questionnaires/{CODE}/design")
    page.locator("main nav a[href='/bank/species-lists/CMS/COP16']").click()
    create = page.locator("main form button[name=source]").first
    expect(create).to_contain_text("COP15")
    create.click()
    page.wait_for_url("**/bank/species-lists/CMS/COP16")
    expect(page.locator("main .alert-success")).to_be_visible()
    copied = page.locator("li.species-entry").count()
    page.locator("#q").fill("grue siberie")
    page.locator("#q").press("Enter")
    result = page.locator("li.species-result[data-taxon='leucogeranus_leucogeranus']")
    result.locator("input[name$='-en']").fill("Appendix I")
    result.locator("input[name$='-fr']").fill("Annexe I")
    result.locator("input[name$='-es']").fill("Apéndice I")
    result.get_by_role("button", name="Leucogeranus leucogeranus").click()
    page.wait_for_url("**#entry-*")
    expect(page.locator("li.species-entry")).to_have_count(copied + 1)
    _shot(page, artifacts, "species-list")


def _insert_from_bank(page: Page, sections: dict[int, str], artifacts) -> None:
    """Each section's questions in one search: checked on each page of results that shows some,
    inserted together into the section chosen once; the search stays after each insert."""
    page.goto(f"/questionnaires/{CODE}/")
    for section, (query, codes) in zip(BANK, (("impl", BANK[1]), ("thr", BANK[2])), strict=True):
        page.locator(f"main a[href='/questionnaires/{CODE}/bank-insert']").click()
        page.locator("#q").fill(query)
        page.locator("#q").press("Enter")
        remaining = list(codes)
        while remaining:
            here = [c for c in remaining if page.locator(f"#q-{c} input[name=question]").count()]
            if here:
                for code in here:
                    page.locator(f"#q-{code} input[name=question]").check()
                page.locator("#section").select_option(sections[section])
                if section == 1:
                    _shot(page, artifacts, "bank-insert")
                page.locator("#insert-form fieldset button[type=submit]").click()
                page.wait_for_url(f"**/questionnaires/{CODE}/bank-insert?*")
                expect(page.locator("main .alert-success")).to_contain_text(here[0])
                expect(page.locator("#q")).to_have_value(query)  # the search is kept
                remaining = [c for c in remaining if c not in here]
            if remaining:
                page.locator("main .pagination li.active + li a").first.click()
        page.goto(f"/questionnaires/{CODE}/")


def _add_local_questions(page: Page, sections: dict[int, str]) -> None:
    for section, code, answer_type, english, french, _spanish in LOCAL:
        page.goto(f"/questionnaires/{CODE}/design")
        page.locator(f"#node-{sections[section]} > form a[href*='/design/item?section=']").click()
        page.locator("#code").fill(code)
        page.locator("#answer_type").select_option(answer_type)
        page.locator("#text_en").fill(english)
        page.locator("#text_fr").fill(french)
        if answer_type == "single_choice":
            for index, (key, label_en, label_fr, _es) in enumerate(TREND):
                if index >= 2:
                    page.locator("button[name=add-row]").click()
                page.locator(f"#choice-{index}-key").fill(key)
                page.locator(f"#choice-{index}-en").fill(label_en)
                page.locator(f"#choice-{index}-fr").fill(label_fr)
        page.locator("#item-form button.btn-primary[type=submit]").click()
        page.wait_for_url("**/design#node-*")
        expect(_outline_item(page, code)).to_be_visible()


def _add_table(page: Page, sections: dict[int, str], artifacts) -> None:
    """A local table in section 1, its second row and column added with the editor's buttons."""
    page.goto(f"/questionnaires/{CODE}/design")
    page.locator(f"#node-{sections[1]} > form a[href*='/design/item?section=']").click()
    page.locator("#answer_type").select_option("table")
    page.locator("#code").fill("CMS16-STAFF")
    english, french, _spanish = TABLE["text"]
    page.locator("#text_en").fill(english)
    page.locator("#text_fr").fill(french)
    for index, (key, label_en, label_fr, _es) in enumerate(TABLE["rows"]):
        if index:
            with page.expect_navigation():
                page.locator("#item-form button[name='table-add-row']").click()
        page.locator(f"#trow-{index}-key").fill(key)
        page.locator(f"#trow-{index}-en").fill(label_en)
        page.locator(f"#trow-{index}-fr").fill(label_fr)
    for index, (key, column_type, label_en, label_fr, _es) in enumerate(TABLE["columns"]):
        if index:
            with page.expect_navigation():
                page.locator("#item-form button[name='table-add-column']").click()
        page.locator(f"#tcol-{index}-key").fill(key)
        page.locator(f"#tcol-{index}-type").select_option(column_type)
        page.locator(f"#tcol-{index}-en").fill(label_en)
        page.locator(f"#tcol-{index}-fr").fill(label_fr)
    expect(page.locator("#trow-0-fr")).to_have_value(TABLE["rows"][0][2])  # nothing typed lost
    _shot(page, artifacts, "table-editor")
    page.locator("#item-form button.btn-primary[type=submit]").last.click()
    page.wait_for_url("**/design#node-*")
    expect(_outline_item(page, "CMS16-STAFF")).to_contain_text("Tableau")


def _species_loop(page: Page, sections: dict[int, str], artifacts) -> None:
    page.goto(f"/questionnaires/{CODE}/")
    page.locator(f"a[href='/questionnaires/{CODE}/nodes/{sections[3]}/loop']").click()
    page.locator("#loop-species").check()
    page.locator("main form button.btn-primary[type=submit]").click()
    page.wait_for_url(f"**/questionnaires/{CODE}/#node-*")
    expect(page.locator("main .alert-success")).to_contain_text("3")


def _condition(page: Page, target: str, source: str, artifacts, shot: str | None = None) -> None:
    page.goto(f"/questionnaires/{CODE}/")
    item = page.locator("li.border-bottom", has_text=target)
    expect(item).to_have_count(1)
    item.locator("a[href*='/condition']").click()
    expect(page.locator("[data-cb-nojs]")).to_be_hidden()  # the script has taken the rows over
    page.locator("#rule-0-item").select_option(source)
    page.locator("#rule-0-op").select_option("equals")
    page.locator("#rule-0-value").select_option("yes")
    page.locator("button[value=preview]").click()
    expect(page.locator("#condition-words")).to_contain_text("Ne s’affiche que si")
    if shot:
        _shot(page, artifacts, shot)
    page.locator("button[value=save]").click()
    page.wait_for_url(f"**/questionnaires/{CODE}/#node-*")


def _fill_spanish(page: Page, artifacts) -> None:
    page.goto(f"/questionnaires/{CODE}/texts")
    expect(page.locator("#missing-counts [data-lang=es]")).not_to_contain_text(" 0 ")
    page.locator("#missing").check()
    page.locator("main form[method=get] button[type=submit]").click()
    page.wait_for_url("**/texts?missing=1")
    _shot(page, artifacts, "texts-missing")
    rows = page.locator("#texts-form tbody tr")
    for index in range(rows.count()):
        row = rows.nth(index)
        spanish = row.locator("td[lang=es] textarea")
        if not spanish.count() or spanish.input_value():
            continue
        english = row.locator("td[lang=en] textarea, td[lang=en] span").first
        source = (
            english.input_value() if english.evaluate("e => e.tagName") == "TEXTAREA"
            else english.inner_text()
        )  # fmt: skip
        assert source in SPANISH, f"no Spanish for {source!r}"
        spanish.fill(SPANISH[source])
    page.locator("#texts-form button[type=submit]").first.click()
    expect(page.locator("main .alert-success")).to_be_visible()
    expect(page.locator("#missing-counts [data-lang=es]")).to_contain_text("0")
    expect(page.locator("#texts-form tbody")).to_contain_text("Aucun texte ne manque.")


def _preview_in_spanish(page: Page, artifacts) -> None:
    page.goto(f"/questionnaires/{CODE}/")
    page.locator(f"a[href='/questionnaires/{CODE}/preview?lang=es']").click()
    form = page.locator("#preview-form")
    expect(form).to_contain_text(TABLE["text"][2])
    expect(form).to_contain_text(TABLE["rows"][0][3])
    expect(form).to_contain_text("Especies incluidas en los Apéndices")
    expect(form.locator("fieldset legend em, fieldset legend").first).to_be_visible()
    # IMPL-PLAN-07 waits for IMPL-PLAN-06 = yes.
    expect(form).not_to_contain_text("indique el nombre")
    _shot(page, artifacts, "preview-es")


def _publish(page: Page, artifacts) -> None:
    page.goto(f"/questionnaires/{CODE}/checks")
    expect(page.locator("main .alert-success")).to_contain_text("peut être publié")
    _shot(page, artifacts, "checks")
    page.locator(f"main a[href='/questionnaires/{CODE}/publish/confirm']").click()
    expect(page.locator("#publish-effects li")).to_have_count(4)  # reports, structure, texts, bank
    _shot(page, artifacts, "publish-confirm")
    assert_accessible(page)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/questionnaires/{CODE}/")
    expect(page.locator("main .alert-success")).to_contain_text(f"{CODE} a été publié")


def _check_what_was_built(app) -> None:
    with app.app_context():
        questionnaire = db.session.scalar(
            sa.select(Questionnaire).where(Questionnaire.code == CODE)
        )
        assert questionnaire.status == "published"
        current = tree.load(questionnaire)
        items = current.items()
        assert len(items) == 20
        assert sum(1 for n in items if n.is_bank_item) == 12
        assert [n.code for n in items if n.effective_type == "table"] == ["CMS16-STAFF"]
        assert [s.loop for s in current.sections()] == [None, None, "species"]
        assert sorted(n.code for n in items if n.condition) == ["CMS16-ADOPTED", "IMPL-PLAN-07"]
        assert questionnaire.species_list.cycle == "COP16"
        db.session.remove()


def _aewa_reuses(page: Page, artifacts) -> None:
    # The bank, filtered to the questions CMS uses: the new ones show CMS-COP16.
    page.goto("/bank/")
    page.locator("#instrument").select_option("CMS")
    page.locator("#q").fill("IMPL-PLAN-06")
    page.locator("main form button[type=submit]").first.click()
    row = page.locator("main ul.results > li", has_text="IMPL-PLAN-06")
    expect(row.locator(".badge.text-bg-primary")).to_have_text("CMS · COP16")
    _shot(page, artifacts, "bank-used-by-cms")

    page.goto("/questionnaires/new")
    page.locator("#instrument").select_option(label="AEWA")
    page.locator("#code").fill("AEWA-MOP10")
    page.locator("#cycle").fill("MOP10")
    page.locator("#title_en").fill("MOP10 national report")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url("**/questionnaires/AEWA-MOP10/design")
    page.locator("main a[href$='/design/section']").click()
    page.locator("#title_en").fill("Implementation")
    page.locator("main form button.btn-primary").click()
    page.wait_for_url("**/design#node-*")
    for code in ("IMPL-PLAN-06", "IMPL-PLAN-07", "THR-POWER-04"):
        page.goto("/questionnaires/AEWA-MOP10/bank-insert")
        page.locator("#q").fill(code)
        page.locator("#q").press("Enter")
        result = page.locator(f"#q-{code}")
        expect(result).to_contain_text(CODE)  # where it is used: by CMS
        if code == "IMPL-PLAN-06":
            _shot(page, artifacts, "aewa-bank-insert")
        result.locator("button[name=only]").click()
        page.wait_for_url("**/questionnaires/AEWA-MOP10/bank-insert?*")
    page.goto("/questionnaires/AEWA-MOP10/design")
    for number, code in enumerate(("IMPL-PLAN-06", "IMPL-PLAN-07", "THR-POWER-04"), start=1):
        expect(_outline_item(page, code).locator(".designer-number")).to_have_text(f"1.{number}")
    page.goto("/bank/IMPL-PLAN-06")
    expect(page.locator("main")).to_contain_text(CODE)
    expect(page.locator("main")).to_contain_text("AEWA-MOP10")


def test_cms_builds_and_publishes_then_aewa_reuses(new_page, sign_in, artifacts, live_server):
    page = open_page(new_page, "desktop", "fr")
    sign_in(page, CMS_SECRETARIAT)
    sections = _new_questionnaire(page, artifacts)
    _species_list_for_cop16(page, artifacts)
    _insert_from_bank(page, sections, artifacts)
    _add_local_questions(page, sections)
    _add_table(page, sections, artifacts)
    _species_loop(page, sections, artifacts)
    _condition(page, "IMPL-PLAN-07", "IMPL-PLAN-06", artifacts, shot="condition")
    _condition(page, "CMS16-ADOPTED", "CMS16-STRATEGY", artifacts)
    page.goto(f"/questionnaires/{CODE}/design")
    expect(page.locator("li.designer-node[data-kind=item]")).to_have_count(20)
    _shot(page, artifacts, "designer")
    _fill_spanish(page, artifacts)
    _preview_in_spanish(page, artifacts)
    _publish(page, artifacts)
    _check_what_was_built(live_server.app)
    page.context.close()

    page = open_page(new_page, "desktop", "en")
    sign_in(page, AEWA_SECRETARIAT)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    _aewa_reuses(page, artifacts)
    assert re.search(r"AEWA-MOP10", page.content())
