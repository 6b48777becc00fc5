"""Property-based tests of the forms and addresses of the site (Hypothesis, strategies in
tests/fuzz_forms.py, requests counted by tests/fuzz_client.send): the designer, the bank,
delegation, the language switcher, sign-in and the preferences posted with generated values;
`next` addresses after sign-in; generated ids in the addresses of reports, users, memberships,
proposals; the designer's drag and drop (JSON). Whatever is sent: no 5xx; a redirect that stays
on the site; question bounds that stay strict JSON; a refusal that changes nothing and says why
in French (the reader's language in these tests)."""

from __future__ import annotations

import json
from urllib.parse import quote, urlencode, urlsplit

import pytest
import sqlalchemy as sa
from hypothesis import example, given
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from app.demo.loader import DEMO_PASSWORD as PASSWORD
from app.extensions import db
from app.reporting import delegation
from app.security import unstorable
from tests.fuzz_client import (
    assert_translated,
    changed,
    english_refusals,
    fingerprint,
    page_language,
    parse_page,
    safe_location,
    send,
    strict_json,
)
from tests.fuzz_forms import NEXT_TARGETS, form_data
from tests.fuzz_strategies import (
    examples,
    integers_as_text,
    keys,
    texts,
)
from tests.test_reporting import FP_FRA, report_of

ADMIN, CMS_SEC = "admin@demo.test", "cms.secretariat@demo.test"
EMAIL = "new.person@demo.test"


def stored_numbers_problems(app) -> list[str]:
    """Question settings (bounds) that are not strict JSON: "NaN", "Infinity"."""
    from app.bank.models import BankVersion
    from app.questionnaires.models import Node

    found = []
    with app.app_context():
        for model in (Node, BankVersion):
            for ident, config in db.session.execute(sa.select(model.id, model.config)):
                try:
                    json.dumps(config, allow_nan=False)
                except ValueError:
                    found.append(f"{model.__name__} {ident}: {config!r:.200}")
    return found


def _codes(prefix: str) -> st.SearchStrategy[str]:
    return st.builds(lambda n: f"{prefix}{n}", st.integers(1, 10**6))


QUESTION = {
    "code": _codes("FZ-"),
    "answer_type": "number",
    **{f"text_{lang}": "Combien de sites ?" for lang in ("en", "fr", "es")},
}
BOUNDS = [
    {"minimum": "NaN"},
    {"minimum": "Infinity"},
    {"maximum": "-Infinity"},
    {"minimum": "5" * 5000},
    {"maximum": "1e309"},
]
TABLE_CHOICE = {"answer_type": "table", "table-remove-choice": "0-²"}  # "²".isdigit()
FORMS = {
    # who, the page holding the form, the end of the form's address, valid values for the
    # fields a refusal would otherwise stop at before the generated ones, and the cases the
    # issue names (always sent, before the generated ones)
    "designer item": (
        CMS_SEC,
        "/questionnaires/CMS-COP16/design/item",
        "/design/item",
        QUESTION,
        [*BOUNDS, TABLE_CHOICE],
    ),
    "designer section": (
        CMS_SEC,
        "/questionnaires/CMS-COP16/design/section",
        "/section",
        {"title_en": "Sites", "title_fr": "Sites", "title_es": "Sitios"},
        [{"title_en": "x" * 25_019}],
    ),
    "new questionnaire": (
        CMS_SEC,
        "/questionnaires/new",
        "/questionnaires/new",
        {
            "code": _codes("CMS-FZ"),
            "cycle": "COP99",
            "cycle_order": "99",
            "title_en": "Fuzz",
            "title_fr": "Fuzz",
        },
        [
            {"code": "CMS-FZA", "cycle_order": "-99999999999999999999999"},
            {"code": "CMS-FZB", "cycle_order": "9" * 5000},
        ],
    ),
    "bank question": (CMS_SEC, "/bank/new", "/bank/new", QUESTION, [*BOUNDS, TABLE_CHOICE]),
    "condition": (
        CMS_SEC,
        "/questionnaires/CMS-COP16/nodes/{node}/condition",
        "/condition",
        {},
        [{"action": "drop-²"}, {"action": "drop-" + "9" * 5000}],
    ),
    "delegation": (
        FP_FRA,
        "/reports/{fra}/people",
        "/people",
        {"email": EMAIL},
        [{"email": "x" * 300 + "@demo.test"}, {"email": "a@b.c\r\nBcc: x@y.z"}],
    ),
    "language": (
        FP_FRA,
        "/dashboard",
        "/language",
        {"lang": "fr"},
        [{"next": "/\t/127.0.0.1:5999/x"}, {"next": "/\n/x"}, {"next": "/\\evil.example"}],
    ),
    "sign-in": (
        None,
        "/account/login",
        "/account/login",
        {"email": "fp.fra@demo.test"},
        [{"email": "fp.fra@demo.test\x00", "password": "x" * 100_000}],
    ),
    "preferences": (FP_FRA, "/account/", "/account/", {}, [{"prefs-name": "é" * 25_019}]),
}


def explicit(form, defaults: dict, overrides: dict) -> list[tuple[str, str]]:
    """The form as the page offers it (valid where `defaults` says so), with `overrides`."""
    pairs = []
    for field in form.fields:
        default = defaults.get(field.name)
        if field.kind == "button" and field.name in {n for n, _v in pairs}:
            continue
        if field.name in overrides:
            value = overrides[field.name]
        elif isinstance(default, str):
            value = default
        elif field.kind in ("checkbox", "radio", "button", "file"):
            value = field.value if field.checked or field.name in defaults else None
        elif field.kind == "select" and not field.value:
            value = next((o for o in field.options if o), "")
        else:
            value = field.value
        if value is not None:
            pairs.append((field.name, value))
    known = {f.name for f in form.fields}
    return pairs + [(name, value) for name, value in overrides.items() if name not in known]


@pytest.fixture
def draft(app, database):
    """A draft for the designer: CMS-COP15 duplicated as CMS-COP16."""
    from app.auth import services as accounts
    from app.questionnaires import editing
    from app.questionnaires import services as questionnaires

    with app.app_context():
        source = questionnaires.questionnaire_by_code("CMS-COP15")
        actor = accounts.user_by_email(CMS_SEC)
        copy, _report = editing.duplicate(source, "CMS-COP16", "COP16", actor=actor)
        db.session.commit()
        return [str(n.id) for n in copy.nodes]


@pytest.mark.parametrize("name", sorted(FORMS))
def test_generated_forms_are_saved_or_refused_in_french_without_change(
    app, client, auth, mailbox, draft, name
):
    """The form of the designer, the bank, delegation, the language switcher, sign-in and the
    preferences, posted with generated values (bounds as NaN, Infinity or 5000 digits, orders
    beyond any integer, hostile `next` addresses, unknown choices, long text): never a 5xx; a
    redirect stays on the site and its page opens; question bounds stay strict JSON; a refusal
    (the form again, or a 4xx) changes nothing and speaks French."""
    who, page, action, defaults, cases = FORMS[name]
    if who:
        auth.login(who)
    with app.app_context():
        page = page.format(fra=report_of("CMS-COP15", "FRA").id, node=draft[-1])

    def french():
        send(client, "POST", "/language", data={"lang": "fr"}, generated=False)

    french()
    html = send(client, "GET", page, generated=False).get_data(as_text=True)
    form = next(f for f in parse_page(f"http://localhost{page}", html)[1] if
                urlsplit(f.action).path.endswith(action))  # fmt: skip

    @examples(25, 250, key=name)
    @given(pairs=form_data(form, "fr", defaults))
    def check(pairs):
        post(pairs)

    for case in cases:
        check = example(pairs=explicit(form, defaults, case))(check)

    def post(pairs):
        with app.app_context():
            before = fingerprint()
        body = MultiDict([(n, v) for n, v in pairs if not isinstance(v, tuple)])
        response = send(client, "POST", form.action, data=body)
        status = response.status_code
        if 300 <= status < 400:
            location = response.headers.get("Location")
            assert safe_location(location), f"redirected off the site: {location!r}"
            if location and not urlsplit(location).netloc:
                send(client, "GET", location, generated=False)
            assert stored_numbers_problems(app) == []
            if action in ("/language", "/account/"):
                french()
            return
        html = response.get_data(as_text=True)
        assert status == 200 or 400 <= status < 500, status
        assert english_refusals(html, page_language(html)) == []
        assert page_language(html) == "fr" or status >= 400
        with app.app_context():
            assert changed(before, fingerprint()) == [], "refused but changed"

    check()


def test_every_next_address_after_sign_in_stays_on_the_site(app, client):
    """Signing in with `?next=` holding the usual bypasses (`//`, `/\\`, tabs, newlines,
    schemes, encoded forms) and generated text: never a 5xx, never a redirect off the site."""

    @examples(20, 200)
    @example(target="/\t/evil.example/x")
    @example(target="/\\evil.example")
    @example(target="/\x00nul")
    @given(target=st.one_of(st.sampled_from(NEXT_TARGETS), texts(20)))
    def check(target):
        visitor = app.test_client()
        url = "/account/login?" + urlencode({"next": target})
        response = send(visitor, "POST", url, data={"email": FP_FRA, "password": PASSWORD})
        if unstorable(target):  # a NUL or a lone surrogate: refused before the view
            assert response.status_code == 400
            return
        assert response.status_code == 302
        location = response.headers.get("Location")
        assert safe_location(location), f"{target!r} redirected to {location!r}"

    check()


@pytest.mark.parametrize("address", ["é@exämple.fr", "jürgen@demo.test"])
def test_an_address_no_mail_can_carry_is_refused_in_french_not_a_server_error(
    app, client, auth, mailbox, address
):
    """Delegating to an address with accents before the @ (which the mail, sent without
    SMTPUTF8, cannot carry) is refused with the form's message in French, not a 500 from
    Flask-Mail (UnicodeEncodeError); nothing is stored, no mail is sent."""
    auth.login(FP_FRA)
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        section = delegation.top_sections(report.questionnaire)[0].id
        before = fingerprint()
    body = {"section": section, "email": address, "locale": "fr"}
    response = send(client, "POST", f"/reports/{report.id}/people", data=body)
    assert response.status_code == 200
    assert "Saisissez une adresse électronique valide." in response.get_data(as_text=True)
    with app.app_context():
        assert changed(before, fingerprint()) == []
    assert mailbox.to(address) == []


def test_an_address_in_another_script_after_the_at_is_invited(app, client, auth, mailbox):
    """A domain in another script is an address mail can carry (as IDNA): the invitation goes."""
    auth.login(FP_FRA)
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        section = delegation.top_sections(report.questionnaire)[0].id
    body = {"section": section, "email": "anna@exämple.test", "locale": "fr"}
    response = send(client, "POST", f"/reports/{report.id}/people", data=body)
    assert response.status_code == 302
    assert len(mailbox.messages) == 1


# --- addresses ------------------------------------------------------------------------------------


ADDRESSES = (
    "/reports/{id}/",
    "/reports/{id}/sections/{id}",
    "/reports/{id}/history/{id}",
    "/reports/{id}/validation",
    "/reports/{id}/attachments/{id}",
    "/reports/{id}/sites/{id}",
    "/questionnaires/CMS-COP15/nodes/{id}/condition",
    "/admin/users/{id}",
    "/admin/memberships/{id}/delete",
    "/bank/SPEC-PROT-01/proposals/{id}",
)


@pytest.mark.parametrize("who", [ADMIN, FP_FRA])
def test_generated_ids_in_addresses_answer_without_a_server_error(app, client, auth, who):
    """Every id in an address, generated (beyond any database integer, negative, not a
    number): answered without 5xx, a refusal in French."""
    auth.login(who)
    send(client, "POST", "/language", data={"lang": "fr"}, generated=False)

    @examples(40, 400, key=who)
    @given(address=st.sampled_from(ADDRESSES), ident=integers_as_text())
    def check(address, ident):
        url = address.replace("{id}", quote(ident, safe=""))
        method = "POST" if "proposals" in url else "GET"
        response = send(client, method, url)
        html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        assert english_refusals(html, "fr") == []

    check()


def test_designer_moves_answer_json_without_a_server_error(app, client, auth, draft):
    """The designer's drag and drop (JSON) with generated nodes, parents, positions and
    directions: never a 5xx; strict JSON; a refusal in French changes nothing."""
    auth.login(CMS_SEC)
    url = "/questionnaires/CMS-COP16/design/move"
    number = st.one_of(st.sampled_from(draft), integers_as_text())
    move = st.fixed_dictionaries(
        {
            "node": number,
            "direction": st.one_of(keys(["up", "down", "into", "out"]), st.just("")),
            "parent": st.one_of(number, st.just("")),
            "position": number,
        }
    )

    @examples(30, 300)
    @given(body=move)
    def check(body):
        with app.app_context():
            before = fingerprint()
        response = send(client, "POST", url, data=body, headers={"Accept": "application/json"})
        if response.is_json:
            payload = strict_json(response.get_data(as_text=True))
            if "error" in payload:
                assert_translated(payload["error"], "fr")
        if response.status_code >= 400:
            with app.app_context():
                assert changed(before, fingerprint()) == [], "refused but changed"

    check()
