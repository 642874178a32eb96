"""open cases by deadline: the partial index holds the columns the overdue and due-soon lists filter and sort by

The overdue list of a million cases counted and sorted its 8,000 matches by reading each case's row (SQLite:
14 ms for the count and 14 ms for the page, warm); with status, voided flag, committee, registration date and id
in the index both read the index alone (benchmarks/README.md).

Plain op.*_index, not batch mode: on SQLite batch mode may recreate mediation_cases, which drops the search
index's triggers (migration 5f3b9c2d7e41).

Revision ID: 8a1d4e6c2b90
Revises: 5f3b9c2d7e41
Create Date: 2026-11-26 16:05:00

"""
from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision = '8a1d4e6c2b90'
down_revision = '5f3b9c2d7e41'
branch_labels = None
depends_on = None

OPEN = sa.text('outcome IS NULL')


def upgrade():
    op.drop_index('ix_mediation_cases_open_due', table_name='mediation_cases')
    op.create_index(
        'ix_mediation_cases_open_due',
        'mediation_cases',
        ['due_on', 'status', 'is_voided', 'committee_id', 'registered_on', 'id'],
        unique=False,
        sqlite_where=OPEN,
        postgresql_where=OPEN,
    )


def downgrade():
    op.drop_index('ix_mediation_cases_open_due', table_name='mediation_cases')
    op.create_index(
        'ix_mediation_cases_open_due',
        'mediation_cases',
        ['due_on'],
        unique=False,
        sqlite_where=OPEN,
        postgresql_where=OPEN,
    )
