"""Reads for the auth pages and commands: the security log, filtered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import joinedload

from casebook.auth.models import SecurityEvent
from casebook.auth.security_log import normalised_username
from casebook.core import clock


@dataclass(frozen=True)
class SecurityLogFilters:
    kind: str = ""
    username: str = ""
    ip: str = ""
    start: date | None = None
    end: date | None = None


def security_events(filters: SecurityLogFilters) -> Select:
    """The security log's events matching `filters`, newest first, with their accounts loaded."""
    query = (
        select(SecurityEvent)
        .options(joinedload(SecurityEvent.user), joinedload(SecurityEvent.actor))
        .order_by(SecurityEvent.created_at.desc(), SecurityEvent.id.desc())
    )
    if filters.kind:
        query = query.where(SecurityEvent.kind == filters.kind)
    if filters.username:
        query = query.where(SecurityEvent.username == normalised_username(filters.username))
    if filters.ip:
        query = query.where(SecurityEvent.ip == filters.ip.strip())
    if filters.start:
        query = query.where(SecurityEvent.created_at >= _start_of(filters.start))
    if filters.end:
        query = query.where(SecurityEvent.created_at < _start_of(filters.end + timedelta(days=1)))
    return query


def _start_of(day: date) -> datetime:
    """Midnight of `day` in the bureau's time zone, in UTC as the log stores it."""
    return datetime.combine(day, time.min, tzinfo=clock.bureau_zone()).astimezone(UTC)
