"""Administrative litigation cases (行政应诉): a case in court where an agency of the district, or the district
government, is the defendant; its plaintiffs, hearings and history.

Contract for statistics: a case counts nowhere when ``is_voided``. A case was filed on ``filed_on`` (立案); a
judgment or ruling was given on ``judgment_on`` with ``outcome``, against the agency (败诉) when
``is_against_agency``; it is in effect from ``effective_on`` (生效) and performed on ``performed_on``. A hearing
counts where its ``held_on`` falls; a head appeared when ``appearance`` is 'head' or 'deputy_head'.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.core.models import ChangeRecordMixin, TimestampMixin, VersionedMixin
from casebook.extensions import db
from casebook.litigation.codes import (
    ACT_CATEGORIES,
    APPEARANCES,
    DEFENDANT_KINDS,
    INSTANCES,
    OUTCOMES,
    Status,
    sql_in,
)
from casebook.reconsideration.codes import PARTY_KINDS


class LitigationCase(VersionedMixin, TimestampMixin, db.Model):
    """One case in one instance before one court, from filing to the performance of its judgment."""

    __tablename__ = "litigation_cases"
    __table_args__ = (
        UniqueConstraint("court", "court_case_no"),
        CheckConstraint(sql_in("status", Status), name="status_known"),
        CheckConstraint(sql_in("instance", INSTANCES), name="instance_known"),
        CheckConstraint(sql_in("defendant_kind", DEFENDANT_KINDS), name="defendant_kind_known"),
        CheckConstraint(sql_in("act_category", ACT_CATEGORIES), name="act_category_known"),
        CheckConstraint("outcome IS NULL OR " + sql_in("outcome", OUTCOMES), name="outcome_known"),
        CheckConstraint(
            "(defendant_kind = 'agency') = (agency_id IS NOT NULL)", name="agency_defendant_named"
        ),
        CheckConstraint("(outcome IS NULL) = (judgment_on IS NULL)", name="outcome_with_judgment"),
        CheckConstraint("(outcome IS NULL) = (is_against_agency IS NULL)", name="loss_with_judgment"),
        CheckConstraint(
            "status = 'open' OR status = 'voided' OR outcome IS NOT NULL", name="decided_has_outcome"
        ),
        CheckConstraint("status <> 'appealed' OR appealed_on IS NOT NULL", name="appeal_dated"),
        CheckConstraint("status <> 'effective' OR effective_on IS NOT NULL", name="effect_dated"),
        CheckConstraint("performed_on IS NULL OR effective_on IS NOT NULL", name="performed_when_effective"),
        CheckConstraint("(status = 'voided') = is_voided", name="voided_flag"),
        CheckConstraint(
            "complaint_served_on IS NULL OR complaint_served_on >= filed_on", name="served_after_filing"
        ),
        CheckConstraint("judgment_on IS NULL OR judgment_on >= filed_on", name="judged_after_filing"),
        CheckConstraint("next_instance_id IS NULL OR next_instance_id <> id", name="next_instance_other"),
        Index("ix_litigation_cases_agency_filed", "agency_id", "filed_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    court: Mapped[str] = mapped_column(String(100), nullable=False)
    court_case_no: Mapped[str] = mapped_column(String(64), nullable=False)
    instance: Mapped[str] = mapped_column(String(10), nullable=False, default="first", server_default="first")
    defendant_kind: Mapped[str] = mapped_column(
        String(12), nullable=False, default="agency", server_default="agency"
    )
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), index=True)
    act_category: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    act_description: Mapped[str | None] = mapped_column(String(300))
    act_document_no: Mapped[str | None] = mapped_column(String(100))
    reconsideration_case_id: Mapped[int | None] = mapped_column(
        ForeignKey("reconsideration_cases.id"), index=True
    )
    plaintiff_names: Mapped[str] = mapped_column(String(300), nullable=False, default="", server_default="")
    status: Mapped[str] = mapped_column(
        String(12), nullable=False, default=Status.OPEN, server_default=Status.OPEN.value, index=True
    )

    filed_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    # ALL art 67 ¶1: the defence is due 15 days from receiving the copy of the complaint.
    complaint_served_on: Mapped[date | None] = mapped_column(Date)
    defence_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    calendar_missing_year: Mapped[int | None] = mapped_column(Integer)
    defence_submitted_on: Mapped[date | None] = mapped_column(Date)
    # The day the court's summons (传票) set for the next hearing; cleared when a hearing is recorded.
    next_hearing_on: Mapped[date | None] = mapped_column(Date, index=True)

    judgment_on: Mapped[date | None] = mapped_column(Date, index=True)
    outcome: Mapped[str | None] = mapped_column(String(20), index=True)
    is_against_agency: Mapped[bool | None] = mapped_column(Boolean)
    judgment_document_no: Mapped[str | None] = mapped_column(String(100))
    appealed_on: Mapped[date | None] = mapped_column(Date)
    next_instance_id: Mapped[int | None] = mapped_column(ForeignKey("litigation_cases.id"), index=True)
    effective_on: Mapped[date | None] = mapped_column(Date, index=True)
    performed_on: Mapped[date | None] = mapped_column(Date)
    performance_note: Mapped[str | None] = mapped_column(Text)

    is_voided: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    void_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    agency = relationship("Agency")
    reconsideration_case = relationship("ReconsiderationCase")
    next_instance = relationship("LitigationCase", remote_side=[id], foreign_keys=[next_instance_id])
    plaintiffs = relationship(
        "LitigationPlaintiff",
        back_populates="case",
        order_by=lambda: (LitigationPlaintiff.position, LitigationPlaintiff.id),
        cascade="all, delete-orphan",
    )
    hearings = relationship(
        "LitigationHearing",
        back_populates="case",
        order_by=lambda: (LitigationHearing.held_on, LitigationHearing.id),
        cascade="all, delete-orphan",
    )
    changes = relationship(
        "LitigationCaseChange",
        back_populates="case",
        order_by="LitigationCaseChange.id.desc()",
        cascade="all, delete-orphan",
    )

    @property
    def title(self) -> str:
        """The court's case number, as the pages name the case."""
        return self.court_case_no

    def __repr__(self) -> str:
        return f"<LitigationCase {self.court} {self.court_case_no}>"


class LitigationPlaintiff(db.Model):
    """A plaintiff (原告): a person or an organisation, checked like a reconsideration party."""

    __tablename__ = "litigation_plaintiffs"
    __table_args__ = (
        CheckConstraint(sql_in("kind", PARTY_KINDS), name="kind_known"),
        CheckConstraint("kind = 'person' OR id_number IS NULL", name="id_number_for_persons"),
        CheckConstraint("kind = 'organisation' OR credit_code IS NULL", name="credit_code_for_organisations"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("litigation_cases.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(12), nullable=False, default="person")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    id_number: Mapped[str | None] = mapped_column(String(18))
    credit_code: Mapped[str | None] = mapped_column(String(18))
    representative: Mapped[str | None] = mapped_column(String(60))
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))

    case = relationship(LitigationCase, back_populates="plaintiffs")


class LitigationHearing(db.Model):
    """A court hearing (开庭) and who appeared for the agency: its head or a deputy head (负责人出庭应诉, ALL art 3
    ¶3; SPC20 art 2), or only staff or lawyers, with the reason the head did not appear (SPC20 art 8–9)."""

    __tablename__ = "litigation_hearings"
    __table_args__ = (
        CheckConstraint(sql_in("appearance", APPEARANCES), name="appearance_known"),
        CheckConstraint("appearance = 'staff' OR head_name IS NOT NULL", name="head_named"),
        CheckConstraint("appearance <> 'staff' OR absence_reason IS NOT NULL", name="absence_reasoned"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("litigation_cases.id"), nullable=False, index=True)
    held_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    appearance: Mapped[str] = mapped_column(String(12), nullable=False)
    head_name: Mapped[str | None] = mapped_column(String(60))
    head_title: Mapped[str | None] = mapped_column(String(60))
    representatives: Mapped[str | None] = mapped_column(String(200))  # staff and lawyers who appeared
    absence_reason: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case = relationship(LitigationCase, back_populates="hearings")


class LitigationCaseChange(ChangeRecordMixin, db.Model):
    """One line of a litigation case's history."""

    __tablename__ = "litigation_case_changes"

    case_id: Mapped[int] = mapped_column(ForeignKey("litigation_cases.id"), nullable=False, index=True)

    case = relationship(LitigationCase, back_populates="changes")
    user = relationship("User")
