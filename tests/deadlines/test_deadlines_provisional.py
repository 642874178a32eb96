"""A year without a published schedule: a provisional date from its statutory holidays, never a certain one."""

from datetime import date

import pytest

from casebook.deadlines import (
    CalendarYearUnknown,
    MediationFacts,
    ReconsiderationFacts,
    WorkdayCalendar,
    YearSchedule,
    compute_mediation,
    compute_reconsideration,
    statutory_schedule,
)
from casebook.deadlines.application import application_period

D = date.fromisoformat
PROVISIONAL = WorkdayCalendar(provisional=statutory_schedule)


def test_the_statutory_schedule_has_the_festivals_and_no_make_up_workdays() -> None:
    schedule = statutory_schedule(2027)
    assert schedule.provisional
    assert schedule.workdays == frozenset()
    assert {D("2027-01-01"), D("2027-02-08"), D("2027-02-09"), D("2027-10-01")} <= schedule.holidays
    assert all(day.weekday() < 5 for day in schedule.holidays)
    assert schedule.source.startswith("holidays ")


def test_only_a_year_without_a_schedule_is_provisional() -> None:
    assert not PROVISIONAL.is_provisional(2026)
    assert PROVISIONAL.is_provisional(2027)
    assert not PROVISIONAL.schedule(2026).provisional
    loaded = YearSchedule(2027, frozenset({D("2027-01-01")}), frozenset(), "管理员录入")
    with_notice = WorkdayCalendar({2027: loaded}, provisional=statutory_schedule)
    assert not with_notice.is_provisional(2027)
    assert with_notice.schedule(2027) is loaded
    assert with_notice.is_provisional(2028)
    assert not WorkdayCalendar().is_provisional(2027)  # no provisional source: the year stays unknown


def test_a_decision_deadline_in_2027_is_given_as_provisional() -> None:
    facts = ReconsiderationFacts(received_on=D("2026-12-10"), accepted_on=D("2026-12-11"))
    with pytest.raises(CalendarYearUnknown):
        compute_reconsideration(facts, WorkdayCalendar(), as_of=D("2026-12-20"))
    result = compute_reconsideration(facts, PROVISIONAL, as_of=D("2026-12-20"))
    # day 60 = 2027-02-09, a Spring Festival day by statute; 02-10 too; 02-11 is the next working day
    assert result.due_on == D("2027-02-11")
    assert result.provisional_years == (2027,)
    assert result.is_provisional
    assert result.status == "open"
    assert any("2027年节假日安排尚未发布" in s.zh and "未计入调休" in s.zh for s in result.steps)
    answer = result.to_dict("zh")
    assert answer["provisional"] is True and answer["provisional_years"] == [2027]


def test_a_review_in_a_known_year_is_certain_when_the_decision_deadline_is_not() -> None:
    facts = ReconsiderationFacts(received_on=D("2026-12-24"))
    result = compute_reconsideration(facts, PROVISIONAL, as_of=D("2026-12-24"))
    # 12-25, 12-28, 12-29, 12-30, 12-31: deemed accepted on 12-31; day 60 = 2027-03-01, a Monday
    assert result.acceptance_due_on == D("2026-12-31")
    assert not result.is_provisional_on(result.acceptance_due_on)
    assert result.due_on == D("2027-03-01")
    assert result.is_provisional_on(result.due_on)


def test_a_review_running_into_2027_is_provisional() -> None:
    result = compute_reconsideration(
        ReconsiderationFacts(received_on=D("2026-12-30")), PROVISIONAL, as_of=D("2026-12-31")
    )
    # 12-31, then 2027-01-01 is New Year's Day: 01-04, 01-05, 01-06, 01-07
    assert result.acceptance_due_on == D("2027-01-07")
    assert result.is_provisional


def test_a_mediation_limit_reaching_2027_is_provisional_and_one_before_is_not() -> None:
    late = compute_mediation(MediationFacts(D("2026-12-02")), PROVISIONAL, as_of=D("2026-12-02"))
    assert late.due_on == D("2027-01-04")  # 2027-01-01 is New Year's Day, then a weekend
    assert late.provisional_years == (2027,)
    assert late.days_left == 33
    early = compute_mediation(MediationFacts(D("2026-11-20")), PROVISIONAL, as_of=D("2026-11-20"))
    assert early.due_on == D("2026-12-21")
    assert early.provisional_years == () and not early.is_provisional
    assert early.to_dict("en")["provisional"] is False


def test_the_application_period_in_2027_is_provisional_with_the_statutory_holidays() -> None:
    period = application_period("ARL23", D("2027-02-20"), D("2026-12-11"), PROVISIONAL)
    assert period.last_day == D("2027-02-11")
    assert period.is_provisional
