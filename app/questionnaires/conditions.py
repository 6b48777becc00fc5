"""Skip logic: when an item or a section is shown.

A condition is JSON, the same in Python and in the browser:

* a test of one earlier item: ``{"item": "THR-POISON-01", "op": "equals", "value": "yes"}``
  with op one of equals, not_equals, in (value: a list), answered, not_answered, gt, gte, lt, lte;
* a combination: ``{"all": [condition, ...]}`` or ``{"any": [condition, ...]}``;
* an outcome decided already: ``{"const": true}`` or ``{"const": false}``. Never stored: the
  server puts it in place of a test of an item the reader may not read (`settle`), so that a
  page carries the outcome of that test, never the item's answer.

Inside a loop, a test of an item of the same loop reads that item in the same iteration: the
caller's lookup takes care of it, since it is given the loop key of the block being evaluated.
An item that is hidden counts as not answered, so hiding cascades.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

OPERATORS = ("equals", "not_equals", "in", "answered", "not_answered", "gt", "gte", "lt", "lte")
NUMERIC_OPERATORS = {"gt", "gte", "lt", "lte"}
VALUE_OPERATORS = {"equals", "not_equals", "in"} | NUMERIC_OPERATORS

Lookup = Callable[[str], Any]


def is_answered(value: Any) -> bool:
    if value is None:
        return False
    if isinstance(value, str):
        return value.strip() != ""
    if isinstance(value, list | dict):
        return len(value) > 0
    return True


def keys_of(value: Any) -> list[str]:
    """The comparable keys of an answer: a choice key, the keys of a multiple choice, a text."""
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v) for v in value]
    if isinstance(value, dict):
        if "keys" in value:
            return [str(v) for v in value["keys"]]
        if "key" in value:
            return [str(value["key"])]
        return []
    if isinstance(value, bool):
        return ["yes" if value else "no"]
    return [str(value)]


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or value is None:
        return None
    try:
        return float(value)
    except (TypeError, ValueError, OverflowError):  # OverflowError: an int beyond a float
        return None


def evaluate(condition: dict | None, lookup: Lookup) -> bool:
    """Whether `condition` holds, reading answers with `lookup(code)` (None: not answered)."""
    if not condition:
        return True
    if "const" in condition:
        return condition["const"] is True
    if "all" in condition:
        return all(evaluate(part, lookup) for part in condition["all"])
    if "any" in condition:
        return any(evaluate(part, lookup) for part in condition["any"])
    op = condition.get("op")
    value = lookup(condition.get("item", ""))
    answered = is_answered(value)
    if op == "answered":
        return answered
    if op == "not_answered":
        return not answered
    if not answered:
        return False
    expected = condition.get("value")
    if op == "equals":
        return str(expected) in keys_of(value)
    if op == "not_equals":
        return str(expected) not in keys_of(value)
    if op == "in":
        return bool(set(keys_of(value)) & {str(v) for v in expected or []})
    if op in NUMERIC_OPERATORS:
        left, right = _number(value), _number(expected)
        if left is None or right is None:
            return False
        return {
            "gt": left > right,
            "gte": left >= right,
            "lt": left < right,
            "lte": left <= right,
        }[op]
    return False


def leaves(condition: dict | None) -> Iterator[dict]:
    """Every single-item test inside `condition`."""
    if not condition:
        return
    for key in ("all", "any"):
        if key in condition:
            for part in condition[key]:
                yield from leaves(part)
            return
    yield condition


def referenced_codes(condition: dict | None) -> list[str]:
    return [leaf.get("item", "") for leaf in leaves(condition) if "const" not in leaf]


def settle(condition: dict | None, lookup: Lookup, sealed: Callable[[str], bool]) -> dict | None:
    """`condition` with each test of an item that `sealed(code)` keeps from the reader replaced
    by its outcome, ``{"const": true|false}``, read with `lookup` as `evaluate` reads it: the
    rest is left for the browser to evaluate while the person types."""
    if not condition:
        return condition
    for key in ("all", "any"):
        if key in condition:
            return {key: [settle(part, lookup, sealed) for part in condition[key]]}
    if "const" in condition or not sealed(condition.get("item", "")):
        return condition
    return {"const": evaluate(condition, lookup)}
