"""From 1 November (a setting) the administrator's home and the holiday schedules page warn while next year's
schedule is not loaded (domain.md §2.3: the State Council publishes it in November or December)."""

from datetime import date

import pytest

WARNING = "2027年节假日安排尚未载入"


def test_the_warning_starts_on_1_november_and_ends_with_the_schedule(
    app, client, login_as, set_today, make_holiday_schedule
):
    set_today(date(2026, 10, 31))
    login_as("admin")
    assert WARNING not in client.get("/").get_data(as_text=True)
    assert WARNING not in client.get("/calendar/").get_data(as_text=True)

    set_today(date(2026, 11, 1))
    client.post("/logout")
    login_as("admin")  # a new day: the idle session has ended
    home = client.get("/").get_data(as_text=True)
    assert WARNING in home and "标为待确认" in home and "/calendar/load?year=2027" in home
    page = client.get("/calendar/").get_data(as_text=True)
    assert 'data-testid="missing-year-warning"' in page and WARNING in page

    make_holiday_schedule(2027)
    assert WARNING not in client.get("/").get_data(as_text=True)
    assert WARNING not in client.get("/calendar/").get_data(as_text=True)


def test_the_day_is_a_setting_and_others_see_the_warning_on_the_schedules_page_only(
    app, client, login_as, set_today, monkeypatch
):
    monkeypatch.setitem(app.config, "HOLIDAY_SCHEDULE_WARNING_FROM", "12-15")
    set_today(date(2026, 12, 14))
    login_as("mediator")
    assert WARNING not in client.get("/calendar/").get_data(as_text=True)
    set_today(date(2026, 12, 15))
    client.post("/logout")
    login_as("mediator")
    page = client.get("/calendar/").get_data(as_text=True)
    assert WARNING in page and "/calendar/load?year=2027" not in page
    assert WARNING not in client.get("/?cards").get_data(as_text=True)


@pytest.mark.parametrize("value", ["11/01", "13-01", "02-30", "November"])
def test_a_malformed_warning_day_stops_the_start_naming_the_setting(value):
    from casebook import create_app

    with pytest.raises(RuntimeError, match="HOLIDAY_SCHEDULE_WARNING_FROM"):
        create_app({"ENV_NAME": "testing", "HOLIDAY_SCHEDULE_WARNING_FROM": value, "SECRET_KEY": "x"})


def test_a_warning_from_29_february_falls_on_the_28th_in_other_years(app, set_today):
    from casebook.calendars.service import missing_next_year

    app.config["HOLIDAY_SCHEDULE_WARNING_FROM"] = "02-29"
    try:
        set_today(date(2026, 2, 28))
        assert missing_next_year(date(2026, 2, 28)) == 2027
        assert missing_next_year(date(2026, 2, 27)) is None
    finally:
        app.config["HOLIDAY_SCHEDULE_WARNING_FROM"] = "11-01"
