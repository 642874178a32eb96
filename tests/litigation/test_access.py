"""Who may see and change litigation cases: reconsideration officers and admin edit, the bureau reads, directors
and mediators get 404 on every litigation URL and API path (the URL map is walked, so a new route is covered)."""

from datetime import date

import pytest

from casebook.litigation import operations
from casebook.litigation.queries import scoped_cases

ROLES = ["admin", "reconsideration", "bureau", "director", "mediator"]
HIDDEN = {"director", "mediator"}
EDITORS = {"admin", "reconsideration"}


@pytest.fixture
def case(make_litigation_case):
    return make_litigation_case(filed_on=date(2025, 5, 20))


def _litigation_urls(app, case_id: int) -> list[tuple[str, str]]:
    """(method, url) of every route of the litigation pages and API, with the case's id filled in."""
    urls = []
    for rule in app.url_map.iter_rules():
        litigation = ("/litigation", "/api/v1/litigation", "/stats/interviews", "/api/v1/stats/litigation")
        if not rule.rule.startswith(litigation) and rule.rule not in (
            "/imports/<kind>",
            "/imports/<kind>/confirm",
        ):
            continue
        url = rule.rule.replace("<int:case_id>", str(case_id)).replace("<action>", "serve")
        url = url.replace("<kind>", "litigation")
        assert "<" not in url, url
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            urls.append((method, url))
    return urls


@pytest.mark.parametrize("role", sorted(HIDDEN))
def test_every_litigation_url_is_404_for_committee_roles(app, client, login_as, api_client, case, role):
    urls = _litigation_urls(app, case.id)
    assert len(urls) >= 8
    login_as(role)
    for method, url in urls:
        if url.startswith("/api/"):
            continue
        assert client.open(url, method=method, data={}).status_code == 404, (method, url)
    _user, headers = api_client(role)
    for method, url in urls:
        if url.startswith("/api/"):
            query = {"from": "2025-01-01", "to": "2025-12-31"} if "stats" in url else None
            response = client.open(url, method=method, json={}, headers=headers, query_string=query)
            assert response.status_code == 404, (method, url)


@pytest.mark.parametrize("role", ROLES)
def test_pages_by_role(client, login_as, case, role):
    login_as(role)
    read = 404 if role in HIDDEN else 200
    for url in ("/litigation/", f"/litigation/{case.id}", "/litigation/?year=2025&instance=first"):
        assert client.get(url).status_code == read, url
    write = 404 if role in HIDDEN else (200 if role in EDITORS else 403)
    assert client.get("/litigation/new").status_code == write
    assert client.get(f"/litigation/{case.id}/edit").status_code == write
    response = client.post(f"/litigation/{case.id}/act/serve", data={"serve-on": "2025-06-02"})
    assert response.status_code == (302 if role in EDITORS else write)
    home = client.get("/", follow_redirects=True).get_data(as_text=True)
    assert ("/litigation/" in home) == (role not in HIDDEN)


def test_scoping_function_hides_cases(app, make_user, case):
    from casebook.extensions import db

    for role in ROLES:
        user = make_user(role=role)
        visible = db.session.scalars(scoped_cases(user)).all()
        assert (visible == [case]) == (role not in HIDDEN), role
    operations.void(case, None, "重复")
