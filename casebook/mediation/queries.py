"""Reads of mediation cases. Every page, API endpoint, export and statistic starts from `scoped_cases`."""

from __future__ import annotations

from sqlalchemy import Select, false, select

from casebook.core.permissions import committee_scope
from casebook.mediation.models import MediationCase


def scoped_cases(user, *, include_voided: bool = False) -> Select:
    """The cases `user` may see: directors and mediators their committees' only, others all.

    Voided cases (registered by mistake) are left out unless `include_voided`. Routes check the permission
    (view mediation, statistics, ...) themselves; this function applies the role's organisation scope.
    """
    query = select(MediationCase)
    if user is None or not getattr(user, "is_authenticated", False):
        return query.where(false())
    scope = committee_scope(user)
    if scope is not None:
        query = query.where(MediationCase.committee_id.in_(sorted(scope)) if scope else false())
    if not include_voided:
        query = query.where(MediationCase.is_voided.is_(False))
    return query
