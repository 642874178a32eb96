"""The statistics module: every figure of domain.md §4 as SQL aggregates over the scoped case queries.

Pages, the API, the exports and the report all read their numbers here. Each function runs one SQL statement
per date family (registration, closing, agreement; receipt, closing, a year earlier, the period's end), each
reading only its period's cases through an index range, over `filters.mediation_cases(user)` /
`filters.reconsideration_cases(user)`, so a director counts only their committee and a mediator their own
cases. The figures themselves (conditions, labels, date bases) live in `stats.mediation` and
`stats.reconsideration`; the same conditions filter the drill-down lists (`stats.drilldown`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select

from casebook.core.clock import today
from casebook.stats import litigation as lit
from casebook.stats import mediation as med
from casebook.stats import reconsideration as rec
from casebook.stats.figures import Row, Window, aggregate, aggregate_by, aggregate_by_period
from casebook.stats.filters import (
    Filters,
    Resolved,
    mediation_cases,
    mediation_conditions,
    reconsideration_cases,
    reconsideration_conditions,
    resolve,
)
from casebook.stats.periods import Grain, Period

LitigationCounts = lit.LitigationCounts
MediationCounts = med.MediationCounts
ReconsiderationCounts = rec.ReconsiderationCounts


def _resolved(filters: Filters | Resolved | None) -> Resolved:
    if isinstance(filters, Resolved):
        return filters
    return resolve(filters or Filters())


def mediation_base(user, filters: Filters | Resolved | None = None) -> Select:
    """The user's mediation cases under the filters (a Select of MediationCase)."""
    return mediation_cases(user).where(*mediation_conditions(_resolved(filters)))


def reconsideration_base(user, filters: Filters | Resolved | None = None) -> Select:
    """The user's reconsideration cases under the filters (a Select of ReconsiderationCase)."""
    return reconsideration_cases(user).where(*reconsideration_conditions(_resolved(filters)))


def window(period: Period) -> Window:
    """The window of a period; stock figures look at today when the period is not over."""
    return Window(period, as_of=today())


# ---------------------------------------------------------------- mediation


def mediation_totals(user, period: Period, filters: Filters | Resolved | None = None) -> MediationCounts:
    """Every mediation figure of the period, one SQL statement."""
    w = window(period)
    return aggregate(mediation_base(user, filters), med.FIGURES, w, MediationCounts, med.FAMILIES)


def _only(figures, keys):
    return figures if keys is None else tuple(f for f in figures if f.key in set(keys))


def mediation_breakdown(
    user, period: Period, by: str, filters: Filters | Resolved | None = None, keys=None
) -> list[Row]:
    """The mediation figures grouped by committee, dispute_type, mediator, source, outcome or area (only the
    figures `keys` when given: the others are None).

    By mediator, a case with several mediators counts once for each of them.
    """
    w = window(period)
    figures = _only(med.FIGURES, keys)
    rows = aggregate_by(
        mediation_base(user, filters), figures, w, MediationCounts, med.DIMENSIONS[by], med.FAMILIES
    )
    return med.label_rows(rows, by)


def mediation_series(
    user, period: Period, grain: Grain = Grain.MONTH, filters: Filters | Resolved | None = None
) -> list[Row]:
    """The mediation figures per month (quarter, year) of the period, each judged as a period of its own."""
    return aggregate_by_period(
        mediation_base(user, filters), med.FIGURES, period, grain, MediationCounts, med.FAMILIES, today()
    )


# ---------------------------------------------------------------- reconsideration


def reconsideration_totals(
    user, period: Period, filters: Filters | Resolved | None = None
) -> ReconsiderationCounts:
    """Every reconsideration figure of the period (with the intake a year earlier), one SQL statement."""
    w = window(period)
    return aggregate(reconsideration_base(user, filters), rec.FIGURES, w, ReconsiderationCounts, rec.FAMILIES)


def reconsideration_breakdown(
    user, period: Period, by: str, filters: Filters | Resolved | None = None, keys=None
) -> list[Row]:
    """The reconsideration figures grouped by agency, act_category or outcome (only `keys` when given)."""
    w = window(period)
    rows = aggregate_by(
        reconsideration_base(user, filters),
        _only(rec.FIGURES, keys),
        w,
        ReconsiderationCounts,
        rec.DIMENSIONS[by],
        rec.FAMILIES,
    )
    return rec.label_rows(rows, by)


def reconsideration_series(
    user, period: Period, grain: Grain = Grain.MONTH, filters: Filters | Resolved | None = None
) -> list[Row]:
    """Receipts and conclusions per month (quarter, year) of the period."""
    return aggregate_by_period(
        reconsideration_base(user, filters),
        rec.FIGURES,
        period,
        grain,
        ReconsiderationCounts,
        rec.FAMILIES,
        today(),
    )


# ---------------------------------------------------------------- administrative litigation


def litigation_base(user, filters: Filters | Resolved | None = None) -> Select:
    """The user's litigation cases (with their hearings, outer-joined) under the filters."""
    return lit.litigation_cases(user).where(*lit.litigation_conditions(_resolved(filters)))


def _litigation_parts(user, filters):
    base = litigation_base(user, filters)
    return (
        (lit.case_base(base), lit.CASE_FIGURES, lit.CASE_FAMILIES),
        (lit.hearing_base(base), lit.HEARING_FIGURES, lit.HEARING_FAMILIES),
    )


def litigation_totals(user, period: Period, filters: Filters | Resolved | None = None) -> LitigationCounts:
    """Every litigation figure of the period: cases, hearings, and the reconsideration decisions taken to court
    (one statement per date family)."""
    w = window(period)
    values: dict[str, int | None] = {}
    parts = [*_litigation_parts(user, filters)]
    parts.append((reconsideration_base(user, filters), lit.DECISION_FIGURES, lit.DECISION_FAMILIES))
    for base, figures, families in parts:
        counted = aggregate(base, figures, w, LitigationCounts, families).values
        values.update({f.key: counted[f.key] for f in figures})
    return LitigationCounts(values)


def litigation_breakdown(
    user, period: Period, by: str, filters: Filters | Resolved | None = None
) -> list[Row]:
    """The litigation figures (cases and hearings) grouped by defending agency or category of act."""
    w = window(period)
    merged: dict = {}
    for base, figures, families in _litigation_parts(user, filters):
        for row in aggregate_by(base, figures, w, LitigationCounts, lit.DIMENSIONS[by], families):
            found = merged.setdefault(row.key, row)
            if found is not row:
                found.counts.values.update({f.key: row.counts.values[f.key] for f in figures})
    rows = sorted(merged.values(), key=lit.DIMENSIONS[by].order)
    counted = {f.key for f in lit.CASE_FIGURES + lit.HEARING_FIGURES}
    for row in rows:  # a group counted only in one part has 0 in the other; decisions are not grouped (None)
        values = row.counts.values
        row.counts.values = {k: (values[k] or 0) if k in counted else None for k in values}
    return lit.label_rows(rows, by)


def interview_list(user, period: Period, filters: Filters | Resolved | None = None) -> list[Row]:
    """The 约谈 list: agencies (and the district government) with judgments against them in the period, the most
    first; each row's cases are a drill-down of `lost` by agency."""
    rows = [r for r in litigation_breakdown(user, period, "agency", filters) if r.counts.lost]
    return sorted(rows, key=lambda r: (-r.counts.lost, r.code or ""))


def interview_cases(
    user, period: Period, filters: Filters | Resolved | None = None
) -> list[tuple[Row, list]]:
    """The 约谈 list with each agency's cases (the drill-down of its `lost` count), in one more query."""
    from casebook.extensions import db

    rows = interview_list(user, period, filters)
    if not rows:
        return []
    L = lit.L
    lost = (
        lit.case_base(litigation_base(user, filters))
        .where(lit.lost(window(period)))
        .order_by(L.judgment_on, L.id)
    )
    by_agency: dict = {}
    for case in db.session.scalars(lost):
        by_agency.setdefault(case.agency_id, []).append(case)
    return [(row, by_agency.get(row.key, [])) for row in rows]


# ---------------------------------------------------------------- organisations


def organisations(user, as_of: date, filters: Filters | Resolved | None = None):
    """The organisation counts as of a day (the organisations area's one function), within the area filter."""
    from casebook.orgs.queries import organisation_counts

    return organisation_counts(as_of, user, area_id=_resolved(filters).area_id)
