"""What bench/bench_peer.py sends: one request at a time over loopback, timed from the request
to the last byte; our pages and the peer's as a signed-in user sees them; the SQL statements of
one request, read from PostgreSQL's log.

Our pages are read with regular expressions on <input> tags only (the widgets' markup changes
from one version to the next; the inputs' names do not): the CSRF token and each item's `v-`
version. Every value posted comes from bench/peer/spec.py, so both sides receive the same
answers.
"""

from __future__ import annotations

import http.client
import json
import math
import re
import statistics
import time
from dataclasses import dataclass, field
from html import unescape
from pathlib import Path
from urllib.parse import urlencode

import spec

TIMEOUT = 600
FORM = "application/x-www-form-urlencoded"


@dataclass
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes
    seconds: float


def request(port: int, method: str, path: str, cookies: dict, body=None, **headers) -> Reply:
    """One request on a fresh connection (gunicorn's sync workers close it anyway); the
    cookies it sets are kept in `cookies`, whatever their Secure flag (loopback, no TLS)."""
    sent = {"Host": "127.0.0.1", "Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())}
    if body is not None:
        sent["Content-Type"] = FORM
        body = urlencode(body)
    sent.update({k.replace("_", "-"): v for k, v in headers.items()})
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    start = time.perf_counter()
    connection.request(method, path, body=body, headers=sent)
    response = connection.getresponse()
    data = response.read()
    seconds = time.perf_counter() - start
    connection.close()
    for name, value in response.getheaders():
        if name.lower() == "set-cookie":
            key, _, rest = value.partition("=")
            cookies[key.strip()] = rest.split(";", 1)[0]
    return Reply(response.status, dict(response.getheaders()), data, seconds)


def expect(reply: Reply, status: int, what: str) -> Reply:
    if reply.status != status:
        raise RuntimeError(f"{what}: {reply.status} instead of {status}: {reply.body[:300]!r}")
    return reply


def stats(samples: list[float]) -> dict[str, float | int]:
    """Milliseconds: median and nearest-rank p95 of seconds."""
    ordered = sorted(samples)
    n = len(ordered)
    return {
        "n": n,
        "median_ms": round(statistics.median(ordered) * 1000, 2),
        "p95_ms": round(ordered[max(0, math.ceil(0.95 * n) - 1)] * 1000, 2),
        "max_ms": round(ordered[-1] * 1000, 2),
    }


INPUT = re.compile(r"<input\b[^>]*>", re.IGNORECASE)
ATTRIBUTE = re.compile(r'([\w-]+)="([^"]*)"')


def inputs(page: str) -> dict[str, str]:
    """name: value of the first <input> of each name."""
    values: dict[str, str] = {}
    for tag in INPUT.findall(page):
        attributes = {k: unescape(v) for k, v in ATTRIBUTE.findall(tag)}
        if attributes.get("name"):
            values.setdefault(attributes["name"], attributes.get("value", ""))
    return values


# --- our application ---------------------------------------------------------------------


@dataclass
class OurReport:
    """One report of the bench focal point and the section measured in it."""

    report_id: int
    section_id: int
    questions: list[dict]  # spec questions of that section
    fields: dict[int, str]  # question number: field name
    versions: dict[str, str] = field(default_factory=dict)
    sent: dict[str, list[str]] = field(default_factory=dict)  # field: values last posted
    turn: int = 0  # the item the next autosave saves: each in turn

    @property
    def section_url(self) -> str:
        return f"/reports/{self.report_id}/sections/{self.section_id}"


class Ours:
    """The bench focal point, signed in to one of our servers."""

    def __init__(self, port: int, built: dict, section: int, small: dict | None = None) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.variant = 0  # answers of spec.answer's later variants: each save changes a value
        questions = spec.questions()
        fields = {int(n): name for n, name in built["fields"].items()}
        self.big = OurReport(
            built["report_id"],
            built["section_ids"][section],
            [q for q in questions if q["section"] == section],
            fields,
        )
        self.small = None
        if small:  # the questionnaire of 10 questions (its one section)
            self.small = OurReport(
                small["report_id"],
                small["section_ids"][0],
                [q for q in questions if q["n"] <= len(small["fields"])],
                {int(n): name for n, name in small["fields"].items()},
            )
        self.print_url = f"/reports/{built['report_id']}/print"
        self.sign_in(built["email"], built["password"])
        for report in filter(None, (self.big, self.small)):
            for question in report.questions:
                report.sent[report.fields[question["n"]]] = spec.answer(question, 1)[1]
            self.refresh(report)

    def sign_in(self, email: str, password: str) -> None:
        page = expect(request(self.port, "GET", "/account/login", self.cookies), 200, "login")
        token = inputs(page.body.decode())["csrf_token"]
        form = {"csrf_token": token, "email": email, "password": password}
        reply = request(self.port, "POST", "/account/login", self.cookies, form)
        expect(reply, 302, f"signing in as {email}")

    def refresh(self, report: OurReport, reply: Reply | None = None) -> None:
        """Read the CSRF token and the items' versions from the section page."""
        if reply is None:
            reply = self.get(report.section_url, gzip=False)
        found = inputs(reply.body.decode())
        self.csrf = found["csrf_token"]
        report.versions = {
            name: found[f"v-{name}"] for name in report.fields.values() if f"v-{name}" in found
        }
        if len(report.versions) != len(report.questions):
            raise RuntimeError(
                f"{report.section_url}: {len(report.versions)} items of "
                f"{len(report.questions)} found on the page"
            )

    def get(self, path: str, gzip: bool) -> Reply:
        encoding = "gzip" if gzip else "identity"
        reply = request(self.port, "GET", path, self.cookies, Accept_Encoding=encoding)
        return expect(reply, 200, f"GET {path}")

    def section(self, gzip: bool = True, small: bool = False) -> Reply:
        return self.get((self.small if small else self.big).section_url, gzip)

    def all_questions(self, gzip: bool = True) -> Reply:
        return self.get(self.print_url, gzip)

    def changed(self, report: OurReport, question: dict) -> list[str]:
        """Values of `question` that differ from the last ones posted."""
        name = report.fields[question["n"]]
        for _ in range(20):
            self.variant += 1
            values = spec.answer(question, 1, self.variant)[1]
            if values != report.sent[name]:
                break
        report.sent[name] = values
        return values

    def pairs(self, report: OurReport, question: dict) -> list[tuple[str, str]]:
        name = report.fields[question["n"]]
        posted = [(f"p-{name}", "1"), (f"v-{name}", report.versions[name])]
        posted += [(name, value) for value in self.changed(report, question)]
        return [*posted, (f"c-{name}", "")]

    def autosave(self, small: bool = False) -> Reply:
        """One item saved as the autosave script posts it (the items in turn)."""
        report = self.small if small else self.big
        question = report.questions[report.turn % len(report.questions)]
        report.turn += 1
        name = report.fields[question["n"]]
        body = [*self.pairs(report, question), ("field", name), ("csrf_token", self.csrf)]
        path = f"/reports/{report.report_id}/answers"
        reply = request(self.port, "POST", path, self.cookies, body, Accept="application/json")
        expect(reply, 200, f"autosave of {name}")
        answer = json.loads(reply.body)
        if answer.get("status") != "saved":
            raise RuntimeError(f"autosave of {name}: {answer}")
        report.versions[name] = str(answer["version"])
        return reply

    def section_save(self, small: bool = False, between=None) -> tuple[Reply, Reply]:
        """The no-JavaScript Save: every item of the section, each value changed. Returns the
        POST (a redirect) and the GET it redirects to, timed apart. `between` is called before
        and after the POST alone (counting statements)."""
        report = self.small if small else self.big
        body = [("csrf_token", self.csrf)]
        for question in report.questions:
            body += self.pairs(report, question)
        if between:
            between("before")
        reply = request(self.port, "POST", report.section_url, self.cookies, body)
        if between:
            between("after")
        expect(reply, 302, f"Save of {report.section_url}")
        page = self.get(report.section_url, gzip=False)
        self.refresh(report, page)
        return reply, page


# --- the peer -----------------------------------------------------------------------------

BY_CATEGORY, ALL_IN_ONE_PAGE = 2, 0  # the package's Survey.display_method values


class Peer:
    """Respondent 1 of the peer, signed in through the session the seed made."""

    def __init__(self, port: int, seeded: dict, section: int, database) -> None:
        self.port = port
        self.cookies = {"sessionid": seeded["session"]}
        self.survey_id = seeded["survey_id"]
        self.ids = {int(n): i for n, i in seeded["question_ids"].items()}
        self.section_index = section
        self.database = database  # a psycopg connection to the peer's database (autocommit)
        self.mode: int | None = None
        self.variant = 1000
        self.first_url = f"/survey/{self.survey_id}/"
        self.questions = spec.questions()

    def step_url(self, step: int) -> str:
        return self.first_url if step == 0 else f"/survey/{self.survey_id}-{step}/"

    def display(self, mode: int) -> None:
        """The package keeps one page mode per survey: switched between requests."""
        if self.mode != mode:
            self.database.execute(
                "UPDATE survey_survey SET display_method = %s WHERE id = %s",
                (mode, self.survey_id),
            )
            self.mode = mode

    def get(self, path: str) -> Reply:
        reply = request(self.port, "GET", path, self.cookies, Accept_Encoding="gzip")
        return expect(reply, 200, f"GET {path}")

    def section(self, gzip: bool = True) -> Reply:
        self.display(BY_CATEGORY)
        return self.get(self.step_url(self.section_index))

    def all_questions(self, gzip: bool = True) -> Reply:
        self.display(ALL_IN_ONE_PAGE)
        return self.get(self.first_url)

    def walk(self, between=None) -> list[Reply]:
        """The package's way to save: the first page, then the 10 sections POSTed in turn (the
        first 9 are kept in the session; the last POST writes all 300 answers). `between` is
        called around each POST with its step (counting statements). Returns the POSTs."""
        self.display(BY_CATEGORY)
        self.variant += 1
        page = self.get(self.first_url)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', page.body)
        posts = []
        for step in range(spec.SECTIONS):
            body = [("csrfmiddlewaretoken", token.group(1).decode())]
            for question in self.questions[step * spec.PER_SECTION : (step + 1) * spec.PER_SECTION]:
                values = spec.answer(question, 1, self.variant)[1]
                body += [(f"question_{self.ids[question['n']]}", value) for value in values]
            if between:
                between(step, "before")
            reply = request(self.port, "POST", self.step_url(step), self.cookies, body)
            if between:
                between(step, "after")
            expect(reply, 302, f"POST {self.step_url(step)}")
            last = step == spec.SECTIONS - 1
            where = reply.headers.get("Location", "")
            if (last and "/survey/confirm/" not in where) or (
                not last and not where.endswith(self.step_url(step + 1))
            ):
                raise RuntimeError(f"POST {self.step_url(step)} went to {where!r}")
            posts.append(reply)
        return posts


# --- SQL statements of one request ------------------------------------------------------------


class StatementLog:
    """Counts the statements PostgreSQL logs for one database between `begin` and `end`
    (log_statement = 'all' set on it before the server's connections were opened)."""

    PREFIX = re.compile(r" (\S*)@(\S+) LOG:  (statement|execute [^:]*): (.*)")

    def __init__(self, path: Path) -> None:
        self.path = path
        self.start = 0

    def begin(self) -> None:
        self.start = self.path.stat().st_size

    def end(self, database: str) -> dict[str, int]:
        time.sleep(0.2)  # written before each statement runs; a margin for the last ones
        with self.path.open("rb") as log:
            log.seek(self.start)
            text = log.read().decode(errors="replace")
        kinds = {"total": 0, "ping": 0, "begin": 0, "commit": 0, "rollback": 0, "select 1": 0,
                 "select": 0, "insert": 0, "update": 0, "delete": 0, "other": 0}  # fmt: skip
        for line in text.splitlines():
            found = self.PREFIX.search(line)
            if not found or found.group(2) != database:
                continue
            sql = found.group(4).strip().lower()
            kinds["total"] += 1
            word = (sql.split() or ["other"])[0]
            if sql in (";", ""):
                word = "ping"  # SQLAlchemy's pre-ping of a pooled connection (psycopg)
            elif re.match(r"select 1\b", sql):
                word = "select 1"
            kinds[word if word in kinds else "other"] += 1
        return {k: v for k, v in kinds.items() if v or k == "total"}
