"""The browser's number reader (app/static/js/answers.js, what skip logic reads while a person
types) passes the same cases as the server's (tests/cases/answers/number.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.answers import reading

pytestmark = pytest.mark.browser

CASES = json.loads(
    (Path(__file__).resolve().parents[1] / "cases" / "answers" / "number.json").read_text("utf-8")
)["read"]


def test_the_browser_reads_numbers_as_the_server_does(page, live_server):
    page.goto("/account/login")
    page.add_script_tag(url="/static/js/answers.js")
    readable = [case for case in CASES if "config" not in case]
    assert len(readable) >= 20
    with live_server.app.app_context():
        symbols = {case["locale"]: reading.symbols(case["locale"]) for case in readable}
    results = page.evaluate(
        "([cases, symbols]) => cases.map((c) => window.ORSAnswers.readNumber(c.typed,"
        " symbols[c.locale]))",
        [readable, symbols],
    )
    for case, result in zip(readable, results, strict=True):
        assert result == case.get("value"), case
