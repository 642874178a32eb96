"""Login, logout, own account (password, API tokens) and user administration."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select

from casebook.auth import operations, queries, security_log, sessions, throttle
from casebook.auth.forms import (
    EVENT_LABELS,
    ChangePasswordForm,
    LoginForm,
    ResetPasswordForm,
    SecurityLogFilterForm,
    TokenForm,
    UserCreateForm,
    UserEditForm,
)
from casebook.auth.models import ApiToken, User
from casebook.core.errors import DomainError
from casebook.core.forms import posted
from casebook.core.inputs import page_number
from casebook.core.pagination import paginate
from casebook.core.permissions import ROLE_LABELS, Permission, require_permission
from casebook.core.security import safe_next_url
from casebook.extensions import db, limiter

bp = Blueprint("auth", __name__)


def _failed(response) -> bool:
    """Only failed attempts count towards the throttle (a success redirects)."""
    return response.status_code != 302


@bp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_LIMIT_PER_IP"], methods=["POST"], deduct_when=_failed)
def login():
    """Log in with username and password; a new server-side session starts (auth.throttle: the delays)."""
    if current_user.is_authenticated:
        return redirect(url_for("core.home"))
    form = LoginForm()
    if not form.validate_on_submit():
        return render_template("auth/login.html", form=form)
    wait = throttle.login_delay(form.username.data)
    if wait:
        operations.record_login_delay(form.username.data, wait)
        db.session.commit()
        form.password.errors.append(
            _("Too many failed attempts for this account: try again in %(seconds)s seconds.", seconds=wait)
        )
        response = make_response(render_template("auth/login.html", form=form), 429)
        response.headers["Retry-After"] = str(wait)
        return response
    user = operations.authenticate(form.username.data, form.password.data)
    if user is None:
        db.session.commit()
        form.password.errors.append(_("Wrong username or password, or the account is disabled."))
        response = make_response(render_template("auth/login.html", form=form))
        throttle.forget_device(response, form.username.data)
        return response
    target = safe_next_url(request.args.get("next"))
    session.clear()  # a new session at login (ASVS 7.2.4)
    operations.log_in(user)
    db.session.commit()
    login_user(user)
    session.permanent = True  # the cookie lasts as long as the session may (PERMANENT_SESSION_LIFETIME)
    response = redirect(target or url_for("core.home"))
    throttle.remember_device(response, user.username)
    return response


@bp.post("/logout")
@login_required
def logout():
    """End this session, on the server too: a copy of its cookie no longer works."""
    operations.log_out(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have logged out."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account():
    """Own account: change password, sessions, API tokens."""
    form = ChangePasswordForm(prefix="pw")
    if form.validate_on_submit():
        try:
            operations.change_password(
                current_user, form.current_password.data, form.new_password.data, form.revoke_tokens.data
            )
        except DomainError as error:
            getattr(form, error.field or "new_password").errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Your password has been changed. Other sessions have been logged out."), "success")
            return redirect(url_for("auth.account"))
    tokens = db.session.scalars(
        select(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.created_at.desc())
    ).all()
    return render_template(
        "auth/account.html",
        form=form,
        token_form=TokenForm(prefix="tk"),
        tokens=tokens,
        live_sessions=sessions.live_sessions(current_user),
    )


@bp.post("/account/sessions/<int:session_id>/end")
@login_required
def end_session(session_id: int):
    """End another of one's sessions (a browser left logged in elsewhere)."""
    try:
        operations.end_own_session(current_user, session_id)
    except DomainError as error:
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(_("The session has ended."), "info")
    return redirect(url_for("auth.account"))


@bp.post("/account/logout-everywhere")
@login_required
def logout_everywhere():
    """End every session of the user, this one included."""
    operations.log_out_everywhere(current_user)
    db.session.commit()
    logout_user()
    session.clear()
    flash(_("You have been logged out on every device."), "info")
    return redirect(url_for("auth.login"))


@bp.post("/account/tokens")
@login_required
def create_token():
    """Create an API token and show it once."""
    form = TokenForm(prefix="tk")
    if not form.validate_on_submit():
        flash(form.name.errors[0] if form.name.errors else _("Give the token a name."), "error")
        return redirect(url_for("auth.account"))
    _token, raw = operations.issue_token(current_user, form.name.data)
    db.session.commit()
    flash(_("Your new API token (copy it now, it will not be shown again): %(token)s", token=raw), "success")
    return redirect(url_for("auth.account"))


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke_token(token_id: int):
    """Revoke one of one's own tokens."""
    token = db.session.get(ApiToken, token_id)
    if token is None or token.user_id != current_user.id:
        abort(404)
    operations.revoke_token(token)
    db.session.commit()
    flash(_("The token has been revoked."), "info")
    return redirect(url_for("auth.account"))


@bp.get("/admin/users")
@require_permission(Permission.MANAGE_USERS)
def users():
    """All accounts, paginated, searchable by username or name."""
    q = request.args.get("q", "").strip()
    query = select(User).order_by(User.username)
    if q:
        like = f"%{q.lower()}%"
        query = query.where(func.lower(User.username).like(like) | func.lower(User.display_name).like(like))
    page = paginate(query, page_number())
    return render_template("auth/users.html", page=page, q=q, role_labels=ROLE_LABELS)


@bp.route("/admin/users/new", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_USERS)
def create_user():
    """Create an account."""
    form = UserCreateForm()
    if form.validate_on_submit():
        try:
            mediator_id = operations.mediator_id_for_code(form.mediator_code.data)
            user = operations.create_user(
                form.username.data, form.role.data, form.password.data, form.display_name.data, mediator_id
            )
        except DomainError as error:
            getattr(form, error.field or "username").errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Account %(name)s created.", name=user.username), "success")
            return redirect(url_for("auth.users"))
    return render_template("auth/user_form.html", form=form, account=None)


@bp.route("/admin/users/<int:user_id>", methods=["GET", "POST"])
@require_permission(Permission.MANAGE_USERS)
def edit_user(user_id: int):
    """Change an account's name, role and linked mediator; reset its password; disable or enable it."""
    user = db.get_or_404(User, user_id)
    form = UserEditForm(obj=user, prefix="u")
    if request.method == "GET":
        form.mediator_code.data = user.mediator.code if user.mediator else ""
    reset_form = ResetPasswordForm(prefix="r")
    if posted("u") and form.validate():
        try:
            operations.update_user(
                user,
                form.display_name.data,
                form.role.data,
                operations.mediator_id_for_code(form.mediator_code.data),
            )
        except DomainError as error:
            getattr(form, error.field or "role").errors.append(error.message)
        else:
            db.session.commit()
            flash(_("Account %(name)s saved.", name=user.username), "success")
            return redirect(url_for("auth.edit_user", user_id=user.id))
    if posted("r") and reset_form.validate():
        try:
            operations.reset_password(user, reset_form.new_password.data, reset_form.revoke_tokens.data)
        except DomainError as error:
            reset_form.new_password.errors.append(error.message)
        else:
            db.session.commit()
            flash(
                _("The password of %(name)s has been reset; their sessions have ended.", name=user.username),
                "success",
            )
            return redirect(url_for("auth.edit_user", user_id=user.id))
    return render_template("auth/user_form.html", form=form, reset_form=reset_form, account=user)


@bp.post("/admin/users/<int:user_id>/enabled")
@require_permission(Permission.MANAGE_USERS)
def set_user_enabled(user_id: int):
    """Disable or enable an account."""
    user = db.get_or_404(User, user_id)
    enable = request.form.get("enabled") == "1"
    if user.id == current_user.id and not enable:
        flash(_("You cannot disable your own account."), "error")
    else:
        operations.set_enabled(user, enable)
        db.session.commit()
        flash(
            _("Account %(name)s enabled.", name=user.username)
            if enable
            else _("Account %(name)s disabled.", name=user.username),
            "info",
        )
    return redirect(url_for("auth.edit_user", user_id=user.id))


@bp.get("/admin/security-log")
@require_permission(Permission.MANAGE_USERS)
def security_log_page():
    """Logins, failures, delays, logouts and account changes: who, when, from where; filtered, paginated."""
    form = SecurityLogFilterForm(request.args)
    filters = queries.SecurityLogFilters()
    if form.validate():
        filters = queries.SecurityLogFilters(
            kind=form.kind.data or "",
            username=form.username.data or "",
            ip=form.ip.data or "",
            start=form.start.data,
            end=form.end.data,
        )
    page = paginate(queries.security_events(filters), request.args.get("page", 1, type=int))
    args = {key: value for key, value in request.args.items() if key != "page" and value}
    return render_template(
        "auth/security_log.html",
        form=form,
        page=page,
        args=args,
        event_labels=EVENT_LABELS,
        describe=security_log.describe,
    )
