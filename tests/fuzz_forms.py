"""Hypothesis strategies for whole forms as a page offers them (tests/fuzz_client.Form): what a
person or a script could post in each field -- the page's own value, a generated one of the kind
the field's name and type suggest (a number, a date, an e-mail, a `next` address, an unknown
choice, a renumbered button), or nothing."""

from __future__ import annotations

import re

from hypothesis import strategies as st

from tests.fuzz_strategies import (
    LOCALES,
    any_text,
    dates,
    integers_as_text,
    keys,
    numbers,
    texts,
)

NEXT_TARGETS = (
    "/dashboard",
    "/reports/?x=1",
    "//evil.example/x",
    "/\\evil.example/x",
    "\\\\evil.example/x",
    "/\t/evil.example/x",
    "/\n/evil.example/x",
    "\t//evil.example",
    " //evil.example",
    "/%2F/evil.example",
    "/%5Cevil.example",
    "https://evil.example/",
    "http:evil.example",
    "javascript:alert(1)",
    "data:text/html,x",
    "///evil.example",
    "/.//evil.example",
    "/\r\nSet-Cookie: x=1",
    "\x00/x",
    "",
)
EMAILS = (
    "fp.fra@demo.test",
    "contributor.fra@demo.test",
    "new.person@demo.test",
    "a@b",
    "<x>@y.z",
    "a@b.c\r\nBcc: x@y.z",
    "é@exämple.fr",
    "x" * 300 + "@demo.test",
    " FP.FRA@DEMO.TEST ",
)
NUMBER_NAME = (
    r"(^|[-_])(min|max|minimum|maximum|order|position|cycle_order|count|year|node|parent"
    r"|entry|number|version)($|[-_])|^v-"
)
DATE_NAME = r"date|deadline|opens|closes|due|start|end"
UPLOAD_NAMES = ("plan.pdf", "table.csv", "notes.docx", "photo.webp", "x.exe", "", "../../x.pdf")


def _keep_or(value, strategy: st.SearchStrategy) -> st.SearchStrategy:
    kept = value if isinstance(value, st.SearchStrategy) else st.just(value)
    return st.one_of(kept, strategy)


def field_value(field, locale: str, default=None) -> st.SearchStrategy:
    """A generated value for one field of a parsed form (tests/fuzz_client.Field): what the
    page offers (or `default`, a value or a strategy, where the page offers nothing useful),
    or something else of the kind its name and type suggest. None leaves the field out."""
    name, kind = field.name.lower(), field.kind
    value = field.value if default is None else default
    if name == "csrf_token":
        return st.just(value)
    if kind == "file":
        upload = st.builds(
            lambda content, filename: (content, filename),
            st.binary(max_size=300),
            st.sampled_from(UPLOAD_NAMES),
        )
        return st.one_of(st.none(), upload)
    if kind in ("checkbox", "radio"):
        return st.one_of(st.none(), st.just(value), keys([value]))
    if kind == "select":
        offered = [o for o in field.options if o] or [""]
        chosen = keys(offered) if default is None else _keep_or(default, keys(offered))
        if field.multiple:
            return st.lists(chosen, max_size=4)
        return chosen
    if name == "next":
        return st.one_of(st.sampled_from(NEXT_TARGETS), any_text(20))
    if name in ("lang", "locale") or name.endswith("-locale"):
        return st.one_of(st.sampled_from([*LOCALES, "", "de", "fr-FR", "EN"]), any_text(5))
    if "email" in name:
        return _keep_or(value, st.one_of(st.sampled_from(EMAILS), st.emails(), texts(40)))
    if kind == "number" or re.search(NUMBER_NAME, name):
        return _keep_or(value, st.one_of(numbers(locale), integers_as_text()))
    if kind == "date" or re.search(DATE_NAME, name):
        return _keep_or(value, dates(locale))
    if kind == "hidden":
        return _keep_or(value, integers_as_text() if str(value).isdigit() else texts(20))
    if isinstance(value, str) and re.search(r"\d", value):  # "drop-2", "0-1": other numbers
        return _keep_or(value, st.one_of(renumbered(value), texts()))
    return _keep_or(value, texts())


def renumbered(value: str) -> st.SearchStrategy[str]:
    """`value` with its numbers replaced by generated ones ("drop-2" → "drop-²")."""
    return st.builds(
        lambda ident: re.sub(r"\d+", lambda _m: ident, value, count=1), integers_as_text()
    )


def _kept(field, default):
    """A field as the page offers it (or as `default` fills it); None leaves it out."""
    if default is not None:
        return default if isinstance(default, st.SearchStrategy) else st.just(default)
    if field.kind in ("checkbox", "radio"):
        return st.just(field.value if field.checked else None)
    if field.kind == "file":
        return st.none()
    offered = [o for o in field.options if o]
    if field.kind == "select" and not field.value and offered:
        return st.sampled_from(offered)  # a choice, not the "choose…" placeholder
    return st.just(field.value)


@st.composite
def form_data(draw, form, locale: str, defaults: dict | None = None):
    """What a person (or a script) could post in `form`: mostly the form as the page offers it
    (or as `defaults` fills it: a valid code, a question's text) with one to three fields
    generated, so that the generated values reach the rules behind the required fields;
    sometimes every field generated or left out. At most one of its submit buttons."""
    pairs = []
    defaults = defaults or {}
    buttons = [f for f in form.fields if f.kind == "button"]
    names = sorted({f.name for f in form.fields if f.kind != "button"}) or [""]
    every = draw(st.sampled_from([False, False, False, True]))
    chosen = set() if every else draw(st.sets(st.sampled_from(names), min_size=1, max_size=3))
    for field in form.fields:
        if field.kind == "button":
            continue
        default = defaults.get(field.name)
        if every or field.name in chosen:
            value = draw(field_value(field, locale, default))
        else:
            value = draw(_kept(field, default))
        if value is None:
            continue
        for one in value if isinstance(value, list) else [value]:
            pairs.append((field.name, one))
    if buttons:
        button = draw(st.one_of(st.none(), st.sampled_from(buttons)))
        if button is not None and button.name:
            as_text = type(button)(button.name, "text", button.value)
            pairs.append((button.name, draw(_keep_or(button.value, field_value(as_text, locale)))))
    return pairs
