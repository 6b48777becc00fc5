"""The evaluator against the shared JSON cases (the browser's evaluator runs the same file)."""

import json
from pathlib import Path

import pytest

from app.questionnaires.conditions import evaluate, keys_of, referenced_codes

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
