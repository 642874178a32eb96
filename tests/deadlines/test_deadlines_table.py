"""The worked examples of domain.md §2.3 and a table around every holiday of 2023–2026.

Every expected date below was worked out by hand from the State Council's schedules, not from the code.
"""

from datetime import date

import pytest

from casebook.deadlines import (
    MediationFacts,
    ReconsiderationFacts,
    WorkdayCalendar,
    compute_mediation,
    compute_reconsideration,
)

D = date.fromisoformat
AS_OF = date(2023, 1, 1)


@pytest.fixture(scope="module")
def cal() -> WorkdayCalendar:
    return WorkdayCalendar()


def test_worked_example_arl17_ordinary(cal: WorkdayCalendar) -> None:
    # ARL17 art 17 ¶2: accepted on the day received, so the example's acceptance is also its receipt.
    facts = ReconsiderationFacts(received_on=D("2023-09-01"), accepted_on=D("2023-09-01"))
    result = compute_reconsideration(facts, cal, as_of=D("2023-09-15"))
    assert result.law == "ARL17"
    assert result.due_on == D("2023-10-31")


def test_worked_example_day_60_on_national_day(cal: WorkdayCalendar) -> None:
    facts = ReconsiderationFacts(received_on=D("2023-08-04"), accepted_on=D("2023-08-04"))
    result = compute_reconsideration(facts, cal, as_of=D("2023-09-15"))
    assert result.due_on == D("2023-10-07")  # day 60 is 2023-10-03; 10-07 is a make-up Saturday
    assert any("2023-10-03" in s.en and "2023-10-07" in s.en for s in result.steps)


def test_worked_example_arl23_deemed_acceptance(cal: WorkdayCalendar) -> None:
    facts = ReconsiderationFacts(received_on=D("2024-09-27"))
    result = compute_reconsideration(facts, cal, as_of=D("2024-10-15"))
    assert result.law == "ARL23"
    assert result.acceptance_due_on == D("2024-10-10")
    assert result.accepted_on == D("2024-10-10")
    assert result.is_accepted_deemed
    assert result.due_on == D("2024-12-09")
    assert any("2024-09-29, 2024-09-30, 2024-10-08, 2024-10-09, 2024-10-10" in s.en for s in result.steps)


# (received on, last day of the 5-working-day review)
REVIEW_TABLE = [
    # 2023
    ("2022-12-30", "2023-01-09"),  # New Year: 01-02 off
    ("2023-01-19", "2023-01-31"),  # Spring Festival: 01-21..27 off, 01-28/29 worked
    ("2023-04-03", "2023-04-11"),  # Qingming: 04-05 off
    ("2023-04-21", "2023-04-27"),  # Labour Day: make-up Sunday 04-23
    ("2023-04-27", "2023-05-08"),  # Labour Day: 04-29..05-03 off, make-up Saturday 05-06
    ("2023-06-20", "2023-06-28"),  # Dragon Boat: 06-22..24 off, make-up Sunday 06-25
    ("2023-09-27", "2023-10-10"),  # Mid-Autumn + National Day: 09-29..10-06 off, 10-07/08 worked
    # 2024
    ("2023-12-29", "2024-01-08"),  # New Year
    ("2024-01-01", "2024-01-08"),  # received on the holiday itself
    ("2024-02-02", "2024-02-08"),  # make-up Sunday 02-04
    ("2024-02-08", "2024-02-21"),  # Spring Festival 02-10..17 off, make-up Sunday 02-18
    ("2024-04-03", "2024-04-11"),  # Qingming 04-04..06 off, make-up Sunday 04-07
    ("2024-04-26", "2024-05-07"),  # make-up Sunday 04-28, Labour Day 05-01..05 off
    ("2024-05-08", "2024-05-14"),  # make-up Saturday 05-11
    ("2024-06-07", "2024-06-17"),  # Dragon Boat 06-10 off
    ("2024-09-12", "2024-09-20"),  # make-up Saturday 09-14, Mid-Autumn 09-15..17 off
    ("2024-09-27", "2024-10-10"),  # the worked example
    # 2025
    ("2024-12-31", "2025-01-08"),  # New Year
    ("2025-01-24", "2025-02-07"),  # make-up Sunday 01-26, Spring Festival 01-28..02-04 off
    ("2025-02-05", "2025-02-11"),  # make-up Saturday 02-08
    ("2025-04-03", "2025-04-11"),  # Qingming 04-04..06 off
    ("2025-04-25", "2025-05-06"),  # make-up Sunday 04-27, Labour Day 05-01..05 off
    ("2025-05-30", "2025-06-09"),  # Dragon Boat 05-31..06-02 off
    ("2025-09-26", "2025-10-10"),  # make-up Sunday 09-28, National Day 10-01..08 off
    ("2025-10-09", "2025-10-15"),  # make-up Saturday 10-11
    # 2026
    ("2025-12-31", "2026-01-08"),  # New Year 01-01..03 off, make-up Sunday 01-04
    ("2026-02-12", "2026-02-26"),  # make-up Saturday 02-14, Spring Festival 02-15..23 off
    ("2026-02-26", "2026-03-04"),  # make-up Saturday 02-28
    ("2026-04-02", "2026-04-10"),  # Qingming 04-04..06 off
    ("2026-04-30", "2026-05-11"),  # Labour Day 05-01..05 off, make-up Saturday 05-09
    ("2026-06-18", "2026-06-26"),  # Dragon Boat 06-19..21 off
    ("2026-09-18", "2026-09-24"),  # make-up Sunday 09-20
    ("2026-09-24", "2026-10-09"),  # Mid-Autumn 09-25..27, National Day 10-01..07 off
    ("2026-10-08", "2026-10-14"),  # make-up Saturday 10-10
]


@pytest.mark.parametrize(("received", "review_due"), REVIEW_TABLE)
def test_acceptance_review_counts_working_days(cal: WorkdayCalendar, received: str, review_due: str) -> None:
    facts = ReconsiderationFacts(received_on=D(received))
    result = compute_reconsideration(facts, cal, as_of=D(received))
    assert result.acceptance_due_on == D(review_due)
    if result.law == "ARL23":  # art 30 ¶3: deemed accepted on the last day of the review
        assert result.accepted_on == D(review_due)
    else:  # ARL17 art 17 ¶2: accepted on the day received
        assert result.accepted_on == D(received)


# (accepted on, procedure, due on): 60 (ordinary) or 30 (simplified) calendar days, then rolled forward
LIMIT_TABLE = [
    # 2023 (ARL17)
    ("2022-11-22", "ordinary", "2023-01-28"),  # day 60 = 01-21, Spring Festival; 01-28 make-up Saturday
    ("2023-02-04", "ordinary", "2023-04-06"),  # day 60 = 04-05, Qingming
    ("2023-03-02", "ordinary", "2023-05-04"),  # day 60 = 05-01, Labour Day
    ("2023-04-23", "ordinary", "2023-06-25"),  # day 60 = 06-22, Dragon Boat; 06-25 make-up Sunday
    ("2023-08-01", "ordinary", "2023-10-07"),  # day 60 = 09-30, in the National Day break
    ("2023-08-04", "ordinary", "2023-10-07"),  # the worked example
    ("2023-08-09", "ordinary", "2023-10-08"),  # day 60 = 10-08, itself a make-up Sunday
    ("2023-09-01", "ordinary", "2023-10-31"),  # the worked example, no holiday
    ("2023-12-13", "ordinary", "2024-02-18"),  # day 60 = 02-11, Spring Festival; 02-18 make-up Sunday
    # 2024 (ARL23)
    ("2024-01-12", "simplified", "2024-02-18"),  # day 30 = 02-11
    ("2024-02-04", "ordinary", "2024-04-07"),  # day 60 = 04-04, Qingming; 04-07 make-up Sunday
    ("2024-03-03", "ordinary", "2024-05-06"),  # day 60 = 05-02, Labour Day
    ("2024-04-01", "simplified", "2024-05-06"),  # day 30 = 05-01
    ("2024-04-11", "ordinary", "2024-06-11"),  # day 60 = 06-10, Dragon Boat
    ("2024-07-18", "ordinary", "2024-09-18"),  # day 60 = 09-16, Mid-Autumn
    ("2024-08-02", "ordinary", "2024-10-08"),  # day 60 = 10-01, National Day
    ("2024-08-31", "simplified", "2024-09-30"),  # day 30 = 09-30, an ordinary Monday
    ("2024-09-05", "simplified", "2024-10-08"),  # day 30 = 10-05
    ("2024-11-02", "ordinary", "2025-01-02"),  # day 60 = 2025-01-01, New Year
    # 2025
    ("2024-11-30", "ordinary", "2025-02-05"),  # day 60 = 01-29, Spring Festival
    ("2024-12-27", "simplified", "2025-01-26"),  # day 30 = 01-26, make-up Sunday
    ("2025-02-04", "ordinary", "2025-04-07"),  # day 60 = 04-05, Qingming
    ("2025-03-03", "ordinary", "2025-05-06"),  # day 60 = 05-02, Labour Day
    ("2025-04-01", "ordinary", "2025-06-03"),  # day 60 = 05-31, Dragon Boat
    ("2025-08-05", "ordinary", "2025-10-09"),  # day 60 = 10-04, National Day
    ("2025-08-29", "simplified", "2025-09-28"),  # day 30 = 09-28, make-up Sunday
    ("2025-11-02", "ordinary", "2026-01-04"),  # day 60 = 2026-01-01; 01-04 make-up Sunday
    # 2026
    ("2025-12-18", "ordinary", "2026-02-24"),  # day 60 = 02-16, Spring Festival
    ("2026-01-29", "simplified", "2026-02-28"),  # day 30 = 02-28, make-up Saturday
    ("2026-02-03", "ordinary", "2026-04-07"),  # day 60 = 04-04, Qingming
    ("2026-03-02", "ordinary", "2026-05-06"),  # day 60 = 05-01, Labour Day
    ("2026-04-09", "simplified", "2026-05-09"),  # day 30 = 05-09, make-up Saturday
    ("2026-04-20", "ordinary", "2026-06-22"),  # day 60 = 06-19, Dragon Boat
    ("2026-07-27", "ordinary", "2026-09-28"),  # day 60 = 09-25, Mid-Autumn
    ("2026-08-21", "simplified", "2026-09-20"),  # day 30 = 09-20, make-up Sunday
    ("2026-08-03", "ordinary", "2026-10-08"),  # day 60 = 10-02, National Day
    ("2026-09-10", "simplified", "2026-10-10"),  # day 30 = 10-10, make-up Saturday
]


@pytest.mark.parametrize(("accepted", "procedure", "due"), LIMIT_TABLE)
def test_decision_limit_rolls_over_rest_days(
    cal: WorkdayCalendar, accepted: str, procedure: str, due: str
) -> None:
    facts = ReconsiderationFacts(received_on=D(accepted), accepted_on=D(accepted), procedure=procedure)
    result = compute_reconsideration(facts, cal, as_of=D(accepted))
    assert result.due_on == D(due)


# (accepted on, extension days, due on): 30 days by default (MoJ02 art 33, a setting), rolled forward likewise
MEDIATION_TABLE = [
    ("2024-03-01", 0, "2024-04-01"),  # day 30 = 03-31, a Sunday
    ("2025-01-04", 0, "2025-02-05"),  # day 30 = 02-03, Spring Festival
    ("2024-08-22", 0, "2024-09-23"),  # day 30 = 09-21, a Saturday
    ("2024-08-22", 10, "2024-10-08"),  # day 40 = 10-01, National Day
    ("2023-09-08", 0, "2023-10-08"),  # day 30 = 10-08, make-up Sunday
]


@pytest.mark.parametrize(("accepted", "extension", "due"), MEDIATION_TABLE)
def test_mediation_limit(cal: WorkdayCalendar, accepted: str, extension: int, due: str) -> None:
    result = compute_mediation(MediationFacts(D(accepted), extension_days=extension), cal, as_of=D(accepted))
    assert result.law == "MoJ02"
    assert result.due_on == D(due)
