"""`flask --app casebook calendar show YEAR` and `calendar load YEAR FILE`."""

from sqlalchemy import select

from casebook.calendars.models import HolidaySchedule
from casebook.extensions import db

SCHEDULE = "日期,类型,名称\n2027-01-01,休,元旦\n2027-02-05~2027-02-12,休,春节\n2027-02-20,班,春节\n"


def test_show_a_library_year_with_its_source(app):
    result = app.test_cli_runner().invoke(args=["calendar", "show", "2024"])
    assert result.exit_code == 0, result.output
    assert "2024年节假日安排" in result.output
    assert "来源：chinese-calendar" in result.output and "内置库" in result.output
    assert "2024-09-29  周日  调休上班  国庆节" in result.output
    assert "2024-10-01  周二  放假  国庆节" in result.output


def test_show_in_english(app):
    result = app.test_cli_runner().invoke(args=["calendar", "show", "2025", "--lang", "en"])
    assert "2025-01-26  Sun  Make-up workday  Spring Festival" in result.output


def test_show_an_unknown_year_names_it_and_fails(app):
    result = app.test_cli_runner().invoke(args=["calendar", "show", "2027"])
    assert result.exit_code != 0
    assert "未载入2027年的节假日安排" in result.output


def test_load_then_show_and_the_api_answers(app, client, api_client, tmp_path):
    _user, headers = api_client("reconsideration")
    body = {"kind": "reconsideration", "received_on": "2027-02-01", "as_of": "2027-02-02", "lang": "zh"}
    provisional = client.post("/api/v1/deadlines", json=body, headers=headers).get_json()
    # without the notice: 02-05 (除夕) and 02-08 … 02-10 are statutory rest days, no make-up workday is known
    assert provisional["provisional"] is True and provisional["provisional_years"] == [2027]
    assert provisional["acceptance_due_on"] == "2027-02-12"
    assert any("2027年节假日安排尚未发布" in line for line in provisional["steps"])

    path = tmp_path / "2027.csv"
    path.write_text(SCHEDULE, encoding="utf-8-sig")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["calendar", "load", "2027", str(path), "--note", "国办发明电〔2026〕7号"])
    assert result.exit_code == 0, result.output
    assert "已载入2027年：放假 9 天，调休上班 1 天。" in result.output

    shown = runner.invoke(args=["calendar", "show", "2027"])
    assert shown.exit_code == 0
    assert "来源：管理员录入：国办发明电〔2026〕7号" in shown.output and "管理员录入）" in shown.output
    assert "2027-02-20  周六  调休上班  春节" in shown.output

    response = client.post("/api/v1/deadlines", json=body, headers=headers)
    assert response.status_code == 200, response.get_json()
    # review days 02-02, 02-03, 02-04, 02-15, 02-16 (the Spring Festival of the file) → deemed accepted 02-16
    assert response.get_json()["acceptance_due_on"] == "2027-02-16"
    assert response.get_json()["provisional"] is False
    assert any("国办发明电〔2026〕7号" in line for line in response.get_json()["steps"])


def test_load_refuses_a_bad_file_and_writes_nothing(app, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_text("2027-01-01,休\n2027-10-08,班\n2027-02-30,休\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["calendar", "load", "2027", str(path)])
    assert result.exit_code != 0
    assert "第 3 行" in result.output and "未载入任何内容" in result.output
    path.write_text("2027-01-01,休\n2027-10-08,班\n", encoding="utf-8")
    result = app.test_cli_runner().invoke(args=["calendar", "load", "2027", str(path)])
    assert result.exit_code != 0 and "2027-10-08 是工作日" in result.output
    assert db.session.scalar(select(HolidaySchedule)) is None


def test_replacing_needs_the_flag(app, tmp_path, make_holiday_schedule):
    make_holiday_schedule(2027)
    path = tmp_path / "2027.csv"
    path.write_text(SCHEDULE, encoding="utf-8")
    runner = app.test_cli_runner()
    result = runner.invoke(args=["calendar", "load", "2027", str(path)])
    assert result.exit_code != 0 and "--replace" in result.output
    result = runner.invoke(args=["calendar", "load", "2027", str(path), "--replace"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    schedule = db.session.scalar(select(HolidaySchedule))
    assert schedule.version == 2 and schedule.source_note == "2027.csv" and len(schedule.days) == 10


def test_recompute_gives_a_case_stored_before_provisional_dates_its_date(app, make_recon_case, set_today):
    from datetime import date

    from casebook.extensions import db

    set_today(date(2026, 12, 2))
    case = make_recon_case(received_on=date(2026, 11, 20))
    case.due_on_provisional = None  # as stored before this release
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["calendar", "recompute", "2027"])
    assert result.exit_code == 0, result.output
    assert "2027年相关的已存期限已重新计算" in result.output
    db.session.refresh(case)
    assert case.due_on_provisional == date(2027, 1, 26)
    assert any(c.action == "calendar" and c.field == "due_on_provisional" for c in case.changes)
