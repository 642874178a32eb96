"""Read the first sheet of an XLSX file or a CSV file (UTF-8 with or without BOM) as a header and rows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from flask_babel import gettext as _


class UnreadableFile(ValueError):
    """The file is not a CSV or XLSX file casebook can read."""


@dataclass
class Table:
    headers: list[str]
    rows: Iterator[tuple[int, list[Any]]]  # (row number as the clerk sees it, cells)
    encoding_note: str | None = None


def read_table(source: str | Path | IO[bytes], filename: str | None = None) -> Table:
    """Open `source` (a path or a binary stream) as CSV or XLSX by its file name."""
    name = (
        filename or str(source if isinstance(source, str | Path) else getattr(source, "name", ""))
    ).lower()
    if name.endswith(".xlsx") or name.endswith(".xlsm"):
        return _read_xlsx(source)
    if name.endswith(".csv") or name.endswith(".txt"):
        return _read_csv(source)
    raise UnreadableFile(_("Upload a .xlsx or .csv file."))


def _read_bytes(source: str | Path | IO[bytes]) -> bytes:
    if isinstance(source, str | Path):
        return Path(source).read_bytes()
    return source.read()


def _read_csv(source) -> Table:
    data = _read_bytes(source)
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
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        headers = next(reader)
    except StopIteration:
        raise UnreadableFile(_("The file is empty.")) from None
    except csv.Error:
        raise UnreadableFile(_("The file is not a valid CSV file.")) from None

    def rows():
        try:
            for number, row in enumerate(reader, start=2):
                yield number, list(row)
        except csv.Error as error:
            raise UnreadableFile(
                _("The CSV file is broken near row %(row)s.", row=reader.line_num)
            ) from error

    return Table(headers=[h for h in headers], rows=rows(), encoding_note=note)


def _read_xlsx(source) -> Table:
    from openpyxl import load_workbook

    stream = io.BytesIO(_read_bytes(source))
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (zipfile, KeyError, InvalidFileException) for a bad file
        raise UnreadableFile(_("The file is not a valid Excel (.xlsx) file.")) from None
    sheet = workbook.worksheets[0]
    iterator = sheet.iter_rows(values_only=True)
    try:
        header_row = next(iterator)
    except StopIteration:
        raise UnreadableFile(_("The first sheet is empty.")) from None
    headers = ["" if cell is None else str(cell) for cell in header_row]

    def rows():
        for number, row in enumerate(iterator, start=2):
            yield number, list(row)
        workbook.close()

    return Table(headers=headers, rows=rows())
