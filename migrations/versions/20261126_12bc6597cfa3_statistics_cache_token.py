"""statistics cache token: one row whose token changes with every write to the data the statistics count

casebook.stats.cache keeps the results of the statistics' statements per process under this token; every write
to a table they read gives it a new random value in the writer's transaction (benchmarks/README.md).

Revision ID: 12bc6597cfa3
Revises: 36709533f7de
Create Date: 2026-11-26 13:04:52.905277

"""
import uuid

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '12bc6597cfa3'
down_revision = '36709533f7de'
branch_labels = None
depends_on = None


def upgrade():
    table = op.create_table('stats_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_stats_versions'))
    )
    op.bulk_insert(table, [{'id': 1, 'token': uuid.uuid4().hex}])


def downgrade():
    op.drop_table('stats_versions')
