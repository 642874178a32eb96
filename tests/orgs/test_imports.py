"""Imports of areas, committees, mediators and agencies (interchange.md), from CSV and XLSX."""

import io
from datetime import date

import pytest
from flask_babel import force_locale
from sqlalchemy import func, select

from casebook import demo
from casebook.extensions import db
from casebook.imports import get_spec, run_import
from casebook.orgs.models import Agency, Area, Committee, CommitteeMembership, Mediator, OrgChange
from tests.imports.helpers import make_csv, make_xlsx

MAKERS = {"csv": make_csv, "xlsx": make_xlsx}


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def run(kind, path, **kwargs):
    with force_locale("en"):
        report = run_import(get_spec(kind), str(path), path.name, **kwargs)
    if report.ok and not kwargs.get("dry_run"):
        db.session.commit()
    return report


def errors(report) -> list[tuple]:
    return [(e.row, e.column) for e in report.errors]


AREA_ROWS = [
    ["360999", "云溪区", ""],
    ["360999001", "东湖街道", "360999"],
    ["360999001001", "湖滨社区", "360999001"],
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_areas_import_as_a_tree_and_reimport_changes_nothing(tmp_path, fmt):
    path = MAKERS[fmt](tmp_path, ["区划代码", "名称", "上级区划代码"], AREA_ROWS, name=f"areas.{fmt}")
    report = run("areas", path)
    assert report.ok and report.created == 3, report.errors
    levels = dict(db.session.execute(select(Area.code, Area.level)).all())
    assert levels == {"360999": "district", "360999001": "township", "360999001001": "village"}
    again = run("areas", path)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)


def test_area_mistakes_name_their_row_and_column(tmp_path):
    rows = [*AREA_ROWS, ["X1", "错", "360999001001"], ["X2", "缺", "NOPE"], ["X3", "", "360999"]]
    path = make_csv(tmp_path, ["code", "name", "parent_code"], rows)
    report = run("areas", path)
    assert errors(report) == [(5, "parent_code"), (6, "parent_code"), (7, "name")]
    assert count(Area) == 0  # all or nothing


COMMITTEE_HEADERS = ["调委会编码", "调委会名称", "类型", "所属区划", "行业领域", "成立日期", "撤销日期"]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_committees_import_and_update_by_code(tmp_path, make_area, fmt):
    make_area(code="360999001")
    rows = [
        ["C0001", "东湖街道人民调解委员会", "乡镇街道", "360999001", "", date(2015, 3, 1), None],
        ["C0002", "医疗纠纷人民调解委员会", "行业性专业性", "", "医疗", "2016/5/1", None],
        ["C0003", "某村人民调解委员会", "村居", "", "", "2010年1月2日", "2024.3.1"],
    ]
    report = run("committees", MAKERS[fmt](tmp_path, COMMITTEE_HEADERS, rows, name=f"c.{fmt}"))
    assert report.ok and report.created == 3, report.errors
    sector = db.session.scalar(select(Committee).where(Committee.code == "C0002"))
    assert (sector.type, sector.sector, sector.founded_on) == ("sector", "medical", date(2016, 5, 1))
    dissolved = db.session.scalar(select(Committee).where(Committee.code == "C0003"))
    assert dissolved.dissolved_on == date(2024, 3, 1) and not dissolved.is_active

    rows[0][1] = "东湖街道人民调解委员会（新）"
    report = run("committees", MAKERS[fmt](tmp_path, COMMITTEE_HEADERS, rows, name=f"c2.{fmt}"))
    assert (report.created, report.updated, report.unchanged) == (0, 1, 2)
    renamed = db.session.scalar(select(Committee).where(Committee.code == "C0001"))
    history = db.session.scalars(
        select(OrgChange).where(OrgChange.subject_id == renamed.id, OrgChange.field == "name")
    )
    assert [h.after for h in history] == ["东湖街道人民调解委员会（新）"]


def test_committee_mistakes_are_all_reported(tmp_path):
    rows = [
        ["C1", "甲", "宗教", "", "", "", ""],
        ["C2", "乙", "行业性专业性", "", "", "", ""],
        ["C3", "丙", "村居", "NOPE", "医疗", "2020-02-30", ""],
        ["C4", "丁", "村居", "", "", "2020-01-02", "2020-01-01"],
        ["C4", "重复", "村居", "", "", "", ""],
    ]
    report = run("committees", make_csv(tmp_path, COMMITTEE_HEADERS, rows))
    assert errors(report) == [
        (2, "类型"),
        (3, "行业领域"),
        (4, "成立日期"),
        (5, "撤销日期"),
        (6, "调委会编码"),
    ]
    rows[2][5] = "2020-02-28"
    report = run("committees", make_csv(tmp_path, COMMITTEE_HEADERS, rows, name="again.csv"))
    assert (4, "所属区划") in errors(report) and (4, "行业领域") in errors(report)
    assert count(Committee) == 0


MEDIATOR_HEADERS = [
    "调解员编码",
    "姓名",
    "所属调委会",
    "专兼职",
    "专家库",
    "性别",
    "身份证号",
    "联系电话",
    "聘任日期",
    "离任日期",
    "专长领域",
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_mediators_import_with_committees_experts_and_checked_numbers(tmp_path, make_committee, fmt):
    make_committee(code="C1")
    make_committee(code="C2")
    rows = [
        [
            "M1",
            "张三",
            "C1;C2",
            "专职",
            "是",
            "男",
            "110101198001010010",
            "13912345678",
            "2020-01-01",
            "",
            "医疗、劳动争议",
        ],
        ["M2", "李四", "C2", "兼职", "否", "女", "", "", "", "", ""],
    ]
    report = run("mediators", MAKERS[fmt](tmp_path, MEDIATOR_HEADERS, rows, name=f"m.{fmt}"))
    assert report.ok and report.created == 2, report.errors
    zhang = db.session.scalar(select(Mediator).where(Mediator.code == "M1"))
    assert zhang.employment == "full_time" and zhang.is_expert and zhang.phone == "13912345678"
    assert sorted(t.code for t in zhang.specialities) == ["labour", "medical"]
    assert sorted(m.committee.code for m in zhang.memberships) == ["C1", "C2"]

    rows[0][2] = "C2"  # the roster now lists only C2: the seat on C1 goes
    report = run("mediators", MAKERS[fmt](tmp_path, MEDIATOR_HEADERS, rows, name=f"m2.{fmt}"))
    assert (report.updated, report.unchanged) == (1, 1)
    assert count(CommitteeMembership) == 2


def test_mediator_mistakes_name_row_and_column_in_the_clerks_words(tmp_path, make_committee, make_mediator):
    make_committee(code="C1")
    make_mediator(code="M9", id_number="110101199007070035")
    rows = [
        ["M1", "甲", "C1", "专职", "", "", "110101198001010011", "", "", "", ""],  # check digit
        ["M2", "乙", "C7", "兼职", "", "", "", "12345", "", "", ""],  # committee, phone
        ["M3", "丙", "C1", "临时", "也许", "", "", "", "", "", ""],  # employment, expert
        ["M4", "丁", "C1", "兼职", "", "女", "110101198001010010", "", "", "", ""],  # gender vs ID
        ["M5", "戊", "C1", "兼职", "", "", "110101199007070035", "", "", "", ""],  # ID of M9
        ["M6", "己", "C1", "兼职", "否", "", "", "", "", "", "医疗"],  # not an expert
        ["M7", "庚", "C1", "兼职", "", "", "", "", "2020-01-02", "2020-01-01", ""],
    ]
    report = run("mediators", make_csv(tmp_path, MEDIATOR_HEADERS, rows))
    assert errors(report) == [
        (2, "身份证号"),
        (3, "联系电话"),
        (4, "专兼职"),
        (4, "专家库"),
        (5, "身份证号"),
        (6, "身份证号"),
        (7, "专长领域"),
        (8, "离任日期"),
    ]
    messages = {(e.row, e.column): e.message for e in report.errors}
    assert "check digit" in messages[(2, "身份证号")]
    assert "M9" in messages[(6, "身份证号")]
    assert count(Mediator) == 1


def test_an_id_number_excel_stored_as_a_number_is_explained(tmp_path, make_committee):
    make_committee(code="C1")
    path = make_xlsx(
        tmp_path,
        ["code", "name", "committees", "employment", "id_number"],
        [["M1", "甲", "C1", "兼职", 110101198001010010]],
    )
    report = run("mediators", path)
    assert errors(report) == [(2, "id_number")] and "text" in report.errors[0].message


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_agencies_import(tmp_path, fmt):
    rows = [["G001", "云溪区公安分局", "部门"], ["G002", "东湖街道办事处", "乡镇"]]
    report = run("agencies", MAKERS[fmt](tmp_path, ["单位编码", "单位名称", "类型"], rows, name=f"a.{fmt}"))
    assert report.ok and report.created == 2
    assert db.session.scalar(select(Agency.kind).where(Agency.code == "G002")) == "township"
    rows.append(["G003", "云溪区公安分局", ""])
    report = run("agencies", MAKERS[fmt](tmp_path, ["code", "name", "kind"], rows, name=f"b.{fmt}"))
    assert errors(report) == [(4, "name")]


def test_the_cli_imports_and_dry_runs(app, tmp_path):
    runner = app.test_cli_runner()
    path = make_csv(tmp_path, ["区划代码", "名称", "上级区划代码"], AREA_ROWS)
    result = runner.invoke(args=["import", "areas", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert count(Area) == 0
    result = runner.invoke(args=["import", "areas", str(path)])
    assert result.exit_code == 0 and "3 created" in result.output
    bad = make_csv(tmp_path, ["区划代码", "名称", "上级区划代码"], [["X", "x", "NOPE"]], name="bad.csv")
    result = runner.invoke(args=["import", "areas", str(bad)])
    assert result.exit_code != 0 and "row 2" in result.output and "上级区划代码" in result.output


def test_templates_have_the_interchange_headers(client, login_as):
    login_as("bureau")
    expected = {
        "areas": "区划代码,名称,上级区划代码",
        "committees": "调委会编码,调委会名称,类型,所属区划,行业领域,成立日期,撤销日期",
        "mediators": "调解员编码,姓名,所属调委会,专兼职,专家库,性别,身份证号,联系电话,聘任日期,离任日期",
        "agencies": "单位编码,单位名称",
    }
    for kind, headers in expected.items():
        response = client.get(f"/imports/{kind}/template.csv")
        assert response.data.decode("utf-8-sig").startswith(headers), kind
        assert client.get(f"/imports/{kind}/template.xlsx").data[:2] == b"PK"


def test_only_the_bureau_imports_organisations(client, login_as):
    login_as("reconsideration")
    assert client.get("/imports/committees").status_code == 404


def upload(client, kind, path):
    return client.post(
        f"/imports/{kind}",
        data={"file": (io.BytesIO(path.read_bytes()), path.name)},
        content_type="multipart/form-data",
    ).get_data(as_text=True)


def test_done_when_a_clerk_fixes_a_roster_and_the_summary_shows_the_reports_figures(
    client, login_as, tmp_path
):
    """issue 3: import a roster with mistakes, see row and column, fix, import; the summary shows the report."""
    demo.create_organisations()  # the organisation step of the demo (the cases are not needed here)
    db.session.commit()
    login_as("bureau")
    rows = [
        [
            "M90001",
            "新调解员甲",
            "C0001",
            "兼职",
            "否",
            "男",
            "110101198001010010",
            "13912345678",
            "2024-05-01",
            "",
            "",
        ],
        ["M90002", "新调解员乙", "C9999", "兼职", "否", "", "", "", "2024-05-01", "", ""],
        ["M90003", "新调解员丙", "C0002", "兼职", "否", "", "110101198001010011", "", "2024-05-01", "", ""],
    ]
    page = upload(client, "mediators", make_xlsx(tmp_path, MEDIATOR_HEADERS, rows, name="roster.xlsx"))
    assert 'id="import-errors"' in page
    table = page.split('id="import-errors"')[1].split("</table>")[0]
    cells = [c.split(">", 1)[1].split("<")[0] for c in table.split("<td")[1:]]
    assert cells[0:2] == ["3", "所属调委会"] and cells[3:5] == ["4", "身份证号"]
    assert count(Mediator) == 944  # nothing written

    rows[1][2], rows[2][6] = "C0002", ""
    page = upload(client, "mediators", make_xlsx(tmp_path, MEDIATOR_HEADERS, rows, name="fixed.xlsx"))
    token = page.split('name="upload" type="hidden" value="')[1].split('"')[0]
    assert client.post("/imports/mediators/confirm", data={"upload": token}).status_code == 302
    assert count(Mediator) == 947

    summary = client.get("/orgs/?as_of=2023-12-31").get_data(as_text=True)
    for figure, value in [
        ("associations", 1),
        ("committees", 190),
        ("mediators", 934),
        ("full-time", 206),
        ("experts", 50),
    ]:
        assert f'id="count-{figure}">{value}<' in summary, figure
    assert "5" in summary.split('id="count-committees"')[1].split("</a>")[0]  # of which sector/professional
    assert f'id="count-mediators">{934 - 8 + 10 + 3}<' in client.get("/orgs/?as_of=2024-12-31").get_data(
        as_text=True
    )
