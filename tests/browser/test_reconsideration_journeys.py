"""The reconsideration issue's "Done when", in a real browser: an application received on the Friday before
National Day shows the deemed acceptance and due date of domain.md's worked example; a suspension and an extension
move the due date with the steps explained; 撤销 counts as a correction; a mediator gets 404."""

import re

import pytest
from playwright.sync_api import expect

from casebook.extensions import db
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def _act(page, action: str, fields: dict[str, str], selects: dict[str, str] | None = None) -> None:
    page.click(f"#action-{action} > summary")
    for name, value in fields.items():
        page.fill(f"#{action}-{name}", value)
    for name, value in (selects or {}).items():
        page.select_option(f"#{action}-{name}", value)
    page.click(f"#action-{action} button[type=submit]")


def test_officer_records_an_application_and_follows_its_deadline(page, live_csrf, make_user, make_agency):
    agency = make_agency(name="区市场监督管理局")
    officer = make_user("reconsideration", display_name="复议员")
    log_in(page, live_csrf, officer.username, PASSWORD)
    expect(page).to_have_url(re.compile(r"/reconsideration/$"))
    expect(page.locator("h1")).to_contain_text("行政复议工作台")

    page.click("text=收案登记")
    page.fill("#received_on", "2024-09-27")
    page.select_option("#agency_id", str(agency.id))
    page.select_option("#act_category", "penalty")
    page.fill("#applicant_name", "张三")
    page.fill("#applicant_id_number", "11010519491231002")  # one character short
    page.click("button[type=submit].primary")
    expect(page.locator("#applicant_id_number-error")).to_contain_text("18")
    expect(page.locator("#applicant_name")).to_have_value("张三")  # nothing typed is lost
    page.fill("#applicant_id_number", "11010519491231002X")
    page.click("button[type=submit].primary")

    expect(page.locator(".flash-success")).to_contain_text("区府复〔2024〕1号")
    expect(page.get_by_test_id("accepted-on")).to_contain_text("2024年10月10日")
    expect(page.get_by_test_id("accepted-on")).to_contain_text("视为受理")
    expect(page.get_by_test_id("due-on")).to_contain_text("2024年12月9日")
    steps = page.get_by_test_id("steps")
    expect(steps).to_contain_text("2024-09-30、2024-10-08、2024-10-09、2024-10-10")
    expect(steps).to_contain_text("视为受理")
    expect(page.locator("td.nowrap").first).to_contain_text("1101**********002X")

    _act(page, "suspend", {"on": "2024-10-08"}, {"ground": "6"})  # refused, with the reason beside the field
    expect(page.locator("#suspend-on-error")).to_contain_text("自 2024-10-10 起视为受理")
    expect(page.locator("#suspend-ground")).to_have_value("6")
    page.fill("#suspend-on", "2024-10-15")
    page.click("#action-suspend button[type=submit]")
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.get_by_test_id("due-on")).to_contain_text("—")
    _act(page, "resume", {"on": "2024-10-25"})
    expect(page.get_by_test_id("due-on")).to_contain_text("2024年12月19日")
    expect(page.get_by_test_id("steps")).to_contain_text("不计入 10 日")

    _act(page, "extend", {"on": "2024-11-20", "days": "30", "approver": "李主任"})
    expect(page.get_by_test_id("due-on")).to_contain_text("2025年1月20日")
    steps = page.get_by_test_id("steps")
    expect(steps).to_contain_text("经批准延长 30 日")
    expect(steps).to_contain_text("2025-01-18 为休息日")

    _act(page, "conclude", {"on": "2024-12-20", "document_no": "区府复决〔2024〕1号"}, {"outcome": "revoke"})
    expect(page.get_by_test_id("correction")).to_be_visible()
    expect(page.locator("h1 .badge.ok").first).to_be_visible()
    page.goto(f"{live_csrf}/reconsideration/cases?outcome=correction")
    expect(page.locator("table")).to_contain_text("区府复〔2024〕1号")


def test_a_mediator_gets_404_for_pages_and_api(
    page, live_csrf, client, make_user, make_recon_case, api_client
):
    case = make_recon_case()
    mediator = make_user("mediator")
    log_in(page, live_csrf, mediator.username, PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/login"))  # the login has completed
    for path in ["/reconsideration/", "/reconsideration/cases", f"/reconsideration/cases/{case.id}",
                 "/reconsideration/cases.xlsx", f"/reconsideration/cases/{case.id}/print/acceptance"]:  # fmt: skip
        response = page.goto(f"{live_csrf}{path}")
        assert response.status == 404, path
    expect(page.locator("nav.mainnav")).not_to_contain_text("行政复议")
    _user, headers = api_client("mediator")
    api = page.request.get(f"{live_csrf}/api/v1/reconsideration/cases/{case.id}", headers=headers)
    assert api.status == 404


def test_case_page_fits_a_phone(phone_page, live_csrf, make_user, make_recon_case):
    case = make_recon_case()
    db.session.commit()
    officer = make_user("reconsideration")
    log_in(phone_page, live_csrf, officer.username, PASSWORD)
    expect(phone_page).to_have_url(re.compile(r"/reconsideration/$"))
    for path in ["/reconsideration/", "/reconsideration/cases", f"/reconsideration/cases/{case.id}"]:
        phone_page.goto(f"{live_csrf}{path}")
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 375, (path, width)


def test_officer_records_the_supplement_notice_and_the_abandonment_on_a_phone(
    phone_page, live_csrf, make_user, make_recon_case
):
    # ARL23 art 31 ¶2: the applicant's 10 working days count from receiving the notice (10-08 → 10-21); an
    # abandonment before that day is refused beside the field, after it the case closes as 视为放弃.
    from datetime import date

    from casebook.reconsideration import operations

    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.request_supplement(case, None, date(2024, 9, 30), "身份证明")
    db.session.commit()
    officer = make_user("reconsideration")
    log_in(phone_page, live_csrf, officer.username, PASSWORD)
    phone_page.goto(f"{live_csrf}/reconsideration/cases/{case.id}")
    expect(phone_page.get_by_test_id("supplement-notice-assumed")).to_be_visible()
    expect(phone_page.get_by_test_id("supplement-due-on")).to_contain_text("2024年10月18日")

    _act(phone_page, "supplement_notice", {"on": "2024-10-08"})
    expect(phone_page.get_by_test_id("supplement-due-on")).to_contain_text("2024年10月21日")
    _act(phone_page, "abandon", {"on": "2024-10-21"})
    expect(phone_page.locator("#abandon-on-error")).to_contain_text("2024-10-21")
    phone_page.fill("#abandon-on", "2024-10-22")
    phone_page.click("#action-abandon button[type=submit]")
    expect(phone_page.get_by_test_id("flag-abandoned")).to_contain_text("视为放弃")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width


def test_officer_follows_a_decision_after_it_is_made(
    phone_page, live_csrf, make_user, make_recon_case, make_agency
):
    # ARL23 art 76–77: the decision served, its performance due; an opinion issued to an agency with its report due.
    from datetime import date

    from casebook.reconsideration import operations

    agency = make_agency(name="区城市管理局")
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.accept(case, None, date(2024, 9, 30))
    operations.conclude(case, None, date(2024, 11, 1), "revoke")
    db.session.commit()
    officer = make_user("reconsideration")
    log_in(phone_page, live_csrf, officer.username, PASSWORD)
    phone_page.goto(f"{live_csrf}/reconsideration/cases/{case.id}")
    _act(phone_page, "serve_decision", {"on": "2024-11-05"})
    expect(phone_page.get_by_test_id("performance-due-on")).to_contain_text("2024年12月5日")
    _act(
        phone_page,
        "issue_opinion",
        {"on": "2024-11-01", "content": "执法程序不规范"},
        {"agency_id": str(agency.id)},
    )
    expect(phone_page.get_by_test_id("opinions")).to_contain_text("区城市管理局")
    expect(phone_page.get_by_test_id("opinions")).to_contain_text("2024年12月31日")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width


def test_a_provisional_deadline_on_a_phone(
    phone_page, live_csrf, make_user, make_recon_case, set_today, tmp_path
):
    """A decision deadline in 2027 (no schedule yet) shows its date with 待确认 and the reason, within 375 px."""
    from datetime import date

    set_today(date(2026, 12, 2))
    case = make_recon_case(received_on=date(2026, 11, 20))
    officer = make_user("reconsideration")
    log_in(phone_page, live_csrf, officer.username, PASSWORD)
    phone_page.goto(f"{live_csrf}/reconsideration/cases/{case.id}")
    due = phone_page.get_by_test_id("due-on")
    expect(due).to_contain_text("2027年1月26日")
    expect(due.locator(".badge.provisional")).to_have_text("待确认")
    expect(due).to_contain_text("2027年节假日安排尚未发布，未计入调休")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.get_by_test_id("due-on").scroll_into_view_if_needed()
    phone_page.screenshot(path=str(tmp_path / "provisional-case-375.png"), full_page=False)
    phone_page.goto(f"{live_csrf}/reconsideration/")
    expect(phone_page.locator(".badge.provisional").first).to_have_text("待确认")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
