"""Keyboard only (Tab, Shift+Tab, Enter, Space, Escape and typing; no clicks): a mediator logs in, skips to the
content, registers a dispute (an error is announced in the summary and its link leads to the field) and accepts
it from the case page's action panel; the focus is visible at every step."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from casebook.extensions import db
from casebook.mediation.models import MediationCase
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

WRONG_ID = "110105194912310021"  # the check digit does not match
GOOD_ID = "11010519491231002X"
FOCUSED = "document.activeElement"


def tab_to(page, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus; fail if the keyboard never reaches it."""
    for _ in range(limit):
        if page.evaluate(f"{FOCUSED}.matches({selector!r})"):
            assert_focus_visible(page)
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} not reached with {limit} presses of Tab")


def assert_focus_visible(page) -> None:
    """The focused element is drawn with an outline (the focus ring), or its drawn stand-in is."""
    style = page.evaluate(
        f"""() => {{
            const el = {FOCUSED};
            const shown = el.matches('.nav-toggle') ? el.nextElementSibling : el;
            const css = getComputedStyle(shown);
            return [css.outlineStyle, parseFloat(css.outlineWidth)];
        }}"""
    )
    assert style[0] != "none" and style[1] >= 2, f"no visible focus ring: {style}"


def test_a_mediator_registers_and_accepts_a_dispute_with_the_keyboard_alone(
    page, live_csrf, make_committee, make_mediator, make_user
):
    committee = make_committee(name="城关镇人民调解委员会", short_name="城关")
    user = make_user("mediator", mediator=make_mediator(committees=[committee], name="李调解"))
    page.goto(f"{live_csrf}/login")
    tab_to(page, "#username")
    page.keyboard.type(user.username)
    tab_to(page, "#password")
    page.keyboard.type(PASSWORD)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/mediation/mine$"))

    # The first Tab shows the skip link; Enter moves on to the content, past the navigation.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    assert page.locator(".skip-link").bounding_box()["x"] >= 0  # drawn on screen, not off to the left
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(f"!{FOCUSED}.closest('.topbar')"), "the skip link left the focus in the top bar"
    tab_to(page, "a[href$='/mediation/new']")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    tab_to(page, "#dispute_type_id")
    page.keyboard.press("ArrowDown")
    tab_to(page, "#summary")
    page.keyboard.type("两户因排水沟堵塞争执")
    tab_to(page, "#parties-0-name")
    page.keyboard.type("张三")
    tab_to(page, "#parties-0-id_number")
    page.keyboard.type(WRONG_ID)
    tab_to(page, "button[type=submit].primary")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # The error summary takes the focus and is announced; its link puts the cursor in the field.
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    expect(summary).to_have_attribute("role", "alert")
    expect(summary).to_contain_text("校验码")
    expect(page.locator("#parties-0-id_number")).to_have_attribute(
        "aria-describedby", "parties-0-id_number-error"
    )
    page.keyboard.press("Tab")
    expect(summary.locator("a").first).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#parties-0-id_number")).to_be_focused()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.type(GOOD_ID)
    tab_to(page, "button[type=submit].primary")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    # On the case page the message has the focus; the accept panel opens with Space and keeps the focus,
    # Escape closes it and leaves the focus on its heading, Enter submits it.
    expect(page.locator("#flashes")).to_be_focused()
    expect(page.locator(".flash-success")).to_contain_text("城关调〔")
    tab_to(page, "#act-accept > summary")
    page.keyboard.press("Space")
    expect(page.locator("#act-accept")).to_have_attribute("open", "")
    expect(page.locator("#act-accept > summary")).to_be_focused()
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(page.locator("#act-accept")).not_to_have_attribute("open", "")
    expect(page.locator("#act-accept > summary")).to_be_focused()
    page.keyboard.press("Enter")
    tab_to(page, "#act-accept button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".flash-success")).to_contain_text("已受理")
    expect(page.locator("#flashes")).to_be_focused()

    case = db.session.scalar(db.select(MediationCase))
    assert case.status == "accepted" and case.parties[0].name == "张三"
