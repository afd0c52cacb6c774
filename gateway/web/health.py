"""Health check for load balancers and operators."""

from flask import Blueprint
from flask import current_app
from flask import jsonify

from gateway.app import database_of

blueprint = Blueprint("health", __name__)


@blueprint.get("/healthz")
def healthz():
    """200 when the database answers, 503 otherwise."""
    if database_of(current_app).reachable():
        return jsonify(status="ok", database="reachable")
    return jsonify(status="unavailable", database="unreachable"), 503
