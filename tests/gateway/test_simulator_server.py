"""The buyer simulator under `gateway serve`: its punch-outs post to the same server while
holding one of its threads, so each worker lets all but one of its threads wait so. Simulated
punch-outs beyond that are answered at once with a page that tries again (503), and never wait
for a setup that no thread is left to answer."""

import concurrent.futures
import os
import subprocess
import sys
import threading
import time
from urllib.parse import urlsplit

import pytest
import requests
from werkzeug.serving import make_server

from gateway.app import create_app
from gateway.app import database_of
from gateway.demo import load_demo

from .test_order_support import Receiver
from .test_service import free_port

GATEWAY = os.path.join(os.path.dirname(sys.executable), "gateway")
PARTNERS = ["demo-ariba", "demo-coupa", "demo-oracle", "demo-ariba"]


@pytest.fixture
def demo_server(tmp_path):
    """Start `gateway serve --demo` with one worker and the given threads; its base URL."""
    processes = []

    def start(threads: int) -> str:
        port = free_port()
        env = {**os.environ, "GATEWAY_INSTANCE_PATH": str(tmp_path / f"t{threads}")}
        env.pop("GATEWAY_DATABASE_URL", None)  # the demo's embedded SQLite
        command = [GATEWAY, "serve", "--demo", "--port", str(port), "--no-outbox"]
        command += ["--workers", "1", "--threads", str(threads), "--no-access-log"]
        processes.append(
            subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        )
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if requests.get(f"{url}/healthz", timeout=5).ok:
                    return url
            except requests.RequestException:
                time.sleep(0.2)
        raise RuntimeError(f"gateway serve --demo did not come up: {processes[-1].stderr}")

    yield start
    for process in processes:
        process.terminate()
        process.communicate(timeout=30)


def punch_out(url: str, partner: str) -> tuple[requests.Response, float]:
    """A simulated punch-out as the simulator's form posts it, and how long it took."""
    started = time.monotonic()
    answer = requests.post(
        f"{url}/simulator/punchout",
        data={"partner": partner, "lang": "fr-FR"},
        allow_redirects=False,
        timeout=60,
    )
    return answer, time.monotonic() - started


def test_simultaneous_punch_outs_never_wait_on_a_worker_with_no_thread_left(demo_server):
    url = demo_server(threads=2)
    with concurrent.futures.ThreadPoolExecutor(len(PARTNERS)) as pool:
        answers = list(pool.map(lambda partner: punch_out(url, partner), PARTNERS))

    # before: the punch-outs held both threads, and waited 30 s for setups to fail with 502
    assert max(seconds for _answer, seconds in answers) < 10
    statuses = [answer.status_code for answer, _seconds in answers]
    assert set(statuses) <= {303, 503} and 303 in statuses
    for (answer, _seconds), partner in zip(answers, PARTNERS, strict=True):
        if answer.status_code == 303:
            assert answer.headers["Location"].startswith(f"{url}/punchout/start/")
            continue
        assert answer.headers["Retry-After"] == "2"
        page = answer.text
        assert "Waiting for the gateway" in page
        assert "1 simulated punch-outs or orders are already waiting" in page
        assert '<form id="retry" method="post" action="/simulator/punchout">' in page
        assert f'<input type="hidden" name="partner" value="{partner}">' in page
        assert '<input type="hidden" name="lang" value="fr-FR">' in page
        # the retry, once nothing else waits, punches out
        retried, _seconds = punch_out(url, partner)
        assert retried.status_code == 303, retried.text


def test_a_single_thread_server_says_the_simulator_needs_a_second(demo_server):
    url = demo_server(threads=1)
    answer, seconds = punch_out(url, "demo-ariba")
    assert seconds < 10  # before: 30 s, then 502 "Setup failed: ... Read timed out"
    assert answer.status_code == 503
    assert "Retry-After" not in answer.headers
    assert "The simulator cannot run here" in answer.text
    assert "`gateway serve --demo --threads 2` or more" in answer.text
    assert '<form id="retry"' not in answer.text


def punch_out_as(url: str, host: str) -> requests.Response:
    """A simulated punch-out whose Host header names another server."""
    return requests.post(
        f"{url}/simulator/punchout",
        data={"partner": "demo-ariba", "operation": "create"},
        headers={"Host": host},
        allow_redirects=False,
        timeout=60,
    )


@pytest.fixture
def listener():
    """Another server on 127.0.0.1, which a Host header could name: it records what it gets."""
    receiver = Receiver()
    yield receiver, urlsplit(receiver.url).netloc
    receiver.close()


def test_the_simulator_posts_to_this_server_whatever_the_host_header_names(demo_server, listener):
    """It posted its PunchOutSetupRequest, with the demo partner's shared secret, to the
    address the request's Host header named."""
    url = demo_server(threads=4)
    receiver, elsewhere = listener
    answer = punch_out_as(url, elsewhere)
    assert receiver.calls == []
    # the answer names the address the browser used, and the session is this server's
    assert answer.status_code == 303, answer.text
    start = urlsplit(answer.headers["Location"])
    assert (start.netloc, start.path.rsplit("/", 1)[0]) == (elsewhere, "/punchout/start")
    opened = requests.get(f"{url}{start.path}", allow_redirects=False, timeout=30)
    assert opened.status_code in (302, 303) and "/shop/" in opened.headers["Location"]


def test_under_another_wsgi_server_the_simulator_posts_to_the_socket_it_listens_on(
    database_url, tmp_path, listener
):
    """Served by werkzeug rather than `gateway serve`: the address comes from the listening
    socket (SERVER_NAME, SERVER_PORT), not from the Host header."""
    app = create_app({"database_url": database_url, "instance_path": str(tmp_path), "demo": True})
    load_demo(database_of(app), products=20)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    receiver, elsewhere = listener
    try:
        answer = punch_out_as(f"http://127.0.0.1:{server.server_port}", elsewhere)
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)
        database_of(app).dispose()
    assert receiver.calls == []
    assert answer.status_code == 303, answer.text
    assert answer.headers["Location"].startswith(f"http://{elsewhere}/punchout/start/")
