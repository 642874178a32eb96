"""Pages of the working-day calendar (节假日安排) and the deadline calculator (期限计算器)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError

from casebook.calendars import operations, queries
from casebook.calendars.calculator import LAW_LABELS, STATUS_BADGES, STATUS_LABELS, calculate
from casebook.calendars.forms import (
    MediationCalculatorForm,
    ReconsiderationCalculatorForm,
    ScheduleFileForm,
    ScheduleForm,
)
from casebook.calendars.models import FIRST_YEAR, LAST_YEAR, provisional_reason
from casebook.calendars.parsing import DateTextError, ParsedDays, decode_upload, parse_day_list
from casebook.calendars.parsing import parse_schedule_file as parse_file
from casebook.calendars.schemas import MediationIn, ReconsiderationIn
from casebook.calendars.service import missing_next_year, request_language, working_calendar
from casebook.core.clock import today
from casebook.core.errors import DomainError
from casebook.core.forms import add_field_error, posted
from casebook.core.inputs import int_arg
from casebook.core.permissions import Permission, can, require_permission
from casebook.core.templating import register_navigation
from casebook.core.views import HOME_NOTICES
from casebook.deadlines import CalendarYearUnknown, DeadlineInputError
from casebook.extensions import db

bp = Blueprint("calendars", __name__, template_folder="templates", url_prefix="/calendar")


@bp.record_once
def _navigation(state) -> None:
    """The calculator and the schedules come after the case areas (registered when the blueprint is)."""
    register_navigation("calendars.calculator", _l("Deadline calculator"), Permission.USE_CALCULATOR)
    register_navigation("calendars.calendar", _l("Holiday schedules"), None)
    state.app.add_template_global(provisional_reason, "provisional_reason")
    if _missing_schedule_notice not in HOME_NOTICES:  # one list for every app of the process
        HOME_NOTICES.append(_missing_schedule_notice)


def _missing_schedule_notice() -> dict | None:
    """On an administrator's home page from 1 November: next year's holiday schedule is not loaded."""
    if not can(Permission.MANAGE_CALENDAR):
        return None
    year = missing_next_year(today())
    if year is None:
        return None
    return {
        "text": missing_year_warning(year),
        "url": url_for("calendars.load", year=year),
        "link": _("Load the schedule for %(year)s", year=year),
    }


def missing_year_warning(year: int) -> str:
    """The warning that next year's schedule is missing, and what happens until it is loaded."""
    return _(
        "The %(year)s holiday schedule is not loaded. Enter it once the State Council publishes it: until then, "
        "deadlines reaching %(year)s are counted from the statutory holidays without make-up workdays and "
        "marked provisional.",
        year=year,
    )


ORIGIN_LABELS = {"library": _l("built-in library"), "admin": _l("entered by an administrator")}
KIND_LABELS = {"holiday": _l("Day off"), "workday": _l("Make-up workday")}


@bp.get("/")
def calendar():
    """A year's rest days and make-up workdays, where they come from, and the years known."""
    year = int_arg("year", minimum=FIRST_YEAR, maximum=LAST_YEAR) or today().year
    listing, unknown = None, None
    try:
        listing = queries.year_listing(year, working_calendar(), request_language())
    except CalendarYearUnknown as error:
        unknown = error.message(request_language())
    missing_year = missing_next_year(today())
    return render_template(
        "calendars/calendar.html",
        missing_year=missing_year,
        missing_warning=missing_year_warning(missing_year) if missing_year else None,
        year=year,
        listing=listing,
        unknown=unknown,
        known=queries.known_years(),
        changes=queries.recent_changes(),
        origin_labels=ORIGIN_LABELS,
        kind_labels=KIND_LABELS,
    )


@bp.route("/load", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_CALENDAR)
def load():
    """Load or replace a year's schedule, typed in or from a file."""
    form = ScheduleForm(prefix="m")
    file_form = ScheduleFileForm(prefix="f")
    if request.method == "GET":
        year = int_arg("year", minimum=FIRST_YEAR, maximum=LAST_YEAR)
        if year is not None:
            _prefill(form, file_form, year)
    if posted("manual") and form.validate():
        parsed = ParsedDays()
        for name in ("holidays", "workdays"):
            parse_day_list(
                getattr(form, name).data,
                form.year.data,
                getattr(parsed, name),
                parsed.errors.setdefault(name, []),
            )
        if _save(form, parsed, form.source_note.data or ""):
            return redirect(url_for("calendars.calendar", year=form.year.data))
    if posted("file") and file_form.validate():
        try:
            parsed = parse_file(decode_upload(file_form.file.data.read()), file_form.year.data)
        except DateTextError as error:
            parsed = ParsedDays(errors={"file": [str(error)]})
        note = file_form.source_note.data or file_form.file.data.filename or ""
        if _save(file_form, parsed, note, error_field="file"):
            return redirect(url_for("calendars.calendar", year=file_form.year.data))
    return render_template("calendars/load.html", form=form, file_form=file_form)


def _prefill(form: ScheduleForm, file_form: ScheduleFileForm, year: int) -> None:
    """Start the form from the schedule in force for ``year``, if any, so that a correction is a small edit."""
    form.year.data = file_form.year.data = year
    try:
        listing = queries.year_listing(year, working_calendar(), request_language())
    except CalendarYearUnknown:
        return
    for kind, field in (("holiday", form.holidays), ("workday", form.workdays)):
        field.data = "\n".join(
            f"{d.day.isoformat()} {d.name}" if d.name else d.day.isoformat()
            for d in listing.days
            if d.kind == kind
        )
    if listing.schedule is not None:
        form.source_note.data = listing.schedule.source_note


def _save(form, parsed: ParsedDays, note: str, error_field: str | None = None) -> bool:
    """Store the parsed schedule; on any problem put each message beside its field and return False."""
    errors = {field: messages for field, messages in parsed.errors.items() if messages}
    if not errors:
        try:
            operations.load_schedule(form.year.data, parsed.holidays, parsed.workdays, note, current_user)
            db.session.commit()
        except operations.ScheduleError as error:
            db.session.rollback()
            errors = error.errors
        except IntegrityError:  # another administrator loaded the same year at the same moment
            db.session.rollback()
            errors = {"year": [_("This year was changed by someone else meanwhile. Please try again.")]}
        else:
            flash(_("The schedule for %(year)s has been loaded.", year=form.year.data), "success")
            return True
    for field, messages in errors.items():
        target = field if field == "year" else (error_field or field)
        for message in messages:
            add_field_error(form, target, message, "year")
    return False


@bp.post("/<int:year>/delete")
@require_permission(Permission.MANAGE_CALENDAR)
def delete(year: int):
    """Delete an administrator's schedule; the library's applies again where it knows the year."""
    try:
        operations.delete_schedule(year, current_user)
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("The schedule for %(year)s entered by an administrator has been deleted.", year=year), "info")
    return redirect(url_for("calendars.calendar", year=year))


@bp.route("/calculator", methods=["GET", "POST"])
@require_permission(Permission.USE_CALCULATOR)
def calculator():
    """Enter a case's dates, see its deadline, status and the steps that produced them."""
    kind = request.values.get("kind", "reconsideration")
    if kind not in ("reconsideration", "mediation"):
        abort(404)
    form = ReconsiderationCalculatorForm() if kind == "reconsideration" else MediationCalculatorForm()
    result, unknown_year, unknown_message, suspension_errors = None, None, None, []
    if kind == "reconsideration":
        suspension_errors = _suspension_row_errors(form)
    if request.method == "POST" and form.validate() and not suspension_errors:
        lang = request_language()
        try:
            result = calculate(_request_from_form(form, kind), lang)
        except DeadlineInputError as error:
            if error.field == "suspensions":
                suspension_errors.append(error.message(lang))
            else:
                add_field_error(form, error.field, error.message(lang), _first_field(kind))
        except CalendarYearUnknown as error:
            unknown_year, unknown_message = error.year, error.message(lang)
        except ValidationError as error:  # the form's types match the schema; kept so nothing can 500
            for item in error.errors():
                if item["loc"][0] == "suspensions":
                    suspension_errors.append(item["msg"])
                else:
                    add_field_error(form, str(item["loc"][0]), item["msg"], _first_field(kind))
    if kind == "reconsideration" and all(row.from_on.data for row in form.suspensions):
        form.suspensions.append_entry()
    return render_template(
        "calendars/calculator.html",
        form=form,
        kind=kind,
        result=result,
        unknown_year=unknown_year,
        unknown_message=unknown_message,
        suspension_errors=suspension_errors,
        law_labels=LAW_LABELS,
        status_labels=STATUS_LABELS,
        status_badges=STATUS_BADGES,
    )


def _suspension_row_errors(form: ReconsiderationCalculatorForm) -> list[str]:
    """A row with a resumption or a ground but no suspension date would be dropped silently: say so instead."""
    if request.method != "POST":
        return []
    return [
        _("Row %(n)s: give the date the case was suspended.", n=number)
        for number, row in enumerate(form.suspensions, start=1)
        if not any(row.from_on.raw_data or []) and (row.to_on.data or row.ground.data)
    ]


def _first_field(kind: str) -> str:
    return "received_on" if kind == "reconsideration" else "accepted_on"


def _request_from_form(form, kind: str) -> ReconsiderationIn | MediationIn:
    """The API's request model from the page's form, so that both go through the same calculation."""
    common = {
        "closed_on": form.closed_on.data,
        "as_of": form.as_of.data,
        "extension_days": form.extension_days.data or 0,
    }
    if kind == "mediation":
        return MediationIn(kind="mediation", accepted_on=form.accepted_on.data, **common)
    suspensions = [
        {
            "from": row.from_on.data,
            "to": row.to_on.data,
            "ground": int(row.ground.data) if row.ground.data else None,
        }
        for row in form.suspensions
        if row.from_on.data
    ]
    return ReconsiderationIn(
        kind="reconsideration",
        received_on=form.received_on.data,
        accepted_on=form.accepted_on.data,
        supplement_requested_on=form.supplement_requested_on.data,
        supplement_received_on=form.supplement_received_on.data,
        procedure=form.procedure.data,
        converted_on=form.converted_on.data,
        suspensions=suspensions,
        special_limit_days=form.special_limit_days.data,
        special_limit_reason=form.special_limit_reason.data or None,
        **common,
    )
