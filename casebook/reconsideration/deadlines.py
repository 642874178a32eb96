"""A case's statutory limits: the facts the pure deadline engine needs, and the procedural limits around it.

The decision deadline comes from `casebook.deadlines.compute_reconsideration`; this module only feeds it the
case's dates and adds the smaller working-day limits of the review (service on the respondent, its answer, the
hearing notice) and the 60-day application period.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from casebook.calendars.service import deadline_settings, working_calendar
from casebook.core.clock import today
from casebook.core.i18n import current_language
from casebook.deadlines import (
    CalendarYearUnknown,
    DeadlineInputError,
    DeadlineResult,
    ReconsiderationFacts,
    Suspension,
    compute_reconsideration,
)
from casebook.reconsideration.codes import APPLICATION_PERIOD_DAYS
from casebook.reconsideration.models import ReconsiderationCase

# ARL23 art 48: copy to the respondent within 7 (working) days of acceptance, answer within 10 (working) days;
# ARL23 art 54 (simplified): 3 and 5 working days. ARL23 art 88 ¶2 makes all of them working days.
# ARL17 art 23: 7 days (working, ARL17 art 40) and 10 calendar days (art 40 names only its 5- and 7-day periods).
SERVICE_WORKDAYS = {"ordinary": 7, "simplified": 3}
ANSWER_WORKDAYS = {"ordinary": 10, "simplified": 5}
ARL17_ANSWER_DAYS = 10
HEARING_NOTICE_WORKDAYS = 5  # ARL23 art 51: the parties are told five (working) days before the hearing


def explicit_accepted_on(case: ReconsiderationCase) -> date | None:
    """The acceptance date an officer recorded (not a deemed one)."""
    if case.acceptance == "accepted" and not case.is_accepted_deemed:
        return case.accepted_on
    return None


def facts_for(case: ReconsiderationCase, **overrides) -> ReconsiderationFacts:
    """The engine's facts for `case`, optionally with some values replaced (to test a change before making it)."""
    values = {
        "received_on": case.received_on,
        "accepted_on": explicit_accepted_on(case),
        "rejected_on": case.rejected_on if case.acceptance == "rejected" else None,
        "supplement_requested_on": case.supplement_requested_on,
        "supplement_received_on": case.supplement_received_on,
        "supplement_notice_received_on": case.supplement_notice_received_on,
        "supplement_period_workdays": case.supplement_period_workdays,
        "abandoned_on": case.abandoned_on,
        "procedure": case.procedure,
        "converted_on": case.converted_on,
        "suspensions": tuple(Suspension(s.from_on, s.to_on, s.ground) for s in case.suspensions),
        "extension_days": case.extension_days or 0,
        "special_limit_days": case.special_limit_days,
        "special_limit_reason": case.special_limit_reason,
        "closed_on": case.closed_on,
    }
    values.update(overrides)
    return ReconsiderationFacts(**values)


@dataclass(frozen=True)
class CaseDeadline:
    """The engine's result for a case on a day, or the reason there is none (a missing calendar year)."""

    result: DeadlineResult | None
    missing_year: int | None = None
    error: str | None = None

    def message(self) -> str | None:
        """Why no deadline could be computed, in the UI language."""
        if self.missing_year is not None:
            return CalendarYearUnknown(self.missing_year).message(current_language())
        return self.error


def compute(case: ReconsiderationCase, as_of: date | None = None, **overrides) -> DeadlineResult:
    """The engine's result for `case` as of `as_of` (today by default); raises the engine's errors."""
    facts = facts_for(case, **overrides)
    return compute_reconsideration(facts, working_calendar(), deadline_settings(), as_of=as_of or today())


def deadline_for_display(case: ReconsiderationCase, as_of: date | None = None) -> CaseDeadline:
    """The deadline for a page: never raises for a missing calendar year or inconsistent stored dates."""
    try:
        return CaseDeadline(compute(case, as_of))
    except CalendarYearUnknown as error:
        return CaseDeadline(None, missing_year=error.year)
    except DeadlineInputError as error:
        return CaseDeadline(None, error=error.message(current_language()))


def last_day_to_apply(learned_on: date) -> date | None:
    """The last day of the 60-day application period (ARL23 art 20 ¶1; ARL17 art 9 ¶1), moved off a rest day
    (CPL art 85); None when the calendar of that year is not loaded (then the plain 60th day is used)."""
    raw = learned_on + timedelta(days=APPLICATION_PERIOD_DAYS)
    try:
        return working_calendar().next_workday_on_or_after(raw)
    except CalendarYearUnknown:
        return None


def is_late_application(received_on: date, learned_on: date | None) -> bool:
    """Applied after the 60-day period from learning of the act (flagged, never refused)."""
    if learned_on is None or received_on <= learned_on:
        return False
    last = last_day_to_apply(learned_on) or learned_on + timedelta(days=APPLICATION_PERIOD_DAYS)
    return received_on > last


def service_due_on(case: ReconsiderationCase) -> date | None:
    """Last day to send the application's copy to the respondent (ARL23 art 48, 54; ARL17 art 23)."""
    if case.accepted_on is None:
        return None
    procedure = case.procedure if case.converted_on is None else "ordinary"
    return working_calendar().add_workdays(case.accepted_on, SERVICE_WORKDAYS[procedure])


def answer_due_on(case: ReconsiderationCase, served_on: date) -> date:
    """Last day for the respondent's written answer after being served (ARL23 art 48, 54; ARL17 art 23)."""
    calendar = working_calendar()
    if case.law == "ARL17":
        return calendar.next_workday_on_or_after(served_on + timedelta(days=ARL17_ANSWER_DAYS))
    procedure = case.procedure if case.converted_on is None else "ordinary"
    return calendar.add_workdays(served_on, ANSWER_WORKDAYS[procedure])


def earliest_hearing_on(notice_on: date) -> date:
    """The first day a hearing may be held after the parties were notified on `notice_on` (ARL23 art 51)."""
    return working_calendar().add_workdays(notice_on, HEARING_NOTICE_WORKDAYS)
