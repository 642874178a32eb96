"""Cached statistics: the rows of an aggregate statement, kept per process while the data they count is unchanged.

Counting a year of a million cases takes hundreds of milliseconds, all years seconds (benchmarks/README.md),
while the dashboard is opened far more often than cases change. Each result is kept under the exact statement
(its SQL and parameters, so the user's scope, the filters, the period and "today" are part of it) and the token
of `stats_versions`. Every flush that writes a table the statistics read, and every ORM bulk UPDATE, DELETE or
INSERT on one, gives the token a new random value in the same transaction: a commit invalidates every cached
figure in every process; a rollback leaves the old token, and the figures cached under the discarded one are
never asked for again. Writes that bypass the session (raw SQL on a connection) must call `invalidate()`.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import Select, event, select, update
from sqlalchemy.orm import Session

from casebook.extensions import db
from casebook.stats.models import StatsVersion

# The tables the statistics read: cases, their follow-ups and mediators, and the organisations the breakdowns
# group and name.
TRACKED_TABLES = frozenset(
    {
        "mediation_cases",
        "mediation_followups",
        "mediation_case_mediators",
        "reconsideration_cases",
        "litigation_cases",
        "litigation_hearings",
        "committees",
        "mediators",
        "dispute_types",
        "areas",
        "agencies",
    }
)

_lock = threading.Lock()
_results: OrderedDict[tuple, Any] = OrderedDict()
T = TypeVar("T")


def _touches_tracked(session: Session) -> bool:
    for obj in (*session.new, *session.deleted, *session.dirty):
        table = getattr(obj, "__table__", None)
        if table is None or table.name not in TRACKED_TABLES:
            continue
        if obj in session.dirty and not session.is_modified(obj):
            continue
        return True
    return False


def invalidate(session: Session | None = None) -> None:
    """Give the token a new value (in the session's transaction): every cached figure is stale once it commits."""
    (session or db.session).execute(
        update(StatsVersion).values(token=uuid.uuid4().hex).execution_options(synchronize_session=False)
    )


@event.listens_for(Session, "before_flush")
def _on_flush(session: Session, _context, _instances) -> None:
    if _touches_tracked(session):
        invalidate(session)


@event.listens_for(Session, "do_orm_execute")
def _on_bulk(state) -> None:
    if not (state.is_update or state.is_delete or state.is_insert):
        return
    table = getattr(state.statement, "table", None)
    if table is not None and table.name in TRACKED_TABLES:
        invalidate(state.session)


def current_token() -> str | None:
    """The token now (None if its row is missing: then nothing is cached)."""
    return db.session.scalar(select(StatsVersion.token).where(StatsVersion.id == 1))


def _frozen(value: Any) -> Any:
    if isinstance(value, list | tuple | set | frozenset):
        return tuple(_frozen(v) for v in value)
    return value


def _statement_key(query: Select) -> tuple:
    """The statement's structure and parameter values: SQLAlchemy's own cache key (as its dogpile caching example
    uses it), which costs a fraction of compiling the statement; compiled text for a statement without one."""
    cache_key = query._generate_cache_key()
    if cache_key is not None:
        return (cache_key.key, tuple(_frozen(p.effective_value) for p in cache_key.bindparams))
    compiled = query.compile(dialect=db.session.get_bind().dialect)
    return (str(compiled), tuple(sorted((k, _frozen(v)) for k, v in compiled.params.items())))


def rows(query: Select) -> list[tuple]:
    """The rows of `query`, from the cache when its data has not changed since they were counted."""
    return _kept(lambda: _statement_key(query), lambda: [tuple(r) for r in db.session.execute(query)])


def remembered(name: str, key: tuple, compute: Callable[[], T]) -> T:
    """What `compute` builds from the statistics (a dashboard section: figures, charts, links), kept like the rows
    while the counted data is unchanged. `key` must hold everything else the result depends on (the user's
    scope and role, the period, the filters, the language, today); the result is shared: never change it."""
    return _kept(lambda: ("remembered", name, key), compute)


def _kept(make_key: Callable[[], tuple], compute: Callable[[], T]) -> T:
    size = current_app.config.get("STATS_CACHE_SIZE", 0)
    token = current_token() if size else None
    if token is None:
        return compute()
    key = (token, *make_key())
    with _lock:
        found = _results.get(key)
        if found is not None:
            _results.move_to_end(key)
            return found
    found = compute()
    with _lock:
        _results[key] = found
        while len(_results) > size:
            _results.popitem(last=False)
    return found


def clear() -> None:
    """Forget every cached result of this process (tests)."""
    with _lock:
        _results.clear()
