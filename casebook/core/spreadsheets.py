"""Downloads of a table as CSV or XLSX: written row by row (constant memory), cells never run as formulas."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

import xlsxwriter
from flask import Response, send_file

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """Text a spreadsheet will not run as a formula: a leading = + - @ (or tab, CR) gets an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_cell(value) -> str:
    """A value as CSV text: dates in ISO form, numbers as written, text made safe."""
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal | int) and not isinstance(value, bool):
        return str(value)
    return safe_cell(value)


def csv_download(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """A UTF-8 CSV with BOM (Excel then reads the Chinese right), spooled to disk past 8 MB."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (send_file closes it)
    text = io.TextIOWrapper(spool, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])
    text.flush()
    text.detach()
    spool.seek(0)
    return send_file(spool, mimetype="text/csv", as_attachment=True, download_name=filename)


def xlsx_download(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence], sheet_name: str = "cases"
) -> Response:
    """An XLSX workbook written row by row in xlsxwriter's constant-memory mode: dates as dates, numbers as
    numbers (amounts with two decimals), text made safe."""
    target = tempfile.TemporaryFile()  # noqa: SIM115 (send_file closes it)
    workbook = xlsxwriter.Workbook(target, {"constant_memory": True, "strings_to_formulas": False})
    sheet = workbook.add_worksheet(sheet_name[:31])
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money = workbook.add_format({"num_format": "0.00"})
    for col, header in enumerate(headers):
        sheet.write_string(0, col, str(header), bold)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, max(1, len(headers) - 1), 13)
    for number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if value is None or value == "":
                continue
            if isinstance(value, date):
                sheet.write_datetime(number, col, value, day)
            elif isinstance(value, Decimal):
                sheet.write_number(number, col, float(value), money)
            elif isinstance(value, int) and not isinstance(value, bool):
                sheet.write_number(number, col, value)
            else:
                sheet.write_string(number, col, safe_cell(value))
    sheet.freeze_panes(1, 0)
    workbook.close()
    target.seek(0)
    return send_file(target, mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=filename)
