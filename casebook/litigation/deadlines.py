"""The bridge from a litigation case to the pure deadline engine: the defence's due date and its explanation."""

from __future__ import annotations

from casebook.calendars.service import working_calendar
from casebook.core.i18n import current_language
from casebook.deadlines import CalendarYearUnknown, defence_deadline
from casebook.litigation.models import LitigationCase


def defence_steps(case: LitigationCase) -> list[str]:
    """How the defence's due date was reached (ALL art 67 ¶1), in the request's language; empty when the complaint
    was not served yet or a year's holiday schedule is missing."""
    if case.complaint_served_on is None:
        return []
    try:
        _due, steps = defence_deadline(case.complaint_served_on, working_calendar())
    except CalendarYearUnknown:
        return []
    return [s.text(current_language()) for s in steps]
