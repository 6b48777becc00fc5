"""Test fixtures, layered as app → database → client → auth (see ../shared/TESTING.md).

* The schema is built once per run with the Alembic migrations and the demo is loaded once.
* Each test runs inside a transaction that is rolled back at its end: requests of the test
  client commit to SAVEPOINTs of that transaction (pysqlite's own BEGIN is disabled for this).
* SQLite by default; TEST_DATABASE_URL selects PostgreSQL.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller
from flask_migrate import upgrade
from sqlalchemy import event

from app import create_app
from app.cli import ROOT, compile_catalogs
from app.demo import loader
from app.extensions import db
from tests import fuzz_client, fuzz_strategies  # noqa: F401 - registers the Hypothesis profiles

PASSWORD = loader.DEMO_PASSWORD


def pytest_sessionstart(session):
    """Compile the catalogs when a .mo is missing or older than its .po (a fresh clone, a pull
    that changed a .po), as `make` does: without them pages are not translated and the tests of
    French and Spanish pages fail for no fault of the code."""
    for po in (ROOT / "translations").glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            compile_catalogs()
            return


def pytest_collection_modifyitems(config, items):
    """The PostgreSQL restart drill (tests/test_fault_restart.py) belongs to the PostgreSQL
    pass: on SQLite it is deselected (not skipped: nothing is missing, it is the other pass's)."""
    if is_sqlite(os.environ.get("TEST_DATABASE_URL") or "sqlite"):
        kept = [item for item in items if item.get_closest_marker("postgres_restart") is None]
        if len(kept) != len(items):
            config.hook.pytest_deselected(items=[i for i in items if i not in kept])
            items[:] = kept


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# --- mail -----------------------------------------------------------------------------------------


@dataclass
class Mailbox:
    messages: list[EmailMessage] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd API
        message = message_from_bytes(envelope.content, policy=policy.default)
        with self.lock:
            self.messages.append(message)
        return "250 OK"

    def clear(self) -> None:
        with self.lock:
            self.messages.clear()

    def to(self, address: str) -> list[EmailMessage]:
        with self.lock:
            return [m for m in self.messages if address in m["To"]]


@pytest.fixture(scope="session")
def smtp():
    """A real SMTP server (aiosmtpd) on a free local port, collecting what the app sends."""
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller, mailbox
    controller.stop()


@pytest.fixture
def mailbox(smtp) -> Mailbox:
    box = smtp[1]
    box.clear()
    return box


# --- production settings -------------------------------------------------------------------------


def production_environment(monkeypatch) -> None:
    """What ProductionConfig requires besides SECRET_KEY, set to harmless values: tests that
    build it change one of them."""
    monkeypatch.setenv("DATABASE_URL", "postgresql://localhost/x")
    monkeypatch.setenv("MAIL_SERVER", "smtp.example.org")
    monkeypatch.setenv("MAIL_DEFAULT_SENDER", "Family ORS <ors@example.org>")


# --- Redis -------------------------------------------------------------------------------------


@pytest.fixture
def redis_url():
    """A Redis of this test's own, when the machine has one to start (.ci/run installs it)."""
    server = shutil.which("redis-server")
    if server is None:
        if os.environ.get("CI"):
            raise RuntimeError("redis-server is not installed (.ci/run installs it)")
        pytest.skip("redis-server is not installed")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [server, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        process.wait(10)


def run_worker(runner) -> None:
    """`flask analysis worker --burst`: the job queue emptied, then back (RQ's worker installs
    its own signal handlers; the test run's are put back)."""
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        result = runner.invoke(args=["analysis", "worker", "--burst"])
    finally:
        for number, handler in handlers.items():
            signal.signal(number, handler)
    assert result.exit_code == 0, result.output


# --- application and database ---------------------------------------------------------------


def database_url(tmp_path_factory) -> str:
    url = os.environ.get("TEST_DATABASE_URL")
    if url:
        return url
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def reset_postgres(url: str) -> None:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


_APPS: list = []


def make_test_app(url: str, **overrides):
    """An app on `url`; its connection pool is closed at the end of the run."""
    application = create_app("test", SQLALCHEMY_DATABASE_URI=url, **overrides)
    _APPS.append(application)
    return application


@pytest.fixture(scope="session", autouse=True)
def _dispose_engines():
    yield
    for application in _APPS:
        with application.app_context():
            for engine in db.engines.values():
                engine.dispose()


@pytest.fixture(scope="session")
def db_url(tmp_path_factory) -> str:
    url = database_url(tmp_path_factory)
    if not is_sqlite(url):
        reset_postgres(url)
    return url


@pytest.fixture(scope="session")
def app(db_url, smtp):
    """The application on a migrated database holding the demo (committed once)."""
    application = make_test_app(db_url, MAIL_PORT=smtp[0].port)
    with application.app_context():
        upgrade()
        loader.load()
        db.session.commit()
        db.session.remove()
        if is_sqlite(db_url):
            _savepoint_friendly_sqlite(db.engine)
    return application


def _savepoint_friendly_sqlite(engine: sa.Engine) -> None:
    """SQLAlchemy's documented recipe: let SQLAlchemy, not pysqlite, emit BEGIN."""

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection, connection_record):
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(conn):
        conn.exec_driver_sql("BEGIN")

    engine.dispose()


@pytest.fixture
def database(app):
    """Run the test inside one transaction, rolled back at the end.

    Every session the app opens (one per request) binds to the same connection and commits
    to a SAVEPOINT of the outer transaction.
    """
    with app.app_context():
        engines = db.engines
        engine = engines[None]
        connection = engine.connect()
        outer = connection.begin()
        engines[None] = connection
        factory = db.session.session_factory
        previous_mode = factory.kw.get("join_transaction_mode")
        factory.kw["join_transaction_mode"] = "create_savepoint"
        db.session.remove()
    try:
        yield connection
    finally:
        with app.app_context():
            db.session.remove()
            outer.rollback()
            connection.close()
            engines[None] = engine
            if previous_mode is None:
                factory.kw.pop("join_transaction_mode", None)
            else:
                factory.kw["join_transaction_mode"] = previous_mode


@contextmanager
def on_connection(application, connection):
    """Another app of the run (other settings) working in the test's transaction too."""
    with application.app_context():
        engine = db.engines[None]
        db.engines[None] = connection
    try:
        yield application
    finally:
        with application.app_context():
            db.session.remove()
            db.engines[None] = engine


@pytest.fixture
def ctx(app, database):
    """An application context for service tests; yields the session."""
    with app.app_context():
        yield db.session


@pytest.fixture
def empty_database_url(db_url, tmp_path):
    """A database with nothing in it, of the same kind as the suite's."""
    if is_sqlite(db_url):
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    name = f"test_empty_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(db_url.rsplit("/", 1)[0] + "/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    yield db_url.rsplit("/", 1)[0] + f"/{name}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def failing_app(db_url):
    """The application with a page that fails (/_boom), showing the error page as a visitor
    would meet it (exceptions not propagated to the test)."""
    failing = make_test_app(db_url, PROPAGATE_EXCEPTIONS=False)

    @failing.route("/_boom")
    def _boom():
        raise RuntimeError("boom")

    @failing.route("/_database_gone", methods=["GET", "POST"])
    def _database_gone():
        raise sa.exc.OperationalError(
            "SELECT 1", {}, ConnectionError("server closed the connection unexpectedly")
        )

    return failing


@pytest.fixture
def client(app, database):
    return app.test_client()


@pytest.fixture
def runner(app, database):
    return app.test_cli_runner()


class AuthActions:
    def __init__(self, client):
        self._client = client

    def login(self, email: str, password: str = PASSWORD, follow: bool = False):
        return self._client.post(
            "/account/login",
            data={"email": email, "password": password},
            follow_redirects=follow,
        )

    def logout(self):
        return self._client.post("/account/logout")


@pytest.fixture
def auth(client) -> AuthActions:
    return AuthActions(client)


def pytest_report_header(config):
    url = os.environ.get("TEST_DATABASE_URL", "sqlite (temporary file)")
    return f"database: {url.split('@')[-1]}"


def pytest_terminal_summary(terminalreporter):
    """What the property tests sent (the issue's closing note quotes these counts)."""
    tally = fuzz_client.TALLY
    if tally.generated or tally.visits:
        terminalreporter.write_sep("-", tally.summary())
        for line in tally.seen[:30]:
            terminalreporter.write_line(line)
