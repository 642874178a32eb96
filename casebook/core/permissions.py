"""Roles, what each may do, and the checks routes and templates ask.

Routes use `require_permission`; objects are checked by the `can_*` functions here; templates call
`can(...)`/`can_*` and never compare role names. Case queries start from the scoping functions of
each area, which ask `committee_scope` below.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from functools import wraps

from flask import abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user


class Role(StrEnum):
    ADMIN = "admin"
    BUREAU = "bureau"
    RECONSIDERATION = "reconsideration"
    DIRECTOR = "director"
    MEDIATOR = "mediator"


ROLE_LABELS = {
    Role.ADMIN: _l("Administrator"),
    Role.BUREAU: _l("Bureau staff"),
    Role.RECONSIDERATION: _l("Reconsideration officer"),
    Role.DIRECTOR: _l("Committee director"),
    Role.MEDIATOR: _l("Mediator"),
}


class Permission(StrEnum):
    VIEW_MEDIATION = "view_mediation"
    EDIT_MEDIATION = "edit_mediation"
    REOPEN_MEDIATION = "reopen_mediation"
    VIEW_RECONSIDERATION = "view_reconsideration"
    EDIT_RECONSIDERATION = "edit_reconsideration"
    VIEW_STATS = "view_stats"
    EXPORT = "export"
    VIEW_ORGS = "view_orgs"
    MANAGE_ORGS = "manage_orgs"
    MANAGE_MEMBERS = "manage_members"
    MANAGE_USERS = "manage_users"
    MANAGE_CALENDAR = "manage_calendar"
    IMPORT_CASES = "import_cases"
    VIEW_FULL_PERSONAL_DATA = "view_full_personal_data"
    USE_CALCULATOR = "use_calculator"


P = Permission
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ADMIN: frozenset(Permission),
    Role.BUREAU: frozenset(
        {
            P.VIEW_MEDIATION,
            P.VIEW_RECONSIDERATION,
            P.VIEW_STATS,
            P.EXPORT,
            P.VIEW_ORGS,
            P.MANAGE_ORGS,
            P.MANAGE_MEMBERS,
            P.IMPORT_CASES,
            P.USE_CALCULATOR,
        }
    ),
    Role.RECONSIDERATION: frozenset(
        {
            P.VIEW_RECONSIDERATION,
            P.EDIT_RECONSIDERATION,
            P.VIEW_STATS,
            P.EXPORT,
            P.VIEW_ORGS,
            P.VIEW_FULL_PERSONAL_DATA,
            P.USE_CALCULATOR,
            P.IMPORT_CASES,
        }
    ),
    Role.DIRECTOR: frozenset(
        {
            P.VIEW_MEDIATION,
            P.EDIT_MEDIATION,
            P.REOPEN_MEDIATION,
            P.VIEW_STATS,
            P.EXPORT,
            P.VIEW_ORGS,
            P.MANAGE_MEMBERS,
            P.VIEW_FULL_PERSONAL_DATA,
            P.USE_CALCULATOR,
        }
    ),
    Role.MEDIATOR: frozenset(
        {
            P.VIEW_MEDIATION,
            P.EDIT_MEDIATION,
            P.VIEW_STATS,
            P.EXPORT,
            P.VIEW_ORGS,
            P.VIEW_FULL_PERSONAL_DATA,
            P.USE_CALCULATOR,
        }
    ),
}

# Roles whose work is bound to the committees of their linked mediator record.
COMMITTEE_BOUND_ROLES = frozenset({Role.DIRECTOR, Role.MEDIATOR})


def has_permission(user, permission: Permission) -> bool:
    """True when the user is active and their role grants `permission`."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", False):
        return False
    return permission in ROLE_PERMISSIONS.get(Role(user.role), frozenset())


def require_permission(permission: Permission, *, hide: bool = False) -> Callable:
    """Route decorator: 403 (or 404 when `hide`, so the area's existence is not revealed) without it."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not has_permission(current_user, permission):
                abort(404 if hide else 403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def is_committee_bound(user) -> bool:
    """Directors and mediators see only the committees their mediator record serves."""
    return Role(user.role) in COMMITTEE_BOUND_ROLES


def committee_scope(user) -> set[int] | None:
    """The committee ids the user's work is limited to, or None for no limit (admin, bureau).

    A director or mediator without a linked mediator record sees no committee at all.
    """
    if not is_committee_bound(user):
        return None
    return set(user.committee_ids())


def directed_committee_scope(user) -> set[int] | None:
    """Committees whose members the user may manage: None = all (admin, bureau); a director: their own."""
    if not has_permission(user, Permission.MANAGE_MEMBERS):
        return set()
    if not is_committee_bound(user):
        return None
    return set(user.directed_committee_ids())


def can(permission: Permission | str, user=None) -> bool:
    """Template helper: `can('export')`."""
    return has_permission(user if user is not None else current_user, Permission(permission))
