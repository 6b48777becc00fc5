"""Content shown in another language carries a visible "EN" badge (HTML). That HTML must never
land where only text is allowed -- an attribute (title=, aria-label=, label=, value=, data-…),
or a text-only element (<title>, <option>, <textarea>) -- or the page shows `Threats EN">4`.

Every role's pages are crawled in Spanish and French with no content translated into the
reader's language (every text falls back, so every place a content text is used shows up)."""

from __future__ import annotations

import re
import sys
from collections import deque
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from app import i18n

TEXT_ONLY = {"title", "option", "textarea"}
# The badge's markup (`<span lang="en">…</span> <abbr class="tr-mark" …>EN</abbr>`), whole or cut
# short at its first quote; and the attribute names that such a cut leaves behind.
BADGE = re.compile(r"tr-mark|<abbr|<span lang=", re.IGNORECASE)
ATTRIBUTE_NAME = re.compile(r"^[a-z_:][-a-z0-9_:.]*$")

# Links the crawl does not follow: files, actions reached by GET, and pages of other engineers'
# work that have their own tests.
SKIPPED = re.compile(r"\.pdf$|/attachments/|/account/|/language|/sw\.js|/offline|/static/")


class BadgeFinder(HTMLParser):
    """Collects the places where the fallback badge's markup is used as text, and the links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.links: list[str] = []
        self.open_text_only: list[str] = []

    def handle_starttag(self, tag, attrs):
        is_badge = tag == "abbr" and "tr-mark" in (dict(attrs).get("class") or "")
        for name, value in attrs:
            if not ATTRIBUTE_NAME.match(name):
                self.problems.append(f"<{tag} … {name}>")
            elif value and BADGE.search(value) and not (is_badge and name == "class"):
                self.problems.append(f"<{tag} {name}={value[:120]!r}>")
        if is_badge and self.open_text_only:
            self.problems.append(f"badge inside <{self.open_text_only[-1]}>")
        if tag in TEXT_ONLY:
            self.open_text_only.append(tag)
        if tag == "a" and dict(attrs).get("href"):
            self.links.append(dict(attrs)["href"])

    def handle_endtag(self, tag):
        if tag in TEXT_ONLY and tag in self.open_text_only:
            while self.open_text_only and self.open_text_only.pop() != tag:
                pass

    def handle_data(self, data):
        if self.open_text_only and BADGE.search(data):
            self.problems.append(f"badge text inside <{self.open_text_only[-1]}>")


@pytest.fixture
def untranslated(monkeypatch):
    """No content has a text in the reader's language: every `|tr` falls back, with its badge."""
    original = i18n.translate

    def fallback_only(value, *, lang=None, instrument=None, bank=None):
        requested = lang or i18n.current_language()

        def without(texts):
            return {k: v for k, v in texts.items() if k != requested} if texts else texts

        return original(without(value), lang=requested, instrument=instrument, bank=without(bank))

    for module in [m for name, m in sys.modules.items() if name.split(".")[0] in ("app", "tests")]:
        if getattr(module, "translate", None) is original:  # `from app.i18n import translate`
            monkeypatch.setattr(module, "translate", fallback_only)


def shape(path: str) -> str:
    """One page per kind of page: /reports/12/sections/340 and /reports/14/sections/9 alike,
    /bank/HAB-PA-01 and /bank/HAB-PA-02 alike."""
    return re.sub(r"/(\d+|[A-Z][A-Z0-9-]*)(?=/|$)", "/N", path.split("?")[0])


def crawl(client, seeds: list[str], limit: int = 60) -> tuple[dict[str, list[str]], list[str]]:
    """Visit the pages reachable from `seeds` (one of each shape), return the problems found
    per page and the pages visited."""
    problems: dict[str, list[str]] = {}
    queue, seen_shapes, visited = deque(seeds), set(), []
    while queue and len(visited) < limit:
        path = queue.popleft()
        if shape(path) in seen_shapes or SKIPPED.search(path):
            continue
        seen_shapes.add(shape(path))
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response.content_type:
            continue
        visited.append(path)
        finder = BadgeFinder()
        finder.feed(response.text)
        if finder.problems:
            problems[path] = finder.problems
        for href in finder.links:
            link = urlsplit(href)
            if not link.netloc and link.path.startswith("/"):
                queue.append(link.path + (f"?{link.query}" if link.query else ""))
    return problems, visited


REPORT_PAGES = ["", "submit", "to-confirm", "prefill", "reuse", "sites"]
DESIGN_PAGES = ["design", "texts", "translations", "checks", "bank-insert"]
ROLES = [
    ("fp.esp@demo.test", "es", ["/dashboard", "/reports/", ("ESP", "RAPTORS-MOS4")]),
    ("fp.fra@demo.test", "fr", ["/dashboard", "/reports/", ("FRA", "CMS-COP15")]),
    ("cms.secretariat@demo.test", "fr", ["/dashboard", "/reports/instruments/CMS/", "CMS-COP15"]),
    ("raptors.secretariat@demo.test", "es", ["/dashboard", "/reports/instruments/RAPTORS/"]),
    ("analyst@demo.test", "es", ["/dashboard", "/reports/submitted/", "/bank/"]),
    ("admin@demo.test", "fr", ["/dashboard", "/admin/users/", "/admin/instruments/"]),
]


def expand(seeds) -> list[str]:
    """A (party, questionnaire) seed is that report's pages, a questionnaire code its designer's."""
    from sqlalchemy import select

    from app.directory.models import Party
    from app.extensions import db
    from app.questionnaires.models import Questionnaire
    from app.reporting.models import Report

    paths = []
    for seed in seeds:
        if isinstance(seed, tuple):
            report = db.session.scalar(
                select(Report)
                .join(Party)
                .join(Questionnaire)
                .where(Party.code == seed[0], Questionnaire.code == seed[1])
            )
            paths += [f"/reports/{report.id}/{page}" for page in REPORT_PAGES]
        elif seed.startswith("/"):
            paths.append(seed)
        else:  # a draft copy of a questionnaire, to reach the designer's pages
            from app.questionnaires import editing, services

            draft, _ = editing.duplicate(services.questionnaire_by_code(seed), "I13-DRAFT", "X")
            db.session.commit()
            paths += [f"/questionnaires/{draft.code}/{page}" for page in DESIGN_PAGES]
    return paths


@pytest.mark.parametrize(("email", "lang", "seeds"), ROLES, ids=[r[0] for r in ROLES])
def test_untranslated_content_never_lands_in_an_attribute(
    client, auth, untranslated, email, lang, seeds
):
    auth.login(email)
    client.post("/language", data={"lang": lang, "next": "/dashboard"})
    with client.application.app_context():
        paths = expand(seeds)
    problems, visited = crawl(client, paths)
    assert len(visited) >= 3, visited
    badges = sum("tr-mark" in client.get(p).text for p in visited[:3])
    assert badges, "the fallback badge shows nowhere: the set-up did not remove the translations"
    assert problems == {}, "\n".join(f"{p}: {sorted(set(v))}" for p, v in problems.items())
