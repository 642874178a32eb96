"""The security log's one write: `record(kind, ...)` adds a row with who, when and from where."""

from __future__ import annotations

from flask import has_request_context, request
from flask_babel import gettext as _
from flask_login import current_user

from casebook.auth.models import SecurityEvent, SecurityEventKind, User
from casebook.extensions import db

USERNAME_LENGTH = 64
USER_AGENT_LENGTH = 255


def record(
    kind: SecurityEventKind,
    *,
    user: User | None = None,
    username: str | None = None,
    actor: User | None = None,
    **detail: object,
) -> SecurityEvent:
    """Add an event about `user` (or a typed `username`), done by `actor` (default: the logged-in user)."""
    ip, user_agent = client_address()
    if actor is None and has_request_context() and current_user.is_authenticated:
        actor = current_user._get_current_object()
    event = SecurityEvent(
        kind=kind.value,
        user_id=user.id if user is not None else None,
        username=normalised_username(username if username is not None else user.username if user else ""),
        actor_id=actor.id if actor is not None else None,
        ip=ip,
        user_agent=user_agent,
        detail=detail,
    )
    db.session.add(event)
    return event


def normalised_username(username: str) -> str:
    """A username as the log and the login delay key it: stripped, lower case, bounded."""
    return username.strip().lower()[:USERNAME_LENGTH]


def client_address() -> tuple[str | None, str]:
    """The client's IP address (behind trusted proxies only: see CASEBOOK_TRUSTED_PROXIES) and user agent."""
    if not has_request_context():
        return None, ""
    return request.remote_addr, (request.user_agent.string or "")[:USER_AGENT_LENGTH]


def describe(event: SecurityEvent) -> str:
    """The event's details in words, for the log page and the command line."""
    from casebook.core.permissions import ROLE_LABELS, Role

    detail = event.detail or {}
    kind = SecurityEventKind(event.kind)

    def role(value: object) -> str:
        return str(ROLE_LABELS.get(Role(value), value)) if value in {r.value for r in Role} else str(value)

    if kind is SecurityEventKind.ROLE_CHANGED:
        return f"{role(detail.get('old'))} → {role(detail.get('new'))}"
    if kind is SecurityEventKind.USER_CREATED:
        return role(detail.get("role"))
    if kind is SecurityEventKind.LOGIN_DELAYED:
        return _("waited %(seconds)s s", seconds=detail.get("seconds", 0))
    if kind in (SecurityEventKind.PASSWORD_CHANGED, SecurityEventKind.PASSWORD_RESET):
        return _(
            "%(sessions)s sessions ended, %(tokens)s API tokens revoked",
            sessions=detail.get("sessions", 0),
            tokens=detail.get("tokens", 0),
        )
    if kind is SecurityEventKind.LOGOUT_EVERYWHERE:
        return _("%(sessions)s sessions ended", sessions=detail.get("sessions", 0))
    if kind in (SecurityEventKind.TOKEN_CREATED, SecurityEventKind.TOKEN_REVOKED) and detail.get("prefix"):
        return f"{detail['prefix']}… {detail.get('name', '')}".strip()
    return ""
