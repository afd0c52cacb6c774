"""Browser fixtures: the app served by a real werkzeug server on 127.0.0.1, a second server on
another port (another origin) whose page frames the storefront, and headless Chromium."""

import html
import threading

import pytest
from playwright.sync_api import sync_playwright
from werkzeug.serving import make_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class Served:
    """A WSGI app served on 127.0.0.1 by a thread, until stop()."""

    def __init__(self, wsgi_app) -> None:
        self.server = make_server("127.0.0.1", 0, wsgi_app, threaded=True)
        self.port = self.server.server_port
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


def framing_page(environ, start_response):
    """A buyer system's page: /host?src=URL puts URL in an iframe."""
    from urllib.parse import parse_qs

    source = parse_qs(environ.get("QUERY_STRING", "")).get("src", [""])[0]
    body = (
        "<!doctype html><html><head><meta charset='utf-8'><title>Procurement</title></head>"
        "<body style='margin:0;font-family:sans-serif'>"
        "<div style='padding:8px;background:#333;color:#fff'>Buyer procurement system</div>"
        f"<iframe name='catalog' src='{html.escape(source, quote=True)}' "
        "style='width:100%;height:900px;border:0'></iframe></body></html>"
    ).encode()
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [body]


@pytest.fixture
def framing():
    """The buyer system's origin: another port on 127.0.0.1."""
    served = Served(framing_page)
    yield served
    served.stop()


@pytest.fixture
def live(app):
    served = Served(app)
    yield served
    served.stop()


@pytest.fixture(scope="session")
def chromium():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()
