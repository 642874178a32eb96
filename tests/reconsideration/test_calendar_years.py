"""A deadline in a year without a holiday schedule: shown as "calendar for 2027 not loaded", never a wrong date
and never a 500; loading the year's schedule brings the stored deadline in."""

from datetime import date

from casebook.calendars import operations as calendars
from casebook.extensions import db


def test_missing_year_is_said_and_filled_in_when_loaded(client, login_as, make_recon_case, set_today):
    set_today(date(2026, 12, 2))
    admin = login_as("admin")
    case = make_recon_case(received_on=date(2026, 11, 20))
    assert case.due_on is None and case.calendar_missing_year == 2027
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert "未载入2027年的节假日安排" in page
    assert "未载入2027年的节假日安排" in client.get("/reconsideration/").get_data(as_text=True)
    api = client.get(f"/api/v1/reconsideration/cases/{case.id}")  # no token: 401, but never a 500
    assert api.status_code == 401

    calendars.load_schedule(2027, {date(2027, 1, 1): "元旦"}, {}, "test schedule", admin)
    db.session.commit()
    db.session.refresh(case)
    assert case.calendar_missing_year is None
    assert case.accepted_on == date(2026, 11, 27) and case.due_on == date(2027, 1, 26)
    assert any(c.action == "calendar" and c.field == "due_on" for c in case.changes)
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert "2027年1月26日" in page and "未载入" not in page
