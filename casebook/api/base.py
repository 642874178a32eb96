"""The `endpoint` decorator, token authentication and the OpenAPI registry."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import wraps
from typing import Any
from urllib.parse import parse_qsl

from flask import Blueprint, g, jsonify, request
from flask_babel import gettext as _
from pydantic import BaseModel, ValidationError
from werkzeug.datastructures import MultiDict

from casebook.api.bounds import document, value_errors
from casebook.api.schemas import ErrorOut
from casebook.core.inputs import (
    API_MAX_BODY,
    API_MAX_DEPTH,
    CONTROL_CHARACTERS,
    control_character_paths,
    load_json,
)
from casebook.core.permissions import Permission, has_permission


class ApiError(Exception):
    """An error answer with a status, a message and optional per-field messages."""

    def __init__(
        self,
        status: int,
        message: str,
        fields: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ):
        super().__init__(message)
        self.status = status
        self.message = message
        self.fields = fields
        self.headers = headers or {}


@dataclass
class Operation:
    path: str
    method: str
    name: str
    summary: str
    tags: list[str]
    query: type[BaseModel] | None
    body: type[BaseModel] | None
    response: type[BaseModel] | None
    status: int
    permission: Permission | None
    path_params: list[tuple[str, str]] = field(default_factory=list)
    responses: dict[int, str] = field(default_factory=dict)
    content_type: str | None = None
    hide: bool = False


OPERATIONS: list[Operation] = []
_PATH_PARAM = re.compile(r"<(?:(\w+):)?(\w+)>")


def api_user():
    """The user authenticated by the bearer token of this request."""
    return g.api_user


def _authenticate():
    """The token's user; a bad token is logged and answered 401, or 429 past the limit for its address."""
    from casebook.auth import throttle
    from casebook.auth.operations import record_refused_token, user_for_token
    from casebook.extensions import db

    header = request.headers.get("Authorization", "")
    scheme, _sep, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        raise ApiError(
            401, _("Authentication required: send an API token as 'Authorization: Bearer <token>'.")
        )
    user = user_for_token(raw.strip())
    if user is not None:
        # A live token is served even from an address past the limit: tokens are 256 random bits, no guess
        # finds one, so an integration behind the same NAT as a guesser is not locked out.
        return user
    wait = throttle.bad_token_wait()
    if wait:
        raise ApiError(
            429,
            _(
                "Too many invalid API tokens from your address: try again in %(seconds)s seconds.",
                seconds=wait,
            ),
            headers={"Retry-After": str(wait)},
        )
    throttle.count_bad_token()
    record_refused_token()
    db.session.commit()  # the refusal's line in the security log (an error answer rolls back)
    raise ApiError(401, _("The API token is not valid, has been revoked, or its account is disabled."))


def _field_errors(error: ValidationError) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for item in error.errors():
        key = ".".join(str(part) for part in item["loc"]) or "body"
        fields.setdefault(key, []).append(item["msg"])
    return fields


def _refuse_control_characters(paths: list[str]) -> None:
    if paths:
        message = _("Control characters (such as NUL) are not allowed in text.")
        raise ApiError(422, _("Some of the data is not valid."), {path: [message] for path in paths})


def _json_body() -> dict[str, Any]:
    """The request's JSON object, bounded in size and depth, with no control character in any text."""
    if (request.content_length or 0) > API_MAX_BODY:
        raise ApiError(413, _("The request body is larger than %(size)s bytes.", size=API_MAX_BODY))
    try:
        payload = load_json(request.get_data(cache=True))
    except ValueError:
        payload = None
    if not isinstance(payload, dict):
        raise ApiError(
            422,
            _(
                "Send a JSON object as the request body (nested at most %(depth)s levels).",
                depth=API_MAX_DEPTH,
            ),
        )
    _refuse_control_characters(control_character_paths(payload))
    return payload


def _parse_query(model: type[BaseModel]) -> BaseModel:
    # The raw query string, not request.args (which pages receive cleaned): the API refuses what it cannot take.
    raw = MultiDict(parse_qsl(request.query_string.decode("utf-8", "replace"), keep_blank_values=True))
    _refuse_control_characters(
        [key for key, value in raw.items(multi=True) if CONTROL_CHARACTERS.search(key + value)]
    )
    data: dict[str, Any] = {}
    for key in raw:
        values = raw.getlist(key)
        annotation = model.model_fields.get(key)
        is_list = annotation is not None and "list" in str(annotation.annotation)
        data[key] = values if is_list else values[-1]
    return _validated(model, data)


def _validated(model: type[BaseModel], data: dict[str, Any], *, json: bool = False) -> BaseModel:
    """`data` validated by `model`, then held to the bounds every input keeps (api/bounds.py); `json` for a
    body, whose values keep their JSON types."""
    instance = model.model_validate(data)
    errors = value_errors(instance, data, json=json)
    if errors:
        messages = [message for field_messages in errors.values() for message in field_messages]
        raise ApiError(
            422, messages[0] if len(messages) == 1 else _("Some of the data is not valid."), errors
        )
    return instance


def endpoint(
    bp: Blueprint,
    rule: str,
    *,
    method: str = "GET",
    response: type[BaseModel] | None = None,
    body: type[BaseModel] | None = None,
    query: type[BaseModel] | None = None,
    status: int = 200,
    permission: Permission | None = None,
    hide: bool = False,
    summary: str = "",
    tags: list[str] | None = None,
    responses: dict[int, str] | None = None,
    content_type: str | None = None,
) -> Callable:
    """Declare an API operation. The view receives path parameters plus `body=`/`query=` when declared.

    `hide=True` answers 404 instead of 403 to users without the permission, so that an area's existence is
    not revealed. A view may return a pydantic model, a dict, or a ready Flask response (files).
    """

    def decorator(view: Callable) -> Callable:
        path_params = [(name, conv or "string") for conv, name in _PATH_PARAM.findall(rule)]
        openapi_path = bp.url_prefix.rstrip("/") + _PATH_PARAM.sub(r"{\2}", rule)
        OPERATIONS.append(
            Operation(
                path=openapi_path,
                method=method.lower(),
                name=f"{bp.name}.{view.__name__}",
                summary=summary or (view.__doc__ or "").strip().split("\n")[0],
                tags=tags or [bp.name],
                query=query,
                body=body,
                response=response,
                status=status,
                permission=permission,
                path_params=path_params,
                responses=responses or {},
                content_type=content_type,
                hide=hide,
            )
        )

        @wraps(view)
        def wrapped(**kwargs):
            try:
                g.api_user = _authenticate()
                if permission is not None and not has_permission(g.api_user, permission):
                    if hide:
                        raise ApiError(404, _("Not found."))
                    raise ApiError(403, _("You do not have permission to do this."))
                if query is not None:
                    kwargs["query"] = _parse_query(query)
                if body is not None:
                    kwargs["body"] = _validated(body, _json_body(), json=True)
                result = view(**kwargs)
            except ValidationError as error:
                return _error(422, _("Some of the data is not valid."), _field_errors(error))
            except ApiError as error:
                return _error(error.status, error.message, error.fields, error.headers)
            return _respond(result, response, status)

        bp.add_url_rule(rule, view.__name__, wrapped, methods=[method])
        return wrapped

    return decorator


def _error(
    status: int,
    message: str,
    fields: dict[str, list[str]] | None = None,
    headers: dict[str, str] | None = None,
):
    from casebook.extensions import db

    db.session.rollback()
    body: dict[str, Any] = {"error": {"code": status, "message": message}}
    if fields:
        body["error"]["fields"] = fields
    return jsonify(body), status, headers or {}


def _respond(result: Any, response: type[BaseModel] | None, status: int):
    if hasattr(result, "status_code") and hasattr(result, "headers"):
        return result
    if isinstance(result, BaseModel):
        return jsonify(result.model_dump(mode="json")), status
    if response is not None and result is not None:
        return jsonify(response.model_validate(result).model_dump(mode="json")), status
    if result is None:
        return "", 204
    return jsonify(result), status


def not_found() -> None:
    """Raise the API's 404."""
    raise ApiError(404, _("Not found."))


# ---------------------------------------------------------------- OpenAPI document


def _close(schemas: dict[str, Any], schema: Any, done: set[str]) -> None:
    """Mark every object of a request body's schema `additionalProperties: false`: a body's unknown field is
    refused (api/bounds.py)."""
    if isinstance(schema, list):
        for item in schema:
            _close(schemas, item, done)
        return
    if not isinstance(schema, dict):
        return
    if "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        if name not in done:
            done.add(name)
            _close(schemas, schemas[name], done)
        return
    if "properties" in schema:
        schema.setdefault("additionalProperties", False)
    for key, sub in schema.items():
        if key not in ("enum", "const", "default", "examples", "example"):
            _close(schemas, sub, done)


def openapi_document() -> dict[str, Any]:
    """An OpenAPI 3.1 document of every registered operation, schemas from the pydantic models."""
    schemas: dict[str, Any] = {}

    def add(name: str, schema: dict[str, Any]) -> None:
        # Two areas' models with one name would silently replace each other's schema: refuse instead.
        if schemas.get(name, schema) != schema:
            raise RuntimeError(f"two API models are named {name}: give one a more specific name")
        schemas[name] = schema

    def ref(model: type[BaseModel]) -> dict[str, str]:
        schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for name, sub in schema.pop("$defs", {}).items():
            add(name, sub)
        add(model.__name__, schema)
        return {"$ref": f"#/components/schemas/{model.__name__}"}

    error_ref = ref(ErrorOut)
    paths: dict[str, dict[str, Any]] = {}
    bodies: list[str] = []
    for op in OPERATIONS:
        item: dict[str, Any] = {
            "operationId": op.name.replace(".", "_"),
            "summary": op.summary,
            "tags": op.tags,
            "security": [{"bearerAuth": []}],
            "parameters": [],
            "responses": {},
        }
        for name, conv in op.path_params:
            item["parameters"].append(
                {
                    "name": name,
                    "in": "path",
                    "required": True,
                    "schema": {"type": "integer", "minimum": 0} if conv == "int" else {"type": "string"},
                }
            )
        if op.query is not None:
            query_schema = op.query.model_json_schema(ref_template="#/components/schemas/{model}")
            for name, sub in query_schema.pop("$defs", {}).items():
                add(name, sub)
            required = set(query_schema.get("required", []))
            for name, prop in query_schema.get("properties", {}).items():
                param = {"name": name, "in": "query", "required": name in required, "schema": prop}
                if prop.get("type") == "array":
                    param["style"] = "form"
                    param["explode"] = True
                item["parameters"].append(param)
        if op.body is not None:
            item["requestBody"] = {
                "required": True,
                "content": {"application/json": {"schema": ref(op.body)}},
            }
            bodies.append(op.body.__name__)
        if op.content_type:
            ok = {
                "description": "OK",
                "content": {op.content_type: {"schema": {"type": "string", "format": "binary"}}},
            }
        elif op.response is not None:
            ok = {"description": "OK", "content": {"application/json": {"schema": ref(op.response)}}}
        else:
            ok = {"description": "No content"}
        item["responses"][str(op.status if op.response or op.content_type else 204)] = ok
        errors = {
            401: "Missing or invalid token",
            403: "Not permitted",
            404: "Not found",
            429: "Too many invalid tokens from this address; Retry-After says when to try again",
        }
        if op.hide:
            errors[404] = "Not found; also the answer to a role that may not use this area (never 403)"
        if op.query is not None or op.body is not None:
            errors[422] = "Invalid data"
        if op.body is not None:
            errors[413] = f"Body larger than {API_MAX_BODY} bytes"
        errors.update(op.responses)
        for code, description in errors.items():
            item["responses"][str(code)] = {
                "description": description,
                "content": {"application/json": {"schema": error_ref}},
            }
        paths.setdefault(op.path, {})[op.method] = item
    closed: set[str] = set(bodies)
    for name in bodies:
        _close(schemas, schemas[name], closed)
    # Query parameters and the bodies (with every model they use) carry the date bounds; answers do not.
    document(paths)
    for name, schema in schemas.items():
        document(schema, dates=name in closed)
    return {
        "openapi": "3.1.0",
        "info": {"title": "casebook API", "version": "1"},
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearerAuth": {"type": "http", "scheme": "bearer"}},
        },
    }
