"""Texts of a questionnaire side by side: the service rules (draft, published: translation fixes
only, recorded) and the page through the client in French and English."""

import pytest
from flask_babel import force_locale

from app.audit.models import AuditEvent
from app.auth.models import User
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services, tree
from app.questionnaires import texts_service as ts
from tests.test_policy import AEWA_SEC, ANALYST, CMS_SEC, FP_FRA

MEANING_REFUSED = (
    "The questionnaire is published: its %(language)s text carries the meaning and "
    "can no longer change. Only translations may be added or corrected."
)


def make_cms_draft(code: str = "CMS-TEXTS", order: int = 99):
    """A CMS draft whose title and item lack Spanish, with a choice question."""
    cms = directory.instrument_by_code("CMS")
    draft = services.create_questionnaire(
        instrument=cms,
        code=code,
        cycle=code.removeprefix("CMS-"),
        cycle_order=order,
        title={"en": "Texts test", "fr": "Test des textes"},
    )
    section = services.add_section(draft, title={"en": "Birds", "fr": "Oiseaux", "es": "Aves"})
    services.add_local_item(
        draft,
        section,
        code="TXT-1",
        answer_type="single_choice",
        text={"en": "Is it windy?", "fr": "Y a-t-il du vent ?"},
        config={
            "choices": [
                {"key": "a", "label": {"en": "Yes", "fr": "Oui", "es": "Sí"}},
                {"key": "b", "label": {"en": "No", "fr": "Non"}},
            ]
        },
    )
    return draft


def _row(questionnaire, key_end):
    found = ts.rows(tree.load(questionnaire))
    return next(r for r in found if r.key.endswith(key_end)), found


def test_rows_side_by_side_and_missing_counts(ctx):
    draft = make_cms_draft()
    found = ts.rows(tree.load(draft))
    assert ts.working_languages(draft) == ["en", "fr", "es"]
    assert ts.missing_counts(found, ["en", "fr", "es"]) == {"en": 0, "fr": 0, "es": 3}
    keys = [r.key for r in found]
    assert keys[0] == "q:title" and any(k.endswith(":config:choice:b") for k in keys)
    # optional texts (guidance, introduction) count as missing only when some language has them
    assert all(not r.missing for r in found if r.key.endswith(":guidance"))


def test_draft_text_changes_and_missing_count_drops(ctx):
    draft = make_cms_draft()
    actor = db.session.query(User).filter_by(email=CMS_SEC).one()
    item = next(n for n in draft.nodes if n.code == "TXT-1")
    assert ts.set_text(item, "text", "es", " ¿Hay viento? ", actor=actor) is True
    assert ts.set_text(item, "config:choice:b", "es", "No", actor=actor) is True
    assert ts.set_text(item, "text", "es", "¿Hay viento?", actor=actor) is False  # unchanged
    assert item.text["es"] == "¿Hay viento?" and item.config["choices"][1]["label"]["es"] == "No"
    found = ts.rows(tree.load(draft))
    assert ts.missing_counts(found, ["es"]) == {"es": 1}
    # in a draft, the meaning may still change, and a text may be removed
    assert ts.set_text(draft, "title", "en", "Texts trial", actor=actor)
    assert ts.set_text(item, "text", "es", "", actor=actor) and "es" not in item.text
    assert [e.action for e in ts.text_history(draft)] == ["questionnaire.text"] * 4


def test_bank_texts_belong_to_the_bank(ctx):
    published = services.questionnaire_by_code("CMS-COP15")
    bank_item = next(n for n in published.nodes if n.is_bank_item)
    with pytest.raises(ts.TextError, match="belongs to the bank"):
        ts.set_text(bank_item, "text", "fr", "Autre chose")
    with pytest.raises(ts.TextError):
        ts.set_text(published, "nonsense", "fr", "x")
    with pytest.raises(ts.TextError):
        ts.set_text(published, "title", "de", "x")


def test_published_accepts_translation_fixes_recorded(ctx):
    published = services.questionnaire_by_code("CMS-COP15")
    section = next(n for n in published.nodes if n.is_section)
    before = section.title["fr"]
    assert ts.set_text(section, "title", "fr", before + " (corrigé)")
    event = ts.text_history(published)[0]
    assert event.action == "questionnaire.translation_fix"
    assert event.details["before"] == before and event.details["after"] == before + " (corrigé)"
    assert event.details["lang"] == "fr" and event.details["field"] == "title"


def test_published_refuses_meaning_change_and_removal(ctx):
    published = services.questionnaire_by_code("CMS-COP15")
    section = next(n for n in published.nodes if n.is_section)
    with pytest.raises(ts.TextError) as refused:
        ts.set_text(section, "title", "en", "Something else")
    with force_locale("fr"):
        from flask_babel import gettext

        assert str(refused.value) == gettext(MEANING_REFUSED, language="EN")
    with pytest.raises(ts.TextError, match="cannot remove"):
        ts.set_text(section, "title", "es", "")
    assert section.title["en"] != "Something else"
    closed = services.questionnaire_by_code("CMS-COP14")
    with pytest.raises(ts.TextError, match="closed or archived"):
        ts.set_text(closed, "title", "fr", "x")


# --- through the client ---------------------------------------------------------------------


def _field(key, lang):
    return f"t|{key}|{lang}"


def test_page_in_french_side_by_side_with_missing_filter(client, auth, app):
    with app.app_context():
        make_cms_draft()
        db.session.commit()
    auth.login(CMS_SEC)  # prefers French
    page = client.get("/questionnaires/CMS-TEXTS/texts")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert page.text.count('data-lang="') == 3  # one missing count per working language
    assert "Español\u00a0: 3 manquants" in page.text
    assert "Y a-t-il du vent ?" in page.text and 'name="t|q:title|es"' in page.text
    assert '/questionnaires/CMS-TEXTS/translations"' in page.text  # linked to completeness
    full = page.text.count("<tr id=")
    missing = client.get("/questionnaires/CMS-TEXTS/texts?missing=1").text
    assert 0 < missing.count("<tr id=") < full


def test_post_fills_a_spanish_text(client, auth, app):
    with app.app_context():
        draft = make_cms_draft()
        item_id = next(n.id for n in draft.nodes if n.code == "TXT-1")
        db.session.commit()
    auth.login(CMS_SEC)
    response = client.post(
        "/questionnaires/CMS-TEXTS/texts",
        data={
            _field(f"{item_id}:text", "es"): "¿Hay viento?",
            _field("q:title", "fr"): "Test des textes",
        },
    )
    assert response.status_code == 302
    page = client.get("/questionnaires/CMS-TEXTS/texts").text
    assert "¿Hay viento?" in page and "Español\u00a0: 2 manquants" in page


def test_published_meaning_change_refused_through_the_page_keeps_typing(client, auth, app):
    with app.app_context():
        published = services.questionnaire_by_code("CMS-COP15")
        section = next(n for n in published.nodes if n.is_section)
        key, before = f"{section.id}:title", section.title["fr"]
    auth.login(CMS_SEC)
    page = client.get("/questionnaires/CMS-COP15/texts").text
    assert f'name="t|{key}|en"' not in page  # the meaning column is read-only
    assert f'name="t|{key}|fr"' in page
    fixed = client.post("/questionnaires/CMS-COP15/texts", data={_field(key, "fr"): before + " !"})
    assert fixed.status_code == 302
    page = client.get("/questionnaires/CMS-COP15/texts").text
    assert "translation fix" in page or "correction" in page  # the history shows the fix
    assert before + " !" in page
    with app.app_context():
        assert (
            db.session.query(AuditEvent).filter_by(action="questionnaire.translation_fix").count()
        )
    # a change of the meaning is refused with a message in the user's language, nothing saved
    refused = client.post(
        "/questionnaires/CMS-COP15/texts",
        data={_field(key, "en"): "Changed", _field(key, "es"): "Cambiado"},
    )
    assert refused.status_code == 422
    with app.test_request_context(), force_locale("fr"):
        from flask_babel import gettext
        from markupsafe import escape

        assert str(escape(gettext(MEANING_REFUSED, language="EN"))) in refused.text
    with app.app_context():
        node = db.session.get(type(section), section.id)
        assert node.title["en"] != "Changed" and node.title["es"] != "Cambiado"


def test_page_in_english_for_aewa_shows_two_languages(client, auth):
    auth.login(AEWA_SEC)
    page = client.get("/questionnaires/AEWA-MOP9/texts")
    assert page.status_code == 200 and '<html lang="en">' in page.text
    assert page.text.count('data-lang="') == 2
    assert "only translation fixes are accepted" in page.text
    assert "Open the bank question" in page.text


@pytest.mark.parametrize(
    ("who", "status"), [(AEWA_SEC, 403), (FP_FRA, 403), (ANALYST, 403), (CMS_SEC, 200)]
)
def test_only_the_secretariat_reaches_the_texts(client, auth, who, status):
    auth.login(who)
    assert client.get("/questionnaires/CMS-COP15/texts").status_code == status
    if status == 403:
        post = client.post("/questionnaires/CMS-COP15/texts", data={})
        assert post.status_code == 403
