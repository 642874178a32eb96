"""Reads of reconsideration cases; every case query starts from `scoped_cases`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from sqlalchemy import ColumnElement, Select, and_, false, func, or_, select
from sqlalchemy.orm import joinedload, selectinload

from casebook.core.permissions import Permission, has_permission
from casebook.deadlines.facts import LONG_SUSPENSION_WARNING_DAYS, TERMINATING_GROUNDS
from casebook.extensions import db
from casebook.reconsideration.codes import (
    ACT_CATEGORIES,
    CORRECTION_OUTCOMES,
    OUTCOMES,
    PROCEDURES,
    Status,
)
from casebook.reconsideration.models import (
    ReconsiderationCase,
    ReconsiderationOpinion,
    ReconsiderationSuspension,
)

C = ReconsiderationCase
MAX_ID = 2**31 - 1  # ids beyond a 32-bit integer cannot exist (and would overflow the database driver)
# Open cases whose decision deadline runs (awaiting materials has none). A suspended case's deadline waits (its
# due_on is NULL) unless it was suspended after the deadline had passed: then it keeps it and stays overdue.
RUNNING = (Status.RECEIVED, Status.ACCEPTED, Status.SUSPENDED)
URGENCY_DAYS = (10, 20)
AFTER_DECISION_DAYS = 7  # the desk shows a performance or an opinion's report this many days before it is due


def scoped_cases(user) -> Select:
    """The cases `user` may see: all for reconsideration officers, administrators and the bureau (read only);
    none for directors and mediators (their pages and API answer 404)."""
    query = select(ReconsiderationCase)
    if not has_permission(user, Permission.VIEW_RECONSIDERATION):
        return query.where(false())
    return query


def get_case(user, case_id: int, *, full: bool = True) -> ReconsiderationCase | None:
    """One case the user may see, with its parties, suspensions, events and agency loaded; None otherwise."""
    if not 0 < case_id <= MAX_ID:
        return None
    query = scoped_cases(user).where(C.id == case_id)
    if full:
        query = query.options(
            joinedload(C.agency),
            selectinload(C.parties),
            selectinload(C.suspensions),
            selectinload(C.events),
        )
    return db.session.scalars(query).unique().first()


def case_history(case: ReconsiderationCase) -> list:
    """The case's history, newest first, with the users loaded."""
    from casebook.reconsideration.models import ReconsiderationCaseChange as Change

    query = (
        select(Change)
        .where(Change.case_id == case.id)
        .options(joinedload(Change.user))
        .order_by(Change.id.desc())
    )
    return list(db.session.scalars(query))


# ---------------------------------------------------------------- lists


@dataclass
class CaseFilters:
    """The list's filters, as given in the query string (unknown values are ignored, never an error)."""

    q: str = ""
    status: str = ""
    procedure: str = ""
    outcome: str = ""
    agency_id: int | None = None
    act_category: str = ""
    law: str = ""
    received_from: date | None = None
    received_to: date | None = None
    closed_from: date | None = None
    closed_to: date | None = None
    due: str = ""  # "overdue", "10", "20": urgency of open cases as of today
    late: bool = False
    correction: bool = False
    include_voided: bool = False
    errors: list[str] = field(default_factory=list)

    def args(self) -> dict[str, str]:
        """The filters as query-string arguments (for pager links and exports)."""
        out = {}
        for name in (
            "q", "status", "procedure", "outcome", "agency_id", "act_category", "law",
            "received_from", "received_to", "closed_from", "closed_to", "due",
        ):  # fmt: skip
            value = getattr(self, name)
            if value not in (None, ""):
                out[name] = value.isoformat() if isinstance(value, date) else str(value)
        for name in ("late", "correction", "include_voided"):
            if getattr(self, name):
                out[name] = "1"
        return out


def _date_arg(args, name: str, filters: CaseFilters) -> date | None:
    raw = (args.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = date.fromisoformat(raw)
    except ValueError:
        filters.errors.append(name)
        return None
    return value if 1900 <= value.year <= 2200 else None


def parse_filters(args) -> CaseFilters:
    """Filters from a query string; a bad value is dropped (and named in `errors`)."""
    f = CaseFilters()
    f.q = (args.get("q") or "").strip()[:100]
    f.status = args.get("status", "") if args.get("status") in set(Status) else ""
    f.procedure = args.get("procedure", "") if args.get("procedure") in PROCEDURES else ""
    f.outcome = args.get("outcome", "") if args.get("outcome") in (*OUTCOMES, "correction") else ""
    f.act_category = args.get("act_category", "") if args.get("act_category") in ACT_CATEGORIES else ""
    f.law = args.get("law", "") if args.get("law") in ("ARL23", "ARL17") else ""
    agency = args.get("agency_id", "")
    f.agency_id = int(agency) if agency.isdigit() and 0 < int(agency) <= MAX_ID else None
    for name in ("received_from", "received_to", "closed_from", "closed_to"):
        setattr(f, name, _date_arg(args, name, f))
    f.due = args.get("due", "") if args.get("due") in ("overdue", "10", "20") else ""
    f.late = args.get("late") == "1"
    f.correction = args.get("correction") == "1"
    f.include_voided = args.get("include_voided") == "1"
    return f


def status_condition(status: str, as_of: date) -> ColumnElement[bool]:
    """Cases showing `status` on `as_of`: a received case whose review ended without a decision shows as
    accepted (deemed, ARL23 art 30 ¶3)."""
    deemed = and_(C.status == Status.RECEIVED, C.is_accepted_deemed.is_(True), C.acceptance_due_on < as_of)
    if status == Status.ACCEPTED:
        return or_(C.status == Status.ACCEPTED, deemed)
    if status == Status.RECEIVED:
        return and_(C.status == Status.RECEIVED, ~deemed)
    return C.status == status


def open_running() -> ColumnElement[bool]:
    """Open cases whose decision deadline is running (not suspended, not waiting for materials)."""
    return and_(C.status.in_(RUNNING), C.closed_on.is_(None), C.due_on.is_not(None))


def filtered_cases(user, f: CaseFilters, as_of: date) -> Select:
    """The scoped cases matching the filters, newest first, with the respondent agency loaded."""
    query = scoped_cases(user).options(joinedload(C.agency))
    if not f.include_voided and f.status != Status.VOIDED:
        query = query.where(C.is_voided.is_(False))
    if f.q:
        like = f"%{f.q}%"
        query = query.where(
            or_(C.case_no.like(like), C.applicant_names.like(like), C.act_document_no.like(like))
        )
    if f.status:
        query = query.where(status_condition(f.status, as_of))
    if f.procedure:
        query = query.where(C.procedure == f.procedure)
    if f.outcome == "correction" or f.correction:
        query = query.where(C.outcome.in_(CORRECTION_OUTCOMES))
    elif f.outcome:
        query = query.where(C.outcome == f.outcome)
    if f.agency_id:
        query = query.where(C.agency_id == f.agency_id)
    if f.act_category:
        query = query.where(C.act_category == f.act_category)
    if f.law:
        query = query.where(C.law == f.law)
    if f.received_from:
        query = query.where(C.received_on >= f.received_from)
    if f.received_to:
        query = query.where(C.received_on <= f.received_to)
    if f.closed_from:
        query = query.where(C.closed_on >= f.closed_from)
    if f.closed_to:
        query = query.where(C.closed_on <= f.closed_to)
    if f.due == "overdue":
        query = query.where(open_running(), C.due_on < as_of)
    elif f.due:
        query = query.where(open_running(), C.due_on >= as_of, C.due_on <= as_of + timedelta(days=int(f.due)))
    if f.late:
        query = query.where(C.is_late.is_(True))
    if f.due:
        return query.order_by(C.due_on, C.id)
    return query.order_by(C.received_on.desc(), C.id.desc())


# ---------------------------------------------------------------- the officer's home page


@dataclass
class SuspendedCase:
    case: ReconsiderationCase
    suspension: ReconsiderationSuspension
    days: int
    is_nearing_end: bool  # ground (1), (2) or (4) for 50 days or more: the case ends at 60 (ARL23 art 41(5))


@dataclass
class Desk:
    """What the officer's home page shows, as of one day."""

    as_of: date
    overdue: list
    due_10: list
    due_20: list
    in_review: list
    suspended: list[SuspendedCase]
    awaiting_applicant: list
    awaiting_respondent: list
    calendar_missing: list
    counts: dict[str, int]
    # After the decision (ARL23 art 76–77), due within AFTER_DECISION_DAYS or overdue: (case, whom it
    # concerns, the due day) rows
    performance_due: list[tuple] = field(default_factory=list)
    opinions_due: list[tuple] = field(default_factory=list)


DESK_LIMIT = 50


def _live(user) -> Select:
    return scoped_cases(user).where(C.is_voided.is_(False)).options(joinedload(C.agency))


def _rows(query: Select) -> list:
    return list(db.session.scalars(query.limit(DESK_LIMIT)).unique())


def desk(user, as_of: date) -> Desk:
    """The officer's cases by urgency: overdue, due within 10 and 20 days, suspended (with how long), waiting on
    the applicant or the respondent, and those whose deadline waits for a holiday schedule."""
    live = _live(user)
    running = live.where(open_running())
    soon, later = (as_of + timedelta(days=d) for d in URGENCY_DAYS)
    overdue = running.where(C.due_on < as_of).order_by(C.due_on, C.id)
    due_10 = running.where(C.due_on >= as_of, C.due_on <= soon).order_by(C.due_on, C.id)
    due_20 = running.where(C.due_on > soon, C.due_on <= later).order_by(C.due_on, C.id)
    in_review = live.where(
        C.status == Status.RECEIVED, or_(C.acceptance_due_on >= as_of, C.is_accepted_deemed.is_(False))
    ).order_by(C.acceptance_due_on, C.id)
    suspended_rows = db.session.execute(
        select(C, ReconsiderationSuspension)
        .join(ReconsiderationSuspension, ReconsiderationSuspension.case_id == C.id)
        .where(C.id.in_(live.where(C.status == Status.SUSPENDED).with_only_columns(C.id)))
        .where(ReconsiderationSuspension.to_on.is_(None))
        .options(joinedload(C.agency))
        .order_by(ReconsiderationSuspension.from_on)
        .limit(DESK_LIMIT)
    ).all()
    suspended = []
    for case, suspension in suspended_rows:
        days = suspension.days(as_of)
        nearing = suspension.ground in TERMINATING_GROUNDS and days >= LONG_SUSPENSION_WARNING_DAYS
        suspended.append(SuspendedCase(case, suspension, days, nearing))
    applicant = live.where(C.status == Status.AWAITING_SUPPLEMENT).order_by(C.supplement_due_on, C.id)
    respondent = live.where(
        C.status.in_((Status.RECEIVED, Status.ACCEPTED, Status.SUSPENDED)),
        C.respondent_served_on.is_not(None),
        C.answer_received_on.is_(None),
    ).order_by(C.answer_due_on, C.id)
    missing = live.where(C.closed_on.is_(None), C.calendar_missing_year.is_not(None)).order_by(
        func.coalesce(C.due_on, C.due_on_provisional), C.received_on
    )
    counts = _count_open(user, as_of)
    horizon = as_of + timedelta(days=AFTER_DECISION_DAYS)
    performance = live.where(C.performed_on.is_(None), C.performance_due_on <= horizon).order_by(
        C.performance_due_on, C.id
    )
    opinions = (
        select(ReconsiderationOpinion)
        .join(C, ReconsiderationOpinion.case_id == C.id)
        .where(C.id.in_(live.with_only_columns(C.id)))
        .where(
            ReconsiderationOpinion.withdrawn_reason.is_(None),
            ReconsiderationOpinion.feedback_received_on.is_(None),
            ReconsiderationOpinion.feedback_due_on <= horizon,
        )
        .options(joinedload(ReconsiderationOpinion.case), joinedload(ReconsiderationOpinion.agency))
        .order_by(ReconsiderationOpinion.feedback_due_on, ReconsiderationOpinion.id)
        .limit(DESK_LIMIT)
    )
    return Desk(
        as_of=as_of,
        overdue=_rows(overdue),
        due_10=_rows(due_10),
        due_20=_rows(due_20),
        in_review=_rows(in_review),
        suspended=suspended,
        awaiting_applicant=_rows(applicant),
        awaiting_respondent=_rows(respondent),
        calendar_missing=_rows(missing),
        counts=counts,
        performance_due=[(c, c.agency.name, c.performance_due_on) for c in _rows(performance)],
        opinions_due=[(o.case, o.agency.name, o.feedback_due_on) for o in db.session.scalars(opinions)],
    )


def _count_open(user, as_of: date) -> dict[str, int]:
    """Counts of the desk's groups in one query."""
    soon, later = (as_of + timedelta(days=d) for d in URGENCY_DAYS)
    running = open_running()
    ids = scoped_cases(user).where(C.is_voided.is_(False)).with_only_columns(C.id)

    def count(condition):
        return func.count().filter(condition)

    row = db.session.execute(
        select(
            count(
                C.closed_on.is_(None) & C.status.in_((*RUNNING, Status.SUSPENDED, Status.AWAITING_SUPPLEMENT))
            ),
            count(running & (C.due_on < as_of)),
            count(running & (C.due_on >= as_of) & (C.due_on <= soon)),
            count(running & (C.due_on > soon) & (C.due_on <= later)),
            count(C.status == Status.SUSPENDED),
        ).where(C.id.in_(ids))
    ).one()
    return dict(zip(("open", "overdue", "due_10", "due_20", "suspended"), row, strict=True))


# ---------------------------------------------------------------- data quality


@dataclass
class QualityFlag:
    """One kind of record the law says is wrong or late, with the cases that show it (at most DESK_LIMIT)."""

    key: str
    cases: list
    count: int


def _quality_conditions(as_of: date) -> dict[str, ColumnElement[bool]]:
    """The conditions of the data-quality list, each a flag of domain.md §2.1."""
    return {
        # ARL23 art 30 ¶3; ARL17 art 17 ¶2: a 受理 notice recorded after the statutory acceptance day.
        "acceptance_notice_late": C.is_acceptance_notice_late.is_(True),
        # ARL23 art 31 ¶2: the applicant's period for the materials has passed with nothing recorded.
        "supplement_overdue": (C.status == Status.AWAITING_SUPPLEMENT) & (C.supplement_due_on < as_of),
        # ARL23 art 48, 54; ARL17 art 23: answered after the due day, or not at all while the case is open.
        "answer_late": or_(
            C.answer_received_on > C.answer_due_on,
            C.answer_received_on.is_(None) & C.closed_on.is_(None) & (C.answer_due_on < as_of),
        ),
    }


def data_quality(user, as_of: date) -> list[QualityFlag]:
    """The flagged cases by kind of flag: counts in one query, then one query per list."""
    conditions = _quality_conditions(as_of)
    ids = scoped_cases(user).where(C.is_voided.is_(False)).with_only_columns(C.id)
    counts = db.session.execute(
        select(*(func.count().filter(c) for c in conditions.values())).where(C.id.in_(ids))
    ).one()
    return [
        QualityFlag(key, _rows(_live(user).where(condition).order_by(C.received_on, C.id)) if n else [], n)
        for (key, condition), n in zip(conditions.items(), counts, strict=True)
    ]


# ---------------------------------------------------------------- in court


def challenged_in_court(user, case: ReconsiderationCase) -> list:
    """The litigation cases (行政应诉) that challenge this case's decision, as the user may see them."""
    from casebook.litigation.models import LitigationCase
    from casebook.litigation.queries import scoped_cases as scoped_litigation

    query = (
        scoped_litigation(user)
        .where(LitigationCase.reconsideration_case_id == case.id, LitigationCase.is_voided.is_(False))
        .order_by(LitigationCase.filed_on, LitigationCase.id)
    )
    return list(db.session.scalars(query))
