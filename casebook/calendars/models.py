"""Holiday schedules entered by an administrator; each overrides the library's schedule for its whole year."""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.core import clock
from casebook.core.models import ChangeRecordMixin, VersionedMixin
from casebook.extensions import db

DAY_KINDS = ("holiday", "workday")
# Years an administrator may enter: wide enough for any case casebook keeps, narrow enough to catch typos.
FIRST_YEAR, LAST_YEAR = 2000, 2100


class ProvisionalDeadlineMixin:
    """A case's deadline while a year it reaches has no published holiday schedule (domain.md §2.3).

    ``due_on`` stays NULL then, so that every figure and list built on it (the on-time rates, overdue) leaves the
    case out; ``due_on_provisional`` holds the date counted from the statutory holidays without make-up workdays
    and ``calendar_missing_year`` the first year without a schedule (the reason). Loading that year's schedule
    recomputes the case and clears both.
    """

    due_on_provisional: Mapped[date | None] = mapped_column(Date)
    calendar_missing_year: Mapped[int | None] = mapped_column(Integer)

    @property
    def shown_due_on(self) -> date | None:
        """The deadline a page shows: the certain one, else the provisional one."""
        return self.due_on or self.due_on_provisional  # type: ignore[attr-defined]

    @property
    def is_due_on_provisional(self) -> bool:
        """Whether the shown deadline is provisional (待确认)."""
        return self.due_on is None and self.due_on_provisional is not None  # type: ignore[attr-defined]

    def is_provisional_on(self, day: date | None) -> bool:
        """Whether a stored date of the case (a deadline the engine gave) may move once the missing year's
        schedule is loaded."""
        return (
            day is not None
            and self.calendar_missing_year is not None
            and day.year >= self.calendar_missing_year
        )

    @property
    def provisional_reason(self) -> str | None:
        """Why the deadline is provisional, in the page's language; None when it is certain."""
        if self.calendar_missing_year is None:
            return None
        return provisional_reason(self.calendar_missing_year)


def provisional_reason(year: int) -> str:
    """The reason shown beside a provisional date."""
    return _(
        "The %(year)s holiday schedule is not published yet; make-up workdays are not counted", year=year
    )


class HolidaySchedule(VersionedMixin, db.Model):
    """The State Council's holiday schedule of one year as an administrator entered it.

    The version moves on every replacement, so caches of loaded schedules know when to reload.
    """

    __tablename__ = "holiday_schedules"
    __table_args__ = (CheckConstraint(f"year BETWEEN {FIRST_YEAR} AND {LAST_YEAR}", name="year_in_range"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int] = mapped_column(Integer, nullable=False, unique=True)
    source_note: Mapped[str] = mapped_column(String(200), nullable=False, default="", server_default="")
    loaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    loaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=clock.now)

    loaded_by = relationship("User", lazy="joined")
    days: Mapped[list[HolidayScheduleDay]] = relationship(
        back_populates="schedule",
        cascade="all, delete-orphan",
        order_by="HolidayScheduleDay.falls_on",
        passive_deletes=True,
    )

    def __repr__(self) -> str:
        return f"<HolidaySchedule {self.year}>"


class HolidayScheduleDay(db.Model):
    """One day of a schedule: a statutory rest day ('holiday') or a weekend day worked instead ('workday')."""

    __tablename__ = "holiday_schedule_days"
    __table_args__ = (
        UniqueConstraint("schedule_id", "falls_on"),
        CheckConstraint("kind IN ('holiday', 'workday')", name="kind_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # The unique constraint (schedule_id, falls_on) indexes schedule_id as well.
    schedule_id: Mapped[int] = mapped_column(
        ForeignKey("holiday_schedules.id", ondelete="CASCADE"), nullable=False
    )
    falls_on: Mapped[date] = mapped_column(Date, nullable=False)
    kind: Mapped[str] = mapped_column(String(8), nullable=False)
    name: Mapped[str | None] = mapped_column(String(40))

    schedule: Mapped[HolidaySchedule] = relationship(back_populates="days")


class HolidayScheduleChange(ChangeRecordMixin, db.Model):
    """The history of the schedules: who loaded, replaced or deleted which year, with the days before and after."""

    __tablename__ = "holiday_schedule_changes"
    __table_args__ = (CheckConstraint("action IN ('loaded', 'replaced', 'deleted')", name="action_known"),)

    year: Mapped[int] = mapped_column(Integer, nullable=False, index=True)

    user = relationship("User", lazy="joined")
