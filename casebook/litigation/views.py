"""Pages of administrative litigation cases (行政应诉): the list, registration, the case page with each step in
court, and the litigation section of the officer's desk."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from casebook.core.clock import today
from casebook.core.errors import DomainError
from casebook.core.forms import add_field_error
from casebook.core.inputs import page_number
from casebook.core.pagination import paginate
from casebook.core.permissions import Permission, can, has_permission, require_permission
from casebook.core.templating import register_navigation
from casebook.extensions import db
from casebook.litigation import actions, codes, forms, operations, queries
from casebook.litigation.deadlines import defence_steps
from casebook.litigation.models import LitigationCase
from casebook.orgs.models import Agency
from casebook.stats import drilldown

bp = Blueprint("litigation", __name__, template_folder="templates", url_prefix="/litigation")
register_navigation("litigation.cases", _l("Litigation"), Permission.VIEW_RECONSIDERATION)

VIEW = Permission.VIEW_RECONSIDERATION
EDIT = Permission.EDIT_RECONSIDERATION


@bp.record_once
def _template_globals(state) -> None:
    """The code lists for the templates, and the desk section the reconsideration desk includes."""
    state.app.jinja_env.globals.update(
        lc=codes,
        lc_field=codes.field_label,
        lc_value=codes.value_label,
        litigation_desk=_desk_section,
    )


def _desk_section():
    """The litigation part of the officer's desk (None for a user who may not see litigation)."""
    if not has_permission(current_user, VIEW):
        return None
    return queries.desk(current_user, today())


def _agency_choices() -> list[tuple[int | None, str]]:
    agencies = db.session.scalars(select(Agency).where(Agency.is_active.is_(True)).order_by(Agency.code))
    return [(None, _("— none (the district government) —"))] + [(a.id, a.name) for a in agencies]


def _case_or_404(case_id: int) -> LitigationCase:
    case = queries.get_case(current_user, case_id)
    if case is None:
        abort(404)
    return case


@bp.get("/")
@require_permission(VIEW, hide=True)
def cases():
    """Every litigation case, with filters (agency, year, instance, outcome) and pagination in the database."""
    filters = queries.parse_filters(request.args)
    drill = drilldown.from_args(request.args, drilldown.LITIGATION)  # a statistic's cases (stats drill-down)
    query = drilldown.apply_to_list(queries.filtered_cases(current_user, filters), drill, current_user)
    page = paginate(query, page_number())
    agencies = db.session.scalars(select(Agency).order_by(Agency.code)).all()
    args = {**filters.args(), **(drill.args() if drill else {})}
    return render_template(
        "litigation/list.html",
        page=page,
        filters=filters,
        agencies=agencies,
        args=args,
        as_of=today(),
        drill=drill,
    )


def _case_values(form) -> dict:
    values = {name: getattr(form, name).data for name in operations.EDITABLE_FIELDS if hasattr(form, name)}
    values["reconsideration_case_no"] = form.reconsideration_case_no.data
    values.pop("reconsideration_case_id", None)
    return values


@bp.route("/new", methods=["GET", "POST"])
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def new_case():
    """Register a case filed against an agency of the district or the district government."""
    form = forms.NewCaseForm()
    form.agency_id.choices = _agency_choices()
    if form.validate_on_submit():
        plaintiff = operations.PartyData(
            kind=form.plaintiff_kind.data,
            name=form.plaintiff_name.data,
            id_number=form.plaintiff_id_number.data,
            credit_code=form.plaintiff_credit_code.data,
            phone=form.plaintiff_phone.data,
            address=form.plaintiff_address.data,
        )
        try:
            case = operations.register_case(
                current_user,
                [plaintiff],
                complaint_served_on=form.complaint_served_on.data,
                **_case_values(form),
            )
        except DomainError as error:
            db.session.rollback()
            field = {"on": "complaint_served_on"}.get(error.field or "", error.field)
            if field in {"name", "id_number", "credit_code", "phone", "kind"}:
                field = f"plaintiff_{field}"
            add_field_error(form, field, error.message, "court")
        else:
            db.session.commit()
            flash(_("Case %(no)s registered.", no=case.court_case_no), "success")
            return redirect(url_for("litigation.case", case_id=case.id))
    return render_template("litigation/case_form.html", form=form, case=None), 422 if form.errors else 200


@bp.route("/<int:case_id>/edit", methods=["GET", "POST"])
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def edit_case(case_id: int):
    """Correct the case's details; each change goes into the history."""
    case = _case_or_404(case_id)
    form = forms.CaseForm(obj=case)
    form.agency_id.choices = _agency_choices()
    if request.method == "GET":
        form.version.data = str(case.version)
        form.reconsideration_case_no.data = (
            case.reconsideration_case.case_no if case.reconsideration_case else ""
        )
    if form.validate_on_submit():
        try:
            changed = operations.update_case(case, current_user, form.version_value(), **_case_values(form))
            db.session.commit()
        except (DomainError, StaleDataError) as error:
            db.session.rollback()
            message = getattr(error, "message", None) or _(
                "Someone else changed this case in the meantime. Reload it and make your change again."
            )
            add_field_error(form, getattr(error, "field", None), message, "court")
        else:
            flash(_("Saved.") if changed else _("Nothing was changed."), "success" if changed else "info")
            return redirect(url_for("litigation.case", case_id=case.id))
    return render_template("litigation/case_form.html", form=form, case=case), 422 if form.errors else 200


# ---------------------------------------------------------------- the case page


def _next_instance_choices(case: LitigationCase) -> list[tuple[int, str]]:
    C = LitigationCase
    rows = db.session.scalars(
        queries.scoped_cases(current_user)
        .where(C.is_voided.is_(False), C.instance != "first", C.id != case.id, C.filed_on >= case.filed_on)
        .order_by(C.filed_on.desc(), C.id.desc())
        .limit(200)
    )
    return [(0, _("— choose —"))] + [(c.id, f"{c.court_case_no} · {c.court}") for c in rows]


def _action_forms(case: LitigationCase, submitted: dict | None = None) -> dict:
    """A form for each action the status allows (the one just submitted keeps its input and errors)."""
    result = {}
    for action in operations.allowed_actions(case):
        if action not in actions.ACTION_FORMS:
            continue
        if submitted and action in submitted:
            result[action] = submitted[action]
            continue
        form = actions.ACTION_FORMS[action](prefix=action, formdata=None)
        form.version.data = str(case.version)
        if hasattr(form, "on") and form.on.data is None and action != "schedule":
            form.on.data = today()
        if action == "appeal":
            form.next_instance_id.choices = _next_instance_choices(case)
        result[action] = form
    return result


def _render_case(case, submitted: dict | None = None, open_action: str | None = None, status: int = 200):
    plaintiff_form = (submitted or {}).get("plaintiff") or forms.PlaintiffForm(
        prefix="plaintiff", formdata=None
    )
    plaintiff_form.version.data = str(case.version)
    return (
        render_template(
            "litigation/case.html",
            case=case,
            previous=queries.previous_instances(current_user, case),
            defence_steps=defence_steps(case),
            action_forms=_action_forms(case, submitted) if can(EDIT) else {},
            action_labels=actions.ACTION_LABELS,
            open_action=open_action,
            plaintiff_form=plaintiff_form,
            history=queries.case_history(case),
            as_of=today(),
        ),
        status,
    )


@bp.get("/<int:case_id>")
@require_permission(VIEW, hide=True)
def case(case_id: int):
    """A case: the court, the defence's due date and its steps, plaintiffs, hearings, judgment, history."""
    return _render_case(_case_or_404(case_id))


def _refused(form, action: str, message: str, field: str | None) -> None:
    fallback = "on" if hasattr(form, "on") else "reason"
    add_field_error(form, field, message, fallback)


@bp.post("/<int:case_id>/act/<action>")
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def act(case_id: int, action: str):
    """Apply one step in court; a refused step says why beside the form, nothing typed is lost."""
    if action not in actions.ACTION_FORMS:
        abort(404)
    case = _case_or_404(case_id)
    form = actions.ACTION_FORMS[action](prefix=action)
    if action == "appeal":
        form.next_instance_id.choices = _next_instance_choices(case)
    if form.validate_on_submit():
        try:
            actions.apply_action(action, case, form, current_user)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            case = _case_or_404(case_id)
            _refused(form, action, error.message, error.field)
        except StaleDataError:
            db.session.rollback()
            case = _case_or_404(case_id)
            _refused(
                form,
                action,
                _("Someone else changed this case in the meantime. Reload it and make your change again."),
                None,
            )
        else:
            flash(_("%(action)s: saved.", action=actions.ACTION_LABELS[action]), "success")
            return redirect(url_for("litigation.case", case_id=case.id))
    return _render_case(case, {action: form}, open_action=action, status=422)


@bp.post("/<int:case_id>/plaintiffs")
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def add_plaintiff(case_id: int):
    """Add a plaintiff; the numbers are validated."""
    case = _case_or_404(case_id)
    form = forms.PlaintiffForm(prefix="plaintiff")
    if form.validate_on_submit():
        data = operations.PartyData(
            kind=form.kind.data,
            name=form.name.data,
            id_number=form.id_number.data,
            credit_code=form.credit_code.data,
            representative=form.representative.data,
            phone=form.phone.data,
            address=form.address.data,
        )
        try:
            operations.add_plaintiff(case, current_user, data, version=form.version_value())
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            case = _case_or_404(case_id)
            add_field_error(form, error.field, error.message, "name")
        else:
            flash(_("Plaintiff added."), "success")
            return redirect(url_for("litigation.case", case_id=case.id) + "#plaintiffs")
    return _render_case(case, {"plaintiff": form}, open_action="plaintiff", status=422)
