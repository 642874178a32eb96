"""The statistics filters (by code, as the API and the pages take them) and the scoping of each area's cases.

Every statistic and every drill-down list starts from `mediation_cases(user)` / `reconsideration_cases(user)`:
the area's own scoping function (role and organisation), voided cases left out, and for a mediator only the
cases they are assigned to ("a mediator sees their own cases").
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import Select, exists, false, func, select
from sqlalchemy.sql.elements import ColumnElement

from casebook.core.permissions import Permission, Role, has_permission
from casebook.extensions import db
from casebook.mediation.models import MediationCase, Source, mediation_case_mediators
from casebook.orgs.models import Agency, Area, Committee, DisputeType, Mediator
from casebook.reconsideration.codes import ACT_CATEGORIES
from casebook.reconsideration.models import ReconsiderationCase

M = MediationCase
R = ReconsiderationCase

MEDIATION_FILTERS = ("area", "committee", "mediator", "dispute_type", "source")
RECONSIDERATION_FILTERS = ("agency", "act_category")
ORGANISATION_FILTERS = ("area",)  # the organisation counts are per area (orgs.queries.organisation_counts)


class FilterError(ValueError):
    """Unknown codes: {filter name: message}."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


@dataclass(frozen=True)
class Filters:
    """The filters of a statistic, by code (interchange.md "Figures out"); None = not filtered."""

    area: str | None = None
    committee: str | None = None
    mediator: str | None = None
    dispute_type: str | None = None
    source: str | None = None
    agency: str | None = None
    act_category: str | None = None

    @classmethod
    def from_mapping(cls, data: Any) -> Filters:
        """From request args or a dict; blank values mean no filter."""
        values = {}
        for f in fields(cls):
            raw = data.get(f.name)
            values[f.name] = raw.strip() if isinstance(raw, str) and raw.strip() else None
        return cls(**values)

    def items(self, names: tuple[str, ...] | None = None) -> dict[str, str]:
        """The filters that are set (limited to `names`), in a stable order: for URLs and the exports."""
        return {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) is not None and (names is None or f.name in names)
        }

    def ignored(self, names: tuple[str, ...]) -> list[str]:
        """The filters set that do not apply to an area (e.g. `agency` for mediation)."""
        return [name for name in self.items() if name not in names]


@dataclass(frozen=True)
class Resolved:
    """Filters with their codes resolved to ids."""

    filters: Filters
    area_id: int | None = None
    committee_id: int | None = None
    mediator_id: int | None = None
    dispute_type_id: int | None = None
    agency_id: int | None = None


def resolve(filters: Filters) -> Resolved:
    """Look up the codes; unknown ones raise FilterError naming each filter."""
    errors: dict[str, str] = {}
    ids: dict[str, int | None] = {}
    lookups = {
        "area_id": (Area, filters.area, "area"),
        "committee_id": (Committee, filters.committee, "committee"),
        "mediator_id": (Mediator, filters.mediator, "mediator"),
        "dispute_type_id": (DisputeType, filters.dispute_type, "dispute_type"),
        "agency_id": (Agency, filters.agency, "agency"),
    }
    for attr, (model, code, name) in lookups.items():
        if code is None:
            ids[attr] = None
            continue
        found = db.session.scalar(select(model.id).where(model.code == code))
        if found is None:
            errors[name] = _("No record has the code %(code)s.", code=code)
        ids[attr] = found
    if filters.source is not None and filters.source not in {s.value for s in Source}:
        errors["source"] = _("Unknown source %(code)s.", code=filters.source)
    if filters.act_category is not None and filters.act_category not in ACT_CATEGORIES:
        errors["act_category"] = _("Unknown category of act %(code)s.", code=filters.act_category)
    if errors:
        raise FilterError(errors)
    return Resolved(filters=filters, **ids)


def area_subtree(area_id: int) -> Select:
    """The ids of an area and every area below it."""
    from casebook.orgs.queries import area_subtree_ids

    return area_subtree_ids(area_id)


def case_area_id():
    """A mediation case's area: its own, else its committee's (a correlated subquery)."""
    committee_area = (
        select(Committee.area_id)
        .where(Committee.id == M.committee_id)
        .correlate_except(Committee)
        .scalar_subquery()
    )
    return func.coalesce(M.area_id, committee_area)


# ---------------------------------------------------------------- mediation


def assigned_to(mediator_id: int) -> ColumnElement[bool]:
    """The case has `mediator_id` among its mediators.

    The link table is aliased: a breakdown by mediator joins the link table itself, and an unaliased subquery
    would then be correlated to every one of its tables and have no FROM left.
    """
    link = mediation_case_mediators.alias("assigned")
    return exists().where(link.c.case_id == M.id, link.c.mediator_id == mediator_id)


def mediation_cases(user) -> Select:
    """The mediation cases a user's statistics count: the case list's scope, voided cases never, and for a
    mediator only the cases they are assigned to. Users without the mediation permission count none."""
    from casebook.mediation.queries import scoped_cases

    query = scoped_cases(user)
    if not has_permission(user, Permission.VIEW_MEDIATION):
        return query.where(false())
    query = query.where(M.is_voided.is_(False))
    if Role(user.role) is Role.MEDIATOR:
        query = query.where(assigned_to(user.mediator_id) if user.mediator_id else false())
    return query


def mediation_conditions(resolved: Resolved) -> list[ColumnElement[bool]]:
    """WHERE conditions of the mediation filters."""
    conditions = []
    if resolved.area_id is not None:
        conditions.append(case_area_id().in_(area_subtree(resolved.area_id)))
    if resolved.committee_id is not None:
        conditions.append(M.committee_id == resolved.committee_id)
    if resolved.mediator_id is not None:
        conditions.append(assigned_to(resolved.mediator_id))
    if resolved.dispute_type_id is not None:
        conditions.append(M.dispute_type_id == resolved.dispute_type_id)
    if resolved.filters.source is not None:
        conditions.append(M.source == resolved.filters.source)
    return conditions


# ---------------------------------------------------------------- reconsideration


def reconsideration_cases(user) -> Select:
    """The reconsideration cases a user's statistics count: the area's scope, voided cases never."""
    from casebook.reconsideration.queries import scoped_cases

    query = scoped_cases(user)
    if not has_permission(user, Permission.VIEW_RECONSIDERATION):
        return query.where(false())
    return query.where(R.is_voided.is_(False))


def reconsideration_conditions(resolved: Resolved) -> list[ColumnElement[bool]]:
    """WHERE conditions of the reconsideration filters."""
    conditions = []
    if resolved.agency_id is not None:
        conditions.append(R.agency_id == resolved.agency_id)
    if resolved.filters.act_category is not None:
        conditions.append(R.act_category == resolved.filters.act_category)
    return conditions
