"""The case list as CSV or XLSX: read in batches from one query (no query per row), written through the shared
spreadsheet downloads (core.spreadsheets)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from flask import Response
from flask_babel import gettext as _
from sqlalchemy import Select

from casebook.core import spreadsheets
from casebook.core.clock import today
from casebook.extensions import db
from casebook.reconsideration import codes, workflow
from casebook.reconsideration.models import ReconsiderationCase

BATCH = 500


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
        _("Provisional decision due date"),
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
        case.due_on_provisional,
        t.outcome[case.outcome] if case.outcome else "",
        case.closed_on,
        t.flag(case.is_late),
        case.late_reason or "",
        t.flag(case.is_late_application),
    ]


def _cases(query: Select) -> Iterator[ReconsiderationCase]:
    result = db.session.execute(query.execution_options(yield_per=BATCH))
    yield from result.scalars()


def export_response(query: Select, fmt: str) -> Response:
    """The download of `query`'s cases as CSV or XLSX, written row by row in constant memory."""
    as_of = today()
    labels = _Labels()
    rows = (row(case, as_of, labels) for case in _cases(query))
    filename = f"reconsideration-{as_of:%Y%m%d}.{fmt}"
    if fmt == "csv":
        return spreadsheets.csv_download(filename, headers(), rows)
    return spreadsheets.xlsx_download(filename, headers(), rows, sheet_name=_("Cases"))
