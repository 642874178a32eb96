"""Administrative reconsideration (行政复议): the acceptance review and the decision deadline (domain.md §2)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from casebook.deadlines.errors import DeadlineInputError
from casebook.deadlines.explain import Citation, Step, step, zh_number
from casebook.deadlines.facts import (
    LONG_SUSPENSION_WARNING_DAYS,
    REVIEW_WORKDAYS,
    SIMPLIFIED_LIMIT_DAYS,
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
    Status,
    check_date,
    plus_days,
    provisional_step,
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
# ARL23 art 31: ¶1 the notice, ¶2 the applicant's period and abandonment, ¶3 the review after the materials.
_SUPPLEMENT = {"ARL23": Citation("ARL23", 31, 2), "ARL17": Citation("Reg07", 29)}
_SUPPLEMENT_NOTICE = {"ARL23": Citation("ARL23", 31, 1), "ARL17": Citation("Reg07", 29)}
_SUPPLEMENT_ARRIVED = {"ARL23": Citation("ARL23", 31, 3), "ARL17": Citation("Reg07", 29)}
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
    accepted_on, deemed, notice_late = (
        (None, False, False) if awaiting else _acceptance(facts, acceptance_due_on, trail)
    )

    decision = _Decision()
    if accepted_on is None:  # rejected, waiting for materials, or closed during the review
        deadline, closing = acceptance_due_on, facts.rejected_on or facts.closed_on
    else:
        decision = _decision(facts, calendar, settings, accepted_on, as_of, trail)
        deadline, closing = decision.due_on, facts.closed_on
    due_on = decision.due_on

    if awaiting and facts.abandoned_on is not None and facts.abandoned_on <= as_of:
        status: Status = "abandoned"
        trail.steps.append(_abandoned_step(facts))
    else:
        status = status_as_of(
            as_of, deadline, closing, suspended=decision.suspended, awaiting_supplement=awaiting
        )
    days_left = (due_on - as_of).days if due_on and status in ("open", "overdue", "suspended") else None
    provisional = calendar.provisional_years(trail.consulted)
    if trail.consulted:
        trail.steps.append(sources_step(calendar, trail.consulted))
    if provisional:
        trail.steps.append(provisional_step(provisional))
    if status != "abandoned":
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
        long_suspension_warning=decision.long_suspension_days is not None,
        long_suspension_days=decision.long_suspension_days,
        acceptance_notice_late=notice_late,
        suspension_after_deadline=decision.suspension_after_deadline,
        conversion_after_deadline=decision.conversion_after_deadline,
        provisional_years=provisional,
    )


@dataclass
class _Decision:
    """What the decision stage found: the deadline and the conditions the pages flag."""

    due_on: date | None = None
    suspended: bool = False
    long_suspension_days: int | None = None
    suspension_after_deadline: date | None = None
    conversion_after_deadline: date | None = None


def _abandoned_step(facts: ReconsiderationFacts) -> Step:
    on = facts.abandoned_on
    return step(
        f"{on} 起视为放弃行政复议申请：不属于不予受理，也不属于在审或审结",
        f"deemed abandoned on {on}: neither rejected nor pending nor concluded",
        _SUPPLEMENT[facts.law],
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
    trail.steps.append(
        step(
            f"{requested.isoformat()} 通知补正",
            f"materials requested on {requested}",
            _SUPPLEMENT_NOTICE[facts.law],
        )
    )
    if facts.supplement_received_on is not None:
        arrived = facts.supplement_received_on.isoformat()
        trail.steps.append(
            step(
                f"{arrived} 收到补正材料，受理审查期限重新计算，补正所用时间不计入",
                f"materials received on {arrived}: the acceptance review starts again",
                _SUPPLEMENT_ARRIVED[facts.law],
            )
        )
        return None
    if not awaiting:
        return None
    period = facts.supplement_period_workdays
    if facts.law == "ARL17" and period is None:
        # Reg07 art 29: the notice sets a reasonable period; the old law fixes none.
        trail.steps.append(
            step("补正期限以补正通知载明的为准", "the period for the materials is set in the notice", cite)
        )
        return None
    # ARL23 art 31 ¶2: 10 days (working days, art 88 ¶2) from the day the applicant received the notice, or the
    # longer reasonable period the office granted; not supplied in time without good reason = abandoned.
    notice = facts.supplement_notice_received_on
    if notice is None:
        notice = requested
        zh_from = f"申请人收到通知之日未录入，按发出之日 {requested} 推定"
        en_from = (
            f"the day the applicant received the notice is not recorded: assumed {requested}, the day sent"
        )
    else:
        zh_from = f"申请人于 {notice} 收到补正通知"
        en_from = f"the applicant received the notice on {notice}"
    days = period or SUPPLEMENT_WORKDAYS
    zh_days = f"准予延长的 {days} 个工作日" if period else f"{days} 个工作日"
    en_days = f"the {days} working days granted" if period else f"{days} working days"
    due = calendar.add_workdays(notice, days)
    trail.consulted.append(due)
    trail.steps.append(
        step(
            f"{zh_from}；申请人应自收到之日起{zh_days}内补正 → {due}",
            f"{en_from}; the applicant has {en_days} from receiving it → {due}",
            *((cite, Citation("ARL23", 88, 2)) if facts.law == "ARL23" else (cite,)),
        )
    )
    if as_of > due and facts.abandoned_on is None:
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
) -> tuple[date | None, bool, bool]:
    """The day the decision clock starts from (recorded or deemed), whether it is deemed, and whether a recorded
    acceptance notice came after the statutory day; None when rejected or withdrawn early."""
    law = facts.law
    if facts.rejected_on is not None:
        trail.steps.append(
            step(
                f"{facts.rejected_on} 决定不予受理，无行政复议决定期限",
                f"rejected on {facts.rejected_on}: no decision deadline",
                _REJECTED[law],
            )
        )
        return None, False, False
    if facts.accepted_on is not None:
        return _recorded_acceptance(facts, review_due, trail)
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
        return day, True, False
    if facts.closed_on is not None and facts.closed_on < review_due:
        trail.steps.append(
            step(
                f"{facts.closed_on} 在受理审查期内结案，未受理",
                f"closed on {facts.closed_on}, during the acceptance review: never accepted",
            )
        )
        return None, False, False
    # ARL23 art 30 ¶3: no rejection by the end of the review = accepted from its last day.
    trail.steps.append(
        step(
            f"未录入受理或不予受理决定：审查期限届满之日 {review_due} 视为受理",
            f"no decision recorded: deemed accepted on {review_due}, the last day of the review",
            _DEEMED[law],
        )
    )
    return review_due, True, False


def _recorded_acceptance(
    facts: ReconsiderationFacts, review_due: date | None, trail: _Trail
) -> tuple[date, bool, bool]:
    """A recorded acceptance cannot postpone the statutory one: the clock runs from the earlier of the two.

    ARL23 art 30 ¶3: not rejected within the review, the case is accepted when the review ends. ARL17 art 17 ¶2:
    the application is accepted on the day the office received it (after 补正, the day the materials arrived).
    The notice is flagged as late when it came after the review ended (under ARL23 that is the statutory day;
    under ARL17 a notice issued within the five working days is the ordinary course, not a late record).
    """
    law, recorded = facts.law, facts.accepted_on
    assert recorded is not None
    statutory = review_due if law == "ARL23" else facts.supplement_received_on or facts.received_on
    late = review_due is not None and recorded > review_due
    if statutory is None or recorded <= statutory:
        return recorded, False, late
    if late:
        zh = f"受理通知晚于法定受理日：录入的受理日期 {recorded} 晚于审查期限届满之日 {review_due}"
        en = (
            f"the acceptance notice is later than the statutory day: recorded {recorded}, "
            f"the review ended {review_due}"
        )
        trail.steps.append(step(zh, en, *_REVIEW[law]))
    if law == "ARL23":
        zh = f"期限自法定受理日 {statutory}（审查期限届满之日）起算，不因受理通知较晚而推迟"
        en = f"the limit counts from the statutory acceptance on {statutory}, the last day of the review"
    else:
        zh = f"依法自收到之日 {statutory} 即为受理，期限自该日起算（受理通知日期 {recorded}）"
        en = f"accepted by law on the day received, {statutory}; the limit counts from it (notice dated {recorded})"
    trail.steps.append(step(zh, en, _DEEMED[law]))
    return statutory, True, late


def _decision(
    facts: ReconsiderationFacts,
    calendar: WorkdayCalendar,
    settings: DeadlineSettings,
    accepted_on: date,
    as_of: date,
    trail: _Trail,
) -> _Decision:
    """The decision deadline (None while a suspension is unresolved), whether suspended on ``as_of``, and the
    conditions to flag: a long suspension, a suspension or a conversion after the deadline had passed."""
    law = facts.law
    found = _Decision()
    base, label_zh, label_en = accepted_on, "受理日", "acceptance"
    for s in facts.suspensions:
        if s.from_on < accepted_on:
            raise DeadlineInputError(
                "suspensions",
                f"中止日期 {s.from_on} 早于受理日期 {accepted_on}",
                f"suspension on {s.from_on} is before acceptance on {accepted_on}",
            )
    if facts.converted_on is not None:
        converted = facts.converted_on
        if converted < accepted_on:
            raise DeadlineInputError("converted_on", "程序转换早于受理", "conversion before acceptance")
        found.conversion_after_deadline = _late_conversion(facts, calendar, settings, accepted_on, trail)
        if settings.converted_counts_from_original_acceptance:
            zh = f"{converted} 由简易程序转为普通程序：普通程序期限自原受理日 {accepted_on} 起算"
            en = f"converted to the ordinary procedure on {converted}: its limit counts from acceptance on {accepted_on}"
        else:
            base, label_zh, label_en = converted, "程序转换之日", "conversion"
            zh = f"{converted} 由简易程序转为普通程序：普通程序期限自转换之日起算"
            en = f"converted to the ordinary procedure on {converted}: its limit counts from that day"
        trail.steps.append(step(zh, en, _CONVERSION, practice=True))

    ordinary = facts.effective_procedure == "ordinary"
    limit_cite = _ORDINARY[law] if ordinary else _SIMPLIFIED
    special = facts.special_limit_days if ordinary else None
    raw = plus_days(base, special or facts.normal_limit_days)
    if facts.special_limit_days and not ordinary:
        # ARL23 art 62 ¶1: the exception for a shorter limit set by law qualifies the ordinary 60 days only.
        trail.steps.append(
            step(
                f"法律规定的较短期限（{facts.special_limit_reason}）仅适用于普通程序，简易程序不适用",
                f"the shorter limit set by law ({facts.special_limit_reason}) applies to the ordinary procedure only",
                _ORDINARY[law],
            )
        )
    if special:
        # ARL23 art 62 ¶1, ARL17 art 31 ¶1: "法律规定的行政复议期限少于六十日的除外".
        days, reason = special, facts.special_limit_reason
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

    raw, unresolved, counted, found.suspension_after_deadline = _suspensions(
        facts, calendar, settings, raw, trail
    )
    found.suspended = settings.exclude_suspension and any(
        _suspended_on(s, facts.closed_on, as_of) for s in counted
    )
    found.long_suspension_days = _long_suspension(facts, as_of, trail)
    if unresolved:
        return found
    due, roll_steps = roll_forward(raw, calendar, law)
    trail.consulted.extend((raw, due))
    trail.steps.extend(roll_steps)
    found.due_on = due
    return found


def _late_conversion(
    facts: ReconsiderationFacts,
    calendar: WorkdayCalendar,
    settings: DeadlineSettings,
    accepted_on: date,
    trail: _Trail,
) -> date | None:
    """The simplified deadline when the conversion came after it (ARL23 art 55: a case is converted while it is
    reviewed under the simplified procedure, i.e. within the 30 days of art 62 ¶2); None when in time."""
    converted = facts.converted_on
    assert converted is not None
    raw = plus_days(accepted_on, SIMPLIFIED_LIMIT_DAYS)
    if settings.exclude_suspension:
        for s in facts.suspensions:
            if s.to_on is not None and s.to_on <= converted:
                raw = plus_days(raw, (s.to_on - s.from_on).days)
    due = calendar.next_workday_on_or_after(raw)
    trail.consulted.append(due)
    if converted <= due:
        return None
    trail.steps.append(
        step(
            f"程序转换日期 {converted} 晚于简易程序审理期限 {due}：期限届满后不得再转为普通程序",
            f"the conversion on {converted} came after the simplified deadline {due}: too late to convert",
            _CONVERSION,
            _SIMPLIFIED,
        )
    )
    return due


def _suspensions(
    facts: ReconsiderationFacts,
    calendar: WorkdayCalendar,
    settings: DeadlineSettings,
    raw: date,
    trail: _Trail,
) -> tuple[date, bool, tuple[Suspension, ...], date | None]:
    """Add each suspension's days to the period. Returns the new end, whether one is not resumed (nor closed),
    the suspensions counted, and the deadline a suspension came after (such a case stays overdue)."""
    if not facts.suspensions:
        return raw, False, (), None
    if not settings.exclude_suspension:
        trail.steps.append(
            step(
                "中止期间计入期限，不予扣除", "time in suspension is not left out of the limit", practice=True
            )
        )
        return raw, False, facts.suspensions, None
    counted: list[Suspension] = []
    for s in facts.suspensions:
        # ARL23 art 39 (Reg07 art 41 under ARL17); leaving the time out of the limit is the bureau's practice.
        cite = Citation("ARL23", 39, 1, s.ground) if facts.law == "ARL23" else Citation("Reg07", 41)
        due = calendar.next_workday_on_or_after(raw)
        trail.consulted.append(due)
        if s.from_on > due:
            # domain.md §2.1 step 6: a case cannot be suspended once its deadline has passed; it stays overdue.
            trail.steps.append(
                step(
                    f"{s.from_on} 中止时已超过决定期限 {due}：逾期案件不因中止而停止计算",
                    f"suspended on {s.from_on}, after the decision deadline {due}: an overdue case stays overdue",
                    cite,
                )
            )
            return raw, False, tuple(counted), due
        counted.append(s)
        if s.to_on is not None:
            # ARL23 art 39 ¶2–3: the review resumes once the ground is gone, and the parties are told in writing.
            resume = (Citation("ARL23", 39, 2), Citation("ARL23", 39, 3)) if facts.law == "ARL23" else ()
            end, zh_end, en_end = s.to_on, f"至 {s.to_on} 恢复审理", f"resumed on {s.to_on}"
        elif facts.closed_on is not None:
            resume = ()
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
            return raw, True, tuple(counted), None
        days = (end - s.from_on).days
        raw = plus_days(raw, days)
        trail.steps.append(
            step(
                f"{s.from_on} 中止，{zh_end}：不计入 {days} 日 → {raw}",
                f"suspended on {s.from_on}, {en_end}: {days} days left out → {raw}",
                cite,
                *resume,
                practice=True,
            )
        )
    return raw, False, tuple(counted), None


def _suspended_on(s: Suspension, closed_on: date | None, day: date) -> bool:
    """Whether the case stands suspended on ``day`` (a suspension never resumed ends with the case)."""
    end = s.to_on or closed_on
    return s.from_on <= day and (end is None or day < end)


def _long_suspension(facts: ReconsiderationFacts, as_of: date, trail: _Trail) -> int | None:
    """The calendar days a suspension that ends the case after 60 days (ARL23 art 41(5)) has lasted, once they are
    50 or more (a warning before 60, the end of the case from 60 on); None otherwise."""
    if facts.closed_on is not None and facts.closed_on <= as_of:
        return None
    for s in facts.suspensions:
        if s.to_on is not None or s.ground not in TERMINATING_GROUNDS or s.from_on > as_of:
            continue
        lasted = (as_of - s.from_on).days
        if lasted < LONG_SUSPENSION_WARNING_DAYS:
            continue
        ends = plus_days(s.from_on, TERMINATING_SUSPENSION_DAYS)
        ground = zh_number(s.ground)
        if lasted >= TERMINATING_SUSPENSION_DAYS:
            zh = f"因第三十九条第一款第{ground}项事由中止已 {lasted} 日，已满 60 日（{ends}）：中止原因仍未消除的，行政复议终止"
            en = f"suspended on ground ({s.ground}) for {lasted} days, past 60 days on {ends}: if the ground remains, the case ends"
        else:
            zh = f"因第三十九条第一款第{ground}项事由中止已 {lasted} 日：至 {ends} 中止原因仍未消除的，行政复议终止"
            en = f"suspended on ground ({s.ground}) for {lasted} days: if the ground remains on {ends}, the case ends"
        trail.steps.append(step(zh, en, _TERMINATION[facts.law]))
        return lasted
    return None


# ARL23 art 76: the agency reports its corrections within 60 days of receiving the 意见书 (a 建议书, Reg07 art 58,
# names no period: the bureau holds it to the same one).
OPINION_FEEDBACK_DAYS = 60


def opinion_feedback_due(received_on: date, calendar: WorkdayCalendar) -> date:
    """Last day of the agency's 60 days to report on a 行政复议意见书 (ARL23 art 76), counted like every period:
    the day received is not counted and a last day on a rest day moves to the next working day (art 88 ¶1)."""
    check_date(received_on, "received_on", required=True)
    return calendar.next_workday_on_or_after(plus_days(received_on, OPINION_FEEDBACK_DAYS))


def performance_due(served_on: date, days: int, calendar: WorkdayCalendar) -> date:
    """Last day for the respondent to carry out a decision served on ``served_on`` within ``days`` calendar days
    (ARL23 art 77; the number of days is the decision's or the bureau's setting)."""
    check_date(served_on, "served_on", required=True)
    if not isinstance(days, int) or not 1 <= days <= 365:
        raise DeadlineInputError("days", "履行期限应在 1 至 365 日之间", "the period is 1 to 365 days")
    return calendar.next_workday_on_or_after(plus_days(served_on, days))
