"""JSON API of reconsideration cases: create, read, list, update and each step of the procedure.

Directors and mediators get 404 for every operation (the area is hidden from them); the bureau reads and gets
403 for writes. A malformed body answers 422; a well-formed request that a rule refuses (the case's status, the
law's dates and limits, an unknown respondent) or that was prepared against an older version answers 409 with the
reason and the field. Personal numbers are always masked here.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm.exc import StaleDataError

from casebook.api.base import ApiError, api_user, endpoint
from casebook.core.clock import today
from casebook.core.errors import DomainError
from casebook.core.i18n import current_language
from casebook.core.pagination import paginate
from casebook.core.permissions import Permission, has_permission
from casebook.core.personal import mask_id_number, mask_phone
from casebook.extensions import db
from casebook.orgs.models import Agency
from casebook.reconsideration import deadlines, operations, queries, workflow
from casebook.reconsideration import schemas as s
from casebook.reconsideration.codes import CORRECTION_OUTCOMES
from casebook.reconsideration.deadlines import deadline_for_display
from casebook.reconsideration.models import ReconsiderationCase

bp = Blueprint("reconsideration_api", __name__, url_prefix="/api/v1")

VIEW = Permission.VIEW_RECONSIDERATION
TAGS = ["reconsideration"]
ERRORS = {409: "Refused by a rule of the law or the case's state, or the case changed since it was read"}


def _require_edit() -> None:
    if not has_permission(api_user(), Permission.EDIT_RECONSIDERATION):
        raise ApiError(403, _("You do not have permission to do this."))


def _case_or_404(case_id: int) -> ReconsiderationCase:
    case = queries.get_case(api_user(), case_id)
    if case is None:
        raise ApiError(404, _("Not found."))
    return case


def _commit_or_error(write: Callable[[], object]):
    """Run a write and commit; business-rule refusals answer 422 (with the field), conflicts 409."""
    try:
        result = write()
        db.session.commit()
    except operations.StaleCase as error:
        db.session.rollback()
        raise ApiError(409, error.message) from None
    except StaleDataError:
        db.session.rollback()
        raise ApiError(
            409, _("Someone else changed this case in the meantime. Reload it and make your change again.")
        ) from None
    except DomainError as error:
        db.session.rollback()
        raise ApiError(409, error.message, {error.field or "body": [error.message]}) from None
    return result


# ---------------------------------------------------------------- answers


def summary(case: ReconsiderationCase) -> dict:
    """A case as a list item."""
    return {
        "id": case.id,
        "case_no": case.case_no,
        "received_on": case.received_on,
        "applicant_names": case.applicant_names,
        "agency": {"id": case.agency.id, "code": case.agency.code, "name": case.agency.name},
        "act_category": case.act_category,
        "law": case.law,
        "status": case.status,
        "display_status": workflow.display_status(case),
        "procedure": case.procedure,
        "acceptance": case.acceptance,
        "accepted_on": case.accepted_on,
        "is_accepted_deemed": case.is_accepted_deemed,
        "due_on": case.due_on,
        "calendar_missing_year": case.calendar_missing_year,
        "due_on_provisional": case.due_on_provisional,
        "provisional_reason": case.provisional_reason,
        "outcome": case.outcome,
        "is_correction": case.outcome in CORRECTION_OUTCOMES,
        "closed_on": case.closed_on,
        "is_late": case.is_late,
        "is_late_application": case.is_late_application,
        "is_voided": case.is_voided,
        "version": case.version,
    }


def detail(case: ReconsiderationCase) -> s.CaseOut:
    """A case with its parties (numbers masked), suspensions, events and the deadline's explanation."""
    as_of = today()
    deadline = deadline_for_display(case, as_of)
    result = deadline.result
    fields = [
        "channel",
        "act_document_no",
        "act_on",
        "learned_on",
        "request",
        "supplement_requested_on",
        "supplement_due_on",
        "supplement_received_on",
        "acceptance_due_on",
        "rejected_on",
        "rejection_reason",
        "converted_on",
        "respondent_served_on",
        "answer_due_on",
        "answer_received_on",
        "respondent_received_on",
        "application_tolled_days",
        "right_learned_on",
        "supplement_notice_received_on",
        "supplement_period_workdays",
        "abandoned_on",
        "is_acceptance_notice_late",
        "decision_served_on",
        "performance_due_on",
        "performed_on",
        "performance_evidence",
        "performance_ordered_on",
        "copied_to_superior_on",
        "published_on",
        "extension_days",
        "extension_approved_by",
        "extension_approved_on",
        "special_limit_days",
        "special_limit_reason",
        "termination_ground",
        "decision_document_no",
        "late_reason",
        "void_reason",
    ]
    period = deadlines.application_period_for_display(case)
    return s.CaseOut(
        **summary(case),
        application_last_day=period.last_day if period else None,
        application_period_rule=period.rule if period else None,
        answer_flag=deadlines.answer_flag(case, as_of),
        is_answer_due_assumed=deadlines.answer_start(case)[1],
        **{name: getattr(case, name) for name in fields},
        parties=[
            {
                "id": p.id,
                "role": p.role,
                "kind": p.kind,
                "name": p.name,
                "id_number_masked": mask_id_number(p.id_number),
                "credit_code_masked": mask_id_number(p.credit_code),
                "phone_masked": mask_phone(p.phone),
                "representative": p.representative,
                "address": p.address,
            }
            for p in case.parties
        ],
        opinions=[
            {
                "id": o.id,
                "kind": o.kind,
                "agency_id": o.agency_id,
                "agency_name": o.agency.name,
                "document_no": o.document_no,
                "content": o.content,
                "issued_on": o.issued_on,
                "received_on": o.received_on,
                "feedback_due_on": o.feedback_due_on,
                "feedback_received_on": o.feedback_received_on,
                "feedback_note": o.feedback_note,
            }
            for o in case.opinions
            if o.withdrawn_reason is None
        ],
        suspensions=[
            {
                "from_on": x.from_on,
                "to_on": x.to_on,
                "ground": x.ground,
                "days": x.days(as_of),
                "note": x.note,
            }
            for x in case.suspensions
        ],
        events=[
            {
                "kind": e.kind,
                "occurred_on": e.occurred_on,
                "due_on": e.due_on,
                "notice_on": e.notice_on,
                "panel": e.panel,
                "approver": e.approver,
                "days": e.days,
                "note": e.note,
            }
            for e in case.events
        ],
        deadline={
            "status": result.status if result else None,
            "days_left": result.days_left if result else None,
            "supplement_due_on": result.supplement_due_on if result else None,
            "long_suspension_warning": result.long_suspension_warning if result else False,
            "long_suspension_days": result.long_suspension_days if result else None,
            "steps": result.lines(current_language()) if result else [],
            "error": deadline.message(),
        },
    )


def _reloaded(case_id: int) -> s.CaseOut:
    db.session.expire_all()
    return detail(_case_or_404(case_id))


# ---------------------------------------------------------------- cases


@endpoint(bp, "/reconsideration/cases", query=s.CaseListQuery, response=s.CaseListOut, permission=VIEW,
          hide=True, tags=TAGS)  # fmt: skip
def list_cases(query: s.CaseListQuery):
    """List reconsideration cases with filters, newest first."""
    args = {
        k: (v.isoformat() if hasattr(v, "isoformat") else str(v)) for k, v in query.model_dump().items() if v
    }
    filters = queries.parse_filters(args)
    page = paginate(queries.filtered_cases(api_user(), filters, today()), query.page, query.per_page)
    return {"items": [summary(c) for c in page.items], "page": page.page, "per_page": page.per_page,
            "total": page.total}  # fmt: skip


@endpoint(bp, "/reconsideration/cases", method="POST", body=s.CaseCreate, response=s.CaseOut, status=201,
          permission=VIEW, hide=True, tags=TAGS, responses=ERRORS)  # fmt: skip
def create_case(body: s.CaseCreate):
    """Register a received application (收到申请) with its parties; the deadline is computed at once."""
    _require_edit()
    agency_id = body.agency_id
    if agency_id is None:
        agency_id = db.session.scalar(select(Agency.id).where(Agency.code == (body.agency_code or "")))
        if agency_id is None:
            raise ApiError(
                409, _("Choose the respondent agency."), {"agency_code": [_("Unknown agency code.")]}
            )
    parties = [operations.PartyData(**p.model_dump()) for p in body.parties]
    values = body.model_dump(exclude={"parties", "agency_id", "agency_code", "case_no"}, exclude_none=True)
    case = _commit_or_error(
        lambda: operations.receive_case(
            api_user(), parties, case_no=body.case_no, agency_id=agency_id, **values
        )
    )
    return _reloaded(case.id)


@endpoint(
    bp, "/reconsideration/cases/<int:case_id>", response=s.CaseOut, permission=VIEW, hide=True, tags=TAGS
)
def get_case(case_id: int):
    """One case with its deadlines and the steps that explain them."""
    return detail(_case_or_404(case_id))


@endpoint(bp, "/reconsideration/cases/<int:case_id>", method="PATCH", body=s.CaseUpdate, response=s.CaseOut,
          permission=VIEW, hide=True, tags=TAGS, responses=ERRORS)  # fmt: skip
def update_case(case_id: int, body: s.CaseUpdate):
    """Correct the receipt's details (send the version you read)."""
    _require_edit()
    case = _case_or_404(case_id)
    values = body.model_dump(exclude={"version"}, exclude_unset=True)
    _commit_or_error(lambda: operations.update_case(case, api_user(), body.version, **values))
    return _reloaded(case_id)


# ---------------------------------------------------------------- the steps of the procedure


def _step(action: str, body_model, call: Callable, summary_text: str) -> None:
    """Declare POST /reconsideration/cases/<id>/<action> applying one transition."""

    def view(case_id: int, body):
        _require_edit()
        case = _case_or_404(case_id)
        _commit_or_error(lambda: call(case, api_user(), body))
        return _reloaded(case_id)

    view.__name__ = action
    view.__doc__ = summary_text
    endpoint(bp, f"/reconsideration/cases/<int:case_id>/{action.replace('_', '-')}", method="POST",
             body=body_model, response=s.CaseOut, permission=VIEW, hide=True, tags=TAGS,
             responses=ERRORS)(view)  # fmt: skip


_step("request_supplement", s.SupplementBody,
      lambda c, u, b: operations.request_supplement(c, u, b.on, b.items, version=b.version,
                                                    period_workdays=b.period_workdays),
      "Ask the applicant for missing materials (补正, ARL23 art 31).")  # fmt: skip
_step("supplement_notice", s.SupplementNoticeBody,
      lambda c, u, b: operations.record_supplement_notice(c, u, b.on, b.period_workdays, version=b.version),
      "The day the applicant received the request for materials; its period counts from it (ARL23 art 31 ¶2).")  # fmt: skip
_step("receive_supplement", s.DateBody,
      lambda c, u, b: operations.receive_supplement(c, u, b.on, version=b.version),
      "The materials arrived: the acceptance review starts again.")  # fmt: skip
_step("abandon", s.DateBody, lambda c, u, b: operations.abandon(c, u, b.on, version=b.version),
      "Not supplemented in time: the application is deemed abandoned (视为放弃, ARL23 art 31 ¶2).")  # fmt: skip
_step("accept", s.AcceptBody, lambda c, u, b: operations.accept(c, u, b.on, b.procedure, version=b.version),
      "Accept the application (受理, ARL23 art 30).")  # fmt: skip
_step("reject", s.RejectBody, lambda c, u, b: operations.reject(c, u, b.on, b.reason, version=b.version),
      "Do not accept the application (不予受理), with reasons.")  # fmt: skip
_step("serve_respondent", s.ServeBody,
      lambda c, u, b: operations.serve_respondent(c, u, b.on, version=b.version, received_on=b.received_on),
      "The copy of the application was served on the respondent (ARL23 art 48).")  # fmt: skip
_step("respondent_receipt", s.DateBody,
      lambda c, u, b: operations.record_respondent_receipt(c, u, b.on, version=b.version),
      "The day the respondent received the copy (送达回证): the answer period counts from it (ARL23 art 48, 54).")  # fmt: skip
_step("receive_answer", s.DateBody, lambda c, u, b: operations.receive_answer(c, u, b.on, version=b.version),
      "The respondent's written answer arrived.")  # fmt: skip
_step("hearing", s.HearingBody,
      lambda c, u, b: operations.record_hearing(c, u, b.on, b.notice_on, b.panel, b.note, version=b.version),
      "Record a hearing (听证, ARL23 art 50–51).")  # fmt: skip
_step("suspend", s.SuspendBody,
      lambda c, u, b: operations.suspend(c, u, b.on, b.ground, b.note, version=b.version),
      "Suspend the review (中止, ARL23 art 39).")  # fmt: skip
_step("resume", s.DateBody, lambda c, u, b: operations.resume(c, u, b.on, version=b.version),
      "Resume the review (恢复审理).")  # fmt: skip
_step("extend", s.ExtendBody,
      lambda c, u, b: operations.extend(c, u, b.on, b.days, b.approver, b.note, version=b.version),
      "Extend the decision limit (ARL23 art 62: ordinary procedure, at most 30 days).")  # fmt: skip
_step("convert", s.ConvertBody, lambda c, u, b: operations.convert(c, u, b.on, b.approver, version=b.version),
      "Convert a simplified case to the ordinary procedure (ARL23 art 55).")  # fmt: skip
_step("conclude", s.ConcludeBody,
      lambda c, u, b: operations.conclude(c, u, b.on, b.outcome, b.termination_ground, b.document_no, b.note,
                                          b.late_reason, version=b.version),
      "Conclude the case by a decision, a mediation statement or a termination.")  # fmt: skip
_step("late_reason", s.ReasonBody,
      lambda c, u, b: operations.record_late_reason(c, u, b.reason, version=b.version),
      "Record why a case was concluded after its deadline.")  # fmt: skip
_step("serve_decision", s.ServeDecisionBody,
      lambda c, u, b: operations.serve_decision(c, u, b.on, b.performance_due_on, version=b.version),
      "The decision was served on the parties; one the respondent carries out gets its due day (ARL23 art 77).")  # fmt: skip
_step("record_performance", s.PerformanceBody,
      lambda c, u, b: operations.record_performance(c, u, b.on, b.evidence, version=b.version),
      "The respondent carried out the decision (ARL23 art 77).")  # fmt: skip
_step("order_performance", s.OrderPerformanceBody,
      lambda c, u, b: operations.order_performance(c, u, b.on, b.due_on, b.note, version=b.version),
      "Order the respondent to carry out the decision within a new period (责令履行, ARL23 art 77).")  # fmt: skip
_step("copy_to_superior", s.DateBody,
      lambda c, u, b: operations.copy_to_superior(c, u, b.on, version=b.version),
      "The decision was copied to the respondent's superior (抄告, ARL23 art 79).")  # fmt: skip
_step("publish_decision", s.DateBody,
      lambda c, u, b: operations.publish_decision(c, u, b.on, version=b.version),
      "The decision was published (ARL23 art 79 ¶1).")  # fmt: skip
_step("issue_opinion", s.OpinionBody,
      lambda c, u, b: operations.issue_opinion(c, u, b.on, b.kind, b.agency_id, b.content, b.document_no,
                                               b.received_on, version=b.version),
      "Issue a 行政复议意见书 (ARL23 art 76) or 建议书 (Reg07 art 58) to an agency; its report is due in 60 days.")  # fmt: skip
_step("opinion_feedback", s.OpinionFeedbackBody,
      lambda c, u, b: operations.record_opinion_feedback(c, u, b.on, b.opinion_id, b.note, version=b.version),
      "The agency reported what it corrected on an opinion (ARL23 art 76).")  # fmt: skip
_step("void", s.ReasonBody, lambda c, u, b: operations.void(c, u, b.reason, version=b.version),
      "Void a case registered by mistake (it stays on record and counts nowhere).")  # fmt: skip
