"""Pages of mediation cases."""

from flask import Blueprint

bp = Blueprint("mediation", __name__, template_folder="templates", url_prefix="/mediation")
