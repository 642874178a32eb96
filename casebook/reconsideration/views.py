"""Pages of administrative reconsideration cases: the officer's desk, lists and exports, receipt, the case page
with each step of the procedure, and the printable notices."""

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
from casebook.core.permissions import Permission, Role, can, require_permission
from casebook.core.personal import record_full_view
from casebook.core.templating import register_navigation
from casebook.core.views import ROLE_HOME
from casebook.deadlines import CalendarYearUnknown
from casebook.extensions import db
from casebook.orgs.models import Agency
from casebook.reconsideration import actions, codes, exports, forms, operations, queries, workflow
from casebook.reconsideration.deadlines import (
    answer_flag,
    application_period_for_display,
    deadline_for_display,
    service_due_on,
)
from casebook.reconsideration.models import ReconsiderationParty
from casebook.stats import drilldown

bp = Blueprint("reconsideration", __name__, template_folder="templates", url_prefix="/reconsideration")
register_navigation("reconsideration.home", _l("Reconsideration"), Permission.VIEW_RECONSIDERATION)
ROLE_HOME[Role.RECONSIDERATION.value] = "reconsideration.home"

VIEW = Permission.VIEW_RECONSIDERATION
EDIT = Permission.EDIT_RECONSIDERATION


@bp.record_once
def _template_globals(state) -> None:
    """The code lists and the displayed status, for the templates (macros included)."""
    state.app.jinja_env.globals.update(
        rc=codes, rc_status=workflow.display_status, rc_field=codes.field_label, rc_value=codes.value_label
    )


def _agency_choices() -> list[tuple[int, str]]:
    agencies = db.session.scalars(select(Agency).where(Agency.is_active.is_(True)).order_by(Agency.code))
    return [(0, _("— choose —"))] + [(a.id, a.name) for a in agencies]


def _case_or_404(case_id: int):
    case = queries.get_case(current_user, case_id)
    if case is None:
        abort(404)
    return case


# ---------------------------------------------------------------- desk, lists, exports


@bp.get("/")
@require_permission(VIEW, hide=True)
def home():
    """The officer's desk: cases by urgency, suspended cases, what waits on the applicant or respondent."""
    return render_template("reconsideration/home.html", desk=queries.desk(current_user, today()))


@bp.get("/data-quality")
@require_permission(VIEW, hide=True)
def data_quality():
    """Cases whose records the law flags (a late acceptance notice, an overdue supplement, a late answer)."""
    return render_template(
        "reconsideration/data_quality.html", flags=queries.data_quality(current_user, today()), as_of=today()
    )


def _list_context():
    filters = queries.parse_filters(request.args)
    drill = drilldown.from_args(
        request.args, drilldown.RECONSIDERATION
    )  # a statistic's cases (stats drill-down)
    query = drilldown.apply_to_list(
        queries.filtered_cases(current_user, filters, today()), drill, current_user
    )
    return filters, query, drill


@bp.get("/cases")
@require_permission(VIEW, hide=True)
def cases():
    """All cases with filters, search and pagination in the database."""
    filters, query, drill = _list_context()
    page = paginate(query, page_number())
    agencies = db.session.scalars(select(Agency).order_by(Agency.code)).all()
    return render_template(
        "reconsideration/list.html",
        page=page,
        filters=filters,
        agencies=agencies,
        as_of=today(),
        drill=drill,
        args={**filters.args(), **(drill.args() if drill else {})},
    )


@bp.get("/cases.<fmt>")
@require_permission(VIEW, hide=True)
@require_permission(Permission.EXPORT)
def export(fmt: str):
    """The filtered list as CSV or XLSX (streamed; formulas neutralised)."""
    if fmt not in ("csv", "xlsx"):
        abort(404)
    _filters, query, _drill = _list_context()
    return exports.export_response(query, fmt)


# ---------------------------------------------------------------- receipt and corrections


@bp.route("/cases/new", methods=["GET", "POST"])
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def new_case():
    """收到申请: register an application with its first applicant."""
    form = forms.NewCaseForm()
    form.agency_id.choices = _agency_choices()
    if request.method == "GET":
        form.received_on.data = today()
    if form.validate_on_submit():
        parties = [_applicant_from(form)]
        if (form.agent_name.data or "").strip():
            parties.append(
                operations.PartyData(role="agent", name=form.agent_name.data, phone=form.agent_phone.data)
            )
        try:
            case = operations.receive_case(current_user, parties, **_receipt_values(form))
        except DomainError as error:
            db.session.rollback()
            add_field_error(form, _new_case_field(error.field), error.message, "received_on")
        else:
            db.session.commit()
            flash(_("Case %(no)s registered.", no=case.case_no), "success")
            if case.is_late_application:
                flash(
                    _(
                        "The application came more than 60 days after the applicant learned of the act (ARL23 art 20); it is flagged as late."
                    ),
                    "warning",
                )
            return redirect(url_for("reconsideration.case", case_id=case.id))
    return render_template("reconsideration/receipt_form.html", form=form, case=None)


def _applicant_from(form) -> operations.PartyData:
    return operations.PartyData(
        role="applicant",
        kind=form.applicant_kind.data,
        name=form.applicant_name.data,
        id_number=form.applicant_id_number.data,
        credit_code=form.applicant_credit_code.data,
        representative=form.applicant_representative.data,
        phone=form.applicant_phone.data,
        address=form.applicant_address.data,
    )


def _new_case_field(field: str | None) -> str | None:
    party_fields = {"name", "id_number", "credit_code", "phone", "kind"}
    return f"applicant_{field}" if field in party_fields else field


def _receipt_values(form, with_case_no: bool = True) -> dict:
    values = {name: getattr(form, name).data for name in operations.EDITABLE_FIELDS if hasattr(form, name)}
    for name in ("act_document_no", "request", "special_limit_reason"):
        values[name] = (values.get(name) or "").strip() or None
    if with_case_no:
        values["case_no"] = (form.case_no.data or "").strip() or None
    return values


@bp.route("/cases/<int:case_id>/edit", methods=["GET", "POST"])
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def edit_case(case_id: int):
    """Correct the receipt's details; each change goes into the history."""
    case = _case_or_404(case_id)
    form = forms.ReceiptForm(obj=case)
    del form.case_no
    form.agency_id.choices = _agency_choices()
    if request.method == "GET":
        form.version.data = str(case.version)
    if form.validate_on_submit():
        try:
            changed = operations.update_case(
                case, current_user, form.version_value(), **_receipt_values(form, with_case_no=False)
            )
        except DomainError as error:
            db.session.rollback()
            add_field_error(form, error.field, error.message, "received_on")
        else:
            db.session.commit()
            flash(_("Saved.") if changed else _("Nothing was changed."), "success" if changed else "info")
            return redirect(url_for("reconsideration.case", case_id=case.id))
    return render_template("reconsideration/receipt_form.html", form=form, case=case)


# ---------------------------------------------------------------- the case page


def _action_forms(case, submitted: dict | None = None) -> dict:
    """A form for each action the status allows (the one just submitted keeps its input and errors)."""
    result = {}
    for action in actions.ACTION_FORMS:
        if action in workflow.allowed_actions(case) and actions.applies(action, case):
            if submitted and action in submitted:
                result[action] = submitted[action]
                continue
            form = actions.bind(actions.ACTION_FORMS[action](prefix=action, formdata=None), case)
            form.version.data = str(case.version)
            if hasattr(form, "on") and form.on.data is None:
                form.on.data = today()
            result[action] = form
    return result


def _render_case(
    case, submitted: dict | None = None, open_action: str | None = None, status: int = 200, revealed=None
):
    party_form = (submitted or {}).get("party") or forms.PartyForm(prefix="party", formdata=None)
    party_form.version.data = str(case.version)
    return (
        render_template(
            "reconsideration/case.html",
            case=case,
            deadline=deadline_for_display(case),
            service_due=_service_due(case),
            application_period=application_period_for_display(case),
            answer_flag=answer_flag(case, today()),
            in_court=queries.challenged_in_court(current_user, case),
            action_forms=_action_forms(case, submitted) if can(EDIT) else {},
            action_labels=actions.ACTION_LABELS,
            open_action=open_action,
            party_form=party_form,
            history=queries.case_history(case),
            as_of=today(),
            revealed=revealed,
            documents=printable_documents(case),
        ),
        status,
    )


def _service_due(case):
    """When the copy of the application must reach the respondent (ARL23 art 48), if it can be known."""
    try:
        return service_due_on(case) if case.acceptance == "accepted" else None
    except CalendarYearUnknown:
        return None


@bp.get("/cases/<int:case_id>")
@require_permission(VIEW, hide=True)
def case(case_id: int):
    """A case with its deadlines and the engine's steps, parties, suspensions, events, actions and history."""
    return _render_case(_case_or_404(case_id))


@bp.post("/cases/<int:case_id>/act/<action>")
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def act(case_id: int, action: str):
    """Apply one step of the procedure; a refused step says why beside the form, nothing typed is lost."""
    if action not in actions.ACTION_FORMS:
        abort(404)
    case = _case_or_404(case_id)
    form = actions.bind(actions.ACTION_FORMS[action](prefix=action), case)
    if form.validate_on_submit():
        try:
            actions.apply_action(action, case, form, current_user)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            case = _case_or_404(case_id)
            add_field_error(
                form, actions.action_field(action, error.field), error.message, actions.fallback_field(form)
            )
        except StaleDataError:
            db.session.rollback()
            case = _case_or_404(case_id)
            add_field_error(
                form,
                None,
                _("Someone else changed this case in the meantime. Reload it and make your change again."),
                actions.fallback_field(form),
            )
        else:
            flash(_("%(action)s: saved.", action=actions.ACTION_LABELS[action]), "success")
            return redirect(url_for("reconsideration.case", case_id=case.id))
    return _render_case(case, {action: form}, open_action=action, status=422)


@bp.post("/cases/<int:case_id>/parties")
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def add_party(case_id: int):
    """Add an applicant, agent or third party; numbers are validated."""
    case = _case_or_404(case_id)
    form = forms.PartyForm(prefix="party")
    if form.validate_on_submit():
        data = operations.PartyData(
            role=form.role.data,
            kind=form.kind.data,
            name=form.name.data,
            id_number=form.id_number.data,
            credit_code=form.credit_code.data,
            representative=form.representative.data,
            phone=form.phone.data,
            address=form.address.data,
        )
        try:
            operations.check_version(case, form.version_value())
            operations.add_party(case, current_user, data)
            db.session.commit()
        except DomainError as error:
            db.session.rollback()
            case = _case_or_404(case_id)
            add_field_error(form, error.field, error.message, "name")
        else:
            flash(_("Party added."), "success")
            return redirect(url_for("reconsideration.case", case_id=case.id) + "#parties")
    return _render_case(case, {"party": form}, open_action="party", status=422)


def _party_or_404(case, party_id: int) -> ReconsiderationParty:
    party = next((p for p in case.parties if p.id == party_id), None)
    if party is None:
        abort(404)
    return party


@bp.post("/cases/<int:case_id>/parties/<int:party_id>/remove")
@require_permission(VIEW, hide=True)
@require_permission(EDIT)
def remove_party(case_id: int, party_id: int):
    """Remove a party entered by mistake."""
    case = _case_or_404(case_id)
    party = _party_or_404(case, party_id)
    try:
        operations.remove_party(case, current_user, party)
        db.session.commit()
        flash(_("Party removed."), "success")
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    return redirect(url_for("reconsideration.case", case_id=case_id) + "#parties")


@bp.post("/cases/<int:case_id>/parties/<int:party_id>/reveal")
@require_permission(VIEW, hide=True)
@require_permission(Permission.VIEW_FULL_PERSONAL_DATA)
def reveal_party(case_id: int, party_id: int):
    """Show a party's full numbers once; the look is recorded (个人信息保护法)."""
    case = _case_or_404(case_id)
    party = _party_or_404(case, party_id)
    for field in ("id_number", "credit_code", "phone"):
        if getattr(party, field):
            record_full_view(current_user, "reconsideration_party", party.id, field)
    db.session.commit()
    return _render_case(case, revealed=party.id)


# ---------------------------------------------------------------- printable documents


DOCUMENTS = {
    "acceptance": _l("Acceptance notice"),
    "supplement": _l("Notice to supply materials"),
    "suspension": _l("Suspension notice"),
    "decision": _l("Decision cover page"),
}
# What a document is filled from: a notice of a step the case has not taken is not printable.
PRINTABLE = {
    "acceptance": lambda case: case.acceptance == "accepted",
    "supplement": lambda case: case.supplement_requested_on is not None,
    "suspension": lambda case: bool(case.suspensions),
    "decision": lambda case: case.outcome is not None,
}


def printable_documents(case) -> dict[str, str]:
    """The documents the case can be printed as, by key, with their titles."""
    return {doc: str(title) for doc, title in DOCUMENTS.items() if PRINTABLE[doc](case)}


@bp.get("/cases/<int:case_id>/print/<doc>")
@require_permission(VIEW, hide=True)
def print_document(case_id: int, doc: str):
    """A print-ready notice filled from the case (404 for a step the case has not taken)."""
    case = _case_or_404(case_id)
    if doc not in printable_documents(case):
        abort(404)
    return render_template(
        f"reconsideration/print/{doc}.html",
        case=case,
        title=DOCUMENTS[doc],
        deadline=deadline_for_display(case),
        office=_office_name(),
        as_of=today(),
    )


def _office_name() -> str:
    from flask import current_app

    return current_app.config.get("RECONSIDERATION_OFFICE_NAME") or _("District People's Government")
