"""Sessions: Flask-Login with a per-user token in the session id, idle and absolute timeouts."""

from __future__ import annotations

import time

from flask import Flask, current_app, session
from flask_babel import lazy_gettext as _l
from flask_login import current_user, logout_user

from casebook.extensions import db, login_manager


def init_app(app: Flask) -> None:
    """Configure Flask-Login and the timeout check."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user)
    app.before_request(enforce_session_timeouts)


def load_user(session_id: str):
    """Load the user only if the token in the session id is still theirs and the account is enabled."""
    from casebook.auth.models import User

    user_id, _, token = session_id.partition(":")
    if not user_id.isdigit() or not token:
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_enabled or user.session_token != token:
        return None
    return user


def start_session() -> None:
    """Mark the login time; called right after login_user."""
    now = int(time.time())
    session["login_at"] = now
    session["seen_at"] = now
    session.permanent = True


def enforce_session_timeouts():
    """End a session idle for too long, or older than the absolute lifetime (ASVS 7.3.1, 7.3.2)."""
    if not current_user.is_authenticated:
        return None
    now = int(time.time())
    idle = current_app.config["IDLE_TIMEOUT"].total_seconds()
    lifetime = current_app.config["PERMANENT_SESSION_LIFETIME"].total_seconds()
    login_at = session.get("login_at", 0)
    seen_at = session.get("seen_at", 0)
    if now - seen_at > idle or now - login_at > lifetime:
        logout_user()
        session.clear()
        return login_manager.unauthorized()
    session["seen_at"] = now
    return None
