"""Bounds on the integers and texts a request carries, checked before any conversion or query.

Integers: every id, version, position and count the application stores is an INTEGER column
(4 bytes on PostgreSQL), so an integer read from a URL or a form lies within 0..MAX_INT, or it
is refused before it reaches the database (where it would be "integer out of range", a 500).
Only ASCII digits are read: Python's int() also reads "١٢" and "1_000", and refuses more than
4,300 digits with a ValueError.

Texts: one-line fields are bounded by their column's size, counted in characters (code points)
as the database counts them. Long texts (answers, comments, messages) are counted as a browser
counts them for `maxlength` and as the counter beside them shows (static/js/limits.js): in
UTF-16 code units, a line break as one. A text the browser lets through is never refused by the
server, and one the server refuses says so with its limit; nothing is cut.
"""

from __future__ import annotations

import re
from typing import Any

from werkzeug.routing import IntegerConverter

MAX_INT = 2**31 - 1
MAX_DIGITS = len(str(MAX_INT))
_INTEGER = re.compile(rf"-?[0-9]{{1,{MAX_DIGITS}}}")

MAX_WORDING = 2000  # a title, a question's text or guidance, a label: in one language
MAX_MESSAGE = 5000  # a message or note to a party or to a question's owner
MAX_KEY = 40  # the key of a choice, a table row or column


def integer(text: Any, low: int = 0, high: int = MAX_INT) -> int:
    """`text` (or an int) as an integer within low..high; ValueError otherwise. Fits `type=`
    of `request.args.get`, which then answers its default for anything else, and `coerce=` of
    a WTForms SelectField."""
    if isinstance(text, int) and not isinstance(text, bool):
        value = text
    elif isinstance(text, str) and _INTEGER.fullmatch(text.strip()):
        value = int(text.strip())
    else:
        raise ValueError(text)
    if not low <= value <= high:
        raise ValueError(text)
    return value


def integer_or(text: Any, default: int | None = None, low: int = 0, high: int = MAX_INT):
    """`text` as an integer within low..high, or `default`."""
    try:
        return integer(text, low, high)
    except ValueError:
        return default


def text_length(text: str) -> int:
    """The length of a long text as a browser counts it for `maxlength`: UTF-16 code units,
    a line break (CR LF as posted, LF as typed) as one."""
    normal = text.replace("\r\n", "\n")
    return len(normal.encode("utf-16-le", "surrogatepass")) // 2


class IdConverter(IntegerConverter):
    """The `int` of every route: ASCII digits, at most MAX_DIGITS of them, within 0..MAX_INT.
    Anything else matches no route, a 404, before any query."""

    regex = rf"[0-9]{{1,{MAX_DIGITS}}}"

    def __init__(self, map, *args, **kwargs) -> None:  # noqa: A002 - Werkzeug's name
        super().__init__(map, *args, **kwargs)
        self.max = MAX_INT if self.max is None else min(self.max, MAX_INT)


def register(app) -> None:
    """Make `<int:…>` in every route the bounded converter (before any route is added)."""
    app.url_map.converters["int"] = IdConverter
