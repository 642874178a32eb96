"""Cases written from the office's register (interchange.md): created or brought in line with a row, with the
deadline computed by the engine and each change recorded in the case's history."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from casebook.deadlines import law_for_received_on
from casebook.extensions import db
from casebook.reconsideration import deadlines, numbering
from casebook.reconsideration.codes import Status
from casebook.reconsideration.models import (
    ReconsiderationCase,
    ReconsiderationParty,
    ReconsiderationSuspension,
)
from casebook.reconsideration.operations.common import _finish, _set

# Fields a register row sets on a case, in the order the history lists them.
REGISTER_FIELDS = (
    "received_on",
    "agency_id",
    "act_category",
    "act_document_no",
    "learned_on",
    "supplement_requested_on",
    "supplement_notice_received_on",
    "supplement_received_on",
    "abandoned_on",
    "acceptance",
    "accepted_on",
    "is_accepted_deemed",
    "rejected_on",
    "procedure",
    "converted_on",
    "extension_days",
    "outcome",
    "termination_ground",
    "decision_document_no",
    "closed_on",
    "late_reason",
    "status",
)


@dataclass
class RegisterRow:
    """One row of the register, parsed and checked."""

    applicant: str
    agency_id: int
    act_category: str
    received_on: date
    case_no: str | None = None
    act_document_no: str | None = None
    learned_on: date | None = None
    supplement_requested_on: date | None = None
    supplement_notice_received_on: date | None = None
    supplement_received_on: date | None = None
    abandoned_on: date | None = None  # 视为放弃 (ARL23 art 31 ¶2)
    acceptance: str | None = None  # "accepted", "rejected" or None (under review)
    accepted_on: date | None = None
    rejected_on: date | None = None
    procedure: str = "ordinary"
    converted_on: date | None = None  # simplified → ordinary (ARL23 art 55)
    suspensions: list[tuple[date, date | None, int]] = field(default_factory=list)
    extension_days: int = 0
    outcome: str | None = None
    termination_ground: str | None = None
    decision_document_no: str | None = None
    closed_on: date | None = None
    late_reason: str | None = None


def status_for(row: RegisterRow) -> str:
    """The status a register row describes."""
    if row.outcome:
        return Status.CONCLUDED
    if row.acceptance == "rejected":
        return Status.REJECTED
    if row.abandoned_on:
        return Status.ABANDONED
    if row.suspensions and row.suspensions[-1][1] is None:
        return Status.SUSPENDED
    if row.supplement_requested_on and not row.supplement_received_on and row.acceptance is None:
        return Status.AWAITING_SUPPLEMENT
    if row.acceptance == "accepted" or row.accepted_on:
        return Status.ACCEPTED
    return Status.RECEIVED


def apply_register_row(
    row: RegisterRow, user, case: ReconsiderationCase | None = None
) -> tuple[str, ReconsiderationCase]:
    """Create the case of a row, or update `case` to match it; returns "created", "updated" or "unchanged" and
    the case."""
    created = case is None
    if created:
        if row.case_no:
            parsed = numbering.parse_case_no(row.case_no)
            year, seq, case_no = (
                (*parsed, row.case_no) if parsed else (row.received_on.year, None, row.case_no)
            )
        else:
            year = row.received_on.year
            case_no, seq = numbering.next_case_no(year)
        case = ReconsiderationCase(
            case_no=case_no, case_year=year, case_seq=seq, created_by_id=getattr(user, "id", None)
        )
        db.session.add(case)
        case.parties.append(
            ReconsiderationParty(role="applicant", kind="person", name=row.applicant, position=0)
        )
        case.applicant_names = row.applicant[:300]
    changes: list[tuple] = []
    explicit = row.acceptance == "accepted" and row.accepted_on is not None
    values = {
        "received_on": row.received_on,
        "agency_id": row.agency_id,
        "act_category": row.act_category,
        "act_document_no": row.act_document_no,
        "learned_on": row.learned_on,
        "supplement_requested_on": row.supplement_requested_on,
        "supplement_notice_received_on": row.supplement_notice_received_on,
        "supplement_received_on": row.supplement_received_on,
        "abandoned_on": row.abandoned_on,
        "acceptance": row.acceptance if row.acceptance == "rejected" or explicit else case.acceptance,
        "accepted_on": row.accepted_on
        if explicit
        else (None if row.acceptance == "rejected" else case.accepted_on),
        "is_accepted_deemed": False if explicit or row.acceptance == "rejected" else case.is_accepted_deemed,
        "rejected_on": row.rejected_on if row.acceptance == "rejected" else None,
        "procedure": row.procedure,
        "converted_on": row.converted_on,
        "extension_days": row.extension_days,
        "outcome": row.outcome,
        "termination_ground": row.termination_ground if row.outcome == "terminated" else None,
        "decision_document_no": row.decision_document_no,
        "closed_on": row.closed_on,
        "late_reason": row.late_reason,
        "status": status_for(row),
    }
    if (
        not explicit
        and row.acceptance != "rejected"
        and case.acceptance == "accepted"
        and not case.is_accepted_deemed
    ):
        # the register no longer gives the acceptance date: fall back to the law's deemed date
        values.update(acceptance=None, accepted_on=None, is_accepted_deemed=False)
    for name in REGISTER_FIELDS:
        if created:
            setattr(case, name, values[name])
        else:
            _set(case, changes, name, values[name])
    case.law = law_for_received_on(row.received_on)
    case.is_late_application = deadlines.is_late_application(case)
    if not created:
        _sync_applicant(case, row.applicant, changes)
    _sync_suspensions(case, row.suspensions, changes)
    if created:
        _finish(case, user, "import", [], note=case.case_no)
        return "created", case
    if not changes:
        return "unchanged", case
    _finish(case, user, "import", changes)
    return "updated", case


def _sync_applicant(case: ReconsiderationCase, name: str, changes: list[tuple]) -> bool:
    """The register names one applicant: the first applicant takes that name."""
    applicants = case.applicants
    if applicants and applicants[0].name == name:
        return False
    before = applicants[0].name if applicants else None
    if applicants:
        applicants[0].name = name
    else:
        case.parties.append(ReconsiderationParty(role="applicant", kind="person", name=name, position=0))
    case.applicant_names = "、".join(p.name for p in case.applicants)[:300]
    changes.append(("applicant", before, name))
    return True


def _sync_suspensions(case: ReconsiderationCase, wanted: list[tuple], changes: list[tuple]) -> bool:
    """Replace the case's suspensions with the register's when they differ."""
    current = [(s.from_on, s.to_on, s.ground) for s in sorted(case.suspensions, key=lambda s: s.from_on)]
    if current == list(wanted):
        return False
    for suspension in list(case.suspensions):
        case.suspensions.remove(suspension)
    db.session.flush()
    for from_on, to_on, ground in wanted:
        case.suspensions.append(ReconsiderationSuspension(from_on=from_on, to_on=to_on, ground=ground))
    if case.id is not None:
        text = "; ".join(f"{f}~{t or ''}" for f, t, _g in wanted)
        changes.append(
            ("suspensions", "; ".join(f"{f}~{t or ''}" for f, t, _g in current) or None, text or None)
        )
    return True
