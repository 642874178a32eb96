"""Command line: users and tokens."""

from sqlalchemy import select

from casebook.auth.models import ApiToken, User
from casebook.extensions import db


def test_users_create_disable_and_tokens(app, client):
    runner = app.test_cli_runner()
    result = runner.invoke(
        args=["users", "create", "clerk", "--role", "bureau", "--password-stdin"],
        input="a long pass phrase\n",
    )
    assert result.exit_code == 0, result.output
    assert (
        client.post("/login", data={"username": "clerk", "password": "a long pass phrase"}).status_code == 302
    )

    result = runner.invoke(args=["tokens", "create", "clerk"])
    raw = result.output.strip()
    assert result.exit_code == 0 and raw.startswith("cb_")
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    assert db.session.scalar(select(ApiToken.token_hash)) != raw

    result = runner.invoke(args=["users", "disable", "clerk"])
    assert result.exit_code == 0
    assert not db.session.scalar(select(User.is_enabled).where(User.username == "clerk"))
    assert client.get("/api/v1/me", headers={"Authorization": f"Bearer {raw}"}).status_code == 401


def test_users_create_refuses_a_weak_password(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "weak", "--role", "mediator", "--password-stdin"], input="password\n"
    )
    assert result.exit_code != 0
    assert "common" in result.output or "常见" in result.output


def test_unknown_role_is_refused(app):
    result = app.test_cli_runner().invoke(
        args=["users", "create", "x", "--role", "king", "--password-stdin"], input="whatever long\n"
    )
    assert result.exit_code != 0
