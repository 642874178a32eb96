"""The mediation issue's "Done when", in a real browser on a 375-px-wide phone: a mediator registers a dispute with
two parties, mediates, records a written agreement, prints it, records judicial confirmation and a follow-up; a
wrong ID number, an agreement dated before acceptance and a second concurrent save each get a clear message and
lose nothing; a mediator of another committee gets 404."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from casebook.core.clock import today
from casebook.extensions import db
from casebook.mediation.models import MediationCase
from tests.browser.conftest import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

GOOD_ID = "11010519491231002X"
WRONG_ID = "110105194912310021"  # the check digit does not match
SECOND_ID = "360121198506121236"


@pytest.fixture
def people(make_committee, make_mediator, make_user):
    committee = make_committee(name="城关镇人民调解委员会", short_name="城关")
    other = make_committee(name="东河村人民调解委员会", short_name="东河")
    mediator = make_mediator(committees=[committee], name="李调解")
    director = make_mediator(committees=[committee], position="director", name="王主任")
    outsider = make_mediator(committees=[other], name="赵外人")
    return {
        "mediator": make_user("mediator", mediator=mediator, display_name="李调解"),
        "director": make_user("director", mediator=director, display_name="王主任"),
        "outsider": make_user("mediator", mediator=outsider, display_name="赵外人"),
    }


def _open(page, action: str) -> None:
    details = page.locator(f"#act-{action}")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def _no_sideways_scroll(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_a_mediator_takes_a_dispute_from_intake_to_follow_up_on_a_phone(phone_page, live_csrf, people):
    page = phone_page
    log_in(page, live_csrf, people["mediator"].username, PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/login"))  # the login has completed
    expect(page).to_have_url(re.compile(r"/mediation/mine$"))
    page.click("text=登记纠纷")

    page.select_option("#dispute_type_id", label="邻里")
    page.fill("#summary", "两户因排水沟堵塞争执，院内积水")
    page.fill("#parties-0-name", "张三")
    page.fill("#parties-0-id_number", WRONG_ID)
    page.fill("#parties-0-phone", "13800138000")
    page.fill("#parties-1-name", "李四")
    page.fill("#parties-1-id_number", SECOND_ID)
    _no_sideways_scroll(page)
    page.click("button[type=submit].primary")
    expect(page.locator("#parties-0-id_number-error")).to_contain_text("校验码")
    expect(page.locator("#summary")).to_have_value("两户因排水沟堵塞争执，院内积水")  # nothing typed is lost
    expect(page.locator("#parties-1-name")).to_have_value("李四")
    expect(page.locator("#parties-0-id_number")).to_have_value(WRONG_ID)
    page.fill("#parties-0-id_number", GOOD_ID)
    page.click("button[type=submit].primary")
    expect(page.locator(".flash-success")).to_contain_text("城关调〔")
    expect(page.locator("h1")).to_contain_text("城关调〔")
    expect(page.locator("body")).to_contain_text("1101**********002X")
    _no_sideways_scroll(page)

    _open(page, "accept")
    page.click("#act-accept button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text("已受理")
    expect(page.locator(".deadline-date")).to_be_visible()
    _open(page, "start")
    page.click("#act-start button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text("开始调解")

    _open(page, "add_session")
    page.fill("#add_session-place", "村委会调解室")
    page.fill("#add_session-note", "双方到场，初步达成赔偿意向")
    page.click("#act-add_session button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text("已记录调解")

    accepted = today()
    _open(page, "conclude")
    page.check("#conclude-outcome-0")  # 调解成功
    page.check("#conclude-agreement_form-0")  # 书面
    page.fill("#conclude-agreement_on", (accepted - timedelta(days=3)).isoformat())
    page.fill("#conclude-agreement_content", "李四于十日内赔偿张三清淤费用800元")
    page.click("#act-conclude button[type=submit]")
    expect(page.locator("#conclude-agreement_on-error")).to_contain_text("不能早于受理日期")
    expect(page.locator("#conclude-agreement_content")).to_have_value("李四于十日内赔偿张三清淤费用800元")
    page.fill("#conclude-agreement_on", accepted.isoformat())
    page.click("#act-conclude button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text("已结案")

    page.click("text=调解协议书")
    expect(page.locator(".paper-title")).to_have_text("人民调解协议书")
    expect(page.locator(".paper")).to_contain_text("李四于十日内赔偿张三清淤费用800元")
    expect(page.locator("[data-print]")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".print-toolbar")).to_be_hidden()
    expect(page.locator(".topbar")).to_be_hidden()
    page.emulate_media(media="screen")
    _no_sideways_scroll(page)
    page.go_back()

    _open(page, "confirm")
    page.fill("#confirm-court", "城关区人民法院")
    page.click("#act-confirm button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text("司法确认")
    _open(page, "follow_up")
    page.check("#follow_up-performance-0")  # 已履行
    page.fill("#follow_up-note", "赔偿款已付清")
    page.click("#act-follow_up button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text("回访")
    expect(page.locator("body")).to_contain_text("城关区人民法院")
    expect(page.locator(".history")).to_contain_text("记录回访")

    case = db.session.scalar(db.select(MediationCase))
    assert case.status == "concluded" and case.outcome == "success"
    assert case.confirmation.court == "城关区人民法院" and case.followups[0].performance == "performed"


def test_a_second_concurrent_save_is_refused_and_keeps_the_input(
    phone_page, browser, live_csrf, people, make_committee
):
    page = phone_page
    log_in(page, live_csrf, people["mediator"].username, PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/login"))  # the login has completed
    page.click("text=登记纠纷")
    page.fill("#summary", "噪音扰民")
    page.fill("#parties-0-name", "周一")
    page.click("button[type=submit].primary")
    expect(page.locator(".flash-success")).to_be_visible()
    case_url = page.url
    page.click("text=修改")

    director = browser.new_context(locale="zh-CN")
    other = director.new_page()
    log_in(other, live_csrf, people["director"].username, PASSWORD)
    expect(other).not_to_have_url(re.compile(r"/login"))  # the login has completed
    other.goto(f"{case_url}/edit")
    other.fill("#summary", "噪音扰民，主任补充：夜间施工")
    other.click("button[type=submit].primary")
    expect(other.locator(".flash-success")).to_be_visible()
    director.close()

    page.fill("#summary", "噪音扰民，调解员补充：已约谈")
    page.click("button[type=submit].primary")
    conflict = page.locator(".conflict")
    expect(conflict).to_contain_text("他人修改了本案")
    expect(conflict).to_contain_text("主任补充：夜间施工")
    expect(conflict).to_contain_text("王主任")
    expect(page.locator("#summary")).to_have_value("噪音扰民，调解员补充：已约谈")
    page.click("button[type=submit].primary")  # submitted again after reading the change: saved
    expect(page.locator(".flash-success")).to_be_visible()
    expect(page.locator("body")).to_contain_text("调解员补充：已约谈")


def test_a_mediator_of_another_committee_gets_404(page, browser, live_csrf, people):
    log_in(page, live_csrf, people["mediator"].username, PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/login"))  # the login has completed
    page.goto(f"{live_csrf}/mediation/new")
    page.fill("#parties-0-name", "吴二")
    page.click("button[type=submit].primary")
    expect(page.locator(".flash-success")).to_be_visible()
    case_url = page.url
    context = browser.new_context(locale="zh-CN")
    outsider = context.new_page()
    log_in(outsider, live_csrf, people["outsider"].username, PASSWORD)
    expect(outsider).not_to_have_url(re.compile(r"/login"))  # the login has completed
    for url in (case_url, f"{case_url}/agreement", f"{case_url}/registration", f"{case_url}/edit"):
        response = outsider.goto(url)
        assert response.status == 404, url
    expect(outsider.locator("body")).to_contain_text("页面不存在")
    context.close()


def test_a_mediator_records_a_dispute_as_not_accepted_on_a_phone(phone_page, live_csrf, people):
    page = phone_page
    log_in(page, live_csrf, people["mediator"].username, PASSWORD)
    expect(page).not_to_have_url(re.compile(r"/login"))  # the login has completed
    page.click("text=登记纠纷")
    page.fill("#summary", "双方已就同一争议向法院起诉")
    page.fill("#parties-0-name", "钱七")
    page.click("button[type=submit].primary")
    expect(page.locator(".flash-success")).to_contain_text("城关调〔")
    case_no = page.locator("h1").inner_text()

    _open(page, "not_accept")
    _no_sideways_scroll(page)
    page.check("#not_accept-reason-2")  # 其他, without the note it needs
    page.click("#act-not_accept button[type=submit]")
    expect(page.locator("#not_accept-note-error")).to_be_visible()
    page.check("#not_accept-reason-1")  # 不属于人民调解范围
    page.fill("#not_accept-note", "已向城关区人民法院起诉")
    page.click("#act-not_accept button[type=submit]")
    expect(page.locator(".flash-success")).to_contain_text("不予受理")
    expect(page.locator(".case-status")).to_contain_text("不予受理")
    expect(page.locator("#not-accepted")).to_contain_text("不属于人民调解范围")
    expect(page.locator("#act-accept")).to_have_count(0)  # no longer to be accepted
    expect(page.locator(".history")).to_contain_text("不予受理")
    _no_sideways_scroll(page)

    page.goto(f"{live_csrf}/mediation/mine?all=1")
    expect(page.locator("body")).not_to_contain_text(case_no)
    case = db.session.scalar(db.select(MediationCase))
    assert case.status == "not_accepted" and case.not_accepted_reason == "out_of_scope"
