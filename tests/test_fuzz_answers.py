"""Property-based tests of the answer types and of saving (Hypothesis, strategies in
tests/fuzz_strategies.py): whatever is typed, reading it either gives a value or refuses it
with a translated message (never another exception); every value accepted is said in words in
each language, fits in strict JSON, goes back into its form field and reads back the same;
nothing is rounded or cut silently; a refused save changes nothing."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from flask_babel import force_locale
from hypothesis import example, given
from hypothesis import strategies as st

from app import answers
from app.answers import Named, Saying
from app.extensions import db
from app.reporting import pages, saving, services
from app.reporting.errors import ReportingError
from tests.fuzz_client import assert_translated, stored_answer
from tests.fuzz_strategies import (
    LOCALES,
    answer_input,
    examples,
    integers_as_text,
    locale_number,
    texts,
)
from tests.test_reporting import FP_FRA, report_of, user


def _labels(*pairs):
    return [{"key": k, "label": {"en": en, "fr": fr}} for k, en, fr in pairs]


CHOICES = _labels(("a", "Apple", "Pomme"), ("b", "Pear", "Poire"), ("c-d", "Plum", "Prune"))
TABLE = {
    "rows": _labels(("gef", "GEF", "FEM"), ("eu", "European Union", "Union européenne")),
    "columns": [
        {"key": "amount", "type": "number", "label": {"en": "Amount"}},
        {"key": "count", "type": "number", "integer": True, "label": {"en": "Count"}},
        {"key": "currency", "type": "single_choice", "choices": CHOICES, "label": {"en": "€"}},
        {"key": "lead", "type": "short_text", "label": {"en": "Lead"}},
        {"key": "done", "type": "yes_no", "label": {"en": "Done"}},
    ],
}
CASES = [
    ("short_text", {}),
    ("long_text", {}),
    ("number", {}),
    ("number", {"integer": True, "min": 0, "unit": {"en": "pairs", "fr": "couples"}}),
    ("number", {"min": 0, "max": 100, "integer": False, "unit": {"en": "%"}}),
    ("number", {"min": -1.5, "max": 1_000_000.25}),
    ("date", {}),
    ("yes_no", {}),
    ("single_choice", {"choices": CHOICES}),
    ("single_choice", {"choices": CHOICES, "allow_other": True}),
    ("multiple_choice", {"choices": CHOICES, "allow_other": True}),
    ("table", TABLE),
    ("species", {}),
    ("site", {}),
    ("file", {}),
]
SPECIES = {
    "anser_erythropus": Named({"en": "Lesser White-fronted Goose", "fr": "Oie naine"}, "Anser"),
    "aythya_nyroca": Named({"en": "Ferruginous Duck", "fr": "Fuligule nyroca"}, "Aythya"),
}
FILES = {11: "plan.pdf", 12: "carte.png"}


def context(locale: str) -> answers.Context:
    return answers.Context(locale, frozenset(SPECIES), frozenset(FILES))


def saying(lang: str) -> Saying:
    return Saying(lang, species=SPECIES, files=FILES, other="Autre chose")


def any_shape() -> st.SearchStrategy:
    """What a form can post for an item, whatever its type: text, several values, parts."""
    return st.one_of(
        texts(),
        st.lists(texts(12), max_size=3),
        st.dictionaries(texts(8), texts(8), max_size=3),
        st.dictionaries(texts(8), st.dictionaries(texts(8), texts(8), max_size=2), max_size=2),
    )


@st.composite
def typed_answers(draw):
    answer_type, config = draw(st.sampled_from(CASES))
    locale = draw(st.sampled_from(LOCALES))
    files = [str(k) for k in FILES]
    typed = answer_input(answer_type, config, locale, list(SPECIES), files)
    raw = draw(st.one_of(typed, typed, typed, any_shape()))
    return answer_type, config, locale, raw


def same(a, b) -> bool:
    return json.dumps(a, sort_keys=True) == json.dumps(b, sort_keys=True)


def assert_renders_back(answer_type: str, config: dict, locale: str, value, reading=None) -> None:
    """A stored value is strict JSON, said in words in every language (in full, on one line,
    as export cells), goes back into its form field and reads back the same."""
    json.dumps(value, allow_nan=False)
    for lang in LOCALES:
        with force_locale(lang):
            for short in (False, True):
                said = answers.answer_words(
                    answer_type, config, {"value": value}, saying(lang), short=short
                )
                assert isinstance(said, str) and said.strip(), (lang, value)
            cells = answers.cells(answer_type, config, value, saying(lang))
        json.dumps([(c.value, c.value_label) for c in cells], allow_nan=False)
    shown = answers.form_value(answer_type, config, value, locale)
    again = answers.parse(answer_type, config, shown, reading or context(locale))
    assert same(again, value), f"{value!r} shown as {shown!r} reads back as {again!r}"


@examples(400, 4000)
@example(case=("number", {}, "en", "1" * 30))  # 30 digits: read, but Babel cannot write it
@example(case=("number", {}, "fr", "1234567890123456789012345,5"))
@example(case=("number", {"integer": True, "min": 0}, "en", "9" * 40))
@example(case=("file", {}, "en", ["²"]))  # "²".isdigit(), and int("²") raises
@given(case=typed_answers())
def test_every_input_is_read_back_the_same_or_refused_in_the_readers_language(app, case):
    """Any input, any answer type, any locale: read (and then said in words in en/fr/es,
    strict JSON, shown in its field and read back the same) or refused with a ValueProblem
    whose message is in the reader's language."""
    answer_type, config, locale, raw = case
    with app.test_request_context(), force_locale(locale):
        try:
            value = answers.parse(answer_type, config, raw, context(locale))
        except answers.ValueProblem as problem:
            assert_translated(problem.message, locale)
            return
    if value is not None:
        with app.test_request_context(), force_locale(locale):
            assert_renders_back(answer_type, config, locale, value)


@examples(200, 2000)
@given(locale=st.sampled_from(LOCALES), data=st.data())
def test_a_number_is_stored_as_typed_never_rounded(app, locale, data):
    """A number typed in the reader's format is stored with every digit it was typed with, or
    refused: never rounded (a float keeps 17 significant digits) nor turned into Infinity."""
    text, meant = data.draw(locale_number(locale))
    with app.test_request_context(), force_locale(locale):
        try:
            value = answers.parse("number", {}, text, context(locale))
        except answers.ValueProblem as problem:
            assert_translated(problem.message, locale)
            return
    json.dumps(value, allow_nan=False)
    assert Decimal(str(value)) == meant, f"{text!r} meant {meant}, stored {value!r}"


# --- saving --------------------------------------------------------------------------------------


@pytest.fixture
def aewa_fra(app, ctx):
    """France's AEWA-MOP9 report (in progress, every answer type) and its focal point; one
    item of each type, in a loop or not."""
    report = report_of("AEWA-MOP9", "FRA")
    filled = services.fill(report, "fr")
    items = {}
    for item in filled.rendered.items():
        items.setdefault((item.node.effective_type, bool(item.loop_key)), item)
    return report, filled, sorted(items.values(), key=lambda i: i.field_name), user(FP_FRA)


def _row(report_id: int, item) -> tuple:
    return stored_answer(report_id, item.node.id, item.loop_key)


@st.composite
def saves(draw, items):
    item = draw(st.sampled_from(items))
    config = item.node.effective_config or {}
    locale = draw(st.sampled_from(["fr", "fr", "en", "es"]))
    raw = draw(answer_input(item.node.effective_type, config, locale, ["anser_erythropus"]))
    change = saving.Change(
        raw=raw,
        raw_given=draw(st.sampled_from([True, True, True, False])),
        other=draw(st.one_of(st.none(), texts())),
        comment=draw(st.one_of(st.none(), texts())),
        no_info=draw(st.one_of(st.none(), st.booleans())),
    )
    stale = draw(st.one_of(st.none(), integers_as_text()))
    return item, locale, change, stale


def test_saving_keeps_what_was_typed_or_refuses_and_changes_nothing(app, aewa_fra):
    """Through saving.save_answer, as the autosave and the section form call it: an answer is
    saved with what was typed (its comment and "other" text in full, an unreadable value kept
    as typed and flagged in the reader's language) and renders back; a refusal (a conflict, an
    unknown version) says why in the reader's language and leaves the answer as it was."""
    report, filled, items, fp = aewa_fra

    @examples(60, 600)
    @given(save=saves(items))
    def check(save):
        item, locale, change, stale = save
        current = filled.answer(item)
        expected = current.version if current else 0
        if stale is not None:
            expected = int(stale) if stale.isdecimal() and len(stale) < 19 else -1
        before = _row(report.id, item)
        with app.test_request_context(), force_locale(locale):
            try:
                saved = pages.committed(
                    lambda: saving.save_answer(
                        filled,
                        item.node,
                        item.loop_key,
                        change,
                        expected_version=expected,
                        user=fp,
                        locale=locale,
                    ),
                    retry=filled.reload_answers,
                )
            except ReportingError as refusal:
                assert_translated(refusal.message, locale)
                assert _row(report.id, item) == before
                return
            answer = saved.answer
            if change.comment is not None:
                assert answer.comment == change.comment, "the comment was changed"
            if change.other is not None:
                assert answer.other == change.other.strip(), "the other text was changed"
            if saved.problem:
                assert_translated(saved.problem, locale)
            if saved.problem and change.raw_given:
                assert answer.value is None and same(answer.typed, change.raw)
            kept = json.dumps(answer.value, sort_keys=True)
            db.session.refresh(answer)
            assert json.dumps(answer.value, sort_keys=True) == kept, "stored differently"
            if answer.value is not None:
                node = item.node
                reading = answers.Context(
                    locale, filled.species_keys, frozenset(filled.attachments)
                )
                assert_renders_back(
                    node.effective_type, node.effective_config, locale, answer.value, reading
                )
            assert isinstance(filled.words(item.node, answer), str)

    check()
