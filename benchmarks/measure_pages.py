"""Pages through the Flask test client, in process: the case lists, a case page, the dashboard.

Each request goes through the whole app (login session, permission checks, queries, template) exactly as under
a server, minus the network; the same URLs are measured over HTTP under gunicorn by `measure_http`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import exists, func, select

from benchmarks.settings import PASSWORD, USERS, YEAR
from benchmarks.timing import repeat
from casebook.extensions import db

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    found = CSRF.search(html)
    if not found:
        raise RuntimeError("no csrf_token on the login page")
    return found.group(1) or found.group(2)


def log_in(client, role: str) -> None:
    """Log the test client in through the login form (CSRF included) as the benchmark user of `role`."""
    page = client.get("/login")
    response = client.post(
        "/login",
        data={
            "username": USERS[role],
            "password": PASSWORD,
            "csrf_token": csrf_token(page.get_data(as_text=True)),
        },
    )
    if response.status_code != 302:
        raise RuntimeError(f"login as {role} failed: {response.status_code}")


@dataclass(frozen=True)
class PageCase:
    """A page to measure: who asks, the label, the URL."""

    role: str
    name: str
    url: str
    stats_cache: bool = (
        True  # False: the statistics are counted again on every view (the first after a change)
    )


def page_cases(app, manifest: dict) -> list[PageCase]:
    """The URLs measured, chosen from the data (a case with proceedings, a searched name that exists)."""
    from casebook.mediation.models import MediationCase, MediationFollowup, MediationParty, MediationSession

    committee_id = int(manifest.get("director_committee", 1))
    with app.app_context():
        m = MediationCase
        total = db.session.scalar(select(func.count()).select_from(m).where(m.is_voided.is_(False)))
        deep = max(1, total // app.config["PAGE_SIZE"] // 2)
        case_id = db.session.scalar(
            select(m.id)
            .where(
                m.committee_id == committee_id,
                exists().where(MediationSession.case_id == m.id),
                exists().where(MediationFollowup.case_id == m.id),
            )
            .order_by(m.id.desc())
            .limit(1)
        ) or db.session.scalar(select(func.max(m.id)))
        name = db.session.scalar(
            select(MediationParty.name)
            .where(func.length(MediationParty.name) == 3)
            .order_by(MediationParty.id)
            .limit(1)
        )
        db.session.rollback()
    return [
        PageCase("bureau", "case list, first page", "/mediation/"),
        PageCase("bureau", f"case list, deep page ({deep:,})", f"/mediation/?page={deep}"),
        PageCase(
            "bureau",
            f"case list, filtered (a dispute type in {YEAR})",
            f"/mediation/?dispute_type=2&registered_from={YEAR}-01-01&registered_to={YEAR}-12-31",
        ),
        PageCase("bureau", "case list, filtered (overdue)", "/mediation/?deadline=overdue"),
        PageCase("bureau", f"case list, text search ({name})", f"/mediation/?q={name}"),
        PageCase("bureau", f"case list, text search ({name[1:]})", f"/mediation/?q={name[1:]}"),
        PageCase("director", "case list, first page (director)", "/mediation/"),
        PageCase("bureau", "case page", f"/mediation/{case_id}"),
        PageCase("bureau", f"dashboard page, {YEAR}", f"/stats/?period=year&year={YEAR}"),
        PageCase(
            "bureau",
            f"dashboard page, {YEAR}, statistics not cached",
            f"/stats/?period=year&year={YEAR}",
            False,
        ),
        PageCase("director", f"dashboard page, {YEAR} (director)", f"/stats/?period=year&year={YEAR}"),
        PageCase(
            "director",
            f"dashboard page, {YEAR} (director), statistics not cached",
            f"/stats/?period=year&year={YEAR}",
            False,
        ),
    ]


def measure(app, manifest: dict, runs: int, add: Callable[..., None], *, url: str, scale) -> list[PageCase]:
    """Add one row per page: the median time of a whole request through the test client."""
    cases = page_cases(app, manifest)
    clients = {}
    for role in {c.role for c in cases}:
        clients[role] = app.test_client()
        log_in(clients[role], role)
    for case in cases:
        client = clients[case.role]
        status = {}

        def get(client=client, url=case.url, status=status):
            response = client.get(url)
            status["code"] = response.status_code
            status["bytes"] = len(response.get_data())

        saved = app.config["STATS_CACHE_SIZE"]
        app.config["STATS_CACHE_SIZE"] = saved if case.stats_cache else 0
        try:
            samples, _ = repeat(get, runs)
        finally:
            app.config["STATS_CACHE_SIZE"] = saved
        if status["code"] != 200:
            add("pages", case.name, url=case.url, note=f"HTTP {status['code']}")
            continue
        add("pages", case.name, url=case.url, app=samples, bytes=status["bytes"])
    return cases
