"""Not accepted (不予受理) in the statistics (domain.md §3.2, §4): counted in 登记纠纷 and so in 化解率's
denominator, never in progress, concluded or on time; a figure of its own on the dashboard, in the API and the
export, with its drill-down list."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from casebook.extensions import db
from casebook.mediation import operations
from casebook.mediation.operations import CaseInput, Conclusion, NonAcceptance, PartyInput
from casebook.orgs.models import DisputeType
from casebook.stats import drilldown, queries
from casebook.stats.drilldown import DrillDown
from casebook.stats.periods import Period
from tests.conftest import login

YEAR_2024 = Period.year(2024)


@pytest.fixture
def cases(make_committee, make_user):
    """In 2024: one case not accepted in the year, one registered and waiting, one mediated successfully, and
    one registered on 28 December and not accepted on 3 January (after the year's end)."""
    committee = make_committee(code="C1")
    clerk = make_user("admin")
    dispute_type_id = db.session.scalar(select(DisputeType.id).where(DisputeType.code == "neighbour"))

    def register(day: date, name: str, **kwargs):
        data = CaseInput(
            committee_id=committee.id,
            dispute_type_id=dispute_type_id,
            source="application",
            registered_on=day,
            parties=[PartyInput(role="applicant", name=name)],
            **kwargs,
        )
        return operations.register_case(clerk, data)

    refused = register(date(2024, 3, 1), "拒绝方")
    operations.not_accept_case(
        clerk, refused, NonAcceptance(date(2024, 3, 5), "party_refused"), refused.version
    )
    waiting = register(date(2024, 3, 2), "等待方")
    mediated = register(date(2024, 3, 3), "成功方", accepted_on=date(2024, 3, 3))
    operations.conclude_case(
        clerk,
        mediated,
        Conclusion("success", date(2024, 3, 10), agreement_form="oral", agreement_content="赔偿500元"),
        mediated.version,
    )
    late = register(date(2024, 12, 28), "跨年方")
    operations.not_accept_case(clerk, late, NonAcceptance(date(2025, 1, 3), "out_of_scope"), late.version)
    db.session.commit()
    return {"refused": refused, "waiting": waiting, "mediated": mediated, "late": late}


@pytest.fixture
def bureau(make_user):
    return make_user("bureau")


def _ids(figure: str, period: Period, user, by=None, key=None) -> set[int]:
    from casebook.mediation.queries import scoped_cases

    drill = DrillDown("mediation", figure, period, by=by, key=key)
    query = drilldown.apply_to_list(scoped_cases(user), drill, user)
    return set(db.session.scalars(query.with_only_columns(query.selected_columns[0].table.c.id)))


def test_registered_includes_it_in_progress_and_concluded_do_not(cases, bureau):
    totals = queries.mediation_totals(bureau, YEAR_2024)
    assert totals.registered == 4  # all four, the ones not accepted too
    assert totals.not_accepted == 1  # decided in the year; the other only on 3 January 2025
    assert totals.in_progress == 2  # waiting, and the one still undecided on 31 December
    assert totals.succeeded == 1 and totals.concluded == 1 and totals.concluded_on_time == 1
    assert (totals.resolution_rate.numerator, totals.resolution_rate.denominator) == (1, 4)
    assert totals.registered == (
        totals.succeeded + totals.failed + totals.terminated + totals.not_accepted + totals.in_progress
    )


def test_a_period_ending_after_the_decision_counts_it_as_not_accepted(cases, bureau):
    both_years = Period(date(2024, 1, 1), date(2025, 6, 16))
    totals = queries.mediation_totals(bureau, both_years)
    assert (totals.registered, totals.not_accepted, totals.in_progress) == (4, 2, 1)


def test_the_drill_down_lists_exactly_its_cases(cases, bureau):
    assert _ids("not_accepted", YEAR_2024, bureau) == {cases["refused"].id}
    assert _ids("in_progress", YEAR_2024, bureau) == {cases["waiting"].id, cases["late"].id}
    assert cases["refused"].id in _ids("registered", YEAR_2024, bureau)
    assert cases["refused"].id not in _ids("concluded", YEAR_2024, bureau)
    rows = {row.code: row for row in queries.mediation_breakdown(bureau, YEAR_2024, "outcome")}
    assert rows["not_accepted"].counts.values["registered"] == 1
    assert rows["not_accepted"].name == "不予受理"
    assert _ids("registered", YEAR_2024, bureau, by="outcome", key="not_accepted") == {cases["refused"].id}


def test_the_dashboard_shows_it_with_its_list(client, cases, bureau):
    login(client, bureau.username)
    html = client.get("/stats/", query_string={"period": "year", "year": "2024"}).get_data(as_text=True)
    card = re.search(r'id="fig-not_accepted".*?</div>', html, re.S).group(0)
    assert "不予受理" in card and ">1<" in card
    link = re.search(r'href="([^"]*stat=not_accepted[^"]*)"', card).group(1).replace("&amp;", "&")
    listed = client.get(link).get_data(as_text=True)
    assert cases["refused"].case_no in listed and cases["waiting"].case_no not in listed


def test_the_api_and_the_export_give_it(client, api_client, cases):
    _user, headers = api_client("bureau")
    body = client.get(
        "/api/v1/stats/mediation", query_string={"from": "2024-01-01", "to": "2024-12-31"}, headers=headers
    ).get_json()
    assert (body["registered"], body["not_accepted"], body["in_progress"]) == (4, 1, 2)
    by_source = {row["code"]: row for row in body["by_source"]}
    assert by_source["application"]["not_accepted"] == 1
    login(client, _user.username)
    response = client.get("/stats/export.xlsx", query_string={"period": "year", "year": "2024"})
    headline = load_workbook(BytesIO(response.data))["主要指标"]
    rows = [r for r in headline.iter_rows(values_only=True) if r[1] == "不予受理"]
    # the mediation figure (reconsideration has a 不予受理 of its own, here 0)
    assert [r[2] for r in rows if "调解" in str(r[0])] == [1]
