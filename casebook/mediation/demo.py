"""Demo mediation cases for the demo district, generated reproducibly (fixed seed) with bulk inserts.

The report's year: exactly 7244 cases registered in 2023, of which 7160 mediated successfully, all closed within
2023 (most within their time limit), the rest failed or terminated; a few voided 2023 registrations on top (they
count nowhere). Cases of 2021, 2022, 2024, 2025 and 2026 too, and open cases (some overdue) up to the demo's day
(`casebook.demo.DEMO_TODAY`).
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from itertools import accumulate
from types import SimpleNamespace

from sqlalchemy import func, insert, select, text

from casebook.core import clock
from casebook.demo import DEMO_TODAY
from casebook.extensions import db
from casebook.mediation.deadline import compute_due_on
from casebook.mediation.models import (
    MediationCase,
    MediationCaseChange,
    MediationCaseCounter,
    MediationConfirmation,
    MediationFollowup,
    MediationParty,
    MediationSession,
    mediation_case_mediators,
    mediation_session_mediators,
)
from casebook.mediation.numbering import format_case_no
from casebook.mediation.operations import search_text_for
from casebook.orgs.models import Committee, CommitteeMembership, DisputeType, Mediator

SEED = 20231231
REPORT_YEAR = 2023
REPORT_REGISTERED = 7244  # domain.md §1: disputes screened in 2023
REPORT_SUCCEEDED = 7160  # of those, mediated successfully
REPORT_VOIDED_EXTRA = 12  # registered by mistake in 2023 and voided: counted nowhere
OTHER_YEARS = {2021: 4200, 2022: 5600, 2024: 7600, 2025: 7900}
CURRENT_YEAR_PER_DAY = 21  # registrations per day in the current year, up to the demo's day
OPEN_DAYS = 75  # cases registered within this many days before the demo's day may still be open

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵欧解强丛华车冉房边辜吉饶刁瞿戚丘古米池滕晋苑邬臧畅宫来嵺苟全褚廉简娄盖符奚木穆党燕郎邸冀谈姬屠连郜晏栾郁商蒙计喻揭窦迟宇敖糜鄢冷卓花仇艾蓝都巩稽井练仲乐虞卞封竺冼原官衣楚佟栗匡宗应台巫鞠僧桑荆谌银扬明沙薄伏岑习胥保和蔺"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红鹏建华建国志强春梅海燕雪梅晓东国庆文斌丽娟俊杰子涵浩然欣怡宇轩"
ORG_SUFFIXES = ["建筑工程有限公司", "物业服务有限公司", "商贸有限公司", "农业专业合作社", "餐饮管理有限公司"]
BIRTH_PLACES = [
    "360121",
    "360122",
    "360121",
    "360122",
    "360100",
    "110105",
    "310104",
]  # valid for births 1950–2002
MOBILE_PREFIXES = ["138", "139", "137", "136", "150", "151", "158", "186", "187", "188", "135", "159"]
RESIDENT_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)

# Dispute types by how often they come up (codes of the seeded list, domain.md §3.3).
DISPUTE_WEIGHTS = {
    "neighbour": 22,
    "marriage_family": 18,
    "damages": 9,
    "housing_land": 8,
    "contract": 7,
    "labour": 6,
    "property_management": 6,
    "traffic": 5,
    "consumer": 4,
    "production_business": 4,
    "forest_land": 3,
    "medical": 2,
    "land_requisition": 2,
    "environment": 1,
    "other": 3,
}
SUMMARIES = {
    "neighbour": [
        "因排水沟堵塞致邻户院内积水发生纠纷",
        "因相邻通道通行问题发生争执",
        "因楼上漏水致楼下住户墙面受损",
    ],
    "marriage_family": [
        "夫妻因家庭琐事长期争吵，一方要求离婚",
        "兄弟姐妹因老人赡养费用分担发生纠纷",
        "因子女抚养问题发生纠纷",
    ],
    "damages": ["因饲养的犬只咬伤他人引发赔偿纠纷", "施工中损坏邻居围墙引发赔偿纠纷"],
    "housing_land": ["因宅基地边界不清发生争议", "因房屋买卖过户问题发生纠纷"],
    "contract": ["因装修工程款结算发生纠纷", "因借款到期未还发生纠纷"],
    "labour": ["因拖欠务工人员工资发生纠纷", "因工伤待遇发生劳动争议"],
    "property_management": ["业主与物业公司因物业费及服务质量发生纠纷", "因小区停车位管理发生纠纷"],
    "traffic": ["电动自行车与行人相撞引发赔偿纠纷", "小型车辆追尾引发损害赔偿纠纷"],
    "consumer": ["因购买的家电存在质量问题要求退换", "因预付卡消费退款发生纠纷"],
    "production_business": ["因合伙经营利润分配发生纠纷", "因承包鱼塘收益分配发生纠纷"],
    "forest_land": ["因山林界址不清发生争议", "因承包地流转费用发生纠纷"],
    "medical": ["患者家属对诊疗结果有异议引发医疗纠纷"],
    "land_requisition": ["因征地补偿款分配发生纠纷"],
    "environment": ["因养殖场异味影响周边居民发生纠纷"],
    "other": ["因噪音扰民发生纠纷", "因广场舞场地使用发生纠纷"],
}
AGREEMENTS = [
    "被申请人于{day}前一次性赔偿申请人人民币{amount}元，双方就此纠纷再无其他争议。",
    "双方同意按各自责任分担费用，被申请人于{day}前支付{amount}元。",
    "被申请人于{day}前完成修缮并支付补偿款{amount}元，申请人不再追究。",
]
ORAL_AGREEMENT = "双方当场达成口头协议：被申请人当场支付申请人{amount}元，纠纷就此了结。"
ROUTES = ["已告知当事人可依法向人民法院提起诉讼", "已告知当事人可申请劳动仲裁或向人民法院起诉"]
TERMINATIONS = ["一方当事人明确表示不愿继续调解（人民调解法第二十三条）", "当事人已向人民法院起诉"]
COURTS = ["区人民法院", "区人民法院诉讼服务中心"]


def resident_id(rng: random.Random, born: date) -> str:
    """A fictional resident ID number with a correct GB 11643 check digit."""
    body = f"{rng.choice(BIRTH_PLACES)}{born:%Y%m%d}{rng.randrange(1000):03d}"
    total = sum(int(digit) * weight for digit, weight in zip(body, RESIDENT_WEIGHTS, strict=True))
    return body + "10X98765432"[total % 11]


def _person_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def _active(day: date, start: date | None, end: date | None) -> bool:
    return (start is None or start <= day) and (end is None or day < end)


def _committees() -> list[tuple[Committee, list[tuple[int, date | None, date | None]]]]:
    """Every committee with its mediators (id, joined, left): the organisations' demo district."""
    committees = list(db.session.scalars(select(Committee).order_by(Committee.id)))
    members: dict[int, list[tuple[int, date | None, date | None]]] = {}
    for committee_id, mediator_id, joined_on, left_on in db.session.execute(
        select(
            CommitteeMembership.committee_id,
            CommitteeMembership.mediator_id,
            Mediator.joined_on,
            Mediator.left_on,
        ).join(Mediator, Mediator.id == CommitteeMembership.mediator_id)
    ):
        members.setdefault(committee_id, []).append((mediator_id, joined_on, left_on))
    return [(_plain(c), sorted(members[c.id], key=lambda m: m[0])) for c in committees if members.get(c.id)]


def _plain(committee: Committee) -> SimpleNamespace:
    """The committee's few attributes as a plain object (attribute reads of mapped objects are slower)."""
    names = ("id", "code", "name", "short_name", "type", "area_id", "founded_on", "dissolved_on")
    return SimpleNamespace(**{name: getattr(committee, name) for name in names})


class _Generator:
    """Builds the rows of every table in memory, then inserts them in bulk."""

    def __init__(self, rng: random.Random, as_of: date):
        self.rng = rng
        self.as_of = as_of
        self.committees = _committees()
        self._open_on: dict[date, tuple[list, list[int]]] = {}
        types = {t.code: t.id for t in db.session.scalars(select(DisputeType))}
        self.type_codes = [code for code in DISPUTE_WEIGHTS if code in types]
        self.type_ids = types
        self.type_weights = list(accumulate(DISPUTE_WEIGHTS[code] for code in self.type_codes))
        self.next_id = (db.session.scalar(select(func.max(MediationCase.id))) or 0) + 1
        self.next_session_id = (db.session.scalar(select(func.max(MediationSession.id))) or 0) + 1
        self.seq: dict[tuple[int, int], int] = {}
        self.due_cache: dict[tuple[date, int], date | None] = {}
        self.now = clock.now()
        self.cases: list[dict] = []
        self.parties: list[dict] = []
        self.links: list[dict] = []
        self.changes: list[dict] = []
        self.followups: list[dict] = []
        self.confirmations: list[dict] = []
        self.sessions: list[dict] = []
        self.session_links: list[dict] = []

    def committee_on(self, day: date) -> tuple[Committee, list[int]]:
        """A committee working on `day` (founded, not dissolved), with its mediators serving on that day."""
        if day not in self._open_on:
            working = [
                (c, m) for c, m in self.committees if _active(day, c.founded_on, c.dissolved_on)
            ] or self.committees
            # Larger (township and sector) committees see more disputes than village ones.
            weights = accumulate(3 if c.type in ("township_street", "sector") else 1 for c, _m in working)
            self._open_on[day] = (working, list(weights))
        working, weights = self._open_on[day]
        committee, members = self.rng.choices(working, cum_weights=weights)[0]
        serving = [m for m, joined, left in members if _active(day, joined, left)] or [
            m for m, _j, _l in members
        ]
        return committee, serving

    def due_on(self, basis: date, extension: int) -> date | None:
        key = (basis, extension)
        if key not in self.due_cache:
            self.due_cache[key] = compute_due_on(basis, extension)
        return self.due_cache[key]

    def case(
        self,
        registered_on: date,
        *,
        outcome: str | None,
        status: str,
        close_by: date | None = None,
        voided: bool = False,
    ) -> None:
        rng = self.rng
        committee, mediators = self.committee_on(registered_on)
        code = rng.choices(self.type_codes, cum_weights=self.type_weights)[0]
        key = (committee.id, registered_on.year)
        self.seq[key] = self.seq.get(key, 0) + 1
        case_id = self.next_id
        self.next_id += 1
        case_no = format_case_no(committee, registered_on.year, self.seq[key])
        accepted_on = (
            None if status == "registered" else registered_on + timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        )
        if accepted_on is not None:
            accepted_on = min(accepted_on, close_by or self.as_of, self.as_of)
        extension = rng.choice((10, 15, 30)) if accepted_on and rng.random() < 0.04 else 0
        due = self.due_on(accepted_on, extension) if accepted_on else None
        closed_on = None
        if outcome is not None:
            late = rng.random() < 0.03
            span = (due - accepted_on).days + rng.randint(1, 20) if late and due else rng.randint(0, 24)
            closed_on = accepted_on + timedelta(days=span)
            if close_by is not None and closed_on > close_by:
                closed_on = close_by
        summary = rng.choice(SUMMARIES.get(code, SUMMARIES["other"]))
        parties = self._parties(case_id, registered_on, code)
        amount = (
            Decimal(rng.randrange(2, 400) * 100)
            if code not in ("marriage_family", "neighbour") or rng.random() < 0.3
            else None
        )
        success = outcome == "success"
        form = ("written" if rng.random() < 0.72 else "oral") if success else None
        archived_on = closed_on + timedelta(days=rng.randint(20, 60)) if status == "archived" else None
        row = {
            "id": case_id,
            "case_no": case_no,
            "case_year": registered_on.year,
            "case_seq": self.seq[key],
            "committee_id": committee.id,
            "area_id": committee.area_id,
            "dispute_type_id": self.type_ids[code],
            "source": rng.choices(("screening", "application", "referral"), cum_weights=(55, 90, 100))[0],
            "registered_on": registered_on,
            "accepted_on": accepted_on,
            "status": "voided" if voided else status,
            "outcome": outcome,
            "closed_on": closed_on,
            "agreement_form": form,
            "agreement_on": closed_on if success else None,
            "agreement_content": rng.choice(AGREEMENTS).format(
                day=(closed_on + timedelta(days=15)).isoformat(), amount=amount or 500
            )
            if form == "written"
            # PML art 30: the mediator records an oral agreement's content (no draw: the demo's figures stay).
            else ORAL_AGREEMENT.format(amount=amount or 500)
            if form == "oral"
            else None,
            "failure_routes": rng.choice(ROUTES) if outcome == "failed" else None,
            "termination_reason": rng.choice(TERMINATIONS) if outcome == "terminated" else None,
            "extension_days": extension,
            "due_on": due,
            "is_voided": voided,
            "void_reason": "重复登记" if voided else None,
            "voided_at": self.now if voided else None,
            "archived_on": archived_on,
            "amount": amount,
            "persons": rng.choices((2, 3, 4, 5, 8, 12), cum_weights=(60, 78, 88, 94, 98, 100))[0],
            "summary": summary,
            "version": 1,
            "created_at": self.now,
            "updated_at": self.now,
        }
        row["referral_body"] = (
            rng.choice(("区人民法院", "城关派出所", "区信访局", "12345热线"))
            if row["source"] == "referral"
            else None
        )
        row["search_text"] = search_text_for(
            case_no, summary, [p["name"] for p in parties], row["referral_body"]
        )
        self.cases.append(row)
        self.parties.extend(parties)
        assigned = rng.sample(mediators, min(len(mediators), rng.choice((1, 1, 2))))
        self.links.extend({"case_id": case_id, "mediator_id": m} for m in assigned)
        self.changes.append(
            {"case_id": case_id, "action": "register", "note": None, "version": 1, "changed_at": self.now}
        )
        if status == "mediating" or (closed_on and rng.random() < 0.15):
            self._session(
                case_id,
                (closed_on or self.as_of)
                if status != "mediating"
                else min(self.as_of, accepted_on + timedelta(days=3)),
                assigned,
            )
        if success and status != "voided":
            self._aftercare(case_id, closed_on, amount)

    def _parties(self, case_id: int, registered_on: date, code: str) -> list[dict]:
        rng = self.rng
        count = rng.choices((2, 3), cum_weights=(88, 100))[0]
        rows = []
        for position in range(count):
            role = "applicant" if position == 0 else "respondent" if position == 1 else "other"
            is_org = (
                code in ("property_management", "labour", "contract", "consumer")
                and position == 1
                and rng.random() < 0.6
            )
            born = date(rng.randint(1950, 2002), rng.randint(1, 12), rng.randint(1, 28))
            rows.append(
                {
                    "case_id": case_id,
                    "position": position,
                    "kind": "organisation" if is_org else "person",
                    "role": role,
                    "name": f"南昌{rng.choice('东西南北')}{rng.choice(GIVEN)}{rng.choice(ORG_SUFFIXES)}"
                    if is_org
                    else _person_name(rng),
                    "id_number": None if is_org or rng.random() < 0.15 else resident_id(rng, born),
                    "credit_code": None,
                    "phone": None
                    if rng.random() < 0.2
                    else rng.choice(MOBILE_PREFIXES) + f"{rng.randrange(10**8):08d}",
                    "address": f"{rng.choice(('城关镇', '东河街道', '西湖乡', '南岭镇'))}{rng.randint(1, 40)}组{rng.randint(1, 99)}号",
                }
            )
        return rows

    def _session(self, case_id: int, held_on: date, mediators: list[int]) -> None:
        session_id = self.next_session_id
        self.next_session_id += 1
        self.sessions.append(
            {
                "id": session_id,
                "case_id": case_id,
                "held_on": held_on,
                "place": "调解室",
                "note": None,
                "created_at": self.now,
            }
        )
        self.session_links.extend({"session_id": session_id, "mediator_id": m} for m in mediators)

    def _aftercare(self, case_id: int, closed_on: date, amount) -> None:
        rng = self.rng
        if rng.random() < 0.05:
            applied = closed_on + timedelta(days=rng.randint(1, 25))
            ruled = applied + timedelta(days=rng.randint(5, 15))
            done = ruled <= self.as_of
            self.confirmations.append(
                {
                    "case_id": case_id,
                    "applied_on": applied,
                    "court": rng.choice(COURTS),
                    "ruling": "confirmed" if done else None,
                    "ruling_no": f"（{applied.year}）赣0102民特{rng.randint(1, 999)}号" if done else None,
                    "ruled_on": ruled if done else None,
                }
            )
        visited = closed_on + timedelta(days=rng.randint(15, 60))
        if rng.random() < 0.55 and visited <= self.as_of:
            performance = rng.choices(("performed", "partly", "not_performed"), cum_weights=(90, 97, 100))[0]
            self.followups.append(
                {
                    "case_id": case_id,
                    "visited_on": visited,
                    "performance": performance,
                    "note": None,
                    "created_at": self.now,
                }
            )

    def counters(self) -> list[dict]:
        return [{"committee_id": c, "year": y, "last_seq": s} for (c, y), s in self.seq.items()]


def _days(year: int, until: date | None = None) -> list[date]:
    first, last = date(year, 1, 1), min(date(year, 12, 31), until or date(year, 12, 31))
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def generate(as_of: date | None = None) -> _Generator:
    """All demo rows, in memory (reproducible: the same seed and day give the same rows)."""
    rng = random.Random(SEED)
    as_of = as_of or DEMO_TODAY
    gen = _Generator(rng, as_of)
    if not gen.committees:
        return gen
    for year, count in sorted({**OTHER_YEARS, REPORT_YEAR: REPORT_REGISTERED}.items()):
        if year >= as_of.year:
            continue
        year_days = _days(year)
        days = sorted(rng.choice(year_days) for _ in range(count))
        successes = set(rng.sample(range(count), REPORT_SUCCEEDED)) if year == REPORT_YEAR else None
        for index, registered_on in enumerate(days):
            if successes is not None:
                outcome = "success" if index in successes else rng.choice(("failed", "terminated"))
            else:
                outcome = rng.choices(("success", "failed", "terminated"), cum_weights=(97, 99, 100))[0]
            status = "archived" if year <= as_of.year - 2 or rng.random() < 0.5 else "concluded"
            gen.case(registered_on, outcome=outcome, status=status, close_by=date(year, 12, 31))
        if year == REPORT_YEAR:
            for registered_on in sorted(rng.sample(_days(year), REPORT_VOIDED_EXTRA)):
                gen.case(registered_on, outcome=None, status="registered", voided=True)
    for registered_on in _days(as_of.year, as_of):
        for _ in range(CURRENT_YEAR_PER_DAY):
            age = (as_of - registered_on).days
            if age > OPEN_DAYS or (age > 12 and rng.random() < 0.93):
                gen.case(
                    registered_on,
                    outcome=rng.choices(("success", "failed", "terminated"), cum_weights=(96, 99, 100))[0],
                    status="concluded",
                    close_by=as_of,
                )
            else:
                status = (
                    "registered"
                    if age < 3 and rng.random() < 0.5
                    else rng.choice(("accepted", "mediating", "mediating"))
                )
                gen.case(registered_on, outcome=None, status=status)
    return gen


def load() -> None:
    """Insert the demo cases (only into a database without mediation cases)."""
    if db.session.scalar(select(func.count()).select_from(MediationCase)):
        return
    gen = generate()
    if not gen.cases:
        return
    bind = db.session.connection()
    for table, rows in (
        (MediationCase.__table__, gen.cases),
        (MediationParty.__table__, gen.parties),
        (mediation_case_mediators, gen.links),
        (MediationCaseChange.__table__, gen.changes),
        (MediationSession.__table__, gen.sessions),
        (mediation_session_mediators, gen.session_links),
        (MediationConfirmation.__table__, gen.confirmations),
        (MediationFollowup.__table__, gen.followups),
        (MediationCaseCounter.__table__, gen.counters()),
    ):
        for start in range(0, len(rows), 5000):
            bind.execute(insert(table), rows[start : start + 5000])
    if bind.dialect.name == "postgresql":
        for table in ("mediation_cases", "mediation_sessions"):
            bind.execute(
                text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))")  # noqa: S608 (fixed table names)
            )
