"""The steps in court as the case page offers them: a form and a label for each action, and the call of its
operation with the form's values."""

from __future__ import annotations

from casebook.litigation import forms, operations
from casebook.litigation.codes import ACTION_LABELS

ACTION_FORMS = {
    "serve": forms.DateActionForm,
    "defence": forms.DateActionForm,
    "schedule": forms.DateActionForm,
    "hearing": forms.HearingForm,
    "judgment": forms.JudgmentForm,
    "appeal": forms.AppealForm,
    "effective": forms.DateActionForm,
    "perform": forms.PerformForm,
    "void": forms.ReasonForm,
}
__all__ = ["ACTION_FORMS", "ACTION_LABELS", "apply_action"]


def apply_action(action: str, case, form, user) -> None:
    """Call the operation of `action` with the form's values."""
    v = form.version_value()
    on = getattr(getattr(form, "on", None), "data", None)
    if action == "serve":
        operations.serve_complaint(case, user, on, version=v)
    elif action == "defence":
        operations.submit_defence(case, user, on, version=v)
    elif action == "schedule":
        operations.schedule_hearing(case, user, on, version=v)
    elif action == "hearing":
        operations.record_hearing(
            case, user, on, form.appearance.data, form.head_name.data, form.head_title.data,
            form.representatives.data, form.absence_reason.data, form.note.data, version=v,
        )  # fmt: skip
    elif action == "judgment":
        against = {"1": True, "0": False}.get(form.against.data or "")
        operations.record_judgment(
            case, user, on, form.outcome.data, against, form.document_no.data, version=v
        )
    elif action == "appeal":
        operations.record_appeal(case, user, on, form.next_instance_id.data, version=v)
    elif action == "effective":
        operations.record_effect(case, user, on, version=v)
    elif action == "perform":
        operations.record_performance(case, user, on, form.note.data, version=v)
    elif action == "void":
        operations.void(case, user, form.reason.data, version=v)
