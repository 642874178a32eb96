"""Reading typed and uploaded schedules: date formats, ranges, names, kinds, and messages with line numbers."""

from datetime import date

import pytest

from casebook.calendars.parsing import (
    DateTextError,
    decode_upload,
    parse_date,
    parse_date_spec,
    parse_day_list,
    parse_schedule_file,
)

D = date.fromisoformat


@pytest.fixture(autouse=True)
def _request(app):
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        yield


@pytest.mark.parametrize(
    "text",
    ["2027-10-01", "2027/10/1", "2027.10.1", "2027年10月1日", "10-01", "10/1", "10月1日", " 2027-10-01 "],
)
def test_date_formats(text):
    assert parse_date(text, 2027) == D("2027-10-01")


@pytest.mark.parametrize("text", ["2027-02-30", "13-01", "tomorrow", "2027-10", ""])
def test_not_a_date(text):
    with pytest.raises(DateTextError):
        parse_date(text, 2027)


def test_ranges():
    assert parse_date_spec("2027-10-01~2027-10-03", 2027) == [
        D("2027-10-01"),
        D("2027-10-02"),
        D("2027-10-03"),
    ]
    assert parse_date_spec("10月1日至3日", 2027)[-1] == D("2027-10-03")
    assert len(parse_date_spec("2027-02-05 ～ 2027-02-12", 2027)) == 8
    for bad in ("2027-10-03~2027-10-01", "2027-01-01~2027-03-01", "2027-10-01~"):
        with pytest.raises(DateTextError):
            parse_date_spec(bad, 2027)


def test_text_box_lines_with_names_lists_and_comments():
    days, errors = {}, []
    text = "# National Day\n2027-10-01~2027-10-03 国庆节\n\n2027-01-01, 2027-04-05、2027-06-09\nnonsense\n"
    parse_day_list(text, 2027, days, errors)
    assert days[D("2027-10-02")] == "国庆节" and days[D("2027-06-09")] is None
    assert len(days) == 6
    assert errors == ["Line 5: “nonsense” is not a date: write it as 2027-10-01."]


def test_file_with_header_kinds_names_and_ranges():
    text = "日期,类型,名称\n2027-01-01,休,元旦\n2027-02-05~2027-02-12,holiday,春节\n2027-02-20,班,春节\n# note\n2027-10-09\tworkday\n"
    parsed = parse_schedule_file(text, 2027)
    assert not parsed.errors
    assert len(parsed.holidays) == 9 and parsed.holidays[D("2027-02-08")] == "春节"
    assert set(parsed.workdays) == {D("2027-02-20"), D("2027-10-09")}


def test_file_problems_name_their_line():
    parsed = parse_schedule_file("2027-01-01,休\n2027-02-30,休\n2027-02-20,上学\n2027-03-01\n", 2027)
    messages = parsed.errors["file"]
    assert [m.split(":")[0] for m in messages] == ["Line 2", "Line 3", "Line 4"]
    assert "上学" in messages[1]
    assert parse_schedule_file("# nothing\n", 2027).errors["file"] == ["The file lists no dates."]


def test_uploads_in_utf8_with_bom_and_in_gb18030():
    text = "2027-01-01,休,元旦\n"
    assert decode_upload(("\ufeff" + text).encode()) == text
    assert decode_upload(text.encode("gb18030")) == text
    with pytest.raises(DateTextError):
        decode_upload(b"\xff\xfe\x00\x81\x30\x81")
