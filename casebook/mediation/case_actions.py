"""The case page and the actions on it (accept, not accept, start, conclude, sessions, extensions, confirmation, follow-ups,
archive, reopen, void). Each action posts its own small form; on a refusal the case page is shown again with the
message beside the field and the user's input kept."""

from __future__ import annotations

from collections.abc import Callable

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError
from wtforms.fields.choices import SelectChoice

from casebook.core.clock import today
from casebook.core.errors import DomainError
from casebook.core.forms import add_field_error
from casebook.core.permissions import Permission, can, require_permission
from casebook.core.personal import record_full_view
from casebook.extensions import db
from casebook.mediation import operations, proceedings
from casebook.mediation.deadline import case_deadline, confirmation_due_on
from casebook.mediation.forms import (
    AcceptForm,
    ArchiveForm,
    ConcludeForm,
    ConfirmationForm,
    ExtensionForm,
    FollowupForm,
    NotAcceptForm,
    ReasonForm,
    SessionForm,
    StartForm,
)
from casebook.mediation.models import MediationCase, MediationCaseChange
from casebook.mediation.operations import ConcurrentChange
from casebook.mediation.states import Action, TransitionRefused, allowed_actions
from casebook.mediation.views import EDIT, VIEW, bp, case_or_404, changes_since
from casebook.orgs.models import CommitteeMembership, Mediator

# The form of each action, by the prefix its fields carry on the case page.
FORMS = {
    Action.ACCEPT: AcceptForm,
    Action.NOT_ACCEPT: NotAcceptForm,
    Action.START: StartForm,
    Action.CONCLUDE: ConcludeForm,
    Action.ADD_SESSION: SessionForm,
    Action.EXTEND: ExtensionForm,
    Action.CONFIRM: ConfirmationForm,
    Action.FOLLOW_UP: FollowupForm,
    Action.ARCHIVE: ArchiveForm,
    Action.REOPEN: ReasonForm,
    Action.VOID: ReasonForm,
}


# The endpoint each action's form posts to.
ENDPOINTS = {
    Action.ACCEPT: "mediation.accept",
    Action.NOT_ACCEPT: "mediation.not_accept",
    Action.START: "mediation.start",
    Action.CONCLUDE: "mediation.conclude",
    Action.ADD_SESSION: "mediation.add_session",
    Action.EXTEND: "mediation.extend",
    Action.CONFIRM: "mediation.confirm",
    Action.FOLLOW_UP: "mediation.follow_up",
    Action.ARCHIVE: "mediation.archive",
    Action.REOPEN: "mediation.reopen",
    Action.VOID: "mediation.void",
}


def _form(action: Action, case: MediationCase, *, formdata=True):
    form = FORMS[action](prefix=action.value, formdata=request.form if formdata else None)
    if isinstance(form, SessionForm):
        form.mediator_ids.choices = [
            SelectChoice(m.id, m.name)
            for m in db.session.scalars(
                select(Mediator)
                .join(CommitteeMembership, CommitteeMembership.mediator_id == Mediator.id)
                .where(CommitteeMembership.committee_id == case.committee_id)
                .order_by(Mediator.name)
            )
        ]
    if not formdata:
        _defaults(action, form, case)
    return form


def _defaults(action: Action, form, case: MediationCase) -> None:
    day = today()
    form.version.data = case.version
    for name in (
        "accepted_on",
        "not_accepted_on",
        "closed_on",
        "held_on",
        "agreed_on",
        "applied_on",
        "visited_on",
        "archived_on",
    ):
        if hasattr(form, name):
            getattr(form, name).data = day
    if action == Action.ADD_SESSION:
        form.mediator_ids.data = [m.id for m in case.mediators]
    if action == Action.CONFIRM and case.confirmation is not None:
        c = case.confirmation
        form.applied_on.data, form.court.data, form.ruling.data = c.applied_on, c.court, c.ruling or ""
        form.ruling_no.data, form.ruled_on.data = c.ruling_no, c.ruled_on


def render_case(case: MediationCase, *, posted=None, conflict=None, full: bool = False):
    """The case page; `posted` is (action, form) of a refused submission, shown with its errors and input."""
    actions = allowed_actions(case, current_user)
    forms = {action: _form(action, case, formdata=False) for action in FORMS if action in actions}
    if posted is not None:
        forms[posted[0]] = posted[1]
    history = db.session.scalars(
        select(MediationCaseChange)
        .where(MediationCaseChange.case_id == case.id)
        .options(selectinload(MediationCaseChange.user))
        .order_by(MediationCaseChange.id.desc())
    ).all()
    return render_template(
        "mediation/show.html",
        case=case,
        deadline=case_deadline(case),
        confirmation_due=confirmation_due_on(case),
        actions=actions,
        forms=forms,
        history=history,
        conflict=conflict,
        full=full,
        open_action=posted[0].value if posted else None,
        Action=Action,
        endpoints=ENDPOINTS,
    )


@bp.get("/<int:case_id>")
@require_permission(VIEW, hide=True)
def show(case_id: int):
    """The case page: details, parties, deadline with its steps, the next actions, proceedings and history."""
    case = case_or_404(case_id, for_page=True)
    full = request.args.get("full") == "1" and can(Permission.VIEW_FULL_PERSONAL_DATA)
    if full:
        for party in case.parties:
            if party.id_number or party.credit_code or party.phone:
                record_full_view(current_user, "mediation_party", party.id, "case page")
        db.session.commit()
    return render_case(case, full=full)


def _act(case_id: int, action: Action, run: Callable[[MediationCase, object], object], done: str):
    """Validate the action's form, run the operation, commit once; show refusals on the case page."""
    case = case_or_404(case_id, for_page=True)
    form = _form(action, case)
    if not form.validate_on_submit():
        return render_case(case, posted=(action, form))
    try:
        run(case, form)
        db.session.commit()
    except ConcurrentChange as error:
        db.session.rollback()
        form.version.data = case.version
        return render_case(case, posted=(action, form), conflict=error.changes)
    except StaleDataError:
        db.session.rollback()
        conflict = changes_since(case, form.seen_version)
        form.version.data = db.session.get(MediationCase, case.id).version
        return render_case(case, posted=(action, form), conflict=conflict)
    except TransitionRefused as error:
        db.session.rollback()
        flash(error.message, "error")
        return render_case(case, posted=(action, form))
    except DomainError as error:
        db.session.rollback()
        first = next(
            iter(f.short_name for f in form if f.type not in ("HiddenField", "CSRFTokenField")), "version"
        )
        add_field_error(form, error.field, error.message, first)
        return render_case(case, posted=(action, form))
    flash(done, "success")
    return redirect(url_for("mediation.show", case_id=case.id))


def _route(action: Action, path: str):
    def decorator(function):
        endpoint = require_permission(VIEW, hide=True)(require_permission(EDIT)(function))
        bp.add_url_rule(f"/<int:case_id>/{path}", function.__name__, endpoint, methods=["POST"])
        return function

    return decorator


@_route(Action.ACCEPT, "accept")
def accept(case_id: int):
    """Accept the case (受理)."""
    return _act(
        case_id,
        Action.ACCEPT,
        lambda case, f: operations.accept_case(current_user, case, f.accepted_on.data, f.seen_version),
        _("The case has been accepted; the mediation time limit runs."),
    )


@_route(Action.NOT_ACCEPT, "not-accept")
def not_accept(case_id: int):
    """Not accept the case (不予受理), with its reason."""

    def run(case, f):
        data = operations.NonAcceptance(f.not_accepted_on.data, f.reason.data, f.note.data)
        operations.not_accept_case(current_user, case, data, f.seen_version)

    return _act(
        case_id,
        Action.NOT_ACCEPT,
        run,
        _("The case has been recorded as not accepted; it counts as registered, not as in progress."),
    )


@_route(Action.START, "start")
def start(case_id: int):
    """Start mediating."""
    return _act(
        case_id,
        Action.START,
        lambda case, f: operations.start_mediation(current_user, case, f.seen_version),
        _("Mediation has started."),
    )


@_route(Action.CONCLUDE, "conclude")
def conclude(case_id: int):
    """Conclude: success with an agreement, failure or termination."""

    def run(case, f):
        conclusion = operations.Conclusion(
            outcome=f.outcome.data,
            closed_on=f.closed_on.data,
            agreement_form=f.agreement_form.data or None,
            agreement_on=f.agreement_on.data,
            agreement_content=f.agreement_content.data,
            agreement_facts=f.agreement_facts.data,
            agreement_performance=f.agreement_performance.data,
            failure_routes=f.failure_routes.data,
            termination_reason=f.termination_reason.data,
        )
        operations.conclude_case(current_user, case, conclusion, f.seen_version)

    return _act(case_id, Action.CONCLUDE, run, _("The case has been concluded."))


@_route(Action.ADD_SESSION, "sessions")
def add_session(case_id: int):
    """Record a mediation session."""
    return _act(
        case_id,
        Action.ADD_SESSION,
        lambda case, f: proceedings.add_session(
            current_user,
            case,
            f.held_on.data,
            f.place.data,
            list(f.mediator_ids.data or []),
            f.note.data,
            f.seen_version,
        ),
        _("The session has been recorded."),
    )


@_route(Action.EXTEND, "extensions")
def extend(case_id: int):
    """Extend the time limit with both parties' consent."""
    return _act(
        case_id,
        Action.EXTEND,
        lambda case, f: proceedings.add_extension(
            current_user, case, f.agreed_on.data, f.days.data, f.reason.data, f.seen_version
        ),
        _("The time limit has been extended."),
    )


@_route(Action.CONFIRM, "confirmation")
def confirm(case_id: int):
    """Record the application for judicial confirmation and the ruling."""

    def run(case, f):
        data = proceedings.ConfirmationInput(
            applied_on=f.applied_on.data,
            court=f.court.data,
            ruling=f.ruling.data or None,
            ruling_no=f.ruling_no.data,
            ruled_on=f.ruled_on.data,
        )
        proceedings.record_confirmation(current_user, case, data, f.seen_version)

    return _act(case_id, Action.CONFIRM, run, _("The judicial confirmation has been recorded."))


@_route(Action.FOLLOW_UP, "followups")
def follow_up(case_id: int):
    """Record a follow-up visit."""
    return _act(
        case_id,
        Action.FOLLOW_UP,
        lambda case, f: proceedings.add_followup(
            current_user, case, f.visited_on.data, f.performance.data, f.note.data, f.seen_version
        ),
        _("The follow-up visit has been recorded."),
    )


@_route(Action.ARCHIVE, "archive")
def archive(case_id: int):
    """Archive a concluded case."""
    return _act(
        case_id,
        Action.ARCHIVE,
        lambda case, f: operations.archive_case(current_user, case, f.archived_on.data, f.seen_version),
        _("The case has been archived."),
    )


@_route(Action.REOPEN, "reopen")
def reopen(case_id: int):
    """Reopen a concluded case (a director, with a reason)."""
    return _act(
        case_id,
        Action.REOPEN,
        lambda case, f: operations.reopen_case(current_user, case, f.reason.data, f.seen_version),
        _("The case has been reopened."),
    )


@_route(Action.VOID, "void")
def void(case_id: int):
    """Void a case registered by mistake."""
    return _act(
        case_id,
        Action.VOID,
        lambda case, f: operations.void_case(current_user, case, f.reason.data, f.seen_version),
        _("The case has been voided; it is kept but counts nowhere."),
    )
