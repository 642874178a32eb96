"""Large-text mode (长辈模式) in a real browser: the switch in the header and on the account page, remembered on the
user; on a 375-px phone the main pages pass the same checks in normal and large-text mode (no sideways scrolling,
every control at least 44 × 44 px), large text has body text of 18 px or more; printed documents keep their size."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from casebook import demo
from casebook.auth.models import User
from casebook.extensions import db
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

LARGE = re.compile(r"\blarge-text\b")
PHONE = 375
TAP = 44  # px, WCAG 2.5.5 (target size, enhanced)
# The controls a finger must hit. Links inside running text and table cells are exempt (WCAG 2.5.8's inline
# exception); a checkbox or radio button is hit through its label.
SMALL_TARGETS = """
(min) => {
  const selector = 'button, .button, input:not([type=hidden]), select, textarea, summary, .mainnav a, .usermenu a,'
    + ' .pager a, .tabs a, .subnav a';
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\\s+/).join('.') : '')
    + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 20) + '"';
  const small = [];
  for (const el of document.querySelectorAll(selector)) {
    let target = el;
    if (el.matches('input[type=checkbox], input[type=radio]')) {
      target = el.closest('label') || (el.id && document.querySelector(`label[for="${el.id}"]`)) || el;
    }
    if (!target.getClientRects().length || getComputedStyle(target).visibility === 'hidden') continue;
    if (target.closest('.skip-link')) continue;  // off screen until focused
    const box = target.getBoundingClientRect();
    if (box.width < min - 0.5 || box.height < min - 0.5) {
      small.push(`${name(target)} ${Math.round(box.width)}×${Math.round(box.height)}`);
    }
  }
  return small;
}
"""
# Sideways overflow: of the page, of a card or table frame past the screen, of a table shown as cards.
OVERFLOW = """
(width) => {
  const wide = [];
  if (document.documentElement.scrollWidth > width) wide.push('page ' + document.documentElement.scrollWidth);
  for (const el of document.querySelectorAll('.card, .table-wrap, .figure, .flash')) {
    const right = el.getBoundingClientRect().right;
    if (el.getClientRects().length && right > width + 0.5) wide.push(el.className + ' ' + Math.round(right));
  }
  for (const table of document.querySelectorAll('.table.responsive')) {
    if (table.scrollWidth > table.parentElement.clientWidth + 1) wide.push('table.responsive ' + table.scrollWidth);
  }
  return wide;
}
"""


def _main_pages(page, base: str) -> list[str]:
    """The pages a phone user works in: lists, a case of each kind, the forms, the dashboard, the account."""
    page.goto(f"{base}/mediation/")
    mediation_case = page.locator("a[href^='/mediation/']").filter(has_text="号").first.get_attribute("href")
    page.goto(f"{base}/reconsideration/cases")
    reconsideration_case = page.locator(".table a[href^='/reconsideration/cases/']").first.get_attribute(
        "href"
    )
    return [
        "/",
        "/mediation/",
        "/mediation/new",
        mediation_case,
        "/reconsideration/cases",
        reconsideration_case,
        "/stats/?year=2023",
        "/orgs/",
        "/calendar/calculator",
        "/account",
    ]


@pytest.mark.parametrize("size", ["normal", "large"])
def test_main_pages_fit_a_phone_with_44_px_controls(browser, demo_live_server, size):
    context = browser.new_context(locale="zh-CN", viewport={"width": PHONE, "height": 740}, is_mobile=True)
    # The browser's choice (the cookie) decides for a user who has not chosen: the demo users stay as they are.
    context.add_cookies([{"name": "textsize", "value": size, "url": demo_live_server}])
    page = context.new_page()
    problems = []
    try:
        log_in(page, demo_live_server, "admin", dict((u, p) for u, _r, p in demo.DEMO_ACCOUNTS)["admin"])
        for path in _main_pages(page, demo_live_server):
            page.goto(f"{demo_live_server}{path}")
            assert (page.locator("html.large-text").count() == 1) == (size == "large"), path
            page.locator("label.nav-toggle-label").click()  # the menu open, its entries measured too
            problems += [f"{path}: overflow {item}" for item in page.evaluate(OVERFLOW, PHONE)]
            problems += [f"{path}: small target {item}" for item in page.evaluate(SMALL_TARGETS, TAP)]
            if size == "large":
                body = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
                assert body >= 18, f"{path}: body text {body}px"
    finally:
        context.close()
    assert not problems, f"{size} text on a {PHONE}-px phone:\n" + "\n".join(problems)


def test_the_switch_is_in_the_header_and_the_account_and_is_remembered_on_the_user(
    browser, page, live_csrf, make_user, make_committee, make_mediator
):
    committee = make_committee(name="城关镇人民调解委员会", short_name="城关")
    user = make_user("mediator", mediator=make_mediator(committees=[committee]))
    log_in(page, live_csrf, user.username, PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/login"))
    switch = page.locator(".topbar .textsize-switch button")
    expect(switch).to_have_text("长辈模式")
    expect(switch).to_have_attribute("aria-pressed", "false")
    switch.click()
    expect(page.locator("html")).to_have_class(LARGE)
    expect(page).to_have_url(re.compile(r"/mediation/mine$"))  # back where the user was
    assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") >= 18
    db.session.expire_all()
    assert db.session.get(User, user.id).text_size == "large"

    # Another device: the choice comes with the user.
    other = browser.new_context(locale="zh-CN")
    elsewhere = other.new_page()
    log_in(elsewhere, live_csrf, user.username, PASSWORD)
    expect(elsewhere.locator("html")).to_have_class(LARGE)
    # A printed document keeps its size.
    elsewhere.goto(f"{live_csrf}/mediation/new")
    elsewhere.fill("#parties-0-name", "张三")
    elsewhere.click("button[type=submit].primary")
    expect(elsewhere.locator(".flash-success")).to_be_visible()
    elsewhere.goto(f"{elsewhere.url}/registration")
    expect(elsewhere.locator("html")).not_to_have_class(LARGE)
    other.close()

    page.goto(f"{live_csrf}/account")
    account_switch = page.locator("#display .textsize-switch button")
    expect(account_switch).to_have_attribute("aria-pressed", "true")
    account_switch.click()
    expect(page.locator("html")).not_to_have_class(LARGE)
    expect(page).to_have_url(re.compile(r"/account$"))
    db.session.expire_all()
    assert db.session.get(User, user.id).text_size == "normal"


def test_a_logged_out_page_remembers_large_text_in_the_browser(page, live_csrf):
    page.goto(f"{live_csrf}/login")
    page.click(".textsize-switch button")
    expect(page.locator("html")).to_have_class(LARGE)
    page.goto(f"{live_csrf}/login")
    expect(page.locator("html")).to_have_class(LARGE)
    assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('#username')).height)") >= 44
