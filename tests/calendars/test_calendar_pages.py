"""The holiday schedules page (节假日安排) and the administrator's form to load a year."""

import io
import re

import pytest
from sqlalchemy import select

from casebook.calendars.models import HolidaySchedule
from casebook.extensions import db

PAGE = "/calendar/"
LOAD = "/calendar/load"


def manual(**fields) -> dict:
    data = {"_form": "manual", "m-year": "2027", "m-source_note": "", "m-holidays": "", "m-workdays": ""}
    data.update({f"m-{key}": value for key, value in fields.items()})
    return data


def error_beside(page: str, field_id: str) -> str:
    block = re.search(rf'<div class="error" id="{re.escape(field_id)}-error">(.*?)</div>', page, re.S)
    assert block, f"no error beside {field_id}"
    return " ".join(re.findall(r"<p>(.*?)</p>", block[1], re.S))


def test_library_year_lists_rest_days_and_make_up_workdays_with_their_source(client, login_as):
    login_as("mediator")
    text = client.get(PAGE + "?year=2024").get_data(as_text=True)
    assert "chinese-calendar" in text and "内置库" in text
    assert "2024年10月1日" in text and "国庆节" in text
    assert re.search(r"2024年9月29日.*?星期日.*?调休上班", text, re.S)
    assert "2024年10月5日" not in text  # a weekend day off is not a holiday taken from work
    for year in ("2023", "2024", "2025", "2026"):
        assert f'href="/calendar/?year={year}"' in text
    assert "载入或更正年度安排" not in text  # only administrators load schedules


def test_unknown_year_says_so_naming_it(client, login_as):
    login_as("bureau")
    text = client.get(PAGE + "?year=2027").get_data(as_text=True)
    assert "未载入2027年的节假日安排" in text


def test_the_page_opens_on_the_current_year(client, login_as):
    login_as("admin")
    response = client.get(PAGE)
    assert response.status_code == 200 and "节假日安排" in response.get_data(as_text=True)


def test_admin_loads_a_year_from_the_form_and_it_is_listed_as_theirs(client, login_as):
    admin = login_as("admin", display_name="管理员甲")
    response = client.post(
        LOAD,
        data=manual(
            source_note="国办发明电〔2026〕7号",
            holidays="2027-01-01 元旦\n2027-02-05~2027-02-12 春节\n2027-10-01~2027-10-07 国庆节",
            workdays="2027-02-20 春节\n2027-10-09",
        ),
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("/calendar/?year=2027")
    text = client.get(PAGE + "?year=2027").get_data(as_text=True)
    assert (
        re.search(r"国办发明电〔2026〕7号\s*<span class=\"badge info\">管理员录入</span>", text)
        and admin.name in text
    )
    assert "2027年2月20日" in text and "2027年2月6日" in text
    assert "（本为周末）" in text  # 2027-02-06 is a Saturday inside the Spring Festival
    assert "删除此录入" in text and "最近的变更" in text
    schedule = db.session.scalar(select(HolidaySchedule))
    assert schedule.year == 2027 and schedule.loaded_by_id == admin.id and len(schedule.days) == 18


def test_replacing_a_library_year_is_said_and_deleting_restores_the_library(app, client, login_as):
    login_as("admin")
    assert client.post(LOAD, data=manual(year="2025", holidays="2025-01-01")).status_code == 302
    text = client.get(PAGE + "?year=2025").get_data(as_text=True)
    assert "此录入替换内置库该年全年的安排" in text and "2025年10月1日" not in text
    assert client.post("/calendar/2025/delete").status_code == 302
    text = client.get(PAGE + "?year=2025").get_data(as_text=True)
    assert "2025年10月1日" in text and "chinese-calendar" in text
    assert "管理员尚未载入2026年的安排" in client.post(
        "/calendar/2026/delete", follow_redirects=True
    ).get_data(as_text=True)


def test_the_form_starts_from_the_schedule_in_force(client, login_as):
    login_as("admin")
    text = client.get(LOAD + "?year=2024").get_data(as_text=True)
    assert "2024-10-01 国庆节" in text and "2024-09-29 国庆节" in text


@pytest.mark.parametrize(
    ("fields", "field_id", "words"),
    [
        ({"holidays": "2026-10-01"}, "m-holidays", "2026-10-01 不在2027年内"),
        (
            {"holidays": "2027-10-01", "workdays": "2027-10-08"},
            "m-workdays",
            "2027-10-08 是工作日：调休上班日必须是星期六或星期日",
        ),
        ({"holidays": "2027-10-09", "workdays": "2027-10-09"}, "m-workdays", "不能既是放假日又是调休上班日"),
        ({"holidays": "", "workdays": "2027-10-09"}, "m-holidays", "至少包括元旦"),
        ({"holidays": "2027-01-01\n2027-02-30"}, "m-holidays", "第 2 行：“2027-02-30”不是有效的日期"),
        ({"holidays": "2027-01-01", "workdays": "next Saturday"}, "m-workdays", "第 1 行"),
        ({"year": "1999", "holidays": "1999-01-01"}, "m-year", "2000 至 2100"),
        ({"year": "", "holidays": "2027-01-01"}, "m-year", "请填写安排所属年份"),
    ],
)
def test_bad_schedules_get_a_message_beside_the_field_and_keep_the_input(
    client, login_as, fields, field_id, words
):
    login_as("admin")
    response = client.post(LOAD, data=manual(**fields))
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert words in error_beside(text, field_id)
    for value in fields.values():
        assert value.split("\n")[0] in text
    assert db.session.scalar(select(HolidaySchedule)) is None


def test_a_weekend_holiday_is_accepted(client, login_as):
    login_as("admin")
    assert client.post(LOAD, data=manual(holidays="2027-01-01\n2027-01-02")).status_code == 302


def upload(year: str, content: bytes, name: str = "2027.csv", note: str = "") -> dict:
    return {"_form": "file", "f-year": year, "f-source_note": note, "f-file": (io.BytesIO(content), name)}


def test_admin_loads_a_year_from_a_file(client, login_as):
    login_as("admin")
    content = (
        "日期,类型,名称\n2027-01-01,休,元旦\n2027-10-01~2027-10-07,休,国庆节\n2027-10-09,班,国庆节\n".encode(
            "gb18030"
        )
    )
    response = client.post(LOAD, data=upload("2027", content), content_type="multipart/form-data")
    assert response.status_code == 302
    text = client.get(PAGE + "?year=2027").get_data(as_text=True)
    assert (
        re.search(r"2027.csv\s*<span class=\"badge info\">管理员录入</span>", text)
        and "2027年10月9日" in text
    )


def test_file_problems_are_shown_beside_the_file_field(client, login_as):
    login_as("admin")
    content = b"2027-01-01,holiday\n2027-10-08,workday\n2027-13-01,holiday\n"
    text = client.post(LOAD, data=upload("2027", content), content_type="multipart/form-data").get_data(
        as_text=True
    )
    assert "第 3 行" in error_beside(text, "f-file")
    content = b"2027-01-01,holiday\n2027-10-08,workday\n"
    text = client.post(LOAD, data=upload("2027", content), content_type="multipart/form-data").get_data(
        as_text=True
    )
    assert "2027-10-08 是工作日" in error_beside(text, "f-file")
    text = client.post(LOAD, data={"_form": "file", "f-year": "2027"}).get_data(as_text=True)
    assert "请选择文件" in error_beside(text, "f-file")


def test_only_administrators_load_or_delete(client, login_as, make_holiday_schedule):
    make_holiday_schedule(2027)
    login_as("bureau")
    assert client.get(LOAD).status_code == 403
    assert client.post(LOAD, data=manual(holidays="2027-01-01")).status_code == 403
    assert client.post("/calendar/2027/delete").status_code == 403
    text = client.get(PAGE + "?year=2027").get_data(as_text=True)
    assert "删除此录入" not in text and "管理员录入" in text


def test_forms_carry_csrf_tokens(app, client, login_as, monkeypatch):
    login_as("admin")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    text = client.get(LOAD).get_data(as_text=True)
    assert 'name="m-csrf_token"' in text and 'name="f-csrf_token"' in text
    assert client.post(LOAD, data=manual(holidays="2027-01-01")).status_code == 400
    assert client.post("/calendar/2027/delete").status_code == 400
    assert db.session.scalar(select(HolidaySchedule)) is None


def test_navigation_entries_and_the_current_one(client, login_as):
    login_as("mediator")
    text = client.get("/?cards=1").get_data(as_text=True)
    assert 'href="/calendar/calculator"' in text and 'href="/calendar/"' in text

    def current(url: str) -> list[str]:
        nav = re.search(r'<nav class="mainnav".*?</nav>', client.get(url).get_data(as_text=True), re.S)[0]
        return re.findall(r'<a href="([^"]+)" aria-current="page"', nav)

    assert current("/calendar/calculator") == ["/calendar/calculator"]  # not also /calendar/, a prefix of it
    assert current("/calendar/?year=2024") == ["/calendar/"]
