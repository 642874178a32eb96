"""The working-day calendar and deadline settings the app passes to the pure deadline engine."""

from __future__ import annotations

from flask import current_app, g

from casebook.deadlines import DeadlineSettings, WorkdayCalendar


def working_calendar() -> WorkdayCalendar:
    """Mainland China's working-day calendar for this request: the library's schedules plus any loaded by
    an administrator (which override the library for their year)."""
    if "working_calendar" not in g:
        g.working_calendar = WorkdayCalendar(overrides=loaded_schedules())
    return g.working_calendar


def loaded_schedules() -> dict:
    """Year schedules entered by administrators, by year (none until the calendar area stores them)."""
    return {}


def deadline_settings() -> DeadlineSettings:
    """The practice rules (domain.md §2.2, §3.2) from the app's configuration."""
    cfg = current_app.config
    return DeadlineSettings(
        mediation_limit_days=int(cfg["MEDIATION_LIMIT_DAYS"]),
        exclude_suspension=bool(cfg["EXCLUDE_SUSPENSION"]),
        converted_counts_from_original_acceptance=bool(cfg["CONVERTED_COUNTS_FROM_ORIGINAL_ACCEPTANCE"]),
    )
