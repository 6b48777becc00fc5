"""Helpers shared by the service, HTTP and browser tests of reporting: make any report ready
for submission through the services, whatever its questions."""

from __future__ import annotations

from typing import Any

from app.answers.types import AnswerType
from app.reporting import saving, services

TEXT = "Réponse complète"


def valid_raw(node, filled: services.Filled) -> Any:
    """A value that every item of this type accepts (what a person could type)."""
    kind = node.effective_type
    config = node.effective_config or {}
    if kind in (AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT):
        return TEXT
    if kind == AnswerType.NUMBER:
        low, high = config.get("min"), config.get("max")
        number = low if low is not None else (min(1, high) if high is not None else 1)
        return str(number)
    if kind == AnswerType.DATE:
        return "2025-06-01"
    if kind == AnswerType.YES_NO:
        return "yes"
    if kind == AnswerType.SINGLE_CHOICE:
        return config["choices"][0]["key"]
    if kind == AnswerType.MULTIPLE_CHOICE:
        return [config["choices"][0]["key"]]
    if kind == AnswerType.TABLE:
        row = config["rows"][0]["key"]
        column = config["columns"][0]
        cell = {
            "number": "1",
            "yes_no": "yes",
            "single_choice": (column.get("choices") or [{"key": ""}])[0]["key"],
        }.get(column["type"], TEXT)
        return {row: {column["key"]: cell}}
    if kind == AnswerType.SPECIES:
        return sorted(filled.species_keys)[0]
    if kind == AnswerType.SITE:
        return {"name": "Camargue", "lat": "43.5", "lon": "4.6"}
    return None  # a file: "no information" instead


def make_ready(report, user, locale: str = "fr", passes: int = 8) -> int:
    """Answer every required visible item that is missing or unreadable, and confirm every
    pre-filled answer, until nothing blocks the submission (answers may reveal more items).
    Returns how many answers were saved."""
    from app.reporting import prefill, submission

    saved = 0
    for _ in range(passes):
        filled = services.fill(report, locale)
        found = submission.blockers(filled, locale)
        if not found:
            return saved
        for blocker in found:
            item = blocker.item
            answer = filled.answer(item)
            raw = valid_raw(item.node, filled)
            if blocker.kind == "unconfirmed":
                prefill.confirm(filled, item.node, item.loop_key, user)  # "still true"
                saved += 1
                continue
            if raw is None:
                change = saving.Change(no_info=True)
            else:
                change = saving.Change(raw=raw, raw_given=True, no_info=False)
            saving.save_answer(
                filled,
                item.node,
                item.loop_key,
                change,
                expected_version=answer.version if answer else 0,
                user=user,
                locale=locale,
            )
            saved += 1
    raise AssertionError(f"still blocked after {passes} passes: {found}")


def _save(filled, item, raw, user, locale):
    answer = filled.answer(item)
    return saving.save_answer(
        filled,
        item.node,
        item.loop_key,
        saving.Change(raw=raw, raw_given=True),
        expected_version=answer.version if answer else 0,
        user=user,
        locale=locale,
    )


def hide_an_answer(report, user, locale: str = "fr"):
    """Answer a text question shown by a yes/no answer, then change that yes/no answer so
    that the text is kept but hidden. Returns the hidden text item."""
    filled = services.fill(report, locale)
    by_code = filled.tree.by_code()
    dependent = next(
        i
        for i in filled.rendered.items()
        if not i.loop_key
        and i.node.condition
        and i.node.condition.get("op") == "equals"
        and by_code[i.node.condition["item"]].effective_type == AnswerType.YES_NO
        and i.node.effective_type in (AnswerType.SHORT_TEXT, AnswerType.LONG_TEXT)
    )
    code, shown = dependent.node.condition["item"], dependent.node.condition["value"]

    def source(current):
        return next(i for i in current.rendered.items() if i.node.code == code and not i.loop_key)

    _save(filled, source(filled), shown, user, locale)
    filled = services.fill(report, locale)
    _save(filled, dependent, "Réponse gardée", user, locale)
    filled = services.fill(report, locale)
    _save(filled, source(filled), "no" if shown == "yes" else "yes", user, locale)
    return dependent
