"""Statistics in a real browser: the dashboard draws its charts under the CSP, a number opens its cases, the
Excel export downloads, the page fits a phone; on the demo data, clicking 7160 on the report lists 7160 cases, and
the dashboard transfers at most 400 KB on a first visit."""

from __future__ import annotations

import random
import re
from io import BytesIO

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect
from sqlalchemy import select

from casebook.extensions import db
from casebook.orgs.models import DisputeType
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD
from tests.stats.data import make_mediation_register, make_reconsideration_register

pytestmark = pytest.mark.browser


@pytest.fixture
def register(make_committee, make_mediator, make_agency):
    """A few committees with ~300 mediation and ~120 reconsideration cases over 2022–2024."""
    rng = random.Random(7)
    committees = [make_committee(code=f"C{i}") for i in range(1, 5)]
    staff = {c.id: [make_mediator([c])] for c in committees}
    types = list(db.session.scalars(select(DisputeType.id).order_by(DisputeType.id).limit(8)))
    agencies = [make_agency(code=f"G{i}") for i in range(1, 4)]
    return make_mediation_register(rng, committees, staff, types, 300), make_reconsideration_register(
        rng, agencies, 120
    )


CSP_LISTENER = (
    "window.__csp = [];"
    "document.addEventListener('securitypolicyviolation',"
    " e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber));"
)


def _watch_csp(page) -> list[str]:
    """Collect CSP violations (console errors and securitypolicyviolation events) of the page."""
    problems: list[str] = []
    page.add_init_script(CSP_LISTENER)
    page.on(
        "console",
        lambda msg: (
            problems.append(msg.text)
            if msg.type == "error" and "Content Security Policy" in msg.text
            else None
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    return problems


def test_dashboard_draws_its_charts_under_the_csp_and_numbers_open_their_cases(
    page, live_csrf, make_user, register
):
    user = make_user("bureau")
    problems = _watch_csp(page)
    log_in(page, live_csrf, user.username, PASSWORD)
    page.goto(f"{live_csrf}/stats/?period=year&year=2023")
    for chart in (
        "chart-mediation-monthly",
        "chart-mediation-types",
        "chart-mediation-committees",
        "chart-recon-outcomes",
    ):
        expect(page.locator(f"#{chart}[data-ready='1'] svg").first).to_be_visible()
    bars = page.locator("#chart-mediation-monthly svg path")
    assert bars.count() > 12
    page.hover("#chart-mediation-monthly svg")  # a tooltip is drawn too
    page.wait_for_timeout(300)
    violations = page.evaluate("window.__csp")
    assert violations == [], "\n".join(violations[:5])
    assert problems == []

    # The registered count opens the mediation list of exactly those cases.
    value = page.locator("#fig-registered .figure-value").inner_text()
    page.click("#fig-registered a.figure-value")
    expect(page.locator("#drill-banner")).to_contain_text(value)
    expect(page.locator(".pager-info")).to_contain_text(value)
    assert problems == []


def test_excel_download(page, live_csrf, make_user, register):
    user = make_user("bureau")
    log_in(page, live_csrf, user.username, PASSWORD)
    page.goto(f"{live_csrf}/stats/?period=year&year=2023")
    with page.expect_download() as info:
        page.click("a[href^='/stats/export.xlsx']")
    download = info.value
    assert download.suggested_filename.endswith(".xlsx")
    with open(download.path(), "rb") as fh:
        book = load_workbook(BytesIO(fh.read()))
    assert book.sheetnames[:2] == ["口径说明", "主要指标"]
    registered = page.locator("#fig-registered .figure-value").inner_text()
    rows = {(r[0], r[1]): r for r in book["主要指标"].iter_rows(values_only=True)}
    assert rows[("人民调解", "登记纠纷")][2] == int(registered)


def test_dashboard_fits_a_phone(phone_page, live_csrf, make_user, register):
    user = make_user("bureau")
    problems = _watch_csp(phone_page)
    log_in(phone_page, live_csrf, user.username, PASSWORD)
    phone_page.goto(f"{live_csrf}/stats/?period=year&year=2023")
    expect(phone_page.locator("#chart-mediation-monthly[data-ready='1'] svg")).to_be_visible()
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375
    # The picker shows only the fields of the chosen kind of period.
    expect(phone_page.locator("#quarter")).to_be_hidden()
    phone_page.select_option("#period", "quarter")
    expect(phone_page.locator("#quarter")).to_be_visible()
    phone_page.goto(f"{live_csrf}/stats/report?year=2023")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    assert problems == []


def test_clicking_7160_on_the_demo_report_lists_7160_cases(page, demo_live_server):
    from casebook import demo

    password = dict((name, pw) for name, _role, pw in demo.DEMO_ACCOUNTS)["bureau"]
    problems = _watch_csp(page)
    log_in(page, demo_live_server, "bureau", password)
    page.goto(f"{demo_live_server}/stats/report?year=2023")
    expect(page.locator("#report")).to_contain_text("化解率98.8%")
    page.click("#report a.drill:text-is('7160')")
    expect(page).to_have_url(re.compile(r"/mediation/\?.*stat=succeeded"))
    expect(page.locator("#drill-total")).to_contain_text("7160")
    expect(page.locator(".pager-info")).to_contain_text("7160")
    assert problems == []


def test_the_dashboard_loads_at_most_400_kb_on_a_phone_and_its_files_are_cached(phone_page, demo_live_server):
    """Everything the demo dashboard transfers on a first visit (compressed, as the browser counts it), then
    again on a second visit, when the static files come from the browser's cache."""
    from casebook import demo

    password = dict((name, pw) for name, _role, pw in demo.DEMO_ACCOUNTS)["bureau"]
    problems = _watch_csp(phone_page)
    log_in(phone_page, demo_live_server, "bureau", password)
    cdp = phone_page.context.new_cdp_session(phone_page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # a first visit: nothing cached yet
    transferred: dict[str, int] = {}
    cdp.on(
        "Network.loadingFinished", lambda e: transferred.__setitem__(e["requestId"], e["encodedDataLength"])
    )
    phone_page.goto(f"{demo_live_server}/stats/", wait_until="networkidle")
    expect(phone_page.locator("#chart-mediation-monthly[data-ready='1'] svg")).to_be_visible()
    first = sum(transferred.values())
    assert 100_000 < first <= 400_000, f"{first} bytes"

    cdp.send("Network.setCacheDisabled", {"cacheDisabled": False})
    phone_page.goto(f"{demo_live_server}/stats/", wait_until="networkidle")  # fills the cache
    transferred.clear()
    phone_page.goto(f"{demo_live_server}/stats/", wait_until="networkidle")
    assert sum(transferred.values()) < 60_000  # the page itself; the script and styles from the cache
    assert problems == []
