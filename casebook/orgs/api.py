"""JSON API of the organisation area: list, get, create and update areas, associations, committees (and their
members), mediators and agencies. Reads go through the scoping of casebook.orgs.queries; writes through the
operations; each request commits once."""

from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext as _

from casebook.api.base import ApiError, api_user, endpoint, not_found
from casebook.core.errors import DomainError
from casebook.core.pagination import paginate
from casebook.core.permissions import Permission
from casebook.core.personal import mask_id_number, mask_phone, record_full_view
from casebook.extensions import db
from casebook.orgs import listing, operations, people
from casebook.orgs.listing import ListArgs
from casebook.orgs.models import (
    Agency,
    Area,
    Association,
    Committee,
    DisputeType,
    Mediator,
)
from casebook.orgs.queries import (
    can_see_full_personal_data,
    find_by_code,
    get_record,
    get_visible,
    visible_mediators,
)
from casebook.orgs.schemas import (
    AgencyIn,
    AgencyList,
    AgencyOut,
    AgencyPatch,
    AgencyQuery,
    AreaIn,
    AreaList,
    AreaOut,
    AreaPatch,
    AreaQuery,
    AssociationIn,
    AssociationList,
    AssociationOut,
    AssociationPatch,
    ListQuery,
    MediatorIn,
    MediatorList,
    MediatorOut,
    MediatorPatch,
    MediatorQuery,
    SeatOut,
)

bp = Blueprint("orgs_api", __name__, url_prefix="/api/v1")

TAGS = ["organisations"]
VIEW, MANAGE = Permission.VIEW_ORGS, Permission.MANAGE_ORGS
# Fields that cannot be set to null by a PATCH.
NOT_NULL = {"code", "name", "type", "employment", "is_expert", "kind", "position"}


def _domain_error(error: DomainError) -> ApiError:
    fields = {error.field: [error.message]} if error.field else None
    return ApiError(422, error.message, fields)


def patch_values(body) -> dict:
    """The fields a PATCH sets (refusing null for required ones)."""
    data = body.model_dump(exclude_unset=True)
    nulls = sorted(key for key, value in data.items() if value is None and key in NOT_NULL)
    if nulls:
        raise ApiError(
            422,
            _("Some of the data is not valid."),
            {key: [_("This field cannot be empty.")] for key in nulls},
        )
    return data


def resolve_code(data: dict, key: str, model, target: str) -> None:
    """Replace a code in `data[key]` by the id of the record of `model` with that code, as `data[target]`."""
    if key not in data:
        return
    code = data.pop(key)
    if code is None:
        data[target] = None
        return
    record = find_by_code(model, code)
    if record is None:
        raise ApiError(422, _("No record has the code %(code)s.", code=code), {key: [_("Unknown code.")]})
    data[target] = record.id


def page_args(query: ListQuery, **filters) -> ListArgs:
    """The list filters of an API query."""
    return ListArgs(q=query.q or "", sort=query.sort or "", status=query.status or "", **filters)


def commit_operation(action):
    """Run an operation, commit once; a broken rule answers 422 with the field."""
    try:
        result = action()
    except DomainError as error:
        raise _domain_error(error) from None
    db.session.commit()
    return result


def list_page(select_query, query: ListQuery, out, list_model):
    """One page of `select_query` as a list model (items, page, per_page, total)."""
    page = paginate(select_query, query.page, query.per_page)
    return list_model(
        items=[out(item) for item in page.items], page=page.page, per_page=page.per_page, total=page.total
    )


# ---------------------------------------------------------------- areas


def area_out(area: Area) -> AreaOut:
    """An area as the API returns it."""
    return AreaOut(
        id=area.id,
        code=area.code,
        name=area.name,
        level=area.level,
        parent_code=area.parent.code if area.parent else None,
        is_active=area.is_active,
    )


@endpoint(bp, "/areas", query=AreaQuery, response=AreaList, permission=VIEW, tags=TAGS)
def list_areas(query: AreaQuery):
    """Areas: the children of `parent`, the districts when none, or a search across levels."""
    parent = find_by_code(Area, query.parent) if query.parent else None
    if query.parent and parent is None:
        return AreaList(items=[], page=1, per_page=query.per_page, total=0)
    args = page_args(query, parent_id=parent.id if parent else None, level=query.level or "")
    return list_page(listing.areas(args), query, area_out, AreaList)


@endpoint(bp, "/areas/<int:area_id>", response=AreaOut, permission=VIEW, tags=TAGS)
def get_area(area_id: int):
    """One area."""
    return area_out(get_record(Area, area_id) or not_found())


@endpoint(
    bp, "/areas", method="POST", body=AreaIn, response=AreaOut, status=201, permission=MANAGE, tags=TAGS
)
def create_area(body: AreaIn):
    """Create an area under `parent_code` (none: a district)."""
    data = body.model_dump()
    resolve_code(data, "parent_code", Area, "parent_id")
    return area_out(commit_operation(lambda: operations.create_area(data, api_user())))


@endpoint(
    bp, "/areas/<int:area_id>", method="PATCH", body=AreaPatch, response=AreaOut, permission=MANAGE, tags=TAGS
)
def update_area(area_id: int, body: AreaPatch):
    """Change an area's code, name or parent."""
    area = get_record(Area, area_id) or not_found()
    data = patch_values(body)
    resolve_code(data, "parent_code", Area, "parent_id")
    commit_operation(lambda: operations.update_area(area, data, api_user()))
    return area_out(area)


# ---------------------------------------------------------------- associations


def association_out(a: Association) -> AssociationOut:
    """An association as the API returns it."""
    return AssociationOut(
        id=a.id,
        code=a.code,
        name=a.name,
        area_code=a.area.code if a.area else None,
        address=a.address,
        founded_on=a.founded_on,
        dissolved_on=a.dissolved_on,
        is_active=a.is_active,
    )


@endpoint(bp, "/associations", query=ListQuery, response=AssociationList, permission=VIEW, tags=TAGS)
def list_associations(query: ListQuery):
    """Mediation associations."""
    return list_page(listing.associations(page_args(query)), query, association_out, AssociationList)


@endpoint(bp, "/associations/<int:association_id>", response=AssociationOut, permission=VIEW, tags=TAGS)
def get_association(association_id: int):
    """One association."""
    return association_out(get_record(Association, association_id) or not_found())


@endpoint(
    bp,
    "/associations",
    method="POST",
    body=AssociationIn,
    response=AssociationOut,
    status=201,
    permission=MANAGE,
    tags=TAGS,
)
def create_association(body: AssociationIn):
    """Create an association."""
    data = body.model_dump()
    resolve_code(data, "area_code", Area, "area_id")
    return association_out(commit_operation(lambda: operations.create_association(data, api_user())))


@endpoint(
    bp,
    "/associations/<int:association_id>",
    method="PATCH",
    body=AssociationPatch,
    response=AssociationOut,
    permission=MANAGE,
    tags=TAGS,
)
def update_association(association_id: int, body: AssociationPatch):
    """Change an association."""
    association = get_record(Association, association_id) or not_found()
    data = patch_values(body)
    resolve_code(data, "area_code", Area, "area_id")
    commit_operation(lambda: operations.update_association(association, data, api_user()))
    return association_out(association)


# ---------------------------------------------------------------- mediators


def mediator_out(m: Mediator, full: bool = False) -> MediatorOut:
    """A mediator as the API returns it; numbers masked unless `full`."""
    return MediatorOut(
        id=m.id,
        code=m.code,
        name=m.name,
        gender=m.gender,
        employment=m.employment,
        is_expert=m.is_expert,
        id_number=(m.id_number if full else mask_id_number(m.id_number)) or None,
        phone=(m.phone if full else mask_phone(m.phone)) or None,
        joined_on=m.joined_on,
        left_on=m.left_on,
        is_active=m.is_active,
        committees=[
            SeatOut(committee_code=s.committee.code, committee_name=s.committee.name, position=s.position)
            for s in sorted(m.memberships, key=lambda s: s.committee.code)
        ],
        specialities=sorted(t.code for t in m.specialities),
    )


@endpoint(bp, "/mediators", query=MediatorQuery, response=MediatorList, permission=VIEW, tags=TAGS)
def list_mediators(query: MediatorQuery):
    """The mediators the token's user may see (numbers masked in lists)."""
    committee = find_by_code(Committee, query.committee) if query.committee else None
    if query.committee and committee is None:
        return MediatorList(items=[], page=1, per_page=query.per_page, total=0)
    expert = "" if query.expert is None else ("1" if query.expert else "0")
    args = page_args(
        query,
        committee_id=committee.id if committee else None,
        employment=query.employment or "",
        expert=expert,
        as_of=query.as_of,
    )
    return list_page(listing.mediators(api_user(), args), query, mediator_out, MediatorList)


def _mediator(mediator_id: int) -> Mediator:
    return get_visible(visible_mediators(api_user()), Mediator, mediator_id) or not_found()


def _full_view(mediator: Mediator) -> MediatorOut:
    """The mediator with full numbers for roles that may see them, each such view recorded."""
    user = api_user()
    full = can_see_full_personal_data(user)
    if full:
        for field in ("id_number", "phone"):
            if getattr(mediator, field):
                record_full_view(user, "mediator", mediator.id, field)
        db.session.commit()
    return mediator_out(mediator, full)


@endpoint(bp, "/mediators/<int:mediator_id>", response=MediatorOut, permission=VIEW, tags=TAGS)
def get_mediator(mediator_id: int):
    """One mediator; full ID and phone numbers only for roles that need them (and the view is recorded)."""
    return _full_view(_mediator(mediator_id))


def _codes_to_ids(codes: list[str], model, field: str) -> list[int]:
    ids = []
    for code in codes:
        record = find_by_code(model, code)
        if record is None:
            raise ApiError(
                422, _("No record has the code %(code)s.", code=code), {field: [_("Unknown code.")]}
            )
        ids.append(record.id)
    return ids


def _speciality_ids(codes: list[str]) -> list[int]:
    return _codes_to_ids(codes, DisputeType, "specialities")


@endpoint(
    bp,
    "/mediators",
    method="POST",
    body=MediatorIn,
    response=MediatorOut,
    status=201,
    permission=MANAGE,
    tags=TAGS,
)
def create_mediator(body: MediatorIn):
    """Create a mediator serving the given committees."""
    data = body.model_dump()
    committee_ids = _codes_to_ids(data.pop("committees"), Committee, "committees")
    speciality_ids = _speciality_ids(data.pop("specialities"))
    mediator = commit_operation(
        lambda: people.create_mediator(data, api_user(), committee_ids, speciality_ids)
    )
    return _full_view(mediator)


@endpoint(
    bp,
    "/mediators/<int:mediator_id>",
    method="PATCH",
    body=MediatorPatch,
    response=MediatorOut,
    permission=MANAGE,
    tags=TAGS,
)
def update_mediator(mediator_id: int, body: MediatorPatch):
    """Change a mediator; `committees` replaces the committees served."""
    mediator = _mediator(mediator_id)
    data = patch_values(body)
    committees = data.pop("committees", None)
    specialities = data.pop("specialities", None)
    committee_ids = _codes_to_ids(committees, Committee, "committees") if committees is not None else None
    speciality_ids = _speciality_ids(specialities) if specialities is not None else None

    def action():
        people.update_mediator(mediator, data, api_user(), speciality_ids)
        if committee_ids is not None:
            people.set_committees(mediator, committee_ids, api_user())

    commit_operation(action)
    return _full_view(mediator)


# ---------------------------------------------------------------- agencies


def agency_out(a: Agency) -> AgencyOut:
    """An agency as the API returns it."""
    return AgencyOut(id=a.id, code=a.code, name=a.name, kind=a.kind, is_active=a.is_active)


@endpoint(bp, "/agencies", query=AgencyQuery, response=AgencyList, permission=VIEW, tags=TAGS)
def list_agencies(query: AgencyQuery):
    """The district's departments and townships."""
    return list_page(listing.agencies(page_args(query, kind=query.kind or "")), query, agency_out, AgencyList)


@endpoint(bp, "/agencies/<int:agency_id>", response=AgencyOut, permission=VIEW, tags=TAGS)
def get_agency(agency_id: int):
    """One agency."""
    return agency_out(get_record(Agency, agency_id) or not_found())


@endpoint(
    bp,
    "/agencies",
    method="POST",
    body=AgencyIn,
    response=AgencyOut,
    status=201,
    permission=MANAGE,
    tags=TAGS,
)
def create_agency(body: AgencyIn):
    """Create an agency."""
    return agency_out(commit_operation(lambda: operations.create_agency(body.model_dump(), api_user())))


@endpoint(
    bp,
    "/agencies/<int:agency_id>",
    method="PATCH",
    body=AgencyPatch,
    response=AgencyOut,
    permission=MANAGE,
    tags=TAGS,
)
def update_agency(agency_id: int, body: AgencyPatch):
    """Change an agency."""
    agency = get_record(Agency, agency_id) or not_found()
    data = patch_values(body)
    commit_operation(lambda: operations.update_agency(agency, data, api_user()))
    return agency_out(agency)


from casebook.orgs import committee_api  # noqa: E402, F401  (adds the committee endpoints to bp)
