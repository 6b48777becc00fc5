"""Designer: editing sections and local questions, duplicating a cycle, undo — services, pages in
French, and who may reach them. A CMS draft is built here through the services."""

import re

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from markupsafe import escape

from app.audit.models import AuditEvent
from app.auth.models import User
from app.bank import services as bank
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import editing, services, tree, wording
from app.questionnaires.models import Node
from app.questionnaires.services import QuestionnaireError
from tests.designer_helpers import committed_ids
from tests.test_policy import ADMIN, AEWA_SEC, ANALYST, CMS_SEC, FP_FRA

TITLE = {"en": "Design test", "fr": "Essai de conception", "es": "Prueba de diseño"}
CHOICES = {
    "choices": [
        {"key": "up", "label": {"en": "Increasing", "fr": "En hausse"}},
        {"key": "down", "label": {"en": "Decreasing", "fr": "En baisse"}},
    ]
}


def _build() -> dict:
    cms = directory.instrument_by_code("CMS")
    q = services.create_questionnaire(
        instrument=cms, code="CMS-DESIGN", cycle="COP17", cycle_order=97, title=TITLE
    )
    one = services.add_section(q, title={"en": "General", "fr": "Généralités"})
    trend = services.add_local_item(
        q, one, code="CMS-D-TREND", answer_type="single_choice",
        text={"en": "Population trend", "fr": "Tendance"}, config=CHOICES,
    )  # fmt: skip
    bank_item = services.add_bank_item(q, one, bank.question_by_code("THR-POISON-01").latest)
    two = services.add_section(q, title={"en": "Later", "fr": "Plus loin"}, loop="site")
    note = services.add_local_item(
        q, two, code="CMS-D-NOTE", answer_type="short_text", text={"en": "Notes", "fr": "Notes"},
        condition={"item": "CMS-D-TREND", "op": "equals", "value": "up"},
    )  # fmt: skip
    return {"q": q, "one": one, "trend": trend, "bank": bank_item, "two": two, "note": note}


@pytest.fixture
def built(ctx):
    return _build()


@pytest.fixture
def draft(app, database):
    return committed_ids(app, _build)


def _numbers(q) -> list[tuple[str, str]]:
    current = tree.load(q)
    return [(n.number, n.code or n.title.get("en")) for n in current.walk()]


# --- services ------------------------------------------------------------------------------------


def test_update_section_and_local_item(built):
    services.set_condition(built["note"], None)
    editing.update_section(built["one"], title={"en": " Overview ", "fr": "Aperçu", "es": ""})
    assert built["one"].title == {"en": "Overview", "fr": "Aperçu"}
    with pytest.raises(QuestionnaireError, match="needs a title"):
        editing.update_section(built["one"], title={"en": " "})
    editing.update_local_item(
        built["trend"], text={"en": "Trend?", "fr": "Tendance ?"}, answer_type="multiple_choice",
        config=CHOICES, required=True, confidential=True, guidance={"en": "Since 2020"},
    )  # fmt: skip
    item = built["trend"]
    assert item.answer_type == "multiple_choice" and item.required and item.confidential
    assert item.guidance == {"en": "Since 2020"} and item.code == "CMS-D-TREND"
    with pytest.raises(QuestionnaireError, match="two choices"):
        editing.update_local_item(item, text={"en": "x"}, config={"choices": []})
    with pytest.raises(QuestionnaireError, match="Only a local question"):
        editing.update_local_item(built["bank"], text={"en": "x"})


def test_edit_refused_when_a_condition_would_break(built):
    # The note tests a choice of the trend: its answer type stays while it does.
    with pytest.raises(QuestionnaireError, match="2.1 has a condition on CMS-D-TREND"):
        editing.update_local_item(built["trend"], text={"en": "How many?"}, answer_type="number")
    assert built["trend"].answer_type == "single_choice"


def test_published_structure_does_not_change(ctx):
    published = services.questionnaire_by_code("CMS-COP15")
    section = tree.load(published).sections()[0]
    with pytest.raises(QuestionnaireError, match="Only a draft"):
        editing.update_section(section, title={"en": "New"})
    with pytest.raises(QuestionnaireError, match="Only a draft"):
        editing.undo(published)


def test_duplicate_keeps_codes_versions_conditions_and_loops(built):
    source = built["q"]
    copy_of, report = editing.duplicate(source, "cms-design-2", "COP18")
    assert copy_of.code == "CMS-DESIGN-2" and copy_of.is_draft
    assert copy_of.cycle_order == 98 and copy_of.title == TITLE
    assert (report.sections, report.bank_items, report.local_items) == (2, 1, 2)
    assert (report.conditions, report.loops) == (1, 1)
    assert _numbers(copy_of) == _numbers(source)
    new = tree.load(copy_of)
    assert {n.id for n in new.nodes}.isdisjoint({n.id for n in tree.load(source).nodes})
    pinned = new.by_code()["THR-POISON-01"]
    assert pinned.bank_version_id == built["bank"].bank_version_id
    note = new.by_code()["CMS-D-NOTE"]
    assert note.condition == {"item": "CMS-D-TREND", "op": "equals", "value": "up"}
    assert note.parent_id == new.sections()[1].id and new.sections()[1].loop == "site"
    assert not services.checks.condition_problems(new)
    with pytest.raises(QuestionnaireError, match="exists already"):
        editing.duplicate(source, "CMS-DESIGN-2", "COP19")


def test_undo_move(built):
    q = built["q"]
    before = _numbers(q)
    editing.move(built["bank"], built["one"], 0)
    assert _numbers(q)[1] == ("1.1", "THR-POISON-01")
    editing.undo(q)
    assert _numbers(q) == before


def test_undo_remove_restores_the_section_and_its_content(built):
    q = built["q"]
    before = _numbers(q)
    services.set_condition(built["note"], None)
    editing.remove(built["one"])
    assert [code for _n, code in _numbers(q)] == ["Later", "CMS-D-NOTE"]
    editing.undo(q)
    assert _numbers(q) == before
    restored = tree.load(q).by_code()
    assert restored["CMS-D-TREND"].config == CHOICES
    assert restored["THR-POISON-01"].bank_version_id == built["bank"].bank_version_id


def test_undo_add_and_edit_and_walks_back(built):
    q = built["q"]
    before = _numbers(q)
    section = editing.add_section(q, title={"en": "Extra"})
    editing.add_local_item(
        q, section, code="CMS-D-EXTRA", answer_type="number", text={"en": "How many?"}
    )
    editing.update_local_item(built["note"], text={"en": "Remarks"}, answer_type="long_text")
    editing.undo(q)  # the edit
    assert built["note"].text == {"en": "Notes", "fr": "Notes"}
    assert built["note"].answer_type == "short_text"
    editing.undo(q)  # the item
    assert "CMS-D-EXTRA" not in tree.load(q).by_code()
    editing.undo(q)  # the section
    assert _numbers(q) == before
    with pytest.raises(QuestionnaireError, match="no change to undo"):
        editing.undo(q)
    undos = db.session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "questionnaire.undo")
    ).all()
    assert len(undos) == 3


def test_move_refuses_an_item_at_the_top(built):
    with pytest.raises(QuestionnaireError, match="sections"):
        editing.move(built["trend"], built["bank"], 0)


# --- pages, in French ----------------------------------------------------------------------------


def _get(client, code="CMS-DESIGN"):
    with client.application.app_context():
        return services.questionnaire_by_code(code)


@pytest.mark.parametrize(
    ("user", "status"), [(CMS_SEC, 200), (AEWA_SEC, 404), (FP_FRA, 404), (ANALYST, 404)]
)
def test_who_reaches_the_designer_of_a_draft(client, auth, draft, user, status):
    auth.login(user)
    assert client.get("/questionnaires/CMS-DESIGN/design").status_code == status
    response = client.post(
        "/questionnaires/CMS-DESIGN/design/move", data={"node": draft["bank"], "direction": "up"}
    )
    assert response.status_code == (302 if status == 200 else status)


@pytest.mark.parametrize("user", [CMS_SEC, AEWA_SEC, FP_FRA, ANALYST, ADMIN])
def test_nobody_designs_a_published_questionnaire(client, auth, user):
    auth.login(user)
    response = client.get("/questionnaires/CMS-COP15/design")
    if user == CMS_SEC:
        assert response.status_code == 302  # back to the questionnaire, with a message
        assert client.get(response.location).status_code == 200
        with client.application.app_context():
            section = tree.load(services.questionnaire_by_code("CMS-COP15")).roots[-1]
            section_id, number = section.id, section.number
        for url, data in [
            ("/questionnaires/CMS-COP15/design/move", {"node": section_id, "direction": "up"}),
            (f"/questionnaires/CMS-COP15/design/{section_id}/remove", {}),
            (f"/questionnaires/CMS-COP15/design/{section_id}/section", {"title_en": "X"}),
            ("/questionnaires/CMS-COP15/design/undo", {}),
        ]:
            assert client.post(url, data=data).status_code == 302
        with client.application.app_context():
            section = db.session.get(Node, section_id)
            assert section is not None and section.number == number
            assert section.title.get("en") != "X"
    else:
        assert response.status_code in (403, 404)


def test_new_questionnaire_is_for_secretariats(client, auth):
    auth.login(FP_FRA)
    assert client.get("/questionnaires/new").status_code == 403
    auth.login(ANALYST)
    assert client.get("/questionnaires/duplicate").status_code == 403


def test_outline_shows_numbers_badges_conditions_and_buttons(client, auth, draft):
    auth.login(CMS_SEC)
    page = client.get("/questionnaires/CMS-DESIGN/design").text
    assert '<html lang="fr">' in page
    assert "Généralités" in page and "THR-POISON-01" in page
    # Every button names the node it acts on, for screen readers and keyboard users.
    assert re.search(r'<button[^>]*aria-label="[^"]+ \(1\.2\)"', page)
    remove = rf'href="[^"]*/design/{draft["note"]}/remove" aria-label="[^"]+ \(2\.1\)"'
    assert re.search(remove, page)
    with client.application.app_context(), force_locale("fr"):
        current = tree.load(_get(client))
        words = wording.describe(current.by_id[draft["note"]].condition, current)
    assert words and str(escape(words)) in page
    assert f'id="node-{draft["note"]}"' in page
    assert "designer.js" in page
    show = client.get("/questionnaires/CMS-DESIGN/").text
    assert "/questionnaires/CMS-DESIGN/design" in show


def test_move_buttons_and_numbering(client, auth, draft):
    auth.login(CMS_SEC)
    url = "/questionnaires/CMS-DESIGN/design/move"
    assert client.post(url, data={"node": draft["bank"], "direction": "up"}).status_code == 302
    with client.application.app_context():
        assert db.session.get(Node, draft["bank"]).number == "1.1"
    # Down from the end of section 1: the first place of section 2.
    client.post(url, data={"node": draft["trend"], "direction": "down"})
    with client.application.app_context():
        trend = db.session.get(Node, draft["trend"])
        assert (trend.number, trend.parent_id) == ("2.1", draft["two"])
    # The drag and drop form: parent + position, answered in JSON.
    response = client.post(
        url, data={"node": draft["trend"], "parent": draft["one"], "position": 0},
        headers={"Accept": "application/json"},
    )  # fmt: skip
    assert response.status_code == 200 and response.json == {"number": "1.1"}
    refused = client.post(
        url, data={"node": draft["trend"], "parent": "", "position": 0},
        headers={"Accept": "application/json"},
    )  # fmt: skip
    assert refused.status_code == 400 and "sections" in refused.json["error"]


def test_remove_asks_first_then_undo(client, auth, draft):
    auth.login(CMS_SEC)
    url = f"/questionnaires/CMS-DESIGN/design/{draft['bank']}/remove"
    confirm = client.get(url)
    assert confirm.status_code == 200 and 'method="post"' in confirm.text and "1.2" in confirm.text
    with client.application.app_context():
        assert db.session.get(Node, draft["bank"]) is not None  # asking removes nothing
    assert client.post(url).status_code == 302
    with client.application.app_context():
        assert db.session.get(Node, draft["bank"]) is None
    assert client.post("/questionnaires/CMS-DESIGN/design/undo").status_code == 302
    with client.application.app_context():
        assert "THR-POISON-01" in tree.load(_get(client)).by_code()


def test_add_section_and_validation_keeps_input(client, auth, draft):
    auth.login(CMS_SEC)
    url = "/questionnaires/CMS-DESIGN/design/section"
    bad = client.post(url, data={"title_en": "", "title_fr": "Espèces"})
    assert bad.status_code == 200 and 'value="Espèces"' in bad.text
    assert 'id="title_en-error"' in bad.text and 'aria-invalid="true"' in bad.text
    ok = client.post(url, data={"title_en": "Species", "title_fr": "Espèces"})
    assert ok.status_code == 302
    with client.application.app_context():
        assert tree.load(_get(client)).roots[-1].title == {"en": "Species", "fr": "Espèces"}


def test_add_a_choice_question_with_rows(client, auth, draft):
    auth.login(CMS_SEC)
    url = f"/questionnaires/CMS-DESIGN/design/item?section={draft['two']}"
    base = {"section": draft["two"], "code": "CMS-D-HABITAT", "answer_type": "single_choice",
            "text_en": "Main habitat", "text_fr": "Habitat principal"}  # fmt: skip
    form = client.get(url)
    assert form.status_code == 200 and "designer.js" in form.text
    assert f'<option value="{draft["two"]}" selected>' in form.text
    one_row = {**base, "rows": "1", "choice-0-key": "wet", "choice-0-en": "Wetland"}
    added = client.post(url, data={**one_row, "add-row": "1"})
    assert 'name="choice-1-key"' in added.text and 'value="Wetland"' in added.text
    short = client.post(url, data=one_row)
    assert short.status_code == 200 and "au moins deux choix" in short.text
    assert "Habitat principal</textarea>" in short.text and 'value="Wetland"' in short.text
    full = {**one_row, "rows": "2", "choice-1-key": "dry", "choice-1-en": "Dry land",
            "choice-1-fr": "Terre sèche", "required": "y", "allow_other": "y"}  # fmt: skip
    assert client.post(url, data=full).status_code == 302
    with client.application.app_context():
        item = tree.load(_get(client)).by_code()["CMS-D-HABITAT"]
        assert item.required and item.parent_id == draft["two"]
        assert [c["key"] for c in item.config["choices"]] == ["wet", "dry"]
        assert item.config["choices"][1]["label"] == {"en": "Dry land", "fr": "Terre sèche"}
        assert item.config["allow_other"] is True  # "Other (please specify)" is offered
        item_id = item.id
    form = client.get(f"/questionnaires/CMS-DESIGN/design/{item_id}/item").text
    assert re.search(r'id="allow_other"[^>]*checked|checked[^>]*id="allow_other"', form)
    assert "Code\u00a0: <code>CMS-D-HABITAT</code>" in form


def test_number_question_bounds_and_edit(client, auth, draft):
    auth.login(CMS_SEC)
    url = "/questionnaires/CMS-DESIGN/design/item"
    data = {"section": draft["one"], "code": "CMS-D-COUNT", "answer_type": "number",
            "text_en": "How many?", "minimum": "abc", "maximum": "10",
            "unit_en": "birds"}  # fmt: skip
    bad = client.post(url, data=data)
    assert bad.status_code == 200 and 'value="abc"' in bad.text and "is-invalid" in bad.text
    taken = client.post(url, data={**data, "minimum": "0", "code": "CMS-D-TREND"})
    assert "CMS-D-TREND" in taken.text and "is-invalid" in taken.text
    assert client.post(url, data={**data, "minimum": "0,5"}).status_code == 302
    with client.application.app_context():
        item = tree.load(_get(client)).by_code()["CMS-D-COUNT"]
        assert item.config == {"min": 0.5, "max": 10, "unit": {"en": "birds"}}
        assert "integer" not in item.config  # decimals allowed unless asked otherwise
        item_id = item.id
    edit_url = f"/questionnaires/CMS-DESIGN/design/{item_id}/item"
    form = client.get(edit_url).text
    assert "How many?</textarea>" in form and 'value="birds"' in form
    assert 'value="0,5"' in form  # in the editor's locale, as it was typed
    saved = client.post(
        edit_url, data={**data, "minimum": "1", "text_fr": "Combien ?", "integer": "y"}
    )
    assert saved.status_code == 302
    with client.application.app_context():
        item = db.session.get(Node, item_id)
        assert item.text == {"en": "How many?", "fr": "Combien ?"} and item.config["min"] == 1
        assert item.config["integer"] is True  # whole numbers only


def test_create_and_duplicate_pages(client, auth, draft):
    auth.login(CMS_SEC)
    index = client.get("/questionnaires/").text
    assert "/questionnaires/new" in index and "/questionnaires/duplicate" in index
    new = client.get("/questionnaires/new")
    assert new.status_code == 200
    with client.application.app_context():
        cms_id = directory.instrument_by_code("CMS").id
    missing = client.post("/questionnaires/new", data={"instrument": cms_id, "code": "CMS-X"})
    assert missing.status_code == 200 and 'value="CMS-X"' in missing.text
    assert "is-invalid" in missing.text
    created = client.post(
        "/questionnaires/new",
        data={"instrument": cms_id, "code": "CMS-COP20", "cycle": "COP20",
              "title_en": "COP20 report", "deadline": "2027-03-01"},
    )  # fmt: skip
    assert created.status_code == 302 and created.location.endswith("/CMS-COP20/design")
    with client.application.app_context():
        source_id = _get(client).id
    data = {"source": source_id, "code": "CMS-COP21", "cycle": "COP21", "cycle_order": "x"}
    bad = client.post("/questionnaires/duplicate", data=data)
    assert 'id="cycle_order-error"' in bad.text and 'value="x"' in bad.text
    assert 'value="CMS-COP21"' in bad.text
    copied = client.post("/questionnaires/duplicate", data={**data, "cycle_order": ""})
    assert copied.status_code == 200
    assert "CMS-COP21" in copied.text and "/questionnaires/CMS-COP21/design" in copied.text
    with client.application.app_context():
        assert set(tree.load(_get(client, "CMS-COP21")).by_code()) == {
            "CMS-D-TREND", "THR-POISON-01", "CMS-D-NOTE"
        }  # fmt: skip


def test_each_publish_problem_links_where_it_is_fixed(client, auth, app, database):
    """The publish checks send the secretariat to the page that fixes each problem, not just to
    the outline: a condition to its builder, a missing text to the Texts page, a broken
    definition to the question's form, a loop to its page, an empty section to the outline."""
    with app.app_context():
        nodes = _build()
        q = nodes["q"]
        empty = services.add_section(q, title={"en": "Empty", "fr": "Vide", "es": "Vacía"})
        nodes["note"].condition = {"item": "CMS-D-GONE", "op": "answered"}
        nodes["trend"].config = {"choices": CHOICES["choices"][:1]}  # one choice is not enough
        nodes["two"].loop = "species"  # no species list: the loop cannot be answered
        db.session.commit()
        ids = {name: node.id for name, node in nodes.items() if name != "q"} | {"empty": empty.id}
    auth.login(CMS_SEC)
    page = client.get("/questionnaires/CMS-DESIGN/checks").text
    base = "/questionnaires/CMS-DESIGN"
    assert f'href="{base}/nodes/{ids["note"]}/condition"' in page
    assert f'href="{base}/design/{ids["trend"]}/item"' in page
    assert f'href="{base}/nodes/{ids["two"]}/loop"' in page
    assert f'href="{base}/design#node-{ids["empty"]}"' in page
    assert f'href="{base}/texts?missing=1"' in page  # the Spanish texts still missing
    assert "Élément 2.1" in page


def test_a_refused_code_lands_on_the_code_field_in_spanish(client, auth, draft):
    """The field of a refusal comes with the refusal: the Spanish message says "código", and
    it used to land on the answer type because the view looked for "code" in the text."""
    with client.application.app_context():
        user = db.session.scalar(sa.select(User).where(User.email == CMS_SEC))
        user.locale = "es"
        db.session.commit()
    auth.login(CMS_SEC)
    url = f"/questionnaires/CMS-DESIGN/design/item?section={draft['one']}"
    data = {"section": draft["one"], "code": "CMS-D-TREND", "answer_type": "short_text",
            "text_en": "Trend", "text_fr": "Tendance"}  # fmt: skip
    taken = client.post(url, data=data)
    assert taken.status_code == 200
    code_error = re.search(r'id="code-error"[^>]*>(.*?)</', taken.text, re.S)
    assert code_error and "CMS-D-TREND" in code_error.group(1)
    assert 'id="answer_type-error"' not in taken.text
