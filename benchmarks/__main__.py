"""python -m benchmarks run [--size N] [--runs N] [--only SECTION ...] [--before NAME] | generate [--size N] [--force]
| table FILE | compare BEFORE AFTER"""

from __future__ import annotations

import argparse
import signal
import sys
import time

from benchmarks.before import STATES, applied
from benchmarks.settings import Scale, app_config, database_url, dialect


def _progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the command."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    for name in ("run", "generate"):
        command = sub.add_parser(name)
        command.add_argument(
            "--size", type=int, default=1_000_000, help="mediation cases (default 1,000,000)"
        )
        command.add_argument("--force", action="store_true", help="regenerate even if the data set exists")
        command.add_argument(
            "--revision",
            default="head",
            help="migrate the database down to this revision first (before/after)",
        )
        command.add_argument(
            "--no-sqlite-stats",
            action="store_true",
            help="SQLite: measure without planner statistics (code from before PRAGMA optimize)",
        )
        if name == "run":
            command.add_argument("--runs", type=int, default=5, help="runs per measurement (median reported)")
            command.add_argument(
                "--only", nargs="*", default=None, help="sections: stats pages files http (default: all)"
            )
            command.add_argument("--tag", default="", help="a note stored with the results (e.g. 'before')")
            command.add_argument(
                "--before",
                choices=sorted(STATES),
                help="measure the state before one change (benchmarks/before.py); tags the results before-NAME",
            )
            command.add_argument("--no-save", action="store_true", help="print only, write no JSON")
    table = sub.add_parser("table", help="print the table of a results file")
    table.add_argument("results", help="e.g. benchmarks/results/sqlite-1000000.json")
    compare = sub.add_parser("compare", help="print the rows two results files share, before and after")
    compare.add_argument("before", help="e.g. benchmarks/results/sqlite-1000000-before-list-indexes.json")
    compare.add_argument("after", help="e.g. benchmarks/results/sqlite-1000000.json")
    args = parser.parse_args(argv)
    if args.command == "compare":
        import json
        from pathlib import Path

        from benchmarks.report import compare as render_compare

        before, after = (json.loads(Path(p).read_text()) for p in (args.before, args.after))
        print(render_compare(before, after))
        return 0
    if args.command == "table":
        import json
        from pathlib import Path

        from benchmarks.report import table as render

        print(render(json.loads(Path(args.results).read_text())))
        return 0

    from benchmarks.generate import ensure
    from casebook import create_app

    scale = Scale.for_size(args.size)
    url = database_url(args.size)
    before = getattr(args, "before", None)
    app = create_app({**app_config(url), **(STATES[before].config if before else {})})
    manifest = ensure(
        app,
        url,
        scale,
        force=args.force,
        revision=args.revision,
        sqlite_stats=not args.no_sqlite_stats,
        progress=_progress,
    )
    if args.command == "generate":
        _progress(
            f"{dialect(url)}: {scale.cases:,} cases ready ({manifest.get('seconds', '?')} s to generate)"
        )
        return 0

    from benchmarks.run import run

    tag = args.tag or (f"before-{before}" if before else "")
    # A run stopped by SIGTERM unwinds like Ctrl+C: a --before state is restored (its indexes created again).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    with applied(app, before, dialect(url)):
        run(app, url, scale, manifest, runs=args.runs, only=args.only, tag=tag, save=not args.no_save)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
