"""JSON API for staff and the back office under /api/v1/orders: list and show orders, report
confirmations, shipments and invoices. Every call carries `Authorization: Bearer <token>`,
the token being the orders_api_token setting (GATEWAY_ORDERS_API_TOKEN, at least 32
characters; no default: without it the API is closed)."""

import hmac

from flask import Blueprint
from flask import current_app
from flask import jsonify
from flask import request

from gateway.app import database_of
from gateway.app import ids_of
from gateway.app import settings_of
from gateway.orders.errors import OrderError
from gateway.orders.lifecycle import Sending
from gateway.orders.lifecycle import confirm_order
from gateway.orders.lifecycle import invoice_order
from gateway.orders.lifecycle import ship_order
from gateway.orders.reports import read_confirmation
from gateway.orders.reports import read_invoice
from gateway.orders.reports import read_shipment
from gateway.orders.views import ORDER_STATES
from gateway.orders.views import list_orders
from gateway.orders.views import order_view

blueprint = Blueprint("orders_api", __name__, url_prefix="/api/v1/orders")
MAX_LIMIT = 1000
STEPS = {
    "confirmations": (read_confirmation, confirm_order),
    "shipments": (read_shipment, ship_order),
    "invoices": (read_invoice, invoice_order),
}


@blueprint.before_request
def authorise():
    expected = settings_of(current_app).orders_api_token or ""
    given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not expected or not hmac.compare_digest(given.encode(), expected.encode()):
        return jsonify(error="a valid bearer token is required"), 401
    return None


@blueprint.errorhandler(OrderError)
def order_error(error: OrderError):
    return jsonify(error=str(error)), error.status


@blueprint.get("")
def index():
    """Order summaries: ?partner=NAME&state=STATE&limit=N (newest first, N from 1 to 1000)."""
    limit = request.args.get("limit", "100").strip()
    if not limit.isdigit() or not 1 <= int(limit) <= MAX_LIMIT:
        message = f"limit: expected a whole number from 1 to {MAX_LIMIT}, got {limit!r}"
        return jsonify(error=message), 400
    state = request.args.get("state")
    if state and state not in ORDER_STATES:
        message = f"state: no order state {state!r}; one of {', '.join(ORDER_STATES)}"
        return jsonify(error=message), 400
    with database_of(current_app).transaction() as session:
        rows = list_orders(
            session, partner=request.args.get("partner"), state=state, limit=int(limit)
        )
    return jsonify(orders=rows)


@blueprint.get("/<int:order_id>")
def show(order_id: int):
    with database_of(current_app).transaction() as session:
        return jsonify(order_view(session, order_id))


@blueprint.post("/<int:order_id>/<any(confirmations, shipments, invoices):step>")
def report(order_id: int, step: str):
    """Report a confirmation, a shipment or an invoice; the document goes to the buyer."""
    data = request.get_json(silent=True)
    if not isinstance(data, dict):
        return jsonify(error="the body must be a JSON object"), 400
    read, apply = STEPS[step]
    value = read(data)
    sending = Sending(settings=settings_of(current_app), ids=ids_of(current_app))
    with database_of(current_app).transaction() as session:
        apply(session, sending, order_id, value)
    with database_of(current_app).transaction() as session:
        return jsonify(order_view(session, order_id)), 201
