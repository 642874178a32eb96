"""The demo data set: accounts for every role and, area by area, a district like the annual report's.

Everything is generated reproducibly (fixed seeds) and only into an empty database.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date

from flask import current_app
from sqlalchemy import func, select

from casebook.extensions import db

# The demo's "today": its cases are generated up to this day and `serve --demo` runs on it, so the demo never
# depends on the real date and every deadline in it falls in a year whose holiday schedule is known.
DEMO_TODAY = date(2026, 10, 31)

# (username, role, password) — printed by `serve --demo`.
DEMO_ACCOUNTS = [
    ("admin", "admin", "demo-admin-2024"),
    ("bureau", "bureau", "demo-bureau-2024"),
    ("officer", "reconsideration", "demo-officer-2024"),
    ("director", "director", "demo-director-2024"),
    ("mediator", "mediator", "demo-mediator-2024"),
]


def is_empty() -> bool:
    """True when no user exists yet."""
    from casebook.auth.models import User

    return not db.session.scalar(select(func.count()).select_from(User))


def load_if_empty() -> bool:
    """Create the demo data set in an empty database; commits. Returns whether anything was created."""
    if not is_empty():
        return False
    load()
    db.session.commit()
    return True


def load() -> None:
    """Every area's demo data, in dependency order (organisations before cases), written as of DEMO_TODAY."""
    with demo_clock():
        for step in DEMO_STEPS:
            step()
            db.session.flush()


@contextmanager
def demo_clock() -> Iterator[None]:
    """The app's clock set to DEMO_TODAY while the demo is written (restored after)."""
    config = current_app.config
    saved = config.get("TODAY")
    config["TODAY"] = DEMO_TODAY
    try:
        yield
    finally:
        config["TODAY"] = saved


def create_accounts() -> None:
    """One account per role; directors and mediators are linked to a demo mediator when one exists."""
    from casebook.auth import operations
    from casebook.orgs.demo import account_links

    links = account_links()
    for username, role, password in DEMO_ACCOUNTS:
        operations.create_user(
            username, role, password, display_name=username, mediator_id=links.get(username)
        )


def create_organisations() -> None:
    """The demo district: areas, the association, committees, mediators, studios and agencies."""
    from casebook.orgs import demo

    demo.load()


def load_reconsideration() -> None:
    """The reconsideration office's register (after the organisations: it needs the agencies)."""
    from casebook.reconsideration import demo

    demo.load()


def mediation_cases() -> None:
    """Mediation cases of the demo committees, the report's year among them."""
    from casebook.mediation import demo

    demo.load()


def load_litigation() -> None:
    """The litigation register (after reconsideration: some of its cases follow a decision)."""
    from casebook.litigation import demo

    demo.load()


DEMO_STEPS = [create_organisations, create_accounts, mediation_cases, load_reconsideration, load_litigation]
