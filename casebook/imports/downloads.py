"""Template files with the headers of an import, for clerks to fill in."""

from __future__ import annotations

import io

from flask_babel import gettext as _

from casebook.core.spreadsheets import new_workbook, write_cell, write_csv, write_row
from casebook.imports.spec import ImportSpec


def template_csv(spec: ImportSpec) -> bytes:
    """A CSV (UTF-8 with BOM, which Excel opens correctly) with the Chinese headers and one example row."""
    out = io.StringIO()
    write_csv(out, [column.zh for column in spec.columns], [[column.example for column in spec.columns]])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def template_xlsx(spec: ImportSpec) -> bytes:
    """An XLSX with the Chinese headers (required ones bold), an example row, and a sheet explaining each column."""
    buffer = io.BytesIO()
    workbook = new_workbook(buffer, in_memory=True)
    bold = workbook.add_format({"bold": True, "bg_color": "#DCE6F1"})
    plain = workbook.add_format({"bg_color": "#F2F2F2"})
    text_format = workbook.add_format({"num_format": "@"})
    sheet = workbook.add_worksheet(str(spec.label)[:31])
    for index, column in enumerate(spec.columns):
        write_cell(sheet, 0, index, column.zh, bold if column.required else plain)
        write_cell(sheet, 1, index, column.example or "")
        sheet.set_column(index, index, max(12, len(column.zh) * 2 + 2), text_format)
    sheet.freeze_panes(1, 0)
    guide = workbook.add_worksheet(_("Columns"))
    write_row(guide, 0, 0, [_("Header"), _("Key"), _("Required"), _("Content")], bold)
    for row, column in enumerate(spec.columns, start=1):
        write_row(guide, row, 0, [column.zh, column.key, _("yes") if column.required else _("no")])
        write_cell(guide, row, 3, str(column.help or ""))
    guide.set_column(0, 1, 18)
    guide.set_column(3, 3, 70)
    workbook.close()
    return buffer.getvalue()
