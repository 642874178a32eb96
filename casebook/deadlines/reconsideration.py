"""Administrative reconsideration (行政复议): the acceptance review and the decision deadline (domain.md §2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from casebook.deadlines.errors import DeadlineInputError
from casebook.deadlines.explain import Citation, Step, step, zh_number
from casebook.deadlines.facts import (
    LONG_SUSPENSION_WARNING_DAYS,
    REVIEW_WORKDAYS,
    SUPPLEMENT_WORKDAYS,
    TERMINATING_GROUNDS,
    TERMINATING_SUSPENSION_DAYS,
    ReconsiderationFacts,
    Suspension,
)
from casebook.deadlines.rules import (
    ARL23_IN_FORCE_ON,
    DEFAULT_SETTINGS,
    DeadlineResult,
    DeadlineSettings,
    check_date,
    plus_days,
    roll_forward,
    sources_step,
    status_as_of,
    status_step,
)
from casebook.deadlines.workdays import WorkdayCalendar

_START_DAY = Citation("CPL", 85, 2)  # the day a period starts is not counted
_ORDINARY = {"ARL23": Citation("ARL23", 62, 1), "ARL17": Citation("ARL17", 31, 1)}
_SIMPLIFIED = Citation("ARL23", 62, 2)
_CONVERSION = Citation("ARL23", 55)
_REVIEW = {
    "ARL23": (Citation("ARL23", 30, 1), Citation("ARL23", 88, 2)),
    "ARL17": (Citation("ARL17", 17, 1), Citation("ARL17", 40)),
}
_DEEMED = {"ARL23": Citation("ARL23", 30, 3), "ARL17": Citation("ARL17", 17, 2)}
_REJECTED = {"ARL23": Citation("ARL23", 30, 2), "ARL17": Citation("ARL17", 17, 1)}
_SUPPLEMENT = {"ARL23": Citation("ARL23", 31), "ARL17": Citation("Reg07", 29)}
_TERMINATION = {"ARL23": Citation("ARL23", 41, item=5), "ARL17": Citation("Reg07", 42)}


@dataclass
class _Trail:
    """The steps of an explanation as they are found, and the days whose working-day status was looked up."""

    steps: list[Step] = field(default_factory=list)
    consulted: list[date] = field(default_factory=list)


def compute_reconsideration(
    facts: ReconsiderationFacts,
    calendar: WorkdayCalendar,
    settings: DeadlineSettings = DEFAULT_SETTINGS,
    *,
    as_of: date,
) -> DeadlineResult:
    """The acceptance-review and decision deadlines of a reconsideration case, and its status on ``as_of``."""
    check_date(as_of, "as_of", required=True)
    law = facts.law
    trail = _Trail([_law_step(facts)])
    awaiting = (
        facts.supplement_requested_on is not None
        and facts.supplement_received_on is None
        and facts.accepted_on is None
        and facts.rejected_on is None
    )
    supplement_due_on = _supplement(facts, calendar, as_of, awaiting, trail)
    acceptance_due_on = _review(facts, calendar, trail)
    accepted_on, deemed = (None, False) if awaiting else _acceptance(facts, acceptance_due_on, trail)

    due_on = None
    suspended = warning = False
    if accepted_on is None:  # rejected, waiting for materials, or closed during the review
        deadline, closing = acceptance_due_on, facts.rejected_on or facts.closed_on
    else:
        due_on, suspended, warning = _decision(facts, calendar, settings, accepted_on, as_of, trail)
        deadline, closing = due_on, facts.closed_on

    status = status_as_of(as_of, deadline, closing, suspended=suspended, awaiting_supplement=awaiting)
    days_left = (due_on - as_of).days if due_on and status in ("open", "overdue", "suspended") else None
    if trail.consulted:
        trail.steps.append(sources_step(calendar, trail.consulted))
    trail.steps.append(status_step(status, as_of, deadline, closing))
    return DeadlineResult(
        law=law,
        acceptance_due_on=acceptance_due_on,
        accepted_on=accepted_on,
        is_accepted_deemed=deemed,
        due_on=due_on,
        status=status,
        days_left=days_left,
        steps=tuple(trail.steps),
        supplement_due_on=supplement_due_on,
        long_suspension_warning=warning,
    )


def _law_step(facts: ReconsiderationFacts) -> Step:
    """Which text of the law governs: ARL23 from 2024-01-01 (ARL23 art 90), ARL17 before."""
    received, start = facts.received_on.isoformat(), ARL23_IN_FORCE_ON.isoformat()
    if facts.law == "ARL23":
        zh, en = (
            f"{received} 收到申请，适用 {start} 起施行的修订后行政复议法",
            f"received on {received}: ARL23",
        )
    else:
        zh = f"{received} 收到申请，早于 {start}，适用修订前的行政复议法"
        en = f"received on {received}, before {start}: ARL17"
    return step(zh, en, Citation("ARL23", 90))


def _supplement(
    facts: ReconsiderationFacts, calendar: WorkdayCalendar, as_of: date, awaiting: bool, trail: _Trail
) -> date | None:
    """Steps for a request for materials (补正); the applicant's deadline while they are awaited (ARL23 only)."""
    requested = facts.supplement_requested_on
    if requested is None:
        return None
    cite = _SUPPLEMENT[facts.law]
    trail.steps.append(step(f"{requested.isoformat()} 通知补正", f"materials requested on {requested}", cite))
    if facts.supplement_received_on is not None:
        arrived = facts.supplement_received_on.isoformat()
        trail.steps.append(
            step(
                f"{arrived} 收到补正材料，受理审查期限重新计算，补正所用时间不计入",
                f"materials received on {arrived}: the acceptance review starts again",
                cite,
            )
        )
        return None
    if not awaiting:
        return None
    if facts.law == "ARL17":
        # Reg07 art 29: the notice sets a reasonable period; the old law fixes none.
        trail.steps.append(
            step("补正期限以补正通知载明的为准", "the period for the materials is set in the notice", cite)
        )
        return None
    # ARL23 art 31: 10 days from the notice, working days by art 88 ¶2; late without good reason = abandoned.
    due = calendar.add_workdays(requested, SUPPLEMENT_WORKDAYS)
    trail.consulted.append(due)
    trail.steps.append(
        step(
            f"申请人应在 {SUPPLEMENT_WORKDAYS} 个工作日内补正（自通知日 {requested} 起算）→ {due}",
            f"the applicant has {SUPPLEMENT_WORKDAYS} working days from the notice on {requested} → {due}",
            cite,
            Citation("ARL23", 88, 2),
        )
    )
    if as_of > due:
        trail.steps.append(
            step(
                "补正期限已过：无正当理由逾期不补正的，视为放弃行政复议申请",
                "the period has passed: without good reason the application counts as abandoned",
                cite,
            )
        )
    return due


def _review(facts: ReconsiderationFacts, calendar: WorkdayCalendar, trail: _Trail) -> date | None:
    """The last day of the 5-working-day acceptance review, from receipt or from the materials' arrival."""
    if facts.supplement_received_on is not None:
        start, zh, en = facts.supplement_received_on, "收到补正材料", "the materials' arrival"
    elif facts.supplement_requested_on is None:
        start, zh, en = facts.received_on, "收到申请", "receipt"
    else:  # materials requested and not (or not known to be) received: the review has not restarted yet
        return None
    days = calendar.workdays_after(start, REVIEW_WORKDAYS)
    trail.consulted.extend(days)
    listed = "、".join(d.isoformat() for d in days)
    trail.steps.append(
        step(
            f"自{zh}之日 {start} 起 {REVIEW_WORKDAYS} 个工作日受理审查：{listed} → {days[-1]}",
            f"{REVIEW_WORKDAYS} working days of acceptance review from {en} on {start}: "
            f"{', '.join(d.isoformat() for d in days)} → {days[-1]}",
            *_REVIEW[facts.law],
        )
    )
    return days[-1]


def _acceptance(
    facts: ReconsiderationFacts, review_due: date | None, trail: _Trail
) -> tuple[date | None, bool]:
    """The acceptance date, recorded or deemed, and whether it is deemed; None when rejected or withdrawn early."""
    law = facts.law
    if facts.rejected_on is not None:
        trail.steps.append(
            step(
                f"{facts.rejected_on} 决定不予受理，无行政复议决定期限",
                f"rejected on {facts.rejected_on}: no decision deadline",
                _REJECTED[law],
            )
        )
        return None, False
    if facts.accepted_on is not None:
        if review_due is not None and facts.accepted_on > review_due:
            trail.steps.append(
                step(
                    f"录入的受理日期 {facts.accepted_on} 晚于审查期限 {review_due}；期限按录入的受理日期计算",
                    f"the recorded acceptance on {facts.accepted_on} is after the review ended on {review_due}; "
                    "the limit counts from the recorded date",
                    _DEEMED[law],
                )
            )
        return facts.accepted_on, False
    assert review_due is not None  # without a review date the case is awaiting materials
    if law == "ARL17":
        # ARL17 art 17 ¶2: not rejected in time = accepted on the day received (or the materials arrived).
        day = facts.supplement_received_on or facts.received_on
        trail.steps.append(
            step(
                f"未在审查期限内决定不予受理：自收到之日 {day} 即为受理",
                f"not rejected within the review: accepted on the day received, {day}",
                _DEEMED[law],
            )
        )
        return day, True
    if facts.closed_on is not None and facts.closed_on < review_due:
        trail.steps.append(
            step(
                f"{facts.closed_on} 在受理审查期内结案，未受理",
                f"closed on {facts.closed_on}, during the acceptance review: never accepted",
            )
        )
        return None, False
    # ARL23 art 30 ¶3: no rejection by the end of the review = accepted from its last day.
    trail.steps.append(
        step(
            f"未录入受理或不予受理决定：审查期限届满之日 {review_due} 视为受理",
            f"no decision recorded: deemed accepted on {review_due}, the last day of the review",
            _DEEMED[law],
        )
    )
    return review_due, True


def _decision(
    facts: ReconsiderationFacts,
    calendar: WorkdayCalendar,
    settings: DeadlineSettings,
    accepted_on: date,
    as_of: date,
    trail: _Trail,
) -> tuple[date | None, bool, bool]:
    """The decision deadline (None while a suspension is unresolved), whether suspended on ``as_of``, and the
    long-suspension warning."""
    law = facts.law
    base, label_zh, label_en = accepted_on, "受理日", "acceptance"
    if facts.converted_on is not None:
        converted = facts.converted_on
        if converted < accepted_on:
            raise DeadlineInputError("converted_on", "程序转换早于受理", "conversion before acceptance")
        if settings.converted_counts_from_original_acceptance:
            zh = f"{converted} 由简易程序转为普通程序：普通程序期限自原受理日 {accepted_on} 起算"
            en = f"converted to the ordinary procedure on {converted}: its limit counts from acceptance on {accepted_on}"
        else:
            base, label_zh, label_en = converted, "程序转换之日", "conversion"
            zh = f"{converted} 由简易程序转为普通程序：普通程序期限自转换之日起算"
            en = f"converted to the ordinary procedure on {converted}: its limit counts from that day"
        trail.steps.append(step(zh, en, _CONVERSION, practice=True))

    for s in facts.suspensions:
        if s.from_on < accepted_on:
            raise DeadlineInputError(
                "suspensions",
                f"中止日期 {s.from_on} 早于受理日期 {accepted_on}",
                f"suspension on {s.from_on} is before acceptance on {accepted_on}",
            )
    ordinary = facts.effective_procedure == "ordinary"
    limit_cite = _ORDINARY[law] if ordinary else _SIMPLIFIED
    raw = plus_days(base, facts.special_limit_days or facts.normal_limit_days)
    if facts.special_limit_days:
        # ARL23 art 62 ¶1, ARL17 art 31 ¶1: "法律规定的行政复议期限少于六十日的除外".
        days, reason = facts.special_limit_days, facts.special_limit_reason
        zh = f"法律规定的较短期限（{reason}）：{label_zh} {base} 起算 {days} 日 → {raw}"
        en = f"shorter limit set by law ({reason}): {days} calendar days from {label_en} on {base} → {raw}"
        trail.steps.append(step(zh, en, _ORDINARY[law], _START_DAY))
    else:
        days = facts.normal_limit_days
        zh = f"{'' if ordinary else '简易程序：'}{label_zh} {base} 起算 {days} 日 → {raw}"
        en = f"{'' if ordinary else 'simplified procedure: '}{days} calendar days from {label_en} on {base} → {raw}"
        trail.steps.append(step(zh, en, limit_cite, _START_DAY))
    if facts.extension_days:
        # ARL23 art 62 ¶1; ARL17 art 31 ¶1: ordinary procedure, approved, at most 30 days.
        raw = plus_days(raw, facts.extension_days)
        trail.steps.append(
            step(
                f"经批准延长 {facts.extension_days} 日 → {raw}",
                f"extended by {facts.extension_days} days → {raw}",
                _ORDINARY[law],
            )
        )

    raw, unresolved = _suspensions(facts, settings, raw, trail)
    suspended = settings.exclude_suspension and any(
        _suspended_on(s, facts.closed_on, as_of) for s in facts.suspensions
    )
    warning = _long_suspension_warning(facts, as_of, trail)
    if unresolved:
        return None, suspended, warning
    due, roll_steps = roll_forward(raw, calendar, law)
    trail.consulted.extend((raw, due))
    trail.steps.extend(roll_steps)
    return due, suspended, warning


def _suspensions(
    facts: ReconsiderationFacts, settings: DeadlineSettings, raw: date, trail: _Trail
) -> tuple[date, bool]:
    """Add each suspension's days to the period; True as second value while one is not resumed (nor closed)."""
    if not facts.suspensions:
        return raw, False
    if not settings.exclude_suspension:
        trail.steps.append(
            step(
                "中止期间计入期限，不予扣除", "time in suspension is not left out of the limit", practice=True
            )
        )
        return raw, False
    for s in facts.suspensions:
        # ARL23 art 39 (Reg07 art 41 under ARL17); leaving the time out of the limit is the bureau's practice.
        cite = Citation("ARL23", 39, 1, s.ground) if facts.law == "ARL23" else Citation("Reg07", 41)
        if s.to_on is not None:
            end, zh_end, en_end = s.to_on, f"至 {s.to_on} 恢复审理", f"resumed on {s.to_on}"
        elif facts.closed_on is not None:
            end, zh_end, en_end = (
                facts.closed_on,
                f"未恢复，至结案日 {facts.closed_on}",
                f"until closing on {facts.closed_on}",
            )
        else:
            trail.steps.append(
                step(
                    f"{s.from_on} 起中止，尚未恢复：期限待恢复审理后确定",
                    f"suspended since {s.from_on}, not resumed: the deadline is set again on resumption",
                    cite,
                    practice=True,
                )
            )
            return raw, True
        days = (end - s.from_on).days
        raw = plus_days(raw, days)
        trail.steps.append(
            step(
                f"{s.from_on} 中止，{zh_end}：不计入 {days} 日 → {raw}",
                f"suspended on {s.from_on}, {en_end}: {days} days left out → {raw}",
                cite,
                practice=True,
            )
        )
    return raw, False


def _suspended_on(s: Suspension, closed_on: date | None, day: date) -> bool:
    """Whether the case stands suspended on ``day`` (a suspension never resumed ends with the case)."""
    end = s.to_on or closed_on
    return s.from_on <= day and (end is None or day < end)


def _long_suspension_warning(facts: ReconsiderationFacts, as_of: date, trail: _Trail) -> bool:
    """Warn when a suspension that ends the case after 60 days (ARL23 art 41(5)) has lasted 50 days or more."""
    if facts.closed_on is not None and facts.closed_on <= as_of:
        return False
    for s in facts.suspensions:
        if s.to_on is not None or s.ground not in TERMINATING_GROUNDS or s.from_on > as_of:
            continue
        lasted = (as_of - s.from_on).days
        if lasted >= LONG_SUSPENSION_WARNING_DAYS:
            ends = plus_days(s.from_on, TERMINATING_SUSPENSION_DAYS)
            trail.steps.append(
                step(
                    f"因第三十九条第一款第{zh_number(s.ground)}项事由中止已 {lasted} 日：至 {ends} 中止原因仍未消除的，"
                    "行政复议终止",
                    f"suspended on ground ({s.ground}) for {lasted} days: if the ground remains on {ends}, "
                    "the case ends",
                    _TERMINATION[facts.law],
                )
            )
            return True
    return False
