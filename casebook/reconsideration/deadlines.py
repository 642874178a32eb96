"""A case's statutory limits: the facts the pure deadline engine needs, and the procedural limits around it.

The decision deadline comes from `casebook.deadlines.compute_reconsideration`; this module only feeds it the
case's dates and adds the smaller working-day limits of the review (service on the respondent, its answer, the
hearing notice) and the application period of ARL23 art 20.
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
    law_for_received_on,
)
from casebook.deadlines.application import ApplicationPeriod
from casebook.deadlines.application import application_period as compute_application_period
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


def application_period(case: ReconsiderationCase) -> ApplicationPeriod | None:
    """The application period of ARL23 art 20 (ARL17 art 9) for the case, None when the day the applicant
    learned of the act is not recorded (or comes after the receipt: nothing to judge)."""
    if case.learned_on is None or case.received_on is None or case.received_on <= case.learned_on:
        return None
    right = (
        case.right_learned_on if case.right_learned_on and case.right_learned_on >= case.learned_on else None
    )
    return compute_application_period(
        law_for_received_on(case.received_on),
        case.received_on,
        case.learned_on,
        working_calendar(),
        tolled_days=case.application_tolled_days or 0,
        right_learned_on=right,
    )


def application_period_for_display(case: ReconsiderationCase) -> ApplicationPeriod | None:
    """The application period for a page: None rather than an error for facts the rule refuses."""
    try:
        return application_period(case)
    except DeadlineInputError:
        return None


def is_late_application(case: ReconsiderationCase) -> bool:
    """Applied after the application period (flagged, never refused)."""
    period = application_period(case)
    return period is not None and period.is_late


def service_due_on(case: ReconsiderationCase) -> date | None:
    """Last day to send the application's copy to the respondent (ARL23 art 48, 54; ARL17 art 23)."""
    if case.accepted_on is None:
        return None
    procedure = case.procedure if case.converted_on is None else "ordinary"
    return working_calendar().add_workdays(case.accepted_on, SERVICE_WORKDAYS[procedure])


def answer_start(case: ReconsiderationCase) -> tuple[date | None, bool]:
    """The day the answer period counts from: the respondent's receipt of the copy (送达回证), else the day it
    was sent (then assumed, True)."""
    if case.respondent_received_on is not None:
        return case.respondent_received_on, False
    return case.respondent_served_on, case.respondent_served_on is not None


def answer_due_on(case: ReconsiderationCase) -> date | None:
    """Last day for the respondent's written answer: 10 working days from receiving the copy (ordinary, ARL23
    art 48), 5 (simplified, art 54); ARL17 art 23: 10 days. None before the copy was sent."""
    start, _assumed = answer_start(case)
    if start is None:
        return None
    calendar = working_calendar()
    if case.law == "ARL17":
        return calendar.next_workday_on_or_after(start + timedelta(days=ARL17_ANSWER_DAYS))
    procedure = case.procedure if case.converted_on is None else "ordinary"
    return calendar.add_workdays(start, ANSWER_WORKDAYS[procedure])


def answer_flag(case: ReconsiderationCase, as_of: date) -> str | None:
    """ "late" when the answer came after its due day, "missing" when none came and the day has passed while the
    case is open; None otherwise (ARL23 art 48, 54)."""
    due = case.answer_due_on
    if due is None:
        return None
    if case.answer_received_on is not None:
        return "late" if case.answer_received_on > due else None
    if case.closed_on is None and not case.is_voided and due < as_of:
        return "missing"
    return None


def earliest_hearing_on(notice_on: date) -> date:
    """The first day a hearing may be held after the parties were notified on `notice_on` (ARL23 art 51)."""
    return working_calendar().add_workdays(notice_on, HEARING_NOTICE_WORKDAYS)
