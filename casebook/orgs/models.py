"""The mediation network and the district's agencies: areas, associations, committees, mediators, studios."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.core.models import ChangeRecordMixin, TimestampMixin
from casebook.extensions import db


def _check_in(column: str, enum: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(m.value) for m in enum)})"


class AreaLevel(StrEnum):
    DISTRICT = "district"
    TOWNSHIP = "township"  # 乡镇/街道
    VILLAGE = "village"  # 村/社区


AREA_LEVEL_LABELS = {
    AreaLevel.DISTRICT: _l("District"),
    AreaLevel.TOWNSHIP: _l("Township / street"),
    AreaLevel.VILLAGE: _l("Village / community"),
}


class Area(TimestampMixin, db.Model):
    """A node of the district's tree: district → township/street → village/community."""

    __tablename__ = "areas"
    __table_args__ = (CheckConstraint(_check_in("level", AreaLevel), name="level_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(100), nullable=False)
    level: Mapped[str] = mapped_column(String(16), nullable=False, default=AreaLevel.DISTRICT, index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    parent = relationship("Area", remote_side=[id], back_populates="children")
    children = relationship("Area", back_populates="parent")


class Association(TimestampMixin, db.Model):
    """A people's mediation association (人民调解协会): groups committees, has no cases."""

    __tablename__ = "associations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)
    address: Mapped[str | None] = mapped_column(String(200))
    founded_on: Mapped[date | None] = mapped_column(Date)
    dissolved_on: Mapped[date | None] = mapped_column(Date)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True, server_default=true())

    area = relationship(Area)


class CommitteeType(StrEnum):
    VILLAGE_RESIDENTS = "village_residents"  # 村/居 (PML art 8)
    TOWNSHIP_STREET = "township_street"  # 乡镇/街道 (PML art 34)
    ENTERPRISE = "enterprise"  # 企事业单位 (PML art 8)
    SECTOR = "sector"  # 行业性、专业性
    OTHER = "other"  # e.g. rooms stationed in courts or police stations


COMMITTEE_TYPE_LABELS = {
    CommitteeType.VILLAGE_RESIDENTS: _l("Village / residents'"),
    CommitteeType.TOWNSHIP_STREET: _l("Township / street"),
    CommitteeType.ENTERPRISE: _l("Enterprise or institution"),
    CommitteeType.SECTOR: _l("Sector / professional"),
    CommitteeType.OTHER: _l("Other"),
}

# The Chinese names the interchange format uses for committee types.
COMMITTEE_TYPE_IMPORT_NAMES = {
    "村居": CommitteeType.VILLAGE_RESIDENTS,
    "乡镇街道": CommitteeType.TOWNSHIP_STREET,
    "企事业单位": CommitteeType.ENTERPRISE,
    "行业性专业性": CommitteeType.SECTOR,
    "其他": CommitteeType.OTHER,
}


class Committee(TimestampMixin, db.Model):
    """A people's mediation committee (人民调解委员会)."""

    __tablename__ = "committees"
    __table_args__ = (
        CheckConstraint(_check_in("type", CommitteeType), name="type_known"),
        CheckConstraint(
            "dissolved_on IS NULL OR founded_on IS NULL OR dissolved_on >= founded_on", name="dates_ordered"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    short_name: Mapped[str | None] = mapped_column(String(40))
    type: Mapped[str] = mapped_column(String(24), nullable=False, index=True)
    sector: Mapped[str | None] = mapped_column(String(60))
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)
    association_id: Mapped[int | None] = mapped_column(ForeignKey("associations.id"), index=True)
    address: Mapped[str | None] = mapped_column(String(200))
    founded_on: Mapped[date | None] = mapped_column(Date)
    dissolved_on: Mapped[date | None] = mapped_column(Date)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    area = relationship(Area)
    association = relationship(Association)
    memberships = relationship(
        "CommitteeMembership", back_populates="committee", cascade="all, delete-orphan"
    )


class Employment(StrEnum):
    FULL_TIME = "full_time"  # 专职
    PART_TIME = "part_time"  # 兼职


EMPLOYMENT_LABELS = {Employment.FULL_TIME: _l("Full-time"), Employment.PART_TIME: _l("Part-time")}


class Gender(StrEnum):
    MALE = "male"
    FEMALE = "female"


GENDER_LABELS = {Gender.MALE: _l("Male"), Gender.FEMALE: _l("Female")}


class Mediator(TimestampMixin, db.Model):
    """A people's mediator (人民调解员); may serve several committees."""

    __tablename__ = "mediators"
    __table_args__ = (
        CheckConstraint(_check_in("employment", Employment), name="employment_known"),
        CheckConstraint("gender IS NULL OR " + _check_in("gender", Gender), name="gender_known"),
        CheckConstraint("left_on IS NULL OR joined_on IS NULL OR left_on >= joined_on", name="dates_ordered"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(60), nullable=False, index=True)
    gender: Mapped[str | None] = mapped_column(String(8))
    phone: Mapped[str | None] = mapped_column(String(20))
    id_number: Mapped[str | None] = mapped_column(String(18))
    employment: Mapped[str] = mapped_column(
        String(12), nullable=False, default=Employment.PART_TIME, index=True
    )
    is_expert: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, index=True)
    joined_on: Mapped[date | None] = mapped_column(Date)
    left_on: Mapped[date | None] = mapped_column(Date)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    memberships = relationship("CommitteeMembership", back_populates="mediator", cascade="all, delete-orphan")
    specialities = relationship("DisputeType", secondary="mediator_specialities")


class Position(StrEnum):
    DIRECTOR = "director"  # 主任 (PML art 8 ¶2: one per committee)
    DEPUTY = "deputy"  # 副主任
    MEMBER = "member"  # 委员


POSITION_LABELS = {
    Position.DIRECTOR: _l("Director"),
    Position.DEPUTY: _l("Deputy director"),
    Position.MEMBER: _l("Member"),
}


class CommitteeMembership(db.Model):
    """A mediator's seat on a committee, with a position; one director per committee."""

    __tablename__ = "committee_memberships"
    __table_args__ = (
        UniqueConstraint("committee_id", "mediator_id"),
        CheckConstraint(_check_in("position", Position), name="position_known"),
        Index(
            "uq_committee_memberships_one_director",
            "committee_id",
            unique=True,
            sqlite_where=text("position = 'director'"),
            postgresql_where=text("position = 'director'"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), nullable=False, index=True)
    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id"), nullable=False, index=True)
    position: Mapped[str] = mapped_column(String(12), nullable=False, default=Position.MEMBER)

    committee = relationship(Committee, back_populates="memberships")
    mediator = relationship(Mediator, back_populates="memberships")


class DisputeType(db.Model):
    """A dispute type of national reporting (domain.md §3.3); administrators can add more."""

    __tablename__ = "dispute_types"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name_zh: Mapped[str] = mapped_column(String(40), unique=True, nullable=False)
    name_en: Mapped[str] = mapped_column(String(60), nullable=False)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class MediatorSpeciality(db.Model):
    """An expert mediator's speciality (a dispute type)."""

    __tablename__ = "mediator_specialities"

    mediator_id: Mapped[int] = mapped_column(ForeignKey("mediators.id"), primary_key=True)
    dispute_type_id: Mapped[int] = mapped_column(ForeignKey("dispute_types.id"), primary_key=True, index=True)


class Studio(TimestampMixin, db.Model):
    """A named mediation studio (e.g. 金牌调解室) where a committee works."""

    __tablename__ = "studios"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), nullable=False, index=True)
    lead_mediator_id: Mapped[int | None] = mapped_column(ForeignKey("mediators.id"), index=True)
    address: Mapped[str | None] = mapped_column(String(200))
    founded_on: Mapped[date | None] = mapped_column(Date)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)

    committee = relationship(Committee)
    lead_mediator = relationship(Mediator)


class AgencyKind(StrEnum):
    DEPARTMENT = "department"
    TOWNSHIP = "township"
    OTHER = "other"


class Agency(TimestampMixin, db.Model):
    """A department or township of the district that can be a respondent (被申请人) in reconsideration."""

    __tablename__ = "agencies"
    __table_args__ = (CheckConstraint(_check_in("kind", AgencyKind), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True, nullable=False)
    name: Mapped[str] = mapped_column(String(120), unique=True, nullable=False)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default=AgencyKind.DEPARTMENT)
    is_active: Mapped[bool] = mapped_column(Boolean, nullable=False, default=True)


class OrgRecord(StrEnum):
    """The kinds of organisation record whose changes are kept in `org_changes`."""

    AREA = "area"
    ASSOCIATION = "association"
    COMMITTEE = "committee"
    MEDIATOR = "mediator"
    STUDIO = "studio"
    AGENCY = "agency"
    DISPUTE_TYPE = "dispute_type"


class OrgChange(ChangeRecordMixin, db.Model):
    """One change to an organisation record (created, a field changed, a member added, deactivated...)."""

    __tablename__ = "org_changes"
    __table_args__ = (
        CheckConstraint(_check_in("subject_type", OrgRecord), name="subject_type_known"),
        Index("ix_org_changes_subject", "subject_type", "subject_id"),
    )

    subject_type: Mapped[str] = mapped_column(String(24), nullable=False)
    subject_id: Mapped[int] = mapped_column(Integer, nullable=False)

    user = relationship("User")
