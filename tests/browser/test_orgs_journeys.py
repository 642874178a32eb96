"""Organisation journeys in a real browser: create a committee and a mediator, a director adds a member."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_bureau_creates_a_committee(page, live_csrf, make_user, make_area):
    make_area(code="360999", name="云溪区", level="district")
    user = make_user("bureau")
    log_in(page, live_csrf, user.username, PASSWORD)
    page.goto(f"{live_csrf}/orgs/committees")
    page.click("text=新建调委会")
    page.fill("#code", "C0100")
    page.fill("#name", "云溪区医疗纠纷人民调解委员会")
    page.select_option("#type", "sector")
    page.select_option("#area_id", label="云溪区")
    page.fill("#founded_on", "2015-03-01")
    page.click("button[type=submit].primary")
    expect(page.locator("#sector-error")).to_contain_text("行业领域")
    expect(page.locator("#name")).to_have_value("云溪区医疗纠纷人民调解委员会")  # nothing lost

    page.select_option("#sector", label="医疗")
    page.click("button[type=submit].primary")
    expect(page.locator("h1")).to_have_text("云溪区医疗纠纷人民调解委员会")
    expect(page.locator(".kv")).to_contain_text("行业性、专业性")
    expect(page.locator(".kv")).to_contain_text("2015年3月1日")


def test_a_bad_id_number_is_refused_with_the_reason(page, live_csrf, make_user, make_committee):
    make_committee(code="C1", name="东湖街道人民调解委员会")
    user = make_user("bureau")
    log_in(page, live_csrf, user.username, PASSWORD)
    page.goto(f"{live_csrf}/orgs/mediators/new")
    page.fill("#code", "M0100")
    page.fill("#name", "王小明")
    page.select_option("#gender", "male")
    page.fill("#id_number", "110101198001010011")
    page.fill("#phone", "13912345678")
    page.select_option("#committees", label="C1 东湖街道人民调解委员会")
    page.click("button[type=submit].primary")
    expect(page.locator("#id_number-error")).to_contain_text("校验码")
    expect(page.locator("#name")).to_have_value("王小明")

    page.fill("#id_number", "110101198001010010")
    page.click("button[type=submit].primary")
    expect(page.locator("h1")).to_contain_text("王小明")
    expect(page.locator("#id-number")).to_have_text("1101**********0010")  # the bureau sees it masked
    expect(page.locator("main")).to_contain_text("东湖街道人民调解委员会")


def test_a_director_adds_a_member_to_their_own_committee_only(
    page, live_csrf, make_user, make_committee, make_mediator
):
    own = make_committee(code="C1", name="东湖街道人民调解委员会")
    other = make_committee(code="C2", name="西山街道人民调解委员会")
    me = make_mediator(code="M1", name="主任甲", committees=[own], position="director")
    make_mediator(code="M2", name="新委员乙")
    user = make_user("director", mediator=me)
    log_in(page, live_csrf, user.username, PASSWORD)
    page.goto(f"{live_csrf}/orgs/committees/{own.id}")
    page.fill("#mediator_code", "M2")
    page.select_option("#position", "deputy")
    page.click("#add-member button[type=submit].primary")
    expect(page.locator(".flash-success")).to_contain_text("新委员乙")
    expect(page.locator("#members table")).to_contain_text("新委员乙")
    expect(page.locator("#members table")).to_contain_text("副主任")

    page.fill("#mediator_code", "M404")
    page.click("#add-member button[type=submit].primary")
    expect(page.locator("#mediator_code-error")).to_be_visible()

    response = page.goto(f"{live_csrf}/orgs/committees/{other.id}")
    assert response.status == 404


def test_committee_page_fits_a_phone(phone_page, live_csrf, make_user, make_committee, make_mediator):
    committee = make_committee(code="C1", name="东湖街道人民调解委员会")
    make_mediator(code="M1", name="主任甲", committees=[committee], position="director")
    user = make_user("admin")
    log_in(phone_page, live_csrf, user.username, PASSWORD)
    for url in [f"/orgs/committees/{committee.id}", "/orgs/committees", "/orgs/mediators", "/orgs/"]:
        phone_page.goto(f"{live_csrf}{url}")
        expect(phone_page).to_have_url(re.compile(re.escape(url)))
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375, url
