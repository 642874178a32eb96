"""History rows, the stored deadline and the transition check shared by every write."""

from __future__ import annotations

from contextlib import suppress
from datetime import date
from typing import Any

from flask_babel import gettext as _

from casebook.core.errors import DomainError
from casebook.core.i18n import current_language
from casebook.deadlines import CalendarYearUnknown, DeadlineInputError, law_for_received_on
from casebook.extensions import db
from casebook.reconsideration import deadlines, workflow
from casebook.reconsideration.codes import (
    PROCEDURES,
    Status,
)
from casebook.reconsideration.models import (
    ReconsiderationCase,
    ReconsiderationCaseChange,
    ReconsiderationEvent,
)


class StaleCase(DomainError):
    """The case changed since the form or request was prepared (optimistic lock)."""


# ---------------------------------------------------------------- history and the deadline


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def record(
    case: ReconsiderationCase, user, action: str, field: str | None = None, before=None, after=None, note=None
) -> None:
    """Add one history row (after a flush, so that it carries the case's new version)."""
    db.session.add(
        ReconsiderationCaseChange(
            case_id=case.id,
            user_id=getattr(user, "id", None),
            action=action,
            field=field,
            before=_text(before),
            after=_text(after),
            note=note,
            version=case.version,
        )
    )


def refresh_deadline(case: ReconsiderationCase) -> None:
    """Recompute and store the acceptance and decision deadlines from the case's dates (the engine's answer).

    A decision deadline that rests on a year without a holiday schedule is stored as provisional
    (`due_on_provisional`, `calendar_missing_year` naming the year) and `due_on` stays NULL, so that the case
    counts in neither part of the on-time rate (domain.md §2.3); facts the engine refuses raise DomainError on
    the field at fault.
    """
    case.law = law_for_received_on(case.received_on)
    try:
        result = deadlines.compute(case)
    except CalendarYearUnknown as error:  # only a calendar without a provisional source raises it
        case.calendar_missing_year = error.year
        case.due_on = case.due_on_provisional = None
        case.is_late = False
        return
    except DeadlineInputError as error:
        raise DomainError(error.message(current_language()), error.field) from None
    case.calendar_missing_year = result.provisional_years[0] if result.provisional_years else None
    if case.respondent_served_on is not None:
        # ARL23 art 48, 54: from the 送达回证 date (or the day sent); a later conversion makes it ordinary.
        with suppress(CalendarYearUnknown):
            case.answer_due_on = deadlines.answer_due_on(case)
    case.acceptance_due_on = result.acceptance_due_on
    case.supplement_due_on = result.supplement_due_on
    if case.acceptance != "rejected" and deadlines.explicit_accepted_on(case) is None:
        case.accepted_on = result.accepted_on
        case.is_accepted_deemed = result.is_accepted_deemed
        case.acceptance = "accepted" if result.accepted_on else None
    provisional = result.is_provisional_on(result.due_on)
    case.due_on = None if provisional else result.due_on
    case.due_on_provisional = result.due_on if provisional else None
    case.is_acceptance_notice_late = result.acceptance_notice_late
    case.is_late = bool(case.closed_on and case.due_on and case.closed_on > case.due_on)
    if not case.is_late:
        case.late_reason = None


def _finish(
    case: ReconsiderationCase, user, action: str, changes: list[tuple], note: str | None = None
) -> None:
    """Recompute the deadline, flush, then write the history rows of one operation."""
    before_due = case.due_on
    refresh_deadline(case)
    db.session.flush()
    if not changes:
        record(case, user, action, note=note)
    for field, before, after in changes:
        record(case, user, action, field, before, after, note)
    if case.due_on != before_due and action != "receive":
        record(case, user, action, "due_on", before_due, case.due_on)


def _set(case: ReconsiderationCase, changes: list[tuple], field: str, value) -> None:
    before = getattr(case, field)
    if before != value:
        setattr(case, field, value)
        changes.append((field, before, value))


def check_version(case: ReconsiderationCase, version: int | None) -> None:
    """Refuse a change prepared against an older version of the case."""
    if version is not None and version != case.version:
        raise StaleCase(
            _("Someone else changed this case in the meantime. Reload it and make your change again.")
        )


def _event(case: ReconsiderationCase, user, kind: str, on: date, **fields) -> ReconsiderationEvent:
    event = ReconsiderationEvent(kind=kind, occurred_on=on, user_id=getattr(user, "id", None), **fields)
    case.events.append(event)
    return event


def _settle_acceptance(case: ReconsiderationCase, user, on: date, action: str) -> None:
    """A case whose review passed without a decision is accepted (deemed) before the action is applied."""
    if workflow.effective_status(case, on, action) != case.status:
        case.status = Status.ACCEPTED
        db.session.flush()
        record(
            case,
            user,
            "deemed_acceptance",
            "status",
            Status.RECEIVED,
            Status.ACCEPTED,
            _text(case.accepted_on),
        )


def _transition(case: ReconsiderationCase, user, action: str, on: date | None, version: int | None, **params):
    """Check the transition table and rules, then settle a deemed acceptance; returns the target status."""
    check_version(case, version)
    target = workflow.check(case, action, on, **params)
    if on is not None:
        _settle_acceptance(case, user, on, action)
    return target


def _procedure(value: str | None) -> str:
    if value not in PROCEDURES:
        raise DomainError(_("Choose the procedure."), "procedure")
    return value


# The stored dates a holiday schedule can move, each recorded in the history when it does.
_CALENDAR_FIELDS = (
    "due_on",
    "due_on_provisional",
    "accepted_on",
    "acceptance_due_on",
    "supplement_due_on",
    "calendar_missing_year",
)


def _calendar_fields(case: ReconsiderationCase) -> tuple:
    return tuple(getattr(case, field) for field in _CALENDAR_FIELDS)


def refresh_deadlines_for_year(year: int, user=None) -> int:
    """Recompute the stored deadlines that depend on `year`'s holiday schedule (called when an administrator
    loads, replaces or deletes it); returns how many cases changed. Each change is recorded in the history."""
    from sqlalchemy import or_, select
    from sqlalchemy.orm import selectinload

    start, end = date(year, 1, 1), date(year, 12, 31)
    C = ReconsiderationCase
    cases = db.session.scalars(
        select(C)
        .where(C.is_voided.is_(False))
        .where(
            or_(
                C.calendar_missing_year == year,
                (C.received_on <= end) & (C.due_on.is_(None) | (C.due_on >= start)),
            )
        )
        .options(selectinload(C.suspensions))
    ).all()
    changed = 0
    for case in cases:
        before = _calendar_fields(case)
        try:
            refresh_deadline(case)
        except DomainError:  # stored dates the engine refuses: leave the case as it was
            continue
        after = _calendar_fields(case)
        if after != before:
            changed += 1
            db.session.flush()
            for field, old, new in zip(_CALENDAR_FIELDS, before, after, strict=True):
                if old != new:
                    record(case, user, "calendar", field, old, new, note=str(year))
    return changed
