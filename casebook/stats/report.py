"""The annual report (年度报告): the figures a district writes in its yearly report, computed from the cases.

`annual_report` gathers every number of the report with its drill-down; the page, the Word file and the Excel
file all render this one object, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask import current_app, url_for

from casebook.core.clock import today
from casebook.core.permissions import Permission, has_permission, is_committee_bound
from casebook.mediation.queries import committees_in_scope
from casebook.stats import queries
from casebook.stats.drilldown import LITIGATION, MEDIATION, RECONSIDERATION, DrillDown
from casebook.stats.figures import Row
from casebook.stats.filters import Filters
from casebook.stats.periods import Period


@dataclass
class Figure:
    """One number of the report: its value (count or rate) and the list of the cases it counts."""

    value: int | float | None
    url: str | None = None
    rate: bool = False


@dataclass
class AnnualReport:
    """Every figure of one year's report, within what the user may see."""

    year: int
    period: Period
    previous: Period
    computed_on: date
    scope: str | None = None  # the committees a scoped report covers; None for the whole district (全区)
    correction_basis: str = "merits"  # the correction rate's denominator (the setting)
    organisations: object | None = None
    organisation_urls: dict = field(default_factory=dict)
    mediation: dict[str, Figure] = field(default_factory=dict)
    top_types: list[tuple[Row, str | None]] = field(default_factory=list)
    reconsideration: dict[str, Figure] = field(default_factory=dict)
    by_committee: list[Row] = field(default_factory=list)
    by_type: list[Row] = field(default_factory=list)
    by_outcome: list[Row] = field(default_factory=list)
    by_agency: list[Row] = field(default_factory=list)
    litigation: dict[str, Figure] = field(default_factory=dict)


def _url(area: str, key: str, period: Period, by=None, code=None) -> str | None:
    return DrillDown(area, key, period, Filters(), by, code).url()


def annual_report(user, year: int, organisation_urls: dict | None = None) -> AnnualReport:
    """The report of `year` for `user` (a director's report covers their committee)."""
    period = Period.year(year)
    report = AnnualReport(year, period, period.previous_year(), today())
    if is_committee_bound(user):
        report.scope = "、".join(c.name for c in committees_in_scope(user))
    report.correction_basis = current_app.config.get("CORRECTION_RATE_DENOMINATOR", "merits")
    if has_permission(user, Permission.VIEW_ORGS):
        report.organisations = queries.organisations(user, period.end)
        report.organisation_urls = organisation_urls or {}
    if has_permission(user, Permission.VIEW_MEDIATION):
        counts = queries.mediation_totals(user, period)
        report.mediation = {
            key: Figure(value, _url(MEDIATION, key, period)) for key, value in counts.values.items()
        }
        for rate in counts.RATES:
            ratio = counts.ratio(rate.key)
            report.mediation[rate.key] = Figure(
                ratio.rate, _url(MEDIATION, rate.numerator, period), rate=True
            )
        report.by_type = sorted(
            queries.mediation_breakdown(user, period, "dispute_type"), key=lambda r: -r.counts.registered
        )
        report.top_types = [
            (row, _url(MEDIATION, "registered", period, "dispute_type", row.code))
            for row in report.by_type[:3]
            if row.counts.registered
        ]
        report.by_committee = sorted(
            queries.mediation_breakdown(user, period, "committee"), key=lambda r: -r.counts.registered
        )
    if has_permission(user, Permission.VIEW_RECONSIDERATION):
        counts = queries.reconsideration_totals(user, period)
        report.reconsideration = {
            key: Figure(value, _url(RECONSIDERATION, key, period)) for key, value in counts.values.items()
        }
        report.reconsideration["received_prev_year"].url = _url(RECONSIDERATION, "received", report.previous)
        for rate in counts.RATES:
            ratio = counts.ratio(rate.key)
            url = None if rate.difference else _url(RECONSIDERATION, rate.numerator, period)
            report.reconsideration[rate.key] = Figure(ratio.rate, url, rate=True)
        report.by_outcome = [
            r
            for r in queries.reconsideration_breakdown(user, period, "outcome")
            if r.code and r.counts.concluded
        ]
        report.by_agency = sorted(
            queries.reconsideration_breakdown(user, period, "agency"), key=lambda r: -r.counts.received
        )
        report.litigation = _litigation(user, period)
    return report


def _litigation(user, period: Period) -> dict[str, Figure]:
    """The litigation figures the report's sentences name: cases filed, 负责人出庭应诉率 and the 约谈 list's size."""
    counts = queries.litigation_totals(user, period)
    rate = counts.ratio("head_appearance_rate")
    interviews = len(queries.interview_list(user, period))
    return {
        "filed": Figure(counts.filed, _url(LITIGATION, "filed", period)),
        "head_appearance_rate": Figure(rate.rate, _url(LITIGATION, "hearings_head", period), rate=True),
        "interviews": Figure(interviews, url_for("stats.interviews", period="year", year=period.start.year)),
    }
