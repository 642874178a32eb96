"""Reads of litigation cases; every case query starts from `scoped_cases`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import Select, false, select
from sqlalchemy.orm import joinedload, selectinload

from casebook.core.permissions import Permission, has_permission
from casebook.extensions import db
from casebook.litigation.codes import INSTANCES, OUTCOMES, Status
from casebook.litigation.models import LitigationCase, LitigationCaseChange

C = LitigationCase
MAX_ID = 2**31 - 1
DESK_DAYS = 7  # defences due within a week, and hearings coming in the next weeks, on the officer's desk
HEARING_DAYS = 30
DESK_LIMIT = 50


def scoped_cases(user) -> Select:
    """The cases `user` may see: all for reconsideration officers (the office also answers in court),
    administrators and the bureau (read only); none for directors and mediators (404 on every page and path)."""
    query = select(LitigationCase)
    if not has_permission(user, Permission.VIEW_RECONSIDERATION):
        return query.where(false())
    return query


def get_case(user, case_id: int) -> LitigationCase | None:
    """One case the user may see, with its agency, plaintiffs and hearings loaded; None otherwise."""
    if not 0 < case_id <= MAX_ID:
        return None
    query = (
        scoped_cases(user)
        .where(C.id == case_id)
        .options(
            joinedload(C.agency),
            joinedload(C.reconsideration_case),
            joinedload(C.next_instance),
            selectinload(C.plaintiffs),
            selectinload(C.hearings),
        )
    )
    return db.session.scalars(query).unique().first()


def previous_instances(user, case: LitigationCase) -> list[LitigationCase]:
    """The cases whose appeal (or retrial) led to this one."""
    return list(db.session.scalars(scoped_cases(user).where(C.next_instance_id == case.id).order_by(C.id)))


def case_history(case: LitigationCase) -> list[LitigationCaseChange]:
    """The case's history, newest first, with the users loaded."""
    query = (
        select(LitigationCaseChange)
        .where(LitigationCaseChange.case_id == case.id)
        .options(joinedload(LitigationCaseChange.user))
        .order_by(LitigationCaseChange.id.desc())
    )
    return list(db.session.scalars(query))


# ---------------------------------------------------------------- the list


@dataclass
class CaseFilters:
    """The list's filters from the query string (unknown values are ignored, never an error)."""

    q: str = ""
    agency_id: int | None = None
    year: int | None = None
    instance: str = ""
    outcome: str = ""
    status: str = ""
    against: bool = False
    include_voided: bool = False
    errors: list[str] = field(default_factory=list)

    def args(self) -> dict[str, str]:
        """The filters as query-string arguments (for pager links)."""
        out = {
            name: str(getattr(self, name))
            for name in ("q", "agency_id", "year", "instance", "outcome", "status")
            if getattr(self, name) not in (None, "")
        }
        for name in ("against", "include_voided"):
            if getattr(self, name):
                out[name] = "1"
        return out


def parse_filters(args) -> CaseFilters:
    """Filters from a query string; a value out of its list is dropped."""
    f = CaseFilters()
    f.q = (args.get("q") or "").strip()[:100]
    agency = args.get("agency_id", "")
    f.agency_id = int(agency) if agency.isdigit() and 0 < int(agency) <= MAX_ID else None
    year = args.get("year", "")
    f.year = int(year) if year.isdigit() and 1990 <= int(year) <= 2200 else None
    f.instance = args.get("instance", "") if args.get("instance") in INSTANCES else ""
    f.outcome = args.get("outcome", "") if args.get("outcome") in OUTCOMES else ""
    f.status = args.get("status", "") if args.get("status") in set(Status) else ""
    f.against = args.get("against") == "1"
    f.include_voided = args.get("include_voided") == "1"
    return f


def filtered_cases(user, f: CaseFilters) -> Select:
    """The scoped cases matching the filters, newest filing first, with the agency loaded."""
    query = scoped_cases(user).options(joinedload(C.agency))
    if not f.include_voided and f.status != Status.VOIDED:
        query = query.where(C.is_voided.is_(False))
    if f.q:
        like = f"%{f.q}%"
        query = query.where(C.court_case_no.like(like) | C.plaintiff_names.like(like) | C.court.like(like))
    if f.agency_id:
        query = query.where(C.agency_id == f.agency_id)
    if f.year:
        query = query.where(C.filed_on.between(date(f.year, 1, 1), date(f.year, 12, 31)))
    if f.instance:
        query = query.where(C.instance == f.instance)
    if f.outcome:
        query = query.where(C.outcome == f.outcome)
    if f.status:
        query = query.where(C.status == f.status)
    if f.against:
        query = query.where(C.is_against_agency.is_(True))
    return query.order_by(C.filed_on.desc(), C.id.desc())


# ---------------------------------------------------------------- the officer's desk


@dataclass
class Desk:
    """The litigation section of the officer's desk, as of one day."""

    as_of: date
    defences_overdue: list[LitigationCase]
    defences_due: list[LitigationCase]
    hearings: list[LitigationCase]
    calendar_missing: list[LitigationCase]


def desk(user, as_of: date) -> Desk:
    """Defences overdue or due within 7 days (ALL art 67 ¶1), and the hearings of the coming weeks."""
    awaiting = (
        scoped_cases(user)
        .where(C.is_voided.is_(False), C.status == Status.OPEN, C.defence_submitted_on.is_(None))
        .options(joinedload(C.agency))
    )
    overdue = awaiting.where(C.defence_due_on < as_of).order_by(C.defence_due_on, C.id)
    due = awaiting.where(C.defence_due_on.between(as_of, as_of + timedelta(days=DESK_DAYS)))
    missing = awaiting.where(C.calendar_missing_year.is_not(None)).order_by(C.filed_on, C.id)
    hearings = (
        scoped_cases(user)
        .where(C.is_voided.is_(False), C.status == Status.OPEN)
        .where(C.next_hearing_on.between(as_of, as_of + timedelta(days=HEARING_DAYS)))
        .options(joinedload(C.agency))
        .order_by(C.next_hearing_on, C.id)
    )

    def rows(query: Select) -> list[LitigationCase]:
        return list(db.session.scalars(query.limit(DESK_LIMIT)).unique())

    return Desk(
        as_of=as_of,
        defences_overdue=rows(overdue),
        defences_due=rows(due.order_by(C.defence_due_on, C.id)),
        hearings=rows(hearings),
        calendar_missing=rows(missing),
    )
