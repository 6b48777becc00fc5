"""Property-based tests of the HTTP endpoints (Hypothesis, strategies in
tests/fuzz_strategies.py, requests counted by tests/fuzz_client.send): the autosave endpoint and
the section form with generated answers of every type; the designer, the bank, delegation, the
language switcher and sign-in with generated form values; a report's and a questionnaire's
addresses with generated ids. Whatever is sent: no 5xx; JSON that a browser can parse; a
redirect that stays on the site; an accepted answer stored as typed and shown back; a refusal
that changes nothing and says why in French (the reader's language in these tests)."""

from __future__ import annotations

import json
import re

import pytest
from flask_babel import force_locale
from hypothesis import example, given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from app import answers
from app.reporting import delegation, services
from app.security import unstorable
from tests.fuzz_client import (
    assert_translated,
    embedded_json_problems,
    english_refusals,
    send,
    stored_answer,
    strict_json,
)
from tests.fuzz_strategies import (
    answer_input,
    examples,
    integers_as_text,
    keys,
    texts,
)
from tests.test_reporting import FP_FRA, report_of

ADMIN, CMS_SEC = "admin@demo.test", "cms.secretariat@demo.test"
EMAIL = "new.person@demo.test"


# --- answers --------------------------------------------------------------------------------------


@pytest.fixture
def aewa(app, client, auth):
    """fp.fra signed in (French); France's AEWA-MOP9 report (in progress, every answer type
    but dates) with one item of each type, in a loop or not."""
    auth.login(FP_FRA)
    with app.app_context():
        report = report_of("AEWA-MOP9", "FRA")
        filled = services.fill(report, "fr")
        found = {}
        for item in filled.rendered.items():
            found.setdefault((item.node.effective_type, bool(item.loop_key)), item)
        items = [
            {
                "field": i.field_name,
                "node": i.node.id,
                "loop": i.loop_key,
                "type": i.node.effective_type,
                "config": i.node.effective_config or {},
                "section": delegation.top_section_id(i.node, filled.tree),
            }
            for i in sorted(found.values(), key=lambda i: i.field_name)
        ]
        return {
            "report": report.id,
            "items": items,
            "species": sorted(filled.species_keys),
            "loops": sorted({i.loop_key for i in filled.rendered.items() if i.loop_key}),
        }


def answer_row(app, report_id: int, item: dict) -> tuple:
    """An answer as stored (its parts and its number of revisions); () when there is none."""
    with app.app_context():
        return stored_answer(report_id, item["node"], item["loop"])


def version_of(row: tuple) -> str:
    return row[5] if row else "0"


def field_names(item: dict, loops: list[str]) -> st.SearchStrategy[str]:
    """The item's field name, mostly; a neighbour's or a made-up one sometimes."""
    made_up = st.one_of(
        st.builds(lambda key: f"f-{item['node']}-{key}", keys(loops)),
        st.builds(lambda n: f"f-{n}", integers_as_text()),
        texts(12),
    )
    return st.one_of(st.just(item["field"]), st.just(item["field"]), made_up)


@st.composite
def answer_posts(draw, world: dict, one_field: bool = True):
    """What the autosave script (or a hand-made request) posts for one item: its inputs as
    its widget names them, the version typed against (None: the stored one), the comment,
    "other" text, "no information" and "keep mine" parts, each present or not."""
    item = draw(st.sampled_from(world["items"]))
    name = item["field"]
    body = MultiDict()
    raw = draw(answer_input(item["type"], item["config"], "fr", world["species"], ["1"]))
    answers.to_form(item["type"], body, name, raw)
    if one_field:
        body["field"] = draw(field_names(item, world["loops"]))
    body[f"p-{name}"] = draw(st.sampled_from(["1", "1", "", "0"]))
    for part in ("o", "c"):
        text = draw(st.one_of(st.none(), texts()))
        if text is not None:
            body[f"{part}-{name}"] = text
    for part in ("n", "r"):
        flag = draw(st.sampled_from([None, None, "1", "0", "on"]))
        if flag is not None:
            body[f"{part}-{name}"] = flag
    version = draw(st.one_of(st.none(), st.none(), integers_as_text()))
    return item, body, version


def assert_kept_as_sent(app, world: dict, item: dict, body: MultiDict, row: tuple) -> None:
    """A saved answer holds its comment and "other" text as sent (in full) and a value that
    is strict JSON and reads back the same from its form field."""
    name = item["field"]
    value, typed, other, comment = (json.loads(part) for part in row[:4])
    if f"c-{name}" in body:
        assert comment == body[f"c-{name}"], "the comment was not stored as sent"
    if f"o-{name}" in body:
        assert other == body[f"o-{name}"].strip(), "the other text was not stored as sent"
    if value is None:
        return
    json.dumps(value, allow_nan=False)
    with app.test_request_context(), force_locale("fr"):
        shown = answers.form_value(item["type"], item["config"], value, "fr")
        context = answers.Context("fr", frozenset(), None)
        if item["type"] not in ("species", "file"):
            again = answers.parse(item["type"], item["config"], shown, context)
            assert json.dumps(again, sort_keys=True) == json.dumps(value, sort_keys=True), (
                f"{value!r} reads back as {again!r}"
            )


def assert_page_renders(client, world: dict, item: dict) -> None:
    """The item's section page opens and its embedded JSON is strict."""
    url = f"/reports/{world['report']}/sections/{item['section']}"
    page = send(client, "GET", url, generated=False)
    assert page.status_code == 200, url
    assert embedded_json_problems(page.get_data(as_text=True)) == []


def test_autosave_saves_as_typed_or_refuses_in_french_and_changes_nothing(app, client, aewa):
    """POST /reports/<id>/answers with generated answers of every type (numbers in every
    format and beyond range, unknown keys, long and hostile text, made-up field names and
    versions): never a 5xx; always strict JSON; saved as typed (comment and "other" text in
    full) and shown back by the section page; or refused in French with nothing changed."""
    url = f"/reports/{aewa['report']}/answers"

    @examples(60, 600)
    @given(post=answer_posts(aewa))
    def check(post):
        item, body, version = post
        before = answer_row(app, aewa["report"], item)
        body[f"v-{item['field']}"] = version_of(before) if version is None else version
        response = send(client, "POST", url, data=body)
        status = response.status_code
        payload = strict_json(response.get_data(as_text=True)) if response.is_json else None
        if status == 200:
            assert payload["status"] == "saved"
            if payload.get("problem"):
                assert_translated(payload["problem"], "fr")
            if body["field"] == item["field"]:
                row = answer_row(app, aewa["report"], item)
                assert_kept_as_sent(app, aewa, item, body, row)
                if item["type"] in ("number", "table", "site"):
                    assert_page_renders(client, aewa, item)
            return
        assert 400 <= status < 500, status
        if payload is None:
            assert english_refusals(response.get_data(as_text=True), "fr") == []
        elif status != 409:
            assert_translated(payload.get("message"), "fr")
        assert answer_row(app, aewa["report"], item) == before, "refused but changed"

    def case(kind: str, loop: bool, raw, **parts):
        item = next(i for i in aewa["items"] if i["type"] == kind and bool(i["loop"]) == loop)
        name, body = item["field"], MultiDict()
        answers.to_form(kind, body, name, raw)
        body.update({"field": name, f"p-{name}": "1"})
        body.update({f"{part}-{name}": text for part, text in parts.items()})
        return item, body, None

    for post in (  # the cases of the issue, always sent before the generated ones
        case("number", True, "1" * 30),  # 30 digits: stored, then no page can say it
        case("number", True, "1234567890123456789012345"),
        case("number", False, "12.345678901234567890"),
        case("long_text", False, "Texte", c="é" * 25_019),
        case("multiple_choice", False, ["other"], o="a" * 20_001),
    ):
        check = example(post=post)(check)
    check()


@pytest.mark.parametrize("typed", ["²", "9" * 5000])
def test_a_version_no_page_could_write_is_taken_for_none_not_a_server_error(client, aewa, typed):
    """An answer's version (`v-…`) in superscript digits, or of 5000 digits, is no version (a
    first save, or a conflict with the stored one), never a 500: str.isdigit() says yes to
    "²" and to 5000 nines, which int() refuses."""
    name = next(i["field"] for i in aewa["items"] if i["type"] == "short_text")
    body = {"field": name, f"p-{name}": "1", f"v-{name}": typed, name: "Réponse"}
    response = send(client, "POST", f"/reports/{aewa['report']}/answers", data=body)
    assert response.status_code in (200, 409)
    assert response.json["status"] in ("saved", "conflict")


FLAGGED = re.compile(r'<div class="answer[^"]*" id="a-([^"]+)"')


def flagged(html: str) -> set[str]:
    """The answers a section page shows as not saved (an error or a conflict)."""
    found, starts = set(), [(m.start(), m.group(1)) for m in FLAGGED.finditer(html)]
    for index, (start, name) in enumerate(starts):
        end = starts[index + 1][0] if index + 1 < len(starts) else len(html)
        chunk = html[start:end]
        if "alert-warning conflict" in chunk or '<p class="text-danger small">' in chunk:
            found.add(name)
    return found


def test_the_section_form_saves_each_answer_or_refuses_it_in_french(app, client, aewa):
    """The Save button of a section (no JavaScript) with generated answers: never a 5xx; the
    answers it shows as refused (an error, a conflict) are unchanged, the others saved as
    typed; every message on the page is French; its JSON is strict."""

    @examples(25, 250)
    @given(data=st.data())
    def check(data):
        section = data.draw(st.sampled_from(sorted({i["section"] for i in aewa["items"]})))
        world = {**aewa, "items": [i for i in aewa["items"] if i["section"] == section]}
        posts = data.draw(
            st.lists(
                answer_posts(world, one_field=False),
                min_size=1,
                max_size=4,
                unique_by=lambda post: post[0]["field"],
            )
        )
        body, rows, items = MultiDict(), {}, {}
        for item, part, version in posts:
            rows[item["field"]] = answer_row(app, aewa["report"], item)
            items[item["field"]] = (item, part)
            part[f"v-{item['field']}"] = (
                version_of(rows[item["field"]]) if version is None else version
            )
            for key, value in part.items(multi=True):
                body.add(key, value)
        url = f"/reports/{aewa['report']}/sections/{section}"
        response = send(client, "POST", url, data=body)
        html = response.get_data(as_text=True)
        if any(unstorable(k) or unstorable(v) for k, v in body.items(multi=True)):
            # a NUL or a lone surrogate: the whole post is refused before the view, in French
            assert response.status_code == 400, response.status_code
            assert "caractère de contrôle invisible" in html
            for name, (item, _part) in items.items():
                assert answer_row(app, aewa["report"], item) == rows[name], name
            return
        assert response.status_code in (200, 302), response.status_code
        if response.status_code == 200:
            assert english_refusals(html, "fr") == []
            assert embedded_json_problems(html) == []
        refused = flagged(html) if response.status_code == 200 else set()
        for name, (item, part) in items.items():
            row = answer_row(app, aewa["report"], item)
            if name in refused:
                assert row == rows[name], f"{name} refused but changed"
            elif row:
                assert_kept_as_sent(app, aewa, item, part, row)

    check()
