"""What the property tests of the HTTP layer share: every generated request goes through `send`,
which counts it and turns a 5xx (or an exception the test client re-raises) into a failure
naming the request and the head of its traceback; a cheap fingerprint of the whole database to
prove that a refused request changed nothing; the forms of a page as a browser would submit
them; and the checks that a response is strict JSON and speaks the reader's language.

The counts are printed at the end of the run (tests/conftest.py, pytest_terminal_summary)."""

from __future__ import annotations

import json
import re
import traceback
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import sqlalchemy as sa
from babel.messages.pofile import read_po

from app.analysis import jobs
from app.extensions import db
from app.reporting.models import Answer, AnswerRevision


@dataclass
class Tally:
    generated: int = 0  # requests carrying generated input
    visits: int = 0  # plain page visits of the crawl
    server_errors: int = 0
    seen: list[str] = field(default_factory=list)

    def summary(self) -> str:
        return (
            f"fuzz: {self.generated} generated requests and {self.visits} page visits sent, "
            f"{self.server_errors} answered 5xx"
        )


TALLY = Tally()


class ServerError(AssertionError):
    """A request answered 5xx (or raised through the test client)."""


def _shorten(value, limit: int = 300) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + f"… ({len(text)} characters)"


def send(client, method: str, url: str, *, generated: bool = True, **kwargs):
    """One request through the test client, counted; a 5xx is a ServerError."""
    if generated:
        TALLY.generated += 1
    else:
        TALLY.visits += 1
    try:
        response = client.open(url, method=method, **kwargs)
        # an export the request started runs in a thread of this process, which shares the
        # test's one connection: the next request waits until it has finished
        jobs.wait_for_local_jobs(120)
    except Exception as error:  # the test client re-raises what the view raised
        TALLY.server_errors += 1
        head = "".join(traceback.format_exception(error)[-6:])
        TALLY.seen.append(f"{method} {_shorten(url, 120)}: {type(error).__name__}: {error}")
        raise ServerError(
            f"{method} {_shorten(url)} with {_shorten(kwargs.get('data'))} raised:\n{head}"
        ) from error
    if response.status_code >= 500:
        TALLY.server_errors += 1
        TALLY.seen.append(f"{method} {_shorten(url, 120)}: {response.status_code}")
        raise ServerError(
            f"{method} {_shorten(url)} with {_shorten(kwargs.get('data'))} answered "
            f"{response.status_code}"
        )
    return response


# --- the database -------------------------------------------------------------------------------


def stored_answer(report_id: int, node_id: int, loop_key: str) -> tuple:
    """An answer as stored (its parts and its number of revisions), each part as JSON; () when
    there is none. Needs an application context."""
    revisions = (
        sa.select(sa.func.count()).where(AnswerRevision.answer_id == Answer.id).scalar_subquery()
    )
    query = sa.select(
        Answer.value,
        Answer.typed,
        Answer.other,
        Answer.comment,
        Answer.no_info,
        Answer.version,
        revisions,
    ).where(
        Answer.report_id == report_id,
        Answer.node_id == node_id,
        Answer.loop_key == loop_key,
    )
    found = db.session.execute(query).one_or_none()
    return tuple(json.dumps(v, sort_keys=True) for v in found) if found else ()


def _aggregates(table: sa.Table) -> list:
    found = [sa.func.count()]
    for column in table.columns:
        kind = column.type
        if isinstance(kind, sa.Boolean):
            found.append(sa.func.sum(sa.cast(column, sa.Integer)))
        elif isinstance(kind, sa.Integer | sa.Numeric | sa.Float):
            found.append(sa.func.sum(sa.cast(column, sa.Float)))
        elif isinstance(kind, sa.DateTime | sa.Date):
            found.extend([sa.func.max(column), sa.func.count(column)])
        else:
            found.append(sa.func.sum(sa.func.length(sa.cast(column, sa.Text))))
    return found


def fingerprint() -> dict[str, tuple]:
    """Per table: its row count, the sums of its numbers (ids, versions), its latest
    timestamps and the total length of its texts. Any insert or delete, any save (a version,
    an updated_at) and any change of a text's length changes it. Read in the caller's
    application context."""
    found = {}
    for table in db.metadata.sorted_tables:
        row = db.session.execute(sa.select(*_aggregates(table)).select_from(table)).one()
        found[table.name] = tuple(str(v) for v in row)
    return found


def changed(before: dict[str, tuple], after: dict[str, tuple]) -> list[str]:
    return sorted(name for name in before if before[name] != after.get(name))


# --- pages and their forms ------------------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # the input's type, "select", "textarea" or "button"
    value: str = ""
    options: list[str] = field(default_factory=list)  # a select's options
    checked: bool = False
    multiple: bool = False
    maxlength: int | None = None
    formaction: str = ""  # a submit button's own address


@dataclass
class Form:
    action: str
    method: str
    enctype: str
    fields: list[Field] = field(default_factory=list)
    id: str = ""

    def shape(self) -> str:
        """What makes two forms the same for the crawl: the address with its numbers
        replaced and the names of the fields, numbers replaced too."""
        names = sorted({re.sub(r"\d+", "N", f.name) for f in self.fields})
        where = urlsplit(self.action).path
        return f"{self.method} {re.sub(r'[0-9]+', 'N', where)} {' '.join(names)}"


class _Parser(HTMLParser):
    def __init__(self, url: str) -> None:
        super().__init__(convert_charrefs=True)
        self.url = url
        self.forms: list[Form] = []
        self.links: list[str] = []
        self.form: Form | None = None
        self.select: Field | None = None
        self.textarea: Field | None = None
        self.outside: list[tuple[str, Field]] = []  # (form id, button) of `form="…"` buttons

    def handle_starttag(self, tag, attrs):
        attr = {k: (v or "") for k, v in attrs}
        if tag == "a" and attr.get("href"):
            self.links.append(urljoin(self.url, attr["href"]))
        elif tag == "form":
            self.form = Form(
                action=urljoin(self.url, attr.get("action") or self.url),
                method=(attr.get("method") or "get").upper(),
                enctype=attr.get("enctype") or "application/x-www-form-urlencoded",
                id=attr.get("id", ""),
            )
            self.forms.append(self.form)
        elif tag == "button" and attr.get("form") and attr.get("formaction"):
            button = Field(attr.get("name", ""), "button", attr.get("value", ""))
            button.formaction = urljoin(self.url, attr["formaction"])
            self.outside.append((attr["form"], button))
        elif tag == "button" and self.form is not None and attr.get("formaction"):
            button = Field(attr.get("name", ""), "button", attr.get("value", ""))
            button.formaction = urljoin(self.url, attr["formaction"])
            self.outside.append((self.form.id or id(self.form), button))
            self.form.id = self.form.id or id(self.form)
        elif tag == "option" and self.select is not None:
            self.select.options.append(attr.get("value", ""))
            if "selected" in attr or len(self.select.options) == 1:
                self.select.value = attr.get("value", "")
        elif self.form is None or not attr.get("name"):
            return
        elif tag == "input":
            kind = (attr.get("type") or "text").lower()
            value = attr.get("value", "on" if kind in ("checkbox", "radio") else "")
            limit = attr.get("maxlength", "")
            self.form.fields.append(
                Field(
                    attr["name"],
                    kind,
                    value,
                    checked="checked" in attr,
                    maxlength=int(limit) if limit.isdecimal() else None,
                )
            )
        elif tag == "button" and (attr.get("type") or "submit") == "submit":
            self.form.fields.append(Field(attr["name"], "button", attr.get("value", "")))
        elif tag == "select":
            self.select = Field(attr["name"], "select", multiple="multiple" in attr)
            self.form.fields.append(self.select)
        elif tag == "textarea":
            self.textarea = Field(attr["name"], "textarea")
            self.form.fields.append(self.textarea)

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None


def parse_page(url: str, html: str) -> tuple[list[str], list[Form]]:
    """The links (absolute) and forms of a page; a submit button with its own address
    (`formaction`) is a form of its own: its form's fields, sent there."""
    parser = _Parser(url)
    parser.feed(html)
    forms = list(parser.forms)
    by_id = {form.id: form for form in parser.forms if form.id}
    for form_id, button in parser.outside:
        form = by_id.get(form_id)
        if form is None:
            continue
        fields = [f for f in form.fields if f.kind != "button"]
        if button.name:
            fields.append(button)
        forms.append(Form(button.formaction, form.method, form.enctype, fields))
    return parser.links, forms


def same_site(url: str) -> str | None:
    """The path and query of a link to this site (the test client's host), else None."""
    parts = urlsplit(url)
    if parts.scheme not in ("", "http") or parts.netloc not in ("", "localhost"):
        return None
    return parts.path + (f"?{parts.query}" if parts.query else "")


# --- what responses say ---------------------------------------------------------------------------


def safe_location(location: str | None) -> bool:
    """A redirect stays on the site, as a browser reads it (tabs and newlines dropped, a
    backslash taken for a slash)."""
    if not location:
        return True
    seen = re.sub(r"[\t\n\r]", "", location).replace("\\", "/").strip()
    parts = urlsplit(seen)
    return parts.scheme in ("", "http") and parts.netloc in ("", "localhost")


def _no_constant(name: str):
    raise ValueError(f"{name} is not JSON")


def strict_json(text: str):
    """JSON as a browser's JSON.parse reads it: NaN and Infinity are refused."""
    return json.loads(text, parse_constant=_no_constant)


EMBEDDED = re.compile(r'<script type="application/json"[^>]*>(.*?)</script>', re.S)


def embedded_json_problems(html: str) -> list[str]:
    """The JSON blocks of a page that a browser cannot parse."""
    found = []
    for block in EMBEDDED.findall(html):
        try:
            strict_json(block)
        except ValueError as error:
            found.append(f"{error}: {block[:200]}")
    return found


CATALOGUES = Path(__file__).resolve().parent.parent / "translations"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")


@cache
def _english_sentences(lang: str) -> tuple[re.Pattern, ...]:
    """The English sentences (msgids) that `lang`'s catalogue translates differently, as
    patterns with their placeholders open."""
    path = CATALOGUES / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    found = []
    for message in catalogue:
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        text = message.string[0] if isinstance(message.string, tuple) else message.string
        if not msgid or not text or text == msgid:
            continue
        if len(re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub(" ", msgid))) < 3:
            continue  # too few English words of its own to tell it apart
        pattern = PLACEHOLDER.sub("\x00", msgid)
        pattern = re.escape(pattern).replace("\x00", ".+?")
        found.append(re.compile(pattern))
    return tuple(found)


def english_message(message: str, lang: str) -> str | None:
    """The English sentence `message` is, when `lang`'s catalogue translates it (a refusal
    a French reader would read in English); None when it is not one."""
    if lang == "en" or not message:
        return None
    text = " ".join(message.split())
    for pattern in _english_sentences(lang):
        if pattern.fullmatch(text):
            return pattern.pattern
    return None


def assert_translated(message, lang: str) -> None:
    """A refusal's message is a sentence, not an English one for a reader in `lang`."""
    assert isinstance(message, str) and message.strip(), f"no message: {message!r}"
    english = english_message(message, lang)
    assert english is None, f"refused in English for a reader in {lang}: {message!r}"


REFUSAL_TEXT = re.compile(
    r'<(?:div|p|span|li)[^>]*class="[^"]*(?:invalid-feedback|text-danger|alert-danger|alert-warning|lead)[^"]*"[^>]*>(.*?)</(?:div|p|span|li)>',
    re.S,
)
TAG = re.compile(r"<[^>]+>")


def english_refusals(html: str, lang: str) -> list[str]:
    """The messages of a page (form errors, alerts, an error page's text) that are English
    sentences its language translates."""
    from html import unescape

    found = []
    for chunk in REFUSAL_TEXT.findall(html):
        text = unescape(TAG.sub(" ", chunk)).strip()
        english = english_message(text, lang)
        if english:
            found.append(text)
    return found


REFUSED = re.compile(
    r'is-invalid|class="alert alert-danger" role="alert"|alert-warning conflict'
    r'|<p class="text-danger small">'
)


def says_no(html: str) -> bool:
    """The page says what was sent is refused: a field in error, an error message, a
    conflict."""
    return REFUSED.search(html) is not None


def page_language(html: str) -> str:
    match = re.search(r'<html lang="([a-z]+)"', html)
    return match.group(1) if match else "en"
