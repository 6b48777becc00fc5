"""Analysts and secretariats read the submitted reports of their instruments from a list, with
their print view and PDF: never a draft, never another instrument's report."""

from __future__ import annotations

import pytest

from app.auth import services as auth_services
from app.auth.models import Role
from app.directory import services as directory
from app.extensions import db
from app.reporting import services
from app.reporting import submission as sub
from tests.conftest import PASSWORD
from tests.reporting_helpers import make_ready
from tests.test_reporting import ANALYST, CMS_SEC, FP_FRA, report_of, user

AEWA_ANALYST = "aewa.analyst@test.example"
RAPTORS_SEC = "raptors.secretariat@demo.test"
DRAFT_TEXT = "Brouillon que nul analyste ne lit"
SUBMITTED_TEXT = "Réponse complète"  # tests/reporting_helpers.TEXT, given by make_ready


@pytest.fixture
def reports(app, database):
    """fp.fra's CMS-COP15 report submitted; its AEWA-MOP9 report a draft with a known answer;
    an analyst of AEWA only."""
    with app.app_context():
        submitted = report_of("CMS-COP15", "FRA")
        make_ready(submitted, user(FP_FRA))
        sub.submit(submitted, user(FP_FRA), "fr", notify=False)
        draft = report_of("AEWA-MOP9", "FRA")
        filled = services.fill(draft, "fr")
        item = next(
            i
            for i in filled.rendered.items()
            if i.visible and not i.loop_key and i.node.effective_type == "long_text"
        )
        from app.reporting import saving

        answer = filled.answer(item)
        saving.save_answer(
            filled,
            item.node,
            item.loop_key,
            saving.Change(raw=DRAFT_TEXT, raw_given=True),
            expected_version=answer.version if answer else 0,
            user=user(FP_FRA),
            locale="fr",
        )
        analyst = auth_services.create_user(AEWA_ANALYST, "Ana Lyste", PASSWORD, "fr")
        auth_services.grant_role(
            analyst,
            auth_services.GrantScope(Role.ANALYST, directory.instrument_by_code("AEWA")),
        )
        cms14 = next(r for r in _reports("CMS-COP14") if r.status == "accepted")
        db.session.commit()
        return {"submitted": submitted.id, "draft": draft.id, "cms14": cms14.id}


def _reports(code):
    from sqlalchemy import select

    from app.questionnaires import services as questionnaires
    from app.reporting.models import Report

    questionnaire = questionnaires.questionnaire_by_code(code)
    return db.session.scalars(select(Report).where(Report.questionnaire_id == questionnaire.id))


def test_the_analyst_lists_submitted_reports_with_print_and_pdf(client, auth, reports):
    auth.login(ANALYST)
    listing = client.get("/reports/submitted/")
    assert listing.status_code == 200
    rid = reports["submitted"]
    assert f'href="/reports/{rid}/submissions/1/print' in listing.text
    assert f'href="/reports/{rid}/submissions/1/print.pdf' in listing.text
    assert "CMS-COP14" in listing.text  # the previous cycle's accepted reports too
    assert f"/reports/{reports['draft']}/" not in listing.text
    dashboard = client.get("/dashboard")
    assert "/reports/submitted/" in dashboard.text


def test_the_analyst_reads_print_pdf_and_submissions_of_a_submitted_report(client, auth, reports):
    auth.login(ANALYST)
    rid = reports["submitted"]
    for page in ["submissions", "print", "submissions/1/print"]:
        response = client.get(f"/reports/{rid}/{page}?lang=fr")
        assert response.status_code == 200, page
        if "print" in page:
            assert SUBMITTED_TEXT in response.text, page
    pdf = client.get(f"/reports/{rid}/submissions/1/print.pdf?lang=en")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")
    # the audit trail (who did what, when) stays with the party and the secretariat
    assert client.get(f"/reports/{rid}/audit").status_code == 403


DRAFT_PAGES = ["", "print", "print.pdf", "submissions", "validation", "to-confirm"]


@pytest.mark.parametrize("who", [ANALYST, AEWA_ANALYST])
def test_an_analyst_never_sees_a_drafts_answers(client, auth, reports, who):
    auth.login(who)
    rid = reports["draft"]
    for page in DRAFT_PAGES:
        response = client.get(f"/reports/{rid}/{page}")
        assert response.status_code == 404, page
        assert DRAFT_TEXT.encode() not in response.data, page
    assert f"/reports/{rid}/" not in client.get("/reports/submitted/").text


def test_an_aewa_analyst_never_sees_cms_reports(client, auth, reports):
    auth.login(AEWA_ANALYST)
    listing = client.get("/reports/submitted/")
    assert listing.status_code == 200
    assert "CMS-COP" not in listing.text and SUBMITTED_TEXT not in listing.text
    for rid in (reports["submitted"], reports["cms14"]):
        for page in ["", "submissions", "print", "submissions/1/print", "submissions/1/print.pdf"]:
            response = client.get(f"/reports/{rid}/{page}")
            assert response.status_code == 404, (rid, page)
            assert SUBMITTED_TEXT.encode() not in response.data


def test_secretariats_list_their_instruments_submitted_reports_only(client, auth, reports):
    auth.login(CMS_SEC)
    cms = client.get("/reports/submitted/")
    assert cms.status_code == 200 and f"/reports/{reports['submitted']}/" in cms.text
    assert "RAPTORS-MOS4" not in cms.text
    auth.logout()
    auth.login(RAPTORS_SEC)
    raptors = client.get("/reports/submitted/")
    assert raptors.status_code == 200 and "RAPTORS-MOS4" in raptors.text
    assert "CMS-COP" not in raptors.text and f"/reports/{reports['submitted']}/" not in raptors.text


def test_focal_points_have_no_such_list(client, auth, reports):
    auth.login(FP_FRA)
    assert client.get("/reports/submitted/").status_code == 403
