"""Mainland China's working-day calendar: weekends, statutory holidays and make-up workdays (调休补班).

Year schedules come from the maintained ``chinese_calendar`` library, or from an administrator who enters the
State Council's notice for a year the library does not know yet. A year with neither is never taken as certain:
a calendar built with ``provisional=statutory_schedule`` answers for it from the year's statutory holidays
(the ``holidays`` library, without make-up workdays) and says the year is provisional; one built without it
raises :class:`CalendarYearUnknown` (domain.md §2.3).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

import chinese_calendar
import holidays

from casebook.deadlines.errors import CalendarYearUnknown, DeadlineInputError

_ONE_DAY = timedelta(days=1)
LIBRARY_SOURCE = f"chinese-calendar {chinese_calendar.__version__}"
STATUTORY_SOURCE = f"holidays {holidays.__version__}"


@dataclass(frozen=True)
class YearSchedule:
    """One year's State Council holiday schedule.

    ``holidays`` are the statutory rest days (festival days and the days off in lieu); listing those that fall on a
    weekend is allowed but changes nothing. ``workdays`` are the weekend days worked in exchange (调休补班).
    ``source`` says where the schedule comes from, e.g. "chinese-calendar 1.11.0" or "管理员录入 2026-11-20".
    ``provisional``: the statutory holidays only, before the State Council's notice (make-up workdays unknown).
    """

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source: str
    provisional: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "holidays", _date_set(self.holidays, self.year, "holidays"))
        object.__setattr__(self, "workdays", _date_set(self.workdays, self.year, "workdays"))
        for day in sorted(self.workdays):
            if day.weekday() < 5:
                raise DeadlineInputError(
                    "workdays",
                    f"调休上班日 {day.isoformat()} 不是周末",
                    f"make-up workday {day.isoformat()} is not a Saturday or Sunday",
                )
        both = sorted(self.holidays & self.workdays)
        if both:
            raise DeadlineInputError(
                "workdays",
                f"{both[0].isoformat()} 不能既是休假日又是调休上班日",
                f"{both[0].isoformat()} cannot be both a holiday and a make-up workday",
            )


def _date_set(days: Iterable[date], year: int, field: str) -> frozenset[date]:
    """Check that every item is a date of ``year`` and return them as a frozenset."""
    result = frozenset(days)
    for day in result:
        if not isinstance(day, date) or isinstance(day, datetime):
            raise DeadlineInputError(field, f"{day!r} 不是日期", f"{day!r} is not a date")
        if day.year != year:
            raise DeadlineInputError(
                field,
                f"{day.isoformat()} 不在{year}年内",
                f"{day.isoformat()} is not in {year}",
            )
    return result


@cache
def library_years() -> range:
    """The years whose schedule the installed ``chinese_calendar`` knows."""
    years = [day.year for day in chinese_calendar.holidays]
    return range(min(years), max(years) + 1)


@cache
def library_schedule(year: int) -> YearSchedule:
    """Build a year's schedule from ``chinese_calendar``, day by day, so it answers exactly as the library does.

    Cached for the process (the installed library does not change; a schedule is immutable): building one takes
    about 12 ms, which every request would otherwise pay for each year it touches.
    """
    if year not in library_years():
        raise CalendarYearUnknown(year)
    holidays: set[date] = set()
    workdays: set[date] = set()
    day = date(year, 1, 1)
    while day.year == year:
        works = chinese_calendar.is_workday(day)
        if day.weekday() < 5 and not works:
            holidays.add(day)
        elif day.weekday() >= 5 and works:
            workdays.add(day)
        day += _ONE_DAY
    return YearSchedule(year, frozenset(holidays), frozenset(workdays), LIBRARY_SOURCE)


@cache
def statutory_schedule(year: int) -> YearSchedule:
    """A provisional schedule for a year whose notice is not published: the statutory holidays the ``holidays``
    library computes (with the days given in lieu of a festival on a weekend), and no make-up workdays."""
    days = holidays.country_holidays("CN", years=year)
    rest = frozenset(day for day in days if day.year == year and day.weekday() < 5)
    return YearSchedule(year, rest, frozenset(), STATUTORY_SOURCE, provisional=True)


class WorkdayCalendar:
    """Working days of mainland China, year by year; an override replaces the library for its whole year.

    ``provisional`` gives the schedule of a year neither knows (see the module docstring); without it such a
    year raises CalendarYearUnknown."""

    def __init__(
        self,
        overrides: Mapping[int, YearSchedule] | None = None,
        provisional: Callable[[int], YearSchedule] | None = None,
    ) -> None:
        self._overrides = dict(overrides or {})
        self._provisional = provisional
        for year, schedule in self._overrides.items():
            if schedule.year != year:
                raise DeadlineInputError(
                    "year",
                    f"{year}年的安排实际为{schedule.year}年",
                    f"the schedule given for {year} is for {schedule.year}",
                )
        self._cache: dict[int, YearSchedule] = {}

    def known_years(self) -> tuple[int, ...]:
        """Every year this calendar can answer for, ascending."""
        return tuple(sorted(set(library_years()) | set(self._overrides)))

    def has_year(self, year: int) -> bool:
        """Whether a schedule (an override or the library's) is loaded for ``year``."""
        return year in self._overrides or year in library_years()

    def is_provisional(self, year: int) -> bool:
        """Whether ``year`` is answered from a provisional schedule (no notice loaded for it)."""
        return self._provisional is not None and not self.has_year(year)

    def provisional_years(self, days: Iterable[date]) -> tuple[int, ...]:
        """The provisional years from the first to the last of ``days`` (a count walks through every year
        between them)."""
        years = [day.year for day in days]
        if not years:
            return ()
        return tuple(y for y in range(min(years), max(years) + 1) if self.is_provisional(y))

    def schedule(self, year: int) -> YearSchedule:
        """The schedule in force for ``year``: the override if any, else the library's, else the provisional
        one when the calendar has a provisional source (cached)."""
        cached = self._cache.get(year)
        if cached is None:
            if year in self._overrides:
                cached = self._overrides[year]
            elif self.is_provisional(year):
                assert self._provisional is not None
                cached = self._provisional(year)
            else:
                cached = library_schedule(year)
            self._cache[year] = cached
        return cached

    def is_workday(self, day: date) -> bool:
        """Whether ``day`` is a working day (make-up weekend days included, holidays excluded)."""
        schedule = self.schedule(day.year)
        if day in schedule.workdays:
            return True
        return day.weekday() < 5 and day not in schedule.holidays

    def is_rest_day(self, day: date) -> bool:
        """Whether ``day`` is a statutory holiday or a weekend day that is not a make-up workday."""
        return not self.is_workday(day)

    def next_workday_on_or_after(self, day: date) -> date:
        """``day`` itself if it is a working day, else the first working day after it."""
        while not self.is_workday(day):
            day += _ONE_DAY
        return day

    def add_workdays(self, start: date, n: int) -> date:
        """The ``n``-th working day after ``start``; ``start`` itself is not counted (``n`` = 0 gives ``start``)."""
        if n < 0:
            raise ValueError("n must not be negative")
        return self.workdays_after(start, n)[-1] if n else start

    def workdays_after(self, start: date, n: int) -> tuple[date, ...]:
        """The ``n`` working days following ``start``, in order (``start`` not counted)."""
        days: list[date] = []
        day = start
        for _ in range(n):
            day = self.next_workday_on_or_after(day + _ONE_DAY)
            days.append(day)
        return tuple(days)
