"""The statistics pages: dashboard, breakdown tables, report, exports; scoping, bad input, links."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from casebook.core.templating import format_rate, shown_rate
from casebook.stats import queries
from casebook.stats.periods import Period
from tests.stats.data import expected_mediation

YEAR = {"period": "year", "year": "2023"}


def test_the_bureau_lands_on_the_dashboard(client, login_as, district):
    login_as("bureau")
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"].endswith("/stats/")


def test_dashboard_shows_each_figure_with_its_counts_basis_and_a_year_earlier(client, login_as, district):
    user = login_as("bureau")
    html = client.get("/stats/", query_string=YEAR).get_data(as_text=True)
    totals = queries.mediation_totals(user, Period.year(2023))
    before = queries.mediation_totals(user, Period.year(2022))
    card = re.search(r'id="fig-resolution_rate".*?</div>', html, re.S).group(0)
    rate = totals.resolution_rate.rate
    assert format_rate(rate) in card
    assert f">{totals.succeeded}<" in card and f">{totals.registered}<" in card
    assert format_rate(before.resolution_rate.rate) in card  # a year earlier
    assert "stats-picker" in html and 'data-chart="chart-mediation-monthly-data"' in html
    assert 'type="application/json" id="chart-mediation-monthly-data"' in html
    assert "<script>" not in html  # no inline script (CSP)


def test_a_rate_without_denominator_shows_a_dash(client, login_as, district):
    login_as("bureau")
    html = client.get("/stats/", query_string={"period": "year", "year": "2011"}).get_data(as_text=True)
    card = re.search(r'id="fig-resolution_rate".*?</div>', html, re.S).group(0)
    assert "—" in card and "0.0%" not in card and "100.0%" not in card


@pytest.mark.parametrize(
    "args",
    [
        {"period": "quarter", "year": "2023", "quarter": "2"},
        {"period": "month", "year": "2023", "month": "11"},
        {"period": "range", "start": "2022-12-15", "end": "2024-02-29"},
    ],
)
def test_other_periods(client, login_as, district, args):
    login_as("bureau")
    assert client.get("/stats/", query_string=args).status_code == 200


@pytest.mark.parametrize(
    "args, message",
    [
        ({"period": "range", "start": "2023-05-01", "end": "2023-01-01"}, "结束日期早于开始日期"),
        ({"period": "range", "start": "not a day", "end": "2023-01-01"}, "日期无效"),
        ({"period": "range", "start": "2023-01-01"}, "请填写"),
        ({"committee": "NOPE"}, "NOPE"),
        ({"year": "abc"}, ""),
    ],
)
def test_bad_input_is_explained_beside_the_field(client, login_as, district, args, message):
    login_as("bureau")
    response = client.get("/stats/", query_string=args)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_a_director_sees_their_committee_only(client, login_as, district):
    director = login_as("director", mediator=district.mediators[3])  # directs C2
    html = client.get("/stats/", query_string=YEAR).get_data(as_text=True)
    c2 = [c for c in district.mediation if c.committee_id == district.committees[1].id]
    expected = expected_mediation(c2, date(2023, 1, 1), date(2023, 12, 31))
    card = re.search(r'id="fig-registered".*?</div>', html, re.S).group(0)
    assert f">{expected['registered']}<" in card
    assert 'id="reconsideration"' not in html  # no reconsideration for a director
    assert district.committees[0].name not in html and director


def test_breakdown_tables(client, login_as, district):
    login_as("bureau")
    for area, by in [("mediation", "mediator"), ("mediation", "area"), ("reconsideration", "agency")]:
        response = client.get(f"/stats/tables/{area}/{by}", query_string=YEAR)
        assert response.status_code == 200, (area, by)
    assert client.get("/stats/tables/mediation/planet").status_code == 404
    client.post("/logout")
    login_as("director", mediator=district.mediators[3])
    assert client.get("/stats/tables/reconsideration/agency").status_code == 404


def test_excel_export(client, login_as, district):
    user = login_as("bureau")
    response = client.get("/stats/export.xlsx", query_string={**YEAR, "committee": "C1"})
    assert response.status_code == 200
    book = load_workbook(BytesIO(response.data))
    assert book.sheetnames[0] == "口径说明"
    definitions = book["口径说明"]
    texts = [c.value for row in definitions.iter_rows() for c in row if c.value]
    assert any("committee=C1" in str(t) for t in texts)
    assert "化解率" in texts
    headline = book["主要指标"]
    rows = {r[1]: r for r in headline.iter_rows(values_only=True)}
    totals = queries.mediation_totals(user, Period.year(2023), queries.Filters(committee="C1"))
    assert rows["化解率"][2] == pytest.approx(float(shown_rate(totals.resolution_rate.rate)) / 100)
    assert rows["化解率"][4:6] == (totals.succeeded, totals.registered)
    assert headline.cell(row=2, column=3).number_format in ("General", "0")
    rate_row = next(row for row in headline.iter_rows() if row[1].value == "化解率")
    assert rate_row[2].number_format == "0.0%"
    assert {"调解-按调委会", "调解-按调解员", "复议-按被申请人"} <= set(book.sheetnames)


def test_excel_needs_the_export_permission(client, login_as, district, monkeypatch):
    from casebook.core import permissions

    login_as("bureau")
    monkeypatch.setitem(
        permissions.ROLE_PERMISSIONS,
        permissions.Role.BUREAU,
        permissions.ROLE_PERMISSIONS[permissions.Role.BUREAU] - {permissions.Permission.EXPORT},
    )
    assert client.get("/stats/export.xlsx").status_code == 403


def test_report_page_and_files(client, login_as, district):
    user = login_as("bureau")
    html = client.get("/stats/report", query_string={"year": "2023"}).get_data(as_text=True)
    totals = queries.mediation_totals(user, Period.year(2023))
    assert "累计排查各类矛盾纠纷<a href=" in html
    assert f">{totals.registered}</a>件" in html
    assert "化解率<a" in html
    docx = client.get("/stats/report/2023.docx")
    assert docx.status_code == 200 and docx.data[:2] == b"PK"
    from docx import Document

    text = "\n".join(p.text for p in Document(BytesIO(docx.data)).paragraphs)
    assert f"累计排查各类矛盾纠纷{totals.registered}件" in text
    xlsx = client.get("/stats/report/2023.xlsx")
    assert xlsx.status_code == 200
    assert client.get("/stats/report/1990.xlsx").status_code == 404


def test_the_filter_selects_stay_short_at_province_scale(client, login_as, district, make_area, monkeypatch):
    from casebook.stats import forms

    monkeypatch.setattr(forms, "MEDIATOR_CHOICES_LIMIT", 2)
    make_area(code="V9", name="某某社区", level="village", parent_id=district.areas["T1"].id)
    login_as("bureau", language="en")
    html = client.get("/stats/?period=year&year=2023").get_data(as_text=True)
    assert "Choose a committee to list its mediators." in html
    assert "(M1)" not in html and "某某社区" not in html and "东街道" in html
    html = client.get("/stats/?period=year&year=2023&committee=C2&mediator=M3").get_data(as_text=True)
    assert "(M3)" in html and "(M4)" in html and "(M1)" not in html
