"""The statistics API (interchange.md "Figures out"): /api/v1/stats/mediation, /reconsideration, /litigation,
/organisations.

Counts are integers, rates numbers between 0 and 1 at full precision or null when the denominator is 0
(domain.md §4). Filters are codes; an unknown code is refused with 422 naming the filter (an empty answer would
read as real zeros). A filter that does not apply to an endpoint (e.g. `agency` for mediation) is ignored and
listed in `ignored_filters`.
"""

from __future__ import annotations

from flask import Blueprint
from flask_babel import gettext as _

from casebook.api.base import ApiError, api_user, endpoint, not_found
from casebook.core.permissions import Permission, has_permission
from casebook.reconsideration.codes import OUTCOME_NAMES_ZH, OUTCOMES
from casebook.stats import queries
from casebook.stats.filters import (
    MEDIATION_FILTERS,
    ORGANISATION_FILTERS,
    RECONSIDERATION_FILTERS,
    FilterError,
    Filters,
    Resolved,
    resolve,
)
from casebook.stats.schemas import (
    LitigationStatsOut,
    MediationStatsOut,
    OrganisationStatsOut,
    ReconsiderationStatsOut,
    StatsQuery,
)

bp = Blueprint("stats_api", __name__, url_prefix="/api/v1")

TAGS = ["statistics"]


def _resolve(query: StatsQuery, applicable: tuple[str, ...]) -> tuple[Resolved, dict]:
    given = Filters.from_mapping(query.model_dump(exclude={"from_", "to"}))
    try:
        resolve(given)  # every code given must exist, applicable or not
        applied = Filters(**given.items(applicable))
        resolved = resolve(applied)
    except FilterError as error:
        raise ApiError(
            422, _("Some of the data is not valid."), {k: [v] for k, v in error.errors.items()}
        ) from None
    envelope = {
        "from": query.from_,
        "to": query.to,
        "filters": applied.items(),
        "ignored_filters": given.ignored(applicable),
    }
    return resolved, envelope


def _require(permission: Permission, hide: bool = False) -> None:
    """Refuse a user without `permission`: 403, or 404 for an area hidden from them (reconsideration)."""
    if not has_permission(api_user(), permission):
        if hide:
            not_found()
        raise ApiError(403, _("You do not have permission to do this."))


def _rows(rows) -> list[dict]:
    return [{"code": r.code, "name": r.name, **r.counts.as_dict()} for r in rows]


@endpoint(
    bp,
    "/stats/mediation",
    response=MediationStatsOut,
    query=StatsQuery,
    permission=Permission.VIEW_STATS,
    tags=TAGS,
    summary="People's mediation figures of a period (domain.md §4)",
)
def mediation(query: StatsQuery):
    """People's mediation figures of a period."""
    _require(Permission.VIEW_MEDIATION)
    resolved, envelope = _resolve(query, MEDIATION_FILTERS)
    user, period = api_user(), query.period()
    totals = queries.mediation_totals(user, period, resolved)
    return MediationStatsOut(
        **envelope,
        **totals.as_dict(),
        by_dispute_type=_rows(queries.mediation_breakdown(user, period, "dispute_type", resolved)),
        by_committee=_rows(queries.mediation_breakdown(user, period, "committee", resolved)),
        by_source=_rows(queries.mediation_breakdown(user, period, "source", resolved)),
    )


@endpoint(
    bp,
    "/stats/reconsideration",
    response=ReconsiderationStatsOut,
    query=StatsQuery,
    # Like every reconsideration path, 404 to a role without the area, before its query is read: a 422 for a
    # bad period would tell the endpoint exists.
    permission=Permission.VIEW_RECONSIDERATION,
    hide=True,
    tags=TAGS,
    summary="Administrative reconsideration figures of a period (domain.md §4)",
)
def reconsideration(query: StatsQuery):
    """Administrative reconsideration figures of a period."""
    _require(Permission.VIEW_STATS)
    resolved, envelope = _resolve(query, RECONSIDERATION_FILTERS)
    user, period = api_user(), query.period()
    totals = queries.reconsideration_totals(user, period, resolved)
    concluded = {
        r.code: r.counts.concluded
        for r in queries.reconsideration_breakdown(user, period, "outcome", resolved)
    }
    return ReconsiderationStatsOut(
        **envelope,
        **totals.as_dict(),
        by_outcome=[
            {"code": code, "name": OUTCOME_NAMES_ZH[code], "concluded": concluded.get(code, 0)}
            for code in OUTCOMES
        ],
        by_agency=_rows(queries.reconsideration_breakdown(user, period, "agency", resolved)),
        by_act_category=_rows(queries.reconsideration_breakdown(user, period, "act_category", resolved)),
    )


@endpoint(
    bp,
    "/stats/litigation",
    response=LitigationStatsOut,
    query=StatsQuery,
    # Like every litigation path, 404 to a role without the area, before its query is read.
    permission=Permission.VIEW_RECONSIDERATION,
    hide=True,
    tags=TAGS,
    summary="Administrative litigation figures of a period (issue 16)",
)
def litigation(query: StatsQuery):
    """Administrative litigation (行政应诉) figures of a period, with the 约谈 list."""
    _require(Permission.VIEW_STATS)
    resolved, envelope = _resolve(query, RECONSIDERATION_FILTERS)
    user, period = api_user(), query.period()
    totals = queries.litigation_totals(user, period, resolved)
    return LitigationStatsOut(
        **envelope,
        **totals.as_dict(),
        by_agency=_rows(queries.litigation_breakdown(user, period, "agency", resolved)),
        by_act_category=_rows(queries.litigation_breakdown(user, period, "act_category", resolved)),
        interview_list=[
            {"code": r.code, "name": r.name, "lost": r.counts.lost, "cases": [c.court_case_no for c in cases]}
            for r, cases in queries.interview_cases(user, period, resolved)
        ],
    )


@endpoint(
    bp,
    "/stats/organisations",
    response=OrganisationStatsOut,
    query=StatsQuery,
    permission=Permission.VIEW_STATS,
    tags=TAGS,
    summary="Associations, committees and mediators existing on `to` (domain.md §4)",
)
def organisations(query: StatsQuery):
    """Organisation counts as of the period's last day."""
    resolved, envelope = _resolve(query, ORGANISATION_FILTERS)
    counts = queries.organisations(api_user(), query.to, resolved)
    return OrganisationStatsOut(
        **envelope,
        as_of=counts.as_of,
        associations=counts.associations,
        committees=counts.committees,
        sector_committees=counts.sector_committees,
        committees_by_type=counts.committees_by_type,
        committees_by_area=[
            {"code": a.code, "name": a.name, "committees": a.committees} for a in counts.committees_by_area
        ],
        mediators=counts.mediators,
        full_time_mediators=counts.full_time_mediators,
        part_time_mediators=counts.part_time_mediators,
        experts=counts.experts,
    )
