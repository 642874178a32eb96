"""Error pages (HTML) and error bodies (JSON) that never show a traceback."""

from __future__ import annotations

from flask import Flask, jsonify, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException, InternalServerError

from casebook.core.security import is_api_request

MESSAGES = {
    400: _l(
        "The request could not be understood. If you were submitting a form, reload the page and try again."
    ),
    401: _l("Please log in."),
    403: _l("You do not have permission to do this."),
    404: _l("This page does not exist, or you do not have access to it."),
    405: _l("This action is not allowed here."),
    409: _l("Someone else changed this record in the meantime."),
    413: _l("The file is too large."),
    422: _l("Some of the data is not valid."),
    429: _l("Too many attempts. Please wait a few minutes and try again."),
    500: _l("Something went wrong on our side. The error has been logged; please try again."),
}


class DomainError(Exception):
    """A business rule refused an action; views show `message` to the user."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def init_app(app: Flask) -> None:
    """Register the handlers for HTTP errors and unexpected exceptions."""
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected_error)


def error_response(code: int, description: str | None = None, errors: dict | None = None):
    """The error answer for the current request: JSON under /api/, a page otherwise."""
    message = str(description or MESSAGES.get(code, MESSAGES[500]))
    if is_api_request():
        body = {"error": {"code": code, "message": message}}
        if errors:
            body["error"]["fields"] = errors
        return jsonify(body), code
    template = "errors/error.html"
    return render_template(template, code=code, message=message), code


def handle_http_error(error: HTTPException):
    """Known HTTP errors: our message, not werkzeug's English text."""
    code = error.code or 500
    description = getattr(error, "casebook_message", None)
    if code == 413 and request.max_content_length:
        description = _l(
            "The file is too large: at most %(limit)s MB is accepted here.",
            limit=request.max_content_length // (1024 * 1024),
        )
    if code == 400 and getattr(error, "description", "").startswith("The CSRF"):
        description = _l(
            "The form has expired or was not sent from this site. Reload the page and try again."
        )
    body, status = error_response(code, description)
    response = make_response(body, status)
    if code == 405 and getattr(error, "valid_methods", None):
        response.headers["Allow"] = ", ".join(error.valid_methods)
    if code == 429 and getattr(error, "retry_after", None):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def handle_unexpected_error(error: Exception):
    """Any other exception: roll back, log, answer 500 without details."""
    from casebook.extensions import db

    if isinstance(error, HTTPException):  # pragma: no cover - routed above
        return handle_http_error(error)
    db.session.rollback()
    from flask import current_app

    current_app.logger.exception("Unhandled error on %s %s", request.method, request.path)
    if current_app.config.get("PROPAGATE_EXCEPTIONS") and current_app.testing:
        raise error
    return error_response(InternalServerError.code)
