"""Users and their API tokens."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, String, select
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.core import clock
from casebook.core.models import TimestampMixin
from casebook.core.permissions import Role
from casebook.extensions import db


def new_session_token() -> str:
    """A random token carried inside the session id; rotating it ends every session of the user."""
    return secrets.token_urlsafe(24)


class User(UserMixin, TimestampMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(f"role IN ({', '.join(repr(r.value) for r in Role)})", name="role_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    display_name: Mapped[str] = mapped_column(String(100), nullable=False, default="")
    password_hash: Mapped[str] = mapped_column(String(255), nullable=False)
    role: Mapped[str] = mapped_column(String(20), nullable=False)
    is_enabled: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)
    language: Mapped[str | None] = mapped_column(String(5))
    session_token: Mapped[str] = mapped_column(String(64), nullable=False, default=new_session_token)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    last_login_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    mediator_id: Mapped[int | None] = mapped_column(ForeignKey("mediators.id"), index=True)

    mediator = relationship("Mediator", foreign_keys=[mediator_id])
    tokens = relationship("ApiToken", back_populates="user", cascade="all, delete-orphan")

    @property
    def is_active(self) -> bool:
        return self.is_enabled

    def get_id(self) -> str:
        """The session id: user id plus the current session token (see auth.sessions)."""
        return f"{self.id}:{self.session_token}"

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

    @staticmethod
    def hash(raw: str) -> str:
        """SHA-256 of a raw token (tokens are long and random, so no slow hash is needed)."""
        return hashlib.sha256(raw.encode()).hexdigest()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None

    def revoke(self) -> None:
        self.revoked_at = clock.now()
