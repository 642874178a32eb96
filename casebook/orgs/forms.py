"""Forms of the organisation pages. Field names are the model's attribute names, so that
`values(form, FIELDS)` gives the dict the operations take."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    SelectField,
    SelectMultipleField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, NumberRange, Optional, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from casebook.core.dates import BoundedDateField
from casebook.core.inputs import optional_record_id, record_id
from casebook.core.personal import Phone, ResidentId
from casebook.orgs.models import (
    COMMITTEE_TYPE_LABELS,
    EMPLOYMENT_LABELS,
    GENDER_LABELS,
    POSITION_LABELS,
    AgencyKind,
)

AGENCY_KIND_LABELS = {
    AgencyKind.DEPARTMENT: _l("Department"),
    AgencyKind.TOWNSHIP: _l("Township / street"),
    AgencyKind.OTHER: _l("Other"),
}


def tidy(value):
    """Strip surrounding spaces and drop characters no database column can hold (NUL, lone surrogates)."""
    if not isinstance(value, str):
        return value
    value = value.replace("\x00", "").encode("utf-8", "ignore").decode("utf-8") if value else value
    return value.strip()


def values(form: FlaskForm, names: list[str]) -> dict:
    """The data of the named fields, as the operations take it."""
    return {name: form[name].data for name in names}


def as_choices(pairs) -> list[SelectChoice]:
    """(value, label) pairs as the options of a select."""
    return [SelectChoice(value=value, label=label) for value, label in pairs]


def _labelled(labels: dict, blank: bool = False) -> list[SelectChoice]:
    choices = [(key.value, label) for key, label in labels.items()]
    return as_choices([("", "—"), *choices] if blank else choices)


def _required(message):
    return [DataRequired(message)]


class MultiCheckboxField(SelectMultipleField):
    """Checkboxes for a short list of choices (e.g. specialities)."""

    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class AreaForm(FlaskForm):
    code = StringField(
        _l("Code"),
        filters=[tidy],
        validators=[*_required(_l("Enter a code.")), Length(max=32)],
        description=_l("The administrative division code where the bureau has one."),
    )
    name = StringField(
        _l("Name"), filters=[tidy], validators=[*_required(_l("Enter a name.")), Length(max=100)]
    )
    parent_id = SelectField(
        _l("Part of"),
        coerce=optional_record_id,
        validate_choice=False,
        description=_l("Empty for the district itself; a township for a village or community."),
    )


AREA_FIELDS = ["code", "name", "parent_id"]


class AssociationForm(FlaskForm):
    code = StringField(
        _l("Code"), filters=[tidy], validators=[*_required(_l("Enter a code.")), Length(max=32)]
    )
    name = StringField(
        _l("Name"), filters=[tidy], validators=[*_required(_l("Enter a name.")), Length(max=120)]
    )
    area_id = SelectField(_l("Area"), coerce=optional_record_id, validate_choice=False)
    address = StringField(_l("Address"), filters=[tidy], validators=[Optional(), Length(max=200)])
    founded_on = BoundedDateField(_l("Founded on"), validators=[Optional()])
    dissolved_on = BoundedDateField(
        _l("Dissolved on"), validators=[Optional()], description=_l("Counted until the day before.")
    )


ASSOCIATION_FIELDS = ["code", "name", "area_id", "address", "founded_on", "dissolved_on"]


class CommitteeForm(FlaskForm):
    code = StringField(
        _l("Code"), filters=[tidy], validators=[*_required(_l("Enter a code.")), Length(max=32)]
    )
    name = StringField(
        _l("Name"), filters=[tidy], validators=[*_required(_l("Enter a name.")), Length(max=120)]
    )
    short_name = StringField(
        _l("Short name"),
        filters=[tidy],
        validators=[Optional(), Length(max=40)],
        description=_l("Used in case numbers, e.g. 东湖."),
    )
    type = SelectField(_l("Type"), choices=_labelled(COMMITTEE_TYPE_LABELS))
    sector = SelectField(
        _l("Sector"),
        validate_choice=False,
        description=_l("Only for sector/professional committees."),
    )
    area_id = SelectField(_l("Area"), coerce=optional_record_id, validate_choice=False)
    association_id = SelectField(_l("Association"), coerce=optional_record_id, validate_choice=False)
    address = StringField(_l("Address"), filters=[tidy], validators=[Optional(), Length(max=200)])
    founded_on = BoundedDateField(_l("Founded on"), validators=[Optional()])
    dissolved_on = BoundedDateField(
        _l("Dissolved on"), validators=[Optional()], description=_l("Counted until the day before.")
    )

    def validate_sector(self, field) -> None:
        """A sector/professional committee names its sector (also checked by the operations)."""
        if self.type.data == "sector" and not field.data:
            raise ValidationError(
                _l("A sector/professional committee needs its sector (e.g. medical, traffic).")
            )


COMMITTEE_FIELDS = [
    "code",
    "name",
    "short_name",
    "type",
    "sector",
    "area_id",
    "association_id",
    "address",
    "founded_on",
    "dissolved_on",
]


class MediatorForm(FlaskForm):
    code = StringField(
        _l("Code"), filters=[tidy], validators=[*_required(_l("Enter a code.")), Length(max=32)]
    )
    name = StringField(
        _l("Name"), filters=[tidy], validators=[*_required(_l("Enter a name.")), Length(max=60)]
    )
    gender = SelectField(
        _l("Gender"), choices=_labelled(GENDER_LABELS, blank=True), coerce=lambda v: v or None
    )
    id_number = StringField(
        _l("Resident ID number"),
        filters=[tidy],
        validators=[Optional(), Length(max=30), ResidentId],
        description=_l("18 characters; checked against its check digit and birth date."),
    )
    phone = StringField(_l("Phone"), filters=[tidy], validators=[Optional(), Length(max=30), Phone])
    employment = SelectField(_l("Employment"), choices=_labelled(EMPLOYMENT_LABELS), default="part_time")
    is_expert = BooleanField(_l("In the expert pool (专家库)"))
    specialities = MultiCheckboxField(_l("Specialities"), coerce=record_id, validate_choice=False)
    committees = SelectMultipleField(
        _l("Committees served"),
        coerce=record_id,
        validate_choice=False,
        description=_l("Hold Ctrl (or ⌘) to choose several."),
    )
    joined_on = BoundedDateField(_l("Appointed on"), validators=[Optional()])
    left_on = BoundedDateField(
        _l("Left on"), validators=[Optional()], description=_l("Counted until the day before.")
    )


MEDIATOR_FIELDS = [
    "code",
    "name",
    "gender",
    "id_number",
    "phone",
    "employment",
    "is_expert",
    "joined_on",
    "left_on",
]


class StudioForm(FlaskForm):
    name = StringField(
        _l("Name"), filters=[tidy], validators=[*_required(_l("Enter a name.")), Length(max=120)]
    )
    committee_id = SelectField(_l("Committee"), coerce=optional_record_id, validate_choice=False)
    lead_mediator_code = StringField(
        _l("Lead mediator code"),
        filters=[tidy],
        validators=[Optional(), Length(max=32)],
        description=_l("A mediator serving the committee."),
    )
    address = StringField(_l("Address"), filters=[tidy], validators=[Optional(), Length(max=200)])
    founded_on = BoundedDateField(_l("Opened on"), validators=[Optional()])


STUDIO_FIELDS = ["name", "committee_id", "address", "founded_on"]


class AgencyForm(FlaskForm):
    code = StringField(
        _l("Code"), filters=[tidy], validators=[*_required(_l("Enter a code.")), Length(max=32)]
    )
    name = StringField(
        _l("Name"), filters=[tidy], validators=[*_required(_l("Enter a name.")), Length(max=120)]
    )
    kind = SelectField(_l("Kind"), choices=_labelled(AGENCY_KIND_LABELS))


AGENCY_FIELDS = ["code", "name", "kind"]


class DisputeTypeForm(FlaskForm):
    code = StringField(
        _l("Code"),
        filters=[tidy],
        validators=[*_required(_l("Enter a code.")), Length(max=32)],
        description=_l("Lower-case letters, digits and '_'; it never changes once saved."),
    )
    name_zh = StringField(
        _l("Chinese name"), filters=[tidy], validators=[*_required(_l("Enter a name.")), Length(max=40)]
    )
    name_en = StringField(
        _l("English name"), filters=[tidy], validators=[*_required(_l("Enter a name.")), Length(max=60)]
    )
    position = IntegerField(_l("Position in lists"), validators=[Optional(), NumberRange(min=0, max=9999)])


DISPUTE_TYPE_FIELDS = ["name_zh", "name_en", "position"]


class MemberForm(FlaskForm):
    mediator_code = StringField(
        _l("Mediator code"),
        filters=[tidy],
        validators=[*_required(_l("Enter the mediator's code.")), Length(max=32)],
    )
    position = SelectField(_l("Position"), choices=_labelled(POSITION_LABELS), default="member")


class PositionForm(FlaskForm):
    position = SelectField(_l("Position"), choices=_labelled(POSITION_LABELS))


class EndForm(FlaskForm):
    """Dissolve a committee or association, or record that a mediator left, on a date."""

    on = BoundedDateField(_l("On"), validators=[DataRequired(_l("Enter a date."))])
