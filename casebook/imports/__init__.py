"""Spreadsheet imports shared by the areas (interchange.md): specs, parsers, the all-or-nothing runner."""

from casebook.imports import parsers
from casebook.imports.runner import ImportReport, run_import
from casebook.imports.spec import (
    Column,
    ImportContext,
    ImportSpec,
    RowError,
    RowErrors,
    all_specs,
    get_spec,
    in_chunks,
    register_spec,
)

__all__ = [
    "Column",
    "ImportContext",
    "ImportReport",
    "ImportSpec",
    "RowError",
    "RowErrors",
    "all_specs",
    "get_spec",
    "in_chunks",
    "parsers",
    "register_spec",
    "run_import",
]
