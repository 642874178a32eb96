"""The JSON API under /api/v1: bearer-token auth, pydantic bodies, an OpenAPI document built from the code.

Each area declares its endpoints with `endpoint(...)` on a blueprint of its own (url_prefix /api/v1);
the decorator registers the operation for the OpenAPI document, authenticates the token, checks the
permission, validates the query and the body, and serialises the response model.
"""

from __future__ import annotations

from flask import Blueprint, jsonify

from casebook.api.base import ApiError, api_user, endpoint, openapi_document  # noqa: F401
from casebook.api.schemas import MeOut

bp = Blueprint("api", __name__, url_prefix="/api/v1")


@endpoint(bp, "/me", response=MeOut, summary="The user the token belongs to", tags=["auth"])
def me():
    user = api_user()
    return MeOut(
        id=user.id, username=user.username, name=user.name, role=user.role, language=user.language or "zh"
    )


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3.1 document of every endpoint (public, like the login page)."""
    return jsonify(openapi_document())
