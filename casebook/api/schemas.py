"""Shared API schemas."""

from pydantic import BaseModel


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
