"""POST /api/v1/deadlines: the worked examples of domain.md, languages, bad input and unknown years."""

from datetime import date

import pytest

from casebook.api.base import OPERATIONS
from casebook.core.permissions import Permission

URL = "/api/v1/deadlines"

# domain.md §2.3 "Worked examples", and §3.2 for mediation: (body, expected answer fields).
WORKED_EXAMPLES = {
    # ARL17 art 17 ¶2: accepted on the day received, so the example's acceptance is also its receipt.
    "ARL17 accepted 2023-09-01": (
        {"kind": "reconsideration", "received_on": "2023-09-01", "accepted_on": "2023-09-01"},
        {"law": "ARL17", "accepted_on": "2023-09-01", "due_on": "2023-10-31", "is_accepted_deemed": False},
    ),
    "day 60 in National Day rolls to a make-up Saturday": (
        {"kind": "reconsideration", "received_on": "2023-08-01", "accepted_on": "2023-08-04"},
        {"law": "ARL17", "due_on": "2023-10-07"},
    ),
    "ARL23 deemed accepted after a make-up Sunday": (
        {
            "kind": "reconsideration",
            "received_on": "2024-09-27",
            "accepted_on": None,
            "supplement_requested_on": None,
            "supplement_received_on": None,
            "procedure": "ordinary",
            "suspensions": [],
            "extension_days": 0,
            "closed_on": None,
        },
        {
            "law": "ARL23",
            "acceptance_due_on": "2024-10-10",
            "accepted_on": "2024-10-10",
            "is_accepted_deemed": True,
            "due_on": "2024-12-09",
        },
    ),
    "mediation: day 30 on a Sunday": (
        {"kind": "mediation", "accepted_on": "2024-03-01", "extension_days": 0, "closed_on": None},
        {"law": "MoJ02", "accepted_on": "2024-03-01", "due_on": "2024-04-01", "acceptance_due_on": None},
    ),
}


@pytest.fixture
def headers(api_client):
    _user, headers = api_client("reconsideration")
    return headers


@pytest.mark.parametrize(("body", "expected"), WORKED_EXAMPLES.values(), ids=WORKED_EXAMPLES.keys())
def test_worked_examples(client, headers, body, expected):
    response = client.post(URL, json={**body, "as_of": "2024-01-01"}, headers=headers)
    assert response.status_code == 200, response.get_json()
    answer = response.get_json()
    assert {key: answer[key] for key in expected} == expected
    assert answer["steps"] and all(isinstance(line, str) for line in answer["steps"])


def test_deemed_acceptance_steps_name_the_review_days(client, headers):
    body = {"kind": "reconsideration", "received_on": "2024-09-27", "as_of": "2024-11-01", "lang": "zh"}
    answer = client.post(URL, json=body, headers=headers).get_json()
    assert answer["status"] == "open" and answer["days_left"] == 38
    assert any("2024-09-29、2024-09-30、2024-10-08、2024-10-09、2024-10-10" in s for s in answer["steps"])
    assert any("2024-10-10 起算 60 日 → 2024-12-09" in s for s in answer["steps"])


def test_language_from_the_field_or_accept_language(client, headers):
    body = {"kind": "mediation", "accepted_on": "2024-03-01", "as_of": "2024-03-05"}
    english = client.post(URL, json=body, headers={**headers, "Accept-Language": "en-GB,en;q=0.9"}).get_json()
    chinese = client.post(URL, json=body, headers={**headers, "Accept-Language": "zh-CN"}).get_json()
    asked = client.post(
        URL, json={**body, "lang": "en"}, headers={**headers, "Accept-Language": "zh"}
    ).get_json()
    assert english["lang"] == "en" and "rest day" in english["steps"][1]
    assert chinese["lang"] == "zh" and "休息日" in chinese["steps"][1]
    assert asked["steps"] == english["steps"]


def test_status_as_of_and_today_by_default(client, headers, set_today):
    body = {"kind": "mediation", "accepted_on": "2024-03-01"}
    assert (
        client.post(URL, json={**body, "as_of": "2024-04-02"}, headers=headers).get_json()["status"]
        == "overdue"
    )
    closed = {**body, "closed_on": "2024-03-20", "as_of": "2024-04-02"}
    assert client.post(URL, json=closed, headers=headers).get_json()["status"] == "closed_on_time"
    set_today(date(2024, 3, 20))
    answer = client.post(URL, json=body, headers=headers).get_json()
    assert answer["as_of"] == "2024-03-20" and answer["status"] == "open"
    set_today(date(2024, 4, 2))
    answer = client.post(URL, json=body, headers=headers).get_json()
    assert answer["as_of"] == "2024-04-02" and answer["status"] == "overdue"


def test_suspensions_extend_the_limit(client, headers):
    body = {
        "kind": "reconsideration",
        "received_on": "2024-09-27",
        "suspensions": [{"from": "2024-10-15", "to": "2024-10-25", "ground": 6}],
        "as_of": "2024-11-01",
    }
    answer = client.post(URL, json=body, headers=headers).get_json()
    assert answer["due_on"] == "2024-12-19"  # 2024-12-09 + 10 days


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"kind": "reconsideration", "received_on": "2024-09-27", "closed_on": "2024-09-20"}, "closed_on"),
        ({"kind": "reconsideration", "received_on": "2024-09-27", "extension_days": 31}, "extension_days"),
        (
            {
                "kind": "reconsideration",
                "received_on": "2024-09-27",
                "procedure": "simplified",
                "extension_days": 5,
            },
            "extension_days",
        ),
        (
            {
                "kind": "reconsideration",
                "received_on": "2024-09-27",
                "suspensions": [{"from": "2024-10-20", "to": "2024-10-19"}],
            },
            "suspensions",
        ),
        ({"kind": "mediation", "accepted_on": "9999-12-31"}, "accepted_on"),
    ],
)
def test_bad_input_is_422_naming_the_field(client, headers, body, field):
    response = client.post(URL, json={**body, "lang": "en"}, headers=headers)
    assert response.status_code == 422
    error = response.get_json()["error"]
    assert list(error["fields"]) == [field] and error["message"] == error["fields"][field][0]


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"kind": "appeal", "received_on": "2024-09-27"},
        {"kind": "reconsideration"},
        {"kind": "reconsideration", "received_on": "27/09/2024"},
        {"kind": "reconsideration", "received_on": 1727395200},
        {"kind": "mediation", "accepted_on": "2024-03-01", "extension_days": "5"},
    ],
)
def test_malformed_bodies_are_422(client, headers, body):
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 422 and response.get_json()["error"]["fields"]


def test_a_year_without_a_schedule_is_provisional_until_an_administrator_loads_it(
    client, headers, make_holiday_schedule
):
    body = {"kind": "reconsideration", "received_on": "2027-03-01", "as_of": "2027-03-02"}
    response = client.post(URL, json=body, headers={**headers, "Accept-Language": "zh-CN"})
    assert response.status_code == 200
    answer = response.get_json()
    assert answer["provisional"] is True and answer["provisional_years"] == [2027]
    assert answer["due_on"] == "2027-05-07" and answer["status"] == "open"
    assert any("2027年节假日安排尚未发布" in line and "待确认" in line for line in answer["steps"])
    english = client.post(URL, json={**body, "lang": "en"}, headers=headers).get_json()
    assert any("the date is provisional" in line for line in english["steps"])

    make_holiday_schedule(2027)
    response = client.post(URL, json=body, headers=headers)
    assert response.status_code == 200, response.get_json()
    assert response.get_json()["acceptance_due_on"] == "2027-03-08"
    assert response.get_json()["due_on"] == "2027-05-07"
    assert response.get_json()["provisional"] is False and response.get_json()["provisional_years"] == []


def test_a_deadline_running_into_a_year_without_a_schedule(client, headers):
    body = {"kind": "mediation", "accepted_on": "2026-12-15", "as_of": "2026-12-16", "lang": "en"}
    answer = client.post(URL, json=body, headers=headers).get_json()
    assert answer["due_on"] == "2027-01-14" and answer["provisional"] is True
    early = {**body, "accepted_on": "2026-11-15"}
    assert client.post(URL, json=early, headers=headers).get_json()["provisional"] is False


def test_needs_a_token_and_the_calculator_permission(client, api_client, app):
    assert client.post(URL, json={"kind": "mediation", "accepted_on": "2024-03-01"}).status_code == 401
    operation = next(op for op in OPERATIONS if op.path == URL and op.method == "post")
    assert operation.permission is Permission.USE_CALCULATOR
    for role in ("admin", "bureau", "reconsideration", "director", "mediator"):
        _user, headers = api_client(role)
        body = {"kind": "mediation", "accepted_on": "2024-03-01"}
        assert client.post(URL, json=body, headers=headers).status_code == 200


def test_documented_in_openapi(client):
    document = client.get("/api/v1/openapi.json").get_json()
    operation = document["paths"][URL]["post"]
    assert "422" in operation["responses"] and "200" in operation["responses"]
    assert "DeadlineOut" in document["components"]["schemas"]
