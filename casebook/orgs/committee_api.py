"""JSON API of committees and their members (on the orgs API blueprint)."""

from __future__ import annotations

from flask_babel import gettext as _

from casebook.api.base import ApiError, api_user, endpoint, not_found
from casebook.core.permissions import Permission
from casebook.extensions import db
from casebook.orgs import listing, operations, people
from casebook.orgs.api import (
    MANAGE,
    TAGS,
    VIEW,
    bp,
    commit_operation,
    list_page,
    page_args,
    patch_values,
    resolve_code,
)
from casebook.orgs.models import Area, Association, Committee, CommitteeMembership, Mediator
from casebook.orgs.queries import MAX_ID, can_manage_members, find_by_code, get_visible, visible_committees
from casebook.orgs.schemas import (
    CommitteeIn,
    CommitteeList,
    CommitteeOut,
    CommitteePatch,
    CommitteeQuery,
    MemberIn,
    MemberList,
    MemberOut,
    MemberPatch,
)

# ---------------------------------------------------------------- committees and members


def committee_out(c: Committee) -> CommitteeOut:
    """A committee as the API returns it."""
    return CommitteeOut(
        id=c.id,
        code=c.code,
        name=c.name,
        short_name=c.short_name,
        type=c.type,
        sector=c.sector,
        area_code=c.area.code if c.area else None,
        association_code=c.association.code if c.association else None,
        address=c.address,
        founded_on=c.founded_on,
        dissolved_on=c.dissolved_on,
        is_active=c.is_active,
    )


def _committee_data(data: dict) -> dict:
    resolve_code(data, "area_code", Area, "area_id")
    resolve_code(data, "association_code", Association, "association_id")
    return data


@endpoint(bp, "/committees", query=CommitteeQuery, response=CommitteeList, permission=VIEW, tags=TAGS)
def list_committees(query: CommitteeQuery):
    """The committees the token's user may see."""
    area = find_by_code(Area, query.area) if query.area else None
    if query.area and area is None:
        return CommitteeList(items=[], page=1, per_page=query.per_page, total=0)
    args = page_args(query, type=query.type or "", area_id=area.id if area else None, as_of=query.as_of)
    return list_page(listing.committees(api_user(), args), query, committee_out, CommitteeList)


def _committee(committee_id: int) -> Committee:
    return get_visible(visible_committees(api_user()), Committee, committee_id) or not_found()


@endpoint(bp, "/committees/<int:committee_id>", response=CommitteeOut, permission=VIEW, tags=TAGS)
def get_committee(committee_id: int):
    """One committee (404 outside the user's committees)."""
    return committee_out(_committee(committee_id))


@endpoint(
    bp,
    "/committees",
    method="POST",
    body=CommitteeIn,
    response=CommitteeOut,
    status=201,
    permission=MANAGE,
    tags=TAGS,
)
def create_committee(body: CommitteeIn):
    """Create a committee."""
    data = _committee_data(body.model_dump())
    return committee_out(commit_operation(lambda: operations.create_committee(data, api_user())))


@endpoint(
    bp,
    "/committees/<int:committee_id>",
    method="PATCH",
    body=CommitteePatch,
    response=CommitteeOut,
    permission=MANAGE,
    tags=TAGS,
)
def update_committee(committee_id: int, body: CommitteePatch):
    """Change a committee."""
    committee = _committee(committee_id)
    data = _committee_data(patch_values(body))
    commit_operation(lambda: operations.update_committee(committee, data, api_user()))
    return committee_out(committee)


def member_out(m: CommitteeMembership) -> MemberOut:
    """A committee seat as the API returns it."""
    return MemberOut(
        id=m.id,
        mediator_id=m.mediator_id,
        mediator_code=m.mediator.code,
        mediator_name=m.mediator.name,
        position=m.position,
    )


@endpoint(bp, "/committees/<int:committee_id>/members", response=MemberList, permission=VIEW, tags=TAGS)
def list_members(committee_id: int):
    """A committee's members, director first."""
    return MemberList(items=[member_out(m) for m in people.sorted_members(_committee(committee_id))])


def _managed_committee(committee_id: int) -> Committee:
    committee = _committee(committee_id)
    if not can_manage_members(api_user(), committee):
        not_found()
    return committee


@endpoint(
    bp,
    "/committees/<int:committee_id>/members",
    method="POST",
    body=MemberIn,
    response=MemberOut,
    status=201,
    permission=Permission.MANAGE_MEMBERS,
    hide=True,
    tags=TAGS,
)
def add_member(committee_id: int, body: MemberIn):
    """Seat a mediator on the committee (admin, bureau, or the committee's director)."""
    committee = _managed_committee(committee_id)
    mediator = find_by_code(Mediator, body.mediator_code)
    if mediator is None:
        raise ApiError(
            422,
            _("No mediator has the code %(code)s.", code=body.mediator_code),
            {"mediator_code": [_("Unknown code.")]},
        )
    return member_out(
        commit_operation(lambda: people.add_member(committee, mediator, body.position, api_user()))
    )


def _membership(committee: Committee, membership_id: int) -> CommitteeMembership:
    membership = db.session.get(CommitteeMembership, membership_id) if 0 < membership_id <= MAX_ID else None
    if membership is None or membership.committee_id != committee.id:
        not_found()
    return membership


@endpoint(
    bp,
    "/committees/<int:committee_id>/members/<int:membership_id>",
    method="PATCH",
    body=MemberPatch,
    response=MemberOut,
    permission=Permission.MANAGE_MEMBERS,
    hide=True,
    tags=TAGS,
)
def update_member(committee_id: int, membership_id: int, body: MemberPatch):
    """Change a member's position (one director per committee)."""
    membership = _membership(_managed_committee(committee_id), membership_id)
    commit_operation(lambda: people.change_position(membership, body.position, api_user()))
    return member_out(membership)


@endpoint(
    bp,
    "/committees/<int:committee_id>/members/<int:membership_id>",
    method="DELETE",
    permission=Permission.MANAGE_MEMBERS,
    hide=True,
    tags=TAGS,
)
def remove_member(committee_id: int, membership_id: int):
    """Take a mediator off the committee."""
    membership = _membership(_managed_committee(committee_id), membership_id)
    commit_operation(lambda: people.remove_member(membership, api_user()))
