"""Anti-automation without denial of service: a progressive delay per username, never a lockout the attacker
can impose; limits per client address, which only trusted proxies may set; bad API tokens throttled too."""

from datetime import timedelta

import pytest
from sqlalchemy import func, select

from casebook import create_app
from casebook.auth.models import SecurityEvent, SecurityEventKind
from casebook.core import clock
from casebook.extensions import db
from tests.conftest import PASSWORD, FreshContextClient, login


def _failures(username: str, count: int, seconds_ago: float) -> None:
    """`count` failed logins for `username`, the last `seconds_ago` seconds ago."""
    last = clock.now() - timedelta(seconds=seconds_ago)
    for i in range(count):
        db.session.add(
            SecurityEvent(
                kind=SecurityEventKind.LOGIN_FAILED,
                username=username,
                created_at=last - timedelta(milliseconds=i),
            )
        )
    db.session.commit()


def _earlier(kind: SecurityEventKind, delta: timedelta) -> None:
    """Move the events of this kind back in time."""
    for event in db.session.scalars(select(SecurityEvent).where(SecurityEvent.kind == kind)):
        event.created_at = event.created_at - delta
    db.session.commit()


def test_five_failures_are_free_then_each_attempt_waits_longer(client, make_user):
    user = make_user("admin")
    _failures(user.username, 5, seconds_ago=60)
    assert login(client, user.username, "wrong guess 6").status_code == 200  # 1 s after the 5th: long gone
    _failures(user.username, 2, seconds_ago=1)  # 8 failures: the next waits 2**3 = 8 s after the last
    response = login(client, user.username)  # even the right password is not checked now
    assert response.status_code == 429
    assert 7 <= int(response.headers["Retry-After"]) <= 8
    html = response.get_data(as_text=True)
    assert 'id="password-error"' in html and "秒后再试" in html


def test_the_delay_is_capped_so_the_account_is_never_locked(app, client, make_user):
    user = make_user("admin")
    _failures(user.username, 200, seconds_ago=0)
    response = login(client, user.username)
    assert response.status_code == 429
    assert int(response.headers["Retry-After"]) <= app.config["LOGIN_DELAY_MAX_SECONDS"]
    _earlier(SecurityEventKind.LOGIN_FAILED, timedelta(seconds=app.config["LOGIN_DELAY_MAX_SECONDS"]))
    assert login(client, user.username).status_code == 302  # after the cap, the right password works


def test_a_successful_login_starts_the_count_again(client, make_user):
    user = make_user("bureau")
    _failures(user.username, 6, seconds_ago=120)
    assert login(client, user.username).status_code == 302
    client.post("/logout")
    _failures(user.username, 4, seconds_ago=-1)  # after the login
    assert login(client, user.username, "one more wrong guess").status_code == 200  # 5th since the login


def test_the_browser_the_account_logged_in_from_is_not_delayed(app, make_user):
    user = make_user("admin")
    own = app.test_client()
    assert login(own, user.username).status_code == 302
    own.post("/logout")
    _earlier(SecurityEventKind.LOGIN, timedelta(hours=1))
    _failures(user.username, 30, seconds_ago=0)  # an attacker elsewhere
    assert login(app.test_client(), user.username).status_code == 429
    assert login(own, user.username).status_code == 302  # the administrator still gets in
    own.post("/logout")
    assert login(own, user.username, "a typo in it").status_code == 200
    _earlier(SecurityEventKind.LOGIN, timedelta(hours=1))
    _failures(user.username, 30, seconds_ago=0)
    assert login(own, user.username).status_code == 429  # after a failure here, delayed like anywhere


def test_failures_from_many_forged_addresses_lock_out_nobody(app, make_user):
    admin, clerk = make_user("admin"), make_user("bureau")
    for i in range(60):
        attacker = app.test_client()
        attacker.environ_base["REMOTE_ADDR"] = f"198.51.100.{i}"
        attacker.post(
            "/login",
            data={"username": admin.username if i % 2 else f"guess{i}", "password": "Winter2024!"},
            headers={"X-Forwarded-For": "127.0.0.1"},
        )
    assert login(app.test_client(), clerk.username).status_code == 302
    failures = db.session.scalar(
        select(func.count()).where(
            SecurityEvent.kind == SecurityEventKind.LOGIN_FAILED, SecurityEvent.username == admin.username
        )
    )
    assert failures < 10  # past the free attempts they were delayed, not checked


def test_failed_logins_from_one_address_are_limited(app, make_user):
    app.config["LOGIN_LIMIT_PER_IP"] = "3 per 15 minutes"
    try:
        user = make_user("bureau")
        noisy = app.test_client()
        for i in range(3):
            assert login(noisy, f"guess{i}", "wrong").status_code == 200
        response = login(noisy, user.username)
        assert response.status_code == 429
        assert "尝试次数过多" in response.get_data(as_text=True)
        other = app.test_client()
        other.environ_base["REMOTE_ADDR"] = "192.0.2.7"
        assert login(other, user.username).status_code == 302
    finally:
        app.config["LOGIN_LIMIT_PER_IP"] = "30 per 15 minutes"


def _last_failure_ip(username: str) -> str | None:
    return db.session.scalar(
        select(SecurityEvent.ip).where(SecurityEvent.username == username).order_by(SecurityEvent.id.desc())
    )


def test_x_forwarded_for_is_ignored_without_trusted_proxies(client):
    client.environ_base["REMOTE_ADDR"] = "10.0.0.5"
    client.post(
        "/login", data={"username": "nobody", "password": "x"}, headers={"X-Forwarded-For": "203.0.113.9"}
    )
    assert _last_failure_ip("nobody") == "10.0.0.5"


@pytest.fixture
def proxied_app(app):
    """The same database behind one trusted proxy (CASEBOOK_TRUSTED_PROXIES=1)."""
    behind_proxy = create_app(
        {
            "ENV_NAME": "testing",
            "TODAY": app.config["TODAY"],
            "TRUSTED_PROXIES": 1,
            "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
            "SQLALCHEMY_ENGINE_OPTIONS": app.config["SQLALCHEMY_ENGINE_OPTIONS"],
        }
    )
    behind_proxy.test_client_class = FreshContextClient
    yield behind_proxy
    with behind_proxy.app_context():
        db.engine.dispose()


def test_x_forwarded_for_is_the_client_behind_a_trusted_proxy(proxied_app):
    client = proxied_app.test_client()
    client.environ_base["REMOTE_ADDR"] = "10.0.0.5"
    client.post(
        "/login",
        data={"username": "nobody", "password": "x"},
        headers={"X-Forwarded-For": "198.51.100.1, 203.0.113.9"},
    )
    assert _last_failure_ip("nobody") == "203.0.113.9"  # the address the one trusted proxy saw


def test_bad_bearer_tokens_are_throttled_per_address(app, api_client):
    app.config["API_TOKEN_FAILURE_LIMIT"] = "3 per 15 minutes"
    try:
        _user, good = api_client("bureau")
        guesser = app.test_client()
        for i in range(3):
            assert (
                guesser.get("/api/v1/me", headers={"Authorization": f"Bearer cb_guess{i}"}).status_code == 401
            )
        response = guesser.get("/api/v1/me", headers={"Authorization": "Bearer cb_guess4"})
        assert response.status_code == 429 and int(response.headers["Retry-After"]) > 0
        assert "无效 API 令牌过多" in response.get_json()["error"]["message"]
        # a live token still works from that address (no guess finds one; an integration behind the same NAT)
        assert guesser.get("/api/v1/me", headers=good).status_code == 200
        elsewhere = app.test_client()
        elsewhere.environ_base["REMOTE_ADDR"] = "192.0.2.8"
        assert elsewhere.get("/api/v1/me", headers={"Authorization": "Bearer cb_guess5"}).status_code == 401
        refused = db.session.scalar(
            select(func.count()).where(SecurityEvent.kind == SecurityEventKind.TOKEN_REFUSED)
        )
        assert refused == 4  # the 429s are not logged: a flood writes no more than the limit
    finally:
        app.config["API_TOKEN_FAILURE_LIMIT"] = "20 per 15 minutes"


def test_right_password_after_failures_elsewhere_needs_no_wait_below_the_free_count(client, make_user):
    user = make_user("mediator")
    _failures(user.username, 4, seconds_ago=0)
    assert login(client, user.username, PASSWORD).status_code == 302
