"""No cell of any workbook or CSV casebook writes is a formula unless casebook made it one (OWASP CSV injection):
a formula planted in every name field stays text in every export, template and report."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from casebook.core import spreadsheets
from casebook.extensions import db
from casebook.imports import all_specs
from casebook.mediation.models import MediationParty
from casebook.orgs.models import DisputeType

EVIL = '=HYPERLINK("http://x","y")'
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def planted(make_area, make_committee, make_mediator, make_agency, make_mediation_case, make_recon_case):
    """A formula in every name a workbook shows: area, committee, mediator, dispute type, parties, agency."""
    area = make_area(name=EVIL + "区")
    committee = make_committee(name=EVIL + "委", short_name="+SUM(1)", area_id=area.id)
    mediator = make_mediator(committees=[committee], name="@" + EVIL)
    dispute_type = db.session.scalars(select(DisputeType).order_by(DisputeType.id)).first()
    dispute_type.name_zh, dispute_type.name_en = "-" + EVIL, EVIL
    db.session.commit()
    case = make_mediation_case(
        committee=committee,
        dispute_type_id=dispute_type.id,
        registered_on=date(2024, 3, 1),
        area_id=area.id,
        referral_body="\t" + EVIL,
        summary="\r" + EVIL,
        source="referral",
    )
    case.mediators.append(mediator)
    for position, role in enumerate(("applicant", "respondent")):
        db.session.add(MediationParty(case_id=case.id, role=role, name=EVIL, position=position))
    db.session.commit()
    make_recon_case(applicant=EVIL, agency=make_agency(name=EVIL + "局"), received_on=date(2024, 9, 27))
    return committee


def _download(client, url: str) -> bytes:
    with client.get(url) as response:
        assert response.status_code == 200, url
        return response.get_data()


def _formula_cells(data: bytes) -> tuple[list, list]:
    """Cells openpyxl reads as formulas, and text cells that would run as one if typed in again."""
    book = load_workbook(io.BytesIO(data))
    formulas, unsafe = [], []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    formulas.append((sheet.title, cell.coordinate, cell.value))
                elif isinstance(cell.value, str) and cell.value.startswith(DANGEROUS):
                    unsafe.append((sheet.title, cell.coordinate, cell.value))
    return formulas, unsafe


def _csv_cells(data: bytes) -> list[str]:
    return [cell for row in csv.reader(io.StringIO(data.decode("utf-8-sig"))) for cell in row]


def test_every_workbook_casebook_writes_keeps_planted_formulas_as_text(client, login_as, planted):
    login_as("admin")
    workbooks = {
        "/stats/export.xlsx?period=year&year=2024": None,
        "/stats/report/2024.xlsx": None,
        "/mediation/export.xlsx": None,
        "/reconsideration/cases.xlsx": None,
    }
    for kind in all_specs():
        workbooks[f"/imports/{kind}/template.xlsx"] = None
    for url in workbooks:
        data = _download(client, url)
        formulas, unsafe = _formula_cells(data)
        assert formulas == [] and unsafe == [], url
        if not url.startswith("/imports/"):
            texts = [
                str(c.value)
                for s in load_workbook(io.BytesIO(data)).worksheets
                for row in s.iter_rows()
                for c in row
            ]
            assert any("HYPERLINK" in text for text in texts), url  # the planted name was written, as text


def test_every_csv_casebook_writes_starts_no_cell_with_a_formula_character(client, login_as, planted):
    login_as("admin")
    urls = ["/mediation/export.csv", "/reconsideration/cases.csv"]
    urls += [f"/imports/{kind}/template.csv" for kind in all_specs()]
    for url in urls:
        cells = _csv_cells(_download(client, url))
        assert not [cell for cell in cells if cell.startswith(DANGEROUS)], url
    cells = _csv_cells(_download(client, "/mediation/export.csv"))
    assert "'" + EVIL in cells and "'\t" + EVIL in cells  # escaped, not dropped


def test_numbers_and_dates_stay_numbers(tmp_path):
    buffer = io.BytesIO()
    book = spreadsheets.new_workbook(buffer, in_memory=True)
    sheet = book.add_worksheet()
    spreadsheets.write_row(sheet, 0, 0, [-5, 2.5, None, "-5", "=1+1", None, "普通"])
    spreadsheets.write_cell(sheet, 0, 2, date(2024, 3, 1), day=book.add_format({"num_format": "yyyy-mm-dd"}))
    book.close()
    row = next(load_workbook(io.BytesIO(buffer.getvalue())).active.iter_rows(values_only=True))
    assert row[0] == -5 and row[1] == 2.5 and row[2].date() == date(2024, 3, 1)
    assert row[3:5] == ("'-5", "'=1+1") and row[6] == "普通"
    assert spreadsheets.csv_cell(-5) == "-5" and spreadsheets.csv_cell("-5") == "'-5"


def test_only_the_shared_writer_creates_workbooks_and_csv_writers():
    """Every xlsxwriter workbook and csv writer is made in core/spreadsheets.py (the one writer)."""
    root = Path(spreadsheets.__file__).parent.parent
    offenders = []
    for path in root.rglob("*.py"):
        if path.name == "spreadsheets.py" and path.parent.name == "core":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"xlsxwriter\.Workbook\(|csv\.(writer|DictWriter)\(|openpyxl\.Workbook\(", text):
            offenders.append(str(path.relative_to(root)))
    assert offenders == []
