"""Every redirect to an address a request names goes through app.security.safe_next: a path of
this site or the default, never another host, never a 500 (issue 14: `POST /language` with a tab
in `next` answered `Location: //127.0.0.1:5999/x`, with a newline a 500)."""

import itertools
import re

import pytest

from app.security import MAX_NEXT, safe_next, unstorable
from tests.conftest import PASSWORD

DEFAULT = "/default"

BYPASSES = [
    "//evil.example/",
    "///evil.example/",
    "/\\evil.example/",
    "\\\\evil.example/",
    "\\/evil.example/",
    "/\t/evil.example/",
    "/\n/evil.example/",
    "/\r/evil.example/",
    "/x\r\nSet-Cookie: a=b",
    "\t//evil.example/",
    " //evil.example/",
    " /dashboard",
    "/dashboard ",
    "https://evil.example/",
    "http:evil.example",
    "https:/evil.example",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "evil.example",
    "/%2F%2Fevil.example",
    "/%2f/evil.example",
    "/%5Cevil.example",
    "/%09/evil.example",
    "/%0A/evil.example",
    "/%252F%252Fevil.example",
    "%2F%2Fevil.example",
    "/\uff0fevil.example",  # fullwidth solidus: NFKC makes it a slash
    "\uff0f\uff0fevil.example",
    "/\uff3cevil.example",  # fullwidth reverse solidus
    "/\u202e/evil.example",  # right-to-left override
    "/\u200b/evil.example",  # zero-width space
    "/\u00a0/evil.example",  # no-break space
    "/\u2028/evil.example",  # line separator
    "/\x00/evil.example",
    "/" + "a" * MAX_NEXT,
    "/" + "\ufdfa" * (MAX_NEXT // 2),  # one character NFKC makes eighteen
    "/x\x7f",
    "",
    None,
    ["/dashboard"],
]

SAME_SITE = [
    "/",
    "/dashboard",
    "/reports/1/?section=2#item-3",
    "/bank/?q=C%C3%B4te+d%27Ivoire",
    "/bank/?q=Côte",
    "/x?u=http://example.org/",  # a query may hold an address: the path is what is followed
    "/\u2215evil.example",  # division slash: a character of the path, encoded by Werkzeug
    "/" + "a" * (MAX_NEXT - 1),
]


@pytest.mark.parametrize("target", BYPASSES)
def test_safe_next_refuses_each_known_bypass(target):
    assert safe_next(target, DEFAULT) == DEFAULT


@pytest.mark.parametrize("target", SAME_SITE)
def test_safe_next_keeps_a_path_of_this_site(target):
    assert safe_next(target, DEFAULT) == target


def lands_on(location: str, host: str = "localhost") -> str:
    """The host a browser goes to for `location` read on a page of `host` (WHATWG URL parsing of
    http(s): C0 controls and spaces trimmed, tabs and newlines removed, backslash as slash)."""
    location = location.strip("".join(chr(c) for c in range(0x21)))
    location = re.sub(r"[\t\n\r]", "", location).replace("\\", "/")
    scheme = re.match(r"^([A-Za-z][A-Za-z0-9+.-]*):", location)
    if scheme:
        rest = location[scheme.end() :].lstrip("/")
        return rest.split("/")[0] if scheme.group(1).lower() in ("http", "https") else "script"
    if location.startswith("//"):
        return location.lstrip("/").split("/")[0].split("?")[0]
    return host


def test_lands_on_reads_addresses_as_a_browser_does():
    assert lands_on("/\t/127.0.0.1:5999/x") == "127.0.0.1:5999"
    assert lands_on("/\\evil") == "evil"
    assert lands_on("javascript:alert(1)") == "script"
    assert lands_on("/dashboard") == "localhost"


# Fragments a bypass is made of, combined: a few hundred targets, each sent to both endpoints.
STARTS = ["", "/", "\\", " ", "\t", "%2F", "\uff0f", "https:"]
MIDDLES = ["", "/", "\\", "\t", "\n", "\r", "%09", "%2F", "%5C", "%0D%0A", "\u3002"]
ENDS = ["evil.example/x", "127.0.0.1:5999/x"]
GENERATED = ["".join(parts) for parts in itertools.product(STARTS, MIDDLES, MIDDLES, ENDS)]


def test_language_switch_never_leaves_the_site_nor_fails(client):
    statuses = set()
    for target in BYPASSES[:-2] + GENERATED:
        response = client.post("/language", data={"lang": "fr", "next": target})
        statuses.add(response.status_code)
        if response.status_code == 400:  # a NUL or a lone surrogate: refused before the view
            assert unstorable(target), target
            continue
        location = response.headers["Location"]
        assert lands_on(location) == "localhost", (target, location)
        assert location.isascii()
    assert statuses <= {302, 400} and 302 in statuses
    assert len(GENERATED) > 1000


@pytest.mark.parametrize("target", ["/\t/127.0.0.1:5999/x", "/x\ny"])
def test_language_next_with_tab_or_newline_redirects_home(client, target):
    """The two requests of the issue: a tab gave `//127.0.0.1:5999/x`, a newline a 500."""
    response = client.post("/language", data={"lang": "fr", "next": target})
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_language_switch_returns_to_the_page_it_was_on(client):
    response = client.post("/language", data={"lang": "fr", "next": "/bank/?q=Côte"})
    assert response.headers["Location"] == "/bank/?q=C%C3%B4te"


@pytest.mark.parametrize("target", BYPASSES[:-2] + GENERATED[::40])
def test_login_next_never_leaves_the_site(app, database, target):
    client = app.test_client()
    response = client.post(
        "/account/login",
        query_string={"next": target},
        data={"email": "fp.ken@demo.test", "password": PASSWORD},
    )
    if unstorable(target):  # a NUL or a lone surrogate: refused before the view
        assert response.status_code == 400
        return
    assert response.status_code == 302
    assert lands_on(response.headers["Location"]) == "localhost"


def test_login_follows_a_same_site_next(client):
    response = client.post(
        "/account/login",
        query_string={"next": "/reports/?a=1"},
        data={"email": "fp.ken@demo.test", "password": PASSWORD},
    )
    assert response.headers["Location"] == "/reports/?a=1"
