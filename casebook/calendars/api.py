"""JSON API endpoints of this area (see casebook.api.base.endpoint): the deadline calculator."""

from flask import Blueprint

from casebook.api.base import ApiError, endpoint
from casebook.calendars.calculator import answer_language, calculate
from casebook.calendars.schemas import DeadlineIn, DeadlineOut
from casebook.core.permissions import Permission
from casebook.deadlines import DeadlineInputError

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
    responses={422: "Invalid data (the error names the field)"},
)
def deadlines(body: DeadlineIn):
    """The deadline, status and steps of the case the body describes (interchange.md, "Deadlines out"); a
    deadline reaching a year without a holiday schedule is given as ``provisional`` (domain.md §2.3)."""
    req = body.root
    lang = answer_language(req.lang)
    try:
        return calculate(req, lang)
    except DeadlineInputError as error:
        message = error.message(lang)
        raise ApiError(422, message, {error.field: [message]}) from None
