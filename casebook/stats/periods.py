"""Reporting periods: a year, a quarter, a month or any date range, and "the same range a year earlier".

Pure date arithmetic plus one SQL helper, `bucket_key`, that turns a date column into a period key the same way
on SQLite and PostgreSQL (domain.md §4: periods and the year-on-year rule).
"""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from flask_babel import gettext as _
from sqlalchemy import Integer, cast, extract
from sqlalchemy.sql.elements import ColumnElement

# The years a period may lie in: enough for any case register, and a year earlier stays a valid date.
MIN_YEAR = 1901
MAX_YEAR = 2999


class Grain(StrEnum):
    YEAR = "year"
    QUARTER = "quarter"
    MONTH = "month"


class PeriodError(ValueError):
    """A period that cannot be formed (end before start, a year out of range)."""


def shift_year(day: date, years: int = -1) -> date:
    """The same day `years` years away; 29 February maps to 28 February (domain.md §4)."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a common year
        return day.replace(year=day.year + years, day=28)


@dataclass(frozen=True, order=True)
class Period:
    """A closed range of days [start, end]."""

    start: date
    end: date

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise PeriodError(_("The end of the period is before its start."))
        if not (self.start.year >= MIN_YEAR and self.end.year <= MAX_YEAR):
            raise PeriodError(_("Periods must lie between %(min)s and %(max)s.", min=MIN_YEAR, max=MAX_YEAR))

    @staticmethod
    def _check_year(year: int) -> None:
        if not MIN_YEAR <= year <= MAX_YEAR:  # before date() refuses it with a bare ValueError
            raise PeriodError(_("Periods must lie between %(min)s and %(max)s.", min=MIN_YEAR, max=MAX_YEAR))

    @classmethod
    def year(cls, year: int) -> Period:
        """The calendar year."""
        cls._check_year(year)
        return cls(date(year, 1, 1), date(year, 12, 31))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Quarter 1–4 of the year."""
        cls._check_year(year)
        first = 3 * (quarter - 1) + 1
        return cls(date(year, first, 1), date(year, first + 2, monthrange(year, first + 2)[1]))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """The calendar month."""
        cls._check_year(year)
        return cls(date(year, month, 1), date(year, month, monthrange(year, month)[1]))

    def previous_year(self) -> Period:
        """The same range a year earlier (29 February → 28 February)."""
        return Period(shift_year(self.start), shift_year(self.end))

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    @property
    def grain(self) -> Grain | None:
        """YEAR, QUARTER or MONTH when the period is exactly one of them, else None."""
        s, e = self.start, self.end
        if s.day != 1 or e != Period.month(e.year, e.month).end or s.year != e.year:
            return None
        if s.month == 1 and e.month == 12:
            return Grain.YEAR
        if s.month == e.month:
            return Grain.MONTH
        if s.month % 3 == 1 and e.month == s.month + 2:
            return Grain.QUARTER
        return None

    def label(self) -> str:
        """'2023年', '2023年第1季度', '2023年3月' or '2023-01-05 至 2023-02-10' (translated)."""
        grain = self.grain
        if grain is Grain.YEAR:
            return _("%(year)s", year=self.start.year)
        if grain is Grain.QUARTER:
            return _("Q%(quarter)s %(year)s", quarter=(self.start.month + 2) // 3, year=self.start.year)
        if grain is Grain.MONTH:
            return _("%(year)s-%(month)02d", year=self.start.year, month=self.start.month)
        return _("%(start)s to %(end)s", start=self.start.isoformat(), end=self.end.isoformat())

    def buckets(self, grain: Grain) -> list[tuple[int, Period]]:
        """The months (quarters, years) the period touches, each cut to the period: (key, part)."""
        parts = []
        cursor = self.start
        while cursor <= self.end:
            whole = _whole(cursor, grain)
            part = Period(max(whole.start, self.start), min(whole.end, self.end))
            parts.append((key_of(cursor, grain), part))
            cursor = whole.end + timedelta(days=1)
        return parts

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end


def _whole(day: date, grain: Grain) -> Period:
    if grain is Grain.YEAR:
        return Period.year(day.year)
    if grain is Grain.QUARTER:
        return Period.quarter(day.year, (day.month + 2) // 3)
    return Period.month(day.year, day.month)


def key_of(day: date, grain: Grain) -> int:
    """The bucket key of a date, as `bucket_key` computes it in SQL: 2023, 20231 (Q1), 202301 (January)."""
    if grain is Grain.YEAR:
        return day.year
    if grain is Grain.QUARTER:
        return day.year * 10 + (day.month + 2) // 3
    return day.year * 100 + day.month


def bucket_key(column, grain: Grain) -> ColumnElement[int]:
    """The bucket key of a date column in SQL, identical on SQLite (strftime) and PostgreSQL (EXTRACT).

    SQLAlchemy compiles `extract` to `CAST(STRFTIME('%Y', col) AS INTEGER)` on SQLite and to `EXTRACT(YEAR FROM
    col)` on PostgreSQL; both are cast to integers so that the arithmetic below is integer arithmetic.
    """
    year = cast(extract("year", column), Integer)
    if grain is Grain.YEAR:
        return year
    month = cast(extract("month", column), Integer)
    if grain is Grain.QUARTER:
        return year * 10 + (month + 2) // 3
    return year * 100 + month
