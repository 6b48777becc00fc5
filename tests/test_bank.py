"""The bank's rules: versions and their freezing, compatibility, differences, proposals,
search in three languages."""

import pytest

from app.bank import queries, services
from app.directory import services as directory

CHOICES = {
    "choices": [
        {
            "key": "nets",
            "label": {"en": "Gillnets", "fr": "Filets maillants", "es": "Redes de enmalle"},
        },
        {"key": "lines", "label": {"en": "Longlines", "fr": "Palangres", "es": "Palangres"}},
    ],
    "allow_other": True,
}
TEXT = {
    "en": "Which fishing gears cause bycatch of migratory species?",
    "fr": "Quels engins de pêche causent des prises accessoires d’espèces migratrices ?",
    "es": "¿Qué artes de pesca causan captura incidental de especies migratorias?",
}


@pytest.fixture
def question(ctx):
    return services.create_question(
        code="TEST-BYCATCH-99",
        owner=directory.instrument_by_code("CMS"),
        answer_type="multiple_choice",
        text=TEXT,
        config=CHOICES,
        tags=["theme:bycatch", "gbf:4"],
    )


def _with_choice(config, key, en):
    changed = {**config, "choices": [*config["choices"], {"key": key, "label": {"en": en}}]}
    return changed


def test_a_draft_version_changes_in_place(question):
    version, new = services.change_question(
        question, answer_type="multiple_choice", text={**TEXT, "en": "Which gears?"},
        guidance={}, config=CHOICES,
    )  # fmt: skip
    assert not new and version.number == 1 and version.text["en"] == "Which gears?"


def test_a_frozen_version_keeps_its_meaning(question):
    services.freeze([question.latest])
    version, new = services.change_question(
        question, answer_type="multiple_choice", text=TEXT, guidance={},
        config=_with_choice(CHOICES, "trawls", "Trawls"),
    )  # fmt: skip
    assert new and version.number == 2
    assert question.version(1).config == CHOICES  # the published meaning is untouched
    assert services.compatible(question.version(1), version)


def test_translation_fix_on_a_frozen_version_stays_in_place_and_is_recorded(question):
    services.freeze([question.latest])
    fixed = {
        **TEXT,
        "es": "¿Qué artes de pesca provocan captura incidental de especies migratorias?",
    }
    version, new = services.change_question(
        question, answer_type="multiple_choice", text=fixed, guidance={"fr": "Voir l’annexe."},
        config=CHOICES,
    )  # fmt: skip
    assert not new and version.number == 1 and version.text["es"].startswith("¿Qué artes")
    (event, *_) = services.history(question)
    assert event.action == "bank.translation"
    assert {"field": "text", "lang": "es"}.items() <= event.details["changes"][0].items()


def test_changing_a_choice_label_in_english_is_a_new_meaning(question):
    services.freeze([question.latest])
    config = {
        **CHOICES,
        "choices": [
            dict(CHOICES["choices"][0], label={"en": "Gill nets (set)"}),
            CHOICES["choices"][1],
        ],
    }  # noqa: E501
    _, new = services.change_question(
        question, answer_type="multiple_choice", text=TEXT, guidance={}, config=config
    )
    assert new


def test_compatibility_needs_same_type_and_every_old_choice(question):
    services.freeze([question.latest])
    removed = {"choices": CHOICES["choices"][:1] + [{"key": "traps", "label": {"en": "Traps"}}]}
    v2, _ = services.change_question(
        question, answer_type="multiple_choice", text=TEXT, guidance={}, config=removed
    )
    assert not services.compatible(question.version(1), v2)
    services.freeze([v2])
    v3, _ = services.change_question(
        question, answer_type="long_text", text=TEXT, guidance={}, config={}
    )
    assert not services.compatible(v2, v3)


def test_diff_lists_every_language(question):
    services.freeze([question.latest])
    text = {"en": "Which gears?", "fr": "Quels engins ?", "es": TEXT["es"]}
    v2, _ = services.change_question(
        question, answer_type="multiple_choice", text=text, guidance={},
        config=_with_choice(CHOICES, "trawls", "Trawls"),
    )  # fmt: skip
    rows = {(r.field, r.lang): (r.old, r.new) for r in services.diff(question.version(1), v2)}
    assert rows[("text", "en")] == (TEXT["en"], "Which gears?")
    assert rows[("text", "fr")] == (TEXT["fr"], "Quels engins ?")
    assert ("text", "es") not in rows
    assert rows[("choice:trawls", "en")] == (None, "Trawls")


def test_proposal_accepted_makes_a_new_version(ctx, question):
    services.freeze([question.latest])
    aewa = directory.instrument_by_code("AEWA")
    proposal = services.propose(
        question, instrument=aewa, answer_type="multiple_choice", text=TEXT, guidance={},
        config=_with_choice(CHOICES, "traps", "Fish traps"), message="Waterbirds drown in traps.",
    )  # fmt: skip
    version = services.accept(proposal, note="Agreed.")
    assert version.number == 2 and proposal.status == "accepted"
    assert proposal.result_version_id == version.id
    with pytest.raises(services.BankError, match="already been decided"):
        services.decline(proposal)


def test_the_owner_does_not_propose_to_itself(question):
    with pytest.raises(services.BankError):
        services.propose(
            question, instrument=question.owner, answer_type="yes_no", text=TEXT, guidance={},
            config={},
        )  # fmt: skip


@pytest.mark.parametrize(
    ("code", "config", "message"),
    [
        ("bad code", {}, "capital letters"),
        ("OK-CODE-1", {"choices": [{"key": "a", "label": {"en": "A"}}]}, "at least two choices"),
    ],
)
def test_invalid_questions_are_refused(ctx, code, config, message):
    with pytest.raises(services.BankError, match=message):
        services.create_question(
            code=code, owner=directory.instrument_by_code("CMS"), answer_type="single_choice",
            text={"en": "A question"}, config=config,
        )  # fmt: skip


def test_unknown_tags_are_refused(ctx):
    with pytest.raises(services.BankError, match="Unknown tags: gbf:99"):
        services.create_question(
            code="X-TAGS-1", owner=directory.instrument_by_code("CMS"), answer_type="yes_no",
            text={"en": "A question?"}, tags=["gbf:99"],
        )  # fmt: skip


def test_search_in_any_language_ignores_accents_and_case(question):
    assert question in queries.search("ENGINS DE PECHE")
    assert question in queries.search("captura incidental")
    assert question in queries.search("test-bycatch")
    assert question in queries.search("palangres", tag="gbf:4", answer_type="multiple_choice")
    assert question not in queries.search("palangres", tag="gbf:3")
    assert question not in queries.search("palangres", answer_type="yes_no")
