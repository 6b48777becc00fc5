"""Pages without the templates' layout (issue 17): block tags leave no blank line, indentation
is not sent, and yet no two words or inline elements that a line break separated are glued
together; text mails keep their line breaks."""

from __future__ import annotations

import re

from jinja2 import Environment

from app import templating
from app.cli import ROOT

TEMPLATES = ROOT / "app" / "templates"
# content that a line break before it separates from what comes before: text, an expression's
# output or an inline element
INLINE = re.compile(
    r"^(?:[^<\s]|<(?:a|abbr|b|bdi|button|cite|code|data|del|em|i|img|input|ins|kbd|label|mark|"
    r"output|q|s|samp|select|small|span|strong|sub|sup|textarea|time|u|var)\b)"
)


def _texts(environment: Environment, source: str) -> list[str]:
    """The template's text between one block tag and the next (expressions included)."""
    chunks, current = [], ""
    for _line, kind, value in environment.lex(source):
        if kind == "data":
            current += value
        elif kind == "block_begin":
            chunks.append(current)
            current = ""
    return [*chunks, current]


def test_no_template_loses_a_line_break_before_inline_content():
    """Where `trim_blocks` would take the line break after a block tag and inline content
    follows ("Parties{% endif %}⏎<span>"), the tag keeps it (`+%}`)."""
    # only lexed, never rendered: no escaping to choose
    plain = Environment()  # noqa: S701
    trimmed = Environment(**templating.OPTIONS)  # noqa: S701
    glued = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        source = templating.INDENT.sub("", path.read_text())
        for before, after in zip(_texts(plain, source), _texts(trimmed, source), strict=True):
            lost = before[: len(before) - len(before.lstrip())] and after == after.lstrip()
            if lost and after.strip() and INLINE.match(after):
                glued.append(f"{path.relative_to(TEMPLATES)}: {after.strip()[:60]}")
    assert glued == []


def test_no_template_shows_its_indentation():
    """Dedent would change text whose indentation shows: none in <pre>, none on a textarea's
    second line."""
    shown = []
    for path in sorted(TEMPLATES.rglob("*.html")):
        source = path.read_text()
        if "<pre" in source:
            shown.append(f"{path.relative_to(TEMPLATES)}: <pre>")
        for match in re.finditer(r"<textarea\b[^>]*>(.*?)</textarea>", source, re.S):
            if "\n" in match.group(1):
                shown.append(f"{path.relative_to(TEMPLATES)}: a textarea over several lines")
    assert shown == []


def test_html_templates_lose_their_indentation_and_block_lines(app):
    source = "<ul>\n  {% for x in items %}\n    <li>{{ x }}</li>\n  {% endfor %}\n</ul>\n"
    dedent = templating.Dedent(app.jinja_env)
    assert dedent.preprocess(source, "page.html") == (
        "<ul>\n{% for x in items %}\n<li>{{ x }}</li>\n{% endfor %}\n</ul>\n"
    )
    assert dedent.preprocess(source, "mail/welcome.txt") == source
    template = app.jinja_env.from_string(dedent.preprocess(source, "page.html"))
    assert template.render(items=[1, 2]) == "<ul>\n<li>1</li>\n<li>2</li>\n</ul>"


def test_a_page_keeps_the_space_between_a_word_and_what_follows(client):
    page = client.get("/instruments/CMS/").text
    assert re.search(r">Parties\s+<span class=\"badge", page)
    main = page[page.index("<main") : page.index("</main>")]
    assert "\n " not in main and "\n\n\n" not in main  # no indentation, no block tag's line


def test_text_mails_keep_their_line_breaks(app):
    source = "Hello,\n{% if note %}\nTheir note:\n{{ note }}\n{% endif %}\nBye\n"
    page = app.jinja_env.from_string(source).render(note="n")
    mail = templating.plain_text(app).from_string(source).render(note="n")
    assert page == "Hello,\nTheir note:\nn\nBye"
    assert mail == "Hello,\n\nTheir note:\nn\n\nBye"
    # the same globals (gettext, url_for) and filters as the pages
    assert templating.plain_text(app).globals is app.jinja_env.globals
    assert templating.plain_text(app) is templating.plain_text(app)
