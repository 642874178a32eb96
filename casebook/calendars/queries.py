"""Reads of the working-day calendar: a year's listing with where it comes from, the known years, the history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import chinese_calendar
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from casebook.calendars.models import HolidaySchedule, HolidayScheduleChange
from casebook.deadlines import CalendarYearUnknown, WorkdayCalendar
from casebook.deadlines.workdays import library_years
from casebook.extensions import db

# The library names its festivals in English; the Chinese names come with its Holiday enum.
_CHINESE_NAMES = {holiday.value: holiday.chinese for holiday in chinese_calendar.Holiday}


@dataclass(frozen=True)
class ListedDay:
    """One day of a year's listing: a statutory rest day ('holiday') or a make-up workday ('workday')."""

    day: date
    kind: str
    name: str | None

    @property
    def is_weekend(self) -> bool:
        """Saturday or Sunday (a holiday listed on a weekend changes nothing: the day is a rest day anyway)."""
        return self.day.weekday() >= 5


@dataclass(frozen=True)
class YearListing:
    """A year's rest days and make-up workdays and where they come from ('library' or 'admin')."""

    year: int
    origin: str
    source: str
    schedule: HolidaySchedule | None
    overrides_library: bool
    days: list[ListedDay]

    @property
    def weekday_holidays(self) -> int:
        """How many working days the holidays take (holidays that fall on weekdays)."""
        return sum(1 for d in self.days if d.kind == "holiday" and not d.is_weekend)

    @property
    def workdays(self) -> int:
        """How many weekend days are worked (调休上班)."""
        return sum(1 for d in self.days if d.kind == "workday")


def year_listing(year: int, calendar: WorkdayCalendar, lang: str) -> YearListing:
    """The listing of ``year`` from the schedule in force; CalendarYearUnknown when there is none (a provisional
    count from the statutory holidays is no schedule)."""
    if calendar.is_provisional(year):
        raise CalendarYearUnknown(year)
    schedule_in_force = calendar.schedule(year)
    stored = admin_schedule(year)
    if stored is not None:
        days = [ListedDay(d.falls_on, d.kind, d.name) for d in stored.days]
        origin = "admin"
    else:
        days = [
            ListedDay(day, kind, library_name(day, lang))
            for kind, group in (
                ("holiday", schedule_in_force.holidays),
                ("workday", schedule_in_force.workdays),
            )
            for day in group
        ]
        origin = "library"
    return YearListing(
        year=year,
        origin=origin,
        source=schedule_in_force.source,
        schedule=stored,
        overrides_library=stored is not None and year in library_years(),
        days=sorted(days, key=lambda d: d.day),
    )


def library_name(day: date, lang: str) -> str | None:
    """The festival a library day belongs to, in ``lang``."""
    _on_holiday, name = chinese_calendar.get_holiday_detail(day)
    if name is None:
        return None
    return _CHINESE_NAMES.get(name, name) if lang == "zh" else name


def admin_schedule(year: int) -> HolidaySchedule | None:
    """The schedule an administrator loaded for ``year``, with its days and who loaded it."""
    return db.session.scalar(
        select(HolidaySchedule)
        .where(HolidaySchedule.year == year)
        .options(selectinload(HolidaySchedule.days))
    )


@dataclass(frozen=True)
class KnownYear:
    """A year the calendar can answer for, and where its schedule comes from."""

    year: int
    origin: str


def known_years() -> list[KnownYear]:
    """Every year with a schedule: the library's and those loaded by an administrator (which win)."""
    loaded = set(db.session.scalars(select(HolidaySchedule.year)))
    years = set(library_years()) | loaded
    return [KnownYear(year, "admin" if year in loaded else "library") for year in sorted(years)]


def recent_changes(limit: int = 10) -> list[HolidayScheduleChange]:
    """The latest loads, replacements and deletions of schedules, newest first."""
    return list(
        db.session.scalars(
            select(HolidayScheduleChange)
            .order_by(HolidayScheduleChange.changed_at.desc(), HolidayScheduleChange.id.desc())
            .limit(limit)
        )
    )
