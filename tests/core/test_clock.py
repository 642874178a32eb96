"""The app's one clock (core/clock.py): a fixed day for tests and the demo, the system date in production."""

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import casebook
from casebook import create_app
from casebook.core import clock
from tests.conftest import TEST_TODAY


def test_the_tests_run_on_a_fixed_day(app):
    assert clock.today() == TEST_TODAY
    now = clock.now()
    assert now.tzinfo is not None and now.astimezone(clock.bureau_zone()).date() == TEST_TODAY


def test_set_today_moves_the_clock_and_the_time_with_it(app, set_today):
    set_today(date(2027, 3, 1))
    assert clock.today() == date(2027, 3, 1)
    shifted = clock.now().astimezone(clock.bureau_zone())
    real = datetime.now(UTC).astimezone(clock.bureau_zone())
    assert shifted.date() == date(2027, 3, 1)
    assert abs((shifted.time().hour * 60 + shifted.time().minute) - (real.hour * 60 + real.minute)) <= 1


def test_without_a_fixed_day_the_clock_reads_the_system_date(app):
    app.config["TODAY"] = None
    assert clock.today() == datetime.now(clock.bureau_zone()).date()
    assert abs(clock.now() - datetime.now(UTC)) < timedelta(seconds=5)


def test_casebook_today_is_read_from_the_environment(monkeypatch, tmp_path):
    monkeypatch.setenv("CASEBOOK_TODAY", "2026-10-31")
    application = create_app({"ENV_NAME": "development", "SQLALCHEMY_DATABASE_URI": "sqlite://"})
    assert application.config["TODAY"] == date(2026, 10, 31)
    with application.app_context():
        assert clock.today() == date(2026, 10, 31)


@pytest.mark.parametrize("value", ["31/10/2026", "2026-13-01", "tomorrow"])
def test_a_bad_fixed_day_stops_the_start(value):
    with pytest.raises(RuntimeError, match="CASEBOOK_TODAY must be an ISO date"):
        create_app({"ENV_NAME": "testing", "TODAY": value, "SQLALCHEMY_DATABASE_URI": "sqlite://"})


def test_production_refuses_a_fixed_day():
    with pytest.raises(RuntimeError, match="testing and development only"):
        create_app(
            {
                "ENV_NAME": "production",
                "SECRET_KEY": "x" * 40,
                "TODAY": "2025-06-16",
                "SQLALCHEMY_DATABASE_URI": "sqlite://",
            }
        )


def test_nothing_but_the_clock_reads_the_system_date():
    """Every "today" goes through core/clock.py, so that tests and the demo can fix it."""
    package = Path(casebook.__file__).parent
    pattern = re.compile(r"\b(date\.today|datetime\.(now|utcnow|today))\(")
    offenders = [
        f"{path.relative_to(package)}:{number}"
        for path in package.rglob("*.py")
        if path.name != "clock.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
