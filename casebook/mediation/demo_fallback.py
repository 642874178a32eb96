"""A small mediation network for the demo when the organisations' demo has not created one (it normally has)."""

from __future__ import annotations

from sqlalchemy import func, select

from casebook.extensions import db
from casebook.orgs.models import Area, Committee, CommitteeMembership, Mediator

TOWNSHIPS = [
    ("360199001", "城关镇"),
    ("360199002", "东河街道"),
    ("360199003", "西湖乡"),
    ("360199004", "南岭镇"),
]
COMMITTEES = [
    ("MC01", "城关镇人民调解委员会", "城关", "township_street", 0),
    ("MC02", "东河街道人民调解委员会", "东河", "township_street", 1),
    ("MC03", "西湖村人民调解委员会", "西湖村", "village_residents", 2),
    ("MC04", "南岭社区人民调解委员会", "南岭", "village_residents", 3),
    ("MC05", "桥头村人民调解委员会", "桥头", "village_residents", 0),
    ("MC06", "区医疗纠纷人民调解委员会", "医调", "sector", 0),
]
NAMES = [
    "王建国",
    "李秀英",
    "张伟",
    "刘芳",
    "陈明",
    "杨丽",
    "黄勇",
    "赵敏",
    "吴涛",
    "周静",
    "徐磊",
    "孙燕",
    "马超",
    "朱霞",
    "胡军",
    "郭华",
    "何平",
    "高峰",
    "林娟",
    "罗斌",
    "郑洁",
    "梁刚",
    "谢婷",
    "宋杰",
]


def ensure_committees() -> None:
    """Create a district, four townships, six committees and their mediators if there is no committee yet;
    link the demo director and mediator accounts to two of them."""
    if db.session.scalar(select(func.count()).select_from(Committee)):
        return
    district = Area(code="360199", name="示范区", level="district")
    db.session.add(district)
    db.session.flush()
    towns = []
    for code, name in TOWNSHIPS:
        town = Area(code=code, name=name, level="township", parent_id=district.id)
        db.session.add(town)
        towns.append(town)
    db.session.flush()
    names = iter(NAMES)
    mediators: list[Mediator] = []
    for index, (code, name, short, kind, town) in enumerate(COMMITTEES):
        committee = Committee(code=code, name=name, short_name=short, type=kind, area_id=towns[town].id)
        db.session.add(committee)
        db.session.flush()
        for seat in range(4):
            mediator = Mediator(
                code=f"MM{index + 1:02d}{seat + 1}",
                name=next(names),
                employment="full_time" if seat == 0 else "part_time",
            )
            db.session.add(mediator)
            db.session.flush()
            mediators.append(mediator)
            position = "director" if seat == 0 else "member"
            db.session.add(
                CommitteeMembership(committee_id=committee.id, mediator_id=mediator.id, position=position)
            )
    db.session.flush()
    _link_accounts(mediators)


def _link_accounts(mediators: list[Mediator]) -> None:
    from casebook.auth.models import User

    wanted = {"director": mediators[0], "mediator": mediators[1]}
    for user in db.session.scalars(select(User).where(User.username.in_(list(wanted)))):
        if user.mediator_id is None:
            user.mediator_id = wanted[user.username].id
    db.session.flush()
