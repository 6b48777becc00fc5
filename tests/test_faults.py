"""Faults a deadline week meets, and what must hold through each: the database gone for a
moment (a request in flight gets a 503 with a message, never the bare 500; the autosave script
is told "unavailable" as JSON, keeps the change and sends it again), PostgreSQL restarted under
saves (tests/test_fault_restart.py), Redis stopped (tests/test_mail_outbox.py,
tests/test_deployment.py), a worker killed (tests/test_analysis_exports.py,
tests/test_mail_outbox.py), a full or read-only attachment folder (tests/test_attachments.py)."""

from __future__ import annotations

from html import unescape

from flask_babel import force_locale, gettext

from app.analysis import jobs
from app.reporting import services
from tests.test_policy import ANALYST
from tests.test_reporting import FP_FRA, autosave, first_item, report_of


def _said(app, lang: str) -> str:
    with app.test_request_context(), force_locale(lang):
        return gettext(
            "The site cannot reach its database just now. Nothing you had saved is lost, and "
            "what you type in a report is kept in this browser and sent again; try again in a "
            "moment."
        )


def test_a_page_whose_database_is_gone_says_so_in_the_readers_language(failing_app):
    response = failing_app.test_client().get("/_database_gone", headers={"Accept-Language": "es"})
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    text = unescape(response.text)
    assert _said(failing_app, "es") in text and '<html lang="es">' in text
    assert "Error 503" in text and 'id="error-reference"' in text
    assert "Something went wrong" not in text and "Algo salió mal" not in text


def test_the_autosave_script_is_told_unavailable_as_json(failing_app):
    response = failing_app.test_client().post(
        "/_database_gone",
        headers={"Accept": "application/json", "Accept-Language": "fr"},
        data={"field": "q1"},
    )
    assert response.status_code == 503
    assert response.json == {"status": "unavailable", "message": _said(failing_app, "fr")}


def test_with_redis_stopped_the_site_saves_and_writes_exports_itself(
    app, client, auth, monkeypatch
):
    """Redis gone (here: nothing listens where REDIS_URL points): a focal point's autosave is
    acknowledged, and an analyst's export job, which cannot reach the queue, is written by the
    web process instead of waiting for ever."""
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:1/0")
    auth.login(FP_FRA)
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        item = first_item(services.fill(report, "fr"), "long_text")
        report_id = report.id
    saved = autosave(client, report_id, item.field_name, "Saisie pendant la panne de Redis")
    assert saved.status_code == 200 and saved.json["status"] == "saved"
    auth.logout()
    auth.login(ANALYST)
    response = client.post("/analysis/CMS-COP14/export", data={"kind": "status", "lang": "fr"})
    assert response.status_code == 303
    assert jobs.wait_for_local_jobs(120)
    token = response.headers["Location"].rsplit("/", 1)[-1]
    assert client.get(f"/analysis/jobs/{token}.json").json["status"] == "done"
