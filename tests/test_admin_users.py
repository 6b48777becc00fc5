"""Admins manage accounts and roles in the UI; every change lands in the audit log."""

import re

import pytest
import sqlalchemy as sa

from app.audit.models import AuditEvent
from app.auth import services
from app.auth.models import Role
from app.directory import services as directory
from app.extensions import db


def test_admin_creates_an_account_which_receives_a_link(client, auth, app, mailbox):
    auth.login("admin@demo.test")
    response = client.post(
        "/admin/users/new",
        data={"email": "Nouveau.Expert@Demo.test", "name": "Nadia Expert", "locale": "es"},
        follow_redirects=True,
    )
    assert "The account is created" in response.text
    (message,) = mailbox.to("nouveau.expert@demo.test")
    assert message["Subject"] == "Su cuenta de Family ORS"  # in the new user's language
    link = re.search(r"/account/reset/\S+", message.get_content()).group(0)
    auth.logout()
    data = {"password": "chosen-password-1", "confirm": "chosen-password-1"}
    assert client.post(link, data=data).status_code == 302
    assert auth.login("nouveau.expert@demo.test", "chosen-password-1").status_code == 302


def test_duplicate_account_is_refused_with_a_message(client, auth):
    auth.login("admin@demo.test")
    response = client.post(
        "/admin/users/new", data={"email": "FP.KEN@demo.test", "name": "Dup", "locale": ""}
    )
    assert "An account with this e-mail address already exists." in response.text


def test_grant_revoke_and_deactivate_are_audited(client, auth, app):
    with app.app_context():
        user = services.create_user("expert@demo.test", "Expert")
        db.session.commit()
        user_id = user.id
    auth.login("admin@demo.test")
    client.post(
        f"/admin/users/{user_id}/grants",
        data={"g-role": "focal_point", "g-instrument": "CMS", "g-party": "KEN"},
    )
    client.post(f"/admin/users/{user_id}/active", data={"active": "0"})
    with app.app_context():
        user = db.session.get(type(user), user_id)
        assert [(g.role, g.instrument.code, g.party.code) for g in user.grants] == [
            ("focal_point", "CMS", "KEN")
        ]
        assert not user.active
        grant_id = user.grants[0].id
    client.post(f"/admin/users/{user_id}/grants/{grant_id}/revoke")
    page = client.get("/admin/audit/")
    for action in ("role.grant", "user.deactivate", "role.revoke"):
        assert action in page.text
    with app.app_context():
        actors = db.session.scalars(
            sa.select(AuditEvent).where(
                AuditEvent.target_id == user_id, AuditEvent.target_type == "user"
            )
        ).all()
        assert {e.actor.email for e in actors if e.actor} == {"admin@demo.test"}


def test_grant_with_a_wrong_scope_is_refused(client, auth, app):
    with app.app_context():
        user_id = services.user_by_email("fp.sen@demo.test").id
    auth.login("admin@demo.test")
    response = client.post(
        f"/admin/users/{user_id}/grants",
        data={"g-role": "focal_point", "g-instrument": "RAPTORS", "g-party": "FRA"},
        follow_redirects=True,
    )
    assert "This country is not a member of this instrument." in response.text
    response = client.post(
        f"/admin/users/{user_id}/grants",
        data={"g-role": "secretariat", "g-instrument": "", "g-party": ""},
        follow_redirects=True,
    )
    assert "This role needs an instrument." in response.text


def test_the_last_admin_keeps_the_role(ctx):
    admin = services.user_by_email("admin@demo.test")
    grant = next(g for g in admin.grants if g.role == Role.ADMIN)
    try:
        services.revoke_role(grant, actor=None)
    except services.AuthError as error:
        assert "last administrator" in str(error)
    else:
        raise AssertionError("the last admin lost the role")
    try:
        services.revoke_role(grant, actor=admin)
    except services.AuthError as error:
        assert "your own administrator role" in str(error)


def test_an_admin_cannot_deactivate_themselves(ctx):
    admin = services.user_by_email("admin@demo.test")
    with pytest.raises(services.AuthError, match="deactivate your own account"):
        services.set_active(admin, False, actor=admin)
    assert admin.active


def test_granting_twice_returns_the_same_grant(ctx):
    user = services.user_by_email("fp.ken@demo.test")
    scope = services.GrantScope(
        Role.FOCAL_POINT, directory.instrument_by_code("CMS"), directory.party_by_code("KEN")
    )
    assert services.grant_role(user, scope) is services.find_grant(user, scope)
    assert len(user.grants) == 3
