"""Pages of administrative reconsideration cases."""

from flask import Blueprint

bp = Blueprint("reconsideration", __name__, template_folder="templates", url_prefix="/reconsideration")
