"""litigation cases (行政应诉, issue 16): the cases where an agency of the district or the district government is
the defendant, their plaintiffs, hearings (who appeared for the agency) and history

Revision ID: 5531fb0ba72a
Revises: 55f8a7b2cf55
Create Date: 2026-12-02 11:20:18.854434

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5531fb0ba72a'
down_revision = '55f8a7b2cf55'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('litigation_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('court', sa.String(length=100), nullable=False),
    sa.Column('court_case_no', sa.String(length=64), nullable=False),
    sa.Column('instance', sa.String(length=10), server_default='first', nullable=False),
    sa.Column('defendant_kind', sa.String(length=12), server_default='agency', nullable=False),
    sa.Column('agency_id', sa.Integer(), nullable=True),
    sa.Column('act_category', sa.String(length=32), nullable=False),
    sa.Column('act_description', sa.String(length=300), nullable=True),
    sa.Column('act_document_no', sa.String(length=100), nullable=True),
    sa.Column('reconsideration_case_id', sa.Integer(), nullable=True),
    sa.Column('plaintiff_names', sa.String(length=300), server_default='', nullable=False),
    sa.Column('status', sa.String(length=12), server_default='open', nullable=False),
    sa.Column('filed_on', sa.Date(), nullable=False),
    sa.Column('complaint_served_on', sa.Date(), nullable=True),
    sa.Column('defence_due_on', sa.Date(), nullable=True),
    sa.Column('calendar_missing_year', sa.Integer(), nullable=True),
    sa.Column('defence_submitted_on', sa.Date(), nullable=True),
    sa.Column('next_hearing_on', sa.Date(), nullable=True),
    sa.Column('judgment_on', sa.Date(), nullable=True),
    sa.Column('outcome', sa.String(length=20), nullable=True),
    sa.Column('is_against_agency', sa.Boolean(), nullable=True),
    sa.Column('judgment_document_no', sa.String(length=100), nullable=True),
    sa.Column('appealed_on', sa.Date(), nullable=True),
    sa.Column('next_instance_id', sa.Integer(), nullable=True),
    sa.Column('effective_on', sa.Date(), nullable=True),
    sa.Column('performed_on', sa.Date(), nullable=True),
    sa.Column('performance_note', sa.Text(), nullable=True),
    sa.Column('is_voided', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.Column('created_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(defendant_kind = 'agency') = (agency_id IS NOT NULL)", name=op.f('ck_litigation_cases_agency_defendant_named')),
    sa.CheckConstraint("(status = 'voided') = is_voided", name=op.f('ck_litigation_cases_voided_flag')),
    sa.CheckConstraint("act_category IN ('penalty', 'coercion', 'licensing', 'levy', 'confirmation', 'ownership', 'information_disclosure', 'complaint_handling', 'inaction', 'agreement', 'other')", name=op.f('ck_litigation_cases_act_category_known')),
    sa.CheckConstraint("defendant_kind IN ('agency', 'government')", name=op.f('ck_litigation_cases_defendant_kind_known')),
    sa.CheckConstraint("instance IN ('first', 'second', 'retrial')", name=op.f('ck_litigation_cases_instance_known')),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('reject_claims', 'revoke', 'order_performance', 'modify', 'confirm_unlawful', 'confirm_void', 'mediated', 'withdrawn', 'dismissed', 'other')", name=op.f('ck_litigation_cases_outcome_known')),
    sa.CheckConstraint("status <> 'appealed' OR appealed_on IS NOT NULL", name=op.f('ck_litigation_cases_appeal_dated')),
    sa.CheckConstraint("status <> 'effective' OR effective_on IS NOT NULL", name=op.f('ck_litigation_cases_effect_dated')),
    sa.CheckConstraint("status = 'open' OR status = 'voided' OR outcome IS NOT NULL", name=op.f('ck_litigation_cases_decided_has_outcome')),
    sa.CheckConstraint("status IN ('open', 'decided', 'appealed', 'effective', 'voided')", name=op.f('ck_litigation_cases_status_known')),
    sa.CheckConstraint('(outcome IS NULL) = (is_against_agency IS NULL)', name=op.f('ck_litigation_cases_loss_with_judgment')),
    sa.CheckConstraint('(outcome IS NULL) = (judgment_on IS NULL)', name=op.f('ck_litigation_cases_outcome_with_judgment')),
    sa.CheckConstraint('complaint_served_on IS NULL OR complaint_served_on >= filed_on', name=op.f('ck_litigation_cases_served_after_filing')),
    sa.CheckConstraint('judgment_on IS NULL OR judgment_on >= filed_on', name=op.f('ck_litigation_cases_judged_after_filing')),
    sa.CheckConstraint('next_instance_id IS NULL OR next_instance_id <> id', name=op.f('ck_litigation_cases_next_instance_other')),
    sa.CheckConstraint('performed_on IS NULL OR effective_on IS NOT NULL', name=op.f('ck_litigation_cases_performed_when_effective')),
    sa.ForeignKeyConstraint(['agency_id'], ['agencies.id'], name=op.f('fk_litigation_cases_agency_id_agencies')),
    sa.ForeignKeyConstraint(['created_by_id'], ['users.id'], name=op.f('fk_litigation_cases_created_by_id_users')),
    sa.ForeignKeyConstraint(['next_instance_id'], ['litigation_cases.id'], name=op.f('fk_litigation_cases_next_instance_id_litigation_cases')),
    sa.ForeignKeyConstraint(['reconsideration_case_id'], ['reconsideration_cases.id'], name=op.f('fk_litigation_cases_reconsideration_case_id_reconsideration_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_litigation_cases')),
    sa.UniqueConstraint('court', 'court_case_no', name=op.f('uq_litigation_cases_court_court_case_no'))
    )
    with op.batch_alter_table('litigation_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_litigation_cases_act_category'), ['act_category'], unique=False)
        batch_op.create_index('ix_litigation_cases_agency_filed', ['agency_id', 'filed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_cases_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_cases_defence_due_on'), ['defence_due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_cases_effective_on'), ['effective_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_cases_filed_on'), ['filed_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_cases_judgment_on'), ['judgment_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_cases_next_hearing_on'), ['next_hearing_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_cases_next_instance_id'), ['next_instance_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_cases_outcome'), ['outcome'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_cases_reconsideration_case_id'), ['reconsideration_case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_cases_status'), ['status'], unique=False)

    op.create_table('litigation_case_changes',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('field', sa.String(length=80), nullable=True),
    sa.Column('before', sa.Text(), nullable=True),
    sa.Column('after', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['case_id'], ['litigation_cases.id'], name=op.f('fk_litigation_case_changes_case_id_litigation_cases')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_litigation_case_changes_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_litigation_case_changes'))
    )
    with op.batch_alter_table('litigation_case_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_litigation_case_changes_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_case_changes_user_id'), ['user_id'], unique=False)

    op.create_table('litigation_hearings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('appearance', sa.String(length=12), nullable=False),
    sa.Column('head_name', sa.String(length=60), nullable=True),
    sa.Column('head_title', sa.String(length=60), nullable=True),
    sa.Column('representatives', sa.String(length=200), nullable=True),
    sa.Column('absence_reason', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("appearance <> 'staff' OR absence_reason IS NOT NULL", name=op.f('ck_litigation_hearings_absence_reasoned')),
    sa.CheckConstraint("appearance = 'staff' OR head_name IS NOT NULL", name=op.f('ck_litigation_hearings_head_named')),
    sa.CheckConstraint("appearance IN ('head', 'deputy_head', 'staff')", name=op.f('ck_litigation_hearings_appearance_known')),
    sa.ForeignKeyConstraint(['case_id'], ['litigation_cases.id'], name=op.f('fk_litigation_hearings_case_id_litigation_cases')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_litigation_hearings_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_litigation_hearings'))
    )
    with op.batch_alter_table('litigation_hearings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_litigation_hearings_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_litigation_hearings_held_on'), ['held_on'], unique=False)

    op.create_table('litigation_plaintiffs',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('credit_code', sa.String(length=18), nullable=True),
    sa.Column('representative', sa.String(length=60), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.CheckConstraint("kind = 'organisation' OR credit_code IS NULL", name=op.f('ck_litigation_plaintiffs_credit_code_for_organisations')),
    sa.CheckConstraint("kind = 'person' OR id_number IS NULL", name=op.f('ck_litigation_plaintiffs_id_number_for_persons')),
    sa.CheckConstraint("kind IN ('person', 'organisation')", name=op.f('ck_litigation_plaintiffs_kind_known')),
    sa.ForeignKeyConstraint(['case_id'], ['litigation_cases.id'], name=op.f('fk_litigation_plaintiffs_case_id_litigation_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_litigation_plaintiffs'))
    )
    with op.batch_alter_table('litigation_plaintiffs', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_litigation_plaintiffs_case_id'), ['case_id'], unique=False)



def downgrade():
    with op.batch_alter_table('litigation_plaintiffs', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_litigation_plaintiffs_case_id'))

    op.drop_table('litigation_plaintiffs')
    with op.batch_alter_table('litigation_hearings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_litigation_hearings_held_on'))
        batch_op.drop_index(batch_op.f('ix_litigation_hearings_case_id'))

    op.drop_table('litigation_hearings')
    with op.batch_alter_table('litigation_case_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_litigation_case_changes_user_id'))
        batch_op.drop_index(batch_op.f('ix_litigation_case_changes_case_id'))

    op.drop_table('litigation_case_changes')
    with op.batch_alter_table('litigation_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_litigation_cases_status'))
        batch_op.drop_index(batch_op.f('ix_litigation_cases_reconsideration_case_id'))
        batch_op.drop_index(batch_op.f('ix_litigation_cases_outcome'))
        batch_op.drop_index(batch_op.f('ix_litigation_cases_next_instance_id'))
        batch_op.drop_index(batch_op.f('ix_litigation_cases_next_hearing_on'))
        batch_op.drop_index(batch_op.f('ix_litigation_cases_judgment_on'))
        batch_op.drop_index(batch_op.f('ix_litigation_cases_filed_on'))
        batch_op.drop_index(batch_op.f('ix_litigation_cases_effective_on'))
        batch_op.drop_index(batch_op.f('ix_litigation_cases_defence_due_on'))
        batch_op.drop_index(batch_op.f('ix_litigation_cases_agency_id'))
        batch_op.drop_index('ix_litigation_cases_agency_filed')
        batch_op.drop_index(batch_op.f('ix_litigation_cases_act_category'))

    op.drop_table('litigation_cases')
