"""Demo litigation cases (行政应诉) for 2022–2024 and a few open ones on the demo's day, written through the
operations (history, defence dates), reproducibly.

In 2023, as the district's report says, judgments went against exactly five agencies (the 约谈 list) and the head
or a deputy head appeared at every hearing (负责人出庭应诉率 100%); in 2022 and 2024 some hearings had only staff
and lawyers, with the reason. Some cases follow the demo's reconsideration decisions (复议后起诉).
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from casebook.calendars.service import working_calendar
from casebook.demo import DEMO_TODAY
from casebook.extensions import db
from casebook.litigation import operations
from casebook.litigation.models import LitigationCase
from casebook.orgs.models import Agency
from casebook.reconsideration.codes import DECISION_OUTCOMES
from casebook.reconsideration.models import ReconsiderationCase

SEED = 16
YEAR_COUNTS = {2022: 12, 2023: 20, 2024: 16}
LOSERS_2023 = 5  # agencies with a judgment against them in 2023 (the report: 约谈了……5个部门)
LOST_OUTCOMES = ("revoke", "confirm_unlawful", "order_performance", "confirm_void")
OTHER_OUTCOMES = ("reject_claims", "reject_claims", "reject_claims", "withdrawn", "dismissed", "mediated")
CATEGORIES = ("penalty", "penalty", "licensing", "levy", "information_disclosure", "inaction", "confirmation")
HEADS = ("局长", "副局长", "常务副局长")
ABSENCE_REASONS = ("负责人参加市政府常务会议，无法出庭", "负责人因公出差，已委托分管副职以外的工作人员出庭")
PLAINTIFFS = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗"


def load() -> None:
    """Create the demo cases (only when there is none yet)."""
    if db.session.scalar(select(LitigationCase.id).limit(1)) is not None:
        return
    agencies = list(
        db.session.scalars(select(Agency).where(Agency.is_active.is_(True)).order_by(Agency.code))
    )
    if len(agencies) <= LOSERS_2023:
        return
    rnd = random.Random(SEED)
    user = _officer()
    decisions = _reconsideration_decisions()
    number = 0
    for year, count in YEAR_COUNTS.items():
        losers = list(range(LOSERS_2023))  # in 2023 the five first agencies lose once each, no other one does
        for i in range(count):
            number += 1
            filed = _workday(date(year, 1, 10) + timedelta(days=(330 * i) // count))
            agency = agencies[(i * 7 + year) % len(agencies)]
            judged = filed + timedelta(days=rnd.randrange(60, 120))
            if judged.year != year:  # judgments of the report's year stay in it
                judged = date(year, 12, 20)
            if year == 2023:
                if losers and i % 4 == 0:
                    agency = agencies[losers.pop(0)]
                    outcome = rnd.choice(LOST_OUTCOMES)
                else:
                    agency = agencies[LOSERS_2023 + (i % (len(agencies) - LOSERS_2023))]
                    outcome = rnd.choice(OTHER_OUTCOMES)
            else:
                outcome = rnd.choice(LOST_OUTCOMES if rnd.random() < 0.3 else OTHER_OUTCOMES)
            recon = _decision_before(decisions, filed) if i % 4 == 1 else None
            case = _register(user, number, filed, agency, rnd, recon)
            heard = min(filed + timedelta(days=rnd.randrange(25, 50)), judged - timedelta(days=5))
            _hearing(user, case, heard, heard.year == 2023 or rnd.random() < 0.7)
            operations.record_judgment(
                case, user, _workday(judged), outcome, document_no=f"（{year}）赣0102行初{number}号判决"
            )
            if i == 3 and year == 2022:
                _appeal(user, case, number, agency, rnd)
                continue
            operations.record_effect(case, user, case.judgment_on + timedelta(days=16))
            if case.is_against_agency and not (year == 2024 and i == 0):
                operations.record_performance(
                    case, user, case.effective_on + timedelta(days=30), "已重新作出行政行为"
                )
    _open_cases(user, agencies, rnd)
    db.session.flush()


def _register(
    user, number: int, filed: date, agency: Agency, rnd: random.Random, recon=None
) -> LitigationCase:
    name = PLAINTIFFS[number % len(PLAINTIFFS)] + "某"
    case = operations.register_case(
        user,
        [operations.PartyData(name=name)],
        court="区人民法院",
        court_case_no=f"（{filed.year}）赣0102行初{number}号",
        filed_on=filed,
        complaint_served_on=filed + timedelta(days=3),
        agency_id=agency.id,
        act_category=recon.act_category if recon else rnd.choice(CATEGORIES),
        reconsideration_case_id=recon.id if recon else None,
    )
    operations.submit_defence(case, user, filed + timedelta(days=3 + rnd.randrange(5, 14)))
    return case


def _hearing(user, case: LitigationCase, on: date, head: bool) -> None:
    if head:
        operations.record_hearing(
            case, user, on, "head" if on.day % 2 else "deputy_head", "张" + HEADS[on.day % 3]
        )
    else:
        operations.record_hearing(
            case,
            user,
            on,
            "staff",
            representatives="法制科科员、律师",
            absence_reason=ABSENCE_REASONS[on.day % 2],
        )


def _appeal(user, first: LitigationCase, number: int, agency: Agency, rnd: random.Random) -> None:
    """The plaintiff appealed: the second instance is a case of its own before the intermediate court."""
    filed = first.judgment_on + timedelta(days=40)
    second = operations.register_case(
        user,
        [operations.PartyData(name=first.plaintiff_names)],
        court="市中级人民法院",
        court_case_no=f"（{filed.year}）赣01行终{number}号",
        instance="second",
        filed_on=filed,
        complaint_served_on=filed + timedelta(days=4),
        agency_id=agency.id,
        act_category=first.act_category,
    )
    operations.record_appeal(first, user, first.judgment_on + timedelta(days=10), second.id)
    _hearing(user, second, filed + timedelta(days=30), True)
    operations.record_judgment(second, user, filed + timedelta(days=75), "reject_claims")
    operations.record_effect(second, user, second.judgment_on)


def _open_cases(user, agencies: list[Agency], rnd: random.Random) -> None:
    """Cases on the officer's desk on the demo's day: a defence due within the week, one overdue, a hearing set."""
    _register_open(user, 901, date(2026, 10, 16), agencies[0], date(2026, 10, 21))
    _register_open(user, 902, date(2026, 9, 28), agencies[1], date(2026, 10, 9))
    heard = _register_open(user, 903, date(2026, 9, 1), agencies[2], date(2026, 9, 4))
    operations.submit_defence(heard, user, date(2026, 9, 15))
    operations.schedule_hearing(heard, user, date(2026, 11, 12))


def _register_open(user, number: int, filed: date, agency: Agency, served: date) -> LitigationCase:
    return operations.register_case(
        user,
        [operations.PartyData(name=PLAINTIFFS[number % len(PLAINTIFFS)] + "某")],
        court="区人民法院",
        court_case_no=f"（2026）赣0102行初{number}号",
        filed_on=filed,
        complaint_served_on=served,
        agency_id=agency.id,
        act_category="penalty",
    )


def _decision_before(decisions: list[ReconsiderationCase], filed: date) -> ReconsiderationCase | None:
    """The latest decision not yet taken to court that was made before `filed` (taken off the list)."""
    earlier = [d for d in decisions if d.closed_on < filed - timedelta(days=10)]
    if not earlier:
        return None
    decisions.remove(earlier[-1])
    return earlier[-1]


def _reconsideration_decisions() -> list[ReconsiderationCase]:
    R = ReconsiderationCase
    return list(
        db.session.scalars(
            select(R)
            .where(
                R.is_voided.is_(False),
                R.outcome.in_(sorted(DECISION_OUTCOMES)),
                R.closed_on < date(2024, 6, 1),
            )
            .order_by(R.closed_on, R.id)
        )
    )


def _officer():
    from casebook.auth.models import User

    return db.session.scalar(select(User).where(User.username == "officer"))


def _workday(day: date) -> date:
    calendar = working_calendar()
    moved = calendar.next_workday_on_or_after(day)
    return moved if moved.year == day.year else day


__all__ = ["DEMO_TODAY", "load"]
