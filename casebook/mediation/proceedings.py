"""Operations on a case's proceedings: sessions, extensions, judicial confirmation, follow-up visits.

Same rules as `casebook.mediation.operations`: check the state machine and the version, change, flush, record the
history; never commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from casebook.calendars.operations import on_schedule_change
from casebook.core.errors import DomainError
from casebook.extensions import db
from casebook.mediation import history, states
from casebook.mediation.deadline import refresh_due_on
from casebook.mediation.models import (
    MediationCase,
    MediationCaseChange,
    MediationConfirmation,
    MediationExtension,
    MediationFollowup,
    MediationSession,
    Performance,
    Ruling,
)
from casebook.mediation.operations import (
    check_not_before,
    check_not_future,
    check_version,
    clean_text,
    members_of,
)
from casebook.mediation.states import Action
from casebook.orgs.models import Mediator


def add_session(
    user,
    case: MediationCase,
    held_on: date,
    place: str | None,
    mediator_ids: list[int],
    note: str | None,
    expected_version: int | None,
) -> MediationSession:
    """Record a mediation session (PML art 27): date, place, the mediators present, a note."""
    states.check(case, Action.ADD_SESSION, user)
    check_version(case, expected_version)
    # PML art 27: the record of what was done; a session not yet held cannot be recorded.
    check_not_future(held_on, "held_on", _l("A session cannot be dated in the future."))
    check_not_before(
        held_on,
        case.accepted_on,
        "held_on",
        _l("A session cannot be held before the case was accepted (%(day)s)."),
    )
    ids = list(dict.fromkeys(mediator_ids))
    present = list(db.session.scalars(select(Mediator).where(Mediator.id.in_(ids)))) if ids else []
    members = members_of(case.committee_id)
    if len(present) != len(ids) or any(m.id not in members for m in present):
        raise DomainError(str(_l("Choose mediators who serve the case's committee.")), "mediator_ids")
    session = MediationSession(
        held_on=held_on,
        place=clean_text(place),
        note=clean_text(note),
        recorded_by_id=getattr(user, "id", None),
    )
    session.mediators = present
    case.sessions.append(session)
    line = " ".join(filter(None, [held_on.isoformat(), session.place, "、".join(m.name for m in present)]))
    history.record(case, user, "add_session", history.snapshot(case), extra=[("sessions", None, line)])
    return session


def add_extension(
    user, case: MediationCase, agreed_on: date, days: int, reason: str, expected_version: int | None
) -> MediationExtension:
    """Extend the mediation time limit with both parties' consent: a date, a number of days and a reason."""
    states.check(case, Action.EXTEND, user)
    check_version(case, expected_version)
    if not isinstance(days, int) or not 1 <= days <= 365:
        raise DomainError(str(_l("Give the extension as a number of days from 1 to 365.")), "days")
    if not (reason or "").strip():
        raise DomainError(str(_l("Give the reason for the extension.")), "reason")
    check_not_before(
        agreed_on,
        case.accepted_on,
        "agreed_on",
        _l("An extension cannot be agreed before the case was accepted (%(day)s)."),
    )
    # domain.md §3.2: an extension is agreed on or before the current deadline; a case past it was already late.
    if case.due_on is not None and agreed_on > case.due_on:
        raise DomainError(
            str(
                _l(
                    "The case was already late: an extension must be agreed on or before the current deadline "
                    "(%(day)s).",
                    day=case.due_on.isoformat(),
                )
            ),
            "agreed_on",
        )
    before = history.snapshot(case)
    extension = MediationExtension(
        agreed_on=agreed_on, days=days, reason=reason.strip(), recorded_by_id=getattr(user, "id", None)
    )
    case.extensions.append(extension)
    case.extension_days = (case.extension_days or 0) + days
    refresh_due_on(case)
    history.record(case, user, "extend", before, note=reason.strip())
    return extension


@dataclass
class ConfirmationInput:
    """Judicial confirmation: the application (date, court) and, once known, the ruling."""

    applied_on: date
    court: str
    ruling: str | None = None
    ruling_no: str | None = None
    ruled_on: date | None = None


def record_confirmation(
    user, case: MediationCase, data: ConfirmationInput, expected_version: int | None
) -> MediationConfirmation:
    """Record (or correct) the parties' application for judicial confirmation and the court's ruling (PML art 33)."""
    states.check(case, Action.CONFIRM, user)
    check_version(case, expected_version)
    if not (data.court or "").strip():
        raise DomainError(str(_l("Name the court.")), "court")
    check_not_before(
        data.applied_on,
        case.agreement_on,
        "applied_on",
        _l("The application cannot be made before the agreement (%(day)s)."),
    )
    if data.ruling is not None and data.ruling not in set(Ruling):
        raise DomainError(str(_l("Choose the ruling.")), "ruling")
    if (data.ruling is None) != (data.ruled_on is None):
        field_name = "ruled_on" if data.ruled_on is None else "ruling"
        raise DomainError(str(_l("Give both the ruling and its date, or neither.")), field_name)
    check_not_before(
        data.ruled_on,
        data.applied_on,
        "ruled_on",
        _l("The ruling cannot come before the application (%(day)s)."),
    )
    old = case.confirmation
    old_line = confirmation_line(old) if old else None
    confirmation = old or MediationConfirmation()
    confirmation.applied_on, confirmation.court = data.applied_on, data.court.strip()
    confirmation.ruling, confirmation.ruling_no = data.ruling, clean_text(data.ruling_no)
    confirmation.ruled_on = data.ruled_on
    confirmation.recorded_by_id = getattr(user, "id", None)
    if old is None:
        case.confirmation = confirmation
    history.record(
        case,
        user,
        "confirm",
        history.snapshot(case),
        extra=[("confirmation", old_line, confirmation_line(confirmation))],
    )
    return confirmation


def confirmation_line(confirmation: MediationConfirmation) -> str:
    """The confirmation as a line of text for the history."""
    parts = [
        confirmation.applied_on.isoformat(),
        confirmation.court,
        confirmation.ruling or "",
        confirmation.ruling_no or "",
    ]
    if confirmation.ruled_on:
        parts.append(confirmation.ruled_on.isoformat())
    return " ".join(p for p in parts if p)


def add_followup(
    user,
    case: MediationCase,
    visited_on: date,
    performance: str,
    note: str | None,
    expected_version: int | None,
) -> MediationFollowup:
    """Record a follow-up visit and how the agreement is performed (PML art 31)."""
    states.check(case, Action.FOLLOW_UP, user)
    check_version(case, expected_version)
    if performance not in set(Performance):
        raise DomainError(str(_l("Choose how the agreement is being performed.")), "performance")
    check_not_future(visited_on, "visited_on", _l("A follow-up visit cannot be dated in the future."))
    check_not_before(
        visited_on,
        case.agreement_on,
        "visited_on",
        _l("A follow-up visit comes after the agreement (%(day)s)."),
    )
    followup = MediationFollowup(
        visited_on=visited_on,
        performance=performance,
        note=clean_text(note),
        recorded_by_id=getattr(user, "id", None),
    )
    case.followups.append(followup)
    line = f"{visited_on.isoformat()} {performance}"
    history.record(case, user, "follow_up", history.snapshot(case), extra=[("followups", None, line)])
    return followup


def recompute_due_dates(year: int | None = None, user=None) -> int:
    """Store the deadlines again (all cases, or those counted from `year` or the end of the year before, which a
    change of that year's holiday schedule can move); returns how many changed, each with a history row."""
    query = select(MediationCase).where(MediationCase.is_voided.is_(False))
    if year is not None:
        basis = func.coalesce(MediationCase.accepted_on, MediationCase.registered_on)
        query = query.where(
            basis.between(date(year - 1, 11, 1), date(year, 12, 31))
            | (MediationCase.calendar_missing_year == year)
        )
    moved = []
    for case in db.session.scalars(query):
        old = (case.due_on, case.due_on_provisional)
        refresh_due_on(case)
        if (case.due_on, case.due_on_provisional) != old:
            moved.append((case, old))
    db.session.flush()
    db.session.add_all(
        MediationCaseChange(
            case_id=case.id,
            user_id=getattr(user, "id", None),
            action="recompute",
            field=field,
            before=before.isoformat() if before else None,
            after=getattr(case, field).isoformat() if getattr(case, field) else None,
            version=case.version,
        )
        for case, old in moved
        for field, before in zip(("due_on", "due_on_provisional"), old, strict=True)
        if getattr(case, field) != before
    )
    db.session.flush()
    return len(moved)


@on_schedule_change
def _holiday_schedule_changed(year: int, user) -> None:
    """A year's holiday schedule was loaded, replaced or deleted: the stored deadlines it affects move with it."""
    recompute_due_dates(year, user)
