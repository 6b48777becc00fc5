"""Submission and review: what blocks a submission, the snapshot (every language, hidden
answers flagged), submitting once even when asked twice, returning and accepting, the
difference between two submissions, receipts read from the SMTP server in each recipient's
language, and who may do what — through the services and through the HTTP client."""

from __future__ import annotations

import io
import json
import re

import pytest
import sqlalchemy as sa
from flask_babel import force_locale, gettext

from app.audit.models import AuditEvent
from app.extensions import db
from app.reporting import completeness, prefill, services, snapshots
from app.reporting import submission as sub
from app.reporting.errors import ReportingError
from app.reporting.models import Answer, Report, ReportStatus, Submission
from tests.reporting_helpers import TEXT, hide_an_answer, make_ready
from tests.test_reporting import (
    AEWA_SEC,
    ANALYST,
    CMS_SEC,
    CONTRIB,
    FP_ESP,
    FP_FRA,
    FP_SEN,
    autosave,
    first_item,
    report_of,
    save,
    user,
)

ADMIN = "admin@demo.test"


def submitted(code: str = "CMS-COP15", party: str = "FRA", who: str = FP_FRA, notify=False):
    """A report made ready through the services and submitted."""
    report = report_of(code, party)
    make_ready(report, user(who))
    return report, sub.submit(report, user(who), "fr", notify=notify)


def count_submissions(report_id: int) -> int:
    return db.session.scalar(sa.select(sa.func.count()).where(Submission.report_id == report_id))


def a_text_item(filled):
    """A visible text item outside loops (required ones first), for a one-answer change."""
    items = [
        i
        for i in filled.rendered.items()
        if i.visible and not i.loop_key and i.node.effective_type in ("short_text", "long_text")
    ]
    return sorted(items, key=lambda i: not i.node.required)[0]


# --- what blocks a submission --------------------------------------------------------------------


def test_blockers_are_the_validation_issues_and_the_unconfirmed_pre_filled_answers(ctx):
    report = report_of("CMS-COP15", "SEN")
    filled = services.fill(report, "fr")
    with force_locale("fr"):
        found = sub.blockers(filled, "fr")
        missing = gettext("A required answer is missing.")
    assert found and {b.kind for b in found} == {"missing"}
    assert all(b.message == missing for b in found)
    assert len(found) == len(completeness.issues(filled, "fr"))

    make_ready(report, user(FP_SEN))
    filled = services.fill(report, "fr")
    assert sub.blockers(filled, "fr") == []
    item = first_item(filled, "yes_no")
    answer = filled.answer(item)
    save(filled, item, "peut-être", answer.version if answer else 0, user(FP_SEN))  # unreadable
    other = a_text_item(filled)
    ctx.execute(
        sa.update(Answer)
        .where(Answer.id == filled.answer(other).id)
        .values(needs_confirmation=True, source_kind="prefill")
    )
    filled = services.fill(report, "fr")
    found = sub.blockers(filled, "fr")
    assert [(b.kind, b.item.field_name) for b in found] == sorted(
        [("invalid", item.field_name), ("unconfirmed", other.field_name)],
        key=lambda pair: filled.tree.order()[int(pair[1].split("-")[1])],
    )
    assert all(b.message for b in found)
    with pytest.raises(sub.NotReady) as refused:
        sub.submit(report, user(FP_SEN), "fr", notify=False)
    assert len(refused.value.blockers) == 2 and report.status == ReportStatus.IN_PROGRESS

    prefill.confirm(filled, other.node, "", user(FP_SEN))  # "still true"
    assert [b.kind for b in sub.blockers(services.fill(report, "fr"), "fr")] == ["invalid"]


def test_a_hidden_unconfirmed_answer_does_not_block(ctx):
    report = report_of("CMS-COP15", "SEN")
    make_ready(report, user(FP_SEN))
    hidden = hide_an_answer(report, user(FP_SEN))
    ctx.execute(
        sa.update(Answer)
        .where(Answer.report_id == report.id, Answer.node_id == hidden.node.id)
        .values(needs_confirmation=True, source_kind="prefill")
    )
    filled = services.fill(report, "fr")
    assert (hidden.node.id, "") in completeness.hidden_answers(filled)
    assert sub.blockers(filled, "fr") == []


# --- the snapshot --------------------------------------------------------------------------------


def test_snapshot_holds_every_text_in_three_languages_and_flags_hidden_answers(ctx):
    report = report_of("CMS-COP15", "FRA")
    make_ready(report, user(FP_FRA))
    conditional = hide_an_answer(report, user(FP_FRA))
    filled = services.fill(report, "en")
    loop_item = first_item(filled, "single_choice", loop=True)
    choice = loop_item.node.effective_config["choices"][0]["key"]
    save(filled, loop_item, choice, 0, user(FP_FRA))

    snap = snapshots.take(services.fill(report, "en"))
    assert snap["party"]["code"] == "FRA" and snap["questionnaire"]["code"] == "CMS-COP15"
    assert snap["instrument"]["working_languages"] == ["en", "fr", "es"]
    nodes = snapshots.nodes_by_id(snap)
    for node in snap["nodes"]:
        texts = node["title"] if node["kind"] == "section" else node["text"]
        assert {"en", "fr", "es"} <= set(texts), node
    choice_node = nodes[loop_item.node.id]
    assert all({"en", "fr", "es"} <= set(c["label"]) for c in choice_node["config"]["choices"])
    bank_node = next(n for n in snap["nodes"] if n["kind"] == "item" and n["bank"])
    assert bank_node["bank"]["code"] == bank_node["code"] and bank_node["bank"]["version"] >= 1

    answers = {(a["node_id"], a["loop_key"]): a for a in snap["answers"]}
    hidden = answers[(conditional.node.id, "")]
    assert hidden["hidden"] is True and hidden["value"] == "Réponse gardée"
    assert [conditional.node.id, ""] in snap["hidden_items"]
    assert not any(a["hidden"] for a in snap["answers"] if a is not hidden)
    in_loop = answers[(loop_item.node.id, loop_item.loop_key)]
    assert in_loop["value"] == choice
    assert {"en", "fr", "es"} <= set(in_loop["loop_label"]) and in_loop["loop_detail"]
    assert in_loop["provenance"] is None and in_loop["updated_by"] == "Françoise Lefèvre"
    bank_answer = next(a for a in snap["answers"] if a["bank_code"])
    assert bank_answer["bank_version"] == nodes[bank_answer["node_id"]]["bank"]["version"]
    # the snapshot is plain JSON, and what a submission stores
    assert json.loads(json.dumps(snap)) == snap


def test_texts_read_from_a_snapshot_are_those_it_was_submitted_with(ctx):
    report, first = submitted()
    node = next(n for n in report.questionnaire.nodes if n.code and n.answer_type == "short_text")
    before = dict(node.text)
    node.text = {**node.text, "fr": "Texte corrigé après la soumission"}
    ctx.flush()
    stored = snapshots.nodes_by_id(ctx.get(Submission, first.id).snapshot)[node.id]
    assert stored["text"]["fr"] == before["fr"] != node.text["fr"]


# --- submitting ----------------------------------------------------------------------------------


def test_submit_numbers_records_and_sends_a_receipt_in_the_recipients_language(ctx, mailbox):
    report = report_of("CMS-COP15", "FRA")
    with pytest.raises(sub.NotReady):
        sub.submit(report, user(FP_FRA), "fr")
    make_ready(report, user(FP_FRA))
    done = sub.submit(report, user(FP_FRA), "fr")
    assert done.number == 1 and done.submitted_by.email == FP_FRA
    assert report.status == ReportStatus.SUBMITTED and not report.is_editable
    assert done.snapshot["answers"] and done.snapshot["report"]["status"] == "submitted"
    event = ctx.scalar(
        sa.select(AuditEvent).where(
            AuditEvent.action == "report.submit", AuditEvent.target_id == report.id
        )
    )
    assert event.actor.email == FP_FRA and event.details["number"] == 1
    (receipt,) = mailbox.to(FP_FRA)
    body = receipt.get_content()
    assert "CMS-COP15" in receipt["Subject"]
    assert "Bonjour Françoise Lefèvre" in body and "Rapport national CMS pour la COP15" in body


def test_spanish_focal_point_gets_the_receipt_in_spanish(ctx, mailbox):
    report = report_of("CMS-COP15", "ESP")
    make_ready(report, user(FP_ESP), locale="es")
    sub.submit(report, user(FP_ESP), "es")
    (receipt,) = mailbox.to(FP_ESP)
    body = receipt.get_content()
    assert "Buenos días, Javier Martínez" in body and "Informe nacional" in body
    assert mailbox.to(FP_FRA) == []  # another party's focal point hears nothing


def test_a_second_submission_request_submits_nothing(ctx):
    report, first = submitted()
    with pytest.raises(sub.AlreadySubmitted):
        sub.submit(report, user(FP_FRA), "fr")
    assert count_submissions(report.id) == 1


def test_the_conditional_update_stops_a_request_that_read_the_report_before_the_other(ctx):
    """Two requests both saw the report open; the one whose UPDATE comes second finds it
    submitted and creates no second submission."""
    report = report_of("CMS-COP15", "FRA")
    make_ready(report, user(FP_FRA))
    ctx.execute(  # the other request's submission, behind this one's back
        sa.update(Report)
        .where(Report.id == report.id)
        .values(status="submitted")
        .execution_options(synchronize_session=False)
    )
    assert report.status == ReportStatus.IN_PROGRESS  # what this request read
    with pytest.raises(sub.AlreadySubmitted):
        sub.submit(report, user(FP_FRA), "fr", notify=False)
    assert count_submissions(report.id) == 0


def test_a_closed_questionnaire_cannot_be_submitted(ctx):
    report = report_of("CMS-COP14", "SEN")
    if report.status in ("submitted", "accepted"):
        with pytest.raises(sub.AlreadySubmitted):
            sub.submit(report, user(FP_SEN), "fr")
    else:
        with pytest.raises(ReportingError):
            sub.submit(report, user(FP_SEN), "fr")


# --- return, accept, resubmit, diff --------------------------------------------------------------


def test_return_resubmit_accept_and_the_difference_shows_exactly_the_correction(ctx, mailbox):
    report, first = submitted()
    with pytest.raises(ReportingError):
        sub.return_report(report, user(CMS_SEC), "   ")  # a message is required
    assert report.status == ReportStatus.SUBMITTED
    sub.return_report(report, user(CMS_SEC), "Merci de préciser la question 1.1.")
    assert report.status == ReportStatus.RETURNED and report.is_editable
    assert first.decision == "returned" and first.decided_by.email == CMS_SEC
    assert first.message == "Merci de préciser la question 1.1."
    (returned,) = mailbox.to(FP_FRA)
    assert "Merci de préciser la question 1.1." in returned.get_content()
    assert "Bonjour" in returned.get_content()
    with pytest.raises(ReportingError):
        sub.accept(report, user(CMS_SEC))  # only a submitted report

    filled = services.fill(report, "fr")
    item = a_text_item(filled)
    save(filled, item, "Office français de la biodiversité", filled.answer(item).version,
         user(FP_FRA))  # fmt: skip
    assert report.status == ReportStatus.IN_PROGRESS
    second = sub.submit(report, user(FP_FRA), "fr", notify=False)
    assert second.number == 2 and second.decision is None

    changes = sub.diff(first, second, "fr")
    assert [(d.node["id"], d.change, d.parts) for d in changes] == [
        (item.node.id, "changed", ["value"])
    ]
    assert changes[0].before == TEXT and changes[0].after == "Office français de la biodiversité"
    assert sub.diff(second, second, "fr") == []

    mailbox.clear()
    sub.accept(report, user(CMS_SEC))
    assert report.status == ReportStatus.ACCEPTED and second.decision == "accepted"
    assert len(mailbox.to(FP_FRA)) == 1
    with pytest.raises(ReportingError):
        sub.return_report(report, user(CMS_SEC), "Trop tard")
    actions = ctx.scalars(
        sa.select(AuditEvent.action)
        .where(AuditEvent.target_type == "report", AuditEvent.target_id == report.id)
        .order_by(AuditEvent.id)
    ).all()
    assert actions == ["report.submit", "report.return", "report.submit", "report.accept"]


def test_diff_shows_numbers_in_the_readers_format_comments_and_no_information(ctx):
    report, first = submitted(party="SEN", who=FP_SEN)
    sub.return_report(report, user(CMS_SEC), "Précisez.", notify=False)
    filled = services.fill(report, "fr")
    number = next(
        i for i in filled.rendered.items()
        if i.visible and not i.loop_key and i.node.effective_type == "number"
    )  # fmt: skip
    text = a_text_item(filled)
    save(filled, number, "12,5", (filled.answer(number).version if filled.answer(number) else 0),
         user(FP_SEN))  # fmt: skip
    save(filled, text, None, filled.answer(text).version, user(FP_SEN), comment="Source : 2024")
    second = sub.submit(report, user(FP_SEN), "fr", notify=False)
    changes = {d.node["id"]: d for d in sub.diff(first, second, "fr")}
    assert set(changes) == {number.node.id, text.node.id}
    assert changes[number.node.id].after.startswith("12,5")
    assert changes[text.node.id].parts == ["comment"]
    assert changes[text.node.id].comment_after == "Source : 2024"
    english = {d.node["id"]: d for d in sub.diff(first, second, "en")}
    assert english[number.node.id].after.startswith("12.5")


def test_secretariat_list_counts_reports_per_status(ctx):
    report, _first = submitted()
    instrument = report.questionnaire.instrument
    listing = sub.reports_of_instrument(instrument, report.questionnaire, lang="fr")
    owing = ctx.scalar(
        sa.select(sa.func.count()).where(Report.questionnaire_id == report.questionnaire_id)
    )
    assert listing.total == owing == len(listing.rows)
    assert listing.counts["submitted"] >= 1
    only = sub.reports_of_instrument(instrument, report.questionnaire, "submitted", "fr")
    assert {r.report.status for r in only.rows} == {"submitted"}
    row = next(r for r in only.rows if r.report.id == report.id)
    assert row.last_number == 1 and row.last_submitted_at is not None
    assert only.counts == listing.counts
    every = sub.reports_of_instrument(instrument)
    assert {r.report.questionnaire.instrument_id for r in every.rows} == {instrument.id}


# --- HTTP ----------------------------------------------------------------------------------------


def _ready_id(app, party="FRA", who=FP_FRA, submit=False) -> int:
    with app.app_context():
        report = report_of("CMS-COP15", party)
        make_ready(report, user(who))
        if submit:
            sub.submit(report, user(who), "fr", notify=False)
        db.session.commit()
        return report.id


def test_submit_page_lists_what_blocks_with_links(client, auth, app):
    with app.app_context():
        report_id = report_of("CMS-COP15", "KEN").id
    auth.login("fp.ken@demo.test")
    page = client.get(f"/reports/{report_id}/submit")
    assert page.status_code == 200 and 'id="blockers"' in page.text
    assert re.search(rf'href="/reports/{report_id}/sections/\d+#a-f-\d+', page.text)
    assert 'id="submit-form"' not in page.text
    refused = client.post(f"/reports/{report_id}/submit", data={"submit": "1"})
    assert refused.status_code == 200 and 'id="blockers"' in refused.text
    with app.app_context():
        assert count_submissions(report_id) == 0


def test_submit_through_the_page_twice_submits_once(client, auth, app, mailbox):
    report_id = _ready_id(app)
    auth.login(FP_FRA)
    page = client.get(f"/reports/{report_id}/submit")
    assert page.status_code == 200 and 'id="submit-form"' in page.text
    assert "Françoise Lefèvre" in page.text  # who gets the receipt
    done = client.post(f"/reports/{report_id}/submit", data={"submit": "1"}, follow_redirects=True)
    assert done.status_code == 200 and 'id="submission-status"' in done.text
    assert "Françoise Lefèvre" in done.text
    again = client.post(f"/reports/{report_id}/submit", data={"submit": "1"}, follow_redirects=True)
    with app.test_request_context(), force_locale("fr"):
        told = gettext("This report has already been submitted.")
    assert again.status_code == 200 and told in again.text
    with app.app_context():
        assert count_submissions(report_id) == 1
    assert len(mailbox.to(FP_FRA)) == 1
    # the report is read-only: no submit link, the form says so
    shown = client.get(f"/reports/{report_id}/")
    assert 'id="submit-link"' not in shown.text


SUBMIT_PAGE = [
    (FP_FRA, 200),
    (FP_SEN, 404),  # another party's focal point
    (CMS_SEC, 403),  # the secretariat reads but never submits
    (AEWA_SEC, 404),  # another instrument's secretariat
    (ANALYST, 404),  # not submitted: not visible to analysts
    (CONTRIB, 404),
    (ADMIN, 403),
]


@pytest.mark.parametrize(("who", "status"), SUBMIT_PAGE)
def test_who_may_submit(client, auth, app, who, status):
    with app.app_context():
        report_id = report_of("CMS-COP15", "FRA").id
    auth.login(who)
    assert client.get(f"/reports/{report_id}/submit").status_code == status
    posted = client.post(f"/reports/{report_id}/submit", data={"submit": "1"})
    assert posted.status_code == status
    with app.app_context():
        assert count_submissions(report_id) == 0


def _item_name(app, report_id: int, answer_type="long_text") -> str:
    with app.app_context():
        report = db.session.get(Report, report_id)
        return first_item(services.fill(report, "fr"), answer_type).field_name


def test_after_submission_the_party_writes_nothing(client, auth, app):
    report_id = _ready_id(app, submit=True)
    name = _item_name(app, report_id)
    auth.login(FP_FRA)
    assert autosave(client, report_id, name, "Après coup", version=1).status_code == 403
    upload = client.post(
        f"/reports/{report_id}/attachments",
        data={"field": name, f"u-{name}": (io.BytesIO(b"%PDF-1.4"), "a.pdf")},
        content_type="multipart/form-data",
    )
    assert upload.status_code == 403
    with app.app_context():
        report = db.session.get(Report, report_id)
        section_id = services.fill(report, "fr").rendered.sections[0].node.id
    section = client.post(f"/reports/{report_id}/sections/{section_id}", data={name: "x"})
    assert section.status_code == 403
    page = client.get(f"/reports/{report_id}/sections/{section_id}")
    assert page.status_code == 200 and 'data-readonly="1"' in page.text
    with app.app_context():
        values = db.session.scalars(
            sa.select(Answer.value).where(Answer.report_id == report_id)
        ).all()
        assert "Après coup" not in values and "x" not in values


def test_secretariat_cannot_write_answers_of_a_returned_report(client, auth, app):
    report_id = _ready_id(app, submit=True)
    name = _item_name(app, report_id)
    auth.login(CMS_SEC)
    returned = client.post(f"/reports/{report_id}/review/return", data={"message": "À revoir"})
    assert returned.status_code == 302
    assert autosave(client, report_id, name, "Par le secrétariat", 1).status_code == 403
    assert client.post(f"/reports/{report_id}/submit", data={"submit": "1"}).status_code == 403


ANALYST_READS = [(False, 404), (True, 200)]


@pytest.mark.parametrize(("is_submitted", "status"), ANALYST_READS)
def test_analyst_reads_submitted_reports_only(client, auth, app, is_submitted, status):
    report_id = _ready_id(app, submit=is_submitted)
    auth.login(ANALYST)
    assert client.get(f"/reports/{report_id}/").status_code == status
    assert client.get(f"/reports/{report_id}/submissions").status_code == status


REVIEW = [
    (CMS_SEC, 200, 302),
    (AEWA_SEC, 404, 404),
    (FP_FRA, 200, 403),  # the focal point reads the decision but makes none
    (FP_SEN, 404, 404),
    (ANALYST, 403, 403),
    (CONTRIB, 404, 404),
    (ADMIN, 200, 403),  # administrators read, the secretariat decides
]


@pytest.mark.parametrize(("who", "read", "decide"), REVIEW)
def test_who_reviews(client, auth, app, who, read, decide):
    report_id = _ready_id(app, submit=True)
    auth.login(who)
    assert client.get(f"/reports/{report_id}/review").status_code == read
    accepted = client.post(f"/reports/{report_id}/review/accept", data={"note": ""})
    assert accepted.status_code == decide
    with app.app_context():
        status = db.session.get(Report, report_id).status
    assert status == ("accepted" if decide == 302 else "submitted")


def test_return_needs_a_message_and_keeps_the_text_on_error(client, auth, app):
    report_id = _ready_id(app, submit=True)
    auth.login(CMS_SEC)
    empty = client.post(f"/reports/{report_id}/review/return", data={"message": "  "})
    with app.test_request_context(), force_locale("fr"):
        required = gettext("Write a message telling the party what to change.")
    assert empty.status_code == 422 and required in empty.text
    long = "Précisez la question 1.1. " + "x" * sub_max()
    too_long = client.post(f"/reports/{report_id}/review/return", data={"message": long})
    assert too_long.status_code == 422 and long in too_long.text
    with app.app_context():
        assert db.session.get(Report, report_id).status == "submitted"
    done = client.post(
        f"/reports/{report_id}/review/return",
        data={"message": "Précisez la question 1.1."},
        follow_redirects=True,
    )
    assert done.status_code == 200 and "Précisez la question 1.1." in done.text
    again = client.post(
        f"/reports/{report_id}/review/accept", data={"note": ""}, follow_redirects=True
    )
    assert again.status_code == 200  # a stale tab: told, nothing changes
    with app.app_context():
        assert db.session.get(Report, report_id).status == "returned"


def sub_max() -> int:
    from app.reporting.review import MESSAGE_MAX

    return MESSAGE_MAX


INSTRUMENT_LIST = [
    (CMS_SEC, 200),
    (ADMIN, 200),
    (AEWA_SEC, 404),
    (FP_FRA, 404),
    (ANALYST, 404),
]


@pytest.mark.parametrize(("who", "status"), INSTRUMENT_LIST)
def test_who_lists_an_instruments_reports(client, auth, app, who, status):
    auth.login(who)
    assert client.get("/reports/instruments/CMS/").status_code == status


def test_secretariat_list_filters_by_status(client, auth, app):
    report_id = _ready_id(app, submit=True)
    auth.login(CMS_SEC)
    page = client.get("/reports/instruments/CMS/?questionnaire=CMS-COP15&status=submitted")
    assert page.status_code == 200
    assert page.text.count("<tr data-party=") >= 1 and 'data-party="FRA"' in page.text
    assert f"/reports/{report_id}/review" in page.text
    assert 'data-party="SEN"' not in page.text
    everything = client.get("/reports/instruments/CMS/?questionnaire=CMS-COP15")
    assert 'data-party="SEN"' in everything.text
    assert client.get("/reports/instruments/CMS/?questionnaire=AEWA-MOP9").status_code == 404
    dashboard = client.get("/dashboard")
    assert "/reports/instruments/CMS/" in dashboard.text
    assert 'id="instrument-reports"' in client.get("/instruments/CMS/").text
    assert 'id="instrument-reports"' not in client.get("/instruments/AEWA/").text


SUBMISSION_PAGES = ["submissions", "audit", "print", "submissions/1/print"]
READERS = [
    (FP_FRA, 200),
    (CMS_SEC, 200),
    (ADMIN, 200),
    (FP_SEN, 404),
    (AEWA_SEC, 404),
    (ANALYST, 200),
    (CONTRIB, 404),
]


@pytest.mark.parametrize(("who", "status"), READERS)
def test_who_reads_submissions_audit_trail_and_print(client, auth, app, who, status):
    report_id = _ready_id(app, submit=True)
    auth.login(who)
    for page in SUBMISSION_PAGES:
        # analysts read what was submitted, not who did what (the audit trail)
        expected = (403 if page == "audit" else 200) if who == ANALYST else status
        assert client.get(f"/reports/{report_id}/{page}").status_code == expected, page


def test_submissions_page_compares_two_submissions(client, auth, app):
    with app.app_context():
        report, _first = submitted()
        sub.return_report(report, user(CMS_SEC), "Précisez.", notify=False)
        filled = services.fill(report, "fr")
        item = a_text_item(filled)
        save(filled, item, "Texte corrigé", filled.answer(item).version, user(FP_FRA))
        sub.submit(report, user(FP_FRA), "fr", notify=False)
        db.session.commit()
        report_id, code = report.id, item.node.code
    auth.login(CMS_SEC)
    page = client.get(f"/reports/{report_id}/submissions?a=1&b=2")
    assert page.status_code == 200 and "Précisez." in page.text
    rows = re.findall(r'<tr class="diff-(\w+)" data-code="([^"]+)"', page.text)
    assert rows == [("changed", code)]
    assert "<ins>Texte corrigé</ins>" in page.text and f"<del>{TEXT}</del>" in page.text
    assert client.get(f"/reports/{report_id}/submissions?a=2&b=2").status_code == 200
    bad = client.get(f"/reports/{report_id}/submissions?a=1&b=9")
    assert bad.status_code == 200 and 'role="alert"' in bad.text
    trail = client.get(f"/reports/{report_id}/audit")
    assert trail.text.count("<tr>") >= 4 and "Précisez." in trail.text


def test_print_view_in_each_language_and_the_snapshots_texts(client, auth, app):
    report_id = _ready_id(app, submit=True)
    with app.app_context():
        report = db.session.get(Report, report_id)
        node = next(n for n in report.questionnaire.nodes if n.code and n.answer_type)
        original = dict(node.text)
        node.text = {**node.text, "es": "Texto corregido después del envío"}
        db.session.commit()
    auth.login(FP_FRA)
    spanish = client.get(f"/reports/{report_id}/submissions/1/print?lang=es")
    assert spanish.status_code == 200 and '<html lang="es">' in spanish.text
    assert original["es"] in spanish.text and "Texto corregido" not in spanish.text
    assert TEXT in spanish.text  # answers as written
    live = client.get(f"/reports/{report_id}/print?lang=es")
    assert "Texto corregido después del envío" in live.text
    english = client.get(f"/reports/{report_id}/submissions/1/print?lang=en")
    assert original["en"] in english.text and '<html lang="en">' in english.text
    assert client.get(f"/reports/{report_id}/print?lang=de").status_code == 404
    assert client.get(f"/reports/{report_id}/submissions/7/print").status_code == 404


def test_pdf_of_a_submission(client, auth, app):
    report_id = _ready_id(app, submit=True)
    auth.login(CMS_SEC)
    pdf = client.get(f"/reports/{report_id}/submissions/1/print.pdf?lang=fr")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.data.startswith(b"%PDF") and len(pdf.data) > 5000
    assert "CMS-COP15-FRA-1-fr.pdf" in pdf.headers["Content-Disposition"]
