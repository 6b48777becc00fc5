"""The walk that says "answer once, report many; delegation; submission and review" is done, in
one go, in French, on the demo data: fp.fra opens France's CMS-COP15 report, reuses the answers
given for AEWA (seeing where each came from), pre-fills from CMS-COP14 and confirms, delegates a
section to contributor.fra, submits; cms.secretariat returns it with a message; fp.fra corrects
and resubmits; cms.secretariat accepts — and the difference between the two submissions shows
exactly the correction."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.auth import services as auth_services
from app.extensions import db
from app.reporting import services
from app.reporting.models import Answer, Assignment, Report
from tests.browser.test_submission import (
    CMS_SEC,
    FP_FRA,
    _first_text_item,
    _report_id,
    _submissions,
    _submit,
)
from tests.reporting_helpers import make_ready

pytestmark = pytest.mark.browser

CORRECTION = "Ministère de la Transition écologique — Direction de l’eau et de la biodiversité"


def _provenance(live_server, report_id: int) -> dict[str, int]:
    with live_server.app.app_context():
        rows = db.session.execute(
            sa.select(Answer.source_kind, sa.func.count())
            .where(Answer.report_id == report_id, Answer.source_kind.is_not(None))
            .group_by(Answer.source_kind)
        ).all()
        db.session.remove()
    return dict(rows)


def _a_reused_answer(live_server, report_id: int) -> tuple[int, str]:
    """(section id, field name) of an answer copied from another instrument's report."""
    with live_server.app.app_context():
        filled = services.fill(db.session.get(Report, report_id), "fr")
        for item in filled.rendered.items():
            answer = filled.answer(item)
            if item.visible and answer is not None and answer.source_kind == "reuse":
                found = (filled.tree.ancestors(item.node)[-1].id, item.field_name)
                db.session.remove()
                return found
    raise LookupError("nothing reused")


def test_reuse_prefill_delegate_submit_return_resubmit_accept_diff(
    new_page, sign_in, live_server, artifacts, mailbox
):
    report_id = _report_id(live_server, "FRA")
    party = new_page(locale="fr-FR")
    sign_in(party, FP_FRA)

    # answers given for AEWA, reused after a preview
    party.goto(f"/reports/{report_id}/")
    expect(party.locator("html")).to_have_attribute("lang", "fr")
    party.locator("#reuse-all-link").click()
    preview = party.locator("#preview tbody tr")
    expect(preview.first).to_contain_text("AEWA-MOP9")
    reused = preview.count()
    with party.expect_navigation():
        party.locator("#confirm-copy").click()
    expect(party.locator(".alert-success").first).to_contain_text(str(reused))
    assert _provenance(live_server, report_id) == {"reuse": reused}

    # where each came from, on the item itself
    section_id, field = _a_reused_answer(live_server, report_id)
    party.goto(f"/reports/{report_id}/sections/{section_id}#a-{field}")
    note = party.locator(f"#a-{field} .copy-note")
    expect(note).to_contain_text("AEWA-MOP9")

    # the previous cycle: pre-filled, then confirmed section by section
    party.goto(f"/reports/{report_id}/")
    party.locator("#prefill-link").click()
    expect(party.locator("#preview tbody tr").first).to_contain_text("CMS-COP14")
    with party.expect_navigation():
        party.locator("#confirm-copy").click()
    waiting = party.locator("#to-confirm tbody tr")
    expect(waiting.first).to_be_visible()
    while waiting.count():
        waiting.first.get_by_role("link").click()
        with party.expect_navigation():
            party.locator("#confirm-section [type=submit]").click()
        party.goto(f"/reports/{report_id}/to-confirm")
    expect(party.locator("#all-confirmed")).to_be_visible()
    assert _provenance(live_server, report_id).get("prefill", 0) > 0

    # a section delegated to contributor.fra, who is told by mail in French
    party.goto(f"/reports/{report_id}/people")
    party.locator("#assign-form select[name=section]").select_option(index=2)
    party.locator("#assign-form input[name=email]").fill("contributor.fra@demo.test")
    party.locator("#assign-form [type=submit]").click()
    expect(party.locator("#assignments")).to_contain_text("Julien Bernard")
    assert len(mailbox.to("contributor.fra@demo.test")) == 1
    with live_server.app.app_context():
        assert db.session.scalar(
            sa.select(sa.func.count()).where(
                Assignment.report_id == report_id, Assignment.withdrawn_at.is_(None)
            )
        )
        # what the walk does not type by hand: the remaining required answers
        make_ready(db.session.get(Report, report_id), auth_services.user_by_email(FP_FRA))
        db.session.commit()
        db.session.remove()

    _submit(party, report_id)
    assert _submissions(live_server, report_id) == [(1, None)]

    secretariat = new_page(locale="fr-FR")
    sign_in(secretariat, CMS_SEC)
    secretariat.goto(f"/reports/{report_id}/review")
    message = "Merci d’indiquer le nom complet de l’autorité administrative."
    secretariat.locator("#return-form textarea").fill(message)
    secretariat.locator("#return-form [type=submit]").click()
    expect(secretariat.locator("#decision")).to_contain_text(message)

    section_id, name, code = _first_text_item(live_server, report_id)
    party.goto(f"/reports/{report_id}/")
    expect(party.locator("#submission-status")).to_contain_text(message)
    party.goto(f"/reports/{report_id}/sections/{section_id}")
    before = party.locator(f"[name='{name}']").input_value()
    with party.expect_response(lambda r: r.url.endswith("/answers") and r.status == 200):
        party.locator(f"[name='{name}']").fill(CORRECTION)
    expect(party.locator("#save-status")).to_have_attribute("data-state", "saved")
    _submit(party, report_id)

    secretariat.goto(f"/reports/{report_id}/review")
    secretariat.locator("#accept-form [type=submit]").click()
    expect(secretariat.locator("#decision")).to_be_visible()
    assert _submissions(live_server, report_id) == [(1, "returned"), (2, "accepted")]

    secretariat.goto(f"/reports/{report_id}/submissions?a=1&b=2")
    rows = secretariat.locator("#diff tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_have_attribute("data-code", code)
    expect(rows.first.locator(".before")).to_contain_text(before)
    expect(rows.first.locator(".after")).to_contain_text(CORRECTION)
    secretariat.screenshot(path=artifacts / "done-walk-diff-fr-desktop.png", full_page=True)
