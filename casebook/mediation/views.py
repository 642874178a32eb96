"""Pages of mediation cases: my cases, the case list and its export, intake, the case page, edit, print.

The actions on a case (accept, conclude, sessions, …) are in `casebook.mediation.case_actions`, on this blueprint.
"""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import or_, select
from sqlalchemy.orm.exc import StaleDataError
from wtforms.fields.choices import SelectChoice

from casebook.core.clock import today
from casebook.core.dates import query_day
from casebook.core.errors import DomainError
from casebook.core.forms import add_field_error
from casebook.core.inputs import page_number
from casebook.core.pagination import paginate
from casebook.core.permissions import Permission, can, committee_scope, require_permission
from casebook.core.personal import record_full_view
from casebook.core.templating import register_navigation
from casebook.core.views import ROLE_HOME
from casebook.extensions import db
from casebook.mediation import exports, labels, operations
from casebook.mediation.forms import CaseForm
from casebook.mediation.models import MediationCase, MediationCaseChange
from casebook.mediation.operations import CaseInput, ConcurrentChange, PartyInput
from casebook.mediation.queries import (
    CaseFilters,
    committee_choices,
    committees_in_scope,
    filtered_cases,
    get_case,
    my_cases,
    with_list_loaders,
)
from casebook.orgs.models import Area, AreaLevel, CommitteeMembership, DisputeType, Mediator
from casebook.stats import drilldown

bp = Blueprint("mediation", __name__, template_folder="templates", url_prefix="/mediation")

register_navigation("mediation.mine", _l("My cases"), Permission.EDIT_MEDIATION)
register_navigation("mediation.index", _l("Mediation cases"), Permission.VIEW_MEDIATION)
ROLE_HOME.setdefault("mediator", "mediation.mine")
ROLE_HOME.setdefault("director", "mediation.mine")

VIEW = Permission.VIEW_MEDIATION
EDIT = Permission.EDIT_MEDIATION


@bp.context_processor
def _labels():
    return {"labels": labels, "can_edit_cases": can(EDIT)}


def case_or_404(case_id: int, *, for_page: bool = False) -> MediationCase:
    """The case if the current user may see it; 404 otherwise (also for another committee's case)."""
    case = get_case(current_user, case_id, for_page=for_page)
    if case is None:
        abort(404)
    return case


# ---------------------------------------------------------------- lists


@bp.get("/mine")
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def mine():
    """My open cases: overdue first, then due soon, then the rest by deadline."""
    whole = request.args.get("all") == "1"
    page = paginate(
        with_list_loaders(my_cases(current_user, whole_committee=whole), mediators=False),
        page_number(),
    )
    return render_template("mediation/mine.html", page=page, whole=whole, due_soon=labels.due_soon_days())


def filters_from_args(args) -> CaseFilters:
    """The list filters from a query string; values that do not parse are ignored."""
    filters = CaseFilters()
    for name in ("q", "status", "outcome", "source", "deadline", "sort"):
        value = (args.get(name) or "").strip()[:100]
        if value:
            setattr(filters, name, value)
    for name in ("dispute_type", "committee", "mediator", "area"):
        value = args.get(name, type=int)
        if value is not None and 0 < value < 2**31:
            setattr(filters, name, value)
    for name in ("registered_from", "registered_to", "closed_from", "closed_to"):
        setattr(filters, name, query_day(args.get(name)))
    filters.voided = args.get("voided") == "1"
    return filters


# A select of every mediator (2,000 in a province) or every village cost more than the page's queries: the
# mediators are listed once a committee narrows them down, the places down to townships (benchmarks/README.md).
MEDIATOR_CHOICES_LIMIT = 200


def filter_choices(filters: CaseFilters) -> dict:
    """Options of the filter selects, limited to what the user may see (and to a length a select can take).

    Plain rows (id and name), not model objects: building 200 committees and 200 mediators as objects cost a
    province's list page more than its own queries (benchmarks/README.md).
    """
    committees = committee_choices(current_user)
    committee_ids = [c.id for c in committees]
    members = select(CommitteeMembership.mediator_id)
    if filters.committee in committee_ids:
        members = members.where(CommitteeMembership.committee_id == filters.committee)
    elif committee_scope(current_user) is not None:  # every committee in scope: no list of all their ids
        members = members.where(CommitteeMembership.committee_id.in_(committee_ids))
    mediators = db.session.execute(
        select(Mediator.id, Mediator.name)
        .where(Mediator.id.in_(members))
        .order_by(Mediator.name)
        .limit(MEDIATOR_CHOICES_LIMIT + 1)
    ).all()
    too_many = len(mediators) > MEDIATOR_CHOICES_LIMIT
    if too_many:
        mediators = db.session.execute(
            select(Mediator.id, Mediator.name).where(Mediator.id == (filters.mediator or 0))
        ).all()
    areas = select(Area.id, Area.name).where(
        or_(Area.level != AreaLevel.VILLAGE, Area.id == (filters.area or 0))
    )
    return {
        "committees": committees,
        "mediators": mediators,
        "mediators_need_committee": too_many,
        "dispute_types": db.session.execute(
            select(DisputeType.id, DisputeType.name_zh, DisputeType.name_en).order_by(
                DisputeType.position, DisputeType.id
            )
        ).all(),
        "areas": db.session.execute(areas.order_by(Area.code)).all(),
    }


@bp.get("/")
@require_permission(VIEW, hide=True)
def index():
    """All cases the user may see, filtered, searched, sorted and paginated in the database."""
    filters = filters_from_args(request.args)
    drill = drilldown.from_args(request.args, drilldown.MEDIATION)  # a statistic's cases (stats drill-down)
    query = drilldown.apply_to_list(filtered_cases(current_user, filters), drill, current_user)
    # A statistic's list shows its number exactly; other lists count up to LIST_COUNT_LIMIT cases.
    count_limit = None if drill else current_app.config["LIST_COUNT_LIMIT"]
    page = paginate(
        with_list_loaders(query, mediators=False),
        page_number(),
        count_limit=count_limit,
    )
    args = {**filters.as_args(), **(drill.args() if drill else {})}
    return render_template(
        "mediation/index.html", page=page, filters=filters, args=args, drill=drill, **filter_choices(filters)
    )


@bp.get("/export.<fmt>")
@require_permission(VIEW, hide=True)
@require_permission(Permission.EXPORT)
def export(fmt: str):
    """The filtered list as CSV or XLSX (every matching case, not only one page)."""
    filters = filters_from_args(request.args)
    if filters.committee is not None and filters.committee not in {
        c.id for c in committees_in_scope(current_user)
    }:
        abort(404)
    drill = drilldown.from_args(request.args, drilldown.MEDIATION)
    if fmt == "csv":
        return exports.csv_response(current_user, filters, drill)
    if fmt == "xlsx":
        return exports.xlsx_response(current_user, filters, drill)
    abort(404)


# ---------------------------------------------------------------- intake and edit


def _fill_choices(form: CaseForm, committee_id: int | None = None) -> None:
    committees = committees_in_scope(current_user)
    form.committee_id.choices = [SelectChoice(c.id, c.name) for c in committees]
    form.dispute_type_id.choices = [
        SelectChoice(t.id, labels.dispute_type_name(t))
        for t in db.session.scalars(
            select(DisputeType)
            .where(DisputeType.is_active.is_(True))
            .order_by(DisputeType.position, DisputeType.id)
        )
    ]
    form.area_id.choices = [(None, "—")] + [
        (a.id, a.name) for a in db.session.scalars(select(Area).order_by(Area.code))
    ]
    ids = [committee_id] if committee_id else [c.id for c in committees]
    rows = db.session.execute(
        select(Mediator.id, Mediator.name, CommitteeMembership.committee_id)
        .join(CommitteeMembership, CommitteeMembership.mediator_id == Mediator.id)
        .where(CommitteeMembership.committee_id.in_(ids))
        .order_by(Mediator.name)
    ).all()
    seen: dict[int, str] = {}
    form.mediator_committees = {}
    for mediator_id, name, in_committee in rows:
        seen.setdefault(mediator_id, name)
        form.mediator_committees.setdefault(mediator_id, []).append(in_committee)
    form.mediator_ids.choices = [SelectChoice(mediator_id, name) for mediator_id, name in seen.items()]


def case_input(form: CaseForm) -> CaseInput:
    """The operation's input from a validated form (blank party rows left out)."""
    parties = [
        PartyInput(
            role=entry.form.role.data,
            kind=entry.form.kind.data,
            name=entry.form.name.data or "",
            id_number=entry.form.id_number.data,
            credit_code=entry.form.credit_code.data,
            phone=entry.form.phone.data,
            address=entry.form.address.data,
        )
        for entry in form.parties.entries
        if not entry.form.is_blank()
    ]
    return CaseInput(
        committee_id=form.committee_id.data or 0,
        dispute_type_id=form.dispute_type_id.data or 0,
        source=form.source.data,
        referral_body=form.referral_body.data,
        registered_on=form.registered_on.data,
        accepted_on=form.accepted_on.data,
        area_id=form.area_id.data,
        amount=form.amount.data,
        persons=form.persons.data,
        summary=form.summary.data,
        mediator_ids=list(form.mediator_ids.data or []),
        parties=parties,
    )


def show_domain_error(form, error: DomainError, fallback: str) -> None:
    """Put a business-rule message beside its field; party fields are named parties-<i>-<field>."""
    field = error.field or ""
    if field.startswith("parties-"):
        _prefix, index, name = field.split("-", 2)
        entries = [e for e in form.parties.entries if not e.form.is_blank()]
        if int(index) < len(entries):
            target = getattr(entries[int(index)].form, name, None)
            if target is not None:
                target.errors = [*list(target.errors), error.message]
                return
    add_field_error(form, field, error.message, fallback)


def _party_rows_requested(form: CaseForm) -> bool:
    """The clerk pressed "add a party": one more empty row, nothing saved."""
    if "add_party" not in request.form:
        return False
    if len(form.parties.entries) < form.parties.max_entries:
        form.parties.append_entry()
    return True


@bp.route("/new", methods=["GET", "POST"])
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def new():
    """Intake (登记): register a dispute with its parties; a case number is issued."""
    form = CaseForm()
    _fill_choices(form)
    if request.method == "GET":
        form.registered_on.data = today()
        form.parties.entries[1].form.role.data = "respondent"
        if form.committee_id.choices:
            form.committee_id.data = form.committee_id.choices[0].value
        if current_user.mediator_id and current_user.mediator_id in {
            c.value for c in form.mediator_ids.choices
        }:
            form.mediator_ids.data = [current_user.mediator_id]
    elif not _party_rows_requested(form) and form.validate_on_submit():
        try:
            case = operations.register_case(current_user, case_input(form))
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error, "summary")
        else:
            flash(_("Case %(case_no)s registered.", case_no=case.case_no), "success")
            return redirect(url_for("mediation.show", case_id=case.id))
    return render_template("mediation/case_form.html", form=form, case=None)


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def edit(case_id: int):
    """Edit the registration details and parties; a stale version is refused and the input kept."""
    case = case_or_404(case_id, for_page=True)
    form = CaseForm(obj=None if request.method == "POST" else case)
    _fill_choices(form, case.committee_id)
    conflict = None
    if request.method == "GET":
        form.version.data = case.version
        form.mediator_ids.data = [m.id for m in case.mediators]
        _fill_parties(form, case)
    elif not _party_rows_requested(form) and form.validate_on_submit():
        try:
            operations.update_case(current_user, case, case_input(form), form.seen_version)
            db.session.commit()
        except ConcurrentChange as error:
            db.session.rollback()
            conflict = error.changes
            form.version.data = case.version
        except StaleDataError:
            db.session.rollback()
            conflict = changes_since(case, form.seen_version)
            form.version.data = db.session.get(MediationCase, case.id).version
        except DomainError as error:
            db.session.rollback()
            show_domain_error(form, error, "summary")
        else:
            flash(_("Case %(case_no)s saved.", case_no=case.case_no), "success")
            return redirect(url_for("mediation.show", case_id=case.id))
    return render_template("mediation/case_form.html", form=form, case=case, conflict=conflict)


def _fill_parties(form: CaseForm, case: MediationCase) -> None:
    while len(form.parties.entries) < len(case.parties):
        form.parties.append_entry()
    for entry, party in zip(form.parties.entries, case.parties, strict=False):
        for name in ("role", "kind", "name", "id_number", "credit_code", "phone", "address"):
            getattr(entry.form, name).data = getattr(party, name) or ""
        if party.id_number or party.phone or party.credit_code:
            record_full_view(current_user, "mediation_party", party.id, "edit")
    db.session.commit()


def changes_since(case: MediationCase, version: int | None) -> list[MediationCaseChange]:
    """The history rows written after `version` (shown when a save is refused as stale)."""
    return list(
        db.session.scalars(
            select(MediationCaseChange)
            .where(MediationCaseChange.case_id == case.id, MediationCaseChange.version > (version or 0))
            .order_by(MediationCaseChange.id)
        )
    )


# ---------------------------------------------------------------- print


@bp.get("/<int:case_id>/agreement")
@require_permission(VIEW, hide=True)
def agreement(case_id: int):
    """The agreement ready to print: a written one as the 人民调解协议书 (PML art 29), an oral one as the 口头调解协议
    登记表 (art 30: in effect when reached, its content recorded by the mediator; nothing to sign)."""
    case = case_or_404(case_id, for_page=True)
    if case.outcome != "success":
        abort(404)
    template = "print_oral_agreement" if case.agreement_form == "oral" else "print_agreement"
    return render_template(f"mediation/{template}.html", case=case, full=_show_full(case))


@bp.get("/<int:case_id>/registration")
@require_permission(VIEW, hide=True)
def registration(case_id: int):
    """The case registration form (人民调解登记表) ready to print."""
    case = case_or_404(case_id, for_page=True)
    return render_template("mediation/print_registration.html", case=case, full=_show_full(case))


def _show_full(case: MediationCase) -> bool:
    """Full ID and phone numbers for users allowed to see them, each view logged; masked for others."""
    if not can(Permission.VIEW_FULL_PERSONAL_DATA):
        return False
    for party in case.parties:
        if party.id_number or party.credit_code or party.phone:
            record_full_view(current_user, "mediation_party", party.id, "print")
    db.session.commit()
    return True


from casebook.mediation import case_actions  # noqa: E402, F401  (the action routes on this blueprint)
