"""The bounds every API input keeps, whatever its model says: checked on each request and stated in the
OpenAPI document from the same constants, so that the document says what the server enforces.

- text: no control characters (core/inputs.py), refused with 422 naming the field;
- integers: within a database integer (±2**31), so no id or count overflows a column;
- dates: written `YYYY-MM-DD` (an integer where a date goes is refused, not read as a timestamp) and within
  the bounds of core/dates.py.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from flask_babel import gettext as _
from pydantic import BaseModel, RootModel

from casebook.core.clock import today
from casebook.core.dates import date_bounds, out_of_bounds
from casebook.core.inputs import MAX_ID, NO_CONTROL_CHARACTERS_PATTERN

MIN_INT = -MAX_ID - 1


def value_errors(model: BaseModel, raw: Any, path: str = "") -> dict[str, list[str]]:
    """Per-field messages for the integers and dates of a validated `model` out of bounds; `raw` is the data
    it was validated from (to tell a date written as text from a number)."""
    errors: dict[str, list[str]] = {}
    if isinstance(model, RootModel):  # a union of bodies: its fields are the body's own
        _check(model.root, raw, path, errors)
        return errors
    for name, field in type(model).model_fields.items():
        key = field.alias or name
        given = raw.get(key, raw.get(name)) if isinstance(raw, dict) else None
        _check(getattr(model, name), given, f"{path}.{key}" if path else key, errors)
    return errors


def _check(value: Any, given: Any, here: str, errors: dict[str, list[str]]) -> None:
    if isinstance(value, BaseModel):
        errors.update(value_errors(value, given, here))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            sub = given[index] if isinstance(given, list) and index < len(given) else None
            _check(item, sub, f"{here}.{index}", errors)
    elif isinstance(value, date) and not isinstance(value, datetime):
        if given is not None and not isinstance(given, str | date):
            errors[here] = [_("Write the date as text, YYYY-MM-DD.")]
        elif message := out_of_bounds(value):
            errors[here] = [message]
    elif isinstance(value, int) and not isinstance(value, bool) and not MIN_INT <= value <= MAX_ID:
        errors[here] = [_("The number must lie between %(min)s and %(max)s.", min=MIN_INT, max=MAX_ID)]


def _date_note() -> str:
    earliest, latest = date_bounds()
    margin = (latest - today()).days
    return f"From {earliest.isoformat()} to today + {margin} days (settings EARLIEST_DATE, DATE_MARGIN_DAYS)."


def document(schema: Any) -> Any:
    """`schema` (a JSON schema, in place) stating the bounds: a pattern refusing control characters on every
    free text, the integer range on every integer, the date bounds on every date."""
    return _document(schema, _date_note())


def _document(schema: Any, note: str) -> Any:
    if isinstance(schema, list):
        for item in schema:
            _document(item, note)
    elif isinstance(schema, dict):
        kind = schema.get("type")
        if kind == "string" and not {"enum", "const", "pattern", "format"} & schema.keys():
            schema["pattern"] = NO_CONTROL_CHARACTERS_PATTERN
        elif (
            kind == "string" and schema.get("format") == "date" and note not in schema.get("description", "")
        ):
            schema["description"] = f"{schema.get('description', '')} {note}".strip()
        elif kind == "integer":
            schema["maximum"] = min(schema.get("maximum", MAX_ID), MAX_ID)
            schema["minimum"] = max(schema.get("minimum", MIN_INT), MIN_INT)
        for key, sub in schema.items():
            if key not in ("enum", "const", "default", "examples", "example"):
                _document(sub, note)
    return schema
