"""provisional deadlines: the date counted from a year's statutory holidays before its schedule is published

A case whose deadline reaches a year without a holiday schedule keeps due_on NULL (it counts in neither part of
an on-time rate, domain.md §2.3, §4) and stores the provisional date in due_on_provisional, with the first such
year in calendar_missing_year (which reconsideration cases already had).

Plain op.add_column, not batch mode: on SQLite batch mode may recreate mediation_cases, which drops the search
index's triggers (migration 5f3b9c2d7e41); adding a nullable column needs no recreation.

Revision ID: 6b5c60ceff11
Revises: d7ba276c50e9
Create Date: 2026-12-02 11:30:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '6b5c60ceff11'
down_revision = 'd7ba276c50e9'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('mediation_cases', sa.Column('due_on_provisional', sa.Date(), nullable=True))
    op.add_column('mediation_cases', sa.Column('calendar_missing_year', sa.Integer(), nullable=True))
    op.add_column('reconsideration_cases', sa.Column('due_on_provisional', sa.Date(), nullable=True))


def downgrade():
    with op.batch_alter_table('reconsideration_cases', recreate='never') as batch_op:
        batch_op.drop_column('due_on_provisional')
    with op.batch_alter_table('mediation_cases', recreate='never') as batch_op:
        batch_op.drop_column('calendar_missing_year')
        batch_op.drop_column('due_on_provisional')
