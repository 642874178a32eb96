"""Template filters and globals: dates, masking, rates, permissions, navigation."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from flask import Flask, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casebook.core import i18n
from casebook.core.display import large_text
from casebook.core.forms import page_field_problems
from casebook.core.permissions import Permission, can
from casebook.core.personal import mask_id_number, mask_phone

# The navigation: (endpoint, label, permission needed). An area adds its entry here when it lands.
NAVIGATION: list[tuple[str, object, Permission | None]] = [
    ("core.home", _l("Home"), None),
    ("auth.users", _l("Users"), Permission.MANAGE_USERS),
]


def register_navigation(
    endpoint: str, label, permission: Permission | None, position: int | None = None
) -> None:
    """Add a navigation entry (called once per area from its package)."""
    entry = (endpoint, label, permission)
    if entry in NAVIGATION:
        return
    if position is None:
        NAVIGATION.append(entry)
    else:
        NAVIGATION.insert(position, entry)


def navigation_for_user() -> list[tuple[str, str, bool]]:
    """The entries the current user may open: (url, label, is_current)."""
    visible = [
        (endpoint, url_for(endpoint), label)
        for endpoint, label, permission in NAVIGATION
        if permission is None or can(permission)
    ]
    # The current entry: this very endpoint, else the longest entry URL the path starts with (so that
    # /calendar/calculator marks its own entry, not also /calendar/).
    prefixes = [url for endpoint, url, _label in visible if endpoint != "core.home" and url != "/"]
    matching = [url for url in prefixes if request.path.startswith(url)]
    current_url = next(
        (url for endpoint, url, _label in visible if endpoint == request.endpoint),
        max(matching, key=len) if matching else None,
    )
    return [(url, str(label), url == current_url) for _endpoint, url, label in visible]


def shown_rate(value: float | None, digits: int = 1) -> Decimal | None:
    """A rate as the percentage shown (98.8 for 0.98836), rounded half up, and never claiming what is not so:
    100.0 only for exactly 100% (99.95% shows 99.9) and 0.0 only for exactly 0 (0.04% shows 0.1) — domain.md §4.
    None when the rate has no denominator."""
    if value is None:
        return None
    unit = Decimal(1).scaleb(-digits)
    percent = Decimal(repr(value)) * 100
    shown = percent.quantize(unit, rounding=ROUND_HALF_UP)
    for boundary in (Decimal(0), Decimal(100)):
        if shown == boundary and percent != boundary:  # rounded onto 0% or 100% without being so
            shown = boundary + (unit if percent > boundary else -unit)
    return shown


def format_rate(value: float | None, digits: int = 1) -> str:
    """A rate as 98.8%; '—' when it has no denominator (never 0% or 100% for nothing); see `shown_rate`."""
    shown = shown_rate(value, digits)
    return "—" if shown is None else f"{shown}%"


def init_app(app: Flask) -> None:
    """Register filters and globals."""
    app.jinja_env.add_extension("jinja2.ext.do")
    app.add_template_filter(i18n.format_day, "day")
    app.add_template_filter(i18n.format_timestamp, "timestamp")
    app.add_template_filter(mask_id_number, "mask_id")
    app.add_template_filter(mask_phone, "mask_phone")
    app.add_template_filter(format_rate, "rate")
    app.add_template_global(can, "can")
    app.add_template_global(navigation_for_user, "navigation")
    app.add_template_global(page_field_problems, "field_problems")
    app.add_template_global(large_text, "large_text")
    app.add_template_global(i18n.current_language, "current_language")
    app.add_template_global(lambda: current_user, "user")
