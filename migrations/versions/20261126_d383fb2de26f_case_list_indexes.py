"""case list indexes: the default order of the mediation case list, and open cases by deadline

ix_mediation_cases_voided_registered lets a page of the list in its default order (voided cases left out,
newest registration first), at any depth, and its count read one index; ix_mediation_cases_open_due is a small
partial index of the open cases (no outcome) by deadline, for the overdue and due-soon lists. Measured in
benchmarks/README.md at a million cases.

Revision ID: d383fb2de26f
Revises: af048e2fca4b
Create Date: 2026-11-26 12:33:18.651218

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'd383fb2de26f'
down_revision = 'af048e2fca4b'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('mediation_cases', schema=None) as batch_op:
        batch_op.create_index('ix_mediation_cases_open_due', ['due_on'], unique=False, sqlite_where=sa.text('outcome IS NULL'), postgresql_where=sa.text('outcome IS NULL'))
        batch_op.create_index('ix_mediation_cases_voided_registered', ['is_voided', 'registered_on', 'id'], unique=False)


def downgrade():
    with op.batch_alter_table('mediation_cases', schema=None) as batch_op:
        batch_op.drop_index('ix_mediation_cases_voided_registered')
        batch_op.drop_index('ix_mediation_cases_open_due', sqlite_where=sa.text('outcome IS NULL'), postgresql_where=sa.text('outcome IS NULL'))
