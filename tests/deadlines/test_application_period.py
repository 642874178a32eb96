"""The period to apply (ARL23 art 20; ARL17 art 9) as the pure module computes it."""

from datetime import date

import pytest

from casebook.deadlines import DeadlineInputError, WorkdayCalendar
from casebook.deadlines.application import application_period, one_year_after

CAL = WorkdayCalendar()


def test_sixty_days_moved_off_a_rest_day():
    p = application_period("ARL23", date(2024, 3, 4), date(2024, 1, 2), CAL)
    assert (p.last_day, p.rule, p.is_late) == (date(2024, 3, 4), "ordinary", False)
    assert any("第二十条第一款" in s.zh for s in p.steps)


def test_days_lost_to_an_obstacle_are_added():
    p = application_period("ARL23", date(2024, 4, 10), date(2024, 1, 2), CAL, tolled_days=40)
    assert p.last_day == date(2024, 4, 11) and not p.is_late
    assert any("第二十条第二款" in s.zh for s in p.steps)
    old = application_period("ARL17", date(2023, 4, 10), date(2023, 1, 2), CAL, tolled_days=40)
    assert any("第九条第二款" in s.zh for s in old.steps)


def test_not_told_of_the_right_counts_from_learning_of_it_at_most_a_year():
    told = application_period(
        "ARL23", date(2024, 4, 10), date(2024, 1, 2), CAL, right_learned_on=date(2024, 3, 1)
    )
    assert (told.last_day, told.rule) == (date(2024, 4, 30), "not_informed")
    capped = application_period(
        "ARL23", date(2025, 1, 10), date(2024, 1, 2), CAL, right_learned_on=date(2024, 12, 20)
    )
    assert (capped.last_day, capped.rule, capped.is_late) == (date(2025, 1, 2), "not_informed_capped", True)


def test_a_year_after_29_february_is_28_february():
    assert one_year_after(date(2024, 2, 29)) == date(2025, 2, 28)


def test_a_year_without_a_schedule_gives_a_provisional_day():
    p = application_period("ARL23", date(2099, 1, 5), date(2098, 11, 1), CAL)
    assert p.is_provisional and p.last_day == date(2098, 12, 31)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"tolled_days": -1}, "application_tolled_days"),
        ({"right_learned_on": date(2023, 12, 1)}, "right_learned_on"),
    ],
)
def test_bad_facts_name_their_field(kwargs, field):
    with pytest.raises(DeadlineInputError) as error:
        application_period("ARL23", date(2024, 4, 10), date(2024, 1, 2), CAL, **kwargs)
    assert error.value.field == field
