"""Login is rate-limited per account and per address, with a translated 429 page."""

import pytest

from app.extensions import limiter
from tests.conftest import make_test_app


@pytest.fixture
def limited_app(app, db_url):
    limited = make_test_app(
        db_url,
        RATELIMIT_ENABLED=True,
        LOGIN_LIMIT_PER_ACCOUNT="3 per minute",
        LOGIN_LIMIT_PER_ADDRESS="6 per minute",
    )
    with limited.app_context():
        limiter.reset()
    yield limited
    with limited.app_context():
        limiter.reset()
    limiter.enabled = app.config["RATELIMIT_ENABLED"]  # the limiter is one object for all apps


def _attempt(client, email, address="10.0.0.1"):
    return client.post(
        "/account/login",
        data={"email": email, "password": "wrong-password"},
        environ_base={"REMOTE_ADDR": address},
        headers={"Accept-Language": "es"},
    )


def test_per_account_limit_applies_across_addresses(limited_app):
    client = limited_app.test_client()
    for i in range(3):
        assert _attempt(client, "fp.ken@demo.test", f"10.0.0.{i}").status_code == 200
    response = _attempt(client, "fp.ken@demo.test", "10.0.0.9")
    assert response.status_code == 429
    assert "Demasiados intentos" in response.text  # translated, in the site's layout
    assert "Family ORS" in response.text
    # Another account from a fresh address is not affected
    assert _attempt(client, "fp.sen@demo.test", "10.0.1.1").status_code == 200


def test_per_address_limit_applies_across_accounts(limited_app):
    client = limited_app.test_client()
    for i in range(6):
        assert _attempt(client, f"user{i}@demo.test", "10.0.2.1").status_code == 200
    assert _attempt(client, "user9@demo.test", "10.0.2.1").status_code == 429
