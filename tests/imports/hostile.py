"""Hostile XLSX files built with zipfile, small on disk: a minimal workbook whose sheet XML (and shared strings)
the test writes row by row."""

from __future__ import annotations

import zipfile
from collections.abc import Iterable
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
TYPES = "application/vnd.openxmlformats-officedocument.spreadsheetml"


def inline(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def header_row(headers: list[str]) -> str:
    cells = "".join(inline(f"{chr(65 + i)}1", h) for i, h in enumerate(headers))
    return f'<row r="1">{cells}</row>'


def write_xlsx(
    path: Path,
    rows: Iterable[str],
    dimension: str | None = None,
    shared_strings: Iterable[str] | None = None,
    extra_members: int = 0,
) -> Path:
    """A workbook of one sheet holding `rows` (row XML); `shared_strings` chunks make xl/sharedStrings.xml."""
    shared = shared_strings is not None
    sst_type = f'<Override PartName="/xl/sharedStrings.xml" ContentType="{TYPES}.sharedStrings+xml"/>'
    sst_rel = f'<Relationship Id="rId2" Type="{DOC_RELS}/sharedStrings" Target="sharedStrings.xml"/>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            f'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            f'<Override PartName="/xl/workbook.xml" ContentType="{TYPES}.sheet.main+xml"/>'
            f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{TYPES}.worksheet+xml"/>'
            f"{sst_type if shared else ''}</Types>",
        )
        archive.writestr(
            "_rels/.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{DOC_RELS}"><sheets>'
            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" Type="{DOC_RELS}/worksheet" '
            f'Target="worksheets/sheet1.xml"/>{sst_rel if shared else ""}</Relationships>',
        )
        with archive.open("xl/worksheets/sheet1.xml", "w") as sheet:
            sheet.write(f'<worksheet xmlns="{MAIN}">'.encode())
            if dimension:
                sheet.write(f'<dimension ref="{dimension}"/>'.encode())
            sheet.write(b"<sheetData>")
            batch: list[str] = []
            for row in rows:
                batch.append(row)
                if len(batch) == 10_000:
                    sheet.write("".join(batch).encode())
                    batch.clear()
            sheet.write("".join(batch).encode())
            sheet.write(b"</sheetData></worksheet>")
        if shared:
            with archive.open("xl/sharedStrings.xml", "w") as sst:
                sst.write(f'<sst xmlns="{MAIN}" count="1" uniqueCount="1"><si><t>'.encode())
                for chunk in shared_strings:
                    sst.write(chunk.encode())
                sst.write(b"</t></si></sst>")
        for number in range(extra_members):
            archive.writestr(f"docProps/extra{number}.xml", "<x/>")
    return path
