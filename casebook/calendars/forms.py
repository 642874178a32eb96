"""Forms of the calendar area: loading a year's schedule, and the deadline calculator."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import (
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectChoice,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from casebook.calendars.models import FIRST_YEAR, LAST_YEAR
from casebook.core.dates import BoundedDateField

_YEAR_MESSAGE = _l("Give a year from %(first)s to %(last)s.", first=FIRST_YEAR, last=LAST_YEAR)


class _ScheduleHead(FlaskForm):
    year = IntegerField(
        _l("Year"),
        validators=[
            InputRequired(_l("Give the year of the schedule.")),
            NumberRange(FIRST_YEAR, LAST_YEAR, message=_YEAR_MESSAGE),
        ],
    )
    source_note = StringField(
        _l("Source"),
        validators=[Optional(), Length(max=200)],
        description=_l("Where the schedule comes from, e.g. the State Council's notice and its number."),
    )


class ScheduleForm(_ScheduleHead):
    """A year's schedule typed in: statutory rest days and make-up workdays."""

    holidays = TextAreaField(
        _l("Holidays (days off)"),
        render_kw={"rows": 8},
        description=_l(
            "One date or range per line, optionally followed by the festival's name, "
            "e.g. “2027-10-01~2027-10-07 国庆节”. Days off that fall on a weekend may be listed too."
        ),
    )
    workdays = TextAreaField(
        _l("Make-up workdays"),
        render_kw={"rows": 5},
        description=_l(
            "Saturdays or Sundays worked in exchange (调休上班), one per line, e.g. “2027-09-26 国庆节”."
        ),
    )


class ScheduleFileForm(_ScheduleHead):
    """A year's schedule from a CSV or text file of `date,kind[,name]` lines."""

    file = FileField(
        _l("File (CSV or TXT)"),
        validators=[FileRequired(_l("Choose a file."))],
        description=_l(
            "One line per date or range: date,kind[,name], kind 休 or 班 (holiday or workday), "
            "e.g. “2027-10-01~2027-10-07,休,国庆节”. UTF-8 or GB18030."
        ),
    )


# ARL23 art 39 ¶1: the ten grounds of suspension.
SUSPENSION_GROUNDS = [
    SelectChoice("", _l("— ground (optional) —")),
    SelectChoice("1", _l("(1) applicant died; next of kin undecided")),
    SelectChoice("2", _l("(2) applicant lost capacity; no legal representative yet")),
    SelectChoice("3", _l("(3) applicant missing")),
    SelectChoice("4", _l("(4) applicant organisation ended; successor undecided")),
    SelectChoice("5", _l("(5) force majeure or other good reason")),
    SelectChoice("6", _l("(6) mediation or settlement; both parties agree")),
    SelectChoice("7", _l("(7) interpretation of the law awaited")),
    SelectChoice("8", _l("(8) depends on another case")),
    SelectChoice("9", _l("(9) review of a normative document (art. 56, 57)")),
    SelectChoice("10", _l("(10) other grounds")),
]


class SuspensionRow(Form):
    """One suspension: from, until (empty while not resumed), and its ground."""

    from_on = BoundedDateField(_l("Suspended on"), validators=[Optional()])
    to_on = BoundedDateField(_l("Resumed on"), validators=[Optional()])
    ground = SelectField(_l("Ground"), choices=SUSPENSION_GROUNDS, default="", validators=[Optional()])


class _CalculatorCommon(FlaskForm):
    closed_on = BoundedDateField(_l("Closed on"), validators=[Optional()])
    as_of = BoundedDateField(
        _l("Status as of"), validators=[Optional()], description=_l("Leave empty for today.")
    )


class ReconsiderationCalculatorForm(_CalculatorCommon):
    """The dates of a reconsideration case whose deadline is wanted."""

    received_on = BoundedDateField(
        _l("Application received on"),
        validators=[InputRequired(_l("Give the date the application was received."))],
    )
    accepted_on = BoundedDateField(
        _l("Accepted on"), validators=[Optional()], description=_l("Leave empty if no decision was recorded.")
    )
    supplement_requested_on = BoundedDateField(_l("Materials requested on (补正)"), validators=[Optional()])
    supplement_received_on = BoundedDateField(_l("Materials received on"), validators=[Optional()])
    procedure = SelectField(
        _l("Procedure"),
        choices=[SelectChoice("ordinary", _l("Ordinary")), SelectChoice("simplified", _l("Simplified"))],
        default="ordinary",
    )
    converted_on = BoundedDateField(
        _l("Converted to ordinary on"), validators=[Optional()], description=_l("Simplified cases only.")
    )
    suspensions = FieldList(FormField(SuspensionRow), min_entries=3, max_entries=20)
    extension_days = IntegerField(
        _l("Extension (days)"),
        default=0,
        validators=[Optional()],
        description=_l("Approved extension, at most 30 days, ordinary procedure only."),
    )
    special_limit_days = IntegerField(
        _l("Shorter limit set by law (days)"),
        validators=[Optional()],
        description=_l("Only where a special law sets a limit shorter than the procedure's."),
    )
    special_limit_reason = StringField(
        _l("Law setting the shorter limit"), validators=[Optional(), Length(max=200)]
    )


class MediationCalculatorForm(_CalculatorCommon):
    """The dates of a mediation case whose time limit is wanted."""

    accepted_on = BoundedDateField(
        _l("Accepted on"), validators=[InputRequired(_l("Give the date the case was accepted."))]
    )
    extension_days = IntegerField(
        _l("Extension (days)"),
        default=0,
        validators=[Optional()],
        description=_l("Days agreed by both parties."),
    )
