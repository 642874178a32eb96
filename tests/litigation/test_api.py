"""The litigation API: register, read, list, each step, refusals with 409 naming the field, 403 for the bureau."""

from casebook.extensions import db


def _body(agency, **extra):
    return {"court": "区人民法院", "court_case_no": "（2025）赣0102行初9号", "agency_code": agency.code,
            "act_category": "licensing", "filed_on": "2025-05-20", "complaint_served_on": "2025-06-02",
            "plaintiffs": [{"name": "钱八", "phone": "13800138000"}], **extra}  # fmt: skip


def test_register_read_and_step(client, api_client, make_agency):
    _user, headers = api_client("reconsideration")
    agency = make_agency()
    created = client.post("/api/v1/litigation/cases", json=_body(agency), headers=headers)
    assert created.status_code == 201, created.get_json()
    case = created.get_json()
    assert case["defence_due_on"] == "2025-06-17" and case["agency"]["code"] == agency.code
    assert case["plaintiffs"][0]["phone_masked"] == "138****8000" and case["defence_steps"]
    base = f"/api/v1/litigation/cases/{case['id']}"
    hearing = {"on": "2025-06-10", "appearance": "head", "head_name": "吴局长", "version": case["version"]}
    answer = client.post(f"{base}/hearing", json=hearing, headers=headers)
    assert answer.status_code == 200 and answer.get_json()["hearings"][0]["is_head_present"] is True
    judgment = {"on": "2025-06-12", "outcome": "revoke"}
    assert (
        client.post(f"{base}/judgment", json=judgment, headers=headers).get_json()["is_against_agency"]
        is True
    )
    listed = client.get("/api/v1/litigation/cases?year=2025&outcome=revoke", headers=headers).get_json()
    assert [c["id"] for c in listed["items"]] == [case["id"]]


def test_refusals(client, api_client, make_agency, make_litigation_case):
    _user, headers = api_client("reconsideration")
    agency = make_agency()
    assert client.post("/api/v1/litigation/cases", json=_body(agency), headers=headers).status_code == 201
    again = client.post("/api/v1/litigation/cases", json=_body(agency), headers=headers)
    assert again.status_code == 409 and "court_case_no" in again.get_json()["error"]["fields"]
    bad = client.post("/api/v1/litigation/cases", json=_body(agency, outcome="x"), headers=headers)
    assert bad.status_code == 422
    case = make_litigation_case()
    staff = {"on": "2025-06-10", "appearance": "staff", "representatives": "律师"}
    refused = client.post(f"/api/v1/litigation/cases/{case.id}/hearing", json=staff, headers=headers)
    assert refused.status_code == 409 and "absence_reason" in refused.get_json()["error"]["fields"]
    stale = client.patch(
        f"/api/v1/litigation/cases/{case.id}", json={"version": 99, "court": "X"}, headers=headers
    )
    assert stale.status_code == 409
    db.session.expire_all()


def test_bureau_reads_but_does_not_write(client, api_client, make_agency, make_litigation_case):
    _user, headers = api_client("bureau")
    case = make_litigation_case()
    assert client.get(f"/api/v1/litigation/cases/{case.id}", headers=headers).status_code == 200
    answer = client.post(
        f"/api/v1/litigation/cases/{case.id}/serve", json={"on": "2025-06-02"}, headers=headers
    )
    assert answer.status_code == 403
