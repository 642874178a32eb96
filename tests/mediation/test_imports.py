"""Import of historic mediation cases: all or nothing, rows named, re-import unchanged, changes with history,
10,000 rows, the CLI and the web flow, and an export imported back."""

from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from casebook.extensions import db
from casebook.imports import get_spec, run_import
from casebook.mediation.models import MediationCase, MediationCaseChange
from tests.conftest import login
from tests.imports.helpers import make_csv, make_xlsx

HEADERS = [
    "案件编号", "调委会编码", "调解员", "纠纷类型", "案件来源", "登记日期", "受理日期", "调解结果", "结案日期",
    "协议形式", "延长天数", "涉及金额", "涉及人数", "申请人", "被申请人", "简要案情",
]  # fmt: skip


def row(team, n: int, **overrides) -> list:
    values = {
        "案件编号": f"城关调〔2023〕{n:05d}号",
        "调委会编码": team.committee.code,
        "调解员": team.mediator_record.code,
        "纠纷类型": "邻里",
        "案件来源": "排查",
        "登记日期": "2023-03-01",
        "受理日期": "2023/3/2",
        "调解结果": "调解成功",
        "结案日期": "2023年3月20日",
        "协议形式": "书面",
        "延长天数": "",
        "涉及金额": "1,200元",
        "涉及人数": "2",
        "申请人": f"张{n}",
        "被申请人": "李四、王五",
        "简要案情": f"第{n}号纠纷",
    }
    values.update(overrides)
    return [values[h] for h in HEADERS]


def spec():
    return get_spec("mediation")


def test_import_creates_cases_and_reimport_changes_nothing(team, tmp_path):
    rows = [
        row(team, 1),
        row(team, 2, 调解结果="", 结案日期="", 协议形式=""),
        row(team, 3, 案件编号="", 受理日期="", 调解结果="", 结案日期="", 协议形式="", 调解员=""),
        row(team, 4, 调解结果="终止", 协议形式="", 延长天数="10"),
    ]
    path = make_csv(tmp_path, HEADERS, rows)
    report = run_import(spec(), str(path))
    assert report.ok, report.errors
    db.session.commit()
    assert (report.created, report.updated, report.unchanged) == (4, 0, 0)
    cases = {c.case_no: c for c in db.session.scalars(select(MediationCase))}
    first = cases["城关调〔2023〕00001号"]
    assert first.status == "concluded" and first.outcome == "success" and first.agreement_form == "written"
    assert first.accepted_on == date(2023, 3, 2) and first.due_on == date(2023, 4, 3)  # 1 April is a Saturday
    assert first.amount == 1200 and [p.name for p in first.parties] == ["张1", "李四", "王五"]
    assert [m.code for m in first.mediators] == [team.mediator_record.code]
    assert cases["城关调〔2023〕00002号"].status == "accepted"
    generated = next(c for c in cases.values() if c.summary == "第3号纠纷")
    assert generated.case_no == "城关调〔2023〕0001号" and generated.status == "registered"
    assert cases["城关调〔2023〕00004号"].extension_days == 10
    changes = db.session.scalar(select(func.count()).select_from(MediationCaseChange))

    again = run_import(spec(), str(path))
    db.session.commit()
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    assert db.session.scalar(select(func.count()).select_from(MediationCaseChange)) == changes
    assert db.session.scalar(select(func.count()).select_from(MediationCase)) == 4


def test_a_changed_row_updates_its_case_with_history(team, tmp_path):
    make = lambda rows: make_csv(tmp_path, HEADERS, rows)  # noqa: E731
    assert run_import(spec(), str(make([row(team, 1, 调解结果="", 结案日期="", 协议形式="")]))).ok
    db.session.commit()
    report = run_import(spec(), str(make([row(team, 1, 调解结果="调解不成", 协议形式="", 简要案情="改过")])))
    assert report.ok and report.updated == 1, report.errors
    db.session.commit()
    case = db.session.scalar(select(MediationCase))
    assert case.status == "concluded" and case.outcome == "failed" and case.summary == "改过"
    fields = {c.field for c in case.changes if c.action == "import"}
    assert {"status", "outcome", "closed_on", "summary"} <= fields
    back = run_import(spec(), str(make([row(team, 1, 调解结果="", 结案日期="", 协议形式="")])))
    assert not back.ok and "重新调解" in back.errors[0].message


def test_every_bad_row_is_reported_and_nothing_written(team, tmp_path):
    rows = [
        row(team, 1),
        row(team, 2, 调委会编码="NOPE"),
        row(team, 3, 受理日期="2023-02-01"),
        row(team, 4, 协议形式=""),
        row(team, 5, 纠纷类型="吵架"),
        row(team, 6, 调解员="M-unknown"),
        row(team, 7, 涉及金额="-5"),
        row(team, 8, 结案日期="2023-02-28"),
        row(team, 9, 登记日期="2023-02-30"),
    ]
    report = run_import(spec(), str(make_csv(tmp_path, HEADERS, rows)))
    assert not report.ok
    found = {(e.row, e.column) for e in report.errors}
    assert {
        (3, "调委会编码"),
        (4, "受理日期"),
        (5, "协议形式"),
        (6, "纠纷类型"),
        (7, "调解员"),
        (8, "涉及金额"),
    } <= found
    assert (9, "结案日期") in found and (10, "登记日期") in found
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(MediationCase)) == 0


def test_ten_thousand_rows(team, tmp_path, capsys):
    start = date(2023, 1, 1)
    rows = [
        row(
            team,
            n,
            登记日期=(start + timedelta(days=n % 360)).isoformat(),
            受理日期="",
            结案日期=(start + timedelta(days=n % 360 + 9)).isoformat(),
        )
        for n in range(1, 10_001)
    ]
    rows[7000][HEADERS.index("结案日期")] = "2022-12-01"  # closes before registration: row 7002
    bad = make_xlsx(tmp_path, HEADERS, rows, name="bad.xlsx")
    report = run_import(spec(), str(bad))
    assert not report.ok and [(e.row, e.column) for e in report.errors] == [(7002, "结案日期")]
    db.session.rollback()
    assert db.session.scalar(select(func.count()).select_from(MediationCase)) == 0

    rows[7000][HEADERS.index("结案日期")] = "2023-12-31"
    good = make_xlsx(tmp_path, HEADERS, rows, name="good.xlsx")
    started = time.perf_counter()
    report = run_import(spec(), str(good))
    db.session.commit()
    first = time.perf_counter() - started
    assert report.ok and report.created == 10_000, report.errors[:3]
    assert db.session.scalar(select(func.count()).select_from(MediationCase)) == 10_000
    started = time.perf_counter()
    again = run_import(spec(), str(good))
    db.session.commit()
    second = time.perf_counter() - started
    assert again.unchanged == 10_000 and again.created == again.updated == 0
    with capsys.disabled():
        print(f"\n10,000-row XLSX import: {first:.1f} s; the same file again (unchanged): {second:.1f} s")
    assert first < 120 and second < 120


def test_cli_dry_run_and_import(app, team, tmp_path):
    path = make_csv(tmp_path, HEADERS, [row(team, 1), row(team, 2)])
    runner = app.test_cli_runner()
    result = runner.invoke(args=["import", "mediation", str(path), "--dry-run"])
    assert result.exit_code == 0 and "would create 2" in result.output
    assert db.session.scalar(select(func.count()).select_from(MediationCase)) == 0
    result = runner.invoke(args=["import", "mediation", str(path)])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count()).select_from(MediationCase)) == 2


@pytest.mark.parametrize(
    ("role", "status"), [("bureau", 200), ("admin", 200), ("reconsideration", 404), ("mediator", 404)]
)
def test_who_may_import(client, login_as, role, status):
    login_as(role)
    assert client.get("/imports/mediation").status_code == status


def test_web_upload_preview_confirm(client, login_as, team, tmp_path):
    login_as("bureau")
    path = make_csv(tmp_path, HEADERS, [row(team, 1)])
    with path.open("rb") as fh:
        html = client.post("/imports/mediation", data={"file": (fh, "cases.csv")}).get_data(as_text=True)
    token = html.split('name="upload" type="hidden" value="')[1].split('"')[0]
    assert client.post("/imports/mediation/confirm", data={"upload": token}).status_code == 302
    assert db.session.scalar(select(MediationCase.case_no)) == "城关调〔2023〕00001号"


def test_an_export_imports_back_unchanged(client, team, register, tmp_path):
    register()
    register(summary="=1+1", accepted_on=date(2024, 3, 1))
    login(client, team.mediator.username)
    with client.get("/mediation/export.xlsx") as response:
        path = tmp_path / "export.xlsx"
        path.write_bytes(response.get_data())
    report = run_import(spec(), str(path))
    assert report.ok, report.errors
    assert report.unchanged == 2 and report.created == 0, (report.updated, report.created)
