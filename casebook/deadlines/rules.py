"""What every deadline shares: the law in force, the bureau's practice settings, counting days and the result."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Literal

from casebook.deadlines.errors import DeadlineInputError
from casebook.deadlines.explain import Citation, Step, step
from casebook.deadlines.workdays import WorkdayCalendar

Law = Literal["ARL23", "ARL17", "MoJ02", "PML", "ALL"]
Status = Literal[
    "open", "overdue", "suspended", "closed_on_time", "closed_late", "awaiting_supplement", "abandoned"
]

# ARL23 art 90: the revised law is in force from 2024-01-01; it governs applications received from that day on.
ARL23_IN_FORCE_ON = date(2024, 1, 1)

# Bounds far beyond any real case, so that adding limits, extensions and suspensions stays within the dates
# Python can represent (an input like 9999-12-31 gets a clear error, not an OverflowError).
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2999, 12, 31)
MAX_DAYS = 3650


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def check_date(value: object, field: str, *, required: bool = False) -> None:
    """Raise DeadlineInputError unless ``value`` is a date (not a datetime), or None when not ``required``."""
    if value is None and not required:
        return
    if not isinstance(value, date) or isinstance(value, datetime):
        raise DeadlineInputError(field, "须为日期", "must be a date")
    if not EARLIEST_DATE <= value <= LATEST_DATE:
        first, last = EARLIEST_DATE.isoformat(), LATEST_DATE.isoformat()
        raise DeadlineInputError(
            field, f"日期须在 {first} 至 {last} 之间", f"the date must be between {first} and {last}"
        )


def check_days(value: object, field: str, *, maximum: int | None = None) -> None:
    """Raise DeadlineInputError unless ``value`` is a whole number of days from 0 to ``maximum`` (or MAX_DAYS)."""
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise DeadlineInputError(field, "天数须为不小于 0 的整数", "days must be a whole number, 0 or more")
    limit = MAX_DAYS if maximum is None else maximum
    if value > limit:
        raise DeadlineInputError(field, f"最多 {limit} 日", f"at most {limit} days")


def check_order(earlier: date | None, later: date | None, field: str, zh: str, en: str) -> None:
    """Raise DeadlineInputError on ``field`` when both dates are known and ``later`` is before ``earlier``."""
    if earlier is not None and later is not None and later < earlier:
        raise DeadlineInputError(field, zh, en)


def law_for_received_on(received_on: date) -> Literal["ARL23", "ARL17"]:
    """The reconsideration law governing an application received on ``received_on`` (domain.md §2.2)."""
    return "ARL23" if received_on >= ARL23_IN_FORCE_ON else "ARL17"


@dataclass(frozen=True)
class DeadlineSettings:
    """The bureau's practice rules (domain.md marks them as practice, not statute); defaults as domain.md gives."""

    # MoJ02 art 33 "一般在一个月内调结": read as 30 calendar days from acceptance.
    mediation_limit_days: int = 30
    # Time from suspension to resumption (ARL23 art 39) is left out of the decision limit.
    exclude_suspension: bool = True
    # A simplified case converted to ordinary (ARL23 art 55) counts the ordinary limit from the first acceptance.
    converted_counts_from_original_acceptance: bool = True

    def __post_init__(self) -> None:
        check_days(self.mediation_limit_days, "mediation_limit_days")
        if self.mediation_limit_days < 1:
            raise DeadlineInputError(
                "mediation_limit_days", "调解期限须为正整数天数", "the mediation limit must be at least 1 day"
            )


DEFAULT_SETTINGS = DeadlineSettings()


@dataclass(frozen=True)
class DeadlineResult:
    """A computed deadline with the steps that explain it (see the package docstring for each field)."""

    law: Law
    acceptance_due_on: date | None
    accepted_on: date | None
    is_accepted_deemed: bool
    due_on: date | None
    status: Status
    days_left: int | None
    steps: tuple[Step, ...]
    supplement_due_on: date | None = None
    long_suspension_warning: bool = False
    long_suspension_days: int | None = None
    acceptance_notice_late: bool = False
    suspension_after_deadline: date | None = None
    conversion_after_deadline: date | None = None
    # Years counted from a provisional schedule (no notice loaded): the dates from the first of them on are
    # not certain (domain.md §2.3).
    provisional_years: tuple[int, ...] = ()

    @property
    def is_provisional(self) -> bool:
        """Whether the deadline (``due_on``, or the review's last day without one) rests on a provisional year."""
        return self.is_provisional_on(self.due_on or self.acceptance_due_on or self.supplement_due_on)

    def is_provisional_on(self, day: date | None) -> bool:
        """Whether a date of this result may move once the schedules of its provisional years are loaded."""
        return day is not None and any(year <= day.year for year in self.provisional_years)

    def lines(self, lang: str) -> list[str]:
        """The explanation, one line per step, in ``lang`` ("zh" or "en")."""
        return [s.text(lang) for s in self.steps]

    def to_dict(self, lang: str) -> dict[str, Any]:
        """A JSON-ready dict (ISO dates, steps as lines in ``lang``) with the keys of the deadline API."""
        return {
            "law": self.law,
            "acceptance_due_on": _iso(self.acceptance_due_on),
            "accepted_on": _iso(self.accepted_on),
            "is_accepted_deemed": self.is_accepted_deemed,
            "due_on": _iso(self.due_on),
            "status": self.status,
            "days_left": self.days_left,
            "steps": self.lines(lang),
            "supplement_due_on": _iso(self.supplement_due_on),
            "long_suspension_warning": self.long_suspension_warning,
            "long_suspension_days": self.long_suspension_days,
            "acceptance_notice_late": self.acceptance_notice_late,
            "suspension_after_deadline": _iso(self.suspension_after_deadline),
            "conversion_after_deadline": _iso(self.conversion_after_deadline),
            "provisional": self.is_provisional,
            "provisional_years": list(self.provisional_years),
        }


# CPL art 85 ¶3 (applied through ARL23 art 88 and ARL17 art 40): a period whose last day is a rest day ends on the
# next working day.
ROLL_CITES = {
    "ARL23": (Citation("CPL", 85, 3), Citation("ARL23", 88, 1)),
    "ARL17": (Citation("CPL", 85, 3), Citation("ARL17", 40)),
    "MoJ02": (Citation("CPL", 85, 3),),
    "PML": (Citation("CPL", 85, 3),),
    # ALL art 101: the litigation law's periods follow the Civil Procedure Law where it says nothing itself.
    "ALL": (Citation("CPL", 85, 3), Citation("ALL", 101)),
}


def roll_forward(raw_end: date, calendar: WorkdayCalendar, law: Law) -> tuple[date, list[Step]]:
    """The period's last day moved to the next working day if it is a rest day, with the step saying so."""
    due = calendar.next_workday_on_or_after(raw_end)
    if due == raw_end:
        return due, []
    return due, [
        step(
            f"{raw_end.isoformat()} 为休息日，期限顺延至其后第一个工作日 {due.isoformat()}",
            f"{raw_end.isoformat()} is a rest day: the period ends on the next working day, {due.isoformat()}",
            *ROLL_CITES[law],
            practice=law == "MoJ02",
        )
    ]


def plus_days(day: date, days: int) -> date:
    """``day`` plus ``days`` calendar days: the start day is not counted (CPL art 85 ¶2)."""
    return day + timedelta(days=days)


def status_as_of(
    as_of: date,
    deadline: date | None,
    closed_on: date | None,
    *,
    suspended: bool = False,
    awaiting_supplement: bool = False,
) -> Status:
    """Where a case stands on ``as_of`` against ``deadline``; events after ``as_of`` are not yet counted."""
    if closed_on is not None and closed_on <= as_of:
        return "closed_late" if deadline is not None and closed_on > deadline else "closed_on_time"
    if awaiting_supplement:
        return "awaiting_supplement"
    if suspended:
        return "suspended"
    return "overdue" if deadline is not None and as_of > deadline else "open"


def status_step(status: Status, as_of: date, deadline: date | None, closed_on: date | None) -> Step:
    """The closing line of an explanation: where the case stands on ``as_of``."""
    on = as_of.isoformat()
    if status in ("closed_on_time", "closed_late") and closed_on is not None:
        if status == "closed_late" and deadline is not None:
            late = (closed_on - deadline).days
            return step(
                f"{closed_on.isoformat()} 结案，超过期限 {late} 日",
                f"closed on {closed_on.isoformat()}, {late} days after the deadline",
            )
        return step(f"{closed_on.isoformat()} 结案，在期限内", f"closed on {closed_on.isoformat()}, in time")
    if status == "awaiting_supplement":
        return step(f"截至 {on}：等待申请人补正材料", f"as of {on}: waiting for the applicant's materials")
    if status == "suspended":
        return step(
            f"截至 {on}：案件中止中，恢复审理后继续计算期限",
            f"as of {on}: the case is suspended; the count goes on after resumption",
        )
    if deadline is None:
        return step(f"截至 {on}：尚无期限", f"as of {on}: no deadline yet")
    left = (deadline - as_of).days
    if left < 0:
        return step(f"截至 {on}：已逾期 {-left} 日", f"as of {on}: overdue by {-left} days")
    return step(f"截至 {on}：尚余 {left} 日", f"as of {on}: {left} days left")


def sources_step(calendar: WorkdayCalendar, days: list[date]) -> Step:
    """A line naming the holiday schedules behind the working days used, e.g. chinese-calendar or an admin entry."""
    years = sorted({d.year for d in days})
    zh = "、".join(f"{y}年（{calendar.schedule(y).source}）" for y in years)
    en = ", ".join(f"{y} ({calendar.schedule(y).source})" for y in years)
    return step(f"节假日安排：{zh}", f"holiday schedules: {en}")


def provisional_step(years: tuple[int, ...]) -> Step:
    """The line saying a date is provisional: its year's schedule is not published (domain.md §2.3)."""
    zh_years = "、".join(f"{y}年" for y in years)
    en_years = ", ".join(str(y) for y in years)
    return step(
        f"{zh_years}节假日安排尚未发布：按法定节假日推算，未计入调休，日期待确认，安排载入后自动重算",
        f"the holiday schedule of {en_years} is not published yet: counted from the statutory holidays without "
        "make-up workdays, the date is provisional and is recomputed when the schedule is loaded",
    )
