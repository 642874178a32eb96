"""The deadline request and answer (interchange.md, "Deadlines out"), shared by the API and the calculator page."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, RootModel, StrictInt

Lang = Literal["zh", "en"]


def _iso_date(value: object) -> object:
    """Accept a date or an ISO text `YYYY-MM-DD` only (no timestamps, no datetimes)."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and len(value) == 10 and value[4] == "-" and value[7] == "-":
        return value
    raise ValueError("a date is written YYYY-MM-DD")


IsoDate = Annotated[date, BeforeValidator(_iso_date)]


class SuspensionIn(BaseModel):
    """A suspension (中止) from `from` until resumption on `to` (null: not resumed yet)."""

    model_config = ConfigDict(populate_by_name=True)

    from_on: IsoDate = Field(alias="from")
    to_on: IsoDate | None = Field(default=None, alias="to")
    ground: StrictInt | None = Field(default=None, description="Item of ARL23 art. 39 ¶1 (1–10).")


class _Common(BaseModel):
    closed_on: IsoDate | None = None
    as_of: IsoDate | None = Field(default=None, description="The day the status is judged on; default today.")
    lang: Lang | None = Field(
        default=None, description="Language of the steps and messages; default from Accept-Language, else zh."
    )


class ReconsiderationIn(_Common):
    """The dates of an administrative reconsideration case."""

    kind: Literal["reconsideration"]
    received_on: IsoDate
    accepted_on: IsoDate | None = None
    rejected_on: IsoDate | None = None
    supplement_requested_on: IsoDate | None = None
    supplement_received_on: IsoDate | None = None
    supplement_notice_received_on: IsoDate | None = Field(
        default=None, description="The day the applicant received the notice (default: the day it was sent)."
    )
    supplement_period_workdays: StrictInt | None = Field(
        default=None,
        description="A longer period granted for the materials, in working days (ARL23 art 31 ¶2).",
    )
    abandoned_on: IsoDate | None = Field(default=None, description="Deemed abandoned (视为放弃) on this day.")
    procedure: Literal["ordinary", "simplified"] = "ordinary"
    converted_on: IsoDate | None = Field(default=None, description="Simplified case converted to ordinary.")
    suspensions: list[SuspensionIn] = Field(default_factory=list)
    extension_days: StrictInt = Field(default=0, description="0–30, ordinary procedure only.")
    special_limit_days: StrictInt | None = Field(default=None, description="A shorter limit set by a law.")
    special_limit_reason: str | None = Field(default=None, max_length=200)


class MediationIn(_Common):
    """The dates of a people's mediation case."""

    kind: Literal["mediation"]
    accepted_on: IsoDate
    extension_days: StrictInt = Field(default=0, description="Days agreed by both parties.")


DeadlineRequest = Annotated[ReconsiderationIn | MediationIn, Field(discriminator="kind")]


class DeadlineIn(RootModel[DeadlineRequest]):
    """A case's dates: `kind` is `reconsideration` or `mediation`."""


Status = Literal[
    "open", "overdue", "suspended", "closed_on_time", "closed_late", "awaiting_supplement", "abandoned"
]


class DeadlineOut(BaseModel):
    """A computed deadline: the law, the dates, the status on `as_of` and the steps that explain it."""

    kind: Literal["reconsideration", "mediation"]
    law: Literal["ARL23", "ARL17", "MoJ02"]
    acceptance_due_on: date | None = Field(description="Last day of the 5-working-day acceptance review.")
    accepted_on: date | None = Field(description="The acceptance date given, or the deemed one.")
    is_accepted_deemed: bool
    due_on: date | None = Field(description="The decision or mediation deadline (null while open-ended).")
    status: Status
    days_left: int | None
    supplement_due_on: date | None
    long_suspension_warning: bool
    long_suspension_days: int | None = Field(
        description="Days a suspension that ends the case at 60 (ARL23 art 41(5)) has lasted, from 50 on."
    )
    acceptance_notice_late: bool = Field(
        description="A recorded acceptance after the statutory day (受理通知晚于法定受理日); the clock ignores it."
    )
    suspension_after_deadline: date | None = Field(
        description="The deadline a suspension came after: the case stays overdue."
    )
    conversion_after_deadline: date | None = Field(
        description="The simplified deadline a conversion came after (ARL23 art 55, 62 ¶2)."
    )
    provisional: bool = Field(
        description="The deadline rests on a year whose holiday schedule is not published: counted from its "
        "statutory holidays without make-up workdays, to be confirmed (待确认) and recomputed once it is loaded."
    )
    provisional_years: list[int] = Field(description="The years counted without a published schedule.")
    as_of: date
    lang: Lang
    steps: list[str]
