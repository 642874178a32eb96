"""The working-day calendar and deadline settings the app passes to the pure deadline engine.

Schedules an administrator loaded are read with one small query per request (their ids and versions); the
days of a schedule are read again only when its version has moved on, in any process, so a schedule loaded
in one worker is in force in every worker at its next request.
"""

from __future__ import annotations

import calendar
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from flask import current_app, g, has_request_context
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select

from casebook.deadlines import DeadlineSettings, WorkdayCalendar, YearSchedule, statutory_schedule
from casebook.extensions import db


@dataclass(frozen=True)
class StoredYear:
    """One administrator-loaded year as read from the database (cached per process by id and version)."""

    year: int
    holidays: frozenset[date]
    workdays: frozenset[date]
    source_note: str
    loaded_at: datetime


_lock = threading.Lock()
# Keyed by id, version, year and load time: an id can come back after a deletion (SQLite reuses it).
_stored: dict[tuple, StoredYear] = {}


def _key(head) -> tuple:
    return (head.id, head.version, head.year, head.loaded_at)


def request_language() -> str:
    """'zh' or 'en': the language of the current request, Chinese outside a request (command line)."""
    from casebook.core.i18n import current_language

    return current_language() if has_request_context() else "zh"


def working_calendar(lang: str | None = None) -> WorkdayCalendar:
    """Mainland China's working-day calendar for this request: the library's schedules plus any loaded by
    an administrator (which override the library for their year); a year with neither is counted provisionally
    from its statutory holidays (domain.md §2.3). ``lang`` words the schedules' sources."""
    lang = lang or request_language()
    calendars = g.setdefault("working_calendars", {})
    if lang not in calendars:
        calendars[lang] = WorkdayCalendar(overrides=loaded_schedules(lang), provisional=statutory_schedule)
    return calendars[lang]


def loaded_schedules(lang: str | None = None) -> dict[int, YearSchedule]:
    """Year schedules entered by administrators, by year, their source worded in ``lang``."""
    lang = lang or request_language()
    stored = _stored_years()
    with force_locale(lang):
        return {
            item.year: YearSchedule(item.year, item.holidays, item.workdays, admin_source(item))
            for item in stored
        }


def admin_source(item: StoredYear) -> str:
    """How an administrator-loaded schedule is named in the steps and on the calendar page."""
    loaded_on = local_date(item.loaded_at).isoformat()
    if item.source_note:
        return _("administrator entry: %(note)s, %(date)s", note=item.source_note, date=loaded_on)
    return _("administrator entry, %(date)s", date=loaded_on)


def local_date(moment: datetime) -> date:
    """The bureau's calendar date of a UTC timestamp (SQLite gives it back without a time zone)."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(ZoneInfo(current_app.config["TIMEZONE"])).date()


def forget_loaded_schedules() -> None:
    """Drop this request's copy of the loaded schedules (operations call it after a change)."""
    g.pop("stored_years", None)
    g.pop("working_calendars", None)


def _stored_years() -> list[StoredYear]:
    """The loaded years: one query for ids and versions, and one for the days of any schedule not cached."""
    if "stored_years" in g:
        return g.stored_years
    from casebook.calendars.models import HolidaySchedule

    heads = db.session.execute(
        select(
            HolidaySchedule.id,
            HolidaySchedule.version,
            HolidaySchedule.year,
            HolidaySchedule.source_note,
            HolidaySchedule.loaded_at,
        )
    ).all()
    with _lock:
        found = {_key(head): _stored.get(_key(head)) for head in heads}
    missing = [head for head in heads if found[_key(head)] is None]
    if missing:
        found.update(_read_days(missing))
        with _lock:  # keep only what this request found current: older versions and deleted years go
            _stored.clear()
            _stored.update(found)
    g.stored_years = [found[_key(head)] for head in heads]
    return g.stored_years


def _read_days(heads: list) -> dict[tuple, StoredYear]:
    """The days of the given schedules (rows of id, version, year, source_note, loaded_at), in one query."""
    from casebook.calendars.models import HolidayScheduleDay

    days: dict[int, tuple[set[date], set[date]]] = {head.id: (set(), set()) for head in heads}
    rows = db.session.execute(
        select(HolidayScheduleDay.schedule_id, HolidayScheduleDay.falls_on, HolidayScheduleDay.kind).where(
            HolidayScheduleDay.schedule_id.in_(list(days))
        )
    )
    for schedule_id, falls_on, kind in rows:
        days[schedule_id][0 if kind == "holiday" else 1].add(falls_on)
    return {
        _key(head): StoredYear(
            head.year,
            frozenset(days[head.id][0]),
            frozenset(days[head.id][1]),
            head.source_note,
            head.loaded_at,
        )
        for head in heads
    }


def parse_warning_day(value: object) -> tuple[int, int]:
    """HOLIDAY_SCHEDULE_WARNING_FROM as (month, day); refuses anything but a day of the year written MM-DD, so that a
    typing error stops the start instead of breaking a page."""
    try:
        month, day = (int(part) for part in str(value).split("-"))
        date(2024, month, day)  # a leap year: 02-29 is a day of some years
    except ValueError:
        raise RuntimeError(
            f"CASEBOOK_HOLIDAY_SCHEDULE_WARNING_FROM must be a day of the year such as 11-01, not {value!r}"
        ) from None
    return month, day


def missing_next_year(as_of: date) -> int | None:
    """Next year, when its holiday schedule is not loaded and ``as_of`` is on or after the warning day of the
    year (HOLIDAY_SCHEDULE_WARNING_FROM, 1 November by default); None otherwise."""
    month, day = parse_warning_day(current_app.config["HOLIDAY_SCHEDULE_WARNING_FROM"])
    if (month, day) == (2, 29) and not calendar.isleap(as_of.year):
        day = 28
    next_year = as_of.year + 1
    if as_of < date(as_of.year, month, day) or working_calendar().has_year(next_year):
        return None
    return next_year


def deadline_settings() -> DeadlineSettings:
    """The practice rules (domain.md §2.2, §3.2) from the app's configuration."""
    cfg = current_app.config
    return DeadlineSettings(
        mediation_limit_days=int(cfg["MEDIATION_LIMIT_DAYS"]),
        exclude_suspension=bool(cfg["EXCLUDE_SUSPENSION"]),
        converted_counts_from_original_acceptance=bool(cfg["CONVERTED_COUNTS_FROM_ORIGINAL_ACCEPTANCE"]),
    )
