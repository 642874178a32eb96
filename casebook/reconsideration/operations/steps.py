"""The steps of the procedure: materials, acceptance, service, hearing, suspension, extension, conversion,
conclusion and voiding, each through the transition table of `workflow`."""

from __future__ import annotations

from datetime import date

from casebook.core.errors import DomainError
from casebook.core.i18n import current_language
from casebook.deadlines import CalendarYearUnknown
from casebook.reconsideration import deadlines, workflow
from casebook.reconsideration.models import (
    ReconsiderationCase,
    ReconsiderationEvent,
)

# The receipt's fields an officer may correct later; each change is one history row.
from casebook.reconsideration.operations.common import (
    _event,
    _finish,
    _procedure,
    _set,
    _transition,
    record,
)

# ---------------------------------------------------------------- the steps of the procedure


def request_supplement(
    case: ReconsiderationCase,
    user,
    on: date,
    items: str = "",
    version: int | None = None,
    period_workdays: int | None = None,
) -> None:
    """Ask the applicant for missing materials (补正, ARL23 art 31): the review waits for them. The applicant has
    10 working days from receiving the notice, or the longer period the office grants (art 31 ¶2)."""
    target = _transition(case, user, "request_supplement", on, version, period_workdays=period_workdays)
    changes: list[tuple] = []
    _set(case, changes, "supplement_requested_on", on)
    _set(case, changes, "supplement_items", (items or "").strip() or None)
    _set(case, changes, "supplement_period_workdays", period_workdays)
    _set(case, changes, "status", target)
    _event(case, user, "supplement_requested", on, note=case.supplement_items)
    _finish(case, user, "request_supplement", changes)
    _latest_event(case).due_on = case.supplement_due_on


def record_supplement_notice(
    case: ReconsiderationCase,
    user,
    on: date,
    period_workdays: int | None = None,
    version: int | None = None,
) -> None:
    """The day the applicant received the request for materials (its 送达回证), from which the applicant's period
    counts (ARL23 art 31 ¶2), and the period granted when longer than 10 working days."""
    _transition(case, user, "supplement_notice", on, version, period_workdays=period_workdays)
    changes: list[tuple] = []
    _set(case, changes, "supplement_notice_received_on", on)
    if period_workdays is not None:
        _set(case, changes, "supplement_period_workdays", period_workdays)
    _finish(case, user, "supplement_notice", changes)


def abandon(case: ReconsiderationCase, user, on: date, version: int | None = None) -> None:
    """The applicant did not supply the materials in time: the application counts as abandoned (视为放弃, ARL23
    art 31 ¶2). A closing of its own: neither rejected, nor pending, nor concluded."""
    target = _transition(case, user, "abandon", on, version)
    changes: list[tuple] = []
    _set(case, changes, "abandoned_on", on)
    _set(case, changes, "status", target)
    _finish(case, user, "abandon", changes, note=f"{case.supplement_due_on}")


def receive_supplement(case: ReconsiderationCase, user, on: date, version: int | None = None) -> None:
    """The materials arrived: the acceptance review starts again from this day (ARL23 art 31)."""
    target = _transition(case, user, "receive_supplement", on, version)
    changes: list[tuple] = []
    _set(case, changes, "supplement_received_on", on)
    _set(case, changes, "status", target)
    _event(case, user, "supplement_received", on, due_on=case.supplement_due_on)
    _finish(case, user, "receive_supplement", changes)


def accept(
    case: ReconsiderationCase, user, on: date, procedure: str = "ordinary", version: int | None = None
) -> None:
    """Accept the application (受理, ARL23 art 30) under the ordinary or simplified procedure (art 53)."""
    procedure = _procedure(procedure)
    target = _transition(case, user, "accept", on, version, procedure=procedure)
    changes: list[tuple] = []
    _set(case, changes, "acceptance", "accepted")
    _set(case, changes, "accepted_on", on)
    _set(case, changes, "is_accepted_deemed", False)
    _set(case, changes, "procedure", procedure)
    _set(case, changes, "status", target)
    _finish(case, user, "accept", changes)


def reject(case: ReconsiderationCase, user, on: date, reason: str, version: int | None = None) -> None:
    """Do not accept the application (不予受理, ARL23 art 30 ¶1), with the reasons."""
    target = _transition(case, user, "reject", on, version, reason=reason)
    changes: list[tuple] = []
    _set(case, changes, "acceptance", "rejected")
    _set(case, changes, "rejected_on", on)
    _set(case, changes, "rejection_reason", reason.strip())
    _set(case, changes, "accepted_on", None)
    _set(case, changes, "is_accepted_deemed", False)
    _set(case, changes, "status", target)
    _finish(case, user, "reject", changes)


def serve_respondent(
    case: ReconsiderationCase, user, on: date, version: int | None = None, received_on: date | None = None
) -> None:
    """The copy of the application was sent to the respondent; its answer is due within the limit of ARL23
    art 48 (art 54 for the simplified procedure) from the day it received the copy (`received_on`, the 送达回证
    date; until it is recorded, assumed to be the day sent)."""
    _transition(case, user, "serve_respondent", on, version)
    try:
        service_due = deadlines.service_due_on(case)
    except CalendarYearUnknown as error:
        raise DomainError(CalendarYearUnknown(error.year).message(current_language()), "on") from None
    changes: list[tuple] = []
    _set(case, changes, "respondent_served_on", on)
    _event(case, user, "respondent_served", on, due_on=service_due)
    if received_on is not None:
        _check_respondent_receipt(case, received_on, "received_on")
        _set(case, changes, "respondent_received_on", received_on)
    _set(case, changes, "answer_due_on", _answer_due(case, "on"))
    _finish(case, user, "serve_respondent", changes)


def record_respondent_receipt(case: ReconsiderationCase, user, on: date, version: int | None = None) -> None:
    """The day the respondent received the copy (送达回证): the answer period counts from it (ARL23 art 48, 54;
    ARL17 art 23)."""
    _transition(case, user, "respondent_receipt", on, version)
    changes: list[tuple] = []
    _set(case, changes, "respondent_received_on", on)
    _set(case, changes, "answer_due_on", _answer_due(case, "on"))
    _finish(case, user, "respondent_receipt", changes)


def _check_respondent_receipt(case: ReconsiderationCase, received_on: date, field: str) -> None:
    try:
        workflow.check_respondent_receipt(case, received_on)
    except DomainError as error:
        raise DomainError(error.message, field) from None


def _answer_due(case: ReconsiderationCase, field: str) -> date:
    try:
        return deadlines.answer_due_on(case)
    except CalendarYearUnknown as error:
        raise DomainError(CalendarYearUnknown(error.year).message(current_language()), field) from None


def receive_answer(case: ReconsiderationCase, user, on: date, version: int | None = None) -> None:
    """The respondent's written answer arrived."""
    _transition(case, user, "receive_answer", on, version)
    changes: list[tuple] = []
    _set(case, changes, "answer_received_on", on)
    _event(case, user, "answer_received", on, due_on=case.answer_due_on)
    _finish(case, user, "receive_answer", changes)


def record_hearing(
    case: ReconsiderationCase,
    user,
    on: date,
    notice_on: date,
    panel: str,
    note: str = "",
    version: int | None = None,
) -> None:
    """A hearing (听证, ARL23 art 50–51) with its date, notice date and panel."""
    _transition(case, user, "hearing", on, version, notice_on=notice_on, panel=panel)
    _event(
        case,
        user,
        "hearing",
        on,
        notice_on=notice_on,
        panel=panel.strip()[:200],
        note=(note or "").strip() or None,
    )
    _finish(case, user, "hearing", [("hearing", None, on)], note=panel.strip())


def suspend(
    case: ReconsiderationCase, user, on: date, ground: int, note: str = "", version: int | None = None
) -> None:
    """Suspend the review (中止) on a ground of ARL23 art 39 ¶1; the deadline waits for the resumption."""
    from casebook.reconsideration.models import ReconsiderationSuspension

    target = _transition(case, user, "suspend", on, version, ground=ground)
    case.suspensions.append(
        ReconsiderationSuspension(from_on=on, ground=ground, note=(note or "").strip() or None)
    )
    changes: list[tuple] = []
    _set(case, changes, "status", target)
    _finish(case, user, "suspend", changes, note=f"{on.isoformat()} ({ground})")


def resume(case: ReconsiderationCase, user, on: date, version: int | None = None) -> None:
    """Resume the review (恢复, ARL23 art 39 ¶2–3): the days suspended are added to the limit."""
    target = _transition(case, user, "resume", on, version)
    suspension = case.open_suspension
    suspension.to_on = on
    changes: list[tuple] = []
    _set(case, changes, "status", target)
    _finish(case, user, "resume", changes, note=f"{suspension.from_on.isoformat()} ~ {on.isoformat()}")


def extend(
    case: ReconsiderationCase,
    user,
    on: date,
    days: int,
    approver: str,
    note: str = "",
    version: int | None = None,
) -> None:
    """Extend the decision limit (ARL23 art 62 ¶1): ordinary procedure, approved, at most 30 days in all."""
    _transition(case, user, "extend", on, version, days=days, approver=approver)
    changes: list[tuple] = []
    _set(case, changes, "extension_days", case.extension_days + days)
    _set(case, changes, "extension_approved_by", approver.strip()[:60])
    _set(case, changes, "extension_approved_on", on)
    _event(
        case,
        user,
        "extension",
        on,
        approver=approver.strip()[:60],
        days=days,
        note=(note or "").strip() or None,
    )
    _finish(case, user, "extend", changes)


def convert(case: ReconsiderationCase, user, on: date, approver: str, version: int | None = None) -> None:
    """Convert a simplified case to the ordinary procedure with approval (ARL23 art 55)."""
    _transition(case, user, "convert", on, version, approver=approver)
    changes: list[tuple] = []
    _set(case, changes, "converted_on", on)
    _set(case, changes, "conversion_approved_by", approver.strip()[:60])
    _event(case, user, "conversion", on, approver=approver.strip()[:60])
    _finish(case, user, "convert", changes)


def conclude(
    case: ReconsiderationCase,
    user,
    on: date,
    outcome: str,
    termination_ground: str | None = None,
    document_no: str = "",
    note: str = "",
    late_reason: str = "",
    version: int | None = None,
) -> None:
    """End the case by a decision, a mediation statement or a termination; a closing after the due date is
    marked late (with its reason when given)."""
    target = _transition(case, user, "conclude", on, version, outcome=outcome, ground=termination_ground)
    changes: list[tuple] = []
    _set(case, changes, "outcome", outcome)
    _set(case, changes, "termination_ground", termination_ground if outcome == "terminated" else None)
    _set(case, changes, "closed_on", on)
    _set(case, changes, "decision_document_no", (document_no or "").strip()[:100] or None)
    _set(case, changes, "closing_note", (note or "").strip() or None)
    _set(case, changes, "status", target)
    _finish(case, user, "conclude", changes)
    if case.is_late and (late_reason or "").strip():
        case.late_reason = late_reason.strip()
        record(case, user, "late_reason", "late_reason", None, case.late_reason)


def record_late_reason(case: ReconsiderationCase, user, reason: str, version: int | None = None) -> None:
    """Record why a case was concluded after its deadline."""
    _transition(case, user, "late_reason", None, version, reason=reason)
    changes: list[tuple] = []
    _set(case, changes, "late_reason", reason.strip())
    _finish(case, user, "late_reason", changes)


def void(case: ReconsiderationCase, user, reason: str, version: int | None = None) -> None:
    """Void a case registered by mistake: it stays on record and counts nowhere (never deleted)."""
    target = _transition(case, user, "void", None, version, reason=reason)
    changes: list[tuple] = []
    _set(case, changes, "is_voided", True)
    _set(case, changes, "void_reason", reason.strip())
    _set(case, changes, "status", target)
    _finish(case, user, "void", changes)


def _latest_event(case: ReconsiderationCase) -> ReconsiderationEvent:
    return case.events[-1]
