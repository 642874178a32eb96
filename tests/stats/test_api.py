"""The statistics API: the contract of interchange.md "Figures out", filters, permissions and errors."""

from __future__ import annotations

from datetime import date

import pytest

from tests.stats.data import expected_mediation, expected_reconsideration

YEAR = {"from": "2023-01-01", "to": "2023-12-31"}


def test_mediation_figures(client, api_client, district):
    _user, headers = api_client("bureau")
    response = client.get("/api/v1/stats/mediation", query_string=YEAR, headers=headers)
    assert response.status_code == 200, response.json
    body = response.json
    expected = expected_mediation(district.mediation, date(2023, 1, 1), date(2023, 12, 31))
    for key, value in expected.items():
        assert body[key] == value, key
    assert body["resolution_rate"] == expected["succeeded"] / expected["registered"]  # full precision
    assert body["from"] == "2023-01-01" and body["to"] == "2023-12-31"
    assert {"by_dispute_type", "by_committee", "by_source"} <= set(body)
    committees = {row["code"]: row for row in body["by_committee"]}
    c2 = [c for c in district.mediation if c.committee_id == district.committees[1].id]
    assert (
        committees["C2"]["registered"]
        == expected_mediation(c2, date(2023, 1, 1), date(2023, 12, 31))["registered"]
    )
    assert committees["C2"]["name"] == district.committees[1].name
    assert all(
        {"code", "name", "registered", "resolution_rate"} <= set(row) for row in body["by_dispute_type"]
    )


def test_reconsideration_figures(client, api_client, district):
    _user, headers = api_client("reconsideration")
    response = client.get("/api/v1/stats/reconsideration", query_string=YEAR, headers=headers)
    assert response.status_code == 200, response.json
    body = response.json
    expected = expected_reconsideration(
        district.reconsideration,
        date(2023, 1, 1),
        date(2023, 12, 31),
        (date(2022, 1, 1), date(2022, 12, 31)),
        date(2023, 12, 31),
    )
    for key, value in expected.items():
        assert body[key] == value, key
    assert (
        body["yoy_growth"]
        == (expected["received"] - expected["received_prev_year"]) / expected["received_prev_year"]
    )
    assert sum(row["concluded"] for row in body["by_outcome"]) == expected["concluded"]
    assert {"by_agency", "by_act_category"} <= set(body)


def test_a_zero_denominator_is_null(client, api_client, district):
    _user, headers = api_client("admin")
    body = client.get(
        "/api/v1/stats/mediation", query_string={"from": "1999-01-01", "to": "1999-12-31"}, headers=headers
    ).json
    assert body["registered"] == 0 and body["resolution_rate"] is None and body["success_rate"] is None
    body = client.get(
        "/api/v1/stats/reconsideration",
        query_string={"from": "1999-01-01", "to": "1999-12-31"},
        headers=headers,
    ).json
    assert body["yoy_growth"] is None and body["on_time_rate"] is None


def test_filters_by_code_and_ignored_filters(client, api_client, district):
    _user, headers = api_client("admin")
    query = {**YEAR, "committee": "C1", "agency": district.agencies[0].code}
    body = client.get("/api/v1/stats/mediation", query_string=query, headers=headers).json
    c1 = [c for c in district.mediation if c.committee_id == district.committees[0].id]
    assert body["registered"] == expected_mediation(c1, date(2023, 1, 1), date(2023, 12, 31))["registered"]
    assert body["filters"] == {"committee": "C1"} and body["ignored_filters"] == ["agency"]


@pytest.mark.parametrize(
    "query, field",
    [
        ({**YEAR, "committee": "NOPE"}, "committee"),
        ({**YEAR, "act_category": "parking"}, "act_category"),
        ({"from": "2023-12-31", "to": "2023-01-01"}, None),
        ({"from": "0001-01-01", "to": "2023-01-01"}, None),
        ({"from": "2023-13-01", "to": "2023-12-31"}, "from"),
        ({"to": "2023-12-31"}, "from"),
    ],
)
def test_bad_questions_get_422(client, api_client, district, query, field):
    _user, headers = api_client("admin")
    response = client.get("/api/v1/stats/mediation", query_string=query, headers=headers)
    assert response.status_code == 422
    if field:
        assert field in response.json["error"]["fields"]


def test_permissions(client, api_client, district):
    _user, director = api_client("director", mediator=district.mediators[3])
    # Reconsideration is hidden from mediation staff: 404, like every reconsideration path.
    assert client.get("/api/v1/stats/reconsideration", query_string=YEAR, headers=director).status_code == 404
    _user, mediator = api_client("mediator", mediator=district.mediators[1])
    assert client.get("/api/v1/stats/reconsideration", query_string=YEAR, headers=mediator).status_code == 404
    # Before its query is read: a bad period must not answer 422 and so tell the endpoint exists.
    bad_period = {"from": "2023-12-31", "to": "2023-01-01"}
    assert (
        client.get("/api/v1/stats/reconsideration", query_string=bad_period, headers=mediator).status_code
        == 404
    )
    body = client.get("/api/v1/stats/mediation", query_string=YEAR, headers=director).json
    c2 = [c for c in district.mediation if c.committee_id == district.committees[1].id]
    assert body["registered"] == expected_mediation(c2, date(2023, 1, 1), date(2023, 12, 31))["registered"]
    _user, officer = api_client("reconsideration")
    assert client.get("/api/v1/stats/mediation", query_string=YEAR, headers=officer).status_code == 403
    assert client.get("/api/v1/stats/mediation", query_string=YEAR).status_code == 401


def test_organisations_as_of_the_last_day(client, api_client, make_committee, make_mediator):
    first = make_committee(founded_on=date(2020, 1, 1), type="sector")
    make_committee(founded_on=date(2020, 1, 1), dissolved_on=date(2023, 12, 31))  # gone on that day
    make_committee(founded_on=date(2024, 1, 1))
    make_mediator([first], employment="full_time", is_expert=True, joined_on=date(2021, 1, 1))
    make_mediator([first], joined_on=date(2021, 1, 1), left_on=date(2023, 6, 30))
    _user, headers = api_client("bureau")
    body = client.get("/api/v1/stats/organisations", query_string=YEAR, headers=headers).json
    assert body["as_of"] == "2023-12-31"
    assert (body["committees"], body["sector_committees"], body["committees_by_type"]["sector"]) == (1, 1, 1)
    assert (body["mediators"], body["full_time_mediators"], body["experts"]) == (1, 1, 1)
    assert body["associations"] == 0


def test_the_operations_are_in_the_openapi_document(client):
    paths = client.get("/api/v1/openapi.json").json["paths"]
    for name in ("mediation", "reconsideration", "organisations"):
        operation = paths[f"/api/v1/stats/{name}"]["get"]
        params = {p["name"] for p in operation["parameters"]}
        assert {
            "from",
            "to",
            "area",
            "committee",
            "mediator",
            "dispute_type",
            "agency",
            "act_category",
        } <= params
