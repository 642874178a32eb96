"""Pages of the mediation network and agencies."""

from flask import Blueprint

bp = Blueprint("orgs", __name__, template_folder="templates", url_prefix="/orgs")
