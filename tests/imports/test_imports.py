"""The shared import framework: headers, parsing, all or nothing, re-import, CLI and web flow."""

from __future__ import annotations

import io
from datetime import date

import pytest
from sqlalchemy import func, select

from casebook.core.permissions import Permission
from casebook.extensions import db
from casebook.imports import Column, ImportSpec, RowError, get_spec, parsers, register_spec, run_import
from casebook.orgs.models import Agency
from tests.imports.helpers import make_csv, make_xlsx


def _prepare(ctx):
    ctx.cache["agencies"] = {a.code: a for a in db.session.scalars(select(Agency))}


def _check(values, ctx):
    if values["name"] and values["name"].startswith("!"):
        raise RowError("name", "a name must not start with !")


def _apply(values, ctx):
    agency = ctx.cache["agencies"].get(values["code"])
    if agency is None:
        agency = Agency(code=values["code"], name=values["name"], kind=values["kind"] or "department")
        db.session.add(agency)
        ctx.cache["agencies"][agency.code] = agency
        return "created"
    if agency.name == values["name"]:
        return "unchanged"
    agency.name = values["name"]
    return "updated"


SPEC = register_spec(
    ImportSpec(
        kind="test_agencies",
        label="test agencies",
        columns=[
            Column("code", "单位编码", required=True, parse=parsers.text),
            Column("name", "单位名称", required=True),
            Column("kind", "类型", parse=parsers.choice({"部门": "department", "乡镇": "township"})),
            Column("since", "成立日期", parse=parsers.date),
            Column("staff", "人数", parse=parsers.integer),
        ],
        key="code",
        permission=Permission.IMPORT_CASES,
        prepare=_prepare,
        check_row=_check,
        apply_row=_apply,
    )
)


def count_agencies() -> int:
    return db.session.scalar(select(func.count()).select_from(Agency))


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("2024-03-01", date(2024, 3, 1)),
        ("2024/3/1", date(2024, 3, 1)),
        ("2024.3.1", date(2024, 3, 1)),
        ("2024年3月1日", date(2024, 3, 1)),
        (" 2024年03月01日 ", date(2024, 3, 1)),
        (45352, date(2024, 3, 1)),
        (45352.0, date(2024, 3, 1)),
        (date(2024, 3, 1), date(2024, 3, 1)),
    ],
)
def test_date_formats(raw, expected):
    assert parsers.date(raw) == expected


@pytest.mark.parametrize("raw", ["2024-02-30", "March 1", "2024-13-01", "1/3/2024", ""])
def test_bad_dates_are_refused(app, raw):
    with app.test_request_context(), pytest.raises(ValueError):
        parsers.date(raw)


def test_other_parsers(app):
    with app.test_request_context():
        assert parsers.code_list("C1;C2、C3；C1") == ["C1", "C2", "C3"]
        assert parsers.yes_no("是") is True and parsers.yes_no("否") is False
        assert parsers.integer(12.0) == 12
        assert str(parsers.decimal("1,234.50元")) == "1234.50"
        assert parsers.date_ranges("2024-03-10~2024-03-20; 2024-04-01~") == [
            (date(2024, 3, 10), date(2024, 3, 20)),
            (date(2024, 4, 1), None),
        ]
        with pytest.raises(ValueError):
            parsers.date_ranges("2024-03-20~2024-03-10")
        with pytest.raises(ValueError):
            parsers.choice({"部门": 1})("局")


def test_csv_with_chinese_headers_imports_and_reimport_changes_nothing(app, tmp_path):
    path = make_csv(
        tmp_path, ["单位编码", "单位名称", "类型"], [["G1", "区公安分局", "部门"], ["G2", "城关镇", "乡镇"]]
    )
    report = run_import(SPEC, str(path))
    assert report.ok and report.created == 2
    db.session.commit()
    again = run_import(SPEC, str(path))
    assert again.ok and again.created == 0 and again.unchanged == 2
    db.session.commit()
    assert count_agencies() == 2


def test_english_keys_any_order_and_xlsx(app, tmp_path):
    path = make_xlsx(tmp_path, ["since", "name", "code"], [[date(2020, 1, 1), "区教育局", "G9"]])
    report = run_import(SPEC, str(path))
    assert report.ok and report.created == 1


def test_all_or_nothing_with_every_bad_row_reported(app, tmp_path):
    rows = [
        ["G1", "区公安分局", "部门", "2024-01-01"],
        ["G2", "", "部门", "2024-01-01"],  # required empty
        ["G3", "区卫健委", "局", "2024-01-01"],  # bad choice
        ["G4", "区民政局", "部门", "2024-02-30"],  # bad date
        ["G1", "区公安分局", "部门", "2024-01-01"],  # duplicate key
        ["G5", "!坏名字", "部门", ""],  # check_row
    ]
    path = make_csv(tmp_path, ["单位编码", "单位名称", "类型", "成立日期"], rows)
    report = run_import(SPEC, str(path))
    assert not report.ok
    found = {(e.row, e.column) for e in report.errors}
    assert found == {(3, "单位名称"), (4, "类型"), (5, "成立日期"), (6, "单位编码"), (7, "单位名称")}
    db.session.rollback()
    assert count_agencies() == 0


def test_unknown_column_is_a_warning_and_missing_required_column_an_error(app, tmp_path):
    path = make_csv(tmp_path, ["单位编码", "单位名称", "备注"], [["G1", "区公安分局", "x"]])
    report = run_import(SPEC, str(path))
    assert report.ok and any("备注" in w for w in report.warnings)
    db.session.rollback()
    path = make_csv(tmp_path, ["单位编码", "备注"], [["G1", "x"]], name="b.csv")
    report = run_import(SPEC, str(path))
    assert not report.ok and report.errors[0].column == "单位名称"


def test_dry_run_writes_nothing(app, tmp_path):
    path = make_csv(tmp_path, ["code", "name"], [["G1", "区公安分局"]])
    report = run_import(SPEC, str(path), dry_run=True)
    assert report.ok and report.created == 1
    db.session.commit()
    assert count_agencies() == 0


def test_unreadable_files_get_a_message(app, tmp_path):
    bad = tmp_path / "x.xlsx"
    bad.write_bytes(b"not a zip")
    assert not run_import(SPEC, str(bad)).ok
    other = tmp_path / "x.pdf"
    other.write_bytes(b"%PDF")
    assert not run_import(SPEC, str(other)).ok
    gbk = tmp_path / "gbk.csv"
    gbk.write_bytes("单位编码,单位名称\nG1,区公安分局\n".encode("gb18030"))
    report = run_import(SPEC, str(gbk))
    assert report.ok and report.warnings


def test_cli_import_and_dry_run(app, tmp_path):
    runner = app.test_cli_runner()
    path = make_csv(tmp_path, ["code", "name"], [["G1", "区公安分局"]])
    result = runner.invoke(args=["import", "test_agencies", str(path), "--dry-run"])
    assert result.exit_code == 0, result.output
    assert count_agencies() == 0
    result = runner.invoke(args=["import", "test_agencies", str(path)])
    assert result.exit_code == 0 and "1 created" in result.output
    bad = make_csv(tmp_path, ["code", "name"], [["G2", ""]], name="bad.csv")
    result = runner.invoke(args=["import", "test_agencies", str(bad)])
    assert result.exit_code != 0 and "row 2" in result.output


def test_web_upload_preview_and_confirm(app, client, login_as, tmp_path):
    login_as("bureau")
    bad = make_csv(tmp_path, ["单位编码", "单位名称"], [["G1", "区公安分局"], ["G2", ""]])
    response = client.post(
        "/imports/test_agencies",
        data={"file": (io.BytesIO(bad.read_bytes()), "roster.csv")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and 'id="import-errors"' in html and "单位名称" in html
    good = make_csv(
        tmp_path, ["单位编码", "单位名称"], [["G1", "区公安分局"], ["G2", "城关镇"]], name="g.csv"
    )
    response = client.post(
        "/imports/test_agencies",
        data={"file": (io.BytesIO(good.read_bytes()), "roster.csv")},
        content_type="multipart/form-data",
    )
    html = response.get_data(as_text=True)
    assert count_agencies() == 0
    token = html.split('name="upload" type="hidden" value="')[1].split('"')[0]
    response = client.post("/imports/test_agencies/confirm", data={"upload": token})
    assert response.status_code == 302
    assert count_agencies() == 2


def test_templates_download(app, client, login_as):
    login_as("bureau")
    response = client.get("/imports/test_agencies/template.xlsx")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    response = client.get("/imports/test_agencies/template.csv")
    assert response.data.decode("utf-8-sig").startswith("单位编码,单位名称")


def test_imports_need_the_permission(client, login_as):
    login_as("mediator")
    assert client.get("/imports/test_agencies").status_code == 404
    assert get_spec("nonexistent") is None
