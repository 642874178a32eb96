"""Build the benchmark database: an empty schema by the migrations, then the generated data set, reproducibly.

A manifest beside the data (benchmarks/data/<db>-<size>.manifest.json) records what was generated; `ensure`
rebuilds only when it is missing or stale, so repeated measurement runs reuse the database.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

from sqlalchemy import func, make_url, select, text

from benchmarks import bulk
from benchmarks.generate_cases import TABLES, load_cases
from benchmarks.generate_orgs import create_users, load_orgs
from benchmarks.generate_recon import load_reconsideration
from benchmarks.settings import DATA_DIR, GENERATOR_VERSION, SEED, Scale, dialect
from casebook.extensions import db

BIG_TABLES = [table.name for table in TABLES.values()] + [
    "reconsideration_cases",
    "reconsideration_parties",
]


def manifest_path(url: str, size: int) -> Path:
    """Where the manifest of this database and size is kept."""
    name = make_url(url).database or "db"
    return DATA_DIR / f"{dialect(url)}-{Path(name).stem}-{size}.manifest.json"


def wanted_manifest(scale: Scale) -> dict:
    """What a database generated now for `scale` would record."""
    return {"generator": GENERATOR_VERSION, "seed": SEED, "scale": scale.__dict__}


def is_current(app, url: str, scale: Scale) -> bool:
    """The database holds the data set this scale and generator version produce."""
    path = manifest_path(url, scale.cases)
    if not path.exists():
        return False
    recorded = json.loads(path.read_text())
    if {k: recorded.get(k) for k in ("generator", "seed", "scale")} != wanted_manifest(scale):
        return False
    from casebook.mediation.models import MediationCase

    with app.app_context():
        try:
            count = db.session.scalar(select(func.count()).select_from(MediationCase))
        except Exception:  # a missing table: not generated
            return False
        return count == scale.cases


def reset_database(app, url: str) -> None:
    """Empty the benchmark database: delete the SQLite file, or drop the PostgreSQL schema's tables."""
    if dialect(url) == "sqlite":
        database = make_url(url).database
        for suffix in ("", "-wal", "-shm"):
            Path(f"{database}{suffix}").unlink(missing_ok=True)
        return
    name = make_url(url).database or ""
    with app.app_context(), db.engine.begin() as conn:
        tables = conn.execute(
            text("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()")
        ).scalar()
        if tables and "bench" not in name:
            raise SystemExit(f"refusing to empty database {name!r}: its name does not contain 'bench'")
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))


def generate(app, url: str, scale: Scale, progress=print) -> dict:
    """Rebuild the database and fill it; returns the manifest written."""
    from flask_migrate import upgrade

    started = time.perf_counter()
    reset_database(app, url)
    with app.app_context():
        db.engine.dispose()
        upgrade()
        rng = random.Random(SEED)
        timings = {}
        with db.engine.begin() as conn:
            if conn.dialect.name == "sqlite":
                conn.exec_driver_sql("PRAGMA cache_size = -262144")  # 256 MB while loading
            loader = bulk.Loader(conn)
            indexes = bulk.secondary_indexes(conn, BIG_TABLES)
            bulk.drop_indexes(conn, indexes)
            orgs = load_orgs(loader, scale, rng)
            mark = time.perf_counter()
            load_cases(loader, orgs, scale.cases, rng, progress)
            timings["mediation_cases_s"] = round(time.perf_counter() - mark, 1)
            mark = time.perf_counter()
            load_reconsideration(loader, orgs, scale.reconsideration, rng, progress)
            timings["reconsideration_cases_s"] = round(time.perf_counter() - mark, 1)
            mark = time.perf_counter()
            progress(f"re-creating {len(indexes)} indexes")
            bulk.create_indexes(conn, indexes)
            timings["indexes_s"] = round(time.perf_counter() - mark, 1)
            rows = loader.rows_written
        create_users(orgs)
        _settle(url)
    manifest = {
        **wanted_manifest(scale),
        "rows": rows,
        "director_committee": orgs.director_committee,
        "seconds": round(time.perf_counter() - started, 1),
        "timings": timings,
    }
    path = manifest_path(url, scale.cases)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest, indent=2))
    return manifest


def _settle(url: str) -> None:
    """PostgreSQL: VACUUM ANALYZE (what autovacuum does after a bulk load). SQLite: checkpoint the WAL only;
    no ANALYZE, because a deployed casebook never runs one (see README: measured both ways)."""
    if dialect(url) == "postgresql":
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))
    else:
        with db.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def ensure(
    app,
    url: str,
    scale: Scale,
    *,
    force: bool = False,
    revision: str = "head",
    sqlite_stats: bool = True,
    progress=print,
) -> dict:
    """Generate the data set unless the database already holds it, then upgrade it to the head (migrations
    added since the data was generated, e.g. indexes, apply to it) or down to an earlier `revision`."""
    from flask_migrate import downgrade, upgrade

    if force or not is_current(app, url, scale):
        progress(f"generating {scale.cases:,} mediation cases into {dialect(url)} …")
        generate(app, url, scale, progress)
    with app.app_context():
        before = _revision()
        if revision == "head":
            upgrade()
        else:  # an earlier revision, to measure before a migration (e.g. without an index)
            downgrade(revision=revision)
        after = _revision()
        if after != before:
            progress(f"migrated {before} -> {after}")
            if dialect(url) == "postgresql":
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(text("ANALYZE"))
        if dialect(url) == "sqlite":
            _sqlite_statistics(sqlite_stats, progress)
    manifest = json.loads(manifest_path(url, scale.cases).read_text())
    manifest["revision"] = after
    return manifest


def _sqlite_statistics(wanted: bool, progress) -> None:
    """The planner statistics a running casebook gathers after its first requests (PRAGMA optimize when a
    connection goes back to the pool: casebook.core.database), gathered now so that every run measures the
    same state; or none, to measure code from before that hook (--no-sqlite-stats)."""
    with db.engine.begin() as conn:
        analysed = {
            r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE name = 'sqlite_stat1'")
        }
        if not wanted:
            if analysed:
                conn.exec_driver_sql("DELETE FROM sqlite_stat1")
            return
        indexes = {r[0] for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'")}
        known = {r[0] for r in conn.exec_driver_sql("SELECT idx FROM sqlite_stat1")} if analysed else set()
        if indexes - known - {n for n in indexes if n.startswith("sqlite_autoindex")}:
            progress("gathering SQLite planner statistics (ANALYZE)")
            conn.exec_driver_sql("ANALYZE")


def _revision() -> str | None:
    with db.engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
