"""The steps of the procedure as the case page offers them: a form and a label for each action, and the call of
its operation with the form's values."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

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
    elif action == "late_reason":
        operations.record_late_reason(case, user, form.reason.data, version=v)
    elif action == "void":
        operations.void(case, user, form.reason.data, version=v)
