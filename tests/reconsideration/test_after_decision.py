"""Issue 16, after a reconsideration decision (ARL23 art 76–79): service, performance and the order to perform,
the copy to the superior, publication, opinions and their reports — through the operations, the pages and the API."""

from datetime import date

import pytest

from casebook.core.errors import DomainError
from casebook.extensions import db
from casebook.reconsideration import operations


@pytest.fixture
def decided(make_recon_case):
    """ARL23, accepted 2024-09-30, revoked on 2024-11-01 (a correction the respondent must carry out)."""

    def _make(outcome="revoke"):
        case = make_recon_case(received_on=date(2024, 9, 27))
        operations.accept(case, None, date(2024, 9, 30))
        operations.conclude(case, None, date(2024, 11, 1), outcome)
        db.session.commit()
        return case

    return _make


def test_a_correction_served_is_due_to_be_carried_out_after_the_settings_days(app, decided):
    case = decided()
    with pytest.raises(DomainError, match="2024-11-01"):
        operations.serve_decision(case, None, date(2024, 10, 31))
    operations.serve_decision(case, None, date(2024, 11, 5))
    assert app.config["PERFORMANCE_DAYS"] == 30
    assert case.decision_served_on == date(2024, 11, 5) and case.performance_due_on == date(2024, 12, 5)
    with pytest.raises(DomainError):
        operations.serve_decision(case, None, date(2024, 11, 6))  # once
    named = decided()
    operations.serve_decision(named, None, date(2024, 11, 5), performance_due_on=date(2024, 11, 20))
    assert named.performance_due_on == date(2024, 11, 20)  # the decision's own period


def test_an_upheld_decision_asks_nothing_to_be_carried_out(decided):
    case = decided("uphold")
    operations.serve_decision(case, None, date(2024, 11, 5))
    assert case.performance_due_on is None
    with pytest.raises(DomainError):
        operations.record_performance(case, None, date(2024, 11, 6), "报告")
    with pytest.raises(DomainError):
        operations.serve_decision(
            decided("uphold"), None, date(2024, 11, 5), performance_due_on=date(2024, 12, 1)
        )


def test_performance_and_the_order_to_perform(decided):
    case = decided()
    with pytest.raises(DomainError, match=r"送达|served"):
        operations.record_performance(case, None, date(2024, 11, 6), "报告")
    operations.serve_decision(case, None, date(2024, 11, 5))
    with pytest.raises(DomainError, match="2024-12-05"):
        operations.order_performance(case, None, date(2024, 12, 5), date(2024, 12, 20))  # not late yet
    operations.order_performance(case, None, date(2024, 12, 6), date(2024, 12, 20), "约谈负责人")
    assert case.performance_ordered_on == date(2024, 12, 6) and case.performance_due_on == date(2024, 12, 20)
    with pytest.raises(DomainError):
        operations.record_performance(case, None, date(2024, 12, 18), "  ")  # evidence required
    operations.record_performance(case, None, date(2024, 12, 18), "被申请人书面报告已撤销原处罚决定")
    db.session.commit()
    history = {(c.action, c.field) for c in case.changes}
    assert {("serve_decision", "performance_due_on"), ("order_performance", "performance_due_on"),
            ("record_performance", "performed_on")} <= history  # fmt: skip
    kinds = [e.kind for e in case.events]
    assert kinds[-3:] == ["decision_served", "performance_ordered", "performed"]


def test_copy_to_the_superior_and_publication_once_each(decided):
    case = decided()
    operations.copy_to_superior(case, None, date(2024, 11, 8))
    operations.publish_decision(case, None, date(2024, 11, 10))
    with pytest.raises(DomainError, match="2024-11-08"):
        operations.copy_to_superior(case, None, date(2024, 11, 9))
    with pytest.raises(DomainError, match="2024-11-10"):
        operations.publish_decision(case, None, date(2024, 11, 11))
    assert case.copied_to_superior_on == date(2024, 11, 8) and case.published_on == date(2024, 11, 10)


def test_an_opinion_is_answered_within_sixty_days_of_receipt(decided, make_agency):
    case = decided()
    agency = make_agency(name="区城市管理局")
    assumed = operations.issue_opinion(
        case, None, date(2024, 11, 1), "opinion", agency.id, "执法程序不规范，应予纠正"
    )
    assert assumed.feedback_due_on == date(2024, 12, 31)  # 60 days from the day issued, assumed received
    received = operations.issue_opinion(
        case, None, date(2024, 11, 1), "suggestion", agency.id, "完善告知制度", received_on=date(2024, 11, 4)
    )
    assert received.feedback_due_on == date(2025, 1, 3)
    with pytest.raises(DomainError):
        operations.issue_opinion(case, None, date(2024, 11, 1), "opinion", agency.id, "  ")
    db.session.commit()
    with pytest.raises(DomainError, match="2024-11-01"):
        operations.record_opinion_feedback(case, None, date(2024, 10, 31), assumed.id)
    operations.record_opinion_feedback(case, None, date(2024, 12, 20), assumed.id, "已整改")
    assert assumed.feedback_received_on == date(2024, 12, 20)
    with pytest.raises(DomainError):
        operations.record_opinion_feedback(case, None, date(2024, 12, 21), assumed.id)


def test_the_desk_shows_what_is_due_after_the_decision(client, login_as, decided, make_agency, set_today):
    login_as("reconsideration")
    case = decided()
    operations.serve_decision(case, None, date(2024, 11, 5))  # to be carried out by 12-05
    opinion = operations.issue_opinion(case, None, date(2024, 11, 1), "opinion", make_agency().id, "应予纠正")
    db.session.commit()
    set_today(date(2024, 11, 20))
    desk = client.get("/reconsideration/").get_data(as_text=True)
    section = desk[desk.index('id="performance-due"') : desk.index('id="opinions-due"')]
    assert case.case_no not in section  # not due within 7 days yet
    set_today(date(2024, 12, 10))
    desk = client.get("/reconsideration/").get_data(as_text=True)
    section = desk[desk.index('id="performance-due"') : desk.index('id="opinions-due"')]
    assert case.case_no in section and "未履行" in section
    assert case.case_no not in desk[desk.index('id="opinions-due"') :]  # its report is due 12-31
    set_today(date(2025, 1, 2))
    desk = client.get("/reconsideration/").get_data(as_text=True)
    opinions = desk[desk.index('id="opinions-due"') :]
    assert case.case_no in opinions and "逾期未报送" in opinions
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="opinion-overdue"' in page and 'data-testid="performance-overdue"' in page
    operations.record_opinion_feedback(case, None, date(2025, 1, 2), opinion.id, "已整改")
    db.session.commit()
    desk = client.get("/reconsideration/").get_data(as_text=True)
    assert case.case_no not in desk[desk.index('id="opinions-due"') :]


def test_the_case_page_offers_the_steps_that_apply(client, login_as, decided, set_today):
    login_as("reconsideration")
    case = decided()
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert 'id="action-serve_decision"' in page and 'id="action-record_performance"' not in page
    assert 'id="action-opinion_feedback"' not in page  # no opinion waits for a report
    response = client.post(
        f"/reconsideration/cases/{case.id}/act/serve_decision",
        data={"serve_decision-on": "2024-11-05", "serve_decision-version": str(case.version)},
    )
    assert response.status_code == 302
    db.session.expire_all()
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert 'id="action-serve_decision"' not in page and 'id="action-record_performance"' in page
    assert 'data-testid="performance-due-on"' in page and "2024年12月5日" in page
    refused = client.post(
        f"/reconsideration/cases/{case.id}/act/record_performance",
        data={"record_performance-on": "2024-11-20", "record_performance-evidence": "",
              "record_performance-version": str(case.version)},
    )  # fmt: skip
    assert refused.status_code == 422


def test_the_api_records_the_steps_after_the_decision(client, api_client, decided, make_agency):
    _user, headers = api_client("reconsideration")
    case = decided()
    base = f"/api/v1/reconsideration/cases/{case.id}"
    served = client.post(f"{base}/serve-decision", json={"on": "2024-11-05"}, headers=headers).get_json()
    assert served["performance_due_on"] == "2024-12-05"
    agency = make_agency()
    body = {"on": "2024-11-01", "kind": "opinion", "agency_id": agency.id, "content": "应予纠正"}
    issued = client.post(f"{base}/issue-opinion", json=body, headers=headers).get_json()
    [opinion] = issued["opinions"]
    assert opinion["feedback_due_on"] == "2024-12-31" and opinion["agency_name"] == agency.name
    early = client.post(f"{base}/order-performance", json={"on": "2024-12-01", "due_on": "2024-12-20"},
                        headers=headers)  # fmt: skip
    assert early.status_code == 409
    answered = client.post(
        f"{base}/opinion-feedback", json={"on": "2024-12-20", "opinion_id": opinion["id"]}, headers=headers
    ).get_json()
    assert answered["opinions"][0]["feedback_received_on"] == "2024-12-20"
    _mediator, other = api_client("mediator")
    assert (
        client.post(f"{base}/publish-decision", json={"on": "2024-11-10"}, headers=other).status_code == 404
    )


def test_a_decision_challenged_in_court_links_to_the_litigation_case(
    client, login_as, decided, make_litigation_case
):
    login_as("reconsideration")
    case = decided()
    sued = make_litigation_case(filed_on=date(2024, 12, 2), reconsideration_case_id=case.id)
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="in-court"' in page and f"/litigation/{sued.id}" in page
    assert sued.court_case_no in page


def test_the_case_page_lists_the_history_of_the_steps_after_the_decision(client, login_as, decided):
    login_as("reconsideration")
    case = decided()
    operations.serve_decision(case, None, date(2024, 11, 5))
    db.session.commit()
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    history = page[page.index('id="history"') :]
    assert "决定书已送达当事人" in history and "履行期限" in history and "2024-12-05" in history
