"""Dates: typed as ISO or in the locale's short format, stored as ISO, said in the long one."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.answers.base import Context, Kind, Saying, WorkbookPart, XlsformField, one
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

    def workbook_parts(self, config: dict, say: Saying) -> list[WorkbookPart]:
        return [WorkbookPart("", check="date")]

    def to_workbook(self, value: Any, config: dict, say: Saying) -> dict[str, Any]:
        """A day as the spreadsheet's own date (what its date check and format take)."""
        try:
            return {"": date.fromisoformat(value)}
        except (TypeError, ValueError):
            return {"": str(value)}
