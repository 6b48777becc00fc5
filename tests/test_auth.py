"""Signing in and out, passwords, reset by e-mail, sessions that end."""

import re

import pytest

from app.auth import services
from app.extensions import db


def test_login_and_logout(client, auth):
    response = auth.login("fp.ken@demo.test")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/dashboard")
    page = client.get("/dashboard")
    assert "Wanjiru Kamau" in page.text
    auth.logout()
    assert client.get("/dashboard").status_code == 302


@pytest.mark.parametrize(
    ("email", "password"),
    [("fp.ken@demo.test", "wrong-password"), ("nobody@demo.test", "ors-demo-2026"), ("", "")],
)
def test_login_refused_with_one_message(client, auth, email, password):
    response = auth.login(email, password, follow=True)
    assert response.status_code == 200
    assert client.get("/dashboard").status_code == 302
    if email:
        assert "The e-mail address or the password is not correct." in response.text


def test_login_message_is_translated(client, auth):
    client.post("/language", data={"lang": "fr", "next": "/account/login"})
    response = auth.login("fp.ken@demo.test", "wrong-password", follow=True)
    assert "L’adresse électronique ou le mot de passe est incorrect." in response.text


def test_login_follows_only_local_next(client):
    data = {"email": "fp.ken@demo.test", "password": "ors-demo-2026"}
    response = client.post("/account/login?next=https://evil.example/", data=data)
    assert response.headers["Location"] == "/dashboard"


def test_login_returns_to_the_page_asked_for(client):
    response = client.get("/admin/users/")
    assert response.status_code == 302
    assert "/account/login?next=" in response.headers["Location"]
    data = {"email": "admin@demo.test", "password": "ors-demo-2026"}
    response = client.post(response.headers["Location"], data=data)
    assert response.headers["Location"] == "/admin/users/"


def test_deactivated_user_cannot_sign_in_and_is_signed_out(app, client, auth):
    auth.login("fp.sen@demo.test")
    with app.app_context():
        user = services.user_by_email("fp.sen@demo.test")
        services.set_active(user, False)
        db.session.commit()
    assert client.get("/dashboard").status_code == 302  # the live session ended
    auth.login("fp.sen@demo.test")
    assert client.get("/dashboard").status_code == 302


def test_change_password_then_sign_in_with_it(client, auth):
    auth.login("fp.ken@demo.test")
    response = client.post(
        "/account/password",
        data={
            "current": "ors-demo-2026",
            "password": "new-password-123",
            "confirm": "new-password-123",
        },
        follow_redirects=True,
    )
    assert "Your password is changed." in response.text
    assert client.get("/dashboard").status_code == 200  # still signed in
    auth.logout()
    assert auth.login("fp.ken@demo.test", "new-password-123").status_code == 302
    assert client.get("/dashboard").status_code == 200


def test_change_password_refuses_wrong_current_and_short_password(client, auth):
    auth.login("fp.ken@demo.test")
    response = client.post(
        "/account/password",
        data={"current": "nope", "password": "new-password-123", "confirm": "new-password-123"},
    )
    assert "The current password is not correct." in response.text
    response = client.post(
        "/account/password",
        data={"current": "ors-demo-2026", "password": "short", "confirm": "short"},
    )
    assert "The password must have at least 10 characters." in response.text


def _reset_link(message) -> str:
    body = message.get_content()
    return re.search(r"https?://\S+/account/reset/\S+", body).group(0)


def test_password_reset_by_mail_is_single_use(client, auth, mailbox):
    response = client.post(
        "/account/forgot", data={"email": "fp.fra@demo.test"}, follow_redirects=True
    )
    assert "a link to choose a new password is on its way" in response.text
    (message,) = mailbox.to("fp.fra@demo.test")
    # fp.fra prefers French: the mail is written in French
    assert message["Subject"] == "Réinitialiser votre mot de passe Family ORS"
    path = _reset_link(message).split("localhost", 1)[-1]
    assert client.get(path).status_code == 200
    data = {"password": "brand-new-pass-1", "confirm": "brand-new-pass-1"}
    assert client.post(path, data=data).status_code == 302
    assert auth.login("fp.fra@demo.test", "brand-new-pass-1").status_code == 302
    auth.logout()
    # The link is spent once used
    response = client.get(path, follow_redirects=True)
    assert "This link has expired or has already been used." in response.text


def test_password_reset_for_unknown_address_sends_nothing(client, mailbox):
    response = client.post(
        "/account/forgot", data={"email": "ghost@demo.test"}, follow_redirects=True
    )
    assert "a link to choose a new password is on its way" in response.text
    assert mailbox.messages == []


def test_reset_link_expires(app, ctx):
    user = services.user_by_email("fp.ken@demo.test")
    token = services.reset_token(user)
    assert services.user_for_reset_token(token) == user
    app.config["PASSWORD_RESET_MAX_AGE"] = -1
    try:
        assert services.user_for_reset_token(token) is None
    finally:
        app.config["PASSWORD_RESET_MAX_AGE"] = 3600


def test_passwords_are_argon2_hashes(ctx):
    user = services.user_by_email("fp.ken@demo.test")
    assert user.password_hash.startswith("$argon2id$")
    assert services.check_password(user, "ors-demo-2026")
    assert not services.check_password(user, "ors-demo-2027")
