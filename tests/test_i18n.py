"""Locale selection, the translated-content helper and locale formatting."""

import pytest
from flask_babel import force_locale

from app.i18n import (
    fallback_chain,
    missing_languages,
    normalise,
    plural_samples,
    search_text,
    translate,
)


class Instrument:
    def __init__(self, languages):
        self.working_languages = languages


AEWA = Instrument(["en", "fr"])


def test_translate_uses_the_readers_language(app):
    with app.app_context():
        text = translate({"en": "Species", "fr": "Espèces", "es": "Especies"}, lang="es")
        assert str(text) == "Especies" and not text.is_fallback


def test_translate_prefers_the_bank_translation_to_another_language(app):
    with app.app_context():
        text = translate({"en": "Local wording"}, lang="es", bank={"es": "Texto del banco"})
        assert str(text) == "Texto del banco" and not text.is_fallback


def test_translate_falls_back_to_the_instruments_first_working_language(app):
    with app.app_context():
        text = translate(
            {"fr": "Oiseaux d’eau", "en": "Waterbirds"},
            lang="es",
            instrument=Instrument(["fr", "en"]),
        )
        assert str(text) == "Oiseaux d’eau"
        assert text.is_fallback and text.lang == "fr"
        html = text.__html__()
        assert 'lang="fr"' in html and "tr-mark" in html


def test_translate_falls_back_to_english_without_instrument(app):
    with app.app_context():
        text = translate({"fr": "Bonjour", "en": "Hello"}, lang="es")
        assert (str(text), text.lang) == ("Hello", "en")


def test_translate_marks_fallback_in_the_readers_language(app):
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        html = translate({"en": "Hello"}).__html__()
        assert "Pas encore traduit" in html


def test_translate_of_nothing_is_empty(app):
    with app.app_context():
        assert str(translate(None, lang="fr")) == ""


def test_fallback_chain_order(app):
    with app.app_context():
        assert fallback_chain("es", AEWA) == ["es", "en", "fr"]
        assert fallback_chain("fr") == ["fr", "en", "es"]


def test_missing_languages_and_search_text():
    assert missing_languages({"en": "x", "fr": "  "}, ["en", "fr", "es"]) == ["fr", "es"]
    assert normalise("  Élan   Côté ") == "elan cote"
    assert search_text({"fr": "Sénégal", "es": "Senegal"}, "SEN") == "senegal | senegal | sen"


@pytest.mark.parametrize(
    ("headers", "expected"),
    [({"Accept-Language": "es-ES,es;q=0.9"}, "es"), ({"Accept-Language": "fr-CA"}, "fr"),
     ({"Accept-Language": "de-DE"}, "en"), ({}, "en")],
)  # fmt: skip
def test_locale_from_accept_language(client, headers, expected):
    response = client.get("/", headers=headers)
    assert f'<html lang="{expected}">' in response.text


def test_switcher_sets_the_session_of_a_visitor(client):
    response = client.post("/language", data={"lang": "es", "next": "/instruments/"})
    assert response.headers["Location"] == "/instruments/"
    page = client.get("/instruments/", headers={"Accept-Language": "fr"})
    assert '<html lang="es">' in page.text  # the session wins over Accept-Language


def test_switcher_saves_the_preference_of_a_user(app, client, auth):
    auth.login("fp.ken@demo.test")
    client.post("/language", data={"lang": "fr", "next": "/dashboard"})
    auth.logout()
    with client.session_transaction() as session:
        session.clear()
    auth.login("fp.ken@demo.test")
    page = client.get("/dashboard", headers={"Accept-Language": "es"})
    assert '<html lang="fr">' in page.text  # the saved preference wins


def test_user_preference_beats_session_and_browser(client, auth):
    client.post("/language", data={"lang": "en"})
    auth.login("fp.esp@demo.test")  # prefers Spanish
    page = client.get("/dashboard", headers={"Accept-Language": "fr"})
    assert '<html lang="es">' in page.text


def test_switcher_refuses_unknown_language_and_foreign_redirect(client):
    assert client.post("/language", data={"lang": "xx"}).status_code == 400
    response = client.post("/language", data={"lang": "fr", "next": "//evil.example/"})
    assert response.headers["Location"] == "/"


def test_numbers_and_dates_follow_the_locale(app):
    from datetime import date

    from flask_babel import format_date, format_decimal

    with app.test_request_context():
        with force_locale("fr"):
            assert format_decimal(1234.5) == "1\u202f234,5"
            assert format_date(date(2026, 3, 3), "long") == "3 mars 2026"
        with force_locale("es"):
            assert format_date(date(2026, 3, 3), "long") == "3 de marzo de 2026"
        with force_locale("en"):
            assert format_decimal(1234.5) == "1,234.5"


@pytest.mark.parametrize(
    ("lang", "samples"),
    [
        ("en", {"one": 1, "other": 2}),
        ("fr", {"one": 1, "other": 2, "many": 1_000_000}),
        ("ru", {"one": 1, "few": 2, "many": 5}),
    ],
)
def test_plural_samples_give_one_count_per_category_of_the_language(lang, samples):
    """A script picks the sentence by Intl.PluralRules category (autosave.js, counted())."""
    assert plural_samples(lang) == samples
