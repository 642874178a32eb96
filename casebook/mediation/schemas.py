"""The JSON shapes of the mediation API (pydantic models; the OpenAPI document is built from them).

Every constraint a body has is one the JSON schema states (lengths, ranges, choices); the rules a schema cannot
state (dates in order, a committee that exists, …) are checked by the operations and answered with 422.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, Field

from casebook.api.schemas import Distinct, Timestamp

Id = Annotated[int, Field(ge=1, le=2**31 - 1)]


def _clean(value: str) -> str:
    """Text a database can store: no NUL characters, no lone surrogates."""
    return value.encode("utf-8", "ignore").decode("utf-8").replace("\x00", "")


def Text(max_length: int):
    return Annotated[str, Field(max_length=max_length), AfterValidator(_clean)]


SourceCode = Literal["screening", "application", "referral"]
StatusCode = Literal["registered", "accepted", "mediating", "concluded", "archived", "voided", "not_accepted"]
OutcomeCode = Literal["success", "failed", "terminated"]
NotAcceptedReasonCode = Literal["party_refused", "out_of_scope", "other"]


KEPT = (
    " In an update (PUT), left out, empty or sent back as the read masked it, the stored number is kept: a"
    " masked number never replaces or erases it."
)


class MediationPartyIn(BaseModel):
    id: Id | None = Field(
        default=None,
        description="In an update (PUT): the party (as read) this entry stands for; without it, the party at"
        " the same position.",
    )
    role: Literal["applicant", "respondent", "other"]
    kind: Literal["person", "organisation"] = "person"
    name: Text(120)
    id_number: Text(40) | None = Field(
        default=None, description="Resident ID number (persons; GB 11643)." + KEPT
    )
    credit_code: Text(40) | None = Field(
        default=None, description="Unified social credit code (organisations)." + KEPT
    )
    phone: Text(30) | None = Field(default=None, description="Phone number." + KEPT)
    address: Text(200) | None = None


class MediationCaseIn(BaseModel):
    """Registration details of a case (intake; also the whole of an update, with `version`)."""

    committee_id: Id
    dispute_type_id: Id
    source: SourceCode
    referral_body: Text(120) | None = Field(default=None, description="Required for a referral.")
    registered_on: date
    accepted_on: date | None = Field(default=None, description="At intake: accept at once.")
    area_id: Id | None = None
    amount: float | None = Field(default=None, ge=0, le=1e11, description="Yuan; rounded to cents.")
    persons: int | None = Field(default=None, ge=1, le=1_000_000)
    summary: Text(5000) | None = None
    mediator_ids: Distinct(Id) = Field(default_factory=list, max_length=50)
    parties: list[MediationPartyIn] = Field(
        min_length=1, max_length=50, description="At least one party, as the intake form asks."
    )


class MediationCaseUpdateIn(MediationCaseIn):
    version: int = Field(ge=1, le=2**31 - 1, description="The version of the case the change is based on.")


class MediationVersioned(BaseModel):
    version: int = Field(ge=1, le=2**31 - 1, description="The version of the case the change is based on.")


class MediationAcceptIn(MediationVersioned):
    accepted_on: date


class MediationNotAcceptIn(MediationVersioned):
    """不予受理 of a registered case (PML art 17)."""

    not_accepted_on: date = Field(
        description="The day of the decision: not in the future, not before registration."
    )
    reason: NotAcceptedReasonCode = Field(
        description="party_refused: a party expressly refuses mediation (PML art 17); out_of_scope: not a dispute"
        " for people's mediation (already before a court, arbitration or an administrative body, or a matter the"
        " law reserves); other: say why in `note`."
    )
    note: Text(2000) | None = Field(default=None, description="Required when `reason` is other.")


class MediationConcludeIn(MediationVersioned):
    outcome: OutcomeCode
    closed_on: date
    agreement_form: Literal["written", "oral"] | None = None
    agreement_on: date | None = None
    agreement_content: Text(10000) | None = None
    agreement_facts: Text(10000) | None = None
    agreement_performance: Text(5000) | None = None
    failure_routes: Text(2000) | None = None
    termination_reason: Text(2000) | None = None


class MediationReasonIn(MediationVersioned):
    reason: Text(2000)


class MediationArchiveIn(MediationVersioned):
    archived_on: date


class MediationSessionIn(MediationVersioned):
    held_on: date
    place: Text(120) | None = None
    mediator_ids: Distinct(Id) = Field(default_factory=list, max_length=50)
    note: Text(5000) | None = None


class MediationExtensionIn(MediationVersioned):
    agreed_on: date
    days: int = Field(ge=1, le=365)
    reason: Text(2000)


class MediationConfirmationIn(MediationVersioned):
    applied_on: date
    court: Text(120)
    ruling: Literal["confirmed", "rejected"] | None = None
    ruling_no: Text(80) | None = None
    ruled_on: date | None = None


class MediationFollowupIn(MediationVersioned):
    visited_on: date
    performance: Literal["performed", "partly", "not_performed"]
    note: Text(5000) | None = None


class MediationCaseQuery(BaseModel):
    """The filters of the case list (the same as the list page's)."""

    q: Text(100) | None = Field(default=None, description="Text in the summary, party names, case number.")
    status: StatusCode | None = None
    outcome: OutcomeCode | None = None
    source: SourceCode | None = None
    dispute_type: Id | None = None
    committee: Id | None = None
    mediator: Id | None = None
    area: Id | None = None
    registered_from: date | None = None
    registered_to: date | None = None
    closed_from: date | None = None
    closed_to: date | None = None
    deadline: Literal["overdue", "due_soon"] | None = None
    voided: bool = Field(default=False, description="Voided cases only.")
    sort: Literal[
        "registered_on",
        "-registered_on",
        "case_no",
        "-case_no",
        "due_on",
        "-due_on",
        "closed_on",
        "-closed_on",
    ] = "-registered_on"
    page: int = Field(default=1, ge=1, le=1_000_000)
    per_page: int = Field(default=25, ge=1, le=200)


class MediationCaseReadQuery(BaseModel):
    full: bool = Field(default=False, description="Full ID and phone numbers (logged; needs the permission).")


class MediationRef(BaseModel):
    id: int
    code: str
    name: str


class MediationPartyOut(BaseModel):
    id: int
    role: str
    kind: str
    name: str
    id_number: str | None
    credit_code: str | None
    phone: str | None
    address: str | None


class MediationDeadlineOut(BaseModel):
    due_on: date | None
    status: str | None
    days_left: int | None
    provisional: bool = Field(
        description="The date rests on a year without a published holiday schedule (待确认)."
    )
    steps: list[str]
    problem: str | None


class MediationSessionOut(BaseModel):
    id: int
    held_on: date
    place: str | None
    mediator_ids: list[int]
    note: str | None


class MediationExtensionOut(BaseModel):
    id: int
    agreed_on: date
    days: int
    reason: str


class MediationConfirmationOut(BaseModel):
    applied_on: date
    court: str
    ruling: str | None
    ruling_no: str | None
    ruled_on: date | None


class MediationFollowupOut(BaseModel):
    id: int
    visited_on: date
    performance: str
    note: str | None


class MediationCaseSummaryOut(BaseModel):
    id: int
    case_no: str
    committee: MediationRef
    dispute_type: MediationRef
    source: str
    status: str
    outcome: str | None
    registered_on: date
    accepted_on: date | None
    closed_on: date | None
    due_on: date | None = Field(description="The mediation deadline; null while it is only provisional.")
    due_on_provisional: date | None = Field(
        description="The deadline counted from the statutory holidays of a year without a published schedule "
        "(待确认); null once certain."
    )
    provisional_reason: str | None
    is_voided: bool
    parties: list[str]
    mediators: list[MediationRef]
    version: int


class MediationCaseOut(MediationCaseSummaryOut):
    area: MediationRef | None
    referral_body: str | None
    agreement_form: str | None
    agreement_on: date | None
    agreement_content: str | None
    agreement_facts: str | None
    agreement_performance: str | None
    failure_routes: str | None
    termination_reason: str | None
    not_accepted_on: date | None = Field(
        description="不予受理: the day of the decision (status not_accepted)."
    )
    not_accepted_reason: NotAcceptedReasonCode | None
    not_accepted_note: str | None
    extension_days: int
    void_reason: str | None
    archived_on: date | None
    amount: Decimal | None
    persons: int | None
    summary: str | None
    party_details: list[MediationPartyOut]
    deadline: MediationDeadlineOut
    sessions: list[MediationSessionOut]
    extensions: list[MediationExtensionOut]
    confirmation: MediationConfirmationOut | None
    followups: list[MediationFollowupOut]


class MediationCaseListOut(BaseModel):
    items: list[MediationCaseSummaryOut]
    page: int
    per_page: int
    total: int


class MediationChangeOut(BaseModel):
    changed_at: Timestamp
    user: str | None
    action: str
    field: str | None
    before: str | None
    after: str | None
    note: str | None
    version: int | None


class MediationHistoryOut(BaseModel):
    items: list[MediationChangeOut]
