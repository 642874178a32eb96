"""Reads of reconsideration cases; every case query starts from `scoped_cases`."""

from __future__ import annotations

from sqlalchemy import Select, false, select

from casebook.core.permissions import Permission, has_permission
from casebook.reconsideration.models import ReconsiderationCase


def scoped_cases(user) -> Select:
    """The cases `user` may see: all for reconsideration officers, administrators and the bureau (read only);
    none for directors and mediators (their pages and API answer 404)."""
    query = select(ReconsiderationCase)
    if not has_permission(user, Permission.VIEW_RECONSIDERATION):
        return query.where(false())
    return query
