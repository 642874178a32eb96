"""A fictional district like the annual report's (domain.md §1), generated reproducibly with bulk inserts.

As of 2023-12-31: 1 association, 190 committees (5 sector/professional), 934 mediators (206 full-time),
50 experts. Everything counted then was founded/appointed before 2023-01-01 and none of it dissolved or left
before 2024-01-01; a few committees dissolve and mediators leave in 2024, and a few are new in 2024, so
that counting as of another day gives other figures.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlalchemy import insert, select
from stdnum.cn import ric

from casebook.extensions import db
from casebook.orgs.models import (
    Agency,
    AgencyKind,
    Area,
    AreaLevel,
    Association,
    Committee,
    CommitteeMembership,
    CommitteeType,
    DisputeType,
    Employment,
    Gender,
    Mediator,
    MediatorSpeciality,
    Position,
    Studio,
)

SEED = 20231231
DISTRICT = ("360999", "云溪区")
TOWNSHIPS = [
    ("东湖街道", "东湖"), ("西山街道", "西山"), ("南岭街道", "南岭"), ("北塘街道", "北塘"),
    ("滨江街道", "滨江"), ("望城街道", "望城"), ("青石镇", "青石"), ("柳溪镇", "柳溪"),
    ("枫林镇", "枫林"), ("桃源镇", "桃源"), ("白沙镇", "白沙"), ("石门镇", "石门"),
]  # fmt: skip
SECTORS = [
    ("medical", "医疗纠纷", "医调"), ("traffic", "道路交通事故", "交调"), ("labour", "劳动争议", "劳调"),
    ("property_management", "物业纠纷", "物调"), ("consumer", "消费纠纷", "消调"),
]  # fmt: skip
ENTERPRISES = ["云溪纺织", "青石水泥", "滨江物流", "柳溪食品", "望城电子", "东湖医院", "枫林矿业", "白沙港务"]
OTHERS = ["区人民法院驻院", "西山派出所驻所", "区信访局驻局"]
DEPARTMENTS = [
    "公安分局", "市场监督管理局", "自然资源局", "人力资源和社会保障局", "住房和城乡建设局", "生态环境分局",
    "交通运输局", "城市管理局", "卫生健康委员会", "教育体育局", "应急管理局", "农业农村局", "民政局",
]  # fmt: skip
PLACE = "东南西北中上下前后新老大小高长青白红黄金银石山水河湖溪塘桥林田园坪岭"
PLACE_END = "庄湾坪岗铺寨"
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌宁海燕春梅立新"

COMMITTEES_COUNTED = 190
MEDIATORS_COUNTED = 934
FULL_TIME = 206
EXPERTS = 50
DISSOLVED_IN_2024 = 3
NEW_COMMITTEES_2024 = 2
LEFT_IN_2024 = 8
NEW_MEDIATORS_2024 = 10


def _day(rng: random.Random, start: date, end: date) -> date:
    return start + timedelta(days=rng.randrange((end - start).days + 1))


def _id_number(rng: random.Random, gender: str) -> str:
    born = _day(rng, date(1958, 1, 1), date(1996, 12, 31))
    sequence = rng.randrange(0, 100) * 10 + (
        rng.choice([1, 3, 5, 7, 9]) if gender == Gender.MALE else rng.choice([0, 2, 4, 6, 8])
    )
    base = f"110101{born:%Y%m%d}{sequence:03d}"
    return base + ric.calc_check_digit(base + "0")


def _insert(model, rows: list[dict]) -> list[int]:
    """Bulk insert, returning the new ids in the order of `rows`."""
    if not rows:
        return []
    return list(db.session.scalars(insert(model).returning(model.id, sort_by_parameter_order=True), rows))


def load() -> None:
    """Create the demo district (an empty organisation area is assumed)."""
    rng = random.Random(SEED)
    old = date(2022, 12, 31)

    # Areas: district -> 12 townships/streets -> villages/communities (one per village committee).
    (district_id,) = _insert(Area, [{"code": DISTRICT[0], "name": DISTRICT[1], "level": AreaLevel.DISTRICT}])
    township_ids = _insert(
        Area,
        [
            {
                "code": f"{DISTRICT[0]}{i:03d}",
                "name": name,
                "level": AreaLevel.TOWNSHIP,
                "parent_id": district_id,
            }
            for i, (name, _short) in enumerate(TOWNSHIPS, start=1)
        ],
    )
    villages_needed = COMMITTEES_COUNTED - len(TOWNSHIPS) - len(SECTORS) - len(ENTERPRISES) - len(OTHERS)
    village_rows, village_names = [], set()
    for n in range(villages_needed + NEW_COMMITTEES_2024):
        t = n % len(TOWNSHIPS)
        is_street = TOWNSHIPS[t][0].endswith("街道")
        while True:
            stem = rng.choice(PLACE) + rng.choice(PLACE)
            name = stem + ("社区" if is_street else rng.choice(PLACE_END) + "村")
            if name not in village_names:
                village_names.add(name)
                break
        village_rows.append(
            {
                "code": f"{DISTRICT[0]}{t + 1:03d}{n // len(TOWNSHIPS) + 1:03d}",
                "name": name,
                "level": AreaLevel.VILLAGE,
                "parent_id": township_ids[t],
            }
        )
    village_ids = _insert(Area, village_rows)

    (association_id,) = _insert(
        Association,
        [
            {
                "code": "XH01",
                "name": f"{DISTRICT[1]}人民调解协会",
                "area_id": district_id,
                "founded_on": date(2012, 5, 8),
            }
        ],
    )

    # Committees: 12 township/street, 5 sector, 8 enterprise, 3 other, the rest village/residents'.
    committees = []
    for (name, short), area_id in zip(TOWNSHIPS, township_ids, strict=True):
        committees.append((f"{name}人民调解委员会", short, CommitteeType.TOWNSHIP_STREET, None, area_id))
    for sector, label, short in SECTORS:
        committees.append(
            (f"{DISTRICT[1]}{label}人民调解委员会", short, CommitteeType.SECTOR, sector, district_id)
        )
    for name in ENTERPRISES:
        committees.append(
            (f"{name}有限公司人民调解委员会", name, CommitteeType.ENTERPRISE, None, rng.choice(township_ids))
        )
    for name in OTHERS:
        committees.append((f"{name}人民调解委员会", name[:4], CommitteeType.OTHER, None, district_id))
    for row, area_id in zip(village_rows, village_ids, strict=True):
        committees.append(
            (f"{row['name']}人民调解委员会", row["name"], CommitteeType.VILLAGE_RESIDENTS, None, area_id)
        )
    committee_rows = []
    dissolving = set(rng.sample(range(len(TOWNSHIPS) + 20, COMMITTEES_COUNTED), DISSOLVED_IN_2024))
    for i, (name, short, type_, sector, area_id) in enumerate(committees):
        new = i >= COMMITTEES_COUNTED
        committee_rows.append(
            {
                "code": f"C{i + 1:04d}",
                "name": name,
                "short_name": short,
                "type": type_,
                "sector": sector,
                "area_id": area_id,
                "association_id": association_id,
                "founded_on": _day(rng, date(2024, 2, 1), date(2024, 6, 30))
                if new
                else _day(rng, date(2005, 1, 1), old),
                "dissolved_on": _day(rng, date(2024, 1, 1), date(2024, 10, 31)) if i in dissolving else None,
                "is_active": i not in dissolving,
            }
        )
    committee_ids = _insert(Committee, committee_rows)

    # Mediators: the counted 934 (206 full-time, 50 experts, 8 of them leaving in 2024), then 10 new in 2024.
    total = MEDIATORS_COUNTED + NEW_MEDIATORS_2024
    full_time = set(rng.sample(range(MEDIATORS_COUNTED), FULL_TIME))
    experts = set(rng.sample(range(MEDIATORS_COUNTED), EXPERTS))
    leaving = set(rng.sample(range(MEDIATORS_COUNTED), LEFT_IN_2024))
    mediator_rows, used_names = [], set()
    for i in range(total):
        gender = rng.choice([Gender.MALE, Gender.FEMALE])
        while True:
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2, 2])))
            if name not in used_names or len(used_names) > 1500:
                used_names.add(name)
                break
        new = i >= MEDIATORS_COUNTED
        mediator_rows.append(
            {
                "code": f"M{i + 1:05d}",
                "name": name,
                "gender": gender,
                "id_number": _id_number(rng, gender),
                "phone": rng.choice(["135", "136", "137", "138", "139", "150", "151", "186", "187"])
                + f"{rng.randrange(10**8):08d}",
                "employment": Employment.FULL_TIME if i in full_time else Employment.PART_TIME,
                "is_expert": i in experts,
                "joined_on": _day(rng, date(2024, 3, 1), date(2024, 9, 30))
                if new
                else _day(rng, date(2010, 1, 1), old),
                "left_on": _day(rng, date(2024, 1, 1), date(2024, 11, 30)) if i in leaving else None,
                "is_active": i not in leaving,
            }
        )
    mediator_ids = _insert(Mediator, mediator_rows)

    # Seats: each committee 3–9 members with exactly one director; every mediator serves at least one.
    sizes = [rng.randint(3, 9) for _ in committee_ids]
    seats: list[list[int]] = [[] for _ in committee_ids]
    order = list(range(total))
    rng.shuffle(order)
    # the first committee gets the demo accounts' mediators: M00001 directs it, M00002 is a member
    order.remove(0)
    order.remove(1)
    seats[0] = [0, 1]
    cursor = 1
    for m in order:
        while len(seats[cursor % len(seats)]) >= sizes[cursor % len(seats)]:
            cursor += 1
        seats[cursor % len(seats)].append(m)
        cursor += 1
    for c, members in enumerate(seats):
        while len(members) < sizes[c]:
            m = rng.randrange(total)
            if m not in members:
                members.append(m)
    membership_rows = []
    for c, members in enumerate(seats):
        for position, m in enumerate(members):
            membership_rows.append(
                {
                    "committee_id": committee_ids[c],
                    "mediator_id": mediator_ids[m],
                    "position": Position.DIRECTOR
                    if position == 0
                    else Position.DEPUTY
                    if position == 1
                    else Position.MEMBER,
                }
            )
    _insert(CommitteeMembership, membership_rows)

    # Experts' specialities: one to three dispute types each.
    type_ids = list(db.session.scalars(select(DisputeType.id).order_by(DisputeType.position)))
    speciality_rows = [
        {"mediator_id": mediator_ids[m], "dispute_type_id": t}
        for m in sorted(experts)
        for t in rng.sample(type_ids, rng.randint(1, 3))
    ]
    db.session.execute(insert(MediatorSpeciality), speciality_rows)

    _insert(
        Studio,
        [
            {"name": "老娘舅金牌调解室", "committee_id": committee_ids[0], "lead_mediator_id": mediator_ids[seats[0][0]],
             "founded_on": date(2019, 3, 1), "address": f"{DISTRICT[1]}{TOWNSHIPS[0][0]}便民服务中心二楼"},
            {"name": "和为贵金牌调解室", "committee_id": committee_ids[1], "lead_mediator_id": mediator_ids[seats[1][0]],
             "founded_on": date(2020, 9, 15), "address": f"{DISTRICT[1]}{TOWNSHIPS[1][0]}综治中心"},
        ],
    )  # fmt: skip

    agency_rows = [
        {"code": f"G{i:03d}", "name": f"{DISTRICT[1]}{name}", "kind": AgencyKind.DEPARTMENT}
        for i, name in enumerate(DEPARTMENTS, start=1)
    ]
    for i, (name, _short) in enumerate(TOWNSHIPS, start=len(DEPARTMENTS) + 1):
        office = f"{name}办事处" if name.endswith("街道") else f"{name}人民政府"
        agency_rows.append({"code": f"G{i:03d}", "name": office, "kind": AgencyKind.TOWNSHIP})
    _insert(Agency, agency_rows)
    db.session.flush()


def account_links() -> dict[str, int]:
    """The mediator records the demo accounts are linked to: `director` directs the first committee and
    `mediator` is a member of it."""
    first = db.session.scalar(select(Committee.id).order_by(Committee.code).limit(1))
    if first is None:
        return {}
    rows = db.session.execute(
        select(CommitteeMembership.position, CommitteeMembership.mediator_id)
        .where(CommitteeMembership.committee_id == first)
        .order_by(CommitteeMembership.id)
    ).all()
    links = {}
    for position, mediator_id in rows:
        if position == Position.DIRECTOR and "director" not in links:
            links["director"] = mediator_id
        elif position != Position.DIRECTOR and "mediator" not in links:
            links["mediator"] = mediator_id
    return links
