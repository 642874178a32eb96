"""Pages of the district's frame: areas (a tree), associations, agencies and dispute types."""

from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from casebook.core.errors import DomainError
from casebook.core.inputs import int_arg, page_number
from casebook.core.pagination import paginate
from casebook.core.permissions import Permission, require_permission
from casebook.extensions import db
from casebook.orgs import listing, operations
from casebook.orgs.forms import (
    AGENCY_FIELDS,
    AGENCY_KIND_LABELS,
    AREA_FIELDS,
    ASSOCIATION_FIELDS,
    DISPUTE_TYPE_FIELDS,
    AgencyForm,
    AreaForm,
    AssociationForm,
    DisputeTypeForm,
    EndForm,
    as_choices,
    values,
)
from casebook.orgs.models import (
    AREA_LEVEL_LABELS,
    COMMITTEE_TYPE_LABELS,
    Agency,
    Area,
    Association,
    Committee,
    DisputeType,
)
from casebook.orgs.queries import can_manage_orgs, get_record, history, visible_committees
from casebook.orgs.views import (
    area_select,
    bp,
    can_delete,
    filter_values,
    list_args,
    or_404,
    show_error,
)


def _save(form, fields: list[str], record, create, update, endpoint: str, arg: str, title: str, back: str):
    """The shared create/edit flow: validate, call the operation, commit once, or show messages by fields."""
    if form.validate_on_submit():
        try:
            if record is None:
                record = create(values(form, fields), current_user)
            else:
                update(record, values(form, fields), current_user)
        except DomainError as error:
            db.session.rollback()
            show_error(form, error, fields[0] if fields[0] != "code" else "name")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for(endpoint, **{arg: record.id}))
    return render_template("orgs/form.html", form=form, fields=fields, title=title, back=back)


# ---------------------------------------------------------------- areas


@bp.get("/areas")
@require_permission(Permission.VIEW_ORGS)
def areas():
    """The area tree one level at a time (the children of ?parent=, the district at the top), or a search."""
    args = list_args()
    parent = get_record(Area, args.parent_id) if args.parent_id else None
    if parent is None:
        args.parent_id = None
    page = paginate(listing.areas(args), page_number())
    ids = [a.id for a in page.items]
    trail = []
    node = parent
    while node is not None:
        trail.insert(0, node)
        node = node.parent
    return render_template(
        "orgs/areas.html",
        page=page,
        args=args,
        filters=filter_values(),
        parent=parent,
        trail=trail,
        children=listing.area_child_counts(ids),
        committees=listing.area_committee_counts(ids),
        level_labels=AREA_LEVEL_LABELS,
    )


def _area_form(area: Area | None) -> AreaForm:
    form = AreaForm(obj=area)
    form.parent_id.choices = as_choices(area_select(_("(none: a district)"), keep=form.parent_id.data))
    if request.method == "GET" and area is None and int_arg("parent", minimum=1):
        form.parent_id.data = int_arg("parent", minimum=1)
    return form


@bp.route("/areas/new", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_ORGS)
def new_area():
    """Create an area (its level follows from where it sits in the tree)."""
    form = _area_form(None)
    return _save(
        form,
        AREA_FIELDS,
        None,
        operations.create_area,
        None,
        "orgs.area",
        "area_id",
        _("New area"),
        "orgs.areas",
    )


@bp.route("/areas/<int:area_id>/edit", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_ORGS)
def edit_area(area_id: int):
    """Change an area."""
    area = or_404(get_record(Area, area_id))
    form = _area_form(area)
    return _save(
        form, AREA_FIELDS, area, None, operations.update_area, "orgs.area", "area_id", area.name, "orgs.areas"
    )


@bp.get("/areas/<int:area_id>")
@require_permission(Permission.VIEW_ORGS)
def area(area_id: int):
    """An area: where it sits, the areas under it and the committees in it."""
    area = or_404(get_record(Area, area_id))
    children = db.session.scalars(select(Area).where(Area.parent_id == area.id).order_by(Area.code)).all()
    committees = db.session.scalars(
        visible_committees(current_user).where(Committee.area_id == area.id).order_by(Committee.code)
    ).all()
    return render_template(
        "orgs/area.html",
        area=area,
        children=children,
        committees=committees,
        level_labels=AREA_LEVEL_LABELS,
        type_labels=COMMITTEE_TYPE_LABELS,
        history=history("area", area.id),
        deletable=can_manage_orgs(current_user) and can_delete(area),
    )


# ---------------------------------------------------------------- associations


@bp.get("/associations")
@require_permission(Permission.VIEW_ORGS)
def associations():
    """Mediation associations (人民调解协会)."""
    args = list_args()
    page = paginate(listing.associations(args), page_number())
    return render_template("orgs/associations.html", page=page, args=args, filters=filter_values())


def _association_form(association: Association | None) -> AssociationForm:
    form = AssociationForm(obj=association)
    form.area_id.choices = as_choices(area_select(keep=form.area_id.data))
    return form


@bp.route("/associations/new", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_ORGS)
def new_association():
    """Create an association."""
    return _save(
        _association_form(None),
        ASSOCIATION_FIELDS,
        None,
        operations.create_association,
        None,
        "orgs.association",
        "association_id",
        _("New association"),
        "orgs.associations",
    )


@bp.route("/associations/<int:association_id>/edit", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_ORGS)
def edit_association(association_id: int):
    """Change an association."""
    association = or_404(get_record(Association, association_id))
    return _save(
        _association_form(association),
        ASSOCIATION_FIELDS,
        association,
        None,
        operations.update_association,
        "orgs.association",
        "association_id",
        association.name,
        "orgs.associations",
    )


@bp.get("/associations/<int:association_id>")
@require_permission(Permission.VIEW_ORGS)
def association(association_id: int):
    """An association and the committees it groups."""
    association = or_404(get_record(Association, association_id))
    committees = db.session.scalars(
        visible_committees(current_user)
        .where(Committee.association_id == association.id)
        .order_by(Committee.code)
    ).all()
    return render_template(
        "orgs/association.html",
        association=association,
        committees=committees,
        type_labels=COMMITTEE_TYPE_LABELS,
        history=history("association", association.id),
        deletable=can_manage_orgs(current_user) and can_delete(association),
        end_form=EndForm(),
    )


# ---------------------------------------------------------------- agencies


@bp.get("/agencies")
@require_permission(Permission.VIEW_ORGS)
def agencies():
    """The district's departments and townships (respondents in reconsideration)."""
    args = list_args()
    page = paginate(listing.agencies(args), page_number())
    return render_template(
        "orgs/agencies.html", page=page, args=args, filters=filter_values(), kind_labels=AGENCY_KIND_LABELS
    )


@bp.route("/agencies/new", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_ORGS)
def new_agency():
    """Create an agency."""
    return _save(
        AgencyForm(),
        AGENCY_FIELDS,
        None,
        operations.create_agency,
        None,
        "orgs.agency",
        "agency_id",
        _("New agency"),
        "orgs.agencies",
    )


@bp.route("/agencies/<int:agency_id>/edit", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_ORGS)
def edit_agency(agency_id: int):
    """Change an agency."""
    agency = or_404(get_record(Agency, agency_id))
    return _save(
        AgencyForm(obj=agency),
        AGENCY_FIELDS,
        agency,
        None,
        operations.update_agency,
        "orgs.agency",
        "agency_id",
        agency.name,
        "orgs.agencies",
    )


@bp.get("/agencies/<int:agency_id>")
@require_permission(Permission.VIEW_ORGS)
def agency(agency_id: int):
    """An agency."""
    agency = or_404(get_record(Agency, agency_id))
    return render_template(
        "orgs/agency.html",
        agency=agency,
        kind_labels=AGENCY_KIND_LABELS,
        history=history("agency", agency.id),
        deletable=can_manage_orgs(current_user) and can_delete(agency),
    )


# ---------------------------------------------------------------- dispute types (domain.md §3.3)


@bp.get("/dispute-types")
@require_permission(Permission.VIEW_ORGS)
def dispute_types():
    """The dispute types of national reporting and those the bureau added."""
    args = list_args()
    page = paginate(listing.dispute_types(args), page_number(), per_page=100)
    return render_template("orgs/dispute_types.html", page=page, args=args, filters=filter_values())


@bp.route("/dispute-types/new", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_ORGS)
def new_dispute_type():
    """Add a dispute type with a stable code."""
    form = DisputeTypeForm()
    return _save(
        form,
        ["code", *DISPUTE_TYPE_FIELDS],
        None,
        operations.create_dispute_type,
        None,
        "orgs.dispute_type",
        "type_id",
        _("New dispute type"),
        "orgs.dispute_types",
    )


@bp.route("/dispute-types/<int:type_id>", methods=["GET", "POST"])
@require_permission(Permission.VIEW_ORGS)
def dispute_type(type_id: int):
    """A dispute type: rename it or move it in the list (its code never changes)."""
    dispute_type = or_404(get_record(DisputeType, type_id))
    form = DisputeTypeForm(obj=dispute_type)
    form.code.render_kw = {"readonly": True}
    if request.method == "POST" and not can_manage_orgs(current_user):
        return or_404(None)
    form.code.data = dispute_type.code
    if form.validate_on_submit():
        try:
            operations.update_dispute_type(dispute_type, values(form, DISPUTE_TYPE_FIELDS), current_user)
        except DomainError as error:
            db.session.rollback()
            show_error(form, error, "name_zh")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("orgs.dispute_type", type_id=dispute_type.id))
    return render_template(
        "orgs/dispute_type.html",
        form=form,
        dispute_type=dispute_type,
        history=history("dispute_type", dispute_type.id),
        deletable=can_manage_orgs(current_user) and can_delete(dispute_type),
    )
