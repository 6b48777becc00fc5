"""Table questions: the shared table editor (app/bank/table_form.py) in the questionnaire
designer and in the bank authoring form — parsing, errors that name the row or column, add and
remove buttons without scripts, editing an existing table, the bank's diff, the preview grid in
French, and who may reach the forms."""

import re

import pytest
import sqlalchemy as sa
from flask_babel import force_locale
from markupsafe import escape
from werkzeug.datastructures import MultiDict

from app.bank import services as bank
from app.bank import table_form
from app.bank.models import BankQuestion
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import builder, services, tree
from app.questionnaires.models import Node
from tests.test_policy import ADMIN, AEWA_SEC, ANALYST, ANON, CMS_SEC, FP_FRA

LANGS = ["en", "fr", "es"]
TABLE = {
    "rows": [
        {"key": "adults", "label": {"en": "Adults", "fr": "Adultes"}},
        {"key": "young", "label": {"en": "Young", "fr": "Jeunes", "es": "Jóvenes"}},
    ],
    "columns": [
        {"key": "count", "type": "number", "label": {"en": "Count", "fr": "Effectif"}},
        {
            "key": "trend",
            "type": "single_choice",
            "label": {"en": "Trend", "fr": "Tendance"},
            "choices": [
                {"key": "up", "label": {"en": "Increasing", "fr": "En hausse"}},
                {"key": "down", "label": {"en": "Decreasing", "fr": "En baisse"}},
            ],
        },
    ],
}


def fields(config: dict, langs=LANGS) -> dict[str, str]:
    """The posted fields of a table editor holding `config`."""
    return table_form.form_fields(table_form.table_values(config, langs), langs)


def _errors_of(config: dict) -> dict[str, str]:
    return table_form.parse_table(MultiDict(fields(config)), LANGS)[1]


# --- the shared parser ---------------------------------------------------------------------------


def test_a_table_round_trips_through_the_editor(ctx):
    config, errors = table_form.parse_table(MultiDict(fields(TABLE)), LANGS)
    assert errors == {} and config == TABLE


def test_blank_parts_are_left_out_and_a_new_editor_has_one_row_and_one_column(ctx):
    state = table_form.table_values(None, LANGS)
    assert len(state["rows"]) == 1 and len(state["columns"]) == 1
    data = fields(TABLE) | {"table-rows": "3", "trow-2-key": "", "trow-2-en": ""}
    assert table_form.parse_table(MultiDict(data), LANGS) == (TABLE, {})


def test_errors_name_the_row_column_or_choice(ctx):
    broken = {
        "rows": [
            {"key": "", "label": {"en": "Adults"}},
            {"key": "a b", "label": {"fr": "Jeunes"}},
            {"key": "old", "label": {"en": "Old"}},
            {"key": "old", "label": {"en": "Older"}},
        ],
        "columns": [
            {"key": "count", "type": "", "label": {"en": "Count"}},
            {"key": "trend", "type": "single_choice", "label": {"en": "Trend"},
             "choices": [{"key": "up", "label": {"en": "Up"}}]},
        ],
    }  # fmt: skip
    errors = _errors_of(broken)
    assert errors["trow-0-key"] == "Row 1: give it a key."
    assert errors["trow-1-key"] == "Row 2: a key is letters, digits, “-” or “_”, up to 40."
    assert errors["trow-1-en"] == "Row 2: write its label in English at least."
    assert errors["trow-3-key"] == "Row 4: another one has the key “old”."
    assert errors["tcol-0-type"] == "Column 1: choose its type."
    assert errors["tcol-1-choices"] == (
        "Column 2: a single-choice column needs at least two choices."
    )
    same = [{"key": "up", "label": {"en": "Up"}}, {"key": "up", "label": {"fr": "Haut"}}]
    duplicate_choices = {**TABLE, "columns": [{**TABLE["columns"][1], "choices": same}]}
    errors = _errors_of(duplicate_choices)
    assert errors["tcol-0-choice-1-key"] == "Choice 2 of column 1: another one has the key “up”."
    assert errors["tcol-0-choice-1-en"] == (
        "Choice 2 of column 1: write its label in English at least."
    )


def test_a_table_needs_rows_and_columns(ctx):
    errors = table_form.parse_table(MultiDict({"table-rows": "0", "table-columns": "0"}), LANGS)[1]
    assert errors == {
        "table": "Add at least one row to the table.",
        "table-columns": "Add at least one column to the table.",
    }


def test_the_first_language_is_the_one_required(ctx):
    config = {**TABLE, "rows": [{"key": "adults", "label": {"fr": "Adultes"}}]}
    assert "trow-0-en" in _errors_of(config)  # English first: required
    french_first = table_form.parse_table(MultiDict(fields(config, ["fr", "en"])), ["fr", "en"])
    # The rows pass in French; the choices still need English, as the registry asks.
    assert not any(k.startswith("trow") for k in french_first[1])


def test_buttons_add_and_remove_and_a_choice_column_gets_room_for_two(ctx):
    data = fields(TABLE)
    state = table_form.read_table(MultiDict(data | {"table-add-row": "1"}), LANGS)
    assert [r["key"] for r in state["rows"]] == ["adults", "young", ""]
    state = table_form.read_table(MultiDict(data | {"table-remove-row": "0"}), LANGS)
    assert [r["key"] for r in state["rows"]] == ["young"]
    state = table_form.read_table(MultiDict(data | {"table-remove-column": "1"}), LANGS)
    assert [c["key"] for c in state["columns"]] == ["count"]
    state = table_form.read_table(MultiDict(data | {"table-add-choice": "1"}), LANGS)
    assert [c["key"] for c in state["columns"][1]["choices"]] == ["up", "down", ""]
    state = table_form.read_table(MultiDict(data | {"table-remove-choice": "1-0"}), LANGS)
    assert [c["key"] for c in state["columns"][1]["choices"]] == ["down", ""]
    new_column = data | {"table-add-column": "1"}
    state = table_form.read_table(MultiDict(new_column), LANGS)
    assert state["columns"][2] == {"key": "", "type": "", "label": dict.fromkeys(LANGS, ""),
                                   "choices": []}  # fmt: skip
    chosen = fields(TABLE) | {"table-columns": "3", "tcol-2-type": "single_choice"}
    state = table_form.read_table(MultiDict(chosen | {"table-add-choice": "2"}), LANGS)
    assert len(state["columns"][2]["choices"]) == 2
    assert table_form.focus(MultiDict(chosen | {"table-add-choice": "2"}), state) == (
        "tcol-2-choice-1-key"
    )
    assert table_form.focus(MultiDict(data), state) is None
    assert table_form.edited(MultiDict({"table-add-row": "1"}))
    assert not table_form.edited(MultiDict(data))


def test_the_bank_diff_shows_a_table_s_column_types_and_order(ctx):
    """Comparing labels alone would miss these: the version comparison, the change preview
    and the proposals all go through `diff_definitions`."""
    new = {
        "rows": list(reversed(TABLE["rows"])),
        "columns": [{**TABLE["columns"][0], "type": "short_text"}, TABLE["columns"][1]],
    }
    definition = {"type": "table", "text": {}, "guidance": {}}
    rows = bank.diff_definitions(definition | {"config": TABLE},
                                          definition | {"config": new})  # fmt: skip
    assert [(r.field, r.old, r.new) for r in rows] == [
        ("column:count:type", "number", "short_text"),
        ("rows:order", "adults, young", "young, adults"),
    ]
    assert bank.diff_definitions(definition | {"config": TABLE},
                                          definition | {"config": TABLE}) == []  # fmt: skip


def test_a_table_is_tested_by_conditions_only_for_presence():
    assert builder.operators_for("table") == list(builder.PRESENCE)


# --- the designer --------------------------------------------------------------------------------


@pytest.fixture
def draft(app, database):
    with app.app_context():
        cms = directory.instrument_by_code("CMS")
        q = services.create_questionnaire(
            instrument=cms, code="CMS-TABLES", cycle="COP18", cycle_order=96,
            title={"en": "Tables", "fr": "Tableaux"},
        )  # fmt: skip
        section = services.add_section(q, title={"en": "Counts", "fr": "Effectifs"})
        db.session.commit()
        return {"section": section.id}


def _item(client, code: str) -> Node:
    with client.application.app_context():
        questionnaire = services.questionnaire_by_code("CMS-TABLES")
        return tree.load(questionnaire).by_code().get(code)


ITEM = {"code": "CMS-T-COUNTS", "answer_type": "table", "text_en": "Breeding population",
        "text_fr": "Population nicheuse", "text_es": "Población reproductora"}  # fmt: skip


def test_designer_adds_a_table_question_and_the_preview_shows_the_grid(client, auth, draft):
    auth.login(CMS_SEC)
    url = f"/questionnaires/CMS-TABLES/design/item?section={draft['section']}"
    form = client.get(url).text
    assert '<option value="table">Tableau</option>' in form
    assert 'data-show-for="table"' in form and 'name="trow-0-key"' in form
    assert 'name="tcol-0-type"' in form and 'name="trow-1-key"' not in form
    # Without scripts: "Add a row" comes back with what was typed and one more row.
    typed = ITEM | {"section": draft["section"], "table-rows": "1", "trow-0-key": "adults",
                    "trow-0-en": "Adults", "trow-0-fr": "Adultes",
                    "table-columns": "1"}  # fmt: skip
    added = client.post(url, data=typed | {"table-add-row": "1"})
    assert added.status_code == 200 and 'name="trow-1-key"' in added.text
    assert re.search(r'id="trow-1-key"[^>]* autofocus', added.text)  # the new row's key
    assert added.text.count("autofocus") == 1
    assert 'value="Adultes"' in added.text and "Population nicheuse</textarea>" in added.text
    assert "alert-danger" not in added.text  # a button is not a save
    assert _item(client, "CMS-T-COUNTS") is None
    # Saving with mistakes: the messages name the row and column, nothing typed is lost.
    bad = typed | {"table-rows": "2", "trow-1-key": "adults", "trow-1-fr": "Jeunes",
                   "tcol-0-key": "trend", "tcol-0-type": "single_choice", "tcol-0-en": "Trend",
                   "tcol-0-choices": "1", "tcol-0-choice-0-key": "up",
                   "tcol-0-choice-0-en": "Up"}  # fmt: skip
    refused = client.post(url, data=bad)
    assert refused.status_code == 200 and _item(client, "CMS-T-COUNTS") is None
    assert 'id="table-errors"' in refused.text and 'aria-invalid="true"' in refused.text
    with client.application.test_request_context(), force_locale("fr"):
        expected = table_form.parse_table(MultiDict(bad), LANGS)[1]  # in French, as shown
    assert set(expected) == {"trow-1-key", "trow-1-en", "tcol-0-choices"}
    for name, message in expected.items():
        assert f'id="{name}-error">{escape(message)}</div>' in refused.text
    assert 'value="Jeunes"' in refused.text and 'value="Up"' in refused.text
    good = bad | {"trow-1-key": "young", "trow-1-en": "Young", "tcol-0-choices": "2",
                  "tcol-0-choice-1-key": "down", "tcol-0-choice-1-en": "Down",
                  "tcol-0-choice-1-fr": "En baisse", "tcol-0-fr": "Tendance",
                  "table-columns": "2", "tcol-1-key": "count", "tcol-1-type": "number",
                  "tcol-1-en": "Count", "tcol-1-fr": "Effectif"}  # fmt: skip
    saved = client.post(url, data=good)
    assert saved.status_code == 302
    item = _item(client, "CMS-T-COUNTS")
    assert item.answer_type == "table" and item.parent_id == draft["section"]
    assert [r["key"] for r in item.config["rows"]] == ["adults", "young"]
    assert [(c["key"], c["type"]) for c in item.config["columns"]] == [
        ("trend", "single_choice"), ("count", "number")
    ]  # fmt: skip
    assert item.config["columns"][0]["choices"][1] == {
        "key": "down", "label": {"en": "Down", "fr": "En baisse"}
    }  # fmt: skip
    outline = client.get("/questionnaires/CMS-TABLES/design").text
    assert "CMS-T-COUNTS" in outline and "Tableau" in outline
    preview = client.get("/questionnaires/CMS-TABLES/preview?lang=fr").text
    grid = preview[preview.index("Population nicheuse") :]
    assert '<th scope="row">Adultes</th>' in grid and '<th scope="col">Effectif</th>' in grid
    assert '<th scope="col">Tendance</th>' in grid and ">En baisse</option>" in grid
    assert 'name="t-' in grid and ".adults.count" in grid and ".young.trend" in grid


def test_designer_edits_a_local_table(client, auth, draft):
    with client.application.app_context():
        questionnaire = services.questionnaire_by_code("CMS-TABLES")
        item = services.add_local_item(
            questionnaire, db.session.get(Node, draft["section"]), code="CMS-T-EDIT",
            answer_type="table", text={"en": "Counts"}, config=TABLE,
        )  # fmt: skip
        db.session.commit()
        url = f"/questionnaires/CMS-TABLES/design/{item.id}/item"
    auth.login(CMS_SEC)
    form = client.get(url).text
    assert 'value="adults"' in form and 'value="Jeunes"' in form and 'value="En hausse"' in form
    assert '<option value="single_choice" selected>' in form
    data = fields(TABLE, ["en", "fr", "es"]) | {"answer_type": "table", "text_en": "Counts"}
    removed = client.post(url, data=data | {"table-remove-column": "0"})
    assert 'name="tcol-1-key"' not in removed.text and 'value="trend"' in removed.text
    remaining = {k: v for k, v in data.items() if not k.startswith("tcol-")}
    remaining |= {k.replace("tcol-1", "tcol-0"): v for k, v in data.items()
                  if k.startswith("tcol-1")} | {"table-columns": "1"}  # fmt: skip
    assert client.post(url, data=remaining).status_code == 302
    with client.application.app_context():
        assert db.session.get(Node, item.id).config == {
            "rows": TABLE["rows"], "columns": [TABLE["columns"][1]]
        }  # fmt: skip


POLICY = {ANON: 302, CMS_SEC: 200, AEWA_SEC: 404, FP_FRA: 404, ANALYST: 404, ADMIN: 403}


@pytest.mark.parametrize("who", list(POLICY))
def test_who_may_add_a_table_to_the_designer(client, auth, draft, who):
    if who:
        auth.login(who)
    url = f"/questionnaires/CMS-TABLES/design/item?section={draft['section']}"
    page = client.get(url)
    assert page.status_code == POLICY[who]
    data = ITEM | fields(TABLE) | {"section": draft["section"]}
    posted = client.post(url, data=data)
    assert posted.status_code == (302 if who in (ANON, CMS_SEC) else POLICY[who])
    assert (_item(client, "CMS-T-COUNTS") is not None) == (who == CMS_SEC)


# --- the bank ------------------------------------------------------------------------------------

NEW = {"code": "POP-TABLE-99", "answer_type": "table", "text_en": "Breeding pairs",
       "text_fr": "Couples nicheurs"}  # fmt: skip


def test_bank_creates_a_table_question(client, auth, app):
    auth.login(AEWA_SEC)  # in English
    form = client.get("/bank/new").text
    assert '<option value="table"' in form and 'id="table-editor"' in form
    assert "The rows and columns of a table are kept" not in form
    typed = NEW | {"table-rows": "1", "trow-0-key": "adults", "trow-0-en": "Adults",
                   "table-columns": "1", "tcol-0-key": "n", "tcol-0-type": "number"}  # fmt: skip
    added = client.post("/bank/new", data=typed | {"table-add-column": "1"})
    assert added.status_code == 200 and 'name="tcol-1-key"' in added.text
    assert 'value="Couples nicheurs"' not in added.text  # a textarea: the text is its content
    assert "Couples nicheurs</textarea>" in added.text and 'value="adults"' in added.text
    refused = client.post("/bank/new", data=typed)
    assert refused.status_code == 422
    assert "Column 1: write its label in English at least." in refused.text
    assert 'value="adults"' in refused.text
    created = client.post("/bank/new", data=typed | {"tcol-0-en": "Pairs", "tcol-0-fr": "Couples"})
    assert created.status_code == 302
    with app.app_context():
        latest = bank.question_by_code("POP-TABLE-99").latest
        assert latest.answer_type == "table"
        assert latest.config == {
            "rows": [{"key": "adults", "label": {"en": "Adults"}}],
            "columns": [{"key": "n", "type": "number", "label": {"en": "Pairs", "fr": "Couples"}}],
        }


def _cms_table(app) -> tuple[str, dict, dict]:
    with app.app_context():
        owner = directory.instrument_by_code("CMS")
        question = next(
            q
            for q in db.session.scalars(
                sa.select(BankQuestion)
                .where(BankQuestion.owner_id == owner.id)
                .order_by(BankQuestion.code)
            )
            if q.latest.answer_type == "table"
            and any(c["type"] == "single_choice" for c in q.latest.config["columns"])
        )
        from app.bank import authoring

        values = {k: v for k, v in authoring.form_values(question).items() if k != "table"}
        return question.code, values | {"tags": question.tags}, question.latest.config


def test_bank_new_version_of_a_table_shows_row_and_column_changes(client, auth, app):
    code, data, config = _cms_table(app)
    auth.login(CMS_SEC)
    url = f"/bank/{code}/version"
    form = client.get(url).text
    first_row = config["rows"][0]
    assert f'value="{first_row["key"]}"' in form
    assert str(escape(first_row["label"]["fr"])) in form
    choice_column = next(j for j, c in enumerate(config["columns"]) if c["type"] == "single_choice")
    other = next(j for j, c in enumerate(config["columns"]) if c["type"] != "single_choice")
    changed = dict(data)
    changed["trow-0-fr"] = "Ligne révisée"
    changed[f"tcol-{other}-type"] = "short_text"
    last = int(changed["table-rows"]) - 1
    removed_key = changed[f"trow-{last}-key"]
    changed["table-rows"] = str(last)
    preview = client.post(url, data=changed | {"step": "preview"})
    assert preview.status_code == 200
    # Rows and columns are named by their label, their key shown as a code (never "row:…").
    assert f"<code>{first_row['key']}</code>" in preview.text and "<code>row:" not in preview.text
    assert "Ligne révisée</ins>" in preview.text
    assert f"<code>{config['columns'][other]['key']}</code>" in preview.text
    assert "<code>column:" not in preview.text
    assert f"<code>{removed_key}</code>" in preview.text  # the removed row, label by label
    digest = re.search(r'name="previewed" value="([0-9a-f]+)"', preview.text).group(1)
    saved = client.post(url, data=changed | {"step": "save", "previewed": digest})
    assert saved.status_code == 302
    with app.app_context():
        latest = bank.question_by_code(code).latest
        assert latest.config["rows"][0]["label"]["fr"] == "Ligne révisée"
        assert len(latest.config["rows"]) == last
        assert latest.config["columns"][other]["type"] == "short_text"
        assert latest.config["columns"][choice_column] == config["columns"][choice_column]


def test_bank_table_buttons_keep_what_was_typed_on_a_new_version(client, auth, app):
    code, data, _config = _cms_table(app)
    auth.login(CMS_SEC)
    url = f"/bank/{code}/version"
    page = client.post(url, data=data | {"text_en": "Typed", "table-add-row": "1"})
    rows = int(data["table-rows"])
    assert page.status_code == 200 and f'name="trow-{rows}-key"' in page.text
    assert "Typed</textarea>" in page.text and 'name="previewed"' not in page.text


@pytest.mark.parametrize(
    ("who", "status"), [(CMS_SEC, 200), (AEWA_SEC, 200), (FP_FRA, 403), (ANALYST, 403)]
)
def test_who_may_author_a_table_in_the_bank(client, auth, app, who, status):
    auth.login(who)
    assert client.get("/bank/new").status_code == status
    data = NEW | fields(TABLE)
    response = client.post("/bank/new", data=data)
    assert response.status_code == (302 if status == 200 else status)
    with app.app_context():
        assert (bank.question_by_code("POP-TABLE-99") is not None) == (status == 200)


def test_anonymous_cannot_author_a_table_in_the_bank(client, app):
    assert client.get("/bank/new").status_code in (302, 401)
    client.post("/bank/new", data=NEW | fields(TABLE))
    with app.app_context():
        assert bank.question_by_code("POP-TABLE-99") is None
