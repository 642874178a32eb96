"""Every write to the holiday schedules: load or replace a year, delete it; each leaves a history row."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select

from casebook.calendars.models import (
    FIRST_YEAR,
    LAST_YEAR,
    HolidaySchedule,
    HolidayScheduleChange,
    HolidayScheduleDay,
)
from casebook.calendars.service import forget_loaded_schedules
from casebook.core import clock
from casebook.core.errors import DomainError
from casebook.deadlines import DeadlineInputError, YearSchedule
from casebook.extensions import db

# Called as listener(year, user) after a year's schedule is loaded, replaced or deleted, in the same transaction:
# areas that store deadlines register a function recomputing those that depend on that year.
SCHEDULE_LISTENERS: list[Callable[[int, object], None]] = []


def on_schedule_change(listener: Callable[[int, object], None]) -> Callable[[int, object], None]:
    """Register ``listener(year, user)`` to run after every change of a year's schedule (usable as a decorator)."""
    if listener not in SCHEDULE_LISTENERS:
        SCHEDULE_LISTENERS.append(listener)
    return listener


class ScheduleError(DomainError):
    """A schedule that cannot be loaded; ``errors`` holds every problem by field (holidays, workdays, year)."""

    def __init__(self, errors: dict[str, list[str]]):
        field = next(iter(errors))
        super().__init__(errors[field][0], field)
        self.errors = errors


def check_schedule(
    year: int | None, holidays: Mapping[date, str | None], workdays: Mapping[date, str | None]
) -> dict[str, list[str]]:
    """Every problem of a year's schedule, by field; empty when it can be loaded."""
    errors: dict[str, list[str]] = {}
    if year is None or not FIRST_YEAR <= year <= LAST_YEAR:
        errors["year"] = [_("Give a year from %(first)s to %(last)s.", first=FIRST_YEAR, last=LAST_YEAR)]
        return errors
    for field, days in (("holidays", holidays), ("workdays", workdays)):
        for day in sorted(days):
            if day.year != year:
                errors.setdefault(field, []).append(
                    _("%(day)s is not in %(year)s.", day=day.isoformat(), year=year)
                )
    for day in sorted(workdays):
        if day.year == year and day.weekday() < 5:
            # A make-up workday (调休上班) is a Saturday or Sunday worked in exchange for a day off.
            errors.setdefault("workdays", []).append(
                _(
                    "%(day)s is a weekday: a make-up workday must be a Saturday or Sunday.",
                    day=day.isoformat(),
                )
            )
    for day in sorted(set(holidays) & set(workdays)):
        errors.setdefault("workdays", []).append(
            _("%(day)s is listed both as a holiday and as a make-up workday.", day=day.isoformat())
        )
    if not holidays and "holidays" not in errors:
        errors["holidays"] = [_("List the statutory holidays of the year (at least New Year's Day).")]
    return errors


def load_schedule(
    year: int,
    holidays: Mapping[date, str | None],
    workdays: Mapping[date, str | None],
    source_note: str,
    user=None,
) -> HolidaySchedule:
    """Load a year's schedule, or replace the one loaded before; it overrides the library for that year."""
    errors = check_schedule(year, holidays, workdays)
    if errors:
        raise ScheduleError(errors)
    try:  # the engine's own check, so that a schedule it would refuse is never stored
        YearSchedule(year, frozenset(holidays), frozenset(workdays), source_note)
    except DeadlineInputError as error:
        raise ScheduleError({error.field: [error.message_en]}) from None
    schedule = schedule_for_update(year)
    before = summary(schedule) if schedule is not None else None
    if schedule is None:
        schedule = HolidaySchedule(year=year)
        db.session.add(schedule)
    else:
        schedule.days.clear()
        db.session.flush()  # old days go before new ones arrive (one row per date and schedule)
    schedule.source_note = source_note.strip()
    schedule.loaded_by_id = user.id if user is not None else None
    schedule.loaded_at = clock.now()
    schedule.days.extend(
        HolidayScheduleDay(falls_on=day, kind=kind, name=name)
        for kind, days in (("holiday", holidays), ("workday", workdays))
        for day, name in sorted(days.items())
    )
    db.session.flush()
    _record(year, "replaced" if before is not None else "loaded", before, summary(schedule), user, schedule)
    return schedule


def delete_schedule(year: int, user=None) -> None:
    """Remove an administrator's schedule for ``year``; the library's (if it knows the year) applies again."""
    schedule = schedule_for_update(year)
    if schedule is None:
        raise DomainError(
            _("No schedule for %(year)s has been loaded by an administrator.", year=year), "year"
        )
    before = summary(schedule)
    db.session.delete(schedule)
    db.session.flush()
    _record(year, "deleted", before, None, user, None)


def schedule_for_update(year: int) -> HolidaySchedule | None:
    """The administrator's schedule of ``year`` with its days, or None."""
    return db.session.scalar(select(HolidaySchedule).where(HolidaySchedule.year == year))


def summary(schedule: HolidaySchedule) -> str:
    """The days of a schedule as one line of text for the history."""
    parts = []
    for kind in ("holiday", "workday"):
        days = [d.falls_on.isoformat() for d in schedule.days if d.kind == kind]
        parts.append(f"{kind}: {', '.join(days) or '-'}")
    return "; ".join(parts)


def _record(year: int, action: str, before, after, user, schedule: HolidaySchedule | None) -> None:
    """Write the history row of a change and make the change visible to this request's calendar."""
    db.session.add(
        HolidayScheduleChange(
            year=year,
            action=action,
            field="days",
            before=before,
            after=after,
            note=schedule.source_note if schedule is not None else None,
            version=schedule.version if schedule is not None else None,
            user_id=user.id if user is not None else None,
        )
    )
    db.session.flush()
    forget_loaded_schedules()
    recompute_deadlines(year, user)


def recompute_deadlines(year: int, user=None) -> None:
    """Have every area recompute the stored deadlines that depend on ``year``'s schedule (after a change of it,
    or from the command line for cases stored before provisional dates were kept)."""
    for listener in SCHEDULE_LISTENERS:
        listener(year, user)
