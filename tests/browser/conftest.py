"""Browser tests: Chromium (Playwright, sync API) against a live server.

* Each test module gets its own copy of the session's test database (which holds the migrated
  schema and the demo): the SQLite file is copied with the backup API, a PostgreSQL database is
  created with ``CREATE DATABASE … TEMPLATE``. The live app runs on it with CSRF enabled, served
  by werkzeug in a daemon thread, so the browser commits for real and nothing leaks into the
  transactional tests.
* Chromium is the system one (/usr/bin/chromium, or CHROMIUM_PATH). When it is missing the
  browser tests are skipped, unless REQUIRE_BROWSER=1 (CI), where they fail instead.
"""

from __future__ import annotations

import contextlib
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import Flask
from werkzeug.serving import make_server

from app.extensions import db
from config import database_url as driver_url
from tests.conftest import PASSWORD, free_port, is_sqlite, make_test_app

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"

DESKTOP = {"width": 1280, "height": 900}


def browser_required() -> bool:
    return os.environ.get("REQUIRE_BROWSER") == "1"


def chromium_missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not os.access(CHROMIUM, os.X_OK):
        return f"Chromium not found at {CHROMIUM} (set CHROMIUM_PATH, or install chromium)"
    return None


def pytest_collection_modifyitems(config, items):
    reason = chromium_missing()
    if reason is None or browser_required():
        return  # with REQUIRE_BROWSER=1 the `browser` fixture fails loudly instead
    skip = pytest.mark.skip(reason=f"{reason}; REQUIRE_BROWSER=1 turns this skip into a failure")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


# --- live server on a cloned database ------------------------------------------------------------


def _clone_name(module_name: str) -> str:
    short = re.sub(r"[^a-z0-9_]", "_", module_name.rsplit(".", 1)[-1].lower())
    return f"test_live_{short}_{os.getpid()}"[:63]


def _clone_sqlite(db_url: str, directory: Path) -> str:
    source = sa.engine.make_url(db_url).database
    target = directory / "live.db"
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
    return f"sqlite:///{target}"


def _admin_engine(db_url: str) -> sa.Engine:
    """An AUTOCOMMIT engine on the server's `postgres` database (CREATE/DROP DATABASE)."""
    url = sa.engine.make_url(driver_url(db_url)).set(database="postgres")
    return sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)


def _clone_postgres(app: Flask, db_url: str, name: str) -> str:
    template = sa.engine.make_url(db_url).database
    with app.app_context():
        db.engine.dispose()  # no pooled connection may hold the template open
    admin = _admin_engine(db_url)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(sa.text(f'CREATE DATABASE "{name}" TEMPLATE "{template}"'))
    finally:
        admin.dispose()
    return sa.engine.make_url(db_url).set(database=name).render_as_string(hide_password=False)


def _drop_postgres(db_url: str, name: str) -> None:
    admin = _admin_engine(db_url)
    try:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        admin.dispose()


@dataclass
class LiveServer:
    url: str
    app: Flask
    database_url: str

    def execute(self, sql: str, **params) -> None:
        """Commit a statement to the live database (to undo what a test changed)."""
        with self.app.app_context():
            db.session.execute(sa.text(sql), params)
            db.session.commit()
            db.session.remove()


@pytest.fixture(scope="module")
def live_server(request, app, db_url, smtp, tmp_path_factory) -> Iterator[LiveServer]:
    """The app served over HTTP on this module's own copy of the demo database."""
    if is_sqlite(db_url):
        clone_url = _clone_sqlite(db_url, tmp_path_factory.mktemp("live"))
        pg_name = None
    else:
        pg_name = _clone_name(request.module.__name__)
        clone_url = _clone_postgres(app, db_url, pg_name)
    live_app = make_test_app(clone_url, MAIL_PORT=smtp[0].port, WTF_CSRF_ENABLED=True)
    server = make_server("127.0.0.1", free_port(), live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{server.server_port}", live_app, clone_url)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
        with live_app.app_context():
            db.engine.dispose()
        if pg_name is not None:
            _drop_postgres(db_url, pg_name)


# --- Chromium ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser():
    reason = chromium_missing()
    if reason is not None:
        # Only reached with REQUIRE_BROWSER=1: otherwise collection has skipped the test.
        pytest.fail(f"REQUIRE_BROWSER=1 but {reason}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def browser_context_args(request) -> dict:
    """Options of the `page` fixture's context; parametrize indirectly to change them."""
    return {"viewport": DESKTOP, "locale": "en-GB", **getattr(request, "param", {})}


@pytest.fixture
def new_page(browser, live_server) -> Iterator[Callable[..., object]]:
    """Open a page in a fresh context (own cookies), e.g. new_page(locale="fr-FR")."""
    contexts = []

    def open_page(**options):
        options = {"viewport": DESKTOP, "locale": "en-GB", **options}
        context = browser.new_context(base_url=live_server.url, **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page, browser_context_args):
    return new_page(**browser_context_args)


@pytest.fixture
def sign_in() -> Callable[..., None]:
    """Sign in through the login form and wait for the dashboard."""

    def _sign_in(page, email: str, password: str = PASSWORD) -> None:
        page.goto("/account/login")
        page.locator("#email").fill(email)
        page.locator("#password").fill(password)
        page.locator("main form [type=submit]").click()
        page.wait_for_url("**/dashboard")

    return _sign_in


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where screenshots go (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
