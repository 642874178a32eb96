"""Languages: Simplified Chinese by default, English selectable; catalogs built from per-area fragments."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import Flask, current_app, has_request_context, request
from flask_babel import get_locale
from flask_login import current_user

LANGUAGE_COOKIE = "lang"
PACKAGE_DIR = Path(__file__).resolve().parent.parent
FRAGMENTS_DIR = PACKAGE_DIR / "i18n"
TRANSLATIONS_DIR = PACKAGE_DIR / "translations"


def init_app(app: Flask) -> None:
    """Bind Flask-Babel with our locale selector; make sure compiled catalogs are current."""
    from casebook.extensions import babel

    compile_catalogs()
    babel.init_app(app, locale_selector=select_locale, default_translation_directories=str(TRANSLATIONS_DIR))


def select_locale() -> str:
    """The user's preference, then the cookie, then Accept-Language, else Chinese."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # command line: the default language (Chinese)
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    preference = getattr(current_user, "language", None) if current_user else None
    if preference in languages:
        return preference
    cookie = request.cookies.get(LANGUAGE_COOKIE)
    if cookie in languages:
        return cookie
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def current_language() -> str:
    """'zh' or 'en' for the current request."""
    locale = get_locale()
    return "en" if locale is not None and locale.language == "en" else "zh"


def compile_catalogs(force: bool = False) -> list[Path]:
    """Merge each language's fragments (i18n/<lang>/*.po) into translations/<lang>/LC_MESSAGES/messages.mo.

    Each area keeps its own fragment so that parallel work does not collide in one catalog. The
    compiled file is rebuilt only when a fragment is newer, so start-up costs a few stat calls.
    """
    written = []
    for lang_dir in sorted(p for p in FRAGMENTS_DIR.iterdir() if p.is_dir()):
        fragments = sorted(lang_dir.glob("*.po"))
        target = TRANSLATIONS_DIR / lang_dir.name / "LC_MESSAGES" / "messages.mo"
        newest = max((f.stat().st_mtime for f in fragments), default=0)
        if not force and target.exists() and target.stat().st_mtime >= newest:
            continue
        catalog = merged_catalog(lang_dir.name)
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            with target.open("wb") as fh:
                write_mo(fh, catalog)
        except OSError:  # a read-only install keeps the catalog it shipped with
            continue
        written.append(target)
    return written


def merged_catalog(lang: str):
    """One catalog from all fragments of a language; the first translation of a message wins."""
    from babel.messages.catalog import Catalog

    merged = Catalog(locale=lang)
    for fragment in sorted((FRAGMENTS_DIR / lang).glob("*.po")):
        with fragment.open("rb") as fh:
            catalog = read_po(fh, locale=lang)
        for message in catalog:
            if message.id and message.string and message.id not in merged:
                merged.add(message.id, message.string)
    return merged


def format_day(value: date | datetime | None) -> str:
    """A date as 2024年3月1日 in Chinese, 1 March 2024 in English; empty for None."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = value.date()
    if current_language() == "zh":
        return f"{value.year}年{value.month}月{value.day}日"
    return f"{value.day} {value.strftime('%B')} {value.year}"


def format_timestamp(value: datetime | None) -> str:
    """A UTC timestamp shown in the bureau's time zone."""
    if value is None:
        return ""
    from datetime import UTC
    from zoneinfo import ZoneInfo

    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    local = value.astimezone(ZoneInfo(current_app.config["TIMEZONE"]))
    return f"{format_day(local)} {local:%H:%M}"
