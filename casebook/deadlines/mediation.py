"""People's mediation (人民调解): the bureau's time limit for mediating a dispute (domain.md §3.2)."""

from __future__ import annotations

from datetime import date

from casebook.deadlines.explain import Citation, step
from casebook.deadlines.facts import MediationFacts
from casebook.deadlines.rules import (
    DEFAULT_SETTINGS,
    DeadlineResult,
    DeadlineSettings,
    check_date,
    plus_days,
    roll_forward,
    sources_step,
    status_as_of,
    status_step,
)
from casebook.deadlines.workdays import WorkdayCalendar

# MoJ02 art 33: "人民调解委员会调解纠纷，一般在一个月内调结" — a soft target; its length is a setting.
_TARGET = Citation("MoJ02", 33)


def compute_mediation(
    facts: MediationFacts,
    calendar: WorkdayCalendar,
    settings: DeadlineSettings = DEFAULT_SETTINGS,
    *,
    as_of: date,
) -> DeadlineResult:
    """The mediation time limit of a case and its status on ``as_of``, counted like every period (CPL art 85)."""
    check_date(as_of, "as_of", required=True)
    days = settings.mediation_limit_days
    raw = plus_days(facts.accepted_on, days)
    steps = [
        step(
            f"一般在一个月内调结：受理日 {facts.accepted_on} 起算 {days} 日 → {raw}",
            f"mediated within a month as a rule: {days} calendar days from acceptance on {facts.accepted_on} → {raw}",
            _TARGET,
            Citation("CPL", 85, 2),
            practice=True,
        )
    ]
    if facts.extension_days:
        raw = plus_days(raw, facts.extension_days)
        steps.append(
            step(
                f"经双方当事人同意延长 {facts.extension_days} 日 → {raw}",
                f"extended by {facts.extension_days} days with both parties' consent → {raw}",
                practice=True,
            )
        )
    due, roll_steps = roll_forward(raw, calendar, "MoJ02")
    steps.extend(roll_steps)
    steps.append(sources_step(calendar, [raw, due]))
    status = status_as_of(as_of, due, facts.closed_on)
    steps.append(status_step(status, as_of, due, facts.closed_on))
    return DeadlineResult(
        law="MoJ02",
        acceptance_due_on=None,
        accepted_on=facts.accepted_on,
        is_accepted_deemed=False,
        due_on=due,
        status=status,
        days_left=(due - as_of).days if status in ("open", "overdue") else None,
        steps=tuple(steps),
    )
