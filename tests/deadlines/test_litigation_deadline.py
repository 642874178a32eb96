"""The defence period of ALL art 67 ¶1: 15 days from receiving the complaint, counted like every period."""

from datetime import date

import pytest

from casebook.deadlines import (
    CalendarYearUnknown,
    DeadlineInputError,
    WorkdayCalendar,
    YearSchedule,
    defence_deadline,
)

D = date.fromisoformat


@pytest.fixture(scope="module")
def cal() -> WorkdayCalendar:
    return WorkdayCalendar()


def test_fifteen_days_start_day_not_counted(cal) -> None:
    due, steps = defence_deadline(D("2025-06-02"), cal)  # a Monday; 17 June is a Tuesday, a working day
    assert due == D("2025-06-17")
    assert "ALL art. 67 ¶1" in steps[0].en and "CPL art. 85 ¶2" in steps[0].en
    assert "《行政诉讼法》第六十七条第一款" in steps[0].zh


def test_last_day_on_a_holiday_moves_to_the_next_working_day(cal) -> None:
    due, steps = defence_deadline(D("2024-09-20"), cal)  # 5 October 2024: National Day holiday
    assert due == D("2024-10-08")
    assert any("ALL art. 101" in s.en and "CPL art. 85 ¶3" in s.en for s in steps)


def test_last_day_on_a_weekend_moves_to_monday(cal) -> None:
    assert defence_deadline(D("2025-06-07"), cal)[0] == D("2025-06-23")  # 22 June 2025 is a Sunday


def test_unknown_year_and_bad_input_are_named(cal) -> None:
    with pytest.raises(CalendarYearUnknown):
        defence_deadline(D("2099-12-20"), WorkdayCalendar())
    with pytest.raises(DeadlineInputError):
        defence_deadline("2024-01-01", cal)  # type: ignore[arg-type]


def test_an_administrator_schedule_moves_the_day() -> None:
    holiday = YearSchedule(
        year=2025, holidays=frozenset({D("2025-06-17")}), workdays=frozenset(), source="测试"
    )
    cal = WorkdayCalendar(overrides={2025: holiday})
    assert defence_deadline(D("2025-06-02"), cal)[0] == D("2025-06-18")
