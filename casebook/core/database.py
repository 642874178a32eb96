"""Database helpers: SQLite pragmas and the per-request transaction."""

import sqlite3

from sqlalchemy import event
from sqlalchemy.engine import Engine

_installed = False

# Indexes a migration creates on one database only (e.g. a pg_trgm GIN index on PostgreSQL): the models cannot
# declare them, so autogenerate and the drift test skip them by name. Areas add their names at import time.
DIALECT_ONLY_INDEXES: set[str] = set()


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


def is_postgresql(session_or_engine) -> bool:
    """True when the bound database is PostgreSQL."""
    bind = session_or_engine.get_bind() if hasattr(session_or_engine, "get_bind") else session_or_engine
    return bind.dialect.name == "postgresql"


def include_object(obj, name, type_, reflected, compare_to) -> bool:
    """Alembic filter: leave out the dialect-only indexes from autogenerate and drift checks."""
    return not (type_ == "index" and name in DIALECT_ONLY_INDEXES)
