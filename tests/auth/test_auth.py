"""Login, logout, sessions, passwords, throttling, CSRF and user administration."""

import re

from casebook.auth.models import User
from casebook.extensions import db
from tests.conftest import PASSWORD, login


def test_logged_out_visitor_only_gets_the_login_page(client):
    for url in ["/", "/account", "/admin/users"]:
        response = client.get(url)
        assert response.status_code == 302
        assert response.headers["Location"].startswith("/login")
    assert client.get("/login").status_code == 200


def test_login_and_logout(client, make_user):
    user = make_user("mediator")
    response = login(client, user.username)
    assert response.status_code == 302 and response.headers["Location"] == "/"
    assert client.get("/account").status_code == 200
    assert client.get("/logout").status_code == 405  # logout is POST only
    assert client.post("/logout").status_code == 302
    assert client.get("/account").status_code == 302


def test_wrong_password_is_refused_with_a_message(client, make_user):
    user = make_user("bureau")
    response = login(client, user.username, "not the password")
    assert response.status_code == 200
    assert "Wrong username or password" in response.get_data(
        as_text=True
    ) or "用户名或密码" in response.get_data(as_text=True)


def test_next_parameter_only_to_local_paths(client, make_user):
    user = make_user("admin")
    response = client.post(
        "/login?next=//evil.example/x", data={"username": user.username, "password": PASSWORD}
    )
    assert response.headers["Location"] == "/"
    client.post("/logout")
    response = client.post("/login?next=/account", data={"username": user.username, "password": PASSWORD})
    assert response.headers["Location"] == "/account"


def test_disabled_account_cannot_log_in_and_loses_its_session(app, client, make_user):
    user = make_user("mediator")
    login(client, user.username)
    with app.app_context():
        from casebook.auth import operations

        operations.set_enabled(db.session.get(User, user.id), False)
        db.session.commit()
    assert client.get("/account").status_code == 302
    assert login(client, user.username).status_code == 200


def test_change_password_needs_current_and_ends_other_sessions(app, client, make_user):
    user = make_user("mediator")
    other = app.test_client()
    login(client, user.username)
    login(other, user.username)
    response = client.post(
        "/account", data={"pw-current_password": "wrong one here", "pw-new_password": "a brand new phrase"}
    )
    assert response.status_code == 200 and "pw-current_password-error" in response.get_data(as_text=True)
    response = client.post(
        "/account", data={"pw-current_password": PASSWORD, "pw-new_password": "a brand new phrase"}
    )
    assert response.status_code == 302
    assert client.get("/account").status_code == 200  # this session goes on
    assert other.get("/account").status_code == 302  # the other one ended
    client.post("/logout")
    assert login(client, user.username, "a brand new phrase").status_code == 302


def test_weak_passwords_are_refused(client, make_user):
    user = make_user("mediator")
    login(client, user.username)
    for weak in ["short", "password123", "12345678"]:
        response = client.post("/account", data={"pw-current_password": PASSWORD, "pw-new_password": weak})
        assert response.status_code == 200
        assert "pw-new_password-error" in response.get_data(as_text=True), weak


def test_passwords_are_hashed_with_argon2id(app, make_user):
    user = make_user("mediator")
    with app.app_context():
        stored = db.session.get(User, user.id).password_hash
    assert stored.startswith("$argon2id$") and PASSWORD not in stored


def test_logout_everywhere_ends_every_session(app, make_user):
    user = make_user("mediator")
    first, second = app.test_client(), app.test_client()
    login(first, user.username)
    login(second, user.username)
    second.post("/account/logout-everywhere")
    assert first.get("/account").status_code == 302
    assert second.get("/account").status_code == 302


def test_form_without_csrf_token_is_refused(client, make_user, csrf_enabled):
    user = make_user("admin")
    response = client.post("/login", data={"username": user.username, "password": PASSWORD})
    assert response.status_code == 400
    page = client.get("/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post(
        "/login", data={"username": user.username, "password": PASSWORD, "csrf_token": token}
    )
    assert response.status_code == 302


def test_admin_creates_a_user_who_can_log_in(app, client, login_as):
    login_as("admin")
    response = client.post(
        "/admin/users/new",
        data={"_form": "u", "username": "newclerk", "role": "bureau", "password": "a long first password"},
    )
    assert response.status_code == 302
    client.post("/logout")
    assert login(client, "newclerk", "a long first password").status_code == 302


def test_admin_user_form_shows_errors_beside_fields(client, login_as, make_user):
    login_as("admin")
    taken = make_user("bureau")
    response = client.post(
        "/admin/users/new",
        data={"_form": "u", "username": taken.username, "role": "bureau", "password": "short"},
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="username-error"' in html


def test_only_admin_manages_users(client, login_as):
    login_as("bureau")
    assert client.get("/admin/users").status_code == 403


def test_admin_reset_password_ends_sessions(app, client, login_as, make_user):
    victim = make_user("mediator")
    other = app.test_client()
    login(other, victim.username)
    login_as("admin")
    response = client.post(
        f"/admin/users/{victim.id}", data={"_form": "r", "r-new_password": "reset by the admin"}
    )
    assert response.status_code == 302
    assert other.get("/account").status_code == 302
    assert login(app.test_client(), victim.username, "reset by the admin").status_code == 302


def test_common_password_lists_cover_global_and_chinese_favourites(app):
    from casebook.auth.passwords import password_problem

    with app.test_request_context():
        for weak in ["iloveyou", "sunshine", "woaini1314", "qwertyuiop", "Password1"]:
            assert password_problem(weak) is not None, weak
        assert password_problem("lantern river copper 7") is None


def test_guessable_passwords_are_refused_with_the_reason_beside_the_field(client, make_user):
    user = make_user("mediator", username="zhangwei", display_name="Zhang Wei")
    login(client, user.username)
    reasons = {
        "aaaaaaaa": "重复的字符",
        "qwertyui": "最常见的密码",
        "zaq12wsx": "最常见的密码",
        "zxcvbnm,./": "相邻按键",
        "abcdefghijk": "连续的字符",
        "zhangwei2024!": "用户名或姓名",
    }
    for weak, reason in reasons.items():
        response = client.post("/account", data={"pw-current_password": PASSWORD, "pw-new_password": weak})
        html = response.get_data(as_text=True)
        error = re.search(r'id="pw-new_password-error"[^>]*><p>([^<]*)<', html)
        assert response.status_code == 200 and error, weak
        assert reason in error.group(1), (weak, error.group(1))


def test_demo_passwords_pass_the_policy(app):
    from casebook.auth.passwords import password_problem
    from casebook.demo import DEMO_ACCOUNTS

    with app.test_request_context():
        for username, _role, password in DEMO_ACCOUNTS:
            assert password_problem(password, username, username) is None, username
