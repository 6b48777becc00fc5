"""questionnaires.tree_stamp: the stamp a process keeps a question tree in memory under

Revision ID: 0013_tree_stamp
Revises: 0012_synthesis_publication
Create Date: 2026-12-07 07:20:00

Issue 17: every request loaded the whole question tree. A published questionnaire's tree is
now kept per process, keyed by the questionnaire's id and this stamp, which changes with every
change to the nodes or the bank versions they pin (app/questionnaires/stamps.py). Existing
questionnaires each get a random stamp.
"""

from uuid import uuid4

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "0013_tree_stamp"
down_revision = "0012_synthesis_publication"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("questionnaires") as batch_op:
        batch_op.add_column(sa.Column("tree_stamp", sa.String(length=32), nullable=True))
    questionnaires = sa.table("questionnaires", sa.column("id"), sa.column("tree_stamp"))
    connection = op.get_bind()
    for (questionnaire_id,) in connection.execute(sa.select(questionnaires.c.id)).all():
        connection.execute(
            questionnaires.update()
            .where(questionnaires.c.id == questionnaire_id)
            .values(tree_stamp=uuid4().hex)
        )
    with op.batch_alter_table("questionnaires") as batch_op:
        batch_op.alter_column("tree_stamp", existing_type=sa.String(length=32), nullable=False)


def downgrade():
    with op.batch_alter_table("questionnaires") as batch_op:
        batch_op.drop_column("tree_stamp")
