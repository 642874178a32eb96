"""The organisations of the benchmark province: areas, an association, committees, mediators, agencies, users."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from benchmarks import names
from benchmarks.bulk import Loader
from benchmarks.settings import PASSWORD, USERS, Scale
from casebook.extensions import db

TOWNS = (
    "城关镇", "东湖街道", "西湖街道", "青山街道", "桃花镇", "新城街道", "南塘镇", "北沙镇", "梅岭镇", "石岗镇",
    "樵舍镇", "松湖镇", "昌东镇", "象湖街道", "莲塘镇", "向塘镇", "武阳镇", "塔城乡", "黄马乡", "八一乡",
)  # fmt: skip
VILLAGE_WORDS = "东风红星光明幸福和平胜利团结建设前进新华长青永安丰收联合民主友谊朝阳向阳"
SECTORS = (
    ("medical", "医疗纠纷"),
    ("traffic", "道路交通"),
    ("labour", "劳动争议"),
    ("property", "物业纠纷"),
    ("consumer", "消费纠纷"),
)
AGENCIES = (
    "区公安分局", "区市场监督管理局", "区人力资源和社会保障局", "区自然资源局", "区住房和城乡建设局",
    "区城市管理局", "区生态环境分局", "区交通运输局", "区卫生健康委员会", "区教育局", "区民政局",
    "区农业农村局", "区税务局", "区应急管理局", "区文化广电旅游局", "区商务局", "区财政局", "区水利局",
    "区医疗保障局", "区退役军人事务局",
)  # fmt: skip
EPOCH = datetime(2020, 1, 1, 1, 0, tzinfo=UTC)


@dataclass
class Orgs:
    """What the case generators need to know about the organisations."""

    committee_ids: list[int] = field(default_factory=list)
    committee_area: dict[int, int | None] = field(default_factory=dict)
    committee_short: dict[int, str] = field(default_factory=dict)
    committee_code: dict[int, str] = field(default_factory=dict)
    committee_weight: list[float] = field(default_factory=list)
    members: dict[int, list[int]] = field(default_factory=dict)  # committee id -> mediator ids
    mediator_code: dict[int, str] = field(default_factory=dict)
    agency_ids: list[int] = field(default_factory=list)
    agency_code: dict[int, str] = field(default_factory=dict)
    user_ids: dict[str, int] = field(default_factory=dict)
    director_committee: int = 0


def _rows(keys: tuple[str, ...], values: list[tuple], **common) -> list[dict]:
    return [{**dict(zip(keys, v, strict=True)), **common} for v in values]


def load_orgs(loader: Loader, scale: Scale, rng: random.Random) -> Orgs:
    """Areas, the association, committees, mediators and memberships, agencies (explicit ids)."""
    from casebook.orgs.models import Agency, Area, Association

    orgs = Orgs()
    stamps = {"is_active": True, "created_at": EPOCH, "updated_at": EPOCH}
    areas = [(1, "360199", "示范区", "district", None)]
    villages: list[tuple[int, str, int]] = []  # (id, name, town id)
    for t, town in enumerate(TOWNS, start=1):
        areas.append((1 + t, f"360199{t:03d}", town, "township", 1))
    for t, town in enumerate(TOWNS, start=1):
        for v in range(20):
            word = (
                VILLAGE_WORDS[(v * 2) % len(VILLAGE_WORDS)] + VILLAGE_WORDS[(v * 2 + 1) % len(VILLAGE_WORDS)]
            )
            name = f"{word}{'村' if v % 3 else '社区'}"
            area_id = len(areas) + 1
            areas.append((area_id, f"360199{t:03d}{v + 1:03d}", f"{town}{name}", "village", 1 + t))
            villages.append((area_id, name, 1 + t))
    loader.insert(Area.__table__, _rows(("id", "code", "name", "level", "parent_id"), areas, **stamps))
    loader.insert(
        Association.__table__,
        [
            {
                "id": 1,
                "code": "ASSOC1",
                "name": "示范区人民调解协会",
                "area_id": 1,
                "founded_on": date(2012, 5, 1),
                **stamps,
            }
        ],
    )
    _load_committees(loader, scale, rng, orgs, villages, stamps)
    _load_mediators(loader, scale, rng, orgs, stamps)
    agencies = [(i, f"A{i:03d}", name, "department") for i, name in enumerate(AGENCIES, start=1)]
    agencies += [
        (len(AGENCIES) + t, f"T{t:03d}", f"{town}人民政府", "township") for t, town in enumerate(TOWNS, 1)
    ]
    loader.insert(Agency.__table__, _rows(("id", "code", "name", "kind"), agencies, **stamps))
    orgs.agency_ids = [a[0] for a in agencies]
    orgs.agency_code = {a[0]: a[1] for a in agencies}
    from casebook.orgs.models import Committee, CommitteeMembership, Mediator

    loader.reset_sequences(
        t.__table__ for t in (Area, Association, Committee, Mediator, CommitteeMembership, Agency)
    )
    return orgs


def _load_committees(loader: Loader, scale: Scale, rng: random.Random, orgs: Orgs, villages, stamps) -> None:
    from casebook.orgs.models import Committee

    kinds = ["township_street"] * len(TOWNS) + ["sector"] * len(SECTORS) + ["enterprise"] * 10 + ["other"] * 5
    kinds += ["village_residents"] * (scale.committees - len(kinds))
    rows = []
    for index, kind in enumerate(kinds[: scale.committees]):
        cid = index + 1
        if kind == "township_street":
            town = TOWNS[index]
            short, name, area, sector = town, f"{town}人民调解委员会", 2 + index, None
        elif kind == "sector":
            code, label = SECTORS[index - len(TOWNS)]
            short, name, area, sector = label, f"示范区{label}人民调解委员会", 1, code
        elif kind == "enterprise":
            short = f"{names.COMPANY_PREFIXES[index % 12]}企{index}"
            name, area, sector = f"{short}人民调解委员会", 1, None
        elif kind == "other":
            short = f"驻所{index}"
            name, area, sector = f"示范区驻派出所调解室{index}", 1, None
        else:
            area, village, town_id = villages[(index * 7) % len(villages)]
            short = f"{TOWNS[town_id - 2][:2]}{village}"
            name, sector = f"{TOWNS[town_id - 2]}{village}人民调解委员会", None
        rows.append(
            {
                "id": cid,
                "code": f"C{cid:04d}",
                "name": name,
                "short_name": short,  # unique: it goes into the case numbers
                "type": kind,
                "sector": sector,
                "area_id": area,
                "association_id": 1,
                "founded_on": date(2011, 1, 1),
                **stamps,
            }
        )
        orgs.committee_ids.append(cid)
        orgs.committee_area[cid] = area
        orgs.committee_short[cid] = short
        orgs.committee_code[cid] = f"C{cid:04d}"
        orgs.committee_weight.append(rng.lognormvariate(0, 0.6))  # some committees are much busier
    loader.insert(Committee.__table__, rows)


def _load_mediators(loader: Loader, scale: Scale, rng: random.Random, orgs: Orgs, stamps) -> None:
    """Ten mediators a committee, the first its director; one in ten of the others also serves a second one."""
    from casebook.orgs.models import CommitteeMembership, Mediator

    mediators, memberships = [], []
    for mid in range(1, scale.mediators + 1):
        code = f"M{mid:05d}"
        orgs.mediator_code[mid] = code
        joined = date(2010 + rng.randrange(0, 14), rng.randrange(1, 13), 1)
        mediators.append(
            {
                "id": mid,
                "code": code,
                "name": names.person_name(rng),
                "gender": rng.choice(("male", "female")),
                "phone": names.mobile(rng),
                "employment": "full_time" if rng.random() < 0.22 else "part_time",
                "is_expert": rng.random() < 0.05,
                "joined_on": joined,
                **stamps,
            }
        )
        home = orgs.committee_ids[(mid - 1) % len(orgs.committee_ids)]
        seats = [home]
        if mid > len(orgs.committee_ids) and rng.random() < 0.1:  # directors serve one committee
            other = rng.choice(orgs.committee_ids)
            if other != home:
                seats.append(other)
        for seat in seats:
            director = mid <= len(orgs.committee_ids) and seat == home
            memberships.append(
                {
                    "id": len(memberships) + 1,
                    "committee_id": seat,
                    "mediator_id": mid,
                    "position": "director" if director else "member",
                }
            )
            orgs.members.setdefault(seat, []).append(mid)
    loader.insert(Mediator.__table__, mediators)
    loader.insert(CommitteeMembership.__table__, memberships)


def create_users(orgs: Orgs) -> None:
    """The benchmark's accounts, through the app's own operation (argon2 hashes): a bureau user, the director of
    committee 1, an administrator."""
    from casebook.auth.operations import create_user

    orgs.director_committee = orgs.committee_ids[0]
    director_mediator = orgs.members[orgs.director_committee][0]
    for role, username in USERS.items():
        user = create_user(
            username,
            role,
            PASSWORD,
            display_name=username,
            mediator_id=director_mediator if role == "director" else None,
        )
        orgs.user_ids[role] = user.id
    db.session.commit()
