"""Form helpers shared by the areas."""

from __future__ import annotations

from flask import request
from wtforms import Form


def posted(form_name: str) -> bool:
    """True when this POST came from the form whose hidden `_form` field is `form_name`."""
    return request.method == "POST" and request.form.get("_form") == form_name


def add_field_error(form: Form, field: str | None, message: str, fallback: str) -> None:
    """Show a business-rule message beside the field it is about (or a fallback field)."""
    target = getattr(form, field or "", None) or getattr(form, fallback)
    target.errors = [*list(target.errors), message]
