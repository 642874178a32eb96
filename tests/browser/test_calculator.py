"""The deadline calculator and the holiday schedules in a real browser (Chinese UI, CSRF on)."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_officer_computes_the_worked_example_and_sees_the_steps(page, live_csrf, make_user):
    user = make_user("reconsideration", display_name="复议科员")
    log_in(page, live_csrf, user.username, PASSWORD)
    page.click("nav.mainnav >> text=期限计算器")
    expect(page.locator("h1")).to_have_text("期限计算器")

    page.fill("#received_on", "2024-09-27")
    page.fill("#as_of", "2024-11-01")
    page.click("button:has-text('计算')")
    expect(page.locator("#acceptance-due")).to_have_text("2024年10月10日")
    expect(page.locator("#accepted-on")).to_contain_text("视为受理")
    expect(page.locator("#due-on")).to_have_text("2024年12月9日")
    expect(page.locator("#status")).to_contain_text("尚余 38 日")
    expect(page.locator("#steps li")).to_contain_text([re.compile("2024-09-29、2024-09-30、2024-10-08")])

    # a suspension row, then a closing date before receipt: message beside the field, input kept
    page.fill("#suspensions-0-from_on", "2024-10-15")
    page.fill("#suspensions-0-to_on", "2024-10-25")
    page.click("button:has-text('计算')")
    expect(page.locator("#due-on")).to_have_text("2024年12月19日")
    page.fill("#closed_on", "2024-09-20")
    page.click("button:has-text('计算')")
    expect(page.locator("#closed_on-error")).to_contain_text("结案日期早于")
    expect(page.locator("#suspensions-0-from_on")).to_have_value("2024-10-15")


def test_a_year_without_a_schedule_is_provisional_and_certain_once_an_administrator_loads_it(
    page, live_csrf, make_user
):
    admin = make_user("admin")
    log_in(page, live_csrf, admin.username, PASSWORD)
    page.goto(f"{live_csrf}/calendar/calculator?kind=mediation")
    page.fill("#accepted_on", "2027-03-01")
    page.fill("#as_of", "2027-03-02")
    page.click("button:has-text('计算')")
    expect(page.locator("#due-on")).to_contain_text("2027年3月31日")
    expect(page.locator("#due-on .badge.provisional")).to_have_text("待确认")
    expect(page.locator("#due-on")).to_contain_text("2027年节假日安排尚未发布，未计入调休")

    page.click("#provisional-load a")
    expect(page.locator("#m-year")).to_have_value("2027")
    page.fill("#m-source_note", "国办发明电〔2026〕7号")
    page.fill("#m-holidays", "2027-01-01 元旦\n2027-02-05~2027-02-12 春节\n2027-04-05 清明节")
    page.fill("#m-workdays", "2027-02-20 春节\n2027-10-08")
    page.click("form:has(#m-holidays) button[type=submit]")
    expect(page.locator("#m-workdays-error")).to_contain_text("2027-10-08 是工作日")
    page.fill("#m-workdays", "2027-02-20 春节")
    page.click("form:has(#m-holidays) button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text("已载入2027年的节假日安排")
    expect(page.locator(".schedule-table")).to_contain_text("清明节")

    page.goto(f"{live_csrf}/calendar/calculator?kind=mediation")
    page.fill("#accepted_on", "2027-03-01")
    page.fill("#as_of", "2027-03-02")
    page.click("button:has-text('计算')")
    expect(page.locator("#due-on")).to_have_text("2027年3月31日")
    expect(page.locator("#steps")).to_contain_text("管理员录入：国办发明电〔2026〕7号")


WIDEST = "Math.max(document.documentElement.scrollWidth, ...[...document.querySelectorAll('.card, .table-wrap')].map(e => e.getBoundingClientRect().right))"


def test_calculator_fits_a_phone(phone_page, live_csrf, make_user):
    user = make_user("mediator")
    log_in(phone_page, live_csrf, user.username, PASSWORD)
    phone_page.goto(f"{live_csrf}/calendar/calculator")
    phone_page.fill("#received_on", "2024-09-27")
    phone_page.fill("#as_of", "2024-11-01")
    phone_page.click("button:has-text('计算')")
    expect(phone_page.locator("#due-on")).to_have_text("2024年12月9日")
    assert phone_page.evaluate(WIDEST) <= 375
    # the answer comes before the form on a phone
    assert (
        phone_page.locator("#result").bounding_box()["y"]
        < phone_page.locator("#received_on").bounding_box()["y"]
    )
    phone_page.goto(f"{live_csrf}/calendar/?year=2024")
    expect(phone_page.locator(".schedule-table")).to_contain_text("国庆节")
    assert phone_page.evaluate(WIDEST) <= 375
