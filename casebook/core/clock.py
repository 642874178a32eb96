"""The app's one clock: today's date in the bureau's time zone, and the current time in UTC.

Every "today" and every timestamp the app writes comes from here. Tests, the browser tests' live server and the
demo fix the day with the setting TODAY (`CASEBOOK_TODAY=2025-06-16`), honoured in testing and development only
(production refuses to start with it). A fixed day moves the time too, by whole days, so timestamps keep their
order and time of day. Elapsed time (session timeouts, the login throttle) always reads the system clock.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, has_app_context

DEFAULT_TIMEZONE = "Asia/Shanghai"
ENVIRONMENTS_WITH_FIXED_DAY = ("development", "testing")


def today() -> date:
    """Today's date in the bureau's time zone (the fixed day when TODAY is set)."""
    fixed = _fixed_day()
    if fixed is not None:
        return fixed
    return datetime.now(bureau_zone()).date()


def now() -> datetime:
    """The current time in UTC, as stored in *_at columns (shifted to the fixed day when TODAY is set)."""
    real = datetime.now(UTC)
    fixed = _fixed_day()
    if fixed is None:
        return real
    return real + (fixed - real.astimezone(bureau_zone()).date())


def as_utc(moment: datetime) -> datetime:
    """A stored timestamp as an aware UTC datetime (SQLite gives it back without its offset)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def parse_fixed_day(value: object, env_name: str) -> date | None:
    """The TODAY setting as a date (None when unset); refuses a bad value, or any value in production."""
    if value in (None, ""):
        return None
    if env_name not in ENVIRONMENTS_WITH_FIXED_DAY:
        raise RuntimeError("CASEBOOK_TODAY fixes the date for testing and development only: unset it")
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise RuntimeError(f"CASEBOOK_TODAY must be an ISO date such as 2025-06-16, not {value!r}") from None


def _fixed_day() -> date | None:
    if not has_app_context():
        return None
    return current_app.config.get("TODAY")


def bureau_zone() -> ZoneInfo:
    """The bureau's time zone (setting TIMEZONE)."""
    name = current_app.config["TIMEZONE"] if has_app_context() else DEFAULT_TIMEZONE
    return ZoneInfo(name)
