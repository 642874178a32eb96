"""holiday schedules: years an administrator loads, overriding the library's schedule

Revision ID: af048e2fca4b
Revises: 0676ec24f99b
Create Date: 2026-11-26 11:45:48.524746

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = 'af048e2fca4b'
down_revision = '0676ec24f99b'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'holiday_schedules',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('source_note', sa.String(length=200), server_default='', nullable=False),
        sa.Column('loaded_by_id', sa.Integer(), nullable=True),
        sa.Column('loaded_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.CheckConstraint('year BETWEEN 2000 AND 2100', name=op.f('ck_holiday_schedules_year_in_range')),
        sa.ForeignKeyConstraint(
            ['loaded_by_id'], ['users.id'], name=op.f('fk_holiday_schedules_loaded_by_id_users')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_holiday_schedules')),
        sa.UniqueConstraint('year', name=op.f('uq_holiday_schedules_year')),
    )
    with op.batch_alter_table('holiday_schedules', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_holiday_schedules_loaded_by_id'), ['loaded_by_id'], unique=False)

    op.create_table(
        'holiday_schedule_days',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('schedule_id', sa.Integer(), nullable=False),
        sa.Column('falls_on', sa.Date(), nullable=False),
        sa.Column('kind', sa.String(length=8), nullable=False),
        sa.Column('name', sa.String(length=40), nullable=True),
        sa.CheckConstraint("kind IN ('holiday', 'workday')", name=op.f('ck_holiday_schedule_days_kind_known')),
        sa.ForeignKeyConstraint(
            ['schedule_id'],
            ['holiday_schedules.id'],
            name=op.f('fk_holiday_schedule_days_schedule_id_holiday_schedules'),
            ondelete='CASCADE',
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_holiday_schedule_days')),
        sa.UniqueConstraint(
            'schedule_id', 'falls_on', name=op.f('uq_holiday_schedule_days_schedule_id_falls_on')
        ),
    )

    op.create_table(
        'holiday_schedule_changes',
        sa.Column('year', sa.Integer(), nullable=False),
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('action', sa.String(length=40), nullable=False),
        sa.Column('field', sa.String(length=80), nullable=True),
        sa.Column('before', sa.Text(), nullable=True),
        sa.Column('after', sa.Text(), nullable=True),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('version', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "action IN ('loaded', 'replaced', 'deleted')", name=op.f('ck_holiday_schedule_changes_action_known')
        ),
        sa.ForeignKeyConstraint(
            ['user_id'], ['users.id'], name=op.f('fk_holiday_schedule_changes_user_id_users')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_holiday_schedule_changes')),
    )
    with op.batch_alter_table('holiday_schedule_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_holiday_schedule_changes_user_id'), ['user_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_holiday_schedule_changes_year'), ['year'], unique=False)


def downgrade():
    with op.batch_alter_table('holiday_schedule_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_holiday_schedule_changes_year'))
        batch_op.drop_index(batch_op.f('ix_holiday_schedule_changes_user_id'))
    op.drop_table('holiday_schedule_changes')
    op.drop_table('holiday_schedule_days')
    with op.batch_alter_table('holiday_schedules', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_holiday_schedules_loaded_by_id'))
    op.drop_table('holiday_schedules')
