"""The facts a deadline depends on, for each kind of case, checked when they are created."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from casebook.deadlines.errors import DeadlineInputError
from casebook.deadlines.rules import check_date, check_days, check_order, law_for_received_on

Procedure = Literal["ordinary", "simplified"]

REVIEW_WORKDAYS = 5  # ARL23 art 30 ¶1; ARL17 art 17 ¶1: working days (ARL23 art 88 ¶2; ARL17 art 40)
# ARL23 art 31 ¶2: the applicant supplies the materials within 10 (working, art 88 ¶2) days of receiving the
# notice; the office may grant a longer reasonable period.
SUPPLEMENT_WORKDAYS = 10
ORDINARY_LIMIT_DAYS = 60  # ARL23 art 62 ¶1; ARL17 art 31 ¶1
SIMPLIFIED_LIMIT_DAYS = 30  # ARL23 art 62 ¶2
MAX_EXTENSION_DAYS = 30  # ARL23 art 62 ¶1; ARL17 art 31 ¶1
SUSPENSION_GROUNDS = range(1, 11)  # ARL23 art 39 ¶1 items (1)–(10)
# ARL23 art 41(5): a suspension on art 39 ¶1 items (1), (2) or (4) still unresolved after 60 days ends the case.
# Reg07 art 42 says the same for its art 41 items (1)–(3), which are the same three grounds.
TERMINATING_GROUNDS = frozenset({1, 2, 4})
TERMINATING_SUSPENSION_DAYS = 60
LONG_SUSPENSION_WARNING_DAYS = 50


@dataclass(frozen=True)
class Suspension:
    """A suspension (中止) from ``from_on`` until resumption on ``to_on`` (None: not resumed yet).

    ``ground`` is the item of ARL23 art 39 ¶1 (1–10), also for cases under the old law.
    """

    from_on: date
    to_on: date | None = None
    ground: int | None = None

    def __post_init__(self) -> None:
        check_date(self.from_on, "suspensions", required=True)
        check_date(self.to_on, "suspensions")
        check_order(
            self.from_on,
            self.to_on,
            "suspensions",
            f"恢复日期 {_iso(self.to_on)} 早于中止日期 {self.from_on.isoformat()}",
            f"resumption on {_iso(self.to_on)} is before the suspension on {self.from_on.isoformat()}",
        )
        if self.ground is not None and (
            not isinstance(self.ground, int) or self.ground not in SUSPENSION_GROUNDS
        ):
            raise DeadlineInputError(
                "suspensions",
                "中止事由须为第三十九条第一款第一至十项",
                "the ground must be item 1–10 of ARL23 art. 39",
            )


@dataclass(frozen=True)
class ReconsiderationFacts:
    """The dates and choices of one reconsideration case that its deadline depends on; checked on creation."""

    received_on: date
    accepted_on: date | None = None
    rejected_on: date | None = None
    supplement_requested_on: date | None = None
    supplement_received_on: date | None = None
    # ARL23 art 31 ¶2: the day the applicant received the notice (None: assumed the day it was sent) and a longer
    # period the office granted, in working days (None: the statutory 10).
    supplement_notice_received_on: date | None = None
    supplement_period_workdays: int | None = None
    # ARL23 art 31 ¶2: not supplied in time, the application is deemed abandoned (视为放弃) on this day.
    abandoned_on: date | None = None
    procedure: Procedure = "ordinary"
    converted_on: date | None = None
    suspensions: tuple[Suspension, ...] = ()
    extension_days: int = 0
    special_limit_days: int | None = None
    special_limit_reason: str | None = None
    closed_on: date | None = None

    def __post_init__(self) -> None:
        if isinstance(self.suspensions, Suspension) or not _is_iterable(self.suspensions):
            raise DeadlineInputError("suspensions", "中止期间须为列表", "suspensions must be a list")
        suspensions = tuple(self.suspensions)
        if not all(isinstance(s, Suspension) for s in suspensions):
            raise DeadlineInputError(
                "suspensions", "中止期间格式不正确", "each suspension must be a Suspension"
            )
        object.__setattr__(self, "suspensions", tuple(sorted(suspensions, key=lambda s: s.from_on)))
        _validate(self)

    @property
    def law(self) -> Literal["ARL23", "ARL17"]:
        """The law governing the case, by its date of receipt."""
        return law_for_received_on(self.received_on)

    @property
    def effective_procedure(self) -> Procedure:
        """The procedure the limit follows: ordinary once a simplified case has been converted (ARL23 art 55)."""
        return "ordinary" if self.converted_on is not None else self.procedure

    @property
    def normal_limit_days(self) -> int:
        """The limit the law sets for the procedure, before any special shorter limit."""
        return ORDINARY_LIMIT_DAYS if self.effective_procedure == "ordinary" else SIMPLIFIED_LIMIT_DAYS


def _is_iterable(value: object) -> bool:
    return isinstance(value, tuple | list)


def _iso(day: date | None) -> str:
    return day.isoformat() if day else "—"


def _validate(f: ReconsiderationFacts) -> None:
    """Raise DeadlineInputError, naming the field, for facts that cannot belong to a real case."""
    check_date(f.received_on, "received_on", required=True)
    for name in (
        "accepted_on",
        "rejected_on",
        "supplement_requested_on",
        "supplement_received_on",
        "supplement_notice_received_on",
        "abandoned_on",
    ):
        check_date(getattr(f, name), name)
    check_date(f.converted_on, "converted_on")
    check_date(f.closed_on, "closed_on")
    if f.procedure not in ("ordinary", "simplified"):
        raise DeadlineInputError(
            "procedure", "审理程序须为普通或简易", "procedure must be ordinary or simplified"
        )
    received = f.received_on
    for name, zh, en in (
        ("accepted_on", "受理日期", "acceptance"),
        ("rejected_on", "不予受理日期", "rejection"),
        ("supplement_requested_on", "补正通知日期", "the supplement notice"),
        ("converted_on", "程序转换日期", "the conversion"),
    ):
        check_order(received, getattr(f, name), name, f"{zh}早于收到申请日期", f"{en} is before receipt")
    if f.accepted_on is not None and f.rejected_on is not None:
        raise DeadlineInputError(
            "rejected_on", "不能既受理又不予受理", "a case cannot be both accepted and rejected"
        )
    if f.supplement_received_on is not None and f.supplement_requested_on is None:
        raise DeadlineInputError(
            "supplement_received_on", "未录入补正通知日期", "materials received without a supplement notice"
        )
    check_order(
        f.supplement_requested_on,
        f.supplement_received_on,
        "supplement_received_on",
        "补正材料收到日期早于补正通知日期",
        "materials received before they were requested",
    )
    _validate_supplement(f)
    check_order(
        f.supplement_received_on,
        f.accepted_on,
        "accepted_on",
        "受理日期早于收到补正材料",
        "acceptance before the materials",
    )
    check_order(
        f.accepted_on, f.converted_on, "converted_on", "程序转换早于受理", "conversion before acceptance"
    )
    if f.law == "ARL17" and (f.procedure == "simplified" or f.converted_on is not None):
        raise DeadlineInputError(
            "procedure" if f.procedure == "simplified" else "converted_on",
            "简易程序自 2024-01-01 起施行，不适用于此前收到的申请",
            "the simplified procedure exists only for applications received from 2024-01-01",
        )
    check_days(f.extension_days, "extension_days", maximum=MAX_EXTENSION_DAYS)
    if f.extension_days and f.effective_procedure == "simplified":
        # ARL23 art 62: only the ordinary procedure may be extended.
        raise DeadlineInputError("extension_days", "简易程序不得延长", "a simplified case cannot be extended")
    if f.special_limit_days is not None:
        check_days(f.special_limit_days, "special_limit_days")
        if not 0 < f.special_limit_days < f.normal_limit_days:
            raise DeadlineInputError(
                "special_limit_days",
                f"特别期限须短于法定的 {f.normal_limit_days} 日",
                f"a special limit must be shorter than the normal {f.normal_limit_days} days",
            )
        if not isinstance(f.special_limit_reason, str) or not f.special_limit_reason.strip():
            raise DeadlineInputError(
                "special_limit_reason", "特别期限须注明法律依据", "a special limit needs its legal reason"
            )
    _validate_suspensions(f)
    for name, zh, en in (
        ("received_on", "收到申请日期", "receipt"),
        ("accepted_on", "受理日期", "acceptance"),
        ("rejected_on", "不予受理日期", "rejection"),
        ("supplement_requested_on", "补正通知日期", "the supplement notice"),
        ("supplement_received_on", "收到补正材料日期", "the materials"),
        ("converted_on", "程序转换日期", "the conversion"),
    ):
        check_order(
            getattr(f, name), f.closed_on, "closed_on", f"结案日期早于{zh}", f"closing is before {en}"
        )


def _validate_supplement(f: ReconsiderationFacts) -> None:
    """The notice's receipt, the granted period and the abandonment follow the request for materials."""
    if f.supplement_requested_on is None:
        for name in ("supplement_notice_received_on", "supplement_period_workdays", "abandoned_on"):
            if getattr(f, name) is not None:
                raise DeadlineInputError(name, "未录入补正通知日期", "no supplement notice is recorded")
        return
    check_order(
        f.supplement_requested_on,
        f.supplement_notice_received_on,
        "supplement_notice_received_on",
        "申请人收到补正通知的日期早于发出日期",
        "the applicant cannot receive the notice before it was sent",
    )
    check_order(
        f.supplement_notice_received_on,
        f.supplement_received_on,
        "supplement_received_on",
        "补正材料收到日期早于申请人收到补正通知",
        "materials received before the applicant received the notice",
    )
    if f.supplement_period_workdays is not None:
        check_days(f.supplement_period_workdays, "supplement_period_workdays", maximum=365)
        if f.supplement_period_workdays < SUPPLEMENT_WORKDAYS:
            raise DeadlineInputError(
                "supplement_period_workdays",
                f"补正期限不得短于法定的 {SUPPLEMENT_WORKDAYS} 个工作日",
                f"the period cannot be shorter than the statutory {SUPPLEMENT_WORKDAYS} working days",
            )
    if f.abandoned_on is not None and (
        f.supplement_received_on is not None or f.accepted_on is not None or f.rejected_on is not None
    ):
        raise DeadlineInputError(
            "abandoned_on",
            "已补正、受理或不予受理的申请不能视为放弃",
            "an application supplemented, accepted or rejected cannot be deemed abandoned",
        )
    check_order(
        f.supplement_requested_on,
        f.abandoned_on,
        "abandoned_on",
        "视为放弃日期早于补正通知",
        "abandoned before the notice",
    )


def _validate_suspensions(f: ReconsiderationFacts) -> None:
    """Suspensions follow receipt, do not overlap and end by the closing date (acceptance: see compute)."""
    previous: Suspension | None = None
    for s in f.suspensions:
        start = s.from_on.isoformat()
        check_order(
            f.received_on,
            s.from_on,
            "suspensions",
            f"中止日期 {start} 早于收到申请日期",
            f"suspension on {start} is before receipt",
        )
        if previous is not None and (previous.to_on is None or s.from_on < previous.to_on):
            raise DeadlineInputError(
                "suspensions", f"中止期间重叠（{start}）", f"suspensions overlap (the one from {start})"
            )
        check_order(
            s.from_on,
            f.closed_on,
            "closed_on",
            f"结案日期早于中止日期 {start}",
            f"closing is before the suspension on {start}",
        )
        check_order(s.to_on, f.closed_on, "suspensions", "恢复日期晚于结案日期", "resumption after closing")
        previous = s


@dataclass(frozen=True)
class MediationFacts:
    """The dates of one people's mediation case that its time limit depends on; checked on creation."""

    accepted_on: date
    extension_days: int = 0
    closed_on: date | None = None

    def __post_init__(self) -> None:
        check_date(self.accepted_on, "accepted_on", required=True)
        check_date(self.closed_on, "closed_on")
        check_days(self.extension_days, "extension_days")
        check_order(
            self.accepted_on,
            self.closed_on,
            "closed_on",
            "结案日期早于受理日期",
            "closing is before acceptance",
        )
