"""Statutory deadlines of casebook's cases: pure functions of a case's dates, the rules and a working-day calendar.

No Flask, no database. A computation takes the facts, a :class:`WorkdayCalendar`, the bureau's
:class:`DeadlineSettings` and the day ``as_of`` which the status is judged on, and returns a
:class:`DeadlineResult`: the deadline, the status and the bilingual steps that explain it.

Result fields: ``law`` ("ARL23", "ARL17" or "MoJ02"); ``acceptance_due_on`` (last day of the 5-working-day
acceptance review, None for mediation or while materials are awaited); ``accepted_on`` (recorded or deemed) and
``is_accepted_deemed``; ``due_on`` (the decision or mediation deadline; None when rejected, while materials are
awaited or while a suspension is unresolved); ``status`` ("open", "overdue", "suspended", "closed_on_time",
"closed_late", "awaiting_supplement"); ``days_left`` (calendar days from ``as_of`` to ``due_on``, negative when
overdue, None when closed or without a deadline); ``steps``; ``supplement_due_on`` (the applicant's last day for the
materials, ARL23 only); ``long_suspension_warning`` (a suspension that ends the case at 60 days has lasted 50).

Bad facts raise :class:`DeadlineInputError` (naming the field); a date in a year without a holiday schedule raises
:class:`CalendarYearUnknown` (naming the year), unless the calendar has a provisional source
(``WorkdayCalendar(provisional=statutory_schedule)``): then the result's ``provisional_years`` name the years
counted without their notice and the dates from them on are provisional (待确认). Nothing else is raised for input.
"""

from casebook.deadlines.errors import CalendarYearUnknown, DeadlineInputError
from casebook.deadlines.explain import Step
from casebook.deadlines.facts import MediationFacts, ReconsiderationFacts, Suspension
from casebook.deadlines.litigation import defence_deadline
from casebook.deadlines.mediation import compute_mediation, confirmation_deadline
from casebook.deadlines.reconsideration import compute_reconsideration
from casebook.deadlines.rules import DeadlineResult, DeadlineSettings, law_for_received_on
from casebook.deadlines.workdays import WorkdayCalendar, YearSchedule, statutory_schedule

__all__ = [
    "CalendarYearUnknown",
    "DeadlineInputError",
    "DeadlineResult",
    "DeadlineSettings",
    "MediationFacts",
    "ReconsiderationFacts",
    "Step",
    "Suspension",
    "WorkdayCalendar",
    "YearSchedule",
    "compute_mediation",
    "compute_reconsideration",
    "confirmation_deadline",
    "defence_deadline",
    "law_for_received_on",
    "statutory_schedule",
]
