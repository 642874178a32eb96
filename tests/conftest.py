"""Shared fixtures: one app per session built by running the migrations, a cheap reset per test.

Select the database with CASEBOOK_DATABASE_URL (PostgreSQL: postgresql+psycopg://postgres@127.0.0.1/test).
On PostgreSQL the suite works in a schema of its own, so parallel runs of different checkouts can
share one server when each sets CASEBOOK_TEST_SCHEMA.
"""

from __future__ import annotations

import os
import re
import tempfile
import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from flask.testing import FlaskClient
from flask_migrate import upgrade
from sqlalchemy import create_engine, text

from casebook import create_app
from casebook.extensions import db, limiter

pytest_plugins = ["tests.factories"]

PASSWORD = "correct horse battery"
# The tests' "today" (core/clock.py): no test reads the real date. A test that needs another day moves the
# clock with the `set_today` fixture; the demo app runs on the demo's own day (casebook.demo.DEMO_TODAY).
TEST_TODAY = date(2025, 6, 16)


def _database_url(tmp_dir: Path, name: str = "test") -> tuple[str, dict]:
    url = os.environ.get("CASEBOOK_DATABASE_URL")
    if not url:
        return f"sqlite:///{tmp_dir / f'{name}.db'}", {}
    if url.startswith("postgresql"):
        schema = os.environ.get("CASEBOOK_TEST_SCHEMA", "casebook_test") + (
            "" if name == "test" else f"_{name}"
        )
        if not re.fullmatch(r"[a-z_][a-z0-9_]*", schema):
            raise RuntimeError("CASEBOOK_TEST_SCHEMA must be a plain lower-case identifier")
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            conn.execute(text(f"CREATE SCHEMA {schema}"))
        engine.dispose()
        options = {"connect_args": {"options": f"-csearch_path={schema}"}}
        return url, options
    return url, {}


class FreshContextClient(FlaskClient):
    """Each request runs in an app context of its own (fresh `g` and database session), as in production,
    although the test itself keeps one app context open for its factories and queries."""

    def open(self, *args, **kwargs):
        kwargs.setdefault("buffered", True)  # read file downloads whole and close them, as a browser would
        with self.application.app_context():
            return super().open(*args, **kwargs)


@pytest.fixture(scope="session")
def app():
    tmp_dir = Path(tempfile.mkdtemp(prefix="casebook-test-"))
    url, engine_options = _database_url(tmp_dir)
    application = create_app(
        {
            "ENV_NAME": "testing",
            "TODAY": TEST_TODAY,
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, **engine_options},
        }
    )
    application.instance_path = str(tmp_dir)
    application.test_client_class = FreshContextClient
    with application.app_context():
        upgrade()
        _seeded_max_ids.update(_max_ids())
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture(scope="session")
def demo_app(app):
    """A second app on a database of its own holding the demo data set, loaded once per run.

    Tests that check the demo (the report's figures, the district, the registers) read it; they may add a
    token or a user but must not change cases, since the data set is shared by the whole run.
    """
    import time

    from casebook import demo

    tmp_dir = Path(tempfile.mkdtemp(prefix="casebook-demo-"))
    url, engine_options = _database_url(tmp_dir, "demo")
    application = create_app(
        {
            "ENV_NAME": "testing",
            "TODAY": demo.DEMO_TODAY,
            "SQLALCHEMY_DATABASE_URI": url,
            "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True, **engine_options},
        }
    )
    application.instance_path = str(tmp_dir)
    application.test_client_class = FreshContextClient
    with application.app_context():
        upgrade()
        started = time.perf_counter()
        demo.load()
        db.session.commit()
        application.config["DEMO_LOAD_SECONDS"] = time.perf_counter() - started
    yield application
    with application.app_context():
        db.engine.dispose()


@pytest.fixture
def demo_db(demo_app):
    """The demo app's context: db.session and the test client talk to the demo database."""
    with demo_app.app_context():
        yield demo_app


# Tables whose rows come from migrations (reference data): kept across the per-test reset.
REFERENCE_TABLES = {"alembic_version", "dispute_types", "stats_versions"}
_seeded_max_ids: dict[str, int] = {}


def _max_ids() -> dict[str, int]:
    ids = {}
    for name in REFERENCE_TABLES - {"alembic_version"}:
        ids[name] = db.session.scalar(text(f"SELECT COALESCE(MAX(id), 0) FROM {name}"))  # noqa: S608
    db.session.rollback()
    return ids


@pytest.fixture(autouse=True)
def _clean_database(app):
    """Each test starts with empty tables (reference data kept), a fresh login throttle and the tests' day."""
    with app.app_context():
        limiter.reset()
        app.config["TODAY"] = TEST_TODAY
        yield
        db.session.remove()
        tables = [t for t in reversed(db.metadata.sorted_tables) if t.name not in REFERENCE_TABLES]
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                names = ", ".join(t.name for t in tables)
                conn.execute(text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
            else:
                for table in tables:
                    conn.execute(table.delete())
                if _has_sqlite_sequence(conn):
                    conn.execute(text("DELETE FROM sqlite_sequence WHERE name NOT IN ('dispute_types')"))
        _restore_reference_rows()


def _has_sqlite_sequence(conn) -> bool:
    return bool(conn.execute(text("SELECT 1 FROM sqlite_master WHERE name='sqlite_sequence'")).first())


def _restore_reference_rows() -> None:
    """Tests may add reference rows (e.g. a new dispute type); remove those beyond the seeded ones."""
    for name, max_id in _seeded_max_ids.items():
        db.session.execute(text(f"DELETE FROM {name} WHERE id > :max_id"), {"max_id": max_id})  # noqa: S608
    # The rows were deleted behind the ORM's back: statistics cached by the last test are stale.
    db.session.execute(text("UPDATE stats_versions SET token = :token"), {"token": uuid.uuid4().hex})
    db.session.commit()


@pytest.fixture
def set_today(app) -> Callable[[date], date]:
    """Move the app's clock (and the live server's) to another day for one test: `set_today(date(2026, 11, 20))`."""

    def _set(day: date) -> date:
        app.config["TODAY"] = day
        return day

    return _set


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def csrf_enabled(app):
    """Turn CSRF protection on for one test (off by default so form tests stay short)."""
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def login(client, username: str, password: str = PASSWORD, follow: bool = False):
    return client.post("/login", data={"username": username, "password": password}, follow_redirects=follow)


@pytest.fixture
def login_as(client, make_user) -> Callable:
    """Log the test client in as a new user of `role` (extra keyword arguments go to make_user)."""

    def _login_as(role: str, **kwargs):
        user = make_user(role=role, **kwargs)
        response = login(client, user.username)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        return user

    return _login_as


@pytest.fixture
def api_client(client, make_user):
    """A callable returning (user, headers) with a fresh API token for a new user of `role`."""
    from casebook.auth import operations

    def _api(role: str, **kwargs):
        user = make_user(role=role, **kwargs)
        _token, raw = operations.issue_token(user, "test")
        db.session.commit()
        return user, {"Authorization": f"Bearer {raw}"}

    return _api
