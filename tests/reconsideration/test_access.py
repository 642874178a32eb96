"""Who may see and change reconsideration cases: officers and admin edit, the bureau reads, directors and
mediators get 404 everywhere (pages, exports, printable notices, imports and the API)."""

from datetime import date

import pytest

from casebook.extensions import db
from casebook.reconsideration import operations
from casebook.reconsideration.queries import scoped_cases

ROLES = ["admin", "reconsideration", "bureau", "director", "mediator"]
HIDDEN = {"director", "mediator"}
EDITORS = {"admin", "reconsideration"}

READ_PAGES = [
    "/reconsideration/",
    "/reconsideration/cases",
    "/reconsideration/cases?status=accepted&due=overdue",
    "/reconsideration/cases.csv",
    "/reconsideration/cases.xlsx",
    "/reconsideration/cases/{id}",
    "/reconsideration/cases/{id}/print/acceptance",
]  # the decision cover page of an undecided case is 404 (tests/core/test_inputs.py)
EDIT_PAGES = ["/reconsideration/cases/new", "/reconsideration/cases/{id}/edit"]
IMPORT_PAGES = ["/imports/reconsideration", "/imports/reconsideration/template.xlsx"]


@pytest.fixture
def case(make_recon_case):
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.accept(case, None, date(2024, 9, 30))
    db.session.commit()
    return case


def _expected_read(role: str) -> int:
    return 404 if role in HIDDEN else 200


def _expected_write(role: str, ok: int) -> int:
    if role in HIDDEN:
        return 404
    return ok if role in EDITORS else 403


@pytest.mark.parametrize("role", ROLES)
def test_pages(client, login_as, case, role):
    login_as(role)
    for url in READ_PAGES:
        assert client.get(url.format(id=case.id)).status_code == _expected_read(role), url
    for url in EDIT_PAGES:
        assert client.get(url.format(id=case.id)).status_code == _expected_write(role, 200), url
    for url in IMPORT_PAGES:
        status = client.get(url).status_code
        assert status == (200 if role in EDITORS else 404), url
    response = client.post(f"/reconsideration/cases/{case.id}/act/suspend", data={"suspend-on": "2024-10-15",
                           "suspend-ground": "6"})  # fmt: skip
    assert response.status_code == _expected_write(role, 302)
    home = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert ("/reconsideration/" in home) == (role not in HIDDEN)


@pytest.mark.parametrize("role", ROLES)
def test_api(client, api_client, case, make_agency, role):
    _user, headers = api_client(role)
    base = "/api/v1/reconsideration/cases"
    assert client.get(base, headers=headers).status_code == _expected_read(role)
    assert client.get(f"{base}/{case.id}", headers=headers).status_code == _expected_read(role)
    agency = make_agency()
    body = {"received_on": "2024-03-01", "agency_code": agency.code, "act_category": "penalty",
            "parties": [{"name": "李四"}]}  # fmt: skip
    assert client.post(base, json=body, headers=headers).status_code == _expected_write(role, 201)
    patch = {"version": case.version, "act_document_no": "区公罚〔2024〕1号"}
    assert client.patch(f"{base}/{case.id}", json=patch, headers=headers).status_code == _expected_write(
        role, 200
    )
    suspend = {"on": "2024-10-15", "ground": 6}
    response = client.post(f"{base}/{case.id}/suspend", json=suspend, headers=headers)
    assert response.status_code == _expected_write(role, 200)


def test_scoping_function(make_user, case):
    for role in ROLES:
        cases = db.session.scalars(scoped_cases(make_user(role=role))).all()
        assert len(cases) == (0 if role in HIDDEN else 1), role
