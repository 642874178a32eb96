"""What an area declares to import a spreadsheet: its columns, how rows are checked and written."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from casebook.core.permissions import Permission

# The area modules that declare import specs (each calls register_spec at import time).
SPEC_MODULES = (
    "casebook.orgs.imports",
    "casebook.mediation.imports",
    "casebook.reconsideration.imports",
    "casebook.litigation.imports",
)


class RowError(Exception):
    """A problem with one row (and, when known, one column), worded for a clerk."""

    def __init__(self, column: str | None, message: str):
        super().__init__(message)
        self.column = column
        self.message = str(message)


class RowErrors(Exception):
    """Several problems found in one row."""

    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


def _text(raw: Any, _ctx: ImportContext) -> str:
    return str(raw).strip()


@dataclass(frozen=True)
class Column:
    """One column of an import: its English key, its Chinese header, whether required, how to parse it."""

    key: str
    zh: str
    required: bool = False
    parse: Callable[[Any, ImportContext], Any] = _text
    help: Any = ""
    example: str = ""


@dataclass
class ImportContext:
    """What the area's callbacks see: who imports, whether it is a dry run, a cache, the current row."""

    user: Any = None
    dry_run: bool = False
    cache: dict[str, Any] = field(default_factory=dict)
    row: int = 0
    today: date | None = None
    # Rows the law flags but does not refuse (row number, message): shown in the preview, imported all the same.
    flags: list[tuple[int, str]] = field(default_factory=list)

    def flag(self, message: Any) -> None:
        """Note a flag on the current row."""
        self.flags.append((self.row, str(message)))


@dataclass(frozen=True)
class ImportSpec:
    """An importable kind of record."""

    kind: str
    label: Any
    columns: list[Column]
    key: str
    permission: Permission
    apply_row: Callable[[dict[str, Any], ImportContext], str]
    prepare: Callable[[ImportContext], None] | None = None
    check_row: Callable[[dict[str, Any], ImportContext], None] | None = None
    # Called once with every row's parsed values before any row is checked: loads the records the rows name,
    # by the file's own keys (never every record of the kind).
    prefetch: Callable[[list[dict[str, Any]], ImportContext], None] | None = None
    finish: Callable[[ImportContext], None] | None = None
    # Further permissions the importing user needs (e.g. to see the area at all), besides `permission`.
    also_needs: tuple[Permission, ...] = ()

    def allows(self, user) -> bool:
        """Whether `user` may import this kind."""
        from casebook.core.permissions import has_permission

        return all(has_permission(user, p) for p in (self.permission, *self.also_needs))

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def in_chunks(items: list, size: int = 500) -> Iterator[list]:
    """`items` in lists of at most `size` (for `prefetch` queries: ... IN (a chunk))."""
    for start in range(0, len(items), size):
        yield items[start : start + size]


_SPECS: dict[str, ImportSpec] = {}


def register_spec(spec: ImportSpec) -> ImportSpec:
    """Make a kind importable (called by the area's imports module)."""
    _SPECS[spec.kind] = spec
    return spec


def all_specs() -> dict[str, ImportSpec]:
    """Every importable kind, loading the areas' import modules on first use."""
    for module in SPEC_MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as error:
            if error.name != module:
                raise
    return dict(_SPECS)


def get_spec(kind: str) -> ImportSpec | None:
    """The spec of one kind, or None."""
    return all_specs().get(kind)
