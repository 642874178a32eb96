"""Lists, the desk and exports: filters in the database, a fixed number of queries, safe spreadsheet cells."""

import csv
import io
from contextlib import contextmanager
from datetime import date

import openpyxl
from sqlalchemy import event

from casebook.core.spreadsheets import safe_cell
from casebook.extensions import db
from casebook.reconsideration import operations


@contextmanager
def count_queries():
    statements = []

    def before(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", before)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", before)


def _cases(make_recon_case, make_agency, n: int):
    agencies = [make_agency(), make_agency()]
    cases = []
    for i in range(n):
        case = make_recon_case(
            received_on=date(2024, 3, 1 + i % 25), agency=agencies[i % 2], applicant=f"申请人{i}"
        )
        cases.append(case)
    return cases


def test_queries_do_not_grow_with_the_rows(client, login_as, make_recon_case, make_agency):
    login_as("reconsideration")
    _cases(make_recon_case, make_agency, 3)
    counts = {}
    for url in [
        "/reconsideration/cases",
        "/reconsideration/",
        "/reconsideration/cases.csv",
        "/reconsideration/cases.xlsx",
    ]:
        with count_queries() as few:
            assert client.get(url).status_code == 200
        counts[url] = len(few)
    _cases(make_recon_case, make_agency, 20)
    for url, before in counts.items():
        with count_queries() as many:
            assert client.get(url).status_code == 200
        assert len(many) == before, url


def test_filters(client, login_as, make_recon_case, make_agency):
    login_as("bureau")
    cases = _cases(make_recon_case, make_agency, 4)
    operations.conclude(cases[0], None, date(2024, 4, 20), "revoke")
    operations.conclude(cases[1], None, date(2024, 4, 20), "uphold")
    operations.suspend(cases[2], None, date(2024, 3, 20), 6)
    db.session.commit()

    def listed(query: str) -> set[str]:
        text = client.get(f"/reconsideration/cases?{query}").get_data(as_text=True)
        return {c.case_no for c in cases if c.case_no in text}

    assert listed("outcome=correction") == {cases[0].case_no}
    assert listed("status=suspended") == {cases[2].case_no}
    assert listed(f"q={cases[3].applicant_names}") == {cases[3].case_no}
    assert listed(f"agency_id={cases[0].agency_id}") == {cases[0].case_no, cases[2].case_no}
    assert listed("received_from=2024-03-03&received_to=2024-03-04") == {cases[2].case_no, cases[3].case_no}
    assert listed("due=overdue") == {cases[3].case_no}  # as of today every open 2024 case is overdue
    assert listed("received_from=not-a-date") == {c.case_no for c in cases}  # ignored, never a 500


def test_exports_escape_formulas(client, login_as, make_recon_case, make_agency):
    login_as("reconsideration")
    make_recon_case(applicant='=HYPERLINK("http://evil")')
    body = client.get("/reconsideration/cases.csv").get_data(as_text=True)
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[1][2] == '\'=HYPERLINK("http://evil")'
    workbook = openpyxl.load_workbook(io.BytesIO(client.get("/reconsideration/cases.xlsx").data))
    sheet = workbook.active
    assert sheet.cell(2, 3).value == '\'=HYPERLINK("http://evil")' and sheet.cell(2, 3).data_type == "s"
    assert sheet.cell(2, 2).value.date() == date(2024, 9, 27)
    assert (
        safe_cell("+1") == "'+1"
        and safe_cell("-") == "'-"
        and safe_cell("@x") == "'@x"
        and safe_cell("a=b") == "a=b"
    )


def test_desk_groups(client, login_as, make_recon_case, make_agency):
    login_as("reconsideration")
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.suspend(case, None, date(2024, 10, 15), 1)
    db.session.commit()
    page = client.get("/reconsideration/").get_data(as_text=True)
    assert case.case_no in page
    assert "已满 60 日" in page  # ground (1) for far more than 60 days: ARL23 art 41(5)
