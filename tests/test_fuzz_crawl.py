"""Crawl and post: as each demo role, start at the dashboard, follow the site's own links (one
page of each kind, a bounded number of pages) and submit every form found with generated values
(tests/fuzz_forms.form_data, the CSRF token kept). No page and no submission answers 5xx;
every page's embedded JSON is strict; a refused submission (4xx, or the form shown again with
an error) changes nothing in the database and says why in the page's language.

Each form found is posted FORM_EXAMPLES times by a Hypothesis test of its own (a fixed seed in
CI; more pages, more examples and new values under `make fuzz`); the problems met are collected
and reported together at the end of the crawl."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from app.extensions import db
from app.reporting import delegation
from tests.fuzz_client import (
    ServerError,
    changed,
    embedded_json_problems,
    english_refusals,
    fingerprint,
    page_language,
    parse_page,
    safe_location,
    same_site,
    says_no,
    send,
)
from tests.fuzz_forms import form_data
from tests.fuzz_strategies import FUZZ, examples, integers_as_text
from tests.test_delegation import section
from tests.test_reporting import report_of, user

ROLES = (
    "admin@demo.test",
    "cms.secretariat@demo.test",
    "aewa.secretariat@demo.test",
    "analyst@demo.test",
    "fp.fra@demo.test",
    "fp.esp@demo.test",
    "fp.ken@demo.test",
    "contributor.fra@demo.test",
)
PAGES = 150 if FUZZ else 50  # pages visited per role and crawl
REPORTS = 6 if FUZZ else 3  # reports crawled page by page
PER_KIND = 3 if FUZZ else 1  # pages of one kind (the same address, numbers aside)
IDS = 3  # generated ids asked for in place of the numbers of each kind of page (× 10 in fuzz)
FORM_EXAMPLES = 4  # posts of each form (× 10 under `make fuzz`)
FP = "fp.fra@demo.test"
REQUEST_LINE = 4000  # bytes of a GET's address (gunicorn's limit_request_line is 4094)
ITEMS = 6  # answers posted at once from a section's form
SKIPPED = re.compile(
    r"/account/logout|/static/|/bootstrap/|\.pdf(\?|$)|/attachments/\d|/sw\.js|\.csv"
)
ANSWER_FIELD = re.compile(r"^(?:[pvcnoru]-|[ts]-)?(f-\d+(?:-[^.]*)?)")


CODE = re.compile(r"^[A-Z0-9][A-Za-z0-9_-]*$")
REPORT = re.compile(r"^/reports/(\d+)/")


def kind_of(target: str) -> str:
    """A page's kind: its address with numbers, codes (CMS, AEWA-MOP9, FRA) and the values of
    its query replaced."""
    path, _q, query = target.split("#")[0].partition("?")
    segments = ["X" if CODE.match(s) else re.sub(r"\d+", "N", s) for s in path.split("/")]
    names = sorted({pair.partition("=")[0] for pair in query.split("&") if pair})
    return "/".join(segments) + ("?" + "&".join(names) if names else "")


def _narrow(pairs: list[tuple], chosen: set[str]) -> list[tuple]:
    """Of a section's form, the fields of the `chosen` answers only (and its token)."""
    kept = []
    for name, value in pairs:
        match = ANSWER_FIELD.match(name)
        if match is None or match.group(1) in chosen:
            kept.append((name, value))
    return kept


class Crawl:
    """One role's walk through the site: pages by kind, then their forms."""

    def __init__(self, app, client, who: str, own_id: int) -> None:
        self.app, self.client, self.who = app, client, who
        self.own = re.compile(rf"/admin/users/{own_id}/")
        self.problems: list[str] = []
        self.kinds: dict[str, int] = {}
        self.reports: list[str] = []  # the first REPORTS reports met: each page kind of each
        self.seen = {"/dashboard"}
        self.forms: set[str] = set()
        self.queue = ["/dashboard"]
        self.visited = 0
        self.lang = ""  # the role's language, as its dashboard is written

    def fingerprint(self):
        with self.app.app_context():
            return fingerprint()

    def run(self) -> None:
        while self.queue and self.visited < PAGES:
            self.visit(self.queue.pop(0))

    def visit(self, path: str) -> None:
        self.visited += 1
        try:
            response = send(self.client, "GET", path, generated=False)
        except ServerError as error:
            self.problems.append(str(error))
            return
        if response.mimetype != "text/html":
            return
        html = response.get_data(as_text=True)
        self.lang = self.lang or page_language(html)
        self.problems += [f"GET {path}: {p}" for p in embedded_json_problems(html)]
        links, forms = parse_page(f"http://localhost{path}", html)
        for link in links:
            target = same_site(link)
            if target is None or SKIPPED.search(target):
                continue
            target = target.split("#")[0]
            kind = self.kind(target)
            if target not in self.seen and self.kinds.get(kind, 0) < PER_KIND:
                if not self.kinds.get(kind):
                    self.mutate(target)
                self.kinds[kind] = self.kinds.get(kind, 0) + 1
                self.seen.add(target)
                self.queue.append(target)
        for form in forms:
            action = same_site(form.action) or ""
            shape = f"{self.kind(action)} {form.shape()}"
            if SKIPPED.search(action) or self.own.search(action) or shape in self.forms:
                continue
            self.forms.add(shape)
            self.submit(path, form, action, page_language(html))

    def mutate(self, target: str) -> None:
        """The page at `target` asked for with generated ids in place of its numbers: no
        5xx, a refusal in the reader's language."""
        path = target.partition("?")[0]
        if not re.search(r"/\d+(/|$)", path):
            return

        @examples(IDS, key=f"{self.who} {path}")
        @example(ident=str(2**63), which=0)  # beyond any database integer
        @given(ident=integers_as_text(), which=st.integers(0, 5))
        def ask(ident, which):
            numbers = list(re.finditer(r"(?<=/)\d+(?=/|$)", path))
            found = numbers[which % len(numbers)]
            url = path[: found.start()] + quote(ident, safe="") + path[found.end() :]
            response = send(self.client, "GET", url)
            html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
            assert english_refusals(html, page_language(html)) == []

        try:
            ask()
        except Exception as error:  # recorded; the crawl goes on
            notes = "\n".join(getattr(error, "__notes__", []))
            self.problems.append(f"GET {path} with another id:\n{error}\n{notes}")

    def restore(self) -> None:
        send(self.client, "POST", "/language", data={"lang": self.lang}, generated=False)

    def kind(self, target: str) -> str:
        """The kind of a page; a page of one of the first REPORTS reports met is of its own
        kind for that report (so that a focal point's editable reports are crawled, not only
        the first one listed)."""
        found = REPORT.match(target)
        if found and (found.group(1) in self.reports or len(self.reports) < REPORTS):
            if found.group(1) not in self.reports:
                self.reports.append(found.group(1))
            return found.group(0)[:-1] + kind_of(target[found.end() - 1 :])
        return kind_of(target)

    def submit(self, page: str, form, action: str, lang: str) -> None:
        """Post `form` FORM_EXAMPLES times with generated values (the first time as the page
        offers it); the first problem met is recorded with the example that met it."""

        @examples(FORM_EXAMPLES, key=f"{self.who} {form.shape()}")
        @given(data=st.data())
        def post(data):
            pairs = data.draw(form_data(form, lang))
            answers = sorted({m.group(1) for n, _v in pairs if (m := ANSWER_FIELD.match(n))})
            if answers:
                chosen = data.draw(st.lists(st.sampled_from(answers), max_size=ITEMS, unique=True))
                pairs = _narrow(pairs, set(chosen))
            problems = self.post(form, action, lang, pairs, partial=bool(answers))
            assert not problems, "\n".join(problems)

        try:
            post()
        except Exception as error:  # recorded; the crawl goes on
            notes = "\n".join(getattr(error, "__notes__", []))
            self.problems.append(f"{form.method} {action} (a form of {page}):\n{error}\n{notes}")

    def post(self, form, action: str, lang: str, pairs: list, partial: bool) -> list[str]:
        before = self.fingerprint()
        if form.method == "GET":
            # a browser replaces the action's query with the form's fields; gunicorn, which
            # serves the site, refuses a request line longer than 4094 bytes (414)
            path = f"{action.partition('?')[0]}?{urlencode(pairs)}"
            if len(path) > REQUEST_LINE:
                return []
            response = send(self.client, "GET", path)
        else:
            files = form.enctype == "multipart/form-data"
            body = [(n, v) for n, v in pairs if files or not isinstance(v, tuple)]
            response = send(self.client, "POST", action, data=_multi(body))
        status = response.status_code
        if 300 <= status < 400 and form.method == "POST":
            if action.endswith(("/language", "/account/")):
                self.restore()
            location = response.headers.get("Location")
            return [] if safe_location(location) else [f"redirected off the site: {location!r}"]
        html = response.get_data(as_text=True) if response.mimetype == "text/html" else ""
        problems = [f"English refusal {t!r}" for t in english_refusals(html, page_language(html))]
        problems += embedded_json_problems(html)
        # a section's answers are saved each on its own; a page answered 200 without saying
        # no is a preview, or what was done (a copied questionnaire's report)
        if status >= 400 or (status == 200 and not partial and says_no(html)):
            moved = changed(before, self.fingerprint())
            if moved:
                problems.append(f"refused ({status}) but changed {moved}")
        if action.endswith(("/language", "/account/")):
            self.restore()  # the crawl goes on in the role's own language
        return problems


def _multi(pairs):
    from io import BytesIO

    from werkzeug.datastructures import MultiDict

    found = MultiDict()
    for name, value in pairs:
        if isinstance(value, tuple):
            value = (BytesIO(value[0]), value[1])
        found.add(name, value)
    return found


@pytest.fixture
def delegated(app, database, mailbox):
    """Section 3 of France's CMS-COP15 report delegated to contributor.fra (the demo has no
    delegation), as tests/test_contributor_pages.py does."""
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        delegation.assign(report, section(report, "3"), "contributor.fra@demo.test", user(FP))
        db.session.commit()


@pytest.mark.parametrize("email", ROLES)
def test_every_page_and_form_as_each_role(app, client, auth, delegated, email):
    """As `email`: every kind of page reached from the dashboard answers without 5xx and with
    strict JSON; every form on them, posted with generated values, answers without 5xx and,
    when it refuses, changes nothing and says why in the reader's language."""
    with app.app_context():
        own_id = user(email).id
    assert auth.login(email).status_code == 302
    walk = Crawl(app, client, email, own_id)
    walk.run()
    assert walk.visited > 3 and walk.forms, "the crawl reached no page"
    assert not walk.problems, "\n\n".join(walk.problems)
