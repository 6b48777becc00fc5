"""What the bank's question pages say is true, as secretariats use them: one settings editor
per answer type, the designer's (choice rows with a key and a label per language, add and
remove without scripts; bounds, unit, whole numbers), each editor in a fieldset named by its
type; tags as checkboxes grouped by vocabulary; differences and history in the reader's words
(no raw keys), words marked rather than whole sentences; no proposal of nothing; a
secretariat's dashboard lists the proposals waiting for its decision.

cms.secretariat reads French, aewa.secretariat English (the demo's preferences)."""

import re

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _

from app.auth.models import User
from app.bank import services
from app.bank.models import BankQuestion
from app.directory import services as directory
from app.extensions import db
from tests.test_bank_authoring import _preview_then_save
from tests.test_policy import AEWA_SEC, CMS_SEC

NEW = {
    "code": "THR-WIND-98",
    "answer_type": "single_choice",
    "text_en": "Are wind farms assessed for bats?",
    "text_fr": "Les parcs éoliens sont-ils évalués pour les chauves-souris ?",
    "rows": "2",
    "choice-0-key": "always",
    "choice-0-en": "Always",
    "choice-0-fr": "Toujours",
    "choice-1-key": "never",
    "choice-1-en": "Never",
    "choice-1-es": "Nunca",
    "tags": ["theme:bycatch", "gbf:3"],
}


def _user(email: str) -> User:
    return db.session.scalar(sa.select(User).where(User.email == email))


def _question(owner_code: str, answer_type: str | None) -> BankQuestion:
    """A frozen question of `owner_code` of `answer_type` (any: None) with a French text."""
    owner = directory.instrument_by_code(owner_code)
    questions = db.session.scalars(
        sa.select(BankQuestion).where(BankQuestion.owner_id == owner.id).order_by(BankQuestion.code)
    )
    return next(
        q
        for q in questions
        if q.latest.frozen and answer_type in (None, q.latest.answer_type) and "fr" in q.latest.text
    )


def _fieldsets(html: str) -> dict[str, str]:
    """The settings editors of a question form by the types that show them (data-show-for)."""
    found = {}
    for match in re.finditer(r'<fieldset[^>]*data-show-for="([^"]+)"[^>]*>', html):
        found[match.group(1)] = html[match.end() : match.end() + 20000]
    return found


# --- one settings editor per type, the designer's --------------------------------------------


def test_the_bank_form_reads_choice_rows_as_the_designer_does(client, auth, app):
    auth.login(CMS_SEC)
    created = client.post("/bank/new", data=NEW)
    assert created.status_code == 302, created.text
    with app.app_context():
        latest = services.question_by_code("THR-WIND-98").latest
        assert latest.config["choices"] == [
            {"key": "always", "label": {"en": "Always", "fr": "Toujours"}},
            {"key": "never", "label": {"en": "Never", "es": "Nunca"}},
        ]
        assert services.question_by_code("THR-WIND-98").tags == ["theme:bycatch", "gbf:3"]


def test_choice_rows_are_added_and_removed_without_scripts(client, auth):
    auth.login(CMS_SEC)
    added = client.post("/bank/new", data=NEW | {"add-row": "1"})
    assert added.status_code == 200
    assert 'name="choice-2-key"' in added.text and 'name="choice-2-fr"' in added.text
    assert 'value="Toujours"' in added.text and 'value="THR-WIND-98"' in added.text
    removed = client.post("/bank/new", data=NEW | {"remove-row": "0"})
    assert removed.status_code == 200
    assert re.search(r'name="choice-0-key" value="never"', removed.text)
    assert 'name="choice-1-key"' not in removed.text and 'value="Toujours"' not in removed.text
    # A bank question's choices are edited where they are: pre-filled as rows.
    assert 'name="choices"' not in removed.text


def test_each_editor_is_in_a_fieldset_of_its_type_the_same_in_the_bank_and_designer(
    client, auth, app
):
    auth.login(CMS_SEC)
    bank_form = client.get("/bank/new").text
    editors = _fieldsets(bank_form)
    assert set(editors) == {"single_choice multiple_choice", "number", "table"}
    choices, number = editors["single_choice multiple_choice"], editors["number"]
    with app.test_request_context(), force_locale("fr"):
        assert _("Choices (single or multiple choice)") in choices.split("</legend>")[0]
        assert _("Number") in number.split("</legend>")[0]
        assert _("Add a choice") in choices.split("</fieldset>")[0]
    assert 'name="minimum"' in number and 'name="integer"' in number and 'name="unit_es"' in number
    assert 'name="minimum"' not in choices.split("</fieldset>")[0]
    # The designer's local question form shows the very same editors, with the same fields.
    with app.app_context():
        from app.questionnaires import services as questionnaires

        draft = questionnaires.create_questionnaire(
            instrument=directory.instrument_by_code("CMS"), code="CMS-FORM-98", cycle="COP98",
            cycle_order=98, title={"en": "Form test"},
        )  # fmt: skip
        questionnaires.add_section(draft, title={"en": "General"})
        db.session.commit()
    designer = _fieldsets(client.get("/questionnaires/CMS-FORM-98/design/item").text)
    assert set(designer) == set(editors)
    for name in ('name="rows"', 'name="add-row"', 'name="allow_other"', 'name="maximum"'):
        assert name in bank_form
        assert any(name in part for part in designer.values())


def test_a_bank_question_with_bounds_keeps_them(client, auth, app):
    auth.login(CMS_SEC)
    data = {"code": "POP-COUNT-98", "answer_type": "number", "text_en": "How many?",
            "minimum": "0,5", "maximum": "abc", "unit_en": "pairs"}  # fmt: skip
    refused = client.post("/bank/new", data=data)
    assert refused.status_code == 422
    assert re.search(r'id="maximum"[^>]*aria-invalid="true"|aria-invalid="true"[^>]*id="maximum"',
                     refused.text)  # fmt: skip
    assert 'value="abc"' in refused.text
    assert client.post("/bank/new", data=data | {"maximum": "10"}).status_code == 302
    with app.app_context():
        config = services.question_by_code("POP-COUNT-98").latest.config
        assert config == {"min": 0.5, "max": 10, "unit": {"en": "pairs"}}


def test_tags_are_checkboxes_grouped_by_vocabulary(client, auth, app):
    with app.app_context():
        question = _question("CMS", "yes_no")
        code, tags = question.code, list(question.tags)
    auth.login(CMS_SEC)
    new = client.get("/bank/new").text
    assert "<select" not in new.split('name="tags"')[0].rsplit("<fieldset", 1)[-1]
    assert 'multiple size="8"' not in new
    assert re.search(r'<input class="form-check-input" type="checkbox" id="tag-theme-bycatch" '
                     r'name="tags" value="theme:bycatch">', new)  # fmt: skip
    for legend in ("Thème", "Cadre mondial de la biodiversité de Kunming-Montréal"):
        assert re.search(rf"<fieldset[^>]*>\s*<legend[^>]*>{re.escape(legend)}</legend>", new)
    page = client.get(f"/bank/{code}/version").text
    for tag in tags:
        assert re.search(rf'value="{re.escape(tag)}" checked', page)


# --- differences and history in the reader's words -------------------------------------------


def test_differences_name_fields_and_choices_in_french_and_mark_the_changed_words(
    client, auth, app
):
    with app.app_context():
        question = _question("CMS", "single_choice")
        latest = question.latest
        choice = latest.config["choices"][0]
        config = dict(latest.config, choices=[dict(c) for c in latest.config["choices"]])
        config["choices"][0] = {
            "key": choice["key"],
            "label": dict(choice["label"], en=choice["label"]["en"] + " indeed"),
        }
        words = latest.text["en"].split()
        words[1] = "CHANGED"
        services.change_question(
            question,
            answer_type=latest.answer_type,
            text=dict(latest.text, en=" ".join(words)),
            guidance=latest.guidance,
            config=config,
        )
        db.session.commit()
        code, number = question.code, question.latest.number
        french_label = choice["label"].get("fr") or choice["label"]["en"]
        with app.test_request_context(), force_locale("fr"):
            text_label = _("Text of the question")
    auth.login(CMS_SEC)
    page = client.get(f"/bank/{code}?from={number - 1}&to={number}").text.split('id="diff"')[1]
    assert "<code>text</code>" not in page and "<code>choice:" not in page
    assert f"<td>{text_label}</td>" in page
    row = page.split(f"<code>{choice['key']}</code>", 1)
    assert len(row) == 2 and french_label in row[0].rsplit("<tr>", 1)[-1]
    # The changed word alone is marked, the others stay as they were.
    assert "<ins>CHANGED</ins>" in page and f"<del>{words_before(latest)}</del>" in page
    assert "<ins>indeed</ins>" in page
    assert "style=" not in page


def words_before(latest) -> str:
    return latest.text["en"].split()[1]


def test_history_says_what_happened_in_french(client, auth, app):
    with app.app_context():
        question = _question("CMS", "yes_no")
        latest = question.latest
        services.change_question(
            question,
            answer_type=latest.answer_type,
            text=dict(latest.text, en=latest.text["en"] + " again"),
            guidance=latest.guidance,
            config=latest.config,
            actor=_user(CMS_SEC),
        )
        db.session.commit()
        code = question.code
        with app.test_request_context(), force_locale("fr"):
            created = _("Question created")
            new_version = _("Version %(n)s created") % {"n": question.latest.number}
    auth.login(CMS_SEC)
    history = client.get(f"/bank/{code}").text.split('id="history"')[1]
    assert "bank.new_version" not in history and "bank.create" not in history
    assert new_version in history and created in history


# --- nothing to propose; proposals on the owner's dashboard -----------------------------------


def _unchanged(question: BankQuestion) -> dict:
    """The change form as it comes pre-filled with the latest version."""
    from app.bank import authoring

    values = authoring.form_values(question)
    return {k: v for k, v in values.items() if k not in ("table", "choice_rows")}


def test_no_send_button_when_nothing_differs(client, auth, app):
    with app.app_context():
        question = _question("CMS", "yes_no")
        code, data, number = question.code, _unchanged(question), question.latest.number
    auth.login(AEWA_SEC)
    preview = client.post(f"/bank/{code}/propose", data=data | {"step": "preview"})
    assert preview.status_code == 200 and "No difference." in preview.text
    assert "Send the proposal" not in preview.text
    assert f"Nothing differs from version {number}." in preview.text
    changed = client.post(
        f"/bank/{code}/propose", data=data | {"step": "preview", "text_en": "Other words"}
    )
    assert "Send the proposal" in changed.text


def test_the_owner_dashboard_lists_the_proposals_waiting_for_it(client, auth, app):
    with app.app_context():
        question = _question("AEWA", None)
        code = question.code
        data = _unchanged(question) | {"text_en": question.latest.text["en"] + " nationally"}
    auth.login(CMS_SEC)
    assert _preview_then_save(client, f"/bank/{code}/propose", data).status_code == 302
    cms_board = client.get("/dashboard").text
    assert f"/bank/{code}/proposals" not in cms_board  # not CMS's decision
    auth.logout()
    auth.login(AEWA_SEC)
    board = client.get("/dashboard").text
    assert f'href="/bank/{code}/proposals"' in board
    assert "Proposals waiting for your decision" in board and "proposed by CMS on" in board
