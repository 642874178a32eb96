"""The machinery shared by every statistic: windows, figures, ratios, dimensions and the aggregate query.

A figure is one SQL condition on a case row, written once against a `Window`. The same condition is summed as
`COUNT(CASE WHEN condition THEN 1 END)` by the aggregate queries and applied as `WHERE condition` by the
drill-down lists, so a list always holds exactly the cases its number counts (domain.md §4).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, case, func
from sqlalchemy.sql.elements import ColumnElement

from casebook.stats import cache
from casebook.stats.periods import Grain, Period, bucket_key

# ---------------------------------------------------------------- windows


class Window:
    """The period a figure counts in. `within(col)`: the date lies in the period; `by_end(col, anchor)`: the
    event had happened by the end of the period (of the anchor's bucket, when grouped by period)."""

    def __init__(self, period: Period, as_of: date | None = None):
        self.period = period
        # Stock figures that depend on "today" (overdue) look at the period's end, or today if that is earlier.
        self.as_of = min(period.end, as_of) if as_of else period.end

    def within(self, column) -> ColumnElement[bool]:
        return and_(column >= self.period.start, column <= self.period.end)

    def by_end(self, column, anchor) -> ColumnElement[bool]:
        return column <= self.period.end


class BucketWindow(Window):
    """A window cut into months (quarters, years): each case is judged at the end of its anchor's bucket."""

    def __init__(self, period: Period, grain: Grain, as_of: date | None = None):
        super().__init__(period, as_of)
        self.grain = grain

    def by_end(self, column, anchor) -> ColumnElement[bool]:
        # Dates only grow with their bucket key, so "key(column) <= key(anchor)" is "column <= end of the
        # anchor's bucket"; the period's own end cuts the last, partial bucket.
        return and_(
            column <= self.period.end, bucket_key(column, self.grain) <= bucket_key(anchor, self.grain)
        )


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class Figure:
    """A count: its key, label, date basis, the column it is anchored on and its condition."""

    key: str
    label: Any  # lazy string
    basis: Any  # lazy string: the date it counts by
    anchor: str  # family: the figures of one family are grouped by period on the same date column
    condition: Callable[[Window], ColumnElement[bool]]
    definition: Any = ""  # lazy string for the definitions sheet
    periodic: bool = True  # False for stock figures (pending at the end): no breakdown by period


def no_deadline_figure(basis, condition: Callable[[Window], ColumnElement[bool]]) -> Figure:
    """The cases concluded in the period whose deadline cannot be computed (a year without a holiday schedule):
    left out of both parts of an on-time rate and shown beside it (domain.md §2.3, §4), alike in both areas."""
    return Figure(
        "concluded_no_deadline",
        _l("Concluded without a computable deadline"),
        basis,
        "closed",
        condition,
        _l(
            "Cases closed in the period whose deadline cannot be computed (a year without a holiday schedule): "
            "left out of the on-time rate."
        ),
    )


@dataclass(frozen=True)
class Ratio:
    """A rate with the exact counts it is formed from; `rate` is None when the denominator is 0."""

    key: str
    numerator: int
    denominator: int

    @property
    def rate(self) -> float | None:
        return None if self.denominator == 0 else self.numerator / self.denominator


@dataclass(frozen=True)
class RateDef:
    """A rate: numerator and denominator figures (keys), label and the date basis."""

    key: str
    label: Any
    numerator: str
    denominator: str
    basis: Any
    definition: Any = ""
    difference: bool = False  # the numerator is `numerator - denominator` (year-on-year growth)
    # The figure of the cases left out of both parts (an on-time rate's cases without a computable deadline),
    # shown beside the rate.
    unmeasured: str | None = None


class Counts:
    """The counts of one row (a total or a group): figure key → count, rates as properties of subclasses."""

    FIGURES: tuple[Figure, ...] = ()
    RATES: tuple[RateDef, ...] = ()

    def __init__(self, values: dict[str, int | None] | None = None):
        values = values or {}
        self.values: dict[str, int | None] = {f.key: values.get(f.key, 0) for f in self.FIGURES}

    def __getattr__(self, name: str):
        values = self.__dict__.get("values", {})
        if name in values:
            return values[name]
        for rate in self.RATES:
            if rate.key == name:
                return self.ratio(rate.key)
        raise AttributeError(name)

    def ratio(self, key: str) -> Ratio:
        """The ratio `key` of this row."""
        rate = next(r for r in self.RATES if r.key == key)
        numerator, denominator = self.values[rate.numerator] or 0, self.values[rate.denominator] or 0
        return Ratio(key, numerator - denominator if rate.difference else numerator, denominator)

    def as_dict(self) -> dict[str, int | float | None]:
        """Counts and rates (full precision), for the API and the exports."""
        out: dict[str, int | float | None] = dict(self.values)
        for rate in self.RATES:
            out[rate.key] = self.ratio(rate.key).rate
        return out

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.values}>"


@dataclass
class Row:
    """One group of a breakdown: its key (id, code or bucket), code, name and counts."""

    key: Any
    code: str | None
    name: str | None
    counts: Counts
    name_en: str | None = None
    period: Period | None = None


# ---------------------------------------------------------------- dimensions


@dataclass(frozen=True)
class Dimension:
    """A breakdown: `apply` adds the joins and returns (select, key, code, name, name_en) expressions."""

    key: str
    label: Any
    apply: Callable[[Select, Window], tuple[Select, Any, Any, Any, Any]]
    order: Callable[[Row], Any] = lambda row: (row.code is None, row.code or "")


@dataclass(frozen=True)
class Family:
    """The figures counted on one date: `anchor` (the date a series buckets them by) and `prefilter`, a condition
    every counted case meets, written as an index range so that each query reads only its period's cases."""

    anchor: Any
    prefilter: Callable[[Window], ColumnElement[bool]]


def _count(condition: ColumnElement[bool]):
    return func.count(case((condition, 1)))


def _by_family(figures: Sequence[Figure], families: dict[str, Family], periodic_only: bool = False):
    for name, family in families.items():
        members = [f for f in figures if f.anchor == name and (f.periodic or not periodic_only)]
        if members:
            yield family, members


def _by_prefilter(figures: Sequence[Figure], families: dict[str, Family], window: Window):
    """(prefilter, figures) of the families, those with the same prefilter in one statement: the mediation
    agreements are counted over the cases closed in the period like the conclusions, in one reading of them."""
    groups: list[tuple[ColumnElement[bool], list[Figure]]] = []
    for family, members in _by_family(figures, families):
        condition = family.prefilter(window)
        for existing, group in groups:
            if existing.compare(condition):
                group.extend(members)
                break
        else:
            groups.append((condition, list(members)))
    return groups


def aggregate(
    base: Select,
    figures: Sequence[Figure],
    window: Window,
    counts_class: type[Counts],
    families: dict[str, Family],
) -> Counts:
    """One row of counts over `base` (a scoped, filtered case query): one statement per date family (per
    prefilter)."""
    values: dict[str, int] = {}
    for prefilter, members in _by_prefilter(figures, families, window):
        query = base.with_only_columns(*(_count(f.condition(window)) for f in members)).where(prefilter)
        row = cache.rows(query)[0]
        values.update({f.key: int(v) for f, v in zip(members, row, strict=True)})
    return counts_class(values)


def aggregate_by(
    base: Select,
    figures: Sequence[Figure],
    window: Window,
    counts_class: type[Counts],
    dimension: Dimension,
    families: dict[str, Family],
) -> list[Row]:
    """Counts grouped by `dimension` (committee, dispute type, ...): one GROUP BY statement per date family (per
    prefilter)."""
    found: dict[Any, Row] = {}
    values: dict[Any, dict[str, int]] = {}
    for prefilter, members in _by_prefilter(figures, families, window):
        query, key, code, name, name_en = dimension.apply(base, window)
        query = (
            query.with_only_columns(
                key,
                code,
                name,
                name_en,
                *(_count(f.condition(window)) for f in members),
                maintain_column_froms=True,
            )
            .where(prefilter)
            .group_by(key, code, name, name_en)
        )
        for r in cache.rows(query):
            found.setdefault(r[0], Row(key=r[0], code=r[1], name=r[2], name_en=r[3], counts=counts_class()))
            values.setdefault(r[0], {}).update({f.key: int(v) for f, v in zip(members, r[4:], strict=True)})
    rows = []
    uncounted = {f.key: None for f in counts_class.FIGURES if f not in figures}
    for key, row in found.items():
        if any(values[key].values()):
            row.counts = counts_class({**values[key], **uncounted})
            rows.append(row)
    return sorted(rows, key=dimension.order)


def aggregate_by_period(
    base: Select,
    figures: Sequence[Figure],
    period: Period,
    grain: Grain,
    counts_class: type[Counts],
    families: dict[str, Family],
    as_of: date | None = None,
) -> list[Row]:
    """Counts per month (quarter, year) of the period, each bucket judged as a period of its own.

    One GROUP BY statement per date family (registration, closing, agreement …): a family's figures are bucketed
    by its own date. Stock figures (not `periodic`) are left out (None). Buckets without cases count 0.
    """
    window = BucketWindow(period, grain, as_of)
    merged: dict[int, dict[str, int | None]] = {}
    for family, members in _by_family(figures, families, periodic_only=True):
        key = bucket_key(family.anchor, grain)
        query = (
            base.with_only_columns(key, *(_count(f.condition(window)) for f in members))
            .where(family.prefilter(window), window.within(family.anchor))
            .group_by(key)
        )
        for bucket, *counted in cache.rows(query):
            merged.setdefault(int(bucket), {}).update(
                {f.key: int(v) for f, v in zip(members, counted, strict=True)}
            )
    stock = {f.key: None for f in figures if not f.periodic}
    return [
        Row(
            key=bucket,
            code=str(bucket),
            name=part.label(),
            counts=counts_class({**merged.get(bucket, {}), **stock}),
            period=part,
        )
        for bucket, part in period.buckets(grain)
    ]
