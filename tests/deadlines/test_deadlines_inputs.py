"""Bad facts raise DeadlineInputError naming the field; a year without a schedule raises CalendarYearUnknown."""

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from casebook.deadlines import (
    CalendarYearUnknown,
    DeadlineInputError,
    DeadlineSettings,
    MediationFacts,
    ReconsiderationFacts,
    Suspension,
    WorkdayCalendar,
    YearSchedule,
    compute_mediation,
    compute_reconsideration,
)

D = date.fromisoformat
CAL = WorkdayCalendar()
AS_OF = D("2024-12-01")


def recon(**facts) -> Callable[[], object]:
    """A thunk building the facts and computing their deadline, so that both stages are under test."""
    return lambda: compute_reconsideration(ReconsiderationFacts(**facts), CAL, as_of=AS_OF)


def mediation(**facts) -> Callable[[], object]:
    return lambda: compute_mediation(MediationFacts(**facts), CAL, as_of=AS_OF)


R = D("2024-09-27")  # received
BAD_INPUTS = {
    "closed before receipt": (recon(received_on=R, closed_on=D("2024-09-26")), "closed_on"),
    "closed before acceptance": (
        recon(received_on=R, accepted_on=D("2024-10-08"), closed_on=D("2024-10-07")),
        "closed_on",
    ),
    "closed before rejection": (
        recon(received_on=R, rejected_on=D("2024-10-08"), closed_on=D("2024-10-07")),
        "closed_on",
    ),
    "accepted before receipt": (recon(received_on=R, accepted_on=D("2024-09-26")), "accepted_on"),
    "rejected before receipt": (recon(received_on=R, rejected_on=D("2024-09-26")), "rejected_on"),
    "accepted and rejected": (
        recon(received_on=R, accepted_on=D("2024-10-08"), rejected_on=D("2024-10-08")),
        "rejected_on",
    ),
    "supplement received before requested": (
        recon(
            received_on=R,
            supplement_requested_on=D("2024-09-30"),
            supplement_received_on=D("2024-09-29"),
        ),
        "supplement_received_on",
    ),
    "supplement received, never requested": (
        recon(received_on=R, supplement_received_on=D("2024-09-29")),
        "supplement_received_on",
    ),
    "supplement requested before receipt": (
        recon(received_on=R, supplement_requested_on=D("2024-09-26")),
        "supplement_requested_on",
    ),
    "accepted before the materials arrived": (
        recon(
            received_on=R,
            supplement_requested_on=D("2024-09-29"),
            supplement_received_on=D("2024-10-09"),
            accepted_on=D("2024-10-08"),
        ),
        "accepted_on",
    ),
    "suspension ends before it starts": (
        lambda: Suspension(D("2024-10-20"), D("2024-10-19")),
        "suspensions",
    ),
    "overlapping suspensions": (
        recon(
            received_on=R,
            suspensions=(
                Suspension(D("2024-10-15"), D("2024-10-25")),
                Suspension(D("2024-10-24"), D("2024-10-30")),
            ),
        ),
        "suspensions",
    ),
    "suspension after an unresolved one": (
        recon(received_on=R, suspensions=(Suspension(D("2024-10-30")), Suspension(D("2024-10-15")))),
        "suspensions",
    ),
    "suspension before receipt": (
        recon(received_on=R, suspensions=(Suspension(D("2024-09-20"), D("2024-09-30")),)),
        "suspensions",
    ),
    "suspension before deemed acceptance": (
        recon(received_on=R, suspensions=(Suspension(D("2024-10-01"), D("2024-10-09")),)),
        "suspensions",
    ),
    "resumption after closing": (
        recon(
            received_on=R,
            suspensions=(Suspension(D("2024-10-15"), D("2024-10-25")),),
            closed_on=D("2024-10-20"),
        ),
        "suspensions",
    ),
    "suspension ground out of range": (lambda: Suspension(D("2024-10-15"), None, 11), "suspensions"),
    "suspensions not a list": (recon(received_on=R, suspensions=Suspension(D("2024-10-15"))), "suspensions"),
    "suspensions holding dates": (recon(received_on=R, suspensions=(D("2024-10-15"),)), "suspensions"),
    "negative extension": (recon(received_on=R, extension_days=-1), "extension_days"),
    "extension over 30 days": (recon(received_on=R, extension_days=31), "extension_days"),
    "extension not a whole number": (recon(received_on=R, extension_days=1.5), "extension_days"),
    "extension of a simplified case": (
        recon(received_on=R, procedure="simplified", extension_days=5),
        "extension_days",
    ),
    "special limit not shorter": (
        recon(received_on=R, special_limit_days=60, special_limit_reason="x"),
        "special_limit_days",
    ),
    "special limit not shorter than simplified": (
        recon(received_on=R, procedure="simplified", special_limit_days=30, special_limit_reason="x"),
        "special_limit_days",
    ),
    "special limit without reason": (recon(received_on=R, special_limit_days=20), "special_limit_reason"),
    "special limit with a blank reason": (
        recon(received_on=R, special_limit_days=20, special_limit_reason="  "),
        "special_limit_reason",
    ),
    "unknown procedure": (recon(received_on=R, procedure="summary"), "procedure"),
    "simplified before ARL23": (recon(received_on=D("2023-05-01"), procedure="simplified"), "procedure"),
    "conversion before ARL23": (
        recon(received_on=D("2023-05-01"), converted_on=D("2023-05-20")),
        "converted_on",
    ),
    "conversion before the deemed acceptance": (
        recon(received_on=R, procedure="simplified", converted_on=D("2024-10-09")),
        "converted_on",
    ),
    "received_on missing": (recon(received_on=None), "received_on"),
    "received_on as text": (recon(received_on="2024-09-27"), "received_on"),
    "closed_on as a datetime": (recon(received_on=R, closed_on=datetime(2024, 10, 20, 9)), "closed_on"),
    "as_of missing": (
        lambda: compute_reconsideration(ReconsiderationFacts(received_on=R), CAL, as_of=None),
        "as_of",
    ),
    "negative mediation extension": (mediation(accepted_on=R, extension_days=-3), "extension_days"),
    "mediation closed before acceptance": (
        mediation(accepted_on=R, closed_on=D("2024-09-26")),
        "closed_on",
    ),
    "mediation without acceptance": (mediation(accepted_on=None), "accepted_on"),
    # Far dates and huge day counts get a clear error, not an OverflowError from date arithmetic.
    "mediation accepted in year 9999": (mediation(accepted_on=D("9999-12-20")), "accepted_on"),
    "huge mediation extension": (mediation(accepted_on=R, extension_days=10**12), "extension_days"),
    "acceptance in year 9999": (recon(received_on=R, accepted_on=D("9999-12-20")), "accepted_on"),
    "receipt before 1900": (recon(received_on=D("0001-01-01")), "received_on"),
    "as_of in year 9999": (
        lambda: compute_mediation(MediationFacts(accepted_on=R), CAL, as_of=D("9999-12-31")),
        "as_of",
    ),
    "mediation limit of zero days": (
        lambda: DeadlineSettings(mediation_limit_days=0),
        "mediation_limit_days",
    ),
}


@pytest.mark.parametrize(("make", "field"), BAD_INPUTS.values(), ids=BAD_INPUTS.keys())
def test_bad_input_names_the_field(make: Callable[[], object], field: str) -> None:
    with pytest.raises(DeadlineInputError) as caught:
        make()
    assert caught.value.field == field
    assert isinstance(caught.value, ValueError)
    assert caught.value.message_zh and caught.value.message_en
    assert caught.value.message("zh") == caught.value.message_zh
    assert caught.value.message("en") == caught.value.message_en


# Facts drawn as offsets from the day of receipt, mostly in a plausible order and sometimes not.
OFFSET = st.none() | st.integers(-3, 90)
SUSPENSIONS = st.lists(
    st.tuples(st.integers(-3, 90), st.none() | st.integers(-2, 40), st.none() | st.integers(0, 11)),
    max_size=2,
)


def rarely(strategy: st.SearchStrategy) -> st.SearchStrategy:
    """None most of the time, else a value of ``strategy``."""
    return st.one_of(st.none(), st.none(), st.none(), strategy)


def _later(day: date, offset: int | None) -> date | None:
    return None if offset is None else day + timedelta(days=offset)


@settings(max_examples=200, deadline=None)
@given(
    received_on=st.dates(D("2023-01-01"), D("2026-06-30")),
    offsets=st.fixed_dictionaries(
        {
            "accepted_on": OFFSET,
            "rejected_on": rarely(st.integers(-1, 10)),
            "supplement_requested_on": rarely(st.integers(-1, 6)),
            "supplement_received_on": rarely(st.integers(-1, 20)),
            "converted_on": rarely(st.integers(-1, 40)),
            "closed_on": OFFSET,
        }
    ),
    procedure=st.sampled_from(["ordinary", "ordinary", "ordinary", "simplified", "other"]),
    suspensions=SUSPENSIONS,
    extension_days=st.one_of(st.just(0), st.integers(0, 30), st.integers(-5, 40)),
    special_limit_days=rarely(st.integers(-1, 70)),
    special_limit_reason=st.none() | st.sampled_from(["", "某法第十条"]),
    as_of=st.integers(0, 200),
)
def test_any_facts_give_a_result_or_an_input_error(
    received_on: date, offsets: dict, suspensions: list[tuple], as_of: int, **facts
) -> None:
    dates = {name: _later(received_on, offset) for name, offset in offsets.items()}
    try:
        built = tuple(
            Suspension(start, _later(start, length), ground)
            for start, length, ground in ((received_on + timedelta(days=o), n, g) for o, n, g in suspensions)
        )
        result = compute_reconsideration(
            ReconsiderationFacts(received_on=received_on, suspensions=built, **dates, **facts),
            CAL,
            as_of=received_on + timedelta(days=as_of),
        )
    except DeadlineInputError as error:
        event(f"input error on {error.field}")
        return
    except CalendarYearUnknown as error:  # a period running past 2026
        assert error.year == 2027
        return
    event(result.status)
    assert result.status in (
        "open",
        "overdue",
        "suspended",
        "closed_on_time",
        "closed_late",
        "awaiting_supplement",
    )
    assert result.to_dict("zh") and result.to_dict("en")


# A year the library does not know (2027) and an override that makes it known.
PLAUSIBLE_2027 = YearSchedule(
    2027,
    frozenset(D(f"2027-{md}") for md in ("01-01", "02-08", "02-09", "02-10", "02-11", "02-12", "04-05")),
    frozenset({D("2027-01-31"), D("2027-02-20")}),
    "管理员录入 2026-11-20",
)


def test_deadline_in_an_unknown_year_is_refused_then_computed_with_an_override() -> None:
    facts = ReconsiderationFacts(received_on=D("2026-12-10"), accepted_on=D("2026-12-11"))
    with pytest.raises(CalendarYearUnknown) as caught:
        compute_reconsideration(facts, CAL, as_of=D("2026-12-20"))
    assert caught.value.year == 2027
    assert "2027" in str(caught.value)
    assert caught.value.message_zh == "未载入2027年的节假日安排"

    loaded = WorkdayCalendar({2027: PLAUSIBLE_2027})
    result = compute_reconsideration(facts, loaded, as_of=D("2026-12-20"))
    # day 60 = 2027-02-09, in the Spring Festival of the override; 02-13/14 weekend; 02-15 Monday
    assert result.due_on == D("2027-02-15")
    assert any("管理员录入 2026-11-20" in s.zh for s in result.steps)


def test_acceptance_review_running_into_an_unknown_year_is_refused() -> None:
    facts = ReconsiderationFacts(received_on=D("2026-12-30"))
    with pytest.raises(CalendarYearUnknown) as caught:
        compute_reconsideration(facts, CAL, as_of=D("2026-12-31"))
    assert caught.value.year == 2027
    result = compute_reconsideration(facts, WorkdayCalendar({2027: PLAUSIBLE_2027}), as_of=D("2026-12-31"))
    # 12-31, 2027-01-04, 01-05, 01-06, 01-07
    assert result.acceptance_due_on == D("2027-01-07")


def test_mediation_in_an_unknown_year_is_refused() -> None:
    with pytest.raises(CalendarYearUnknown):
        compute_mediation(MediationFacts(D("2026-12-20")), CAL, as_of=D("2026-12-21"))
