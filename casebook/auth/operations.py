"""Every write to users and tokens: create, disable, reset, change password, issue and revoke tokens."""

from __future__ import annotations

import secrets

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from casebook.auth.models import ApiToken, User, new_session_token
from casebook.auth.passwords import (
    hash_password,
    password_problem,
    verify_password,
)
from casebook.auth.passwords import (
    needs_rehash as _hash_is_weak,
)
from casebook.core import clock
from casebook.core.errors import DomainError
from casebook.core.permissions import Role
from casebook.extensions import db


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
    problem = password_problem(password, username)
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
    return user


def authenticate(username: str, password: str) -> User | None:
    """The enabled user with these credentials, or None (same answer whatever was wrong)."""
    user = find_user(username)
    if user is None:
        hash_password(password)  # spend the same time as a real check, so timing tells nothing
        return None
    if not verify_password(user.password_hash, password) or not user.is_enabled:
        return None
    user.last_login_at = clock.now()
    return user


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change one's own password; every other session of the user ends."""
    if not verify_password(user.password_hash, current_password):
        raise DomainError(str(_l("The current password is not correct.")), field="current_password")
    set_password(user, new_password)


def set_password(user: User, new_password: str) -> None:
    """Set a password (own change or an administrator's reset) and end all the user's sessions."""
    problem = password_problem(new_password, user.username)
    if problem:
        raise DomainError(problem, field="new_password")
    user.password_hash = hash_password(new_password)
    user.password_changed_at = clock.now()
    end_all_sessions(user)


def end_all_sessions(user: User) -> None:
    """Log the user out everywhere: sessions and remember-me cookies carry the old token."""
    user.session_token = new_session_token()


def set_enabled(user: User, enabled: bool) -> None:
    """Enable or disable an account; disabling ends its sessions and its API tokens stop working."""
    user.is_enabled = enabled
    if not enabled:
        end_all_sessions(user)


def issue_token(user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new API token; the raw value is returned once and only its hash is kept."""
    raw = "cb_" + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name.strip(), token_hash=ApiToken.hash(raw), prefix=raw[:10])
    db.session.add(token)
    db.session.flush()
    return token, raw


def revoke_token(token: ApiToken) -> None:
    """Stop a token from working."""
    token.revoke()


def user_for_token(raw: str) -> User | None:
    """The enabled user whose live token this is."""
    token = db.session.scalar(select(ApiToken).where(ApiToken.token_hash == ApiToken.hash(raw)))
    if token is None or token.is_revoked or not token.user.is_enabled:
        return None
    return token.user


def needs_rehash(user: User) -> bool:
    """True when the user's hash was made with weaker parameters than today's."""
    return _hash_is_weak(user.password_hash)


def rehash(user: User, password: str) -> None:
    """Store a fresh hash after a successful login with an outdated one."""
    user.password_hash = hash_password(password)


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
        end_all_sessions(user)
    user.display_name = (display_name or "").strip()
    user.role = role
    user.mediator_id = mediator_id
