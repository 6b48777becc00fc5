"""The content data files (bank vocabularies, demo bank, demo questionnaires) are complete.

A text is an object of one string per language. Bank texts and vocabulary labels must be in
every configured language; a questionnaire's texts in the working languages of its instrument
once it is past draft (the demo's draft is left with missing translations on purpose, for the
designer's "missing translations" pages), and at least in English before.

These tests read the files only: they use an app of their own, without the demo database, so a
broken file is reported here even when it stops the demo from loading.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from app import create_app
from app.bank import vocabularies
from app.demo import content
from app.demo.directory_data import INSTRUMENTS
from app.extensions import db
from app.i18n import DEFAULT_LANGUAGE, languages
from app.questionnaires.models import Status
from app.utils import read_data

DEMO_DATA = Path(content.__file__).parent / "data"


@pytest.fixture(scope="module")
def configured() -> list[str]:
    """The configured languages, `app.i18n.languages()` of a test app."""
    app = create_app("test", SQLALCHEMY_DATABASE_URI="sqlite://")
    with app.app_context():
        yield languages()
        db.engine.dispose()


def is_text(value: object, langs: list[str]) -> bool:
    return isinstance(value, dict) and bool(value) and ("en" in value or set(value) <= set(langs))


def texts(value: object, langs: list[str], path: str = ""):
    """Every text in `value` with its path, e.g. ``("/3/config/choices/0/label", {...})``."""
    if isinstance(value, dict):
        if is_text(value, langs):
            yield path, value
            return
        for key, child in value.items():
            yield from texts(child, langs, f"{path}/{key}")
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from texts(child, langs, f"{path}/{index}")


def missing(value: object, required: list[str], configured: list[str]) -> list[str]:
    """The texts of `value` that lack one of the `required` languages, or leave it blank."""
    return [
        f"{path} lacks {lang}"
        for path, text in texts(value, configured)
        for lang in required
        if not (isinstance(text.get(lang), str) and text[lang].strip())
    ]


def test_every_bank_file_is_loaded():
    assert sorted(p.name for p in DEMO_DATA.glob("bank-*.json")) == sorted(content.BANK_FILES)


def test_vocabulary_labels_are_in_every_language(configured):
    data = read_data("app.bank", "vocabularies.json")
    # One label per vocabulary and per term: the walk finds every one of them.
    assert len(list(texts(data, configured))) == len(data) + len(vocabularies.ALL_TAGS)
    assert missing(data, configured, configured) == []


@pytest.mark.parametrize("name", content.BANK_FILES)
def test_bank_texts_are_in_every_language(configured, name):
    data = read_data("app.demo", name)
    assert data and all(q["text"] for q in data)
    assert missing(data, configured, configured) == []


def test_bank_questions_use_known_tags():
    unknown = [
        (question["code"], tag)
        for question in content.BANK
        for tag in question.get("tags", [])
        if not vocabularies.is_known(tag)
    ]
    assert unknown == []


def test_questionnaire_texts_are_in_their_working_languages(configured):
    working = {i["code"]: i["working_languages"] for i in INSTRUMENTS}
    problems = []
    for spec in read_data("app.demo", "questionnaires.json"):
        draft = spec.get("status", Status.DRAFT) == Status.DRAFT
        required = [DEFAULT_LANGUAGE] if draft else working[spec["instrument"]]
        assert set(required) <= set(configured)
        problems += [f"{spec['code']}{p}" for p in missing(spec, required, configured)]
    assert problems == []


def test_questionnaires_reuse_existing_bank_versions():
    versions = {q["code"]: 1 + len(q.get("versions", [])) for q in content.BANK}

    def items(section):
        yield from section.get("items", [])
        for child in section.get("sections", []):
            yield from items(child)

    wrong = [
        (spec["code"], item["bank"], item.get("version"))
        for spec in content.QUESTIONNAIRES
        for section in spec["sections"]
        for item in items(section)
        if "bank" in item and not 1 <= (item.get("version") or 1) <= versions.get(item["bank"], 0)
    ]
    assert wrong == []
