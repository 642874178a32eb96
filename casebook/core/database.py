"""Database helpers: SQLite pragmas and the per-request transaction."""

import sqlite3
from contextlib import suppress

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.pool import Pool

_installed = False

# Indexes a migration creates on one database only (e.g. a pg_trgm GIN index on PostgreSQL): the models cannot
# declare them, so autogenerate and the drift test skip them by name. Areas add their names at import time.
DIALECT_ONLY_INDEXES: set[str] = set()
# Tables the same way, by name prefix (e.g. an SQLite FTS5 index and the shadow tables it keeps beside it).
DIALECT_ONLY_TABLE_PREFIXES: set[str] = set()


def install_sqlite_pragmas() -> None:
    """Turn on foreign keys and WAL for every SQLite connection (once per process)."""
    global _installed
    if _installed:
        return
    _installed = True

    @event.listens_for(Engine, "connect")
    def _sqlite_pragmas(dbapi_connection, _record):  # pragma: no cover - exercised on every connect
        if isinstance(dbapi_connection, sqlite3.Connection):
            cursor = dbapi_connection.cursor()
            cursor.execute("PRAGMA foreign_keys=ON")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=NORMAL")
            cursor.execute("PRAGMA busy_timeout=30000")
            cursor.close()

    @event.listens_for(Pool, "checkin")
    def _sqlite_optimize(dbapi_connection, _record):  # pragma: no cover - exercised after every request
        if isinstance(dbapi_connection, sqlite3.Connection):
            optimize(dbapi_connection)


def optimize(connection: sqlite3.Connection) -> None:
    """SQLite's advice for long-lived connections: PRAGMA optimize now and then (here, whenever the connection
    goes back to the pool; it costs microseconds unless a table needs it). It runs ANALYZE on the tables this
    connection read whose statistics are missing or stale, without which the query planner guesses which
    index to use and, at a million cases, guesses wrong (benchmarks/README.md). It never waits for a lock."""
    with suppress(sqlite3.Error):  # another connection is writing (next time, then), or this one is closed
        connection.execute("PRAGMA busy_timeout=0")
        connection.execute("PRAGMA optimize")
    with suppress(sqlite3.Error):
        connection.execute("PRAGMA busy_timeout=30000")


def is_postgresql(session_or_engine) -> bool:
    """True when the bound database is PostgreSQL."""
    bind = session_or_engine.get_bind() if hasattr(session_or_engine, "get_bind") else session_or_engine
    return bind.dialect.name == "postgresql"


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: leave out the dialect-only indexes and tables from autogenerate and drift checks."""
    if type_ == "table" and name and name.startswith(tuple(DIALECT_ONLY_TABLE_PREFIXES)):
        return False
    return not (type_ == "index" and name in DIALECT_ONLY_INDEXES)
