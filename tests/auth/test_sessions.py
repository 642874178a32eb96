"""Sessions kept on the server: logout ends the session a replayed cookie carries; password changes and resets
end the other sessions and revoke API tokens; timeouts are checked against the server's record."""

import re
from datetime import timedelta

from sqlalchemy import select

from casebook.auth.models import ApiToken, UserSession
from casebook.core import clock
from casebook.extensions import db
from tests.conftest import PASSWORD, login

NEW_PASSWORD = "a brand new phrase"


def test_a_cookie_replayed_after_logout_is_refused(app, client, make_user):
    user = make_user("mediator")
    login(client, user.username)
    stolen = client.get_cookie("session").value
    assert client.post("/logout").status_code == 302
    replay = app.test_client()
    replay.set_cookie("session", stolen)
    assert replay.get("/account").status_code == 302
    ended = db.session.scalars(select(UserSession)).one()
    assert ended.ended_at is not None and ended.end_reason == "logout"


def test_logging_out_ends_only_that_session(app, make_user):
    user = make_user("bureau")
    office, laptop = app.test_client(), app.test_client()
    login(office, user.username)
    login(laptop, user.username)
    office.post("/logout")
    assert laptop.get("/account").status_code == 200


def test_the_account_page_lists_live_sessions_and_ends_another(app, client, make_user):
    user = make_user("bureau")
    other = app.test_client()
    login(client, user.username)
    login(other, user.username, follow=False)
    page = client.get("/account").get_data(as_text=True)
    assert page.count('action="/account/sessions/') == 1  # the other session; this one is marked, not ended
    other_id = db.session.scalars(select(UserSession.id).order_by(UserSession.id.desc())).first()
    assert client.post(f"/account/sessions/{other_id}/end").status_code == 302
    assert other.get("/account").status_code == 302
    assert client.get("/account").status_code == 200
    someone_else = make_user("bureau")
    login(app.test_client(), someone_else.username)
    theirs = db.session.scalars(select(UserSession.id).where(UserSession.user_id == someone_else.id)).one()
    client.post(f"/account/sessions/{theirs}/end")  # not one's own: refused
    assert db.session.get(UserSession, theirs).ended_at is None


def _token(user):
    from casebook.auth import operations

    _token, raw = operations.issue_token(user, "integration")
    db.session.commit()
    return {"Authorization": f"Bearer {raw}"}


def test_changing_the_password_revokes_api_tokens_by_default(app, client, make_user):
    user = make_user("bureau")
    headers = _token(user)
    login(client, user.username)
    page = client.get("/account").get_data(as_text=True)
    assert re.search(r'<input [^>]*checked id="pw-revoke_tokens"', page)  # asked, defaulting to yes
    response = client.post(
        "/account",
        data={"pw-current_password": PASSWORD, "pw-new_password": NEW_PASSWORD, "pw-revoke_tokens": "y"},
    )
    assert response.status_code == 302
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_a_password_change_may_keep_the_tokens(app, client, make_user):
    user = make_user("bureau")
    headers = _token(user)
    login(client, user.username)
    client.post("/account", data={"pw-current_password": PASSWORD, "pw-new_password": NEW_PASSWORD})
    assert client.get("/api/v1/me", headers=headers).status_code == 200


def test_an_admin_reset_ends_sessions_and_revokes_tokens(app, client, login_as, make_user):
    victim = make_user("mediator")
    headers = _token(victim)
    elsewhere = app.test_client()
    login(elsewhere, victim.username)
    login_as("admin")
    response = client.post(
        f"/admin/users/{victim.id}",
        data={"_form": "r", "r-new_password": "reset by the admin", "r-revoke_tokens": "y"},
    )
    assert response.status_code == 302
    assert elsewhere.get("/account").status_code == 302
    assert client.get("/api/v1/me", headers=headers).status_code == 401
    assert db.session.scalars(select(ApiToken.revoked_at)).one() is not None


def test_idle_session_times_out(app, client, make_user):
    user = make_user("mediator")
    login(client, user.username)
    _shift_sessions(last_seen_at=timedelta(minutes=31))
    assert client.get("/account").status_code == 302


def test_absolute_session_lifetime(app, client, make_user):
    user = make_user("mediator")
    login(client, user.username)
    _shift_sessions(created_at=timedelta(hours=13))
    assert client.get("/account").status_code == 302


def test_an_active_session_is_kept_alive_on_the_server(app, client, make_user):
    user = make_user("mediator")
    login(client, user.username)
    _shift_sessions(last_seen_at=timedelta(minutes=29))
    assert client.get("/account").status_code == 200  # seen now: the idle clock starts again
    _shift_sessions(last_seen_at=timedelta(minutes=29))
    assert client.get("/account").status_code == 200


def _shift_sessions(**back: timedelta) -> None:
    """Set the sessions' timestamps to this long ago."""
    for record in db.session.scalars(select(UserSession)):
        for name, delta in back.items():
            setattr(record, name, clock.now() - delta)
    db.session.commit()


def test_keep_me_logged_in_is_gone(client, make_user):
    user = make_user("mediator")
    assert 'name="remember"' not in client.get("/login").get_data(as_text=True)
    client.post("/login", data={"username": user.username, "password": PASSWORD, "remember": "y"})
    assert client.get_cookie("remember_token") is None


def test_a_page_writes_the_session_row_only_once_a_minute(app, client, make_user):
    from tests.mediation.test_exports import counted_queries

    user = make_user("mediator")
    login(client, user.username)
    with counted_queries(app) as statements:
        client.get("/account")
    # Not even an UPDATE of no row: on SQLite it would hold the write lock for the whole request.
    assert not [s for s in statements if s.lstrip().upper().startswith("UPDATE")]
    _shift_sessions(last_seen_at=timedelta(minutes=2))
    with counted_queries(app) as statements:
        client.get("/account")
    assert len([s for s in statements if s.lstrip().upper().startswith("UPDATE USER_SESSIONS")]) == 1
