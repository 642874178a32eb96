"""The reconsideration API: create, read, list, update and each step, with refusals that say why."""

from datetime import date


def test_life_of_a_case_through_the_api(client, api_client, make_agency):
    agency = make_agency()
    _user, headers = api_client("reconsideration")
    base = "/api/v1/reconsideration/cases"
    body = {
        "received_on": "2024-09-27",
        "agency_code": agency.code,
        "act_category": "penalty",
        "learned_on": "2024-09-20",
        "parties": [{"name": "张三", "id_number": "11010519491231002X", "phone": "13800138000"}],
    }
    created = client.post(base, json=body, headers=headers)
    assert created.status_code == 201, created.get_json()
    case = created.get_json()
    assert (case["accepted_on"], case["is_accepted_deemed"], case["due_on"]) == (
        "2024-10-10",
        True,
        "2024-12-09",
    )
    assert case["parties"][0]["id_number_masked"] == "1101**********002X"
    assert case["parties"][0]["phone_masked"] == "138****8000"
    assert any("2024-10-10" in line for line in case["deadline"]["steps"])
    url = f"{base}/{case['id']}"

    suspended = client.post(
        f"{url}/suspend", json={"on": "2024-10-15", "ground": 6}, headers=headers
    ).get_json()
    assert suspended["status"] == "suspended" and suspended["due_on"] is None
    resumed = client.post(f"{url}/resume", json={"on": "2024-10-25"}, headers=headers).get_json()
    assert resumed["due_on"] == "2024-12-19"
    extended = client.post(
        f"{url}/extend", json={"on": "2024-11-20", "days": 30, "approver": "李主任"}, headers=headers
    ).get_json()
    assert extended["due_on"] == "2025-01-20" and extended["extension_days"] == 30

    stale = client.patch(url, json={"version": 1, "act_document_no": "x"}, headers=headers)
    assert stale.status_code == 409
    patched = client.patch(url, json={"version": extended["version"], "act_document_no": "区市监罚〔2024〕5号"},
                           headers=headers)  # fmt: skip
    assert patched.status_code == 200 and patched.get_json()["act_document_no"] == "区市监罚〔2024〕5号"

    refused = client.post(f"{url}/resume", json={"on": "2024-11-25"}, headers=headers)
    assert refused.status_code == 409 and refused.get_json()["error"]["message"]

    concluded = client.post(
        f"{url}/conclude", json={"on": "2024-12-20", "outcome": "revoke", "document_no": "区府复决〔2024〕3号"},
        headers=headers,
    ).get_json()  # fmt: skip
    assert concluded["status"] == "concluded" and concluded["is_correction"] and not concluded["is_late"]

    listed = client.get(f"{base}?outcome=revoke", headers=headers).get_json()
    assert listed["total"] == 1 and listed["items"][0]["case_no"] == case["case_no"]


def test_malformed_and_refused_requests(client, api_client, make_agency):
    agency = make_agency()
    _user, headers = api_client("admin")
    base = "/api/v1/reconsideration/cases"
    malformed = client.post(base, json={"received_on": "soon", "parties": []}, headers=headers)
    assert malformed.status_code == 422
    future = {"received_on": date(2026, 1, 1).isoformat(), "agency_id": agency.id, "act_category": "penalty",
              "parties": [{"name": "张三"}]}  # fmt: skip
    refused = client.post(base, json=future, headers=headers)
    assert refused.status_code == 409 and "received_on" in refused.get_json()["error"]["fields"]
    beyond = client.post(
        base, json={**future, "received_on": "9999-12-31"}, headers=headers
    )  # past every bound
    assert beyond.status_code == 422 and "received_on" in beyond.get_json()["error"]["fields"]
    bad_id = {
        **future,
        "received_on": "2024-03-01",
        "parties": [{"name": "张三", "id_number": "110105194912310021"}],
    }
    refused = client.post(base, json=bad_id, headers=headers)
    assert refused.status_code == 409 and "id_number" in refused.get_json()["error"]["fields"]
    assert client.get(f"{base}/99999999999", headers=headers).status_code == 404


def test_openapi_lists_every_step(client):
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    steps = [p for p in paths if p.startswith("/api/v1/reconsideration/cases/{case_id}/")]
    assert len(steps) == 24
