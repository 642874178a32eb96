"""Reading a year's holidays and make-up workdays as an administrator types or uploads them.

A date is written `2027-10-01`, `2027/10/1`, `2027.10.1` or `2027年10月1日`; within the form's year also `10-01`,
`10/1` or `10月1日`. A range is two dates joined by `~`, `～`, `至` or `到` (`10月1日至7日` keeps the month).
In a text box each line holds one date or range, optionally followed by the festival's name, or several dates
separated by commas. A file (CSV or TXT, UTF-8 or GB18030) has `date,kind[,name]` lines; kind is 休/班 or
holiday/workday.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _

NAME_MAX = 40
MAX_RANGE_DAYS = 31
_FULL = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_SHORT = re.compile(r"^(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_DAY_ONLY = re.compile(r"^(\d{1,2})\s*日$")
_RANGE = re.compile(r"\s*[~～至到]\s*")
_SEPARATORS = re.compile(r"[,，、;；]")
KIND_WORDS = {
    "holiday": {"休", "休息", "休息日", "放假", "假", "holiday", "rest", "off", "h"},
    "workday": {"班", "上班", "补班", "调休上班", "workday", "work", "w"},
}


@dataclass
class ParsedDays:
    """Dates found in the input, each with its name (or None), and the problems found, by field."""

    holidays: dict[date, str | None] = field(default_factory=dict)
    workdays: dict[date, str | None] = field(default_factory=dict)
    errors: dict[str, list[str]] = field(default_factory=dict)

    def add_error(self, field_name: str, message: str) -> None:
        """Record a problem with the input of ``field_name``."""
        self.errors.setdefault(field_name, []).append(message)


class DateTextError(ValueError):
    """A piece of text that is not a date or a range of dates; the message says what is wrong."""


def parse_date(text: str, year: int, month: int | None = None) -> date:
    """One date; a date without its year takes ``year``, a bare day (`7日`) takes ``month`` when given."""
    text = text.strip()
    match = _FULL.match(text)
    try:
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _SHORT.match(text)
        if match:
            return date(year, int(match[1]), int(match[2]))
        match = _DAY_ONLY.match(text)
        if match and month is not None:
            return date(year, month, int(match[1]))
    except ValueError:
        raise DateTextError(_("“%(text)s” is not a date of the calendar.", text=text)) from None
    raise DateTextError(_("“%(text)s” is not a date: write it as 2027-10-01.", text=text))


def parse_date_spec(text: str, year: int) -> list[date]:
    """A date or a range of dates (both ends included) as a list of dates."""
    parts = _RANGE.split(text.strip())
    if len(parts) == 1:
        return [parse_date(parts[0], year)]
    if len(parts) != 2 or not all(parts):
        raise DateTextError(_("“%(text)s” is not a range: write it as 2027-10-01~2027-10-07.", text=text))
    first = parse_date(parts[0], year)
    last = parse_date(parts[1], first.year, first.month)
    if last < first:
        raise DateTextError(_("The range “%(text)s” ends before it starts.", text=text))
    if (last - first).days >= MAX_RANGE_DAYS:
        raise DateTextError(_("The range “%(text)s” is longer than a month.", text=text))
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def parse_day_list(text: str, year: int, into: dict[date, str | None], errors: list[str]) -> None:
    """Read a text box of dates and ranges (one per line with an optional name, or comma-separated)."""
    for number, raw in enumerate((text or "").splitlines(), start=1):
        line = _RANGE.sub("~", raw.strip())
        if not line or line.startswith("#"):
            continue
        try:
            for days, name in _line_entries(line, year):
                for day in days:
                    into[day] = name
        except DateTextError as error:
            errors.append(_("Line %(line)s: %(message)s", line=number, message=str(error)))


def _line_entries(line: str, year: int) -> list[tuple[list[date], str | None]]:
    """Several comma-separated dates or ranges, or one date or range followed by its name."""
    pieces = [piece.strip() for piece in _SEPARATORS.split(line) if piece.strip()]
    if len(pieces) > 1:
        return [(parse_date_spec(piece, year), None) for piece in pieces]
    spec, _space, name = line.partition(" ")
    return [(parse_date_spec(spec, year), _name(name))]


def _name(text: str) -> str | None:
    """A festival's name as given, or None; too long a name is refused rather than cut."""
    name = text.strip().strip("\"'“”")
    if len(name) > NAME_MAX:
        raise DateTextError(_("The name “%(name)s” is longer than %(n)s characters.", name=name, n=NAME_MAX))
    return name or None


def decode_upload(data: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without BOM), else GB18030 as Excel saves it in China."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("gb18030")
        except UnicodeDecodeError:
            raise DateTextError(_("The file is not a text file (CSV or TXT).")) from None


def parse_schedule_file(text: str, year: int) -> ParsedDays:
    """Read `date,kind[,name]` lines (a header line and `#` comments are skipped); problems go to 'file'."""
    parsed = ParsedDays()
    seen_data = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        cells = [cell.strip().strip("\"'") for cell in re.split(r"[,，\t;；]", line, maxsplit=2)]
        if not seen_data and _is_header(cells):
            continue
        seen_data = True
        try:
            if len(cells) < 2 or not cells[1]:
                raise DateTextError(_("give the kind after the date: 休 or 班 (holiday or workday)."))
            kind = _kind(cells[1])
            days = parse_date_spec(_RANGE.sub("~", cells[0]), year)
            name = _name(cells[2]) if len(cells) > 2 else None
        except DateTextError as error:
            parsed.add_error("file", _("Line %(line)s: %(message)s", line=number, message=str(error)))
            continue
        target = parsed.holidays if kind == "holiday" else parsed.workdays
        for day in days:
            target[day] = name
    if not seen_data and not parsed.errors:
        parsed.add_error("file", _("The file lists no dates."))
    return parsed


def _kind(text: str) -> str:
    """'holiday' or 'workday' from the words a clerk may use."""
    word = text.strip().lower()
    for kind, words in KIND_WORDS.items():
        if word in words:
            return kind
    raise DateTextError(_("“%(text)s” is not a kind: write 休 or 班 (holiday or workday).", text=text))


def _is_header(cells: list[str]) -> bool:
    """Whether a first line names the columns (日期,类型 or date,kind) instead of giving a date."""
    first = cells[0].lower()
    return first in {"date", "日期", "day"} or (not first[:1].isdigit() and len(cells) > 1)
