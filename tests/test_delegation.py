"""Delegation: a focal point delegates top-level sections of a report to contributors by e-mail
address; invitations (real mails, in the recipient's language, read from the aiosmtpd server)
with a single-use link; withdrawal; "ready for review"; who changed what; and the policy table of
what a contributor reaches — through the services and through the HTTP client."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

import pytest
import sqlalchemy as sa
from flask import current_app

from app import policy
from app.audit.models import AuditEvent
from app.auth import services as accounts
from app.auth.models import Role
from app.extensions import db
from app.questionnaires.models import Node
from app.reporting import delegation, facts, services
from app.reporting.models import Assignment, Invitation
from app.utils import utcnow
from tests.test_reporting import first_item, report_of, save

FP_FRA, FP_ESP, CONTRIB = "fp.fra@demo.test", "fp.esp@demo.test", "contributor.fra@demo.test"
CMS_SEC = "cms.secretariat@demo.test"
NEW = "experta.nueva@demo.test"
THREATS = {
    "en": "Threats and obstacles to migration",
    "fr": "Menaces et obstacles à la migration",
    "es": "Amenazas y obstáculos a la migración",
}


def user(email):
    return accounts.user_by_email(email)


def fra_report():
    return report_of("CMS-COP15", "FRA")


def section(report, number: str):
    return next(n for n in delegation.top_sections(report.questionnaire) if n.number == number)


def link_of(message) -> str:
    return re.search(r"https?://\S+/invitations/(\S+)", message.get_content()).group(0)


def token_of(message) -> str:
    return link_of(message).rsplit("/", 1)[-1]


def path_of(message) -> str:
    return "/invitations/" + token_of(message)


def item_in(filled, number: str, answer_type: str = "long_text"):
    """A visible item of that type in top-level section `number`, outside loops."""
    for rendered in filled.rendered.sections:
        if rendered.node.number != number:
            continue
        for item in rendered.items():
            if item.visible and item.node.effective_type == answer_type and not item.loop_key:
                return item
    raise LookupError((number, answer_type))


# --- services -------------------------------------------------------------------------------------


def test_an_existing_contributor_is_invited_in_their_own_language(ctx, mailbox):
    report, fp = fra_report(), user(FP_FRA)
    threats = section(report, "3")
    # the focal point picks Spanish in the form: an existing account keeps its own language
    done = delegation.assign(report, threats.id, "  Contributor.FRA@demo.test ", fp, "es")
    assert not done.new_account and done.locale == "fr"
    assert done.assignment.is_live and done.assignment.contributor.email == CONTRIB
    assert facts.sections_of(user(CONTRIB), report) == {threats.id}

    (message,) = mailbox.to(CONTRIB)
    body = message.get_content()
    assert "Julien Bernard" in body and THREATS["fr"] in body and "France" in body
    assert "Françoise Lefèvre" in body  # who invites
    # only a hash of the link's token is stored
    token = token_of(message)
    stored = ctx.scalar(sa.select(Invitation).where(Invitation.assignment_id == done.assignment.id))
    assert stored.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    lasts = stored.expires_at - stored.created_at
    assert lasts == timedelta(days=current_app.config["INVITATION_MAX_AGE_DAYS"])
    event = ctx.scalar(sa.select(AuditEvent).where(AuditEvent.action == "assignment.create"))
    assert event is not None and event.actor_id == fp.id and CONTRIB in event.summary


def test_a_new_address_gets_an_account_and_the_invitation_in_the_chosen_language(ctx, mailbox):
    report, fp = fra_report(), user(FP_FRA)
    done = delegation.assign(report, section(report, "3"), "Experta.Nueva@Demo.test", fp, "es")
    assert done.new_account and done.locale == "es"
    invited = user(NEW)
    assert invited is not None and invited.email == NEW and invited.locale == "es"
    assert delegation.is_pending(invited)  # nobody can sign in before the link is used
    assert accounts.authenticate(NEW, "") is None
    assert any(g.role == Role.CONTRIBUTOR and g.party_id == report.party_id for g in invited.grants)
    (message,) = mailbox.to(NEW)
    body = message.get_content()
    assert THREATS["es"] in body and "Francia" in body and THREATS["fr"] not in body


def test_a_new_address_defaults_to_the_focal_points_language(ctx, mailbox):
    report = fra_report()
    done = delegation.assign(report, section(report, "2"), NEW, user(FP_FRA))
    assert done.locale == "fr"
    (message,) = mailbox.to(NEW)
    assert "Protection juridique des espèces de l’Annexe I" in message.get_content()


@pytest.mark.parametrize(
    ("case", "field"),
    [
        ("self", "email"),
        ("subsection", "section"),
        ("item", "section"),
        ("other questionnaire", "section"),
        ("bad address", "email"),
        ("twice", "email"),
        ("closed report", None),
    ],
)
def test_refusals_carry_a_translated_message_and_change_nothing(ctx, mailbox, case, field):
    report, fp = fra_report(), user(FP_FRA)
    target, email = section(report, "3"), CONTRIB
    if case == "self":
        email = "FP.FRA@demo.test"
    elif case == "subsection":
        target = Node(
            questionnaire_id=report.questionnaire_id,
            parent_id=target.id,
            kind="section",
            title={"en": "Offshore wind"},
            number="3.9",
            position=99,
        )
        ctx.add(target)
        ctx.flush()
    elif case == "item":
        target = first_item(services.fill(report, "fr"), "long_text").node
    elif case == "other questionnaire":
        target = delegation.top_sections(report_of("AEWA-MOP9", "FRA").questionnaire)[0]
    elif case == "bad address":
        email = "julien.bernard@"
    elif case == "twice":
        delegation.assign(report, target, email, fp)
    elif case == "closed report":
        report = report_of("CMS-COP14", "FRA")
        target = delegation.top_sections(report.questionnaire)[0]
    before = ctx.scalar(sa.select(sa.func.count()).select_from(Assignment))
    mailbox.clear()
    with pytest.raises(delegation.DelegationError) as refused:
        delegation.assign(report, target, email, fp, "fr")
    assert refused.value.message and refused.value.field == field
    assert ctx.scalar(sa.select(sa.func.count()).select_from(Assignment)) == before
    assert mailbox.messages == []


def test_the_invitation_link_works_once_and_not_after_expiry(ctx, mailbox):
    report, fp = fra_report(), user(FP_FRA)
    delegation.assign(report, section(report, "3"), NEW, fp, "es")
    token = token_of(mailbox.to(NEW)[0])

    with pytest.raises(delegation.DelegationError) as short:
        delegation.accept_invitation(token, "María García", "short")
    assert short.value.field == "password" and "10" in short.value.message
    assert delegation.find_invitation(token)[1] == delegation.InvitationState.VALID  # not spent

    accepted = delegation.accept_invitation(token, "  María   García ", "una-clave-segura")
    assert accepted.name == "María García" and not delegation.is_pending(accepted)
    assert accounts.authenticate(NEW, "una-clave-segura") == accepted
    with pytest.raises(delegation.InvitationError) as again:
        delegation.accept_invitation(token, "Otra", "otra-clave-segura")
    assert again.value.state == delegation.InvitationState.USED
    assert accounts.authenticate(NEW, "una-clave-segura") == accepted  # unchanged

    mailbox.clear()
    delegation.assign(report, section(report, "5"), NEW, fp)
    late = token_of(mailbox.to(NEW)[0])
    invitation, _state = delegation.find_invitation(late)
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    with pytest.raises(delegation.InvitationError) as expired:
        delegation.accept_invitation(late)
    assert expired.value.state == delegation.InvitationState.EXPIRED
    with pytest.raises(delegation.InvitationError) as unknown:
        delegation.accept_invitation("not-a-token")
    assert unknown.value.state == delegation.InvitationState.UNKNOWN


def test_a_replayed_acceptance_cannot_spend_the_link_twice(ctx, mailbox):
    """The second of two concurrent uses read the link as unused: the conditional UPDATE
    refuses it anyway."""
    report = fra_report()
    delegation.assign(report, section(report, "3"), CONTRIB, user(FP_FRA))
    token = token_of(mailbox.to(CONTRIB)[0])
    invitation, _state = delegation.find_invitation(token)
    # another request spends it; this session still holds the link as it read it (unused)
    ctx.execute(
        sa.update(Invitation)
        .where(Invitation.id == invitation.id)
        .values(used_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    assert invitation.used_at is None
    with pytest.raises(delegation.InvitationError) as replay:
        delegation.accept_invitation(token)
    assert replay.value.state == delegation.InvitationState.USED


def test_withdrawal_removes_access_at_once_and_assigning_again_revives(ctx, mailbox):
    report, fp, contributor = fra_report(), user(FP_FRA), user(CONTRIB)
    threats = section(report, "3")
    done = delegation.assign(report, threats, CONTRIB, fp)
    token = token_of(mailbox.to(CONTRIB)[0])
    assignment = done.assignment
    ready_at = delegation.mark_ready(assignment, contributor) and assignment.ready_at
    assert ready_at is not None
    assert policy.decide(contributor, "section.fill", (report, threats.id))

    delegation.withdraw(assignment, fp)
    assert not assignment.is_live and facts.sections_of(contributor, report) == set()
    for action, target in [
        ("report.view", report),
        ("section.view", (report, threats.id)),
        ("section.fill", (report, threats.id)),
    ]:
        decision = policy.decide(contributor, action, target)
        assert not decision and decision.hidden
    assert not policy.decide(contributor, "reports.own")
    assert delegation.find_invitation(token)[1] == delegation.InvitationState.WITHDRAWN
    with pytest.raises(delegation.DelegationError):
        delegation.withdraw(assignment, fp)

    again = delegation.assign(report, threats, CONTRIB, fp)
    assert again.assignment.id == assignment.id and assignment.is_live
    assert assignment.ready_at is None
    actions = set(
        ctx.scalars(sa.select(AuditEvent.action).where(AuditEvent.target_type == "assignment"))
    )
    assert {"assignment.create", "assignment.ready", "assignment.withdraw"} <= actions


def test_ready_for_review_tells_the_focal_point_in_their_language(ctx, mailbox):
    report, fp, contributor = fra_report(), user(FP_FRA), user(CONTRIB)
    assignment = delegation.assign(report, section(report, "3"), CONTRIB, fp).assignment
    mailbox.clear()
    with pytest.raises(delegation.DelegationError):
        delegation.mark_ready(assignment, fp)  # only the contributor marks their section
    assert delegation.mark_ready(assignment, contributor) is True
    assert delegation.mark_ready(assignment, contributor) is False  # already marked
    (message,) = mailbox.to(FP_FRA)
    assert "Julien Bernard" in message.get_content()
    assert THREATS["fr"] in message.get_content()
    assert delegation.mark_ready(assignment, contributor, ready=False) is True
    assert assignment.ready_at is None


def test_who_changed_what_lists_contributors_not_focal_points(ctx, mailbox):
    report, fp, contributor = fra_report(), user(FP_FRA), user(CONTRIB)
    delegation.assign(report, section(report, "3"), CONTRIB, fp)
    filled = services.fill(report, "fr")
    theirs = item_in(filled, "3")
    mine = first_item(filled, "long_text")
    save(filled, theirs, "Éoliennes en mer : 12 parcs en projet", 0, contributor)
    save(filled, mine, "Réponse de la correspondante", 0, fp)
    groups = delegation.changes_by_contributors(report)
    assert [g.section.number for g in groups] == ["3"]
    (change,) = groups[0].changes
    assert change.item.id == theirs.node.id and change.user.email == CONTRIB and change.current
    save(filled, theirs, "Corrigé par la correspondante", 1, fp)
    (change,) = delegation.changes_by_contributors(report)[0].changes
    assert not change.current  # the focal point changed it since


# --- HTTP -----------------------------------------------------------------------------------------


def test_the_focal_point_delegates_from_the_people_page(client, auth, app, mailbox):
    with app.app_context():
        report = fra_report()
        report_id, threats = report.id, section(report, "3").id
    auth.login(FP_FRA)
    page = client.get(f"/reports/{report_id}/people")
    assert page.status_code == 200 and '<html lang="fr">' in page.text
    assert 'id="assign-form"' in page.text and THREATS["fr"] in page.text
    response = client.post(
        f"/reports/{report_id}/people",
        data={"section": str(threats), "email": NEW, "locale": "es"},
        follow_redirects=True,
    )
    assert response.status_code == 200 and NEW in response.text
    assert 'id="assignment-' in response.text
    (message,) = mailbox.to(NEW)
    assert THREATS["es"] in message.get_content()
    # a refusal keeps what was typed and says why, next to the field
    again = client.post(
        f"/reports/{report_id}/people",
        data={"section": str(threats), "email": FP_FRA, "locale": "fr"},
    )
    assert again.status_code == 200 and "is-invalid" in again.text
    assert f'value="{FP_FRA}"' in again.text


def test_a_new_contributor_opens_the_account_through_the_link(client, auth, app, mailbox):
    with app.app_context():
        report = fra_report()
        delegation.assign(report, section(report, "3"), NEW, user(FP_FRA), "es")
        db.session.commit()
        report_id = report.id
    path = path_of(mailbox.to(NEW)[0])
    page = client.get(path, headers={"Accept-Language": "en"})
    # the page speaks the language the invitation was written in
    assert page.status_code == 200 and '<html lang="es">' in page.text
    assert 'name="password"' in page.text and THREATS["es"] in page.text
    short = client.post(path, data={"name": "María", "password": "corta", "confirm": "corta"})
    assert short.status_code == 200 and "is-invalid" in short.text
    data = {"name": "María García", "password": "una-clave-segura", "confirm": "una-clave-segura"}
    done = client.post(path, data=data)
    assert done.status_code == 302 and done.headers["Location"].endswith(f"/reports/{report_id}/")
    contents = client.get(f"/reports/{report_id}/")  # signed in
    assert contents.status_code == 200 and THREATS["es"] in contents.text
    auth.logout()
    used = client.post(path, data=data)
    assert used.status_code == 410 and 'id="invitation-problem"' in used.text
    assert client.get("/invitations/not-a-token").status_code == 404


def test_an_existing_contributor_goes_on_to_sign_in(client, auth, app, mailbox):
    with app.app_context():
        report = fra_report()
        delegation.assign(report, section(report, "3"), CONTRIB, user(FP_FRA))
        db.session.commit()
        report_id = report.id
    path = path_of(mailbox.to(CONTRIB)[0])
    page = client.get(path)
    assert page.status_code == 200 and 'name="password"' not in page.text
    auth.login(FP_FRA)  # somebody else signed in: nothing is spent
    assert "contributor.fra@demo.test" in client.post(path).text
    auth.logout()
    onward = client.post(path)
    assert onward.status_code == 302 and "/account/login" in onward.headers["Location"]
    assert f"/reports/{report_id}/" in onward.headers["Location"].replace("%2F", "/")
    assert client.post(path).status_code == 410


# --- who reaches what -----------------------------------------------------------------------------


@pytest.fixture
def delegated(app, database, mailbox):
    """Section 3 of France's CMS-COP15 report delegated to contributor.fra; ids for the URLs."""
    with app.app_context():
        report = fra_report()
        done = delegation.assign(report, section(report, "3"), CONTRIB, user(FP_FRA))
        filled = services.fill(report, "fr")
        own, other = item_in(filled, "3"), first_item(filled, "long_text")
        assert delegation.top_section_id(other.node, filled.tree) != section(report, "3").id
        save(filled, other, "Réponse de la correspondante", 0, user(FP_FRA))
        db.session.commit()
        ids = {
            "report": report.id,
            "assignment": done.assignment.id,
            "s3": section(report, "3").id,
            "s1": section(report, "1").id,
            "own": own.field_name,
            "own_node": own.node.id,
            "other": other.field_name,
            "other_node": other.node.id,
            "aewa": report_of("AEWA-MOP9", "FRA").id,
            "sen": report_of("CMS-COP15", "SEN").id,
        }
    return ids


def _autosave(client, report_id, name, text="Réponse du contributeur"):
    body = {"field": name, f"p-{name}": "1", f"v-{name}": "0", name: text}
    return client.post(f"/reports/{report_id}/answers", data=body)


REACH = [
    ("my reports", "/reports/", 200),
    ("contents", "/reports/{report}/", 200),
    ("assigned section", "/reports/{report}/sections/{s3}", 200),
    ("other section", "/reports/{report}/sections/{s1}", 404),
    ("validation", "/reports/{report}/validation", 200),
    ("history, assigned section", "/reports/{report}/history/{own_node}", 404),  # no answer yet
    ("history, other section", "/reports/{report}/history/{other_node}", 404),
    ("people", "/reports/{report}/people", 403),
    ("another report of France", "/reports/{aewa}/", 404),
    ("another party's report", "/reports/{sen}/", 404),
]


@pytest.mark.parametrize(("what", "url", "status"), REACH, ids=[r[0] for r in REACH])
def test_what_a_contributor_reaches(client, auth, delegated, what, url, status):
    auth.login(CONTRIB)
    assert client.get(url.format(**delegated)).status_code == status


def test_a_contributor_sees_and_writes_only_their_section(client, auth, app, delegated):
    auth.login(CONTRIB)
    report_id = delegated["report"]
    contents = client.get(f"/reports/{report_id}/").text
    assert THREATS["fr"] in contents and "Informations générales" not in contents
    assert "Vous pouvez consulter ce rapport" not in contents  # they can fill
    section_page = client.get(f"/reports/{report_id}/sections/{delegated['s3']}").text
    assert 'id="mark-ready"' in section_page and "data-readonly" not in section_page
    assert f"/sections/{delegated['s1']}" not in section_page  # the jump list too
    assert "Informations générales" not in client.get(f"/reports/{report_id}/validation").text
    assert "Réponse de la correspondante" not in client.get(f"/reports/{report_id}/").text

    assert _autosave(client, report_id, delegated["own"]).status_code == 200
    assert _autosave(client, report_id, delegated["other"]).status_code == 404
    history = f"/reports/{report_id}/history/{delegated['own_node']}"
    assert client.get(history).status_code == 200
    # never submits, never delegates
    assert client.post(f"/reports/{report_id}/submit").status_code in (403, 404)
    people = client.post(f"/reports/{report_id}/people", data={"email": "x@demo.test"})
    assert people.status_code == 403
    with app.app_context():
        report, contributor = fra_report(), user(CONTRIB)
        assert not policy.decide(contributor, "report.submit", report)
        assert not policy.decide(contributor, "report.delegate", report)
        assert not policy.decide(contributor, "report.fill", report)


def test_after_withdrawal_everything_is_404(client, auth, app, delegated):
    auth.login(FP_FRA)
    url = f"/reports/{delegated['report']}/people/{delegated['assignment']}/withdraw"
    confirm = client.get(url)
    assert confirm.status_code == 200 and "Julien Bernard" in confirm.text
    assert client.post(url).status_code == 302
    auth.logout()
    auth.login(CONTRIB)
    for path in [
        "/reports/{report}/",
        "/reports/{report}/sections/{s3}",
        "/reports/{report}/validation",
    ]:
        assert client.get(path.format(**delegated)).status_code == 404
    assert _autosave(client, delegated["report"], delegated["own"]).status_code == 404
    assert client.get("/reports/").status_code == 403  # no report left to work on


def test_the_contributor_marks_the_section_ready(client, auth, app, delegated, mailbox):
    auth.login(CONTRIB)
    url = f"/reports/{delegated['report']}/assignments/{delegated['assignment']}/ready"
    response = client.post(url, data={"ready": "1"}, follow_redirects=True)
    assert response.status_code == 200 and 'id="ready-panel"' in response.text
    assert "alert-success" in response.text
    assert len(mailbox.to(FP_FRA)) == 1
    index = client.get("/reports/").text
    assert 'id="delegated"' in index and THREATS["fr"] in index
    auth.logout()
    auth.login(FP_FRA)
    people = client.get(f"/reports/{delegated['report']}/people").text
    assert "ready-badge" in people


@pytest.mark.parametrize(
    ("who", "method", "status"),
    [
        (FP_ESP, "GET", 404),  # a focal point of another party
        (FP_ESP, "POST", 404),
        (CMS_SEC, "GET", 403),  # the secretariat reads the report but delegates nothing
        (CMS_SEC, "POST", 403),
        (FP_FRA, "GET", 200),
    ],
)
def test_who_delegates(client, auth, app, mailbox, who, method, status):
    with app.app_context():
        report = fra_report()
        report_id, threats = report.id, section(report, "3").id
    auth.login(who)
    url = f"/reports/{report_id}/people"
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={"section": str(threats), "email": CONTRIB})
    assert response.status_code == status
    assert mailbox.to(CONTRIB) == []
