"""Run an import: map the headers, parse and check every row, and write only if nothing is wrong.

All or nothing: the runner collects every error of every row first; the area writes rows only when there
is none, inside the session's transaction, and any error while writing (or a dry run) rolls the session back. The runner
never commits: the command or the view does, once, when the report is ok and it is not a dry run.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from flask_babel import gettext as _

from casebook.core.clock import today
from casebook.extensions import db
from casebook.imports.limits import EXCERPT_CHARS, excerpt
from casebook.imports.reader import UnreadableFile, read_table
from casebook.imports.spec import Column, ImportContext, ImportSpec, RowError, RowErrors

MAX_ERRORS = 1000  # beyond this many, the report says how many more there are
MAX_MESSAGE_CHARS = 300  # a message quoting a cell quotes an excerpt of it; none is longer than this


@dataclass(frozen=True)
class ReportedError:
    row: int | None
    column: str | None  # the header as written in the file (or the Chinese name)
    message: str


@dataclass
class ImportReport:
    kind: str
    total_rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[ReportedError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    more_errors: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors

    def add_error(self, row: int | None, column: str | None, message: str) -> None:
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(ReportedError(row, column, excerpt(message, MAX_MESSAGE_CHARS)))
        else:
            self.more_errors += 1


def normalise_header(value: Any) -> str:
    """Header text without spaces, full-width forms, a required mark or a BOM, lower-cased."""
    text = unicodedata.normalize("NFKC", str(value or "")).replace("\ufeff", "")
    return "".join(text.split()).rstrip("*").lower()


def map_headers(spec: ImportSpec, headers: list[str], report: ImportReport) -> dict[int, Column] | None:
    """Which column of the file holds which field; missing required columns are errors."""
    names = {}
    for column in spec.columns:
        names[normalise_header(column.key)] = column
        names[normalise_header(column.zh)] = column
    mapping: dict[int, Column] = {}
    seen: dict[str, str] = {}
    for index, header in enumerate(headers):
        key = normalise_header(header)
        if not key:
            continue
        column = names.get(key)
        if column is None:
            report.warnings.append(_("Unknown column %(name)s was ignored.", name=header))
            continue
        if column.key in seen:
            report.add_error(1, header, _("The column %(name)s appears twice.", name=header))
            continue
        seen[column.key] = header
        mapping[index] = column
    for column in spec.columns:
        if column.required and column.key not in seen:
            report.add_error(1, column.zh, _("The required column %(name)s is missing.", name=column.zh))
    return None if report.errors else mapping


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def run_import(
    spec: ImportSpec,
    source: str | IO[bytes],
    filename: str | None = None,
    *,
    user=None,
    dry_run: bool = False,
) -> ImportReport:
    """Check every row of the file and, if all are right, write them (the caller commits)."""
    report = ImportReport(kind=spec.kind, dry_run=dry_run)
    try:
        table = read_table(source, filename)
        if table.encoding_note:
            report.warnings.append(table.encoding_note)
        mapping = map_headers(spec, table.headers, report)
        if mapping is None:
            return report
        ctx = ImportContext(user=user, dry_run=dry_run, today=today())
        if spec.prepare:
            spec.prepare(ctx)
        parsed = _parse_rows(spec, table, mapping, ctx, report)
        for row, message in ctx.flags:
            report.warnings.append(_("Row %(row)s: %(message)s", row=row, message=message))
    except UnreadableFile as error:
        report.add_error(None, None, str(error))
        return report
    if not report.ok:
        return report
    _write_rows(spec, parsed, ctx, report)
    return report


def _parse_rows(spec, table, mapping, ctx, report) -> list[tuple[int, dict[str, Any]]]:
    """Parse every row's cells, let the area load what the rows name (`prefetch`), then check each row."""
    headers = {column.key: table.headers[index] for index, column in mapping.items()}
    rows = list(_parse_cells(spec, table, mapping, ctx, report, headers))
    if spec.prefetch:
        spec.prefetch([values for _number, values in rows], ctx)
    parsed: list[tuple[int, dict[str, Any]]] = []
    keys_seen: dict[Any, int] = {}
    for number, values in rows:
        ctx.row = number
        key = values.get(spec.key)
        if key not in (None, ""):
            if key in keys_seen:
                report.add_error(
                    number,
                    headers.get(spec.key, spec.key),
                    _("%(key)s appears again (first in row %(row)s).", key=key, row=keys_seen[key]),
                )
                continue
            keys_seen[key] = number
        if spec.check_row:
            try:
                spec.check_row(values, ctx)
            except (RowError, RowErrors) as error:
                for item in error.errors if isinstance(error, RowErrors) else [error]:
                    report.add_error(number, _header_for(spec, headers, item.column), item.message)
                continue
        parsed.append((number, values))
    report.errors.sort(key=lambda error: error.row or 0)  # in the file's order, whichever pass found them
    return parsed


def _parse_cells(spec, table, mapping, ctx, report, headers) -> Iterator[tuple[int, dict[str, Any]]]:
    """Each non-blank row whose cells all parse, as values by column key; the other rows' errors reported."""
    for number, cells in table.rows:
        if all(_is_blank(cell) for cell in cells):
            continue
        report.total_rows += 1
        ctx.row = number
        values: dict[str, Any] = {column.key: None for column in spec.columns}
        row_ok = True
        for index, column in mapping.items():
            raw = cells[index] if index < len(cells) else None
            if _is_blank(raw):
                if column.required:
                    report.add_error(number, headers[column.key], _("This column must not be empty."))
                    row_ok = False
                continue
            try:
                values[column.key] = column.parse(raw, ctx)
            except ValueError as error:
                report.add_error(number, headers[column.key], _quoting_an_excerpt(str(error), raw))
                row_ok = False
        if row_ok:
            yield number, values


def _quoting_an_excerpt(message: str, raw: Any) -> str:
    """The message with a long cell it quotes cut to an excerpt."""
    text = str(raw)
    return message.replace(text, excerpt(text)) if len(text) > EXCERPT_CHARS else message


def _header_for(spec: ImportSpec, headers: dict[str, str], key: str | None) -> str | None:
    if key is None:
        return None
    if key in headers:
        return headers[key]
    try:
        return spec.column(key).zh
    except StopIteration:
        return key


def _write_rows(spec, parsed, ctx, report) -> None:
    """Write the rows in the session's transaction; any error (or a dry run) rolls all of them back."""
    headers = {column.key: column.zh for column in spec.columns}
    try:
        for number, values in parsed:
            ctx.row = number
            try:
                outcome = spec.apply_row(values, ctx)
            except (RowError, RowErrors) as error:
                for item in error.errors if isinstance(error, RowErrors) else [error]:
                    report.add_error(number, headers.get(item.column or "", item.column), item.message)
                continue
            if outcome == "created":
                report.created += 1
            elif outcome == "updated":
                report.updated += 1
            else:
                report.unchanged += 1
        if report.ok and spec.finish:
            spec.finish(ctx)
        db.session.flush()
    except Exception:
        db.session.rollback()
        raise
    if not report.ok or ctx.dry_run:
        db.session.rollback()
