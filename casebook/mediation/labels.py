"""Presentation helpers of the mediation pages: labels of codes, dates from query strings, history values."""

from __future__ import annotations

from datetime import date

from flask import current_app

from casebook.core.clock import today
from casebook.core.i18n import current_language
from casebook.mediation.history import ACTION_LABELS, FIELD_LABELS
from casebook.mediation.models import (
    AGREEMENT_FORM_LABELS,
    NOT_ACCEPTED_REASON_LABELS,
    OUTCOME_LABELS,
    PARTY_KIND_LABELS,
    PARTY_ROLE_LABELS,
    PERFORMANCE_LABELS,
    RULING_LABELS,
    SOURCE_LABELS,
    STATUS_LABELS,
)

__all__ = [
    "ACTION_LABELS",
    "AGREEMENT_FORM_LABELS",
    "FIELD_LABELS",
    "NOT_ACCEPTED_REASON_LABELS",
    "OUTCOME_LABELS",
    "PARTY_KIND_LABELS",
    "PARTY_ROLE_LABELS",
    "PERFORMANCE_LABELS",
    "RULING_LABELS",
    "SOURCE_LABELS",
    "STATUS_LABELS",
]

STATUS_BADGES = {
    "registered": "info",
    "accepted": "info",
    "mediating": "warn",
    "concluded": "ok",
    "archived": "muted",
    "voided": "muted",
    "not_accepted": "warn",
}
OUTCOME_BADGES = {"success": "ok", "failed": "danger", "terminated": "muted"}
_CODED = {
    "status": STATUS_LABELS,
    "outcome": OUTCOME_LABELS,
    "source": SOURCE_LABELS,
    "agreement_form": AGREEMENT_FORM_LABELS,
    "not_accepted_reason": NOT_ACCEPTED_REASON_LABELS,
}
_TOKENS = {**PARTY_ROLE_LABELS, **PARTY_KIND_LABELS, **PERFORMANCE_LABELS, **RULING_LABELS}


def lang() -> str:
    """'zh' or 'en'."""
    return current_language()


def due_soon_days() -> int:
    """Days before the deadline from which an open case is "due soon" (setting MEDIATION_DUE_SOON_DAYS)."""
    return int(current_app.config["MEDIATION_DUE_SOON_DAYS"])


def label(mapping: dict, code: str | None) -> str:
    """The label of a code (the code itself when unknown, empty for None)."""
    if code is None:
        return ""
    found = mapping.get(code)
    return str(found) if found is not None else code


def field_label(name: str | None) -> str:
    """The label of a history field."""
    return label(FIELD_LABELS, name) if name else ""


def action_label(name: str) -> str:
    """The label of a history action."""
    return label(ACTION_LABELS, name)


def history_value(field: str | None, value: str | None) -> str:
    """A stored history value made readable: codes become labels, in the user's language."""
    if value is None:
        return ""
    if field in _CODED:
        return label(_CODED[field], value)
    if field in ("parties", "followups", "confirmation"):
        return "\n".join(
            " ".join(label(_TOKENS, token) for token in line.split(" ")) for line in value.split("\n")
        )
    return value


def dispute_type_name(dispute_type) -> str:
    """A dispute type's name in the user's language."""
    if dispute_type is None:
        return ""
    return dispute_type.name_zh if lang() == "zh" else dispute_type.name_en


def deadline_badge(case, as_of: date | None = None) -> tuple[str, str]:
    """(css class, text) describing where an open case stands against its deadline."""
    from flask_babel import gettext as _

    day = as_of or today()
    due = case.shown_due_on  # a provisional date too (its 待确认 badge is shown beside it)
    if due is None or case.status not in ("registered", "accepted", "mediating"):
        return "", ""
    left = (due - day).days
    if left < 0:
        return "danger", _("overdue by %(n)s days", n=-left)
    if left <= due_soon_days():
        return "warn", _("due in %(n)s days", n=left) if left else _("due today")
    return "info", _("%(n)s days left", n=left)
