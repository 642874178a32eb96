"""Properties of the deadlines that must hold for any case in 2023–2026 (hypothesis)."""

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from casebook.deadlines import (
    MediationFacts,
    ReconsiderationFacts,
    Suspension,
    WorkdayCalendar,
    compute_mediation,
    compute_reconsideration,
)

CAL = WorkdayCalendar()
# Acceptances up to 2026-08-01, so that 60 + 30 + 30 days and a roll-over stay inside the known years.
ACCEPTED = st.dates(date(2023, 1, 1), date(2026, 8, 1))
ARL23_ACCEPTED = st.dates(date(2024, 1, 1), date(2026, 8, 1))
EXTENSION = st.integers(0, 30)
PROPERTY = settings(max_examples=200, deadline=None)


def due(accepted: date, *, procedure: str = "ordinary", extension: int = 0, suspensions=()) -> date:
    """The decision deadline of a case received and accepted on ``accepted``."""
    facts = ReconsiderationFacts(
        received_on=accepted,
        accepted_on=accepted,
        procedure=procedure,
        extension_days=extension,
        suspensions=tuple(suspensions),
    )
    result = compute_reconsideration(facts, CAL, as_of=accepted)
    assert result.due_on is not None
    return result.due_on


@st.composite
def suspension_after(draw: st.DrawFn, accepted: date) -> Suspension:
    """A resumed suspension starting within 60 days of ``accepted`` and lasting up to 30 days."""
    start = accepted + timedelta(days=draw(st.integers(0, 60)))
    return Suspension(
        start, start + timedelta(days=draw(st.integers(0, 30))), draw(st.none() | st.integers(1, 10))
    )


@PROPERTY
@given(st.data(), ACCEPTED, EXTENSION, st.booleans())
def test_due_date_is_a_working_day_on_or_after_the_raw_end(
    data: st.DataObject, accepted: date, extension: int, suspend: bool
) -> None:
    suspensions = [data.draw(suspension_after(accepted))] if suspend else []
    result = due(accepted, extension=extension, suspensions=suspensions)
    assert CAL.is_workday(result)
    raw = accepted + timedelta(days=60 + extension + sum((s.to_on - s.from_on).days for s in suspensions))
    assert raw <= result <= raw + timedelta(days=10)  # no rest period in China is longer than 9 days


@PROPERTY
@given(st.data(), ACCEPTED, EXTENSION)
def test_a_suspension_never_moves_the_deadline_earlier(
    data: st.DataObject, accepted: date, extension: int
) -> None:
    suspension = data.draw(suspension_after(accepted))
    assert due(accepted, extension=extension, suspensions=[suspension]) >= due(accepted, extension=extension)


@PROPERTY
@given(ACCEPTED, st.integers(1, 40), EXTENSION)
def test_a_later_acceptance_never_gives_an_earlier_deadline(
    accepted: date, later_by: int, extension: int
) -> None:
    later = accepted + timedelta(days=later_by)
    assert due(later, extension=extension) >= due(accepted, extension=extension)


@PROPERTY
@given(ARL23_ACCEPTED)
def test_simplified_never_later_than_ordinary(accepted: date) -> None:
    assert due(accepted, procedure="simplified") <= due(accepted)


@PROPERTY
@given(ACCEPTED, EXTENSION, EXTENSION)
def test_extension_is_monotone(accepted: date, one: int, other: int) -> None:
    shorter, longer = sorted((one, other))
    assert due(accepted, extension=shorter) <= due(accepted, extension=longer)


@PROPERTY
@given(st.dates(date(2023, 1, 1), date(2026, 10, 15)))  # the decision deadline stays in 2026
def test_acceptance_review_ends_on_the_fifth_working_day(received: date) -> None:
    result = compute_reconsideration(ReconsiderationFacts(received_on=received), CAL, as_of=received)
    review_due = result.acceptance_due_on
    assert review_due is not None and CAL.is_workday(review_due)
    between = [received + timedelta(days=i) for i in range(1, (review_due - received).days + 1)]
    assert sum(CAL.is_workday(day) for day in between) == 5


@PROPERTY
@given(ACCEPTED, st.integers(0, 30), st.integers(0, 200))
def test_mediation_deadline_and_status(accepted: date, extension: int, later_by: int) -> None:
    as_of = accepted + timedelta(days=later_by)
    result = compute_mediation(MediationFacts(accepted, extension_days=extension), CAL, as_of=as_of)
    assert result.due_on is not None and CAL.is_workday(result.due_on)
    assert result.due_on >= accepted + timedelta(days=30 + extension)
    assert result.status == ("overdue" if as_of > result.due_on else "open")
    assert result.days_left == (result.due_on - as_of).days
