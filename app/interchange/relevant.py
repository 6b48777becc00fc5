"""XLSForm `relevant` expressions read back as our conditions (app/questionnaires/conditions.py):
the part of XPath that `xlsform.relevant` writes, and what form designers commonly write by
hand in the same shape.

Understood: `${A} = 'yes'`, `${A} != 'no'`, `${A} != ''` (answered), `${A} = ''` (not
answered), `${N} > 3` (and >=, <, <=), `selected(${M}, 'x')`, `not(<a test of one item>)`,
`true()`, `false()`, `and`, `or` and parentheses; a run of `or`-ed equalities of one item
is its `in`. Anything else (another function, arithmetic, a path, `count-selected`, a
comparison of two items) raises Untranslatable: the importer then reports the expression
instead of guessing what it means."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

TOKEN = re.compile(
    r"""\s*(?:
        (?P<ref>\$\{[A-Za-z_][\w.\-]*\})
      | (?P<string>'[^']*'|"[^"]*")
      | (?P<number>-?\d+(?:\.\d+)?)
      | (?P<op>!=|>=|<=|=|>|<)
      | (?P<punct>[(),])
      | (?P<word>[A-Za-z][\w\-]*)
    )""",
    re.VERBOSE,
)
MAX_EXPRESSION = 2000  # characters: beyond, no condition of ours says it
MAX_DEPTH = 30  # nested parentheses


class Untranslatable(ValueError):
    """The expression says something our conditions cannot (the reason, in English, for logs;
    the importer reports it translated)."""


@dataclass
class _Token:
    kind: str
    text: str


def parse(expression: str) -> dict[str, Any] | None:
    """The condition `expression` says; None for a blank one. Raises Untranslatable."""
    expression = (expression or "").strip()
    if not expression:
        return None
    if len(expression) > MAX_EXPRESSION:
        raise Untranslatable("too long")
    parser = _Parser(_tokens(expression))
    found = parser.expression(0)
    if parser.peek() is not None:
        raise Untranslatable(f"unexpected {parser.peek().text!r}")
    return found


def _tokens(expression: str) -> list[_Token]:
    tokens, at = [], 0
    while at < len(expression):
        match = TOKEN.match(expression, at)
        if match is None or match.end() == at:
            if expression[at:].strip() == "":
                break
            raise Untranslatable(f"cannot read {expression[at : at + 20]!r}")
        kind = match.lastgroup or ""
        tokens.append(_Token(kind, match.group(kind)))
        at = match.end()
    return tokens


class _Parser:
    def __init__(self, tokens: list[_Token]) -> None:
        self.tokens, self.at = tokens, 0

    def peek(self) -> _Token | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self, kind: str, text: str | None = None) -> _Token:
        token = self.peek()
        if token is None or token.kind != kind or (text is not None and token.text != text):
            raise Untranslatable(f"expected {text or kind}")
        self.at += 1
        return token

    def word(self, text: str) -> bool:
        token = self.peek()
        if token is not None and token.kind == "word" and token.text == text:
            self.at += 1
            return True
        return False

    def expression(self, depth: int) -> dict[str, Any]:
        parts = [self.conjunction(depth)]
        while self.word("or"):
            parts.append(self.conjunction(depth))
        return _any(parts)

    def conjunction(self, depth: int) -> dict[str, Any]:
        parts = [self.unary(depth)]
        while self.word("and"):
            parts.append(self.unary(depth))
        return parts[0] if len(parts) == 1 else {"all": parts}

    def unary(self, depth: int) -> dict[str, Any]:
        if depth > MAX_DEPTH:
            raise Untranslatable("nested too deep")
        token = self.peek()
        if token is None:
            raise Untranslatable("ends too soon")
        if token.kind == "punct" and token.text == "(":
            self.at += 1
            inner = self.expression(depth + 1)
            self.take("punct", ")")
            return inner
        if token.kind == "word":
            return self.call(token.text, depth)
        return self.comparison()

    def call(self, name: str, depth: int) -> dict[str, Any]:
        self.at += 1
        self.take("punct", "(")
        if name in ("true", "false"):
            self.take("punct", ")")
            return {"const": name == "true"}
        if name == "selected":
            item = _code(self.take("ref").text)
            self.take("punct", ",")
            value = _value(self.take_value())
            self.take("punct", ")")
            return {"item": item, "op": "equals", "value": value}
        if name == "not":
            inner = self.expression(depth + 1)
            self.take("punct", ")")
            return _negated(inner)
        raise Untranslatable(f"the function {name}() is not understood")

    def take_value(self) -> _Token:
        token = self.peek()
        if token is None or token.kind not in ("string", "number"):
            raise Untranslatable("expected a value")
        self.at += 1
        return token

    def comparison(self) -> dict[str, Any]:
        item = _code(self.take("ref").text)
        op = self.take("op").text
        value = _value(self.take_value())
        if value == "":
            if op == "=":
                return {"item": item, "op": "not_answered"}
            if op == "!=":
                return {"item": item, "op": "answered"}
            raise Untranslatable("an empty value compared by size")
        named = {"=": "equals", "!=": "not_equals", ">": "gt", ">=": "gte", "<": "lt", "<=": "lte"}
        if named[op] in ("gt", "gte", "lt", "lte") and not isinstance(value, int | float):
            raise Untranslatable("a text compared by size")
        return {"item": item, "op": named[op], "value": value}


def _code(ref: str) -> str:
    return ref[2:-1]


def _value(token: _Token) -> Any:
    if token.kind == "string":
        return token.text[1:-1]
    number = float(token.text)
    return int(number) if number.is_integer() and "." not in token.text else number


def _negated(condition: dict[str, Any]) -> dict[str, Any]:
    """not(…) of one item's test, as the opposite test; anything else is refused (our
    conditions have no negation of a combination)."""
    opposite = {
        "equals": "not_equals",
        "not_equals": "equals",
        "answered": "not_answered",
        "not_answered": "answered",
    }
    op = condition.get("op")
    if op not in opposite:
        raise Untranslatable("not() of a combination or a comparison by size")
    return {**condition, "op": opposite[op]}


def _any(parts: list[dict[str, Any]]) -> dict[str, Any]:
    """`or` of `parts`: equalities of one item become its `in`."""
    if len(parts) == 1:
        return parts[0]
    items = {p.get("item") for p in parts}
    if len(items) == 1 and None not in items and all(p.get("op") == "equals" for p in parts):
        return {"item": parts[0]["item"], "op": "in", "value": [p["value"] for p in parts]}
    return {"any": parts}
