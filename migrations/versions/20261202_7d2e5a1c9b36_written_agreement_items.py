"""written agreement items: the main facts and dispute, and how and when the agreement is performed (PML art 29)

A written mediation agreement (调解协议书) states the parties, the main facts of the dispute and the matters in
dispute, the terms agreed, and how and when they are performed (PML art 29 ¶1); the terms were already held in
agreement_content.

Plain op.add_column, not batch mode: on SQLite batch mode may recreate mediation_cases, which drops the search
index's triggers (migration 5f3b9c2d7e41); adding a nullable column needs no recreation.

Revision ID: 7d2e5a1c9b36
Revises: 5bb0041cd2b7
Create Date: 2026-12-02 08:15:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7d2e5a1c9b36'
down_revision = '5bb0041cd2b7'
branch_labels = None
depends_on = None


def upgrade():
    op.add_column('mediation_cases', sa.Column('agreement_facts', sa.Text(), nullable=True))
    op.add_column('mediation_cases', sa.Column('agreement_performance', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('mediation_cases', recreate='never') as batch_op:
        batch_op.drop_column('agreement_performance')
        batch_op.drop_column('agreement_facts')
