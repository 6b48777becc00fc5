"""The migrations build the schema the models describe, and step down and up again."""

import uuid

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from app.extensions import db
from tests.conftest import is_sqlite, make_test_app


def test_models_and_migrations_agree(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"models and migrations differ: {differences}"


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


def test_upgrade_from_empty_then_downgrade_one_step_and_back(app, empty_database_url):
    fresh = make_test_app(empty_database_url)
    with fresh.app_context():
        upgrade()
        tables = set(sa.inspect(db.engine).get_table_names())
        assert {"users", "role_grants", "instruments", "parties", "memberships"} <= tables
        head = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
        downgrade(revision="-1")
        db.session.remove()
        after = db.session.scalar(sa.text("SELECT version_num FROM alembic_version"))
        assert after != head
        upgrade()
        db.session.remove()
        assert db.session.scalar(sa.text("SELECT version_num FROM alembic_version")) == head
        db.session.remove()
        db.engine.dispose()


def test_revision_ids_fit_alembic_version_on_postgresql():
    """alembic_version.version_num is VARCHAR(32) on PostgreSQL: a longer revision id passes on
    SQLite and fails the upgrade on PostgreSQL."""
    import re
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "migrations" / "versions"
    ids = [
        re.search(r"^revision = ['\"]([^'\"]+)['\"]", path.read_text(), re.M).group(1)
        for path in folder.glob("*.py")
    ]
    assert len(ids) >= 8
    assert [i for i in ids if len(i) > 32] == []
