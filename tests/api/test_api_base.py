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
