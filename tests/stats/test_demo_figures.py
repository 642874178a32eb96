"""The demo check (domain.md §1): on the demo data, the 2023 report, dashboard, API and Excel export show exactly
the district report's figures, and clicking 7160 lists 7160 cases. The demo is loaded once per run
(the `demo_app` fixture)."""

from __future__ import annotations

import re
from html import unescape
from io import BytesIO

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from casebook import demo
from casebook.auth import operations
from casebook.auth.models import User
from casebook.extensions import db
from tests.conftest import login

REPORT_FIGURES = {
    "registered": 7244,
    "succeeded": 7160,
    "resolution_rate": "98.8%",
    "associations": 1,
    "committees": 190,
    "sector_committees": 5,
    "mediators": 934,
    "full_time_mediators": 206,
    "experts": 50,
    "received": 92,
    "yoy_growth": "148.6%",
    "on_time_rate": "100.0%",  # one decimal, as every rate on a page (domain.md §4)
}


def _text(html: str) -> str:
    """The page's visible text, tags removed."""
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_the_2023_report_dashboard_api_and_export_read_the_district_report(demo_db):
    client = demo_db.test_client()
    password = dict((name, pw) for name, _role, pw in demo.DEMO_ACCOUNTS)["bureau"]
    assert login(client, "bureau", password).status_code == 302

    # The annual report page: the sentences of the district's report, each figure a link.
    html = client.get("/stats/report?year=2023").get_data(as_text=True)
    text = _text(html)
    assert (
        "全区共有人民调解协会1个，人民调解委员会190个（其中行业性、专业性调委会5个），人民调解员934人（其中专职206人），调解专家库成员50人"
        in text
    )
    assert "累计排查各类矛盾纠纷7244件，调解成功7160件，化解率98.8%" in text
    assert (
        "2023年共收到行政复议案件92件，收案量较上年同期（37件）增长148.6%，法定期限内结案率达100.0%" in text
    )
    link_7160 = re.search(r'调解成功<a href="([^"]+)" class="drill">7160</a>', html).group(1)

    # Clicking 7160 opens the mediation case list of exactly those 7160 cases.
    listed = client.get(unescape(link_7160)).get_data(as_text=True)
    assert re.search(r'id="drill-total">\D*7160\D', listed)
    assert "7160" in _text(listed)

    # The dashboard's cards.
    html = client.get("/stats/?period=year&year=2023").get_data(as_text=True)
    cards = {key: _text(block) for key, block in re.findall(r'id="fig-(\w+)"(.*?)</div>', html, re.S)}
    for key, value in REPORT_FIGURES.items():
        assert str(value) in cards[key], (key, cards[key])
    assert "7160 / 7244" in re.sub(r"\s+", " ", cards["resolution_rate"])

    # The API, full precision.
    user = db.session.scalar(select(User).where(User.username == "bureau"))
    _token, raw = operations.issue_token(user, "demo check")
    db.session.commit()
    headers = {"Authorization": f"Bearer {raw}"}
    year = {"from": "2023-01-01", "to": "2023-12-31"}
    body = client.get("/api/v1/stats/mediation", query_string=year, headers=headers).json
    assert (body["registered"], body["succeeded"]) == (7244, 7160)
    assert (
        body["resolution_rate"] == pytest.approx(7160 / 7244, abs=0)
        and round(body["resolution_rate"], 3) == 0.988
    )
    body = client.get("/api/v1/stats/reconsideration", query_string=year, headers=headers).json
    assert (body["received"], body["received_prev_year"]) == (92, 37)
    assert body["yoy_growth"] == (92 - 37) / 37 and body["on_time_rate"] == 1.0
    body = client.get("/api/v1/stats/organisations", query_string=year, headers=headers).json
    counts = (
        body["associations"],
        body["committees"],
        body["sector_committees"],
        body["mediators"],
        body["full_time_mediators"],
        body["experts"],
    )
    assert counts == (1, 190, 5, 934, 206, 50)

    # The Excel export of the report: the numbers and the definitions sheet.
    book = load_workbook(BytesIO(client.get("/stats/report/2023.xlsx").data))
    assert book.sheetnames[0] == "口径说明"
    rows = {(r[0], r[1]): r for r in book["主要指标"].iter_rows(values_only=True)}
    assert rows[("人民调解", "登记纠纷")][2] == 7244
    assert rows[("人民调解", "调解成功")][2] == 7160
    assert rows[("人民调解", "化解率")][2] == 0.988  # as the pages show it: 98.8%
    assert rows[("行政复议", "收到行政复议申请")][2] == 92
    assert rows[("行政复议", "收案量同比增长")][2] == 1.486  # 148.6%
    organisations = {r[0]: r[1] for r in book["组织机构数"].iter_rows(values_only=True)}
    assert (organisations["人民调解委员会"], organisations["人民调解员"], organisations["调解专家库"]) == (
        190,
        934,
        50,
    )
