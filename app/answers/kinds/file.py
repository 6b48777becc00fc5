"""Files: stored as the ids of the report's attachments, said by their names."""

from __future__ import annotations

from typing import Any

from babel.lists import format_list
from flask_babel import ngettext

from app import bounds
from app.answers.base import (
    NOT_IN_WORKBOOK,
    Cell,
    Context,
    Kind,
    Saying,
    WorkbookPart,
    XlsformField,
)
from app.answers.types import AnswerType


class File(Kind):
    type = AnswerType.FILE
    widget = "answers/widgets/file.html"

    def xlsform(self, config: dict, species=()) -> XlsformField:
        return XlsformField("file")

    def read(self, raw: Any, config: dict, context: Context) -> list[int] | None:
        given = raw if isinstance(raw, list) else [raw]
        ids = [bounds.integer_or(str(v), None, low=1) for v in given]
        known = context.attachments
        kept = (i for i in ids if i is not None and (known is None or i in known))
        return list(dict.fromkeys(kept)) or None

    def from_form(self, form, name: str) -> list[str]:
        return [v for v in form.getlist(name) if v]

    def _ids(self, value: Any) -> list[int]:
        return [v for v in value if isinstance(v, int)] if isinstance(value, list) else []

    def words(self, value: Any, config: dict, say: Saying) -> str:
        ids = self._ids(value)
        names = [say.files[i] for i in ids if i in say.files]
        if names and len(names) == len(ids):
            return format_list(names, locale=say.lang)
        return ngettext("%(num)d file", "%(num)d files", len(ids))

    def cells(self, value: Any, config: dict, say: Saying) -> list[Cell]:
        return [Cell(str(i), i, say.files.get(i, "")) for i in self._ids(value)]

    def workbook_parts(self, config: dict, say: Saying) -> list[WorkbookPart]:
        """Files are attached online: the workbook names them, locked."""
        return [WorkbookPart("", check="locked")]

    def to_workbook(self, value: Any, config: dict, say: Saying) -> dict[str, Any]:
        return {"": self.words(value, config, say)}

    def from_workbook(self, cells, config: dict, say: Saying) -> Any:
        return NOT_IN_WORKBOOK
