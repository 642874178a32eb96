"""Login sessions kept on the server: Flask-Login carries `user id:session key`, the key names a row of
user_sessions, and a session is live only while that row is not ended, not idle and not too old.

Logging out ends the row, so a copy of the cookie replayed afterwards is refused (ASVS 7.4.1); idle and absolute
timeouts are checked against the row, not against times the cookie itself carries (ASVS 7.3.1, 7.3.2).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement, select, update
from sqlalchemy.orm import joinedload

from casebook.auth.models import User, UserSession, sha256
from casebook.auth.security_log import client_address
from casebook.core import clock
from casebook.extensions import db, login_manager

# last_seen_at is written at most this often per session (a write per request would cost every page).
SEEN_GRANULARITY = timedelta(seconds=60)


def init_app(app: Flask) -> None:
    """Configure Flask-Login: sessions are loaded from their server-side rows."""
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    login_manager.user_loader(load_user)


def live_sessions_clause(now: datetime) -> ColumnElement[bool]:
    """The condition for a session row that is still live at `now`."""
    return (
        UserSession.ended_at.is_(None)
        & (UserSession.created_at > now - _duration("PERMANENT_SESSION_LIFETIME"))
        & (UserSession.last_seen_at > now - _duration("IDLE_TIMEOUT"))
    )


def _duration(name: str) -> timedelta:
    """A timeout setting: a timedelta, or seconds when set from the environment (CASEBOOK_IDLE_TIMEOUT=1800)."""
    value = current_app.config[name]
    return value if isinstance(value, timedelta) else timedelta(seconds=int(value))


def load_user(session_id: str) -> User | None:
    """The user of a live session whose key the cookie carries, when the account is enabled."""
    user_id, _, key = session_id.partition(":")
    if not user_id.isdigit() or not key:
        return None
    now = clock.now()
    record = db.session.scalar(
        select(UserSession)
        .options(joinedload(UserSession.user))
        .where(UserSession.key_hash == sha256(key), live_sessions_clause(now))
    )
    if record is None or record.user_id != int(user_id) or not record.user.is_enabled:
        return None
    if clock.as_utc(record.last_seen_at) < now - SEEN_GRANULARITY:
        # The session's own bookkeeping, committed at once before the request reads or writes anything else
        # (the view's single commit is for the view's work, and a GET view commits nothing). Only a stale
        # row is written: an UPDATE, even of no row, would hold SQLite's write lock for the whole request.
        record.last_seen_at = now
        db.session.commit()
    return _attach(record.user, record, key)


def start_session(user: User) -> UserSession:
    """A new server-side session for `user`, attached to it so that login_user stores its key."""
    key = UserSession.new_key()
    ip, user_agent = client_address()
    record = UserSession(user=user, key_hash=sha256(key), ip=ip, user_agent=user_agent)
    db.session.add(record)
    db.session.flush()
    _attach(user, record, key)
    return record


def _attach(user: User, record: UserSession, key: str) -> User:
    user.login_session = record
    user.session_key = key
    return user


def end_sessions(user: User, reason: str, *, keep: UserSession | None = None) -> int:
    """End the user's live sessions (all but `keep`); returns how many ended."""
    query = update(UserSession).where(UserSession.user_id == user.id, UserSession.ended_at.is_(None))
    if keep is not None:
        query = query.where(UserSession.id != keep.id)
    query = query.values(ended_at=clock.now(), end_reason=reason)
    return db.session.execute(query.execution_options(synchronize_session="fetch")).rowcount


def end_session(record: UserSession, reason: str) -> None:
    """End one session."""
    if record.ended_at is None:
        record.ended_at = clock.now()
        record.end_reason = reason


def live_sessions(user: User) -> list[UserSession]:
    """The user's live sessions, the most recently used first."""
    return list(
        db.session.scalars(
            select(UserSession)
            .where(UserSession.user_id == user.id, live_sessions_clause(clock.now()))
            .order_by(UserSession.last_seen_at.desc())
        )
    )
