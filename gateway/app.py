"""The application factory."""

import logging
import socket
import threading
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from flask import Flask
from flask import Request
from flask import request as flask_request
from flask.sessions import SessionInterface

from cxml.ids import PayloadIdFactory
from gateway.catalog import PriceBooks
from gateway.db import Database
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
    from gateway.web import simulator_inbox
    from gateway.web import storefront

    app.register_blueprint(health.blueprint)
    app.register_blueprint(cxml_endpoint.blueprint)
    app.register_blueprint(storefront.blueprint)
    app.register_blueprint(simulator_inbox.blueprint)  # the simulator's, with the inbox's routes
    app.register_blueprint(oci_endpoint.blueprint)
    app.register_blueprint(orders_api.blueprint)
    app.register_blueprint(api.blueprint)

    from gateway.web import site_errors

    site_errors.register(app)

    from gateway import commands

    commands.register(app)
    return app


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


def limit_self_calls(app: Flask, threads: int) -> None:
    """Let requests that wait on this same server (the buyer simulator's posts) hold at most
    `threads - 1` threads of a worker at once; the thread left over answers what they wait for.
    Called by `gateway serve` before its workers fork, so that each has its own count."""
    app.extensions["gateway.self_calls"] = (
        threads,
        threading.BoundedSemaphore(max(threads - 1, 0)),
    )


def self_calls_of(app: Flask) -> tuple[int, threading.BoundedSemaphore] | None:
    """A worker's threads and its slots for waiting on itself; None without a limit (a server
    with a thread per request)."""
    return app.extensions.get("gateway.self_calls")


def base_url(app: Flask, request: Request) -> str:
    """Where buyers reach us: GATEWAY_PUBLIC_URL, else the URL this request came to."""
    return settings_of(app).public_url or f"{request.scheme}://{request.host}"


def listen_at(app: Flask, host: str, port: int) -> str:
    """Record the address `gateway serve` listens on, for the requests it makes to itself;
    returns its URL."""
    app.extensions["gateway.own_url"] = f"http://{_reachable(host)}:{port}"
    return app.extensions["gateway.own_url"]


def own_url(app: Flask, request: Request) -> str:
    """This server itself, for the requests it makes to itself (the buyer simulator's): the
    address `gateway serve` listens on, else the socket the WSGI server took the request on
    (SERVER_NAME and SERVER_PORT, which werkzeug and gunicorn read from the listening TCP
    socket). Never the Host header: the client writes it, and the buyer simulator's posts
    carry a partner's shared secret."""
    recorded = app.extensions.get("gateway.own_url")
    if recorded:
        return recorded
    environ = request.environ
    host = _reachable(environ["SERVER_NAME"])
    return f"{environ['wsgi.url_scheme']}://{host}:{environ['SERVER_PORT']}"


# A server listening on every interface is reached at its loopback.
_EVERY_INTERFACE = {"": "127.0.0.1", "0.0.0.0": "127.0.0.1", "::": "::1"}  # noqa: S104


def _reachable(host: str) -> str:
    host = _EVERY_INTERFACE.get(host, host)
    return f"[{host}]" if ":" in host else host


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
