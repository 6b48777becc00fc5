"""What the report pages say is true (issue 13): an answer's history says which revision was
a copy (reuse, pre-fill, with its source) or a confirmation; the validation report, the table
of contents and the submit page agree on one list of what stands between the report and its
submission; the report's audit trail holds every action on its answers and people, in words;
a submitted or accepted report shows no overdue warning. Through the HTTP client, as fp.fra
(French) and fp.esp (Spanish), on the demo."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from babel.dates import format_date
from flask_babel import force_locale

from app.auth import services as auth_services
from app.directory import services as directory
from app.extensions import db
from app.questionnaires import services as questionnaires
from app.reporting import completeness, delegation, prefill, reuse_copying, saving, services
from app.reporting.models import Report
from app.utils import utcnow
from tests.reporting_helpers import valid_raw

FP_FRA, FP_ESP = "fp.fra@demo.test", "fp.esp@demo.test"
CONTRIBUTOR = "contributor.fra@demo.test"


def user(email):
    return auth_services.user_by_email(email)


def report_of(code: str, party: str) -> Report:
    questionnaire = questionnaires.questionnaire_by_code(code)
    return db.session.scalar(
        sa.select(Report).where(
            Report.questionnaire_id == questionnaire.id,
            Report.party_id == directory.party_by_code(party).id,
        )
    )


def cell(filled, code: str, loop_key: str = ""):
    return next(
        i for i in filled.rendered.items() if i.node.code == code and i.loop_key == loop_key
    )


def section_of(filled, node_id: int) -> int:
    return next(t for t, i, _l in reuse_copying.cells(filled.rendered) if i.node.id == node_id)


def save(report, node, raw, who, loop_key: str = "", locale: str = "fr"):
    filled = services.fill(report, locale)
    current = filled.answers.get((node.id, loop_key))
    return saving.save_answer(
        filled,
        node,
        loop_key,
        saving.Change(raw=raw, raw_given=True),
        expected_version=current.version if current else 0,
        user=who,
        locale=locale,
    ).answer


def prefill_over_http(client, report_id: int) -> None:
    """Pre-fill the report from the previous cycle through its preview, as the person signed in."""
    preview = client.get(f"/reports/{report_id}/prefill").get_data(as_text=True)
    token = preview.split('name="expected" value="', 1)[1].split('"', 1)[0]
    done = client.post(f"/reports/{report_id}/prefill", data={"expected": token})
    assert done.headers["Location"].endswith(f"/reports/{report_id}/to-confirm")


def today_long(locale: str) -> str:
    return format_date(utcnow().date(), "long", locale=locale)


def rows_of(page: str, table_id: str) -> list[str]:
    body = page.split(f'id="{table_id}"', 1)[1].split("</tbody>", 1)[0]
    return body.split("<tbody>", 1)[1].split("<tr")[1:]


# --- the history of an answer -------------------------------------------------------------------


def test_history_says_which_revision_was_pre_filled_and_which_confirmed_in_french(
    client, auth, ctx
):
    report = report_of("CMS-COP15", "FRA")
    report_id = report.id
    db.session.commit()
    auth.login(FP_FRA)
    prefill_over_http(client, report_id)
    filled = services.fill(db.session.get(Report, report_id), "fr")
    _top, item, _label, answer = prefill.unconfirmed(filled)[0]
    node_id, loop_key, source = item.node.id, item.loop_key, answer.source
    source_code = source.report.questionnaire.code
    confirmed = client.post(
        f"/reports/{report_id}/confirm/{node_id}",
        query_string={"loop": loop_key or None, "v": answer.version},
    )
    assert confirmed.status_code == 302
    # the focal point then changes it, at once: this revision must not swallow the confirmation
    db.session.expire_all()
    changed = save(db.session.get(Report, report_id), item.node, valid_raw(item.node, filled),
                   user(FP_FRA), loop_key)  # fmt: skip
    db.session.commit()
    assert changed.source_kind is None  # the answer is the focal point's own now

    page = client.get(f"/reports/{report_id}/history/{node_id}", query_string={"loop": loop_key})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and '<html lang="fr"' in html
    own, confirmation, copy = rows_of(html, "revisions")
    assert 'data-kind="confirm"' in confirmation and "Françoise Lefèvre" in confirmation
    assert 'data-kind="prefill"' in copy
    assert source_code in copy and today_long("fr") in copy  # the source and its date
    assert "data-kind=" not in own


def test_history_says_which_revision_was_reused_and_from_where_in_spanish(client, auth, ctx):
    esp = user(FP_ESP)
    aewa = report_of("AEWA-MOP9", "ESP")
    filled = services.fill(report_of("CMS-COP15", "ESP"), "es")
    offered = reuse_copying.preview_all(filled, esp)
    assert offered, "the demo gives Spain answers to reuse from AEWA-MOP9"
    planned = offered[0]
    node_id, loop_key = planned.item.node.id, planned.item.loop_key
    report_id, source_id = filled.report.id, planned.source.answer.id
    assert planned.source.answer.report_id == aewa.id
    current = filled.answers.get((node_id, loop_key))
    db.session.commit()
    auth.login(FP_ESP)
    response = client.post(
        f"/reports/{report_id}/reuse/{node_id}",
        query_string={"loop": loop_key or None, "v": current.version if current else 0},
        data={"source": source_id},
    )
    assert response.status_code == 302
    html = client.get(
        f"/reports/{report_id}/history/{node_id}", query_string={"loop": loop_key}
    ).get_data(as_text=True)
    assert '<html lang="es"' in html
    (copy,) = rows_of(html, "revisions")
    assert 'data-kind="reuse"' in copy and "AEWA-MOP9" in copy and "AEWA" in copy
    source_date = format_date(planned.source.answer.updated_at.date(), "long", locale="es")
    assert source_date in copy


# --- one list of what stands between the report and its submission ------------------------------


def answer_the_rest(report, who, locale: str) -> None:
    """Answer every required visible item still missing or unreadable (not what waits for a
    confirmation: that is the point of the test)."""
    for _ in range(8):
        filled = services.fill(report, locale)
        found = [
            i
            for i in completeness.issues(filled, locale)
            if i.kind in (completeness.IssueKind.MISSING, completeness.IssueKind.INVALID)
        ]
        if not found:
            return
        for issue in found:
            raw = valid_raw(issue.item.node, filled)
            current = filled.answer(issue.item)
            change = (
                saving.Change(no_info=True)
                if raw is None
                else saving.Change(raw=raw, raw_given=True, no_info=False)
            )
            saving.save_answer(
                filled, issue.item.node, issue.item.loop_key, change,
                expected_version=current.version if current else 0, user=who, locale=locale,
            )  # fmt: skip
    raise AssertionError("the report could not be completed")


def anchors(html: str, list_id: str) -> list[str]:
    body = html.split(f'id="{list_id}"', 1)[1].split("</ol>", 1)[0]
    return re.findall(r'#(a-f-[0-9a-z_-]+)"', body)


def test_validation_contents_and_submit_page_agree_on_what_blocks_in_spanish(client, auth, ctx):
    report = report_of("CMS-COP15", "ESP")
    report_id = report.id
    db.session.commit()
    auth.login(FP_ESP)
    prefill_over_http(client, report_id)
    db.session.expire_all()
    report = db.session.get(Report, report_id)
    answer_the_rest(report, user(FP_ESP), "es")
    db.session.commit()
    filled = services.fill(report, "es")
    waiting = prefill.unconfirmed(filled)
    assert len(waiting) >= 3
    expected = sorted(f"a-{item.field_name}" for _t, item, _l, _a in waiting)
    waiting_sections = {top.node.id for top, *_rest in waiting}
    to_confirm = f'href="/reports/{report_id}/to-confirm"'

    validation = client.get(f"/reports/{report_id}/validation").get_data(as_text=True)
    assert '<html lang="es"' in validation
    assert 'id="nothing-blocks"' not in validation
    assert sorted(anchors(validation, "issues")) == expected
    assert to_confirm in validation

    contents = client.get(f"/reports/{report_id}/").get_data(as_text=True)
    for section_id in waiting_sections:
        entry = contents.split(f'/sections/{section_id}"', 1)[1].split("</li>", 1)[0]
        assert "state-complete" not in entry and "state-to_confirm" in entry
    assert f'href="/reports/{report_id}/validation"' in contents
    assert f">{len(expected)} " in contents.split('id="blocking"', 1)[1].split("</a>", 1)[0]

    submit = client.get(f"/reports/{report_id}/submit").get_data(as_text=True)
    assert sorted(anchors(submit, "blockers")) == expected
    assert to_confirm in submit.split('id="blockers-intro"', 1)[1]


# --- the audit trail ------------------------------------------------------------------------------


def test_the_audit_trail_holds_reuse_prefill_delegation_and_ready_in_french(client, auth, ctx):
    from app.reporting.review import AUDIT_LABELS

    fra = user(FP_FRA)
    report = report_of("CMS-COP15", "FRA")
    filled = services.fill(report, "fr")
    planned = reuse_copying.preview_all(filled, fra)[0]
    reuse_node, reuse_loop = planned.item.node.id, planned.item.loop_key
    report_id, source_id = report.id, planned.source.answer.id
    section = next(s for s in delegation.top_sections(report.questionnaire))
    db.session.commit()
    auth.login(FP_FRA)
    client.post(
        f"/reports/{report_id}/reuse/{reuse_node}",
        query_string={"loop": reuse_loop or None, "v": 0},
        data={"source": source_id},
    )
    prefill_over_http(client, report_id)
    db.session.expire_all()
    filled = services.fill(db.session.get(Report, report_id), "fr")
    _top, item, _label, answer = prefill.unconfirmed(filled)[0]
    client.post(
        f"/reports/{report_id}/confirm/{item.node.id}",
        query_string={"loop": item.loop_key or None, "v": answer.version},
    )
    delegated = client.post(
        f"/reports/{report_id}/people",
        data={"section": section.id, "email": CONTRIBUTOR, "locale": "fr"},
    )
    assert delegated.status_code == 302
    db.session.expire_all()
    assignment = next(
        a
        for a in delegation.assignments_of(db.session.get(Report, report_id), live_only=True)
        if a.section_id == section.id and a.contributor.email == CONTRIBUTOR
    )
    auth.logout()
    auth.login(CONTRIBUTOR)
    ready = client.post(
        f"/reports/{report_id}/assignments/{assignment.id}/ready", data={"ready": "1"}
    )
    assert ready.status_code == 302
    auth.logout()

    auth.login(FP_FRA)
    html = client.get(f"/reports/{report_id}/audit").get_data(as_text=True)
    assert '<html lang="fr"' in html
    rows = rows_of(html, "audit")
    kinds = [re.search(r'data-action="([a-z_.]+)"', row).group(1) for row in rows]
    for kind in ("answer.reuse", "report.prefill", "answer.confirm", "assignment.create",
                 "assignment.ready"):  # fmt: skip
        assert kind in kinds, kinds
    with force_locale("fr"):
        labels = {key: str(label) for key, label in AUDIT_LABELS.items()}
    for kind, row in zip(kinds, rows, strict=True):
        action = row.split("<td", 4)[3]
        assert kind in labels, f"no label for {kind}"
        assert labels[kind] in action and kind not in action.split(">", 1)[1]
    by_kind = dict(zip(kinds, rows, strict=True))
    assert "Julien Bernard" in by_kind["assignment.ready"]
    assert "Françoise Lefèvre" in by_kind["report.prefill"]
    assert "Françoise Lefèvre" in by_kind["assignment.create"]


# --- no overdue warning once submitted ------------------------------------------------------------


@pytest.mark.parametrize(("who", "party", "lang"), [(FP_FRA, "FRA", "fr"), (FP_ESP, "ESP", "es")])
def test_a_submitted_or_accepted_report_shows_no_overdue_warning(client, auth, ctx, who, party,
                                                                 lang):  # fmt: skip
    report = report_of("CMS-COP15", party)
    report.questionnaire.deadline = date.today() - timedelta(days=3)
    contributor_report = report_of("CMS-COP15", "FRA")
    db.session.commit()
    auth.login(who)
    before = client.get("/reports/").get_data(as_text=True)
    row = before.split(f'href="/reports/{report.id}/"', 1)[1].split("</tr>", 1)[0]
    assert "text-danger" in row  # still owed: the warning is true
    for status in ("submitted", "accepted"):
        report.status = status
        db.session.commit()
        page = client.get("/reports/").get_data(as_text=True)
        assert f'<html lang="{lang}"' in page
        row = page.split(f'href="/reports/{report.id}/"', 1)[1].split("</tr>", 1)[0]
        assert "text-danger" not in row and "overdue" not in row
    # a contributor's list of delegated sections says the same
    if party == "FRA":
        auth.logout()
        section = delegation.top_sections(contributor_report.questionnaire)[0]
        report.status = "in_progress"
        delegation.assign(report, section.id, CONTRIBUTOR, user(FP_FRA), "fr")
        report.status = "accepted"
        db.session.commit()
        auth.login(CONTRIBUTOR)
        page = client.get("/reports/").get_data(as_text=True)
        assert 'id="delegated"' in page
        row = page.split(f'href="/reports/{report.id}/"', 1)[1].split("</tr>", 1)[0]
        assert "text-danger" not in row and "overdue" not in row
