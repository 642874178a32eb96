"""The life of a mediation case as one explicit state machine (domain.md §3.2).

`TRANSITIONS` says which status each action moves a case from and to; `ACTIVITIES` says in which statuses the
actions that do not change the status are allowed. `check(case, action, user)` is asked by every operation and
by the pages (to show only the buttons that work); a refusal is a `TransitionRefused` with a clear message.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l

from casebook.core.errors import DomainError
from casebook.core.permissions import Permission, has_permission, is_committee_bound
from casebook.mediation.models import STATUS_LABELS, Outcome, Status


class Action(StrEnum):
    ACCEPT = "accept"  # 受理 (PML art 17–18)
    NOT_ACCEPT = (
        "not_accept"  # 不予受理: a party refuses (PML art 17) or not a dispute for people's mediation
    )
    START = "start"  # 开始调解
    CONCLUDE = "conclude"  # 结案: success (art 28–30), failure (art 26) or termination (art 23)
    REOPEN = "reopen"  # 重新调解: a director only, with a reason
    ARCHIVE = "archive"  # 归档
    VOID = "void"  # 作废: registered by mistake, kept out of every figure
    EDIT = "edit"
    ADD_SESSION = "add_session"  # 调解记录 (PML art 27)
    EXTEND = "extend"  # 延长调解期限 with both parties' consent
    CONFIRM = "confirm"  # 司法确认 (PML art 33)
    FOLLOW_UP = "follow_up"  # 回访 (PML art 31)


S = Status
TRANSITIONS: dict[Action, dict[Status, Status]] = {
    Action.ACCEPT: {S.REGISTERED: S.ACCEPTED},
    Action.NOT_ACCEPT: {S.REGISTERED: S.NOT_ACCEPTED},
    Action.START: {S.ACCEPTED: S.MEDIATING},
    # An agreement reached on the spot right after acceptance is common, so an accepted case may conclude too.
    Action.CONCLUDE: {S.ACCEPTED: S.CONCLUDED, S.MEDIATING: S.CONCLUDED},
    Action.REOPEN: {S.CONCLUDED: S.MEDIATING},
    Action.ARCHIVE: {S.CONCLUDED: S.ARCHIVED},
    Action.VOID: {
        S.REGISTERED: S.VOIDED,
        S.ACCEPTED: S.VOIDED,
        S.MEDIATING: S.VOIDED,
        S.CONCLUDED: S.VOIDED,
        S.ARCHIVED: S.VOIDED,
        S.NOT_ACCEPTED: S.VOIDED,
    },
}

ACTIVITIES: dict[Action, frozenset[Status]] = {
    Action.EDIT: frozenset({S.REGISTERED, S.ACCEPTED, S.MEDIATING, S.CONCLUDED, S.NOT_ACCEPTED}),
    Action.ADD_SESSION: frozenset({S.MEDIATING}),
    Action.EXTEND: frozenset({S.ACCEPTED, S.MEDIATING}),
    Action.CONFIRM: frozenset({S.CONCLUDED, S.ARCHIVED}),
    Action.FOLLOW_UP: frozenset({S.CONCLUDED, S.ARCHIVED}),
}

# Actions on a case that need more than the permission to edit mediation cases.
EXTRA_PERMISSION: dict[Action, Permission] = {Action.REOPEN: Permission.REOPEN_MEDIATION}
# Voiding a case that has already been concluded undoes a reported result: directors only.
VOID_CLOSED_PERMISSION = Permission.REOPEN_MEDIATION

# What each action needs, said to the user when the case's status does not allow it.
REQUIREMENTS = {
    Action.ACCEPT: _l("only a registered case can be accepted"),
    Action.NOT_ACCEPT: _l("only a registered case that has not been accepted can be marked not accepted"),
    Action.START: _l("mediation starts once the case has been accepted"),
    Action.CONCLUDE: _l("only an accepted case or a case in mediation can be concluded"),
    Action.REOPEN: _l("only a concluded case can be reopened"),
    Action.ARCHIVE: _l("only a concluded case can be archived"),
    Action.VOID: _l("this case is already voided"),
    Action.EDIT: _l("an archived or voided case cannot be edited"),
    Action.ADD_SESSION: _l("sessions are recorded while the case is in mediation"),
    Action.EXTEND: _l("the time limit can be extended while the case is accepted or in mediation"),
    Action.CONFIRM: _l("judicial confirmation applies to a case concluded with an agreement"),
    Action.FOLLOW_UP: _l("follow-up visits apply to a case concluded with an agreement"),
}


# What a spreadsheet import may do to a case's status: record the acceptance, the refusal to accept or the
# conclusion the bureau's register shows, or correct a conclusion. It never reopens, archives, voids, or changes
# an archived case; an accepted case is never made not accepted.
IMPORT_TRANSITIONS: dict[Status, frozenset[Status]] = {
    S.REGISTERED: frozenset({S.REGISTERED, S.ACCEPTED, S.CONCLUDED, S.NOT_ACCEPTED}),
    S.NOT_ACCEPTED: frozenset({S.NOT_ACCEPTED}),
    S.ACCEPTED: frozenset({S.ACCEPTED, S.CONCLUDED}),
    S.MEDIATING: frozenset({S.MEDIATING, S.CONCLUDED}),
    S.CONCLUDED: frozenset({S.CONCLUDED}),
    S.ARCHIVED: frozenset(),
    S.VOIDED: frozenset(),
}


class TransitionRefused(DomainError):
    """The case's status (or the user's role) does not allow the action."""


def target_status(case, action: Action) -> Status | None:
    """The status `action` moves `case` to, or None for an action that keeps the status."""
    table = TRANSITIONS.get(action)
    return None if table is None else table.get(Status(case.status))


def refusal(case, action: Action, user=None) -> str | None:
    """Why `action` is not possible on `case` for `user` now, or None when it is."""
    status = Status(case.status)
    allowed = status in TRANSITIONS[action] if action in TRANSITIONS else status in ACTIVITIES[action]
    if allowed and action in (Action.CONFIRM, Action.FOLLOW_UP) and case.outcome != Outcome.SUCCESS:
        allowed = False
    if not allowed:
        return str(
            _l(
                "Not possible: %(requirement)s (this case is %(status)s).",
                requirement=REQUIREMENTS[action],
                status=STATUS_LABELS[status],
            )
        )
    if user is not None:
        if not has_permission(user, Permission.EDIT_MEDIATION):
            return str(_l("You may look at this case but not change it."))
        needed = EXTRA_PERMISSION.get(action)
        if action == Action.VOID and status in (S.CONCLUDED, S.ARCHIVED):
            needed = VOID_CLOSED_PERMISSION
        if needed is not None and not _directs(user, needed, case):
            if action == Action.REOPEN:
                return str(_l("Only the committee's director can reopen a concluded case."))
            return str(_l("Only the committee's director can void a concluded case."))
    return None


def _directs(user, permission: Permission, case) -> bool:
    """The user holds `permission` and, if bound to committees, directs the case's committee."""
    if not has_permission(user, permission):
        return False
    return not is_committee_bound(user) or case.committee_id in user.directed_committee_ids()


def check(case, action: Action, user=None) -> Status | None:
    """Raise TransitionRefused unless `action` is allowed; return the status it leads to (None: unchanged)."""
    reason = refusal(case, action, user)
    if reason is not None:
        raise TransitionRefused(reason)
    return target_status(case, action)


def import_target(
    current: str, has_outcome: bool, has_acceptance: bool, not_accepted: bool = False
) -> Status:
    """The status a register row gives a case that is now `current`: not accepted (不予受理), concluded with an
    outcome, otherwise in progress (accepted once it has an acceptance date)."""
    status = Status(current)
    if not_accepted:
        return S.NOT_ACCEPTED
    if has_outcome:
        return S.CONCLUDED
    if status in (S.ACCEPTED, S.MEDIATING):
        return status
    return S.ACCEPTED if has_acceptance else S.REGISTERED


def import_refusal(current: str, target: Status) -> str | None:
    """Why an import may not change a case that is `current` (moving it to `target`), or None when it may."""
    status = Status(current)
    if target in IMPORT_TRANSITIONS[status]:
        return None
    if status in (S.ARCHIVED, S.VOIDED):
        return str(
            _l(
                "This case is %(status)s in casebook: an import does not change it.",
                status=STATUS_LABELS[status],
            )
        )
    if status == S.CONCLUDED:
        return str(_l("This case is concluded in casebook; reopen it there to record it as in progress."))
    if target == S.NOT_ACCEPTED:
        return str(
            _l(
                "This case is %(status)s in casebook: only a case not yet accepted can be marked not accepted"
                " (PML art. 17).",
                status=STATUS_LABELS[status],
            )
        )
    return str(
        _l(
            "An import cannot move this case from %(status)s to %(target)s.",
            status=STATUS_LABELS[status],
            target=STATUS_LABELS[target],
        )
    )


def allowed_actions(case, user) -> set[Action]:
    """The actions the page may offer `user` on `case`."""
    return {action for action in Action if refusal(case, action, user) is None}
