"""The case list as CSV or XLSX: streamed from one query (no query per row), cells that a spreadsheet would
run as formulas neutralised."""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from datetime import date

import xlsxwriter
from flask import Response, send_file, stream_with_context
from flask_babel import gettext as _
from sqlalchemy import Select

from casebook.core.models import today
from casebook.extensions import db
from casebook.reconsideration import codes, workflow
from casebook.reconsideration.models import ReconsiderationCase

BATCH = 500
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Text for a spreadsheet cell: a leading = + - @ tab or CR is escaped with ' so it is never a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def headers() -> list[str]:
    """The column headers in the UI language."""
    return [
        _("Case number"),
        _("Received on"),
        _("Applicants"),
        _("Respondent"),
        _("Category of the act"),
        _("Law"),
        _("Status"),
        _("Accepted on"),
        _("Deemed acceptance"),
        _("Procedure"),
        _("Extension (days)"),
        _("Decision due on"),
        _("Outcome of the review"),
        _("Closed on"),
        _("Concluded late"),
        _("Reason for lateness"),
        _("Late application"),
    ]


class _Labels:
    """The code lists' labels translated once per export (not once per cell)."""

    def __init__(self) -> None:
        self.yes = _("yes")
        self.category = {k: str(v) for k, v in codes.ACT_CATEGORY_LABELS.items()}
        self.status = {k.value: str(v) for k, v in codes.STATUS_LABELS.items()}
        self.procedure = {k: str(v) for k, v in codes.PROCEDURE_LABELS.items()}
        self.outcome = {k: str(v) for k, v in codes.OUTCOME_LABELS.items()}

    def flag(self, value: bool) -> str:
        return self.yes if value else ""


def row(case: ReconsiderationCase, as_of: date, labels: _Labels | None = None) -> list:
    """One case as a row of cells (dates stay dates for XLSX)."""
    t = labels or _Labels()
    return [
        case.case_no,
        case.received_on,
        case.applicant_names,
        case.agency.name if case.agency else "",
        t.category.get(case.act_category, case.act_category),
        case.law,
        t.status[workflow.display_status(case, as_of)],
        case.accepted_on,
        t.flag(case.is_accepted_deemed),
        t.procedure.get(case.effective_procedure, ""),
        case.extension_days or "",
        case.due_on,
        t.outcome[case.outcome] if case.outcome else "",
        case.closed_on,
        t.flag(case.is_late),
        case.late_reason or "",
        t.flag(case.is_late_application),
    ]


def _cases(query: Select) -> Iterator[ReconsiderationCase]:
    result = db.session.execute(query.execution_options(yield_per=BATCH))
    yield from result.scalars()


def _csv_lines(query: Select, as_of: date) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")  # Excel opens UTF-8 with a BOM correctly
    writer.writerow(headers())
    labels = _Labels()
    for count, case in enumerate(_cases(query), start=1):
        writer.writerow(
            [safe_cell(v.isoformat() if isinstance(v, date) else v) for v in row(case, as_of, labels)]
        )
        if count % BATCH == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def write_xlsx(query: Select, path: str, as_of: date) -> int:
    """Write the cases to an XLSX file in constant memory; returns the number of rows."""
    workbook = xlsxwriter.Workbook(path, {"constant_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet(_("Cases")[:31])
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    bold = workbook.add_format({"bold": True})
    for c, header in enumerate(headers()):
        sheet.write_string(0, c, header, bold)
    sheet.set_column(0, 0, 22)
    sheet.set_column(1, 16, 14)
    count = 0
    labels = _Labels()
    for count, case in enumerate(_cases(query), start=1):
        for c, value in enumerate(row(case, as_of, labels)):
            if isinstance(value, date):
                sheet.write_datetime(count, c, value, date_format)
            elif isinstance(value, int):
                sheet.write_number(count, c, value)
            elif value:
                sheet.write_string(count, c, safe_cell(value))
    sheet.freeze_panes(1, 0)
    workbook.close()
    return count


def export_response(query: Select, fmt: str) -> Response:
    """The download of `query`'s cases as CSV (streamed) or XLSX (built in constant memory in a temporary file)."""
    as_of = today()
    stamp = as_of.strftime("%Y%m%d")
    if fmt == "csv":
        response = Response(stream_with_context(_csv_lines(query, as_of)), mimetype="text/csv; charset=utf-8")
        response.headers["Content-Disposition"] = f'attachment; filename="reconsideration-{stamp}.csv"'
        return response
    handle, path = tempfile.mkstemp(suffix=".xlsx")
    os.close(handle)
    try:
        write_xlsx(query, path, as_of)
        with open(path, "rb") as fh:
            data = io.BytesIO(fh.read())
    finally:
        os.unlink(path)
    return send_file(
        data,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        as_attachment=True,
        download_name=f"reconsideration-{stamp}.xlsx",
    )
