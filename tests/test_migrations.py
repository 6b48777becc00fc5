"""The migrations build the schema the models describe, and step down and up again."""

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import downgrade, upgrade

from app.extensions import db
from tests.conftest import make_test_app


def test_models_and_migrations_agree(app):
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        differences = compare_metadata(context, db.metadata)
    assert differences == [], f"models and migrations differ: {differences}"


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
