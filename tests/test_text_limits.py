"""Text lengths: nothing is cut silently (issue 14). A text over its limit is refused with the
message over-long answers get, and what was saved before stays; the limit is shown (maxlength,
a counter) and counted as the browser counts it, so what a box lets through is never refused."""

from __future__ import annotations

import html
import json
import re

import pytest
import sqlalchemy as sa

from app import bounds
from app.bank import services as bank
from app.bank.models import BankProposal, BankQuestion
from app.directory import services as directory
from app.extensions import db
from app.questionnaires.models import Node, Questionnaire
from app.reporting import services
from app.reporting.models import Answer
from tests.test_policy import AEWA_SEC, CMS_SEC
from tests.test_reporting import FP_KEN, first_item, report_of, user

TOO_LONG = "This text is longer than 20000 characters."


@pytest.mark.parametrize(
    ("text", "length"),
    [("abc", 3), ("a\r\nb", 3), ("a\nb", 3), ("é", 1), ("😀", 2), ("中文", 2), ("", 0)],
)
def test_texts_are_counted_as_a_browser_counts_maxlength(text, length):
    assert bounds.text_length(text) == length


def _item(app, answer_type="long_text", other=False):
    with app.app_context():
        report = report_of("CMS-COP15", "KEN")
        filled = services.fill(report, "en")
        if other:
            item = next(
                i
                for i in filled.rendered.items()
                if i.visible and (i.node.effective_config or {}).get("allow_other")
            )
        else:
            item = first_item(filled, answer_type)
        return report.id, item.field_name, item.node.id


def _autosave(client, report_id, name, version, **parts):
    body = {"field": name, f"p-{name}": "1", f"v-{name}": str(version)}
    body.update({key.format(name=name): value for key, value in parts.items()})
    return client.post(f"/reports/{report_id}/answers", data=body)


def _stored(app, report_id, node_id) -> Answer | None:
    with app.app_context():
        return db.session.scalar(
            sa.select(Answer).where(Answer.report_id == report_id, Answer.node_id == node_id)
        )


def test_an_over_long_comment_is_refused_and_the_saved_one_kept(app, client, auth):
    """A 25,019-character comment was answered "saved" and cut to 20,000 characters."""
    auth.login(FP_KEN)
    report_id, name, node_id = _item(app)
    first = _autosave(client, report_id, name, 0, **{"{name}": "Text", "c-{name}": "Estimate"})
    assert first.status_code == 200 and first.json["version"] == 1
    long = _autosave(client, report_id, name, 1, **{"{name}": "New", "c-{name}": "x" * 25_019})
    assert long.status_code == 422
    assert long.json == {"status": "error", "message": TOO_LONG}
    stored = _stored(app, report_id, node_id)
    assert (stored.comment, stored.value, stored.version) == ("Estimate", "Text", 1)


def test_an_over_long_other_text_is_refused_and_the_saved_one_kept(app, client, auth):
    auth.login(FP_KEN)
    report_id, name, node_id = _item(app, other=True)
    first = _autosave(client, report_id, name, 0, **{"{name}": "other", "o-{name}": "Nets"})
    assert first.status_code == 200
    long = _autosave(client, report_id, name, 1, **{"{name}": "other", "o-{name}": "y" * 20_001})
    assert long.status_code == 422 and long.json["message"] == TOO_LONG
    assert _stored(app, report_id, node_id).other == "Nets"


def test_an_over_long_comment_saved_without_scripts_stays_on_the_page(app, client, auth):
    auth.login(FP_KEN)
    report_id, name, node_id = _item(app)
    with app.app_context():
        report = report_of("CMS-COP15", "KEN")
        filled = services.fill(report, "en")
        section = filled.tree.ancestors(filled.tree.by_id[node_id])[0].id
    typed = "Ω" * 20_001
    data = {f"p-{name}": "1", f"v-{name}": "0", name: "Answer", f"c-{name}": typed}
    page = client.post(f"/reports/{report_id}/sections/{section}", data=data)
    assert page.status_code == 200 and TOO_LONG in page.text
    assert f">{typed}</textarea>" in page.text
    assert _stored(app, report_id, node_id) is None


def test_the_limit_counts_a_line_break_once_and_an_emoji_twice(app, client, auth):
    """A text that fills the box in the browser (line breaks posted as CR LF) is accepted whole;
    one character more than the box takes is refused, never cut."""
    auth.login(FP_KEN)
    report_id, name, node_id = _item(app)
    lines = "\r\n".join(["z" * 1999] * 10) + "z"  # 20,000 as the browser counts it
    assert len(lines) == 20_009
    saved = _autosave(client, report_id, name, 0, **{"{name}": lines, "c-{name}": lines})
    assert saved.status_code == 200 and saved.json["problem"] is None
    stored = _stored(app, report_id, node_id)
    assert stored.value == lines and stored.comment == lines
    emoji = "😀" * 10_000  # 20,000 UTF-16 code units, as maxlength counts them
    assert _autosave(client, report_id, name, 1, **{"c-{name}": emoji}).status_code == 200
    refused = _autosave(client, report_id, name, 2, **{"c-{name}": emoji + "a"})
    assert refused.status_code == 422 and _stored(app, report_id, node_id).comment == emoji


def test_a_section_shows_its_limits_and_counts_in_the_readers_language(app, client, auth):
    auth.login(FP_KEN)
    report_id, name, node_id = _item(app)
    with app.app_context():
        filled = services.fill(report_of("CMS-COP15", "KEN"), "en")
        section = filled.tree.ancestors(filled.tree.by_id[node_id])[0].id
    page = client.get(f"/reports/{report_id}/sections/{section}").text
    answer = re.search(rf'<textarea[^>]* id="{name}"[^>]*>', page).group(0)
    comment = re.search(rf'<textarea[^>]* id="c-{name}"[^>]*>', page).group(0)
    for box in (answer, comment):
        assert 'maxlength="20000"' in box and "data-counter" in box
    assert "/static/js/limits.js" in page
    left = json.loads(html.unescape(re.search(r"data-chars-left='([^']*)'", page).group(1)))
    assert left == {"one": "{n} character left", "other": "{n} characters left"}


def test_a_search_too_long_to_be_one_is_refused_with_a_message(client, auth):
    """A search of 1,200 words was a 500 (SQLite: expression tree too large)."""
    auth.login(AEWA_SEC)
    for url in ("/bank/", "/bank/species-lists/AEWA/MOP9"):
        page = client.get(url, query_string={"q": "a " * 1200})
        assert page.status_code == 200, url
        assert "This search is longer than 200 characters." in page.text
    assert 'id="q" name="q" value="" maxlength="200"' in client.get("/bank/").text


def test_bank_texts_over_their_limit_are_refused_at_their_field(client, auth):
    auth.login(AEWA_SEC)
    data = {
        "code": "THR-LONG-01",
        "answer_type": "short_text",
        "text_en": "A question",
        "guidance_en": "g" * 2001,
    }
    page = client.post("/bank/new", data=data)
    assert page.status_code == 422
    assert re.search(r'id="guidance_en-error">This text is longer than 2000 characters.', page.text)
    assert client.get("/bank/THR-LONG-01").status_code == 404


def test_a_proposal_message_and_a_decision_note_over_their_limit_are_refused(app, client, auth):
    with app.app_context():
        question = db.session.scalar(
            sa.select(BankQuestion).where(
                BankQuestion.owner_id == directory.instrument_by_code("CMS").id
            )
        )
        latest = question.latest
        code = question.code
        data = {f"text_{k}": v for k, v in latest.text.items()}
        data |= {"answer_type": latest.answer_type, "message": "m" * 5001}
        proposal = bank.propose(
            question,
            instrument=directory.instrument_by_code("AEWA"),
            answer_type=latest.answer_type,
            text=dict(latest.text, en=latest.text["en"] + " now"),
            guidance=latest.guidance,
            config=latest.config,
            actor=user(AEWA_SEC),
        )
        db.session.commit()
        proposal_id = proposal.id
    auth.login(AEWA_SEC)
    page = client.post(f"/bank/{code}/propose", data=dict(data, step="preview"))
    assert page.status_code == 422
    assert 'id="message-error">This text is longer than 5000 characters.' in page.text
    auth.logout()
    auth.login(CMS_SEC)
    note = client.post(
        f"/bank/{code}/proposals/{proposal_id}",
        data={"decision": "decline", "note": "n" * 5001},
        follow_redirects=True,
    )
    assert "Ce texte dépasse 5000 caractères." in note.text
    with app.app_context():
        assert db.session.get(BankProposal, proposal_id).status == "open"


def test_questionnaire_texts_over_their_limit_are_refused_and_not_saved(app, client, auth):
    with app.app_context():
        section = db.session.scalar(
            sa.select(Node)
            .join(Questionnaire)
            .where(Questionnaire.code == "CMS-COP15", Node.kind == "section")
        )
        key, before = f"{section.id}:title", section.title["fr"]
    auth.login(CMS_SEC)
    page = client.post("/questionnaires/CMS-COP15/texts", data={f"t|{key}|fr": "é" * 2001})
    assert page.status_code == 422 and "Ce texte dépasse 2000 caractères." in page.text
    assert 'maxlength="2000" data-counter' in page.text
    with app.app_context():
        assert db.session.get(Node, section.id).title["fr"] == before


def test_a_table_label_over_its_limit_is_refused_with_its_place(client, auth):
    auth.login(AEWA_SEC)
    data = {
        "code": "THR-TABLE-99",
        "answer_type": "table",
        "text_en": "Counts",
        "table-rows": "1",
        "table-columns": "1",
        "trow-0-key": "adults",
        "trow-0-en": "A" * 2001,
        "tcol-0-key": "n",
        "tcol-0-type": "number",
        "tcol-0-en": "Number",
    }
    page = client.post("/bank/new", data=data)
    assert page.status_code == 422
    assert "Row 1: its label is longer than 2000 characters." in page.text
    assert client.get("/bank/THR-TABLE-99").status_code == 404


@pytest.mark.parametrize("path", ["/admin/users/", "/admin/parties/"])
def test_an_admin_search_too_long_to_be_one_is_refused_not_a_500(client, auth, path):
    """A user search of 60,000 characters was a 500 on SQLite (LIKE pattern too complex)."""
    auth.login("admin@demo.test")
    page = client.get(path, query_string={"q": "a" * 60_000})
    assert page.status_code == 200
    assert "This search is longer than 200 characters." in page.text
    assert 'maxlength="200"' in client.get(path).text


@pytest.mark.parametrize(
    ("key", "label", "limit"), [("a", "L" * 2001, 2000), ("k" * 41, "Short", 40)]
)
def test_a_choice_label_or_key_over_its_limit_is_refused_in_the_bank(
    client, auth, key, label, limit
):
    """Choice labels had a maxlength in the page and no bound on the server."""
    auth.login(AEWA_SEC)
    data = {
        "code": "THR-LONG-02",
        "answer_type": "single_choice",
        "text_en": "A question",
        "rows": "2",
        "choice-0-key": key,
        "choice-0-en": label,
        "choice-1-key": "b",
        "choice-1-en": "Other answer",
    }
    page = client.post("/bank/new", data=data)
    assert page.status_code == 422
    assert f'id="choices-error">This text is longer than {limit} characters.' in page.text
    assert client.get("/bank/THR-LONG-02").status_code == 404
