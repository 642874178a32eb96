"""WCAG 2.2 AA in a real browser: axe-core over every page of the navigation, for each demo role, on a desktop
and a phone, in Chinese and in English; any violation fails with its page, rule and elements."""

from __future__ import annotations

import os
import re

import pytest

from casebook import demo
from casebook.auth.models import User
from casebook.extensions import db
from tests.browser.axe import axe_context, axe_violations, describe_violations
from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser

ROLES = [username for username, _role, _password in demo.DEMO_ACCOUNTS]
PASSWORDS = {username: password for username, _role, password in demo.DEMO_ACCOUNTS}
WIDTHS = [1280, 375]
LANGUAGES = ["zh", "en"]
# Beyond the navigation: the first page of each kind linked from it (a case, a new-case form, a breakdown table,
# the annual report), so that the forms and detail pages are scanned too: once per width and language, by the
# first role that reaches it (their markup does not depend on the role), which keeps the run short.
LINKED_PAGES = [
    r"/mediation/\d+$",
    r"/mediation/new$",
    r"/reconsideration/cases/\d+$",
    r"/reconsideration/cases/new$",
    r"/stats/tables/[^/?]+/[^/?]+",
    r"/stats/report\?year=\d+$",
]
_linked_scanned: set[tuple[str, int, str]] = set()


@pytest.fixture
def restore_language(demo_app):
    """The scan switches the demo users' language; put back what they had."""
    with demo_app.app_context():
        saved = {user.username: user.language for user in db.session.scalars(db.select(User))}
    yield
    with demo_app.app_context():
        for user in db.session.scalars(db.select(User)):
            user.language = saved.get(user.username, user.language)
        db.session.commit()


def _hrefs(page) -> list[str]:
    return page.eval_on_selector_all("a[href^='/']", "links => links.map(a => a.getAttribute('href'))")


def _pages_to_scan(page) -> list[str]:
    """The navigation's pages and the account page."""
    nav = page.eval_on_selector_all(
        ".mainnav a[href^='/']", "links => links.map(a => a.getAttribute('href'))"
    )
    return list(dict.fromkeys([*nav, "/account"]))


@pytest.mark.skipif(
    os.environ.get("CASEBOOK_DATABASE_URL", "").startswith("postgresql"),
    reason="the pages' markup does not depend on the database: the SQLite run scans the whole matrix",
)
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("username", ROLES)
def test_every_navigation_page_meets_wcag_22_aa(
    browser, demo_live_server, restore_language, username, width, lang
):
    context = axe_context(
        browser,
        locale="zh-CN",
        viewport={"width": width, "height": 900 if width > 760 else 740},
        is_mobile=width < 760,
    )
    context.add_cookies([{"name": "lang", "value": lang, "url": demo_live_server}])
    page = context.new_page()
    problems: list[str] = []
    try:
        page.goto(f"{demo_live_server}/login")
        if ("/login", width, lang) not in _linked_scanned:
            _linked_scanned.add(("/login", width, lang))
            problems += describe_violations(f"/login ({width}px, {lang})", axe_violations(page))
        log_in(page, demo_live_server, username, PASSWORDS[username])
        switch = page.locator(f".langswitch button[value={lang}]")
        if switch.count():
            with page.expect_navigation():
                switch.click()
        queue = _pages_to_scan(page)
        found = {pattern: (pattern, width, lang) in _linked_scanned for pattern in LINKED_PAGES}
        scanned = 0
        while queue:
            path = queue.pop(0)
            response = page.goto(f"{demo_live_server}{path}")
            assert response.status == 200, f"{path}: HTTP {response.status}"
            problems += describe_violations(f"{path} ({username}, {width}px, {lang})", axe_violations(page))
            scanned += 1
            for href in _hrefs(page):
                for pattern, done in found.items():
                    if not done and re.search(pattern, href):
                        found[pattern] = True
                        _linked_scanned.add((pattern, width, lang))
                        queue.append(href)
        assert scanned >= 4, f"only {scanned} pages scanned for {username}"
    finally:
        context.close()
    assert not problems, "WCAG 2.2 AA violations:\n" + "\n".join(problems)


def test_each_chart_has_its_figures_as_a_table_beside_it(page, demo_live_server):
    log_in(page, demo_live_server, "bureau", PASSWORDS["bureau"])
    page.goto(f"{demo_live_server}/stats/?year=2023")
    charts = page.locator(".chart")
    assert charts.count() == 6
    for i in range(charts.count()):
        alternative = page.locator(f"#{charts.nth(i).get_attribute('aria-describedby')}")
        table_link = alternative.locator("a[href^='#table-']")
        if table_link.count():  # the breakdown table the chart draws from, on the page and in full
            assert page.locator(table_link.get_attribute("href")).locator("tbody tr").count() > 0
            assert alternative.locator("a[href*='/stats/tables/']").count() == 1
        else:  # a monthly series: its own table, each figure linked to its cases
            alternative.locator("summary").click()
            assert alternative.locator("tbody tr").count() == 12
            assert alternative.locator("tbody a.drill").count() > 12


def test_tables_shown_as_cards_on_a_phone_keep_their_headers_for_screen_readers(phone_page, demo_live_server):
    log_in(phone_page, demo_live_server, "bureau", PASSWORDS["bureau"])
    for path, header in (("/mediation/", "状态"), ("/orgs/committees", "名称")):
        phone_page.goto(f"{demo_live_server}{path}")
        assert (
            phone_page.locator(".table.responsive thead").first.bounding_box()["height"] <= 1
        )  # out of sight
        # What Chromium hands to screen readers (its accessibility tree), not what the DOM says.
        tree = phone_page.context.new_cdp_session(phone_page).send("Accessibility.getFullAXTree")["nodes"]
        headers = [n["name"]["value"] for n in tree if n.get("role", {}).get("value") == "columnheader"]
        assert any(header in name for name in headers), (path, headers)
