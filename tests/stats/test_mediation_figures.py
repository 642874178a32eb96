"""Every mediation figure against a count made case by case in Python over a generated register."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.stats import queries
from casebook.stats.filters import FilterError, Filters
from casebook.stats.periods import Grain, Period
from tests.stats.data import expected_mediation

PERIODS = [
    Period.year(2022),
    Period.year(2023),
    Period.quarter(2023, 2),
    Period.month(2024, 2),
    Period(date(2022, 12, 15), date(2024, 2, 29)),
]


@pytest.fixture
def bureau(make_user):
    return make_user("bureau")


def _counts(counts) -> dict[str, int]:
    return dict(counts.values)


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_totals_match_an_independent_count(district, bureau, period):
    got = queries.mediation_totals(bureau, period)
    assert _counts(got) == expected_mediation(district.mediation, period.start, period.end)
    assert got.registered > 0 and got.concluded > 0


def test_rates_are_formed_from_the_exact_counts(district, bureau):
    got = queries.mediation_totals(bureau, Period.year(2023))
    ratio = got.resolution_rate
    assert (ratio.numerator, ratio.denominator) == (got.succeeded, got.registered)
    assert ratio.rate == got.succeeded / got.registered
    assert got.as_dict()["on_time_rate"] == got.concluded_on_time / got.concluded_timed


def test_a_rate_without_denominator_is_none(district, bureau):
    got = queries.mediation_totals(bureau, Period.year(1999))
    assert got.registered == 0
    assert got.resolution_rate.rate is None and got.as_dict()["success_rate"] is None


def test_monthly_series_judges_each_month_as_a_period(district, bureau):
    period = Period.year(2023)
    rows = queries.mediation_series(bureau, period, Grain.MONTH)
    assert [r.key for r in rows] == [202300 + m for m in range(1, 13)]
    for row in rows:
        expected = expected_mediation(district.mediation, row.period.start, row.period.end)
        assert _counts(row.counts) == expected, row.name


def test_quarterly_series_of_a_partial_range(district, bureau):
    period = Period(date(2023, 2, 10), date(2023, 8, 20))
    rows = queries.mediation_series(bureau, period, Grain.QUARTER)
    assert [r.period for r in rows] == [
        Period(date(2023, 2, 10), date(2023, 3, 31)),
        Period(date(2023, 4, 1), date(2023, 6, 30)),
        Period(date(2023, 7, 1), date(2023, 8, 20)),
    ]
    for row in rows:
        assert _counts(row.counts) == expected_mediation(district.mediation, row.period.start, row.period.end)


@pytest.mark.parametrize("by", ["committee", "mediator", "dispute_type", "source"])
def test_breakdowns_match_an_independent_count(district, bureau, by):
    period = Period.year(2023)
    rows = queries.mediation_breakdown(bureau, period, by)
    attr = {"committee": "committee_id", "dispute_type": "dispute_type_id", "source": "source"}.get(by)

    def members(key):
        if by == "mediator":
            return [c for c in district.mediation if key in c.mediator_ids]
        return [c for c in district.mediation if getattr(c, attr) == key]

    assert rows
    for row in rows:
        assert _counts(row.counts) == expected_mediation(members(row.key), period.start, period.end), row.code
    if by != "mediator":  # every counted case falls in exactly one group
        total = queries.mediation_totals(bureau, period)
        assert sum(r.counts.registered for r in rows) == total.registered
        assert sum(r.counts.concluded for r in rows) == total.concluded


def test_breakdown_by_area_rolls_villages_up_to_their_township(district, bureau):
    period = Period.year(2023)
    rows = {r.code: r for r in queries.mediation_breakdown(bureau, period, "area")}
    c1, c2, c3 = district.committees
    in_t1 = [c for c in district.mediation if c.committee_id == c1.id]  # V1 (own area or committee's)
    in_t2 = [c for c in district.mediation if c.committee_id == c2.id]
    nowhere = [c for c in district.mediation if c.committee_id == c3.id]
    assert _counts(rows["T1"].counts) == expected_mediation(in_t1, period.start, period.end)
    assert _counts(rows["T2"].counts) == expected_mediation(in_t2, period.start, period.end)
    assert _counts(rows[None].counts) == expected_mediation(nowhere, period.start, period.end)


def test_breakdown_by_outcome_at_the_end_of_the_period(district, bureau):
    period = Period.year(2023)
    rows = {r.code: r for r in queries.mediation_breakdown(bureau, period, "outcome")}
    total = queries.mediation_totals(bureau, period)
    assert rows["success"].counts.registered == total.succeeded
    assert rows["failed"].counts.registered == total.failed
    assert rows[None].counts.registered == total.in_progress


@pytest.mark.parametrize(
    "filters, keep",
    [
        (Filters(committee="C2"), lambda d, c: c.committee_id == d.committees[1].id),
        (Filters(mediator="M3"), lambda d, c: d.mediators[2].id in c.mediator_ids),
        (Filters(area="T1"), lambda d, c: c.committee_id == d.committees[0].id),
        (Filters(area="D"), lambda d, c: c.committee_id != d.committees[2].id),
        (Filters(source="referral"), lambda d, c: c.source == "referral"),
        (
            Filters(committee="C1", source="screening"),
            lambda d, c: c.committee_id == d.committees[0].id and c.source == "screening",
        ),
    ],
)
def test_filters(district, bureau, filters, keep):
    period = Period.year(2023)
    got = queries.mediation_totals(bureau, period, filters)
    cases = [c for c in district.mediation if keep(district, c)]
    assert _counts(got) == expected_mediation(cases, period.start, period.end)


def test_filter_by_dispute_type(district, bureau):
    from casebook.extensions import db
    from casebook.orgs.models import DisputeType

    type_id = district.mediation[0].dispute_type_id
    code = db.session.get(DisputeType, type_id).code
    got = queries.mediation_totals(bureau, Period.year(2023), Filters(dispute_type=code))
    cases = [c for c in district.mediation if c.dispute_type_id == type_id]
    assert _counts(got) == expected_mediation(cases, date(2023, 1, 1), date(2023, 12, 31))


def test_unknown_codes_are_refused(district, bureau):
    with pytest.raises(FilterError) as error:
        queries.mediation_totals(bureau, Period.year(2023), Filters(committee="NOPE", source="mail"))
    assert set(error.value.errors) == {"committee", "source"}


def test_a_director_counts_only_their_committee(district, make_user):
    director = make_user("director", mediator=district.mediators[3])  # M4 directs C2
    period = Period.year(2023)
    cases = [c for c in district.mediation if c.committee_id == district.committees[1].id]
    assert _counts(queries.mediation_totals(director, period)) == expected_mediation(
        cases, period.start, period.end
    )
    assert {r.code for r in queries.mediation_breakdown(director, period, "committee")} == {"C2"}


def test_a_mediator_counts_only_the_cases_assigned_to_them(district, make_user):
    mediator = make_user("mediator", mediator=district.mediators[2])  # M3 serves C1 and C2
    period = Period.year(2023)
    cases = [c for c in district.mediation if district.mediators[2].id in c.mediator_ids]
    assert _counts(queries.mediation_totals(mediator, period)) == expected_mediation(
        cases, period.start, period.end
    )


def test_a_reconsideration_officer_counts_no_mediation(district, make_user):
    officer = make_user("reconsideration")
    assert queries.mediation_totals(officer, Period.year(2023)).registered == 0
