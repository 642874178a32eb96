"""Pydantic schemas of the organisation API (they make its part of the OpenAPI document)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field

from casebook.api.schemas import Distinct
from casebook.orgs.models import AgencyKind, AreaLevel, CommitteeType, Employment, Gender, Position


def _storable(value: str) -> str:
    """Text a database column can hold: no NUL character, no lone surrogate."""
    if "\x00" in value:
        raise ValueError("must not contain NUL characters")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("must be valid Unicode text") from None
    return value


CODE = r"^[0-9A-Za-z][0-9A-Za-z_.\-]*$"
Code = Annotated[str, Field(min_length=1, max_length=32, pattern=CODE), AfterValidator(_storable)]


def text(max_length: int, min_length: int = 0):
    """A text field of bounded length that the database can store."""
    return Annotated[str, Field(min_length=min_length, max_length=max_length), AfterValidator(_storable)]


def _no_default(schema: dict) -> None:
    schema.pop("default", None)


def kept(**kwargs):
    """A PATCH field that may be left out (the stored value is kept) but not sent as null: the record needs it."""
    return Field(None, json_schema_extra=_no_default, **kwargs)


class Strict(BaseModel):
    """A request body or query that refuses unknown fields."""

    model_config = ConfigDict(extra="forbid")


# ---------------------------------------------------------------- queries


class ListQuery(Strict):
    """Search, sort, status and paging of a list."""

    q: text(100) | None = Field(None, description="Search in names and codes.")
    page: int = Field(1, ge=1, le=100000)
    per_page: int = Field(25, ge=1, le=200)
    sort: text(40) | None = Field(None, description="A column name, '-' in front for descending.")
    status: text(10) | None = Field(None, description="active or inactive")


class AreaQuery(ListQuery):
    """Filters of the area list."""

    parent: Code | None = Field(None, description="Code of the parent area: its children.")
    level: AreaLevel | None = None


class CommitteeQuery(ListQuery):
    """Filters of the committee list."""

    type: CommitteeType | None = None
    area: Code | None = Field(None, description="Code of an area: committees in it and below it.")
    as_of: date | None = Field(None, description="Only committees existing on this day.")


class MediatorQuery(ListQuery):
    """Filters of the mediator list."""

    committee: Code | None = Field(None, description="Code of a committee the mediators serve.")
    employment: Employment | None = None
    expert: bool | None = None
    as_of: date | None = Field(None, description="Only mediators serving on this day.")


class AgencyQuery(ListQuery):
    """Filters of the agency list."""

    kind: AgencyKind | None = None


# ---------------------------------------------------------------- areas


class AreaOut(BaseModel):
    """An area of the district's tree."""

    id: int
    code: str
    name: str
    level: AreaLevel
    parent_code: str | None
    is_active: bool


class AreaList(BaseModel):
    """A page of areas."""

    items: list[AreaOut]
    page: int
    per_page: int
    total: int


class AreaIn(Strict):
    """A new area."""

    code: Code
    name: text(100, 1)
    parent_code: Code | None = Field(None, description="Empty for a district.")


class AreaPatch(Strict):
    """Changes to an area."""

    code: Code = kept()
    name: text(100, 1) = kept()
    parent_code: Code | None = None


# ---------------------------------------------------------------- associations


class AssociationOut(BaseModel):
    """A people's mediation association."""

    id: int
    code: str
    name: str
    area_code: str | None
    address: str | None
    founded_on: date | None
    dissolved_on: date | None
    is_active: bool


class AssociationList(BaseModel):
    """A page of associations."""

    items: list[AssociationOut]
    page: int
    per_page: int
    total: int


class AssociationIn(Strict):
    """A new association."""

    code: Code
    name: text(120, 1)
    area_code: Code | None = None
    address: text(200) | None = None
    founded_on: date | None = None
    dissolved_on: date | None = None


class AssociationPatch(Strict):
    """Changes to an association."""

    code: Code = kept()
    name: text(120, 1) = kept()
    area_code: Code | None = None
    address: text(200) | None = None
    founded_on: date | None = None
    dissolved_on: date | None = None


# ---------------------------------------------------------------- committees


class CommitteeOut(BaseModel):
    """A people's mediation committee."""

    id: int
    code: str
    name: str
    short_name: str | None
    type: CommitteeType
    sector: str | None = Field(description="For sector/professional committees: a dispute type code.")
    area_code: str | None
    association_code: str | None
    address: str | None
    founded_on: date | None
    dissolved_on: date | None
    is_active: bool


class CommitteeList(BaseModel):
    """A page of committees."""

    items: list[CommitteeOut]
    page: int
    per_page: int
    total: int


class CommitteeIn(Strict):
    """A new committee."""

    code: Code
    name: text(120, 1)
    type: CommitteeType
    short_name: text(40) | None = None
    sector: text(60) | None = Field(
        None, description="A dispute type code or Chinese name (e.g. medical, 医疗)."
    )
    area_code: Code | None = None
    association_code: Code | None = None
    address: text(200) | None = None
    founded_on: date | None = None
    dissolved_on: date | None = None


class CommitteePatch(Strict):
    """Changes to a committee."""

    code: Code = kept()
    name: text(120, 1) = kept()
    type: CommitteeType = kept()
    short_name: text(40) | None = None
    sector: text(60) | None = None
    area_code: Code | None = None
    association_code: Code | None = None
    address: text(200) | None = None
    founded_on: date | None = None
    dissolved_on: date | None = None


class MemberOut(BaseModel):
    """A mediator's seat on a committee."""

    id: int
    mediator_id: int
    mediator_code: str
    mediator_name: str
    position: Position


class MemberList(BaseModel):
    """A committee's seats, director first."""

    items: list[MemberOut]


class MemberIn(Strict):
    """Seat a mediator on a committee."""

    mediator_code: Code
    position: Position = Position.MEMBER


class MemberPatch(Strict):
    """Change a seat's position."""

    position: Position


# ---------------------------------------------------------------- mediators


class SeatOut(BaseModel):
    """A committee a mediator serves."""

    committee_code: str
    committee_name: str
    position: Position


class MediatorOut(BaseModel):
    """A people's mediator."""

    id: int
    code: str
    name: str
    gender: Gender | None
    employment: Employment
    is_expert: bool
    id_number: str | None = Field(description="Masked unless the token's role may see full numbers.")
    phone: str | None = Field(description="Masked unless the token's role may see full numbers.")
    joined_on: date | None
    left_on: date | None
    is_active: bool
    committees: list[SeatOut]
    specialities: list[str] = Field(description="Dispute type codes.")


class MediatorList(BaseModel):
    """A page of mediators."""

    items: list[MediatorOut]
    page: int
    per_page: int
    total: int


class MediatorIn(Strict):
    """A new mediator."""

    code: Code
    name: text(60, 1)
    employment: Employment = Employment.PART_TIME
    gender: Gender | None = None
    id_number: text(30) | None = Field(None, description="Resident ID number, validated (GB 11643).")
    phone: text(30) | None = None
    is_expert: bool = False
    joined_on: date | None = None
    left_on: date | None = None
    committees: Distinct(Code) = Field(default_factory=list, max_length=50, description="Committee codes.")
    specialities: Distinct(text(40, 1)) = Field(
        default_factory=list, max_length=50, description="Dispute type codes."
    )


class MediatorPatch(Strict):
    """Changes to a mediator."""

    code: Code = kept()
    name: text(60, 1) = kept()
    employment: Employment = kept()
    gender: Gender | None = None
    id_number: text(30) | None = None
    phone: text(30) | None = None
    is_expert: bool = kept()
    joined_on: date | None = None
    left_on: date | None = None
    committees: Distinct(Code) | None = Field(
        None, max_length=50, description="Replaces the committees served."
    )
    specialities: Distinct(text(40, 1)) | None = Field(None, max_length=50)


# ---------------------------------------------------------------- agencies


class AgencyOut(BaseModel):
    """A department or township of the district."""

    id: int
    code: str
    name: str
    kind: AgencyKind
    is_active: bool


class AgencyList(BaseModel):
    """A page of agencies."""

    items: list[AgencyOut]
    page: int
    per_page: int
    total: int


class AgencyIn(Strict):
    """A new agency."""

    code: Code
    name: text(120, 1)
    kind: AgencyKind = AgencyKind.DEPARTMENT


class AgencyPatch(Strict):
    """Changes to an agency."""

    code: Code = kept()
    name: text(120, 1) = kept()
    kind: AgencyKind = kept()
