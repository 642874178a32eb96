"""Pages of the working-day calendar and the deadline calculator."""

from flask import Blueprint

bp = Blueprint("calendars", __name__, template_folder="templates", url_prefix="/calendar")
