"""Administrator-loaded schedules: validation, load / replace / delete, history, and the calendar they feed."""

from contextlib import contextmanager
from datetime import date

import pytest
from sqlalchemy import event, select

from casebook.calendars import operations
from casebook.calendars.models import HolidaySchedule, HolidayScheduleChange, HolidayScheduleDay
from casebook.calendars.service import loaded_schedules, working_calendar
from casebook.core.errors import DomainError
from casebook.extensions import db

D = date.fromisoformat


def days(*isos: str) -> dict[date, None]:
    return {D(iso): None for iso in isos}


@pytest.fixture
def request_ctx(app):
    """A request in an app context of its own (fresh `g` and session, as in production), in English."""

    @contextmanager
    def _ctx(language: str = "en"):
        with app.app_context(), app.test_request_context("/", headers={"Accept-Language": language}):
            yield

    return _ctx


@pytest.mark.parametrize(
    ("holidays", "workdays", "field", "words"),
    [
        (days("2026-10-01"), {}, "holidays", "2026-10-01 is not in 2027"),
        (days("2027-10-01"), days("2028-01-01"), "workdays", "not in 2027"),
        (days("2027-10-01"), days("2027-10-08"), "workdays", "2027-10-08 is a weekday"),
        (days("2027-10-09"), days("2027-10-09"), "workdays", "both as a holiday and as a make-up workday"),
        ({}, days("2027-10-09"), "holidays", "at least New Year's Day"),
    ],
)
def test_bad_schedules_are_refused_with_the_field(request_ctx, holidays, workdays, field, words):
    with request_ctx():
        errors = operations.check_schedule(2027, holidays, workdays)
        assert any(words in message for message in errors[field]), errors
        with pytest.raises(operations.ScheduleError) as caught:
            operations.load_schedule(2027, holidays, workdays, "note")
        assert caught.value.errors == errors
    assert db.session.scalar(select(HolidaySchedule)) is None


@pytest.mark.parametrize("year", [None, 1999, 2101])
def test_year_out_of_range(request_ctx, year):
    with request_ctx():
        assert "year" in operations.check_schedule(year, days("2027-01-01"), {})


def test_a_holiday_on_a_weekend_is_allowed(request_ctx):
    with request_ctx():
        assert operations.check_schedule(2027, days("2027-10-01", "2027-10-02", "2027-10-03"), {}) == {}


def test_load_replace_delete_with_history(app, make_user, request_ctx):
    admin = make_user("admin", display_name="管理员甲")
    with request_ctx():
        operations.load_schedule(
            2027, days("2027-01-01", "2027-10-01"), days("2027-10-09"), "国办发明电〔2026〕7号", admin
        )
        db.session.commit()
        assert working_calendar().is_rest_day(D("2027-10-01"))
        assert working_calendar().is_workday(D("2027-10-09"))
        assert "国办发明电〔2026〕7号" in working_calendar().schedule(2027).source
    with request_ctx():
        schedule = operations.load_schedule(2027, days("2027-01-01"), {}, "更正", admin)
        db.session.commit()
        assert schedule.version == 2
        assert working_calendar().is_workday(D("2027-10-01"))  # visible in the same request
        assert not working_calendar().is_workday(D("2027-10-09"))
    assert db.session.scalars(select(HolidayScheduleDay.falls_on)).all() == [D("2027-01-01")]
    with request_ctx():
        operations.delete_schedule(2027, admin)
        db.session.commit()
        assert working_calendar().is_provisional(2027)  # back to the statutory holidays alone
        assert not working_calendar().is_workday(D("2027-10-01"))
        with pytest.raises(DomainError):
            operations.delete_schedule(2027, admin)
    changes = db.session.scalars(select(HolidayScheduleChange).order_by(HolidayScheduleChange.id)).all()
    assert [(c.action, c.year, c.user_id) for c in changes] == [
        ("loaded", 2027, admin.id),
        ("replaced", 2027, admin.id),
        ("deleted", 2027, admin.id),
    ]
    assert "2027-10-09" in changes[1].before and "2027-10-09" not in changes[1].after
    assert db.session.scalar(select(HolidayScheduleDay)) is None


def test_an_entry_overrides_the_library_for_its_whole_year(request_ctx, make_holiday_schedule):
    with request_ctx():
        assert working_calendar().is_rest_day(D("2025-10-01"))
    make_holiday_schedule(2025, holidays=["2025-01-01"], workdays=[])
    with request_ctx():
        calendar = working_calendar()
        assert calendar.is_workday(D("2025-10-01"))  # the library's National Day no longer applies
        assert calendar.schedule(2025).source.startswith("administrator entry")
        assert calendar.schedule(2024).source.startswith("chinese-calendar")


def test_one_query_per_request_and_days_read_again_only_after_a_change(
    app, request_ctx, make_holiday_schedule
):
    make_holiday_schedule(2027)
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    event.listen(db.engine, "before_cursor_execute", count)
    try:
        with request_ctx():
            working_calendar()
            working_calendar()
            loaded_schedules()
        first = len(statements)
        with request_ctx():
            assert 2027 in loaded_schedules()
        second = len(statements) - first
    finally:
        event.remove(db.engine, "before_cursor_execute", count)
    assert first <= 2  # the heads, and the days when not yet cached in this process
    assert second == 1  # the heads only: the days are cached by id and version
    make_holiday_schedule(2027, holidays=["2027-01-01"], workdays=[])  # replaced: version 2
    with request_ctx():
        assert loaded_schedules()[2027].holidays == frozenset({D("2027-01-01")})


def test_sources_are_worded_in_the_request_language(request_ctx, make_holiday_schedule):
    make_holiday_schedule(2027, note="国办发明电〔2026〕7号")
    with request_ctx("zh-CN"):
        assert working_calendar().schedule(2027).source.startswith("管理员录入")
        assert working_calendar("en").schedule(2027).source.startswith("administrator entry")


def test_listeners_hear_of_every_change_with_the_new_calendar_in_force(request_ctx, monkeypatch):
    heard = []

    def listener(year, user):
        heard.append((year, user, working_calendar().has_year(year)))

    monkeypatch.setattr(operations, "SCHEDULE_LISTENERS", [])
    assert operations.on_schedule_change(listener) is listener
    operations.on_schedule_change(listener)
    with request_ctx():
        operations.load_schedule(2027, days("2027-01-01"), {}, "note")
        operations.delete_schedule(2027)
        db.session.commit()
    assert heard == [(2027, None, True), (2027, None, False)]
