"""Every write to a mediation case: check the rule, change the objects, flush, write the history. Never commits.

Each operation takes the version of the case the user saw (`expected_version`); if the case moved on since, it
raises `ConcurrentChange` carrying the changes made in between, and nothing is written.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from casebook.core import clock
from casebook.core.errors import DomainError
from casebook.core.permissions import committee_scope
from casebook.core.personal import PersonalDataError, clean_credit_code, clean_phone, clean_resident_id
from casebook.extensions import db
from casebook.mediation import history, states
from casebook.mediation.deadline import refresh_due_on
from casebook.mediation.models import (
    MediationCase,
    MediationCaseChange,
    MediationParty,
    NotAcceptedReason,
    Outcome,
    PartyKind,
    PartyRole,
    Source,
    Status,
)
from casebook.mediation.numbering import issue_case_no
from casebook.mediation.states import Action
from casebook.orgs.models import Area, Committee, CommitteeMembership, DisputeType, Mediator


class ConcurrentChange(DomainError):
    """Someone else changed the case after the user loaded it; `changes` lists what they changed."""

    def __init__(self, changes: list[MediationCaseChange]):
        super().__init__(
            str(
                _l(
                    "Someone else changed this case while you were editing it. Nothing was saved; check their changes below and submit again."
                )
            )
        )
        self.changes = changes


@dataclass
class PartyInput:
    """A party as entered: numbers are checked and normalised by `clean_party`."""

    role: str
    name: str
    kind: str = PartyKind.PERSON
    id_number: str | None = None
    credit_code: str | None = None
    phone: str | None = None
    address: str | None = None


@dataclass
class CaseInput:
    """The registration details of a case (intake and edit)."""

    committee_id: int
    dispute_type_id: int
    source: str
    registered_on: date
    referral_body: str | None = None
    area_id: int | None = None
    accepted_on: date | None = None
    amount: Decimal | None = None
    persons: int | None = None
    summary: str | None = None
    mediator_ids: list[int] = field(default_factory=list)
    parties: list[PartyInput] = field(default_factory=list)


def normalise_search(value: str) -> str:
    """Text as the search compares it: width-normalised (NFKC) and case-folded."""
    return unicodedata.normalize("NFKC", value or "").casefold()


def search_text_for(case_no: str, summary: str | None, party_names, referral_body: str | None = None) -> str:
    """The search column of a case: its number, summary, party names and referring body."""
    return normalise_search(
        " ".join(filter(None, [case_no, *party_names, referral_body or "", summary or ""]))
    )


def clean_party(party: PartyInput, index: int) -> PartyInput:
    """Check one party; DomainError names the field as parties-<index>-<name>."""
    prefix = f"parties-{index}-"
    name = (party.name or "").strip()
    if not name:
        raise DomainError(str(_l("Enter the party's name.")), prefix + "name")
    if party.role not in set(PartyRole) or party.kind not in set(PartyKind):
        raise DomainError(str(_l("Choose the party's role and kind.")), prefix + "role")
    cleaned = PartyInput(
        role=party.role, kind=party.kind, name=name, address=(party.address or "").strip() or None
    )
    try:
        if party.kind == PartyKind.PERSON and (party.id_number or "").strip():
            cleaned.id_number = clean_resident_id(party.id_number)
        if party.kind == PartyKind.ORGANISATION and (party.credit_code or "").strip():
            cleaned.credit_code = clean_credit_code(party.credit_code)
    except PersonalDataError as error:
        raise DomainError(
            str(error), prefix + ("id_number" if party.kind == PartyKind.PERSON else "credit_code")
        ) from None
    try:
        if (party.phone or "").strip():
            cleaned.phone = clean_phone(party.phone)
    except PersonalDataError as error:
        raise DomainError(str(error), prefix + "phone") from None
    return cleaned


def check_version(case: MediationCase, expected_version: int | None) -> None:
    """ConcurrentChange (with the changes since) when the case is no longer at `expected_version`."""
    if expected_version is not None and expected_version != case.version:
        changes = db.session.scalars(
            select(MediationCaseChange)
            .where(MediationCaseChange.case_id == case.id, MediationCaseChange.version > expected_version)
            .order_by(MediationCaseChange.id)
        ).all()
        raise ConcurrentChange(list(changes))


def _check_details(
    user, data: CaseInput, case: MediationCase | None = None
) -> tuple[Committee, list[Mediator]]:
    """The references and dates of `data` exist and agree; returns the committee and the mediators."""
    committee = db.session.get(Committee, data.committee_id) if 0 < data.committee_id < 2**31 else None
    scope = committee_scope(user) if user is not None else None
    if committee is None or (scope is not None and committee.id not in scope):
        raise DomainError(str(_l("Choose one of your committees.")), "committee_id")
    if case is not None and case.committee_id != committee.id:
        raise DomainError(
            str(
                _l(
                    "The committee of a registered case cannot be changed; void the case and register it again."
                )
            ),
            "committee_id",
        )
    if not (0 < data.dispute_type_id < 2**31 and db.session.get(DisputeType, data.dispute_type_id)):
        raise DomainError(str(_l("Choose a dispute type.")), "dispute_type_id")
    if data.area_id is not None and not (0 < data.area_id < 2**31 and db.session.get(Area, data.area_id)):
        raise DomainError(str(_l("Choose a place from the list.")), "area_id")
    if data.source not in set(Source):
        raise DomainError(str(_l("Choose the source of the dispute.")), "source")
    if data.source == Source.REFERRAL and not (data.referral_body or "").strip():
        raise DomainError(str(_l("Name the body that referred the dispute.")), "referral_body")
    if data.accepted_on is not None and data.accepted_on < data.registered_on:
        raise DomainError(str(_l("The case cannot be accepted before it was registered.")), "accepted_on")
    if data.amount is not None and data.amount < 0:
        raise DomainError(str(_l("The amount cannot be negative.")), "amount")
    if data.persons is not None and data.persons < 1:
        raise DomainError(str(_l("At least one person is involved.")), "persons")
    ids = [i for i in dict.fromkeys(data.mediator_ids) if 0 < i < 2**31]
    mediators = list(db.session.scalars(select(Mediator).where(Mediator.id.in_(ids)))) if ids else []
    members = set(
        db.session.scalars(
            select(CommitteeMembership.mediator_id).where(CommitteeMembership.committee_id == committee.id)
        )
    )
    if len(mediators) != len(data.mediator_ids) or any(m.id not in members for m in mediators):
        raise DomainError(str(_l("Choose mediators who serve the case's committee.")), "mediator_ids")
    return committee, mediators


def _set_details(
    case: MediationCase, data: CaseInput, mediators: list[Mediator], parties: list[PartyInput]
) -> None:
    case.dispute_type_id = data.dispute_type_id
    case.area_id = data.area_id
    case.source = data.source
    case.referral_body = (
        (data.referral_body or "").strip() or None if data.source == Source.REFERRAL else None
    )
    case.registered_on = data.registered_on
    case.amount = data.amount
    case.persons = data.persons
    case.summary = (data.summary or "").strip() or None
    case.mediators = mediators
    existing = list(case.parties)
    for index, party in enumerate(parties):
        row = existing[index] if index < len(existing) else MediationParty()
        row.position, row.role, row.kind, row.name = index, party.role, party.kind, party.name
        row.id_number, row.credit_code = party.id_number, party.credit_code
        row.phone, row.address = party.phone, party.address
        if index >= len(existing):
            case.parties.append(row)
    del case.parties[len(parties) :]
    case.search_text = search_text_for(
        case.case_no, case.summary, [p.name for p in parties], case.referral_body
    )


def register_case(user, data: CaseInput) -> MediationCase:
    """Intake (登记): a new case with its parties and mediators and a case number; accepted at once if
    `data.accepted_on` is given."""
    committee, mediators = _check_details(user, data)
    parties = [clean_party(p, i) for i, p in enumerate(data.parties)]
    year = data.registered_on.year
    case_no, seq = issue_case_no(committee, year)
    case = MediationCase(
        case_no=case_no,
        case_year=year,
        case_seq=seq,
        committee=committee,
        status=Status.REGISTERED,
        registered_by_id=getattr(user, "id", None),
    )
    _set_details(case, data, mediators, parties)
    db.session.add(case)
    history.record(case, user, "register", None)
    if data.accepted_on is not None:
        accept_case(user, case, data.accepted_on, case.version)
    return case


def update_case(user, case: MediationCase, data: CaseInput, expected_version: int | None) -> MediationCase:
    """Edit the registration details, parties and mediators (and the acceptance date of an accepted case)."""
    states.check(case, Action.EDIT, user)
    check_version(case, expected_version)
    _committee, mediators = _check_details(user, data, case)
    parties = [clean_party(p, i) for i, p in enumerate(data.parties)]
    if case.accepted_on is not None and data.accepted_on is None:
        raise DomainError(str(_l("An accepted case keeps its acceptance date.")), "accepted_on")
    if case.accepted_on is None and data.accepted_on is not None:
        raise DomainError(str(_l("Accept the case with the Accept button.")), "accepted_on")
    check_dates(case, registered_on=data.registered_on, accepted_on=data.accepted_on)
    before = history.snapshot(case)
    _set_details(case, data, mediators, parties)
    case.accepted_on = data.accepted_on
    refresh_due_on(case)
    history.record(case, user, "edit", before)
    return case


def check_dates(case: MediationCase, **changes) -> None:
    """The dates of `case` with `changes` applied stay in order (the messages name the field at fault)."""
    names = ("registered_on", "accepted_on", "closed_on", "agreement_on", "not_accepted_on")
    values = {name: getattr(case, name) for name in names}
    values.update(changes)
    registered, accepted = values["registered_on"], values["accepted_on"]
    closed, agreement = values["closed_on"], values["agreement_on"]
    if accepted is not None and accepted < registered:
        raise DomainError(str(_l("The case cannot be accepted before it was registered.")), "accepted_on")
    not_accepted = values["not_accepted_on"]
    if not_accepted is not None and not_accepted < registered:
        field_name = "registered_on" if "registered_on" in changes else "not_accepted_on"
        raise DomainError(
            str(
                _l(
                    "The decision not to accept cannot come before the registration (%(day)s).",
                    day=registered.isoformat(),
                )
            ),
            field_name,
        )
    if agreement is not None and accepted is not None and agreement < accepted:
        raise DomainError(
            str(
                _l(
                    "The agreement cannot be dated before the case was accepted (%(day)s).",
                    day=accepted.isoformat(),
                )
            ),
            "agreement_on",
        )
    start = accepted or registered
    if closed is not None and closed < start:
        raise DomainError(
            str(_l("The case cannot be closed before it was accepted (%(day)s).", day=start.isoformat())),
            "closed_on",
        )


def accept_case(user, case: MediationCase, accepted_on: date, expected_version: int | None) -> MediationCase:
    """Accept (受理) a registered case: the mediation time limit starts to count (MoJ02 art 33)."""
    target = states.check(case, Action.ACCEPT, user)
    check_version(case, expected_version)
    check_dates(case, accepted_on=accepted_on)
    before = history.snapshot(case)
    case.accepted_on = accepted_on
    case.status = target
    refresh_due_on(case)
    history.record(case, user, "accept", before)
    return case


@dataclass
class NonAcceptance:
    """Why and when a registered case was not accepted (不予受理)."""

    not_accepted_on: date
    reason: str
    note: str | None = None


def check_non_acceptance(data: NonAcceptance) -> None:
    """The reason is one of the list, "other" says why, and the decision has been taken (not in the future)."""
    if data.reason not in set(NotAcceptedReason):
        raise DomainError(str(_l("Choose why the case is not accepted.")), "reason")
    if data.reason == NotAcceptedReason.OTHER and not clean_text(data.note):
        raise DomainError(str(_l("Say why the case is not accepted.")), "note")
    check_not_future(
        data.not_accepted_on, "not_accepted_on", _l("The decision cannot be dated in the future.")
    )


def not_accept_case(
    user, case: MediationCase, data: NonAcceptance, expected_version: int | None
) -> MediationCase:
    """Not accept (不予受理) a registered case, with its reason: a party expressly refuses mediation (PML art 17)
    or the dispute is not one for people's mediation. It counts as registered, never as in progress."""
    target = states.check(case, Action.NOT_ACCEPT, user)
    check_version(case, expected_version)
    check_non_acceptance(data)
    check_dates(case, not_accepted_on=data.not_accepted_on)
    before = history.snapshot(case)
    case.status = target
    case.not_accepted_on = data.not_accepted_on
    case.not_accepted_reason = data.reason
    case.not_accepted_note = clean_text(data.note)
    case.due_on = None
    history.record(case, user, "not_accept", before)
    return case


def start_mediation(user, case: MediationCase, expected_version: int | None) -> MediationCase:
    """Start mediating an accepted case (PML art 19–22)."""
    target = states.check(case, Action.START, user)
    check_version(case, expected_version)
    before = history.snapshot(case)
    case.status = target
    history.record(case, user, "start", before)
    return case


@dataclass
class Conclusion:
    """How mediation ended: success with an agreement, failure with the routes told, or termination."""

    outcome: str
    closed_on: date
    agreement_form: str | None = None
    agreement_on: date | None = None
    agreement_content: str | None = None
    agreement_facts: str | None = None  # written: the main facts and the matters in dispute (PML art 29)
    agreement_performance: str | None = None  # written: how and when the agreement is performed (PML art 29)
    failure_routes: str | None = None
    termination_reason: str | None = None


def conclude_case(
    user, case: MediationCase, conclusion: Conclusion, expected_version: int | None
) -> MediationCase:
    """Conclude a case: success (PML art 28–30), failure (art 26) or termination (art 23)."""
    target = states.check(case, Action.CONCLUDE, user)
    check_version(case, expected_version)
    c = conclusion
    if c.outcome not in set(Outcome):
        raise DomainError(str(_l("Choose the outcome.")), "outcome")
    success = c.outcome == Outcome.SUCCESS
    if success and c.agreement_form not in ("written", "oral"):
        raise DomainError(str(_l("Say whether the agreement is written or oral.")), "agreement_form")
    agreement_on = (c.agreement_on or c.closed_on) if success else None
    if success and not (c.agreement_content or "").strip():
        # PML art 29: a written agreement states the terms agreed; art 30: the mediator records the content of
        # an oral agreement.
        raise DomainError(str(_l("Write down the content of the agreement.")), "agreement_content")
    if c.outcome == Outcome.TERMINATED and not (c.termination_reason or "").strip():
        raise DomainError(str(_l("Give the reason for terminating the mediation.")), "termination_reason")
    if c.outcome == Outcome.FAILED and not (c.failure_routes or "").strip():
        # PML art 26: when mediation fails, the parties are told how to pursue their rights by other routes.
        raise DomainError(str(_l("Record the other routes the parties were told of.")), "failure_routes")
    check_dates(case, closed_on=c.closed_on, agreement_on=agreement_on)
    if agreement_on is not None and c.closed_on < agreement_on:
        raise DomainError(str(_l("The case closes on or after the agreement date.")), "closed_on")
    before = history.snapshot(case)
    case.status = target
    case.outcome = c.outcome
    case.closed_on = c.closed_on
    case.agreement_form = c.agreement_form if success else None
    case.agreement_on = agreement_on
    case.agreement_content = clean_text(c.agreement_content) if success else None
    written = success and c.agreement_form == "written"
    case.agreement_facts = clean_text(c.agreement_facts) if written else None
    case.agreement_performance = clean_text(c.agreement_performance) if written else None
    case.failure_routes = (c.failure_routes or "").strip() or None if c.outcome == Outcome.FAILED else None
    case.termination_reason = (
        (c.termination_reason or "").strip() or None if c.outcome == Outcome.TERMINATED else None
    )
    refresh_due_on(case)
    history.record(case, user, "conclude", before)
    return case


def reopen_case(user, case: MediationCase, reason: str, expected_version: int | None) -> MediationCase:
    """Reopen a concluded case (a director only, with a reason): back to mediation, the outcome cleared."""
    target = states.check(case, Action.REOPEN, user)
    check_version(case, expected_version)
    if not (reason or "").strip():
        raise DomainError(str(_l("Give the reason for reopening the case.")), "reason")
    before = history.snapshot(case)
    case.status = target
    case.outcome = case.closed_on = case.agreement_form = case.agreement_on = None
    case.agreement_content = case.failure_routes = case.termination_reason = None
    case.agreement_facts = case.agreement_performance = None
    if case.accepted_on is None:  # an imported record concluded without an acceptance date
        case.accepted_on = case.registered_on
    refresh_due_on(case)
    history.record(case, user, "reopen", before, note=reason.strip())
    return case


def archive_case(user, case: MediationCase, archived_on: date, expected_version: int | None) -> MediationCase:
    """Archive (归档) a concluded case."""
    target = states.check(case, Action.ARCHIVE, user)
    check_version(case, expected_version)
    if case.closed_on is not None and archived_on < case.closed_on:
        raise DomainError(str(_l("A case is archived on or after the day it closed.")), "archived_on")
    before = history.snapshot(case)
    case.status = target
    case.archived_on = archived_on
    history.record(case, user, "archive", before)
    return case


def void_case(user, case: MediationCase, reason: str, expected_version: int | None) -> MediationCase:
    """Void a case registered by mistake, with a reason: it is kept but counts nowhere."""
    target = states.check(case, Action.VOID, user)
    check_version(case, expected_version)
    if not (reason or "").strip():
        raise DomainError(str(_l("Give the reason for voiding the case.")), "reason")
    before = history.snapshot(case)
    case.status = target
    case.is_voided = True
    case.void_reason = reason.strip()
    case.voided_at = clock.now()
    history.record(case, user, "void", before, note=reason.strip())
    return case


def members_of(committee_id: int) -> set[int]:
    """Ids of the mediators serving a committee."""
    return set(
        db.session.scalars(
            select(CommitteeMembership.mediator_id).where(CommitteeMembership.committee_id == committee_id)
        )
    )


def clean_text(value: str | None) -> str | None:
    """Stripped text, or None when empty."""
    return (value or "").strip() or None


def check_not_before(day: date | None, limit: date | None, field_name: str, message) -> None:
    """DomainError on `field_name` when `day` is before `limit`; `message` has a %(day)s placeholder."""
    if day is not None and limit is not None and day < limit:
        raise DomainError(str(message) % {"day": limit.isoformat()}, field_name)


def check_not_future(day: date | None, field_name: str, message) -> None:
    """DomainError on `field_name` when `day` is after today: what is recorded has happened."""
    if day is not None and day > clock.today():
        raise DomainError(str(message), field_name)
