"""Run the measurements, print one table and write it as JSON (benchmarks/results/<db>-<size>.json)."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
import time
from typing import Any

from benchmarks import report
from benchmarks.settings import REPO, Scale, dialect, result_path, safe_label
from benchmarks.timing import Samples, load_average, machine

SECTIONS = ("stats", "pages", "files", "http")


def _git_commit() -> str | None:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],  # noqa: S607
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return None


def run(app, url: str, scale: Scale, manifest: dict, *, runs: int, only, tag: str, save: bool) -> dict:
    """Measure the chosen sections and report them."""
    rows: list[dict[str, Any]] = []

    def add(section: str, name: str, **values: Any) -> None:
        row: dict[str, Any] = {"section": section, "name": name, "load": load_average()[0]}
        for key, value in values.items():
            row[key] = value.as_dict() if isinstance(value, Samples) else value
        rows.append(row)
        print(report.line(row), file=sys.stderr, flush=True)

    results = {
        "database": dialect(url),
        "url": safe_label(url),
        "size": scale.cases,
        "scale": scale.__dict__,
        "runs": runs,
        "tag": tag,
        "commit": _git_commit(),
        "started_at": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "machine": machine(),
        "generation": {k: manifest.get(k) for k in ("seconds", "timings", "rows")},
        "rows": rows,
    }
    chosen = [s for s in SECTIONS if not only or s in only]
    path = result_path(url, scale.cases, tag)
    kept = []
    commits = {section: results["commit"] for section in chosen}
    if only and path.exists():  # a partial run replaces only the sections it measures
        previous = json.loads(path.read_text())
        kept = [r for r in previous.get("rows", []) if r["section"] not in chosen]
        earlier = previous.get("section_commits") or {r["section"]: previous.get("commit") for r in kept}
        commits = {**{r["section"]: earlier.get(r["section"]) for r in kept}, **commits}
    results["section_commits"] = commits
    for section in chosen:
        module = __import__(f"benchmarks.measure_{section}", fromlist=["measure"])
        # Like a gunicorn worker after start-up (wsgi.py): what is alive now is kept out of the garbage collector's
        # full passes, so that a section's rows do not pay for walking what the earlier sections left behind (the
        # pages measured 10-30 % slower after the statistics section than in a process of their own).
        gc.collect()
        gc.freeze()
        started = time.perf_counter()
        try:
            module.measure(app, manifest, runs, add, url=url, scale=scale)
        except Exception as error:  # one broken section must not lose the others' rows
            add(section, f"{section} (stopped)", note=f"{type(error).__name__}: {error}")
        print(f"[{section}: {time.perf_counter() - started:.0f} s]", file=sys.stderr, flush=True)
        if save:  # after every section, so that an interrupted run keeps what it measured
            _save(path, {**results, "rows": _ordered(kept + rows), "load_average_at_end": load_average()})
    results["rows"] = _ordered(kept + rows)
    results["load_average_at_end"] = load_average()
    print(report.table(results))
    if save:
        _save(path, results)
        print(f"written {path.relative_to(REPO)}", file=sys.stderr)
    return results


def _ordered(rows: list[dict]) -> list[dict]:
    """The rows by section in the order of SECTIONS (a partial run's rows among the kept ones)."""
    return sorted(
        rows, key=lambda r: SECTIONS.index(r["section"]) if r["section"] in SECTIONS else len(SECTIONS)
    )


def _save(path, results: dict) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
