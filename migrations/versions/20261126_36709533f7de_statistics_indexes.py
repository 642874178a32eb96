"""statistics indexes: each date family of the mediation figures counted from an index alone

casebook.stats counts each family of figures over the cases whose date of that family lies in the period: by
registration date, and by closing date (the agreements too: their cases close in the period). These indexes lead
with that date and hold every column the counts, the scoping and the dashboard's breakdowns read (is_voided,
committee, dispute type, source, outcome, the other dates, and the id with which PostgreSQL looks up the
follow-ups), so a year of a million cases is counted without reading the table.
ix_mediation_followups_latest gives a case's latest visit by a day without a sort. Measured in
benchmarks/README.md.

Revision ID: 36709533f7de
Revises: d383fb2de26f
Create Date: 2026-11-26 12:54:12.058700

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '36709533f7de'
down_revision = 'd383fb2de26f'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('mediation_cases', schema=None) as batch_op:
        batch_op.create_index('ix_mediation_cases_stats_closed', ['closed_on', 'is_voided', 'committee_id', 'dispute_type_id', 'source', 'outcome', 'due_on', 'agreement_on', 'id'], unique=False)
        batch_op.create_index('ix_mediation_cases_stats_registered', ['registered_on', 'is_voided', 'committee_id', 'dispute_type_id', 'source', 'outcome', 'closed_on'], unique=False)

    with op.batch_alter_table('mediation_followups', schema=None) as batch_op:
        batch_op.create_index('ix_mediation_followups_latest', ['case_id', 'visited_on', 'id', 'performance'], unique=False)


def downgrade():
    with op.batch_alter_table('mediation_followups', schema=None) as batch_op:
        batch_op.drop_index('ix_mediation_followups_latest')

    with op.batch_alter_table('mediation_cases', schema=None) as batch_op:
        batch_op.drop_index('ix_mediation_cases_stats_registered')
        batch_op.drop_index('ix_mediation_cases_stats_closed')
