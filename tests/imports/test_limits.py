"""Spreadsheets from outside are checked before they are parsed: the hostile XLSX trio (a dimension bomb, two
million tiny rows, a 100 MB shared string) is refused in under a second with memory growth under 50 MB, and
every bound (sizes, ratio, members, rows, columns, header and cell lengths, CSV lines) is refused by name."""

from __future__ import annotations

import io
import os
import time
import tracemalloc

import pytest
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from casebook.imports import get_spec, run_import
from casebook.imports.reader import UnreadableFile, read_table
from tests.imports.helpers import make_csv, make_xlsx
from tests.imports.hostile import header_row, inline, write_xlsx

MEDIATION_HEADERS = ["案件编号", "调委会编码", "纠纷类型", "案件来源", "登记日期"]
MB = 1024 * 1024


def _measured(path):
    """Run the real mediation import's preview on `path`: (report, CPU seconds, peak traced bytes). CPU time,
    not the wall clock: the machines that run the tests are shared, and a busy one stretches every wall time."""
    spec = get_spec("mediation")
    started = time.process_time()
    report = run_import(spec, str(path), dry_run=True)
    seconds = time.process_time() - started
    tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        run_import(spec, str(path), dry_run=True)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    return report, seconds, peak


def _dimension_bomb(path):
    far = f'<row r="1048576">{inline("XFD1048576", "x")}</row>'
    return write_xlsx(path, [header_row(MEDIATION_HEADERS), far], dimension="A1:XFD1048576")


def _two_million_rows(path):
    rows = (f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(2, 2_000_002))
    return write_xlsx(path, [header_row(MEDIATION_HEADERS), *rows])


def _huge_shared_string(path):
    shared = ("a" * MB for _ in range(100))
    return write_xlsx(path, [header_row(MEDIATION_HEADERS), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
                      shared_strings=shared)  # fmt: skip


@pytest.mark.parametrize(
    "build, limit",
    [(_dimension_bomb, "250000"), (_two_million_rows, "250000"), (_huge_shared_string, "100")],
    ids=["dimension-bomb", "two-million-rows", "100MB-shared-string"],
)
def test_the_hostile_trio_is_refused_fast_in_little_memory(app, tmp_path, build, limit):
    path = build(tmp_path / "hostile.xlsx")
    assert path.stat().st_size < 12 * MB  # small on disk
    report, seconds, peak = _measured(path)
    assert not report.ok and report.total_rows == 0
    message = report.errors[0].message
    assert limit in message and any("\u4e00" <= ch <= "\u9fff" for ch in message), message  # in Chinese
    assert seconds < 1.0, seconds
    assert peak < 50 * MB, peak


def test_the_dimension_element_is_ignored(app, tmp_path):
    """A sheet claiming A1:XFD1048576 but holding two rows is read as two rows, fast."""
    row = '<row r="2">' + inline("A2", "城关调〔2023〕1号") + inline("B2", "C9999") + "</row>"
    path = write_xlsx(tmp_path / "d.xlsx", [header_row(MEDIATION_HEADERS), row], dimension="A1:XFD1048576")
    started = time.process_time()
    table = read_table(path)
    rows = list(table.rows)
    assert time.process_time() - started < 0.5 and len(rows) == 1 and len(rows[0][1]) == 2
    report, _seconds, peak = _measured(path)
    assert report.total_rows == 1 and peak < 50 * MB
    assert all("250000" not in e.message for e in report.errors)


def test_a_long_incompressible_shared_string_is_refused_before_it_is_loaded(app, tmp_path):
    shared = [os.urandom(512 * 1024).hex()]  # 1 MB of text that does not compress 100 times
    path = write_xlsx(tmp_path / "s.xlsx", [header_row(MEDIATION_HEADERS)], shared_strings=shared)
    report, seconds, peak = _measured(path)
    assert "32767" in report.errors[0].message and seconds < 1.0 and peak < 50 * MB


@pytest.mark.parametrize(
    "setting, value, expected",
    [
        ("IMPORT_MAX_ZIP_MEMBERS", 10, "10"),
        ("IMPORT_MAX_UNCOMPRESSED_MB", 1, "1 MB"),
        ("IMPORT_MAX_FILE_MB", 1, "1 MB"),
        ("IMPORT_MAX_ROWS", 100, "100"),
    ],
)
def test_each_xlsx_bound_is_a_setting_named_in_the_refusal(
    app, tmp_path, monkeypatch, setting, value, expected
):
    rows = (header_row(MEDIATION_HEADERS), *(f'<row r="{n}">{inline(f"A{n}", os.urandom(8).hex())}</row>'
                                            for n in range(2, 60_000)))  # fmt: skip
    path = write_xlsx(tmp_path / "big.xlsx", rows, extra_members=20)
    assert path.stat().st_size > MB
    assert read_table(path).headers == MEDIATION_HEADERS  # within the defaults
    monkeypatch.setitem(app.config, setting, value)
    with pytest.raises(UnreadableFile, match=expected):
        read_table(path)


def test_compression_ratio_bound(app, tmp_path, monkeypatch):
    rows = (f'<row r="{n}"><c r="A{n}"><v>1</v></c></row>' for n in range(2, 60_000))
    path = write_xlsx(tmp_path / "z.xlsx", [header_row(MEDIATION_HEADERS), *rows])
    assert read_table(path).headers == MEDIATION_HEADERS
    monkeypatch.setitem(app.config, "IMPORT_MAX_COMPRESSION_RATIO", 5)
    with pytest.raises(UnreadableFile, match="5"):
        read_table(path)


@pytest.mark.parametrize("maker, ext", [(make_csv, "csv"), (make_xlsx, "xlsx")], ids=["csv", "xlsx"])
def test_headers_columns_and_cells_have_bounds(app, tmp_path, maker, ext):
    spec = get_spec("mediation")
    report = run_import(spec, str(maker(tmp_path, ["案件编号" * 30], [["x"]])), dry_run=True)
    assert "100" in report.errors[0].message and len(report.errors[0].message) < 200
    wide = MEDIATION_HEADERS + [f"c{n}" for n in range(300)]
    report = run_import(spec, str(maker(tmp_path, wide, [["x"]], name="wide." + ext)))
    assert "200" in report.errors[0].message
    if ext == "csv":  # (xlsxwriter will not write a cell longer than Excel allows: see the next test)
        long_cell = [["x" * 40_000]]
        report = run_import(spec, str(maker(tmp_path, MEDIATION_HEADERS, long_cell, name="l." + ext)))
        assert "32767" in report.errors[0].message and len(report.errors[0].message) < 200


def test_an_xlsx_cell_longer_than_excel_allows_is_refused(app, tmp_path):
    rows = [header_row(MEDIATION_HEADERS), f'<row r="2">{inline("A2", "x" * 40_000)}</row>']
    report = run_import(get_spec("mediation"), str(write_xlsx(tmp_path / "l.xlsx", rows)), dry_run=True)
    assert "32767" in report.errors[0].message and len(report.errors[0].message) < 200


def test_csv_rows_and_lines_are_bounded(app, tmp_path):
    spec = get_spec("mediation")
    path = tmp_path / "rows.csv"
    path.write_text(",".join(MEDIATION_HEADERS) + "\n" + "1\n" * 2_000_000, encoding="utf-8")
    started = time.process_time()
    report = run_import(spec, str(path), dry_run=True)
    assert "250000" in report.errors[0].message and time.process_time() - started < 1.0
    path.write_text(",".join(MEDIATION_HEADERS) + "\n" + "2" * 100_001 + "\n", encoding="utf-8")
    report = run_import(spec, str(path), dry_run=True)
    assert "100000" in report.errors[0].message


def test_a_message_quotes_only_an_excerpt_of_a_long_cell(app, tmp_path):
    row = ["", "C1", "邻里", "申请", "2023-13-45" + "9" * 5000]
    report = run_import(
        get_spec("mediation"), str(make_csv(tmp_path, MEDIATION_HEADERS, [row])), dry_run=True
    )
    dates = [e for e in report.errors if e.column == "登记日期"]
    assert dates and "…" in dates[0].message and len(dates[0].message) < 200


def _multipart(client, url: str, content: bytes, filename: str = "big.csv"):
    """Post a file as a browser does (the body encoded here, in memory: the test client would spool a large
    one to a temporary file that it leaves open when the answer is a 413)."""
    boundary, body = encode_multipart({"file": FileStorage(io.BytesIO(content), filename)})
    return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")


def test_the_upload_page_takes_a_register_larger_than_other_requests(app, client, login_as, monkeypatch):
    login_as("bureau")
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", MB)
    monkeypatch.setitem(app.config, "IMPORT_MAX_FILE_MB", 2)
    body = (",".join(MEDIATION_HEADERS) + "\n").encode() + b"x" * (MB + MB // 2)
    response = _multipart(client, "/imports/mediation", body)
    assert response.status_code == 200 and 'id="import-report"' in response.get_data(as_text=True)
    response = _multipart(client, "/imports/mediation", body * 2)
    assert response.status_code == 413 and "3 MB" in response.get_data(as_text=True)
    other = _multipart(client, "/imports/mediation/confirm", body)
    assert other.status_code == 413 and "1 MB" in other.get_data(as_text=True)


def test_a_hostile_upload_gets_its_refusal_in_chinese_on_the_page(app, client, login_as, tmp_path):
    login_as("bureau")
    path = _dimension_bomb(tmp_path / "bomb.xlsx")
    response = _multipart(client, "/imports/mediation", path.read_bytes(), "bomb.xlsx")
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "文件超过 250000 行" in html
