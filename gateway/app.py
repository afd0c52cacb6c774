"""The application factory."""

import logging
import socket
from collections.abc import Mapping
from typing import Any
from urllib.parse import unquote_to_bytes
from urllib.parse import urlsplit

from flask import Flask
from flask import Request
from flask import current_app
from flask import g
from flask import request as flask_request
from flask.sessions import SessionInterface
from sqlalchemy.exc import OperationalError

from cxml.ids import PayloadIdFactory
from gateway.catalog import PriceBooks
from gateway.db import Database
from gateway.errors import UnreadableField
from gateway.hashing import SecretVerifier
from gateway.oci_catalog import CatalogFacts
from gateway.partners import PartnerCache
from gateway.settings import Settings
from gateway.settings import load_settings
from gateway.urls import redact_url


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    """Build the app from defaults, GATEWAY_CONFIG, GATEWAY_* variables and `config` overrides."""
    settings = load_settings(config)
    app = _Gateway(__name__, instance_path=str(settings.instance_path))
    app.config.update(SECRET_KEY=settings.secret_key, MAX_CONTENT_LENGTH=64 * 1024 * 1024)
    app.session_interface = NoCookieSession()
    app.extensions["gateway.settings"] = settings
    app.extensions["gateway.db"] = Database(settings.database_url)
    app.extensions["gateway.price_books"] = PriceBooks()
    app.extensions["gateway.verifier"] = SecretVerifier(settings.secret_key)
    app.extensions["gateway.partners"] = PartnerCache()
    app.extensions["gateway.catalog_facts"] = CatalogFacts()
    app.extensions["gateway.ids"] = PayloadIdFactory(host=_payload_host(settings))
    logging.getLogger("gateway").setLevel(settings.log_level)

    from gateway.web import api
    from gateway.web import cxml_endpoint
    from gateway.web import health
    from gateway.web import oci_endpoint
    from gateway.web import orders_api
    from gateway.web import simulator
    from gateway.web import storefront

    app.register_blueprint(health.blueprint)
    app.register_blueprint(cxml_endpoint.blueprint)
    app.register_blueprint(storefront.blueprint)
    app.register_blueprint(simulator.blueprint)
    app.register_blueprint(oci_endpoint.blueprint)
    app.register_blueprint(orders_api.blueprint)
    app.register_blueprint(api.blueprint)

    app.before_request(refuse_nul_characters)
    app.register_error_handler(UnreadableField, unreadable_field)
    app.register_error_handler(OperationalError, database_unavailable)

    from gateway import commands

    commands.register(app)
    return app


def refuse_nul_characters() -> None:
    """Refuse a request whose path, query, form or JSON holds a NUL character (UnreadableField),
    before any view reads it. /cxml reads only its body, as XML, which cannot hold one."""
    if flask_request.path == "/cxml":
        return
    field = _nul_field(flask_request)
    if field is not None:
        raise UnreadableField(field)


def _nul_field(request: Request) -> str | None:
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
        return _nul_in_json(request.get_json(silent=True), "body")
    return None


def _nul_in_form(body: bytes) -> str | None:
    """The name of the first field of an urlencoded form whose name or value holds a NUL."""
    for pair in body.split(b"&"):
        name, _sign, value = (
            unquote_to_bytes(part.replace(b"+", b" ")) for part in pair.partition(b"=")
        )
        if b"\0" in name or b"\0" in value:
            return name.replace(b"\0", b"\\0").decode("utf-8", "replace")
    return None


def _nul_in_json(value, where: str) -> str | None:
    """Where in a JSON value a text (or a key) holds a NUL character, as `body.lines[0].sku`."""
    if isinstance(value, str):
        return where if "\0" in value else None
    items = ()
    if isinstance(value, dict):
        if any("\0" in key for key in value):
            return where
        items = ((f"{where}.{key}", item) for key, item in value.items())
    elif isinstance(value, list):
        items = ((f"{where}[{index}]", item) for index, item in enumerate(value))
    return next((found for path, item in items if (found := _nul_in_json(item, path))), None)


def unreadable_field(error: UnreadableField):
    """400 in the form of the part of the site asked: the APIs' JSON error, the OCI call's
    error page (naming the parameter), else the storefront's page."""
    if flask_request.path.startswith("/api/"):
        from gateway.web.api_base import error_response

        return error_response(400, "invalid_field", str(error), error.field)
    if flask_request.path == "/oci":
        import oci
        from gateway.web import oci_endpoint

        reason = "contains a NUL character (U+0000)"
        return oci_endpoint.error_page(oci.InvalidParameter(error.field, reason))
    from gateway.web.storefront_shop import error_page

    g.token = (flask_request.view_args or {}).get("token")  # a way back to the catalog
    return error_page(error, 400)


class _Gateway(Flask):
    """Flask, whose line above an unhandled exception's traceback names the path without the
    session token in it (Flask's own writes the path as it came)."""

    def log_exception(self, exc_info) -> None:
        path = redact_url(flask_request.path)
        self.logger.error("Exception on %s [%s]", path, flask_request.method, exc_info=exc_info)


class NoCookieSession(SessionInterface):
    """No Flask session: punch-out state travels in tokens, never in a signed cookie (blocked
    in iframes of another site anyway). `flask.session` is a null session that refuses writes,
    and no request pays for signing and reading a cookie nobody uses."""

    def open_session(self, app, request):
        return None  # Flask then hands out its null session

    def save_session(self, app, session, response):
        pass


def settings_of(app: Flask) -> Settings:
    return app.extensions["gateway.settings"]


def database_of(app: Flask) -> Database:
    return app.extensions["gateway.db"]


def price_books_of(app: Flask) -> PriceBooks:
    return app.extensions["gateway.price_books"]


def ids_of(app: Flask) -> PayloadIdFactory:
    return app.extensions["gateway.ids"]


def base_url(app: Flask, request: Request) -> str:
    """Where buyers reach us: GATEWAY_PUBLIC_URL, else the URL this request came to."""
    return settings_of(app).public_url or f"{request.scheme}://{request.host}"


def cxml_context(app: Flask, request: Request):
    """The cXML handlers' context, made once per base URL (it holds nothing else that varies)."""
    from gateway.cxml_service import Context

    contexts = app.extensions.setdefault("gateway.cxml_contexts", {})
    url = base_url(app, request)
    context = contexts.get(url)
    if context is None or context.settings is not settings_of(app):
        if len(contexts) >= 64:  # Host headers are the client's: keep the map small
            contexts.clear()
        context = contexts[url] = Context(
            settings=settings_of(app),
            ids=ids_of(app),
            verify=app.extensions["gateway.verifier"],
            partners=app.extensions["gateway.partners"],
            base_url=url,
            group=database_of(app).group_commit,
        )
    return context


def _payload_host(settings: Settings) -> str:
    host = urlsplit(settings.public_url).hostname if settings.public_url else None
    return host or socket.getfqdn() or "localhost"


# How long a client is asked to wait before trying again while the database is out of reach.
RETRY_AFTER_SECONDS = 30
UNAVAILABLE = "the gateway cannot use its database just now; try again in a minute"


def database_unavailable(error: OperationalError):
    """The database cannot be used (a refused connection, a locked or unopenable SQLite file, a
    schema not brought up to date: the log line says which): 503
    with Retry-After, in the form of the part of the site asked. /cxml answers a cXML Response
    with status 560, which tells a procurement system to retry; nothing could be logged in the
    database, so one line goes to the service's log (the driver's first line, never the SQL
    statement or its parameters)."""
    reason = str(error.orig).strip().splitlines()[0] if str(error.orig).strip() else ""
    path = flask_request.path
    logging.getLogger("gateway").error(
        "database unavailable on %s: %s: %s",
        redact_url(path),
        type(error.orig).__name__,
        reason,
    )
    headers = {"Retry-After": str(RETRY_AFTER_SECONDS)}
    if path == "/cxml":
        from cxml.document import build_cxml
        from cxml.document import error_response as cxml_error_response
        from cxml.errors import TemporarilyUnavailable

        response = cxml_error_response(TemporarilyUnavailable(UNAVAILABLE), ids=ids_of(current_app))
        body = build_cxml(response)
        return body, 503, {**headers, "Content-Type": "text/xml; charset=UTF-8"}
    if path.startswith("/api/"):
        from gateway.web.api_base import error_response

        answer = error_response(503, "unavailable", UNAVAILABLE)
        answer.headers.update(headers)
        return answer
    from gateway.web.storefront_shop import error_page

    answer = error_page(UNAVAILABLE, 503)
    answer.headers.update(headers)
    return answer
