"""Numbers: read in the reader's locale (app/answers/reading.py), checked against the question's
bounds and "whole numbers only", stored as a JSON number, said with the question's unit. A
number holds at most reading.MAX_DIGITS digits, and so does each of a question's bounds."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l

from app.answers.base import (
    Context,
    Given,
    Kind,
    Saying,
    ValueProblem,
    WorkbookPart,
    XlsformField,
    one,
)
from app.answers.reading import format_number, holds, plain, read_number, too_many_digits
from app.answers.types import AnswerType
from app.i18n import current_language


def _bound(value: Any) -> Decimal | None:
    """A question's bound to compare with; None when it is no finite number (a configuration
    stored before bounds were checked does not make reading fail)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return Decimal(value) if isinstance(value, int) else Decimal(repr(value))


class Number(Kind):
    type = AnswerType.NUMBER
    widget = "answers/widgets/number.html"
    problem_field = "max"
    editor = "number"

    def read(self, raw: Any, config: dict, context: Context) -> int | float:
        locale = context.locale
        amount = read_number(one(raw), locale)
        if config.get("integer") and amount != amount.to_integral_value():
            raise ValueProblem(_l("Enter a whole number."))
        low, high = _bound(config.get("min")), _bound(config.get("max"))
        if low is not None and amount < low:
            raise ValueProblem(
                _l("Enter a number of at least %(min)s.", min=format_number(low, locale))
            )
        if high is not None and amount > high:
            raise ValueProblem(
                _l("Enter a number of at most %(max)s.", max=format_number(high, locale))
            )
        return plain(amount)

    def xlsform(self, config: dict, species=()) -> XlsformField:
        """integer or decimal, its bounds as the constraint (". >= 0 and . <= 100")."""
        bounds = [
            f". {sign} {plain(Decimal(repr(config[name])))}"
            for name, sign in (("min", ">="), ("max", "<="))
            if isinstance(config.get(name), int | float) and not isinstance(config[name], bool)
        ]
        kind = "integer" if config.get("integer") else "decimal"
        return XlsformField(kind, constraint=" and ".join(bounds))

    def workbook_parts(self, config: dict, say: Saying) -> list[WorkbookPart]:
        """A number cell, checked against the question's bounds and "whole numbers only"."""
        low, high = _bound(config.get("min")), _bound(config.get("max"))
        return [
            WorkbookPart(
                "",
                check="whole" if config.get("integer") else "decimal",
                low=None if low is None else plain(low),
                high=None if high is None else plain(high),
            )
        ]

    def to_workbook(self, value: Any, config: dict, say: Saying) -> dict[str, Any]:
        return {"": value}

    def config_problems(self, config: dict) -> list:
        low, high = config.get("min"), config.get("max")
        lang = current_language()
        for bound in (low, high):
            if bound is None:
                continue
            if isinstance(bound, bool) or not isinstance(bound, int | float):
                return [_l("Number bounds must be numbers.")]
            if not holds(bound):
                return [too_many_digits(lang)]
        if low is not None and high is not None and low > high:
            return [
                _l(
                    "The minimum (%(min)s) is greater than the maximum (%(max)s).",
                    min=format_number(low, lang),
                    max=format_number(high, lang),
                )
            ]
        return []

    def settings(self, given: Given, locale: str) -> tuple[dict, dict[str, str]]:
        """Bounds read in the editor's locale ("0,5" in French), by the answers' own reader."""
        said: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name, raw in (("min", given.minimum), ("max", given.maximum)):
            said[name] = None
            if (raw or "").strip():
                try:
                    said[name] = plain(read_number(raw, locale))
                except ValueProblem as problem:
                    errors[name] = problem.message
        said["integer"] = bool(given.integer)
        unit = {k: v.strip() for k, v in given.unit.items() if v and v.strip()}
        if unit:
            said["unit"] = unit
        return said, errors

    def form_value(self, value: Any, config: dict, locale: str) -> Any:
        return format_number(value, locale) if isinstance(value, int | float) else value

    def words(self, value: Any, config: dict, say: Saying) -> str:
        if not isinstance(value, int | float) or isinstance(value, bool):
            return str(value)
        number = format_number(value, say.lang)
        unit = say.content(config.get("unit")) if config.get("unit") else ""
        return f"{number} {unit}" if unit else number
