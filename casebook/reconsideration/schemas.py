"""The reconsideration API's bodies and answers (pydantic models; the OpenAPI document is built from them)."""

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from casebook.deadlines.application import MAX_TOLLED_DAYS
from casebook.reconsideration.codes import ACT_CATEGORIES, OUTCOMES, Status

MAX_ID = 2**31 - 1


# No control characters (line breaks and tabs allowed): PostgreSQL refuses NUL, and none belongs in a case.
NO_CONTROL = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f]*$"


def text(max_length: int, min_length: int = 0):
    """A text of bounded length without control characters, stripped."""
    return Annotated[
        str,
        Field(min_length=min_length, max_length=max_length, pattern=NO_CONTROL),
        AfterValidator(str.strip),
    ]


# Dates are any calendar date in the schema; a date the law or the case cannot have (before 1999-10-01, in the
# future, before receipt) is refused by the operations with 409 and the reason.
Day = date
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
ActCategory = Literal[
    "penalty", "coercion", "licensing", "levy", "confirmation", "ownership", "information_disclosure",
    "complaint_handling", "inaction", "agreement", "other",
]  # fmt: skip
Outcome = Literal[
    "modify", "revoke", "confirm_unlawful", "order_performance", "confirm_void", "uphold", "reject_request",
    "dismiss", "mediated", "terminated",
]  # fmt: skip
StatusCode = Literal[
    "received", "awaiting_supplement", "accepted", "rejected", "suspended", "concluded", "abandoned", "voided"
]
assert set(ActCategory.__args__) == set(ACT_CATEGORIES)
assert set(Outcome.__args__) == set(OUTCOMES)
assert set(StatusCode.__args__) == {s.value for s in Status}

Channel = Literal["written", "online", "oral", "forwarded"]
Procedure = Literal["ordinary", "simplified"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PartyIn(Strict):
    role: Literal["applicant", "agent", "third_party"] = "applicant"
    kind: Literal["person", "organisation"] = "person"
    name: text(120, 1)
    id_number: text(30) | None = None
    credit_code: text(30) | None = None
    representative: text(60) | None = None
    phone: text(30) | None = None
    address: text(200) | None = None


class ReceiptFields(Strict):
    channel: Channel | None = None
    act_document_no: text(100) | None = None
    act_on: Day | None = None
    learned_on: Day | None = None
    application_tolled_days: Annotated[int, Field(ge=0, le=MAX_TOLLED_DAYS)] | None = Field(
        default=None,
        description="Days the applicant was prevented from applying (ARL23 art 20 ¶2); null or absent = 0 on "
        "creation, unchanged on update.",
    )
    right_learned_on: Day | None = Field(
        default=None,
        description="Not told of the right to apply: the day the applicant learned of it (ARL23 art 20 ¶3).",
    )
    request: text(4000) | None = None
    special_limit_days: Annotated[int, Field(ge=1, le=59)] | None = None
    special_limit_reason: text(200) | None = None


class CaseCreate(ReceiptFields):
    """收到申请: the application and its parties; `agency_code` or `agency_id` names the respondent."""

    received_on: Day
    agency_id: Id | None = None
    agency_code: text(32) | None = None
    act_category: ActCategory
    case_no: text(64) | None = None
    parties: list[PartyIn] = Field(min_length=1, max_length=30)


class CaseUpdate(ReceiptFields):
    """Corrections of the receipt; `version` is the version read (a newer one answers 409)."""

    version: Id
    received_on: Day | None = None
    agency_id: Id | None = None
    act_category: ActCategory | None = None
    decision_document_no: text(100) | None = None
    closing_note: text(4000) | None = None


class Versioned(Strict):
    version: Id | None = None


class DateBody(Versioned):
    on: Day


SupplementPeriod = Annotated[int, Field(ge=10, le=60)]


class SupplementBody(DateBody):
    items: text(2000) = ""
    period_workdays: SupplementPeriod | None = Field(
        default=None, description="A period longer than the statutory 10 working days (ARL23 art 31 ¶2)."
    )


class SupplementNoticeBody(DateBody):
    """`on`: the day the applicant received the notice (送达回证)."""

    period_workdays: SupplementPeriod | None = None


class ServeBody(DateBody):
    received_on: Day | None = Field(
        default=None,
        description="送达回证: the day the respondent received the copy (default: assumed `on`).",
    )


class AcceptBody(DateBody):
    procedure: Procedure = "ordinary"


class RejectBody(DateBody):
    reason: text(2000, 1)


class HearingBody(DateBody):
    notice_on: Day
    panel: text(200, 1)
    note: text(2000) = ""


class SuspendBody(DateBody):
    ground: Annotated[int, Field(ge=1, le=10)]
    note: text(2000) = ""


class ExtendBody(DateBody):
    days: Annotated[int, Field(ge=1, le=30)]
    approver: text(60, 1)
    note: text(2000) = ""


class ConvertBody(DateBody):
    approver: text(60, 1)


class ConcludeBody(DateBody):
    outcome: Outcome
    termination_ground: Literal["withdrawal", "settlement", "other"] | None = None
    document_no: text(100) = ""
    note: text(2000) = ""
    late_reason: text(2000) = ""


class ServeDecisionBody(DateBody):
    performance_due_on: Day | None = Field(
        default=None,
        description="The period the decision names for carrying it out (default: PERFORMANCE_DAYS from service).",
    )


class PerformanceBody(DateBody):
    evidence: text(2000, 1)


class OrderPerformanceBody(DateBody):
    due_on: Day = Field(description="The new period set by the order to perform (ARL23 art 77).")
    note: text(2000) = ""


class OpinionBody(DateBody):
    """`on`: the day issued."""

    kind: Literal["opinion", "suggestion"]
    agency_id: Id
    content: text(4000, 1)
    document_no: text(100) = ""
    received_on: Day | None = Field(
        default=None,
        description="The agency's receipt; the 60 days of ARL23 art 76 count from it (default: `on`).",
    )


class OpinionFeedbackBody(DateBody):
    opinion_id: Id
    note: text(2000) = ""


class ReasonBody(Versioned):
    reason: text(2000, 1)


class CaseListQuery(Strict):
    page: Annotated[int, Field(ge=1, le=100000)] = 1
    per_page: Annotated[int, Field(ge=1, le=200)] = 25
    q: text(100) | None = None
    status: StatusCode | None = None
    procedure: Procedure | None = None
    outcome: Outcome | None = None
    agency_id: Id | None = None
    act_category: ActCategory | None = None
    received_from: Day | None = None
    received_to: Day | None = None
    closed_from: Day | None = None
    closed_to: Day | None = None
    due: Literal["overdue", "10", "20"] | None = None


class RespondentAgencyOut(BaseModel):
    id: int
    code: str
    name: str


class PartyOut(BaseModel):
    id: int
    role: str
    kind: str
    name: str
    id_number_masked: str
    credit_code_masked: str
    phone_masked: str
    representative: str | None
    address: str | None


class SuspensionOut(BaseModel):
    from_on: date
    to_on: date | None
    ground: int
    days: int
    note: str | None


class EventOut(BaseModel):
    kind: str
    occurred_on: date
    due_on: date | None
    notice_on: date | None
    panel: str | None
    approver: str | None
    days: int | None
    note: str | None


class ReconsiderationDeadlineOut(BaseModel):
    """The engine's answer as of today, or `error` (e.g. "calendar for 2027 not loaded")."""

    status: str | None
    days_left: int | None
    supplement_due_on: date | None
    long_suspension_warning: bool
    long_suspension_days: int | None = None
    steps: list[str]
    error: str | None


class CaseSummaryOut(BaseModel):
    id: int
    case_no: str
    received_on: date
    applicant_names: str
    agency: RespondentAgencyOut
    act_category: str
    law: str
    status: str
    display_status: str
    procedure: str
    acceptance: str | None
    accepted_on: date | None
    is_accepted_deemed: bool
    due_on: date | None = Field(description="The decision deadline; null while it is only provisional.")
    calendar_missing_year: int | None = Field(
        description="The first year the deadline reaches without a schedule."
    )
    due_on_provisional: date | None = Field(
        description="The deadline counted from that year's statutory holidays, without make-up workdays: to be "
        "confirmed (待确认); null once certain."
    )
    provisional_reason: str | None
    outcome: str | None
    is_correction: bool
    closed_on: date | None
    is_late: bool
    is_late_application: bool
    is_voided: bool
    version: int


class OpinionOut(BaseModel):
    id: int
    kind: str
    agency_id: int
    agency_name: str
    document_no: str | None
    content: str
    issued_on: date
    received_on: date | None
    feedback_due_on: date | None
    feedback_received_on: date | None
    feedback_note: str | None


class CaseOut(CaseSummaryOut):
    channel: str
    act_document_no: str | None
    act_on: date | None
    learned_on: date | None
    request: str | None
    supplement_requested_on: date | None
    supplement_due_on: date | None
    supplement_received_on: date | None
    acceptance_due_on: date | None
    rejected_on: date | None
    rejection_reason: str | None
    converted_on: date | None
    respondent_served_on: date | None
    answer_due_on: date | None
    answer_received_on: date | None
    respondent_received_on: date | None = Field(
        default=None,
        description="送达回证: the day the respondent received the copy (null: assumed the day sent).",
    )
    application_tolled_days: int = 0
    right_learned_on: date | None = None
    application_last_day: date | None = Field(
        default=None,
        description="Last day to apply (ARL23 art 20; ARL17 art 9); null when learned_on is unknown.",
    )
    application_period_rule: Literal["ordinary", "not_informed", "not_informed_capped"] | None = Field(
        default=None,
        description="Which rule set the last day: art 20 ¶1, ¶3 (not told of the right), or ¶3's one-year cap.",
    )
    answer_flag: Literal["late", "missing"] | None = Field(
        default=None, description="The respondent's answer came late, or is missing past its due day."
    )
    is_answer_due_assumed: bool = Field(
        default=False, description="The answer period counts from the day sent: no 送达回证 date is recorded."
    )
    supplement_notice_received_on: date | None = None
    supplement_period_workdays: int | None = None
    abandoned_on: date | None = None
    is_acceptance_notice_late: bool = Field(
        default=False, description="受理通知晚于法定受理日 (ARL23 art 30 ¶3; ARL17 art 17 ¶2)."
    )
    decision_served_on: date | None = None
    performance_due_on: date | None = None
    performed_on: date | None = None
    performance_evidence: str | None = None
    performance_ordered_on: date | None = None
    copied_to_superior_on: date | None = None
    published_on: date | None = None
    opinions: list[OpinionOut] = Field(default_factory=list)
    extension_days: int
    extension_approved_by: str | None
    extension_approved_on: date | None
    special_limit_days: int | None
    special_limit_reason: str | None
    termination_ground: str | None
    decision_document_no: str | None
    late_reason: str | None
    void_reason: str | None
    parties: list[PartyOut]
    suspensions: list[SuspensionOut]
    events: list[EventOut]
    deadline: ReconsiderationDeadlineOut


class CaseListOut(BaseModel):
    items: list[CaseSummaryOut]
    page: int
    per_page: int
    total: int
