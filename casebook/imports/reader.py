"""Read the first sheet of an XLSX file or a CSV file (UTF-8 with or without BOM) as a header and rows, after
the checks of `limits` (sizes, rows, columns, cell lengths): a file over a bound is refused before it is parsed,
and the rows are counted again while they stream."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from flask_babel import gettext as _
from openpyxl import load_workbook

from casebook.imports.limits import (
    Limits,
    UnreadableFile,
    check_csv_text,
    check_file_size,
    check_xlsx_archive,
    excerpt,
    too_many_rows,
)

__all__ = ["Table", "UnreadableFile", "read_table"]


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (row number as the clerk sees it, cells)
    encoding_note: str | None = None


def read_table(
    source: str | Path | IO[bytes], filename: str | None = None, limits: Limits | None = None
) -> Table:
    """Open `source` (a path or a binary stream) as CSV or XLSX by its file name, within `limits` (default:
    the app's settings)."""
    name = (
        filename or str(source if isinstance(source, str | Path) else getattr(source, "name", ""))
    ).lower()
    limits = limits or Limits.from_config()
    if name.endswith(".xlsx") or name.endswith(".xlsm"):
        return _read_xlsx(_read_bytes(source, limits), limits)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(_read_bytes(source, limits), limits)
    raise UnreadableFile(_("Upload a .xlsx or .csv file."))


def _read_bytes(source: str | Path | IO[bytes], limits: Limits) -> bytes:
    """The file's bytes, refused unread when it is over the size bound."""
    if isinstance(source, str | Path):
        check_file_size(Path(source).stat().st_size, limits)
        return Path(source).read_bytes()
    data = source.read(limits.file_bytes + 1)
    check_file_size(len(data), limits)
    return data


def _checked_row(number: int, cells: list[Any], limits: Limits) -> list[Any]:
    """The row's cells without trailing empty ones, refused past the row, column or cell-length bound."""
    if number > limits.rows + 1:
        raise too_many_rows(limits)
    while cells and cells[-1] in (None, ""):
        cells.pop()
    if len(cells) > limits.columns:
        raise UnreadableFile(
            _("Row %(row)s has more than %(limit)s columns.", row=number, limit=limits.columns)
        )
    for cell in cells:
        if isinstance(cell, str) and len(cell) > limits.cell_chars:
            raise UnreadableFile(
                _(
                    "A cell of row %(row)s holds more than %(limit)s characters: %(start)s",
                    row=number,
                    limit=limits.cell_chars,
                    start=excerpt(cell),
                )
            )
    return cells


def _checked_headers(cells: list[Any], limits: Limits) -> list[str]:
    headers = ["" if cell is None else str(cell) for cell in _checked_row(1, list(cells), limits)]
    for header in headers:
        if len(header) > limits.header_chars:
            raise UnreadableFile(
                _(
                    "A header is longer than %(limit)s characters: %(start)s",
                    limit=limits.header_chars,
                    start=excerpt(header),
                )
            )
    return headers


def _read_csv(data: bytes, limits: Limits) -> Table:
    note = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("gb18030")  # Excel on a Chinese Windows saves CSV in GBK
            note = _(
                "The file was not UTF-8; it was read as GBK (GB18030). Check the Chinese text in the preview."
            )
        except UnicodeDecodeError:
            raise UnreadableFile(
                _("The file is not UTF-8 text. Save it as 'CSV UTF-8' and try again.")
            ) from None
    del data
    check_csv_text(text, limits)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        headers = _checked_headers(next(reader), limits)
    except StopIteration:
        raise UnreadableFile(_("The file is empty.")) from None
    except csv.Error:
        raise UnreadableFile(_("The file is not a valid CSV file.")) from None

    def rows():
        try:
            for number, row in enumerate(reader, start=2):
                yield number, _checked_row(number, row, limits)
        except csv.Error as error:
            raise UnreadableFile(
                _("The CSV file is broken near row %(row)s.", row=reader.line_num)
            ) from error

    return Table(headers=headers, rows=rows(), encoding_note=note)


def _read_xlsx(data: bytes, limits: Limits) -> Table:
    stream = io.BytesIO(data)
    try:
        archive = zipfile.ZipFile(stream)
        check_xlsx_archive(archive, limits)
        workbook = load_workbook(stream, read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except UnreadableFile:
        raise
    except Exception:  # zipfile, openpyxl and XML errors of many kinds for a file that is not a workbook
        raise UnreadableFile(_("The file is not a valid Excel (.xlsx) file.")) from None
    sheet.reset_dimensions()  # never trust <dimension>: rows end where the data ends, not where it says
    iterator = sheet.iter_rows(values_only=True)
    try:
        header_row = next(iterator)
    except StopIteration:
        raise UnreadableFile(_("The first sheet is empty.")) from None
    headers = _checked_headers(list(header_row), limits)

    def rows():
        for number, row in enumerate(iterator, start=2):
            yield number, _checked_row(number, list(row), limits)
        workbook.close()

    return Table(headers=headers, rows=rows())
