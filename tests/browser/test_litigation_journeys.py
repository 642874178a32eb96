"""The litigation register in a real browser: an officer registers a case (a bad ID number refused beside its
field), sees the defence's due date of ALL art 67 ¶1, records a hearing where the head appeared and a judgment
against the agency; the desk lists the defence due; the pages fit a 375-px phone."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from casebook.extensions import db
from casebook.litigation import operations
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _act(page, action: str, fields: dict[str, str], selects: dict[str, str] | None = None) -> None:
    page.click(f"#action-{action} > summary")
    for name, value in (selects or {}).items():
        page.select_option(f"#{action}-{name}", value)
    for name, value in fields.items():
        page.fill(f"#{action}-{name}", value)
    page.click(f"#action-{action} button[type=submit]")


def test_officer_registers_a_case_a_hearing_and_a_judgment(page, live_csrf, make_user, make_agency):
    agency = make_agency(name="区自然资源局")
    officer = make_user("reconsideration", display_name="应诉员")
    log_in(page, live_csrf, officer.username, PASSWORD)
    page.goto(f"{live_csrf}/litigation/new")
    page.fill("#court", "区人民法院")
    page.fill("#court_case_no", "（2025）赣0102行初21号")
    page.fill("#filed_on", "2025-06-03")
    page.fill("#complaint_served_on", "2025-06-09")
    page.select_option("#agency_id", str(agency.id))
    page.select_option("#act_category", "licensing")
    page.fill("#plaintiff_name", "刘一")
    page.fill("#plaintiff_id_number", "11010519491231002")  # one character short
    page.click("button[type=submit].primary")
    expect(page.locator("#plaintiff_id_number-error")).to_contain_text("18")
    expect(page.locator("#plaintiff_name")).to_have_value("刘一")
    page.fill("#plaintiff_id_number", "11010519491231002X")
    page.click("button[type=submit].primary")

    expect(page.locator(".flash-success")).to_contain_text("（2025）赣0102行初21号")
    expect(page.get_by_test_id("defence-due-on")).to_contain_text("2025年6月24日")
    expect(page.get_by_test_id("steps")).to_contain_text("第六十七条第一款")

    _act(page, "hearing", {"on": "2025-06-12"}, {"appearance": "staff"})  # no reason given: refused beside it
    expect(page.locator("#hearing-absence_reason-error")).to_contain_text("理由")
    page.select_option("#hearing-appearance", "head")
    page.fill("#hearing-head_name", "郑局长")
    page.click("#action-hearing button[type=submit]")
    expect(page.get_by_test_id("head-appeared")).to_be_visible()

    _act(
        page,
        "judgment",
        {"on": "2025-06-13", "document_no": "（2025）赣0102行初21号判决"},
        {"outcome": "revoke"},
    )
    expect(page.get_by_test_id("judgment")).to_contain_text("败诉")
    expect(page.locator("#history")).to_contain_text("应诉员")

    page.goto(f"{live_csrf}/litigation/?against=1")
    expect(page.locator("table")).to_contain_text("（2025）赣0102行初21号")


def test_desk_and_case_page_fit_a_phone(phone_page, live_csrf, make_user, make_litigation_case, tmp_path):
    case = make_litigation_case(
        filed_on=date(2025, 6, 2),
        complaint_served_on=date(2025, 6, 9),
        court_case_no="（2025）赣0102行初30号",
    )
    operations.schedule_hearing(case, None, date(2025, 6, 30))
    db.session.commit()
    officer = make_user("reconsideration")
    log_in(phone_page, live_csrf, officer.username, PASSWORD)
    expect(phone_page).to_have_url(re.compile(r"/reconsideration/$"))
    expect(phone_page.get_by_test_id("litigation-desk")).to_contain_text("（2025）赣0102行初30号")
    for path in ("/reconsideration/", "/litigation/", f"/litigation/{case.id}", "/litigation/new"):
        phone_page.goto(f"{live_csrf}{path}")
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)
    phone_page.goto(f"{live_csrf}/litigation/{case.id}")
    phone_page.screenshot(path=str(tmp_path / "litigation_case_375.png"), full_page=True)
