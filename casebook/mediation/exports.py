"""Export of the filtered case list to CSV and XLSX: every matching case, read in chunks (no query per row),
written to a temporary file (xlsxwriter in constant-memory mode). The interchange columns come first, headed as
the import expects them, so an export can be imported again; cells that start with = + - @ are escaped."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterator
from datetime import date
from decimal import Decimal

import xlsxwriter
from flask import send_file
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import joinedload, selectinload

from casebook.extensions import db
from casebook.mediation import labels
from casebook.mediation.models import MediationCase, PartyRole
from casebook.mediation.queries import CaseFilters, filtered_cases

# (key as in interchange.md, Chinese header, English label when shown in English)
COLUMNS = [
    ("case_no", "案件编号", _l("Case number")),
    ("committee_code", "调委会编码", _l("Committee code")),
    ("mediators", "调解员", _l("Mediator codes")),
    ("dispute_type", "纠纷类型", _l("Dispute type")),
    ("source", "案件来源", _l("Source")),
    ("registered_on", "登记日期", _l("Registered on")),
    ("accepted_on", "受理日期", _l("Accepted on")),
    ("outcome", "调解结果", _l("Outcome")),
    ("closed_on", "结案日期", _l("Closed on")),
    ("agreement_form", "协议形式", _l("Agreement form")),
    ("extension_days", "延长天数", _l("Extension (days)")),
    ("amount", "涉及金额", _l("Amount involved (yuan)")),
    ("persons", "涉及人数", _l("People involved")),
    ("applicant", "申请人", _l("Applicant")),
    ("respondent", "被申请人", _l("Respondent")),
    ("summary", "简要案情", _l("Summary of the dispute")),
    ("committee", "调委会名称", _l("Committee")),
    ("status", "案件状态", _l("Status")),
    ("due_on", "调解期限", _l("Mediation due date")),
    ("area", "纠纷发生地", _l("Place")),
    ("referral_body", "委托移送单位", _l("Referred by")),
    ("mediator_names", "调解员姓名", _l("Mediators")),
]
CHUNK = 1000
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def escape_cell(value: str) -> str:
    """Text a spreadsheet will not run as a formula: a leading = + - @ (or tab, CR) gets an apostrophe."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def headers() -> list[str]:
    """Chinese headers in Chinese, the interchange keys in English (the import accepts both)."""
    return [zh if labels.lang() == "zh" else key for key, zh, _label in COLUMNS]


def _cases(user, filters: CaseFilters, drill=None) -> Iterator[MediationCase]:
    from casebook.stats.drilldown import apply_to_list

    query = apply_to_list(filtered_cases(user, filters), drill, user).options(
        joinedload(MediationCase.committee),
        joinedload(MediationCase.dispute_type),
        joinedload(MediationCase.area),
        selectinload(MediationCase.parties),
        selectinload(MediationCase.mediators),
    )
    yield from db.session.scalars(query.execution_options(yield_per=CHUNK))


def _values(case: MediationCase) -> list:
    names = {role: "、".join(p.name for p in case.parties if p.role == role) for role in PartyRole}
    return [
        case.case_no,
        case.committee.code,
        ";".join(m.code for m in case.mediators),
        labels.dispute_type_name(case.dispute_type),
        labels.label(labels.SOURCE_LABELS, case.source),
        case.registered_on,
        case.accepted_on,
        labels.label(labels.OUTCOME_LABELS, case.outcome),
        case.closed_on,
        labels.label(labels.AGREEMENT_FORM_LABELS, case.agreement_form),
        case.extension_days,
        case.amount,
        case.persons,
        names[PartyRole.APPLICANT],
        names[PartyRole.RESPONDENT],
        case.summary or "",
        case.committee.name,
        labels.label(labels.STATUS_LABELS, case.status),
        case.due_on,
        case.area.name if case.area else "",
        case.referral_body or "",
        "、".join(m.name for m in case.mediators),
    ]


def _filename(extension: str) -> str:
    return f"mediation-cases-{labels.today():%Y%m%d}.{extension}"


def csv_response(user, filters: CaseFilters, drill=None):
    """The filtered cases as a UTF-8 CSV with BOM (Excel opens it with the right encoding)."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (send_file closes it)
    text = io.TextIOWrapper(spool, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(headers())
    for case in _cases(user, filters, drill):
        writer.writerow([_csv_cell(v) for v in _values(case)])
    text.flush()
    text.detach()
    spool.seek(0)
    return send_file(spool, mimetype="text/csv", as_attachment=True, download_name=_filename("csv"))


def _csv_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | int):
        return str(value)
    return escape_cell(str(value))


def xlsx_response(user, filters: CaseFilters, drill=None):
    """The filtered cases as an XLSX workbook written row by row in constant memory."""
    target = tempfile.TemporaryFile()  # noqa: SIM115 (send_file closes it)
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet("cases")
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money = workbook.add_format({"num_format": "0.00"})
    for col, header in enumerate(headers()):
        sheet.write_string(0, col, header, bold)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, len(COLUMNS) - 1, 12)
    row = 0
    for case in _cases(user, filters, drill):
        row += 1
        for col, value in enumerate(_values(case)):
            if value is None or value == "":
                continue
            if isinstance(value, date):
                sheet.write_datetime(row, col, value, day)
            elif isinstance(value, Decimal):
                sheet.write_number(row, col, float(value), money)
            elif isinstance(value, int):
                sheet.write_number(row, col, value)
            else:
                sheet.write_string(row, col, escape_cell(str(value)))
    sheet.freeze_panes(1, 0)
    workbook.close()
    target.seek(0)
    return send_file(
        target,
        mimetype="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        as_attachment=True,
        download_name=_filename("xlsx"),
    )
