"""The working-day calendar against the State Council's published schedules for 2023–2026."""

from datetime import date

import pytest

from casebook.deadlines import CalendarYearUnknown, DeadlineInputError, WorkdayCalendar, YearSchedule


def _days(year: int, *month_days: str) -> frozenset[date]:
    return frozenset(date(year, int(md[:2]), int(md[3:])) for md in month_days)


# Weekday rest days and make-up weekend workdays, copied by hand from the State Council notices
# (国务院办公厅关于2023/2024/2025/2026年部分节假日安排的通知).
OFFICIAL = {
    2023: (
        _days(2023, "01-02", "01-23", "01-24", "01-25", "01-26", "01-27", "04-05", "05-01", "05-02", "05-03")
        | _days(2023, "06-22", "06-23", "09-29", "10-02", "10-03", "10-04", "10-05", "10-06"),
        _days(2023, "01-28", "01-29", "04-23", "05-06", "06-25", "10-07", "10-08"),
    ),
    2024: (
        _days(2024, "01-01", "02-12", "02-13", "02-14", "02-15", "02-16", "04-04", "04-05", "05-01", "05-02")
        | _days(2024, "05-03", "06-10", "09-16", "09-17", "10-01", "10-02", "10-03", "10-04", "10-07"),
        _days(2024, "02-04", "02-18", "04-07", "04-28", "05-11", "09-14", "09-29", "10-12"),
    ),
    2025: (
        _days(2025, "01-01", "01-28", "01-29", "01-30", "01-31", "02-03", "02-04", "04-04", "05-01", "05-02")
        | _days(2025, "05-05", "06-02", "10-01", "10-02", "10-03", "10-06", "10-07", "10-08"),
        _days(2025, "01-26", "02-08", "04-27", "09-28", "10-11"),
    ),
    2026: (
        _days(2026, "01-01", "01-02", "02-16", "02-17", "02-18", "02-19", "02-20", "02-23", "04-06", "05-01")
        | _days(2026, "05-04", "05-05", "06-19", "09-25", "10-01", "10-02", "10-05", "10-06", "10-07"),
        _days(2026, "01-04", "02-14", "02-28", "05-09", "09-20", "10-10"),
    ),
}


@pytest.fixture(scope="module")
def cal() -> WorkdayCalendar:
    return WorkdayCalendar()


@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_library_schedule_matches_the_official_notice(cal: WorkdayCalendar, year: int) -> None:
    holidays, workdays = OFFICIAL[year]
    schedule = cal.schedule(year)
    assert schedule.holidays == holidays
    assert schedule.workdays == workdays
    assert schedule.source == "chinese-calendar 1.11.0"


@pytest.mark.parametrize(
    ("day", "works"),
    [
        (date(2023, 10, 7), True),  # make-up Saturday
        (date(2023, 10, 8), True),  # make-up Sunday
        (date(2024, 2, 4), True),
        (date(2024, 2, 18), True),
        (date(2025, 1, 26), True),
        (date(2025, 2, 8), True),
        (date(2023, 10, 3), False),  # National Day
        (date(2024, 10, 5), False),  # National Day on a Saturday
        (date(2024, 9, 28), False),  # an ordinary Saturday
        (date(2024, 9, 30), True),  # an ordinary Monday
        (date(2025, 1, 28), False),  # Spring Festival eve, a holiday from 2025
        (date(2024, 2, 9), True),  # Spring Festival eve 2024 was a working day
    ],
)
def test_is_workday(cal: WorkdayCalendar, day: date, works: bool) -> None:
    assert cal.is_workday(day) is works
    assert cal.is_rest_day(day) is not works


def test_next_workday_and_add_workdays(cal: WorkdayCalendar) -> None:
    assert cal.next_workday_on_or_after(date(2023, 10, 3)) == date(2023, 10, 7)
    assert cal.next_workday_on_or_after(date(2023, 10, 9)) == date(2023, 10, 9)
    assert cal.add_workdays(date(2024, 9, 27), 0) == date(2024, 9, 27)
    assert cal.add_workdays(date(2024, 9, 27), 1) == date(2024, 9, 29)
    assert cal.add_workdays(date(2024, 9, 27), 5) == date(2024, 10, 10)
    assert cal.workdays_after(date(2024, 9, 27), 5) == (
        date(2024, 9, 29),
        date(2024, 9, 30),
        date(2024, 10, 8),
        date(2024, 10, 9),
        date(2024, 10, 10),
    )
    # across New Year: 2023-12-30/31 weekend, 2024-01-01 holiday
    assert cal.add_workdays(date(2023, 12, 29), 1) == date(2024, 1, 2)


def test_unknown_year_is_refused_never_guessed(cal: WorkdayCalendar) -> None:
    assert not cal.has_year(2027)
    assert 2026 in cal.known_years() and 2027 not in cal.known_years()
    for query in (
        lambda: cal.is_workday(date(2027, 1, 4)),
        lambda: cal.next_workday_on_or_after(date(2027, 3, 1)),
        lambda: cal.add_workdays(date(2026, 12, 31), 1),
        lambda: cal.schedule(2027),
    ):
        with pytest.raises(CalendarYearUnknown) as caught:
            query()
        assert caught.value.year == 2027
        assert "2027" in str(caught.value)
        assert caught.value.message_zh == "未载入2027年的节假日安排"
        assert caught.value.message_en == "calendar for 2027 not loaded"
        assert caught.value.message("zh_Hans_CN") == caught.value.message_zh


def plausible_2027() -> YearSchedule:
    """A made-up but plausible 2027 schedule, as an administrator would enter it."""
    holidays = _days(2027, "01-01", "02-08", "02-09", "02-10", "02-11", "02-12", "04-05", "05-03", "05-04")
    holidays |= _days(2027, "05-05", "06-09", "09-15", "10-01", "10-04", "10-05", "10-06", "10-07")
    workdays = _days(2027, "01-31", "02-20", "04-25", "05-08", "09-26", "10-09")
    return YearSchedule(2027, holidays, workdays, "管理员录入 2026-11-20")


def test_override_adds_a_year() -> None:
    cal = WorkdayCalendar({2027: plausible_2027()})
    assert cal.has_year(2027) and 2027 in cal.known_years()
    assert cal.is_workday(date(2027, 1, 4))
    assert not cal.is_workday(date(2027, 2, 9))
    assert cal.is_workday(date(2027, 2, 20))  # make-up Saturday
    assert cal.add_workdays(date(2026, 12, 31), 1) == date(2027, 1, 4)
    assert cal.schedule(2027).source == "管理员录入 2026-11-20"


def test_override_replaces_the_library_for_its_whole_year() -> None:
    cal = WorkdayCalendar({2024: YearSchedule(2024, frozenset(), frozenset(), "test: no holidays")})
    assert cal.is_workday(date(2024, 10, 1))
    assert not cal.is_workday(date(2024, 9, 29))  # the library's make-up Sunday is gone too
    assert cal.is_workday(date(2023, 10, 7))  # other years still come from the library


def test_year_schedule_accepts_any_iterable_and_weekend_holidays() -> None:
    schedule = YearSchedule(2027, [date(2027, 2, 6), date(2027, 2, 8)], {date(2027, 2, 20)}, "x")
    assert schedule.holidays == frozenset({date(2027, 2, 6), date(2027, 2, 8)})
    assert isinstance(schedule.workdays, frozenset)


@pytest.mark.parametrize(
    ("holidays", "workdays", "field"),
    [
        ([date(2026, 12, 31)], [], "holidays"),  # outside the year
        ([], [date(2027, 2, 22)], "workdays"),  # a Monday is no make-up workday
        ([date(2027, 2, 20)], [date(2027, 2, 20)], "workdays"),  # both at once
        (["2027-02-08"], [], "holidays"),  # not a date
    ],
)
def test_year_schedule_rejects_inconsistent_entries(holidays: list, workdays: list, field: str) -> None:
    with pytest.raises(DeadlineInputError) as caught:
        YearSchedule(2027, holidays, workdays, "x")
    assert caught.value.field == field


def test_override_must_be_filed_under_its_own_year() -> None:
    with pytest.raises(DeadlineInputError) as caught:
        WorkdayCalendar({2028: plausible_2027()})
    assert caught.value.field == "year"


def test_library_schedules_are_built_once_per_process() -> None:
    from casebook.deadlines.workdays import library_schedule

    assert library_schedule(2024) is library_schedule(2024)
