"""The evaluator against the shared JSON cases (the browser's evaluator runs the same file)."""

import json
from pathlib import Path

import pytest

from app.questionnaires import services as questionnaires
from app.questionnaires import tree
from app.questionnaires.conditions import evaluate, keys_of, referenced_codes, settle

CASES = json.loads((Path(__file__).parent / "cases" / "conditions.json").read_text())["cases"]


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_shared_cases(case):
    answers = case["answers"]
    assert evaluate(case["condition"], answers.get) is case["expected"]


def test_keys_of_answers():
    assert keys_of({"key": "other"}) == ["other"]
    assert keys_of(True) == ["yes"]
    assert keys_of(None) == []


def test_referenced_codes():
    condition = {
        "all": [{"item": "A", "op": "answered"}, {"any": [{"item": "B", "op": "answered"}]}]
    }
    assert referenced_codes(condition) == ["A", "B"]


CROSSING = {
    "all": [
        {"item": "A", "op": "equals", "value": "yes"},
        {"any": [{"item": "B", "op": "gt", "value": 3}, {"item": "C", "op": "answered"}]},
    ]
}


def test_settle_puts_the_outcome_in_place_of_each_test_of_a_sealed_item():
    answers = {"A": "yes", "B": 5}
    settled = settle(CROSSING, answers.get, {"B", "C"}.__contains__)
    assert settled == {
        "all": [
            {"item": "A", "op": "equals", "value": "yes"},
            {"any": [{"const": True}, {"const": False}]},
        ]
    }
    assert referenced_codes(settled) == ["A"]
    for typed in ("yes", "no", None):  # the browser, reading A only, decides as the server
        assert evaluate(settled, {"A": typed}.get) is evaluate(
            CROSSING, {**answers, "A": typed}.get
        )


def test_settle_leaves_a_condition_without_sealed_items_as_it_is():
    assert settle(CROSSING, {}.get, lambda code: False) == CROSSING
    assert settle(None, {}.get, lambda code: True) is None
    assert settle({"const": True}, {}.get, lambda code: True) == {"const": True}


def test_a_settled_outcome_is_never_stored_as_a_condition(ctx):
    draft = questionnaires.questionnaire_by_code("EUROBATS-MOP11")
    item = tree.load(draft).items()[-1]
    with pytest.raises(questionnaires.QuestionnaireError):
        questionnaires.set_condition(item, {"any": [{"const": True}]})
    assert item.condition is None or "const" not in json.dumps(item.condition)
