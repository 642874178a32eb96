"""JSON API endpoints of this area (see casebook.api.base.endpoint): the deadline calculator."""

from flask import Blueprint, jsonify

from casebook.api.base import ApiError, endpoint
from casebook.calendars.calculator import answer_language, calculate
from casebook.calendars.schemas import DeadlineIn, DeadlineOut
from casebook.core.permissions import Permission
from casebook.deadlines import CalendarYearUnknown, DeadlineInputError

bp = Blueprint("calendars_api", __name__, url_prefix="/api/v1")


@endpoint(
    bp,
    "/deadlines",
    method="POST",
    body=DeadlineIn,
    response=DeadlineOut,
    permission=Permission.USE_CALCULATOR,
    summary="Compute a case's statutory deadline, without saving anything",
    tags=["deadlines"],
    responses={422: "Invalid data, or a date in a year with no holiday schedule loaded (the error names it)"},
)
def deadlines(body: DeadlineIn):
    """The deadline, status and steps of the case the body describes (interchange.md, "Deadlines out")."""
    req = body.root
    lang = answer_language(req.lang)
    try:
        return calculate(req, lang)
    except DeadlineInputError as error:
        message = error.message(lang)
        raise ApiError(422, message, {error.field: [message]}) from None
    except CalendarYearUnknown as error:
        message = error.message(lang)
        response = jsonify({"error": {"code": 422, "message": message, "year": error.year}})
        response.status_code = 422
        return response
