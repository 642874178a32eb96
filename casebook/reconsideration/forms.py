"""Forms of the reconsideration pages: receipt, corrections, parties and each step of the procedure."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from casebook.core.dates import BoundedDateField
from casebook.core.inputs import record_id
from casebook.deadlines.application import MAX_TOLLED_DAYS
from casebook.reconsideration.codes import (
    ACT_CATEGORY_LABELS,
    CHANNEL_LABELS,
    OPINION_KIND_LABELS,
    OUTCOME_LABELS,
    PARTY_KIND_LABELS,
    PARTY_ROLE_LABELS,
    PROCEDURE_LABELS,
    SUSPENSION_GROUND_LABELS,
    TERMINATION_GROUND_LABELS,
)

DATE_REQUIRED = _l("Enter the date (e.g. 2024-09-27).")


def _choices(labels: dict, blank=None):
    """Choices from a code → label mapping (a callable, so labels are translated when the form renders)."""

    def choices() -> list[tuple[str, object]]:
        items = [(str(code), label) for code, label in labels.items()]
        return [("", blank), *items] if blank is not None else items

    return choices


def _date(label, required: bool = True, description: str | None = None) -> BoundedDateField:
    validators = [InputRequired(DATE_REQUIRED)] if required else [Optional()]
    return BoundedDateField(label, validators=validators, description=description)


def _text(label, max_length: int, required_message: str | None = None, description=None) -> StringField:
    validators = [DataRequired(required_message)] if required_message else [Optional()]
    return StringField(label, validators=[*validators, Length(max=max_length)], description=description)


class VersionedForm(FlaskForm):
    """Every form that changes a case carries the version it was prepared against."""

    version = HiddenField()

    def version_value(self) -> int | None:
        """The version as a number, or None when the field is missing or bad."""
        raw = (self.version.data or "").strip()
        return int(raw) if raw.isdigit() else None


class ReceiptForm(VersionedForm):
    """收到申请: what the application says, and its first applicant (more parties on the case page)."""

    received_on = _date(_l("Received on"))
    channel = SelectField(_l("Channel"), choices=_choices(CHANNEL_LABELS), default="written")
    agency_id = SelectField(
        _l("Respondent (被申请人)"),
        coerce=record_id,
        validators=[DataRequired(_l("Choose the respondent agency."))],
    )
    act_category = SelectField(
        _l("Category of the act"),
        choices=_choices(ACT_CATEGORY_LABELS, _l("— choose —")),
        validators=[DataRequired(_l("Choose the category of the administrative act."))],
    )
    act_document_no = _text(_l("Document number of the act"), 100)
    act_on = _date(_l("Date of the act"), required=False)
    learned_on = _date(
        _l("Applicant learned of the act on"),
        required=False,
        description=_l("An application more than 60 days later is flagged (ARL23 art 20), not refused."),
    )
    application_tolled_days = IntegerField(
        _l("Days the applicant was prevented from applying"),
        validators=[
            Optional(),
            NumberRange(min=0, max=MAX_TOLLED_DAYS, message=_l("Between 0 and 3660 days.")),
        ],
        description=_l(
            "Force majeure or another good reason: the period continues once the obstacle is gone (ARL23 art 20 ¶2)."
        ),
    )
    right_learned_on = _date(
        _l("Applicant learned of the right to apply on"),
        required=False,
        description=_l(
            "Only if the agency did not tell the applicant of the right to apply: the period counts from this day, "
            "at most one year from learning of the act (ARL23 art 20 ¶3)."
        ),
    )
    request = TextAreaField(_l("Request (复议请求)"), validators=[Optional(), Length(max=4000)])
    special_limit_days = IntegerField(
        _l("Shorter limit set by law (days)"),
        validators=[Optional(), NumberRange(min=1, max=59, message=_l("Between 1 and 59 days."))],
        description=_l("Only where a special law sets a limit shorter than 60 days (ARL23 art 62)."),
    )
    special_limit_reason = _text(_l("Law setting the shorter limit"), 200)
    case_no = _text(_l("Case number"), 64, description=_l("Leave empty to number the case automatically."))


class NewCaseForm(ReceiptForm):
    """The receipt form with the first applicant and an optional agent."""

    applicant_kind = SelectField(_l("Applicant is"), choices=_choices(PARTY_KIND_LABELS), default="person")
    applicant_name = _text(_l("Applicant's name"), 120, _l("Enter the applicant's name."))
    applicant_id_number = _text(_l("Resident ID number"), 30)
    applicant_credit_code = _text(_l("Unified social credit code"), 30)
    applicant_representative = _text(_l("Legal representative"), 60)
    applicant_phone = _text(_l("Phone"), 30)
    applicant_address = _text(_l("Address"), 200)
    agent_name = _text(_l("Agent's name"), 120)
    agent_phone = _text(_l("Agent's phone"), 30)


class PartyForm(VersionedForm):
    role = SelectField(_l("Role"), choices=_choices(PARTY_ROLE_LABELS), default="applicant")
    kind = SelectField(_l("Person or organisation"), choices=_choices(PARTY_KIND_LABELS), default="person")
    name = _text(_l("Name"), 120, _l("Enter the name."))
    id_number = _text(_l("Resident ID number"), 30)
    credit_code = _text(_l("Unified social credit code"), 30)
    representative = _text(_l("Legal representative"), 60)
    phone = _text(_l("Phone"), 30)
    address = _text(_l("Address"), 200)


class DateActionForm(VersionedForm):
    on = _date(_l("Date"))


def _supplement_period() -> IntegerField:
    return IntegerField(
        _l("Period granted (working days)"),
        validators=[Optional(), NumberRange(min=10, max=60, message=_l("Between 10 and 60 working days."))],
        description=_l("Leave empty for the statutory 10 working days (ARL23 art 31 ¶2)."),
    )


class SupplementForm(DateActionForm):
    items = TextAreaField(_l("Materials to supply"), validators=[Optional(), Length(max=2000)])
    period_workdays = _supplement_period()


class SupplementNoticeForm(VersionedForm):
    on = _date(
        _l("Applicant received the notice on"),
        description=_l("The date on the proof of service (送达回证): the applicant's period counts from it."),
    )
    period_workdays = _supplement_period()


class ServeForm(DateActionForm):
    received_on = _date(
        _l("Respondent received the copy on"),
        required=False,
        description=_l(
            "The date on the proof of service (送达回证); the answer period counts from it. Left empty, the day "
            "sent is assumed until it is recorded."
        ),
    )


class RespondentReceiptForm(VersionedForm):
    on = _date(_l("Respondent received the copy on"))


class AcceptForm(DateActionForm):
    procedure = SelectField(_l("Procedure"), choices=_choices(PROCEDURE_LABELS), default="ordinary")


class RejectForm(DateActionForm):
    reason = TextAreaField(
        _l("Reasons"), validators=[DataRequired(_l("Give the reasons.")), Length(max=2000)]
    )


class HearingForm(DateActionForm):
    notice_on = _date(_l("Parties notified on"))
    panel = _text(_l("Panel (听证人员)"), 200, _l("Name the hearing panel (听证人员)."))
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])


class SuspendForm(DateActionForm):
    ground = SelectField(
        _l("Ground (ARL23 art 39)"),
        coerce=record_id,
        choices=lambda: list(SUSPENSION_GROUND_LABELS.items()),
    )
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])


class ExtendForm(DateActionForm):
    days = IntegerField(
        _l("Days"),
        validators=[
            InputRequired(_l("Give the number of days.")),
            NumberRange(min=1, max=30, message=_l("Between 1 and 30 days.")),
        ],
    )
    approver = _text(_l("Approved by"), 60, _l("Name who approved the extension."))
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])


class ConvertForm(DateActionForm):
    approver = _text(_l("Approved by"), 60, _l("Name who approved the conversion."))


class ConcludeForm(DateActionForm):
    outcome = SelectField(
        _l("Outcome of the review"),
        choices=_choices(OUTCOME_LABELS, _l("— choose —")),
        validators=[DataRequired(_l("Choose how the case ends."))],
    )
    termination_ground = SelectField(
        _l("Ground of termination"), choices=_choices(TERMINATION_GROUND_LABELS, _l("— not a termination —"))
    )
    document_no = _text(_l("Document number"), 100)
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])
    late_reason = TextAreaField(
        _l("Reason for lateness"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Only if the case is concluded after its due date."),
    )


class ReasonForm(VersionedForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(_l("Give the reason.")), Length(max=2000)])


class ServeDecisionForm(DateActionForm):
    performance_due_on = _date(
        _l("To be carried out by"),
        required=False,
        description=_l(
            "The period the decision names. Left empty, a correction or mediation statement is due the number of "
            "days the bureau's setting gives from service (ARL23 art 77)."
        ),
    )


class PerformanceForm(DateActionForm):
    evidence = TextAreaField(
        _l("How the performance is shown"),
        validators=[DataRequired(_l("Say how the performance is shown.")), Length(max=2000)],
    )


class OrderPerformanceForm(DateActionForm):
    due_on = _date(_l("New period ends on"))
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])


def _agencies() -> list[tuple[int, str]]:
    from sqlalchemy import select

    from casebook.extensions import db
    from casebook.orgs.models import Agency

    return [(a.id, a.name) for a in db.session.scalars(select(Agency).order_by(Agency.code))]


class OpinionForm(DateActionForm):
    kind = SelectField(_l("Kind"), choices=_choices(OPINION_KIND_LABELS), default="opinion")
    agency_id = SelectField(
        _l("Issued to"),
        coerce=record_id,
        choices=_agencies,
        validators=[DataRequired(_l("Choose the agency."))],
    )
    document_no = _text(_l("Document number"), 100)
    content = TextAreaField(
        _l("What is unlawful or improper, and what to correct"),
        validators=[DataRequired(_l("Say what the agency is to correct.")), Length(max=4000)],
    )
    received_on = _date(
        _l("Agency received it on"),
        required=False,
        description=_l(
            "The 60 days for its report count from this day (ARL23 art 76); left empty, the day issued."
        ),
    )


class OpinionFeedbackForm(DateActionForm):
    opinion_id = SelectField(_l("Opinion"), coerce=record_id, choices=[])
    note = TextAreaField(_l("What the agency reported"), validators=[Optional(), Length(max=2000)])

    def bind_case(self, case) -> None:
        """Offer the case's opinions still waiting for their feedback."""
        self.opinion_id.choices = [
            (o.id, f"{o.document_no or ''} {o.agency.name}".strip())
            for o in case.opinions
            if o.feedback_received_on is None and o.withdrawn_reason is None
        ]
