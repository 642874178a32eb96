"""Personal data (个人信息保护法): validate ID, credit-code and phone numbers, mask them, log full views."""

from __future__ import annotations

from datetime import datetime

import phonenumbers
from flask_babel import lazy_gettext as _l
from sqlalchemy import DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column
from stdnum import exceptions as stdnum_errors
from stdnum.cn import ric, uscc
from wtforms.validators import ValidationError

from casebook.core import clock
from casebook.extensions import db


class PersonalDataAccess(db.Model):
    """A record that a user looked at a full ID or phone number."""

    __tablename__ = "personal_data_accesses"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), nullable=False, index=True)
    subject_type: Mapped[str] = mapped_column(String(40), nullable=False)
    subject_id: Mapped[int] = mapped_column(Integer, nullable=False)
    field: Mapped[str] = mapped_column(String(40), nullable=False)
    accessed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False, default=clock.now)
    note: Mapped[str | None] = mapped_column(Text)


class PersonalDataError(ValueError):
    """A number that is not valid, with a message a clerk understands."""


def clean_resident_id(value: str) -> str:
    """A mainland resident ID number (GB 11643) in canonical form, or PersonalDataError saying why."""
    compact = ric.compact(value or "").upper()
    if len(compact) != 18:
        raise PersonalDataError(
            _l("A resident ID number has 18 characters; this one has %(n)s.", n=len(compact))
        )
    if not compact[:17].isdigit() or not (compact[17].isdigit() or compact[17] == "X"):
        raise PersonalDataError(_l("A resident ID number has 17 digits followed by a digit or X."))
    try:
        ric.get_birth_date(compact)
    except stdnum_errors.ValidationError:
        raise PersonalDataError(
            _l("The birth date inside this ID number (digits 7–14) is not a real date.")
        ) from None
    try:
        return ric.validate(compact)
    except stdnum_errors.InvalidChecksum:
        raise PersonalDataError(
            _l("The check digit (the last character) does not match: check the number.")
        ) from None
    except stdnum_errors.ValidationError:
        raise PersonalDataError(_l("This is not a valid resident ID number.")) from None


def clean_credit_code(value: str) -> str:
    """A unified social credit code (GB 32100) in canonical form, or PersonalDataError saying why."""
    compact = uscc.compact(value or "").upper()
    if len(compact) != 18:
        raise PersonalDataError(
            _l("A unified social credit code has 18 characters; this one has %(n)s.", n=len(compact))
        )
    try:
        return uscc.validate(compact)
    except stdnum_errors.InvalidChecksum:
        raise PersonalDataError(
            _l("The check character (the last one) does not match: check the code.")
        ) from None
    except stdnum_errors.ValidationError:
        raise PersonalDataError(_l("This is not a valid unified social credit code.")) from None


def clean_phone(value: str) -> str:
    """A mainland mobile or landline number, stored in national form (e.g. 13800138000, 0791-86123456)."""
    raw = (value or "").strip()
    try:
        number = phonenumbers.parse(raw, "CN")
    except phonenumbers.NumberParseException:
        raise PersonalDataError(_l("This is not a phone number.")) from None
    if not phonenumbers.is_valid_number(number):
        raise PersonalDataError(
            _l("This phone number is not valid: check the number of digits and the area code.")
        )
    if number.country_code != 86:
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    national = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.NATIONAL)
    return national.replace(" ", "")


def mask_id_number(value: str | None) -> str:
    """3601**********123X: the first four and last four characters."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:4] + "*" * (len(value) - 8) + value[-4:]


def mask_phone(value: str | None) -> str:
    """138****8000: the first three and last four digits."""
    if not value:
        return ""
    digits = value
    if len(digits) <= 7:
        return "*" * len(digits)
    return digits[:3] + "*" * (len(digits) - 7) + digits[-4:]


def record_full_view(user, subject_type: str, subject_id: int, field: str) -> None:
    """Log that `user` saw a full number (the caller commits with the request)."""
    db.session.add(
        PersonalDataAccess(user_id=user.id, subject_type=subject_type, subject_id=subject_id, field=field)
    )


def _wtforms_validator(clean):
    def validate(form, field):
        if field.data:
            try:
                field.data = clean(field.data)
            except PersonalDataError as error:
                raise ValidationError(str(error)) from None

    return validate


# WTForms validators that also normalise the field's data.
ResidentId = _wtforms_validator(clean_resident_id)
CreditCode = _wtforms_validator(clean_credit_code)
Phone = _wtforms_validator(clean_phone)
