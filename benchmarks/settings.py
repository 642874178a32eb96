"""What the benchmark measures on: the data set's scale, the database, the users, the paths."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent
REPO = ROOT.parent
DATA_DIR = ROOT / "data"  # git-ignored: databases, generated import files, logs
RESULTS_DIR = ROOT / "results"

SEED = 20261126
GENERATOR_VERSION = 1  # bump when the generated data changes, so old databases are rebuilt

# The data set covers six years, fixed so that it is the same whenever it is generated; "now" is its last day.
DATA_START = date(2020, 11, 1)
DATA_END = date(2026, 10, 31)
YEAR = 2025  # the "one year" of the dashboard figures: the last full year

PASSWORD = "bench-Casebook-2026-long-pass"  # noqa: S105 (a benchmark account on a throw-away database)
USERS = {"bureau": "bench-bureau", "director": "bench-director", "admin": "bench-admin"}


@dataclass(frozen=True)
class Scale:
    """How big the data set is: 1,000,000 mediation cases by default, everything else in proportion."""

    cases: int = 1_000_000
    committees: int = 200
    mediators: int = 2_000
    reconsideration: int = 50_000
    import_rows: int = 100_000
    export_rows: int = 100_000

    @classmethod
    def for_size(cls, cases: int) -> Scale:
        """The default organisations, with cases, reconsideration cases and file sizes scaled to `cases`."""
        factor = cases / 1_000_000
        return cls(
            cases=cases,
            reconsideration=max(500, round(50_000 * factor)),
            import_rows=min(100_000, max(1_000, cases // 10)),
            export_rows=min(100_000, max(1_000, cases // 10)),
        )


def database_url(size: int) -> str:
    """CASEBOOK_DATABASE_URL, else a SQLite file under benchmarks/data/ named by the size."""
    url = os.environ.get("CASEBOOK_DATABASE_URL")
    if url:
        if url.startswith("postgresql://"):
            url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
        return url
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{DATA_DIR / f'casebook-{size}.db'}"


def dialect(url: str) -> str:
    """'sqlite' or 'postgresql'."""
    return "postgresql" if url.startswith("postgresql") else "sqlite"


def safe_label(url: str) -> str:
    """The URL without a password, for reports."""
    return re.sub(r"//([^:/@]+):[^@]*@", r"//\1:***@", url)


def app_config(url: str) -> dict:
    """The configuration the benchmark gives the app: the real settings, only the database chosen."""
    return {"SQLALCHEMY_DATABASE_URI": url, "ENV_NAME": "development"}


def result_path(url: str, size: int, tag: str = "") -> Path:
    """benchmarks/results/<db>-<size>.json, or <db>-<size>-<tag>.json for a tagged run (e.g. "before")."""
    suffix = f"-{re.sub(r'[^a-z0-9]+', '-', tag.lower()).strip('-')}" if tag else ""
    return RESULTS_DIR / f"{dialect(url)}-{size}{suffix}.json"
