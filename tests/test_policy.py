"""Who may read and write what: one table of role × action × expected status.

A page of another country or another instrument answers 404 (its existence is not confirmed);
an admin page answers 403 to a signed-in user without the role; a visitor is sent to sign in.
"""

import pytest

from app import policy
from app.auth import services as auth_services
from app.directory import services as directory

ANON = None
ADMIN = "admin@demo.test"
CMS_SEC = "cms.secretariat@demo.test"
AEWA_SEC = "aewa.secretariat@demo.test"
RAPTORS_SEC = "raptors.secretariat@demo.test"
ANALYST = "analyst@demo.test"
FP_FRA = "fp.fra@demo.test"
FP_ESP = "fp.esp@demo.test"
FP_KEN = "fp.ken@demo.test"
FP_SEN = "fp.sen@demo.test"
CONTRIB_FRA = "contributor.fra@demo.test"
EVERYONE = [
    ADMIN,
    CMS_SEC,
    AEWA_SEC,
    RAPTORS_SEC,
    ANALYST,
    FP_FRA,
    FP_ESP,
    FP_KEN,
    FP_SEN,
    CONTRIB_FRA,
]


def table(url, expected: dict, default):
    """Rows for every demo account (and the visitor) with a default expectation."""
    rows = []
    for who in [ANON, *EVERYONE]:
        status = expected.get(who, 302 if who is ANON else default)
        rows.append(pytest.param(who, url, status, id=f"{url} as {who or 'visitor'}"))
    return rows


READS = [
    *table("/dashboard", {}, 200),
    *table("/account/", {}, 200),
    *table("/instruments/CMS/", {ANON: 200}, 200),
    *table("/admin/users/", {ADMIN: 200}, 403),
    *table("/admin/users/new", {ADMIN: 200}, 403),
    *table("/admin/instruments/", {ADMIN: 200}, 403),
    *table("/admin/instruments/CMS", {ADMIN: 200}, 403),
    *table("/admin/parties/", {ADMIN: 200}, 403),
    *table("/admin/parties/FRA", {ADMIN: 200}, 403),
    *table("/admin/audit/", {ADMIN: 200}, 403),
    *table("/admin/mail/", {ADMIN: 200}, 403),
    *table("/instruments/CMS/focal-points", {ADMIN: 200, CMS_SEC: 200, ANALYST: 200}, 404),
    *table("/instruments/AEWA/focal-points", {ADMIN: 200, AEWA_SEC: 200, ANALYST: 200}, 404),
    *table(
        "/parties/FRA",
        {ADMIN: 200, CMS_SEC: 200, AEWA_SEC: 200, ANALYST: 200, FP_FRA: 200, CONTRIB_FRA: 200},
        404,
    ),
    *table(
        "/parties/KEN",
        {ADMIN: 200, CMS_SEC: 200, AEWA_SEC: 200, RAPTORS_SEC: 200, ANALYST: 200, FP_KEN: 200},
        404,
    ),
]


@pytest.mark.parametrize(("who", "url", "status"), READS)
def test_reads(client, auth, who, url, status):
    if who:
        auth.login(who)
    response = client.get(url)
    assert response.status_code == status
    if status == 302:
        assert "/account/login" in response.headers["Location"]


def _writes():
    rows = []
    for who in [ANON, *EVERYONE]:
        expected = 302 if who is ANON else (None if who == ADMIN else 403)
        for url, data in [
            ("/admin/users/new", {"email": "x@demo.test", "name": "X"}),
            ("/admin/instruments/new", {"code": "NEW", "kind": "mou", "name_en": "New"}),
            ("/admin/instruments/CMS/memberships", {"m-party": "USA", "m-status": "party"}),
            ("/admin/parties/FRA", {"name_en": "Renamed", "region": "europe"}),
        ]:
            rows.append(pytest.param(who, url, data, expected, id=f"POST {url} as {who}"))
    return rows


@pytest.mark.parametrize(("who", "url", "data", "status"), _writes())
def test_admin_writes(client, auth, who, url, data, status):
    if who:
        auth.login(who)
    response = client.post(url, data=data)
    if status is None:  # the admin: accepted (redirect after a successful POST)
        assert response.status_code in (200, 302)
    else:
        assert response.status_code == status


def test_grant_and_revoke_are_refused_to_non_admins(app, client, auth):
    with app.app_context():
        target = auth_services.user_by_email(FP_SEN)
        grant_id = target.grants[0].id
        user_id = target.id
    auth.login(CMS_SEC)
    assert (
        client.post(f"/admin/users/{user_id}/grants", data={"g-role": "admin"}).status_code == 403
    )
    response = client.post(f"/admin/users/{user_id}/grants/{grant_id}/revoke")
    assert response.status_code == 403
    assert client.post(f"/admin/users/{user_id}/active", data={"active": "0"}).status_code == 403
    with app.app_context():
        assert len(auth_services.user_by_email(FP_SEN).grants) == 2


@pytest.mark.parametrize(
    ("who", "party", "allowed", "hidden"),
    [
        (FP_FRA, "FRA", True, False),
        (FP_FRA, "ESP", False, True),
        (CMS_SEC, "SEN", True, False),
        (RAPTORS_SEC, "FRA", False, True),
        (CONTRIB_FRA, "FRA", True, False),
        (CONTRIB_FRA, "KEN", False, True),
    ],
)
def test_policy_decisions_carry_reasons(ctx, who, party, allowed, hidden):
    user = auth_services.user_by_email(who)
    decision = policy.decide(user, "party.view", directory.party_by_code(party))
    assert decision.allowed is allowed
    assert decision.hidden is hidden
    assert decision.reason


def test_unknown_action_and_visitor_are_denied(ctx):
    admin = auth_services.user_by_email(ADMIN)
    assert not policy.decide(admin, "no.such.action")
    assert not policy.decide(None, "dashboard.view")


def test_deactivated_admin_has_no_rights(ctx):
    admin = auth_services.user_by_email(ADMIN)
    admin.active = False
    assert not policy.decide(admin, "users.manage")
