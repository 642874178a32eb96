"""One import or export in a process of its own, so that its peak memory (max RSS) is its own.

python -m benchmarks.child import FILE --url URL     the CLI's path: run_import, commit if all rows are right
python -m benchmarks.child export QUERY --url URL    GET /mediation/export.xlsx?QUERY as the bureau user

Prints one JSON line: seconds, peak RSS, the RSS before the work began, and what changed in the database.
"""

from __future__ import annotations

import argparse
import json
import time
from datetime import date
from pathlib import Path

from sqlalchemy import delete, func, select

from benchmarks.settings import DATA_START, app_config
from casebook.extensions import db


def rss_mb() -> float:
    """Peak resident set size of this process so far, in MB: VmHWM, the high-water mark of this program's memory.

    Not getrusage's ru_maxrss: Linux carries that across fork and exec, so a child started by a big parent (the
    benchmark, 600 MB after its in-process sections) reported the parent's peak as its own.
    """
    return _status_mb("VmHWM:")


def current_rss_mb() -> float:
    """Resident set size now, in MB."""
    return _status_mb("VmRSS:")


def _status_mb(field: str) -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def footprint() -> dict[str, int]:
    """Row counts of every mediation table and the sum of the case number counters."""
    from casebook.mediation.models import MediationCaseCounter

    counts = {}
    for table in db.metadata.sorted_tables:
        if table.name.startswith("mediation_"):
            counts[table.name] = db.session.scalar(select(func.count()).select_from(table))
    counts["counters_sum"] = db.session.scalar(
        select(func.coalesce(func.sum(MediationCaseCounter.last_seq), 0))
    )
    return counts


def remove_imported(before: date = DATA_START) -> int:
    """Delete the cases registered before the data set (the imported ones) and every row hanging off them."""
    from casebook.mediation.models import MediationCase, MediationCaseCounter, MediationSession

    cases = select(MediationCase.id).where(MediationCase.registered_on < before)
    removed = db.session.scalar(select(func.count()).select_from(cases.subquery()))
    sessions = select(MediationSession.id).where(MediationSession.case_id.in_(cases))
    for table in db.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table is MediationSession.__table__:
                db.session.execute(delete(table).where(fk.parent.in_(sessions)))
    for table in reversed(db.metadata.sorted_tables):
        for fk in table.foreign_keys:
            if fk.column.table is MediationCase.__table__ and table is not MediationCase.__table__:
                db.session.execute(delete(table).where(fk.parent.in_(cases)))
    db.session.execute(delete(MediationCase).where(MediationCase.registered_on < before))
    db.session.execute(delete(MediationCaseCounter).where(MediationCaseCounter.year < before.year))
    db.session.commit()
    return removed or 0


def do_import(app, path: str) -> dict:
    """Import a file as `flask import mediation FILE` does; report time, memory and what was written."""
    from casebook.imports import get_spec, run_import

    with app.app_context():
        spec = get_spec("mediation")
        if spec is None:
            return {"error": "no mediation import spec on this checkout"}
        before = footprint()
        db.session.rollback()
        baseline = current_rss_mb()
        started = time.perf_counter()
        report = run_import(spec, path, user=None)
        if report.ok:
            db.session.commit()
        else:
            db.session.rollback()
        seconds = time.perf_counter() - started
        peak = rss_mb()
        after = footprint()
        changed = {k: after[k] - before[k] for k in before if after[k] != before[k]}
        result = {
            "seconds": round(seconds, 3),
            "peak_rss_mb": peak,
            "baseline_rss_mb": baseline,
            "ok": report.ok,
            "rows": report.total_rows,
            "created": report.created,
            "errors": len(report.errors) + report.more_errors,
            "first_error": report.errors[0].message if report.errors else None,
            "changed": changed,
        }
        if report.ok:
            result["removed_after"] = remove_imported()
        return result


def do_export(app, query: str) -> dict:
    """Download the XLSX export of the filtered list as the bureau user, streaming the body."""
    from benchmarks.measure_pages import log_in

    client = app.test_client()
    log_in(client, "bureau")
    baseline = current_rss_mb()
    started = time.perf_counter()
    response = client.get(f"/mediation/export.xlsx?{query}", buffered=False)
    size = sum(len(chunk) for chunk in response.response)
    response.close()
    seconds = time.perf_counter() - started
    return {
        "seconds": round(seconds, 3),
        "peak_rss_mb": rss_mb(),
        "baseline_rss_mb": baseline,
        "status": response.status_code,
        "bytes": size,
    }


def main() -> None:
    """Parse the arguments, do the work, print the JSON line."""
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=("import", "export", "remove-imported"))
    parser.add_argument("target", nargs="?", default="")
    parser.add_argument("--url", required=True)
    args = parser.parse_args()
    from casebook import create_app

    app = create_app(app_config(args.url))
    if args.what == "import":
        result = do_import(app, args.target)
    elif args.what == "export":
        result = do_export(app, args.target)
    else:
        with app.app_context():
            result = {"removed": remove_imported()}
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
