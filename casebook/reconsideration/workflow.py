"""The life of a reconsideration case as ONE state machine: which action may happen in which status, the rules
that guard it, and why a refused action is refused (domain.md §2.1).

Operations call `check(case, action, ...)` before changing anything; it raises `TransitionRefused` with a message
for the officer (and the field it concerns). A case received under ARL23 without a decision by the end of the
acceptance review is deemed accepted on that day (art 30 ¶3): for actions dated after it, its status counts as
accepted (`effective_status`) and the operation records the deemed acceptance.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _

from casebook.core.clock import today
from casebook.core.errors import DomainError
from casebook.deadlines import CalendarYearUnknown
from casebook.deadlines.facts import SUPPLEMENT_WORKDAYS
from casebook.extensions import db
from casebook.orgs.models import Agency
from casebook.reconsideration import deadlines
from casebook.reconsideration.codes import (
    ARL23_ONLY_OUTCOMES,
    OPINION_KINDS,
    OUTCOMES,
    PERFORMANCE_OUTCOMES,
    STATUS_LABELS,
    SUSPENSION_GROUNDS,
    TERMINATED_OUTCOME,
    TERMINATION_GROUNDS,
    Status,
    arl23_only_message,
)
from casebook.reconsideration.models import ReconsiderationCase

S = Status
LIVE = frozenset(
    {S.RECEIVED, S.AWAITING_SUPPLEMENT, S.ACCEPTED, S.REJECTED, S.SUSPENDED, S.CONCLUDED, S.ABANDONED}
)


@dataclass(frozen=True)
class Transition:
    """From which statuses an action may be taken, and the status it leads to (None: unchanged)."""

    sources: frozenset[str]
    target: str | None


# The transition table. Actions that record a step without changing the status lead to None.
TRANSITIONS: dict[str, Transition] = {
    "edit": Transition(LIVE, None),
    "request_supplement": Transition(frozenset({S.RECEIVED}), S.AWAITING_SUPPLEMENT),  # ARL23 art 31
    # ARL23 art 31 ¶2: the day the applicant received the notice (送达回证) and the period granted.
    "supplement_notice": Transition(frozenset({S.AWAITING_SUPPLEMENT}), None),
    "receive_supplement": Transition(frozenset({S.AWAITING_SUPPLEMENT}), S.RECEIVED),
    # ARL23 art 31 ¶2: not supplied in time without good reason, the application counts as abandoned.
    "abandon": Transition(frozenset({S.AWAITING_SUPPLEMENT}), S.ABANDONED),
    "accept": Transition(frozenset({S.RECEIVED}), S.ACCEPTED),  # ARL23 art 30
    "reject": Transition(frozenset({S.RECEIVED, S.AWAITING_SUPPLEMENT}), S.REJECTED),  # art 30 ¶1, 31
    "serve_respondent": Transition(frozenset({S.ACCEPTED, S.SUSPENDED}), None),  # art 48
    # art 48, 54: the 送达回证 date, from which the answer period counts
    "respondent_receipt": Transition(frozenset({S.ACCEPTED, S.SUSPENDED}), None),
    "receive_answer": Transition(frozenset({S.ACCEPTED, S.SUSPENDED}), None),  # art 48
    "hearing": Transition(frozenset({S.ACCEPTED}), None),  # art 50–51
    "suspend": Transition(frozenset({S.ACCEPTED}), S.SUSPENDED),  # art 39
    "resume": Transition(frozenset({S.SUSPENDED}), S.ACCEPTED),  # art 39 ¶2–3
    "extend": Transition(frozenset({S.ACCEPTED, S.SUSPENDED}), None),  # art 62
    "convert": Transition(frozenset({S.ACCEPTED, S.SUSPENDED}), None),  # art 55
    "conclude": Transition(frozenset({S.ACCEPTED, S.SUSPENDED}), S.CONCLUDED),  # art 33, 41, 63–69, 73
    "late_reason": Transition(frozenset({S.CONCLUDED}), None),
    # After the decision (ARL23 art 76–79): steps on a concluded case that do not change its status.
    "serve_decision": Transition(frozenset({S.CONCLUDED}), None),
    "record_performance": Transition(frozenset({S.CONCLUDED}), None),  # art 77
    "order_performance": Transition(frozenset({S.CONCLUDED}), None),  # art 77
    "copy_to_superior": Transition(frozenset({S.CONCLUDED}), None),  # art 79
    "publish_decision": Transition(frozenset({S.CONCLUDED}), None),  # art 79 ¶1
    "issue_opinion": Transition(frozenset({S.ACCEPTED, S.SUSPENDED, S.CONCLUDED}), None),  # art 76
    "opinion_feedback": Transition(frozenset({S.ACCEPTED, S.SUSPENDED, S.CONCLUDED}), None),  # art 76
    "void": Transition(LIVE, S.VOIDED),
}
# Actions that belong to the acceptance review: on its last day the review is still running.
REVIEW_ACTIONS = frozenset(
    {"request_supplement", "supplement_notice", "receive_supplement", "abandon", "accept", "reject"}
)


# Actions that belong to the time after the decision (and the reason for a late one): a concluded case takes them.
AFTER_DECISION_ACTIONS = frozenset(
    {
        "late_reason",
        "serve_decision",
        "record_performance",
        "order_performance",
        "copy_to_superior",
        "publish_decision",
        "issue_opinion",
        "opinion_feedback",
    }
)


class TransitionRefused(DomainError):
    """An action the case's status or the law does not allow, with the reason."""


def deemed_accepted_by(case: ReconsiderationCase, on: date, *, inclusive: bool = True) -> bool:
    """Whether a case still marked as received counts as accepted on `on` because no decision was recorded by
    the end of the acceptance review (ARL23 art 30 ¶3; ARL17 art 17 ¶2)."""
    if case.status != S.RECEIVED or not case.is_accepted_deemed or case.acceptance_due_on is None:
        return False
    return on >= case.acceptance_due_on if inclusive else on > case.acceptance_due_on


def effective_status(case: ReconsiderationCase, on: date, action: str | None = None) -> str:
    """The status that governs an action dated `on`: accepted once the review has passed without a decision."""
    inclusive = action not in REVIEW_ACTIONS
    if deemed_accepted_by(case, on, inclusive=inclusive):
        return S.ACCEPTED
    return case.status


def display_status(case: ReconsiderationCase, on: date | None = None) -> str:
    """The status to show on `on` (today by default)."""
    return effective_status(case, on or today())


def allowed_actions(case: ReconsiderationCase, on: date | None = None) -> set[str]:
    """The actions the status allows today (the rules may still refuse one with its reason)."""
    day = on or today()
    return {
        action
        for action, transition in TRANSITIONS.items()
        if effective_status(case, day, action) in transition.sources
    }


def check(case: ReconsiderationCase, action: str, on: date | None = None, **params) -> str | None:
    """Raise TransitionRefused unless `action` dated `on` is allowed; return the status it leads to."""
    day = on or today()
    transition = TRANSITIONS[action]
    status = effective_status(case, day, action)
    if status not in transition.sources:
        raise TransitionRefused(_status_refusal(case, action, status, day))
    if on is not None:
        _check_date_known(case, on)
    guard = _GUARDS.get(action)
    if guard is not None:
        guard(case, day, **params)
    return transition.target


def _refuse(message: str, field: str | None = None) -> None:
    raise TransitionRefused(message, field)


def _status_refusal(case: ReconsiderationCase, action: str, status: str, on: date) -> str:
    """Why the case's status does not allow the action, in words an officer acts on."""
    label = str(STATUS_LABELS[Status(status)])
    if status == S.VOIDED:
        return _("The case was voided; nothing more can be recorded on it.")
    if status == S.CONCLUDED and action not in AFTER_DECISION_ACTIONS:
        return _("The case was concluded on %(day)s; it can no longer change.", day=case.closed_on)
    if status == S.ABANDONED:
        return _(
            "The application was deemed abandoned (视为放弃) on %(day)s; it can no longer change.",
            day=case.abandoned_on,
        )
    if status == S.REJECTED:
        return _(
            "The application was not accepted (不予受理) on %(day)s; it can no longer change.",
            day=case.rejected_on,
        )
    if action in ("accept", "reject", "request_supplement") and status == S.ACCEPTED:
        if case.is_accepted_deemed and case.acceptance_due_on and case.law == "ARL17":
            return _(
                "The acceptance review ended on %(day)s without a rejection: the case counts as accepted from the "
                "day it was received (ARL17 art 17 ¶2).",
                day=case.acceptance_due_on,
            )
        if case.is_accepted_deemed and case.acceptance_due_on:
            return _(
                "The acceptance review ended on %(day)s without a decision: the case counts as accepted from "
                "that day (ARL23 art 30 ¶3). To end it now, dismiss the application (驳回申请, art 33).",
                day=case.acceptance_due_on,
            )
        return _("The case has already been accepted.")
    if action == "accept" and status == S.AWAITING_SUPPLEMENT:
        return _(
            "Record the arrival of the materials first: the acceptance review starts again from that day."
        )
    if action in ("receive_supplement", "supplement_notice", "abandon"):
        return _("No request for materials is waiting for an answer.")
    if action in (
        "suspend",
        "extend",
        "convert",
        "conclude",
        "serve_respondent",
        "respondent_receipt",
        "receive_answer",
        "hearing",
    ):
        if status == S.RECEIVED and case.is_accepted_deemed and case.acceptance_due_on:
            return _(
                "On %(day)s the acceptance review was still running: the case counts as accepted from %(due)s "
                "(ARL23 art 30 ¶3). Use a date from then on.",
                day=on,
                due=case.acceptance_due_on,
            )
        if status in (S.RECEIVED, S.AWAITING_SUPPLEMENT):
            return _(
                "The case is not accepted yet (%(status)s): accept it first, or record that it is not accepted.",
                status=label,
            )
        if status == S.SUSPENDED:
            if action == "suspend":
                return _("The case is already suspended; resume it before suspending it again.")
            return _("The case is suspended: resume it before recording a hearing.")
    if action == "resume":
        return _("The case is not suspended.")
    if action == "late_reason":
        return _("A reason for lateness can be recorded only on a concluded case.")
    return _("This cannot be done while the case is %(status)s.", status=label)


def _check_date_known(case: ReconsiderationCase, on: date) -> None:
    """Event dates are not in the future nor before the application was received."""
    if on > today():
        _refuse(_("The date %(day)s is in the future.", day=on), "on")
    if on < case.received_on:
        _refuse(
            _(
                "The date %(day)s is before the application was received (%(received)s).",
                day=on,
                received=case.received_on,
            ),
            "on",
        )


def _guard_request_supplement(
    case: ReconsiderationCase, on: date, period_workdays: int | None = None, **_params
) -> None:
    _guard_supplement_period(case, period_workdays)
    # ARL23 art 31: one notice, within the five working days of the review.
    if case.supplement_requested_on is not None:
        _refuse(
            _(
                "Materials were already requested on %(day)s; the law allows one request (ARL23 art 31).",
                day=case.supplement_requested_on,
            )
        )
    if case.acceptance_due_on is not None and on > case.acceptance_due_on:
        _refuse(
            _(
                "The request for materials must be sent within the acceptance review, by %(day)s (ARL23 art 31).",
                day=case.acceptance_due_on,
            ),
            "on",
        )


def _guard_receive_supplement(case: ReconsiderationCase, on: date, **_params) -> None:
    if on < case.supplement_requested_on:
        _refuse(
            _(
                "The materials cannot arrive before they were requested (%(day)s).",
                day=case.supplement_requested_on,
            ),
            "on",
        )


def _guard_supplement_period(case: ReconsiderationCase, period: int | None) -> None:
    # ARL23 art 31 ¶2: ten working days, or a longer reasonable period the office grants.
    if period is not None and (not isinstance(period, int) or not SUPPLEMENT_WORKDAYS <= period <= 60):
        _refuse(
            _("The period is at least 10 working days (ARL23 art 31 ¶2) and at most 60."), "period_workdays"
        )


def _guard_supplement_notice(
    case: ReconsiderationCase, on: date, period_workdays: int | None = None, **_params
) -> None:
    if on < case.supplement_requested_on:
        _refuse(
            _(
                "The applicant cannot receive the notice before it was sent (%(day)s).",
                day=case.supplement_requested_on,
            ),
            "on",
        )
    _guard_supplement_period(case, period_workdays)


def _guard_abandon(case: ReconsiderationCase, on: date, **_params) -> None:
    due = case.supplement_due_on
    if due is None:
        _refuse(
            _(
                "The applicant's period for the materials is not known: record the period the notice set "
                "(and the day the applicant received it) first."
            ),
            "on",
        )
    if on <= due:
        # ARL23 art 31 ¶2: only an applicant who did not supply the materials in time counts as abandoning.
        _refuse(
            _(
                "The applicant has until %(day)s to supply the materials (ARL23 art 31 ¶2): the application "
                "can be deemed abandoned only after that day.",
                day=due,
            ),
            "on",
        )


def check_respondent_receipt(case: ReconsiderationCase, on: date) -> None:
    """Refuse a 送达回证 date the case cannot have (recorded with the service itself)."""
    _check_date_known(case, on)
    _guard_respondent_receipt(case, on)


def _guard_respondent_receipt(case: ReconsiderationCase, on: date, **_params) -> None:
    if case.respondent_served_on is None:
        _refuse(_("Record the service of the application on the respondent first."), "on")
    if on < case.respondent_served_on:
        _refuse(
            _(
                "The respondent cannot receive the copy before it was sent (%(day)s).",
                day=case.respondent_served_on,
            ),
            "on",
        )
    if case.answer_received_on is not None and on > case.answer_received_on:
        _refuse(
            _(
                "The respondent answered on %(day)s: it had received the copy by then.",
                day=case.answer_received_on,
            ),
            "on",
        )


def _guard_accept(case: ReconsiderationCase, on: date, procedure: str = "ordinary", **_params) -> None:
    if case.supplement_received_on and on < case.supplement_received_on:
        _refuse(
            _(
                "Acceptance cannot come before the materials arrived (%(day)s).",
                day=case.supplement_received_on,
            ),
            "on",
        )
    if case.law == "ARL23" and case.acceptance_due_on and on > case.acceptance_due_on:
        _refuse(
            _(
                "The acceptance review ended on %(day)s: the case counts as accepted on that day (ARL23 art 30 ¶3).",
                day=case.acceptance_due_on,
            ),
            "on",
        )
    if procedure == "simplified" and case.law != "ARL23":
        _refuse(
            _(
                "The simplified procedure exists only for applications received from 1 January 2024 (ARL23 art 53)."
            ),
            "procedure",
        )


def _guard_reject(case: ReconsiderationCase, on: date, reason: str = "", **_params) -> None:
    if not (reason or "").strip():
        _refuse(_("Give the reasons for not accepting the application (ARL23 art 30)."), "reason")


def _guard_serve_respondent(case: ReconsiderationCase, on: date, **_params) -> None:
    if case.respondent_served_on is not None:
        _refuse(_("The respondent was already served on %(day)s.", day=case.respondent_served_on), "on")
    _not_before_acceptance(case, on)


def _guard_receive_answer(case: ReconsiderationCase, on: date, **_params) -> None:
    if case.respondent_served_on is None:
        _refuse(_("Record the service of the application on the respondent first."), "on")
    if case.answer_received_on is not None:
        _refuse(
            _("The respondent's answer was already received on %(day)s.", day=case.answer_received_on), "on"
        )
    if on < case.respondent_served_on:
        _refuse(
            _(
                "The answer cannot arrive before the respondent was served (%(day)s).",
                day=case.respondent_served_on,
            ),
            "on",
        )


def _guard_hearing(
    case: ReconsiderationCase, on: date, notice_on: date | None = None, panel: str = "", **_params
) -> None:
    _not_before_acceptance(case, on)
    if not (panel or "").strip():
        _refuse(_("Name the hearing panel (听证人员)."), "panel")
    if notice_on is None:
        _refuse(_("Give the date the parties were notified of the hearing."), "notice_on")
    if notice_on > on:
        _refuse(_("The notice cannot come after the hearing."), "notice_on")
    try:
        earliest = deadlines.earliest_hearing_on(notice_on)
    except CalendarYearUnknown as error:
        _refuse(_("The calendar for %(year)s is not loaded.", year=error.year), "notice_on")
    if on < earliest:
        _refuse(
            _(
                "The parties must be notified at least 5 working days before the hearing (ARL23 art 51): after a notice on %(notice)s the hearing can be held from %(day)s.",
                notice=notice_on,
                day=earliest,
            ),
            "on",
        )


def _guard_suspend(case: ReconsiderationCase, on: date, ground: int | None = None, **_params) -> None:
    if ground not in SUSPENSION_GROUNDS:
        _refuse(_("Choose the ground of suspension (ARL23 art 39, items 1–10)."), "ground")
    _not_before_acceptance(case, on)
    if case.due_on is not None and on > case.due_on:
        # domain.md §2.1 step 6: an overdue case cannot be suspended; it stays overdue.
        _refuse(
            _(
                "The decision deadline passed on %(day)s: a case cannot be suspended after its deadline (ARL23 art 39, 62).",
                day=case.due_on,
            ),
            "on",
        )
    last = max((s.to_on for s in case.suspensions if s.to_on), default=None)
    if last is not None and on < last:
        _refuse(
            _("The case was resumed on %(day)s; a new suspension cannot start before that.", day=last), "on"
        )


def _guard_resume(case: ReconsiderationCase, on: date, **_params) -> None:
    current = case.open_suspension
    if current is not None and on < current.from_on:
        _refuse(_("Resumption cannot come before the suspension (%(day)s).", day=current.from_on), "on")


def _guard_extend(case: ReconsiderationCase, on: date, days: int = 0, approver: str = "", **_params) -> None:
    # ARL23 art 62 ¶1 (ARL17 art 31 ¶1): ordinary procedure, approved by the office's head, at most 30 days.
    if case.effective_procedure != "ordinary":
        _refuse(
            _("Only a case under the ordinary procedure can be extended (ARL23 art 62); convert it first."),
            "days",
        )
    if not isinstance(days, int) or days < 1:
        _refuse(_("Give the number of days, at least 1."), "days")
    if case.extension_days + days > 30:
        _refuse(
            _(
                "An extension is at most 30 days in all (ARL23 art 62); %(granted)s days were already granted.",
                granted=case.extension_days,
            ),
            "days",
        )
    if not (approver or "").strip():
        _refuse(_("Name who approved the extension (the head of the reconsideration office)."), "approver")
    _not_before_acceptance(case, on)
    if case.due_on is not None and on > case.due_on:
        _refuse(
            _("The extension must be approved before the deadline passes (%(day)s).", day=case.due_on), "on"
        )


def _guard_convert(case: ReconsiderationCase, on: date, approver: str = "", **_params) -> None:
    if case.procedure != "simplified" or case.converted_on is not None:
        _refuse(_("The case already follows the ordinary procedure."))
    if not (approver or "").strip():
        _refuse(_("Name who approved the conversion (ARL23 art 55)."), "approver")
    _not_before_acceptance(case, on)
    if case.due_on is not None and on > case.due_on:
        # ARL23 art 55, 62 ¶2: a case is converted while under the simplified procedure, within its 30 days.
        _refuse(
            _(
                "The simplified procedure's time limit ended on %(day)s: the case can no longer be converted (ARL23 art 55, 62).",
                day=case.due_on,
            ),
            "on",
        )


def _guard_conclude(
    case: ReconsiderationCase, on: date, outcome: str | None = None, ground: str | None = None, **_params
) -> None:
    if outcome not in OUTCOMES:
        _refuse(_("Choose how the case ends."), "outcome")
    if outcome in ARL23_ONLY_OUTCOMES and case.law != "ARL23":
        _refuse(arl23_only_message(outcome), "outcome")
    if outcome == TERMINATED_OUTCOME and ground not in TERMINATION_GROUNDS:
        _refuse(_("Give the ground of termination (ARL23 art 41)."), "ground")
    if case.status == S.SUSPENDED and outcome != TERMINATED_OUTCOME:
        _refuse(
            _(
                "The case is suspended: resume it before deciding it; a suspended case can only be terminated."
            ),
            "outcome",
        )
    _not_before_acceptance(case, on)
    current = case.open_suspension
    if current is not None and on < current.from_on:
        _refuse(_("The closing date cannot come before the suspension (%(day)s).", day=current.from_on), "on")
    resumed = max((s.to_on for s in case.suspensions if s.to_on), default=None)
    if resumed is not None and on < resumed:
        _refuse(_("The closing date cannot come before the resumption (%(day)s).", day=resumed), "on")


def _guard_serve_decision(
    case: ReconsiderationCase, on: date, performance_due_on: date | None = None, **_params
) -> None:
    if case.decision_served_on is not None:
        _refuse(_("The decision was already served on %(day)s.", day=case.decision_served_on), "on")
    _not_before_closing(case, on)
    if performance_due_on is not None:
        if case.outcome not in PERFORMANCE_OUTCOMES:
            _refuse(_("This outcome asks nothing of the respondent to carry out."), "performance_due_on")
        if performance_due_on <= on:
            _refuse(_("The period to carry out the decision ends after its service."), "performance_due_on")


def _needs_performance(case: ReconsiderationCase) -> None:
    if case.outcome not in PERFORMANCE_OUTCOMES:
        _refuse(_("This outcome asks nothing of the respondent to carry out."))
    if case.decision_served_on is None:
        _refuse(_("Record the service of the decision first."), "on")
    if case.performed_on is not None:
        _refuse(_("The respondent carried out the decision on %(day)s.", day=case.performed_on), "on")


def _guard_record_performance(case: ReconsiderationCase, on: date, evidence: str = "", **_params) -> None:
    _needs_performance(case)
    if on < case.decision_served_on:
        _refuse(_("The date is before the decision was served (%(day)s).", day=case.decision_served_on), "on")
    if not (evidence or "").strip():
        _refuse(_("Say how the performance is shown (the respondent's report, a document)."), "evidence")


def _guard_order_performance(
    case: ReconsiderationCase, on: date, due_on: date | None = None, **_params
) -> None:
    # ARL23 art 77: the office orders a respondent that does not carry out the decision, or delays it without good
    # reason, to do so within a period.
    _needs_performance(case)
    if case.performance_due_on is not None and on <= case.performance_due_on:
        _refuse(
            _(
                "The respondent has until %(day)s to carry out the decision: an order to perform comes after that day (ARL23 art 77).",
                day=case.performance_due_on,
            ),
            "on",
        )
    if due_on is None or due_on <= on:
        _refuse(_("Give the new period, a day after the order."), "due_on")


def _once_after_closing(field: str, already) -> Callable[..., None]:
    """A guard for a step recorded once, on or after the decision: `already(day)` says when it was."""

    def guard(case: ReconsiderationCase, on: date, **_params) -> None:
        recorded = getattr(case, field)
        if recorded is not None:
            _refuse(already(recorded), "on")
        _not_before_closing(case, on)

    return guard


_guard_copy_to_superior = _once_after_closing(
    "copied_to_superior_on", lambda day: _("The decision was already copied on %(day)s.", day=day)
)
_guard_publish_decision = _once_after_closing(
    "published_on", lambda day: _("The decision was already published on %(day)s.", day=day)
)


def _guard_issue_opinion(
    case: ReconsiderationCase,
    on: date,
    kind: str | None = None,
    agency_id: int | None = None,
    content: str = "",
    received_on: date | None = None,
    **_params,
) -> None:
    if kind not in OPINION_KINDS:
        _refuse(_("Choose an opinion (意见书) or a suggestion (建议书)."), "kind")
    if not isinstance(agency_id, int) or db.session.get(Agency, agency_id) is None:
        _refuse(_("Choose the agency it is issued to."), "agency_id")
    if not (content or "").strip():
        _refuse(
            _("Say what is unlawful or improper and what the agency is to correct (ARL23 art 76)."), "content"
        )
    _not_before_acceptance(case, on)
    if received_on is not None and received_on < on:
        _refuse(_("The agency cannot receive it before it was issued."), "received_on")
    if received_on is not None and received_on > today():
        _refuse(_("The date %(day)s is in the future.", day=received_on), "received_on")


def _guard_opinion_feedback(
    case: ReconsiderationCase, on: date, opinion_id: int | None = None, **_params
) -> None:
    opinion = next((o for o in case.opinions if o.id == opinion_id and o.withdrawn_reason is None), None)
    if opinion is None:
        _refuse(_("Choose the opinion the feedback answers."), "opinion_id")
    if opinion.feedback_received_on is not None:
        _refuse(
            _("Its feedback was already received on %(day)s.", day=opinion.feedback_received_on), "opinion_id"
        )
    if on < opinion.issued_on:
        _refuse(
            _("The feedback cannot come before the opinion was issued (%(day)s).", day=opinion.issued_on),
            "on",
        )


def _not_before_closing(case: ReconsiderationCase, on: date) -> None:
    if case.closed_on is not None and on < case.closed_on:
        _refuse(_("The date is before the decision (%(day)s).", day=case.closed_on), "on")


def _guard_late_reason(case: ReconsiderationCase, on: date, reason: str = "", **_params) -> None:
    if not case.is_late:
        _refuse(_("The case was concluded within its time limit."))
    if not (reason or "").strip():
        _refuse(_("Give the reason."), "reason")


def _guard_void(case: ReconsiderationCase, on: date, reason: str = "", **_params) -> None:
    if not (reason or "").strip():
        _refuse(_("Say why the case is voided (e.g. registered twice by mistake)."), "reason")


def _not_before_acceptance(case: ReconsiderationCase, on: date) -> None:
    if case.accepted_on is not None and on < case.accepted_on:
        _refuse(
            _("The date %(day)s is before the acceptance (%(accepted)s).", day=on, accepted=case.accepted_on),
            "on",
        )


_GUARDS = {
    "request_supplement": _guard_request_supplement,
    "supplement_notice": _guard_supplement_notice,
    "receive_supplement": _guard_receive_supplement,
    "abandon": _guard_abandon,
    "respondent_receipt": _guard_respondent_receipt,
    "accept": _guard_accept,
    "reject": _guard_reject,
    "serve_respondent": _guard_serve_respondent,
    "receive_answer": _guard_receive_answer,
    "hearing": _guard_hearing,
    "suspend": _guard_suspend,
    "resume": _guard_resume,
    "extend": _guard_extend,
    "convert": _guard_convert,
    "conclude": _guard_conclude,
    "late_reason": _guard_late_reason,
    "serve_decision": _guard_serve_decision,
    "record_performance": _guard_record_performance,
    "order_performance": _guard_order_performance,
    "copy_to_superior": _guard_copy_to_superior,
    "publish_decision": _guard_publish_decision,
    "issue_opinion": _guard_issue_opinion,
    "opinion_feedback": _guard_opinion_feedback,
    "void": _guard_void,
}
