"""Cross-cutting behaviour of every page: headers, error pages, health check, forms."""

import re

import pytest
from sqlalchemy.exc import OperationalError

from app.extensions import db
from tests.conftest import production_environment


def test_security_headers_on_every_response(client):
    response = client.get("/account/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"


def test_pages_have_no_inline_script(client, auth):
    auth.login("admin@demo.test")
    for url in ["/", "/dashboard", "/admin/users/", "/admin/instruments/CMS", "/account/"]:
        text = client.get(url, follow_redirects=True).text
        assert "<script>" not in text and "onclick=" not in text


def test_assets_are_served_locally(client):
    text = client.get("/account/login").text
    assert "/bootstrap/static/css/bootstrap.min.css" in text
    assert "cdn." not in text and "https://" not in text.split("<footer")[0].split("</head>")[0]
    with client.get("/bootstrap/static/css/bootstrap.min.css") as css:
        assert css.status_code == 200


def test_pages_scripts_and_styles_travel_compressed(client, auth):
    """A focal point on a slow line downloads a section, its script and the styles gzipped."""
    import gzip

    auth.login("fp.sen@demo.test")
    plain = client.get("/reports/")
    packed = client.get("/reports/", headers={"Accept-Encoding": "gzip"})
    assert packed.headers["Content-Encoding"] == "gzip"
    # The same page, but for its form tokens: they carry the second they were signed in.
    token = re.compile(r'name="csrf_token" value="[^"]*"')
    assert token.sub("", gzip.decompress(packed.data).decode()) == token.sub("", plain.text)
    # a third before issue 17; the page has since lost the indentation that packed best
    assert len(packed.data) < len(plain.data) / 2.5
    for asset in ("/static/js/autosave.js", "/bootstrap/static/css/bootstrap.min.css"):
        with client.get(asset, headers={"Accept-Encoding": "gzip"}) as response:
            assert response.headers.get("Content-Encoding") == "gzip", asset
            assert gzip.decompress(response.get_data()).startswith((b"/*", b"@charset", b"/*!"))


def test_session_cookie_flags(client, auth):
    response = auth.login("fp.ken@demo.test")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "Page not found"), ("fr", "Page introuvable"), ("es", "Página no encontrada")],
)
def test_404_is_translated_in_the_layout(client, lang, title):
    response = client.get("/no/such/page", headers={"Accept-Language": lang})
    assert response.status_code == 404
    assert title in response.text
    assert f'<html lang="{lang}">' in response.text
    assert "Family ORS" in response.text


def test_413_400_and_500_pages(app, client, failing_app):
    app.config["MAX_CONTENT_LENGTH"] = 10
    try:
        response = client.post("/account/login", data={"email": "x" * 100})
        assert response.status_code == 413
        assert "File too large" in response.text
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 20 * 1024 * 1024
    assert client.post("/language", data={"lang": "zz"}).status_code == 400

    response = failing_app.test_client().get("/_boom", headers={"Accept-Language": "es"})
    assert response.status_code == 500
    assert '<html lang="es">' in response.text


def test_healthz_reports_a_database_failure(app, client, monkeypatch):
    def broken(*args, **kwargs):
        raise OperationalError("SELECT 1", {}, Exception("connection refused"))

    with app.app_context():
        monkeypatch.setattr(type(db.session()), "execute", broken)
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "error", "database": "error"}


def test_csrf_is_enforced_outside_tests(app, db_url):
    from tests.conftest import make_test_app

    protected = make_test_app(db_url, WTF_CSRF_ENABLED=True)
    response = protected.test_client().post(
        "/account/login", data={"email": "fp.ken@demo.test", "password": "ors-demo-2026"}
    )
    assert response.status_code == 400


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    from app import create_app
    from config import ConfigurationError

    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("DATABASE_URL", "postgresql://localhost/x")
    with pytest.raises(ConfigurationError, match="SECRET_KEY is not set"):
        create_app("production")


def test_production_cookies_are_secure(monkeypatch):
    from config import ProductionConfig

    monkeypatch.setenv("SECRET_KEY", "k3Q9vX2mT7pL4wZ8rN6bY1cF5hJ0dG3s")
    production_environment(monkeypatch)
    config = ProductionConfig()
    assert config.SESSION_COOKIE_SECURE and config.REMEMBER_COOKIE_SECURE
    assert not config.DEMO_ALLOWED
