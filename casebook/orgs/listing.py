"""The filtered, searched and sorted lists of the organisation pages and API, built on the scoped queries
of `casebook.orgs.queries` (so a list never shows what its user may not see). Reads only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import joinedload, selectinload

from casebook.extensions import db
from casebook.orgs.models import (
    Agency,
    Area,
    Association,
    Committee,
    CommitteeMembership,
    DisputeType,
    Mediator,
    MediatorSpeciality,
    Position,
    Studio,
)
from casebook.orgs.queries import (
    area_subtree_ids,
    exists_on,
    search_condition,
    visible_committees,
    visible_mediators,
    visible_studios,
)


@dataclass
class ListArgs:
    """What a list was asked for: search text, sort key ('-name' = descending) and filters."""

    q: str = ""
    sort: str = ""
    status: str = ""  # "" all, "active", "inactive"
    area_id: int | None = None
    committee_id: int | None = None
    type: str = ""
    employment: str = ""
    expert: str = ""  # "", "1", "0"
    speciality_id: int | None = None
    kind: str = ""
    level: str = ""
    parent_id: int | None = None
    as_of: date | None = None


def order(query: Select, sort: str, columns: dict, default: str) -> Select:
    """Sort by a whitelisted column ('-key' descending), then by id for a stable order."""
    key = sort if sort.lstrip("-") in columns else default
    column = columns[key.lstrip("-")]
    first = column.desc() if key.startswith("-") else column.asc()
    entity = query.column_descriptions[0]["entity"]
    return query.order_by(first, entity.id)


def _status(query: Select, model, status: str) -> Select:
    if status == "active":
        return query.where(model.is_active)
    if status == "inactive":
        return query.where(~model.is_active)
    return query


def areas(args: ListArgs) -> Select:
    """Areas: the children of `parent_id` (the roots when none), or a search across every level."""
    query = select(Area).options(joinedload(Area.parent))
    if args.q:
        query = query.where(search_condition(args.q, Area.name, Area.code))
    elif args.parent_id is not None:
        query = query.where(Area.parent_id == args.parent_id)
    elif not args.level:
        query = query.where(Area.parent_id.is_(None))
    if args.level:
        query = query.where(Area.level == args.level)
    query = _status(query, Area, args.status)
    return order(query, args.sort, {"code": Area.code, "name": Area.name, "level": Area.level}, "code")


def area_child_counts(area_ids: list[int]) -> dict[int, int]:
    """{area id: number of areas directly under it} for one page (one query)."""
    if not area_ids:
        return {}
    rows = db.session.execute(
        select(Area.parent_id, func.count()).where(Area.parent_id.in_(area_ids)).group_by(Area.parent_id)
    )
    return dict(rows.all())


def area_committee_counts(area_ids: list[int]) -> dict[int, int]:
    """{area id: committees directly in it} for one page (one query)."""
    if not area_ids:
        return {}
    rows = db.session.execute(
        select(Committee.area_id, func.count())
        .where(Committee.area_id.in_(area_ids))
        .group_by(Committee.area_id)
    )
    return dict(rows.all())


def associations(args: ListArgs) -> Select:
    """Associations, searched by name or code."""
    query = select(Association).options(joinedload(Association.area))
    if args.q:
        query = query.where(search_condition(args.q, Association.name, Association.code))
    query = _status(query, Association, args.status)
    if args.as_of:
        query = query.where(exists_on(Association.founded_on, Association.dissolved_on, args.as_of))
    return order(query, args.sort, {"code": Association.code, "name": Association.name}, "code")


def committees(user, args: ListArgs) -> Select:
    """The committees the user may see, filtered by type, area (and below), status and as-of date."""
    query = visible_committees(user).options(joinedload(Committee.area), joinedload(Committee.association))
    if args.q:
        query = query.where(search_condition(args.q, Committee.name, Committee.code, Committee.short_name))
    if args.type:
        query = query.where(Committee.type == args.type)
    if args.area_id is not None:
        query = query.where(Committee.area_id.in_(area_subtree_ids(args.area_id)))
    if args.as_of:
        query = query.where(exists_on(Committee.founded_on, Committee.dissolved_on, args.as_of))
    query = _status(query, Committee, args.status)
    columns = {
        "code": Committee.code,
        "name": Committee.name,
        "type": Committee.type,
        "founded_on": Committee.founded_on,
    }
    return order(query, args.sort, columns, "code")


def committee_directors(committee_ids: list[int]) -> dict[int, Mediator]:
    """{committee id: its director} for one page (one query)."""
    if not committee_ids:
        return {}
    rows = db.session.execute(
        select(CommitteeMembership.committee_id, Mediator)
        .join(Mediator, CommitteeMembership.mediator_id == Mediator.id)
        .where(
            CommitteeMembership.committee_id.in_(committee_ids),
            CommitteeMembership.position == Position.DIRECTOR,
        )
    )
    return dict(rows.all())


def mediators(user, args: ListArgs) -> Select:
    """The mediators the user may see, with their committees, filtered and sorted."""
    query = visible_mediators(user).options(
        selectinload(Mediator.memberships).joinedload(CommitteeMembership.committee),
        selectinload(Mediator.specialities),
    )
    if args.q:
        query = query.where(search_condition(args.q, Mediator.name, Mediator.code))
    if args.committee_id is not None:
        query = query.where(
            exists().where(
                CommitteeMembership.mediator_id == Mediator.id,
                CommitteeMembership.committee_id == args.committee_id,
            )
        )
    if args.employment:
        query = query.where(Mediator.employment == args.employment)
    if args.expert in ("0", "1"):
        query = query.where(Mediator.is_expert == (args.expert == "1"))
    if args.speciality_id is not None:
        query = query.where(
            exists().where(
                MediatorSpeciality.mediator_id == Mediator.id,
                MediatorSpeciality.dispute_type_id == args.speciality_id,
            )
        )
    if args.as_of:
        query = query.where(exists_on(Mediator.joined_on, Mediator.left_on, args.as_of))
    query = _status(query, Mediator, args.status)
    columns = {"code": Mediator.code, "name": Mediator.name, "joined_on": Mediator.joined_on}
    return order(query, args.sort, columns, "code")


def studios(user, args: ListArgs) -> Select:
    """Named studios of the committees the user may see."""
    query = visible_studios(user).options(joinedload(Studio.committee), joinedload(Studio.lead_mediator))
    if args.q:
        query = query.where(search_condition(args.q, Studio.name))
    if args.committee_id is not None:
        query = query.where(Studio.committee_id == args.committee_id)
    query = _status(query, Studio, args.status)
    return order(query, args.sort, {"name": Studio.name}, "name")


def agencies(args: ListArgs) -> Select:
    """The district's departments and townships, searched by name or code."""
    query = select(Agency)
    if args.q:
        query = query.where(search_condition(args.q, Agency.name, Agency.code))
    if args.kind:
        query = query.where(Agency.kind == args.kind)
    query = _status(query, Agency, args.status)
    return order(query, args.sort, {"code": Agency.code, "name": Agency.name, "kind": Agency.kind}, "code")


def dispute_types(args: ListArgs) -> Select:
    """Dispute types in reporting order."""
    query = select(DisputeType)
    if args.q:
        query = query.where(
            search_condition(args.q, DisputeType.name_zh, DisputeType.name_en, DisputeType.code)
        )
    query = _status(query, DisputeType, args.status)
    columns = {"position": DisputeType.position, "code": DisputeType.code, "name": DisputeType.name_zh}
    return order(query, args.sort, columns, "position")
