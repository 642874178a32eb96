"""Every write to users, their sessions and tokens, each with its line in the security log."""

from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from casebook.auth import sessions
from casebook.auth.models import ApiToken, SecurityEventKind, User, UserSession
from casebook.auth.passwords import (
    hash_password,
    password_problem,
    verify_password,
)
from casebook.auth.passwords import (
    needs_rehash as _hash_is_weak,
)
from casebook.auth.security_log import record
from casebook.core import clock
from casebook.core.errors import DomainError
from casebook.core.permissions import Role
from casebook.extensions import db

Kind = SecurityEventKind


def find_user(username: str) -> User | None:
    """The user with this username (case-insensitive)."""
    return db.session.scalar(select(User).where(func.lower(User.username) == username.strip().lower()))


def create_user(
    username: str, role: str, password: str, display_name: str = "", mediator_id: int | None = None
) -> User:
    """A new enabled user; refuses a taken name, an unknown role or a weak password."""
    username = username.strip()
    if not username:
        raise DomainError(str(_l("Enter a username.")), field="username")
    if find_user(username) is not None:
        raise DomainError(str(_l("The username %(name)s is already taken.", name=username)), field="username")
    if role not in {r.value for r in Role}:
        raise DomainError(str(_l("Unknown role.")), field="role")
    problem = password_problem(password, username, display_name)
    if problem:
        raise DomainError(problem, field="password")
    user = User(
        username=username,
        role=role,
        display_name=(display_name or "").strip(),
        password_hash=hash_password(password),
        password_changed_at=clock.now(),
        mediator_id=mediator_id,
    )
    db.session.add(user)
    db.session.flush()
    record(Kind.USER_CREATED, user=user, role=role)
    return user


def authenticate(username: str, password: str) -> User | None:
    """The enabled user with these credentials, or None (same answer whatever was wrong; logged)."""
    user = find_user(username)
    if user is None:
        hash_password(password)  # spend the same time as a real check, so timing tells nothing
    elif verify_password(user.password_hash, password) and user.is_enabled:
        if _hash_is_weak(user.password_hash):
            user.password_hash = hash_password(password)  # a fresh hash with today's parameters
        return user
    record(Kind.LOGIN_FAILED, user=user, username=username)
    return None


def record_login_delay(username: str, seconds: int) -> None:
    """Log a login attempt refused unchecked because the username's attempts are delayed."""
    record(Kind.LOGIN_DELAYED, user=find_user(username), username=username, seconds=seconds)


def log_in(user: User) -> UserSession:
    """Start a server-side session for an authenticated user."""
    user.last_login_at = clock.now()
    login_session = sessions.start_session(user)
    record(Kind.LOGIN, user=user, actor=user, session=login_session.id)
    return login_session


def log_out(user: User) -> None:
    """End the session this request runs in."""
    if user.login_session is not None:
        sessions.end_session(user.login_session, "logout")
        record(Kind.LOGOUT, user=user, session=user.login_session.id)


def end_own_session(user: User, session_id: int) -> None:
    """End another of one's own live sessions (the list on the account page)."""
    login_session = next((s for s in sessions.live_sessions(user) if s.id == session_id), None)
    if login_session is None:
        raise DomainError(str(_l("This session has already ended.")))
    sessions.end_session(login_session, "ended_by_user")
    record(Kind.SESSION_ENDED, user=user, session=session_id)


def log_out_everywhere(user: User) -> None:
    """End every session of the user, this one included."""
    count = sessions.end_sessions(user, "logout_everywhere")
    record(Kind.LOGOUT_EVERYWHERE, user=user, sessions=count)


def change_password(user: User, current_password: str, new_password: str, revoke_tokens: bool = True) -> None:
    """Change one's own password: the user's other sessions end, and their API tokens unless kept."""
    if not verify_password(user.password_hash, current_password):
        raise DomainError(str(_l("The current password is not correct.")), field="current_password")
    _set_password(user, new_password)
    ended = sessions.end_sessions(user, "password_changed", keep=user.login_session)
    revoked = revoke_all_tokens(user, "password_changed") if revoke_tokens else 0
    record(Kind.PASSWORD_CHANGED, user=user, sessions=ended, tokens=revoked)


def reset_password(user: User, new_password: str, revoke_tokens: bool = True) -> None:
    """An administrator sets a user's password: every session of the user ends, and their tokens unless kept."""
    _set_password(user, new_password)
    ended = sessions.end_sessions(user, "password_reset")
    revoked = revoke_all_tokens(user, "password_reset") if revoke_tokens else 0
    record(Kind.PASSWORD_RESET, user=user, sessions=ended, tokens=revoked)


def _set_password(user: User, new_password: str) -> None:
    problem = password_problem(new_password, user.username, user.display_name)
    if problem:
        raise DomainError(problem, field="new_password")
    user.password_hash = hash_password(new_password)
    user.password_changed_at = clock.now()


def set_enabled(user: User, enabled: bool) -> None:
    """Enable or disable an account; disabling ends its sessions and its API tokens stop working."""
    if user.is_enabled == enabled:
        return
    user.is_enabled = enabled
    if not enabled:
        sessions.end_sessions(user, "disabled")
    record(Kind.USER_ENABLED if enabled else Kind.USER_DISABLED, user=user)


def issue_token(user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new API token; the raw value is returned once and only its hash is kept."""
    raw = "cb_" + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), token_hash=ApiToken.hash(raw), prefix=raw[:10])
    db.session.add(token)
    db.session.flush()
    record(Kind.TOKEN_CREATED, user=user, token=token.id, prefix=token.prefix, name=token.name)
    return token, raw


def revoke_token(token: ApiToken, reason: str = "revoked") -> None:
    """Stop a token from working."""
    if token.is_revoked:
        return
    token.revoke()
    record(Kind.TOKEN_REVOKED, user=token.user, token=token.id, prefix=token.prefix, reason=reason)


def revoke_all_tokens(user: User, reason: str) -> int:
    """Revoke every live token of the user; returns how many."""
    live = db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id, ApiToken.revoked_at.is_(None))
    ).all()
    for token in live:
        revoke_token(token, reason)
    return len(live)


def user_for_token(raw: str) -> User | None:
    """The enabled user whose live token this is."""
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == ApiToken.hash(raw)))
    if token is None or token.is_revoked or not token.user.is_enabled:
        return None
    return token.user


def record_refused_token() -> None:
    """Log a request whose API token was refused (unknown, revoked, or of a disabled account)."""
    record(Kind.TOKEN_REFUSED)


def mediator_id_for_code(code: str | None) -> int | None:
    """The id of the mediator with this code, None for an empty code; refuses an unknown one."""
    from casebook.orgs.models import Mediator

    code = (code or "").strip()
    if not code:
        return None
    mediator_id = db.session.scalar(select(Mediator.id).where(Mediator.code == code))
    if mediator_id is None:
        raise DomainError(str(_l("No mediator has the code %(code)s.", code=code)), field="mediator_code")
    return mediator_id


def update_user(user: User, display_name: str, role: str, mediator_id: int | None) -> None:
    """Change an account's name, role and linked mediator; a role change ends its sessions."""
    if role not in {r.value for r in Role}:
        raise DomainError(str(_l("Unknown role.")), field="role")
    if role != user.role:
        sessions.end_sessions(user, "role_changed")
        record(Kind.ROLE_CHANGED, user=user, old=user.role, new=role)
    user.display_name = (display_name or "").strip()
    user.role = role
    user.mediator_id = mediator_id
