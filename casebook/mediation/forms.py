"""Forms of the mediation pages: intake and edit (with parties), and one small form per action on a case."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    DecimalField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    widgets,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, ValidationError

from casebook.core.dates import BoundedDateField
from casebook.core.inputs import optional_record_id, record_id
from casebook.core.personal import PersonalDataError, clean_credit_code, clean_phone, clean_resident_id
from casebook.mediation.models import (
    AGREEMENT_FORM_LABELS,
    NOT_ACCEPTED_REASON_LABELS,
    OUTCOME_LABELS,
    PARTY_KIND_LABELS,
    PARTY_ROLE_LABELS,
    PERFORMANCE_LABELS,
    RULING_LABELS,
    SOURCE_LABELS,
    PartyKind,
)

MAX_PARTIES = 20


def _choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(key.value, label) for key, label in labels.items()]


class CheckboxesField(SelectMultipleField):
    """Several choices as checkboxes (easier to tap on a phone than a multiple select)."""

    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


def _date(label, required: bool = True, **kwargs) -> BoundedDateField:
    message = _l("Enter a date.")
    validators = [InputRequired(message)] if required else [Optional()]
    return BoundedDateField(label, validators=validators, **kwargs)


class PartyForm(Form):
    """One party: a natural person (ID number) or an organisation (unified social credit code)."""

    role = SelectField(_l("Role"), choices=_choices(PARTY_ROLE_LABELS))
    kind = SelectField(_l("Kind"), choices=_choices(PARTY_KIND_LABELS))
    name = StringField(_l("Name"), validators=[Optional(), Length(max=120)])
    id_number = StringField(_l("Resident ID number"), validators=[Optional(), Length(max=40)])
    credit_code = StringField(_l("Unified social credit code"), validators=[Optional(), Length(max=40)])
    phone = StringField(_l("Phone"), validators=[Optional(), Length(max=30)])
    address = StringField(_l("Address"), validators=[Optional(), Length(max=200)])

    def is_blank(self) -> bool:
        """A row the clerk left empty (ignored)."""
        return not any(
            (f.data or "").strip()
            for f in (self.name, self.id_number, self.credit_code, self.phone, self.address)
        )

    def validate_name(self, field) -> None:
        if not self.is_blank() and not (field.data or "").strip():
            raise ValidationError(_l("Enter the party's name."))

    def validate_id_number(self, field) -> None:
        if self.kind.data == PartyKind.PERSON and (field.data or "").strip():
            field.data = _clean(clean_resident_id, field.data)

    def validate_credit_code(self, field) -> None:
        if self.kind.data == PartyKind.ORGANISATION and (field.data or "").strip():
            field.data = _clean(clean_credit_code, field.data)

    def validate_phone(self, field) -> None:
        if (field.data or "").strip():
            field.data = _clean(clean_phone, field.data)


def _clean(clean, value: str) -> str:
    try:
        return clean(value)
    except PersonalDataError as error:
        raise ValidationError(str(error)) from None


class VersionedForm(FlaskForm):
    """Every form that changes a case carries the version the user saw."""

    version = HiddenField()

    @property
    def seen_version(self) -> int | None:
        return optional_record_id(self.version.data)


class CaseForm(VersionedForm):
    """Intake (登记) and edit of a case's registration details."""

    committee_id = SelectField(
        _l("Committee"), coerce=optional_record_id, validators=[InputRequired(_l("Choose a committee."))]
    )
    dispute_type_id = SelectField(
        _l("Dispute type"),
        coerce=optional_record_id,
        validators=[InputRequired(_l("Choose a dispute type."))],
    )
    source = RadioField(_l("Source"), choices=_choices(SOURCE_LABELS), default="application")
    referral_body = StringField(
        _l("Referred by"),
        validators=[Optional(), Length(max=120)],
        description=_l("For a referral: the court, police station, petition office or 12345 hotline."),
    )
    registered_on = _date(_l("Registered on"))
    accepted_on = _date(
        _l("Accepted on"),
        required=False,
        description=_l("Fill in to accept the case at once; the mediation time limit counts from this day."),
    )
    area_id = SelectField(_l("Place"), coerce=optional_record_id, validators=[Optional()])
    mediator_ids = CheckboxesField(_l("Mediators"), coerce=record_id, validators=[Optional()])
    amount = DecimalField(
        _l("Amount involved (yuan)"),
        places=2,
        validators=[Optional(), NumberRange(min=0, max=10**11, message=_l("Enter an amount of 0 or more."))],
    )
    persons = IntegerField(
        _l("People involved"),
        validators=[
            Optional(),
            NumberRange(min=1, max=10**6, message=_l("Enter a whole number, at least 1.")),
        ],
    )
    summary = TextAreaField(_l("Summary of the dispute"), validators=[Optional(), Length(max=5000)])
    parties = FieldList(FormField(PartyForm), min_entries=2, max_entries=MAX_PARTIES)

    def validate_parties(self, field) -> None:
        if all(entry.form.is_blank() for entry in field.entries):
            raise ValidationError(_l("Enter at least one party."))


class AcceptForm(VersionedForm):
    accepted_on = _date(_l("Accepted on"))


class NotAcceptForm(VersionedForm):
    """不予受理 (PML art 17): the day, the reason from the list and, for "other", a note."""

    not_accepted_on = _date(_l("Not accepted on"))
    reason = RadioField(
        _l("Reason"),
        choices=_choices(NOT_ACCEPTED_REASON_LABELS),
        validators=[InputRequired(_l("Choose why the case is not accepted."))],
    )
    note = TextAreaField(
        _l("Note"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Required for “Other”: why the case is not accepted."),
    )


class StartForm(VersionedForm):
    """Start mediation: only the version."""


class ConcludeForm(VersionedForm):
    outcome = RadioField(
        _l("Outcome"), choices=_choices(OUTCOME_LABELS), validators=[InputRequired(_l("Choose the outcome."))]
    )
    closed_on = _date(_l("Closed on"))
    agreement_form = RadioField(
        _l("Agreement form"), choices=_choices(AGREEMENT_FORM_LABELS), validators=[Optional()]
    )
    agreement_on = _date(_l("Agreement date"), required=False, description=_l("Empty: the closing date."))
    agreement_facts = TextAreaField(
        _l("Main facts and matters in dispute"),
        validators=[Optional(), Length(max=10000)],
        description=_l(
            "Written agreement: the main facts of the dispute and the matters in dispute (PML art. 29)."
        ),
    )
    agreement_content = TextAreaField(
        _l("Agreement content"),
        validators=[Optional(), Length(max=10000)],
        description=_l(
            "The terms agreed (PML art. 29); for an oral agreement, its content as recorded (art. 30)."
        ),
    )
    agreement_performance = TextAreaField(
        _l("How and when the agreement is performed"),
        validators=[Optional(), Length(max=5000)],
        description=_l("Written agreement: the manner and time limit of performance (PML art. 29)."),
    )
    failure_routes = TextAreaField(
        _l("Other routes the parties were told of"),
        validators=[Optional(), Length(max=2000)],
        description=_l("E.g. a lawsuit, arbitration or an administrative route (PML art. 26)."),
    )
    termination_reason = TextAreaField(
        _l("Reason for termination"), validators=[Optional(), Length(max=2000)]
    )


class SessionForm(VersionedForm):
    held_on = _date(_l("Date"))
    place = StringField(_l("Venue"), validators=[Optional(), Length(max=120)])
    mediator_ids = CheckboxesField(_l("Mediators present"), coerce=record_id, validators=[Optional()])
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)])


class ExtensionForm(VersionedForm):
    agreed_on = _date(_l("Agreed on"))
    days = IntegerField(
        _l("Days added"),
        validators=[
            InputRequired(_l("Enter a number of days.")),
            NumberRange(min=1, max=365, message=_l("From 1 to 365 days.")),
        ],
    )
    reason = TextAreaField(
        _l("Reason"), validators=[DataRequired(_l("Give the reason for the extension.")), Length(max=2000)]
    )


class ConfirmationForm(VersionedForm):
    applied_on = _date(_l("Applied on"))
    court = StringField(_l("Court"), validators=[DataRequired(_l("Name the court.")), Length(max=120)])
    ruling = SelectField(
        _l("Ruling"),
        choices=[SelectChoice("", _l("Not yet ruled")), *_choices(RULING_LABELS)],
        validators=[Optional()],
    )
    ruling_no = StringField(_l("Ruling number"), validators=[Optional(), Length(max=80)])
    ruled_on = _date(_l("Ruled on"), required=False)


class FollowupForm(VersionedForm):
    visited_on = _date(_l("Visited on"))
    performance = RadioField(
        _l("Performance"),
        choices=_choices(PERFORMANCE_LABELS),
        validators=[InputRequired(_l("Choose how the agreement is being performed."))],
    )
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=5000)])


class ArchiveForm(VersionedForm):
    archived_on = _date(_l("Archived on"))


class ReasonForm(VersionedForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(_l("Give the reason.")), Length(max=2000)])
