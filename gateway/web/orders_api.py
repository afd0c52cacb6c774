"""JSON API for staff and the back office under /api/v1/orders: list and show orders, report
confirmations, shipments and invoices. Every call carries `Authorization: Bearer <token>`,
the token being the orders_api_token setting (GATEWAY_ORDERS_API_TOKEN, at least 32
characters; no default: without it the API is closed). Errors are answered as the session
API's are, `{"error": {"code", "message", "field"}}`; both are described in openapi.json."""

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
from gateway.orders.views import find_order
from gateway.orders.views import list_orders
from gateway.orders.views import order_view
from gateway.text import whole_number
from gateway.web.api_base import api_headers
from gateway.web.api_base import error_response
from gateway.web.api_base import request_json

blueprint = Blueprint("orders_api", __name__, url_prefix="/api/v1/orders")
MAX_LIMIT = 1000
REALM = "orders"
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
        message = "a valid bearer token is required"
        return error_response(401, "unauthorized", message, "Authorization", realm=REALM)
    return None


blueprint.after_request(api_headers)  # never cached, never read as anything but JSON


@blueprint.errorhandler(OrderError)
def order_error(error: OrderError):
    return error_response(error.status, error.code, str(error), error.field, realm=REALM)


def invalid(field: str, message: str):
    """400: a query parameter or the body is malformed; the message starts with its name."""
    return error_response(400, "invalid_field", f"{field}: {message}", field, realm=REALM)


@blueprint.get("")
def index():
    """Order summaries: ?partner=NAME&state=STATE&limit=N (newest first, N from 1 to 1000)."""
    text = request.args.get("limit", "100").strip()
    limit = whole_number(text, 1, MAX_LIMIT)
    if limit is None:
        return invalid("limit", f"expected a whole number from 1 to {MAX_LIMIT}, got {text!r}")
    state = request.args.get("state")
    if state and state not in ORDER_STATES:
        return invalid("state", f"no order state {state!r}; one of {', '.join(ORDER_STATES)}")
    with database_of(current_app).transaction() as session:
        rows = list_orders(session, partner=request.args.get("partner"), state=state, limit=limit)
    return jsonify(orders=rows)


@blueprint.get("/<int:order_id>")
def show(order_id: int):
    with database_of(current_app).transaction() as session:
        return jsonify(order_view(session, order_id))


@blueprint.post("/<int:order_id>/<any(confirmations, shipments, invoices):step>")
def report(order_id: int, step: str):
    """Report a confirmation, a shipment or an invoice; the document goes to the buyer."""
    with database_of(current_app).transaction() as session:
        find_order(session, order_id)  # a wrong id is 404 whatever the body holds
    data = request_json()
    if not isinstance(data, dict):
        return invalid("body", "send a JSON object with Content-Type: application/json")
    read, apply = STEPS[step]
    value = read(data)
    sending = Sending(settings=settings_of(current_app), ids=ids_of(current_app))
    with database_of(current_app).transaction() as session:
        apply(session, sending, order_id, value)
    with database_of(current_app).transaction() as session:
        return jsonify(order_view(session, order_id)), 201
