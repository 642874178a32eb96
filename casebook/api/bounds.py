"""The bounds every API input keeps, whatever its model says: checked on each request and stated in the
OpenAPI document from the same constants, so that the document says what the server enforces.

- text: no control characters (core/inputs.py), refused with 422 naming the field;
- integers: within a database integer (±2**31), so no id or count overflows a column;
- dates: written `YYYY-MM-DD` (an integer where a date goes is refused, not read as a timestamp) and within
  the bounds of core/dates.py (stated as a pattern: the ISO form orders like the calendar);
- JSON bodies: each value of the JSON type the document gives (no `"3"` for a number, no `0` for a boolean, which
  pydantic would coerce) and no field the document does not name (`additionalProperties: false`).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from pydantic import BaseModel, RootModel

from casebook.core.clock import today
from casebook.core.dates import date_bounds, out_of_bounds
from casebook.core.inputs import MAX_ID, NO_CONTROL_CHARACTERS_PATTERN

MIN_INT = -MAX_ID - 1


def value_errors(model: BaseModel, raw: Any, path: str = "", *, json: bool = False) -> dict[str, list[str]]:
    """Per-field messages for the integers and dates of a validated `model` out of bounds; `raw` is the data
    it was validated from (to tell a date written as text from a number). With `json` (a body, whose values
    carry their JSON type, unlike a query string's), also for a value of another JSON type than its field's
    and for a field the model does not have."""
    errors: dict[str, list[str]] = {}
    if isinstance(model, RootModel):  # a union of bodies: its fields are the body's own
        _check(model.root, raw, path, errors, json)
        return errors
    fields = type(model).model_fields
    if json and isinstance(raw, dict):
        known = {name for name in fields} | {field.alias for field in fields.values() if field.alias}
        for key in raw.keys() - known:
            errors[f"{path}.{key}" if path else key] = [_("This field is unknown: leave it out.")]
    for name, field in fields.items():
        key = field.alias or name
        given = raw.get(key, raw.get(name)) if isinstance(raw, dict) else None
        _check(getattr(model, name), given, f"{path}.{key}" if path else key, errors, json)
    return errors


def _check(value: Any, given: Any, here: str, errors: dict[str, list[str]], json: bool) -> None:
    if isinstance(value, BaseModel):
        errors.update(value_errors(value, given, here, json=json))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            sub = given[index] if isinstance(given, list) and index < len(given) else None
            _check(item, sub, f"{here}.{index}", errors, json)
    elif json and isinstance(value, bool):
        if given is not None and not isinstance(given, bool):
            errors[here] = [_("Write true or false.")]
    elif json and isinstance(value, int | float) and isinstance(given, str | bool):
        errors[here] = [_("Write the number as a number, not as text.")]
    elif isinstance(value, date) and not isinstance(value, datetime):
        if given is not None and not isinstance(given, str | date):
            errors[here] = [_("Write the date as text, YYYY-MM-DD.")]
        elif message := out_of_bounds(value):
            errors[here] = [message]
    elif isinstance(value, int) and not isinstance(value, bool) and not MIN_INT <= value <= MAX_ID:
        errors[here] = [_("The number must lie between %(min)s and %(max)s.", min=MIN_INT, max=MAX_ID)]


def fixed_width_range(low: str, high: str) -> str:
    """A regular expression of the strings from `low` to `high` in text order, all of their length and shape
    (digits where they have digits, other characters as they are): for ISO dates, the days between them."""
    if low == high:
        return _literal(low)
    if low[0] == high[0]:
        return _literal(low[0]) + fixed_width_range(low[1:], high[1:])
    between = int(high[0]) - int(low[0]) - 1
    middle = [f"[{int(low[0]) + 1}-{int(high[0]) - 1}]{_any(low[1:])}"] if between > 0 else []
    ends = [low[0] + _beyond(low[1:], above=True), high[0] + _beyond(high[1:], above=False)]
    return "(?:" + "|".join([ends[0], *middle, ends[1]]) + ")"


def _literal(text: str) -> str:
    # re.escape would write `\-`, which ECMA-262 patterns (JSON Schema's) refuse in unicode mode.
    return re.escape(text).replace("\\-", "-")


def _any(shape: str) -> str:
    return "".join(r"\d" if char.isdigit() else _literal(char) for char in shape)


def _beyond(edge: str, above: bool) -> str:
    """The strings of `edge`'s length and shape from it upwards (`above`) or downwards."""
    if not edge:
        return ""
    alternatives = [_literal(edge)]
    for position, char in enumerate(edge):
        if char.isdigit() and char != ("9" if above else "0"):
            digits = f"{int(char) + 1}-9" if above else f"0-{int(char) - 1}"
            alternatives.append(f"{_literal(edge[:position])}[{digits}]{_any(edge[position + 1 :])}")
    return "(?:" + "|".join(alternatives) + ")"


def date_pattern() -> str:
    """The pattern of an ISO date within the bounds of core/dates.py."""
    earliest, latest = date_bounds()
    return f"^{fixed_width_range(earliest.isoformat(), latest.isoformat())}$"


def _date_note() -> str:
    earliest, latest = date_bounds()
    margin = (latest - today()).days
    return f"From {earliest.isoformat()} to today + {margin} days (settings EARLIEST_DATE, DATE_MARGIN_DAYS)."


def document(schema: Any, *, dates: bool = True) -> Any:
    """`schema` (a JSON schema, in place) stating the bounds: a pattern refusing control characters on every
    free text, the integer range on every integer, and (with `dates`) the date bounds on every date. The date
    bounds are what the server accepts, so they belong to what clients send: an answer's date may lie beyond them
    (a deadline counted from a day near the upper bound)."""
    return _document(schema, _date_note(), date_pattern() if dates else None)


def _document(schema: Any, note: str, dates: str | None) -> Any:
    if isinstance(schema, list):
        for item in schema:
            _document(item, note, dates)
    elif isinstance(schema, dict):
        kind = schema.get("type")
        if kind == "string" and not {"enum", "const", "pattern", "format"} & schema.keys():
            schema["pattern"] = NO_CONTROL_CHARACTERS_PATTERN
        elif kind == "string" and schema.get("format") == "date" and dates is not None:
            schema["pattern"] = dates
            if note not in schema.get("description", ""):
                schema["description"] = f"{schema.get('description', '')} {note}".strip()
        elif kind == "integer":
            schema["maximum"] = min(schema.get("maximum", MAX_ID), MAX_ID)
            schema["minimum"] = max(schema.get("minimum", MIN_INT), MIN_INT)
        for key, sub in schema.items():
            if key not in ("enum", "const", "default", "examples", "example"):
                _document(sub, note, dates)
    return schema
