"""Export of the filtered list: CSV and XLSX, formula cells escaped, a fixed number of queries."""

from __future__ import annotations

import csv
import io
from contextlib import contextmanager

import openpyxl
from sqlalchemy import event

from casebook.extensions import db
from tests.conftest import login


@contextmanager
def counted_queries(app):
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_csv_and_xlsx_with_escaped_formulas(client, team, register):
    register(summary='=HYPERLINK("http://evil")')
    register(summary="@SUM(A1)", parties=[])
    login(client, team.mediator.username)
    with client.get("/mediation/export.csv?sort=case_no") as response:
        assert response.headers["Content-Type"].startswith("text/csv")
        text = response.get_data().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["案件编号", "调委会编码", "调解员"]
    summary = rows[0].index("简要案情")
    assert rows[1][summary] == '\'=HYPERLINK("http://evil")' and rows[2][summary] == "'@SUM(A1)"
    assert rows[1][rows[0].index("申请人")] == "张三"
    with client.get("/mediation/export.xlsx?sort=case_no") as response:
        sheet = openpyxl.load_workbook(io.BytesIO(response.get_data())).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][0] == "案件编号" and values[1][0] == "城关调〔2024〕0001号"
    assert values[1][summary] == '\'=HYPERLINK("http://evil")'
    assert values[1][values[0].index("登记日期")].date().isoformat() == "2024-03-01"


def test_export_follows_the_filters(client, team, register):
    register(summary="宅基地")
    register(summary="噪音")
    login(client, team.mediator.username)
    with client.get("/mediation/export.csv?q=噪音") as response:
        lines = response.get_data().decode("utf-8-sig").strip().splitlines()
    assert len(lines) == 2 and "噪音" in lines[1]


def test_no_query_per_row(app, client, team, register):
    login(client, team.mediator.username)
    register()
    with counted_queries(app) as few, client.get("/mediation/export.csv") as response:
        assert response.status_code == 200
    for _ in range(15):
        register()
    with counted_queries(app) as many, client.get("/mediation/export.csv") as response:
        assert response.get_data().decode("utf-8-sig").count("城关调") == 16
    assert len(many) == len(few), (len(few), len(many))
    with counted_queries(app) as listed:
        assert client.get("/mediation/").status_code == 200
    with counted_queries(app) as mine:
        assert client.get("/mediation/mine").status_code == 200
    assert len(listed) < 20 and len(mine) < 20
