"""submitted answers as rows of one tidy relation

Revision ID: 0010_submitted_answers
Revises: 0009_user_sessions
Create Date: 2026-12-06 23:47:12.312025

Every analysis page, export and (later) document, public page and API response reads the
official data of reports, their latest submissions, from one relation: a row per export cell of
each submitted answer (issue 15). The rows are written at submission; this revision fills them
from the snapshots already stored, with the same code (app/reporting/tidy.py).
"""

from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import Session

# revision identifiers, used by Alembic.
revision = "0010_submitted_answers"
down_revision = "0009_user_sessions"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "submitted_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("submission_id", sa.Integer(), nullable=False),
        sa.Column("report_id", sa.Integer(), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("questionnaire_id", sa.Integer(), nullable=False),
        sa.Column("instrument_id", sa.Integer(), nullable=False),
        sa.Column("cycle", sa.String(length=20), nullable=False),
        sa.Column("node_id", sa.Integer(), nullable=False),
        sa.Column("item_code", sa.String(length=40), server_default="", nullable=False),
        sa.Column("answer_type", sa.String(length=20), nullable=False),
        sa.Column("bank_code", sa.String(length=40), nullable=True),
        sa.Column("bank_version", sa.Integer(), nullable=True),
        sa.Column("loop_kind", sa.String(length=10), server_default="", nullable=False),
        sa.Column("loop_key", sa.String(length=80), server_default="", nullable=False),
        sa.Column("position", sa.Integer(), server_default="0", nullable=False),
        sa.Column("cell", sa.String(length=120), server_default="", nullable=False),
        sa.Column(
            "value",
            sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql"),
            nullable=True,
        ),
        sa.Column("value_text", sa.Text(), server_default="", nullable=False),
        sa.Column("number", sa.Float(), nullable=True),
        sa.Column("other", sa.Text(), server_default="", nullable=False),
        sa.Column("hidden", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("no_info", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("comment", sa.Text(), server_default="", nullable=False),
        sa.Column("provenance", sa.String(length=10), server_default="", nullable=False),
        sa.Column("reused_from", sa.String(length=40), server_default="", nullable=False),
        sa.Column("latest", sa.Boolean(), server_default=sa.true(), nullable=False),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["instruments.id"],
            name=op.f("fk_submitted_answers_instrument_id_instruments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["node_id"],
            ["questionnaire_nodes.id"],
            name=op.f("fk_submitted_answers_node_id_questionnaire_nodes"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["party_id"],
            ["parties.id"],
            name=op.f("fk_submitted_answers_party_id_parties"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["questionnaire_id"],
            ["questionnaires.id"],
            name=op.f("fk_submitted_answers_questionnaire_id_questionnaires"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_submitted_answers_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["submission_id"],
            ["submissions.id"],
            name=op.f("fk_submitted_answers_submission_id_submissions"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_submitted_answers")),
    )
    with op.batch_alter_table("submitted_answers", schema=None) as batch_op:
        batch_op.create_index("ix_submitted_answers_bank", ["bank_code", "latest"], unique=False)
        batch_op.create_index(
            "ix_submitted_answers_questionnaire",
            ["questionnaire_id", "latest", "node_id"],
            unique=False,
        )
        batch_op.create_index("ix_submitted_answers_report", ["report_id", "latest"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_submitted_answers_submission_id"), ["submission_id"], unique=False
        )

    from app.reporting import tidy

    session = Session(bind=op.get_bind())
    tidy.rebuild(session)
    session.flush()


def downgrade():
    with op.batch_alter_table("submitted_answers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_submitted_answers_submission_id"))
        batch_op.drop_index("ix_submitted_answers_report")
        batch_op.drop_index("ix_submitted_answers_questionnaire")
        batch_op.drop_index("ix_submitted_answers_bank")

    op.drop_table("submitted_answers")
