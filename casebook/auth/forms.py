"""Forms for login, own password and user administration."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from casebook.core.permissions import ROLE_LABELS


class LoginForm(FlaskForm):
    username = StringField(
        _l("Username"), validators=[DataRequired(_l("Enter your username.")), Length(max=64)]
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Enter your password.")), Length(max=256)]
    )
    remember = BooleanField(_l("Keep me logged in on this device"))


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField(
        _l("Current password"), validators=[DataRequired(_l("Enter your current password."))]
    )
    new_password = PasswordField(
        _l("New password"),
        validators=[DataRequired(_l("Enter a new password."))],
        description=_l(
            "At least 8 characters. A phrase of several words is easy to remember and hard to guess."
        ),
    )


def role_choices():
    return [(role.value, label) for role, label in ROLE_LABELS.items()]


class UserCreateForm(FlaskForm):
    username = StringField(_l("Username"), validators=[DataRequired(_l("Enter a username.")), Length(max=64)])
    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=100)])
    role = SelectField(_l("Role"), choices=role_choices)
    mediator_code = StringField(
        _l("Linked mediator code"),
        validators=[Optional(), Length(max=32)],
        description=_l("For directors and mediators: the code of their mediator record."),
    )
    password = PasswordField(_l("Initial password"), validators=[DataRequired(_l("Enter a password."))])


class UserEditForm(FlaskForm):
    display_name = StringField(_l("Name"), validators=[Optional(), Length(max=100)])
    role = SelectField(_l("Role"), choices=role_choices)
    mediator_code = StringField(_l("Linked mediator code"), validators=[Optional(), Length(max=32)])


class ResetPasswordForm(FlaskForm):
    new_password = PasswordField(_l("New password"), validators=[DataRequired(_l("Enter a new password."))])


class TokenForm(FlaskForm):
    name = StringField(
        _l("Token name"), validators=[DataRequired(_l("Give the token a name.")), Length(max=100)]
    )
