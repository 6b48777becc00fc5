"""The request log (app/main/requestlog.py): one line per request with its id, the user, the
status and the time; the id sent back in X-Request-Id and shown on an error page, where it
finds the error's lines in the log; an id from a trusted proxy kept, any other ignored; the
JSON lines a log collector reads in production."""

from __future__ import annotations

import io
import json
import logging
import re

from flask import g

from app.auth import services as accounts
from app.main import requestlog
from tests.conftest import make_test_app
from tests.test_policy import FP_FRA

HEX16 = re.compile(r"[0-9a-f]{16}")


def request_lines(caplog) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "app.requests"]


def test_each_request_logs_one_line_with_its_id_user_status_and_time(app, client, auth, caplog):
    caplog.set_level(logging.INFO, logger="app.requests")
    auth.login(FP_FRA)
    caplog.clear()
    response = client.get("/reports/?q=secret")
    assert response.status_code == 200
    reference = response.headers["X-Request-Id"]
    assert HEX16.fullmatch(reference)
    [line] = request_lines(caplog)
    with app.app_context():
        fp = accounts.user_by_email(FP_FRA)
        assert line.user_id == fp.id
    assert (line.method, line.path, line.status) == ("GET", "/reports/", 200)
    assert line.request_id == reference
    assert line.duration_ms >= 0
    assert "secret" not in line.getMessage() and "secret" not in line.path
    # another request, another id
    assert client.get("/reports/").headers["X-Request-Id"] != reference


def test_a_signed_out_request_is_logged_without_a_user(client, caplog):
    caplog.set_level(logging.INFO, logger="app.requests")
    client.get("/account/login")
    [line] = request_lines(caplog)
    assert line.user_id is None and line.status == 200


def test_an_incoming_id_is_kept_only_from_a_trusted_proxy(db_url):
    plain = make_test_app(db_url).test_client()
    sent = plain.get("/account/login", headers={"X-Request-Id": "from-anyone"})
    assert HEX16.fullmatch(sent.headers["X-Request-Id"])
    proxied = make_test_app(db_url, TRUSTED_PROXIES="1").test_client()
    kept = proxied.get("/account/login", headers={"X-Request-Id": "nginx-4f2a.1_b"})
    assert kept.headers["X-Request-Id"] == "nginx-4f2a.1_b"
    for hostile in ("a b", "x" * 65, "id;Set-Cookie: x=1", "<script>"):
        response = proxied.get("/account/login", headers={"X-Request-Id": hostile})
        assert HEX16.fullmatch(response.headers["X-Request-Id"]), hostile


def test_an_error_page_shows_the_reference_of_its_log_lines(failing_app, caplog):
    caplog.set_level(logging.INFO, logger="app")
    failing = failing_app
    response = failing.test_client().get("/_boom", headers={"Accept-Language": "fr"})
    assert response.status_code == 500
    reference = response.headers["X-Request-Id"]
    assert f"donnez aux administrateurs cette référence\u00a0: {reference}" in response.text
    error = next(r for r in caplog.records if r.levelno == logging.ERROR)
    assert error.request_id == reference and "boom" in error.exc_text
    assert [r.status for r in request_lines(caplog)] == [500]
    # an ordinary refusal shows none
    missing = failing.test_client().get("/no-such-page")
    assert missing.status_code == 404 and "error-reference" not in missing.text


def test_production_lines_are_json_a_collector_reads(app):
    stream = io.StringIO()
    out = requestlog.handler("json", stream)
    logger = logging.getLogger("app.requests")
    logger.addHandler(out)
    logger.setLevel(logging.INFO)
    try:
        with app.test_request_context("/reports/"):
            g.request_id = "0123456789abcdef"
            requestlog.log.info(
                "%s %s %s", "GET", "/reports/", 200,
                extra={"method": "GET", "path": "/reports/", "status": 200, "duration_ms": 3.2},
            )  # fmt: skip
    finally:
        logger.removeHandler(out)
    [line] = stream.getvalue().splitlines()
    record = json.loads(line)
    assert record["message"] == "GET /reports/ 200"
    assert record["level"] == "INFO" and record["logger"] == "app.requests"
    assert record["request_id"] == "0123456789abcdef" and record["user_id"] is None
    assert (record["status"], record["duration_ms"]) == (200, 3.2)
    assert "time" in record


def test_log_format_is_checked_and_never_doubled(db_url):
    import pytest

    with pytest.raises(ValueError, match="LOG_FORMAT"):
        requestlog.configure("xml")
    try:
        make_test_app(db_url, LOG_FORMAT="text")
        make_test_app(db_url, LOG_FORMAT="text")
        ours = [h for h in logging.getLogger("app").handlers if getattr(h, "family_ors", False)]
        assert len(ours) == 1
    finally:
        requestlog.configure("off")
    assert not [h for h in logging.getLogger("app").handlers if getattr(h, "family_ors", False)]
