"""Form helpers shared by the areas."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request
from jinja2 import pass_context
from wtforms import Field, FieldList, Form, FormField, HiddenField
from wtforms.widgets import ListWidget


def posted(form_name: str) -> bool:
    """True when this POST came from the form whose hidden `_form` field is `form_name`."""
    return request.method == "POST" and request.form.get("_form") == form_name


def add_field_error(form: Form, field: str | None, message: str, fallback: str) -> None:
    """Show a business-rule message beside the field it is about (or a fallback field)."""
    target = getattr(form, field or "", None) or getattr(form, fallback)
    target.errors = [*list(target.errors), message]


@dataclass(frozen=True)
class FieldProblem:
    """One message of the error summary: the field it is about (its element id), its label and the message."""

    target: str
    label: str
    message: str


def field_problems(form: Form) -> list[FieldProblem]:
    """Each error of a form's visible fields, in the form's order (nested forms and lists of forms included).

    Hidden fields (the CSRF token, the version) are left out: their errors have messages of their own.
    """
    problems = []
    for field in form:
        if isinstance(field, FormField):
            problems += field_problems(field.form)
        elif isinstance(field, FieldList):
            for entry in field.entries:
                problems += field_problems(entry.form) if isinstance(entry, FormField) else _own(entry)
            problems += [
                FieldProblem(field.id, str(field.label.text), e) for e in field.errors if isinstance(e, str)
            ]
        elif not isinstance(field, HiddenField):
            problems += _own(field)
    return problems


def _own(field: Field) -> list[FieldProblem]:
    # A list of radio buttons or checkboxes is reached through its first option.
    target = f"{field.id}-0" if isinstance(field.widget, ListWidget) else field.id
    return [FieldProblem(target, str(field.label.text), str(error)) for error in field.errors]


@pass_context
def page_field_problems(context) -> list[FieldProblem]:
    """The field errors of every form the page was rendered with (a form, or a dict or list of forms)."""
    problems = []
    for value in context.get_all().values():
        candidates = (
            value.values()
            if isinstance(value, dict)
            else value
            if isinstance(value, list | tuple)
            else [value]
        )
        for candidate in candidates:
            if isinstance(candidate, Form) and candidate.errors:
                problems += field_problems(candidate)
    return problems
