"""The period to apply for reconsideration (ARL23 art 20; ARL17 art 9): whether an application came late.

A late application is recorded and flagged, never refused here. The period is 60 calendar days from the day the
applicant learned (or should have learned) of the act (¶1). Two rules move it:

- ¶2 (ARL17 art 9 ¶2 alike): days lost to force majeure or another good reason do not count; the period continues
  once the obstacle is gone, so those days are added.
- ¶3 (ARL23 only): when the agency did not tell the applicant of the right to apply, the body to apply to and the
  period, the period counts from the day the applicant learned of them, but ends at the latest one year after the
  day the applicant learned of the act.

A last day on a rest day moves to the next working day (`rules.roll_forward`). In a year without a holiday
schedule the calendar's provisional schedule (or, without one, the plain last day) is used and the result says
it is provisional.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from casebook.deadlines.errors import CalendarYearUnknown, DeadlineInputError
from casebook.deadlines.explain import Citation, Step, step
from casebook.deadlines.rules import check_date, plus_days, provisional_step, roll_forward
from casebook.deadlines.workdays import WorkdayCalendar

APPLICATION_PERIOD_DAYS = 60  # ARL23 art 20 ¶1; ARL17 art 9 ¶1
MAX_TOLLED_DAYS = 3660  # a bound on the days an obstacle lasted (ten years), to refuse a typing error

Rule = Literal["ordinary", "not_informed", "not_informed_capped"]

_PERIOD = {"ARL23": Citation("ARL23", 20, 1), "ARL17": Citation("ARL17", 9, 1)}
_TOLLING = {"ARL23": Citation("ARL23", 20, 2), "ARL17": Citation("ARL17", 9, 2)}
_NOT_INFORMED = Citation("ARL23", 20, 3)


@dataclass(frozen=True)
class ApplicationPeriod:
    """The last day to apply, the rule that set it, whether the application came after it, and why."""

    last_day: date
    rule: Rule
    tolled_days: int
    is_late: bool
    is_provisional: bool  # the last day falls in a year without a holiday schedule
    steps: tuple[Step, ...]


def one_year_after(day: date) -> date:
    """The same day a year later; 29 February maps to 28 February (a period in years ends on the corresponding
    day, or on the month's last day when there is none)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return day.replace(year=day.year + 1, day=28)


def application_period(
    law: str,
    received_on: date,
    learned_on: date,
    calendar: WorkdayCalendar,
    *,
    tolled_days: int = 0,
    right_learned_on: date | None = None,
) -> ApplicationPeriod:
    """The application period of a case received on ``received_on`` by an applicant who learned of the act on
    ``learned_on`` (ARL23 art 20; ARL17 art 9)."""
    for value, name in ((received_on, "received_on"), (learned_on, "learned_on")):
        check_date(value, name, required=True)
    check_date(right_learned_on, "right_learned_on")
    if not isinstance(tolled_days, int) or not 0 <= tolled_days <= MAX_TOLLED_DAYS:
        raise DeadlineInputError(
            "application_tolled_days",
            f"耽误的天数须在 0 至 {MAX_TOLLED_DAYS} 之间",
            f"the days lost must be between 0 and {MAX_TOLLED_DAYS}",
        )
    if right_learned_on is not None and right_learned_on < learned_on:
        raise DeadlineInputError(
            "right_learned_on",
            "知道申请权利之日不能早于知道行政行为之日",
            "the applicant cannot learn of the right to apply before learning of the act",
        )
    steps: list[Step] = []
    rule: Rule = "ordinary"
    raw = plus_days(learned_on, APPLICATION_PERIOD_DAYS)
    if right_learned_on is not None and law == "ARL23":
        cap = one_year_after(learned_on)
        informed = plus_days(right_learned_on, APPLICATION_PERIOD_DAYS)
        if informed > cap:
            rule, raw = "not_informed_capped", cap
            steps.append(
                step(
                    f"未告知申请权利：自 {right_learned_on} 知道之日起 60 日为 {informed}，但自知道行政行为之日 "
                    f"{learned_on} 起最长不超过一年 → {cap}",
                    f"not told of the right to apply: 60 days from learning of it on {right_learned_on} is "
                    f"{informed}, but at most one year from learning of the act on {learned_on} → {cap}",
                    _NOT_INFORMED,
                )
            )
        else:
            rule, raw = "not_informed", max(raw, informed)
            steps.append(
                step(
                    f"未告知申请权利：申请期限自 {right_learned_on} 知道申请权利之日起 60 日 → {raw}",
                    f"not told of the right to apply: 60 days from learning of it on {right_learned_on} → {raw}",
                    _NOT_INFORMED,
                )
            )
    else:
        if right_learned_on is not None:
            steps.append(
                step(
                    "修订前的行政复议法无未告知申请权利时另行起算的规定，按知道行政行为之日计算",
                    "the old law has no rule for an applicant not told of the right: the period counts from "
                    "learning of the act",
                    _PERIOD[law],
                )
            )
        steps.append(
            step(
                f"自 {learned_on} 知道行政行为之日起 60 日 → {raw}",
                f"60 days from learning of the act on {learned_on} → {raw}",
                _PERIOD[law],
                Citation("CPL", 85, 2),
            )
        )
    if tolled_days:
        raw = plus_days(raw, tolled_days)
        steps.append(
            step(
                f"因不可抗力或其他正当理由耽误 {tolled_days} 日，自障碍消除之日起继续计算 → {raw}",
                f"{tolled_days} days lost to force majeure or another good reason do not count → {raw}",
                _TOLLING[law],
            )
        )
    try:
        last_day, roll_steps = roll_forward(raw, calendar, law)
        steps.extend(roll_steps)
        provisional_years = calendar.provisional_years([raw, last_day])
        provisional = bool(provisional_years)
        if provisional:
            steps.append(provisional_step(provisional_years))
    except CalendarYearUnknown as error:
        last_day, provisional = raw, True
        steps.append(
            step(
                f"未载入{error.year}年的节假日安排：末日 {raw} 待确认",
                f"calendar for {error.year} not loaded: the last day {raw} is provisional",
            )
        )
    is_late = received_on > last_day
    steps.append(
        step(
            f"{received_on} 收到申请，{'超过' if is_late else '未超过'}申请期限",
            f"received on {received_on}: {'after' if is_late else 'within'} the period",
        )
    )
    return ApplicationPeriod(last_day, rule, tolled_days, is_late, provisional, tuple(steps))
