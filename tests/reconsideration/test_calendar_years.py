"""A deadline in a year without a holiday schedule: a provisional date marked 待确认 with its reason (never a
certain-looking wrong date, never a 500), left out of the on-time rate; loading the year's schedule makes it
certain and the history says so (domain.md §2.3)."""

import re
from datetime import date

from casebook.calendars import operations as calendars
from casebook.extensions import db
from casebook.reconsideration import operations
from casebook.stats import queries
from casebook.stats.periods import Period

REASON = "2027年节假日安排尚未发布，未计入调休"


def _due(page: str) -> str:
    return re.search(r'data-testid="due-on">(.*?)</dd>', page, re.S)[1]


def test_a_provisional_deadline_is_shown_and_made_certain_when_the_year_is_loaded(
    client, login_as, make_recon_case, make_user, api_client, set_today
):
    set_today(date(2026, 12, 2))
    admin = login_as("admin")
    case = make_recon_case(received_on=date(2026, 11, 20))
    # review 11-23 … 11-27, deemed accepted 11-27; day 60 = 2027-01-26, no statutory holiday
    assert case.accepted_on == date(2026, 11, 27)
    assert case.due_on is None and case.due_on_provisional == date(2027, 1, 26)
    assert case.calendar_missing_year == 2027
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert "2027年1月26日" in _due(page) and "待确认" in _due(page) and REASON in _due(page)
    assert "未载入" not in page
    listing = client.get("/reconsideration/cases").get_data(as_text=True)
    assert "2027年1月26日" in listing and "待确认" in listing
    _user, headers = api_client("bureau")
    body = client.get(f"/api/v1/reconsideration/cases/{case.id}", headers=headers).get_json()
    assert body["due_on"] is None and body["due_on_provisional"] == "2027-01-26"
    assert body["calendar_missing_year"] == 2027 and body["provisional_reason"] == REASON

    calendars.load_schedule(2027, {date(2027, 1, 1): "元旦"}, {}, "test schedule", admin)
    db.session.commit()
    db.session.refresh(case)
    assert (case.due_on, case.due_on_provisional, case.calendar_missing_year) == (
        date(2027, 1, 26),
        None,
        None,
    )
    moved = {(c.field, c.before, c.after) for c in case.changes if c.action == "calendar"}
    assert {("due_on", None, "2027-01-26"), ("due_on_provisional", "2027-01-26", None)} <= moved
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert "2027年1月26日" in _due(page) and "待确认" not in _due(page) and REASON not in page


def test_a_review_in_a_known_year_is_certain_while_the_decision_deadline_is_provisional(
    client, login_as, make_recon_case, set_today
):
    set_today(date(2026, 12, 24))
    login_as("reconsideration")
    case = make_recon_case(received_on=date(2026, 12, 24))
    # review 12-25, 12-28 … 12-31: certain; deemed accepted 12-31, day 60 = 2027-03-01: provisional
    assert case.acceptance_due_on == date(2026, 12, 31)
    assert case.due_on_provisional == date(2027, 3, 1) and not case.is_provisional_on(case.acceptance_due_on)
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    review = re.search(r'data-testid="acceptance-due-on">(.*?)</dd>', page, re.S)[1]
    assert "2026年12月31日" in review and "待确认" not in review
    assert "2027年3月1日" in _due(page) and "待确认" in _due(page)
    desk = client.get("/reconsideration/").get_data(as_text=True)
    assert "2026年12月31日" in desk


def test_a_case_concluded_with_a_provisional_deadline_counts_in_neither_part_of_the_rate(
    make_recon_case, make_user, set_today
):
    set_today(date(2026, 12, 10))
    on_time = make_recon_case(received_on=date(2026, 10, 20))
    provisional = make_recon_case(received_on=date(2026, 11, 20))
    for case in (on_time, provisional):
        operations.conclude(case, None, date(2026, 12, 10), "uphold")
    db.session.commit()
    assert on_time.due_on is not None and provisional.due_on is None
    assert provisional.due_on_provisional == date(2027, 1, 26) and not provisional.is_late
    totals = queries.reconsideration_totals(make_user("bureau"), Period.year(2026))
    assert totals.concluded == 2
    assert (totals.on_time_rate.numerator, totals.on_time_rate.denominator) == (1, 1)
    assert totals.concluded_no_deadline == 1
