"""The steps of the procedure as the case page offers them: a form and a label for each action, and the call of
its operation with the form's values."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from casebook.core.clock import today
from casebook.reconsideration import forms, operations

ACTION_FORMS = {
    "request_supplement": forms.SupplementForm,
    "supplement_notice": forms.SupplementNoticeForm,
    "receive_supplement": forms.DateActionForm,
    "abandon": forms.DateActionForm,
    "accept": forms.AcceptForm,
    "reject": forms.RejectForm,
    "serve_respondent": forms.ServeForm,
    "respondent_receipt": forms.RespondentReceiptForm,
    "receive_answer": forms.DateActionForm,
    "hearing": forms.HearingForm,
    "suspend": forms.SuspendForm,
    "resume": forms.DateActionForm,
    "extend": forms.ExtendForm,
    "convert": forms.ConvertForm,
    "conclude": forms.ConcludeForm,
    "late_reason": forms.ReasonForm,
    "serve_decision": forms.ServeDecisionForm,
    "record_performance": forms.PerformanceForm,
    "order_performance": forms.OrderPerformanceForm,
    "copy_to_superior": forms.DateActionForm,
    "publish_decision": forms.DateActionForm,
    "issue_opinion": forms.OpinionForm,
    "opinion_feedback": forms.OpinionFeedbackForm,
    "void": forms.ReasonForm,
}
ACTION_LABELS = {
    "request_supplement": _l("Request materials (补正)"),
    "supplement_notice": _l("Applicant received the request for materials"),
    "receive_supplement": _l("Materials received"),
    "abandon": _l("Deemed abandoned (视为放弃)"),
    "accept": _l("Accept (受理)"),
    "reject": _l("Do not accept (不予受理)"),
    "serve_respondent": _l("Copy served on the respondent"),
    "respondent_receipt": _l("Respondent received the copy (送达回证)"),
    "receive_answer": _l("Respondent's answer received"),
    "hearing": _l("Record a hearing"),
    "suspend": _l("Suspend (中止)"),
    "resume": _l("Resume (恢复审理)"),
    "extend": _l("Extend the review time limit"),
    "convert": _l("Convert to the ordinary procedure"),
    "conclude": _l("Conclude"),
    "late_reason": _l("Reason for late conclusion"),
    "serve_decision": _l("Decision served on the parties"),
    "record_performance": _l("Respondent carried out the decision"),
    "order_performance": _l("Order to perform (责令履行)"),
    "copy_to_superior": _l("Copied to the respondent's superior (抄告)"),
    "publish_decision": _l("Decision published"),
    "issue_opinion": _l("Issue an opinion or suggestion (意见书、建议书)"),
    "opinion_feedback": _l("Feedback on an opinion received"),
    "void": _l("Void (registered by mistake)"),
    # history rows only
    "receive": _l("Application received"),
    "edit": _l("Receipt corrected"),
    "deemed_acceptance": _l("Deemed accepted (no decision within the review)"),
    "add_party": _l("Party added"),
    "remove_party": _l("Party removed"),
    "import": _l("Imported from the register"),
    "calendar": _l("Holiday schedule changed"),
}


# Steps the status allows but the case's own facts make pointless, left off the page (a request still gets the
# rule's refusal with its reason).
_APPLIES = {
    "late_reason": lambda c: c.is_late,
    "serve_respondent": lambda c: c.respondent_served_on is None,
    "respondent_receipt": lambda c: c.respondent_served_on is not None and c.respondent_received_on is None,
    "serve_decision": lambda c: c.decision_served_on is None and c.outcome is not None,
    "record_performance": lambda c: c.performance_due_on is not None and c.performed_on is None,
    "order_performance": lambda c: (
        c.performance_due_on is not None and c.performed_on is None and c.performance_due_on < today()
    ),
    "copy_to_superior": lambda c: c.copied_to_superior_on is None and c.outcome is not None,
    "publish_decision": lambda c: c.published_on is None and c.outcome is not None,
    "opinion_feedback": lambda c: any(
        o.feedback_received_on is None and o.withdrawn_reason is None for o in c.opinions
    ),
}


def applies(action: str, case) -> bool:
    """Whether the case page offers `action` (the status allowing it)."""
    check = _APPLIES.get(action)
    return check is None or check(case)


def bind(form, case):
    """Give a form the choices that depend on the case (e.g. its open opinions)."""
    if hasattr(form, "bind_case"):
        form.bind_case(case)
    return form


def fallback_field(form) -> str:
    """The field a refusal without its own field is shown beside."""
    return "on" if hasattr(form, "on") else "reason"


def action_field(action: str, field: str | None) -> str | None:
    """The form field an operation's error field belongs to."""
    if action == "extend" and field == "extension_days":
        return "days"
    if action == "conclude" and field == "ground":
        return "termination_ground"
    return field


def apply_action(action: str, case, form, user) -> None:
    """Call the operation of `action` with the form's values."""
    v = form.version_value()
    on = getattr(getattr(form, "on", None), "data", None)
    if action == "request_supplement":
        operations.request_supplement(
            case, user, on, form.items.data, version=v, period_workdays=form.period_workdays.data
        )
    elif action == "supplement_notice":
        operations.record_supplement_notice(case, user, on, form.period_workdays.data, version=v)
    elif action == "receive_supplement":
        operations.receive_supplement(case, user, on, version=v)
    elif action == "abandon":
        operations.abandon(case, user, on, version=v)
    elif action == "accept":
        operations.accept(case, user, on, form.procedure.data, version=v)
    elif action == "reject":
        operations.reject(case, user, on, form.reason.data, version=v)
    elif action == "serve_respondent":
        operations.serve_respondent(case, user, on, version=v, received_on=form.received_on.data)
    elif action == "respondent_receipt":
        operations.record_respondent_receipt(case, user, on, version=v)
    elif action == "receive_answer":
        operations.receive_answer(case, user, on, version=v)
    elif action == "hearing":
        operations.record_hearing(
            case, user, on, form.notice_on.data, form.panel.data, form.note.data, version=v
        )
    elif action == "suspend":
        operations.suspend(case, user, on, form.ground.data, form.note.data, version=v)
    elif action == "resume":
        operations.resume(case, user, on, version=v)
    elif action == "extend":
        operations.extend(case, user, on, form.days.data, form.approver.data, form.note.data, version=v)
    elif action == "convert":
        operations.convert(case, user, on, form.approver.data, version=v)
    elif action == "conclude":
        operations.conclude(
            case,
            user,
            on,
            form.outcome.data,
            form.termination_ground.data or None,
            form.document_no.data,
            form.note.data,
            form.late_reason.data,
            version=v,
        )
    elif action == "serve_decision":
        operations.serve_decision(case, user, on, form.performance_due_on.data, version=v)
    elif action == "record_performance":
        operations.record_performance(case, user, on, form.evidence.data, version=v)
    elif action == "order_performance":
        operations.order_performance(case, user, on, form.due_on.data, form.note.data, version=v)
    elif action == "copy_to_superior":
        operations.copy_to_superior(case, user, on, version=v)
    elif action == "publish_decision":
        operations.publish_decision(case, user, on, version=v)
    elif action == "issue_opinion":
        operations.issue_opinion(
            case, user, on, form.kind.data, form.agency_id.data, form.content.data, form.document_no.data,
            form.received_on.data, version=v,
        )  # fmt: skip
    elif action == "opinion_feedback":
        operations.record_opinion_feedback(case, user, on, form.opinion_id.data, form.note.data, version=v)
    elif action == "late_reason":
        operations.record_late_reason(case, user, form.reason.data, version=v)
    elif action == "void":
        operations.void(case, user, form.reason.data, version=v)
