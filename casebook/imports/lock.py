"""One import at a time: an import writes (and a preview writes and rolls back) for as long as the file takes,
and a second one would wait on SQLite's write lock past its timeout ("database is locked"). The second import
waits a little for the lock below, then is told that another import is running.

On SQLite the lock is a file beside the database in the instance folder (filelock: every worker process of
the one machine SQLite runs on sees it); on PostgreSQL a transaction-level advisory lock, released when the
import commits or rolls back.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import text

from casebook.core.database import is_postgresql
from casebook.extensions import db

ADVISORY_KEY = 0x43420001  # "CB" 1: casebook's import lock among PostgreSQL advisory locks


class ImportBusy(Exception):
    """Another import is running."""

    def __init__(self) -> None:
        super().__init__(
            _("Another import is running; try again when it has finished (usually within minutes).")
        )


@contextmanager
def import_lock(wait_seconds: float | None) -> Iterator[None]:
    """Hold the import lock for the block (the caller commits inside it), waiting at most `wait_seconds`
    (None: as long as it takes) before raising ImportBusy."""
    if is_postgresql(db.session):
        deadline = None if wait_seconds is None else time.monotonic() + wait_seconds
        while not db.session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), {"key": ADVISORY_KEY}):
            if deadline is not None and time.monotonic() >= deadline:
                raise ImportBusy()
            time.sleep(0.2)
        yield
        return
    lock = FileLock(Path(current_app.instance_path) / "import.lock")
    try:
        lock.acquire(timeout=-1 if wait_seconds is None else wait_seconds)
    except Timeout:
        raise ImportBusy() from None
    try:
        yield
    finally:
        lock.release()
