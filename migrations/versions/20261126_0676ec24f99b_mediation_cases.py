"""mediation cases: cases, parties, mediators, sessions, extensions, confirmation, follow-ups, history, counters

On PostgreSQL also the pg_trgm extension (in schema public, shared by the database) and a trigram GIN index on
mediation_cases.search_text for the Chinese text search; SQLite searches the same column with LIKE.

Revision ID: 0676ec24f99b
Revises: 3803cf6d6a20
Create Date: 2026-11-26 11:45:37.038005

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0676ec24f99b'
down_revision = '3803cf6d6a20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('mediation_case_counters',
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('last_seq', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_mediation_case_counters_committee_id_committees')),
    sa.PrimaryKeyConstraint('committee_id', 'year', name=op.f('pk_mediation_case_counters'))
    )
    op.create_table('mediation_cases',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_no', sa.String(length=64), nullable=False),
    sa.Column('committee_id', sa.Integer(), nullable=False),
    sa.Column('area_id', sa.Integer(), nullable=True),
    sa.Column('dispute_type_id', sa.Integer(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('referral_body', sa.String(length=120), nullable=True),
    sa.Column('registered_on', sa.Date(), nullable=False),
    sa.Column('accepted_on', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('outcome', sa.String(length=16), nullable=True),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('agreement_form', sa.String(length=8), nullable=True),
    sa.Column('agreement_on', sa.Date(), nullable=True),
    sa.Column('agreement_content', sa.Text(), nullable=True),
    sa.Column('failure_routes', sa.Text(), nullable=True),
    sa.Column('termination_reason', sa.Text(), nullable=True),
    sa.Column('extension_days', sa.Integer(), server_default='0', nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('is_voided', sa.Boolean(), server_default=sa.false(), nullable=False),
    sa.Column('void_reason', sa.Text(), nullable=True),
    sa.Column('voided_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('archived_on', sa.Date(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=14, scale=2), nullable=True),
    sa.Column('persons', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('search_text', sa.Text(), server_default='', nullable=False),
    sa.Column('case_year', sa.Integer(), nullable=True),
    sa.Column('case_seq', sa.Integer(), nullable=True),
    sa.Column('registered_by_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("(outcome = 'success' AND agreement_form IS NOT NULL) OR ((outcome IS NULL OR outcome <> 'success') AND agreement_form IS NULL AND agreement_on IS NULL)", name=op.f('ck_mediation_cases_agreement_iff_success')),
    sa.CheckConstraint("(status = 'voided' AND is_voided) OR (status <> 'voided' AND NOT is_voided)", name=op.f('ck_mediation_cases_voided_flag')),
    sa.CheckConstraint("(status IN ('concluded', 'archived') AND outcome IS NOT NULL) OR (status IN ('registered', 'accepted', 'mediating') AND outcome IS NULL) OR status = 'voided'", name=op.f('ck_mediation_cases_outcome_matches_status')),
    sa.CheckConstraint("agreement_form IS NULL OR agreement_form IN ('written', 'oral')", name=op.f('ck_mediation_cases_agreement_form_known')),
    sa.CheckConstraint("outcome IS NULL OR outcome IN ('success', 'failed', 'terminated')", name=op.f('ck_mediation_cases_outcome_known')),
    sa.CheckConstraint("source = 'referral' OR referral_body IS NULL", name=op.f('ck_mediation_cases_referral_body_for_referral')),
    sa.CheckConstraint("source IN ('screening', 'application', 'referral')", name=op.f('ck_mediation_cases_source_known')),
    sa.CheckConstraint("status <> 'archived' OR archived_on IS NOT NULL", name=op.f('ck_mediation_cases_archived_on_when_archived')),
    sa.CheckConstraint("status IN ('registered', 'accepted', 'mediating', 'concluded', 'archived', 'voided')", name=op.f('ck_mediation_cases_status_known')),
    sa.CheckConstraint("status NOT IN ('accepted', 'mediating') OR accepted_on IS NOT NULL", name=op.f('ck_mediation_cases_accepted_on_when_accepted')),
    sa.CheckConstraint('(outcome IS NULL AND closed_on IS NULL) OR (outcome IS NOT NULL AND closed_on IS NOT NULL)', name=op.f('ck_mediation_cases_closed_on_iff_outcome')),
    sa.CheckConstraint('accepted_on IS NULL OR accepted_on >= registered_on', name=op.f('ck_mediation_cases_accepted_after_registered')),
    sa.CheckConstraint('agreement_on IS NULL OR accepted_on IS NULL OR agreement_on >= accepted_on', name=op.f('ck_mediation_cases_agreement_after_accepted')),
    sa.CheckConstraint('amount IS NULL OR amount >= 0', name=op.f('ck_mediation_cases_amount_positive')),
    sa.CheckConstraint('closed_on IS NULL OR accepted_on IS NULL OR closed_on >= accepted_on', name=op.f('ck_mediation_cases_closed_after_accepted')),
    sa.CheckConstraint('closed_on IS NULL OR closed_on >= registered_on', name=op.f('ck_mediation_cases_closed_after_registered')),
    sa.CheckConstraint('extension_days >= 0', name=op.f('ck_mediation_cases_extension_days_positive')),
    sa.CheckConstraint('persons IS NULL OR persons >= 1', name=op.f('ck_mediation_cases_persons_positive')),
    sa.ForeignKeyConstraint(['area_id'], ['areas.id'], name=op.f('fk_mediation_cases_area_id_areas')),
    sa.ForeignKeyConstraint(['committee_id'], ['committees.id'], name=op.f('fk_mediation_cases_committee_id_committees')),
    sa.ForeignKeyConstraint(['dispute_type_id'], ['dispute_types.id'], name=op.f('fk_mediation_cases_dispute_type_id_dispute_types')),
    sa.ForeignKeyConstraint(['registered_by_id'], ['users.id'], name=op.f('fk_mediation_cases_registered_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_cases')),
    sa.UniqueConstraint('case_no', name=op.f('uq_mediation_cases_case_no'))
    )
    with op.batch_alter_table('mediation_cases', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_cases_area_id'), ['area_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediation_cases_closed_on'), ['closed_on'], unique=False)
        batch_op.create_index('ix_mediation_cases_committee_registered', ['committee_id', 'registered_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediation_cases_dispute_type_id'), ['dispute_type_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediation_cases_due_on'), ['due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediation_cases_registered_on'), ['registered_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediation_cases_status'), ['status'], unique=False)

    op.create_table('mediation_case_changes',
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
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_mediation_case_changes_case_id_mediation_cases')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_mediation_case_changes_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_case_changes'))
    )
    with op.batch_alter_table('mediation_case_changes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_case_changes_case_id'), ['case_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_mediation_case_changes_user_id'), ['user_id'], unique=False)

    op.create_table('mediation_case_mediators',
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_mediation_case_mediators_case_id_mediation_cases')),
    sa.ForeignKeyConstraint(['mediator_id'], ['mediators.id'], name=op.f('fk_mediation_case_mediators_mediator_id_mediators')),
    sa.PrimaryKeyConstraint('case_id', 'mediator_id', name=op.f('pk_mediation_case_mediators'))
    )
    with op.batch_alter_table('mediation_case_mediators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_case_mediators_mediator_id'), ['mediator_id'], unique=False)

    op.create_table('mediation_confirmations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('applied_on', sa.Date(), nullable=False),
    sa.Column('court', sa.String(length=120), nullable=False),
    sa.Column('ruling', sa.String(length=16), nullable=True),
    sa.Column('ruling_no', sa.String(length=80), nullable=True),
    sa.Column('ruled_on', sa.Date(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.CheckConstraint("ruling IS NULL OR ruling IN ('confirmed', 'rejected')", name=op.f('ck_mediation_confirmations_ruling_known')),
    sa.CheckConstraint('(ruling IS NULL AND ruled_on IS NULL) OR (ruling IS NOT NULL AND ruled_on IS NOT NULL)', name=op.f('ck_mediation_confirmations_ruled_on_iff_ruling')),
    sa.CheckConstraint('ruled_on IS NULL OR ruled_on >= applied_on', name=op.f('ck_mediation_confirmations_ruled_after_applied')),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_mediation_confirmations_case_id_mediation_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_mediation_confirmations_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_confirmations')),
    sa.UniqueConstraint('case_id', name=op.f('uq_mediation_confirmations_case_id'))
    )
    op.create_table('mediation_extensions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('agreed_on', sa.Date(), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint('days > 0', name=op.f('ck_mediation_extensions_days_positive')),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_mediation_extensions_case_id_mediation_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_mediation_extensions_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_extensions'))
    )
    with op.batch_alter_table('mediation_extensions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_extensions_case_id'), ['case_id'], unique=False)

    op.create_table('mediation_followups',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('visited_on', sa.Date(), nullable=False),
    sa.Column('performance', sa.String(length=16), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("performance IN ('performed', 'partly', 'not_performed')", name=op.f('ck_mediation_followups_performance_known')),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_mediation_followups_case_id_mediation_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_mediation_followups_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_followups'))
    )
    with op.batch_alter_table('mediation_followups', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_followups_case_id'), ['case_id'], unique=False)

    op.create_table('mediation_parties',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('name', sa.String(length=120), nullable=False),
    sa.Column('id_number', sa.String(length=18), nullable=True),
    sa.Column('credit_code', sa.String(length=18), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('address', sa.String(length=200), nullable=True),
    sa.CheckConstraint("kind = 'organisation' OR credit_code IS NULL", name=op.f('ck_mediation_parties_credit_code_for_organisation')),
    sa.CheckConstraint("kind = 'person' OR id_number IS NULL", name=op.f('ck_mediation_parties_id_number_for_person')),
    sa.CheckConstraint("kind IN ('person', 'organisation')", name=op.f('ck_mediation_parties_kind_known')),
    sa.CheckConstraint("role IN ('applicant', 'respondent', 'other')", name=op.f('ck_mediation_parties_role_known')),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_mediation_parties_case_id_mediation_cases')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_parties'))
    )
    with op.batch_alter_table('mediation_parties', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_parties_case_id'), ['case_id'], unique=False)

    op.create_table('mediation_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('case_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=120), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('recorded_by_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['mediation_cases.id'], name=op.f('fk_mediation_sessions_case_id_mediation_cases')),
    sa.ForeignKeyConstraint(['recorded_by_id'], ['users.id'], name=op.f('fk_mediation_sessions_recorded_by_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_sessions'))
    )
    with op.batch_alter_table('mediation_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_sessions_case_id'), ['case_id'], unique=False)

    op.create_table('mediation_session_mediators',
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('mediator_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['mediator_id'], ['mediators.id'], name=op.f('fk_mediation_session_mediators_mediator_id_mediators')),
    sa.ForeignKeyConstraint(['session_id'], ['mediation_sessions.id'], name=op.f('fk_mediation_session_mediators_session_id_mediation_sessions')),
    sa.PrimaryKeyConstraint('session_id', 'mediator_id', name=op.f('pk_mediation_session_mediators'))
    )
    with op.batch_alter_table('mediation_session_mediators', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mediation_session_mediators_mediator_id'), ['mediator_id'], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        # Trigram search that works for Chinese; the extension lives in public so that every schema finds it.
        bind = op.get_bind()
        bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public")
        schema = bind.exec_driver_sql(
            "SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'"
        ).scalar()
        op.execute(
            "CREATE INDEX ix_mediation_cases_search_text_trgm ON mediation_cases "
            f"USING gin (search_text {schema}.gin_trgm_ops)"
        )


def downgrade():
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_mediation_cases_search_text_trgm")  # the shared extension stays
    with op.batch_alter_table('mediation_session_mediators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_session_mediators_mediator_id'))

    op.drop_table('mediation_session_mediators')
    with op.batch_alter_table('mediation_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_sessions_case_id'))

    op.drop_table('mediation_sessions')
    with op.batch_alter_table('mediation_parties', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_parties_case_id'))

    op.drop_table('mediation_parties')
    with op.batch_alter_table('mediation_followups', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_followups_case_id'))

    op.drop_table('mediation_followups')
    with op.batch_alter_table('mediation_extensions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_extensions_case_id'))

    op.drop_table('mediation_extensions')
    op.drop_table('mediation_confirmations')
    with op.batch_alter_table('mediation_case_mediators', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_case_mediators_mediator_id'))

    op.drop_table('mediation_case_mediators')
    with op.batch_alter_table('mediation_case_changes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_case_changes_user_id'))
        batch_op.drop_index(batch_op.f('ix_mediation_case_changes_case_id'))

    op.drop_table('mediation_case_changes')
    with op.batch_alter_table('mediation_cases', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mediation_cases_status'))
        batch_op.drop_index(batch_op.f('ix_mediation_cases_registered_on'))
        batch_op.drop_index(batch_op.f('ix_mediation_cases_due_on'))
        batch_op.drop_index(batch_op.f('ix_mediation_cases_dispute_type_id'))
        batch_op.drop_index('ix_mediation_cases_committee_registered')
        batch_op.drop_index(batch_op.f('ix_mediation_cases_closed_on'))
        batch_op.drop_index(batch_op.f('ix_mediation_cases_area_id'))

    op.drop_table('mediation_cases')
    op.drop_table('mediation_case_counters')
