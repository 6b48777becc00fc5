"""account_invitations: a single-use link to choose a password, for an account opened by an
administrator's directory import

Revision ID: 0015_account_invitations
Revises: 0014_workbook_revisions
Create Date: 2026-12-07 17:45:00

Issue 18: admins import people and their roles from a file; each new account is mailed a link
(app/auth/invitations.py) that sets its password and signs the person in, once.
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0015_account_invitations"
down_revision = "0014_workbook_revisions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "account_invitations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("used_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_account_invitations_user_id_users"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_account_invitations")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_account_invitations_token_hash")),
    )
    with op.batch_alter_table("account_invitations") as batch_op:
        batch_op.create_index(
            batch_op.f("ix_account_invitations_user_id"), ["user_id"], unique=False
        )


def downgrade():
    with op.batch_alter_table("account_invitations") as batch_op:
        batch_op.drop_index(batch_op.f("ix_account_invitations_user_id"))
    op.drop_table("account_invitations")
