"""Build CSV and XLSX files for import tests."""

from __future__ import annotations

import csv
from pathlib import Path

import xlsxwriter


def make_csv(
    tmp_path: Path, headers: list[str], rows: list[list], name: str = "data.csv", bom: bool = True
) -> Path:
    """A UTF-8 CSV (with a BOM, as Excel writes it, unless bom=False)."""
    path = tmp_path / name
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(headers)
        writer.writerows(rows)
    return path


def make_xlsx(tmp_path: Path, headers: list[str], rows: list[list], name: str = "data.xlsx") -> Path:
    """An XLSX whose first sheet holds the headers and rows (dates stay date cells)."""
    path = tmp_path / name
    workbook = xlsxwriter.Workbook(str(path))
    sheet = workbook.add_worksheet()
    date_format = workbook.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, headers)
    for r, row in enumerate(rows, start=1):
        for c, value in enumerate(row):
            if hasattr(value, "year") and hasattr(value, "month"):
                sheet.write_datetime(r, c, value, date_format)
            elif value is None:
                continue
            else:
                sheet.write(r, c, value)
    workbook.close()
    return path
