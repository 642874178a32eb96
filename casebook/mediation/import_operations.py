"""The writes of the spreadsheet import: a new case from a row, or a row's changes to an existing case.

Like every operation they check the state machine (`states.import_refusal`), write the history and never
commit. New cases are only added to the session (the import flushes them in batches).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import insert, select

from casebook.core.errors import DomainError
from casebook.extensions import db
from casebook.mediation import history, states
from casebook.mediation.deadline import refresh_due_on
from casebook.mediation.models import (
    MediationCase,
    MediationCaseChange,
    MediationParty,
    Outcome,
    PartyRole,
    Source,
    Status,
    mediation_case_mediators,
)
from casebook.mediation.numbering import BulkNumberer
from casebook.mediation.operations import check_dates, search_text_for


@dataclass
class ImportedRow:
    """A parsed and checked row; None means "not given" (an update leaves such a field as it is)."""

    case_no: str | None
    committee: object
    dispute_type_id: int
    source: str
    registered_on: date
    accepted_on: date | None = None
    outcome: str | None = None
    closed_on: date | None = None
    not_accepted_on: date | None = None  # 不予受理 (PML art 17): the decision's day, reason and note
    not_accepted_reason: str | None = None
    not_accepted_note: str | None = None
    agreement_form: str | None = None
    extension_days: int | None = None
    amount: Decimal | None = None
    persons: int | None = None
    applicants: list[str] | None = None
    respondents: list[str] | None = None
    summary: str | None = None
    referral_body: str | None = None
    mediators: list | None = None  # Mediator objects

    @property
    def status(self) -> Status:
        """The status the register shows: not accepted, concluded with an outcome, accepted with an acceptance
        date."""
        if self.not_accepted_on:
            return Status.NOT_ACCEPTED
        if self.outcome:
            return Status.CONCLUDED
        return Status.ACCEPTED if self.accepted_on else Status.REGISTERED


def _party_names(row: ImportedRow) -> list[tuple[str, str]]:
    return [(PartyRole.APPLICANT, n) for n in row.applicants or []] + [
        (PartyRole.RESPONDENT, n) for n in row.respondents or []
    ]


@dataclass
class NewCase:
    """A new case's rows, written in bulk by `insert_new_cases`."""

    case: dict
    parties: list[tuple[str, str]]
    mediator_ids: list[int]


def new_case(user, row: ImportedRow, numberer: BulkNumberer, deadline: dict, now) -> NewCase:
    """The rows of a new case as the register row describes it (its number from the file or the next free one)."""
    year = row.registered_on.year
    case_no, seq = (row.case_no, None) if row.case_no else numberer.issue(row.committee, year)
    success = row.outcome == Outcome.SUCCESS
    referral_body = row.referral_body if row.source == Source.REFERRAL else None
    parties = _party_names(row)
    case = {
        "case_no": case_no,
        "case_year": year if seq else None,
        "case_seq": seq,
        "committee_id": row.committee.id,
        "area_id": None,
        "dispute_type_id": row.dispute_type_id,
        "source": row.source,
        "referral_body": referral_body,
        "registered_on": row.registered_on,
        "accepted_on": row.accepted_on,
        "status": row.status,
        "outcome": row.outcome,
        "closed_on": row.closed_on,
        "not_accepted_on": row.not_accepted_on,
        "not_accepted_reason": row.not_accepted_reason,
        "not_accepted_note": row.not_accepted_note,
        "agreement_form": row.agreement_form if success else None,
        "agreement_on": row.closed_on if success else None,  # the register has no agreement date: closing day
        "extension_days": row.extension_days or 0,
        **deadline,  # due_on, due_on_provisional, calendar_missing_year (deadline.stored_deadline)
        "is_voided": False,
        "amount": row.amount,
        "persons": row.persons,
        "summary": row.summary,
        "search_text": search_text_for(
            case_no, row.summary, [name for _role, name in parties], referral_body
        ),
        "registered_by_id": getattr(user, "id", None),
        "version": 1,
        "created_at": now,
        "updated_at": now,
    }
    return NewCase(case=case, parties=parties, mediator_ids=[m.id for m in row.mediators or []])


def insert_new_cases(user, batch: list[NewCase], now) -> None:
    """Insert a batch of new cases with their parties, mediators and a history row each (bulk statements)."""
    if not batch:
        return
    # One executemany of the table, then the new ids by case number (unique, always set): the ORM's bulk insert
    # with RETURNING in parameter order ran a statement per row and spliced each result onto the batch's so far
    # (quadratic: a minute for 100,000 rows, benchmarks/README.md).
    table = MediationCase.__table__
    rows = [n.case for n in batch]
    db.session.execute(insert(table), rows)
    numbers = [row["case_no"] for row in rows]
    found = dict(
        db.session.execute(select(table.c.case_no, table.c.id).where(table.c.case_no.in_(numbers))).all()
    )
    ids = [found[number] for number in numbers]
    parties = [
        {"case_id": case_id, "position": i, "kind": "person", "role": role, "name": name}
        for case_id, item in zip(ids, batch, strict=True)
        for i, (role, name) in enumerate(item.parties)
    ]
    links = [
        {"case_id": case_id, "mediator_id": mediator_id}
        for case_id, item in zip(ids, batch, strict=True)
        for mediator_id in item.mediator_ids
    ]
    user_id = getattr(user, "id", None)
    changes = [
        {"case_id": i, "user_id": user_id, "action": "import", "version": 1, "changed_at": now} for i in ids
    ]
    for table, rows in (
        (MediationParty.__table__, parties),
        (mediation_case_mediators, links),
        (MediationCaseChange.__table__, changes),
    ):
        if rows:
            db.session.execute(table.insert(), rows)


def differences(case: MediationCase, row: ImportedRow) -> dict[str, object]:
    """The fields the row gives that differ from the case (parties compared by name within each role)."""
    found: dict[str, object] = {}
    plain = {
        "dispute_type_id": row.dispute_type_id,
        "source": row.source,
        "registered_on": row.registered_on,
        "accepted_on": row.accepted_on,
        "outcome": row.outcome,
        "closed_on": row.closed_on,
        "not_accepted_on": row.not_accepted_on,
        "not_accepted_reason": row.not_accepted_reason,
        "not_accepted_note": row.not_accepted_note,
        "agreement_form": row.agreement_form if row.outcome == Outcome.SUCCESS else None,
        "extension_days": row.extension_days,
        "amount": row.amount,
        "persons": row.persons,
        "summary": row.summary,
        "referral_body": row.referral_body,
    }
    # an empty cell there means "in progress"
    conclusion = {
        "outcome",
        "closed_on",
        "agreement_form",
        "not_accepted_on",
        "not_accepted_reason",
        "not_accepted_note",
    }
    for name, value in plain.items():
        if value is None and name not in conclusion:
            continue
        if getattr(case, name) != value:
            found[name] = value
    for role, names in ((PartyRole.APPLICANT, row.applicants), (PartyRole.RESPONDENT, row.respondents)):
        if names is not None and [p.name for p in case.parties if p.role == role] != names:
            found[f"parties_{role}"] = names
    if row.mediators is not None and {m.id for m in case.mediators} != {m.id for m in row.mediators}:
        found["mediators"] = row.mediators
    return found


def update_imported(user, case: MediationCase, row: ImportedRow) -> bool:
    """Apply a changed row to its case (with history); False when the row changes nothing."""
    changes = differences(case, row)
    if not changes:
        return False
    target = states.import_target(
        case.status,
        bool(row.outcome),
        bool(row.accepted_on or case.accepted_on),
        row.not_accepted_on is not None,
    )
    refusal = states.import_refusal(case.status, target)
    if refusal:
        raise DomainError(refusal, "outcome")
    dates = {
        k: v
        for k, v in changes.items()
        if k in ("registered_on", "accepted_on", "closed_on", "not_accepted_on")
    }
    if "closed_on" in dates and case.outcome is None and row.outcome == Outcome.SUCCESS:
        dates["agreement_on"] = dates["closed_on"]
    check_dates(case, **dates)
    before = history.snapshot(case)
    for name, value in changes.items():
        if name.startswith("parties_"):
            _replace_parties(case, name.removeprefix("parties_"), value)
        elif name == "mediators":
            case.mediators = list(value)
        else:
            setattr(case, name, value)
    case.status = target
    success = case.outcome == Outcome.SUCCESS
    case.agreement_on = (case.agreement_on or case.closed_on) if success else None
    if not success:
        case.agreement_form = case.agreement_content = None
    if case.source != Source.REFERRAL:
        case.referral_body = None
    case.search_text = search_text_for(
        case.case_no, case.summary, [p.name for p in case.parties], case.referral_body
    )
    refresh_due_on(case)
    history.record(case, user, "import", before)
    return True


def _replace_parties(case: MediationCase, role: str, names: list[str]) -> None:
    """The role's parties become `names`; a party whose name stays keeps its numbers and address."""
    kept = {p.name: p for p in case.parties if p.role == role}
    by_role = {r: [p for p in case.parties if p.role == r] for r in PartyRole}
    by_role[role] = [kept.get(name) or MediationParty(role=role, kind="person", name=name) for name in names]
    case.parties = [
        p for r in (PartyRole.APPLICANT, PartyRole.RESPONDENT, PartyRole.OTHER) for p in by_role[r]
    ]
    for position, party in enumerate(case.parties):
        party.position = position
