"""People's mediation (人民调解): the bureau's time limit for mediating a dispute (domain.md §3.2)."""

from __future__ import annotations

from datetime import date

from casebook.deadlines.explain import Citation, Step, step
from casebook.deadlines.facts import MediationFacts
from casebook.deadlines.rules import (
    DEFAULT_SETTINGS,
    DeadlineResult,
    DeadlineSettings,
    check_date,
    plus_days,
    provisional_step,
    roll_forward,
    sources_step,
    status_as_of,
    status_step,
)
from casebook.deadlines.workdays import WorkdayCalendar

# MoJ02 art 33: "人民调解委员会调解纠纷，一般在一个月内调结" — a soft target; its length is a setting.
_TARGET = Citation("MoJ02", 33)
# PML art 33 ¶1: the parties may jointly apply to a court for judicial confirmation "自调解协议生效之日起三十日内".
CONFIRMATION_DAYS = 30


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
    provisional = calendar.provisional_years([facts.accepted_on, due])
    if provisional:
        steps.append(provisional_step(provisional))
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
        provisional_years=provisional,
    )


def confirmation_deadline(agreement_on: date, calendar: WorkdayCalendar) -> tuple[date, tuple[Step, ...]]:
    """The last day on which the parties may apply for judicial confirmation of their agreement (PML art 33):
    30 days from the agreement taking effect, counted like every period (CPL art 85: the start day is not
    counted, a last day on a rest day moves to the next working day). Returns the day and its steps."""
    check_date(agreement_on, "agreement_on", required=True)
    raw = plus_days(agreement_on, CONFIRMATION_DAYS)
    steps = [
        step(
            f"调解协议生效之日 {agreement_on} 起 {CONFIRMATION_DAYS} 日内共同申请司法确认 → {raw}",
            f"apply jointly for judicial confirmation within {CONFIRMATION_DAYS} days of the agreement taking "
            f"effect on {agreement_on} → {raw}",
            Citation("PML", 33, 1),
            Citation("CPL", 85, 2),
        )
    ]
    due, roll_steps = roll_forward(raw, calendar, "PML")
    steps.extend(roll_steps)
    steps.append(sources_step(calendar, [raw, due]))
    return due, tuple(steps)
