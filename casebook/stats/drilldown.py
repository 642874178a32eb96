"""Drill-down: from a number to the case list of exactly the cases it counts.

A number's link carries `stat` (the figure), `stat_from`/`stat_to` (the period), the statistics filters as
`stat_<filter>` codes and, for a row of a breakdown, `stat_by`/`stat_key` (the dimension and the row's code).
Both case lists call `apply_to_list` on their own scoped query: it adds the figure's own SQL condition (the one
the aggregate counts), the filters and the group, so the list's total always equals the number.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import url_for
from sqlalchemy import Select, false, select
from sqlalchemy.sql.elements import ColumnElement
from werkzeug.routing import BuildError

from casebook.core.clock import today
from casebook.stats import litigation as lit
from casebook.stats import mediation as med
from casebook.stats import reconsideration as rec
from casebook.stats.figures import Window
from casebook.stats.filters import (
    MEDIATION_FILTERS,
    RECONSIDERATION_FILTERS,
    FilterError,
    Filters,
    mediation_cases,
    mediation_conditions,
    reconsideration_cases,
    reconsideration_conditions,
    resolve,
)
from casebook.stats.periods import Period, PeriodError

MEDIATION = "mediation"
RECONSIDERATION = "reconsideration"
LITIGATION = "litigation"

# The case list of each area (the mediation and reconsideration engineers' pages).
LIST_ENDPOINTS = {
    MEDIATION: "mediation.index",
    RECONSIDERATION: "reconsideration.cases",
    LITIGATION: "litigation.cases",
}


@dataclass(frozen=True)
class Area:
    """What the drill-down needs to know of an area's statistics."""

    name: str
    model: type
    figures: dict
    dimensions: dict
    filter_names: tuple[str, ...]
    cases: object  # (user) -> Select: the statistics scope
    conditions: object  # (Resolved) -> list of conditions


AREAS = {
    MEDIATION: Area(
        MEDIATION,
        med.M,
        med.FIGURES_BY_KEY,
        med.DIMENSIONS,
        MEDIATION_FILTERS,
        mediation_cases,
        mediation_conditions,
    ),
    RECONSIDERATION: Area(
        RECONSIDERATION,
        rec.R,
        # the litigation area's 复议后起诉 figures count reconsideration decisions: their cases are listed here
        {**rec.FIGURES_BY_KEY, **lit.DECISION_FIGURES_BY_KEY},
        rec.DIMENSIONS,
        RECONSIDERATION_FILTERS,
        reconsideration_cases,
        reconsideration_conditions,
    ),
    LITIGATION: Area(
        LITIGATION,
        lit.L,
        lit.LITIGATION_FIGURES_BY_KEY,
        lit.DIMENSIONS,
        RECONSIDERATION_FILTERS,
        lit.litigation_cases,
        lit.litigation_conditions,
    ),
}


@dataclass(frozen=True)
class DrillDown:
    """One number's cases: area, figure, period, filters and (for a breakdown row) dimension and key."""

    area: str
    figure: str
    period: Period
    filters: Filters = field(default_factory=Filters)
    by: str | None = None
    key: str | None = None  # the row's code; "" for the row without one (e.g. cases still in progress)

    @property
    def label(self):
        """The figure's label (lazy string)."""
        return AREAS[self.area].figures[self.figure].label

    @property
    def basis(self):
        """The figure's date basis (lazy string)."""
        return AREAS[self.area].figures[self.figure].basis

    @property
    def by_label(self):
        """The breakdown's label (lazy string), when the number is a row of one."""
        return AREAS[self.area].dimensions[self.by].label if self.by else None

    def args(self) -> dict[str, str]:
        """The query-string arguments of this drill-down."""
        args = {
            "stat": self.figure,
            "stat_from": self.period.start.isoformat(),
            "stat_to": self.period.end.isoformat(),
        }
        args.update({f"stat_{k}": v for k, v in self.filters.items(AREAS[self.area].filter_names).items()})
        if self.by:
            args["stat_by"] = self.by
            args["stat_key"] = self.key or ""
        return args

    def url(self) -> str | None:
        """The case list's URL for this number, or None while that list does not exist."""
        try:
            return url_for(LIST_ENDPOINTS[self.area], **self.args())
        except BuildError:
            return None


def from_args(args, area: str) -> DrillDown | None:
    """The drill-down named by request arguments, or None (none asked, or not valid: the list then shows all)."""
    figure = args.get("stat")
    spec = AREAS[area]
    if not figure or figure not in spec.figures:
        return None
    try:
        period = Period(
            date.fromisoformat(args.get("stat_from", "")), date.fromisoformat(args.get("stat_to", ""))
        )
    except (ValueError, PeriodError):
        return None
    filters = Filters.from_mapping({name: args.get(f"stat_{name}") for name in spec.filter_names})
    by = args.get("stat_by") or None
    if by is not None and by not in spec.dimensions:
        return None
    return DrillDown(area, figure, period, filters, by, args.get("stat_key", "") if by else None)


def condition(drill: DrillDown, user) -> ColumnElement[bool]:
    """The WHERE condition selecting exactly the cases the number counts (scope, filters, figure, group)."""
    spec = AREAS[drill.area]
    model = spec.model
    try:
        resolved = resolve(drill.filters)
    except FilterError:
        return false()
    window = Window(drill.period, as_of=today())
    scoped = spec.cases(user).where(*spec.conditions(resolved), spec.figures[drill.figure].condition(window))
    if drill.by is not None:
        grouped, key, _code, _name, _name_en = spec.dimensions[drill.by].apply(scoped, window)
        matches = key.is_(None) if drill.key == "" else _code == drill.key
        scoped = grouped.where(matches)
    ids = scoped.with_only_columns(model.id, maintain_column_froms=True)
    return model.id.in_(ids)


def apply_to_list(query: Select, drill: DrillDown | None, user) -> Select:
    """The case list's query narrowed to the drill-down's cases (unchanged without one)."""
    if drill is None:
        return query
    return query.where(condition(drill, user))


def count(drill: DrillDown, user) -> int:
    """How many cases the drill-down selects (for tests and the list's heading)."""
    from sqlalchemy import func

    from casebook.extensions import db

    model = AREAS[drill.area].model
    return db.session.scalar(select(func.count()).select_from(model).where(condition(drill, user))) or 0
