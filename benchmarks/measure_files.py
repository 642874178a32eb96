"""Import of 100,000 rows (CSV and XLSX) and export of 100,000 rows to XLSX, each in a child process.

The import goes through the real runner as `flask import mediation FILE` does (parse and check every row, write
all or nothing, commit); each good import is removed again afterwards. A broken file (one wrong row near the end)
must leave every mediation table exactly as it was. The export is the list's XLSX download, streamed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable

from sqlalchemy import func, select

from benchmarks import files
from benchmarks.settings import REPO, Scale
from benchmarks.timing import Samples
from casebook.extensions import db

MAX_FILE_RUNS = 3  # an import of 100,000 rows takes tens of seconds: at most three runs each


def child(what: str, target: str, url: str) -> dict:
    """Run benchmarks.child in a fresh interpreter and return its JSON answer."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(  # noqa: S603
        [sys.executable, "-m", "benchmarks.child", what, target, "--url", url],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {
            "error": done.stderr.strip().splitlines()[-1]
            if done.stderr.strip()
            else f"exit {done.returncode}"
        }
    return json.loads(done.stdout.strip().splitlines()[-1])


def _committees() -> tuple[dict[str, list[str]], dict[str, str]]:
    from casebook.orgs.models import Committee, CommitteeMembership, Mediator

    members: dict[str, list[str]] = {}
    rows = db.session.execute(
        select(Committee.code, Mediator.code)
        .join(CommitteeMembership, CommitteeMembership.committee_id == Committee.id)
        .join(Mediator, Mediator.id == CommitteeMembership.mediator_id)
    )
    for committee, mediator in rows:
        members.setdefault(committee, []).append(mediator)
    names = select(Committee.code, func.coalesce(Committee.short_name, Committee.name))
    shorts = {code: short for code, short in db.session.execute(names)}
    return members, shorts


def _export_query(rows: int) -> tuple[str, int]:
    """registered_from=D such that about `rows` cases (not voided) were registered on or after D, and how many."""
    from casebook.mediation.models import MediationCase as M

    day = db.session.scalar(
        select(M.registered_on)
        .where(M.is_voided.is_(False))
        .order_by(M.registered_on.desc())
        .offset(rows)
        .limit(1)
    )
    count = db.session.scalar(select(func.count()).where(M.is_voided.is_(False), M.registered_on >= day))
    return f"registered_from={day.isoformat()}", count


def measure(app, manifest: dict, runs: int, add: Callable[..., None], *, url: str, scale: Scale) -> None:
    """Add the import and export rows."""
    runs = max(1, min(runs, MAX_FILE_RUNS))
    with app.app_context():
        members, shorts = _committees()
        paths = files.import_files(scale.import_rows, members, shorts)
        query, export_rows = _export_query(scale.export_rows)
        db.session.rollback()
    child("remove-imported", "", url)  # a run stopped half-way may have left an import behind

    for ext in ("csv", "xlsx"):
        samples, peaks, result = Samples(), [], {}
        for _ in range(runs):
            result = child("import", str(paths[f"good.{ext}"]), url)
            if "error" in result or not result.get("ok"):
                break
            samples.values.append(result["seconds"] * 1000)
            peaks.append(result["peak_rss_mb"])
        if not samples.values:
            add(
                "files",
                f"import {scale.import_rows:,} rows from {ext.upper()}",
                note=str(result.get("error") or result),
            )
            continue
        add(
            "files",
            f"import {scale.import_rows:,} rows from {ext.upper()}",
            app=samples,
            rows=result["created"],
            peak_rss_mb=max(peaks),
            baseline_rss_mb=result["baseline_rss_mb"],
        )
        broken = child("import", str(paths[f"broken.{ext}"]), url)
        written = broken.get("changed")
        add(
            "files",
            f"import {scale.import_rows:,} rows from {ext.upper()} with one wrong row",
            app=Samples([broken["seconds"] * 1000]) if "seconds" in broken else None,
            peak_rss_mb=broken.get("peak_rss_mb"),
            written="nothing" if written == {} and not broken.get("ok") else json.dumps(written),
            note=broken.get("first_error") or broken.get("error"),
        )

    samples, peaks, result = Samples(), [], {}
    for _ in range(runs):
        result = child("export", query, url)
        if result.get("status") != 200:
            break
        samples.values.append(result["seconds"] * 1000)
        peaks.append(result["peak_rss_mb"])
    if samples.values:
        add(
            "files",
            f"export {export_rows:,} rows to XLSX",
            app=samples,
            rows=export_rows,
            peak_rss_mb=max(peaks),
            baseline_rss_mb=result["baseline_rss_mb"],
            bytes=result["bytes"],
        )
    else:
        add("files", "export to XLSX", note=str(result))
    _settle_after_imports(app, url)


def _settle_after_imports(app, url: str) -> None:
    """PostgreSQL: VACUUM ANALYZE the tables the imports filled and emptied again, as autovacuum soon would; else
    autovacuum does it in the middle of the next section (the HTTP one measured it: a first page's p99 of 120 ms)
    and the index-only scans read the table until the visibility map is set again."""
    if not url.startswith("postgresql"):
        return
    from sqlalchemy import text

    with app.app_context(), db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        for table in db.metadata.sorted_tables:
            if table.name.startswith("mediation_"):
                conn.execute(text(f"VACUUM ANALYZE {table.name}"))
