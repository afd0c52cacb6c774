"""`gateway serve`: the app under gunicorn, with the embedded database brought up to date."""

import dataclasses
import os
import socket
import subprocess
import sys

import click
from flask import current_app
from flask.cli import with_appcontext
from gunicorn import glogging
from gunicorn.app.base import BaseApplication
from sqlalchemy.engine import make_url

from gateway.app import database_of
from gateway.app import limit_self_calls
from gateway.app import listen_at
from gateway.app import settings_of
from gateway.errors import ConfigError
from gateway.settings import PREFIX
from gateway.settings import placeholder_identity
from gateway.urls import redact_query
from gateway.urls import redact_url

_LOGGED_URLS = ("r", "U", "f", "{referer}i")


class _AccessLog(glogging.Logger):
    """gunicorn's logger, writing no secret that came in a URL or an Authorization header:
    neither in access lines nor in the warning that quotes a request line gunicorn refused
    (a raw non-ASCII byte in a PASSWORD) or the error naming a request's URI."""

    def warning(self, msg, *args, **kwargs):
        super().warning("%s", _redacted(msg, args), **kwargs)

    def exception(self, msg, *args, **kwargs):
        super().exception("%s", _redacted(msg, args), **kwargs)

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for key in _LOGGED_URLS:
            if isinstance(atoms.get(key), str):
                atoms[key] = redact_url(atoms[key])
        if isinstance(atoms.get("q"), str):  # the query alone, without its "?"
            atoms["q"] = redact_query(atoms["q"])
        if "{authorization}i" in atoms:
            atoms["{authorization}i"] = "***"
        return atoms


def _redacted(msg, args: tuple) -> str:
    return redact_url(str(msg) % args if args else str(msg))


class _Server(BaseApplication):
    def __init__(self, options: dict, app) -> None:
        self.options = options
        self.application = app
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.application


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64))
@click.option("--demo", is_flag=True, help="Load the demo data set into an empty database first.")
@click.option("--no-outbox", is_flag=True, help="Do not deliver the outbox from this process.")
@click.option(
    "--access-log/--no-access-log",
    default=True,
    show_default=True,
    help="Write a line per request to standard output.",
)
@with_appcontext
def serve_command(
    host: str,
    port: int,
    workers: int,
    threads: int,
    demo: bool,
    no_outbox: bool,
    access_log: bool,
) -> None:
    """Run the gateway under gunicorn."""
    _check_address(host, port)
    app = current_app._get_current_object()
    database = database_of(app)
    if make_url(database.url).get_backend_name() == "sqlite" or demo:
        database.upgrade()
    own_url = listen_at(app, host, port)  # where the buyer simulator posts its cXML: here
    simulated = []
    if demo:
        from gateway.demo import load_demo_if_empty
        from gateway.demo.partners import SIMULATOR_INBOX
        from gateway.demo.partners import point_at_simulator

        load_demo_if_empty(app)
        # demo mode turns on the buyer simulator, which takes the demo partners' order documents
        app.extensions["gateway.settings"] = dataclasses.replace(settings_of(app), demo=True)
        with database.transaction() as session:
            simulated = point_at_simulator(session, own_url)
    database.dispose()  # each worker opens its own connections after the fork
    limit_self_calls(app, threads)
    url = f"http://{host}:{port}"
    click.echo(f"gateway: serving on {url} (database {_describe(database.url)})")
    if demo:
        click.echo(f"gateway: buyer simulator at {settings_of(app).public_url or url}/simulator")
        if simulated:
            click.echo(
                f"gateway: order documents of {', '.join(simulated)} go to the simulator"
                f" ({own_url}{SIMULATOR_INBOX})"
            )
    elif placeholder_identity(settings_of(app)):  # the demo's partners know the placeholder
        click.echo(f"gateway: warning: {placeholder_identity(settings_of(app))}", err=True)
    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "threads": threads,
        "worker_class": "gthread",
        "accesslog": "-" if access_log else None,
        "logger_class": _AccessLog,
        "graceful_timeout": 10,
        "control_socket_disable": True,  # one fixed path per user: two servers would share it
        # gunicorn's largest request line (its default is 4094): a search of the API's
        # longest documented terms, percent-encoded, fits
        "limit_request_line": 8190,
    }
    if not no_outbox:
        outbox = _start_outbox(settings_of(app))
        options["on_exit"] = lambda _arbiter: _stop(outbox)
    _Server(options, app).run()


def _check_address(host: str, port: int) -> None:
    """Stop with one line, before anything is done, when the address cannot be listened on
    (gunicorn would log five failed tries over five seconds, then exit)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise ConfigError(f"--host {host}: {exc.strerror}") from None
    family, kind, proto, _name, address = found[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
        try:
            probe.bind(address)
        except OSError as exc:
            raise ConfigError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def _start_outbox(settings) -> subprocess.Popen:
    """Deliver the outbox in a child process, `gateway outbox run`, with the same settings.
    A process rather than a thread of gunicorn's master: the master forks workers at any time
    (and a fork copies no threads but may copy a lock one of them held)."""
    env = {**os.environ, **_environment(settings)}
    command = [sys.executable, "-m", "gateway", "outbox", "run", "--parent-pid", str(os.getpid())]
    child = subprocess.Popen(command, env=env)
    click.echo(f"gateway: delivering the outbox in process {child.pid} (disable with --no-outbox)")
    return child


def _environment(settings) -> dict[str, str]:
    """The settings as GATEWAY_* variables, so that a child process reads the same values."""
    variables = {}
    for field in dataclasses.fields(settings):
        value = getattr(settings, field.name)
        if value is not None:
            text = str(value).lower() if isinstance(value, bool) else str(value)
            variables[PREFIX + field.name.upper()] = text
    return variables


def _stop(child: subprocess.Popen) -> None:
    child.terminate()
    try:
        child.wait(timeout=15)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()


def _describe(url: str) -> str:
    return make_url(url).render_as_string(hide_password=True)
