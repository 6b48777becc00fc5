"""A question's settings per answer type, built once for both question editors (the designer's
local questions and the bank's questions): each editor reads its own form layout into `Given`,
and `build` turns it into the configuration stored with the question, with the problems of
each field in the reader's language. Bounds are numbers read in the editor's locale, by the
same reader as answers ("0,5" in French, "0.5" in English)."""

from __future__ import annotations

from app.answers import registry
from app.answers.base import Given
from app.answers.reading import format_number

MAX_CHOICES = 40  # rows a choices editor reads, whatever `rows` claims


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


def bound_fields(config: dict | None, locale: str) -> dict[str, str]:
    """A configuration's bounds as both editors show them ("minimum", "maximum"): in `locale`'s
    format with every digit ("0,00001" in French, never "1e-05"), so that saving the form
    unchanged reads them back as they were."""
    config = config or {}
    return {
        field: "" if config.get(bound) is None else format_number(config[bound], locale)
        for bound, field in (("min", "minimum"), ("max", "maximum"))
    }


def choice_rows(form, langs: list[str]) -> list[dict]:
    """The rows of the choices editor as posted (`rows`, then `choice-<i>-key` and
    `choice-<i>-<lang>`), with its pressed button applied: `remove-row` (an index) drops a row,
    `add-row` adds an empty one. Each row is {"key", "label": {lang: text}}."""
    try:
        count = max(0, min(int(form.get("rows") or 0), MAX_CHOICES))
    except ValueError:
        count = 0
    rows = [
        {
            "key": (form.get(f"choice-{i}-key") or "").strip(),
            "label": {lang: (form.get(f"choice-{i}-{lang}") or "").strip() for lang in langs},
        }
        for i in range(count)
    ]
    removed = form.get("remove-row")
    if removed is not None:
        rows = [row for i, row in enumerate(rows) if str(i) != removed]
    if form.get("add-row") is not None:
        rows.append({"key": "", "label": {}})
    return rows


def rows_edited(form) -> bool:
    """Whether a choices editor's add or remove button was pressed (nothing is saved then)."""
    return form.get("add-row") is not None or form.get("remove-row") is not None


def choice_fields(choices: list[dict]) -> dict[str, str]:
    """A configuration's choices as the choices editor posts them (the inverse of
    `choice_rows`)."""
    fields = {"rows": str(len(choices))}
    for i, choice in enumerate(choices):
        fields[f"choice-{i}-key"] = choice.get("key", "")
        for lang, label in (choice.get("label") or {}).items():
            fields[f"choice-{i}-{lang}"] = label
    return fields
