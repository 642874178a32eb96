"""JSON API of mediation cases: create, read, list with the list page's filters, update, each transition.

Another committee's case answers 404, as on the pages. A refused transition or a stale `version` answers 409
(the latter with the changes made since); a broken business rule 422 naming the field.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from flask import Blueprint, jsonify
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload
from sqlalchemy.orm.exc import StaleDataError

from casebook.api.base import ApiError, api_user, endpoint
from casebook.core.errors import DomainError
from casebook.core.i18n import current_language
from casebook.core.pagination import paginate
from casebook.core.permissions import Permission, has_permission
from casebook.core.personal import mask_id_number, mask_phone, record_full_view
from casebook.extensions import db
from casebook.mediation import operations, proceedings, schemas
from casebook.mediation.deadline import case_deadline
from casebook.mediation.models import MediationCase, MediationCaseChange, MediationParty
from casebook.mediation.operations import CaseInput, ConcurrentChange, PartyInput
from casebook.mediation.queries import CaseFilters, filtered_cases, get_case, with_list_loaders
from casebook.mediation.states import TransitionRefused

bp = Blueprint("mediation_api", __name__, url_prefix="/api/v1")

VIEW = Permission.VIEW_MEDIATION
TAGS = ["mediation"]
WRITE_ERRORS = {
    409: "The case's status does not allow this, or it changed since `version` (the changes are listed)",
    422: "Invalid data, or a business rule refused it (the field is named)",
}


def _ref(obj, name: str | None = None) -> schemas.MediationRef:
    return schemas.MediationRef(id=obj.id, code=obj.code, name=name or obj.name)


def _type_ref(dispute_type) -> schemas.MediationRef:
    name = dispute_type.name_zh if current_language() == "zh" else dispute_type.name_en
    return schemas.MediationRef(id=dispute_type.id, code=dispute_type.code, name=name)


def summary_out(case: MediationCase) -> schemas.MediationCaseSummaryOut:
    """A list row."""
    return schemas.MediationCaseSummaryOut(
        id=case.id,
        case_no=case.case_no,
        committee=_ref(case.committee),
        dispute_type=_type_ref(case.dispute_type),
        source=case.source,
        status=case.status,
        outcome=case.outcome,
        registered_on=case.registered_on,
        accepted_on=case.accepted_on,
        closed_on=case.closed_on,
        due_on=case.due_on,
        due_on_provisional=case.due_on_provisional,
        provisional_reason=case.provisional_reason,
        is_voided=case.is_voided,
        parties=[p.name for p in case.parties],
        mediators=[_ref(m) for m in case.mediators],
        version=case.version,
    )


def case_out(case: MediationCase, *, full: bool = False) -> schemas.MediationCaseOut:
    """The whole case; ID and phone numbers masked unless `full` (the caller logs the view)."""
    deadline = case_deadline(case)
    result = deadline.result
    lang = current_language()
    parties = [
        schemas.MediationPartyOut(
            id=p.id,
            role=p.role,
            kind=p.kind,
            name=p.name,
            id_number=p.id_number if full else mask_id_number(p.id_number) or None,
            credit_code=p.credit_code if full else mask_id_number(p.credit_code) or None,
            phone=p.phone if full else mask_phone(p.phone) or None,
            address=p.address,
        )
        for p in case.parties
    ]
    c = case.confirmation
    return schemas.MediationCaseOut(
        **summary_out(case).model_dump(),
        area=_ref(case.area) if case.area else None,
        referral_body=case.referral_body,
        agreement_form=case.agreement_form,
        agreement_on=case.agreement_on,
        agreement_content=case.agreement_content,
        agreement_facts=case.agreement_facts,
        agreement_performance=case.agreement_performance,
        failure_routes=case.failure_routes,
        termination_reason=case.termination_reason,
        not_accepted_on=case.not_accepted_on,
        not_accepted_reason=case.not_accepted_reason,
        not_accepted_note=case.not_accepted_note,
        extension_days=case.extension_days,
        void_reason=case.void_reason,
        archived_on=case.archived_on,
        amount=case.amount,
        persons=case.persons,
        summary=case.summary,
        party_details=parties,
        deadline=schemas.MediationDeadlineOut(
            due_on=result.due_on if result else None,
            status=result.status if result else None,
            days_left=result.days_left if result else None,
            provisional=bool(result and result.is_provisional),
            steps=result.lines(lang) if result else [],
            problem=deadline.problem,
        ),
        sessions=[
            schemas.MediationSessionOut(
                id=s.id,
                held_on=s.held_on,
                place=s.place,
                mediator_ids=[m.id for m in s.mediators],
                note=s.note,
            )
            for s in case.sessions
        ],
        extensions=[
            schemas.MediationExtensionOut(id=e.id, agreed_on=e.agreed_on, days=e.days, reason=e.reason)
            for e in case.extensions
        ],
        confirmation=schemas.MediationConfirmationOut(
            applied_on=c.applied_on,
            court=c.court,
            ruling=c.ruling,
            ruling_no=c.ruling_no,
            ruled_on=c.ruled_on,
        )
        if c
        else None,
        followups=[
            schemas.MediationFollowupOut(
                id=f.id, visited_on=f.visited_on, performance=f.performance, note=f.note
            )
            for f in case.followups
        ],
    )


def _case(case_id: int) -> MediationCase:
    case = get_case(api_user(), case_id, for_page=True)
    if case is None:
        raise ApiError(404, _("Not found."))
    return case


def _change_out(change: MediationCaseChange) -> dict:
    return schemas.MediationChangeOut(
        changed_at=change.changed_at,
        user=change.user.name if change.user else None,
        action=change.action,
        field=change.field,
        before=change.before,
        after=change.after,
        note=change.note,
        version=change.version,
    ).model_dump(mode="json")


def _write(run: Callable[[], object], case: MediationCase | None = None, status: int = 200):
    """Check the edit permission, run the operation, commit, answer with the case; errors as JSON."""
    if not has_permission(api_user(), Permission.EDIT_MEDIATION):
        raise ApiError(403, _("You do not have permission to do this."))
    try:
        result = run()
        db.session.commit()
    except ConcurrentChange as error:
        db.session.rollback()
        return _conflict(error.message, error.changes)
    except StaleDataError:
        db.session.rollback()
        return _conflict(_("Someone else changed this case in the meantime; reload it and try again."), [])
    except TransitionRefused as error:
        raise ApiError(409, error.message) from None
    except DomainError as error:
        raise ApiError(422, error.message, {error.field or "body": [error.message]}) from None
    target = case if case is not None else result
    db.session.expire_all()
    out = case_out(_case(target.id))
    response = jsonify(out.model_dump(mode="json"))
    response.status_code = status
    return response


def _conflict(message: str, changes: list[MediationCaseChange]):
    response = jsonify(
        {"error": {"code": 409, "message": message, "changes": [_change_out(c) for c in changes]}}
    )
    response.status_code = 409
    return response


# The personal numbers a read answers masked, and how: a PUT that sends one back masked, or leaves it out, keeps
# the stored number (a client that never saw the full number cannot erase it).
MASKED_NUMBERS = {"id_number": mask_id_number, "credit_code": mask_id_number, "phone": mask_phone}


def _party_input(party: schemas.MediationPartyIn, stored: MediationParty | None) -> PartyInput:
    data = party.model_dump(exclude={"id"})
    if stored is not None:
        for name, mask in MASKED_NUMBERS.items():
            kept = getattr(stored, name)
            if kept and (name not in party.model_fields_set or data[name] in (None, "", mask(kept))):
                data[name] = kept
    return PartyInput(**data)


def _stored_party(case: MediationCase | None, party: schemas.MediationPartyIn, index: int):
    """The stored party a PUT's party stands for: the one of its `id`, else the one at its position."""
    if case is None:
        return None
    by_id = {p.id: p for p in case.parties}
    if party.id is not None:
        if party.id not in by_id:
            raise ApiError(
                422, _("Not a party of this case."), {f"parties.{index}.id": [_("Not a party of this case.")]}
            )
        return by_id[party.id]
    return case.parties[index] if index < len(case.parties) else None


def _input(body: schemas.MediationCaseIn, case: MediationCase | None = None) -> CaseInput:
    """The operation's input from a body; for an update of `case`, masked or omitted numbers keep the stored."""
    return CaseInput(
        committee_id=body.committee_id,
        dispute_type_id=body.dispute_type_id,
        source=body.source,
        referral_body=body.referral_body,
        registered_on=body.registered_on,
        accepted_on=body.accepted_on,
        area_id=body.area_id,
        amount=None if body.amount is None else Decimal(str(round(body.amount, 2))),
        persons=body.persons,
        summary=body.summary,
        mediator_ids=list(body.mediator_ids),
        parties=[_party_input(p, _stored_party(case, p, i)) for i, p in enumerate(body.parties)],
    )


@endpoint(
    bp,
    "/mediation/cases",
    query=schemas.MediationCaseQuery,
    response=schemas.MediationCaseListOut,
    permission=VIEW,
    hide=True,
    tags=TAGS,
)
def list_cases(query: schemas.MediationCaseQuery):
    """Cases the token's user may see, filtered like the list page, one page at a time."""
    filters = CaseFilters(
        **{k: v for k, v in query.model_dump().items() if k not in ("page", "per_page") and v is not None}
    )
    page = paginate(with_list_loaders(filtered_cases(api_user(), filters)), query.page, query.per_page)
    return schemas.MediationCaseListOut(
        items=[summary_out(c) for c in page.items], page=page.page, per_page=page.per_page, total=page.total
    )


@endpoint(
    bp,
    "/mediation/cases",
    method="POST",
    body=schemas.MediationCaseIn,
    response=schemas.MediationCaseOut,
    status=201,
    permission=VIEW,
    hide=True,
    tags=TAGS,
    responses={422: WRITE_ERRORS[422]},
)
def create_case(body: schemas.MediationCaseIn):
    """Register a dispute (登记); a case number is issued."""
    return _write(lambda: operations.register_case(api_user(), _input(body)), status=201)


@endpoint(
    bp,
    "/mediation/cases/<int:case_id>",
    query=schemas.MediationCaseReadQuery,
    response=schemas.MediationCaseOut,
    permission=VIEW,
    hide=True,
    tags=TAGS,
)
def read_case(case_id: int, query: schemas.MediationCaseReadQuery):
    """One case with its parties, deadline and proceedings."""
    case = _case(case_id)
    full = query.full and has_permission(api_user(), Permission.VIEW_FULL_PERSONAL_DATA)
    if full:
        for party in case.parties:
            record_full_view(api_user(), "mediation_party", party.id, "api")
        db.session.commit()
    return case_out(case, full=full)


@endpoint(
    bp,
    "/mediation/cases/<int:case_id>/history",
    response=schemas.MediationHistoryOut,
    permission=VIEW,
    hide=True,
    tags=TAGS,
)
def case_history(case_id: int):
    """Every change to the case: who, when, which field, before and after."""
    case = _case(case_id)
    changes = db.session.scalars(
        select(MediationCaseChange)
        .where(MediationCaseChange.case_id == case.id)
        .options(selectinload(MediationCaseChange.user))
        .order_by(MediationCaseChange.id)
    )
    return {"items": [_change_out(c) for c in changes]}


def _transition(rule: str, body_model, summary: str, run: Callable, method: str = "POST"):
    """Declare one write endpoint on a case: 404 for a case out of reach, then the operation."""

    def view(case_id: int, body):
        case = _case(case_id)
        return _write(lambda: run(case, body), case)

    view.__name__ = rule.strip("/").replace("/", "_").replace("-", "_") or "update_case"
    view.__doc__ = summary
    endpoint(
        bp,
        f"/mediation/cases/<int:case_id>{rule}",
        method=method,
        body=body_model,
        response=schemas.MediationCaseOut,
        permission=VIEW,
        hide=True,
        tags=TAGS,
        responses=WRITE_ERRORS,
        summary=summary,
    )(view)


def _conclusion(body: schemas.MediationConcludeIn) -> operations.Conclusion:
    return operations.Conclusion(**body.model_dump(exclude={"version"}))


def _confirmation(body: schemas.MediationConfirmationIn) -> proceedings.ConfirmationInput:
    return proceedings.ConfirmationInput(**body.model_dump(exclude={"version"}))


u = api_user
_transition(
    "",
    schemas.MediationCaseUpdateIn,
    "Update the registration details, parties and mediators",
    lambda c, b: operations.update_case(u(), c, _input(b, c), b.version),
    method="PUT",
)
_transition(
    "/accept",
    schemas.MediationAcceptIn,
    "Accept the case (受理)",
    lambda c, b: operations.accept_case(u(), c, b.accepted_on, b.version),
)
_transition(
    "/not-accepted",
    schemas.MediationNotAcceptIn,
    "Record that the case is not accepted (不予受理, PML art 17), with its reason",
    lambda c, b: operations.not_accept_case(
        u(), c, operations.NonAcceptance(b.not_accepted_on, b.reason, b.note), b.version
    ),
)
_transition(
    "/start",
    schemas.MediationVersioned,
    "Start mediating",
    lambda c, b: operations.start_mediation(u(), c, b.version),
)
_transition(
    "/conclude",
    schemas.MediationConcludeIn,
    "Conclude: success with an agreement, failure or termination",
    lambda c, b: operations.conclude_case(u(), c, _conclusion(b), b.version),
)
_transition(
    "/reopen",
    schemas.MediationReasonIn,
    "Reopen a concluded case (a director, with a reason)",
    lambda c, b: operations.reopen_case(u(), c, b.reason, b.version),
)
_transition(
    "/archive",
    schemas.MediationArchiveIn,
    "Archive a concluded case",
    lambda c, b: operations.archive_case(u(), c, b.archived_on, b.version),
)
_transition(
    "/void",
    schemas.MediationReasonIn,
    "Void a case registered by mistake",
    lambda c, b: operations.void_case(u(), c, b.reason, b.version),
)
_transition(
    "/sessions",
    schemas.MediationSessionIn,
    "Record a mediation session",
    lambda c, b: proceedings.add_session(u(), c, b.held_on, b.place, list(b.mediator_ids), b.note, b.version),
)
_transition(
    "/extensions",
    schemas.MediationExtensionIn,
    "Extend the time limit with both parties' consent",
    lambda c, b: proceedings.add_extension(u(), c, b.agreed_on, b.days, b.reason, b.version),
)
_transition(
    "/confirmation",
    schemas.MediationConfirmationIn,
    "Record the judicial confirmation and its ruling",
    lambda c, b: proceedings.record_confirmation(u(), c, _confirmation(b), b.version),
    method="PUT",
)
_transition(
    "/followups",
    schemas.MediationFollowupIn,
    "Record a follow-up visit",
    lambda c, b: proceedings.add_followup(u(), c, b.visited_on, b.performance, b.note, b.version),
)
