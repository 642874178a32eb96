"""case text search index on SQLite: an FTS5 trigram index of mediation_cases.search_text, kept by triggers

PostgreSQL searches the column through its pg_trgm GIN index (migration 0676ec24f99b); SQLite had no index that
serves LIKE '%…%' and read all cases, 0.6 s a statement at a million (benchmarks/README.md). The FTS5 table holds
no copy of the text (content=mediation_cases); the triggers keep it in step with every insert, update and delete.

SQLite's batch mode (a later migration altering mediation_cases) recreates the table and drops its triggers:
such a migration must create them again (tests/mediation/test_search_index.py checks that they exist at head).

Revision ID: 5f3b9c2d7e41
Revises: 12bc6597cfa3
Create Date: 2026-11-26 15:40:00

"""
from alembic import op

# revision identifiers, used by Alembic.
revision = '5f3b9c2d7e41'
down_revision = '12bc6597cfa3'
branch_labels = None
depends_on = None

TRIGGERS = {
    "mediation_cases_search_ai": (
        "AFTER INSERT ON mediation_cases BEGIN "
        "INSERT INTO mediation_cases_search(rowid, search_text) VALUES (new.id, new.search_text); END"
    ),
    "mediation_cases_search_ad": (
        "AFTER DELETE ON mediation_cases BEGIN "
        "INSERT INTO mediation_cases_search(mediation_cases_search, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); END"
    ),
    "mediation_cases_search_au": (
        "AFTER UPDATE OF search_text ON mediation_cases BEGIN "
        "INSERT INTO mediation_cases_search(mediation_cases_search, rowid, search_text) "
        "VALUES ('delete', old.id, old.search_text); "
        "INSERT INTO mediation_cases_search(rowid, search_text) VALUES (new.id, new.search_text); END"
    ),
}


def upgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    op.execute(
        "CREATE VIRTUAL TABLE mediation_cases_search USING fts5("
        "search_text, content='mediation_cases', content_rowid='id', tokenize='trigram')"
    )
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    op.execute("INSERT INTO mediation_cases_search(mediation_cases_search) VALUES ('rebuild')")


def downgrade():
    if op.get_bind().dialect.name != "sqlite":
        return
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS mediation_cases_search")
