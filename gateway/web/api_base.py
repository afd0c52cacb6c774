"""What every JSON API view shares: the blueprint, the session behind the bearer token, reading
request fields, and errors answered as JSON.

Strategy: the web shop sends the session token in `Authorization: Bearer <token>` (RFC 6750
section 2.1) on every call. Each call runs in one transaction that finds the open session and
builds its `Cart`; any error raised inside rolls the whole change back and is answered as
`{"error": {"code", "message", "field"}}` with the status its class carries. The token is checked
before the rest of the request is read, so a caller without a session learns only that. An unknown
token is a failed authentication (401 with `WWW-Authenticate: Bearer`, RFC 6750 section 3), a
closed or expired session is gone (410), a change to an inspect session is forbidden (403), and
an unexpected error is a 500 in the same form (code internal_error), its cause only in the log.
"""

import contextlib
import dataclasses
from collections.abc import Iterator
from decimal import Decimal

from flask import Blueprint
from flask import Response
from flask import current_app
from flask import jsonify
from flask import request
from sqlalchemy.orm import Session
from werkzeug.exceptions import InternalServerError

import oci
from gateway.app import database_of
from gateway.errors import CartError
from gateway.errors import CartNotTransferable
from gateway.errors import GatewayError
from gateway.errors import LinesNotOffered
from gateway.errors import SessionError
from gateway.models import BillingEntity
from gateway.models import PunchOutSession
from gateway.sessions import Cart
from gateway.sessions import find_session
from gateway.sessions import parse_api_quantity
from gateway.text import whole_number
from gateway.web.transfer import shopping_cart

blueprint = Blueprint("api", __name__, url_prefix="/api/v1")

MAX_QUERY = 200
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100
INTERNAL_ERROR = (
    "the gateway could not answer this request because of an unexpected error of its own; its"
    " log holds the cause for the supplier's e-services team"
)

# SessionError statuses -> the API's error codes; an unknown token (404 from find_session) is
# answered 401, as a bearer token that authenticates nothing.
SESSION_CODES = {
    401: "unauthorized",
    403: "read_only",
    404: "unauthorized",
    409: "no_return_url",
    410: "session_closed",
}


class ApiError(GatewayError):
    """A call the API refuses: `status` to answer with, a stable `code`, the request `field`
    at fault (empty when the fault is not one field's)."""

    def __init__(self, message: str, *, status: int, code: str, field: str = "") -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.field = field


def invalid(field: str, message: str) -> ApiError:
    """400: a request field is missing or malformed; the message starts with the field."""
    return ApiError(f"{field}: {message}", status=400, code="invalid_field", field=field)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ApiSession:
    """One call's view of an open punch-out session."""

    db: Session
    row: PunchOutSession
    entity: BillingEntity
    cart: Cart

    @property
    def read_only(self) -> bool:
        """Inspect sessions show the cart and change nothing (cXML operation="inspect")."""
        return self.row.operation == "inspect"

    @property
    def language(self) -> str:
        return self.row.language


def bearer_token() -> str:
    """The session token of `Authorization: Bearer <token>`, or a 401 ApiError."""
    scheme, _, token = request.headers.get("Authorization", "").strip().partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        raise ApiError(
            "Authorization: send the punch-out session token as 'Authorization: Bearer <token>'",
            status=401,
            code="unauthorized",
            field="Authorization",
        )
    return token.strip()


@contextlib.contextmanager
def open_api_session(*, for_update: bool = False) -> Iterator[ApiSession]:
    """The open session of the bearer token in one transaction, committed when the block ends."""
    token = bearer_token()
    with database_of(current_app).transaction() as db:
        row = find_session(db, token, for_update=for_update)
        cart = shopping_cart(db, row)
        yield ApiSession(db=db, row=row, entity=cart.entity, cart=cart)


def request_json():
    """The request's JSON value; None when there is none or it cannot be read: malformed, or
    nested deeper than the decoder follows (a RecursionError, which get_json(silent=True)
    lets through)."""
    try:
        return request.get_json(silent=True)
    except RecursionError:
        return None


def json_body() -> dict:
    """The request's JSON object, or a 400 naming the body."""
    body = request_json()
    if not isinstance(body, dict):
        raise invalid("body", "send a JSON object with Content-Type: application/json")
    return body


def body_text(body: dict, field: str) -> str:
    value = body.get(field)
    if not isinstance(value, str) or not value.strip():
        raise invalid(field, "required, as a non-empty string")
    return value.strip()


def body_quantity(body: dict) -> Decimal:
    """The `quantity` field: a string as openapi.json's Quantity writes it, such as "12" or
    "2.5" (an integer is accepted, a JSON float is not: it may already have lost digits)."""
    value = body.get("quantity")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise invalid("quantity", 'required, as a string such as "12" or "2.5"')
    try:
        return parse_api_quantity(value)
    except CartError as error:
        message = str(error).removeprefix("quantity: ")
        raise invalid("quantity", message) from error


def query_number(name: str, default: int, high: int) -> int:
    """A whole-number query parameter from 1 to `high`."""
    text = request.args.get(name, str(default)).strip()
    number = whole_number(text, 1, high)
    if number is None:
        raise invalid(name, f"expected a whole number from 1 to {high}, got {text!r}")
    return number


def query_text(name: str, limit: int = MAX_QUERY) -> str:
    text = request.args.get(name, "").strip()
    if len(text) > limit:
        raise invalid(name, f"at most {limit} characters")
    return text


def error_response(
    status: int, code: str, message: str, field: str = "", *, realm: str = "punch-out session"
) -> Response:
    """Every JSON API's error (the session API's and the orders API's): `{"error": {"code",
    "message", "field"}}`, a 401 naming the bearer token's `realm`."""
    response = jsonify(error={"code": code, "message": message, "field": field or None})
    response.status_code = status
    if status == 401:
        response.headers["WWW-Authenticate"] = f'Bearer realm="{realm}"'
    return response


@blueprint.errorhandler(ApiError)
def api_error(error: ApiError) -> Response:
    return error_response(error.status, error.code, str(error), error.field)


@blueprint.errorhandler(SessionError)
def session_error(error: SessionError) -> Response:
    status = 401 if error.status == 404 else error.status
    field = "Authorization" if status in (401, 410) else ""
    code = SESSION_CODES.get(error.status, "session_error")
    return error_response(status, code, str(error), field)


@blueprint.errorhandler(CartNotTransferable)
def cart_not_transferable(error: CartNotTransferable) -> Response:
    """A cXML cart line without a field the buyer's system requires; the session stays open."""
    return error_response(422, "not_transferable", str(error), error.field)


@blueprint.errorhandler(LinesNotOffered)
def lines_not_offered(error: LinesNotOffered) -> Response:
    """A transfer of a cart holding lines that can no longer be sent; the message names them
    and the session stays open for the shop to remove them."""
    return error_response(422, "lines_not_offered", str(error), "lines")


@blueprint.errorhandler(CartError)
def cart_error(error: CartError) -> Response:
    # Views turn the cart errors they expect into ApiErrors; this catches the rest as 422.
    field = str(error).partition(":")[0].split(" ")[0] if ":" in str(error) else ""
    return error_response(422, "not_offered", str(error), field)


@blueprint.errorhandler(oci.OciError)
def oci_error(error: oci.OciError) -> Response:
    """An OCI session's cart that its call's form cannot carry (a value too long or outside
    the charset: 422), or OCI settings of the partner that are wrong (500)."""
    code = "not_transferable" if error.status == 422 else "partner_settings"
    field = ""
    if isinstance(error, oci.UnencodableText):
        field = error.name
    elif isinstance(error, oci.CartError):
        field = f"NEW_ITEM-{error.field}"
    return error_response(error.status, code, error.message, field)


@blueprint.after_request
def api_headers(response: Response) -> Response:
    """Session data is never cached, and never read as anything but JSON."""
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blueprint.app_errorhandler(InternalServerError)
def internal_error(error: InternalServerError):
    """An unexpected error (a bug, a database refusal no view expects) answers the documented
    JSON error under /api/v1, the session API's and the orders API's alike: code
    internal_error, a message that names no cause, since the cause may hold SQL, values or
    paths. Flask has logged the exception with its traceback (_Gateway.log_exception, the path
    without tokens) before calling this. Elsewhere Flask's page stays."""
    if not request.path.startswith(blueprint.url_prefix + "/"):
        return error
    return error_response(500, "internal_error", INTERNAL_ERROR)


@blueprint.app_errorhandler(404)
@blueprint.app_errorhandler(405)
def routing_error(error):
    """Unknown URLs and methods under /api/v1 answer JSON like every other API error (routing
    errors never reach a blueprint's own handlers); elsewhere Flask's page stays."""
    if not request.path.startswith(blueprint.url_prefix + "/"):
        return error
    code = "unknown_route" if error.code == 404 else "method_not_allowed"
    response = error_response(error.code, code, error.description or error.name)
    if allowed := getattr(error, "valid_methods", None):  # RFC 9110 15.5.6: a 405 names them
        response.headers["Allow"] = ", ".join(sorted(allowed))
    return response
