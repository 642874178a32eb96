"""People's mediation cases (人民调解案件): the case, its parties, mediators, sessions, agreement follow-up and history.

The case's `status` is changed only by `casebook.mediation.operations` through the transition table of
`casebook.mediation.states`; the CHECK constraints below tie each status to the columns it needs.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from flask_babel import lazy_gettext as _l
from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
    false,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from casebook.calendars.models import ProvisionalDeadlineMixin
from casebook.core import clock
from casebook.core.database import DIALECT_ONLY_INDEXES, DIALECT_ONLY_TABLE_PREFIXES
from casebook.core.models import ChangeRecordMixin, TimestampMixin, VersionedMixin
from casebook.extensions import db


def _check_in(column: str, enum: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(m.value) for m in enum)})"


class Source(StrEnum):
    SCREENING = "screening"  # 排查: the committee's own initiative
    APPLICATION = "application"  # 申请: a party applied (PML art 17)
    REFERRAL = "referral"  # 委托移送: court, police, petition office, 12345 hotline


class Status(StrEnum):
    REGISTERED = "registered"  # 登记
    ACCEPTED = "accepted"  # 受理
    MEDIATING = "mediating"  # 调解中
    CONCLUDED = "concluded"  # 结案 (with an outcome)
    ARCHIVED = "archived"  # 归档
    VOIDED = "voided"  # 作废 (registered by mistake; counts nowhere)
    # 不予受理: ended at acceptance, never mediated (PML art 17). Neither open nor concluded, so a status of its own
    # without an outcome: outcomes are the results of a mediation and close it (closed_on), which this is not.
    NOT_ACCEPTED = "not_accepted"


OPEN_STATUSES = (Status.REGISTERED, Status.ACCEPTED, Status.MEDIATING)
CLOSED_STATUSES = (Status.CONCLUDED, Status.ARCHIVED)


class Outcome(StrEnum):
    SUCCESS = "success"  # 调解成功 (PML art 28–30)
    FAILED = "failed"  # 调解不成 (PML art 26)
    TERMINATED = "terminated"  # 终止 (PML art 23)


class NotAcceptedReason(StrEnum):
    PARTY_REFUSED = "party_refused"  # 当事人一方明确拒绝调解 (PML art 17)
    OUT_OF_SCOPE = (
        "out_of_scope"  # 不属于人民调解范围 (before a court, arbitration or an administrative body, …)
    )
    OTHER = "other"  # 其他, with a note


class AgreementForm(StrEnum):
    WRITTEN = "written"  # 书面协议 (PML art 28–29)
    ORAL = "oral"  # 口头协议 (PML art 30)


class PartyKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class PartyRole(StrEnum):
    APPLICANT = "applicant"  # 申请人
    RESPONDENT = "respondent"  # 被申请人
    OTHER = "other"  # 其他


class Performance(StrEnum):
    PERFORMED = "performed"  # 已履行
    PARTLY = "partly"  # 部分履行
    NOT_PERFORMED = "not_performed"  # 未履行


class Ruling(StrEnum):
    CONFIRMED = "confirmed"  # 裁定确认有效
    REJECTED = "rejected"  # 裁定驳回申请 / 不予确认


SOURCE_LABELS = {
    Source.SCREENING: _l("Screening"),
    Source.APPLICATION: _l("Application"),
    Source.REFERRAL: _l("Referral"),
}
STATUS_LABELS = {
    Status.REGISTERED: _l("Registered"),
    Status.ACCEPTED: _l("Accepted"),
    Status.MEDIATING: _l("Mediating"),
    Status.CONCLUDED: _l("Concluded"),
    Status.ARCHIVED: _l("Archived"),
    Status.VOIDED: _l("Voided"),
    Status.NOT_ACCEPTED: _l("Not accepted"),
}
OUTCOME_LABELS = {
    Outcome.SUCCESS: _l("Mediated successfully"),
    Outcome.FAILED: _l("Mediation failed"),
    Outcome.TERMINATED: _l("Terminated"),
}
NOT_ACCEPTED_REASON_LABELS = {
    NotAcceptedReason.PARTY_REFUSED: _l("A party expressly refuses mediation (PML art. 17)"),
    NotAcceptedReason.OUT_OF_SCOPE: _l(
        "Not a dispute for people's mediation (already before a court, arbitration or an administrative body,"
        " or a matter the law reserves)"
    ),
    NotAcceptedReason.OTHER: _l("Other"),
}
AGREEMENT_FORM_LABELS = {AgreementForm.WRITTEN: _l("Written"), AgreementForm.ORAL: _l("Oral")}
PARTY_KIND_LABELS = {PartyKind.PERSON: _l("Natural person"), PartyKind.ORGANISATION: _l("Organisation")}
PARTY_ROLE_LABELS = {
    PartyRole.APPLICANT: _l("Applicant"),
    PartyRole.RESPONDENT: _l("Respondent"),
    PartyRole.OTHER: _l("Other party"),
}
PERFORMANCE_LABELS = {
    Performance.PERFORMED: _l("Performed"),
    Performance.PARTLY: _l("Partly performed"),
    Performance.NOT_PERFORMED: _l("Not performed"),
}
RULING_LABELS = {
    Ruling.CONFIRMED: _l("Agreement confirmed valid"),
    Ruling.REJECTED: _l("Application rejected"),
}


mediation_case_mediators = Table(
    "mediation_case_mediators",
    db.metadata,
    Column("case_id", ForeignKey("mediation_cases.id"), primary_key=True),
    Column("mediator_id", ForeignKey("mediators.id"), primary_key=True, index=True),
)

mediation_session_mediators = Table(
    "mediation_session_mediators",
    db.metadata,
    Column("session_id", ForeignKey("mediation_sessions.id"), primary_key=True),
    Column("mediator_id", ForeignKey("mediators.id"), primary_key=True, index=True),
)


class MediationCase(ProvisionalDeadlineMixin, VersionedMixin, TimestampMixin, db.Model):
    """A dispute a committee mediates, from registration to agreement, confirmation, follow-up and archive."""

    __tablename__ = "mediation_cases"
    __table_args__ = (
        CheckConstraint(_check_in("status", Status), name="status_known"),
        CheckConstraint("outcome IS NULL OR " + _check_in("outcome", Outcome), name="outcome_known"),
        CheckConstraint(_check_in("source", Source), name="source_known"),
        CheckConstraint(
            "agreement_form IS NULL OR " + _check_in("agreement_form", AgreementForm),
            name="agreement_form_known",
        ),
        # A concluded or archived case has an outcome, an open one has none; a voided case keeps what it had.
        CheckConstraint(
            "(status IN ('concluded', 'archived') AND outcome IS NOT NULL)"
            " OR (status IN ('registered', 'accepted', 'mediating', 'not_accepted') AND outcome IS NULL)"
            " OR status = 'voided'",
            name="outcome_matches_status",
        ),
        CheckConstraint(
            "(outcome IS NULL AND closed_on IS NULL) OR (outcome IS NOT NULL AND closed_on IS NOT NULL)",
            name="closed_on_iff_outcome",
        ),
        CheckConstraint(
            "status NOT IN ('accepted', 'mediating') OR accepted_on IS NOT NULL",
            name="accepted_on_when_accepted",
        ),
        CheckConstraint(
            "(outcome = 'success' AND agreement_form IS NOT NULL)"
            " OR ((outcome IS NULL OR outcome <> 'success') AND agreement_form IS NULL AND agreement_on IS NULL)",
            name="agreement_iff_success",
        ),
        CheckConstraint(
            "(status = 'voided' AND is_voided) OR (status <> 'voided' AND NOT is_voided)", name="voided_flag"
        ),
        CheckConstraint("status <> 'archived' OR archived_on IS NOT NULL", name="archived_on_when_archived"),
        # 不予受理 (PML art 17): dated, with its reason, never accepted; "other" says why in a note. A voided
        # case keeps what it had.
        CheckConstraint(
            "not_accepted_reason IS NULL OR " + _check_in("not_accepted_reason", NotAcceptedReason),
            name="not_accepted_reason_known",
        ),
        CheckConstraint(
            "(status = 'not_accepted' AND not_accepted_on IS NOT NULL AND not_accepted_reason IS NOT NULL"
            " AND accepted_on IS NULL)"
            " OR (status NOT IN ('not_accepted', 'voided') AND not_accepted_on IS NULL"
            " AND not_accepted_reason IS NULL AND not_accepted_note IS NULL)"
            " OR status = 'voided'",
            name="not_accepted_matches_status",
        ),
        CheckConstraint(
            "not_accepted_reason IS NULL OR not_accepted_reason <> 'other' OR not_accepted_note IS NOT NULL",
            name="not_accepted_other_has_note",
        ),
        CheckConstraint(
            "not_accepted_on IS NULL OR not_accepted_on >= registered_on",
            name="not_accepted_after_registered",
        ),
        CheckConstraint("source = 'referral' OR referral_body IS NULL", name="referral_body_for_referral"),
        CheckConstraint(
            "accepted_on IS NULL OR accepted_on >= registered_on", name="accepted_after_registered"
        ),
        CheckConstraint("closed_on IS NULL OR closed_on >= registered_on", name="closed_after_registered"),
        CheckConstraint(
            "closed_on IS NULL OR accepted_on IS NULL OR closed_on >= accepted_on",
            name="closed_after_accepted",
        ),
        # The agreement is reached in mediation, so not before the case was accepted.
        CheckConstraint(
            "agreement_on IS NULL OR accepted_on IS NULL OR agreement_on >= accepted_on",
            name="agreement_after_accepted",
        ),
        CheckConstraint("extension_days >= 0", name="extension_days_positive"),
        CheckConstraint("persons IS NULL OR persons >= 1", name="persons_positive"),
        CheckConstraint("amount IS NULL OR amount >= 0", name="amount_positive"),
        # A committee's cases (a director's or mediator's list, newest first): the page and its count read this
        # index alone (benchmarks/README.md).
        Index("ix_mediation_cases_committee_registered", "committee_id", "is_voided", "registered_on", "id"),
        # The case list in its default order (newest first, voided cases left out): a page, even a deep one,
        # and its count read this index alone (benchmarks/README.md).
        Index("ix_mediation_cases_voided_registered", "is_voided", "registered_on", "id"),
        # The statistics count each date family over the cases whose date lies in the period (registration;
        # closing, which the agreements share): these indexes hold every column those counts, the scoping and
        # the dashboard's breakdowns read (the id too, for the follow-ups), so a year of a million cases is
        # counted from an index alone (benchmarks/README.md).
        Index(
            "ix_mediation_cases_stats_registered",
            "registered_on",
            "is_voided",
            "committee_id",
            "dispute_type_id",
            "source",
            "outcome",
            "closed_on",
            "not_accepted_on",
        ),
        Index(
            "ix_mediation_cases_stats_closed",
            "closed_on",
            "is_voided",
            "committee_id",
            "dispute_type_id",
            "source",
            "outcome",
            "due_on",
            "agreement_on",
            "id",
        ),
        # Open cases by deadline (overdue, due soon): a small index over the cases without an outcome, holding
        # what the list filters, scopes and sorts them by, so that counting and ordering them reads no table row.
        Index(
            "ix_mediation_cases_open_due",
            "due_on",
            "status",
            "is_voided",
            "committee_id",
            "registered_on",
            "id",
            sqlite_where=text("outcome IS NULL"),
            postgresql_where=text("outcome IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_no: Mapped[str] = mapped_column(String(64), unique=True, nullable=False)
    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), nullable=False)
    area_id: Mapped[int | None] = mapped_column(ForeignKey("areas.id"), index=True)
    dispute_type_id: Mapped[int] = mapped_column(ForeignKey("dispute_types.id"), nullable=False, index=True)
    source: Mapped[str] = mapped_column(String(16), nullable=False)
    referral_body: Mapped[str | None] = mapped_column(String(120))
    registered_on: Mapped[date] = mapped_column(Date, nullable=False, index=True)
    accepted_on: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16), nullable=False, default=Status.REGISTERED, index=True)
    outcome: Mapped[str | None] = mapped_column(String(16))
    closed_on: Mapped[date | None] = mapped_column(Date, index=True)
    agreement_form: Mapped[str | None] = mapped_column(String(8))
    agreement_on: Mapped[date | None] = mapped_column(Date)
    # PML art 29 ¶1: a written agreement states the main facts and the matters in dispute, the terms agreed
    # (agreement_content; for an oral agreement, its content as the mediator recorded it, art 30) and how and
    # when they are performed.
    agreement_content: Mapped[str | None] = mapped_column(Text)
    agreement_facts: Mapped[str | None] = mapped_column(Text)
    agreement_performance: Mapped[str | None] = mapped_column(Text)
    failure_routes: Mapped[str | None] = mapped_column(
        Text
    )  # 调解不成: the other routes the parties were told of
    termination_reason: Mapped[str | None] = mapped_column(Text)
    not_accepted_on: Mapped[date | None] = mapped_column(Date)  # 不予受理: the day it was decided
    not_accepted_reason: Mapped[str | None] = mapped_column(String(16))
    not_accepted_note: Mapped[str | None] = mapped_column(Text)
    extension_days: Mapped[int] = mapped_column(Integer, nullable=False, default=0, server_default="0")
    # The mediation deadline from the deadline engine, stored on every change that affects it (statistics count
    # "concluded on time" as closed_on <= due_on). NULL before acceptance or when a year it reaches has no holiday
    # schedule (then due_on_provisional and calendar_missing_year, see ProvisionalDeadlineMixin).
    due_on: Mapped[date | None] = mapped_column(Date, index=True)
    is_voided: Mapped[bool] = mapped_column(Boolean, nullable=False, default=False, server_default=false())
    void_reason: Mapped[str | None] = mapped_column(Text)
    voided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    archived_on: Mapped[date | None] = mapped_column(Date)
    amount: Mapped[Decimal | None] = mapped_column(Numeric(14, 2))
    persons: Mapped[int | None] = mapped_column(Integer)
    summary: Mapped[str | None] = mapped_column(Text)
    # Lower-cased, width-normalised summary, party names and case number: the text search runs LIKE over it
    # (with a pg_trgm GIN index on PostgreSQL, created by the migration).
    search_text: Mapped[str] = mapped_column(Text, nullable=False, default="", server_default="")
    case_year: Mapped[int | None] = mapped_column(Integer)  # year and sequence of a generated case number
    case_seq: Mapped[int | None] = mapped_column(Integer)
    registered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    committee = relationship("Committee")
    area = relationship("Area")
    dispute_type = relationship("DisputeType")
    registered_by = relationship("User", foreign_keys=[registered_by_id])
    parties = relationship(
        "MediationParty",
        back_populates="case",
        order_by="MediationParty.position",
        cascade="all, delete-orphan",
    )
    mediators = relationship("Mediator", secondary=mediation_case_mediators, order_by="Mediator.name")
    sessions = relationship(
        "MediationSession", back_populates="case", order_by="MediationSession.held_on", cascade="all"
    )
    extensions = relationship(
        "MediationExtension", back_populates="case", order_by="MediationExtension.agreed_on", cascade="all"
    )
    confirmation = relationship("MediationConfirmation", back_populates="case", uselist=False, cascade="all")
    followups = relationship(
        "MediationFollowup", back_populates="case", order_by="MediationFollowup.visited_on", cascade="all"
    )
    changes = relationship(
        "MediationCaseChange",
        back_populates="case",
        order_by="MediationCaseChange.id.desc()",
        cascade="all",
    )

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def applicants(self) -> list[MediationParty]:
        return [p for p in self.parties if p.role == PartyRole.APPLICANT]

    @property
    def respondents(self) -> list[MediationParty]:
        return [p for p in self.parties if p.role == PartyRole.RESPONDENT]

    def __repr__(self) -> str:
        return f"<MediationCase {self.case_no} {self.status}>"


class MediationParty(db.Model):
    """A party to a dispute: a natural person (resident ID) or an organisation (unified social credit code)."""

    __tablename__ = "mediation_parties"
    __table_args__ = (
        CheckConstraint(_check_in("kind", PartyKind), name="kind_known"),
        CheckConstraint(_check_in("role", PartyRole), name="role_known"),
        CheckConstraint("kind = 'person' OR id_number IS NULL", name="id_number_for_person"),
        CheckConstraint("kind = 'organisation' OR credit_code IS NULL", name="credit_code_for_organisation"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_cases.id"), nullable=False, index=True)
    position: Mapped[int] = mapped_column(Integer, nullable=False, default=0)
    kind: Mapped[str] = mapped_column(String(16), nullable=False, default=PartyKind.PERSON)
    role: Mapped[str] = mapped_column(String(16), nullable=False)
    name: Mapped[str] = mapped_column(String(120), nullable=False)
    id_number: Mapped[str | None] = mapped_column(String(18))
    credit_code: Mapped[str | None] = mapped_column(String(18))
    phone: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))

    case = relationship(MediationCase, back_populates="parties")

    @property
    def document_number(self) -> str | None:
        """The ID number of a person or the credit code of an organisation."""
        return self.id_number if self.kind == PartyKind.PERSON else self.credit_code


class MediationSession(db.Model):
    """A mediation session (PML art 27): date, place, the mediators present and a note."""

    __tablename__ = "mediation_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_cases.id"), nullable=False, index=True)
    held_on: Mapped[date] = mapped_column(Date, nullable=False)
    place: Mapped[str | None] = mapped_column(String(120))
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=clock.now)

    case = relationship(MediationCase, back_populates="sessions")
    mediators = relationship("Mediator", secondary=mediation_session_mediators, order_by="Mediator.name")


class MediationExtension(db.Model):
    """Days added to the mediation limit with both parties' consent, with the date agreed and the reason."""

    __tablename__ = "mediation_extensions"
    __table_args__ = (CheckConstraint("days > 0", name="days_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_cases.id"), nullable=False, index=True)
    agreed_on: Mapped[date] = mapped_column(Date, nullable=False)
    days: Mapped[int] = mapped_column(Integer, nullable=False)
    reason: Mapped[str] = mapped_column(Text, nullable=False)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=clock.now)

    case = relationship(MediationCase, back_populates="extensions")


class MediationConfirmation(db.Model):
    """Judicial confirmation (司法确认, PML art 33): the parties' application to a court and its ruling."""

    __tablename__ = "mediation_confirmations"
    __table_args__ = (
        CheckConstraint("ruling IS NULL OR " + _check_in("ruling", Ruling), name="ruling_known"),
        CheckConstraint(
            "(ruling IS NULL AND ruled_on IS NULL) OR (ruling IS NOT NULL AND ruled_on IS NOT NULL)",
            name="ruled_on_iff_ruling",
        ),
        CheckConstraint("ruled_on IS NULL OR ruled_on >= applied_on", name="ruled_after_applied"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_cases.id"), nullable=False, unique=True)
    applied_on: Mapped[date] = mapped_column(Date, nullable=False)
    court: Mapped[str] = mapped_column(String(120), nullable=False)
    ruling: Mapped[str | None] = mapped_column(String(16))
    ruling_no: Mapped[str | None] = mapped_column(String(80))
    ruled_on: Mapped[date | None] = mapped_column(Date)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    case = relationship(MediationCase, back_populates="confirmation")


class MediationFollowup(db.Model):
    """A follow-up visit (回访) and how the agreement is being performed (PML art 31)."""

    __tablename__ = "mediation_followups"
    __table_args__ = (
        CheckConstraint(_check_in("performance", Performance), name="performance_known"),
        # The latest visit of a case by a day, read from the index alone (the statistics' performance rate).
        Index("ix_mediation_followups_latest", "case_id", "visited_on", "id", "performance"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_cases.id"), nullable=False, index=True)
    visited_on: Mapped[date] = mapped_column(Date, nullable=False)
    performance: Mapped[str] = mapped_column(String(16), nullable=False)
    note: Mapped[str | None] = mapped_column(Text)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=clock.now)

    case = relationship(MediationCase, back_populates="followups")


class MediationCaseCounter(db.Model):
    """The last sequence number issued per committee and year: case numbers are unique and gap-free."""

    __tablename__ = "mediation_case_counters"

    committee_id: Mapped[int] = mapped_column(ForeignKey("committees.id"), primary_key=True)
    year: Mapped[int] = mapped_column(Integer, primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer, nullable=False, default=0)


class MediationCaseChange(ChangeRecordMixin, db.Model):
    """One change to a mediation case: who, when, which field, before and after (the case's history)."""

    __tablename__ = "mediation_case_changes"

    case_id: Mapped[int] = mapped_column(ForeignKey("mediation_cases.id"), nullable=False, index=True)

    case = relationship(MediationCase, back_populates="changes")
    user = relationship("User")


# The text search index is a pg_trgm GIN index on PostgreSQL and an FTS5 trigram table (with its shadow tables
# and triggers) on SQLite, both created by migrations: autogenerate and the drift test leave them alone.
DIALECT_ONLY_INDEXES.add("ix_mediation_cases_search_text_trgm")
DIALECT_ONLY_TABLE_PREFIXES.add("mediation_cases_search")
SQLITE_SEARCH_TABLE = "mediation_cases_search"
