"""Every spreadsheet casebook writes goes through here: downloads of a table as CSV or XLSX written row by row
(constant memory), and the cell writer the statistics workbooks and import templates use. No text casebook
writes ever becomes a formula (OWASP "CSV injection"): text starting with = + - @, a tab or a CR gets an
apostrophe, is written as a string (never `worksheet.write`, which turns "=…" into a formula), and numbers and
dates stay numbers and dates."""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import IO, Any

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
    if isinstance(value, Decimal | int | float) and not isinstance(value, bool):
        return str(value)
    return safe_cell(value)


def write_csv(text: IO[str], headers: Sequence[str], rows: Iterable[Sequence]) -> None:
    """Write a header and rows as CSV, every cell through `csv_cell`."""
    writer = csv.writer(text)
    writer.writerow([safe_cell(header) for header in headers])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])


def csv_download(filename: str, headers: Sequence[str], rows: Iterable[Sequence]) -> Response:
    """A UTF-8 CSV with BOM (Excel then reads the Chinese right), spooled to disk past 8 MB."""
    spool = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (send_file closes it)
    text = io.TextIOWrapper(spool, encoding="utf-8-sig", newline="")
    write_csv(text, headers, rows)
    text.flush()
    text.detach()
    spool.seek(0)
    return send_file(spool, mimetype="text/csv", as_attachment=True, download_name=filename)


def new_workbook(target: Any, **options: Any) -> xlsxwriter.Workbook:
    """An xlsxwriter workbook that never turns a string into a formula or a link on its own."""
    return xlsxwriter.Workbook(target, {**options, "strings_to_formulas": False, "strings_to_urls": False})


def write_cell(sheet, row: int, col: int, value: Any, cell_format=None, *, day=None, money=None) -> None:
    """Write one cell: nothing for None or "", dates as dates (`day` format), Decimal amounts and numbers as
    numbers (`money` format for amounts), anything else as a string made safe."""
    if value is None or value == "":
        if cell_format is not None:
            sheet.write_blank(row, col, None, cell_format)
    elif isinstance(value, date):
        sheet.write_datetime(row, col, value, day or cell_format)
    elif isinstance(value, Decimal):
        sheet.write_number(row, col, float(value), money or cell_format)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        sheet.write_number(row, col, value, cell_format)
    else:
        sheet.write_string(row, col, safe_cell(value), cell_format)


def write_row(sheet, row: int, col: int, values: Iterable[Any], cell_format=None) -> None:
    """Write values side by side from (row, col), each through `write_cell`."""
    for offset, value in enumerate(values):
        write_cell(sheet, row, col + offset, value, cell_format)


def xlsx_download(
    filename: str, headers: Sequence[str], rows: Iterable[Sequence], sheet_name: str = "cases"
) -> Response:
    """An XLSX workbook written row by row in xlsxwriter's constant-memory mode: dates as dates, numbers as
    numbers (amounts with two decimals), text made safe."""
    target = tempfile.TemporaryFile()  # noqa: SIM115 (send_file closes it)
    workbook = new_workbook(target, constant_memory=True)
    sheet = workbook.add_worksheet(sheet_name[:31])
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    money = workbook.add_format({"num_format": "0.00"})
    write_row(sheet, 0, 0, [str(header) for header in headers], bold)
    sheet.set_column(0, 0, 24)
    sheet.set_column(1, max(1, len(headers) - 1), 13)
    for number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            write_cell(sheet, number, col, value, day=day, money=money)
    sheet.freeze_panes(1, 0)
    workbook.close()
    target.seek(0)
    return send_file(target, mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=filename)
