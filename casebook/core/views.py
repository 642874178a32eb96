"""Pages every user shares: the home page for each role, language switch, health check."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, current_app, redirect, render_template, request, url_for
from flask_login import current_user

from casebook.core.display import TEXT_SIZE_COOKIE, TEXT_SIZES
from casebook.core.i18n import LANGUAGE_COOKIE
from casebook.core.permissions import ROLE_LABELS, Role
from casebook.core.security import safe_next_url
from casebook.core.templating import navigation_for_user
from casebook.extensions import db

bp = Blueprint("core", __name__)


# Each role's starting page (an area registers its endpoint when it provides one); others see the cards.
ROLE_HOME: dict[str, str] = {}
# Warnings an area puts on the cards page: each callable returns a notice (dict of text, and url and link
# for an action) for the current user, or None.
HOME_NOTICES: list[Callable[[], dict | None]] = []


@bp.get("/")
def home():
    """The landing page after login: the role's own page, or cards for each area the user may open."""
    endpoint = ROLE_HOME.get(current_user.role)
    if endpoint and request.args.get("cards") is None:
        return redirect(url_for(endpoint))
    cards = [{"url": url, "title": label, "text": ""} for url, label, _current in navigation_for_user()[1:]]
    notices = [notice for notice in (make() for make in HOME_NOTICES) if notice]
    return render_template(
        "core/home.html",
        home_cards=cards,
        notices=notices,
        role_label=ROLE_LABELS[Role(current_user.role)],
    )


@bp.post("/language")
def set_language():
    """Switch the interface language; remembered on the user and in a cookie."""
    lang = request.form.get("lang", "")
    if lang not in current_app.config["LANGUAGES"]:
        lang = current_app.config["BABEL_DEFAULT_LOCALE"]
    return _remember_choice("language", LANGUAGE_COOKIE, lang)


@bp.post("/text-size")
def set_text_size():
    """Switch large-text mode (长辈模式) on or off; remembered on the user and in a cookie."""
    size = request.form.get("size", "")
    return _remember_choice("text_size", TEXT_SIZE_COOKIE, size if size in TEXT_SIZES else "normal")


def _remember_choice(attribute: str, cookie: str, value: str):
    """Keep a display choice on the user (when logged in) and in a cookie; back to the page it was made on."""
    if current_user.is_authenticated:
        setattr(current_user, attribute, value)
        db.session.commit()
    response = redirect(safe_next_url(request.form.get("next")) or url_for("core.home"))
    response.set_cookie(cookie, value, max_age=365 * 24 * 3600, samesite="Lax", httponly=True)
    return response


@bp.get("/healthz")
def health():
    """Liveness probe for the reverse proxy."""
    return {"status": "ok"}
