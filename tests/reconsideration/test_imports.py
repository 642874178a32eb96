"""Import of the office's register: deadlines computed per row, all or nothing, re-import changes nothing."""

from datetime import date

from sqlalchemy import func, select

from casebook.extensions import db
from casebook.imports import get_spec, run_import
from casebook.reconsideration.models import ReconsiderationCase, ReconsiderationCaseChange
from tests.imports.helpers import make_csv, make_xlsx

HEADERS = ["案号", "申请人", "被申请人", "行政行为类别", "收到申请日期", "受理情况", "受理日期", "审理程序",
           "中止期间", "延长天数", "结案方式", "结案日期"]  # fmt: skip


def _rows(agency):
    return [
        ["区府复〔2024〕7号", "张三", agency.code, "行政处罚", "2024-09-27", "", "", "", "", "", "", ""],
        ["", "李四", agency.name, "政府信息公开", "2023/8/1", "受理", "2023年8月4日", "普通", "", "", "撤销", "2023-10-07"],
        ["区府复〔2024〕9号", "王五", agency.code, "penalty", "2024.3.1", "受理", "2024-03-04", "普通",
         "2024-03-10~2024-03-20", "30", "维持", "2024-05-20"],
        ["区府复〔2024〕10号", "赵六", agency.code, "行政许可", "2024-04-01", "不予受理", "", "", "", "", "", ""],
    ]  # fmt: skip


def _count() -> int:
    return db.session.scalar(select(func.count()).select_from(ReconsiderationCase))


def test_register_import_computes_each_deadline(tmp_path, make_agency):
    agency = make_agency()
    report = run_import(get_spec("reconsideration"), str(make_csv(tmp_path, HEADERS, _rows(agency))))
    assert report.ok, report.errors
    db.session.commit()
    assert report.created == 4
    cases = {c.applicant_names: c for c in db.session.scalars(select(ReconsiderationCase))}
    deemed = cases["张三"]  # domain.md's worked example, deemed acceptance
    assert (deemed.accepted_on, deemed.is_accepted_deemed, deemed.due_on) == (
        date(2024, 10, 10),
        True,
        date(2024, 12, 9),
    )
    assert deemed.case_no == "区府复〔2024〕7号" and deemed.case_seq == 7
    revoked = cases["李四"]
    assert revoked.law == "ARL17" and revoked.due_on == date(2023, 10, 7) and not revoked.is_late
    assert revoked.status == "concluded" and revoked.outcome == "revoke"
    assert revoked.case_no == "区府复〔2023〕1号"
    extended = cases["王五"]  # 2024-03-04 + 60 = 05-03, + 10 suspended + 30 extension = 06-12
    assert extended.due_on == date(2024, 6, 12) and len(extended.suspensions) == 1
    rejected = cases["赵六"]
    assert (
        rejected.status == "rejected"
        and rejected.rejected_on
        == date(2024, 4, 9)  # Qingming; 04-07 a make-up Sunday and rejected.due_on is None
    )

    again = run_import(get_spec("reconsideration"), str(make_csv(tmp_path, HEADERS, _rows(agency))))
    assert again.ok and (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert _count() == 4  # the row without a case number found its case by applicant, respondent and date


def test_a_changed_row_updates_its_case_with_history(tmp_path, make_agency):
    agency = make_agency()
    rows = _rows(agency)[:1]
    run_import(get_spec("reconsideration"), str(make_csv(tmp_path, HEADERS, rows)))
    db.session.commit()
    rows[0][5:8] = ["受理", "2024-09-30", "简易"]
    report = run_import(get_spec("reconsideration"), str(make_xlsx(tmp_path, HEADERS, rows)))
    assert report.ok and report.updated == 1, report.errors
    db.session.commit()
    case = db.session.scalar(select(ReconsiderationCase))
    assert case.procedure == "simplified" and case.due_on == date(2024, 10, 30)
    fields = db.session.scalars(
        select(ReconsiderationCaseChange.field).where(ReconsiderationCaseChange.action == "import")
    ).all()
    assert {"procedure", "accepted_on", "due_on"} <= set(fields)


def test_one_bad_date_imports_nothing_and_names_the_row(tmp_path, make_agency):
    agency = make_agency()
    rows = _rows(agency)
    rows[2][4] = "2024-02-30"
    report = run_import(get_spec("reconsideration"), str(make_csv(tmp_path, HEADERS, rows)))
    assert not report.ok
    assert [(e.row, e.column) for e in report.errors] == [(4, "收到申请日期")]
    assert _count() == 0


def test_engine_refusals_are_row_errors(tmp_path, make_agency):
    agency = make_agency()
    rows = _rows(agency)
    rows[1][11] = "2023-07-01"  # closed before receipt
    rows[2][7] = "简易"  # a simplified case cannot be extended
    rows[0][2] = "不存在的单位"
    report = run_import(get_spec("reconsideration"), str(make_csv(tmp_path, HEADERS, rows)))
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(2, "被申请人"), (3, "结案日期"), (4, "延长天数")}, report.errors
    assert _count() == 0


def test_cli_dry_run(app, tmp_path, make_agency):
    agency = make_agency()
    path = make_csv(tmp_path, HEADERS, _rows(agency))
    result = app.test_cli_runner().invoke(args=["import", "reconsideration", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert _count() == 0
    result = app.test_cli_runner().invoke(args=["import", "reconsideration", str(path)])
    assert result.exit_code == 0, result.output
    assert _count() == 4
