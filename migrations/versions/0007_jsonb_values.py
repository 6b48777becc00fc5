"""answers, their revisions and submission snapshots as JSONB on PostgreSQL

Revision ID: 0007_jsonb_values
Revises: 0006_region_fixes
Create Date: 2026-12-06 18:00:00

Analysis groups and compares answers by value: JSONB compares by value whatever the key order
and can be indexed, where JSON is text. The revisions hold the same values as the answers and
take the same type. SQLite has one JSON type: nothing to do there.
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


revision = '0007_jsonb_values'
down_revision = '0006_region_fixes'
branch_labels = None
depends_on = None

COLUMNS = [
    ("answers", "value"),
    ("answers", "typed"),
    ("answer_revisions", "value"),
    ("answer_revisions", "typed"),
    ("submissions", "snapshot"),
]


def _retype(old, new, cast: str) -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for table, column in COLUMNS:
        op.alter_column(
            table, column, type_=new, existing_type=old, postgresql_using=f"{column}::{cast}"
        )


def upgrade():
    _retype(sa.JSON(), postgresql.JSONB(), "jsonb")


def downgrade():
    _retype(postgresql.JSONB(), sa.JSON(), "json")
