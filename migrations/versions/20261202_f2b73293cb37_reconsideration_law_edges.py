"""reconsideration at the law's edges (issue 12): the supplement notice's receipt, the period granted and the
abandonment (ARL23 art 31 ¶2), the flag of a late acceptance notice (art 30 ¶3), the respondent's receipt of the
copy (art 48, 54), the late application's tolling and the right not told (art 20 ¶2–3)

The new status 'abandoned' widens the status check; the other checks are new. Batch mode for SQLite (this table
has no FTS triggers).

Revision ID: f2b73293cb37
Revises: 7d2e5a1c9b36
Create Date: 2026-12-02 07:20:20.838075

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'f2b73293cb37'
down_revision = '7d2e5a1c9b36'
branch_labels = None
depends_on = None

OLD_STATUSES = "('received', 'awaiting_supplement', 'accepted', 'rejected', 'suspended', 'concluded', 'voided')"
NEW_STATUSES = (
    "('received', 'awaiting_supplement', 'accepted', 'rejected', 'suspended', 'concluded', 'abandoned', 'voided')"
)
CHECKS = {
    'abandoned_dated': "status <> 'abandoned' OR (abandoned_on IS NOT NULL AND supplement_requested_on IS NOT NULL)",
    'supplement_period_statutory_minimum': 'supplement_period_workdays IS NULL OR supplement_period_workdays >= 10',
    'tolled_days_positive': 'application_tolled_days >= 0',
}


def upgrade():
    with op.batch_alter_table('reconsideration_cases', schema=None) as batch_op:
        batch_op.add_column(sa.Column('application_tolled_days', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('right_learned_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('supplement_notice_received_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('supplement_period_workdays', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('abandoned_on', sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column('is_acceptance_notice_late', sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column('respondent_received_on', sa.Date(), nullable=True))
        batch_op.drop_constraint(op.f('ck_reconsideration_cases_status_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_reconsideration_cases_status_known'), f'status IN {NEW_STATUSES}')
        for name, condition in CHECKS.items():
            batch_op.create_check_constraint(op.f(f'ck_reconsideration_cases_{name}'), condition)


def downgrade():
    with op.batch_alter_table('reconsideration_cases', schema=None) as batch_op:
        for name in CHECKS:
            batch_op.drop_constraint(op.f(f'ck_reconsideration_cases_{name}'), type_='check')
        batch_op.drop_constraint(op.f('ck_reconsideration_cases_status_known'), type_='check')
        batch_op.create_check_constraint(op.f('ck_reconsideration_cases_status_known'), f'status IN {OLD_STATUSES}')
        batch_op.drop_column('respondent_received_on')
        batch_op.drop_column('is_acceptance_notice_late')
        batch_op.drop_column('abandoned_on')
        batch_op.drop_column('supplement_period_workdays')
        batch_op.drop_column('supplement_notice_received_on')
        batch_op.drop_column('right_learned_on')
        batch_op.drop_column('application_tolled_days')
