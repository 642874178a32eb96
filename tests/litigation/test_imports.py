"""Import of the litigation register: Chinese or English headers, mixed dates, all or nothing, a bad row named."""

from datetime import date

from sqlalchemy import func, select

from casebook.extensions import db
from casebook.imports import get_spec, run_import
from casebook.litigation.models import LitigationCase
from tests.imports.helpers import make_csv, make_xlsx

HEADERS = ["法院", "法院案号", "审级", "被告", "行政行为类别", "原告", "立案日期", "起诉状副本送达日期", "开庭日期",
           "出庭情况", "出庭负责人", "负责人未出庭原因", "裁判结果", "裁判日期", "生效日期", "履行日期"]  # fmt: skip
ENGLISH = ["court", "court_case_no", "instance", "defendant", "act_category", "plaintiff", "filed_on",
           "complaint_served_on", "hearing_on", "appearance", "head_name", "absence_reason", "outcome",
           "judgment_on", "effective_on", "performed_on"]  # fmt: skip


def _rows(agency):
    return [
        ["区人民法院", "（2024）赣0102行初1号", "一审", agency.code, "行政处罚", "张三", "2024-03-01", "2024/3/5",
         "2024年4月10日", "负责人出庭", "李局长", "", "撤销", "2024-05-20", "2024.6.5", "2024-07-01"],
        ["区人民法院", "（2024）赣0102行初2号", "", "区人民政府", "政府信息公开", "李四", "2024-03-02", "", "2024-04-11",
         "工作人员出庭", "", "出差", "驳回诉讼请求", "2024-05-21", "", ""],
        ["区人民法院", "（2025）赣0102行初3号", "一审", agency.name, "penalty", "王五", "2025-05-20", "2025-06-02",
         "", "", "", "", "", "", "", ""],
    ]  # fmt: skip


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(LitigationCase))


def test_register_import_through_the_operations(tmp_path, make_agency):
    agency = make_agency()
    report = run_import(get_spec("litigation"), str(make_csv(tmp_path, HEADERS, _rows(agency))))
    assert report.ok, report.errors
    db.session.commit()
    assert report.created == 3
    cases = {c.plaintiff_names: c for c in db.session.scalars(select(LitigationCase))}
    lost = cases["张三"]
    assert lost.status == "effective" and lost.is_against_agency and lost.performed_on == date(2024, 7, 1)
    assert lost.defence_due_on == date(2024, 3, 20) and lost.hearings[0].appearance == "head"
    government = cases["李四"]
    assert government.defendant_kind == "government" and government.agency_id is None
    assert government.hearings[0].absence_reason == "出差" and government.is_against_agency is False
    assert cases["王五"].defence_due_on == date(2025, 6, 17)

    again = run_import(get_spec("litigation"), str(make_xlsx(tmp_path, HEADERS, _rows(agency))))
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_english_headers_and_an_existing_case_gets_its_new_steps(tmp_path, make_agency):
    agency = make_agency()
    rows = _rows(agency)[2:]
    run_import(get_spec("litigation"), str(make_csv(tmp_path, ENGLISH, rows)))
    db.session.commit()
    rows[0][8:14] = ["2025-06-10", "deputy_head", "赵副局长", "", "reject_claims", "2025-06-12"]
    report = run_import(get_spec("litigation"), str(make_csv(tmp_path, ENGLISH, rows)))
    assert report.ok and report.updated == 1, report.errors
    db.session.commit()
    case = db.session.scalar(select(LitigationCase))
    assert case.status == "decided" and case.hearings[0].head_name == "赵副局长"


def test_a_file_with_one_bad_row_imports_nothing_and_names_it(tmp_path, make_agency):
    agency = make_agency()
    rows = _rows(agency)
    rows[1][11] = ""  # staff only, no reason given (ALL art 3 ¶3)
    report = run_import(get_spec("litigation"), str(make_csv(tmp_path, HEADERS, rows)))
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [(3, "负责人未出庭原因")]
    assert _count() == 0
    rows = _rows(agency)
    rows[0][6] = "2024-02-30"
    report = run_import(get_spec("litigation"), str(make_csv(tmp_path, HEADERS, rows)))
    assert [(e.row, e.column) for e in report.errors] == [(2, "立案日期")]
    assert _count() == 0


def test_the_import_page_is_hidden_from_committee_roles(client, login_as):
    login_as("mediator")
    assert client.get("/imports/litigation").status_code == 404
