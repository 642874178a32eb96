"""The security log: every login, failure, delay, logout and change to accounts and tokens, who, when, from
where; an administrator's page (filters, pages, Chinese and English) and `casebook security-log`."""

from sqlalchemy import select

from casebook.auth.models import ApiToken, SecurityEvent, User
from casebook.extensions import db
from tests.conftest import PASSWORD, login


def _kinds() -> list[str]:
    return list(db.session.scalars(select(SecurityEvent.kind).order_by(SecurityEvent.id)))


def test_account_lifecycle_is_logged_with_who_and_from_where(app, client, make_user):
    admin = make_user("admin", display_name="王管理")
    client.environ_base.update({"REMOTE_ADDR": "192.0.2.10", "HTTP_USER_AGENT": "Firefox/140"})
    login(client, admin.username)
    client.post(
        "/admin/users/new",
        data={"_form": "u", "username": "clerk", "role": "mediator", "password": "a long first password"},
    )
    clerk = db.session.scalar(select(User).where(User.username == "clerk"))
    client.post(
        f"/admin/users/{clerk.id}", data={"_form": "u", "u-role": "bureau", "u-display_name": "李文书"}
    )
    client.post(f"/admin/users/{clerk.id}", data={"_form": "r", "r-new_password": "reset by the admin"})
    client.post(f"/admin/users/{clerk.id}/enabled", data={"enabled": "0"})
    client.post(f"/admin/users/{clerk.id}/enabled", data={"enabled": "1"})
    client.post("/account/tokens", data={"tk-name": "sync"})
    token = db.session.scalar(select(ApiToken))
    client.post(f"/account/tokens/{token.id}/revoke")
    client.post("/account", data={"pw-current_password": PASSWORD, "pw-new_password": "another long phrase"})
    client.post("/logout")
    login(client, admin.username, "not it")
    assert _kinds() == [
        "user_created",  # the admin, by the factory
        "login",
        "user_created",
        "role_changed",
        "password_reset",
        "user_disabled",
        "user_enabled",
        "token_created",
        "token_revoked",
        "password_changed",
        "logout",
        "login_failed",
    ]
    role_change = db.session.scalar(select(SecurityEvent).where(SecurityEvent.kind == "role_changed"))
    assert role_change.user_id == clerk.id and role_change.actor_id == admin.id
    assert role_change.detail == {"old": "mediator", "new": "bureau"}
    assert role_change.ip == "192.0.2.10" and role_change.user_agent == "Firefox/140"


def test_admin_page_filters_and_speaks_both_languages(app, client, make_user):
    victim = make_user("mediator", display_name="赵调解")
    login(client, victim.username, "wrong one")
    login(client, "nobody-at-all", "wrong one")
    login_admin = make_user("admin")
    login(client, login_admin.username)
    html = client.get("/admin/security-log").get_data(as_text=True)
    assert "安全日志" in html and "登录失败" in html and "nobody-at-all" in html and "赵调解" in html
    html = client.get(f"/admin/security-log?username={victim.username}&kind=login_failed").get_data(
        as_text=True
    )
    assert "赵调解" in html and "nobody-at-all" not in html
    html = client.get("/admin/security-log?kind=login&ip=203.0.113.1").get_data(as_text=True)
    assert "没有符合条件的事件" in html
    html = client.get("/admin/security-log?kind=bogus&start=2025-13-40").get_data(as_text=True)
    assert "nobody-at-all" in html  # a bad filter is shown beside its field, the log unfiltered
    html = client.get("/admin/security-log?start=2025-06-17").get_data(as_text=True)
    assert "没有符合条件的事件" in html  # the tests' day is 2025-06-16
    client.post("/language", data={"lang": "en"})
    html = client.get("/admin/security-log").get_data(as_text=True)
    assert "Security log" in html and "Failed login" in html


def test_admin_page_pages_in_a_fixed_number_of_statements(app, client, make_user):
    from tests.mediation.test_exports import counted_queries

    admin = make_user("admin")
    for i in range(60):
        guesser = app.test_client()
        guesser.environ_base["REMOTE_ADDR"] = f"198.51.100.{i}"
        login(guesser, f"guess{i}", "wrong")
    login(client, admin.username)
    client.get("/admin/security-log")
    with counted_queries(app) as statements:
        second = client.get("/admin/security-log?page=2")
    assert second.status_code == 200 and "guess" in second.get_data(as_text=True)
    assert len(statements) <= 6, statements


def test_only_administrators_read_the_log(client, login_as):
    login_as("bureau")
    assert client.get("/admin/security-log").status_code == 403


def test_commands_list_and_revoke_tokens_enable_users_and_print_the_log(app, make_user):
    user = make_user("bureau", username="clerk")
    runner = app.test_cli_runner()
    raw = runner.invoke(args=["tokens", "create", "clerk", "--name", "sync"]).output.strip()
    token = db.session.scalar(select(ApiToken))
    listing = runner.invoke(args=["tokens", "list", "clerk"])
    assert listing.exit_code == 0 and str(token.id) in listing.output and raw[:10] in listing.output
    assert "live" in listing.output and raw not in listing.output
    result = runner.invoke(args=["tokens", "revoke", str(token.id)])
    assert result.exit_code == 0, result.output
    assert "revoked" in runner.invoke(args=["tokens", "list", "clerk"]).output
    assert runner.invoke(args=["tokens", "revoke", str(token.id)]).exit_code != 0
    assert runner.invoke(args=["tokens", "revoke", "999"]).exit_code != 0
    runner.invoke(args=["users", "disable", "clerk"])
    result = runner.invoke(args=["users", "enable", "clerk"])
    assert result.exit_code == 0
    db.session.refresh(user)
    assert user.is_enabled
    log = runner.invoke(args=["security-log", "--user", "clerk"])
    assert log.exit_code == 0
    lines = log.output.strip().splitlines()
    assert [line.split("\t")[1] for line in lines] == [
        "user_enabled",
        "user_disabled",
        "token_revoked",
        "token_created",
        "user_created",
    ]
    assert "(command line)" in lines[0]
    only = runner.invoke(args=["security-log", "--kind", "token_created", "--limit", "1"])
    assert len(only.output.strip().splitlines()) == 1
