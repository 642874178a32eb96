"""The litigation API's bodies and answers (pydantic models; the OpenAPI document is built from them)."""

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from casebook.litigation.codes import APPEARANCES, INSTANCES, OUTCOMES, Status
from casebook.reconsideration.schemas import ActCategory, Day, Id, Strict, Versioned, text

Instance = Literal["first", "second", "retrial"]
Outcome = Literal[
    "reject_claims", "revoke", "order_performance", "modify", "confirm_unlawful", "confirm_void", "mediated",
    "withdrawn", "dismissed", "other",
]  # fmt: skip
Appearance = Literal["head", "deputy_head", "staff"]
StatusCode = Literal["open", "decided", "appealed", "effective", "voided"]
assert set(Instance.__args__) == set(INSTANCES)
assert set(Outcome.__args__) == set(OUTCOMES)
assert set(Appearance.__args__) == set(APPEARANCES)
assert set(StatusCode.__args__) == {s.value for s in Status}


class LitigationPlaintiffIn(Strict):
    kind: Literal["person", "organisation"] = "person"
    name: text(120, 1)
    id_number: text(30) | None = None
    credit_code: text(30) | None = None
    representative: text(60) | None = None
    phone: text(30) | None = None
    address: text(200) | None = None


class LitigationCaseFields(Strict):
    court: text(100, 1) | None = None
    court_case_no: text(64, 1) | None = None
    instance: Instance | None = None
    defendant_kind: Literal["agency", "government"] | None = None
    agency_id: Id | None = None
    agency_code: text(32) | None = Field(default=None, description="The defending agency by its code.")
    act_category: ActCategory | None = None
    act_description: text(300) | None = None
    act_document_no: text(100) | None = None
    reconsideration_case_no: text(64) | None = Field(
        default=None, description="The concluded reconsideration case the suit follows (复议后起诉)."
    )
    filed_on: Day | None = None


class LitigationCaseCreate(LitigationCaseFields):
    """A case filed by a court; `agency_id` or `agency_code` names the defending agency (none for the district
    government)."""

    court: text(100, 1)
    court_case_no: text(64, 1)
    act_category: ActCategory
    filed_on: Day
    complaint_served_on: Day | None = Field(
        default=None, description="The defence is due 15 days later (ALL art 67)."
    )
    plaintiffs: list[LitigationPlaintiffIn] = Field(min_length=1, max_length=30)


class LitigationCaseUpdate(LitigationCaseFields):
    """Corrections; `version` is the version read (a newer one answers 409)."""

    version: Id


class LitigationDateBody(Versioned):
    on: Day


class LitigationHearingBody(LitigationDateBody):
    appearance: Appearance
    head_name: text(60) | None = None
    head_title: text(60) | None = None
    representatives: text(200) | None = None
    absence_reason: text(2000) | None = Field(
        default=None,
        description="Required when only staff or lawyers appeared (ALL art 3 ¶3; SPC20 art 8–9).",
    )
    note: text(2000) | None = None


class LitigationJudgmentBody(LitigationDateBody):
    outcome: Outcome
    is_against_agency: bool | None = Field(
        default=None,
        description="败诉; default: 撤销, 变更, 确认违法, 确认无效 and 责令履行 are against the agency.",
    )
    document_no: text(100) | None = None


class LitigationAppealBody(LitigationDateBody):
    next_instance_id: Id


class LitigationPerformBody(LitigationDateBody):
    note: text(2000) | None = None


class LitigationReasonBody(Versioned):
    reason: text(2000, 1)


class LitigationPlaintiffBody(LitigationPlaintiffIn):
    version: Id | None = None


class LitigationCaseListQuery(Strict):
    page: Annotated[int, Field(ge=1, le=100000)] = 1
    per_page: Annotated[int, Field(ge=1, le=200)] = 25
    q: text(100) | None = None
    agency_id: Id | None = None
    year: Annotated[int, Field(ge=1990, le=2200)] | None = None
    instance: Instance | None = None
    outcome: Outcome | None = None
    status: StatusCode | None = None


class LitigationAgencyOut(BaseModel):
    id: int
    code: str
    name: str


class LitigationPlaintiffOut(BaseModel):
    id: int
    kind: str
    name: str
    id_number_masked: str
    credit_code_masked: str
    phone_masked: str


class LitigationHearingOut(BaseModel):
    held_on: date
    appearance: Appearance
    is_head_present: bool
    head_name: str | None
    head_title: str | None
    representatives: str | None
    absence_reason: str | None


class LitigationCaseSummaryOut(BaseModel):
    id: int
    court: str
    court_case_no: str
    instance: Instance
    defendant_kind: Literal["agency", "government"]
    agency: LitigationAgencyOut | None
    act_category: ActCategory
    plaintiff_names: str
    status: StatusCode
    filed_on: date
    complaint_served_on: date | None
    defence_due_on: date | None
    calendar_missing_year: int | None
    defence_submitted_on: date | None
    next_hearing_on: date | None
    judgment_on: date | None
    outcome: Outcome | None
    is_against_agency: bool | None
    effective_on: date | None
    performed_on: date | None
    is_voided: bool
    version: int


class LitigationCaseOut(LitigationCaseSummaryOut):
    act_description: str | None
    act_document_no: str | None
    reconsideration_case_id: int | None
    reconsideration_case_no: str | None
    judgment_document_no: str | None
    appealed_on: date | None
    next_instance_id: int | None
    performance_note: str | None
    void_reason: str | None
    defence_steps: list[str]
    plaintiffs: list[LitigationPlaintiffOut]
    hearings: list[LitigationHearingOut]


class LitigationCaseListOut(BaseModel):
    items: list[LitigationCaseSummaryOut]
    page: int
    per_page: int
    total: int
