"""mail_outbox: every mail kept in the transaction of what it tells about, then sent through
the job queue, retried, and listed for the administrators when it cannot be sent; and an
export job's last sign of life, so that one whose worker was killed is shown as failed

Revision ID: 0016_mail_outbox
Revises: 0015_account_invitations
Create Date: 2026-12-07 23:25:46

Issue 19: mail goes out through the job queue with retries, never lost silently
(app/notify/mail.py); a worker killed mid-export leaves a job that is shown as failed, with
"Start it again" (app/analysis/jobs.py, check_stalled).
"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0016_mail_outbox"
down_revision = "0015_account_invitations"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("export_jobs") as batch_op:
        batch_op.add_column(sa.Column("touched_at", sa.DateTime(timezone=True), nullable=True))
    op.create_table(
        "outgoing_mails",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("recipient", sa.String(length=254), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("report_id", sa.Integer(), nullable=True),
        sa.Column("template", sa.String(length=60), nullable=False),
        sa.Column("locale", sa.String(length=10), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=10), server_default="queued", nullable=False),
        sa.Column("attempts", sa.Integer(), server_default="0", nullable=False),
        sa.Column("last_error", sa.String(length=500), server_default="", nullable=False),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('queued', 'sending', 'retrying', 'sent', 'failed')",
            name=op.f("ck_outgoing_mails_status"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_outgoing_mails_report_id_reports"),
            ondelete="SET NULL",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["users.id"],
            name=op.f("fk_outgoing_mails_user_id_users"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outgoing_mails")),
    )
    with op.batch_alter_table("outgoing_mails", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_outgoing_mails_report_id"), ["report_id"], unique=False
        )
        batch_op.create_index(
            "ix_outgoing_mails_status_due", ["status", "next_attempt_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outgoing_mails_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("outgoing_mails", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outgoing_mails_user_id"))
        batch_op.drop_index("ix_outgoing_mails_status_due")
        batch_op.drop_index(batch_op.f("ix_outgoing_mails_report_id"))

    op.drop_table("outgoing_mails")
    with op.batch_alter_table("export_jobs") as batch_op:
        batch_op.drop_column("touched_at")
