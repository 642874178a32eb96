"""Large-text mode (长辈模式): bigger text and controls for older mediators, chosen per user (or per browser
before login) and applied by a class on the page; documents and exports are never enlarged."""

from __future__ import annotations

from flask import has_request_context, request
from flask_login import current_user

TEXT_SIZE_COOKIE = "textsize"
TEXT_SIZES = ("normal", "large")


def text_size() -> str:
    """The user's choice, else the browser's cookie (logged-out pages), else normal."""
    if not has_request_context():
        return "normal"
    preference = getattr(current_user, "text_size", None) if current_user else None
    if preference in TEXT_SIZES:
        return preference
    cookie = request.cookies.get(TEXT_SIZE_COOKIE)
    return cookie if cookie in TEXT_SIZES else "normal"


def large_text() -> bool:
    """True when the page is shown in large-text mode."""
    return text_size() == "large"
