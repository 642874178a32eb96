"""Dashboard figures: casebook's statistics queries (with the user's scoping) against hand-made SQL.

Each row times the app's `stats.queries` call as a page makes it (scoping, filter resolution and the aggregate
statement) and the same figures as one hand-written statement on the same database; both are checked to give
the same counts.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from datetime import date

from sqlalchemy import select

from benchmarks import handmade
from benchmarks.settings import DATA_END, DATA_START, USERS, YEAR
from benchmarks.timing import repeat
from casebook.auth.models import User
from casebook.extensions import db
from casebook.stats import queries
from casebook.stats.filters import Filters
from casebook.stats.periods import Period


def _user(role: str) -> User:
    return db.session.scalars(select(User).where(User.username == USERS[role])).one()


@contextmanager
def _cache_size(app, size: int):
    saved = app.config.get("STATS_CACHE_SIZE", 0)
    app.config["STATS_CACHE_SIZE"] = size
    try:
        yield
    finally:
        app.config["STATS_CACHE_SIZE"] = saved


def measure(app, manifest: dict, runs: int, add: Callable[..., None], *, url: str, scale) -> None:
    """Add the statistics rows through `add(section, name, **values)`.

    The app's figures are timed with the statistics cache off (every run counts again, as the first view after
    a change does), then, for the bureau-wide figures, with the cache on (every later view until the next write).
    """
    committee_id = int(manifest.get("director_committee", 1))
    with app.app_context(), _cache_size(app, 0):
        from casebook.orgs.models import Committee

        committee_code = db.session.get(Committee, committee_id).code
        periods = {
            f"{YEAR}": (Period.year(YEAR), date(YEAR, 1, 1), date(YEAR, 12, 31)),
            "all years": (Period(DATA_START, DATA_END), DATA_START, DATA_END),
        }
        cases = (
            ("bureau-wide (bureau user)", "bureau", None, None),
            (f"committee {committee_code} (bureau user, filter)", "bureau", committee_code, [committee_id]),
            (f"committee {committee_code} (its director)", "director", None, [committee_id]),
        )
        for label, (period, start, end) in periods.items():
            for who, role, code, committees in cases:
                user = _user(role)
                filters = Filters(committee=code) if code else None
                app_samples, counts = repeat(
                    lambda u=user, f=filters, p=period: queries.mediation_totals(u, p, f), runs
                )
                sql_samples, hand = repeat(
                    lambda c=committees, s=start, e=end: handmade.totals(s, e, c), runs
                )
                add(
                    "stats",
                    f"mediation figures, {label}, {who}",
                    app=app_samples,
                    sql=sql_samples,
                    ratio=app_samples.median / sql_samples.median,
                    match={k: counts.values[k] for k in handmade.FIGURES} == hand,
                    registered=hand["registered"],
                )
                if role == "bureau" and code is None:
                    with _cache_size(app, 512):
                        cached, _counts = repeat(
                            lambda u=user, p=period: queries.mediation_totals(u, p), runs
                        )
                    add("stats", f"mediation figures, {label}, {who}, cached", app=cached)
            db.session.rollback()

        user = _user("bureau")
        period, start, end = periods[f"{YEAR}"]
        app_samples, rows = repeat(lambda: queries.mediation_breakdown(user, period, "committee"), runs)
        sql_samples, hand = repeat(lambda: handmade.by_committee(start, end), runs)
        add(
            "stats",
            f"mediation figures by committee, {YEAR}, bureau-wide",
            app=app_samples,
            sql=sql_samples,
            ratio=app_samples.median / sql_samples.median,
            match={r.key: {k: r.counts.values[k] for k in handmade.FIGURES} for r in rows} == hand,
        )
        for label, (period, _start, _end) in periods.items():
            samples, _counts = repeat(lambda p=period: queries.reconsideration_totals(user, p), runs)
            add("stats", f"reconsideration figures, {label}, bureau-wide", app=samples)
        db.session.rollback()
