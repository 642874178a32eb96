"""Find user-facing messages in the code that a language's catalog does not translate."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir

from casebook.core.i18n import PACKAGE_DIR, merged_catalog

METHOD_MAP = [
    ("**/i18n/**", "ignore"),
    ("**.py", "python"),
    ("**/templates/**.html", "jinja2.ext:babel_extract"),
]
OPTIONS_MAP = {"**/templates/**.html": {"extensions": "jinja2.ext.do"}}


def extracted_messages() -> dict[str, list[str]]:
    """Every translatable message of the package, with where it occurs."""
    messages: dict[str, list[str]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(PACKAGE_DIR),
        METHOD_MAP,
        OPTIONS_MAP,
        keywords={
            "_": None,
            "gettext": None,
            "_l": None,
            "lazy_gettext": None,
            "ngettext": (1, 2),
            "N_": None,
        },
    ):
        ids = message if isinstance(message, tuple) else (message,)
        for msgid in ids:
            if msgid:
                messages.setdefault(msgid, []).append(f"{filename}:{lineno}")
    return messages


def missing_messages(lang: str) -> list[str]:
    """Messages extracted from the code that have no translation in `lang`."""
    catalog = merged_catalog(lang)
    return sorted(msgid for msgid in extracted_messages() if msgid not in catalog)
