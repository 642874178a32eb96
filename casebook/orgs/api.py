"""JSON API endpoints of this area (see casebook.api.base.endpoint)."""

from flask import Blueprint

bp = Blueprint("orgs_api", __name__, url_prefix="/api/v1")
