"""Dates: typed as ISO or in the locale's short format, stored as ISO, said in the long one."""

from __future__ import annotations

from typing import Any

from app.answers.base import Context, Kind, Saying, XlsformField, one
from app.answers.reading import format_day, read_day
from app.answers.types import AnswerType


class Date(Kind):
    type = AnswerType.DATE
    widget = "answers/widgets/date.html"

    def xlsform(self, config: dict, species=()) -> XlsformField:
        return XlsformField("date")

    def read(self, raw: Any, config: dict, context: Context) -> str:
        return read_day(one(raw), context.locale)

    def words(self, value: Any, config: dict, say: Saying) -> str:
        return format_day(value, say.lang)
