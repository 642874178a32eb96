"""Every litigation figure against a count made case by case in Python over a generated register; the breakdowns,
the 约谈 list, the drill-down lists and the API agree with it."""

from __future__ import annotations

import random
from datetime import date

import pytest

from casebook.stats import drilldown, queries
from casebook.stats.periods import Period
from tests.stats.data import make_reconsideration_register
from tests.stats.litigation_data import expected_litigation, make_litigation_register

PERIODS = [
    Period.year(2022),
    Period.year(2023),
    Period.quarter(2023, 3),
    Period(date(2023, 3, 1), date(2024, 2, 29)),
]


@pytest.fixture
def register(make_agency):
    rng = random.Random(16)
    agencies = [make_agency(code=f"A{i}", name=f"区第{i}局") for i in range(1, 5)]
    recon = make_reconsideration_register(rng, agencies, 120)
    return agencies, recon, make_litigation_register(rng, agencies, recon, 160)


@pytest.fixture
def officer(make_user):
    return make_user("reconsideration")


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_totals_match_an_independent_count(register, officer, period):
    _agencies, recon, cases = register
    got = queries.litigation_totals(officer, period)
    expected = expected_litigation(cases, recon, period.start, period.end)
    assert dict(got.values) == expected
    assert got.hearings > 0 and got.judged > 0 and got.recon_decisions > 0
    rate = got.ratio("head_appearance_rate")
    assert (rate.numerator, rate.denominator) == (expected["hearings_head"], expected["hearings"])


def test_breakdowns_add_up_and_drill_down_to_their_cases(register, officer):
    period = Period.year(2023)
    totals = queries.litigation_totals(officer, period)
    by_agency = queries.litigation_breakdown(officer, period, "agency")
    for key in ("filed", "judged", "lost", "hearings", "hearings_head"):
        assert sum(r.counts.values[key] for r in by_agency) == totals.values[key], key
    government = next(r for r in by_agency if r.key is None)
    assert government.name  # the district government's own row
    for key in ("filed", "lost", "effective_performed"):
        drill = drilldown.DrillDown(drilldown.LITIGATION, key, period)
        assert drilldown.count(drill, officer) == totals.values[key], key
    for row in by_agency:
        drill = drilldown.DrillDown(drilldown.LITIGATION, "lost", period, by="agency", key=row.code or "")
        assert drilldown.count(drill, officer) == row.counts.lost
    drill = drilldown.DrillDown(drilldown.RECONSIDERATION, "recon_decisions_sued", period)
    assert drilldown.count(drill, officer) == totals.recon_decisions_sued


def test_the_interview_list_ranks_the_agencies_that_lost(register, officer):
    _agencies, _recon, cases = register
    period = Period.year(2023)
    listed = queries.interview_cases(officer, period)
    losers = {}
    for c in cases:
        if not c.voided and c.outcome and c.against and period.start <= c.judgment_on <= period.end:
            losers.setdefault(c.agency_id, []).append(c.id)
    assert {row.key: sorted(x.id for x in rows) for row, rows in listed} == {
        k: sorted(v) for k, v in losers.items()
    }
    counts = [row.counts.lost for row, _rows in listed]
    assert counts == sorted(counts, reverse=True)


def test_api_and_pages(register, client, api_client, login_as):
    period = Period.year(2023)
    user, headers = api_client("bureau")
    answer = client.get("/api/v1/stats/litigation?from=2023-01-01&to=2023-12-31", headers=headers)
    assert answer.status_code == 200
    body = answer.get_json()
    totals = queries.litigation_totals(user, period)
    assert (
        body["hearings_head"] == totals.hearings_head and body["loss_rate"] == totals.ratio("loss_rate").rate
    )
    assert len(body["interview_list"]) == len(queries.interview_list(user, period))
    _m, mediator_headers = api_client("mediator")
    assert (
        client.get(
            "/api/v1/stats/litigation?from=2023-01-01&to=2023-12-31", headers=mediator_headers
        ).status_code
        == 404
    )
    login_as("bureau")
    page = client.get("/stats/?period=year&year=2023").get_data(as_text=True)
    assert 'id="litigation"' in page and 'id="fig-head_appearance_rate"' in page
    assert client.get("/stats/interviews?period=year&year=2023").status_code == 200
    assert client.get("/stats/tables/litigation/agency?period=year&year=2023").status_code == 200


def test_the_excel_export_has_the_litigation_figures(register, client, login_as):
    from io import BytesIO

    from openpyxl import load_workbook

    login_as("bureau")
    response = client.get("/stats/export.xlsx?period=year&year=2023")
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.data), read_only=True)
    assert "约谈名单" in book.sheetnames
    headline = [
        [c for c in row if c is not None] for row in book[book.sheetnames[1]].iter_rows(values_only=True)
    ]
    assert any("负责人出庭应诉率" in str(cell) for row in headline for cell in row)
