"""The service as an operator runs it: console script, start-up errors, gunicorn, health check."""

import http.client
import importlib.metadata
import logging
import os
import socket
import subprocess
import sys
import time

import pytest
import requests

from gateway import create_app

GATEWAY = os.path.join(os.path.dirname(sys.executable), "gateway")
FLASK = os.path.join(os.path.dirname(sys.executable), "flask")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthz_answers_200_with_the_database_reachable(app):
    response = app.test_client().get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "reachable"}


def test_healthz_answers_503_when_the_database_is_down(tmp_path):
    port = free_port()  # nothing listens there
    app = create_app(
        {
            "database_url": f"postgresql+psycopg://nobody@127.0.0.1:{port}/none?connect_timeout=2",
            "instance_path": str(tmp_path),
        }
    )
    response = app.test_client().get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"status": "unavailable", "database": "unreachable"}


@pytest.mark.parametrize(
    ("variable", "value", "line"),
    [
        (
            "GATEWAY_PUBLIC_URL",
            "nonsense",
            "GATEWAY_PUBLIC_URL: expected an http(s) base URL without query, got 'nonsense'",
        ),
        (
            "GATEWAY_DATABSE_URL",
            "postgresql+psycopg://gateway@db.example/gateway",
            "GATEWAY_DATABSE_URL: unknown setting; did you mean GATEWAY_DATABASE_URL?",
        ),
    ],
)
@pytest.mark.parametrize("script", [[GATEWAY], [FLASK, "--app", "gateway"]])
def test_a_bad_setting_stops_start_up_with_one_line(tmp_path, variable, value, line, script):
    env = dict(os.environ, GATEWAY_INSTANCE_PATH=str(tmp_path), **{variable: value})
    result = subprocess.run(
        [*script, "db", "upgrade"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == f"error: {line}\n"
    assert not (tmp_path / "gateway.sqlite3").exists()  # nothing was started on the default


def test_also_reachable_as_flask_app_gateway(tmp_path):
    env = dict(os.environ, GATEWAY_INSTANCE_PATH=str(tmp_path))
    flask = os.path.join(os.path.dirname(sys.executable), "flask")
    result = subprocess.run(
        [flask, "--app", "gateway", "db", "upgrade"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("database is up to date: sqlite:///")
    assert (tmp_path / "gateway.sqlite3").exists()


def test_the_console_script_names_its_own_commands_and_version(tmp_path):
    env = dict(os.environ, GATEWAY_INSTANCE_PATH=str(tmp_path))
    gateway = os.path.join(os.path.dirname(sys.executable), "gateway")

    def run(*args):
        done = subprocess.run([gateway, *args], env=env, capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        return done.stdout

    expected = importlib.metadata.version("procurement-gateway")
    assert run("--version") == f"procurement-gateway {expected}\n"
    commands = run("--help").partition("Commands:")[2].split()
    assert {"serve", "import", "partner", "shell", "routes"} <= set(commands)
    assert "run" not in commands  # Flask's development server: `serve` runs the gateway


def _serve(tmp_path, *options) -> tuple[subprocess.Popen, int]:
    """`gateway serve` on a free port of 127.0.0.1, one worker, output to a pipe."""
    port = free_port()
    env = dict(os.environ, GATEWAY_INSTANCE_PATH=str(tmp_path))
    command = [GATEWAY, "serve", "--port", str(port), "--workers", "1", *options]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    return server, port


def _get_once_up(url: str) -> requests.Response:
    deadline = time.monotonic() + 30
    while True:
        try:
            return requests.get(url, timeout=2)
        except requests.ConnectionError:
            assert time.monotonic() < deadline, "gateway did not start"
            time.sleep(0.2)


def test_serve_brings_the_embedded_database_up_and_answers(tmp_path):
    server, port = _serve(tmp_path)
    try:
        assert server.stdout.readline().startswith(f"gateway: serving on http://127.0.0.1:{port}")
        response = _get_once_up(f"http://127.0.0.1:{port}/healthz")
        assert response.status_code == 200
        assert (tmp_path / "gateway.sqlite3").exists()
    finally:
        server.terminate()
        server.communicate(timeout=30)
    assert server.returncode == 0


def _console(*args, **env):
    environ = dict(os.environ, **env)
    return subprocess.run([GATEWAY, *args], env=environ, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize(
    "script", [[GATEWAY], [FLASK, "--app", "gateway"]], ids=["gateway", "flask"]
)
def test_a_database_not_migrated_yet_stops_a_command_with_one_line(tmp_path, script):
    environ = dict(os.environ, GATEWAY_INSTANCE_PATH=str(tmp_path))
    command = [*script, "partner", "list"]
    result = subprocess.run(command, env=environ, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == (
        f"error: database sqlite:///{tmp_path}/gateway.sqlite3 has no gateway tables yet:"
        " run `gateway db upgrade` first\n"
    )
    assert _console("db", "upgrade", GATEWAY_INSTANCE_PATH=str(tmp_path)).returncode == 0
    listed = _console("partner", "list", GATEWAY_INSTANCE_PATH=str(tmp_path))
    assert (listed.returncode, listed.stdout) == (0, "no trading partners\n")


def test_a_database_that_cannot_be_reached_stops_a_command_with_one_line(tmp_path):
    port = free_port()  # nothing listens there
    url = f"postgresql+psycopg://gateway:hidden-password@127.0.0.1:{port}/gateway"
    example = os.path.join(os.path.dirname(__file__), "../../docs/examples/products.csv")
    result = _console(
        "import", "products", example, GATEWAY_INSTANCE_PATH=str(tmp_path), GATEWAY_DATABASE_URL=url
    )
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr.startswith(
        f"error: database postgresql+psycopg://gateway:***@127.0.0.1:{port}/gateway:"
        " cannot connect: "
    )
    assert result.stderr.count("\n") == 1 and "hidden-password" not in result.stderr


@pytest.mark.parametrize("option, logged", [((), True), (("--no-access-log",), False)])
def test_serve_writes_an_access_line_per_request_unless_told_not_to(tmp_path, option, logged):
    server, port = _serve(tmp_path, "--no-outbox", *option)
    try:
        answer = _get_once_up(f"http://127.0.0.1:{port}/healthz?probe=7")
        assert answer.status_code == 200
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    assert ('"GET /healthz?probe=7 HTTP/1.1" 200' in output) is logged


def test_serve_takes_a_search_of_the_longest_documented_terms(tmp_path):
    """The API allows 200 characters in each of q, category and manufacturer: percent-encoded
    four-byte characters make a request line longer than gunicorn's default limit."""
    server, port = _serve(tmp_path, "--no-outbox", "--no-access-log")
    try:
        assert _get_once_up(f"http://127.0.0.1:{port}/healthz").status_code == 200
        terms = "\U0001d11e" * 200
        params = {"q": terms, "category": terms, "manufacturer": terms}
        answer = requests.get(f"http://127.0.0.1:{port}/api/v1/products", params=params, timeout=10)
        assert len(answer.request.url) > 7000
    finally:
        server.terminate()
        server.communicate(timeout=30)
    assert answer.status_code == 401  # read, and refused for want of a session token
    assert answer.json()["error"]["code"] == "unauthorized"


def test_access_lines_write_no_password_or_session_token(tmp_path):
    """SAP systems may send an OCI login by GET, and storefront paths carry session tokens:
    an access line keeps neither (a token keeps four characters, to follow one session)."""
    server, port = _serve(tmp_path, "--no-outbox")
    base = f"http://127.0.0.1:{port}"
    token = "GNuCzq3lR-QhLO1sIYyQLIAuLLBVf01TbP9M_7jyksA"
    try:
        _get_once_up(f"{base}/healthz")
        login = {"USERNAME": "BUYER_1", "PASSWORD": "pass-word-41", "HOOK_URL": "http://x.example/"}
        requests.get(f"{base}/oci", params=login, timeout=10)
        for name in ("%50ASSWORD", "PASSWORD%20", "+password"):  # each also logs a buyer in
            as_typed = http.client.HTTPConnection("127.0.0.1", port, timeout=10)  # not requoted
            as_typed.request("GET", f"/oci?USERNAME=B&{name}=pass-word-43&HOOK_URL=x")
            as_typed.getresponse().read()
            as_typed.close()
        requests.get(
            f"{base}/shop/{token}/cart",
            headers={"Referer": f"{base}/punchout/start/{token}?password=pass-word-42"},
            timeout=10,
        )
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    lines = [line for line in output.splitlines() if '"GET /' in line and "healthz" not in line]
    assert len(lines) == 5, output
    assert "PASSWORD=***&HOOK_URL" in lines[0] and "USERNAME=BUYER_1" in lines[0]
    assert "?USERNAME=B&%50ASSWORD=***&HOOK_URL=x" in lines[1]
    assert "?USERNAME=B&PASSWORD%20=***&HOOK_URL=x" in lines[2]
    assert "?USERNAME=B&+password=***&HOOK_URL=x" in lines[3]
    assert '"GET /shop/GNuC***/cart HTTP/1.1"' in lines[4]
    assert f'"{base}/punchout/start/GNuC***?password=***"' in lines[4]
    assert "pass-word-4" not in output and token not in output


def test_an_access_line_masks_a_password_whatever_characters_it_holds(tmp_path):
    """The mask stopped at a raw quote: PASSWORD="secret was logged PASSWORD=***\\"secret. A
    value is masked up to the next "&" or "#", in the request line and in the Referer, and in
    gunicorn's warning that quotes a request line it refuses (a raw byte beyond ASCII)."""
    server, port = _serve(tmp_path, "--no-outbox")
    passwords = ['"pass-word-45', "pass'word<46>", "pass\\word{47}|^`", "pass-word-48\xe9\xff"]
    try:
        _get_once_up(f"http://127.0.0.1:{port}/healthz")
        for password in passwords:  # as the bytes come, which no HTTP client would send
            query = f"USERNAME=DEMO_SAP&PASSWORD={password}&HOOK_URL=x"
            request = (
                f"GET /oci?{query}#f HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                f"Referer: http://127.0.0.1/sap?{query}\r\nConnection: close\r\n\r\n"
            )
            with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
                raw.sendall(request.encode("latin-1"))
                assert raw.recv(100).startswith(b"HTTP/1.1 ")
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]
    lines = [line for line in output.splitlines() if "GET /oci" in line]
    refused = [line for line in lines if "Invalid HTTP request line" in line]
    logged = [line for line in lines if line not in refused]
    assert (len(logged), len(refused)) == (3, 1), output
    for line in logged:
        assert '"GET /oci?USERNAME=DEMO_SAP&PASSWORD=***&HOOK_URL=x#f HTTP/1.1"' in line, line
        assert '"http://127.0.0.1/sap?USERNAME=DEMO_SAP&PASSWORD=***&HOOK_URL=x"' in line, line
    assert "request line: 'GET /oci?USERNAME=DEMO_SAP&PASSWORD=***&HOOK_URL=x#f" in refused[0]
    assert "pass" not in output


def test_an_unhandled_error_is_logged_without_the_session_token(app, caplog):
    token = "GNuCzq3lR-QhLO1sIYyQLIAuLLBVf01TbP9M_7jyksA"

    def broken(token):
        raise RuntimeError("a bug")

    app.add_url_rule("/shop/<token>/broken", "broken", broken)
    app.config["PROPAGATE_EXCEPTIONS"] = False  # as served: a 500 page and a logged traceback
    with caplog.at_level(logging.ERROR, logger=app.logger.name):
        assert app.test_client().get(f"/shop/{token}/broken").status_code == 500
    assert [r.getMessage() for r in caplog.records] == ["Exception on /shop/GNuC***/broken [GET]"]
    assert caplog.records[0].exc_info[0] is RuntimeError
    assert token not in caplog.text


def test_serve_on_a_taken_port_stops_at_once_with_one_line(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = dict(os.environ, GATEWAY_INSTANCE_PATH=str(tmp_path))
        command = [GATEWAY, "serve", "--port", str(port), "--no-outbox"]
        result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout) == (2, "")
    # one line, so not gunicorn's five tries a second apart, each logging "Connection in use"
    # (a time limit said the same, and failed on a loaded machine that started Python slowly)
    assert result.stderr == f"error: cannot listen on 127.0.0.1:{port}: Address already in use\n"
    assert not (tmp_path / "gateway.sqlite3").exists()  # nothing done before the check
