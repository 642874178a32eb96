"""The rates' definitions and the report's wording (domain.md §4; issue 12 "Statistics and report text"): rounding
that never claims perfection, on-time rates without the cases whose deadline cannot be computed, the names, and
the sentences of a 法治政府建设报告."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from openpyxl import load_workbook

from casebook.core.templating import format_rate
from casebook.extensions import db
from casebook.stats import queries
from casebook.stats.periods import Period

YEAR_2024 = {"period": "year", "year": "2024"}


def _text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (None, "—"),
        (0, "0.0%"),
        (1, "100.0%"),
        (1999 / 2000, "99.9%"),  # 99.95% is not perfection
        (99999 / 100000, "99.9%"),
        (4 / 10000, "0.1%"),  # 0.04% is not nothing
        (1 / 1000000, "0.1%"),
        (7160 / 7244, "98.8%"),
        (55 / 37, "148.6%"),
        (-1 / 1000000, "-0.1%"),
        (2 / 3, "66.7%"),
        (1 / 8, "12.5%"),  # half up
    ],
)
def test_rounding_never_claims_perfection(value, shown):
    assert format_rate(value) == shown


# ---------------------------------------------------------------- cases without a computable deadline


@pytest.fixture
def closed_cases(make_committee, make_mediation_case, make_recon_case):
    """Mediation and reconsideration cases closed in 2024: one on time, one late, one whose deadline could not
    be computed (due_on NULL: its year had no holiday schedule)."""
    committee = make_committee(code="C9")
    for due_on, closed_on in (
        (date(2024, 5, 31), date(2024, 5, 20)),
        (date(2024, 5, 31), date(2024, 6, 20)),
        (None, date(2024, 6, 1)),
    ):
        make_mediation_case(
            committee,
            registered_on=date(2024, 5, 1),
            accepted_on=date(2024, 5, 1),
            status="concluded",
            outcome="failed",
            failure_routes="诉讼",
            closed_on=closed_on,
            due_on=due_on,
        )
    for due_on, late in ((date(2024, 9, 30), False), (date(2024, 9, 30), True), (None, False)):
        case = make_recon_case(received_on=date(2024, 7, 1))
        case.status, case.outcome, case.closed_on = "concluded", "uphold", date(2024, 9, 20)
        case.due_on, case.is_late = due_on, late
        if due_on is None:
            case.calendar_missing_year = 2024
    db.session.commit()


def test_an_on_time_rate_leaves_out_the_cases_without_a_deadline_in_both_areas(app, make_user, closed_cases):
    period = Period.year(2024)
    mediation = queries.mediation_totals(make_user("bureau"), period)
    reconsideration = queries.reconsideration_totals(make_user("bureau"), period)
    for counts in (mediation, reconsideration):
        assert counts.concluded == 3
        assert (counts.on_time_rate.numerator, counts.on_time_rate.denominator) == (1, 2)
        assert counts.concluded_no_deadline == 1


def test_the_number_left_out_is_shown_beside_the_rate(client, login_as, api_client, closed_cases):
    login_as("bureau")
    html = client.get("/stats/", query_string=YEAR_2024).get_data(as_text=True)
    cards = {key: _text(block) for key, block in re.findall(r'id="fig-(\w+)"(.*?)</div>', html, re.S)}
    assert "50.0%" in cards["on_time_rate"] and "1 / 2" in cards["on_time_rate"]
    assert "无法计算期限、未计入： 1" in cards["on_time_rate"]
    # Both areas have a card with the key on_time_rate: each says it.
    assert html.count("无法计算期限、未计入") == 2

    _user, headers = api_client("bureau")
    year = {"from": "2024-01-01", "to": "2024-12-31"}
    for area in ("mediation", "reconsideration"):
        body = client.get(f"/api/v1/stats/{area}", query_string=year, headers=headers).json
        assert (body["on_time_rate"], body["concluded_timed"], body["concluded_no_deadline"]) == (0.5, 2, 1)

    book = load_workbook(BytesIO(client.get("/stats/export.xlsx", query_string=YEAR_2024).data))
    rows = {(r[0], r[1]): r for r in book["主要指标"].iter_rows(values_only=True)}
    header = next(book["主要指标"].iter_rows(values_only=True))
    assert header[6] == "未计入（无法计算期限）"
    assert rows[("人民调解", "按期调结率")][2:7] == (0.5, "—", 1, 2, 1)
    assert rows[("行政复议", "法定期限内结案率")][2:7] == (0.5, "—", 1, 2, 1)

    report = _text(client.get("/stats/report", query_string={"year": "2024"}).get_data(as_text=True))
    assert "按期结案率50.0%（另有1件因无法计算期限未计入）" in report
    assert "法定期限内结案率达50.0%（另有1件因无法计算期限未计入）" in report


# ---------------------------------------------------------------- names


def test_the_names_of_the_figures(client, login_as, make_committee, make_mediation_case):
    committee = make_committee()
    make_mediation_case(committee, registered_on=date(2024, 4, 1), source="screening")
    login_as("bureau")
    html = client.get("/stats/", query_string=YEAR_2024).get_data(as_text=True)
    labels = dict(re.findall(r'id="fig-(\w+)">\s*<span class="figure-label">([^<]*)</span>', html))
    assert labels["registered"] == "登记纠纷"  # the dashboard's headline
    assert labels["success_rate"] == "结案调解成功率"
    source_table = re.search(r'id="table-source"(.*?)</table>', html, re.S).group(1)
    assert "主动排查" in source_table
    # The annual report keeps the district's phrase.
    report = _text(client.get("/stats/report", query_string={"year": "2024"}).get_data(as_text=True))
    assert "累计排查各类矛盾纠纷1件" in report


# ---------------------------------------------------------------- the report's sentences


def _report(client, year: int) -> str:
    return _text(client.get("/stats/report", query_string={"year": str(year)}).get_data(as_text=True))


def _sentences(report_text: str) -> str:
    """The report's paragraphs, without the table of figures that follows them."""
    return report_text.split("指标及统计口径")[0]


def _decide(case, outcome: str, closed_on: date, ground: str | None = None) -> None:
    case.status, case.outcome, case.closed_on, case.termination_ground = (
        "concluded",
        outcome,
        closed_on,
        ground,
    )
    case.is_late = False


def test_the_reconsideration_sentences(client, login_as, make_recon_case):
    for received in (date(2023, 3, 1), date(2023, 4, 1), date(2024, 3, 1)):
        make_recon_case(received_on=received)
    cases = [make_recon_case(received_on=date(2024, 4, 1)) for _ in range(6)]
    for case, outcome, ground in zip(
        cases,
        ["revoke", "uphold", "reject_request", "dismiss", "mediated", "terminated"],
        [None, None, None, None, None, "withdrawal"],
        strict=True,
    ):
        _decide(case, outcome, date(2024, 6, 3), ground)
    db.session.commit()
    login_as("bureau")
    text = _report(client, 2024)
    assert "2024年共收到行政复议案件7件，收案量较上年同期（2件）增长250.0%" in text
    # 纠错率 over the decisions on the merits (revoke, uphold, reject_request), not the dismissal.
    assert "作出实体处理决定3件，其中作出撤销、变更、确认违法、责令履行等纠错决定1件，纠错率33.3%" in text
    assert "调解和解率16.7%" in text and "调撤率33.3%" in text
    assert "—" not in _sentences(text)


def test_no_change_reads_as_unchanged_on_a_year_earlier(client, login_as, make_recon_case):
    for received in (date(2023, 3, 1), date(2024, 3, 1)):
        make_recon_case(received_on=received)
    login_as("bureau")
    text = _report(client, 2024)
    assert "2024年共收到行政复议案件1件，与上年同期持平。" in text


def test_no_change_reads_as_unchanged_on_the_dashboard_cards(client, login_as, make_recon_case):
    for received in (date(2023, 3, 1), date(2024, 3, 1)):
        make_recon_case(received_on=received)
    login_as("bureau")
    page = client.get("/stats/", query_string=YEAR_2024).get_data(as_text=True)
    card = lambda key: _text(re.search(rf'id="fig-{key}".*?</div>', page, re.S).group(0))  # noqa: E731
    assert "上年同期： 1 · 持平" in card("received")  # a count
    assert "持平" in card("yoy_growth") and "0.0%" not in card("yoy_growth")  # the growth itself
    assert "持平" in card("conclusion_rate")  # 0.0% both years: a rate's change in points
    assert not re.search(r"[+-]0\.0个百分点|[+-]0 \(", _text(page))


@pytest.mark.parametrize(
    ("now", "before", "shown", "trend"),
    [
        ((1, 3), (2, 6), "持平", ""),  # equal as fractions, whatever the floats
        ((0, 5), (0, 2), "持平", ""),
        ((1, 100000), (0, 1), "+0.1个百分点", "up"),  # too small to show is not nothing
        ((0, 1), (1, 100000), "-0.1个百分点", "down"),
        ((99, 100), (97, 100), "+2.0个百分点", "up"),
        ((1, 0), (1, 2), None, ""),
    ],
)
def test_a_rate_change_of_zero_reads_unchanged(app, now, before, shown, trend):
    from casebook.stats.dashboard import rate_change
    from casebook.stats.figures import Ratio

    with app.test_request_context():
        assert rate_change(Ratio("r", *now), Ratio("r", *before)) == (shown, trend)


def test_a_sentence_whose_rate_has_no_denominator_is_left_out(client, login_as, make_recon_case):
    make_recon_case(
        received_on=date(2024, 3, 1)
    )  # received, nothing concluded: no on-time or correction rate
    login_as("bureau")
    text = _report(client, 2024)
    assert "2024年共收到行政复议案件1件，上年同期无收案。" in text
    assert "达—" not in text and "纠错率" not in _sentences(text)
    assert "按期调结率—" not in _sentences(text) and "履行率—" not in _sentences(text)


def test_a_scoped_report_names_its_scope(
    client, login_as, make_committee, make_mediator, make_mediation_case
):
    committee = make_committee(name="东村人民调解委员会")
    director = make_mediator([committee], position="director")
    make_mediation_case(committee, registered_on=date(2024, 4, 1))
    login_as("director", mediator=director)
    text = _report(client, 2024)
    assert "2024年，东村人民调解委员会累计排查各类矛盾纠纷1件" in text
    assert "全区" not in text
