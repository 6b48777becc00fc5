"""Languages: which locale a request uses, and how content stored per language is shown.

Interface strings go through gettext (Flask-Babel). Content -- names, question texts, choices --
is stored as one JSON value per field, ``{"en": ..., "fr": ..., "es": ...}``, and `translate` is
the one place that decides which of those a reader sees.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Protocol, TypeVar

from babel import Locale
from flask import current_app, has_request_context, request, session
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from markupsafe import Markup, escape

DEFAULT_LANGUAGE = "en"

T = TypeVar("T")


class HasWorkingLanguages(Protocol):
    working_languages: list[str]


def languages() -> list[str]:
    """The configured interface and content languages, first one the default."""
    return list(current_app.config["LANGUAGES"])


def language_name(code: str) -> str:
    """A language's name in that language (as language switchers show it)."""
    return current_app.config["LANGUAGE_NAMES"].get(code, code)


def language_label(code: str) -> str:
    """A language's name in the reader's language ("French" in English, "francés" in Spanish)."""
    from babel import Locale

    try:
        return Locale.parse(code).get_display_name(current_language()) or code
    except (ValueError, LookupError):
        return code


def labelled(label: object, value: object) -> Markup:
    """“Label: value” with the language's own punctuation (French puts a space before “:”)."""
    pattern = escape(str(_l("%(label)s: %(value)s")))  # a Markup: the values get escaped
    return pattern % {"label": label, "value": value}


def select_locale() -> str:
    """The language of the address on the public pages (each has one per language, for
    everyone); elsewhere the user's preference, then the session, then Accept-Language, then
    English."""
    available = languages()
    if not has_request_context():
        return DEFAULT_LANGUAGE
    if request.blueprint == "public" and (request.view_args or {}).get("lang") in available:
        return request.view_args["lang"]
    user_locale = getattr(current_user, "locale", None) if current_user else None
    if user_locale in available:
        return user_locale
    if session.get("lang") in available:
        return session["lang"]
    return request.accept_languages.best_match(available) or DEFAULT_LANGUAGE


def current_language() -> str:
    locale = get_locale()
    return locale.language if locale else DEFAULT_LANGUAGE


@dataclass(frozen=True)
class Translated:
    """A piece of content in the language it could be found in."""

    text: str
    lang: str
    requested: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.lang != self.requested

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        if not self.is_fallback:
            return str(escape(self.text))
        title = _l("Not yet translated; shown in %(language)s", language=language_label(self.lang))
        return str(
            Markup(
                '<span lang="{lang}">{text}</span> '
                '<abbr class="tr-mark badge text-bg-warning" title="{title}">{code}</abbr>'
            ).format(lang=self.lang, text=self.text, title=title, code=self.lang.upper())
        )


def fallback_chain(requested: str, instrument: HasWorkingLanguages | None = None) -> list[str]:
    """Languages to try, in order, for a reader of `requested`.

    The reader's language first; then the instrument's working languages in their order
    (English where no instrument applies); then any other configured language, so that some
    text is shown rather than none.
    """
    chain = [requested]
    chain += list(instrument.working_languages) if instrument is not None else [DEFAULT_LANGUAGE]
    chain += languages() if current_app else []
    seen: list[str] = []
    for code in chain:
        if code not in seen:
            seen.append(code)
    return seen


def translate(
    value: Mapping[str, str] | None,
    *,
    lang: str | None = None,
    instrument: HasWorkingLanguages | None = None,
    bank: Mapping[str, str] | None = None,
) -> Translated:
    """Pick the text of `value` for a reader of `lang` (default: the request's locale).

    `bank` is the harmonised bank's text for the same thing: its translation in the reader's
    language is preferred to a fallback into another language.
    """
    requested = lang or current_language()
    value = value or {}
    if value.get(requested):
        return Translated(value[requested], requested, requested)
    if bank and bank.get(requested):
        return Translated(bank[requested], requested, requested)
    for code in fallback_chain(requested, instrument):
        if value.get(code):
            return Translated(value[code], code, requested)
        if bank and bank.get(code):
            return Translated(bank[code], code, requested)
    return Translated("", requested, requested)


def missing_languages(value: Mapping[str, str] | None, required: Iterable[str]) -> list[str]:
    """The languages of `required` for which `value` has no (non-blank) text."""
    value = value or {}
    return [code for code in required if not (value.get(code) or "").strip()]


def normalise(text: str) -> str:
    """Search text: casefolded, accents stripped, spaces collapsed (same on SQLite and PG)."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(stripped.split())


def search_text(*values: Mapping[str, str] | str | None) -> str:
    """One normalised string holding every language of every value, for LIKE queries."""
    parts: list[str] = []
    for value in values:
        if isinstance(value, Mapping):
            parts.extend(v for v in value.values() if v)
        elif value:
            parts.append(value)
    return normalise(" | ".join(parts))


@cache  # the same for every request of a language: computed once
def plural_samples(lang: str) -> dict[str, int]:
    """One whole number of each plural category of `lang`, by its CLDR name ("one", "few",
    "many", "other"…): a sentence rendered with each sample lets a script pick the right form for
    any count with the browser's Intl.PluralRules, which names the categories the same way."""
    rule = Locale.parse(lang).plural_form
    samples: dict[str, int] = {}
    # 1 before 0: where 0 is "one" too (French), a catalog without the sentence falls back to
    # English, whose 0 is plural; a million is French and Spanish "many"
    for n in (*range(1, 1000), 0, 1_000_000):
        samples.setdefault(rule(n), n)
    return samples


@cache
def _collator():
    # The Unicode Collation Algorithm with its default table (DUCET): accents and case weigh
    # less than letters, so « Égypte » files under E and « Bénin » before « Burundi ». It fits
    # English, French and Spanish country names; a language whose alphabet differs (Spanish
    # « ñ » as a letter of its own) would need CLDR tailoring, which PyICU offers.
    from pyuca import Collator

    return Collator()


def sort_key(text: str, lang: str | None = None) -> tuple:
    """A key that orders `text` as a reader of `lang` (default: the request's) expects.

    `lang` is part of the signature so that a language needing its own tailoring can get it
    here without changing the callers."""
    return _collation_key(str(text))


@lru_cache(maxsize=65_536)
def _collation_key(text: str) -> tuple:
    # The same few hundred names (countries, species, sites) are sorted again and again, by
    # every table that lists them: pyuca computes a key in about 0.1 ms, a cache hit in 0.1 µs.
    return _collator().sort_key(unicodedata.normalize("NFC", text))


def collated(
    items: Iterable[T], key: Callable[[T], object] = str, lang: str | None = None
) -> list[T]:
    """`items` ordered by `key(item)` (text, or a translated content value such as a party's
    name) in the alphabet of a reader of `lang` (default: the request's language)."""
    lang = lang or current_language()

    def text(item: T) -> str:
        value = key(item)
        if isinstance(value, Mapping):
            value = translate(value, lang=lang)
        return str(value)

    return sorted(items, key=lambda item: sort_key(text(item), lang))
