"""What any request can run into, whichever part of the site it asks, answered in that part's
own form: /cxml a cXML Response, the APIs (/api/) their JSON error, /oci the OCI call's error
page, everything else the storefront's page.

- A NUL character (U+0000) in the URL path, the query, a form or a JSON body is refused before
  any view reads it (UnreadableField, 400 naming the field): no text of ours holds one,
  PostgreSQL refuses to compare one, and XML cannot carry one. /cxml is left to its XML parser.
- A body is read no further than its limit (`limit_body`): more is 413, or the OCI error page.
- A database that cannot be used (SQLAlchemy's OperationalError: a refused connection, a locked
  or unopenable SQLite file, a schema not brought up to date) is 503 with Retry-After; /cxml
  answers status 560 Temporary server error, which tells a procurement system to retry
  (formats.md 1.4). Nothing can be logged in the database then, so the service's log gets one
  line: the path with its tokens masked and the driver's first line, never SQL or parameters.
"""

import logging
from urllib.parse import unquote_to_bytes

from flask import Flask
from flask import Request
from flask import Response
from flask import current_app
from flask import g
from flask import request
from sqlalchemy.exc import OperationalError
from werkzeug.exceptions import RequestEntityTooLarge

import oci
from cxml.document import build_cxml
from cxml.document import error_response as cxml_error
from cxml.errors import TemporarilyUnavailable
from gateway.app import ids_of
from gateway.app import settings_of
from gateway.errors import UnreadableField
from gateway.urls import redact_url

# How long a client is asked to wait before trying again while the database cannot be used.
RETRY_AFTER_SECONDS = 30
UNAVAILABLE = "the gateway cannot use its database just now; try again in a minute"
NUL = "contains a NUL character (U+0000)"


def register(app: Flask) -> None:
    app.before_request(limit_body)
    app.before_request(refuse_nul_characters)
    app.register_error_handler(UnreadableField, unreadable_field)
    app.register_error_handler(RequestEntityTooLarge, too_large)
    app.register_error_handler(OperationalError, database_unavailable)


def limit_body() -> None:
    """How much of a body is read at most; more is refused unread (413), before a NUL check or
    a view holds it all in memory. An OCI call is never longer than a cXML document may be, a
    page's form or an API body (a cart returned to the simulator, say) four times that; /cxml
    by its media type (gateway.web.cxml_endpoint.body_limit)."""
    most = settings_of(current_app).xml_max_bytes
    if request.path == "/cxml":
        from gateway.web.cxml_endpoint import body_limit

        request.max_content_length = body_limit(request.mimetype, most)
    else:
        request.max_content_length = most if request.path == "/oci" else 4 * most


def too_large(_error: RequestEntityTooLarge) -> Response:
    message = f"the request body is larger than {request.max_content_length} bytes"
    if request.path == "/oci":
        from gateway.web.oci_endpoint import error_page

        return error_page(oci.InvalidParameter("form", message))
    return _answer(413, "too_large", message, "body")


def refuse_nul_characters() -> None:
    if request.path == "/cxml":
        return
    field = _nul_field(request)
    if field is not None:
        raise UnreadableField(field)


def unreadable_field(error: UnreadableField) -> Response:
    if request.path == "/oci":  # the page of every refused OCI call, naming the parameter
        from gateway.web.oci_endpoint import error_page

        return error_page(oci.InvalidParameter(error.field, NUL))
    return _answer(400, "invalid_field", str(error), error.field, page_problem=error)


def database_unavailable(error: OperationalError) -> Response:
    text = str(error.orig).strip()
    logging.getLogger("gateway").error(
        "database unavailable on %s: %s: %s",
        redact_url(request.path),
        type(error.orig).__name__,
        text.splitlines()[0] if text else "",
    )
    if request.path == "/cxml":
        document = build_cxml(
            cxml_error(TemporarilyUnavailable(UNAVAILABLE), ids=ids_of(current_app))
        )
        answer = Response(document, status=503, content_type="text/xml; charset=UTF-8")
    else:
        answer = _answer(503, "unavailable", UNAVAILABLE)
    answer.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return answer


def _answer(status: int, code: str, message: str, field: str = "", *, page_problem=None):
    """The APIs' JSON error under /api/, else the storefront's page (with a way back to the
    catalog when the URL names a session)."""
    if request.path.startswith("/api/"):
        from gateway.web.api_base import error_response

        return error_response(status, code, message, field)
    from gateway.web.storefront_shop import error_page

    g.token = (request.view_args or {}).get("token")
    return error_page(page_problem or message, status)


def _nul_field(request: Request) -> str | None:
    """The first field of the request holding a NUL character, or None."""
    if "\0" in request.path:
        return "URL path"
    for name, values in request.args.lists():
        if "\0" in name or any("\0" in value for value in values):
            return name.replace("\0", "\\0")
    if request.mimetype == "application/x-www-form-urlencoded":
        # read from the raw body, kept for the view: /oci decodes its form in the charset the
        # call names, which request.form (UTF-8) would already have consumed
        return _nul_in_form(request.get_data(cache=True))
    if request.mimetype == "multipart/form-data" and b"\0" in request.get_data(cache=True):
        return "form"  # no form of ours uploads a file: a NUL in one is in a text field
    if request.is_json:
        from gateway.web.api_base import request_json

        return _nul_in_json(request_json(), "body")
    return None


def _nul_in_form(body: bytes) -> str | None:
    """The first field of an urlencoded form whose name or value holds a NUL character."""
    for pair in body.split(b"&"):
        name, _sign, value = (
            unquote_to_bytes(part.replace(b"+", b" ")) for part in pair.partition(b"=")
        )
        if b"\0" in name or b"\0" in value:
            return name.replace(b"\0", b"\\0").decode("utf-8", "replace")
    return None


def _nul_in_json(value, where: str) -> str | None:
    """Where in a JSON value a text (or a key) holds a NUL character, as `body.lines[0].sku`.
    Depth first, in document order, with a stack of its own: a value nested as deep as the
    decoder reads would overflow Python's."""
    stack = [(where, value)]
    while stack:
        where, value = stack.pop()
        if isinstance(value, str):
            if "\0" in value:
                return where
        elif isinstance(value, dict):
            if any("\0" in key for key in value):
                return where
            stack.extend((f"{where}.{key}", item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((f"{where}[{n}]", item) for n, item in reversed(list(enumerate(value))))
    return None
