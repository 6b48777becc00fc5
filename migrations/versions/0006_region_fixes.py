"""regions: Spain in Europe, Chile and Ecuador in South and Central America and the Caribbean

Revision ID: 0006_region_fixes
Revises: 0005_submission_reuse_delegation
Create Date: 2026-11-23 12:05:00

Countries whose first time zone was an outlying island or enclave were filed under the wrong CMS
region (app/directory/regions.py now counts all their zones). Only the value the old rule gave is
corrected: a region an admin chose is left as it is.
"""
from alembic import op
import sqlalchemy as sa


revision = '0006_region_fixes'
down_revision = '0005_submission_reuse_delegation'
branch_labels = None
depends_on = None

FIXES = [("ESP", "africa", "europe"), ("CHL", "oceania", "scac"), ("ECU", "oceania", "scac")]


UPDATE = sa.text("UPDATE parties SET region = :new WHERE code = :code AND region = :old")


def upgrade():
    for code, wrong, right in FIXES:
        op.execute(UPDATE.bindparams(new=right, code=code, old=wrong))


def downgrade():
    for code, wrong, right in FIXES:
        op.execute(UPDATE.bindparams(new=wrong, code=code, old=right))
