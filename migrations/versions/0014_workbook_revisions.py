"""answer_revisions.kind: 'workbook', an answer brought in from the offline report workbook

Revision ID: 0014_workbook_revisions
Revises: 0013_tree_stamp
Create Date: 2026-12-07 17:10:00

Issue 18: a focal point fills their report in an Excel workbook and uploads it; each answer
applied from it is a revision of its own whose kind says so (app/interchange/workbook_upload.py).
"""

from alembic import op

# revision identifiers, used by Alembic.
revision = "0014_workbook_revisions"
down_revision = "0013_tree_stamp"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("answer_revisions") as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_answer_revisions_kind"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_answer_revisions_kind"),
            "kind IN ('reuse', 'prefill', 'confirm', 'workbook')",
        )


def downgrade():
    # a workbook revision was the person's own answer: it becomes one again
    op.execute("UPDATE answer_revisions SET kind = NULL WHERE kind = 'workbook'")
    with op.batch_alter_table("answer_revisions") as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_answer_revisions_kind"), type_="check")
        batch_op.create_check_constraint(
            batch_op.f("ck_answer_revisions_kind"), "kind IN ('reuse', 'prefill', 'confirm')"
        )
