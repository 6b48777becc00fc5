"""The table editor shared by the questionnaire designer and the bank authoring form: a table's
rows and columns read from the posted form, checked, and turned into its configuration.

Works without scripts: the "add" and "remove" buttons submit the form, and `read_table` applies
them to what was typed so the page comes back with it. Field names (all start with "t"):

* ``table-rows``, ``table-columns``: how many rows and columns the form holds;
* ``trow-<i>-key``, ``trow-<i>-<lang>``: a row's key and labels;
* ``tcol-<j>-key``, ``tcol-<j>-type``, ``tcol-<j>-<lang>``, ``tcol-<j>-choices`` (a count),
  ``tcol-<j>-choice-<k>-key``, ``tcol-<j>-choice-<k>-<lang>``: a column, and its choices;
* buttons ``table-add-row``, ``table-remove-row`` (=i), ``table-add-column``,
  ``table-remove-column`` (=j), ``table-add-choice`` (=j), ``table-remove-choice`` (=j-k).
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _

from app import answers, bounds
from app.answers import types
from app.i18n import language_label

MAX_ROWS = 60
MAX_COLUMNS = 20
MAX_CHOICES = 40
KEY_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,40}$")
BUTTONS = (
    "table-add-row",
    "table-remove-row",
    "table-add-column",
    "table-remove-column",
    "table-add-choice",
    "table-remove-choice",
)
CHOICE = types.AnswerType.SINGLE_CHOICE.value


def column_types() -> list[tuple[str, str]]:
    """(value, translated label) of the types a column may have, in the registry's order."""
    return types.AnswerType.choices(t for t in types.AnswerType if t in types.TABLE_COLUMN_TYPES)


def _labels(label: dict | None, langs: list[str]) -> dict[str, str]:
    return {lang: (label or {}).get(lang, "") for lang in langs}


def _blank_column(langs: list[str]) -> dict:
    return {"key": "", "type": "", "label": _labels(None, langs), "choices": []}


def table_values(config: dict | None, langs: list[str]) -> dict[str, list[dict]]:
    """The editor's state from a table configuration; an empty table starts with one blank row
    and one blank column."""
    config = config or {}
    rows = [
        {"key": r.get("key", ""), "label": _labels(r.get("label"), langs)}
        for r in config.get("rows") or []
    ]
    columns = [
        {
            "key": c.get("key", ""),
            "type": c.get("type", ""),
            "label": _labels(c.get("label"), langs),
            "choices": [
                {"key": ch.get("key", ""), "label": _labels(ch.get("label"), langs)}
                for ch in c.get("choices") or []
            ],
        }
        for c in config.get("columns") or []
    ]
    return {
        "rows": rows or [{"key": "", "label": _labels(None, langs)}],
        "columns": columns or [_blank_column(langs)],
    }


def form_fields(state: dict[str, list[dict]], langs: list[str]) -> dict[str, str]:
    """The posted fields that stand for an editor state (what the page sends back unchanged)."""
    fields = {"table-rows": str(len(state["rows"])), "table-columns": str(len(state["columns"]))}
    for i, row in enumerate(state["rows"]):
        fields[f"trow-{i}-key"] = row["key"]
        fields |= {f"trow-{i}-{lang}": row["label"].get(lang, "") for lang in langs}
    for j, column in enumerate(state["columns"]):
        fields |= {f"tcol-{j}-key": column["key"], f"tcol-{j}-type": column["type"]}
        fields |= {f"tcol-{j}-{lang}": column["label"].get(lang, "") for lang in langs}
        fields[f"tcol-{j}-choices"] = str(len(column["choices"]))
        for k, choice in enumerate(column["choices"]):
            fields[f"tcol-{j}-choice-{k}-key"] = choice["key"]
            fields |= {
                f"tcol-{j}-choice-{k}-{lang}": choice["label"].get(lang, "") for lang in langs
            }
    return fields


def _count(formdata, name: str, limit: int) -> int:
    return min(bounds.integer_or(formdata.get(name), 0), limit)


def _text(formdata, name: str) -> str:
    return (formdata.get(name) or "").strip()


def _read(formdata, langs: list[str]) -> dict[str, list[dict]]:
    """What was typed, as posted."""
    rows = [
        {
            "key": _text(formdata, f"trow-{i}-key"),
            "label": {lang: _text(formdata, f"trow-{i}-{lang}") for lang in langs},
        }
        for i in range(_count(formdata, "table-rows", MAX_ROWS))
    ]
    columns = []
    for j in range(_count(formdata, "table-columns", MAX_COLUMNS)):
        prefix = f"tcol-{j}"
        columns.append(
            {
                "key": _text(formdata, f"{prefix}-key"),
                "type": _text(formdata, f"{prefix}-type"),
                "label": {lang: _text(formdata, f"{prefix}-{lang}") for lang in langs},
                "choices": [
                    {
                        "key": _text(formdata, f"{prefix}-choice-{k}-key"),
                        "label": {
                            lang: _text(formdata, f"{prefix}-choice-{k}-{lang}") for lang in langs
                        },
                    }
                    for k in range(_count(formdata, f"{prefix}-choices", MAX_CHOICES))
                ],
            }
        )
    return {"rows": rows, "columns": columns}


def edited(formdata) -> bool:
    """Whether one of the editor's add or remove buttons was pressed (re-show, do not save)."""
    return any(formdata.get(name) is not None for name in BUTTONS)


def _index(formdata, name: str) -> int | None:
    return bounds.integer_or(formdata.get(name))


def read_table(formdata, langs: list[str]) -> dict[str, list[dict]]:
    """The editor's state from the posted form, with the pressed add or remove button applied.
    A single-choice column is given room for two choices."""
    state = _read(formdata, langs)
    rows, columns = state["rows"], state["columns"]
    blank = {"key": "", "label": _labels(None, langs)}
    if formdata.get("table-add-row") is not None and len(rows) < MAX_ROWS:
        rows.append(dict(blank))
    if formdata.get("table-add-column") is not None and len(columns) < MAX_COLUMNS:
        columns.append(_blank_column(langs))
    for name, parts in (("table-remove-row", rows), ("table-remove-column", columns)):
        index = _index(formdata, name)
        if index is not None and 0 <= index < len(parts):
            del parts[index]
    index = _index(formdata, "table-add-choice")
    if index is not None and 0 <= index < len(columns):
        choices = columns[index]["choices"]
        choices += [dict(blank)] if len(choices) < MAX_CHOICES else []
    pressed = formdata.get("table-remove-choice") or ""
    where = [bounds.integer_or(part) for part in pressed.split("-")]
    if len(where) == 2 and None not in where:
        j, k = where
        if j < len(columns) and k < len(columns[j]["choices"]):
            del columns[j]["choices"][k]
    for column in columns:
        if column["type"] == CHOICE:
            column["choices"] += [dict(blank) for _i in range(2 - len(column["choices"]))]
    return state


def focus(formdata, state: dict[str, list[dict]]) -> str | None:
    """The field to focus after an "add" button: the key of the part just added."""
    if formdata.get("table-add-row") is not None and state["rows"]:
        return f"trow-{len(state['rows']) - 1}-key"
    if formdata.get("table-add-column") is not None and state["columns"]:
        return f"tcol-{len(state['columns']) - 1}-key"
    index = _index(formdata, "table-add-choice")
    if index is not None and 0 <= index < len(state["columns"]):
        return f"tcol-{index}-choice-{len(state['columns'][index]['choices']) - 1}-key"
    return None


def _is_blank(part: dict) -> bool:
    """Nothing typed (a column whose type alone is chosen is not blank)."""
    return (
        not part["key"]
        and not any(part["label"].values())
        and not part.get("type")
        and all(_is_blank(c) for c in part.get("choices") or [])
    )


def _key_problem(key: str, earlier: list[str], where: str) -> str | None:
    if not key:
        return _("%(where)s: give it a key.", where=where)
    if not KEY_PATTERN.match(key):
        return _("%(where)s: a key is letters, digits, “-” or “_”, up to 40.", where=where)
    if key in earlier:
        return _("%(where)s: another one has the key “%(key)s”.", where=where, key=key)
    return None


def _check(parts: list[dict], prefix: str, where, first: str, errors: dict) -> list[dict]:
    """Check rows, columns or choices (`where(n)` names one); return the non-blank ones."""
    kept = [(n, p) for n, p in enumerate(parts) if not _is_blank(p)]
    keys = [p["key"] for _n, p in kept]
    for place, (n, part) in enumerate(kept):
        problem = _key_problem(part["key"], keys[:place], where(n + 1))
        if problem:
            errors[f"{prefix}-{n}-key"] = problem
        if not part["label"].get(first):
            errors[f"{prefix}-{n}-{first}"] = _(
                "%(where)s: write its label in %(language)s at least.",
                where=where(n + 1),
                language=language_label(first),
            )
        for lang, text in part["label"].items():
            if bounds.text_length(text) > bounds.MAX_WORDING:
                errors[f"{prefix}-{n}-{lang}"] = _(
                    "%(where)s: its label is longer than %(max)d characters.",
                    where=where(n + 1),
                    max=bounds.MAX_WORDING,
                )
    return [p for _n, p in kept]


def _label(label: dict[str, str]) -> dict[str, str]:
    return {lang: text for lang, text in label.items() if text}


def check_table(
    state: dict[str, list[dict]], langs: list[str]
) -> tuple[dict[str, Any], dict[str, str]]:
    """(configuration, errors by field name) for an editor state; blank rows, columns and
    choices are left out. Errors are translated and name the row, column or choice."""
    first = langs[0]
    errors: dict[str, str] = {}
    rows = _check(state["rows"], "trow", lambda n: _("Row %(n)d", n=n), first, errors)
    _check(state["columns"], "tcol", lambda n: _("Column %(n)d", n=n), first, errors)
    config: dict[str, Any] = {
        "rows": [{"key": r["key"], "label": _label(r["label"])} for r in rows],
        "columns": [],
    }
    for j, column in enumerate(state["columns"]):
        if _is_blank(column):
            continue
        out = {"key": column["key"], "type": column["type"], "label": _label(column["label"])}
        where = _("Column %(n)d", n=j + 1)
        if column["type"] not in {value for value, _name in column_types()}:
            errors[f"tcol-{j}-type"] = _("%(where)s: choose its type.", where=where)
        elif column["type"] == CHOICE:
            choices = _check(
                column["choices"],
                f"tcol-{j}-choice",
                lambda m, j=j: _("Choice %(m)d of column %(n)d", m=m, n=j + 1),
                first,
                errors,
            )
            if len(choices) < 2:
                errors[f"tcol-{j}-choices"] = _(
                    "%(where)s: a single-choice column needs at least two choices.", where=where
                )
            out["choices"] = [{"key": c["key"], "label": _label(c["label"])} for c in choices]
        config["columns"].append(out)
    if not rows:
        errors["table"] = _("Add at least one row to the table.")
    if not config["columns"]:
        errors["table-columns"] = _("Add at least one column to the table.")
    if not errors:  # the registry's rules have the last word
        problems = answers.config_problems(types.AnswerType.TABLE, config)
        if problems:
            errors["table"] = problems[0].message
    return config, errors


def parse_table(formdata, langs: list[str]) -> tuple[dict[str, Any], dict[str, str]]:
    """(configuration, errors by field name) from the posted table editor; `langs[0]` is the
    language every label needs."""
    return check_table(_read(formdata, langs), langs)


def editor_errors(errors: dict[str, str]) -> dict[str, str]:
    """The errors of a form that belong to the table editor."""
    return {
        k: v
        for k, v in errors.items()
        if k == "table" or k.startswith(("table-", "trow-", "tcol-"))
    }
