"""The main pages of every role load under the Content Security Policy without a violation nor
an error in the console, and their progress bars show the progress (a `style="width: …"`
is refused by `style-src 'self'`: the bars stayed empty)."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

pytestmark = pytest.mark.browser

WATCH_CSP = """
document.addEventListener("securitypolicyviolation", (event) => {
  (window.__csp = window.__csp || []).push(
    `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`
  );
});
"""


def report_id(live_server, party: str, code: str, status: str | None = None) -> int:
    from app.extensions import db

    sql = (
        "SELECT r.id FROM reports r JOIN parties p ON p.id = r.party_id "
        "JOIN questionnaires q ON q.id = r.questionnaire_id WHERE q.code = :code"
    )
    params = {"code": code}
    if party:
        sql += " AND p.code = :party"
        params["party"] = party
    if status:
        sql += " AND r.status = :status"
        params["status"] = status
    with live_server.app.app_context():
        found = db.session.execute(sa.text(sql + " ORDER BY r.id LIMIT 1"), params).scalar()
        db.session.remove()
    return found


def first_section(live_server, rid: int) -> int:
    from app.extensions import db

    sql = (
        "SELECT n.id FROM questionnaire_nodes n "
        "JOIN reports r ON r.questionnaire_id = n.questionnaire_id "
        "WHERE r.id = :rid AND n.parent_id IS NULL AND n.kind = 'section' "
        "ORDER BY n.position LIMIT 1"
    )
    with live_server.app.app_context():
        found = db.session.execute(sa.text(sql), {"rid": rid}).scalar()
        db.session.remove()
    return found


def draft_questionnaire(live_server) -> str:
    """A draft copy of CMS-COP15, so that the designer opens."""
    from app.extensions import db
    from app.questionnaires import editing, services

    with live_server.app.app_context():
        if services.questionnaire_by_code("CSP-DRAFT") is None:
            editing.duplicate(services.questionnaire_by_code("CMS-COP15"), "CSP-DRAFT", "CSP")
            db.session.commit()
        db.session.remove()
    return "CSP-DRAFT"


def pages_of(live_server, role: str) -> list[str]:
    if role == "fp.fra@demo.test":
        rid = report_id(live_server, "FRA", "AEWA-MOP9")
        section = first_section(live_server, rid)
        return [
            "/dashboard",
            "/reports/",
            f"/reports/{rid}/",
            f"/reports/{rid}/sections/{section}",
            f"/reports/{rid}/validation",
            f"/reports/{rid}/submit",
        ]
    if role == "cms.secretariat@demo.test":
        waiting = report_id(live_server, "", "CMS-COP14", "submitted")
        return [
            "/dashboard",
            "/reports/instruments/CMS/",
            f"/reports/{waiting}/review",
            f"/questionnaires/{draft_questionnaire(live_server)}/design",
            "/bank/",
        ]
    if role == "analyst@demo.test":
        accepted = report_id(live_server, "", "CMS-COP14", "accepted")
        return ["/dashboard", "/reports/submitted/", f"/reports/{accepted}/submissions/1/print"]
    return [
        "/dashboard",
        "/admin/users/",
        "/admin/instruments/CMS",
        "/admin/parties/",
        "/admin/mail/",
    ]


ROLES = ["fp.fra@demo.test", "cms.secretariat@demo.test", "analyst@demo.test", "admin@demo.test"]


@pytest.mark.parametrize("role", ROLES)
def test_main_pages_load_without_csp_violation_or_console_error(
    live_server, new_page, sign_in, role
):
    page = new_page(locale="fr-FR")
    problems: list[str] = []
    page.on(
        "console",
        lambda m: m.type == "error" and problems.append(f"console: {m.text} {m.location['url']}"),
    )
    page.on("pageerror", lambda e: problems.append(f"error: {e}"))
    page.add_init_script(WATCH_CSP)
    sign_in(page, role)
    for path in pages_of(live_server, role):
        start = len(problems)
        response = page.goto(path)
        assert response is not None and response.ok, path
        page.wait_for_load_state("networkidle")
        problems += [f"CSP {v}" for v in page.evaluate("window.__csp || []")]
        problems[start:] = [f"{path}: {p}" for p in problems[start:]]
    assert problems == [], "\n".join(problems)


def test_progress_bars_show_the_progress(live_server, new_page, sign_in):
    page = new_page(locale="fr-FR")
    sign_in(page, "fp.fra@demo.test")
    for path in ["/dashboard", "/reports/"]:
        page.goto(path)
        bars = page.locator("progress")
        assert bars.count() >= 2, path  # fp.fra owes CMS-COP15 and AEWA-MOP9
        values = [int(bars.nth(i).get_attribute("value") or 0) for i in range(bars.count())]
        assert max(values) > 0, (path, values)  # AEWA-MOP9 is about half filled
        filled = bars.first.evaluate("(bar) => bar.position")
        assert 0 <= filled <= 1 and bars.first.is_visible()
