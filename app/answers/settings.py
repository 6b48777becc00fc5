"""A question's settings per answer type, built once for both question editors (the designer's
local questions and the bank's questions): each editor reads its own form layout into `Given`,
and `build` turns it into the configuration stored with the question, with the problems of
each field in the reader's language. Bounds are numbers read in the editor's locale, by the
same reader as answers ("0,5" in French, "0.5" in English)."""

from __future__ import annotations

from app.answers import registry
from app.answers.base import Given


def build(
    answer_type: str, given: Given, locale: str, base: dict | None = None
) -> tuple[dict, dict[str, str]]:
    """(configuration, errors by field: "choices", "min", "max", "table"). `base` is the
    configuration being changed: a flag or bound it has that the form leaves unset is kept
    as it was, so that an unchanged form leaves the configuration exactly as it was."""
    if str(answer_type) not in registry.KINDS:
        return {}, {}
    kind = registry.kind(answer_type)
    said, errors = kind.settings(given, locale)
    config = {
        key: value
        for key, value in said.items()
        if (value is not None and value is not False) or key in (base or {})
    }
    if not errors:
        problems = registry.config_problems(answer_type, config)
        if problems:
            errors[kind.problem_field] = problems[0].message
    return config, errors
