"""Forms for login, own password and user administration."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Length, Optional

from casebook.auth.models import SecurityEventKind
from casebook.core.permissions import ROLE_LABELS


class LoginForm(FlaskForm):
    username = StringField(
        _l("Username"), validators=[DataRequired(_l("Enter your username.")), Length(max=64)]
    )
    password = PasswordField(
        _l("Password"), validators=[DataRequired(_l("Enter your password.")), Length(max=256)]
    )


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
    revoke_tokens = BooleanField(
        _l("Also revoke my API tokens"),
        default=True,
        description=_l(
            "Other systems using them will need a new token. Your other sessions end in any case."
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
    revoke_tokens = BooleanField(_l("Also revoke the account's API tokens"), default=True)


class TokenForm(FlaskForm):
    name = StringField(
        _l("Token name"), validators=[DataRequired(_l("Give the token a name.")), Length(max=100)]
    )


# What each kind of security event is called on the page and in the filter.
EVENT_LABELS = {
    SecurityEventKind.LOGIN: _l("Login"),
    SecurityEventKind.LOGIN_FAILED: _l("Failed login"),
    SecurityEventKind.LOGIN_DELAYED: _l("Login delayed"),
    SecurityEventKind.LOGOUT: _l("Logout"),
    SecurityEventKind.SESSION_ENDED: _l("Session ended"),
    SecurityEventKind.LOGOUT_EVERYWHERE: _l("Logged out everywhere"),
    SecurityEventKind.USER_CREATED: _l("Account created"),
    SecurityEventKind.ROLE_CHANGED: _l("Role changed"),
    SecurityEventKind.USER_DISABLED: _l("Account disabled"),
    SecurityEventKind.USER_ENABLED: _l("Account enabled"),
    SecurityEventKind.PASSWORD_CHANGED: _l("Password changed"),
    SecurityEventKind.PASSWORD_RESET: _l("Password reset"),
    SecurityEventKind.TOKEN_CREATED: _l("API token created"),
    SecurityEventKind.TOKEN_REVOKED: _l("API token revoked"),
    SecurityEventKind.TOKEN_REFUSED: _l("API token refused"),
}


class SecurityLogFilterForm(FlaskForm):
    """The security log's filters, read from the query string."""

    class Meta:
        csrf = False

    kind = SelectField(
        _l("Event"),
        choices=lambda: [("", _l("All events"))] + [(k.value, label) for k, label in EVENT_LABELS.items()],
        default="",
    )
    username = StringField(_l("Username"), validators=[Optional(), Length(max=64)])
    ip = StringField(_l("IP address"), validators=[Optional(), Length(max=45)])
    start = DateField(_l("From"), validators=[Optional()])
    end = DateField(_l("To"), validators=[Optional()])
