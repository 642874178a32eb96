"""Every reconsideration figure against a count made case by case in Python over a generated register."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.stats import queries
from casebook.stats.filters import Filters
from casebook.stats.periods import Grain, Period, shift_year
from tests.stats.data import expected_reconsideration

PERIODS = [
    Period.year(2022),
    Period.year(2023),
    Period.quarter(2023, 3),
    Period.month(2024, 2),
    Period(date(2023, 3, 1), date(2024, 2, 29)),
]


@pytest.fixture
def officer(make_user):
    return make_user("reconsideration")


def _expected(cases, period: Period, **kwargs):
    prev = period.previous_year()
    return expected_reconsideration(
        cases, period.start, period.end, (prev.start, prev.end), period.end, **kwargs
    )


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_totals_match_an_independent_count(district, officer, period):
    got = queries.reconsideration_totals(officer, period)
    assert dict(got.values) == _expected(district.reconsideration, period)
    assert got.received > 0 and got.concluded > 0


@pytest.mark.parametrize("basis", ["decisions", "all_concluded"])
def test_the_correction_rate_denominator_is_a_setting(app, district, officer, basis):
    period = Period.year(2023)
    app.config["CORRECTION_RATE_DENOMINATOR"] = basis
    try:
        got = queries.reconsideration_totals(officer, period)
    finally:
        app.config["CORRECTION_RATE_DENOMINATOR"] = "merits"
    assert dict(got.values) == _expected(district.reconsideration, period, basis=basis)
    if basis == "all_concluded":
        assert got.decisions == got.concluded


def test_the_correction_rate_counts_decisions_on_the_merits_by_default(app, district, officer):
    # domain.md §4: 维持, 驳回复议请求 and the five corrections; not 驳回申请 (a procedural dismissal).
    assert app.config["CORRECTION_RATE_DENOMINATOR"] == "merits"
    period = Period(date(2021, 11, 1), date(2024, 12, 31))
    got = queries.reconsideration_totals(officer, period)
    live = [
        c
        for c in district.reconsideration
        if not c.voided and c.outcome and period.start <= c.closed_on <= period.end
    ]
    merits = [
        "modify",
        "revoke",
        "confirm_unlawful",
        "order_performance",
        "confirm_void",
        "uphold",
        "reject_request",
    ]
    assert any(c.outcome == "dismiss" for c in live)
    assert got.decisions == sum(c.outcome in merits for c in live)
    assert got.correction_rate.denominator == got.decisions


def test_the_mediation_settlement_and_withdrawal_rate(district, officer):
    # 调撤率: (mediated + settled + withdrawn) / concluded.
    period = Period(date(2021, 11, 1), date(2024, 12, 31))
    got = queries.reconsideration_totals(officer, period)
    live = [
        c
        for c in district.reconsideration
        if not c.voided and c.outcome and period.start <= c.closed_on <= period.end
    ]
    withdrawn = [c for c in live if c.outcome == "terminated" and c.termination_ground == "withdrawal"]
    assert withdrawn
    assert got.mediated_settled_withdrawn == got.mediated_or_settled + len(withdrawn)
    ratio = got.mediation_withdrawal_rate
    assert (ratio.numerator, ratio.denominator) == (got.mediated_settled_withdrawn, got.concluded)


def test_year_on_year_growth(district, officer):
    got = queries.reconsideration_totals(officer, Period.year(2023))
    growth = got.yoy_growth
    assert (growth.numerator, growth.denominator) == (
        got.received - got.received_prev_year,
        got.received_prev_year,
    )
    assert growth.rate == (got.received - got.received_prev_year) / got.received_prev_year


def test_a_year_earlier_maps_29_february_to_28_february():
    assert shift_year(date(2024, 2, 29)) == date(2023, 2, 28)
    assert Period(date(2024, 2, 1), date(2024, 2, 29)).previous_year() == Period(
        date(2023, 2, 1), date(2023, 2, 28)
    )
    assert Period.year(2024).previous_year() == Period.year(2023)


def test_overdue_looks_at_today_for_a_period_not_yet_over(district, officer, monkeypatch):
    period = Period.year(2023)
    monkeypatch.setattr("casebook.stats.queries.today", lambda: date(2023, 6, 30))
    got = queries.reconsideration_totals(officer, period)
    prev = period.previous_year()
    expected = expected_reconsideration(
        district.reconsideration, period.start, period.end, (prev.start, prev.end), date(2023, 6, 30)
    )
    assert got.overdue == expected["overdue"]


def test_monthly_series(district, officer):
    period = Period.year(2023)
    rows = queries.reconsideration_series(officer, period, Grain.MONTH)
    assert len(rows) == 12
    for row in rows:
        expected = _expected(district.reconsideration, row.period)
        for key in (
            "received",
            "accepted",
            "rejected",
            "under_review",
            "concluded",
            "concluded_on_time",
            "corrections",
        ):
            assert row.counts.values[key] == expected[key], (row.name, key)
        assert row.counts.pending is None  # stock figures are not cut by month


@pytest.mark.parametrize("by", ["agency", "act_category"])
def test_breakdowns(district, officer, by):
    period = Period.year(2023)
    rows = queries.reconsideration_breakdown(officer, period, by)
    attr = {"agency": "agency_id", "act_category": "act_category"}[by]
    assert rows
    for row in rows:
        cases = [c for c in district.reconsideration if getattr(c, attr) == row.key]
        assert dict(row.counts.values) == _expected(cases, period), row.code


def test_breakdown_by_outcome(district, officer):
    period = Period.year(2023)
    rows = {r.code: r for r in queries.reconsideration_breakdown(officer, period, "outcome")}
    for code, row in rows.items():
        if code is None:
            continue
        expected = sum(
            1
            for c in district.reconsideration
            if not c.voided and c.outcome == code and period.contains(c.closed_on)
        )
        assert row.counts.concluded == expected
        assert row.name  # the Chinese name of the outcome


def test_filters(district, officer):
    period = Period.year(2023)
    agency = district.agencies[1]
    got = queries.reconsideration_totals(officer, period, Filters(agency=agency.code, act_category="penalty"))
    cases = [c for c in district.reconsideration if c.agency_id == agency.id and c.act_category == "penalty"]
    assert dict(got.values) == _expected(cases, period)


def test_directors_and_mediators_count_no_reconsideration(district, make_user):
    director = make_user("director", mediator=district.mediators[0])
    assert queries.reconsideration_totals(director, Period.year(2023)).received == 0
