"""Designer: inserting from the bank, the condition builder and loops — services, pages in
French, and who may use them. The demo's EUROBATS draft has no secretariat account, so a CMS
draft is built here through the services."""

import pytest
from flask_babel import force_locale

from app.bank import services as bank
from app.bank.models import SpeciesList
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import builder, services, tree
from app.questionnaires.models import Node
from app.questionnaires.services import QuestionnaireError
from tests.designer_helpers import committed_ids
from tests.test_policy import ADMIN, AEWA_SEC, ANALYST, ANON, CMS_SEC, EVERYONE, FP_FRA

TITLE = {"en": "Test report", "fr": "Rapport d’essai", "es": "Informe de prueba"}
CHOICES = {
    "choices": [
        {"key": "up", "label": {"en": "Increasing", "fr": "En hausse", "es": "En aumento"}},
        {"key": "down", "label": {"en": "Decreasing", "fr": "En baisse", "es": "En descenso"}},
    ]
}


def _build() -> dict:
    cms = directory.instrument_by_code("CMS")
    q = services.create_questionnaire(
        instrument=cms, code="CMS-TEST", cycle="COP16", cycle_order=99, title=TITLE
    )
    general = services.add_section(q, title={"en": "General", "fr": "Généralités"})
    trend = services.add_local_item(
        q, general, code="CMS-T-TREND", answer_type="single_choice",
        text={"en": "Population trend", "fr": "Tendance de la population"}, config=CHOICES,
    )  # fmt: skip
    count = services.add_local_item(
        q, general, code="CMS-T-COUNT", answer_type="number",
        text={"en": "How many cases?", "fr": "Combien de cas ?"}, config={"min": 0},
    )  # fmt: skip
    later = services.add_section(q, title={"en": "Later", "fr": "Plus loin"})
    note = services.add_local_item(
        q, later, code="CMS-T-NOTE", answer_type="short_text",
        text={"en": "Notes", "fr": "Remarques"},
    )  # fmt: skip
    sites = services.add_section(q, title={"en": "Per site", "fr": "Par site"}, loop="site")
    site_yes = services.add_local_item(
        q, sites, code="CMS-T-SITE-YN", answer_type="yes_no",
        text={"en": "Is the site protected?", "fr": "Le site est-il protégé ?"},
    )  # fmt: skip
    site_more = services.add_local_item(
        q, sites, code="CMS-T-SITE-MORE", answer_type="long_text",
        text={"en": "How?", "fr": "Comment ?"},
    )  # fmt: skip
    return {"q": q, "general": general, "trend": trend, "count": count, "later": later,
            "note": note, "sites": sites, "site_yes": site_yes, "site_more": site_more}  # fmt: skip


@pytest.fixture
def built(ctx):
    return _build()


@pytest.fixture
def draft(app, database):
    """The same draft committed (to the test's savepoint) for the client; node ids by name."""
    return committed_ids(app, _build)


def _poison():
    return bank.question_by_code("THR-POISON-01")


def _versioned():
    return bank.question_by_code("SPEC-LISTING-04")


# --- services ------------------------------------------------------------------------------------


def test_insert_pins_the_chosen_version_and_never_twice(built):
    question = _versioned()
    assert len(question.versions) >= 2
    first = question.version(1)
    item = builder.insert_from_bank(built["q"], built["later"], first, position=0)
    assert item.bank_version_id == first.id and item.code == question.code
    assert item.number == "2.1" and built["note"].number == "2.2"
    with pytest.raises(QuestionnaireError, match="already in this questionnaire"):
        builder.insert_from_bank(built["q"], built["general"], question.latest)


def test_insert_condition_and_loop_can_be_undone(built):
    from app.questionnaires import editing  # the designer's "Undo the last change"

    item = builder.insert_from_bank(built["q"], built["later"], _poison().latest)
    builder.save_condition(item, {"item": "CMS-T-COUNT", "op": "gt", "value": 1})
    builder.set_loop(built["later"], "site")
    editing.undo(built["q"])
    assert built["later"].loop is None
    editing.undo(built["q"])
    assert item.condition is None
    editing.undo(built["q"])
    assert "THR-POISON-01" not in tree.load(built["q"]).by_code()


def test_insert_needs_a_section_of_this_questionnaire(built):
    with pytest.raises(QuestionnaireError, match="section"):
        builder.insert_from_bank(built["q"], built["trend"], _poison().latest)


def test_targets_are_earlier_items_and_the_same_loop(built):
    current = tree.load(built["q"])
    codes = [n.code for n in builder.targets(current, current.by_id[built["note"].id])]
    assert codes == ["CMS-T-TREND", "CMS-T-COUNT"]
    inside = [n.code for n in builder.targets(current, current.by_id[built["site_more"].id])]
    assert inside == ["CMS-T-TREND", "CMS-T-COUNT", "CMS-T-NOTE", "CMS-T-SITE-YN"]
    first = builder.targets(current, current.by_id[built["trend"].id])
    assert first == []
    later_section = builder.targets(current, current.by_id[built["later"].id])
    assert [n.code for n in later_section] == ["CMS-T-TREND", "CMS-T-COUNT"]


def test_operators_fit_the_type():
    assert builder.operators_for("single_choice") == [
        "equals", "not_equals", "in", "answered", "not_answered"
    ]  # fmt: skip
    assert "gt" in builder.operators_for("number") and "in" not in builder.operators_for("number")
    assert builder.operators_for("file") == ["answered", "not_answered"]


def test_build_condition_marks_rows_that_make_no_sense(built):
    current = tree.load(built["q"])
    rules = [builder.Rule("CMS-T-COUNT", "gt", ["abc"]), builder.Rule("CMS-T-TREND", "gt", ["up"])]
    assert builder.build_condition(current, "all", rules) is None
    assert rules[0].error and rules[1].error
    # a number is read in the reader's locale, as answers are: "2,5" in French, "2.5" in English
    expected = {
        "any": [
            {"item": "CMS-T-COUNT", "op": "gte", "value": 2.5},
            {"item": "CMS-T-TREND", "op": "in", "value": ["up"]},
        ]
    }
    for locale, typed in (("fr", "2,5"), ("en", "2.5")):
        rules = [
            builder.Rule("CMS-T-COUNT", "gte", [typed]),
            builder.Rule("CMS-T-TREND", "in", ["up"]),
        ]
        with force_locale(locale):
            assert builder.build_condition(current, "any", rules) == expected
    with force_locale("en"):  # in English a comma groups thousands: "2,5" is no number
        rules = [builder.Rule("CMS-T-COUNT", "gte", ["2,5"])]
        assert builder.build_condition(current, "any", rules) is None and rules[0].error
    mode, again = builder.rules_of({"any": [{"item": "CMS-T-TREND", "op": "in", "value": ["up"]}]})
    assert mode == "any" and again[0].values == ["up"]
    assert builder.is_flat({"all": [{"item": "A", "op": "answered"}]})
    assert not builder.is_flat({"any": [{"all": [{"item": "A", "op": "answered"}]}]})


def test_set_loop_rules(built):
    inner = services.add_section(built["q"], title={"en": "Inner"}, parent=built["sites"])
    with pytest.raises(QuestionnaireError, match="repeats already"):
        builder.set_loop(inner, "species")
    outer = services.add_section(built["q"], title={"en": "Outer"})
    services.add_section(built["q"], title={"en": "Per site"}, parent=outer, loop="site")
    with pytest.raises(QuestionnaireError, match="repeats already"):
        builder.set_loop(outer, "site")
    with pytest.raises(QuestionnaireError, match="Only a section"):
        builder.set_loop(built["trend"], "site")
    with pytest.raises(QuestionnaireError, match="species or for sites"):
        builder.set_loop(built["later"], "months")
    # No CMS species list for COP16 yet: refused; once the secretariat has one, it is attached.
    with pytest.raises(QuestionnaireError, match="no species list"):
        builder.set_loop(built["later"], "species")
    cms = directory.instrument_by_code("CMS")
    species_list = SpeciesList(instrument=cms, cycle="COP16")
    db.session.add(species_list)
    db.session.flush()
    builder.set_loop(built["later"], "species")
    assert built["later"].loop == "species" and built["q"].species_list_id == species_list.id


def test_set_loop_keeps_conditions_valid(built):
    services.set_condition(
        built["site_more"], {"item": "CMS-T-SITE-YN", "op": "equals", "value": "yes"}
    )
    builder.set_loop(built["sites"], None)  # both items now outside any loop: still valid
    assert built["sites"].loop is None
    # The note (section 2) tests the count; looping section 1 would make it read into a loop.
    services.set_condition(built["note"], {"item": "CMS-T-COUNT", "op": "gt", "value": 3})
    with pytest.raises(QuestionnaireError, match="would no longer hold"):
        builder.set_loop(built["general"], "site")
    assert built["general"].loop is None


def test_published_questionnaires_do_not_change(ctx):
    published = services.questionnaire_by_code("CMS-COP15")
    section = tree.load(published).sections()[0]
    with pytest.raises(QuestionnaireError, match="Only a draft"):
        builder.set_loop(section, None if section.loop else "site")
    with pytest.raises(QuestionnaireError, match="Only a draft"):
        builder.insert_from_bank(published, section, _poison().latest)


# --- pages, in French ----------------------------------------------------------------------------


def test_search_in_french_and_insert_pinned(client, auth, draft):
    auth.login(CMS_SEC)
    page = client.get("/questionnaires/CMS-TEST/bank-insert?q=empoisonnement")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert 'id="q-THR-POISON-01"' in page.text
    assert "empoisonnement des oiseaux migrateurs" in page.text  # the reader's language
    assert "CMS-COP15" in page.text  # where it is used
    versioned = client.get("/questionnaires/CMS-TEST/bank-insert?q=SPEC-LISTING-04").text
    assert "<ins" in versioned  # what changed between versions
    response = client.post(
        "/questionnaires/CMS-TEST/bank-insert",
        data={"question": "SPEC-LISTING-04", "version": "1", "section": draft["later"],
              "position": "1", "q": "SPEC-LISTING-04"},
    )  # fmt: skip
    assert response.status_code == 302
    with client.application.app_context():
        q = services.questionnaire_by_code("CMS-TEST")
        item = tree.load(q).by_code()["SPEC-LISTING-04"]
        assert item.bank_version.number == 1 and item.number == "2.1"
    again = client.post(
        "/questionnaires/CMS-TEST/bank-insert",
        data={"question": "SPEC-LISTING-04", "version": "2", "section": draft["general"]},
    )
    assert again.status_code == 422  # refused, the search and the choice kept
    assert "already in this questionnaire" in again.text or "déjà" in again.text
    assert 'role="alert"' in again.text


def test_builder_offers_earlier_items_and_fitting_operators(client, auth, draft):
    auth.login(CMS_SEC)
    page = client.get(f"/questionnaires/CMS-TEST/nodes/{draft['note']}/condition")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert 'value="CMS-T-TREND"' in page.text and 'value="CMS-T-COUNT"' in page.text
    assert 'value="CMS-T-NOTE"' not in page.text and 'value="CMS-T-SITE-YN"' not in page.text
    chosen = client.post(
        f"/questionnaires/CMS-TEST/nodes/{draft['note']}/condition",
        data={"rows": "1", "rule-0-item": "CMS-T-TREND", "rule-0-op": "equals",
              "action": "refresh"},
    )  # fmt: skip
    assert 'value="in"' in chosen.text and 'value="gt"' not in chosen.text
    assert "En hausse" in chosen.text  # the choice labels, in French
    numbers = client.post(
        f"/questionnaires/CMS-TEST/nodes/{draft['note']}/condition",
        data={"rows": "1", "rule-0-item": "CMS-T-COUNT", "rule-0-op": "gt", "action": "refresh"},
    )
    assert 'value="gt"' in numbers.text and 'value="in"' not in numbers.text


def test_rule_in_words_then_saved(client, auth, draft):
    auth.login(CMS_SEC)
    url = f"/questionnaires/CMS-TEST/nodes/{draft['note']}/condition"
    data = {"rows": "1", "rule-0-item": "CMS-T-TREND", "rule-0-op": "equals",
            "rule-0-value": "up"}  # fmt: skip
    preview = client.post(url, data={**data, "action": "preview"})
    words = preview.text.replace("\u00a0", " ").replace("\u202f", " ")
    assert "Ne s’affiche que si la réponse à 1.1 est « En hausse »" in words
    with client.application.app_context():
        assert db.session.get(Node, draft["note"]).condition is None  # not saved yet
    saved = client.post(url, data={**data, "action": "save"})
    assert saved.status_code == 302
    with client.application.app_context():
        condition = db.session.get(Node, draft["note"]).condition
    assert condition == {"item": "CMS-T-TREND", "op": "equals", "value": "up"}
    outline = client.get("/questionnaires/CMS-TEST/").text.replace("\u00a0", " ")
    assert "la réponse à 1.1 est « En hausse »" in outline.replace("\u202f", " ")
    removed = client.post(f"{url}/remove")
    assert removed.status_code == 302
    with client.application.app_context():
        assert db.session.get(Node, draft["note"]).condition is None


def test_forward_reference_is_refused_in_french_and_kept(client, auth, draft):
    auth.login(CMS_SEC)
    response = client.post(
        f"/questionnaires/CMS-TEST/nodes/{draft['trend']}/condition",
        data={"rows": "1", "rule-0-item": "CMS-T-NOTE", "rule-0-op": "equals",
              "rule-0-value": "x", "action": "save"},
    )  # fmt: skip
    assert response.status_code == 422
    assert "qui vient plus loin" in response.text and 'role="alert"' in response.text
    assert '<option value="CMS-T-NOTE" selected>' in response.text  # what was chosen is kept
    with client.application.app_context():
        assert db.session.get(Node, draft["trend"]).condition is None


def test_bad_value_is_reported_next_to_the_rule(client, auth, draft):
    auth.login(CMS_SEC)
    response = client.post(
        f"/questionnaires/CMS-TEST/nodes/{draft['note']}/condition",
        data={"rows": "1", "rule-0-item": "CMS-T-COUNT", "rule-0-op": "gt",
              "rule-0-value": "beaucoup", "action": "save"},
    )  # fmt: skip
    assert response.status_code == 422
    assert 'id="rule-0-error"' in response.text and 'value="beaucoup"' in response.text


def test_loop_change(client, auth, draft):
    auth.login(CMS_SEC)
    url = f"/questionnaires/CMS-TEST/nodes/{draft['later']}/loop"
    page = client.get(url)
    assert page.status_code == 200 and 'name="loop"' in page.text
    assert client.post(url, data={"loop": "site"}).status_code == 302
    with client.application.app_context():
        assert db.session.get(Node, draft["later"]).loop == "site"
    refused = client.post(url, data={"loop": "species"})  # CMS has no list for COP16
    assert refused.status_code == 422 and 'role="alert"' in refused.text
    assert 'id="loop-species" value="species" checked' in refused.text


def test_cop15_loop_page_shows_the_species_list(app, client, auth):
    """On a draft of a cycle that has a list, the page shows its species read-only."""
    with app.app_context():
        cms = directory.instrument_by_code("CMS")
        q = services.create_questionnaire(
            instrument=cms, code="CMS-TEST15", cycle="COP15B", cycle_order=98, title=TITLE,
            species_list=db.session.scalar(
                db.select(SpeciesList).where(SpeciesList.instrument_id == cms.id,
                                             SpeciesList.cycle == "COP15")),
        )  # fmt: skip
        section = services.add_section(q, title={"en": "Species", "fr": "Espèces"})
        db.session.commit()
        section_id = section.id
    auth.login(CMS_SEC)
    page = client.get(f"/questionnaires/CMS-TEST15/nodes/{section_id}/loop")
    assert "Aquila nipalensis" in page.text


# --- who may ------------------------------------------------------------------------------------


def _urls(draft):
    return [
        "/questionnaires/CMS-TEST/bank-insert?q=poison",
        f"/questionnaires/CMS-TEST/nodes/{draft['note']}/condition",
        f"/questionnaires/CMS-TEST/nodes/{draft['later']}/loop",
    ]


EXPECTED = {ANON: 302, CMS_SEC: 200, ADMIN: 403, AEWA_SEC: 404, FP_FRA: 404, ANALYST: 404}


@pytest.mark.parametrize("who", [ANON, *EVERYONE])
def test_only_the_instruments_secretariat_reaches_the_designer(client, auth, draft, who):
    if who:
        auth.login(who)
    for url in _urls(draft):
        assert client.get(url).status_code == EXPECTED.get(who, 404), url
    posted = client.post(
        f"/questionnaires/CMS-TEST/nodes/{draft['later']}/loop", data={"loop": "site"}
    )
    assert posted.status_code == (302 if who in (ANON, CMS_SEC) else EXPECTED.get(who, 404))
    with client.application.app_context():
        assert (db.session.get(Node, draft["later"]).loop == "site") == (who == CMS_SEC)


@pytest.mark.parametrize("who", [AEWA_SEC, FP_FRA, ANALYST])
def test_others_cannot_change_a_published_questionnaire(client, auth, who):
    auth.login(who)
    assert client.get("/questionnaires/CMS-COP15/bank-insert").status_code == 403


def test_published_questionnaire_pages_send_the_secretariat_back(client, auth):
    auth.login(CMS_SEC)
    response = client.get("/questionnaires/CMS-COP15/bank-insert?q=poison")
    assert response.status_code == 302 and response.headers["Location"].endswith("/CMS-COP15/")
    with client.application.app_context():
        section = tree.load(services.questionnaire_by_code("CMS-COP15")).sections()[0]
        section_id = section.id
    posted = client.post(
        f"/questionnaires/CMS-COP15/nodes/{section_id}/loop", data={"loop": "site"}
    )
    assert posted.status_code == 302
    outline = client.get("/questionnaires/CMS-COP15/").text
    assert "/bank-insert" not in outline and "/condition" not in outline
