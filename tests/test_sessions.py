"""A session ends when its owner signs out, and every earlier one when the password changes or an
administrator deactivates the account: a copied session or remember cookie is then worthless
(issue 14: after logging out, the copied cookies still opened /dashboard)."""

from app.auth import services
from app.extensions import db
from tests.conftest import PASSWORD

EMAIL = "fp.ken@demo.test"


def signed_in(app, email=EMAIL, remember=True):
    client = app.test_client()
    data = {"email": email, "password": PASSWORD}
    if remember:
        data["remember"] = "y"
    assert client.post("/account/login", data=data).status_code == 302
    return client


def copy_of(app, source, names=("session", "remember_token")):
    """Another browser holding the cookies `names` of `source` (stolen, or a second tab)."""
    other = app.test_client()
    for name in names:
        cookie = source.get_cookie(name)
        assert cookie is not None, name
        other.set_cookie(name, cookie.value)
    return other


def opens_dashboard(client) -> bool:
    response = client.get("/dashboard")
    if response.status_code == 200:
        assert "Wanjiru Kamau" in response.text
        return True
    assert response.status_code == 302
    assert "/account/login" in response.headers["Location"]
    return False


def test_copied_cookies_work_while_the_session_lives(app, database):
    first = signed_in(app)
    assert opens_dashboard(copy_of(app, first))
    assert opens_dashboard(copy_of(app, first, ("remember_token",)))


def test_logging_out_ends_the_copied_session_and_remember_cookies(app, database):
    first = signed_in(app)
    both = copy_of(app, first)
    session_only = copy_of(app, first, ("session",))
    remember_only = copy_of(app, first, ("remember_token",))
    first.post("/account/logout")
    assert not opens_dashboard(first)
    assert not opens_dashboard(both)
    assert not opens_dashboard(session_only)
    assert not opens_dashboard(remember_only)


def test_logging_out_leaves_the_other_browsers_signed_in(app, database):
    laptop, phone = signed_in(app), signed_in(app)
    laptop.post("/account/logout")
    assert opens_dashboard(phone)


def test_password_change_ends_every_other_session_and_keeps_this_one(app, database):
    here, elsewhere = signed_in(app), signed_in(app)
    copied = copy_of(app, here)
    remembered = copy_of(app, here, ("remember_token",))
    response = here.post(
        "/account/password",
        data={"current": PASSWORD, "password": "new-password-123", "confirm": "new-password-123"},
    )
    assert response.status_code == 302
    assert opens_dashboard(here)
    assert opens_dashboard(copy_of(app, here, ("remember_token",)))  # still remembered here
    assert not opens_dashboard(elsewhere)
    assert not opens_dashboard(copied)
    assert not opens_dashboard(remembered)


def test_deactivation_ends_every_session(app, database):
    first = signed_in(app, "fp.sen@demo.test")
    remembered = copy_of(app, first, ("remember_token",))
    with app.app_context():
        services.set_active(services.user_by_email("fp.sen@demo.test"), False)
        db.session.commit()
        services.set_active(services.user_by_email("fp.sen@demo.test"), True)
        db.session.commit()
    assert first.get("/dashboard").status_code == 302
    assert remembered.get("/dashboard").status_code == 302


def test_account_page_counts_other_sessions_and_ends_them(app, database):
    here = signed_in(app)
    page = here.get("/account/")
    assert "You are signed in on this device only." in page.text
    phone, tablet = signed_in(app), signed_in(app)
    page = here.get("/account/")
    assert "You are also signed in on 2 other devices or browsers." in page.text
    response = here.post("/account/sessions/end-others", follow_redirects=True)
    assert "You are signed out everywhere else." in response.text
    assert "You are signed in on this device only." in response.text
    assert opens_dashboard(here)
    assert not opens_dashboard(phone)
    assert not opens_dashboard(tablet)


def test_an_expired_session_signs_nobody_in(app, database):
    client = signed_in(app)
    with app.app_context():
        from app.auth.models import UserSession

        for row in db.session.scalars(db.select(UserSession)):
            row.expires_at = row.created_at
        db.session.commit()
    assert not opens_dashboard(client)
    assert not opens_dashboard(copy_of(app, client, ("remember_token",)))


def test_a_forged_or_old_style_cookie_signs_nobody_in(app, database):
    client = signed_in(app)
    with app.app_context():
        user = services.user_by_email(EMAIL)
        old_style = f"{user.id}:{user.session_version}"  # what cookies carried before
    for value in (old_style, f"{client.get_cookie('session').value}", "1:", ":x", "１:x"):
        forged = app.test_client()
        with forged.session_transaction() as session:
            session["_user_id"] = value
        assert not opens_dashboard(forged)
