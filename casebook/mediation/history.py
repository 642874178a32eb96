"""The history of a case: a snapshot of its fields before an operation, and one change row per field that moved.

Values are stored as text: dates in ISO form, codes for statuses and choices (translated when shown), names for
the committee, area and dispute type; ID and phone numbers of parties only masked.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casebook.core import clock
from casebook.core.personal import mask_id_number, mask_phone
from casebook.extensions import db
from casebook.mediation.models import MediationCaseChange

# The fields a change row may name, with their labels (for the history shown on the case page).
FIELD_LABELS = {
    "case_no": _l("Case number"),
    "committee": _l("Committee"),
    "area": _l("Place"),
    "dispute_type": _l("Dispute type"),
    "source": _l("Source"),
    "referral_body": _l("Referred by"),
    "registered_on": _l("Registered on"),
    "accepted_on": _l("Accepted on"),
    "status": _l("Status"),
    "outcome": _l("Outcome"),
    "closed_on": _l("Closed on"),
    "agreement_form": _l("Agreement form"),
    "agreement_on": _l("Agreement date"),
    "agreement_content": _l("Agreement content"),
    "agreement_facts": _l("Main facts and matters in dispute"),
    "agreement_performance": _l("How and when the agreement is performed"),
    "failure_routes": _l("Other routes the parties were told of"),
    "termination_reason": _l("Reason for termination"),
    "not_accepted_on": _l("Not accepted on"),
    "not_accepted_reason": _l("Reason for not accepting"),
    "not_accepted_note": _l("Note on not accepting"),
    "extension_days": _l("Extension (days)"),
    "due_on": _l("Mediation due date"),
    "due_on_provisional": _l("Provisional mediation due date"),
    "void_reason": _l("Reason for voiding"),
    "archived_on": _l("Archived on"),
    "amount": _l("Amount involved (yuan)"),
    "persons": _l("People involved"),
    "summary": _l("Summary of the dispute"),
    "parties": _l("Parties"),
    "mediators": _l("Mediators"),
    "sessions": _l("Mediation sessions"),
    "confirmation": _l("Judicial confirmation"),
    "followups": _l("Follow-up visits"),
}

ACTION_LABELS = {
    "register": _l("Registered"),
    "import": _l("Imported"),
    "edit": _l("Edited"),
    "accept": _l("Accepted"),
    "not_accept": _l("Not accepted"),
    "start": _l("Mediation started"),
    "conclude": _l("Concluded"),
    "reopen": _l("Reopened"),
    "archive": _l("Archived"),
    "void": _l("Voided"),
    "add_session": _l("Session recorded"),
    "extend": _l("Time limit extended"),
    "confirm": _l("Judicial confirmation recorded"),
    "follow_up": _l("Follow-up recorded"),
    "recompute": _l("Deadline recomputed"),
}

_PLAIN = (
    "case_no",
    "source",
    "referral_body",
    "status",
    "outcome",
    "agreement_form",
    "agreement_content",
    "agreement_facts",
    "agreement_performance",
    "failure_routes",
    "termination_reason",
    "not_accepted_reason",
    "not_accepted_note",
    "void_reason",
    "summary",
)
_DATES = (
    "registered_on",
    "accepted_on",
    "closed_on",
    "agreement_on",
    "not_accepted_on",
    "due_on",
    "due_on_provisional",
    "archived_on",
)


def _text(value) -> str | None:
    if value is None or value == "":
        return None
    return str(value)


def party_line(party) -> str:
    """One party as a line of text with its numbers masked, e.g. 申请人 张三 3601**********123X 138****8000."""
    number = party.id_number if party.kind == "person" else party.credit_code
    parts = [
        party.role,
        party.kind,
        party.name,
        mask_id_number(number),
        mask_phone(party.phone),
        party.address,
    ]
    return " ".join(p for p in parts if p)


def snapshot(case) -> dict[str, str | None]:
    """The case's fields as text, for comparing before and after an operation."""
    values: dict[str, str | None] = {name: _text(getattr(case, name)) for name in _PLAIN}
    for name in _DATES:
        day = getattr(case, name)
        values[name] = day.isoformat() if day else None
    values["committee"] = case.committee.name if case.committee else None
    values["area"] = case.area.name if case.area else None
    values["dispute_type"] = case.dispute_type.name_zh if case.dispute_type else None
    values["extension_days"] = str(case.extension_days or 0)
    values["amount"] = None if case.amount is None else f"{case.amount:.2f}"
    values["persons"] = _text(case.persons)
    values["parties"] = "\n".join(party_line(p) for p in case.parties) or None
    values["mediators"] = "、".join(sorted(m.name for m in case.mediators)) or None
    return values


def record(case, user, action: str, before: dict | None, *, note: str | None = None, extra=()) -> list:
    """Write the change rows of an operation: one per field that differs from `before` (plus `extra` rows
    (field, before, after)); an operation that changes no field still leaves one row naming the action."""
    case.updated_at = clock.now()  # every operation moves the version on, so concurrent edits are noticed
    db.session.flush()
    after = snapshot(case)
    changed = [
        (name, before.get(name), value)
        for name, value in after.items()
        if before and before.get(name) != value
    ]
    changed.extend(extra)
    rows = [
        MediationCaseChange(
            case=case,
            user_id=getattr(user, "id", None),
            action=action,
            field=name,
            before=old,
            after=new,
            note=note,
            version=case.version,
        )
        for name, old, new in changed
    ] or [
        MediationCaseChange(
            case=case, user_id=getattr(user, "id", None), action=action, note=note, version=case.version
        )
    ]
    db.session.add_all(rows)
    db.session.flush()
    return rows
