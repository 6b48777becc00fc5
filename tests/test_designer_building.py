"""Designer: building a questionnaire with few page loads — inserting from the bank (paged,
filtered, several at once, the search kept), the required text marked up front, creating a
cycle's species list from the loop page, confirming publication and closing, and one count of
texts. Pages in French (cms.secretariat prefers French); a CMS draft is built through the
services."""

import re

import pytest

from app.bank import queries, species_lists
from app.directory import services as directory
from app.questionnaires import services, texts_service, tree
from tests.designer_helpers import committed_ids
from tests.test_policy import CMS_SEC

CODE = "CMS-BUILD"
URL = f"/questionnaires/{CODE}"
TITLE = {"en": "Build test", "fr": "Essai de construction", "es": "Prueba de construcción"}
TABLE = {
    "rows": [{"key": "adults", "label": {"en": "Adults", "fr": "Adultes", "es": "Adultos"}}],
    "columns": [
        {
            "key": "trend",
            "type": "single_choice",
            "label": {"en": "Trend", "fr": "Tendance", "es": "Tendencia"},
            "choices": [
                {"key": "up", "label": {"en": "Increasing", "fr": "En hausse"}},
                {"key": "down", "label": {"en": "Decreasing", "fr": "En baisse"}},
            ],
        }
    ],
}


def _build() -> dict:
    cms = directory.instrument_by_code("CMS")
    q = services.create_questionnaire(
        instrument=cms, code=CODE, cycle="COP16", cycle_order=98, title=TITLE
    )
    general = services.add_section(q, title={"en": "General", "fr": "Généralités"})
    table = services.add_local_item(
        q, general, code="CMS-B-TABLE", answer_type="table",
        text={"en": "Trends", "fr": "Tendances"}, config=TABLE,
    )  # fmt: skip
    services.add_bank_item(q, general, _bank("THR-POISON-01").latest)
    species = services.add_section(q, title={"en": "Species", "fr": "Espèces"})
    return {"q": q, "general": general, "table": table, "species": species}


def _bank(code: str):
    from app.bank import services as bank

    return bank.question_by_code(code)


@pytest.fixture
def draft(app, database):
    return committed_ids(app, _build)


def _codes_in(page: str) -> list[str]:
    return re.findall(r'id="q-([A-Z0-9-]+)"', page)


def _status_text(page: str) -> str:
    return " ".join(re.findall(r'<p[^>]*role="status"[^>]*>(.*?)</p>', page, re.S))


# --- inserting from the bank ---------------------------------------------------------------------


def test_bank_results_are_paged_not_cut(client, auth, draft):
    with client.application.app_context():
        expected = [q.code for q in queries.search("espèces")]
    assert len(expected) > 60  # the demo bank: 73
    auth.login(CMS_SEC)
    first = client.get(f"{URL}/bank-insert?q=espèces")
    assert first.status_code == 200 and '<html lang="fr">' in first.text
    status = _status_text(first.text)
    assert f"{len(expected)} questions trouvées" in status and "1–30" in status
    assert _codes_in(first.text) == expected[:30]
    second = client.get(f"{URL}/bank-insert?q=espèces&page=2")
    assert "31–60" in _status_text(second.text)
    assert _codes_in(second.text) == expected[30:60]
    assert "page=3" in second.text and "page=1" in second.text  # next and previous pages
    last = client.get(f"{URL}/bank-insert?q=espèces&page=3")
    assert _codes_in(last.text) == expected[60:]
    assert f"61–{len(expected)}" in _status_text(last.text)


def test_bank_results_filter_by_tag_and_instrument(client, auth, draft):
    with client.application.app_context():
        cooperation = [q.code for q in queries.search("", tag="theme:cooperation")]
        aewa = [q.code for q in queries.search("", instrument=directory.instrument_by_code("AEWA"))]
    auth.login(CMS_SEC)
    page = client.get(f"{URL}/bank-insert")
    assert '<select class="form-select" id="tag" name="tag">' in page.text
    assert 'id="instrument" name="instrument"' in page.text
    tagged = client.get(f"{URL}/bank-insert?tag=theme:cooperation")
    assert _codes_in(tagged.text) == cooperation[:30]
    assert '<option value="theme:cooperation" selected>' in tagged.text
    used = client.get(f"{URL}/bank-insert?instrument=AEWA")
    assert _codes_in(used.text) == aewa[:30] and aewa
    assert '<option value="AEWA" selected>' in used.text


def test_insert_several_into_a_section_and_keep_the_search(client, auth, draft):
    auth.login(CMS_SEC)
    chosen = ["IMPL-PLAN-06", "IMPL-PLAN-07", "THR-POWER-04"]
    response = client.post(
        f"{URL}/bank-insert",
        data={"question": chosen, "section": draft["species"], "q": "plan",
              "tag": "theme:cooperation", "instrument": "", "page": "1"},
    )  # fmt: skip
    assert response.status_code == 302
    back = response.headers["Location"]
    assert "/bank-insert?" in back and "q=plan" in back and "tag=theme" in back
    assert f"section={draft['species']}" in back
    with client.application.app_context():
        current = tree.load(services.questionnaire_by_code(CODE))
        items = current.children[draft["species"]]
        assert [n.code for n in items] == chosen and [n.number for n in items] == [
            "2.1",
            "2.2",
            "2.3",
        ]
    page = client.get(back)
    assert 'value="plan"' in page.text  # the search is still there
    for code in chosen:
        assert code in page.text
    flashed = re.search(r'<div class="alert alert-success[^"]*"[^>]*>(.*?)</div>', page.text, re.S)
    assert flashed and all(code in flashed.group(1) for code in chosen)
    assert f'<option value="{draft["species"]}" selected>' in page.text  # the section kept


def test_insert_several_is_all_or_nothing(client, auth, draft):
    auth.login(CMS_SEC)
    response = client.post(
        f"{URL}/bank-insert",
        data={"question": ["IMPL-PLAN-06", "THR-POISON-01"], "section": draft["species"],
              "q": "plan"},
    )  # fmt: skip
    assert response.status_code == 422
    assert 'role="alert"' in response.text and "THR-POISON-01" in response.text
    with client.application.app_context():
        current = tree.load(services.questionnaire_by_code(CODE))
        assert "IMPL-PLAN-06" not in current.by_code()


def test_adding_twenty_bank_questions_takes_few_page_loads(client, auth, draft):
    """The count the issue asks for: before, each question took four page loads (outline →
    insert page → search → insert, back to the outline): 80 for 20. Now: the insert page, one
    search, one insert of the checked questions and the page it returns to."""
    with client.application.app_context():
        wanted = [q.code for q in queries.search("espèces")][:30]
        present = tree.load(services.questionnaire_by_code(CODE)).by_code()
        wanted = [c for c in wanted if c not in present][:20]
    auth.login(CMS_SEC)
    loads = 0

    def load(response):
        nonlocal loads
        loads += 1
        return response

    load(client.get(f"{URL}/"))
    load(client.get(f"{URL}/bank-insert"))
    search = load(client.get(f"{URL}/bank-insert?q=espèces"))
    assert all(f'name="question" value="{c}"' in search.text for c in wanted)
    done = load(
        client.post(
            f"{URL}/bank-insert",
            data={"question": wanted, "section": draft["species"], "q": "espèces"},
        )
    )
    load(client.get(done.headers["Location"]))
    assert loads == 5
    with client.application.app_context():
        current = tree.load(services.questionnaire_by_code(CODE))
        assert [n.code for n in current.children[draft["species"]]] == wanted


# --- the required text ---------------------------------------------------------------------------


def _tag(page: str, element_id: str) -> str:
    return re.search(rf'<(?:textarea|input)[^>]*id="{element_id}"[^>]*>', page).group(0)


def test_first_working_language_is_marked_required_before_saving(client, auth, draft):
    auth.login(CMS_SEC)
    page = client.get(f"{URL}/design/item?section={draft['general']}").text
    assert " required" in _tag(page, "text_en")
    assert "required" not in _tag(page, "text_fr") and "required" not in _tag(page, "guidance_en")
    label = re.search(r'<label[^>]*for="text_en"[^>]*>(.*?)</label>', page, re.S).group(1)
    assert "obligatoire" in label  # seen and read out with the label, not only after submitting
    section = client.get(f"{URL}/design/section").text
    assert " required" in _tag(section, "title_en")
    assert "required" not in _tag(section, "title_fr")


# --- a species loop before the cycle's list exists -----------------------------------------------


def test_loop_page_creates_the_species_list_from_the_previous_cycle(client, auth, draft):
    with client.application.app_context():
        cms = directory.instrument_by_code("CMS")
        assert species_lists.list_for(cms, "COP16") is None
        source = len(species_lists.list_for(cms, "COP15").entries)
    auth.login(CMS_SEC)
    loop_url = f"{URL}/nodes/{draft['species']}/loop"
    page = client.get(loop_url).text
    create = f"{URL}/nodes/{draft['species']}/loop/species-list"
    assert f'formaction="{create}"' in page  # one action, inside the loop form
    assert "COP15" in page
    response = client.post(create, data={"loop": "species"})
    assert response.status_code == 302 and response.headers["Location"].endswith(
        f"{loop_url}?loop=species"
    )
    with client.application.app_context():
        created = species_lists.list_for(directory.instrument_by_code("CMS"), "COP16")
        assert created is not None and len(created.entries) == source
    again = client.get(response.headers["Location"]).text
    assert re.search(r'id="loop-species" value="species" checked', again)
    flashed = re.search(r'<div class="alert alert-success[^"]*"[^>]*>(.*?)</div>', again, re.S)
    assert flashed and "COP16" in flashed.group(1) and "COP15" in flashed.group(1)
    saved = client.post(loop_url, data={"loop": "species"})
    assert saved.status_code == 302
    with client.application.app_context():
        section = tree.load(services.questionnaire_by_code(CODE)).by_id[draft["species"]]
        assert section.loop == "species"


# --- confirming publication and closing ----------------------------------------------------------


def _publishable() -> dict:
    cms = directory.instrument_by_code("CMS")
    q = services.create_questionnaire(
        instrument=cms, code="CMS-READY", cycle="COP17", cycle_order=97, title=TITLE
    )
    one = services.add_section(q, title={"en": "One", "fr": "Un", "es": "Uno"})
    services.add_local_item(
        q, one, code="CMS-R-YN", answer_type="yes_no",
        text={"en": "Ready?", "fr": "Prêt ?", "es": "¿Listo?"},
    )  # fmt: skip
    return {"q": q, "one": one}


def test_publishing_asks_for_confirmation(app, client, auth, draft):
    committed_ids(app, _publishable)
    with client.application.app_context():
        owing = len(directory.reporting_parties(directory.instrument_by_code("CMS")))
    auth.login(CMS_SEC)
    url = "/questionnaires/CMS-READY"
    outline = client.get(f"{url}/").text
    assert f'action="{url}/publish"' not in outline  # no one-click publication
    assert f'href="{url}/publish/confirm"' in outline
    checks_page = client.get(f"{url}/checks").text
    assert f'action="{url}/publish"' not in checks_page
    assert f'href="{url}/publish/confirm"' in checks_page
    page = client.get(f"{url}/publish/confirm")
    assert page.status_code == 200
    effects = re.search(r'<ul id="publish-effects">(.*?)</ul>', page.text, re.S).group(1)
    assert re.search(rf"\b{owing}\b", effects.split("</li>")[0])  # the reports it opens
    assert f'action="{url}/publish"' in page.text and 'method="post"' in page.text
    with client.application.app_context():
        assert services.questionnaire_by_code("CMS-READY").is_draft  # nothing done on a GET
    blocked = client.get(f"{URL}/publish/confirm").text  # a draft with problems
    assert f'action="{URL}/publish"' not in blocked and f'href="{URL}/checks"' in blocked


def test_closing_asks_for_confirmation(client, auth, database):
    auth.login(CMS_SEC)
    outline = client.get("/questionnaires/CMS-COP15/").text
    assert 'action="/questionnaires/CMS-COP15/status"' not in outline
    assert 'href="/questionnaires/CMS-COP15/status/confirm?status=closed"' in outline
    page = client.get("/questionnaires/CMS-COP15/status/confirm?status=closed")
    assert page.status_code == 200
    assert 'action="/questionnaires/CMS-COP15/status"' in page.text
    assert 'name="status" value="closed"' in page.text
    archive = client.get("/questionnaires/CMS-COP14/status/confirm?status=archived")
    assert archive.status_code == 200 and 'name="status" value="archived"' in archive.text
    assert client.get("/questionnaires/CMS-COP15/status/confirm?status=draft").status_code == 400


# --- one count of texts; table column choices named by their own key ----------------------------


def test_texts_and_translations_count_the_same_texts(client, auth, draft):
    with client.application.app_context():
        current = tree.load(services.questionnaire_by_code(CODE))
        total = texts_service.count(current)
    auth.login(CMS_SEC)
    texts = client.get(f"{URL}/texts").text
    translations = client.get(f"{URL}/translations").text
    assert f"{total} textes au total" in texts
    present = re.findall(r"(\d+) / (\d+)", translations)
    assert present and all(int(of) == total for _n, of in present)


def _labels_of(page: str, pattern: str) -> list[str]:
    return [re.sub(r"\s+", " ", m).strip() for m in re.findall(pattern, page, re.S)]


def test_table_column_choices_are_named_by_their_key(client, auth, draft):
    auth.login(CMS_SEC)
    texts = client.get(f"{URL}/texts").text
    rows = _labels_of(texts, r'<th scope="row"[^>]*>\s*<a[^>]*>1\.1</a>(.*?)</th>')
    assert len(rows) == 6  # question, guidance, row, column, two choices of the column
    assert len(set(rows)) == len(rows)
    assert sum("up" in r for r in rows) == 1 and sum("down" in r for r in rows) == 1
    assert all("trend" in r for r in rows if "up" in r or "down" in r)
    translations = client.get(f"{URL}/translations").text
    spanish = translations.split('id="missing-es"')[1]
    missing = _labels_of(spanish, r"<li><a[^>]*>1\.1</a>(.*?)</li>")
    assert len(missing) == len(set(missing)) == 3  # the question and the two choices
