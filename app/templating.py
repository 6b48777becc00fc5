"""How the HTML templates' source becomes pages without the source's layout.

A template is indented for its reader; a page repeats that indentation for every item of a
loop (a 30-question section carried some 8 KB of it, the 190-cell species section 30 KB). The
Jinja options `trim_blocks` and `lstrip_blocks` take out the lines of the block tags; `Dedent`
takes out the indentation of the other lines when a template is compiled, so it costs nothing per
request. What it removes only ever separated tags or began a line: a line break stays, so words
on two lines stay two words.

Text mails are rendered without any of this (`plain_text`): there the line breaks are the
layout. No HTML template holds text whose indentation shows (`<pre>`, or a `<textarea>`'s text
over several source lines); tests/test_templating.py keeps it so."""

from __future__ import annotations

import re

from flask import Flask
from jinja2 import Environment
from jinja2.ext import Extension

OPTIONS = {"trim_blocks": True, "lstrip_blocks": True}
INDENT = re.compile(r"^[ \t]+", re.MULTILINE)


class Dedent(Extension):
    """Removes the indentation of every line of an HTML template's source."""

    def preprocess(self, source: str, name: str | None, filename: str | None = None) -> str:
        if name is None or not name.endswith(".html"):
            return source
        return INDENT.sub("", source)


def configure(app: Flask) -> None:
    """Before the application's Jinja environment is made (its first use)."""
    extensions = [*app.jinja_options.get("extensions", ()), Dedent]
    app.jinja_options = {**app.jinja_options, **OPTIONS, "extensions": extensions}


_PLAIN = "_plain_text_environment"


def plain_text(app: Flask) -> Environment:
    """The application's templates with their whitespace as written (mails): the same loader,
    globals and filters, its own cache."""
    environment = app.extensions.get(_PLAIN)
    if environment is None:
        environment = app.jinja_env.overlay(trim_blocks=False, lstrip_blocks=False)
        app.extensions[_PLAIN] = environment
    return environment
