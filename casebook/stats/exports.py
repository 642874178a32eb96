"""Exports of the statistics: Excel workbooks (xlsxwriter) of every table, and the annual report as Word.

Workbooks have Chinese headers (the bureau's reporting language), rates as numbers with a percentage format
holding the value the pages show (`shown_rate`: one decimal, never 100.0% or 0.0% unless exactly so), "—" where
a rate has no denominator, and a first sheet that states
the definitions, the period and the filters used.
"""

from __future__ import annotations

from io import BytesIO

from flask_babel import force_locale
from flask_babel import gettext as _

from casebook.core import clock
from casebook.core.i18n import format_timestamp
from casebook.core.permissions import ROLE_LABELS, Permission, Role, has_permission
from casebook.core.spreadsheets import XLSX_MIMETYPE, new_workbook, write_cell, write_row
from casebook.core.templating import shown_rate
from casebook.stats import litigation as lit
from casebook.stats import mediation as med
from casebook.stats import queries
from casebook.stats import reconsideration as rec
from casebook.stats.figures import Counts, Row
from casebook.stats.filters import Filters
from casebook.stats.periods import Grain, Period

XLSX = XLSX_MIMETYPE
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

MEDIATION_BREAKDOWNS = ("dispute_type", "committee", "mediator", "source", "area", "outcome")
RECONSIDERATION_BREAKDOWNS = ("outcome", "agency", "act_category")


class Book:
    """A workbook with the shared formats and a helper to write tables of counts and rates."""

    def __init__(self):
        self.buffer = BytesIO()
        self.book = new_workbook(self.buffer, in_memory=True)
        self.bold = self.book.add_format({"bold": True})
        self.title = self.book.add_format({"bold": True, "font_size": 14})
        self.header = self.book.add_format(
            {"bold": True, "bg_color": "#DCE6F1", "border": 1, "text_wrap": True}
        )
        self.rate = self.book.add_format({"num_format": "0.0%"})
        self.wrap = self.book.add_format({"text_wrap": True, "valign": "top"})

    def sheet(self, name: str):
        return self.book.add_worksheet(name[:31])

    def counts_table(self, ws, first_row: int, labels: tuple[str, str], rows: list[Row], spec) -> int:
        """Rows of counts and rates under a header; returns the next free row."""
        figures = [f for f in spec.FIGURES]
        headers = [
            labels[0],
            labels[1],
            *(str(f.label) for f in figures),
            *(str(r.label) for r in spec.RATES),
        ]
        write_row(ws, first_row, 0, headers, self.header)
        for i, row in enumerate(rows, start=first_row + 1):
            write_cell(ws, i, 0, row.name or row.code or "")
            write_cell(ws, i, 1, row.code or "")
            self.write_counts(ws, i, 2, row.counts, spec)
        ws.set_column(0, 0, 28)
        ws.set_column(1, 1, 12)
        ws.set_column(2, len(headers) - 1, 13)
        ws.freeze_panes(first_row + 1, 1)
        return first_row + len(rows) + 2

    def write_counts(self, ws, row: int, col: int, counts: Counts, spec) -> None:
        for j, figure in enumerate(spec.FIGURES):
            value = counts.values[figure.key]
            write_cell(ws, row, col + j, "" if value is None else value)
        for j, rate in enumerate(spec.RATES, start=len(spec.FIGURES)):
            self.write_rate(ws, row, col + j, counts.ratio(rate.key).rate)

    def write_rate(self, ws, row: int, col: int, rate: float | None) -> None:
        """A rate as the pages show it (a number with a percentage format), or "—" without a denominator."""
        shown = shown_rate(rate)
        if shown is None:
            write_cell(ws, row, col, "—")
        else:
            write_cell(ws, row, col, float(shown / 100), self.rate)

    def close(self) -> BytesIO:
        self.book.close()
        self.buffer.seek(0)
        return self.buffer


def _scope_text(user) -> str:
    text = str(ROLE_LABELS[Role(user.role)])
    if user.mediator_id:
        text += " · " + (user.mediator.name if user.mediator else "")
    return text


def definitions_sheet(book: Book, user, period: Period, filters: Filters, note: str = "") -> None:
    """The first sheet: what was counted, for whom, with which filters, and each figure's definition."""
    ws = book.sheet(_("Definitions"))
    ws.set_column(0, 0, 30)
    ws.set_column(1, 1, 70)
    ws.set_column(2, 4, 26)
    write_cell(ws, 0, 0, _("Statistics of casebook"), book.title)
    previous = period.previous_year()
    facts = [
        (_("Period"), f"{period.start.isoformat()} — {period.end.isoformat()} ({period.label()})"),
        (_("Compared with"), f"{previous.start.isoformat()} — {previous.end.isoformat()}"),
        (_("Scope"), _scope_text(user)),
        (
            _("Filters"),
            "; ".join(f"{k}={v}" for k, v in filters.items().items()) or _("none"),
        ),
        (_("Produced"), format_timestamp(clock.now())),
        (
            _("Rules"),
            _(
                "Rates are computed from the exact counts and shown to one decimal; a rate whose denominator "
                "is 0 is shown as —. Voided cases count nowhere. Cohort figures judge the cases registered "
                "(received) in the period by their state at the period's last day; conclusion figures count the "
                "cases closed in the period; organisations are counted as of the last day. A year earlier is the "
                "same range shifted back one year (29 February → 28 February)."
            ),
        ),
    ]
    if note:
        facts.append((_("Note"), note))
    for i, (key, value) in enumerate(facts, start=2):
        write_cell(ws, i, 0, key, book.bold)
        write_cell(ws, i, 1, value, book.wrap)
    row = len(facts) + 3
    write_row(
        ws,
        row,
        0,
        [_("Figure"), _("Definition"), _("Numerator"), _("Denominator"), _("Counted by")],
        book.header,
    )
    row += 1
    areas = ((med, Permission.VIEW_MEDIATION), (rec, Permission.VIEW_RECONSIDERATION))
    for spec, permission in (*areas, (lit, Permission.VIEW_RECONSIDERATION)):
        if not has_permission(user, permission):
            continue
        for figure in spec.FIGURES:
            write_row(
                ws, row, 0, [str(figure.label), str(figure.definition), "", "", str(figure.basis)], book.wrap
            )
            row += 1
        for rate in spec.RATES:
            numerator = spec.FIGURES_BY_KEY[rate.numerator].label
            denominator = spec.FIGURES_BY_KEY[rate.denominator].label
            if rate.difference:
                numerator = _("%(figure)s minus a year earlier", figure=numerator)
            values = [
                str(rate.label),
                str(rate.definition),
                str(numerator),
                str(denominator),
                str(rate.basis),
            ]
            write_row(ws, row, 0, values, book.wrap)
            row += 1


def headline_sheet(book: Book, user, period: Period, filters: Filters) -> None:
    """The headline figures of the period and a year earlier, each rate with its numerator and denominator."""
    ws = book.sheet(_("Headline figures"))
    headers = [
        _("Area"),
        _("Figure"),
        period.label(),
        period.previous_year().label(),
        _("Numerator"),
        _("Denominator"),
        _("Not counted (no computable deadline)"),
    ]
    write_row(ws, 0, 0, headers, book.header)
    ws.set_column(0, 0, 14)
    ws.set_column(1, 1, 36)
    ws.set_column(2, 6, 14)
    row = 1
    sections = []
    if has_permission(user, Permission.VIEW_MEDIATION):
        sections.append(
            (
                med,
                _("People's mediation"),
                queries.mediation_totals(user, period, filters),
                queries.mediation_totals(user, period.previous_year(), filters),
            )
        )
    if has_permission(user, Permission.VIEW_RECONSIDERATION):
        sections.append(
            (
                rec,
                _("Administrative reconsideration"),
                queries.reconsideration_totals(user, period, filters),
                queries.reconsideration_totals(user, period.previous_year(), filters),
            )
        )
        sections.append(
            (
                lit,
                _("Administrative litigation (行政应诉)"),
                queries.litigation_totals(user, period, filters),
                queries.litigation_totals(user, period.previous_year(), filters),
            )
        )
    for spec, title, counts, previous in sections:
        for figure in spec.FIGURES:
            write_row(
                ws, row, 0, [title, str(figure.label), counts.values[figure.key], previous.values[figure.key]]
            )
            row += 1
        for rate in spec.RATES:
            now, before = counts.ratio(rate.key), previous.ratio(rate.key)
            write_cell(ws, row, 0, title)
            write_cell(ws, row, 1, str(rate.label))
            for col, ratio in ((2, now), (3, before)):
                book.write_rate(ws, row, col, ratio.rate)
            write_cell(ws, row, 4, now.numerator)
            write_cell(ws, row, 5, now.denominator)
            if rate.unmeasured:
                write_cell(ws, row, 6, counts.values[rate.unmeasured])
            row += 1


def breakdown_sheets(book: Book, user, period: Period, filters: Filters) -> None:
    """One sheet per breakdown (by month, dispute type, committee, mediator, … agency, category of act)."""
    grain = Grain.MONTH if period.days <= 400 else Grain.YEAR
    name_headers = (_("Name"), _("Code"))
    if has_permission(user, Permission.VIEW_MEDIATION):
        rows = queries.mediation_series(user, period, grain, filters)
        ws = book.sheet(_("Mediation by period"))
        book.counts_table(ws, 0, (_("Period"), _("Key")), rows, med)
        for by in MEDIATION_BREAKDOWNS:
            ws = book.sheet(_("Mediation by %(dimension)s", dimension=med.DIMENSIONS[by].label))
            rows = sorted(
                queries.mediation_breakdown(user, period, by, filters), key=lambda r: -r.counts.registered
            )
            book.counts_table(ws, 0, name_headers, rows, med)
    if has_permission(user, Permission.VIEW_RECONSIDERATION):
        rows = queries.reconsideration_series(user, period, grain, filters)
        ws = book.sheet(_("Reconsideration by period"))
        book.counts_table(ws, 0, (_("Period"), _("Key")), rows, rec)
        for by in RECONSIDERATION_BREAKDOWNS:
            ws = book.sheet(_("Reconsideration by %(dimension)s", dimension=rec.DIMENSIONS[by].label))
            rows = sorted(
                queries.reconsideration_breakdown(user, period, by, filters), key=lambda r: -r.counts.received
            )
            book.counts_table(ws, 0, name_headers, rows, rec)
        for by in lit.DIMENSIONS:
            ws = book.sheet(_("Litigation by %(dimension)s", dimension=lit.DIMENSIONS[by].label))
            rows = sorted(
                queries.litigation_breakdown(user, period, by, filters), key=lambda r: -r.counts.filed
            )
            book.counts_table(ws, 0, name_headers, rows, lit)
        ws = book.sheet(_("The 约谈 list"))
        write_row(ws, 0, 0, [_("Defending agency"), _("Code"), _("judgments against it"), _("Court case number")],
                  book.header)  # fmt: skip
        for i, (row, cases) in enumerate(queries.interview_cases(user, period, filters), start=1):
            write_row(
                ws,
                i,
                0,
                [row.name or "", row.code or "", row.counts.lost, "、".join(c.court_case_no for c in cases)],
            )


def organisations_sheet(book: Book, user, period: Period, filters: Filters) -> None:
    """The organisation counts as of the period's last day."""
    if not has_permission(user, Permission.VIEW_ORGS):
        return
    counts = queries.organisations(user, period.end, filters)
    ws = book.sheet(_("Organisation counts"))
    ws.set_column(0, 0, 36)
    write_row(ws, 0, 0, [_("Figure"), _("As of %(day)s", day=period.end.isoformat())], book.header)
    values = [
        (_("Mediation associations"), counts.associations),
        (_("Mediation committees"), counts.committees),
        (_("of which sector / professional"), counts.sector_committees),
        (_("People's mediators"), counts.mediators),
        (_("of which full-time"), counts.full_time_mediators),
        (_("Expert pool"), counts.experts),
    ]
    for i, (label, value) in enumerate(values, start=1):
        write_cell(ws, i, 0, label)
        write_cell(ws, i, 1, value)


def dashboard_workbook(user, period: Period, filters: Filters) -> BytesIO:
    """Every table of the dashboard, per committee and per mediator, with the definitions sheet."""
    with force_locale("zh"):
        book = Book()
        definitions_sheet(book, user, period, filters)
        headline_sheet(book, user, period, filters)
        breakdown_sheets(book, user, period, filters)
        organisations_sheet(book, user, period, filters)
        return book.close()


def report_workbook(user, year: int) -> BytesIO:
    """The annual report's figures and tables as a workbook."""
    period = Period.year(year)
    with force_locale("zh"):
        book = Book()
        definitions_sheet(
            book, user, period, Filters(), _("Figures of the annual report %(year)s.", year=year)
        )
        headline_sheet(book, user, period, Filters())
        breakdown_sheets(book, user, period, Filters())
        organisations_sheet(book, user, period, Filters())
        return book.close()


def report_document(user, year: int, organisation_urls: dict | None = None) -> BytesIO:
    """The annual report as a Word document (python-docx): the same paragraphs as the page."""
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    from casebook.stats.report import annual_report
    from casebook.stats.report_text import paragraphs, title

    with force_locale("zh"):
        report = annual_report(user, year, organisation_urls)
        document = Document()
        style = document.styles["Normal"]
        style.font.name = "SimSun"
        style.font.size = Pt(12)
        style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
        document.add_heading(title(report), level=1)
        document.add_paragraph(
            _("Computed from the case registers on %(day)s.", day=report.computed_on.isoformat())
        )
        for heading, texts in paragraphs(report, html=False):
            document.add_heading(heading, level=2)
            for text in texts:
                paragraph = document.add_paragraph(text)
                paragraph.paragraph_format.first_line_indent = Pt(24)
        buffer = BytesIO()
        document.save(buffer)
        buffer.seek(0)
        return buffer
