"""The dates casebook accepts: one definition for the web forms, the API and the imports.

A date before EARLIEST_DATE (default 1980-01-01, before any register a bureau keeps) or more than
DATE_MARGIN_DAYS after today (default 731, two years: room for planned dates such as hearings, and for deadlines
worked out ahead with the calculator) is a typing error or an attack, never a case's date: 0001-01-01 and 9999-12-31 are refused with a message naming
the bounds. Whether a given date may lie in the future at all is each step's own rule (a case is not received
tomorrow); this is the outer bound that every date passes first.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from flask import current_app
from flask_babel import gettext as _
from wtforms import DateField, ValidationError

from casebook.core.clock import today
from casebook.core.i18n import format_day

DEFAULT_EARLIEST = date(1980, 1, 1)
DEFAULT_MARGIN_DAYS = 731


def date_bounds() -> tuple[date, date]:
    """The first and last day a date may be (settings EARLIEST_DATE and DATE_MARGIN_DAYS)."""
    earliest = current_app.config.get("EARLIEST_DATE") or DEFAULT_EARLIEST
    if not isinstance(earliest, date):
        earliest = date.fromisoformat(str(earliest))
    margin = int(current_app.config.get("DATE_MARGIN_DAYS", DEFAULT_MARGIN_DAYS))
    return earliest, today() + timedelta(days=margin)


def out_of_bounds(day: date) -> str | None:
    """A message naming the bounds when `day` lies outside them, else None."""
    earliest, latest = date_bounds()
    if earliest <= day <= latest:
        return None
    return _(
        "The date must lie between %(earliest)s and %(latest)s.",
        earliest=format_day(earliest),
        latest=format_day(latest),
    )


def check_day(day: date) -> date:
    """`day` itself, or ValueError with the message of `out_of_bounds`."""
    message = out_of_bounds(day)
    if message:
        raise ValueError(message)
    return day


def query_day(value: str | None) -> date | None:
    """An ISO date from a query string (a list's filter): None when absent, malformed or out of bounds."""
    try:
        day = date.fromisoformat((value or "").strip()[:10]) if value else None
    except ValueError:
        return None
    return day if day is not None and out_of_bounds(day) is None else None


class BoundedDateField(DateField):
    """WTForms' date field refusing a date outside `date_bounds` with the message naming them."""

    def pre_validate(self, form: Any) -> None:
        """Refuse a date outside the bounds (before the field's own validators)."""
        if isinstance(self.data, date):
            message = out_of_bounds(self.data)
            if message:
                raise ValidationError(message)
