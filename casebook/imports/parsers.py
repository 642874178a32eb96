"""Cell parsers for imports: each takes the raw cell and the context and returns a value or raises ValueError."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _

from casebook.core.dates import check_day
from casebook.core.inputs import strip_controls

_DATE = re.compile(r"^\s*(\d{4})\s*(?:[-/.年])\s*(\d{1,2})\s*(?:[-/.月])\s*(\d{1,2})\s*日?\s*$")
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_SEPARATORS = re.compile(r"[;；、,，\n]+")


def text(raw: Any, _ctx=None) -> str:
    """The cell as stripped text without control characters (a whole-number cell from Excel loses its '.0')."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    return strip_controls(str(raw)).strip()


def date(raw: Any, _ctx=None) -> dt.date:
    """A date written 2024-03-01, 2024/3/1, 2024.3.1 or 2024年3月1日, or an Excel date cell or serial, within the
    bounds every date of casebook keeps (core/dates.py)."""
    return check_day(_date(raw))


def _date(raw: Any) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if 1 <= raw < 100000:
            return _EXCEL_EPOCH + dt.timedelta(days=int(raw))
        raise ValueError(_("%(value)s is not a date.", value=raw))
    value = str(raw).strip()
    match = _DATE.match(value)
    if not match:
        raise ValueError(_("%(value)s is not a date: write it as 2024-03-01 or 2024年3月1日.", value=value))
    year, month, day = (int(part) for part in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(_("%(value)s is not a real date.", value=value)) from None


def integer(raw: Any, _ctx=None) -> int:
    """A whole number."""
    if isinstance(raw, bool):
        raise ValueError(_("%(value)s is not a whole number.", value=raw))
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float) and raw.is_integer():
        return int(raw)
    value = str(raw).strip().replace(",", "")
    if not re.fullmatch(r"[+-]?\d+", value):
        raise ValueError(_("%(value)s is not a whole number.", value=raw))
    return int(value)


def decimal(raw: Any, _ctx=None) -> Decimal:
    """A decimal number such as an amount in yuan (thousands separators and a trailing 元 allowed)."""
    value = str(raw).strip().replace(",", "").removesuffix("元").strip()
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(_("%(value)s is not a number.", value=raw)) from None
    if not number.is_finite():
        raise ValueError(_("%(value)s is not a number.", value=raw))
    return number


_YES = {"是", "yes", "y", "true", "1", "√", "✓"}
_NO = {"否", "no", "n", "false", "0", "×"}


def yes_no(raw: Any, _ctx=None) -> bool:
    """是/否, yes/no, true/false, 1/0."""
    value = text(raw).lower()
    if value in _YES:
        return True
    if value in _NO:
        return False
    raise ValueError(_("Write 是 or 否 (yes or no), not %(value)s.", value=raw))


def code_list(raw: Any, _ctx=None) -> list[str]:
    """Codes separated by ; or 、 (also ， , and new lines), without empty items or repeats."""
    items = [item.strip() for item in _SEPARATORS.split(text(raw))]
    return list(dict.fromkeys(item for item in items if item))


def choice(mapping: Mapping[str, Any]) -> Callable[[Any, Any], Any]:
    """A parser accepting any spelling in `mapping` (codes, Chinese names, English labels), case-insensitively."""
    lowered = {str(key).strip().lower(): value for key, value in mapping.items()}
    shown = "、".join(dict.fromkeys(str(key) for key in mapping if not str(key).isascii())) or "、".join(
        str(key) for key in mapping
    )

    def parse(raw: Any, _ctx=None) -> Any:
        value = text(raw).lower()
        if value in lowered:
            return lowered[value]
        raise ValueError(_("%(value)s is not one of: %(choices)s.", value=raw, choices=shown))

    return parse


def date_ranges(raw: Any, ctx=None) -> list[tuple[dt.date, dt.date | None]]:
    """Date ranges such as `2024-03-10~2024-03-20; 2024-04-01~` (an open end is allowed for the last one)."""
    ranges = []
    for part in (p.strip() for p in re.split(r"[;；\n]+", text(raw))):
        if not part:
            continue
        pieces = re.split(r"~|～|至|—", part, maxsplit=1)
        if len(pieces) != 2:
            raise ValueError(_("Write each period as 2024-03-10~2024-03-20, not %(value)s.", value=part))
        begin = date(pieces[0].strip(), ctx)
        finish = date(pieces[1].strip(), ctx) if pieces[1].strip() else None
        if finish is not None and finish < begin:
            raise ValueError(_("The period %(value)s ends before it starts.", value=part))
        ranges.append((begin, finish))
    return ranges
