"""The mediation API: create, read, list with filters, update, transitions, conflicts and refusals."""

from __future__ import annotations

from casebook.auth import operations as auth_operations
from casebook.extensions import db
from tests.mediation.conftest import VALID_ID, VALID_ID_2


def token_for(user) -> dict:
    _token, raw = auth_operations.issue_token(user, "test")
    db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


def new_case_body(team, dispute_type_id, **overrides) -> dict:
    body = {
        "committee_id": team.committee.id,
        "dispute_type_id": dispute_type_id,
        "source": "referral",
        "referral_body": "城关派出所",
        "registered_on": "2024-03-01",
        "summary": "因停车位发生争执",
        "amount": 1200.456,
        "mediator_ids": [team.mediator_record.id],
        "parties": [
            {"role": "applicant", "name": "张三", "id_number": VALID_ID, "phone": "13800138000"},
            {"role": "respondent", "name": "李四", "id_number": VALID_ID_2},
        ],
    }
    body.update(overrides)
    return body


def test_create_read_update_and_transitions(client, team, dispute_type_id):
    headers = token_for(team.mediator)
    created = client.post(
        "/api/v1/mediation/cases", json=new_case_body(team, dispute_type_id), headers=headers
    )
    assert created.status_code == 201, created.get_json()
    case = created.get_json()
    assert case["case_no"] == "城关调〔2024〕0001号" and case["status"] == "registered"
    assert case["amount"] == "1200.46"
    assert case["party_details"][0]["id_number"] == "1101**********002X"
    url = f"/api/v1/mediation/cases/{case['id']}"
    full = client.get(f"{url}?full=true", headers=headers).get_json()
    assert full["party_details"][0]["id_number"] == VALID_ID

    stale = case["version"]
    accepted = client.post(
        f"{url}/accept", json={"version": stale, "accepted_on": "2024-03-01"}, headers=headers
    )
    assert accepted.status_code == 200 and accepted.get_json()["due_on"] == "2024-04-01"
    steps = accepted.get_json()["deadline"]["steps"]
    assert steps and "30" in steps[0]

    update = new_case_body(
        team, dispute_type_id, summary="另一个版本", version=stale, accepted_on="2024-03-01"
    )
    conflict = client.put(url, json=update, headers=headers)
    assert conflict.status_code == 409
    changes = conflict.get_json()["error"]["changes"]
    assert {c["field"] for c in changes} >= {"status", "accepted_on"}

    version = accepted.get_json()["version"]
    refused = client.post(
        f"{url}/archive", json={"version": version, "archived_on": "2024-03-02"}, headers=headers
    )
    assert refused.status_code == 409 and "已结案件" in refused.get_json()["error"]["message"]

    updated = client.put(url, json={**update, "version": version}, headers=headers)
    assert updated.status_code == 200 and updated.get_json()["summary"] == "另一个版本"
    version = updated.get_json()["version"]

    started = client.post(f"{url}/start", json={"version": version}, headers=headers).get_json()
    early = client.post(
        f"{url}/conclude",
        json={
            "version": started["version"],
            "outcome": "success",
            "closed_on": "2024-03-10",
            "agreement_form": "oral",
            "agreement_content": "李四当场赔偿张三500元",
            "agreement_on": "2024-02-01",
        },
        headers=headers,
    )
    assert early.status_code == 422 and "agreement_on" in early.get_json()["error"]["fields"]
    done = client.post(
        f"{url}/conclude",
        json={
            "version": started["version"],
            "outcome": "success",
            "closed_on": "2024-03-10",
            "agreement_form": "oral",
            "agreement_content": "李四当场赔偿张三500元",
        },
        headers=headers,
    ).get_json()
    assert done["status"] == "concluded" and done["agreement_on"] == "2024-03-10"
    confirmed = client.put(
        f"{url}/confirmation",
        json={"version": done["version"], "applied_on": "2024-03-12", "court": "区人民法院"},
        headers=headers,
    ).get_json()
    followed = client.post(
        f"{url}/followups",
        json={"version": confirmed["version"], "visited_on": "2024-04-01", "performance": "performed"},
        headers=headers,
    ).get_json()
    assert (
        followed["confirmation"]["court"] == "区人民法院"
        and followed["followups"][0]["performance"] == "performed"
    )
    history = client.get(f"{url}/history", headers=headers).get_json()["items"]
    assert [h["action"] for h in history][:2] == ["register", "accept"]


def test_list_filters_and_scope(client, team, register, dispute_type_id):
    register(summary="宅基地边界争议")
    register(summary="噪音扰民")
    headers = token_for(team.mediator)
    listed = client.get("/api/v1/mediation/cases?q=宅基地&sort=case_no", headers=headers).get_json()
    assert listed["total"] == 1 and listed["items"][0]["case_no"].endswith("0001号")
    assert client.get("/api/v1/mediation/cases?status=concluded", headers=headers).get_json()["total"] == 0
    outsider = token_for(team.outsider)
    assert client.get("/api/v1/mediation/cases", headers=outsider).get_json()["total"] == 0


def test_invalid_input_gets_422_naming_the_field(client, team, dispute_type_id):
    headers = token_for(team.mediator)
    bad = new_case_body(team, dispute_type_id)
    bad["parties"][1]["id_number"] = "110105194912310021"
    response = client.post("/api/v1/mediation/cases", json=bad, headers=headers)
    assert response.status_code == 422 and "parties-1-id_number" in response.get_json()["error"]["fields"]
    other = new_case_body(team, dispute_type_id, committee_id=team.other_committee.id)
    assert client.post("/api/v1/mediation/cases", json=other, headers=headers).status_code == 422


def test_a_put_never_erases_the_numbers_it_answered_masked(client, team, dispute_type_id):
    headers = token_for(team.mediator)
    case = client.post("/api/v1/mediation/cases", json=new_case_body(team, dispute_type_id), headers=headers)
    case = case.get_json()
    url = f"/api/v1/mediation/cases/{case['id']}"
    read = client.get(url, headers=headers).get_json()
    masked = read["party_details"]
    assert masked[0]["id_number"] == "1101**********002X" and masked[0]["phone"] != "13800138000"
    # Sent back as read (masked), or with the numbers left out; matched by position.
    same_order = [
        {k: masked[0][k] for k in ("role", "name", "id_number", "phone")},
        {"role": "respondent", "name": "李四"},
    ]
    body = {**new_case_body(team, dispute_type_id, parties=same_order), "version": read["version"]}
    updated = client.put(url, json=body, headers=headers)
    assert updated.status_code == 200, updated.get_json()
    full = client.get(f"{url}?full=true", headers=headers).get_json()["party_details"]
    assert [(p["name"], p["id_number"], p["phone"]) for p in full] == [
        ("张三", VALID_ID, "13800138000"),
        ("李四", VALID_ID_2, None),
    ]
    # Reordered: each entry names the party it stands for.
    swapped = [{**same_order[1], "id": masked[1]["id"]}, {**same_order[0], "id": masked[0]["id"]}]
    body = {**body, "parties": swapped, "version": updated.get_json()["version"]}
    updated = client.put(url, json=body, headers=headers)
    assert updated.status_code == 200, updated.get_json()
    full = client.get(f"{url}?full=true", headers=headers).get_json()["party_details"]
    assert [(p["name"], p["id_number"], p["phone"]) for p in full] == [
        ("李四", VALID_ID_2, None),
        ("张三", VALID_ID, "13800138000"),
    ]
    parties = swapped
    unknown = {**body, "version": updated.get_json()["version"], "parties": [{**parties[0], "id": 999999}]}
    assert client.put(url, json=unknown, headers=headers).status_code == 422
    schema = client.get("/api/v1/openapi.json", headers=headers).get_json()
    described = schema["components"]["schemas"]["MediationPartyIn"]["properties"]["id_number"]
    assert "masked number never replaces or erases it" in str(described)


def test_a_case_without_parties_is_refused_as_the_form_refuses_it(client, team, dispute_type_id):
    headers = token_for(team.mediator)
    for parties in ([], None):
        body = new_case_body(team, dispute_type_id, parties=parties)
        if parties is None:
            del body["parties"]
        response = client.post("/api/v1/mediation/cases", json=body, headers=headers)
        assert response.status_code == 422 and "parties" in response.get_json()["error"]["fields"]
