"""A NUL or a lone surrogate in what a request sends is refused before any view reads it, with
a translated message, and nothing is saved: PostgreSQL refuses NUL in text (a 500 in any form or
search), and a lone surrogate (a JSON escape) cannot be encoded at all."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.questionnaires.models import Questionnaire
from app.reporting import services
from app.reporting.models import Answer
from app.security import unstorable
from tests.test_policy import CMS_SEC
from tests.test_reporting import FP_FRA, report_of

FRENCH = "caractère de contrôle invisible"


@pytest.mark.parametrize(
    ("value", "refused"),
    [
        ("plain text", False),
        ("Réponse – complète ✓ 🦅", False),
        ("a\x00b", True),
        ("\ud800", True),
        ({"rows": [{"a": "ok"}, {"b": "x\x00"}]}, True),
        ({"key\x00": "ok"}, True),
        ([1, 2.5, None, True, "ok"], False),
    ],
)
def test_unstorable_finds_nul_and_lone_surrogates_at_any_depth(value, refused):
    assert unstorable(value) is refused


def test_json_nested_deeper_than_any_page_sends_is_refused():
    value: object = "ok"
    for _level in range(100):
        value = [value]
    assert unstorable(value)


def _text_item(app):
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        filled = services.fill(report, "fr")
        item = next(
            i
            for i in filled.rendered.items()
            if i.node.effective_type in ("short_text", "long_text")
        )
        return report.id, item.node.id, item.loop_key, item.field_name


def _stored(app, report_id, node_id, loop_key):
    with app.app_context():
        answer = db.session.scalar(
            sa.select(Answer).where(
                Answer.report_id == report_id,
                Answer.node_id == node_id,
                Answer.loop_key == loop_key,
            )
        )
        return None if answer is None else (answer.value, answer.version, answer.comment)


def test_an_autosave_holding_a_nul_is_refused_in_french_and_the_answer_kept(client, auth, app):
    report_id, node_id, loop_key, name = _text_item(app)
    before = _stored(app, report_id, node_id, loop_key)
    auth.login(FP_FRA)  # prefers French
    version = before[1] if before else 0
    body = {"field": name, f"p-{name}": "1", f"v-{name}": str(version), name: "avant\x00après"}
    response = client.post(
        f"/reports/{report_id}/answers", data=body, headers={"Accept": "application/json"}
    )
    assert response.status_code == 400
    assert response.json["status"] == "error"
    assert FRENCH in response.json["message"]
    assert _stored(app, report_id, node_id, loop_key) == before


def test_a_json_body_with_a_lone_surrogate_is_refused_as_json(client, auth, app):
    auth.login(FP_FRA)
    report_id = _text_item(app)[0]
    raw = json.dumps({"field": "x", "value": "\ud800"})  # ensure_ascii: sent as \ud800
    response = client.post(
        f"/reports/{report_id}/answers", data=raw, content_type="application/json"
    )
    assert response.status_code == 400
    assert FRENCH in response.json["message"]


def test_a_form_holding_a_nul_gets_the_message_on_a_page_and_creates_nothing(client, auth, app):
    auth.login(CMS_SEC)
    with app.app_context():
        count = db.session.scalar(sa.select(sa.func.count(Questionnaire.id)))
    response = client.post(
        "/questionnaires/new",
        data={"code": "CMS-COP99", "title": "Titre\x00", "cycle_order": "99"},
    )
    assert response.status_code == 400
    assert "text/html" in response.content_type
    assert "caractère de contrôle invisible" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(Questionnaire.id))) == count


@pytest.mark.parametrize("path", ["/bank/?q=a%00b", "/reports/?q=%00"])
def test_a_search_holding_a_nul_is_refused_not_a_500(client, auth, path):
    auth.login(CMS_SEC)
    response = client.get(path)
    assert response.status_code == 400
    assert FRENCH in response.get_data(as_text=True)
