"""Demo reconsideration cases: the office's register as the annual report describes it, generated reproducibly.

Exactly 37 applications received in 2022 and 92 in 2023 (ARL17), every concluded one within its limit, then
ARL23 cases from 2024 to the demo date with supplements, simplified and converted cases, suspensions, extensions,
hearings, a few still open and a few overdue as of `DEMO_AS_OF` (a fixed day, so that tests are stable).
Every case goes through the operations, so deadlines, events and history are those the app computes.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import select

from casebook.calendars.service import working_calendar
from casebook.demo import DEMO_TODAY
from casebook.extensions import db
from casebook.orgs.models import Agency, AgencyKind
from casebook.reconsideration import operations
from casebook.reconsideration.codes import ACT_CATEGORIES
from casebook.reconsideration.models import ReconsiderationCase

SEED = 20231231
DEMO_AS_OF = DEMO_TODAY
YEAR_COUNTS = {2022: 37, 2023: 92, 2024: 58, 2025: 66}
OPEN_2026 = (date(2026, 1, 5), date(2026, 10, 23))  # 2026 cases are received between these days
COUNT_2026 = 48
OVERDUE_CASES = 3  # 2026 cases left open past their deadline as of DEMO_AS_OF

FALLBACK_AGENCIES = [
    ("G901", "区公安分局", AgencyKind.DEPARTMENT),
    ("G902", "区市场监督管理局", AgencyKind.DEPARTMENT),
    ("G903", "区人力资源和社会保障局", AgencyKind.DEPARTMENT),
    ("G904", "区自然资源局", AgencyKind.DEPARTMENT),
    ("G905", "区住房和城乡建设局", AgencyKind.DEPARTMENT),
    ("G906", "区城市管理局", AgencyKind.DEPARTMENT),
    ("G907", "城关街道办事处", AgencyKind.TOWNSHIP),
    ("G908", "青山镇人民政府", AgencyKind.TOWNSHIP),
]
CATEGORY_WEIGHTS = [30, 8, 9, 5, 10, 4, 12, 9, 8, 3, 2]  # in the order of ACT_CATEGORIES
OUTCOME_WEIGHTS = {
    "uphold": 34,
    "reject_request": 12,
    "dismiss": 5,
    "modify": 4,
    "revoke": 12,
    "confirm_unlawful": 8,
    "order_performance": 5,
    "mediated": 8,
    "terminated": 12,
}
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志红玉兰文斌宇浩凯鹏飞晓东"
COMPANIES = [
    "建材有限公司",
    "商贸有限公司",
    "餐饮管理有限公司",
    "物流有限公司",
    "食品有限公司",
    "科技有限公司",
]


def load() -> None:
    """Create the demo cases (only when there is none yet)."""
    if db.session.scalar(select(ReconsiderationCase.id).limit(1)) is not None:
        return
    agencies = _agencies()
    officer = _officer()
    rnd = random.Random(SEED)
    for year, count in YEAR_COUNTS.items():
        for received in _receipt_days(rnd, date(year, 1, 4), date(year, 12, 28), count):
            _one_case(rnd, received, agencies, officer)
    overdue_left = OVERDUE_CASES
    for received in _receipt_days(rnd, *OPEN_2026, COUNT_2026):
        leave_open = overdue_left > 0 and received < date(2026, 7, 15) and rnd.random() < 0.25
        overdue_left -= leave_open
        _one_case(rnd, received, agencies, officer, leave_open=leave_open)
    _showcase(agencies, officer)
    db.session.flush()


def _showcase(agencies: list[Agency], user) -> None:
    """A few cases in the states the desk must show: a long suspension on ground (1), a late conclusion with
    its reason and its life after the decision, materials awaited, and one whose deadline falls in a year without
    a holiday schedule yet."""
    applicant = [operations.PartyData(name="周建华", phone="13907910001")]

    def receive(received: date, agency: Agency, category: str) -> ReconsiderationCase:
        return operations.receive_case(
            user,
            applicant,
            received_on=received,
            agency_id=agency.id,
            act_category=category,
            learned_on=received,
        )

    long = receive(date(2026, 7, 20), agencies[0], "confirmation")
    operations.accept(long, user, date(2026, 7, 22))
    operations.suspend(long, user, DEMO_AS_OF - timedelta(days=52), 1, "申请人死亡，近亲属尚未确定是否参加")
    late = receive(date(2026, 3, 2), agencies[1 % len(agencies)], "penalty")
    operations.accept(late, user, date(2026, 3, 4))
    operations.conclude(
        late, user, late.due_on + timedelta(days=3), "revoke", None, "区府复决〔2026〕88号", "",
        "鉴定意见迟延送达",
    )  # fmt: skip
    waiting = receive(DEMO_AS_OF - timedelta(days=6), agencies[2 % len(agencies)], "information_disclosure")
    operations.request_supplement(waiting, user, DEMO_AS_OF - timedelta(days=5), "申请人身份证明")
    receive(DEMO_AS_OF - timedelta(days=1), agencies[3 % len(agencies)], "licensing")
    _after_the_decision(late, agencies[1 % len(agencies)], user)


def _after_the_decision(case: ReconsiderationCase, agency: Agency, user) -> None:
    """The revoked case's life after the decision (ARL23 art 76–79): served, not carried out in time, ordered to
    perform, then carried out; copied to the superior and published; an opinion whose report is due soon."""
    served = _workday(case.closed_on + timedelta(days=2))
    operations.serve_decision(case, user, served)
    ordered = _workday(case.performance_due_on + timedelta(days=3))
    operations.order_performance(case, user, ordered, ordered + timedelta(days=15), "约谈被申请人负责人")
    operations.record_performance(
        case, user, ordered + timedelta(days=12), "被申请人报送撤销原处罚决定的文书"
    )
    operations.copy_to_superior(case, user, served)
    operations.publish_decision(case, user, served + timedelta(days=7))
    operations.issue_opinion(
        case, user, DEMO_AS_OF - timedelta(days=55), "opinion", agency.id,
        "行政处罚案件调查取证程序不规范，应建立重大执法决定法制审核台账", "区府复意〔2026〕1号",
    )  # fmt: skip


def _agencies() -> list[Agency]:
    agencies = list(
        db.session.scalars(select(Agency).where(Agency.is_active.is_(True)).order_by(Agency.code))
    )
    if agencies:
        return agencies
    for code, name, kind in FALLBACK_AGENCIES:
        db.session.add(Agency(code=code, name=name, kind=kind))
    db.session.flush()
    return list(db.session.scalars(select(Agency).order_by(Agency.code)))


def _officer():
    from casebook.auth.models import User

    return db.session.scalar(select(User).where(User.username == "officer"))


def _workday(day: date) -> date:
    """`day` or the working day after it (or before it, at the end of a year)."""
    calendar = working_calendar()
    moved = calendar.next_workday_on_or_after(day)
    if moved.year == day.year:
        return moved
    while not calendar.is_workday(day):
        day -= timedelta(days=1)
    return day


def _receipt_days(rnd: random.Random, first: date, last: date, count: int) -> list[date]:
    span = (last - first).days
    return sorted(_workday(first + timedelta(days=rnd.randrange(span + 1))) for _ in range(count))


def _resident_id(rnd: random.Random) -> str:
    birth = date(1983, 1, 1) + timedelta(days=rnd.randrange(20 * 365))  # 360102 (东湖区) exists from 1983
    body = f"360102{birth:%Y%m%d}{rnd.randrange(1000):03d}"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]


def _applicant(rnd: random.Random) -> operations.PartyData:
    if rnd.random() < 0.2:
        return operations.PartyData(
            name=f"{rnd.choice(['赣江', '洪城', '青云', '滕王'])}{rnd.choice(COMPANIES)}", kind="organisation"
        )
    name = rnd.choice(SURNAMES) + "".join(rnd.choice(GIVEN) for _ in range(rnd.choice((1, 2))))
    return operations.PartyData(
        name=name,
        id_number=_resident_id(rnd) if rnd.random() < 0.7 else None,
        phone=f"13{rnd.randrange(5, 9)}{rnd.randrange(10**8):08d}" if rnd.random() < 0.7 else None,
        address=f"{rnd.choice(['城关街道', '青山镇', '东湖路', '解放路'])}{rnd.randrange(1, 300)}号",
    )


def _one_case(
    rnd: random.Random, received: date, agencies: list[Agency], user, leave_open: bool = False
) -> None:
    calendar = working_calendar()
    arl23 = received.year >= 2024
    category = rnd.choices(ACT_CATEGORIES, CATEGORY_WEIGHTS)[0]
    learned = received - timedelta(
        days=rnd.randrange(3, 58) if rnd.random() > 0.04 else rnd.randrange(61, 120)
    )
    parties = [_applicant(rnd)]
    if rnd.random() < 0.15:
        parties.append(_applicant(rnd))
    case = operations.receive_case(
        user,
        parties,
        received_on=received,
        agency_id=rnd.choice(agencies).id,
        act_category=category,
        channel=rnd.choices(("written", "online", "oral", "forwarded"), (60, 25, 5, 10))[0],
        act_document_no=f"{received.year}第{rnd.randrange(1, 999):03d}号",
        act_on=learned - timedelta(days=rnd.randrange(0, 5)),
        learned_on=learned,
        request="请求撤销被申请人作出的行政行为。",
    )

    def until(day: date) -> bool:
        return day <= DEMO_AS_OF

    start = received
    if rnd.random() < 0.1:
        asked = calendar.add_workdays(received, rnd.randrange(1, 4))
        if not until(asked):
            return
        operations.request_supplement(case, user, asked, "身份证明复印件；原行政行为决定书")
        arrived = calendar.add_workdays(asked, rnd.randrange(2, 9))
        if not until(arrived):
            return
        operations.receive_supplement(case, user, arrived)
        start = arrived
    if rnd.random() < 0.05:
        on = calendar.add_workdays(start, rnd.randrange(2, 5))
        if until(on):
            operations.reject(case, user, on, "不属于行政复议范围")
        return
    if arl23 and rnd.random() < 0.15:
        accepted = case.acceptance_due_on  # left to the deemed acceptance (ARL23 art 30 ¶3)
    else:
        accepted = calendar.add_workdays(start, rnd.randrange(1, 5))
        if not until(accepted):
            return
        procedure = "simplified" if arl23 and rnd.random() < 0.25 else "ordinary"
        operations.accept(case, user, accepted, procedure)
    served = calendar.add_workdays(accepted, rnd.randrange(2, 6))
    if not until(served):
        return
    operations.serve_respondent(case, user, served)
    answered = calendar.add_workdays(served, rnd.randrange(3, 9))
    if not until(answered):
        return
    operations.receive_answer(case, user, answered)
    cursor = answered
    if case.procedure == "simplified" and rnd.random() < 0.3:
        cursor = cursor + timedelta(days=2)
        if not until(cursor):
            return
        operations.convert(case, user, cursor, "复议机构负责人")
    if rnd.random() < 0.12:
        begin = cursor + timedelta(days=rnd.randrange(3, 10))
        if not until(begin):
            return
        operations.suspend(case, user, begin, rnd.choice((5, 6, 7, 8)), "")
        end = begin + timedelta(days=rnd.randrange(5, 30))
        if not until(end):
            return
        operations.resume(case, user, end)
        cursor = end
    if case.effective_procedure == "ordinary" and rnd.random() < 0.1:
        on = min(case.due_on - timedelta(days=3), cursor + timedelta(days=20))
        if on > cursor and until(on):
            operations.extend(case, user, on, rnd.choice((10, 20, 30)), "复议机构负责人")
            cursor = on
    if rnd.random() < 0.08 and case.effective_procedure == "ordinary":
        notice = cursor + timedelta(days=2)
        held = calendar.add_workdays(notice, 6)
        if until(held) and held < case.due_on:
            operations.record_hearing(case, user, held, notice, "复议机构审理人员三人", "")
            cursor = held
    if leave_open:
        return
    room = (case.due_on - cursor).days
    if room <= 0:
        return
    closed = cursor + timedelta(days=rnd.randrange(1, room + 1))
    if not until(closed):
        return
    outcome = rnd.choices(list(OUTCOME_WEIGHTS), list(OUTCOME_WEIGHTS.values()))[0]
    if arl23 and outcome == "confirm_unlawful" and rnd.random() < 0.25:
        outcome = "confirm_void"
    if not arl23 and outcome == "reject_request":
        outcome = (
            "dismiss"  # 驳回复议请求 is ARL23's (art 69); ARL17 dismisses the application (Reg07 art 48)
        )
    ground = (
        rnd.choice(("withdrawal", "withdrawal", "settlement", "other")) if outcome == "terminated" else None
    )
    number = f"区府复决〔{closed.year}〕{rnd.randrange(1, 300)}号"
    operations.conclude(case, user, closed, outcome, ground, number)
