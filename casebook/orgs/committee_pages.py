"""Pages of mediation committees (with their members) and of named mediation studios."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from casebook.core.errors import DomainError
from casebook.core.inputs import page_number
from casebook.core.pagination import paginate
from casebook.core.permissions import Permission, require_permission
from casebook.extensions import db
from casebook.orgs import listing, operations, people
from casebook.orgs.forms import (
    COMMITTEE_FIELDS,
    STUDIO_FIELDS,
    CommitteeForm,
    EndForm,
    MemberForm,
    PositionForm,
    StudioForm,
    as_choices,
    values,
)
from casebook.orgs.models import (
    COMMITTEE_TYPE_LABELS,
    POSITION_LABELS,
    Association,
    Committee,
    CommitteeMembership,
    CommitteeType,
    DisputeType,
    Mediator,
    Studio,
)
from casebook.orgs.queries import (
    can_manage_members,
    can_manage_orgs,
    committee_choices,
    committee_member_counts,
    find_by_code,
    get_visible,
    history,
    visible_committees,
    visible_studios,
)
from casebook.orgs.views import (
    area_select,
    bp,
    can_delete,
    filter_values,
    list_args,
    or_404,
    show_error,
)


def _committee_or_404(committee_id: int) -> Committee:
    return or_404(get_visible(visible_committees(current_user), Committee, committee_id))


def sector_names() -> dict[str, str]:
    """{dispute type code: Chinese name}, to show a committee's sector."""
    return dict(db.session.execute(select(DisputeType.code, DisputeType.name_zh)).all())


@bp.get("/committees")
@require_permission(Permission.VIEW_ORGS)
def committees():
    """Committees the user may see: filter by type, area, status or as-of date; search; sort; paginate."""
    args = list_args()
    page = paginate(listing.committees(current_user, args), page_number())
    ids = [c.id for c in page.items]
    return render_template(
        "orgs/committees.html",
        page=page,
        args=args,
        filters=filter_values(),
        members=committee_member_counts(ids),
        directors=listing.committee_directors(ids),
        type_labels=COMMITTEE_TYPE_LABELS,
        sectors=sector_names(),
        areas=area_select(_("All areas")),
    )


def _committee_form(form: CommitteeForm) -> None:
    form.sector.choices = as_choices([("", "—"), *sector_names().items()])
    form.area_id.choices = as_choices(area_select(keep=form.area_id.data))
    associations = db.session.scalars(
        select(Association)
        .where(Association.is_active | (Association.id == form.association_id.data))
        .order_by(Association.code)
    )
    form.association_id.choices = as_choices(
        [("", "—")] + [(a.id, f"{a.code} {a.name}") for a in associations]
    )


@bp.route("/committees/new", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_ORGS)
def new_committee():
    """Create a committee."""
    form = CommitteeForm()
    _committee_form(form)
    if form.validate_on_submit():
        try:
            committee = operations.create_committee(values(form, COMMITTEE_FIELDS), current_user)
        except DomainError as error:
            db.session.rollback()
            show_error(form, error, "name")
        else:
            db.session.commit()
            flash(_("Committee %(name)s created.", name=committee.name), "success")
            return redirect(url_for("orgs.committee", committee_id=committee.id))
    return render_template(
        "orgs/form.html", form=form, fields=COMMITTEE_FIELDS, title=_("New committee"), back="orgs.committees"
    )


@bp.route("/committees/<int:committee_id>/edit", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_ORGS)
def edit_committee(committee_id: int):
    """Change a committee's details."""
    committee = _committee_or_404(committee_id)
    form = CommitteeForm(obj=committee)
    _committee_form(form)
    if form.validate_on_submit():
        try:
            operations.update_committee(committee, values(form, COMMITTEE_FIELDS), current_user)
        except DomainError as error:
            db.session.rollback()
            show_error(form, error, "name")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("orgs.committee", committee_id=committee.id))
    return render_template(
        "orgs/form.html",
        form=form,
        fields=COMMITTEE_FIELDS,
        title=committee.name,
        back_url=url_for("orgs.committee", committee_id=committee.id),
    )


@bp.route("/committees/<int:committee_id>", methods=["GET", "POST"])
@require_permission(Permission.VIEW_ORGS)
def committee(committee_id: int):
    """A committee with its members (director first) and studios; its director adds members here (POST)."""
    committee = _committee_or_404(committee_id)
    manage = can_manage_members(current_user, committee)
    form = MemberForm()
    if request.method == "POST":
        if not manage:
            abort(404)
        if form.validate():
            mediator = find_by_code(Mediator, form.mediator_code.data)
            try:
                if mediator is None:
                    raise DomainError(
                        _("No mediator has the code %(code)s.", code=form.mediator_code.data), "mediator_code"
                    )
                people.add_member(committee, mediator, form.position.data, current_user)
            except DomainError as error:
                db.session.rollback()
                show_error(form, error, "mediator_code")
            else:
                db.session.commit()
                flash(_("%(name)s added to the committee.", name=mediator.name), "success")
                return redirect(url_for("orgs.committee", committee_id=committee.id))
    studios = db.session.scalars(
        select(Studio).where(Studio.committee_id == committee.id).order_by(Studio.name)
    ).all()
    members = people.sorted_members(committee)
    return render_template(
        "orgs/committee.html",
        committee=committee,
        members=members,
        breaches=people.committee_rule_breaches(members),
        studios=studios,
        form=form,
        position_form=PositionForm(),
        end_form=EndForm(),
        manage=manage,
        type_labels=COMMITTEE_TYPE_LABELS,
        position_labels=POSITION_LABELS,
        sectors=sector_names(),
        history=history("committee", committee.id),
        deletable=can_manage_orgs(current_user) and can_delete(committee),
        CommitteeType=CommitteeType,
    )


def _membership_or_404(committee_id: int, membership_id: int) -> CommitteeMembership:
    committee = _committee_or_404(committee_id)
    if not can_manage_members(current_user, committee):
        abort(404)
    membership = db.session.get(CommitteeMembership, membership_id) if membership_id < 2**31 else None
    if membership is None or membership.committee_id != committee.id:
        abort(404)
    return membership


@bp.post("/committees/<int:committee_id>/members/<int:membership_id>/position")
@require_permission(Permission.MANAGE_MEMBERS, hide=True)
def change_position(committee_id: int, membership_id: int):
    """Change a member's position (one director per committee)."""
    membership = _membership_or_404(committee_id, membership_id)
    form = PositionForm()
    try:
        if not form.validate():
            raise DomainError(_("Choose a position."), "position")
        people.change_position(membership, form.position.data, current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("Saved."), "success")
    return redirect(url_for("orgs.committee", committee_id=committee_id))


@bp.post("/committees/<int:committee_id>/members/<int:membership_id>/remove")
@require_permission(Permission.MANAGE_MEMBERS, hide=True)
def remove_member(committee_id: int, membership_id: int):
    """Take a mediator off the committee."""
    membership = _membership_or_404(committee_id, membership_id)
    name = membership.mediator.name
    people.remove_member(membership, current_user)
    db.session.commit()
    flash(_("%(name)s no longer serves this committee.", name=name), "success")
    return redirect(url_for("orgs.committee", committee_id=committee_id))


# ---------------------------------------------------------------- studios


@bp.get("/studios")
@require_permission(Permission.VIEW_ORGS)
def studios():
    """Named mediation studios (e.g. 金牌调解室)."""
    args = list_args()
    page = paginate(listing.studios(current_user, args), page_number())
    return render_template("orgs/studios.html", page=page, args=args, filters=filter_values())


def _studio_form(form: StudioForm, studio: Studio | None) -> None:
    keep = [studio.committee_id] if studio is not None else []
    form.committee_id.choices = as_choices(
        [("", "—"), *committee_choices(current_user, active_only=True, keep=keep)]
    )


def _studio_values(form: StudioForm) -> dict:
    data = values(form, STUDIO_FIELDS)
    code = form.lead_mediator_code.data
    lead = find_by_code(Mediator, code)
    if code and lead is None:
        raise DomainError(_("No mediator has the code %(code)s.", code=code), "lead_mediator_code")
    data["lead_mediator_id"] = lead.id if lead else None
    return data


def _save_studio(studio: Studio | None):
    form = StudioForm(obj=studio)
    _studio_form(form, studio)
    if request.method == "GET" and studio is not None and studio.lead_mediator:
        form.lead_mediator_code.data = studio.lead_mediator.code
    if form.validate_on_submit():
        try:
            data = _studio_values(form)
            if studio is None:
                studio = operations.create_studio(data, current_user)
            else:
                operations.update_studio(studio, data, current_user)
        except DomainError as error:
            db.session.rollback()
            if error.field == "lead_mediator_id":
                error.field = "lead_mediator_code"
            show_error(form, error, "name")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("orgs.studio", studio_id=studio.id))
    fields = ["name", "committee_id", "lead_mediator_code", "address", "founded_on"]
    title = studio.name if studio else _("New studio")
    return render_template("orgs/form.html", form=form, fields=fields, title=title, back="orgs.studios")


@bp.route("/studios/new", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_ORGS)
def new_studio():
    """Create a studio."""
    return _save_studio(None)


@bp.route("/studios/<int:studio_id>/edit", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_ORGS)
def edit_studio(studio_id: int):
    """Change a studio."""
    return _save_studio(or_404(get_visible(visible_studios(current_user), Studio, studio_id)))


@bp.get("/studios/<int:studio_id>")
@require_permission(Permission.VIEW_ORGS)
def studio(studio_id: int):
    """A studio: its committee and lead mediator."""
    studio = or_404(get_visible(visible_studios(current_user), Studio, studio_id))
    return render_template(
        "orgs/studio.html",
        studio=studio,
        history=history("studio", studio.id),
        deletable=can_manage_orgs(current_user) and can_delete(studio),
    )
