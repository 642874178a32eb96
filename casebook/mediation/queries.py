"""Reads of mediation cases. Every page, API endpoint, export and statistic starts from `scoped_cases`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date, timedelta

from flask import current_app
from sqlalchemy import Select, case, exists, false, literal_column, select
from sqlalchemy import column as table_column
from sqlalchemy import table as lightweight_table
from sqlalchemy.orm import joinedload, selectinload

from casebook.core.clock import today
from casebook.core.permissions import committee_scope
from casebook.extensions import db
from casebook.mediation.models import (
    OPEN_STATUSES,
    SQLITE_SEARCH_TABLE,
    MediationCase,
    MediationSession,
    mediation_case_mediators,
)
from casebook.orgs.models import Area, Committee

MAX_ID = 2**31 - 1  # ids beyond a 32-bit integer cannot exist: answer "not found" instead of a database error


def scoped_cases(user, *, include_voided: bool = False) -> Select:
    """The cases `user` may see: directors and mediators their committees' only, others all.

    Voided cases (registered by mistake) are left out unless `include_voided`. Routes check the permission
    (view mediation, statistics, ...) themselves; this function applies the role's organisation scope.
    """
    query = select(MediationCase)
    if user is None or not getattr(user, "is_authenticated", False):
        return query.where(false())
    scope = committee_scope(user)
    if scope is not None:
        query = query.where(MediationCase.committee_id.in_(sorted(scope)) if scope else false())
    if not include_voided:
        query = query.where(MediationCase.is_voided.is_(False))
    return query


def get_case(user, case_id: int, *, for_page: bool = False) -> MediationCase | None:
    """One case the user may see (voided ones included), or None."""
    if not 0 < case_id <= MAX_ID:
        return None
    query = scoped_cases(user, include_voided=True).where(MediationCase.id == case_id)
    if for_page:
        query = query.options(
            joinedload(MediationCase.committee),
            joinedload(MediationCase.area),
            joinedload(MediationCase.dispute_type),
            selectinload(MediationCase.parties),
            selectinload(MediationCase.mediators),
            selectinload(MediationCase.sessions).selectinload(MediationSession.mediators),
            selectinload(MediationCase.extensions),
            joinedload(MediationCase.confirmation),
            selectinload(MediationCase.followups),
        )
    return db.session.scalar(query)


SORTS = {
    "registered_on": MediationCase.registered_on,
    "case_no": MediationCase.case_no,
    "due_on": MediationCase.due_on,
    "closed_on": MediationCase.closed_on,
    "status": MediationCase.status,
}
DEFAULT_SORT = "-registered_on"
NULLABLE_SORTS = frozenset({"due_on", "closed_on"})


@dataclass
class CaseFilters:
    """The filters of the case list, the API list and the export (all optional)."""

    q: str = ""
    status: str = ""
    outcome: str = ""
    source: str = ""
    dispute_type: int | None = None
    committee: int | None = None
    mediator: int | None = None
    area: int | None = None
    registered_from: date | None = None
    registered_to: date | None = None
    closed_from: date | None = None
    closed_to: date | None = None
    deadline: str = ""  # "overdue" or "due_soon" (open cases)
    voided: bool = False  # voided cases only
    sort: str = DEFAULT_SORT

    def as_args(self) -> dict:
        """The filters that are set, as query-string arguments."""
        args = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if value in (None, "", False) or (f.name == "sort" and value == DEFAULT_SORT):
                continue
            args[f.name] = "1" if value is True else value.isoformat() if isinstance(value, date) else value
        return args


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _area_with_descendants(area_id: int) -> list[int]:
    children: dict[int | None, list[int]] = {}
    for child_id, parent_id in db.session.execute(select(Area.id, Area.parent_id)):
        children.setdefault(parent_id, []).append(child_id)
    found, todo = [], [area_id]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def due_soon_days() -> int:
    """How many days before its deadline an open case counts as due soon (setting MEDIATION_DUE_SOON_DAYS)."""
    return int(current_app.config["MEDIATION_DUE_SOON_DAYS"])


# SQLite's FTS5 trigram index of the search column (migration 5f3b9c2d7e41); PostgreSQL's is a pg_trgm index
# that LIKE uses by itself. Both find substrings of three characters or more.
_SEARCH_INDEX = lightweight_table(SQLITE_SEARCH_TABLE, table_column("rowid"))
TRIGRAM = 3


def text_search(needle: str):
    """Cases whose search column contains `needle` (already normalised), as LIKE '%needle%' decides.

    On SQLite a needle of three characters or more is first looked up in the trigram index, so that not every
    case is read; shorter needles (a two-character name) can only be found by reading the column of every case.
    """
    condition = MediationCase.search_text.like(f"%{_escape_like(needle)}%", escape="\\")
    if len(needle) < TRIGRAM or db.session.get_bind().dialect.name != "sqlite":
        return condition
    phrase = '"' + needle.replace('"', '""') + '"'  # an FTS5 string: the needle as one phrase, quotes doubled
    found = select(_SEARCH_INDEX.c.rowid).where(literal_column(SQLITE_SEARCH_TABLE).op("MATCH")(phrase))
    return MediationCase.id.in_(found) & condition


def filtered_cases(user, filters: CaseFilters, *, as_of: date | None = None) -> Select:
    """The scoped cases matching `filters`, sorted (without loader options)."""
    from casebook.mediation.operations import normalise_search

    day = as_of or today()
    query = scoped_cases(user, include_voided=filters.voided)
    c = MediationCase
    if filters.voided:
        query = query.where(c.is_voided.is_(True))
    if filters.q.strip():
        query = query.where(text_search(normalise_search(filters.q.strip())))
    for name in ("status", "outcome", "source"):
        if getattr(filters, name):
            query = query.where(getattr(c, name) == getattr(filters, name))
    if filters.dispute_type is not None:
        query = query.where(c.dispute_type_id == filters.dispute_type)
    if filters.committee is not None:
        query = query.where(c.committee_id == filters.committee)
    if filters.area is not None:
        query = query.where(c.area_id.in_(_area_with_descendants(filters.area)))
    if filters.mediator is not None:
        query = query.where(
            exists().where(
                mediation_case_mediators.c.case_id == c.id,
                mediation_case_mediators.c.mediator_id == filters.mediator,
            )
        )
    for column, start, end in (
        (c.registered_on, filters.registered_from, filters.registered_to),
        (c.closed_on, filters.closed_from, filters.closed_to),
    ):
        if start is not None:
            query = query.where(column >= start)
        if end is not None:
            query = query.where(column <= end)
    # Open cases have no outcome (CHECK outcome_matches_status): saying so lets the database read the small
    # index of open cases by deadline (ix_mediation_cases_open_due) instead of every case.
    if filters.deadline == "overdue":
        query = query.where(c.status.in_(OPEN_STATUSES), c.outcome.is_(None), c.due_on < day)
    elif filters.deadline == "due_soon":
        query = query.where(
            c.status.in_(OPEN_STATUSES),
            c.outcome.is_(None),
            c.due_on >= day,
            c.due_on <= day + timedelta(days=due_soon_days()),
        )
    key = filters.sort.lstrip("-")
    column = SORTS.get(key, c.registered_on)
    descending = filters.sort.startswith("-") if key in SORTS else True
    order = column.desc() if descending else column.asc()
    # Empty dates last; on a NOT NULL column that term would only stop the database from reading the rows
    # in index order (a sort of every matching row for each page: seconds at a million cases).
    nulls_last = [column.is_(None)] if key in NULLABLE_SORTS else []
    return query.order_by(*nulls_last, order, c.id.desc() if descending else c.id.asc())


def with_list_loaders(query: Select, *, mediators: bool = True) -> Select:
    """Load what a list row shows in a fixed number of queries (no query per row); the pages' tables show no
    mediators (`mediators=False`), the API's rows do.

    Committees and dispute types too are loaded by a second query for the page's rows: joined into the page's
    query, they would be looked up for every row a deep page's OFFSET skips.
    """
    loaders = [
        selectinload(MediationCase.committee),
        selectinload(MediationCase.dispute_type),
        selectinload(MediationCase.parties),
    ]
    if mediators:
        loaders.append(selectinload(MediationCase.mediators))
    return query.options(*loaders)


def my_cases(user, *, whole_committee: bool = False, as_of: date | None = None) -> Select:
    """Open cases of the user's mediator record (or of their committees): overdue first, then due soon."""
    day = as_of or today()
    c = MediationCase
    query = scoped_cases(user).where(c.status.in_(OPEN_STATUSES))
    if not whole_committee:
        query = query.where(
            exists().where(
                mediation_case_mediators.c.case_id == c.id,
                mediation_case_mediators.c.mediator_id == (user.mediator_id or 0),
            )
        )
    urgency = case((c.due_on < day, 0), (c.due_on <= day + timedelta(days=due_soon_days()), 1), else_=2)
    return query.order_by(urgency, c.due_on.is_(None), c.due_on, c.registered_on, c.id)


def _scoped_committees(user, *columns) -> Select:
    """`columns` of the committees the user may see, by code."""
    scope = committee_scope(user)
    query = select(*columns).order_by(Committee.code)
    if scope is not None:
        query = query.where(Committee.id.in_(sorted(scope)) if scope else false())
    return query


def committees_in_scope(user) -> list[Committee]:
    """The committees the user may register cases for or filter by."""
    return list(db.session.scalars(_scoped_committees(user, Committee)))


def committee_choices(user) -> list:
    """(id, name) rows of the committees the user may see, by code: the options of a select."""
    return list(db.session.execute(_scoped_committees(user, Committee.id, Committee.name)))


def party_names(case_: MediationCase, role: str) -> str:
    """The names of the case's parties in one role, joined."""
    return "、".join(p.name for p in case_.parties if p.role == role)
