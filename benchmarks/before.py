"""The states before the changes the measurements chose: `python -m benchmarks run --before NAME` measures one.

Each state undoes one change for the length of a run and restores it afterwards, on the same database and code:
an index dropped (and created again from the models, or by its migration's statement), a query shape switched
back, a setting turned off. Its rows go to results/<db>-<size>-before-<name>.json and the README sets them
beside the current ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy import text

from casebook.extensions import db


@dataclass(frozen=True)
class Before:
    """One change undone: indexes to drop (with the SQL that makes the old ones, if any), a patch, settings."""

    description: str
    drop_indexes: tuple[str, ...] = ()
    old_indexes: tuple[str, ...] = ()  # CREATE INDEX statements of what stood there before
    patch: Callable[[], Callable[[], None]] | None = None  # applies the old behaviour, returns the undo
    config: dict = field(default_factory=dict)  # app settings of the old behaviour
    setup: Callable[[], tuple[str, ...]] | None = None  # SQL statements that undo the change
    teardown: Callable[[], tuple[str, ...]] | None = None  # SQL statements that redo it
    dialects: tuple[str, ...] = ("sqlite", "postgresql")


def _no_sqlite_search_index() -> Callable[[], None]:
    from casebook.mediation import queries

    saved = queries.TRIGRAM
    queries.TRIGRAM = 10**9  # no needle is long enough: every search reads the column of every case
    return lambda: setattr(queries, "TRIGRAM", saved)


def _no_deferred_join() -> Callable[[], None]:
    from casebook.core import pagination

    saved = pagination.DEFERRED_OFFSET
    pagination.DEFERRED_OFFSET = 10**12  # every page by LIMIT/OFFSET on the whole rows
    return lambda: setattr(pagination, "DEFERRED_OFFSET", saved)


def _search_migration():
    """The migration that made the SQLite search index (its trigger definitions are the ones to restore)."""
    import importlib.util

    from benchmarks.settings import REPO

    path = next((REPO / "migrations" / "versions").glob("*_5f3b9c2d7e41_*.py"))
    spec = importlib.util.spec_from_file_location("search_index_migration", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _drop_search_triggers() -> tuple[str, ...]:
    return tuple(f"DROP TRIGGER IF EXISTS {name}" for name in _search_migration().TRIGGERS)


def _restore_search_triggers() -> tuple[str, ...]:
    # the imports the run made were deleted again, but rebuild the index all the same: it must match the table
    triggers = _search_migration().TRIGGERS
    return (
        *(f"CREATE TRIGGER IF NOT EXISTS {name} {body}" for name, body in triggers.items()),
        "INSERT INTO mediation_cases_search(mediation_cases_search) VALUES ('rebuild')",
    )


STATES = {
    "statistics-indexes": Before(
        "without the statistics' covering indexes (migration 36709533f7de): the figures read the cases' rows",
        drop_indexes=(
            "ix_mediation_cases_stats_registered",
            "ix_mediation_cases_stats_closed",
            "ix_mediation_followups_latest",
        ),
    ),
    "list-indexes": Before(
        "without the case list's index (migration d383fb2de26f): the default order of the list by a sort",
        drop_indexes=("ix_mediation_cases_voided_registered",),
    ),
    "open-due-narrow": Before(
        "the open-cases index on the deadline alone (migration 8a1d4e6c2b90 made it hold status, voided flag, "
        "committee, registration date and id)",
        drop_indexes=("ix_mediation_cases_open_due",),
        old_indexes=(
            "CREATE INDEX ix_mediation_cases_open_due ON mediation_cases (due_on) WHERE outcome IS NULL",
        ),
    ),
    "committee-list-index": Before(
        "a committee's index on (committee, registration date) only (migration c4e7a9b13d52 added the voided "
        "flag and the id)",
        drop_indexes=("ix_mediation_cases_committee_registered",),
        old_indexes=(
            "CREATE INDEX ix_mediation_cases_committee_registered ON mediation_cases (committee_id, registered_on)",
        ),
    ),
    "search-index": Before(
        "SQLite: text search by LIKE over every case and imports without the triggers that keep the FTS5 trigram "
        "index (migration 5f3b9c2d7e41)",
        patch=_no_sqlite_search_index,
        setup=_drop_search_triggers,
        teardown=_restore_search_triggers,
        dialects=("sqlite",),
    ),
    "deferred-join": Before(
        "pages by LIMIT/OFFSET on whole rows, not their ids first (casebook.core.pagination.DEFERRED_OFFSET)",
        patch=_no_deferred_join,
    ),
    "jit": Before(
        "PostgreSQL with its JIT compiler on (the server's default; POSTGRESQL_JIT turns it off)",
        config={"POSTGRESQL_JIT": True},
        dialects=("postgresql",),
    ),
}


def _index_ddl(name: str) -> list:
    """The model's Index objects named `name` (to create them again)."""
    return [index for table in db.metadata.tables.values() for index in table.indexes if index.name == name]


def _analyse(conn) -> None:
    conn.execute(text("ANALYZE"))


@contextmanager
def applied(app, name: str | None, dialect: str) -> Iterator[None]:
    """Run the body in the state before change `name` (nothing when None), then restore the current state."""
    if not name:
        yield
        return
    state = STATES[name]
    if dialect not in state.dialects:
        raise SystemExit(f"--before {name} applies to {', '.join(state.dialects)} only")
    undo = None
    with app.app_context():
        with db.engine.begin() as conn:
            for index in state.drop_indexes:
                conn.execute(text(f"DROP INDEX IF EXISTS {index}"))
            for statement in state.old_indexes:
                conn.execute(text(statement))
            for statement in state.setup() if state.setup else ():
                conn.execute(text(statement))
            if state.drop_indexes or state.old_indexes:
                _analyse(conn)
        undo = state.patch() if state.patch else None
    try:
        yield
    finally:
        if undo:
            undo()
        with app.app_context(), db.engine.begin() as conn:
            for statement in state.old_indexes:
                conn.execute(text(f"DROP INDEX IF EXISTS {statement.split()[2]}"))
            for name_ in state.drop_indexes:
                for index in _index_ddl(name_):
                    index.create(conn, checkfirst=True)
            for statement in state.teardown() if state.teardown else ():
                conn.execute(text(statement))
            if state.drop_indexes or state.old_indexes:
                _analyse(conn)
