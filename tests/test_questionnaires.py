"""Questionnaire rules through the services: structure, numbering, conditions (loops included),
publish checks, translation completeness, rendering with skip logic."""

import pytest
import sqlalchemy as sa

from app.bank import services as bank
from app.bank.models import Species, SpeciesList, SpeciesListEntry
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import checks, render, services, texts_service, tree
from app.questionnaires.models import Status
from app.reporting.models import Report

YES_NO = {"en": "Is bycatch monitored?", "fr": "Les prises accessoires sont-elles suivies ?"}
COUNT = {"en": "How many observers?", "fr": "Combien d’observateurs ?"}


@pytest.fixture
def built(ctx):
    """An AEWA draft (working languages en, fr): a plain section and a species loop."""
    aewa = directory.instrument_by_code("AEWA")
    species_list = SpeciesList(instrument=aewa, cycle="TEST")
    for position, taxon in enumerate(["test_anser", "test_branta"]):
        species = Species(taxon_id=taxon, scientific_name=taxon, common_name={"en": taxon.title()})
        species_list.entries.append(SpeciesListEntry(species=species, position=position))
    db.session.add(species_list)
    question = bank.create_question(
        code="TEST-MONITOR-01", owner=aewa, answer_type="yes_no",
        text={**YES_NO, "es": "¿Se vigila la captura incidental?"},
    )  # fmt: skip
    q = services.create_questionnaire(
        instrument=aewa, code="AEWA-TEST", cycle="TEST", cycle_order=99,
        title={"en": "Test report", "fr": "Rapport d’essai"}, species_list=species_list,
    )  # fmt: skip
    general = services.add_section(q, title={"en": "General", "fr": "Généralités"})
    monitored = services.add_bank_item(q, general, question.latest, required=True)
    observers = services.add_local_item(
        q, general, code="AEWA-T-OBS", answer_type="number", text=COUNT,
        config={"min": 0, "integer": True},
    )  # fmt: skip
    loop = services.add_section(q, title={"en": "Per species", "fr": "Par espèce"}, loop="species")
    present = services.add_local_item(
        q, loop, code="AEWA-T-PRESENT", answer_type="yes_no",
        text={"en": "Is the species present?", "fr": "L’espèce est-elle présente ?"},
    )  # fmt: skip
    trend = services.add_local_item(
        q, loop, code="AEWA-T-TREND", answer_type="single_choice",
        text={"en": "Population trend", "fr": "Tendance de la population"},
        config={"choices": [
            {"key": "up", "label": {"en": "Increasing", "fr": "En hausse"}},
            {"key": "down", "label": {"en": "Decreasing", "fr": "En baisse"}},
        ]},
    )  # fmt: skip
    return {"q": q, "general": general, "monitored": monitored, "observers": observers,
            "loop": loop, "present": present, "trend": trend, "bank": question}  # fmt: skip


def test_numbering_follows_the_structure(built):
    assert built["general"].number == "1"
    assert built["monitored"].number == "1.1"
    assert built["observers"].number == "1.2"
    assert built["trend"].number == "2.2"


def test_moving_renumbers(built):
    services.move(built["observers"], built["general"], 0)
    assert built["observers"].number == "1.1" and built["monitored"].number == "1.2"


@pytest.mark.parametrize(
    ("target", "condition", "message"),
    [
        ("observers", {"item": "NOPE-1", "op": "answered"}, "not in this questionnaire"),
        ("monitored", {"item": "AEWA-T-OBS", "op": "answered"}, "comes later"),
        ("observers", {"item": "AEWA-T-OBS", "op": "answered"}, "the item itself"),
        ("observers", {"item": "TEST-MONITOR-01", "op": "gt", "value": 1}, "numbers or dates"),
        (
            "observers",
            {"item": "TEST-MONITOR-01", "op": "equals", "value": "maybe"},
            "does not offer",
        ),  # noqa: E501
        ("observers", {"item": "TEST-MONITOR-01", "op": "equals"}, "needs a value"),
        ("observers", {"item": "AEWA-T-PRESENT", "op": "answered"}, "comes later"),
    ],
)
def test_conditions_that_do_not_resolve_are_refused(built, target, condition, message):
    with pytest.raises(services.QuestionnaireError, match=message):
        services.set_condition(built[target], condition)
    assert built[target].condition is None


def test_a_condition_outside_a_loop_cannot_read_inside_it(built):
    aewa_q = built["q"]
    after = services.add_section(aewa_q, title={"en": "After", "fr": "Après"})
    item = services.add_local_item(
        aewa_q, after, code="AEWA-T-AFTER", answer_type="short_text", text={"en": "x", "fr": "x"}
    )
    with pytest.raises(services.QuestionnaireError, match="inside a repeated section"):
        services.set_condition(item, {"item": "AEWA-T-PRESENT", "op": "equals", "value": "yes"})


def test_moving_that_would_break_a_condition_is_refused(built):
    services.set_condition(
        built["observers"], {"item": "TEST-MONITOR-01", "op": "equals", "value": "yes"}
    )  # noqa: E501
    with pytest.raises(services.QuestionnaireError, match="comes later"):
        services.move(built["observers"], built["general"], 0)
    assert built["observers"].number == "1.2"


def test_removing_an_item_a_condition_uses_is_refused(built):
    services.set_condition(
        built["observers"], {"item": "TEST-MONITOR-01", "op": "equals", "value": "yes"}
    )  # noqa: E501
    with pytest.raises(services.QuestionnaireError, match="has a condition on TEST-MONITOR-01"):
        services.remove(built["monitored"])
    services.remove(built["observers"])
    services.remove(built["monitored"])
    assert built["general"].number == "1" and built["loop"].number == "2"


def test_render_evaluates_conditions_per_iteration(built):
    services.set_condition(
        built["trend"], {"item": "AEWA-T-PRESENT", "op": "equals", "value": "yes"}
    )  # noqa: E501
    services.set_condition(
        built["observers"], {"item": "TEST-MONITOR-01", "op": "equals", "value": "yes"}
    )  # noqa: E501
    answers = {("TEST-MONITOR-01", ""): "no", ("AEWA-T-PRESENT", "test_anser"): "yes",
               ("AEWA-T-PRESENT", "test_branta"): "no"}  # fmt: skip
    rendered = render.render(built["q"], answers, "en")
    visible = {(i.node.code, i.loop_key): i.visible for i in rendered.items()}
    assert visible[("AEWA-T-OBS", "")] is False
    assert visible[("AEWA-T-TREND", "test_anser")] is True
    assert visible[("AEWA-T-TREND", "test_branta")] is False
    assert rendered.cells() == 2 + 2 * 2


def test_hidden_items_count_as_unanswered_downstream(built):
    services.set_condition(
        built["observers"], {"item": "TEST-MONITOR-01", "op": "equals", "value": "yes"}
    )  # noqa: E501
    section = services.add_section(built["q"], title={"en": "More", "fr": "Plus"})
    services.set_condition(section, {"item": "AEWA-T-OBS", "op": "gt", "value": 0})
    answers = {("TEST-MONITOR-01", ""): "no", ("AEWA-T-OBS", ""): 5}
    rendered = render.render(built["q"], answers, "en")
    assert not next(s for s in rendered.sections if s.node.id == section.id).visible


def test_render_queries_do_not_grow_with_items(built):
    from sqlalchemy import event

    def count_statements():
        n = {"n": 0}

        def counter(*args, **kwargs):
            n["n"] += 1

        event.listen(db.engine, "before_cursor_execute", counter)
        try:
            render.render(built["q"], {}, "en")
        finally:
            event.remove(db.engine, "before_cursor_execute", counter)
        return n["n"]

    db.session.expire_all()
    before = count_statements()
    for i in range(15):
        services.add_local_item(
            built["q"], built["loop"], code=f"AEWA-T-X{i}", answer_type="short_text",
            text={"en": f"Extra {i}", "fr": f"Extra {i}"},
        )  # fmt: skip
    db.session.expire_all()
    assert count_statements() == before


def test_publish_checks_and_freezing(built):
    q = built["q"]
    problems = checks.publish_problems(tree.load(q))
    assert problems == []
    services.publish(q)
    assert q.status == Status.PUBLISHED and built["bank"].latest.frozen
    opened = db.session.scalars(sa.select(Report.party_id).where(Report.questionnaire_id == q.id))
    owing = {party.id for party in directory.reporting_parties(q.instrument)}
    assert set(opened) == owing != set()  # reporting opens them, whoever publishes
    with pytest.raises(services.QuestionnaireError, match="Only a draft"):
        services.add_section(q, title={"en": "Late"})


def test_publish_refused_lists_each_problem(built):
    q = built["q"]
    built["observers"].text = {"en": "How many observers?"}  # French missing
    services.add_section(q, title={"en": "Empty", "fr": "Vide"})
    built["trend"].config = {"choices": []}
    with pytest.raises(services.PublishRefused) as refused:
        services.publish(q)
    messages = [(p.number, p.message) for p in refused.value.problems]
    assert ("1.2", "Question is missing in French.") in messages
    assert ("3", "The section is empty.") in messages
    assert ("2.2", "A choice question needs at least two choices.") in messages
    assert q.status == Status.DRAFT


def test_completeness_counts_missing_texts(built):
    built["observers"].text = {"en": "How many observers?"}
    current = tree.load(built["q"])
    french = texts_service.completeness(current, "fr")
    spanish = texts_service.completeness(current, "es")
    assert [m.node.number for m in french.missing] == ["1.2"]
    assert spanish.total == french.total and len(spanish.missing) > len(french.missing)


def test_life_cycle(built):
    q = built["q"]
    with pytest.raises(services.QuestionnaireError):
        services.close(q)
    services.publish(q)
    services.close(q)
    services.archive(q)
    assert q.status == Status.ARCHIVED
