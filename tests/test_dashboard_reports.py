"""A focal point lands on the reports they owe: the dashboard lists each one with its deadline,
its progress and the next thing to do, without going through the menu."""

from __future__ import annotations

import re

from app.extensions import db
from app.reporting import submission as sub
from tests.reporting_helpers import make_ready
from tests.test_reporting import FP_FRA, report_of, user


def _ids(app, *codes):
    with app.app_context():
        return [report_of(code, "FRA").id for code in codes]


def _row(page: str, report_id: int) -> str:
    match = re.search(rf'<tr data-report="{report_id}">(.*?)</tr>', page, re.S)
    assert match, f"report {report_id} is not on the dashboard"
    return match.group(1)


def test_focal_point_dashboard_lists_the_reports_owed(client, auth, app):
    cms, aewa = _ids(app, "CMS-COP15", "AEWA-MOP9")
    auth.login(FP_FRA)
    page = client.get("/dashboard").text
    assert "Date limite" in page
    for report_id in (cms, aewa):
        row = _row(page, report_id)
        assert f'href="/reports/{report_id}/"' in row
        assert re.search(r'<progress[^>]* value="\d+" max="100"', row)
        assert "Réponses obligatoires" in row  # "n of N required answers", in French
        assert re.search(r"\b20\d\d\b", row)  # its deadline
        assert 'class="next-action' in row
    # nothing is ready to submit yet: the next action leads into the report, not to Submit
    assert f'href="/reports/{cms}/submit"' not in _row(page, cms)


def test_the_next_action_follows_the_report(client, auth, app):
    (cms,) = _ids(app, "CMS-COP15")
    with app.app_context():
        report = report_of("CMS-COP15", "FRA")
        make_ready(report, user(FP_FRA))
        db.session.commit()
    auth.login(FP_FRA)
    row = _row(client.get("/dashboard").text, cms)
    assert f'href="/reports/{cms}/submit"' in row
    with app.app_context():
        sub.submit(report_of("CMS-COP15", "FRA"), user(FP_FRA), "fr", notify=False)
        db.session.commit()
    row = _row(client.get("/dashboard").text, cms)
    assert f'href="/reports/{cms}/submit"' not in row
    assert "Présenté" in row  # the report's status, in French
