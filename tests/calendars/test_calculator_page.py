"""The deadline calculator page (期限计算器): same answers and steps as the API, messages beside the fields."""

import html
import re

import pytest

from casebook.core.permissions import ROLE_PERMISSIONS, Permission, Role
from tests.calendars.test_deadline_api import WORKED_EXAMPLES

PAGE = "/calendar/calculator"


def steps_on(page: str) -> list[str]:
    """The lines of the steps list of a rendered calculator page."""
    block = re.search(r'<ol class="steps" id="steps">(.*?)</ol>', page, re.S)
    assert block, "no steps on the page"
    return [html.unescape(item).strip() for item in re.findall(r"<li>(.*?)</li>", block[1], re.S)]


def field_error(page: str, field_id: str) -> str:
    match = re.search(rf'<div class="error" id="{re.escape(field_id)}-error">(.*?)</div>', page, re.S)
    assert match, f"no error beside {field_id}"
    return html.unescape(" ".join(re.findall(r"<p>(.*?)</p>", match[1], re.S)))


def form_data(body: dict) -> dict:
    """The page's form fields for an API body (suspensions as numbered rows)."""
    data = {key: value for key, value in body.items() if value not in (None, []) and key != "suspensions"}
    for n, row in enumerate(body.get("suspensions") or []):
        data[f"suspensions-{n}-from_on"] = row["from"]
        data[f"suspensions-{n}-to_on"] = row.get("to") or ""
        data[f"suspensions-{n}-ground"] = str(row.get("ground") or "")
    return data


@pytest.mark.parametrize(("body", "expected"), WORKED_EXAMPLES.values(), ids=WORKED_EXAMPLES.keys())
def test_page_and_api_give_the_same_answer_and_steps(client, login_as, api_client, body, expected):
    _user, headers = api_client("bureau")
    api = client.post(
        "/api/v1/deadlines", json={**body, "as_of": "2024-01-01", "lang": "zh"}, headers=headers
    )
    login_as("reconsideration")
    page = client.post(PAGE, data=form_data({**body, "as_of": "2024-01-01"})).get_data(as_text=True)
    assert steps_on(page) == api.get_json()["steps"]
    due = api.get_json()["due_on"]
    year, month, day = (int(part) for part in due.split("-"))
    assert f"{year}年{month}月{day}日" in re.search(r'<dd id="due-on"[^>]*>(.*?)</dd>', page, re.S)[1]


def test_page_shows_law_deemed_acceptance_and_status(client, login_as):
    login_as("reconsideration")
    page = client.post(
        PAGE, data={"kind": "reconsideration", "received_on": "2024-09-27", "as_of": "2024-11-01"}
    )
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "《行政复议法》（2023年修订）" in text
    assert re.search(r'<dd id="acceptance-due">2024年10月10日</dd>', text)
    assert "视为受理" in re.search(r'<dd id="accepted-on">(.*?)</dd>', text, re.S)[1]
    assert "未到期" in re.search(r'<dd id="status">(.*?)</dd>', text, re.S)[1]


def test_english_page(client, login_as):
    login_as("reconsideration", language="en")
    page = client.post(PAGE, data={"kind": "mediation", "accepted_on": "2024-03-01", "as_of": "2024-03-05"})
    text = page.get_data(as_text=True)
    assert "Deadline calculator" in text and "1 April 2024" in text
    assert any("rest day" in line for line in steps_on(text))


def test_suspension_rows_reach_the_calculation(client, login_as):
    login_as("reconsideration")
    data = form_data(
        {
            "kind": "reconsideration",
            "received_on": "2024-09-27",
            "as_of": "2024-11-01",
            "suspensions": [{"from": "2024-10-15", "to": "2024-10-25", "ground": 6}],
        }
    )
    text = client.post(PAGE, data=data).get_data(as_text=True)
    assert "2024年12月19日" in re.search(r'<dd id="due-on"[^>]*>(.*?)</dd>', text, re.S)[1]
    assert 'value="2024-10-15"' in text  # the row is kept


@pytest.mark.parametrize(
    ("data", "field_id", "words"),
    [
        ({"received_on": "2024-09-27", "closed_on": "2024-09-20"}, "closed_on", "结案日期早于收到申请日期"),
        ({"received_on": "2024-09-27", "extension_days": "31"}, "extension_days", "最多 30 日"),
        (
            {"received_on": "2024-09-27", "procedure": "simplified", "extension_days": "5"},
            "extension_days",
            "简易程序不得延长",
        ),
        ({"received_on": "2024-09-27", "special_limit_days": "20"}, "special_limit_reason", "法律依据"),
        ({"received_on": ""}, "received_on", "收到申请的日期"),
        ({"received_on": "2024-13-45"}, "received_on", ""),
    ],
)
def test_bad_input_is_shown_beside_the_field_and_kept(client, login_as, data, field_id, words):
    login_as("reconsideration")
    response = client.post(PAGE, data={"kind": "reconsideration", **data})
    text = response.get_data(as_text=True)
    assert response.status_code == 200
    assert words in field_error(text, field_id)
    for value in data.values():
        if value:
            assert f'value="{value}"' in text or f'value="{value}" selected' in text or value in text
    assert 'id="steps"' not in text


def test_suspension_problems_are_shown_at_the_suspensions(client, login_as):
    login_as("reconsideration")
    data = {
        "kind": "reconsideration",
        "received_on": "2024-09-27",
        "suspensions-0-from_on": "2024-10-20",
        "suspensions-0-to_on": "2024-10-19",
        "suspensions-1-to_on": "2024-11-01",
    }
    text = client.post(PAGE, data=data).get_data(as_text=True)
    assert "第 2 行：请填写中止日期。" in text
    data.pop("suspensions-1-to_on")
    text = client.post(PAGE, data=data).get_data(as_text=True)
    assert "恢复日期 2024-10-19 早于中止日期 2024-10-20" in text


def test_a_year_without_a_schedule_gives_a_provisional_date_and_an_administrator_is_offered_to_load_it(
    client, login_as
):
    login_as("reconsideration")
    data = {"kind": "reconsideration", "received_on": "2027-03-01"}
    text = client.post(PAGE, data=data).get_data(as_text=True)
    due = re.search(r'<dd id="due-on"[^>]*>(.*?)</dd>', text, re.S)[1]
    # review 03-02 … 03-08, deemed accepted 03-08; day 60 = 2027-05-07 (no statutory holiday on it)
    assert "2027年5月7日" in due and "待确认" in due and "2027年节假日安排尚未发布，未计入调休" in due
    assert "/calendar/load?year=2027" not in text
    client.post("/logout")
    login_as("admin")
    text = client.post(PAGE, data=data).get_data(as_text=True)
    assert "待确认" in text and "/calendar/load?year=2027" in text


def test_the_same_request_is_certain_once_an_administrator_loads_the_year(client, login_as):
    login_as("admin")
    data = {"kind": "reconsideration", "received_on": "2027-03-01", "as_of": "2027-03-02"}
    assert "待确认" in client.post(PAGE, data=data).get_data(as_text=True)
    loaded = client.post(
        "/calendar/load",
        data={
            "_form": "manual",
            "m-year": "2027",
            "m-source_note": "国办发明电〔2026〕7号",
            "m-holidays": "2027-01-01 元旦\n2027-02-05~2027-02-12 春节\n2027-10-01~2027-10-07 国庆节",
            "m-workdays": "2027-02-20\n2027-10-09",
        },
    )
    assert loaded.status_code == 302
    text = client.post(PAGE, data=data).get_data(as_text=True)
    due = re.search(r'<dd id="due-on"[^>]*>(.*?)</dd>', text, re.S)[1]
    assert "2027年5月7日" in due and "待确认" not in due
    assert any("管理员录入：国办发明电〔2026〕7号" in line for line in steps_on(text))


def test_mediation_tab_and_unknown_kind(client, login_as):
    login_as("mediator")
    text = client.get(PAGE + "?kind=mediation").get_data(as_text=True)
    assert 'name="accepted_on"' in text and 'name="received_on"' not in text
    assert client.get(PAGE + "?kind=appeal").status_code == 404


def test_the_page_needs_the_calculator_permission(client, login_as, monkeypatch):
    login_as("mediator")
    assert client.get(PAGE).status_code == 200
    assert "期限计算器" in client.get("/?cards=1").get_data(as_text=True)
    monkeypatch.setitem(
        ROLE_PERMISSIONS, Role.MEDIATOR, ROLE_PERMISSIONS[Role.MEDIATOR] - {Permission.USE_CALCULATOR}
    )
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, data={"received_on": "2024-09-27"}).status_code == 403


def test_login_required(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_the_form_is_protected_against_csrf(app, client, login_as, monkeypatch):
    login_as("reconsideration")
    monkeypatch.setitem(app.config, "WTF_CSRF_ENABLED", True)
    text = client.get(PAGE).get_data(as_text=True)
    assert 'name="csrf_token"' in text
    response = client.post(PAGE, data={"kind": "reconsideration", "received_on": "2024-09-27"})
    assert 'id="steps"' not in response.get_data(as_text=True)
