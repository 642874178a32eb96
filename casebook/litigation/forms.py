"""Forms of the litigation pages: registration, corrections, plaintiffs and each step in court."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from casebook.core.inputs import optional_record_id, record_id
from casebook.litigation.codes import (
    ACT_CATEGORY_LABELS,
    APPEARANCE_LABELS,
    DEFENDANT_KIND_LABELS,
    INSTANCE_LABELS,
    OUTCOME_LABELS,
)
from casebook.reconsideration.forms import (
    DateActionForm,
    PartyForm,
    ReasonForm,
    VersionedForm,
    _choices,
    _date,
    _text,
)

__all__ = ["DateActionForm", "PlaintiffForm", "ReasonForm"]


class CaseForm(VersionedForm):
    """The case as the court filed it."""

    court = _text(_l("Court"), 100, _l("Enter the court."))
    court_case_no = _text(
        _l("Court case number"),
        64,
        _l("Enter the court's case number."),
        description=_l("As on the court's notice, e.g. （2023）赣0102行初15号."),
    )
    instance = SelectField(_l("Instance"), choices=_choices(INSTANCE_LABELS), default="first")
    defendant_kind = SelectField(_l("Defendant"), choices=_choices(DEFENDANT_KIND_LABELS), default="agency")
    agency_id = SelectField(
        _l("Defending agency"),
        coerce=optional_record_id,
        description=_l("Leave empty when the district government is the defendant."),
    )
    act_category = SelectField(
        _l("Category of the act"),
        choices=_choices(ACT_CATEGORY_LABELS, _l("— choose —")),
        validators=[DataRequired(_l("Choose the category of the administrative act."))],
    )
    act_description = _text(_l("Act challenged"), 300)
    act_document_no = _text(_l("Document number of the act"), 100)
    reconsideration_case_no = _text(
        _l("Reconsideration case it follows"),
        64,
        description=_l(
            "The case number of the reconsideration decision challenged in court, if any (复议后起诉)."
        ),
    )
    filed_on = _date(_l("Filed by the court on"))


class NewCaseForm(CaseForm):
    """Registration, with the first plaintiff and the day the complaint was served, if known."""

    complaint_served_on = _date(
        _l("Complaint served on the agency on"),
        required=False,
        description=_l("The defence is due 15 days later (ALL art 67 ¶1)."),
    )
    plaintiff_kind = PartyForm.kind
    plaintiff_name = _text(_l("Plaintiff's name"), 120, _l("Enter the plaintiff's name."))
    plaintiff_id_number = _text(_l("Resident ID number"), 30)
    plaintiff_credit_code = _text(_l("Unified social credit code"), 30)
    plaintiff_phone = _text(_l("Phone"), 30)
    plaintiff_address = _text(_l("Address"), 200)


class PlaintiffForm(PartyForm):
    """A plaintiff: a party without a role (every plaintiff is one)."""

    role = None


class HearingForm(DateActionForm):
    appearance = SelectField(
        _l("Who appeared for the agency"),
        choices=_choices(APPEARANCE_LABELS, _l("— choose —")),
        validators=[DataRequired(_l("Choose who appeared for the agency."))],
        description=_l("The head of the agency should appear; if not, the staff it sends (ALL art 3 ¶3)."),
    )
    head_name = _text(_l("Name of the head who appeared"), 60)
    head_title = _text(_l("Title"), 60)
    representatives = _text(_l("Staff and lawyers who appeared"), 200)
    absence_reason = TextAreaField(
        _l("Why the head did not appear"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Required when only staff or lawyers appeared (SPC20 art 8–9)."),
    )
    note = TextAreaField(_l("Note"), validators=[Optional(), Length(max=2000)])


class JudgmentForm(DateActionForm):
    outcome = SelectField(
        _l("Judgment outcome"),
        choices=_choices(OUTCOME_LABELS, _l("— choose —")),
        validators=[DataRequired(_l("Choose the outcome."))],
    )
    against = SelectField(
        _l("Against the agency (败诉)"),
        choices=_choices({"": _l("As the outcome says"), "1": _l("Yes"), "0": _l("No")}),
        default="",
        description=_l(
            "撤销, 变更, 确认违法, 确认无效 and 责令履行 count as against the agency unless you say otherwise."
        ),
    )
    document_no = _text(_l("Judgment number"), 100)


class AppealForm(DateActionForm):
    next_instance_id = SelectField(
        _l("Case of the next instance"),
        coerce=record_id,
        validators=[DataRequired(_l("Choose the case of the next instance (register it first)."))],
    )


class PerformForm(DateActionForm):
    note = TextAreaField(_l("How it was performed"), validators=[Optional(), Length(max=2000)])
