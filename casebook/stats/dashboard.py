"""What the dashboard shows: figure cards with their numerator, denominator, date basis, year-on-year
comparison and drill-down links; breakdown tables; chart data. Numbers come from `stats.queries` only."""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from flask_babel import gettext as _

from casebook.core.permissions import Permission, has_permission
from casebook.core.templating import format_rate, shown_rate
from casebook.stats import litigation as lit
from casebook.stats import mediation as med
from casebook.stats import queries
from casebook.stats import reconsideration as rec
from casebook.stats.drilldown import LITIGATION, MEDIATION, RECONSIDERATION, DrillDown
from casebook.stats.figures import Counts, Ratio, Row
from casebook.stats.filters import Filters
from casebook.stats.periods import Grain, Period

AREA_SPECS = {MEDIATION: med, RECONSIDERATION: rec, LITIGATION: lit}


@dataclass
class Link:
    """A number and the list of the cases it counts."""

    value: int | None
    url: str | None = None
    label: str = ""


@dataclass
class Card:
    """One headline figure: a count, or a rate with its numerator and denominator."""

    key: str
    label: str
    basis: str
    value: str  # formatted: "7244" or "98.8%" or "—"
    url: str | None
    numerator: Link | None = None
    denominator: Link | None = None
    previous: str | None = None  # the same figure a year earlier, formatted
    previous_url: str | None = None
    change: str | None = None  # "+55 (+148.6%)" or "+1.2 pp"
    trend: str = ""  # "up", "down" or ""
    unmeasured: Link | None = None  # the cases left out of both parts of the rate (no computable deadline)


@dataclass
class Table:
    """A breakdown table: column definitions and rows of linked cells."""

    key: str
    title: str
    columns: list[tuple[str, str, str]]  # (figure or rate key, header, "count" | "rate")
    rows: list[dict[str, Any]] = field(default_factory=list)
    more_url: str | None = None


def _signed(value: int) -> str:
    return f"+{value}" if value > 0 else str(value)


def format_growth(rate: float | None) -> str:
    """A growth rate as shown: 持平 when there is none (never 0.0%), else as every rate."""
    return _("unchanged") if rate == 0 else format_rate(rate)


def rate_change(now: Ratio, before: Ratio) -> tuple[str | None, str]:
    """The change of a rate in percentage points and its trend ("up", "down" or ""): 持平 when the two rates
    are equal (compared as exact fractions), never "+0.0" or "-0.0"; a change too small to show reads ±0.1."""
    if now.rate is None or before.rate is None:
        return None, ""
    change = Fraction(now.numerator, now.denominator) - Fraction(before.numerator, before.denominator)
    if change == 0:
        return _("unchanged"), ""
    points = shown_rate(float(change))
    return _("%(points)s pp", points=f"{points:+}"), "up" if change > 0 else "down"


def _drill(area: str, key: str, period: Period, filters: Filters, by=None, row_key=None) -> str | None:
    if area == LITIGATION and key in lit.DECISION_FIGURES_BY_KEY:
        area = RECONSIDERATION  # 复议后起诉: the decisions are reconsideration cases, listed there
    return DrillDown(area, key, period, filters, by, row_key).url()


def count_card(
    area: str, key: str, counts: Counts, previous: Counts | None, period: Period, filters: Filters
) -> Card:
    """A count with its drill-down and the same count a year earlier."""
    figure = AREA_SPECS[area].FIGURES_BY_KEY[key]
    value = counts.values[key]
    card = Card(key, str(figure.label), str(figure.basis), str(value), _drill(area, key, period, filters))
    if previous is not None:
        before = previous.values[key]
        growth = Ratio("growth", value - before, before)
        card.previous = str(before)
        card.previous_url = _drill(area, key, period.previous_year(), filters)
        card.change = (
            _("unchanged") if value == before else f"{_signed(value - before)} ({format_rate(growth.rate)})"
        )
        card.trend = "up" if value > before else "down" if value < before else ""
    return card


def rate_card(
    area: str, key: str, counts: Counts, previous: Counts | None, period: Period, filters: Filters
) -> Card:
    """A rate with its numerator and denominator (each a drill-down) and the rate a year earlier."""
    spec = AREA_SPECS[area]
    rate = next(r for r in spec.RATES if r.key == key)
    ratio = counts.ratio(key)
    num_fig, den_fig = spec.FIGURES_BY_KEY[rate.numerator], spec.FIGURES_BY_KEY[rate.denominator]
    card = Card(
        key,
        str(rate.label),
        str(rate.basis),
        format_growth(ratio.rate) if rate.difference else format_rate(ratio.rate),
        _drill(area, rate.numerator, period, filters) if not rate.difference else None,
        numerator=Link(
            ratio.numerator,
            None if rate.difference else _drill(area, rate.numerator, period, filters),
            str(num_fig.label),
        ),
        denominator=Link(
            ratio.denominator, _drill(area, rate.denominator, period, filters), str(den_fig.label)
        ),
    )
    if rate.unmeasured:
        left_out = spec.FIGURES_BY_KEY[rate.unmeasured]
        value = counts.values[rate.unmeasured]
        url = _drill(area, rate.unmeasured, period, filters) if value else None
        card.unmeasured = Link(value, url, str(left_out.label))
    if rate.difference:  # year-on-year growth: the numerator is a difference of two counts
        card.numerator.label = _("%(figure)s minus a year earlier", figure=num_fig.label)
    if previous is not None and not rate.difference:
        before = previous.ratio(key)
        card.previous = format_rate(before.rate)
        card.previous_url = _drill(area, rate.numerator, period.previous_year(), filters)
        card.change, card.trend = rate_change(ratio, before)
    return card


def table(
    area: str,
    key: str,
    title: str,
    rows: list[Row],
    columns: list[str],
    period: Period,
    filters: Filters,
    by: str | None,
    language: str = "zh",
) -> Table:
    """A breakdown table whose every count links to its cases."""
    spec = AREA_SPECS[area]
    rates = {r.key: r for r in spec.RATES}
    header = []
    for column in columns:
        if column in rates:
            header.append((column, str(rates[column].label), "rate"))
        else:
            header.append((column, str(spec.FIGURES_BY_KEY[column].label), "count"))
    result = Table(key, title, header)
    for row in rows:
        cells: dict[str, Any] = {
            "name": (row.name_en if language == "en" and row.name_en else row.name)
            or row.code
            or _("(none)"),
            "code": row.code,
        }
        row_period = row.period or period
        row_by = None if row.period else by
        for column, _header, kind in header:
            if kind == "rate":
                ratio = row.counts.ratio(column)
                cells[column] = Link(ratio.rate, None, f"{ratio.numerator} / {ratio.denominator}")
            else:
                value = row.counts.values[column]
                url = None
                if value and value is not None:
                    url = _drill(
                        area, column, row_period, filters, row_by, (row.code or "") if row_by else None
                    )
                cells[column] = Link(value, url)
        result.rows.append(cells)
    return result


MEDIATION_CARDS = (
    ("count", "registered"),
    ("count", "succeeded"),
    ("rate", "resolution_rate"),
    ("count", "concluded"),
    ("rate", "success_rate"),
    ("rate", "on_time_rate"),
    ("count", "in_progress"),
    ("count", "not_accepted"),
    ("rate", "performance_rate"),
)
RECONSIDERATION_CARDS = (
    ("count", "received"),
    ("rate", "yoy_growth"),
    ("count", "accepted"),
    ("count", "rejected"),
    ("count", "abandoned"),
    ("count", "concluded"),
    ("rate", "conclusion_rate"),
    ("rate", "on_time_rate"),
    ("rate", "correction_rate"),
    ("rate", "mediation_settlement_rate"),
    ("rate", "mediation_withdrawal_rate"),
    ("count", "pending"),
    ("count", "overdue"),
)
MEDIATION_COLUMNS = [
    "registered",
    "succeeded",
    "resolution_rate",
    "concluded",
    "success_rate",
    "on_time_rate",
]
RECONSIDERATION_COLUMNS = [
    "received",
    "accepted",
    "concluded",
    "on_time_rate",
    "corrections",
    "correction_rate",
]
# The figures the dashboard's tables need (their columns and the rates' parts): the breakdowns count only these.
MEDIATION_TABLE_FIGURES = (
    "registered",
    "succeeded",
    "concluded",
    "concluded_succeeded",
    "concluded_on_time",
    "concluded_timed",
)
RECONSIDERATION_TABLE_FIGURES = (
    "received",
    "accepted",
    "concluded",
    "concluded_on_time",
    "concluded_timed",
    "corrections",
    "decisions",
)


def cards(area: str, specs, counts: Counts, previous: Counts, period: Period, filters: Filters) -> list[Card]:
    """The headline cards of an area."""
    make = {"count": count_card, "rate": rate_card}
    return [make[kind](area, key, counts, previous, period, filters) for kind, key in specs]


def series_chart(area: str, rows: list[Row], keys: list[str], filters: Filters) -> dict:
    """Chart data of a monthly series: bars per figure, each bar a drill-down."""
    spec = AREA_SPECS[area]
    return {
        "type": "bar",
        "categories": [row.name for row in rows],
        "series": [
            {
                "name": str(spec.FIGURES_BY_KEY[key].label),
                "data": [row.counts.values[key] for row in rows],
                "urls": [_drill(area, key, row.period, filters) for row in rows],
            }
            for key in keys
        ],
    }


def ranking_chart(
    area: str, rows: list[Row], count_key: str, rate_key: str | None, period, filters, by, limit=12
) -> dict:
    """A horizontal bar chart of the largest groups; the rate (with its counts) in the label."""
    spec = AREA_SPECS[area]
    top = sorted(rows, key=lambda r: -r.counts.values[count_key])[:limit]
    top = [r for r in top if r.counts.values[count_key]]
    labels = []
    for row in top:
        if rate_key:
            ratio = row.counts.ratio(rate_key)
            labels.append(f"{format_rate(ratio.rate)} ({ratio.numerator}/{ratio.denominator})")
        else:
            labels.append(str(row.counts.values[count_key]))
    return {
        "type": "hbar",
        "categories": [row.name or row.code or "—" for row in reversed(top)],
        "series": [
            {
                "name": str(spec.FIGURES_BY_KEY[count_key].label),
                "data": [row.counts.values[count_key] for row in reversed(top)],
                "labels": list(reversed(labels)),
                "urls": [
                    _drill(area, count_key, period, filters, by, row.code or "") for row in reversed(top)
                ],
            }
        ],
    }


def pie_chart(area: str, rows: list[Row], count_key: str, period, filters, by) -> dict:
    """A pie of the groups' counts (groups with none left out)."""
    shown = [r for r in rows if r.counts.values[count_key]]
    return {
        "type": "pie",
        "series": [
            {
                "name": str(AREA_SPECS[area].FIGURES_BY_KEY[count_key].label),
                "data": [{"name": r.name or r.code, "value": r.counts.values[count_key]} for r in shown],
                "urls": [_drill(area, count_key, period, filters, by, r.code or "") for r in shown],
            }
        ],
    }


def mediation_section(user, period: Period, filters: Filters, language: str) -> dict | None:
    """Everything the dashboard shows of people's mediation (None without the permission)."""
    if not has_permission(user, Permission.VIEW_MEDIATION):
        return None
    counts = queries.mediation_totals(user, period, filters)
    previous = queries.mediation_totals(user, period.previous_year(), filters)
    grain = Grain.MONTH if period.days <= 400 else Grain.QUARTER if period.days <= 1200 else Grain.YEAR
    series = queries.mediation_series(user, period, grain, filters)
    keys = MEDIATION_TABLE_FIGURES
    by_type = queries.mediation_breakdown(user, period, "dispute_type", filters, keys)
    by_committee = sorted(
        queries.mediation_breakdown(user, period, "committee", filters, keys),
        key=lambda r: -r.counts.registered,
    )
    by_source = queries.mediation_breakdown(user, period, "source", filters, keys)
    args = (MEDIATION_COLUMNS, period, filters)
    return {
        "cards": cards(MEDIATION, MEDIATION_CARDS, counts, previous, period, filters),
        "charts": {
            "monthly": series_chart(
                MEDIATION, series, ["registered", "concluded", "concluded_succeeded"], filters
            ),
            "types": ranking_chart(
                MEDIATION, by_type, "registered", "resolution_rate", period, filters, "dispute_type", 15
            ),
            "committees": ranking_chart(
                MEDIATION, by_committee, "registered", "resolution_rate", period, filters, "committee"
            ),
        },
        "tables": [
            table(MEDIATION, "dispute_type", _("By dispute type"), by_type, *args, "dispute_type", language),
            table(
                MEDIATION,
                "committee",
                _("Committees ranked"),
                by_committee[:15],
                *args,
                "committee",
                language,
            ),
            table(MEDIATION, "source", _("By source"), by_source, *args, "source", language),
        ],
        "committee_count": len(by_committee),
        "grain": grain,
    }


def reconsideration_section(user, period: Period, filters: Filters, language: str) -> dict | None:
    """Everything the dashboard shows of administrative reconsideration (None without the permission)."""
    if not has_permission(user, Permission.VIEW_RECONSIDERATION):
        return None
    counts = queries.reconsideration_totals(user, period, filters)
    previous = queries.reconsideration_totals(user, period.previous_year(), filters)
    grain = Grain.MONTH if period.days <= 400 else Grain.QUARTER if period.days <= 1200 else Grain.YEAR
    series = queries.reconsideration_series(user, period, grain, filters)
    keys = RECONSIDERATION_TABLE_FIGURES
    by_outcome = [
        r for r in queries.reconsideration_breakdown(user, period, "outcome", filters, keys) if r.code
    ]
    by_agency = sorted(
        queries.reconsideration_breakdown(user, period, "agency", filters, keys),
        key=lambda r: -r.counts.received,
    )
    by_category = queries.reconsideration_breakdown(user, period, "act_category", filters, keys)
    args = (RECONSIDERATION_COLUMNS, period, filters)
    outcome_columns = ["concluded", "concluded_on_time", "on_time_rate"]
    return {
        "cards": cards(RECONSIDERATION, RECONSIDERATION_CARDS, counts, previous, period, filters),
        "charts": {
            "monthly": series_chart(RECONSIDERATION, series, ["received", "concluded"], filters),
            "outcomes": pie_chart(RECONSIDERATION, by_outcome, "concluded", period, filters, "outcome"),
            "agencies": ranking_chart(
                RECONSIDERATION, by_agency, "received", None, period, filters, "agency"
            ),
        },
        "tables": [
            table(
                RECONSIDERATION,
                "outcome",
                _("By outcome"),
                [r for r in by_outcome if r.counts.concluded],
                outcome_columns,
                period,
                filters,
                "outcome",
                language,
            ),
            table(RECONSIDERATION, "agency", _("By respondent agency"), by_agency, *args, "agency", language),
            table(
                RECONSIDERATION,
                "act_category",
                _("By category of act"),
                by_category,
                *args,
                "act_category",
                language,
            ),
        ],
    }


LITIGATION_CARDS = (
    ("count", "filed"),
    ("rate", "head_appearance_rate"),
    ("rate", "loss_rate"),
    ("rate", "sued_after_reconsideration_rate"),
    ("rate", "reconsideration_overturn_rate"),
    ("rate", "judgment_performance_rate"),
)
LITIGATION_COLUMNS = ["filed", "judged", "lost", "loss_rate", "hearings", "head_appearance_rate"]


def litigation_section(user, period: Period, filters: Filters, language: str) -> dict | None:
    """Everything the dashboard shows of administrative litigation (None without the permission): the cards, the
    约谈 list (agencies with judgments against them, each count a drill-down) and the tables by agency and
    category."""
    if not has_permission(user, Permission.VIEW_RECONSIDERATION):
        return None
    counts = queries.litigation_totals(user, period, filters)
    previous = queries.litigation_totals(user, period.previous_year(), filters)
    by_agency = sorted(
        queries.litigation_breakdown(user, period, "agency", filters),
        key=lambda r: (-r.counts.filed, r.code or ""),
    )
    by_category = queries.litigation_breakdown(user, period, "act_category", filters)
    interviews = queries.interview_list(user, period, filters)
    args = (LITIGATION_COLUMNS, period, filters)
    return {
        "cards": cards(LITIGATION, LITIGATION_CARDS, counts, previous, period, filters),
        "interviews": table(
            LITIGATION,
            "interviews",
            _("The 约谈 list"),
            interviews,
            ["lost"],
            period,
            filters,
            "agency",
            language,
        ),
        "tables": [
            table(LITIGATION, "agency", _("By defending agency"), by_agency, *args, "agency", language),
            table(
                LITIGATION,
                "act_category",
                _("By category of act"),
                by_category,
                *args,
                "act_category",
                language,
            ),
        ],
    }
