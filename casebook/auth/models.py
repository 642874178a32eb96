"""Users, their login sessions, their API tokens, and the security log."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import JSON, Boolean, CheckConstraint, DateTime, ForeignKey, Index, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.core import clock
from casebook.core.models import TimestampMixin
from casebook.core.permissions import Role
from casebook.extensions import db


def sha256(raw: str) -> str:
    """SHA-256 of a long random secret (session keys, API tokens): no slow hash is needed for those."""
    return hashlib.sha256(raw.encode()).hexdigest()


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN ({', '.join(repr(r.value) for r in Role)})", name="role_known"),
        CheckConstraint("text_size IN ('normal', 'large')", name="text_size_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    display_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    is_enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    language: Mapped[str | None] = mapped_column(String(5))
    text_size: Mapped[str | None] = mapped_column(String(10))  # large-text mode (长辈模式): 'large'
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("mediators.id"), index=True)

    mediator = relationship("Mediator", foreign_keys=[mediator_id])
    tokens = relationship("ApiToken", back_populates="user", cascade="all, delete-orphan")

    # The login session this request runs in and its raw key (set by auth.sessions; not columns).
    login_session = None
    session_key = ""

    @property
    def is_active(self) -> bool:
        return self.is_enabled

    def get_id(self) -> str:
        """What Flask-Login keeps in the session cookie: user id and the login session's random key."""
        return f"{self.id}:{self.session_key}"

    @property
    def role_enum(self) -> Role:
        return Role(self.role)

    @property
    def name(self) -> str:
        return self.display_name or self.username

    def committee_ids(self) -> list[int]:
        """Committees served by the linked mediator (current memberships only)."""
        if self.mediator_id is None:
            return []
        from casebook.orgs.models import CommitteeMembership

        return list(
            db.session.scalars(
                select(CommitteeMembership.committee_id).where(
                    CommitteeMembership.mediator_id == self.mediator_id
                )
            )
        )

    def directed_committee_ids(self) -> list[int]:
        """Committees the linked mediator directs (position 主任)."""
        if self.mediator_id is None:
            return []
        from casebook.orgs.models import CommitteeMembership, Position

        return list(
            db.session.scalars(
                select(CommitteeMembership.committee_id).where(
                    CommitteeMembership.mediator_id == self.mediator_id,
                    CommitteeMembership.position == Position.DIRECTOR,
                )
            )
        )


class ApiToken(TimestampMixin, db.Model):
    """A bearer token for the JSON API; only its SHA-256 is stored."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    prefix: Mapped[str] = mapped_column(String(12), nullable=False)
    last_used_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    user = relationship(User, back_populates="tokens")

    hash = staticmethod(sha256)

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self) -> None:
        self.revoked_at = clock.now()


class UserSession(db.Model):
    """One login: the session cookie carries its random key (only the SHA-256 is stored).

    Logging out, a password change, disabling the account or "log out everywhere" set `ended_at`; a session
    idle or older than the settings allow is refused without being written (auth.sessions).
    """

    __tablename__ = "user_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    key_hash: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=clock.now)
    last_seen_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=clock.now)
    ended_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    end_reason: Mapped[str | None] = mapped_column(String(30))
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str] = mapped_column(String(255), nullable=False, default="")

    user = relationship(User)

    @staticmethod
    def new_key() -> str:
        """A fresh random session key (192 bits)."""
        return secrets.token_urlsafe(24)


class SecurityEventKind(StrEnum):
    LOGIN = "login"
    LOGIN_FAILED = "login_failed"
    LOGIN_DELAYED = "login_delayed"
    LOGOUT = "logout"
    SESSION_ENDED = "session_ended"
    LOGOUT_EVERYWHERE = "logout_everywhere"
    USER_CREATED = "user_created"
    ROLE_CHANGED = "role_changed"
    USER_DISABLED = "user_disabled"
    USER_ENABLED = "user_enabled"
    PASSWORD_CHANGED = "password_changed"  # noqa: S105
    PASSWORD_RESET = "password_reset"  # noqa: S105
    TOKEN_CREATED = "token_created"  # noqa: S105
    TOKEN_REVOKED = "token_revoked"  # noqa: S105
    TOKEN_REFUSED = "token_refused"  # noqa: S105


class SecurityEvent(db.Model):
    """One line of the security log: what happened to which account, done by whom, when and from where.

    `username` is the name as typed at a login (an account that may not exist) or the account's username;
    the login delay counts failures by it. Rows are never changed or deleted.
    """

    __tablename__ = "security_events"
    __table_args__ = (
        CheckConstraint(
            f"kind IN ({', '.join(repr(k.value) for k in SecurityEventKind)})", name="kind_known"
        ),
        Index("ix_security_events_username_kind_created_at", "username", "kind", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), nullable=False, default=clock.now, index=True
    )
    kind: Mapped[str] = mapped_column(String(30), nullable=False)
    username: Mapped[str] = mapped_column(String(64), nullable=False, default="")
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    ip: Mapped[str | None] = mapped_column(String(45))
    user_agent: Mapped[str] = mapped_column(String(255), nullable=False, default="")
    detail: Mapped[dict] = mapped_column(JSON, nullable=False, default=dict)

    user = relationship(User, foreign_keys=[user_id])
    actor = relationship(User, foreign_keys=[actor_id])
