"""Bad input is a 4xx or a message beside the field, never a 500 (issue 20): each finding, and its class."""

from __future__ import annotations

from datetime import date

import pytest

from casebook.core.inputs import load_json, page_number, strip_controls
from casebook.extensions import db

HUGE = str(10**20)


@pytest.fixture
def place(make_area, make_committee, make_mediator):
    district = make_area(code="D", name="测试区", level="district")
    committee = make_committee(code="C1", area_id=district.id)
    mediator = make_mediator([committee], code="M1")
    return district, committee, mediator


def test_the_dashboard_filtered_by_area_links_its_tables(client, login_as, place):
    login_as("bureau")
    response = client.get("/stats/", query_string={"area": "D"})
    assert response.status_code == 200
    assert "/stats/tables/mediation/committee?area=D" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "url", ["/stats/export.xlsx", "/stats/report/2024.xlsx", "/stats/tables/mediation/mediator", "/stats/"]
)
def test_a_mediators_own_statistics_by_mediator(client, login_as, place, make_mediation_case, url):
    _district, committee, mediator = place
    case = make_mediation_case(committee=committee, registered_on=date(2024, 3, 1))
    case.mediators = [mediator]
    db.session.commit()
    login_as("mediator", mediator=mediator)
    assert client.get(url, query_string={"year": 2024}).status_code == 200
    assert client.get(url, query_string={"year": 2024, "mediator": "M1"}).status_code == 200


@pytest.mark.parametrize("year", ["0", "-1", "99999", HUGE])
def test_a_year_out_of_range_is_explained(client, login_as, place, year):
    login_as("bureau")
    for url in ("/stats/", "/stats/tables/mediation/committee", "/stats/report"):
        response = client.get(url, query_string={"year": year})
        assert response.status_code == 200, url
    for period in ("quarter", "month"):
        assert client.get("/stats/", query_string={"period": period, "year": year}).status_code == 200
    assert client.get(f"/stats/report/{year}.xlsx").status_code == 404
    assert client.get("/calendar/", query_string={"year": year}).status_code == 200


def test_a_notice_of_a_step_the_case_has_not_taken_is_404(client, login_as, make_recon_case):
    case = make_recon_case(received_on=date(2025, 3, 3))
    login_as("reconsideration")
    for doc in ("suspension", "decision", "supplement"):
        assert client.get(f"/reconsideration/cases/{case.id}/print/{doc}").status_code == 404
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert "/print/suspension" not in page


def test_nul_in_a_search_and_huge_page_numbers(client, login_as, place, make_mediation_case, make_recon_case):
    _district, committee, _mediator = place
    for day in range(1, 4):
        make_mediation_case(committee=committee, registered_on=date(2024, 3, day))
    make_recon_case(received_on=date(2025, 3, 3))
    login_as("admin")
    for url in (
        "/mediation/",
        "/reconsideration/cases",
        "/orgs/committees",
        "/orgs/mediators",
        "/admin/users",
    ):
        assert client.get(url, query_string={"q": "张\x00三"}).status_code == 200, url
        assert client.get(url, query_string={"page": HUGE}).status_code == 200, url
    assert client.get(f"/mediation/{HUGE}").status_code == 404
    assert client.get(f"/mediation/{2**31}").status_code == 404


def test_a_select_value_past_any_id_on_the_organisation_forms(client, login_as, place):
    login_as("admin")
    huge = str(10**23)
    forms = {
        "/orgs/committees/new": {
            "code": "C9",
            "name": "新调委会",
            "type": "village_residents",
            "area_id": huge,
        },
        "/orgs/mediators/new": {"code": "M9", "name": "新调解员", "committees": huge, "specialities": huge},
        "/orgs/areas/new": {"code": "A9", "name": "新区", "level": "township", "parent_id": huge},
        "/orgs/studios/new": {"name": "新工作室", "committee_id": huge},
    }
    for url, data in forms.items():
        response = client.post(url, data=data)
        assert response.status_code in (200, 302, 422), (url, response.status_code)  # refused, or ignored


def test_control_characters_are_stripped_from_every_form_field(client, login_as):
    login_as("admin")
    response = client.post(
        "/orgs/associations/new", data={"code": "X\x001", "name": "调解\x00协会\x1f", "address": "东\x7f街"}
    )
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    from casebook.orgs.models import Association

    association = db.session.query(Association).one()
    assert (association.code, association.name, association.address) == ("X1", "调解协会", "东街")
    assert strip_controls("a\tb\r\nc\x7f\x00") == "a\tb\r\nc"


def test_the_api_refuses_deep_large_and_control_character_bodies(client, api_client):
    _user, headers = api_client("admin")
    deep = "[" * 100_000 + "]" * 100_000
    for raw in (deep, '{"a":' * 40 + "1" + "}" * 40):
        response = client.post(
            "/api/v1/areas", data=raw, headers={**headers, "Content-Type": "application/json"}
        )
        assert response.status_code == 422 and "32" in response.get_json()["error"]["message"]
    big = '{"code": "' + "x" * (1024 * 1024) + '"}'
    response = client.post("/api/v1/areas", data=big, headers={**headers, "Content-Type": "application/json"})
    assert response.status_code == 413
    response = client.post("/api/v1/areas", json={"code": "A\x001", "name": "区\x00"}, headers=headers)
    assert response.status_code == 422 and set(response.get_json()["error"]["fields"]) == {"code", "name"}
    response = client.get("/api/v1/mediation/cases", query_string={"q": "a\x00"}, headers=headers)
    assert response.status_code == 422 and "q" in response.get_json()["error"]["fields"]
    with pytest.raises(ValueError):
        load_json(deep.encode())


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1979-12-31"])
def test_dates_out_of_bounds_are_refused_naming_the_bounds(client, login_as, api_client, place, day):
    del place  # an area, a committee and a mediator exist
    login_as("admin")
    response = client.post(
        "/orgs/associations/new", data={"code": "X1", "name": "调解协会", "founded_on": day}
    )
    assert response.status_code == 200
    assert "1980年1月1日" in response.get_data(as_text=True)  # the message names the bounds
    _user, headers = api_client("admin")
    body = {"code": "X2", "name": "协会", "founded_on": day}
    response = client.post("/api/v1/associations", json=body, headers=headers)
    assert response.status_code == 422 and "founded_on" in response.get_json()["error"]["fields"]
    as_number = client.post("/api/v1/associations", json={**body, "founded_on": 20240301}, headers=headers)
    assert as_number.status_code == 422 and "founded_on" in as_number.get_json()["error"]["fields"]
    listed = client.get("/api/v1/mediation/cases", query_string={"registered_from": day}, headers=headers)
    assert listed.status_code == 422


def test_an_import_refuses_dates_out_of_bounds(app):
    from casebook.imports import parsers

    with app.test_request_context():
        assert parsers.date("2024-03-01") == date(2024, 3, 1)
        for raw in ("0001-01-01", "9999-12-31", 1, date(1900, 1, 1)):
            with pytest.raises(ValueError, match="1980"):
                parsers.date(raw)


def test_page_numbers_are_bounded(app):
    for raw, expected in (("", 1), ("x", 1), ("-3", 1), ("7", 7), (HUGE, 100_000)):
        with app.test_request_context(f"/?page={raw}"):
            assert page_number() == expected


def test_an_import_strips_control_characters_from_text(app):
    from casebook.imports import parsers

    assert parsers.text(" 张\x00三\x1f ") == "张三"
