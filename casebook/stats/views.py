"""Statistics pages: the dashboard, full breakdown tables, the annual report and the exports."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from werkzeug.routing import BuildError

from casebook.core.clock import today
from casebook.core.i18n import current_language
from casebook.core.inputs import int_arg
from casebook.core.permissions import Permission, committee_scope, has_permission, require_permission
from casebook.core.templating import register_navigation
from casebook.core.views import ROLE_HOME
from casebook.stats import cache, dashboard, queries
from casebook.stats.drilldown import LITIGATION, MEDIATION, RECONSIDERATION
from casebook.stats.filters import Filters
from casebook.stats.forms import build_form, selected_filters, selected_period, today_year, validate
from casebook.stats.periods import Period

bp = Blueprint("stats", __name__, template_folder="templates", url_prefix="/stats")

register_navigation("stats.index", _l("Statistics"), Permission.VIEW_STATS)
ROLE_HOME["bureau"] = "stats.index"

SELECTION_ARGS = (
    "period",
    "year",
    "quarter",
    "month",
    "start",
    "end",
    "area",
    "committee",
    "mediator",
    "dispute_type",
    "source",
    "agency",
    "act_category",
)
TABLES = {
    MEDIATION: {
        "committee": _l("Committees"),
        "mediator": _l("Mediators"),
        "dispute_type": _l("Dispute types"),
        "source": _l("Sources"),
        "area": _l("Townships and streets"),
        "outcome": _l("Outcomes"),
    },
    RECONSIDERATION: {
        "agency": _l("Respondent agencies"),
        "act_category": _l("Categories of act"),
        "outcome": _l("Outcomes"),
    },
    LITIGATION: {"agency": _l("Defending agencies"), "act_category": _l("Categories of act")},
}
PERMISSIONS = {
    MEDIATION: Permission.VIEW_MEDIATION,
    RECONSIDERATION: Permission.VIEW_RECONSIDERATION,
    LITIGATION: Permission.VIEW_RECONSIDERATION,
}


def safe_url(endpoint: str, **args) -> str | None:
    """The URL of another area's page, or None while that page does not exist."""
    try:
        return url_for(endpoint, **args)
    except BuildError:
        return None


def selection():
    """The form, the period and the filters asked for by the query string."""
    default_year = today_year()
    form = build_form(request.args, current_user, default_year)
    validate(form)
    period = selected_period(form, default_year)
    filters = selected_filters(form)
    args = {k: v for k, v in request.args.items() if k in SELECTION_ARGS and v}
    return form, period, filters, args


def organisation_section(period: Period, filters) -> dict | None:
    """The organisation counts as of the period's last day, each linked to its list."""
    if not has_permission(current_user, Permission.VIEW_ORGS):
        return None
    counts = queries.organisations(current_user, period.end, filters)
    as_of = period.end.isoformat()
    area = {"area": filters.area} if filters.area else {}
    return {
        "counts": counts,
        "urls": {
            "associations": safe_url("orgs.associations", as_of=as_of),
            "committees": safe_url("orgs.committees", as_of=as_of, **area),
            "sector_committees": safe_url("orgs.committees", as_of=as_of, type="sector", **area),
            "mediators": safe_url("orgs.mediators", as_of=as_of, **area),
            "full_time_mediators": safe_url("orgs.mediators", as_of=as_of, employment="full_time", **area),
            "experts": safe_url("orgs.mediators", as_of=as_of, expert="1", **area),
        },
    }


def _section(build, period: Period, filters, language: str):
    """A dashboard section, built once per user scope, selection, language and day while the data is unchanged:
    building its statements, charts and drill-down links cost a cached dashboard more than its counts
    (benchmarks/README.md)."""
    scope = committee_scope(current_user)
    key = (
        current_user.role,
        None if scope is None else tuple(sorted(scope)),
        period,
        filters,
        language,
        today(),
    )
    return cache.remembered(build.__name__, key, lambda: build(current_user, period, filters, language))


@bp.get("/")
@require_permission(Permission.VIEW_STATS)
def index():
    """The dashboard: headline figures, year-on-year comparison, charts and breakdowns of a period."""
    form, period, filters, args = selection()
    language = current_language()
    return render_template(
        "stats/dashboard.html",
        form=form,
        period=period,
        previous=period.previous_year(),
        filters=filters,
        args=args,
        mediation=_section(dashboard.mediation_section, period, filters, language),
        reconsideration=_section(dashboard.reconsideration_section, period, filters, language),
        litigation=_section(dashboard.litigation_section, period, filters, language),
        organisations=organisation_section(period, filters),
        tables=TABLES,
    )


@bp.get("/tables/<section>/<by>")
@require_permission(Permission.VIEW_STATS)
def breakdown(section: str, by: str):
    """A full breakdown table (every committee, every mediator, …) of the selected period.

    The case area is `section`, not `area`: `area` is the filter of the query string, passed on in its links.
    """
    if (
        section not in TABLES
        or by not in TABLES[section]
        or not has_permission(current_user, PERMISSIONS[section])
    ):
        abort(404)
    form, period, filters, args = selection()
    if section == MEDIATION:
        rows = queries.mediation_breakdown(current_user, period, by, filters)
        columns = [
            *dashboard.MEDIATION_COLUMNS,
            "failed",
            "terminated",
            "not_accepted",
            "in_progress",
            "concluded_on_time",
        ]
        main = "registered"
    elif section == LITIGATION:
        rows = queries.litigation_breakdown(current_user, period, by, filters)
        columns = [
            *dashboard.LITIGATION_COLUMNS,
            "effective_lost",
            "effective_performed",
            "judgment_performance_rate",
        ]
        main = "filed"
    else:
        rows = queries.reconsideration_breakdown(current_user, period, by, filters)
        columns = [*dashboard.RECONSIDERATION_COLUMNS, "rejected", "pending", "overdue"]
        main = "received"
    rows.sort(key=lambda r: -r.counts.values[main])
    table = dashboard.table(
        section, by, str(TABLES[section][by]), rows, columns, period, filters, by, current_language()
    )
    return render_template(
        "stats/breakdown.html", form=form, period=period, args=args, table=table, section=section, by=by
    )


@bp.get("/interviews")
@require_permission(Permission.VIEW_RECONSIDERATION, hide=True)
def interviews():
    """The 约谈 list: agencies with judgments against them in the period, the most first, with their cases."""
    form, period, filters, args = selection()
    return render_template(
        "stats/interviews.html",
        form=form,
        period=period,
        args=args,
        rows=queries.interview_cases(current_user, period, filters),
        url=lambda row: dashboard.DrillDown(
            LITIGATION, "lost", period, filters, "agency", row.code or ""
        ).url(),
    )


@bp.get("/export.xlsx")
@require_permission(Permission.VIEW_STATS)
@require_permission(Permission.EXPORT)
def export():
    """Every table of the dashboard (and per committee, per mediator) as an Excel workbook."""
    from casebook.stats import exports

    _form, period, filters, _args = selection()
    data = exports.dashboard_workbook(current_user, period, filters)
    name = _("statistics-%(period)s.xlsx", period=period.start.isoformat() + "_" + period.end.isoformat())
    return send_file(data, mimetype=exports.XLSX, as_attachment=True, download_name=name)


# ---------------------------------------------------------------- the annual report


def _report_year() -> int:
    year = int_arg("year")
    current = today_year()
    return year if year is not None and 2000 <= year <= current else current - 1


def _organisation_urls(year: int) -> dict:
    section = organisation_section(Period.year(year), Filters())
    return section["urls"] if section else {}


@bp.get("/report")
@require_permission(Permission.VIEW_STATS)
def report():
    """The annual report (年度报告) of a year: the district's paragraphs filled from the cases, each number a link."""
    from casebook.stats import mediation as med
    from casebook.stats import reconsideration as rec
    from casebook.stats.report import annual_report
    from casebook.stats.report_text import paragraphs, title

    year = _report_year()
    data = annual_report(current_user, year, _organisation_urls(year))
    definitions = []
    for values, spec in ((data.mediation, med), (data.reconsideration, rec)):
        if values:
            specs = [(f.key, f.label, f.basis) for f in spec.FIGURES] + [
                (r.key, r.label, r.basis) for r in spec.RATES
            ]
            definitions.append((spec, values, specs))
    return render_template(
        "stats/report.html",
        report=data,
        heading=title(data),
        sections=paragraphs(data, html=True),
        definitions=definitions,
        years=list(range(today_year(), 1999, -1)),
    )


@bp.get("/report/<int:year>.docx")
@require_permission(Permission.VIEW_STATS)
@require_permission(Permission.EXPORT)
def report_docx(year: int):
    """The annual report as a Word document."""
    from casebook.stats import exports

    if not 2000 <= year <= today_year():
        abort(404)
    data = exports.report_document(current_user, year, _organisation_urls(year))
    name = _("annual-report-%(year)s.docx", year=year)
    return send_file(data, mimetype=exports.DOCX, as_attachment=True, download_name=name)


@bp.get("/report/<int:year>.xlsx")
@require_permission(Permission.VIEW_STATS)
@require_permission(Permission.EXPORT)
def report_xlsx(year: int):
    """The annual report's figures and tables as an Excel workbook."""
    from casebook.stats import exports

    if not 2000 <= year <= today_year():
        abort(404)
    data = exports.report_workbook(current_user, year)
    name = _("annual-report-%(year)s.xlsx", year=year)
    return send_file(data, mimetype=exports.XLSX, as_attachment=True, download_name=name)
