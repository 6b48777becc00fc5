"""Nothing lost when things go wrong, against a live server and a real database: two sessions
save the same answer at the same instant; the same save arrives twice at once; a save is cut
after the server stored it (the browser never hears back and sends it again); the server fails
in the middle of a save. Every answer and revision is checked afterwards."""

from __future__ import annotations

import http.cookiejar
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.reporting import saving
from app.reporting.models import Answer, AnswerRevision
from tests.browser.test_accessibility import open_page
from tests.browser.test_filling import _node_id, _target
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

FP_FRA = "fp.fra@demo.test"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Session:
    """A signed-in user agent of its own (cookies, CSRF token), speaking plain HTTP."""

    base: str
    opener: urllib.request.OpenerDirector
    token: str = ""

    @classmethod
    def sign_in(cls, base: str, email: str) -> Session:
        jar = http.cookiejar.CookieJar()
        session = cls(base, urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar)))
        page = session.get("/account/login")
        session.post(
            "/account/login",
            {"email": email, "password": PASSWORD, "csrf_token": TOKEN.search(page).group(1)},
        )
        session.token = TOKEN.search(session.get("/reports/")).group(1)
        return session

    def get(self, path: str) -> str:
        with self.opener.open(self.base + path, timeout=30) as response:
            return response.read().decode()

    def post(self, path: str, data: dict) -> tuple[int, dict]:
        body = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(  # noqa: S310 - the live server's http:// URL
            self.base + path, data=body, headers={"Accept": "application/json"}
        )
        try:
            with self.opener.open(request, timeout=30) as response:
                text = response.read().decode()
                status = response.status
        except urllib.error.HTTPError as error:
            text, status = error.read().decode(), error.code
            error.close()
        try:
            return status, json.loads(text)
        except ValueError:
            return status, {}

    def autosave(self, report_id: int, name: str, text: str, version: int, **extra) -> tuple:
        data = {"field": name, f"p-{name}": "1", f"v-{name}": str(version), name: text}
        data.update(extra, csrf_token=self.token)
        return self.post(f"/reports/{report_id}/answers", data)


def _all_at_once(calls):
    """Run `calls` in threads released together; their results in order."""
    barrier = threading.Barrier(len(calls))
    results = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        results[index] = call()

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def _record(live_server, report_id: int, node_id: int) -> tuple[Answer, list]:
    with live_server.app.app_context():
        answer = db.session.scalar(
            sa.select(Answer).where(Answer.report_id == report_id, Answer.node_id == node_id)
        )
        revisions = list(
            db.session.execute(
                sa.select(AnswerRevision.version, AnswerRevision.value)
                .where(AnswerRevision.answer_id == answer.id)
                .order_by(AnswerRevision.id)
            )
        )
        result = (answer.value, answer.version), revisions
        db.session.remove()
        return result


@pytest.fixture
def fresh_report(live_server):
    """fp.fra's CMS-COP15 section with two text items, emptied before the test."""
    report_id, section_id, names = _target(live_server, "FRA")
    live_server.execute("DELETE FROM answers WHERE report_id = :r", r=report_id)
    return report_id, section_id, names


def test_two_sessions_saving_one_answer_at_once_lose_nothing(live_server, fresh_report):
    report_id, _section, names = fresh_report
    one, two = (Session.sign_in(live_server.url, FP_FRA) for _ in range(2))
    for name in names:
        texts = (f"Texte du bureau ({name})", f"Texte du terrain ({name})")
        results = _all_at_once(
            [
                lambda s=one, t=texts[0], n=name: s.autosave(report_id, n, t, 0),
                lambda s=two, t=texts[1], n=name: s.autosave(report_id, n, t, 0),
            ]
        )
        statuses = sorted(status for status, _ in results)
        assert statuses == [200, 409], results
        winner = texts[[status for status, _ in results].index(200)]
        loser_index = [status for status, _ in results].index(409)
        theirs = results[loser_index][1]["theirs"]
        assert winner in theirs["text"] and theirs["version"] == 1
        assert _record(live_server, report_id, _node_id(name)) == ((winner, 1), [(1, winner)])

        # the refused session chooses its own text: both stay on record
        loser, mine = (one, two)[loser_index], texts[loser_index]
        status, body = loser.autosave(report_id, name, mine, 1, **{f"r-{name}": "1"})
        assert status == 200 and body["version"] == 2
        assert _record(live_server, report_id, _node_id(name)) == (
            (mine, 2),
            [(1, winner), (2, mine)],
        )


def test_the_same_save_arriving_twice_at_once_is_stored_once(live_server, fresh_report):
    report_id, _section, (name, _) = fresh_report
    session = Session.sign_in(live_server.url, FP_FRA)
    text = "Envoyé deux fois par un réseau qui hésite"
    results = _all_at_once([lambda: session.autosave(report_id, name, text, 0)] * 2)
    assert [status for status, _ in results] == [200, 200], results
    assert {body["version"] for _, body in results} == {1}
    assert _record(live_server, report_id, _node_id(name)) == ((text, 1), [(1, text)])


def test_a_server_failure_in_the_middle_of_a_save_changes_nothing(
    live_server, fresh_report, monkeypatch
):
    report_id, _section, (name, _) = fresh_report
    session = Session.sign_in(live_server.url, FP_FRA)
    assert session.autosave(report_id, name, "Première version", 0)[0] == 200

    def fail(*args, **kwargs):
        raise RuntimeError("the disk filled up after the answer was updated")

    monkeypatch.setattr(saving, "_revise", fail)
    live_server.app.config["PROPAGATE_EXCEPTIONS"] = False
    status, _ = session.autosave(report_id, name, "Seconde version", 1)
    assert status == 500
    monkeypatch.undo()
    # the update was rolled back with the failed revision: the answer is as it was
    assert _record(live_server, report_id, _node_id(name)) == (
        ("Première version", 1),
        [(1, "Première version")],
    )
    status, body = session.autosave(report_id, name, "Seconde version", 1)
    assert status == 200 and body["version"] == 2


def test_a_save_cut_after_the_server_stored_it_is_sent_again_and_stored_once(
    new_page, sign_in, live_server, fresh_report
):
    report_id, section_id, (name, _) = fresh_report
    live_server.app.config["AUTOSAVE_DEBOUNCE_MS"] = 150
    page = open_page(new_page, "desktop", "fr")
    sign_in(page, FP_FRA)
    page.goto(f"/reports/{report_id}/sections/{section_id}")
    cut = []

    def deliver_then_cut(route):
        """The request reaches the server, which stores the answer; the reply is lost."""
        route.fetch()
        cut.append(route.request.post_data)
        route.abort("connectionreset")

    page.route("**/answers", deliver_then_cut)
    text = "Réponse dont l’accusé de réception s’est perdu"
    page.locator(f"[name='{name}']").fill(text)
    expect(page.locator("#save-status")).to_have_attribute("data-state", "offline")
    assert len(cut) == 1
    assert _record(live_server, report_id, _node_id(name)) == ((text, 1), [(1, text)])

    page.unroute("**/answers")
    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200) as sent:
        page.evaluate("window.dispatchEvent(new Event('online'))")
    assert sent.value.json()["version"] == 1  # recognised as the same save, not a conflict
    expect(page.locator("#save-status")).to_have_attribute("data-state", "saved")
    assert _record(live_server, report_id, _node_id(name)) == ((text, 1), [(1, text)])
    assert page.evaluate("localStorage.length") == 0


def test_changes_typed_after_the_session_ended_wait_for_the_next_sign_in(
    new_page, sign_in, live_server, fresh_report
):
    report_id, section_id, (name, _) = fresh_report
    live_server.app.config["AUTOSAVE_DEBOUNCE_MS"] = 150
    page = open_page(new_page, "desktop", "fr")
    sign_in(page, FP_FRA)
    page.goto(f"/reports/{report_id}/sections/{section_id}")
    page.context.clear_cookies()  # the session ends (expired, or signed out in another tab)

    text = "Saisi après la fin de la session, à ne pas perdre"
    page.locator(f"[name='{name}']").fill(text)
    status = page.locator("#save-status")
    expect(status).to_have_attribute("data-state", "signedout")
    expect(status).to_contain_text("session")
    assert page.evaluate("localStorage.length") == 1
    assert _record_or_none(live_server, report_id, _node_id(name)) is None

    sign_in(page.context.new_page(), FP_FRA)  # signs in again in another tab
    with page.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_have_attribute("data-state", "saved")
    assert _record(live_server, report_id, _node_id(name)) == ((text, 1), [(1, text)])
    assert page.evaluate("localStorage.length") == 0


def _record_or_none(live_server, report_id: int, node_id: int):
    with live_server.app.app_context():
        found = db.session.scalar(
            sa.select(Answer.value).where(Answer.report_id == report_id, Answer.node_id == node_id)
        )
        db.session.remove()
        return found
