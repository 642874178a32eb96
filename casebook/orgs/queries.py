"""Reads of the organisation area: the one scoping place, object checks, lookups and the as-of counts.

Every orgs page, API endpoint and export starts from `visible_committees(user)` / `visible_mediators(user)`
(or the helpers below built on them), so that a director or mediator sees only the committees their
mediator record serves, and the mediators of those committees.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, and_, case, exists, func, literal, or_, select
from sqlalchemy.orm import aliased

from casebook.core.permissions import Permission, committee_scope, directed_committee_scope, has_permission
from casebook.extensions import db
from casebook.orgs.models import (
    Area,
    AreaLevel,
    Association,
    Committee,
    CommitteeMembership,
    CommitteeType,
    DisputeType,
    Employment,
    Mediator,
    OrgChange,
    Studio,
)

# The largest id a database integer column holds: larger path parameters are simply not found.
MAX_ID = 2**31 - 1


# ---------------------------------------------------------------- scoping


def _committee_ids_condition(user, column):
    """A SQL condition limiting `column` (a committee id) to the user's committees, or None for no limit."""
    scope = committee_scope(user)
    if scope is None:
        return None
    return column.in_(scope) if scope else literal(False)


def visible_committees(user) -> Select:
    """Committees the user may see: all for the bureau; a director's or mediator's own committees."""
    query = select(Committee)
    condition = _committee_ids_condition(user, Committee.id)
    return query if condition is None else query.where(condition)


def visible_mediators(user) -> Select:
    """Mediators the user may see: all for the bureau; for committee-bound users, their own record and the
    mediators who serve one of their committees."""
    query = select(Mediator)
    scope = committee_scope(user)
    if scope is None:
        return query
    serves = exists().where(
        CommitteeMembership.mediator_id == Mediator.id, CommitteeMembership.committee_id.in_(scope)
    )
    own = Mediator.id == user.mediator_id if user.mediator_id is not None else literal(False)
    return query.where(or_(serves, own)) if scope else query.where(own)


def visible_studios(user) -> Select:
    """Studios of the committees the user may see."""
    query = select(Studio)
    condition = _committee_ids_condition(user, Studio.committee_id)
    return query if condition is None else query.where(condition)


def _get(model, record_id: int):
    if not isinstance(record_id, int) or not 0 < record_id <= MAX_ID:
        return None
    return db.session.get(model, record_id)


def get_visible(query: Select, model, record_id: int):
    """The record with this id when `query` (a visible_* query) includes it, else None."""
    if not isinstance(record_id, int) or not 0 < record_id <= MAX_ID:
        return None
    return db.session.scalar(query.where(model.id == record_id))


def get_record(model, record_id: int):
    """A reference record (area, association, agency, dispute type) by id, or None; everyone with VIEW_ORGS
    sees these."""
    return _get(model, record_id)


def can_manage_orgs(user) -> bool:
    """Admin and bureau create and change organisations."""
    return has_permission(user, Permission.MANAGE_ORGS)


def can_manage_members(user, committee: Committee) -> bool:
    """Admin and bureau manage every committee's members; a director those of the committees they direct."""
    scope = directed_committee_scope(user)
    return scope is None or committee.id in scope


def managed_committee_ids(user) -> set[int] | None:
    """Committees whose members the user may manage (None: all)."""
    return directed_committee_scope(user)


def can_see_full_personal_data(user) -> bool:
    """Roles that need full ID and phone numbers (every full view is recorded)."""
    return has_permission(user, Permission.VIEW_FULL_PERSONAL_DATA)


def can_edit_mediator(user, mediator: Mediator) -> bool:
    """The bureau edits every mediator; a director the mediators serving a committee they direct."""
    if can_manage_orgs(user):
        return True
    scope = directed_committee_scope(user)
    if not scope:
        return False
    return any(m.committee_id in scope for m in mediator.memberships)


# ---------------------------------------------------------------- lookups


def search_condition(q: str, *columns):
    """A case-insensitive 'contains' over the columns (wildcards in `q` are taken literally)."""
    needle = q.strip().lower()
    return or_(*(func.lower(column).contains(needle, autoescape=True) for column in columns))


def ids_by_code(model) -> dict[str, int]:
    """{code: id} of every record of `model` (used by imports and forms: one query)."""
    return dict(db.session.execute(select(model.code, model.id)).all())


def find_by_code(model, code: str | None):
    """The record of `model` with this code, or None."""
    if not code:
        return None
    return db.session.scalar(select(model).where(model.code == code.strip()))


def area_choices(keep: int | None = None) -> list[tuple[int, str]]:
    """Every active area (and `keep`, the one a record already refers to) as (id, 'district / township /
    village'), ordered by code."""
    parent = aliased(Area)
    grandparent = aliased(Area)
    rows = db.session.execute(
        select(Area.id, Area.name, parent.name, grandparent.name)
        .outerjoin(parent, Area.parent_id == parent.id)
        .outerjoin(grandparent, parent.parent_id == grandparent.id)
        .where(or_(Area.is_active, Area.id == keep))
        .order_by(Area.code)
    ).all()
    return [(row[0], " / ".join(n for n in (row[3], row[2], row[1]) if n)) for row in rows]


def committee_choices(
    user, only_ids: set[int] | None = None, active_only: bool = False, keep: Iterable[int] = ()
) -> list[tuple[int, str]]:
    """Committees the user may see as (id, 'code name'), ordered by code; for new work only active ones
    (plus `keep`, the ones a record already refers to)."""
    query = visible_committees(user).order_by(Committee.code)
    if only_ids is not None:
        query = query.where(Committee.id.in_(only_ids) if only_ids else literal(False))
    if active_only:
        query = query.where(or_(Committee.is_active, Committee.id.in_(list(keep))))
    return [(c.id, f"{c.code} {c.name}") for c in db.session.scalars(query)]


def dispute_type_choices(include_inactive: bool = False) -> list[tuple[int, str]]:
    """Dispute types in reporting order."""
    query = select(DisputeType).order_by(DisputeType.position, DisputeType.id)
    if not include_inactive:
        query = query.where(DisputeType.is_active)
    return [(t.id, t.name_zh) for t in db.session.scalars(query)]


def area_subtree_ids(area_id: int) -> Select:
    """A subquery of the ids of an area and everything below it (recursive, any depth). It never correlates
    with an outer query, so it can filter queries that themselves select areas."""
    node, child = aliased(Area, name="subtree_root"), aliased(Area, name="subtree_child")
    tree = select(node.id).where(node.id == area_id).correlate(None).cte("area_tree", recursive=True)
    # UNION (not UNION ALL): the recursion ends even if the tree had a cycle.
    tree = tree.union(select(child.id).where(child.parent_id == tree.c.id).correlate(None))
    return select(tree.c.id).correlate(None)


def history(subject_type: str, subject_id: int, limit: int = 50) -> list[OrgChange]:
    """The latest changes of one record, newest first."""
    return list(
        db.session.scalars(
            select(OrgChange)
            .where(OrgChange.subject_type == subject_type, OrgChange.subject_id == subject_id)
            .order_by(OrgChange.changed_at.desc(), OrgChange.id.desc())
            .limit(limit)
        )
    )


# Tables whose rows belong to the record and go with it when it is deleted (never a reason to keep it).
OWNED_TABLES = {"mediators": {"mediator_specialities"}}


def reference_count(record) -> int:
    """How many rows of other tables refer to `record` (any table of any area, found from the foreign keys)."""
    table = record.__table__
    owned = OWNED_TABLES.get(table.name, set())
    total = 0
    for other in db.metadata.sorted_tables:
        if other.name in owned:
            continue
        for fk in other.foreign_keys:
            if fk.column.table is table:  # includes a self-reference (an area's children)
                total += db.session.scalar(
                    select(func.count()).select_from(other).where(fk.parent == record.id)
                )
    return total


# ---------------------------------------------------------------- the as-of counts (domain.md §4)


def exists_on(start, end, as_of: date):
    """Founded (joined) on or before `as_of` and not yet dissolved (left) by it: an end ON that day no longer
    counts (domain.md §4 'Organisation counts'). An unknown start date counts as long ago."""
    return and_(or_(start.is_(None), start <= as_of), or_(end.is_(None), end > as_of))


@dataclass(frozen=True)
class AreaCount:
    """Committees counted under one township/street (or the district level)."""

    area_id: int | None
    code: str | None
    name: str | None
    committees: int


@dataclass(frozen=True)
class OrganisationCounts:
    """The organisation figures of the annual report, as of one day."""

    as_of: date
    associations: int
    committees: int
    sector_committees: int
    committees_by_type: dict[str, int]
    committees_by_area: list[AreaCount]
    mediators: int
    full_time_mediators: int
    part_time_mediators: int
    experts: int
    area_id: int | None = None


def organisation_counts(as_of: date, user=None, area_id: int | None = None) -> OrganisationCounts:
    """Associations, committees (by type, by township), mediators, full-time mediators and experts existing on
    `as_of`, within what `user` may see (None: the whole district, for reports run by the system) and,
    when given, within an area and everything below it. Each figure is one SQL aggregate."""
    committee_filter = [exists_on(Committee.founded_on, Committee.dissolved_on, as_of)]
    scope = committee_scope(user) if user is not None else None
    if scope is not None:
        committee_filter.append(Committee.id.in_(scope) if scope else literal(False))
    if area_id is not None:
        committee_filter.append(Committee.area_id.in_(area_subtree_ids(area_id)))

    by_type = dict.fromkeys((t.value for t in CommitteeType), 0)
    for type_, count in db.session.execute(
        select(Committee.type, func.count()).where(*committee_filter).group_by(Committee.type)
    ):
        by_type[type_] = count

    # Committees by township/street: a village's committee counts under its township.
    own, parent, township = aliased(Area), aliased(Area), aliased(Area)
    township_id = case((own.level == AreaLevel.VILLAGE, parent.id), else_=own.id)
    by_area = [
        AreaCount(area_id=row[0], code=row[1], name=row[2], committees=row[3])
        for row in db.session.execute(
            select(township.id, township.code, township.name, func.count(Committee.id))
            .select_from(Committee)
            .outerjoin(own, Committee.area_id == own.id)
            .outerjoin(parent, own.parent_id == parent.id)
            .outerjoin(township, township.id == township_id)
            .where(*committee_filter)
            .group_by(township.id, township.code, township.name)
            .order_by(township.code)
        )
    ]

    in_committees = select(Committee.id).where(*committee_filter[1:])
    mediator_filter = [exists_on(Mediator.joined_on, Mediator.left_on, as_of)]
    if len(committee_filter) > 1:
        mediator_filter.append(
            exists().where(
                CommitteeMembership.mediator_id == Mediator.id,
                CommitteeMembership.committee_id.in_(in_committees),
            )
        )
    mediators, full_time, experts = db.session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((Mediator.employment == Employment.FULL_TIME, 1), else_=0)), 0),
            func.coalesce(func.sum(case((Mediator.is_expert, 1), else_=0)), 0),
        ).where(*mediator_filter)
    ).one()

    association_filter = [exists_on(Association.founded_on, Association.dissolved_on, as_of)]
    if len(committee_filter) > 1:
        association_filter.append(
            Association.id.in_(select(Committee.association_id).where(*committee_filter[1:]))
        )
    associations = db.session.scalar(select(func.count()).select_from(Association).where(*association_filter))

    return OrganisationCounts(
        as_of=as_of,
        associations=associations or 0,
        committees=sum(by_type.values()),
        sector_committees=by_type[CommitteeType.SECTOR],
        committees_by_type=by_type,
        committees_by_area=by_area,
        mediators=int(mediators),
        full_time_mediators=int(full_time),
        part_time_mediators=int(mediators) - int(full_time),
        experts=int(experts),
        area_id=area_id,
    )


def committee_member_counts(committee_ids: list[int]) -> dict[int, int]:
    """{committee id: number of members} for a page of committees (one query)."""
    if not committee_ids:
        return {}
    rows = db.session.execute(
        select(CommitteeMembership.committee_id, func.count())
        .where(CommitteeMembership.committee_id.in_(committee_ids))
        .group_by(CommitteeMembership.committee_id)
    )
    return dict(rows.all())
