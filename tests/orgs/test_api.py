"""The organisation API: list, get, create, update; scoping, masking, members, errors as JSON."""

from sqlalchemy import func, select

from casebook.api.base import openapi_document
from casebook.core.personal import PersonalDataAccess
from casebook.extensions import db

ID_NUMBER = "110101198001010010"


def test_the_endpoints_are_in_the_openapi_document(app):
    with app.test_request_context():
        paths = openapi_document()["paths"]
    for path in ["/api/v1/areas", "/api/v1/committees", "/api/v1/mediators", "/api/v1/agencies"]:
        assert {"get", "post"} <= set(paths[path])
        assert {"get", "patch"} <= set(
            paths[path + "/{" + path.rsplit("/", 1)[1][:-1].replace("agencie", "agency") + "_id}"]
        )
    assert {"get", "post"} <= set(paths["/api/v1/committees/{committee_id}/members"])


def test_areas_crud_and_tree(client, api_client):
    _user, headers = api_client("bureau")
    district = client.post("/api/v1/areas", json={"code": "360999", "name": "云溪区"}, headers=headers)
    assert district.status_code == 201 and district.json["level"] == "district"
    township = client.post(
        "/api/v1/areas",
        json={"code": "360999001", "name": "东湖街道", "parent_code": "360999"},
        headers=headers,
    )
    assert township.json["level"] == "township" and township.json["parent_code"] == "360999"
    children = client.get("/api/v1/areas?parent=360999", headers=headers).json
    assert [a["code"] for a in children["items"]] == ["360999001"] and children["total"] == 1
    renamed = client.patch(f"/api/v1/areas/{township.json['id']}", json={"name": "东湖"}, headers=headers)
    assert renamed.json["name"] == "东湖"
    bad = client.post(
        "/api/v1/areas", json={"code": "X", "name": "x", "parent_code": "NOPE"}, headers=headers
    )
    assert bad.status_code == 422 and "parent_code" in bad.json["error"]["fields"]


def test_committees_crud_with_rules_as_422(client, api_client, make_area):
    area = make_area(code="360999001")
    _user, headers = api_client("admin")
    body = {"code": "S1", "name": "医疗纠纷人民调解委员会", "type": "sector", "area_code": area.code}
    missing = client.post("/api/v1/committees", json=body, headers=headers)
    assert missing.status_code == 422 and list(missing.json["error"]["fields"]) == ["sector"]
    created = client.post("/api/v1/committees", json={**body, "sector": "医疗"}, headers=headers)
    assert (
        created.status_code == 201
        and created.json["sector"] == "medical"
        and created.json["area_code"] == area.code
    )
    again = client.post("/api/v1/committees", json={**body, "sector": "medical"}, headers=headers)
    assert again.status_code == 422 and "code" in again.json["error"]["fields"]
    cid = created.json["id"]
    patched = client.patch(f"/api/v1/committees/{cid}", json={"dissolved_on": "2024-06-30"}, headers=headers)
    assert patched.json["dissolved_on"] == "2024-06-30" and patched.json["is_active"] is False
    null_name = client.patch(f"/api/v1/committees/{cid}", json={"name": None}, headers=headers)
    assert null_name.status_code == 422
    listed = client.get("/api/v1/committees?type=sector&as_of=2024-06-29", headers=headers).json
    assert listed["total"] == 1
    assert client.get("/api/v1/committees?as_of=2024-06-30", headers=headers).json["total"] == 0


def test_unknown_ids_are_404_json(client, api_client):
    _user, headers = api_client("admin")
    for url in [
        "/api/v1/areas/9",
        "/api/v1/committees/99999999999",
        "/api/v1/mediators/1",
        "/api/v1/agencies/3",
    ]:
        response = client.get(url, headers=headers)
        assert response.status_code == 404 and response.json["error"]["code"] == 404


def test_writes_need_manage_orgs(client, api_client):
    _user, headers = api_client("reconsideration")
    response = client.post("/api/v1/agencies", json={"code": "G1", "name": "区局"}, headers=headers)
    assert response.status_code == 403
    assert client.get("/api/v1/agencies", headers=headers).status_code == 200


def test_a_director_sees_and_manages_only_their_committee(client, api_client, make_committee, make_mediator):
    own, other = make_committee(code="C1"), make_committee(code="C2")
    director = make_mediator(code="M1", committees=[own], position="director")
    make_mediator(code="M2", committees=[other])
    newcomer = make_mediator(code="M3")
    _user, headers = api_client("director", mediator=director)
    assert [c["code"] for c in client.get("/api/v1/committees", headers=headers).json["items"]] == ["C1"]
    assert client.get(f"/api/v1/committees/{other.id}", headers=headers).status_code == 404
    assert [m["code"] for m in client.get("/api/v1/mediators", headers=headers).json["items"]] == ["M1"]

    added = client.post(
        f"/api/v1/committees/{own.id}/members", json={"mediator_code": newcomer.code}, headers=headers
    )
    assert added.status_code == 201 and added.json["position"] == "member"
    second_director = client.patch(
        f"/api/v1/committees/{own.id}/members/{added.json['id']}",
        json={"position": "director"},
        headers=headers,
    )
    assert second_director.status_code == 422 and "position" in second_director.json["error"]["fields"]
    members = client.get(f"/api/v1/committees/{own.id}/members", headers=headers).json["items"]
    assert [m["mediator_code"] for m in members] == ["M1", "M3"]  # director first
    refused = client.post(
        f"/api/v1/committees/{other.id}/members", json={"mediator_code": "M3"}, headers=headers
    )
    assert refused.status_code == 404
    removed = client.delete(f"/api/v1/committees/{own.id}/members/{added.json['id']}", headers=headers)
    assert removed.status_code == 204
    assert (
        client.post(
            "/api/v1/committees", json={"code": "C9", "name": "x", "type": "other"}, headers=headers
        ).status_code
        == 403
    )


def test_a_mediator_cannot_manage_members(client, api_client, make_committee, make_mediator):
    committee = make_committee()
    me = make_mediator(committees=[committee])
    _user, headers = api_client("mediator", mediator=me)
    response = client.post(
        f"/api/v1/committees/{committee.id}/members", json={"mediator_code": me.code}, headers=headers
    )
    assert response.status_code == 404


def test_mediators_are_masked_in_lists_and_full_in_get_for_roles_that_need_it(
    client, api_client, make_committee
):
    committee = make_committee(code="C1")
    _bureau, bureau = api_client("bureau")
    created = client.post(
        "/api/v1/mediators",
        json={
            "code": "M1",
            "name": "张三",
            "gender": "male",
            "id_number": ID_NUMBER,
            "phone": "13912345678",
            "employment": "full_time",
            "is_expert": True,
            "committees": ["C1"],
            "specialities": ["medical", "labour"],
        },
        headers=bureau,
    )
    assert created.status_code == 201, created.json
    assert created.json["id_number"] == "1101**********0010"  # the bureau sees masked numbers
    assert created.json["committees"] == [
        {"committee_code": "C1", "committee_name": committee.name, "position": "member"}
    ]
    assert created.json["specialities"] == ["labour", "medical"]
    officer, officer_headers = api_client("reconsideration")
    mid = created.json["id"]
    listed = client.get("/api/v1/mediators", headers=officer_headers).json["items"][0]
    assert listed["phone"] == "139****5678"
    full = client.get(f"/api/v1/mediators/{mid}", headers=officer_headers).json
    assert full["id_number"] == ID_NUMBER and full["phone"] == "13912345678"
    assert (
        db.session.scalar(
            select(func.count())
            .select_from(PersonalDataAccess)
            .where(PersonalDataAccess.user_id == officer.id)
        )
        == 2
    )


def test_a_bad_id_number_is_refused_with_the_reason(client, api_client):
    _user, headers = api_client("admin")
    response = client.post(
        "/api/v1/mediators",
        json={"code": "M1", "name": "张三", "id_number": "110101198001010011"},
        headers={**headers, "Accept-Language": "en"},
    )
    assert response.status_code == 422
    assert "check digit" in response.json["error"]["fields"]["id_number"][0]


def test_patch_replaces_the_committees_served(client, api_client, make_committee, make_mediator):
    a, b = make_committee(code="A"), make_committee(code="B")
    mediator = make_mediator(committees=[a])
    _user, headers = api_client("admin")
    response = client.patch(f"/api/v1/mediators/{mediator.id}", json={"committees": ["B"]}, headers=headers)
    assert [s["committee_code"] for s in response.json["committees"]] == ["B"]
    unknown = client.patch(f"/api/v1/mediators/{mediator.id}", json={"committees": ["ZZ"]}, headers=headers)
    assert unknown.status_code == 422
    assert b.id


def test_agencies_and_associations(client, api_client):
    _user, headers = api_client("bureau")
    agency = client.post("/api/v1/agencies", json={"code": "G1", "name": "区公安分局"}, headers=headers)
    assert agency.status_code == 201 and agency.json["kind"] == "department"
    assert client.get("/api/v1/agencies?q=公安", headers=headers).json["total"] == 1
    dup = client.post("/api/v1/agencies", json={"code": "G2", "name": "区公安分局"}, headers=headers)
    assert dup.status_code == 422
    association = client.post(
        "/api/v1/associations",
        json={"code": "XH", "name": "云溪区人民调解协会", "founded_on": "2012-05-08"},
        headers=headers,
    )
    assert association.status_code == 201
    bad_dates = client.patch(
        f"/api/v1/associations/{association.json['id']}", json={"dissolved_on": "2010-01-01"}, headers=headers
    )
    assert bad_dates.status_code == 422 and "dissolved_on" in bad_dates.json["error"]["fields"]


def test_text_the_database_cannot_hold_is_refused(client, api_client):
    _user, headers = api_client("admin")
    response = client.post("/api/v1/agencies", json={"code": "G1", "name": "区\u0000局"}, headers=headers)
    assert response.status_code == 422
    assert client.get("/api/v1/agencies?q=%00", headers=headers).status_code == 422
