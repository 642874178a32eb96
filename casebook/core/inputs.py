"""Bounds on what a request may carry, applied where the request is read rather than in each view.

- Text: the query string and form fields of every page reach the views without control characters (NUL
  among them: PostgreSQL refuses it in text, and no field of casebook has a use for any); tab and line breaks
  stay. The API refuses them instead, with 422 naming the field (`control_character_paths`).
- Integers: a record id in a URL is at most `MAX_ID` (a database integer); a page number is read by
  `page_number`, which never hands a view more than `MAX_PAGE`.
- JSON: a body of more than `API_MAX_BODY` bytes is refused unread, one nested deeper than `API_MAX_DEPTH`
  when parsed (`load_json`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from flask import Flask, request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter

from casebook.core.uploads import BoundedRequest

MAX_ID = 2**31 - 1  # the largest value of a database integer column (ids, years, counts)
MAX_PAGE = 100_000  # past any list: 2.5 million rows at the page size
API_MAX_BODY = 1024 * 1024  # bytes of JSON in one API request
API_MAX_DEPTH = 32  # nesting of objects and arrays in one API request (casebook's own use at most 4)

# C0 controls but tab, line feed and carriage return; DEL.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# The same rule as a JSON Schema pattern (ECMA-262 syntax), for the OpenAPI document.
NO_CONTROL_CHARACTERS_PATTERN = "^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$"


def strip_controls(value: str) -> str:
    """`value` without control characters (tab and line breaks kept)."""
    return CONTROL_CHARACTERS.sub("", value)


def _cleaned(pairs: Any) -> Iterator[tuple[str, Any]]:
    if isinstance(pairs, MultiDict):
        pairs = pairs.items(multi=True)
    elif isinstance(pairs, dict):
        pairs = pairs.items()
    for key, value in pairs:
        yield strip_controls(key), _clean_value(value)


def _clean_value(value: Any) -> Any:
    if isinstance(value, str):
        return strip_controls(value)
    if isinstance(value, list | tuple):
        return [_clean_value(item) for item in value]
    return value  # an uploaded file


class CleanArgs(ImmutableMultiDict):
    """request.args and request.form without control characters in any key or value."""

    def __init__(self, mapping=None):
        super().__init__(None if mapping is None else list(_cleaned(mapping)))


class CasebookRequest(BoundedRequest):
    """Flask's request with the query string and form fields cleaned of control characters, and a body limit
    that depends on the page (core/uploads.py)."""

    parameter_storage_class = CleanArgs


def digits_at_most(limit: int) -> str:
    """A regular expression of the decimal numbers 0 … `limit`, written without leading zeros."""
    digits = str(limit)
    alternatives = ["0"] if limit < 10 else ["0", rf"[1-9]\d{{0,{len(digits) - 2}}}"]
    for position, digit in enumerate(digits):
        lowest = 1 if position == 0 else 0
        if int(digit) > lowest:
            rest = len(digits) - position - 1
            alternatives.append(
                f"{digits[:position]}[{lowest}-{int(digit) - 1}]" + (rf"\d{{{rest}}}" if rest else "")
            )
    alternatives.append(digits)
    return "(?:" + "|".join(alternatives) + ")"


class IdConverter(IntegerConverter):
    """`<int:…>` in a route: a non-negative integer no larger than a database integer (else 404).

    The bound is in the pattern, not only in the conversion: werkzeug answers 405 when a URL's pattern matches
    a rule of another method and the rule of the request's method refuses the value in conversion, so an
    out-of-range id sent with PATCH would get "method not allowed" instead of "not found"."""

    regex = digits_at_most(MAX_ID)

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(map, *args, **kwargs)


def init_app(app: Flask) -> None:
    """Clean request parameters and bound the integers in routes."""
    app.request_class = CasebookRequest
    app.url_map.converters["int"] = IdConverter


def record_id(value: Any) -> int:
    """A form's choice of a record as an id (a select's `coerce`); ValueError unless 0 … MAX_ID."""
    number = int(value)
    if not 0 <= number <= MAX_ID:
        raise ValueError("not a record id")
    return number


def optional_record_id(value: Any) -> int | None:
    """Like `record_id`, with None for the empty choice or a value that is not an id."""
    if value in (None, "", "None"):
        return None
    try:
        return record_id(value)
    except (TypeError, ValueError):
        return None


def int_arg(name: str, default: int | None = None, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """The query-string integer `name`, or `default` when missing, not a number or out of [minimum, maximum]."""
    raw = request.args.get(name, "").strip()
    if not re.fullmatch(r"[+-]?\d{1,12}", raw):
        return default
    value = int(raw)
    return value if minimum <= value <= maximum else default


def page_number() -> int:
    """The list page asked for (`page`): 1 when missing or not a number, at most MAX_PAGE."""
    raw = request.args.get("page", "").strip()
    if not raw.isascii() or not raw.isdigit():
        return 1
    return MAX_PAGE if len(raw) > len(str(MAX_PAGE)) else min(max(int(raw), 1), MAX_PAGE)


def load_json(raw: bytes, max_depth: int = API_MAX_DEPTH) -> Any:
    """Parse a JSON body; ValueError when it is not JSON or nests objects and arrays more than `max_depth` deep.

    The standard parser stops at Python's recursion limit with RecursionError (not a ValueError): a body nested
    100,000 levels deep is refused here rather than answered with a 500.
    """
    try:
        value = json.loads(raw)
    except RecursionError:
        raise ValueError("nested too deeply") from None
    if _deeper_than(value, max_depth):
        raise ValueError("nested too deeply")
    return value


def _deeper_than(value: Any, limit: int) -> bool:
    if isinstance(value, dict | list):
        if limit <= 0:
            return True
        items = value.values() if isinstance(value, dict) else value
        return any(_deeper_than(item, limit - 1) for item in items)
    return False


def control_character_paths(value: Any, path: str = "") -> list[str]:
    """The dotted paths of every string (key or value) in parsed JSON that holds a control character."""
    found = []
    if isinstance(value, str):
        if CONTROL_CHARACTERS.search(value):
            found.append(path or "body")
    elif isinstance(value, dict):
        for key, item in value.items():
            here = f"{path}.{key}" if path else str(key)
            if CONTROL_CHARACTERS.search(str(key)):
                found.append(here)
            found.extend(control_character_paths(item, here))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found.extend(control_character_paths(item, f"{path}.{index}" if path else str(index)))
    return found
