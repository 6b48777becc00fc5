"""answer revisions say what they were: a copy (reuse, pre-fill) with its source, or a confirmation

Revision ID: 0008_revision_provenance
Revises: 0007_jsonb_values
Create Date: 2026-12-06 18:40:00

An answer's provenance columns say only what it is now: once the person edits it, nothing said
that an earlier revision was copied from another report or confirmed as still true, so the
history could not show it. Each revision now keeps its kind and, for a copy, its source.

Existing copies are recognised by their time: a copy's revision is saved at the same instant as
the answer's `copied_at`. Earlier confirmations cannot be told from a save and stay unmarked.
"""
from alembic import op
import sqlalchemy as sa


revision = '0008_revision_provenance'
down_revision = '0007_jsonb_values'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('answer_revisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('source_answer_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('source_version', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_answer_revisions_source_answer_id_answers'), 'answers', ['source_answer_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint(batch_op.f('ck_answer_revisions_kind'), "kind IN ('reuse', 'prefill', 'confirm')")
    op.execute(
        """
        UPDATE answer_revisions SET
          kind = (SELECT a.source_kind FROM answers a WHERE a.id = answer_revisions.answer_id),
          source_answer_id = (SELECT a.source_answer_id FROM answers a
                              WHERE a.id = answer_revisions.answer_id),
          source_version = (SELECT a.source_version FROM answers a
                            WHERE a.id = answer_revisions.answer_id)
        WHERE EXISTS (SELECT 1 FROM answers a WHERE a.id = answer_revisions.answer_id
                      AND a.source_kind IN ('reuse', 'prefill')
                      AND a.copied_at = answer_revisions.saved_at)
        """
    )


def downgrade():
    with op.batch_alter_table('answer_revisions', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('ck_answer_revisions_kind'), type_='check')
        batch_op.drop_constraint(batch_op.f('fk_answer_revisions_source_answer_id_answers'), type_='foreignkey')
        batch_op.drop_column('source_version')
        batch_op.drop_column('source_answer_id')
        batch_op.drop_column('kind')
