"""large-text mode (长辈模式): a user's text size, remembered across devices

Revision ID: 52c385ea8fb9
Revises: f2b73293cb37
Create Date: 2026-12-02 07:40:56.250455

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '52c385ea8fb9'
down_revision = 'f2b73293cb37'
branch_labels = None
depends_on = None


CHECK = "text_size IN ('normal', 'large')"


def upgrade():
    if op.get_bind().dialect.name == "sqlite":
        # SQLite adds the column with its CHECK in place: a batch copy of users would trip the foreign keys that
        # point at it on a database with data.
        op.execute(f"ALTER TABLE users ADD COLUMN text_size VARCHAR(10) CONSTRAINT ck_users_text_size_known CHECK ({CHECK})")
    else:
        op.add_column('users', sa.Column('text_size', sa.String(length=10), nullable=True))
        op.create_check_constraint(op.f('ck_users_text_size_known'), 'users', CHECK)


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        op.drop_constraint(op.f('ck_users_text_size_known'), 'users', type_='check')
    op.drop_column('users', 'text_size')
