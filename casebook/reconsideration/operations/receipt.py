"""Receipt of an application, corrections of its details, and its parties."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from casebook.core.clock import today
from casebook.core.errors import DomainError
from casebook.core.i18n import current_language
from casebook.core.personal import PersonalDataError, clean_credit_code, clean_phone, clean_resident_id
from casebook.deadlines import DeadlineInputError, law_for_received_on
from casebook.deadlines.application import MAX_TOLLED_DAYS
from casebook.extensions import db
from casebook.orgs.models import Agency
from casebook.reconsideration import deadlines, numbering, workflow
from casebook.reconsideration.codes import (
    ACT_CATEGORIES,
    CHANNELS,
    PARTY_KINDS,
    PARTY_ROLES,
    Status,
)
from casebook.reconsideration.models import (
    ReconsiderationCase,
    ReconsiderationParty,
)
from casebook.reconsideration.operations.common import _finish, _set, check_version, record

LAW_IN_FORCE_ON = date(1999, 10, 1)  # ARL17 art 43 (the law of 1999)

# The receipt's fields an officer may correct later; each change is one history row.
EDITABLE_FIELDS = (
    "received_on",
    "channel",
    "agency_id",
    "act_category",
    "act_document_no",
    "act_on",
    "learned_on",
    "application_tolled_days",
    "right_learned_on",
    "request",
    "special_limit_days",
    "special_limit_reason",
    "decision_document_no",
    "closing_note",
)


@dataclass
class PartyData:
    """A party as entered: checked and normalised by `clean_party`."""

    name: str
    role: str = "applicant"
    kind: str = "person"
    id_number: str | None = None
    credit_code: str | None = None
    representative: str | None = None
    phone: str | None = None
    address: str | None = None


# ---------------------------------------------------------------- receipt and corrections


def clean_party(data: PartyData) -> PartyData:
    """Check a party's role, kind and numbers (resident ID, credit code, phone), normalised; DomainError on the
    field at fault."""
    name = (data.name or "").strip()
    if not name:
        raise DomainError(_("Enter the name."), "name")
    if data.role not in PARTY_ROLES:
        raise DomainError(_("Choose the party's role."), "role")
    if data.kind not in PARTY_KINDS:
        raise DomainError(_("Choose a person or an organisation."), "kind")
    cleaned = PartyData(
        name=name[:120],
        role=data.role,
        kind=data.kind,
        representative=(data.representative or "").strip()[:60] or None,
        address=(data.address or "").strip()[:200] or None,
    )
    try:
        if data.kind == "person" and (data.id_number or "").strip():
            cleaned.id_number = clean_resident_id(data.id_number)
        if data.kind == "organisation" and (data.credit_code or "").strip():
            cleaned.credit_code = clean_credit_code(data.credit_code)
    except PersonalDataError as error:
        raise DomainError(str(error), "id_number" if data.kind == "person" else "credit_code") from None
    if (data.phone or "").strip():
        try:
            cleaned.phone = clean_phone(data.phone)
        except PersonalDataError as error:
            raise DomainError(str(error), "phone") from None
    return cleaned


def _check_receipt(values: dict[str, Any]) -> None:
    if values.get("channel") not in CHANNELS:
        raise DomainError(_("Choose how the application was made."), "channel")
    if values.get("act_category") not in ACT_CATEGORIES:
        raise DomainError(_("Choose the category of the administrative act."), "act_category")
    agency = (
        db.session.get(Agency, values.get("agency_id") or 0)
        if isinstance(values.get("agency_id"), int)
        else None
    )
    if agency is None:
        raise DomainError(_("Choose the respondent agency."), "agency_id")
    received, learned, act_on = values.get("received_on"), values.get("learned_on"), values.get("act_on")
    if not isinstance(received, date):
        raise DomainError(_("Enter the date the application was received."), "received_on")
    if received > today():
        raise DomainError(_("The date of receipt cannot be in the future."), "received_on")
    if received < LAW_IN_FORCE_ON:
        raise DomainError(
            _("The Administrative Reconsideration Law took effect on 1 October 1999."), "received_on"
        )
    if learned and received and learned > received:
        raise DomainError(_("The applicant cannot have learned of the act after applying."), "learned_on")
    if act_on and learned and act_on > learned:
        raise DomainError(_("The act cannot be dated after the day the applicant learned of it."), "act_on")
    if act_on and received and act_on > received:
        raise DomainError(_("The act cannot be dated after the application."), "act_on")
    _check_application_period(values)
    days, reason = values.get("special_limit_days"), (values.get("special_limit_reason") or "").strip()
    if days is not None and not reason:
        raise DomainError(_("Give the law that sets the shorter limit."), "special_limit_reason")


def _check_application_period(values: dict[str, Any]) -> None:
    """The facts of ARL23 art 20 ¶2–3: the days lost to an obstacle, and when the applicant, not told of the
    right to apply, learned of it."""
    received, learned = values.get("received_on"), values.get("learned_on")
    right, tolled = values.get("right_learned_on"), values.get("application_tolled_days")
    if tolled is None:
        values["application_tolled_days"] = 0
    elif not isinstance(tolled, int) or isinstance(tolled, bool) or not 0 <= tolled <= MAX_TOLLED_DAYS:
        raise DomainError(
            _("Between 0 and %(max)s days (ARL23 art 20 ¶2).", max=MAX_TOLLED_DAYS), "application_tolled_days"
        )
    if right is None:
        return
    if learned is None:
        raise DomainError(
            _("Enter first the day the applicant learned of the act (ARL23 art 20 ¶3)."), "learned_on"
        )
    if right < learned:
        raise DomainError(
            _("The applicant cannot learn of the right to apply before learning of the act."),
            "right_learned_on",
        )
    if received and right > received:
        raise DomainError(
            _("The applicant cannot have learned of the right to apply after applying."), "right_learned_on"
        )


def _update_applicant_names(case: ReconsiderationCase) -> None:
    case.applicant_names = "、".join(p.name for p in case.parties if p.role == "applicant")[:300]


def receive_case(user, parties: list[PartyData], case_no: str | None = None, **values) -> ReconsiderationCase:
    """Register a received application (收到申请) with its applicants; the deadline is computed at once and a
    late application (over 60 days, ARL23 art 20) is flagged, not refused."""
    received_on: date = values["received_on"]
    values.setdefault("channel", "written")
    _check_receipt(values)
    cleaned = [clean_party(p) for p in parties]
    if not any(p.role == "applicant" for p in cleaned):
        raise DomainError(_("Enter at least one applicant."), "name")
    if case_no:
        case_no = case_no.strip()
        if numbering.case_no_taken(case_no):
            raise DomainError(_("The case number %(no)s is already used.", no=case_no), "case_no")
        parsed = numbering.parse_case_no(case_no)
        year, seq = parsed if parsed else (received_on.year, None)
    else:
        year = received_on.year
        case_no, seq = numbering.next_case_no(year)
    case = ReconsiderationCase(
        case_no=case_no,
        case_year=year,
        case_seq=seq,
        status=Status.RECEIVED,
        law=law_for_received_on(received_on),
        created_by_id=getattr(user, "id", None),
        extension_days=0,
        procedure=values.pop("procedure", None) or "ordinary",
        **{k: v for k, v in values.items() if k in EDITABLE_FIELDS},
    )
    if case.special_limit_reason is not None:
        case.special_limit_reason = case.special_limit_reason.strip() or None
    case.is_late_application = _late_application(case)
    for position, party in enumerate(cleaned):
        case.parties.append(ReconsiderationParty(position=position, **party.__dict__))
    _update_applicant_names(case)
    db.session.add(case)
    _finish(case, user, "receive", [], note=case.case_no)
    return case


def _late_application(case: ReconsiderationCase) -> bool:
    """Whether the application came after its period (ARL23 art 20); facts the rule refuses name their field."""
    try:
        return deadlines.is_late_application(case)
    except DeadlineInputError as error:
        raise DomainError(error.message(current_language()), error.field) from None


def update_case(case: ReconsiderationCase, user, version: int | None = None, **values) -> list[str]:
    """Correct the receipt's details (and a shorter limit set by law); returns the fields changed."""
    check_version(case, version)
    workflow.check(case, "edit")
    for name in ("received_on", "agency_id", "act_category", "channel"):
        if name in values and values[name] is None:
            values.pop(name)
    if "application_tolled_days" in values and values["application_tolled_days"] is None:
        values["application_tolled_days"] = 0  # emptied: no days lost
    merged = {name: values.get(name, getattr(case, name)) for name in EDITABLE_FIELDS}
    _check_receipt(merged)
    changes: list[tuple] = []
    for name in EDITABLE_FIELDS:
        if name in values:
            value = values[name]
            if isinstance(value, str):
                value = value.strip() or None
            _set(case, changes, name, value)
    changes = [_named_agency(change) for change in changes]
    if case.special_limit_days is None:
        _set(case, changes, "special_limit_reason", None)
    _set(case, changes, "is_late_application", _late_application(case))
    if changes:
        _finish(case, user, "edit", changes)
    return [field for field, _before, _after in changes]


def _named_agency(change: tuple) -> tuple:
    """A change of respondent is recorded with the agencies' names, not their ids."""
    field, before, after = change
    if field != "agency_id":
        return change
    names = {a.id: a.name for a in db.session.scalars(select(Agency).where(Agency.id.in_([before, after])))}
    return "agency", names.get(before, before), names.get(after, after)


def add_party(case: ReconsiderationCase, user, data: PartyData) -> ReconsiderationParty:
    """Add an applicant, agent or third party."""
    workflow.check(case, "edit")
    party = clean_party(data)
    position = 1 + max((p.position for p in case.parties if p.role == party.role), default=-1)
    row = ReconsiderationParty(position=position, **party.__dict__)
    case.parties.append(row)
    _update_applicant_names(case)
    db.session.flush()
    record(case, user, "add_party", party.role, None, party.name)
    return row


def remove_party(case: ReconsiderationCase, user, party: ReconsiderationParty) -> None:
    """Remove a party entered by mistake (never the last applicant)."""
    workflow.check(case, "edit")
    if party.role == "applicant" and len(case.applicants) <= 1:
        raise DomainError(_("A case keeps at least one applicant."), "name")
    case.parties.remove(party)
    _update_applicant_names(case)
    db.session.flush()
    record(case, user, "remove_party", party.role, party.name, None)
