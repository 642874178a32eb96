"""Issue 12, reconsideration: the law at its edges (domain.md §2.1–2.4), through the operations, the pages, the
import and the API alike."""

from datetime import date

import pytest

from casebook.core.errors import DomainError
from casebook.extensions import db
from casebook.imports import get_spec, run_import
from casebook.reconsideration import operations, queries
from casebook.stats.figures import Period, Window
from tests.imports.helpers import make_csv

HEADERS = ["申请人", "被申请人", "行政行为类别", "收到申请日期", "受理情况", "受理日期", "中止期间", "中止事由",
           "结案方式", "结案日期"]  # fmt: skip


def _import(tmp_path, agency, *rows, dry_run=False):
    return run_import(
        get_spec("reconsideration"), str(make_csv(tmp_path, HEADERS, list(rows))), dry_run=dry_run
    )


# ---------------------------------------------------------------- acceptance cannot be postponed


def test_a_late_acceptance_notice_does_not_postpone_the_clock_on_the_pages(
    client, login_as, tmp_path, make_agency
):
    # ARL17 art 17 ¶2: accepted on the day received (2023-05-10); a notice of 05-25, after the review ended
    # on 05-17, is flagged and ignored by the clock. (The pages refuse such a notice; the register brings it.)
    login_as("reconsideration")
    agency = make_agency()
    row = ["张三", agency.code, "行政处罚", "2023-05-10", "受理", "2023-05-25", "", "", "", ""]
    assert _import(tmp_path, agency, row).ok
    db.session.commit()
    case = db.session.scalars(queries.select(queries.C)).one()
    assert case.accepted_on == date(2023, 5, 25)  # the record is kept as entered
    assert case.is_acceptance_notice_late
    assert case.due_on == date(2023, 7, 10)  # 05-10 + 60 = 07-09 (Sunday); not 07-24
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert "受理通知晚于法定受理日" in page and 'data-testid="flag-acceptance-notice-late"' in page
    listed = client.get("/reconsideration/data-quality").get_data(as_text=True)
    assert case.case_no in listed


def test_a_notice_within_the_review_is_not_flagged(make_recon_case):
    case = make_recon_case(received_on=date(2023, 5, 10))
    operations.accept(case, None, date(2023, 5, 12))
    assert not case.is_acceptance_notice_late
    assert case.due_on == date(2023, 7, 10)  # ARL17 art 17 ¶2: still from receipt


def test_a_late_acceptance_notice_in_the_import_is_flagged_and_ignored_by_the_clock(tmp_path, make_agency):
    agency = make_agency()
    row = ["张三", agency.code, "行政处罚", "2024-09-27", "受理", "2024-10-14", "", "", "", ""]
    preview = _import(tmp_path, agency, row, dry_run=True)
    assert preview.ok, preview.errors
    assert any("受理通知晚于法定受理日" in w and "2024-10-10" in w for w in preview.warnings)
    report = _import(tmp_path, agency, row)
    db.session.commit()
    case = queries.db.session.scalars(queries.select(queries.C)).one()
    assert case.accepted_on == date(2024, 10, 14) and case.is_acceptance_notice_late
    assert case.due_on == date(2024, 12, 9)  # from 10-10, the deemed day (ARL23 art 30 ¶3), not 12-13
    assert report.created == 1


def test_the_deadline_api_runs_from_the_statutory_day(client, api_client):
    _user, headers = api_client("reconsideration")
    body = {
        "kind": "reconsideration",
        "received_on": "2024-09-27",
        "accepted_on": "2024-10-14",
        "as_of": "2024-10-15",
        "lang": "zh",
    }
    answer = client.post("/api/v1/deadlines", json=body, headers=headers).get_json()
    assert answer["due_on"] == "2024-12-09" and answer["accepted_on"] == "2024-10-10"
    assert answer["acceptance_notice_late"] is True
    assert any("受理通知晚于法定受理日" in line for line in answer["steps"])


# ---------------------------------------------------------------- suspension


def test_a_suspension_after_the_deadline_is_refused_naming_it(make_recon_case):
    case = make_recon_case(received_on=date(2024, 9, 27))  # deemed accepted 10-10, due 12-09
    with pytest.raises(DomainError, match="2024-12-09"):
        operations.suspend(case, None, date(2024, 12, 10), ground=6)
    operations.suspend(case, None, date(2024, 12, 9), ground=6)  # on the last day: allowed
    assert case.due_on is None


def test_a_case_suspended_when_already_overdue_stays_overdue(tmp_path, make_agency, make_user, set_today):
    set_today(date(2025, 1, 20))
    agency = make_agency()
    row = ["张三", agency.code, "行政处罚", "2024-09-27", "", "", "2024-12-20~", "6", "", ""]
    report = _import(tmp_path, agency, row)
    assert report.ok, report.errors
    assert any("2024-12-09" in w for w in report.warnings)  # flagged in the preview
    db.session.commit()
    case = db.session.scalars(queries.select(queries.C)).one()
    assert case.status == "suspended" and case.due_on == date(2024, 12, 9)
    officer = make_user(role="reconsideration")
    desk = queries.desk(officer, date(2025, 1, 20))
    assert [c.id for c in desk.overdue] == [case.id] and desk.counts["overdue"] == 1
    listed = db.session.scalars(
        queries.filtered_cases(officer, queries.parse_filters({"due": "overdue"}), date(2025, 1, 20))
    ).all()
    assert [c.id for c in listed] == [case.id]
    from casebook.stats import reconsideration as figures

    window = Window(Period(date(2025, 1, 1), date(2025, 1, 20)), as_of=date(2025, 1, 20))
    overdue = db.session.scalar(
        queries.select(queries.func.count()).select_from(queries.C).where(figures.overdue(window))
    )
    assert overdue == 1


def test_eighty_four_days_suspended_is_past_sixty_not_nearing_it(
    client, login_as, make_recon_case, set_today
):
    login_as("reconsideration")
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.suspend(case, None, date(2024, 10, 15), ground=1)
    db.session.commit()
    set_today(date(2025, 1, 7))  # 84 days after 2024-10-15
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert "已满 60 日" in page and "中止已 84 日" in page and "将满" not in page
    desk = client.get("/reconsideration/").get_data(as_text=True)
    assert "已满 60 日" in desk and "将满" not in desk


def test_the_resumption_cites_article_39_paragraphs_2_and_3(client, login_as, make_recon_case):
    login_as("reconsideration")
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.suspend(case, None, date(2024, 10, 15), ground=6)
    operations.resume(case, None, date(2024, 10, 25))
    db.session.commit()
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert "第三十九条第二款" in page and "第三十九条第三款" in page and "第四十条" not in page


# ---------------------------------------------------------------- simplified → ordinary


def test_conversion_after_the_simplified_deadline_is_refused(make_recon_case):
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.accept(case, None, date(2024, 9, 30), procedure="simplified")
    assert case.due_on == date(2024, 10, 30)  # ARL23 art 62 ¶2: 30 days
    with pytest.raises(DomainError, match="2024-10-30"):
        operations.convert(case, None, date(2024, 10, 31), approver="李主任")
    operations.convert(case, None, date(2024, 10, 30), approver="李主任")
    assert case.due_on == date(2024, 11, 29)


def test_the_special_shorter_limit_applies_to_the_ordinary_procedure_only(client, api_client):
    _user, headers = api_client("reconsideration")
    body = {
        "kind": "reconsideration",
        "received_on": "2024-09-27",
        "accepted_on": "2024-09-30",
        "procedure": "simplified",
        "special_limit_days": 20,
        "special_limit_reason": "某法第十条",
        "as_of": "2024-10-01",
    }
    simplified = client.post("/api/v1/deadlines", json=body, headers=headers).get_json()
    assert simplified["due_on"] == "2024-10-30"  # 30 days of art 62 ¶2, not 20
    ordinary = client.post(
        "/api/v1/deadlines", json={**body, "procedure": "ordinary"}, headers=headers
    ).get_json()
    assert ordinary["due_on"] == "2024-10-21"  # 09-30 + 20 = 10-20 (Sunday) → 10-21


# ---------------------------------------------------------------- outcomes by law


def test_reject_request_exists_only_under_arl23(make_recon_case, tmp_path, make_agency):
    old = make_recon_case(received_on=date(2023, 5, 10))
    with pytest.raises(DomainError, match="驳回行政复议申请"):
        operations.conclude(old, None, date(2023, 6, 1), "reject_request")
    with pytest.raises(DomainError, match="确认无效"):
        operations.conclude(old, None, date(2023, 6, 1), "confirm_void")
    operations.conclude(old, None, date(2023, 6, 1), "dismiss")
    new = make_recon_case(received_on=date(2024, 9, 27))
    operations.conclude(new, None, date(2024, 11, 1), "reject_request")
    db.session.rollback()
    agency = make_agency()
    row = [
        "李四",
        agency.code,
        "行政处罚",
        "2023-05-10",
        "受理",
        "2023-05-10",
        "",
        "",
        "驳回复议请求",
        "2023-06-01",
    ]
    report = _import(tmp_path, agency, row)
    assert not report.ok and "驳回行政复议申请" in report.errors[0].message


# ---------------------------------------------------------------- 补正: the applicant's period and abandonment


def _awaiting(make_recon_case, **kwargs):
    """ARL23, received Friday 2024-09-27; materials asked for on Monday 09-30."""
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.request_supplement(case, None, date(2024, 9, 30), "身份证明", **kwargs)
    db.session.commit()
    return case


def test_the_supplement_period_counts_from_the_applicants_receipt_of_the_notice(make_recon_case):
    # ARL23 art 31 ¶2, art 88 ¶2: 10 working days from receiving the notice. Not recorded: assumed the day sent,
    # 09-30 → 10-18 (10-01…07 holiday, 10-12 a make-up Saturday).
    case = _awaiting(make_recon_case)
    assert case.supplement_due_on == date(2024, 10, 18)
    operations.record_supplement_notice(case, None, date(2024, 10, 8))
    assert case.supplement_due_on == date(2024, 10, 21)
    # a longer period granted by the office counts from the same day
    operations.record_supplement_notice(case, None, date(2024, 10, 8), period_workdays=15)
    assert case.supplement_due_on == date(2024, 10, 28)
    with pytest.raises(DomainError, match="第三十一条第二款"):
        operations.record_supplement_notice(case, None, date(2024, 10, 8), period_workdays=5)
    with pytest.raises(DomainError, match="2024-09-30"):
        operations.record_supplement_notice(case, None, date(2024, 9, 29))
    history = {(c.action, c.field) for c in case.changes}
    assert ("supplement_notice", "supplement_notice_received_on") in history
    assert ("supplement_notice", "supplement_period_workdays") in history


def test_a_period_granted_with_the_request_counts_too(make_recon_case):
    case = _awaiting(make_recon_case, period_workdays=15)
    assert case.supplement_period_workdays == 15
    assert case.supplement_due_on == date(2024, 10, 25)  # 15 working days from 09-30


def test_abandonment_comes_only_after_the_period_and_counts_apart(make_recon_case, officer_period_totals):
    case = _awaiting(make_recon_case)
    operations.record_supplement_notice(case, None, date(2024, 10, 8))  # due 10-21
    with pytest.raises(DomainError, match="2024-10-21"):
        operations.abandon(case, None, date(2024, 10, 21))
    operations.abandon(case, None, date(2024, 10, 22))
    db.session.commit()
    assert case.status == "abandoned" and case.abandoned_on == date(2024, 10, 22)
    assert case.due_on is None and case.closed_on is None and case.acceptance is None
    assert ("abandon", "status") in {(c.action, c.field) for c in case.changes}
    with pytest.raises(DomainError, match=r"视为放弃|abandoned"):
        operations.receive_supplement(case, None, date(2024, 10, 23))
    totals = officer_period_totals(date(2024, 1, 1), date(2024, 12, 31))
    assert totals["abandoned"] == 1
    assert totals["received"] == 1
    assert totals["rejected"] == totals["under_review"] == totals["pending"] == totals["concluded"] == 0
    # judged at the end of a period before the abandonment, the case was still under review
    early = officer_period_totals(date(2024, 9, 1), date(2024, 10, 21))
    assert early["abandoned"] == 0 and early["under_review"] == 1 and early["pending"] == 1


@pytest.fixture
def officer_period_totals(make_user):
    officer = make_user(role="reconsideration")

    def totals(start, end):
        from casebook.stats import queries as stats_queries

        return dict(stats_queries.reconsideration_totals(officer, Period(start, end)).values)

    return totals


def test_an_overdue_supplement_shows_a_badge_on_the_desk_list_and_data_quality(
    client, login_as, make_recon_case, set_today
):
    login_as("reconsideration")
    case = _awaiting(make_recon_case)
    set_today(date(2024, 10, 21))  # the period (to 10-18) has passed
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="supplement-notice-assumed"' in page and "补正逾期" in page
    desk = client.get("/reconsideration/").get_data(as_text=True)
    assert case.case_no in desk and 'data-testid="badge-supplement-overdue"' in desk
    listed = client.get("/reconsideration/cases").get_data(as_text=True)
    assert 'data-testid="badge-supplement-overdue"' in listed
    quality = client.get("/reconsideration/data-quality").get_data(as_text=True)
    assert "补正逾期" in quality and case.case_no in quality
    # the page offers the abandonment, and records it
    response = client.post(
        f"/reconsideration/cases/{case.id}/act/abandon",
        data={"abandon-on": "2024-10-21", "abandon-version": str(case.version)},
    )
    assert response.status_code == 302
    db.session.expire_all()
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="flag-abandoned"' in page and "视为放弃" in page
    assert case.case_no not in client.get("/reconsideration/").get_data(as_text=True)


def test_the_api_records_the_notice_and_the_abandonment(client, api_client, make_recon_case, set_today):
    _user, headers = api_client("reconsideration")
    case = _awaiting(make_recon_case)
    base = f"/api/v1/reconsideration/cases/{case.id}"
    answer = client.post(f"{base}/supplement-notice", json={"on": "2024-10-08"}, headers=headers)
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["supplement_due_on"] == "2024-10-21"
    early = client.post(f"{base}/abandon", json={"on": "2024-10-20"}, headers=headers)
    assert early.status_code == 409 and "2024-10-21" in early.get_data(as_text=True)
    done = client.post(f"{base}/abandon", json={"on": "2024-10-22"}, headers=headers).get_json()
    assert done["status"] == "abandoned" and done["abandoned_on"] == "2024-10-22"
    stats = client.get(
        "/api/v1/stats/reconsideration",
        query_string={"from": "2024-01-01", "to": "2024-12-31"},
        headers=headers,
    ).get_json()
    assert stats["abandoned"] == 1 and stats["pending"] == 0


# ---------------------------------------------------------------- the answer counts from the 送达回证


def _served(make_recon_case, **kwargs):
    case = make_recon_case(received_on=date(2024, 9, 27))
    operations.accept(case, None, date(2024, 9, 30))
    operations.serve_respondent(case, None, date(2024, 10, 8), **kwargs)
    db.session.commit()
    return case


def test_the_answer_period_counts_from_the_respondents_receipt(make_recon_case):
    # ARL23 art 48: 10 working days from receiving the copy; until recorded, from the day sent (assumed).
    case = _served(make_recon_case)
    assert case.answer_due_on == date(2024, 10, 21)
    operations.record_respondent_receipt(case, None, date(2024, 10, 14))
    assert case.answer_due_on == date(2024, 10, 28)
    assert ("respondent_receipt", "answer_due_on") in {(c.action, c.field) for c in case.changes}
    with_receipt = _served(make_recon_case, received_on=date(2024, 10, 16))
    assert with_receipt.respondent_received_on == date(2024, 10, 16)
    assert with_receipt.answer_due_on == date(2024, 10, 30)
    with pytest.raises(DomainError, match="2024-10-08"):
        _served(make_recon_case, received_on=date(2024, 10, 7))


def test_a_missing_or_late_answer_is_flagged(client, login_as, make_recon_case, set_today):
    login_as("reconsideration")
    case = _served(make_recon_case)
    set_today(date(2024, 10, 22))
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="flag-answer-missing"' in page and 'data-testid="answer-due-assumed"' in page
    assert case.case_no in client.get("/reconsideration/data-quality").get_data(as_text=True)
    operations.receive_answer(case, None, date(2024, 10, 22))
    db.session.commit()
    page = client.get(f"/reconsideration/cases/{case.id}").get_data(as_text=True)
    assert 'data-testid="flag-answer-late"' in page and 'data-testid="flag-answer-missing"' not in page
    on_time = _served(make_recon_case, received_on=date(2024, 10, 14))
    operations.receive_answer(on_time, None, date(2024, 10, 22))
    db.session.commit()
    page = client.get(f"/reconsideration/cases/{on_time.id}").get_data(as_text=True)
    assert "flag-answer-late" not in page and "answer-due-assumed" not in page


# ---------------------------------------------------------------- the late application (ARL23 art 20)


def test_the_late_application_flag_takes_tolling_and_the_right_not_told(client, login_as, make_recon_case):
    login_as("reconsideration")
    learned = date(2024, 1, 2)  # 60 days → 03-02 (Saturday) → 03-04
    late = make_recon_case(received_on=date(2024, 4, 10), learned_on=learned)
    assert late.is_late_application
    tolled = make_recon_case(received_on=date(2024, 4, 10), learned_on=learned, application_tolled_days=40)
    assert not tolled.is_late_application  # ¶2: 03-02 + 40 = 04-11
    told_late = make_recon_case(
        received_on=date(2024, 4, 10), learned_on=learned, right_learned_on=date(2024, 3, 1)
    )
    assert not told_late.is_late_application  # ¶3: 60 days from 03-01 = 04-30
    capped = make_recon_case(
        received_on=date(2025, 1, 10), learned_on=learned, right_learned_on=date(2024, 12, 20)
    )
    assert capped.is_late_application  # ¶3: at most one year from 2024-01-02
    page = client.get(f"/reconsideration/cases/{capped.id}").get_data(as_text=True)
    assert "最长不超过一年" in page and "第二十条第三款" in page and "2025-01-02" in page
    page = client.get(f"/reconsideration/cases/{late.id}").get_data(as_text=True)
    assert 'data-testid="flag-late-application"' in page and "第二十条第一款" in page
    # correcting the receipt re-judges the flag, with the history of the change
    operations.update_case(late, None, late.version, application_tolled_days=40)
    assert not late.is_late_application
    with pytest.raises(DomainError):
        operations.update_case(late, None, late.version, right_learned_on=date(2023, 12, 1))


def test_the_old_law_has_no_rule_for_the_right_not_told(make_recon_case):
    case = make_recon_case(
        received_on=date(2023, 4, 10), learned_on=date(2023, 1, 2), right_learned_on=date(2023, 3, 1)
    )
    assert case.is_late_application  # ARL17 art 9 ¶1 only: 60 days from 2023-01-02


# ---------------------------------------------------------------- the register brings the same facts and flags

REGISTER_HEADERS = ["申请人", "被申请人", "行政行为类别", "收到申请日期", "知道行政行为日期", "补正通知日期",
                    "补正通知送达日期", "视为放弃日期"]  # fmt: skip


def _register(tmp_path, *rows, dry_run=False):
    return run_import(
        get_spec("reconsideration"), str(make_csv(tmp_path, REGISTER_HEADERS, list(rows))), dry_run=dry_run
    )


def test_the_register_flags_a_late_application_and_an_overdue_supplement(tmp_path, make_agency):
    agency = make_agency()
    late = ["张三", agency.code, "行政处罚", "2024-04-10", "2024-01-02", "", "", ""]
    waiting = ["李四", agency.code, "行政处罚", "2024-09-27", "", "2024-09-30", "2024-10-08", ""]
    preview = _register(tmp_path, late, waiting, dry_run=True)
    assert preview.ok, preview.errors
    assert any("2024-03-04" in w and "第二十条第一款" in w for w in preview.warnings)
    assert any("补正逾期" in w and "2024-10-21" in w for w in preview.warnings)


def test_the_register_records_an_abandonment_only_after_the_period(
    tmp_path, make_agency, officer_period_totals
):
    agency = make_agency()
    early = ["李四", agency.code, "行政处罚", "2024-09-27", "", "2024-09-30", "2024-10-08", "2024-10-21"]
    report = _register(tmp_path, early)
    assert not report.ok and "2024-10-21" in report.errors[0].message
    unasked = ["王五", agency.code, "行政处罚", "2024-09-27", "", "", "", "2024-10-22"]
    assert not _register(tmp_path, unasked).ok
    db.session.rollback()
    in_time = ["李四", agency.code, "行政处罚", "2024-09-27", "", "2024-09-30", "2024-10-08", "2024-10-22"]
    assert _register(tmp_path, in_time).ok
    db.session.commit()
    case = db.session.scalars(queries.select(queries.C)).one()
    assert case.status == "abandoned" and case.supplement_notice_received_on == date(2024, 10, 8)
    assert officer_period_totals(date(2024, 1, 1), date(2024, 12, 31))["abandoned"] == 1


def test_the_register_flags_a_conversion_after_the_simplified_deadline(tmp_path, make_agency):
    # ARL23 art 55, 62 ¶2: accepted 2024-09-30 under the simplified procedure, due 10-30; the pages refuse a
    # later conversion, the register keeps it and flags it.
    agency = make_agency()
    headers = ["申请人", "被申请人", "行政行为类别", "收到申请日期", "受理情况", "受理日期", "审理程序",
               "转为普通程序日期"]  # fmt: skip
    late = ["张三", agency.code, "行政处罚", "2024-09-27", "受理", "2024-09-30", "简易", "2024-11-05"]
    in_time = ["李四", agency.code, "行政处罚", "2024-09-27", "受理", "2024-09-30", "简易", "2024-10-20"]
    ordinary = ["王五", agency.code, "行政处罚", "2024-09-27", "受理", "2024-09-30", "普通", "2024-10-20"]
    spec = get_spec("reconsideration")
    preview = run_import(spec, str(make_csv(tmp_path, headers, [late, in_time])), dry_run=True)
    assert preview.ok, preview.errors
    flagged = [w for w in preview.warnings if "2024-10-30" in w and "第五十五条" in w]
    assert len(flagged) == 1
    assert not run_import(spec, str(make_csv(tmp_path, headers, [ordinary])), dry_run=True).ok
    assert run_import(spec, str(make_csv(tmp_path, headers, [late, in_time]))).ok
    db.session.commit()
    converted = {c.applicant_names: c for c in db.session.scalars(queries.select(queries.C))}
    assert converted["李四"].converted_on == date(2024, 10, 20)
    assert converted["李四"].due_on == date(2024, 11, 29)  # ordinary: 60 days from the original acceptance
