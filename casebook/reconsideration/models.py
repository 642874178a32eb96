"""Administrative reconsideration cases (行政复议), their parties, suspensions, events and history.

Contract for statistics (domain.md §4): a case counts nowhere when ``is_voided``. It was accepted by day D when
``acceptance = 'accepted' and accepted_on <= D`` (``accepted_on`` may be the deemed date of ARL23 art 30 ¶3,
which can lie ahead of today while the review runs); rejected when ``acceptance = 'rejected'`` (``rejected_on``).
It is concluded when ``closed_on`` is set (``outcome`` then too), in time unless ``is_late``. The outcome
groupings are in ``casebook.reconsideration.codes`` (CORRECTION_OUTCOMES, DECISION_OUTCOMES,
``is_mediated_or_settled``). ``due_on`` is the decision deadline computed by the deadline engine on every change
(NULL before acceptance is known, when rejected, while suspended without resumption, or when the holiday
schedule of a year it needs is not loaded: then ``calendar_missing_year`` names the year and
``due_on_provisional`` holds the provisional date, see ProvisionalDeadlineMixin).
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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.calendars.models import ProvisionalDeadlineMixin
from casebook.core.models import ChangeRecordMixin, TimestampMixin, VersionedMixin
from casebook.extensions import db
from casebook.reconsideration.codes import (
    ACT_CATEGORIES,
    CHANNELS,
    EVENT_KINDS,
    LAWS,
    OPINION_KINDS,
    OUTCOMES,
    PARTY_KINDS,
    PARTY_ROLES,
    PROCEDURES,
    TERMINATION_GROUNDS,
    Status,
    sql_in,
)


class ReconsiderationCase(ProvisionalDeadlineMixin, VersionedMixin, TimestampMixin, db.Model):
    """One application for administrative reconsideration, from receipt to its ending."""

    __tablename__ = "reconsideration_cases"
    __table_args__ = (
        UniqueConstraint("case_year", "case_seq"),
        CheckConstraint(sql_in("status", Status), name="status_known"),
        CheckConstraint(sql_in("law", LAWS), name="law_known"),
        CheckConstraint(sql_in("act_category", ACT_CATEGORIES), name="act_category_known"),
        CheckConstraint(sql_in("channel", CHANNELS), name="channel_known"),
        CheckConstraint(sql_in("procedure", PROCEDURES), name="procedure_known"),
        CheckConstraint(
            "acceptance IS NULL OR acceptance IN ('accepted', 'rejected')", name="acceptance_known"
        ),
        CheckConstraint("outcome IS NULL OR " + sql_in("outcome", OUTCOMES), name="outcome_known"),
        CheckConstraint(
            "termination_ground IS NULL OR " + sql_in("termination_ground", TERMINATION_GROUNDS),
            name="termination_ground_known",
        ),
        # ARL23 art 41, 74: a termination names its ground; only a termination has one.
        CheckConstraint(
            "(outcome = 'terminated' AND termination_ground IS NOT NULL)"
            " OR (COALESCE(outcome, '') <> 'terminated' AND termination_ground IS NULL)",
            name="termination_has_ground",
        ),
        CheckConstraint("(outcome IS NULL) = (closed_on IS NULL)", name="outcome_with_closing"),
        CheckConstraint("status <> 'concluded' OR outcome IS NOT NULL", name="concluded_has_outcome"),
        CheckConstraint(
            "status <> 'rejected' OR (acceptance = 'rejected' AND rejected_on IS NOT NULL)",
            name="rejected_has_date",
        ),
        CheckConstraint(
            "(acceptance = 'rejected' AND rejected_on IS NOT NULL)"
            " OR (COALESCE(acceptance, '') <> 'rejected' AND rejected_on IS NULL)",
            name="rejection_dated",
        ),
        CheckConstraint(
            "acceptance IS NULL OR acceptance <> 'accepted' OR accepted_on IS NOT NULL",
            name="acceptance_dated",
        ),
        CheckConstraint(
            "status <> 'awaiting_supplement'"
            " OR (supplement_requested_on IS NOT NULL AND supplement_received_on IS NULL)",
            name="awaiting_has_request",
        ),
        CheckConstraint(
            "status <> 'abandoned' OR (abandoned_on IS NOT NULL AND supplement_requested_on IS NOT NULL)",
            name="abandoned_dated",
        ),
        CheckConstraint(
            "supplement_period_workdays IS NULL OR supplement_period_workdays >= 10",
            name="supplement_period_statutory_minimum",
        ),
        CheckConstraint("application_tolled_days >= 0", name="tolled_days_positive"),
        CheckConstraint("(status = 'voided') = is_voided", name="voided_flag"),
        # ARL23 art 62 ¶1; ARL17 art 31 ¶1: at most 30 days, ordinary procedure only.
        CheckConstraint("extension_days >= 0 AND extension_days <= 30", name="extension_range"),
        CheckConstraint(
            "extension_days = 0 OR procedure = 'ordinary' OR converted_on IS NOT NULL",
            name="extension_ordinary_only",
        ),
        # The simplified procedure exists from ARL23 (art 53).
        CheckConstraint(
            "law = 'ARL23' OR (procedure = 'ordinary' AND converted_on IS NULL)", name="arl17_ordinary"
        ),
        CheckConstraint(
            "special_limit_days IS NULL OR (special_limit_days > 0 AND special_limit_reason IS NOT NULL)",
            name="special_limit_reasoned",
        ),
        CheckConstraint("closed_on IS NULL OR closed_on >= received_on", name="closed_after_receipt"),
        CheckConstraint("accepted_on IS NULL OR accepted_on >= received_on", name="accepted_after_receipt"),
        Index("ix_reconsideration_cases_agency_received", "agency_id", "received_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_no: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    case_year: Mapped[int] = mapped_column(Integer, nullable=False)
    case_seq: Mapped[int | None] = mapped_column(Integer)

    # Receipt (收到申请)
    received_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    channel: Mapped[str] = mapped_column(
        String(12), nullable=False, default="written", server_default="written"
    )
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), nullable=False, index=True)
    act_category: Mapped[str] = mapped_column(String(32), nullable=False, index=True)
    act_document_no: Mapped[str | None] = mapped_column(String(100))
    act_on: Mapped[date | None] = mapped_column(Date)
    learned_on: Mapped[date | None] = mapped_column(Date)
    # ARL23 art 20 ¶2: days the applicant was prevented (force majeure, other good reason); ¶3: not told of the
    # right to apply, the period counts from learning of the right (at most one year from learning of the act).
    application_tolled_days: Mapped[int] = mapped_column(
        Integer, nullable=False, default=0, server_default="0"
    )
    right_learned_on: Mapped[date | None] = mapped_column(Date)
    # ARL23 art 20; ARL17 art 9: applied more than 60 days after learning of the act (flagged, not refused).
    is_late_application: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    request: Mapped[str | None] = mapped_column(Text)
    applicant_names: Mapped[str] = mapped_column(String(300), nullable=False, default="", server_default="")
    law: Mapped[str] = mapped_column(String(5), nullable=False)
    status: Mapped[str] = mapped_column(
        String(24), nullable=False, default=Status.RECEIVED, server_default=Status.RECEIVED.value, index=True
    )

    # Supplementation (补正, ARL23 art 31)
    supplement_requested_on: Mapped[date | None] = mapped_column(Date)
    supplement_items: Mapped[str | None] = mapped_column(Text)
    supplement_due_on: Mapped[date | None] = mapped_column(Date)
    supplement_received_on: Mapped[date | None] = mapped_column(Date)
    # ARL23 art 31 ¶2: the applicant's 10 working days (or the longer period granted) count from receiving the
    # notice; NULL = assumed received the day it was sent.
    supplement_notice_received_on: Mapped[date | None] = mapped_column(Date)
    supplement_period_workdays: Mapped[int | None] = mapped_column(Integer)
    abandoned_on: Mapped[date | None] = mapped_column(Date)

    # Acceptance (ARL23 art 30)
    acceptance_due_on: Mapped[date | None] = mapped_column(Date)
    acceptance: Mapped[str | None] = mapped_column(String(10))
    accepted_on: Mapped[date | None] = mapped_column(Date)
    is_accepted_deemed: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )
    rejected_on: Mapped[date | None] = mapped_column(Date)
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    # A recorded acceptance after the statutory day (ARL23 art 30 ¶3; ARL17 art 17 ¶2): flagged, not followed.
    is_acceptance_notice_late: Mapped[bool] = mapped_column(
        Boolean, nullable=False, default=False, server_default=false()
    )

    # Review
    procedure: Mapped[str] = mapped_column(
        String(12), nullable=False, default="ordinary", server_default="ordinary"
    )
    converted_on: Mapped[date | None] = mapped_column(Date)
    conversion_approved_by: Mapped[str | None] = mapped_column(String(60))
    respondent_served_on: Mapped[date | None] = mapped_column(Date)
    # The 送达回证 date: the answer period counts from it (ARL23 art 48, 54; ARL17 art 23); NULL = assumed the day
    # the copy was sent.
    respondent_received_on: Mapped[date | None] = mapped_column(Date)
    answer_due_on: Mapped[date | None] = mapped_column(Date)
    answer_received_on: Mapped[date | None] = mapped_column(Date)
    extension_days: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    extension_approved_by: Mapped[str | None] = mapped_column(String(60))
    extension_approved_on: Mapped[date | None] = mapped_column(Date)
    special_limit_days: Mapped[int | None] = mapped_column(Integer)
    special_limit_reason: Mapped[str | None] = mapped_column(String(200))

    # Ending
    outcome: Mapped[str | None] = mapped_column(String(20), index=True)
    termination_ground: Mapped[str | None] = mapped_column(String(12))
    decision_document_no: Mapped[str | None] = mapped_column(String(100))
    closed_on: Mapped[date | None] = mapped_column(Date, index=True)
    closing_note: Mapped[str | None] = mapped_column(Text)

    # After the decision (ARL23 art 76–79): service on the parties, the respondent's performance of a correction
    # or mediation statement with its due day (the decision's period, else a setting) and evidence, the order to
    # perform when it does not (art 77), the copy to the respondent's superior and the publication (art 79).
    decision_served_on: Mapped[date | None] = mapped_column(Date)
    performance_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    performed_on: Mapped[date | None] = mapped_column(Date)
    performance_evidence: Mapped[str | None] = mapped_column(Text)
    performance_ordered_on: Mapped[date | None] = mapped_column(Date)
    copied_to_superior_on: Mapped[date | None] = mapped_column(Date)
    published_on: Mapped[date | None] = mapped_column(Date)

    # The deadline, as the engine computed it on the last change
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    is_late: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    late_reason: Mapped[str | None] = mapped_column(Text)

    is_voided: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    void_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    agency = relationship("Agency")
    parties = relationship(
        "ReconsiderationParty",
        back_populates="case",
        order_by=lambda: (ReconsiderationParty.role, ReconsiderationParty.position, ReconsiderationParty.id),
        cascade="all, delete-orphan",
    )
    suspensions = relationship(
        "ReconsiderationSuspension",
        back_populates="case",
        order_by="ReconsiderationSuspension.from_on",
        cascade="all, delete-orphan",
    )
    events = relationship(
        "ReconsiderationEvent",
        back_populates="case",
        order_by=lambda: (ReconsiderationEvent.occurred_on, ReconsiderationEvent.id),
        cascade="all, delete-orphan",
    )
    opinions = relationship(
        "ReconsiderationOpinion",
        back_populates="case",
        order_by="ReconsiderationOpinion.issued_on",
        cascade="all, delete-orphan",
    )
    changes = relationship(
        "ReconsiderationCaseChange",
        back_populates="case",
        order_by="ReconsiderationCaseChange.id.desc()",
        cascade="all, delete-orphan",
    )

    @property
    def effective_procedure(self) -> str:
        """The procedure the limit follows: ordinary once a simplified case was converted (ARL23 art 55)."""
        return "ordinary" if self.converted_on is not None else self.procedure

    @property
    def open_suspension(self) -> ReconsiderationSuspension | None:
        """The suspension not yet resumed, if any."""
        return next((s for s in self.suspensions if s.to_on is None), None)

    @property
    def applicants(self) -> list[ReconsiderationParty]:
        """The applicants, in order."""
        return [p for p in self.parties if p.role == "applicant"]

    def __repr__(self) -> str:
        return f"<ReconsiderationCase {self.case_no}>"


class ReconsiderationParty(db.Model):
    """An applicant (申请人), an agent (代理人) or a third party (第三人): a person or an organisation."""

    __tablename__ = "reconsideration_parties"
    __table_args__ = (
        CheckConstraint(sql_in("role", PARTY_ROLES), name="role_known"),
        CheckConstraint(sql_in("kind", PARTY_KINDS), name="kind_known"),
        CheckConstraint("kind = 'person' OR id_number IS NULL", name="id_number_for_persons"),
        CheckConstraint("kind = 'organisation' OR credit_code IS NULL", name="credit_code_for_organisations"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reconsideration_cases.id"), nullable=False, index=True)
    role: Mapped[str] = mapped_column(String(12), nullable=False, default="applicant")
    kind: Mapped[str] = mapped_column(String(12), nullable=False, default="person")
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    id_number: Mapped[str | None] = mapped_column(String(18))
    credit_code: Mapped[str | None] = mapped_column(String(18))
    representative: Mapped[str | None] = mapped_column(String(60))  # 法定代表人 of an organisation
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))

    case = relationship(ReconsiderationCase, back_populates="parties")


class ReconsiderationSuspension(db.Model):
    """A suspension (中止) on a ground of ARL23 art 39 ¶1, from ``from_on`` until resumption (恢复) on ``to_on``."""

    __tablename__ = "reconsideration_suspensions"
    __table_args__ = (
        CheckConstraint("ground >= 1 AND ground <= 10", name="ground_known"),
        CheckConstraint("to_on IS NULL OR to_on >= from_on", name="dates_ordered"),
        # At most one suspension without resumption per case.
        Index(
            "uq_reconsideration_suspensions_one_open",
            "case_id",
            unique=True,
            sqlite_where=text("to_on IS NULL"),
            postgresql_where=text("to_on IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reconsideration_cases.id"), nullable=False, index=True)
    from_on: Mapped[date] = mapped_column(Date, nullable=False)
    to_on: Mapped[date | None] = mapped_column(Date)
    ground: Mapped[int] = mapped_column(Integer, nullable=False)
    note: Mapped[str | None] = mapped_column(Text)

    case = relationship(ReconsiderationCase, back_populates="suspensions")

    def days(self, as_of: date) -> int:
        """Calendar days suspended, up to resumption or ``as_of``."""
        return ((self.to_on or as_of) - self.from_on).days


class ReconsiderationEvent(db.Model):
    """A dated step of the procedure: materials, service on the respondent, its answer, a hearing, an extension."""

    __tablename__ = "reconsideration_events"
    __table_args__ = (CheckConstraint(sql_in("kind", EVENT_KINDS), name="kind_known"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reconsideration_cases.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(24), nullable=False)
    occurred_on: Mapped[date] = mapped_column(Date, nullable=False)
    due_on: Mapped[date | None] = mapped_column(Date)  # the limit the step was held against, if any
    notice_on: Mapped[date | None] = mapped_column(Date)  # hearing: when the parties were notified
    panel: Mapped[str | None] = mapped_column(String(200))  # hearing: the panel (听证人员)
    approver: Mapped[str | None] = mapped_column(String(60))  # extension or conversion: who approved
    days: Mapped[int | None] = mapped_column(Integer)  # extension: days added
    note: Mapped[str | None] = mapped_column(Text)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case = relationship(ReconsiderationCase, back_populates="events")


class ReconsiderationOpinion(TimestampMixin, db.Model):
    """A 行政复议意见书 (ARL23 art 76) or 建议书 (Reg07 art 58) issued to an agency while handling a case: the agency
    reports what it corrected within 60 days of receiving it. Withdrawn, never deleted."""

    __tablename__ = "reconsideration_opinions"
    __table_args__ = (
        CheckConstraint(sql_in("kind", OPINION_KINDS), name="kind_known"),
        CheckConstraint("received_on IS NULL OR received_on >= issued_on", name="received_after_issue"),
        CheckConstraint(
            "feedback_received_on IS NULL OR feedback_received_on >= issued_on", name="feedback_after_issue"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("reconsideration_cases.id"), nullable=False, index=True)
    kind: Mapped[str] = mapped_column(String(12), nullable=False)
    agency_id: Mapped[int] = mapped_column(ForeignKey("agencies.id"), nullable=False, index=True)
    document_no: Mapped[str | None] = mapped_column(String(100))
    content: Mapped[str] = mapped_column(Text, nullable=False)
    issued_on: Mapped[date] = mapped_column(Date, nullable=False)
    # The agency's receipt (送达回证); NULL = assumed the day issued.
    received_on: Mapped[date | None] = mapped_column(Date)
    feedback_due_on: Mapped[date | None] = mapped_column(Date, index=True)
    feedback_received_on: Mapped[date | None] = mapped_column(Date)
    feedback_note: Mapped[str | None] = mapped_column(Text)
    withdrawn_reason: Mapped[str | None] = mapped_column(Text)

    case = relationship(ReconsiderationCase, back_populates="opinions")
    agency = relationship("Agency")


class ReconsiderationCaseChange(ChangeRecordMixin, db.Model):
    """One line of a reconsideration case's history."""

    __tablename__ = "reconsideration_case_changes"

    case_id: Mapped[int] = mapped_column(ForeignKey("reconsideration_cases.id"), nullable=False, index=True)

    case = relationship(ReconsiderationCase, back_populates="changes")
    user = relationship("User")
