"""After the decision (ARL23 art 76–79): the decision's service, the respondent's performance and the order to
perform, the copy to its superior and the publication, and the opinions and suggestions issued to agencies."""

from __future__ import annotations

from datetime import date

from flask import current_app

from casebook.calendars.service import working_calendar
from casebook.core.errors import DomainError
from casebook.core.i18n import current_language
from casebook.deadlines import CalendarYearUnknown
from casebook.deadlines.reconsideration import opinion_feedback_due, performance_due
from casebook.reconsideration.codes import PERFORMANCE_OUTCOMES
from casebook.reconsideration.models import ReconsiderationCase, ReconsiderationOpinion
from casebook.reconsideration.operations.common import _event, _finish, _set, _transition


def _working_day_limit(compute, field: str) -> date:
    """A limit from the deadline module; a year without a holiday schedule is refused on the field."""
    try:
        return compute(working_calendar())
    except CalendarYearUnknown as error:
        raise DomainError(error.message(current_language()), field) from None


def serve_decision(
    case: ReconsiderationCase,
    user,
    on: date,
    performance_due_on: date | None = None,
    version: int | None = None,
) -> None:
    """The decision (or mediation statement) was served on the parties. One the respondent must carry out gets
    its due day: the period the decision names, else PERFORMANCE_DAYS from service (ARL23 art 77)."""
    _transition(case, user, "serve_decision", on, version, performance_due_on=performance_due_on)
    changes: list[tuple] = []
    _set(case, changes, "decision_served_on", on)
    if case.outcome in PERFORMANCE_OUTCOMES:
        days = int(current_app.config["PERFORMANCE_DAYS"])
        due = performance_due_on or _working_day_limit(lambda cal: performance_due(on, days, cal), "on")
        _set(case, changes, "performance_due_on", due)
    _event(case, user, "decision_served", on, due_on=case.performance_due_on)
    _finish(case, user, "serve_decision", changes)


def record_performance(
    case: ReconsiderationCase, user, on: date, evidence: str, version: int | None = None
) -> None:
    """The respondent carried out the decision (ARL23 art 77), with how that is shown."""
    _transition(case, user, "record_performance", on, version, evidence=evidence)
    changes: list[tuple] = []
    _set(case, changes, "performed_on", on)
    _set(case, changes, "performance_evidence", evidence.strip())
    _event(case, user, "performed", on, due_on=case.performance_due_on, note=evidence.strip())
    _finish(case, user, "record_performance", changes)


def order_performance(
    case: ReconsiderationCase, user, on: date, due_on: date | None, note: str = "", version: int | None = None
) -> None:
    """The respondent did not carry out the decision in time: ordered to do so within a new period (责令限期履行,
    ARL23 art 77)."""
    _transition(case, user, "order_performance", on, version, due_on=due_on)
    changes: list[tuple] = []
    _set(case, changes, "performance_ordered_on", on)
    _set(case, changes, "performance_due_on", due_on)
    _event(case, user, "performance_ordered", on, due_on=due_on, note=(note or "").strip() or None)
    _finish(case, user, "order_performance", changes)


def copy_to_superior(case: ReconsiderationCase, user, on: date, version: int | None = None) -> None:
    """The decision was copied to the respondent's superior (抄告, ARL23 art 79)."""
    _transition(case, user, "copy_to_superior", on, version)
    changes: list[tuple] = []
    _set(case, changes, "copied_to_superior_on", on)
    _event(case, user, "copied_to_superior", on)
    _finish(case, user, "copy_to_superior", changes)


def publish_decision(case: ReconsiderationCase, user, on: date, version: int | None = None) -> None:
    """The decision was made public (ARL23 art 79 ¶1)."""
    _transition(case, user, "publish_decision", on, version)
    changes: list[tuple] = []
    _set(case, changes, "published_on", on)
    _event(case, user, "published", on)
    _finish(case, user, "publish_decision", changes)


def issue_opinion(
    case: ReconsiderationCase,
    user,
    on: date,
    kind: str,
    agency_id: int | None,
    content: str,
    document_no: str = "",
    received_on: date | None = None,
    version: int | None = None,
) -> ReconsiderationOpinion:
    """A 行政复议意见书 (ARL23 art 76) or 建议书 (Reg07 art 58) issued to an agency; the agency reports within 60
    days of receiving it (until the receipt is recorded, of the day issued)."""
    _transition(
        case, user, "issue_opinion", on, version, kind=kind, agency_id=agency_id, content=content,
        received_on=received_on,
    )  # fmt: skip
    start = received_on or on
    opinion = ReconsiderationOpinion(
        kind=kind,
        agency_id=agency_id,
        content=content.strip(),
        document_no=(document_no or "").strip()[:100] or None,
        issued_on=on,
        received_on=received_on,
        feedback_due_on=_working_day_limit(lambda cal: opinion_feedback_due(start, cal), "on"),
    )
    case.opinions.append(opinion)
    _event(case, user, "opinion_issued", on, due_on=opinion.feedback_due_on, note=opinion.document_no)
    _finish(case, user, "issue_opinion", [("opinion", None, opinion.document_no or kind)])
    return opinion


def record_opinion_feedback(
    case: ReconsiderationCase,
    user,
    on: date,
    opinion_id: int | None,
    note: str = "",
    version: int | None = None,
) -> None:
    """The agency reported what it corrected on an opinion (ARL23 art 76)."""
    _transition(case, user, "opinion_feedback", on, version, opinion_id=opinion_id)
    opinion = next(o for o in case.opinions if o.id == opinion_id)
    opinion.feedback_received_on = on
    opinion.feedback_note = (note or "").strip() or None
    _event(case, user, "opinion_feedback", on, due_on=opinion.feedback_due_on, note=opinion.feedback_note)
    _finish(case, user, "opinion_feedback", [("opinion_feedback", None, on)])
