"""Administrative litigation (行政应诉): the defendant agency's period for its defence."""

from __future__ import annotations

from datetime import date

from casebook.deadlines.explain import Citation, Step, step
from casebook.deadlines.rules import check_date, plus_days, provisional_step, roll_forward, sources_step
from casebook.deadlines.workdays import WorkdayCalendar

# ALL art 67 ¶1: "被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和所依据的规范性文件，
# 并提出答辩状。"
DEFENCE_DAYS = 15


def defence_deadline(served_on: date, calendar: WorkdayCalendar) -> tuple[date, tuple[Step, ...]]:
    """The last day for the defendant's defence and evidence (ALL art 67 ¶1): 15 days from receiving the copy of
    the complaint, counted like every period (the start day not counted, CPL art 85 ¶2; a last day on a rest day
    moves to the next working day, CPL art 85 ¶3 through ALL art 101). Returns the day and its steps."""
    check_date(served_on, "complaint_served_on", required=True)
    raw = plus_days(served_on, DEFENCE_DAYS)
    steps = [
        step(
            f"收到起诉状副本之日 {served_on} 起 {DEFENCE_DAYS} 日内提交答辩状及证据 → {raw}",
            f"defence and evidence within {DEFENCE_DAYS} days of receiving the complaint on {served_on} → {raw}",
            Citation("ALL", 67, 1),
            Citation("CPL", 85, 2),
        )
    ]
    due, roll_steps = roll_forward(raw, calendar, "ALL")
    steps.extend(roll_steps)
    steps.append(sources_step(calendar, [raw, due]))
    provisional = calendar.provisional_years([served_on, due])
    if provisional:
        steps.append(provisional_step(provisional))
    return due, tuple(steps)
