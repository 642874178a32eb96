"""A case's mediation deadline from the pure deadline engine, with the app's calendar and settings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casebook.calendars.service import deadline_settings, working_calendar
from casebook.core.clock import today
from casebook.core.i18n import current_language
from casebook.deadlines import (
    CalendarYearUnknown,
    DeadlineInputError,
    DeadlineResult,
    MediationFacts,
    compute_mediation,
    confirmation_deadline,
)


@dataclass(frozen=True)
class CaseDeadline:
    """What the case page shows: the engine's result, or why there is none."""

    result: DeadlineResult | None
    problem: str | None = None  # e.g. "calendar for 2027 not loaded"
    from_registration: bool = False  # no acceptance date recorded: counted from registration

    @property
    def due_on(self) -> date | None:
        return self.result.due_on if self.result else None


def deadline_basis(case) -> tuple[date | None, bool]:
    """The day the limit counts from: acceptance, or registration for a closed case without an acceptance date
    (imported records); None for a case not accepted yet. The flag says whether registration was used."""
    if case.accepted_on is not None:
        return case.accepted_on, False
    if case.closed_on is not None:
        return case.registered_on, True
    return None, False


def compute_limit(basis: date | None, extension_days: int) -> DeadlineResult | None:
    """The engine's result for a limit counted from `basis`; None without a basis or for facts it refuses."""
    if basis is None:
        return None
    try:
        facts = MediationFacts(accepted_on=basis, extension_days=extension_days or 0)
        return compute_mediation(facts, working_calendar(), deadline_settings(), as_of=basis)
    except (CalendarYearUnknown, DeadlineInputError):
        return None


def compute_due_on(basis: date | None, extension_days: int) -> date | None:
    """The certain mediation deadline for a limit counted from `basis`; None without a basis, or while a year
    it reaches has no holiday schedule (then the date is only provisional)."""
    result = compute_limit(basis, extension_days)
    return None if result is None or result.is_provisional else result.due_on


def case_deadline(case, as_of: date | None = None) -> CaseDeadline:
    """The deadline, status and steps of `case` as of `as_of` (today by default)."""
    basis, from_registration = deadline_basis(case)
    if basis is None:
        return CaseDeadline(result=None)
    lang = current_language()
    try:
        facts = MediationFacts(
            accepted_on=basis, extension_days=case.extension_days or 0, closed_on=case.closed_on
        )
        result = compute_mediation(facts, working_calendar(), deadline_settings(), as_of=as_of or today())
    except (CalendarYearUnknown, DeadlineInputError) as error:
        return CaseDeadline(result=None, problem=error.message(lang), from_registration=from_registration)
    return CaseDeadline(result=result, from_registration=from_registration)


def stored_deadline(basis: date | None, extension_days: int) -> dict[str, date | int | None]:
    """The stored columns of a limit counted from `basis`: `due_on` when certain; `due_on_provisional`, with the
    year that makes it so, while a year it reaches has no holiday schedule (due_on NULL keeps the case out of
    the on-time rate, domain.md §2.3)."""
    result = compute_limit(basis, extension_days)
    provisional = result is not None and result.is_provisional
    return {
        "due_on": result.due_on if result is not None and not provisional else None,
        "due_on_provisional": result.due_on if provisional else None,
        "calendar_missing_year": result.provisional_years[0] if provisional else None,
    }


def refresh_due_on(case) -> None:
    """Store the engine's deadline on the case (called on every change of the dates it depends on)."""
    basis, _from_registration = deadline_basis(case)
    for column, value in stored_deadline(basis, case.extension_days or 0).items():
        setattr(case, column, value)


def confirmation_due_on(case) -> date | None:
    """The last day to apply for judicial confirmation of the case's agreement (PML art 33), or None without an
    agreement or while the day rests on a year without a holiday schedule (the note then gives the rule alone)."""
    if case.agreement_on is None:
        return None
    calendar = working_calendar()
    try:
        due = confirmation_deadline(case.agreement_on, calendar)[0]
    except (CalendarYearUnknown, DeadlineInputError):
        return None
    return None if calendar.provisional_years([case.agreement_on, due]) else due
