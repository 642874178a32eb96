"""JSON API of litigation cases (行政应诉): list, read, register, correct, and each step in court.

Directors and mediators get 404 for every path (the area is hidden from them); the bureau reads and gets 403 for
writes. A malformed body answers 422; a request a rule refuses (the case's status, dates, an unknown agency or
reconsideration case, a court number already used) or prepared against an older version answers 409 with the
reason and the field. Personal numbers are always masked.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint
from flask_babel import gettext as _
from sqlalchemy import select

from casebook.api.base import ApiError, api_user, endpoint
from casebook.core.pagination import paginate
from casebook.core.permissions import Permission
from casebook.core.personal import mask_id_number, mask_phone
from casebook.extensions import db
from casebook.litigation import operations, queries
from casebook.litigation import schemas as s
from casebook.litigation.codes import HEAD_APPEARANCES
from casebook.litigation.deadlines import defence_steps
from casebook.litigation.models import LitigationCase
from casebook.orgs.models import Agency
from casebook.reconsideration.api import _commit_or_error, _require_edit

bp = Blueprint("litigation_api", __name__, url_prefix="/api/v1")

VIEW = Permission.VIEW_RECONSIDERATION
TAGS = ["litigation"]
ERRORS = {409: "Refused by a rule of the law or the case's state, or the case changed since it was read"}


def _case_or_404(case_id: int) -> LitigationCase:
    case = queries.get_case(api_user(), case_id)
    if case is None:
        raise ApiError(404, _("Not found."))
    return case


def _agency_id(body: s.LitigationCaseFields) -> int | None:
    """The agency named by id or code; None when neither is given."""
    if body.agency_id is not None or not body.agency_code:
        return body.agency_id
    agency_id = db.session.scalar(select(Agency.id).where(Agency.code == body.agency_code))
    if agency_id is None:
        raise ApiError(409, _("Choose the defending agency."), {"agency_code": [_("Unknown agency code.")]})
    return agency_id


def summary(case: LitigationCase) -> dict:
    """A case as a list item."""
    fields = (
        "id", "court", "court_case_no", "instance", "defendant_kind", "act_category", "plaintiff_names", "status",
        "filed_on", "complaint_served_on", "defence_due_on", "calendar_missing_year", "defence_submitted_on",
        "next_hearing_on", "judgment_on", "outcome", "is_against_agency", "effective_on", "performed_on",
        "is_voided", "version",
    )  # fmt: skip
    agency = case.agency
    return {
        **{name: getattr(case, name) for name in fields},
        "agency": {"id": agency.id, "code": agency.code, "name": agency.name} if agency else None,
    }


def detail(case: LitigationCase) -> s.LitigationCaseOut:
    """A case with its plaintiffs (numbers masked), hearings and the defence date's explanation."""
    fields = (
        "act_description", "act_document_no", "reconsideration_case_id", "judgment_document_no", "appealed_on",
        "next_instance_id", "performance_note", "void_reason",
    )  # fmt: skip
    return s.LitigationCaseOut(
        **summary(case),
        **{name: getattr(case, name) for name in fields},
        reconsideration_case_no=case.reconsideration_case.case_no if case.reconsideration_case else None,
        defence_steps=defence_steps(case),
        plaintiffs=[
            {
                "id": p.id,
                "kind": p.kind,
                "name": p.name,
                "id_number_masked": mask_id_number(p.id_number),
                "credit_code_masked": mask_id_number(p.credit_code),
                "phone_masked": mask_phone(p.phone),
            }
            for p in case.plaintiffs
        ],
        hearings=[
            {
                "held_on": h.held_on,
                "appearance": h.appearance,
                "is_head_present": h.appearance in HEAD_APPEARANCES,
                "head_name": h.head_name,
                "head_title": h.head_title,
                "representatives": h.representatives,
                "absence_reason": h.absence_reason,
            }
            for h in case.hearings
        ],
    )


def _reloaded(case_id: int) -> s.LitigationCaseOut:
    db.session.expire_all()
    return detail(_case_or_404(case_id))


@endpoint(bp, "/litigation/cases", query=s.LitigationCaseListQuery, response=s.LitigationCaseListOut, permission=VIEW, hide=True,
          tags=TAGS)  # fmt: skip
def list_cases(query: s.LitigationCaseListQuery):
    """List litigation cases with filters, newest filing first."""
    args = {k: str(v) for k, v in query.model_dump(exclude={"page", "per_page"}).items() if v is not None}
    page = paginate(
        queries.filtered_cases(api_user(), queries.parse_filters(args)), query.page, query.per_page
    )
    return {"items": [summary(c) for c in page.items], "page": page.page, "per_page": page.per_page,
            "total": page.total}  # fmt: skip


@endpoint(bp, "/litigation/cases", method="POST", body=s.LitigationCaseCreate, response=s.LitigationCaseOut, status=201,
          permission=VIEW, hide=True, tags=TAGS, responses=ERRORS)  # fmt: skip
def create_case(body: s.LitigationCaseCreate):
    """Register a case filed against an agency of the district or the district government."""
    _require_edit()
    agency_id = _agency_id(body)
    plaintiffs = [operations.PartyData(**p.model_dump()) for p in body.plaintiffs]
    values = body.model_dump(exclude={"plaintiffs", "agency_id", "agency_code"}, exclude_none=True)
    case = _commit_or_error(
        lambda: operations.register_case(api_user(), plaintiffs, agency_id=agency_id, **values)
    )
    return _reloaded(case.id)


@endpoint(
    bp, "/litigation/cases/<int:case_id>", response=s.LitigationCaseOut, permission=VIEW, hide=True, tags=TAGS
)
def get_case(case_id: int):
    """One case with its plaintiffs, hearings and the defence's due date explained."""
    return detail(_case_or_404(case_id))


@endpoint(bp, "/litigation/cases/<int:case_id>", method="PATCH", body=s.LitigationCaseUpdate, response=s.LitigationCaseOut,
          permission=VIEW, hide=True, tags=TAGS, responses=ERRORS)  # fmt: skip
def update_case(case_id: int, body: s.LitigationCaseUpdate):
    """Correct the case's details (send the version you read)."""
    _require_edit()
    case = _case_or_404(case_id)
    values = body.model_dump(exclude={"version", "agency_code"}, exclude_unset=True)
    if body.agency_code:
        values["agency_id"] = _agency_id(body)
    values = {k: v for k, v in values.items() if v is not None or k in ("act_description", "act_document_no")}
    _commit_or_error(lambda: operations.update_case(case, api_user(), body.version, **values))
    return _reloaded(case_id)


def _step(action: str, body_model, call: Callable, summary_text: str) -> None:
    """Declare POST /litigation/cases/<id>/<action> applying one step."""

    def view(case_id: int, body):
        _require_edit()
        case = _case_or_404(case_id)
        _commit_or_error(lambda: call(case, api_user(), body))
        return _reloaded(case_id)

    view.__name__ = action
    view.__doc__ = summary_text
    endpoint(bp, f"/litigation/cases/<int:case_id>/{action.replace('_', '-')}", method="POST", body=body_model,
             response=s.LitigationCaseOut, permission=VIEW, hide=True, tags=TAGS, responses=ERRORS)(view)  # fmt: skip


_step("serve", s.LitigationDateBody, lambda c, u, b: operations.serve_complaint(c, u, b.on, version=b.version),
      "The agency received the complaint: the defence is due 15 days later (ALL art 67 ¶1).")  # fmt: skip
_step("defence", s.LitigationDateBody, lambda c, u, b: operations.submit_defence(c, u, b.on, version=b.version),
      "The defence and the evidence went to the court.")  # fmt: skip
_step("schedule_hearing", s.LitigationDateBody, lambda c, u, b: operations.schedule_hearing(c, u, b.on, version=b.version),
      "The court's summons set a hearing for this day.")  # fmt: skip
_step("hearing", s.LitigationHearingBody,
      lambda c, u, b: operations.record_hearing(c, u, b.on, b.appearance, b.head_name, b.head_title,
                                                b.representatives, b.absence_reason, b.note, version=b.version),
      "A hearing and who appeared for the agency (ALL art 3 ¶3).")  # fmt: skip
_step("judgment", s.LitigationJudgmentBody,
      lambda c, u, b: operations.record_judgment(c, u, b.on, b.outcome, b.is_against_agency, b.document_no,
                                                 version=b.version),
      "The court's judgment or ruling, and whether it is against the agency (败诉).")  # fmt: skip
_step("appeal", s.LitigationAppealBody,
      lambda c, u, b: operations.record_appeal(c, u, b.on, b.next_instance_id, version=b.version),
      "The judgment was appealed: link the next instance's case.")  # fmt: skip
_step("effective", s.LitigationDateBody, lambda c, u, b: operations.record_effect(c, u, b.on, version=b.version),
      "The judgment took effect.")  # fmt: skip
_step("perform", s.LitigationPerformBody,
      lambda c, u, b: operations.record_performance(c, u, b.on, b.note, version=b.version),
      "The agency performed the judgment in effect (履行生效裁判).")  # fmt: skip
_step("void", s.LitigationReasonBody, lambda c, u, b: operations.void(c, u, b.reason, version=b.version),
      "Void a case registered by mistake (it stays on record and counts nowhere).")  # fmt: skip
_step("plaintiffs", s.LitigationPlaintiffBody,
      lambda c, u, b: operations.add_plaintiff(c, u, operations.PartyData(**b.model_dump(exclude={"version"})),
                                               version=b.version),
      "Add a plaintiff (numbers checked).")  # fmt: skip
