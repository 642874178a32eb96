"""SQLite connections keep the query planner's statistics (PRAGMA optimize when they go back to the pool)."""

from __future__ import annotations

import pytest
from sqlalchemy import create_engine, text

from casebook.core.database import install_sqlite_pragmas


def test_a_pooled_sqlite_connection_gathers_planner_statistics(app, tmp_path):
    install_sqlite_pragmas()
    engine = create_engine(f"sqlite:///{tmp_path / 'stats.db'}")
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE t (id INTEGER PRIMARY KEY, k INTEGER NOT NULL)"))
        conn.execute(text("CREATE INDEX ix_t_k ON t (k)"))
        conn.execute(text("INSERT INTO t (k) VALUES (:k)"), [{"k": i % 7} for i in range(2000)])
    with engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM t WHERE k = 3")).scalar() == 286
    # the connection went back to the pool: statistics exist, as ANALYZE would have written them
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT idx, stat FROM sqlite_stat1 WHERE tbl = 't'")).all()
    engine.dispose()
    assert ("ix_t_k", "2000 286") in [tuple(r) for r in rows]


def test_postgresql_connections_do_without_jit(app):
    from casebook import create_app

    url = "postgresql+psycopg://casebook@127.0.0.1/casebook"
    options = {"connect_args": {"options": "-csearch_path=test"}}
    made = create_app({"SQLALCHEMY_DATABASE_URI": url, "SQLALCHEMY_ENGINE_OPTIONS": options})
    assert (
        made.config["SQLALCHEMY_ENGINE_OPTIONS"]["connect_args"]["options"] == "-csearch_path=test -c jit=off"
    )
    kept = create_app({"SQLALCHEMY_DATABASE_URI": url, "POSTGRESQL_JIT": True})
    assert "connect_args" not in kept.config["SQLALCHEMY_ENGINE_OPTIONS"]


@pytest.mark.postgres_only
def test_jit_is_off_on_the_app_connection(app):
    from casebook.extensions import db

    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only")
    assert db.session.execute(text("SHOW jit")).scalar() == "off"
