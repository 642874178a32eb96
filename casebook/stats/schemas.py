"""Pydantic models of the statistics API (interchange.md "Figures out")."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, model_validator

from casebook.stats.periods import Period, PeriodError

NOT_FOR = "Accepted by every statistics endpoint; ignored (and listed in `ignored_filters`) where it does not apply."


class StatsQuery(BaseModel):
    """`from` and `to` (inclusive ISO dates) and the filters, by code."""

    model_config = ConfigDict(validate_by_name=True, validate_by_alias=True)

    from_: date = Field(alias="from", description="First day of the period (inclusive).")
    to: date = Field(
        description="Last day of the period (inclusive); organisation counts are as of this day."
    )
    area: str | None = Field(default=None, max_length=64, description="Area code: the area and all below it.")
    committee: str | None = Field(default=None, max_length=64, description="Committee code. " + NOT_FOR)
    mediator: str | None = Field(default=None, max_length=64, description="Mediator code. " + NOT_FOR)
    dispute_type: str | None = Field(default=None, max_length=64, description="Dispute type code. " + NOT_FOR)
    source: str | None = Field(
        default=None, max_length=64, description="screening, application or referral. " + NOT_FOR
    )
    agency: str | None = Field(default=None, max_length=64, description="Respondent agency code. " + NOT_FOR)
    act_category: str | None = Field(default=None, max_length=64, description="Category of act. " + NOT_FOR)

    @model_validator(mode="after")
    def _valid_period(self) -> StatsQuery:
        self.period()
        return self

    def period(self) -> Period:
        """The period, or a ValueError the API answers with 422."""
        try:
            return Period(self.from_, self.to)
        except PeriodError as error:
            raise ValueError(str(error)) from error


class Envelope(BaseModel):
    """What every statistics answer repeats of its question."""

    model_config = ConfigDict(serialize_by_alias=True, validate_by_name=True, validate_by_alias=True)

    from_: date = Field(alias="from")
    to: date
    filters: dict[str, str] = Field(description="The filters applied, by code.")
    ignored_filters: list[str] = Field(description="Filters given that do not apply to these figures.")


class OnTimeOut(BaseModel):
    concluded_timed: int = Field(
        description="Concluded cases whose deadline is known: on_time_rate's denominator."
    )
    concluded_no_deadline: int = Field(
        description="Concluded cases whose deadline cannot be computed (a year without a holiday schedule): "
        "left out of both parts of on_time_rate."
    )


class MediationCountsOut(OnTimeOut):
    registered: int
    succeeded: int
    failed: int
    terminated: int
    not_accepted: int = Field(
        description="Registered in the period and not accepted (不予受理, PML art 17) by its end: in `registered`"
        " (so in resolution_rate's denominator), never in `in_progress` or `concluded`."
    )
    in_progress: int = Field(
        description="Registered in the period, neither concluded nor not accepted by its end."
    )
    resolution_rate: float | None = Field(description="succeeded / registered; null when registered is 0.")
    concluded: int
    concluded_succeeded: int
    success_rate: float | None = Field(
        description="concluded_succeeded / concluded; null when concluded is 0."
    )
    concluded_on_time: int
    on_time_rate: float | None = Field(
        description="concluded_on_time / concluded_timed; null when concluded_timed is 0."
    )
    agreements: int
    followed_up: int
    performed: int
    performance_rate: float | None = Field(description="performed / followed_up; null when followed_up is 0.")


class MediationRowOut(MediationCountsOut):
    code: str | None
    name: str | None


class MediationStatsOut(Envelope, MediationCountsOut):
    by_dispute_type: list[MediationRowOut]
    by_committee: list[MediationRowOut]
    by_source: list[MediationRowOut]


class ReconsiderationCountsOut(OnTimeOut):
    received: int
    accepted: int
    rejected: int
    abandoned: int = Field(
        description="Deemed abandoned (视为放弃, ARL23 art 31 ¶2) by the period's end: neither rejected, nor "
        "pending, nor concluded."
    )
    under_review: int
    concluded: int
    concluded_on_time: int
    on_time_rate: float | None = Field(
        description="concluded_on_time / concluded_timed; null when concluded_timed is 0."
    )
    corrections: int
    decisions: int = Field(
        description="The correction rate's denominator: decisions on the merits (the five corrections, uphold, "
        "reject the request) by default; the setting CASEBOOK_CORRECTION_RATE_DENOMINATOR may make it every "
        "decision or every concluded case."
    )
    correction_rate: float | None = Field(description="corrections / decisions; null when decisions is 0.")
    mediated_or_settled: int
    mediation_settlement_rate: float | None = Field(description="mediated_or_settled / concluded.")
    mediated_settled_withdrawn: int
    mediation_withdrawal_rate: float | None = Field(
        description="调撤率: mediated_settled_withdrawn / concluded; null when concluded is 0."
    )


class ReconsiderationRowOut(ReconsiderationCountsOut):
    code: str | None
    name: str | None


class OutcomeRowOut(BaseModel):
    code: str
    name: str
    concluded: int


class ReconsiderationStatsOut(Envelope, ReconsiderationCountsOut):
    received_prev_year: int
    yoy_growth: float | None = Field(
        description="(received - received_prev_year) / received_prev_year; null when received_prev_year is 0."
    )
    caseload: int
    conclusion_rate: float | None = Field(description="concluded / caseload; null when caseload is 0.")
    pending: int
    overdue: int
    by_outcome: list[OutcomeRowOut]
    by_agency: list[ReconsiderationRowOut]
    by_act_category: list[ReconsiderationRowOut]


class AreaCountOut(BaseModel):
    code: str | None
    name: str | None
    committees: int


class OrganisationStatsOut(Envelope):
    as_of: date
    associations: int
    committees: int
    sector_committees: int
    committees_by_type: dict[str, int]
    committees_by_area: list[AreaCountOut]
    mediators: int
    full_time_mediators: int
    part_time_mediators: int
    experts: int


class LitigationRowCountsOut(BaseModel):
    filed: int
    judged: int
    lost: int
    after_reconsideration_judged: int
    reconsideration_overturned: int
    effective_lost: int
    effective_performed: int
    hearings: int
    hearings_head: int
    head_appearance_rate: float | None = Field(
        description="负责人出庭应诉率: hearings_head / hearings; null when no hearing was held."
    )
    loss_rate: float | None = Field(description="败诉率: lost / judged; null when judged is 0.")
    reconsideration_overturn_rate: float | None = Field(
        description="reconsideration_overturned / after_reconsideration_judged; null when that is 0."
    )
    judgment_performance_rate: float | None = Field(
        description="生效裁判履行率: effective_performed / effective_lost; null when effective_lost is 0."
    )


class LitigationRowOut(LitigationRowCountsOut):
    code: str | None = Field(
        description="The agency's or the category's code; null for the district government."
    )
    name: str | None


class InterviewRowOut(BaseModel):
    code: str | None = Field(description="The agency's code; null for the district government.")
    name: str | None
    lost: int
    cases: list[str] = Field(description="The court case numbers of the judgments against it in the period.")


class LitigationStatsOut(Envelope, LitigationRowCountsOut):
    recon_decisions: int
    recon_decisions_sued: int
    sued_after_reconsideration_rate: float | None = Field(
        description="复议后起诉率: recon_decisions_sued / recon_decisions; null when recon_decisions is 0."
    )
    by_agency: list[LitigationRowOut]
    by_act_category: list[LitigationRowOut]
    interview_list: list[InterviewRowOut] = Field(
        description="约谈: agencies with judgments against them in the period, the most first."
    )
