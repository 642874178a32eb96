"""The JSON API base: token auth, JSON errors, the OpenAPI document."""

from casebook.extensions import db


def test_api_without_token_gets_json_401(client):
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.is_json and response.get_json()["error"]["code"] == 401


def test_api_with_bad_token_gets_json_401(client):
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer cb_nope"})
    assert response.status_code == 401 and response.is_json


def test_me_with_token(client, api_client):
    user, headers = api_client("bureau")
    response = client.get("/api/v1/me", headers=headers)
    assert response.status_code == 200
    assert response.get_json()["username"] == user.username and response.get_json()["role"] == "bureau"


def test_revoked_token_and_disabled_user_are_refused(app, client, api_client):
    from casebook.auth import operations
    from casebook.auth.models import ApiToken, User

    user, headers = api_client("bureau")
    with app.app_context():
        token = db.session.query(ApiToken).filter_by(user_id=user.id).one()
        operations.revoke_token(token)
        db.session.commit()
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    user2, headers2 = api_client("bureau")
    with app.app_context():
        operations.set_enabled(db.session.get(User, user2.id), False)
        db.session.commit()
    assert client.get("/api/v1/me", headers=headers2).status_code == 401


def test_tokens_are_stored_hashed(app, api_client):
    from casebook.auth.models import ApiToken

    _user, headers = api_client("bureau")
    raw = headers["Authorization"].split()[1]
    with app.app_context():
        stored = db.session.query(ApiToken).one()
        assert stored.token_hash != raw and raw not in stored.token_hash


def test_openapi_document_is_served(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.get_json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/me" in document["paths"]


def test_unknown_api_path_is_json_404(client):
    response = client.get("/api/v1/nothing-here")
    assert response.status_code == 404 and response.is_json


def test_an_id_past_a_database_integer_is_not_found_whatever_the_method(client, api_client):
    # werkzeug answered 405 when the rule of another method matched the URL and the request's rule refused the
    # value only on conversion.
    _user, headers = api_client("admin")
    for method, url in (
        ("PATCH", "/api/v1/committees/2147483648"),
        ("DELETE", "/api/v1/committees/1/members/2147483648"),
        ("GET", "/api/v1/committees/99999999999999999999"),
    ):
        response = client.open(url, method=method, headers=headers, json={})
        assert response.status_code == 404 and response.is_json, (method, url, response.status_code)


def test_id_pattern_admits_exactly_zero_to_the_largest_id():
    import re

    from casebook.core.inputs import MAX_ID, digits_at_most

    for limit in (0, 7, 10, 99, 305, 1000):
        pattern = re.compile(digits_at_most(limit) + r"\Z")
        assert [n for n in range(limit + 100) if pattern.match(str(n))] == list(range(limit + 1))
    pattern = re.compile(digits_at_most(MAX_ID) + r"\Z")
    for number in (0, 1, 1999999999, 2147483646, MAX_ID):
        assert pattern.match(str(number))
    for text in ("2147483648", "2147483650", "3000000000", "21474836470", "007"):
        assert not pattern.match(text)


def test_a_body_value_of_another_json_type_or_an_unknown_field_is_refused(client, api_client, make_committee):
    _user, headers = api_client("admin")
    mediator = {"code": "M9", "name": "调解员"}
    for body, field in (
        ({**mediator, "is_expert": 0}, "is_expert"),  # pydantic alone reads 0 as false
        ({**mediator, "is_expert": "yes"}, "is_expert"),
        ({**mediator, "nickname": "x"}, "nickname"),
        ({**mediator, "specialities": ["medical", "medical"]}, "specialities"),  # uniqueItems
    ):
        response = client.post("/api/v1/mediators", json=body, headers=headers)
        assert response.status_code == 422 and field in response.json["error"]["fields"], body
    committee = make_committee()
    db.session.commit()
    case = {
        "committee_id": committee.id,
        "dispute_type_id": 1,
        "source": "application",
        "registered_on": "2025-06-16",
        "parties": [{"role": "applicant", "name": "张三"}],
    }
    for body, field in (
        ({**case, "persons": "3"}, "persons"),  # pydantic alone reads "3" as 3
        ({**case, "parties": [{**case["parties"][0], "nickname": "x"}]}, "parties.0.nickname"),
        ({**case, "mediator_ids": [1, 1]}, "mediator_ids"),
    ):
        response = client.post("/api/v1/mediation/cases", json=body, headers=headers)
        assert response.status_code == 422 and field in response.json["error"]["fields"], response.json


def test_the_document_states_the_body_and_date_rules(app, client):
    import re
    from datetime import timedelta

    from casebook.core.dates import date_bounds

    document = client.get("/api/v1/openapi.json").get_json()
    schemas = document["components"]["schemas"]
    assert schemas["MediationCaseIn"]["additionalProperties"] is False
    assert schemas["MediationPartyIn"]["additionalProperties"] is False
    assert schemas["MediationCaseIn"]["properties"]["mediator_ids"]["uniqueItems"] is True
    dates = re.compile(schemas["MediationCaseIn"]["properties"]["registered_on"]["pattern"])
    with app.test_request_context():
        earliest, latest = date_bounds()
    for day, admitted in (
        (earliest, True),
        (latest, True),
        (earliest - timedelta(days=1), False),
        (latest + timedelta(days=1), False),
    ):
        assert bool(dates.match(day.isoformat())) is admitted, day
    assert not dates.match("0001-01-01") and not dates.match("9999-12-31")
    # A PATCH may leave a required field out (kept), not send it as null.
    code = schemas["CommitteePatch"]["properties"]["code"]
    assert code.get("type") == "string" and "anyOf" not in code and "default" not in code


def test_date_range_pattern_admits_exactly_the_days_between_its_bounds():
    import re
    from datetime import date, timedelta

    from casebook.api.bounds import fixed_width_range

    for low, high in (
        ("1980-01-01", "2027-06-17"),
        ("1999-10-01", "2000-02-29"),
        ("2025-06-16", "2025-06-16"),
    ):
        pattern = re.compile(f"^{fixed_width_range(low, high)}$")
        day = date(1975, 1, 1)
        while day < date(2031, 1, 1):
            assert bool(pattern.match(day.isoformat())) is (low <= day.isoformat() <= high), (low, high, day)
            day += timedelta(days=1)


def test_answers_carry_no_date_bound(client):
    # The date bounds say what the server accepts; an answer's date may lie beyond them (a deadline counted from a
    # day near the upper bound), so answer schemas state only the format.
    schemas = client.get("/api/v1/openapi.json").get_json()["components"]["schemas"]
    due = schemas["DeadlineOut"]["properties"]["due_on"]
    assert "pattern" not in str(due) and "date" in str(due)
    assert "pattern" in schemas["MediationCaseIn"]["properties"]["registered_on"]
