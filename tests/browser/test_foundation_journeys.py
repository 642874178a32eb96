"""Foundation journeys in a real browser: log in, switch language, change password, log out, throttling."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from casebook.auth.models import SecurityEvent
from casebook.core import clock
from casebook.extensions import db
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_log_in_switch_language_change_password_log_out(page, live_csrf, make_user):
    user = make_user("admin", display_name="王科员")  # admin has no role home: the cards
    log_in(page, live_csrf, user.username, PASSWORD)
    expect(page.locator("h1")).to_contain_text("欢迎")

    page.click("button[name=lang][value=en]")
    expect(page.locator("h1")).to_contain_text("Welcome")

    page.goto(f"{live_csrf}/account")
    page.fill("#pw-current_password", PASSWORD)
    page.fill("#pw-new_password", "short")
    page.click("form:has(#pw-new_password) button[type=submit]")
    expect(page.locator("#pw-new_password-error")).to_be_visible()

    page.fill("#pw-current_password", PASSWORD)
    page.fill("#pw-new_password", "a much longer passphrase")
    page.click("form:has(#pw-new_password) button[type=submit]")
    expect(page.locator(".flash-success")).to_be_visible()

    page.click("text=Log out")
    expect(page).to_have_url(re.compile(r"/login"))
    log_in(page, live_csrf, user.username, "a much longer passphrase")
    expect(page.locator("h1")).to_contain_text("Welcome")


def test_repeated_failed_logins_are_delayed(page, live_csrf, make_user):
    user = make_user("mediator")
    for _ in range(5):
        log_in(page, live_csrf, user.username, "not my password")
        expect(page.locator("#password-error")).to_be_visible()
    for i in range(10):  # an attacker's further failures, elsewhere
        db.session.add(
            SecurityEvent(
                kind="login_failed", username=user.username, created_at=clock.now() - timedelta(0, i)
            )
        )
    db.session.commit()
    log_in(page, live_csrf, user.username, PASSWORD)
    expect(page.locator("#password-error")).to_contain_text("秒后再试")


def test_security_log_and_sessions(page, live_csrf, make_user, browser):
    admin = make_user("admin", display_name="王管理")
    clerk = make_user("bureau", display_name="李文书")
    elsewhere = browser.new_context(locale="zh-CN").new_page()
    log_in(elsewhere, live_csrf, admin.username, PASSWORD)
    log_in(page, live_csrf, clerk.username, "a wrong guess")
    log_in(page, live_csrf, admin.username, PASSWORD)
    page.goto(f"{live_csrf}/account")
    expect(page.locator("text=当前会话")).to_be_visible()
    page.click("form[action^='/account/sessions/'] button")
    expect(page.locator(".flash-info")).to_contain_text("该会话已结束")
    elsewhere.goto(f"{live_csrf}/account")
    expect(elsewhere).to_have_url(re.compile(r"/login"))
    page.goto(f"{live_csrf}/admin/users")
    page.click("text=安全日志")
    expect(page.locator("h1")).to_contain_text("安全日志")
    page.select_option("#kind", "login_failed")
    page.click("form.filters button[type=submit]")
    rows = page.locator("table.security-log tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("李文书")


def test_phone_layout_has_a_menu(phone_page, live_csrf, make_user):
    user = make_user("admin")
    log_in(phone_page, live_csrf, user.username, PASSWORD)
    expect(phone_page.locator(".mainnav")).to_be_hidden()
    phone_page.click("label.nav-toggle-label")
    expect(phone_page.locator(".mainnav")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
