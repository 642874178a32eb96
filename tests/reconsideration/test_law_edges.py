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
