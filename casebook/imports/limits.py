"""Checks of a spreadsheet from outside before it is parsed, so that a hostile file costs little.

Each bound is a setting (README, configuration; `CASEBOOK_IMPORT_MAX_*`) whose default admits a real register
of 200,000 rows. An XLSX file is a zip: its central directory gives the number of members, their sizes and
compression ratios (zipfile never inflates a member past the size it declares), and a streaming pass over its
XML counts the first sheet's rows and finds any text too long for a cell, stopping at the first bound passed, in
constant memory. Nothing the file says about itself is trusted: openpyxl's reading of the `<dimension>` element
is switched off (`reset_dimensions`) and the rows are counted, never read from it. A file over a bound is
refused with the bound named.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _

MB = 1024 * 1024
CHUNK = 64 * 1024
# Members smaller than this are not judged by their ratio (a few kB of XML may well shrink 100 times).
RATIO_GRACE_BYTES = 1 * MB
EXCERPT_CHARS = 40  # of a cell quoted in a message
# A row's number in sheet XML (Excel writes rows in order, each with r="…"): the last one of a chunk is read.
_ROW_NUMBER = re.compile(rb'row\b[^>]*?\br="(\d+)"')


class UnreadableFile(ValueError):
    """The file is not a CSV or XLSX file casebook can read, or it passes a bound."""


@dataclass(frozen=True)
class Limits:
    """The bounds of a file from outside (defaults in config.py)."""

    file_bytes: int
    uncompressed_bytes: int
    compression_ratio: int
    zip_members: int
    rows: int
    columns: int
    cell_chars: int
    header_chars: int
    line_chars: int

    @classmethod
    def from_config(cls) -> Limits:
        """The bounds configured for this app."""
        config = current_app.config
        return cls(
            file_bytes=config["IMPORT_MAX_FILE_MB"] * MB,
            uncompressed_bytes=config["IMPORT_MAX_UNCOMPRESSED_MB"] * MB,
            compression_ratio=config["IMPORT_MAX_COMPRESSION_RATIO"],
            zip_members=config["IMPORT_MAX_ZIP_MEMBERS"],
            rows=config["IMPORT_MAX_ROWS"],
            columns=config["IMPORT_MAX_COLUMNS"],
            cell_chars=config["IMPORT_MAX_CELL_CHARS"],
            header_chars=config["IMPORT_MAX_HEADER_CHARS"],
            line_chars=config["IMPORT_MAX_LINE_CHARS"],
        )


def excerpt(value, limit: int = EXCERPT_CHARS) -> str:
    """At most `limit` characters of a cell, for a message (the page never echoes a whole long cell)."""
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[:limit] + "…"


def check_file_size(size: int, limits: Limits) -> None:
    """Refuse a file larger than the bound."""
    if size > limits.file_bytes:
        raise UnreadableFile(
            _(
                "The file is larger than %(limit)s MB; split it into smaller files.",
                limit=limits.file_bytes // MB,
            )
        )


def check_xlsx_archive(archive: zipfile.ZipFile, limits: Limits) -> None:
    """The zip's members, their total uncompressed size and their compression ratios (no member is inflated),
    then one streaming pass over its XML that counts the rows of every sheet and refuses text longer than a
    cell may be, stopping at the first bound passed."""
    members = archive.infolist()
    if len(members) > limits.zip_members:
        raise UnreadableFile(
            _("The Excel file has more than %(limit)s parts; it is not a register.", limit=limits.zip_members)
        )
    if sum(member.file_size for member in members) > limits.uncompressed_bytes:
        raise UnreadableFile(
            _(
                "The Excel file unpacks to more than %(limit)s MB; split it into smaller files.",
                limit=limits.uncompressed_bytes // MB,
            )
        )
    for member in members:
        if member.file_size > RATIO_GRACE_BYTES and member.file_size > limits.compression_ratio * max(
            member.compress_size, 1
        ):
            raise UnreadableFile(
                _(
                    "The Excel file is compressed more than %(limit)s times; it is not a register.",
                    limit=limits.compression_ratio,
                )
            )
    rows = 0
    for member in members:
        if member.filename.endswith((".xml", ".rels")):
            for chunk in _xml_chunks(archive, member.filename, limits):
                rows += _count_rows(chunk, limits)
                if rows > limits.rows + 1:
                    raise too_many_rows(limits)


def _count_rows(chunk: bytes, limits: Limits) -> int:
    """The row elements of a chunk of sheet XML (any sheet: openpyxl reads each one's size when it opens the
    file); refused when the last of them is numbered past the bound."""
    start = max(chunk.rfind(b"<row "), chunk.rfind(b":row "))
    last = _ROW_NUMBER.match(chunk, start + 1) if start >= 0 else None
    if last is not None and int(last.group(1)) > limits.rows + 1:
        raise too_many_rows(limits)
    return chunk.count(b"<row ") + chunk.count(b"<row>") + chunk.count(b":row ")


def too_many_rows(limits: Limits) -> UnreadableFile:
    """The refusal of a file with more rows than the bound."""
    return UnreadableFile(
        _("The file has more than %(limit)s rows; split it into smaller files.", limit=limits.rows)
    )


def _xml_chunks(archive: zipfile.ZipFile, name: str, limits: Limits) -> Iterator[bytes]:
    """The member inflated chunk by chunk; a stretch of text with no tag longer than two chunks (a cell far
    longer than a cell may be, e.g. a 100 MB shared string) is refused as soon as it is seen."""
    run = 0  # bytes since the last "<" of the chunks before
    longest = max(2 * CHUNK, 4 * limits.cell_chars + CHUNK)  # a character takes up to 4 bytes in UTF-8
    with archive.open(name) as stream:
        while chunk := stream.read(CHUNK):
            first = chunk.find(b"<")
            if first < 0:
                run += len(chunk)
                ending = run
            else:
                ending = run + first
                run = len(chunk) - 1 - chunk.rfind(b"<")
            if ending > longest:
                raise UnreadableFile(
                    _("A cell holds more than %(limit)s characters.", limit=limits.cell_chars)
                )
            yield chunk


def check_csv_text(text: str, limits: Limits) -> None:
    """Refuse a CSV with more rows than the bound (counted by the csv module when there are more lines: a quoted
    cell may hold new lines) or a line longer than the bound."""
    if text.count("\n") > limits.rows + 1:
        records = csv.reader(io.StringIO(text, newline=""))
        try:
            count = sum(1 for _row in itertools.islice(records, limits.rows + 2))
        except csv.Error:  # the reader names the broken row
            count = 0
        if count > limits.rows + 1:
            raise too_many_rows(limits)
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if len(line) > limits.line_chars:
            raise UnreadableFile(
                _("Line %(line)s is longer than %(limit)s characters.", line=number, limit=limits.line_chars)
            )
