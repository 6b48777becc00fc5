"""Analysis reads can go to a PostgreSQL replica (ANALYSIS_DATABASE_URL, app/extensions.py's
RoutingSession): the analysis pages and files read it, every other page and every write the
primary. The "replica" here is a copy of the test database in which France has another name,
so that what a page shows says which database it read."""

from __future__ import annotations

import json
import sqlite3
import subprocess

import pytest
import sqlalchemy as sa

from tests.conftest import PASSWORD, is_sqlite, make_test_app, on_connection
from tests.test_policy import ANALYST

MARK = "France (replica)"


@pytest.fixture
def replica_url(db_url, app, tmp_path):
    """A copy of the test database (its committed demo), France renamed in it."""
    if is_sqlite(db_url):
        source = sa.engine.make_url(db_url).database
        copy = tmp_path / "replica.db"
        with sqlite3.connect(source) as original, sqlite3.connect(copy) as target:
            original.backup(target)
        url = f"sqlite:///{copy}"
    else:
        parsed = sa.engine.make_url(db_url)
        admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as connection:
            connection.execute(sa.text("DROP DATABASE IF EXISTS test_replica"))
            connection.execute(sa.text("CREATE DATABASE test_replica"))
        admin.dispose()
        where = ["-h", parsed.host or "127.0.0.1", "-p", str(parsed.port or 5432),
                 "-U", parsed.username or "postgres"]  # fmt: skip
        dump = tmp_path / "test.dump"
        subprocess.run(["pg_dump", "-Fc", *where, "-f", str(dump), parsed.database], check=True)
        subprocess.run(
            ["pg_restore", "--no-owner", *where, "-d", "test_replica", str(dump)], check=True
        )
        url = str(parsed.set(database="test_replica").render_as_string(hide_password=False))
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        name = connection.execute(sa.text("SELECT name FROM parties WHERE code = 'FRA'")).scalar()
        renamed = {**(name if isinstance(name, dict) else json.loads(name))}
        renamed["en"] = MARK
        connection.execute(
            sa.update(sa.table("parties", sa.column("code"), sa.column("name", sa.JSON)))
            .where(sa.column("code") == "FRA")
            .values(name=renamed)
        )
    engine.dispose()
    yield url
    if not is_sqlite(db_url):
        admin = sa.create_engine(
            sa.engine.make_url(db_url).set(database="postgres"), isolation_level="AUTOCOMMIT"
        )
        with admin.connect() as connection:
            connection.execute(sa.text("DROP DATABASE IF EXISTS test_replica WITH (FORCE)"))
        admin.dispose()


@pytest.fixture
def replicated(replica_url, database):
    """The application with the replica configured, in the test's transaction on the primary."""
    application = make_test_app(database.engine.url.render_as_string(hide_password=False),
                                ANALYSIS_DATABASE_URL=replica_url)  # fmt: skip
    with on_connection(application, database):
        yield application


def _login(client, who: str) -> None:
    response = client.post("/account/login", data={"email": who, "password": PASSWORD})
    assert response.status_code == 302


def _sessions(connection) -> int:
    return connection.execute(sa.text("SELECT count(*) FROM user_sessions")).scalar()


def test_the_analysis_reads_the_replica_and_everything_else_the_primary(
    replicated, replica_url, database
):
    replica = sa.create_engine(replica_url)
    with replica.connect() as connection:
        replica_sessions = _sessions(connection)
    primary_sessions = _sessions(database)
    client = replicated.test_client()
    _login(client, ANALYST)  # a write: its session row goes to the primary only
    assert _sessions(database) == primary_sessions + 1
    with replica.connect() as connection:
        assert _sessions(connection) == replica_sessions
    replica.dispose()
    status = client.get("/analysis/CMS-COP15/export/status.csv?lang=en")
    assert status.status_code == 200
    assert MARK in status.text  # the analysis file read the replica
    party = client.get("/parties/FRA")
    assert party.status_code == 200 and MARK not in party.text  # not analysis: the primary
    # after the analysis request, the session reads the primary again
    with replicated.app_context():
        from app.directory import services as directory
        from app.i18n import translate

        with replicated.test_request_context(headers={"Accept-Language": "en"}):
            assert str(translate(directory.party_by_code("FRA").name)) != MARK
