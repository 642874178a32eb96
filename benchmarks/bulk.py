"""Bulk loading into the real tables: executemany of SQLAlchemy Core inserts on SQLite, COPY on PostgreSQL.

Rows are dicts keyed by column name. Secondary indexes of the big tables are dropped before the
load and re-created afterwards from their own stored definitions (sqlite_master / pg_indexes), so the schema ends
exactly as the migrations made it; CHECK constraints and foreign keys stay on throughout.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, Table, text


class Loader:
    """Writes rows into tables through one connection (one transaction per `load` call by the caller)."""

    def __init__(self, conn: Connection):
        self.conn = conn
        self.dialect = conn.dialect.name
        self.rows_written = 0

    def insert(self, table: Table, rows: Sequence[dict]) -> None:
        """Insert `rows` (dicts with the same keys, named as the table's columns) into `table`."""
        if not rows:
            return
        if self.dialect == "postgresql":
            self._copy(table, list(rows[0]), rows)
        else:
            self.conn.execute(table.insert(), list(rows))
        self.rows_written += len(rows)

    def _copy(self, table: Table, columns: list[str], rows: Sequence[dict]) -> None:
        raw = self.conn.connection.driver_connection
        statement = f"COPY {table.name} ({', '.join(columns)}) FROM STDIN"
        with raw.cursor() as cursor, cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row([row[c] for c in columns])

    def reset_sequences(self, tables: Iterable[Table]) -> None:
        """PostgreSQL: move each serial id sequence past the ids written explicitly."""
        if self.dialect != "postgresql":
            return
        for table in tables:
            if "id" not in table.c:
                continue
            self.conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                    f"COALESCE((SELECT MAX(id) FROM {table.name}), 1))"
                )
            )


def secondary_indexes(conn: Connection, tables: Iterable[str]) -> list[tuple[str, str]]:
    """(name, CREATE INDEX statement) of the indexes of `tables` that no constraint owns."""
    names = list(tables)
    if conn.dialect.name == "postgresql":
        rows = conn.execute(
            text(
                "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                "WHERE i.schemaname = current_schema() AND i.tablename = ANY(:names) "
                "AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"
            ),
            {"names": names},
        )
    else:
        rows = conn.execute(
            text(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
                "AND tbl_name IN (SELECT value FROM json_each(:names))"
            ),
            {"names": json.dumps(names)},
        )
    return [(name, sql) for name, sql in rows]


def drop_indexes(conn: Connection, indexes: list[tuple[str, str]]) -> None:
    """Drop the given indexes (to load faster)."""
    for name, _sql in indexes:
        conn.execute(text(f'DROP INDEX "{name}"'))


def create_indexes(conn: Connection, indexes: list[tuple[str, str]]) -> None:
    """Re-create indexes from their stored definitions."""
    for _name, sql in indexes:
        conn.execute(text(sql))
