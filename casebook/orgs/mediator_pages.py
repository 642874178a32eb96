"""Pages of mediators and of the expert pool (专家库).

ID and phone numbers are shown masked, except on a mediator's own page (and edit form) to roles with
VIEW_FULL_PERSONAL_DATA; each such full view is recorded (个人信息保护法)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy.orm import selectinload

from casebook.core.errors import DomainError
from casebook.core.inputs import int_arg, page_number
from casebook.core.pagination import paginate
from casebook.core.permissions import Permission, require_permission
from casebook.core.personal import mask_id_number, mask_phone, record_full_view
from casebook.extensions import db
from casebook.orgs import listing, people
from casebook.orgs.forms import MEDIATOR_FIELDS, EndForm, MediatorForm, as_choices, values
from casebook.orgs.models import (
    EMPLOYMENT_LABELS,
    GENDER_LABELS,
    POSITION_LABELS,
    CommitteeMembership,
    Mediator,
)
from casebook.orgs.queries import (
    can_edit_mediator,
    can_manage_orgs,
    can_see_full_personal_data,
    committee_choices,
    dispute_type_choices,
    get_visible,
    history,
    managed_committee_ids,
    visible_mediators,
)
from casebook.orgs.views import bp, can_delete, filter_values, list_args, or_404, show_error

PERSONAL_FIELDS = ("id_number", "phone")


def _mediator_or_404(mediator_id: int) -> Mediator:
    query = visible_mediators(current_user).options(
        selectinload(Mediator.memberships).joinedload(CommitteeMembership.committee),
        selectinload(Mediator.specialities),
    )
    return or_404(get_visible(query, Mediator, mediator_id))


def _list(template: str, experts_only: bool):
    args = list_args()
    if experts_only:
        args.expert = "1"
    page = paginate(listing.mediators(current_user, args), page_number())
    return render_template(
        template,
        page=page,
        args=args,
        filters=filter_values(),
        employment_labels=EMPLOYMENT_LABELS,
        gender_labels=GENDER_LABELS,
        committees=[("", _("All committees")), *committee_choices(current_user)],
        specialities=[("", _("All specialities")), *dispute_type_choices()],
    )


@bp.get("/mediators")
@require_permission(Permission.VIEW_ORGS)
def mediators():
    """Mediators the user may see: filter by committee, employment, expert, status or as-of date."""
    return _list("orgs/mediators.html", experts_only=False)


@bp.get("/experts")
@require_permission(Permission.VIEW_ORGS)
def experts():
    """The expert pool with specialities; filter by speciality."""
    return _list("orgs/experts.html", experts_only=True)


def _may_create() -> bool:
    scope = managed_committee_ids(current_user)
    return can_manage_orgs(current_user) or bool(scope)


def _prepare(form: MediatorForm, mediator: Mediator | None) -> None:
    form.specialities.choices = as_choices(dispute_type_choices(include_inactive=True))
    scope = None if can_manage_orgs(current_user) else managed_committee_ids(current_user)
    keep = [m.committee_id for m in mediator.memberships] if mediator is not None else []
    form.committees.choices = as_choices(
        committee_choices(current_user, only_ids=scope, active_only=True, keep=keep)
    )
    if request.method == "GET" and mediator is not None:
        form.specialities.data = [t.id for t in mediator.specialities]
        form.committees.data = [m.committee_id for m in mediator.memberships]
    if request.method == "GET" and mediator is None and int_arg("committee", minimum=1):
        form.committees.data = [int_arg("committee", minimum=1)]


def _hide_personal_data(form: MediatorForm, mediator: Mediator) -> None:
    """Users who may not see full numbers edit them blind: the field stays empty (= keep) with a hint."""
    for name, mask in (("id_number", mask_id_number), ("phone", mask_phone)):
        current = getattr(mediator, name)
        if current:
            if request.method == "GET":
                form[name].data = ""
            form[name].render_kw = {"placeholder": mask(current)}
            form[name].description = _("Leave empty to keep the number on file.")


@bp.route("/mediators/new", methods=["GET", "POST"])
@require_permission(Permission.VIEW_ORGS)
def new_mediator():
    """Create a mediator (the bureau; a director for the committees they direct)."""
    if not _may_create():
        abort(403)
    form = MediatorForm()
    _prepare(form, None)
    bureau = can_manage_orgs(current_user)
    if form.validate_on_submit():
        chosen = form.committees.data or []
        data = values(form, MEDIATOR_FIELDS)
        if not bureau:  # the expert pool is the bureau's
            data.pop("is_expert")
        try:
            allowed = {choice.value for choice in form.committees.choices}
            if not set(chosen) <= allowed:
                raise DomainError(_("Choose committees from the list."), "committees")
            if not bureau and not chosen:
                raise DomainError(_("Choose the committee the mediator serves."), "committees")
            mediator = people.create_mediator(
                data,
                current_user,
                committee_ids=chosen,
                speciality_ids=(form.specialities.data or []) if bureau else None,
            )
        except DomainError as error:
            db.session.rollback()
            show_error(form, error, "name")
        else:
            db.session.commit()
            flash(_("Mediator %(name)s created.", name=mediator.name), "success")
            return redirect(url_for("orgs.mediator", mediator_id=mediator.id))
    return render_template(
        "orgs/mediator_form.html", form=form, mediator=None, bureau=bureau, show_committees=True
    )


@bp.route("/mediators/<int:mediator_id>/edit", methods=["GET", "POST"])
@require_permission(Permission.VIEW_ORGS)
def edit_mediator(mediator_id: int):
    """Change a mediator; the bureau also sets the committees served here."""
    mediator = _mediator_or_404(mediator_id)
    if not can_edit_mediator(current_user, mediator):
        abort(403)
    form = MediatorForm(obj=mediator)
    _prepare(form, mediator)
    full = can_see_full_personal_data(current_user)
    if full:
        for name in PERSONAL_FIELDS:
            if getattr(mediator, name) and request.method == "GET":
                record_full_view(current_user, "mediator", mediator.id, name)
    else:
        _hide_personal_data(form, mediator)
    bureau = can_manage_orgs(current_user)
    if form.validate_on_submit():
        data = values(form, MEDIATOR_FIELDS)
        if not bureau:  # the expert pool is the bureau's
            data.pop("is_expert")
        if not full:
            for name in PERSONAL_FIELDS:
                if not data[name]:
                    data.pop(name)
        try:
            specialities = (form.specialities.data or []) if bureau else None
            people.update_mediator(mediator, data, current_user, speciality_ids=specialities)
            if bureau:
                people.set_committees(mediator, form.committees.data or [], current_user)
        except DomainError as error:
            db.session.rollback()
            show_error(form, error, "name")
        else:
            db.session.commit()
            flash(_("Saved."), "success")
            return redirect(url_for("orgs.mediator", mediator_id=mediator.id))
    db.session.commit()  # the record of full views
    return render_template(
        "orgs/mediator_form.html", form=form, mediator=mediator, bureau=bureau, show_committees=bureau
    )


@bp.get("/mediators/<int:mediator_id>")
@require_permission(Permission.VIEW_ORGS)
def mediator(mediator_id: int):
    """A mediator with the committees served and specialities; full numbers only to roles that need them."""
    mediator = _mediator_or_404(mediator_id)
    full = can_see_full_personal_data(current_user)
    if full:
        for name in PERSONAL_FIELDS:
            if getattr(mediator, name):
                record_full_view(current_user, "mediator", mediator.id, name)
        db.session.commit()
    memberships = sorted(mediator.memberships, key=lambda m: m.committee.code)
    return render_template(
        "orgs/mediator.html",
        mediator=mediator,
        memberships=memberships,
        full=full,
        employment_labels=EMPLOYMENT_LABELS,
        gender_labels=GENDER_LABELS,
        position_labels=POSITION_LABELS,
        history=history("mediator", mediator.id),
        may_edit=can_edit_mediator(current_user, mediator),
        deletable=can_manage_orgs(current_user) and can_delete(mediator),
        end_form=EndForm(),
    )
