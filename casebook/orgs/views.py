"""Pages of the mediation network and agencies: the summary (组织统计), shared helpers and the
deactivate/reactivate/delete actions. The record pages are in committee_pages, mediator_pages and
reference_pages, which add their routes to this blueprint."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from casebook.core.clock import today
from casebook.core.dates import query_day
from casebook.core.errors import DomainError
from casebook.core.forms import add_field_error
from casebook.core.inputs import optional_record_id
from casebook.core.permissions import Permission, require_permission
from casebook.core.templating import register_navigation
from casebook.extensions import db
from casebook.orgs import operations
from casebook.orgs.forms import EndForm
from casebook.orgs.listing import ListArgs
from casebook.orgs.models import (
    COMMITTEE_TYPE_LABELS,
    Agency,
    Area,
    Association,
    Committee,
    DisputeType,
    Mediator,
    Studio,
)
from casebook.orgs.queries import (
    MAX_ID,
    area_choices,
    get_record,
    organisation_counts,
    reference_count,
)

bp = Blueprint("orgs", __name__, template_folder="templates", url_prefix="/orgs")

register_navigation("orgs.index", _l("Organisations"), Permission.VIEW_ORGS)

# The record kinds of the shared actions: URL segment -> (model, detail endpoint, id argument, label).
KINDS = {
    "areas": (Area, "orgs.area", "area_id"),
    "associations": (Association, "orgs.association", "association_id"),
    "committees": (Committee, "orgs.committee", "committee_id"),
    "mediators": (Mediator, "orgs.mediator", "mediator_id"),
    "studios": (Studio, "orgs.studio", "studio_id"),
    "agencies": (Agency, "orgs.agency", "agency_id"),
    "dispute-types": (DisputeType, "orgs.dispute_type", "type_id"),
}


# ---------------------------------------------------------------- helpers for the page modules


def list_args() -> ListArgs:
    """The list filters of the current request, read defensively (bad values are ignored)."""
    args = request.args

    def text(name: str) -> str:
        return (args.get(name) or "").replace("\x00", "").strip()[:100]

    def ident(name: str) -> int | None:
        value = optional_record_id(args.get(name))
        return value if value is not None and 0 < value <= MAX_ID else None

    return ListArgs(
        q=text("q"),
        sort=text("sort"),
        status=text("status"),
        area_id=ident("area"),
        committee_id=ident("committee"),
        type=text("type"),
        employment=text("employment"),
        expert=text("expert"),
        speciality_id=ident("speciality"),
        kind=text("kind"),
        level=text("level"),
        parent_id=ident("parent"),
        as_of=query_day(args.get("as_of")),
    )


def filter_values() -> dict:
    """The current query string without the page, for pager and sort links."""
    return {k: v for k, v in request.args.items() if k != "page" and v}


def or_404(record):
    """The record, or a 404 page (also for records outside the user's scope)."""
    if record is None:
        abort(404)
    return record


def show_error(form, error: DomainError, fallback: str) -> None:
    """Put a business-rule message beside the field it is about."""
    add_field_error(form, error.field, error.message, fallback)


def area_select(blank_label=None, keep: int | None = None) -> list[tuple]:
    """Choices for an area select, with an empty choice first (`keep`: the current value, even if inactive)."""
    return [("", blank_label or "—"), *area_choices(keep)]


# ---------------------------------------------------------------- summary (组织统计)


@bp.get("/")
@require_permission(Permission.VIEW_ORGS)
def index():
    """Counts as of a chosen date (domain.md §4): associations, committees by type and area, mediators."""
    as_of = query_day(request.args.get("as_of")) or today()
    area_id = optional_record_id(request.args.get("area"))
    if area_id is not None and get_record(Area, area_id) is None:
        area_id = None
    counts = organisation_counts(as_of, current_user, area_id=area_id)
    return render_template(
        "orgs/summary.html",
        counts=counts,
        as_of=as_of,
        area_id=area_id,
        areas=area_select(_("Whole district")),
        type_labels=COMMITTEE_TYPE_LABELS,
    )


# ---------------------------------------------------------------- deactivate, reactivate, delete


def _action_target(kind: str, record_id: int):
    if kind not in KINDS:
        abort(404)
    model, endpoint, arg = KINDS[kind]
    record = or_404(get_record(model, record_id))
    return record, url_for(endpoint, **{arg: record.id})


@bp.post("/<kind>/<int:record_id>/deactivate")
@require_permission(Permission.MANAGE_ORGS)
def deactivate(kind: str, record_id: int):
    """Take a record out of use (dissolve a committee or association, a mediator leaves, on a date)."""
    record, back = _action_target(kind, record_id)
    on = None
    if type(record) in operations.END_DATES:
        form = EndForm()
        if not form.validate():
            flash(_("Enter a valid date."), "error")
            return redirect(back)
        on = form.on.data
    try:
        operations.deactivate(record, current_user, on)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(back)
    db.session.commit()
    flash(_("Saved."), "success")
    return redirect(back)


@bp.post("/<kind>/<int:record_id>/reactivate")
@require_permission(Permission.MANAGE_ORGS)
def reactivate(kind: str, record_id: int):
    """Put a record back into use."""
    record, back = _action_target(kind, record_id)
    operations.reactivate(record, current_user)
    db.session.commit()
    flash(_("Saved."), "success")
    return redirect(back)


@bp.post("/<kind>/<int:record_id>/delete")
@require_permission(Permission.MANAGE_ORGS)
def delete(kind: str, record_id: int):
    """Delete a record nothing refers to (otherwise it can only be deactivated)."""
    record, back = _action_target(kind, record_id)
    try:
        operations.delete_record(record, current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
        return redirect(back)
    db.session.commit()
    flash(_("Deleted."), "success")
    lists = {"dispute-types": "orgs.dispute_types"}
    return redirect(url_for(lists.get(kind, f"orgs.{kind}")))


def can_delete(record) -> bool:
    """True when nothing refers to the record (the page then offers Delete besides Deactivate)."""
    return reference_count(record) == 0


from casebook.orgs import committee_pages, mediator_pages, reference_pages  # noqa: E402, F401
