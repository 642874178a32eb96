"""The demo's litigation register (issue 16's "Done when"): on the 2023 dashboard 负责人出庭应诉率 shows 100.0% and
the 约谈 list names 5 agencies, each number drilling down to its cases; the desk shows the open work."""

from __future__ import annotations

import re
from html import unescape

from casebook import demo
from tests.conftest import login


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def _client(demo_db, username: str):
    client = demo_db.test_client()
    password = dict((name, pw) for name, _role, pw in demo.DEMO_ACCOUNTS)[username]
    assert login(client, username, password).status_code == 302
    return client


def test_the_2023_dashboard_shows_heads_in_court_and_the_interview_list(demo_db):
    client = _client(demo_db, "bureau")
    html = client.get("/stats/?period=year&year=2023").get_data(as_text=True)
    section = html[html.index('id="litigation"') :]
    card = re.search(r'id="fig-head_appearance_rate"(.*?)</div>', section, re.S).group(1)
    assert "100.0%" in _text(card)
    assert "约谈名单：5 个部门有行政败诉案件" in _text(section)
    table = section[section.index('id="table-interviews"') :]
    table = table[: table.index("</table>")]
    links = re.findall(r'<a href="([^"]+)" class="drill ">(\d+)</a>', table)
    assert len(links) == 5
    for url, count in links:  # each agency's count lists exactly its cases
        listed = client.get(unescape(url)).get_data(as_text=True)
        assert re.search(rf'id="drill-total">\D*{count}\D', listed), url
    interviews = client.get("/stats/interviews?period=year&year=2023").get_data(as_text=True)
    assert interviews.count('data-testid="interview-row"') == 5
    answer = client.get("/stats/?period=year&year=2022").get_data(as_text=True)
    card = re.search(
        r'id="fig-head_appearance_rate"(.*?)</div>', answer[answer.index('id="litigation"') :], re.S
    )
    assert "100.0%" not in _text(card.group(1))  # other years had hearings with staff only
    report = _text(client.get("/stats/report?year=2023").get_data(as_text=True))
    assert "行政机关负责人出庭应诉率达100.0%，有行政败诉案件的部门5个（约谈名单）" in report


def test_the_officer_desk_shows_the_open_litigation(demo_db):
    client = _client(demo_db, "officer")
    html = client.get("/reconsideration/").get_data(as_text=True)
    section = _text(html[html.index('data-testid="litigation-desk"') :])
    assert "（2026）赣0102行初901号" in section  # defence due within the week
    assert "（2026）赣0102行初902号" in section  # defence overdue
    assert "（2026）赣0102行初903号" in section  # hearing on 12 November
