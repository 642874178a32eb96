"""a committee's case list: its index holds the voided flag and the id, so its page and count read the index alone

A director's list of a committee's 5,000 cases counted them by reading each case's row for the voided flag
(SQLite: 7.8 ms of a 27 ms page at a million cases); with (committee_id, is_voided, registered_on, id) the
count and the newest-first page read the index only (benchmarks/README.md).

Plain op.*_index, not batch mode: on SQLite batch mode may recreate mediation_cases, which drops the search
index's triggers (migration 5f3b9c2d7e41).

Revision ID: c4e7a9b13d52
Revises: 8a1d4e6c2b90
Create Date: 2026-11-26 15:50:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = 'c4e7a9b13d52'
down_revision = '8a1d4e6c2b90'
branch_labels = None
depends_on = None

NAME = 'ix_mediation_cases_committee_registered'


def upgrade():
    op.drop_index(NAME, table_name='mediation_cases')
    op.create_index(NAME, 'mediation_cases', ['committee_id', 'is_voided', 'registered_on', 'id'], unique=False)


def downgrade():
    op.drop_index(NAME, table_name='mediation_cases')
    op.create_index(NAME, 'mediation_cases', ['committee_id', 'registered_on'], unique=False)
