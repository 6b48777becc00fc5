"""Tables: rows × columns of a few simple types; stored as {row: {column: value}}, each cell
read, worded and exported by its column's type."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.answers.base import (
    Cell,
    Context,
    Given,
    Kind,
    Saying,
    ValueProblem,
    WorkbookPart,
    XlsformField,
    is_blank,
)
from app.answers.kinds.choice import choice_problems
from app.answers.types import TABLE_COLUMN_TYPES, AnswerType


def _columns(config: dict) -> dict[str, dict]:
    return {c["key"]: c for c in config.get("columns") or [] if c.get("key")}


class Table(Kind):
    type = AnswerType.TABLE
    widget = "answers/widgets/table.html"
    problem_field = "table"  # where the table editor shows the configuration's problems
    editor = "table"

    def settings(self, given: Given, locale: str) -> tuple[dict, dict[str, str]]:
        return dict(given.table or {}), dict(given.table_errors)

    def xlsform(self, config: dict, species=()) -> XlsformField:
        """A group of one field per cell, on one screen (`xlsform_cells`)."""
        return XlsformField("begin group", appearance="field-list")

    def xlsform_cells(self, config: dict) -> list[tuple[str, dict, dict, XlsformField]]:
        """("<row key>__<column key>", row label, column label, field) of each cell, row by
        row, each field as its column's type writes it."""
        from app.answers import registry

        return [
            (
                f"{row.get('key')}__{column.get('key')}",
                row.get("label") or {},
                column.get("label") or {},
                registry.kind(column["type"]).xlsform(column),
            )
            for row in config.get("rows") or []
            for column in config.get("columns") or []
        ]

    def read(self, raw: Any, config: dict, context: Context) -> dict | None:
        from app.answers import registry

        if not isinstance(raw, dict):
            raise ValueProblem(_l("This answer cannot be read."))
        columns = _columns(config)
        rows = {r["key"] for r in config.get("rows") or []}
        table: dict[str, dict[str, Any]] = {}
        for row_key, cells in raw.items():
            if row_key not in rows or not isinstance(cells, dict):
                continue
            for column_key, cell in cells.items():
                column = columns.get(column_key)
                if column is None or is_blank(cell):
                    continue
                value = registry.parse(column["type"], column, cell, context)
                table.setdefault(row_key, {})[column_key] = value
        return table or None

    def from_form(self, form, name: str) -> dict[str, dict[str, str]]:
        """The cells posted as ``t-<name>.<row>.<column>``."""
        prefix = f"t-{name}."
        table: dict[str, dict[str, str]] = {}
        for key in form:
            if key.startswith(prefix):
                row, _dot, column = key[len(prefix) :].partition(".")
                table.setdefault(row, {})[column] = form.get(key, "")
        return table

    def to_form(self, shown, name: str, raw: Any) -> None:
        if not isinstance(raw, dict):
            return super().to_form(shown, name, raw)
        for row, cells in raw.items():
            for column, cell in (cells or {}).items():
                shown.add(f"t-{name}.{row}.{column}", "" if cell is None else str(cell))

    def config_problems(self, config: dict) -> list:
        rows, columns = config.get("rows") or [], config.get("columns") or []
        problems = []
        if not rows:
            problems.append(_l("A table needs at least one row."))
        if not columns:
            problems.append(_l("A table needs at least one column."))
        for column in columns:
            if column.get("type") not in {t.value for t in TABLE_COLUMN_TYPES}:
                problems.append(_l("A table column has a type that tables do not support."))
            elif column.get("type") == AnswerType.SINGLE_CHOICE:
                problems += choice_problems(column.get("choices"))
        for group in (rows, columns):
            keys = [part.get("key") for part in group]
            if any(not k for k in keys) or len(set(keys)) != len(keys):
                problems.append(_l("Table rows and columns need distinct keys."))
        return problems

    def form_value(self, value: Any, config: dict, locale: str) -> Any:
        from app.answers import registry

        if not isinstance(value, dict):
            return value
        columns = _columns(config)
        return {
            row: {
                col: registry.form_value(columns[col]["type"], columns[col], cell, locale)
                if col in columns
                else cell
                for col, cell in (cells or {}).items()
            }
            for row, cells in value.items()
        }

    def cells(self, value: Any, config: dict, say: Saying) -> list[Cell]:
        """One cell per filled table cell, in the question's row and column order; the label
        is the cell's value in words (the row and column are named by `part`)."""
        from app.answers import registry

        if not isinstance(value, dict):
            return []
        found = []
        for row in config.get("rows") or []:
            filled = value.get(row.get("key")) or {}
            for column in config.get("columns") or []:
                cell = filled.get(column.get("key"))
                if cell is None:
                    continue
                said = registry.said(column["type"], column, cell, Saying(say.lang, say.instrument))
                found.append(Cell(f"{row['key']}/{column['key']}", cell, said))
        return found

    def words(self, value: Any, config: dict, say: Saying) -> str:
        """ "Row — Column: value; …" in the question's order."""
        if not isinstance(value, dict):
            return str(value)
        rows = {r["key"]: r for r in config.get("rows") or []}
        columns = _columns(config)
        parts = []
        for cell in self.cells(value, config, say):
            row_key, _slash, column_key = cell.part.partition("/")
            where = _(
                "%(row)s — %(column)s",
                row=say.content(rows[row_key].get("label")) or row_key,
                column=say.content(columns[column_key].get("label")) or column_key,
            )
            parts.append(_("%(label)s: %(value)s", label=where, value=cell.value_label))
        return "; ".join(parts)

    def workbook_parts(self, config: dict, say: Saying) -> list[WorkbookPart]:
        """One cell per table cell, row by row, each checked as its column's type."""
        from app.answers import registry

        found = []
        for row in config.get("rows") or []:
            for column in config.get("columns") or []:
                (first, *_rest) = registry.kind(column["type"]).workbook_parts(column, say)
                where = _(
                    "%(row)s — %(column)s",
                    row=say.content(row.get("label")) or row["key"],
                    column=say.content(column.get("label")) or column["key"],
                )
                found.append(replace(first, part=f"{row['key']}/{column['key']}", label=where))
        return found

    def to_workbook(self, value: Any, config: dict, say: Saying) -> dict[str, Any]:
        from app.answers import registry

        columns = _columns(config)
        found = {}
        for row_key, filled in value.items() if isinstance(value, dict) else ():
            for column_key, cell in (filled or {}).items():
                column = columns.get(column_key)
                if column is not None and cell is not None:
                    shown = registry.kind(column["type"]).to_workbook(cell, column, say)
                    found[f"{row_key}/{column_key}"] = shown.get("")
        return found

    def from_workbook(self, cells, config: dict, say: Saying) -> dict[str, dict[str, Any]]:
        from app.answers import registry

        table: dict[str, dict[str, Any]] = {}
        for row in config.get("rows") or []:
            for column in config.get("columns") or []:
                cell = cells.get(f"{row['key']}/{column['key']}")
                typed = registry.kind(column["type"]).from_workbook({"": cell}, column, say)
                if not is_blank(typed):
                    table.setdefault(row["key"], {})[column["key"]] = typed
        return table
