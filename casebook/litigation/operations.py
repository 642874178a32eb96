"""Every write to litigation cases: check the rule and the status table, change the case, flush, write the
history (who, when, before, after). Nothing here commits; nothing is deleted (a case entered by mistake is voided).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import or_, select

from casebook.calendars.operations import on_schedule_change
from casebook.calendars.service import working_calendar
from casebook.core.clock import today
from casebook.core.errors import DomainError
from casebook.core.i18n import current_language
from casebook.deadlines import CalendarYearUnknown, DeadlineInputError, defence_deadline
from casebook.extensions import db
from casebook.litigation.codes import (
    ACT_CATEGORIES,
    AGAINST_AGENCY_OUTCOMES,
    APPEARANCES,
    DEFENDANT_KINDS,
    HEAD_APPEARANCES,
    INSTANCES,
    OUTCOMES,
    STATUS_LABELS,
    Status,
)
from casebook.litigation.models import (
    LitigationCase,
    LitigationCaseChange,
    LitigationHearing,
    LitigationPlaintiff,
)
from casebook.orgs.models import Agency
from casebook.reconsideration.models import ReconsiderationCase
from casebook.reconsideration.operations import PartyData, StaleCase, check_version, clean_party
from casebook.reconsideration.operations.common import _text

__all__ = ["PartyData", "StaleCase", "check_version"]

S = Status
LIVE = frozenset({S.OPEN, S.DECIDED, S.APPEALED, S.EFFECTIVE})
# Which action may happen in which status (the one table of the case's life).
ALLOWED: dict[str, frozenset[str]] = {
    "edit": LIVE,
    "add_plaintiff": LIVE,
    "serve": frozenset({S.OPEN}),
    "defence": frozenset({S.OPEN}),
    "schedule": frozenset({S.OPEN}),
    "hearing": frozenset({S.OPEN}),
    "judgment": frozenset({S.OPEN}),
    "appeal": frozenset({S.DECIDED}),
    "effective": frozenset({S.DECIDED}),
    "perform": frozenset({S.EFFECTIVE}),
    "void": LIVE,
}
# The details an officer may correct later; each change is one history row.
EDITABLE_FIELDS = (
    "court",
    "court_case_no",
    "instance",
    "defendant_kind",
    "agency_id",
    "act_category",
    "act_description",
    "act_document_no",
    "reconsideration_case_id",
    "filed_on",
)


def allowed_actions(case: LitigationCase) -> list[str]:
    """The actions the case's status allows, in the table's order."""
    return [action for action, statuses in ALLOWED.items() if case.status in statuses]


def _check(case: LitigationCase, action: str, version: int | None) -> None:
    check_version(case, version)
    if case.status not in ALLOWED[action]:
        raise DomainError(
            _("Not possible while the case is “%(status)s”.", status=STATUS_LABELS[Status(case.status)])
        )


# ---------------------------------------------------------------- history and the defence deadline


def record(case: LitigationCase, user, action: str, field=None, before=None, after=None, note=None) -> None:
    """Add one history row (after a flush, so that it carries the case's new version)."""
    db.session.add(
        LitigationCaseChange(
            case_id=case.id,
            user_id=getattr(user, "id", None),
            action=action,
            field=field,
            before=_text(before),
            after=_text(after),
            note=note,
            version=case.version,
        )
    )


def _set(case: LitigationCase, changes: list[tuple], field: str, value) -> None:
    before = getattr(case, field)
    if before != value:
        setattr(case, field, value)
        changes.append((field, before, value))


def refresh_defence_due(case: LitigationCase) -> None:
    """Store the defence's last day (ALL art 67 ¶1) from the complaint's service; a year without a holiday
    schedule leaves it unknown (its date would only be provisional) and names the year."""
    if case.complaint_served_on is None:
        case.defence_due_on, case.calendar_missing_year = None, None
        return
    calendar = working_calendar()
    try:
        due, _steps = defence_deadline(case.complaint_served_on, calendar)
        provisional = calendar.provisional_years([case.complaint_served_on, due])
        case.defence_due_on = None if provisional else due
        case.calendar_missing_year = provisional[0] if provisional else None
    except CalendarYearUnknown as error:
        case.defence_due_on, case.calendar_missing_year = None, error.year
    except DeadlineInputError as error:
        raise DomainError(error.message(current_language()), error.field) from None


def _finish(case: LitigationCase, user, action: str, changes: list[tuple], note: str | None = None) -> None:
    """Flush, then write the history rows of one operation."""
    db.session.flush()
    if not changes:
        record(case, user, action, note=note)
    for field, before, after in changes:
        record(case, user, action, field, before, after, note)


# ---------------------------------------------------------------- registration and corrections


def _date_not_future(value, field: str, message: str) -> None:
    if not isinstance(value, date):
        raise DomainError(message, field)
    if value > today():
        raise DomainError(_("The date cannot be in the future."), field)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    """Check the details of a case (as entered or merged with the stored ones); returns them normalised."""
    out = dict(values)
    for name in ("court", "court_case_no", "act_description", "act_document_no"):
        out[name] = (out.get(name) or "").strip() or None
    if not out["court"]:
        raise DomainError(_("Enter the court."), "court")
    if not out["court_case_no"]:
        raise DomainError(_("Enter the court's case number."), "court_case_no")
    if out.get("instance") not in INSTANCES:
        raise DomainError(_("Choose the instance."), "instance")
    if out.get("defendant_kind") not in DEFENDANT_KINDS:
        raise DomainError(_("Choose the defendant."), "defendant_kind")
    if out.get("act_category") not in ACT_CATEGORIES:
        raise DomainError(_("Choose the category of the administrative act."), "act_category")
    if out["defendant_kind"] == "government":
        out["agency_id"] = None
    else:
        agency_id = out.get("agency_id")
        if not isinstance(agency_id, int) or db.session.get(Agency, agency_id) is None:
            raise DomainError(_("Choose the defending agency."), "agency_id")
    _date_not_future(out.get("filed_on"), "filed_on", _("Enter the date the court filed the case."))
    out["reconsideration_case_id"] = _reconsideration_case_id(out)
    return out


def _reconsideration_case_id(values: dict[str, Any]) -> int | None:
    """The concluded reconsideration case the suit follows, by its id or case number (复议后起诉)."""
    number = (values.pop("reconsideration_case_no", None) or "").strip()
    case_id = values.get("reconsideration_case_id")
    if not number and case_id is None:
        return None
    R = ReconsiderationCase
    condition = R.case_no == number if number else R.id == case_id
    found = db.session.scalars(select(R).where(condition, R.is_voided.is_(False))).first()
    if found is None:
        raise DomainError(_("No reconsideration case has this number."), "reconsideration_case_no")
    if found.closed_on is None:
        raise DomainError(
            _("The reconsideration case %(no)s has no decision yet.", no=found.case_no),
            "reconsideration_case_no",
        )
    return found.id


def _court_case_no_taken(court: str, number: str, case_id: int | None = None) -> bool:
    C = LitigationCase
    query = select(C.id).where(C.court == court, C.court_case_no == number)
    if case_id is not None:
        query = query.where(C.id != case_id)
    return db.session.scalar(query) is not None


def _update_plaintiff_names(case: LitigationCase) -> None:
    case.plaintiff_names = "、".join(p.name for p in case.plaintiffs)[:300]


def _plaintiff(data: PartyData, position: int) -> LitigationPlaintiff:
    cleaned = clean_party(PartyData(**{**data.__dict__, "role": "applicant"}))
    fields = {k: v for k, v in cleaned.__dict__.items() if k != "role"}
    return LitigationPlaintiff(position=position, **fields)


def register_case(user, plaintiffs: list[PartyData], **values) -> LitigationCase:
    """Register a case filed by a court against an agency of the district or the district government, with its
    plaintiffs; the defence's due date follows from the complaint's service (ALL art 67 ¶1)."""
    values.setdefault("instance", "first")
    values.setdefault("defendant_kind", "agency")
    served_on = values.pop("complaint_served_on", None)
    cleaned = _clean(values)
    rows = [_plaintiff(p, position) for position, p in enumerate(plaintiffs)]
    if not rows:
        raise DomainError(_("Enter at least one plaintiff."), "name")
    if _court_case_no_taken(cleaned["court"], cleaned["court_case_no"]):
        raise DomainError(_("This court already has a case with this number."), "court_case_no")
    case = LitigationCase(
        status=Status.OPEN,
        created_by_id=getattr(user, "id", None),
        **{name: cleaned.get(name) for name in EDITABLE_FIELDS},
    )
    case.plaintiffs.extend(rows)
    _update_plaintiff_names(case)
    db.session.add(case)
    if served_on is not None:
        _check_served(case, served_on)
        case.complaint_served_on = served_on
    refresh_defence_due(case)
    _finish(case, user, "register", [], note=case.court_case_no)
    return case


def update_case(case: LitigationCase, user, version: int | None = None, **values) -> list[str]:
    """Correct the case's details; returns the fields changed."""
    _check(case, "edit", version)
    merged = {name: values.get(name, getattr(case, name)) for name in EDITABLE_FIELDS}
    if "reconsideration_case_no" in values:
        merged["reconsideration_case_no"] = values["reconsideration_case_no"]
        merged["reconsideration_case_id"] = None
    cleaned = _clean(merged)
    if _court_case_no_taken(cleaned["court"], cleaned["court_case_no"], case.id):
        raise DomainError(_("This court already has a case with this number."), "court_case_no")
    if case.complaint_served_on and cleaned["filed_on"] > case.complaint_served_on:
        raise DomainError(_("The court cannot file the case after serving the complaint."), "filed_on")
    changes: list[tuple] = []
    for name in EDITABLE_FIELDS:
        _set(case, changes, name, cleaned[name])
    if changes:
        _finish(case, user, "edit", changes)
    return [field for field, _before, _after in changes]


def add_plaintiff(
    case: LitigationCase, user, data: PartyData, version: int | None = None
) -> LitigationPlaintiff:
    """Add a plaintiff; the numbers are checked like a reconsideration party's."""
    _check(case, "add_plaintiff", version)
    row = _plaintiff(data, 1 + max((p.position for p in case.plaintiffs), default=-1))
    case.plaintiffs.append(row)
    _update_plaintiff_names(case)
    _finish(case, user, "add_plaintiff", [("plaintiff", None, row.name)])
    return row


# ---------------------------------------------------------------- the steps in court


def _check_served(case: LitigationCase, on: date | None) -> None:
    _date_not_future(on, "on", _("Enter the day the agency received the complaint."))
    if on < case.filed_on:
        raise DomainError(_("The complaint cannot be served before the court filed the case."), "on")


def serve_complaint(case: LitigationCase, user, on: date | None, version: int | None = None) -> None:
    """The agency received the copy of the complaint: its defence is due 15 days later (ALL art 67 ¶1)."""
    _check(case, "serve", version)
    _check_served(case, on)
    changes: list[tuple] = []
    before_due = case.defence_due_on
    _set(case, changes, "complaint_served_on", on)
    refresh_defence_due(case)
    if case.defence_due_on != before_due:
        changes.append(("defence_due_on", before_due, case.defence_due_on))
    _finish(case, user, "serve", changes)


def submit_defence(case: LitigationCase, user, on: date | None, version: int | None = None) -> None:
    """The defence and the evidence went to the court (ALL art 67 ¶1; a late defence is recorded, and shows)."""
    _check(case, "defence", version)
    _date_not_future(on, "on", _("Enter the day the defence was submitted."))
    if case.complaint_served_on is None:
        raise DomainError(_("Record first the day the agency received the complaint."), "on")
    if on < case.complaint_served_on:
        raise DomainError(_("The defence cannot come before the complaint was received."), "on")
    changes: list[tuple] = []
    _set(case, changes, "defence_submitted_on", on)
    _finish(case, user, "defence", changes)


def schedule_hearing(case: LitigationCase, user, on: date | None, version: int | None = None) -> None:
    """The court's summons (传票) set a hearing for `on`: it shows on the desk until the hearing is recorded."""
    _check(case, "schedule", version)
    if not isinstance(on, date):
        raise DomainError(_("Enter the day of the hearing."), "on")
    if on < case.filed_on:
        raise DomainError(_("A hearing cannot come before the court filed the case."), "on")
    changes: list[tuple] = []
    _set(case, changes, "next_hearing_on", on)
    _finish(case, user, "schedule", changes)


def record_hearing(
    case: LitigationCase,
    user,
    on: date | None,
    appearance: str | None,
    head_name: str | None = None,
    head_title: str | None = None,
    representatives: str | None = None,
    absence_reason: str | None = None,
    note: str | None = None,
    version: int | None = None,
) -> LitigationHearing:
    """A hearing and who appeared for the agency: its head or a deputy head (ALL art 3 ¶3; SPC20 art 2), or only
    staff or lawyers, then with the reason the head could not appear (SPC20 art 8–9)."""
    _check(case, "hearing", version)
    _date_not_future(on, "on", _("Enter the day of the hearing."))
    if on < case.filed_on:
        raise DomainError(_("A hearing cannot come before the court filed the case."), "on")
    if appearance not in APPEARANCES:
        raise DomainError(_("Choose who appeared for the agency."), "appearance")
    head_name = (head_name or "").strip()[:60] or None
    absence_reason = (absence_reason or "").strip() or None
    if appearance in HEAD_APPEARANCES and not head_name:
        raise DomainError(_("Enter the name of the head who appeared (ALL art 3 ¶3)."), "head_name")
    if appearance not in HEAD_APPEARANCES and not absence_reason:
        raise DomainError(
            _("Give the reason the head did not appear (ALL art 3 ¶3; SPC20 art 8–9)."), "absence_reason"
        )
    hearing = LitigationHearing(
        held_on=on,
        appearance=appearance,
        head_name=head_name if appearance in HEAD_APPEARANCES else None,
        head_title=(head_title or "").strip()[:60] or None,
        representatives=(representatives or "").strip()[:200] or None,
        absence_reason=absence_reason if appearance not in HEAD_APPEARANCES else None,
        note=(note or "").strip() or None,
        user_id=getattr(user, "id", None),
    )
    case.hearings.append(hearing)
    case.next_hearing_on = None
    who = head_name if appearance in HEAD_APPEARANCES else (representatives or appearance)
    _finish(case, user, "hearing", [("hearing", None, f"{on.isoformat()} {who}")])
    return hearing


def record_judgment(
    case: LitigationCase,
    user,
    on: date | None,
    outcome: str | None,
    is_against_agency: bool | None = None,
    document_no: str | None = None,
    version: int | None = None,
) -> None:
    """The court's judgment or ruling; whether it goes against the agency (败诉) defaults to the outcome (撤销,
    变更, 确认违法, 确认无效, 责令履行: ALL art 70–78)."""
    _check(case, "judgment", version)
    _date_not_future(on, "on", _("Enter the date of the judgment."))
    if on < case.filed_on:
        raise DomainError(_("The judgment cannot come before the court filed the case."), "on")
    if outcome not in OUTCOMES:
        raise DomainError(_("Choose the outcome."), "outcome")
    against = outcome in AGAINST_AGENCY_OUTCOMES if is_against_agency is None else bool(is_against_agency)
    changes: list[tuple] = []
    _set(case, changes, "judgment_on", on)
    _set(case, changes, "outcome", outcome)
    _set(case, changes, "is_against_agency", against)
    _set(case, changes, "judgment_document_no", (document_no or "").strip()[:100] or None)
    _set(case, changes, "status", Status.DECIDED)
    _finish(case, user, "judgment", changes)


def record_appeal(
    case: LitigationCase, user, on: date | None, next_instance_id: int | None, version: int | None = None
) -> None:
    """The judgment was appealed (or a retrial opened): the next instance is a case of its own, linked here."""
    _check(case, "appeal", version)
    _date_not_future(on, "on", _("Enter the day of the appeal."))
    if on < case.judgment_on:
        raise DomainError(_("An appeal cannot come before the judgment."), "on")
    following = (
        db.session.get(LitigationCase, next_instance_id) if isinstance(next_instance_id, int) else None
    )
    if following is None or following.is_voided or following.id == case.id:
        raise DomainError(_("Choose the case of the next instance (register it first)."), "next_instance_id")
    if following.instance == "first":
        raise DomainError(_("The next instance is a second instance or a retrial."), "next_instance_id")
    changes: list[tuple] = []
    _set(case, changes, "appealed_on", on)
    _set(case, changes, "next_instance_id", following.id)
    _set(case, changes, "status", Status.APPEALED)
    _finish(case, user, "appeal", changes)


def record_effect(case: LitigationCase, user, on: date | None, version: int | None = None) -> None:
    """The judgment took effect (no appeal in time, or a final instance): its performance is now due."""
    _check(case, "effective", version)
    _date_not_future(on, "on", _("Enter the day the judgment took effect."))
    if on < case.judgment_on:
        raise DomainError(_("A judgment cannot take effect before it is given."), "on")
    changes: list[tuple] = []
    _set(case, changes, "effective_on", on)
    _set(case, changes, "status", Status.EFFECTIVE)
    _finish(case, user, "effective", changes)


def record_performance(
    case: LitigationCase, user, on: date | None, note: str | None = None, version: int | None = None
) -> None:
    """The agency performed the judgment in effect (履行生效裁判, ALL art 94–96)."""
    _check(case, "perform", version)
    _date_not_future(on, "on", _("Enter the day the judgment was performed."))
    if on < case.effective_on:
        raise DomainError(_("Performance cannot come before the judgment took effect."), "on")
    if case.performed_on is not None:
        raise DomainError(_("The performance is already recorded."), "on")
    changes: list[tuple] = []
    _set(case, changes, "performed_on", on)
    _set(case, changes, "performance_note", (note or "").strip() or None)
    _finish(case, user, "perform", changes)


def void(case: LitigationCase, user, reason: str | None, version: int | None = None) -> None:
    """A case registered by mistake stays on record and counts nowhere."""
    _check(case, "void", version)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Give the reason."), "reason")
    changes: list[tuple] = []
    _set(case, changes, "status", Status.VOIDED)
    _set(case, changes, "is_voided", True)
    _set(case, changes, "void_reason", reason)
    _finish(case, user, "void", changes)


@on_schedule_change
def refresh_deadlines_for_year(year: int, user=None) -> int:
    """Recompute the defence due dates that depend on `year`'s holiday schedule; each change is in the history."""
    C = LitigationCase
    start, end = date(year - 1, 12, 1), date(year, 12, 31)
    cases = db.session.scalars(
        select(C).where(
            C.is_voided.is_(False),
            or_(C.calendar_missing_year == year, C.complaint_served_on.between(start, end)),
        )
    ).all()
    changed = 0
    for case in cases:
        before = case.defence_due_on
        refresh_defence_due(case)
        if case.defence_due_on != before:
            changed += 1
            db.session.flush()
            record(case, user, "calendar", "defence_due_on", before, case.defence_due_on, note=str(year))
    return changed
