"""Short and long text: stored as written, up to MAX_TEXT characters (counted as a browser counts
`maxlength`: see app/bounds.py). Comments and "other" texts have the same limit."""

from __future__ import annotations

from typing import Any

from flask_babel import lazy_gettext as _l

from app import bounds
from app.answers.base import Context, Kind, ValueProblem, XlsformField, one
from app.answers.types import AnswerType

MAX_TEXT = 20_000


class ShortText(Kind):
    type = AnswerType.SHORT_TEXT
    widget = "answers/widgets/short_text.html"

    def read(self, raw: Any, config: dict, context: Context) -> str:
        text = raw if isinstance(raw, str) else one(raw)
        if bounds.text_length(text) > MAX_TEXT:
            raise ValueProblem(too_long())
        return text


def too_long():
    return _l("This text is longer than %(max)d characters.", max=MAX_TEXT)


class LongText(ShortText):
    type = AnswerType.LONG_TEXT
    widget = "answers/widgets/long_text.html"

    def xlsform(self, config: dict, species=()) -> XlsformField:
        return XlsformField("text", appearance="multiline")
