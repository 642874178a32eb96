"""Statistics pages: dashboard, annual report, exports."""

from flask import Blueprint

bp = Blueprint("stats", __name__, template_folder="templates", url_prefix="/stats")
