"""sessions kept on the server and the security log

user_sessions: one row per login; the session cookie carries the row's random key (only its SHA-256 is stored),
so logging out ends that session on the server. The per-user session token in users goes: ending every session
of a user now ends their rows. security_events: logins, failures, delays, logouts, account and token changes,
who, when and from where; the login delay counts failures per username from it.

Revision ID: 5bb0041cd2b7
Revises: c4e7a9b13d52
Create Date: 2026-12-02 07:19:05.706028

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5bb0041cd2b7'
down_revision = 'c4e7a9b13d52'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('security_events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('username', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('actor_id', sa.Integer(), nullable=True),
    sa.Column('ip', sa.String(length=45), nullable=True),
    sa.Column('user_agent', sa.String(length=255), nullable=False),
    sa.Column('detail', sa.JSON(), nullable=False),
    sa.CheckConstraint("kind IN ('login', 'login_failed', 'login_delayed', 'logout', 'session_ended', 'logout_everywhere', 'user_created', 'role_changed', 'user_disabled', 'user_enabled', 'password_changed', 'password_reset', 'token_created', 'token_revoked', 'token_refused')", name=op.f('ck_security_events_kind_known')),
    sa.ForeignKeyConstraint(['actor_id'], ['users.id'], name=op.f('fk_security_events_actor_id_users')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_security_events_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_security_events'))
    )
    with op.batch_alter_table('security_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_security_events_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_security_events_user_id'), ['user_id'], unique=False)
        batch_op.create_index('ix_security_events_username_kind_created_at', ['username', 'kind', 'created_at'], unique=False)

    op.create_table('user_sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_seen_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('ended_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('end_reason', sa.String(length=30), nullable=True),
    sa.Column('ip', sa.String(length=45), nullable=True),
    sa.Column('user_agent', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_user_sessions_user_id_users')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_sessions')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_user_sessions_key_hash'))
    )
    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_sessions_user_id'), ['user_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('session_token')



def downgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        # every user gets a fresh random token: all sessions end, as they must when their rows go
        batch_op.add_column(sa.Column('session_token', sa.VARCHAR(length=64), nullable=False,
                                      server_default=sa.text("'downgraded'")))
    op.execute(
        "UPDATE users SET session_token = 'd' || CAST(id AS VARCHAR) || '-' || "
        + ("md5(random()::text)" if op.get_bind().dialect.name == "postgresql" else "hex(randomblob(16))")
    )

    with op.batch_alter_table('user_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_sessions_user_id'))

    op.drop_table('user_sessions')
    with op.batch_alter_table('security_events', schema=None) as batch_op:
        batch_op.drop_index('ix_security_events_username_kind_created_at')
        batch_op.drop_index(batch_op.f('ix_security_events_user_id'))
        batch_op.drop_index(batch_op.f('ix_security_events_created_at'))

    op.drop_table('security_events')
