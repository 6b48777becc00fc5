"""Numbers: read in the reader's locale (app/answers/reading.py), checked against the question's
bounds and "whole numbers only", stored as a JSON number, said with the question's unit."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from flask_babel import lazy_gettext as _l

from app.answers.base import Context, Given, Kind, Saying, ValueProblem, one
from app.answers.reading import format_number, plain, read_number
from app.answers.types import AnswerType


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
        low, high = config.get("min"), config.get("max")
        if low is not None and amount < Decimal(str(low)):
            raise ValueProblem(
                _l("Enter a number of at least %(min)s.", min=format_number(low, locale))
            )
        if high is not None and amount > Decimal(str(high)):
            raise ValueProblem(
                _l("Enter a number of at most %(max)s.", max=format_number(high, locale))
            )
        return plain(amount)

    def config_problems(self, config: dict) -> list:
        low, high = config.get("min"), config.get("max")
        for bound in (low, high):
            if bound is not None and (
                isinstance(bound, bool) or not isinstance(bound, int | float)
            ):
                return [_l("Number bounds must be numbers.")]
        if low is not None and high is not None and low > high:
            return [
                _l(
                    "The minimum (%(min)s) is greater than the maximum (%(max)s).",
                    min=low,
                    max=high,
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
