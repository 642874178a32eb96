"""不予受理 through the API (issue 12): POST …/not-accepted writes it, reads and lists carry it, the OpenAPI
document describes it; refusals answer 409 (status) or 422 (field)."""

from __future__ import annotations

from tests.mediation.test_api import new_case_body, token_for


def test_not_accepted_through_the_api(client, team, dispute_type_id):
    headers = token_for(team.mediator)
    case = client.post("/api/v1/mediation/cases", json=new_case_body(team, dispute_type_id), headers=headers)
    case = case.get_json()
    url = f"/api/v1/mediation/cases/{case['id']}"
    post = lambda body: client.post(  # noqa: E731
        f"{url}/not-accepted", json={"version": case["version"], **body}, headers=headers
    )

    other = post({"not_accepted_on": "2024-03-05", "reason": "other"})
    assert other.status_code == 422 and "note" in other.get_json()["error"]["fields"]
    future = post({"not_accepted_on": "2025-06-17", "reason": "party_refused"})
    assert future.status_code == 422 and "not_accepted_on" in future.get_json()["error"]["fields"]
    assert post({"not_accepted_on": "2024-03-05", "reason": "bored"}).status_code == 422

    done = post({"not_accepted_on": "2024-03-05", "reason": "other", "note": "当事人下落不明"})
    assert done.status_code == 200, done.get_json()
    body = done.get_json()
    assert body["status"] == "not_accepted" and body["outcome"] is None
    assert (body["not_accepted_on"], body["not_accepted_reason"], body["not_accepted_note"]) == (
        "2024-03-05",
        "other",
        "当事人下落不明",
    )
    assert client.get(url, headers=headers).get_json()["not_accepted_reason"] == "other"
    listed = client.get("/api/v1/mediation/cases?status=not_accepted", headers=headers).get_json()
    assert [item["id"] for item in listed["items"]] == [case["id"]]
    history = client.get(f"{url}/history", headers=headers).get_json()["items"]
    assert {("not_accept", "status", "registered", "not_accepted")} <= {
        (c["action"], c["field"], c["before"], c["after"]) for c in history
    }

    again = client.post(
        f"{url}/not-accepted",
        json={"version": body["version"], "not_accepted_on": "2024-03-05", "reason": "party_refused"},
        headers=headers,
    )
    assert again.status_code == 409


def test_an_accepted_case_answers_409(client, team, dispute_type_id):
    headers = token_for(team.mediator)
    created = client.post(
        "/api/v1/mediation/cases",
        json=new_case_body(team, dispute_type_id, accepted_on="2024-03-01"),
        headers=headers,
    ).get_json()
    refused = client.post(
        f"/api/v1/mediation/cases/{created['id']}/not-accepted",
        json={"version": created["version"], "not_accepted_on": "2024-03-05", "reason": "party_refused"},
        headers=headers,
    )
    assert refused.status_code == 409 and created["status"] == "accepted"


def test_the_openapi_document_describes_it(client):
    document = client.get("/api/v1/openapi.json").get_json()
    path = document["paths"]["/api/v1/mediation/cases/{case_id}/not-accepted"]["post"]
    assert "不予受理" in path["summary"]
    schemas = document["components"]["schemas"]
    assert schemas["MediationNotAcceptIn"]["properties"]["reason"]["enum"] == [
        "party_refused",
        "out_of_scope",
        "other",
    ]
    parameters = document["paths"]["/api/v1/mediation/cases"]["get"]["parameters"]
    status = next(p for p in parameters if p["name"] == "status")
    assert "not_accepted" in str(status["schema"])
    assert "not_accepted_on" in schemas["MediationCaseOut"]["properties"]
    stats = document["paths"]["/api/v1/stats/mediation"]["get"]["responses"]["200"]
    assert "not_accepted" in str(stats) or "not_accepted" in str(schemas["MediationStatsOut"])
