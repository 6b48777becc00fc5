"""Bank and questionnaire pages through the client, in three languages, with the policy table."""

import re

import pytest

from app.auth import services as auth_services
from app.auth.models import Role
from app.bank import queries
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import bank_uses
from tests.test_policy import (
    ADMIN,
    AEWA_SEC,
    ANALYST,
    ANON,
    CMS_SEC,
    CONTRIB_FRA,
    EVERYONE,
    FP_ESP,
    FP_FRA,
    FP_KEN,
    FP_SEN,
    RAPTORS_SEC,
    table,
)

READS = [
    *table(
        "/bank/", {ADMIN: 200, CMS_SEC: 200, AEWA_SEC: 200, RAPTORS_SEC: 200, ANALYST: 200}, 403
    ),  # noqa: E501
    *table("/questionnaires/", {}, 200),
    # A published questionnaire: its instrument's people, analysts and other secretariats
    *table(
        "/questionnaires/CMS-COP15/",
        {
            FP_KEN: 200,
            FP_FRA: 200,
            FP_ESP: 200,
            FP_SEN: 200,
            ADMIN: 200,
            ANALYST: 200,
            CMS_SEC: 200,
            AEWA_SEC: 200,
            RAPTORS_SEC: 200,
        },
        404,
    ),  # fmt: skip
    *table(
        "/questionnaires/RAPTORS-MOS4/preview?lang=es",
        {
            FP_KEN: 200,
            FP_ESP: 200,
            ADMIN: 200,
            ANALYST: 200,
            CMS_SEC: 200,
            AEWA_SEC: 200,
            RAPTORS_SEC: 200,
        },
        404,
    ),  # fmt: skip
    # A draft: only its secretariat (and admins)
    *table("/questionnaires/EUROBATS-MOP11/", {ADMIN: 200}, 404),
    *table("/questionnaires/EUROBATS-MOP11/preview", {ADMIN: 200}, 404),
    # Managing pages: the instrument's secretariat; others who can see it get 403, others 404
    *table(
        "/questionnaires/CMS-COP15/checks",
        {
            CMS_SEC: 200,
            FP_KEN: 403,
            FP_FRA: 403,
            FP_ESP: 403,
            FP_SEN: 403,
            ADMIN: 403,
            ANALYST: 403,
            AEWA_SEC: 403,
            RAPTORS_SEC: 403,
        },
        404,
    ),  # fmt: skip
    *table(
        "/questionnaires/AEWA-MOP9/translations",
        {
            AEWA_SEC: 200,
            FP_KEN: 403,
            FP_FRA: 403,
            FP_ESP: 403,
            FP_SEN: 403,
            ADMIN: 403,
            ANALYST: 403,
            CMS_SEC: 403,
            RAPTORS_SEC: 403,
        },
        404,
    ),  # fmt: skip
]


@pytest.mark.parametrize(("who", "url", "status"), READS)
def test_reads(client, auth, who, url, status):
    if who:
        auth.login(who)
    assert client.get(url).status_code == status


@pytest.mark.parametrize("who", [ANON, *EVERYONE])
def test_only_the_secretariat_publishes(client, auth, who):
    if who:
        auth.login(who)
    response = client.post("/questionnaires/EUROBATS-MOP11/publish")
    expected = {ANON: 302, ADMIN: 403}.get(who, 404)
    assert response.status_code == expected


def test_contributor_sees_no_questionnaire(client, auth):
    auth.login(CONTRIB_FRA)
    assert "CMS-COP15" not in client.get("/questionnaires/").text


def test_cms_secretariat_finds_a_question_by_a_french_word(client, auth):
    auth.login(CMS_SEC)  # prefers French
    page = client.get("/bank/?q=empoisonnement")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert "THR-POISON-" in page.text


def test_question_page_shows_usage_by_other_instruments(client, auth, app):
    with app.app_context():
        shared = _shared_question()
    auth.login(CMS_SEC)
    page = client.get(f"/bank/{shared}")
    assert page.status_code == 200
    for code in ("CMS-COP15", "AEWA-MOP9", "RAPTORS-MOS4"):
        assert code in page.text


def _shared_question() -> str:
    used = bank_uses.usage([q.id for q in queries.search("")])
    for question_id, usages in used.items():
        instruments = {u.instrument.code for u in usages}
        if {"CMS", "AEWA", "RAPTORS"} <= instruments:
            return next(q.code for q in queries.search("") if q.id == question_id)
    raise AssertionError("no bank question is used by CMS, AEWA and RAPTORS")


def test_versions_diff_in_three_languages(client, auth, app):
    with app.app_context():
        versioned = next(q.code for q in queries.search("") if len(q.versions) > 1)
    auth.login(AEWA_SEC)
    page = client.get(f"/bank/{versioned}?from=1&to=2")
    assert page.status_code == 200
    assert "Differences between versions" in page.text
    assert "<del>" in page.text and "<ins>" in page.text


@pytest.mark.parametrize(
    ("lang", "word"), [("en", "Preview"), ("fr", "Aperçu"), ("es", "Vista previa")]
)  # noqa: E501
def test_preview_of_cms_cop15_in_each_language_with_species_loop(client, auth, lang, word):
    auth.login(CMS_SEC)
    page = client.get(f"/questionnaires/CMS-COP15/preview?lang={lang}")
    assert page.status_code == 200
    assert f'<html lang="{lang}">' in page.text
    assert word in page.text
    assert "Aquila nipalensis" in page.text  # one block per species of the list


def test_preview_applies_conditions_on_the_server(client, auth, app):
    from app.questionnaires import services, tree

    with app.app_context():
        q = services.questionnaire_by_code("CMS-COP15")
        current = tree.load(q)
        conditional = next(n for n in current.items() if n.condition and "item" in n.condition
                           and n.condition.get("op") == "equals"
                           and current.loop_section(n) is None)  # fmt: skip
        source = current.by_code()[conditional.condition["item"]]
        field = f"f-{source.id}"
        target = f'name="f-{conditional.id}"'
        value = conditional.condition["value"]
    auth.login(CMS_SEC)
    shown = client.post("/questionnaires/CMS-COP15/preview?lang=en", data={field: value}).text
    hidden = client.post("/questionnaires/CMS-COP15/preview?lang=en", data={}).text
    assert target in shown and target not in hidden


def test_eurobats_cannot_be_published_and_says_why(client, auth, app):
    with app.app_context():
        secretariat = auth_services.create_user(
            "eurobats.sec@demo.test", "Eva Bauer", password="a-long-password"
        )
        scope = auth_services.GrantScope(Role.SECRETARIAT, directory.instrument_by_code("EUROBATS"))
        auth_services.grant_role(secretariat, scope)
        db.session.commit()
    auth.login("eurobats.sec@demo.test", "a-long-password")
    response = client.post("/questionnaires/EUROBATS-MOP11/publish", follow_redirects=True)
    assert "cannot be published yet" in response.text
    missing = response.text.count("is missing in French") + response.text.count(
        "has no French text yet"
    )
    assert missing == 2
    # Each problem links to where it is fixed: the Texts page, or the bank question.
    if "is missing in French" in response.text:
        assert 'href="/questionnaires/EUROBATS-MOP11/texts?missing=1"' in response.text
    if "has no French text yet" in response.text:
        assert re.search(r'href="/bank/[A-Z0-9-]+">Item ', response.text)
    page = client.get("/questionnaires/EUROBATS-MOP11/translations")
    assert "Missing in French" in page.text
