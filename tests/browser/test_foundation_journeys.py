"""Foundation journeys in a real browser: log in, switch language, change password, log out, throttling."""

import re

import pytest
from playwright.sync_api import expect

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


def test_repeated_failed_logins_are_throttled(page, live_csrf, make_user):
    user = make_user("mediator")
    for _ in range(5):
        log_in(page, live_csrf, user.username, "not my password")
        expect(page.locator("#password-error")).to_be_visible()
    log_in(page, live_csrf, user.username, PASSWORD)
    expect(page.locator("body")).to_contain_text("尝试次数过多")


def test_phone_layout_has_a_menu(phone_page, live_csrf, make_user):
    user = make_user("admin")
    log_in(phone_page, live_csrf, user.username, PASSWORD)
    expect(phone_page.locator(".mainnav")).to_be_hidden()
    phone_page.click("label.nav-toggle-label")
    expect(phone_page.locator(".mainnav")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
