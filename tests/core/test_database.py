"""SQLite connections keep the query planner's statistics (PRAGMA optimize when they go back to the pool)."""

from __future__ import annotations

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
