"""Shared API schemas."""

from datetime import UTC, datetime
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field


def _aware(value: datetime) -> datetime:
    """A stored timestamp is UTC (SQLite hands it back without its offset): say so."""
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def _distinct(items: list) -> list:
    if len(set(items)) != len(items):
        raise ValueError("an item is repeated")
    return items


def Distinct(item):
    """A list whose items are all different (`uniqueItems` in the document; a repeat is refused with 422)."""
    return Annotated[list[item], AfterValidator(_distinct), Field(json_schema_extra={"uniqueItems": True})]


# A timestamp with its offset, as RFC 3339 (`format: date-time`) requires: 2025-06-16T08:00:00Z.
Timestamp = Annotated[datetime, AfterValidator(_aware), Field(description="RFC 3339, with its offset (UTC).")]


class ErrorDetail(BaseModel):
    code: int
    message: str
    fields: dict[str, list[str]] | None = None


class ErrorOut(BaseModel):
    error: ErrorDetail


class MeOut(BaseModel):
    id: int
    username: str
    name: str
    role: str
    language: str
