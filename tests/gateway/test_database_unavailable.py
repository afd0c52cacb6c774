"""When the database cannot be reached, every part of the site answers 503 with Retry-After in
its own form, and /cxml a cXML Response with status 560 (Temporary server error: the client
retries, formats.md 1.4). It was Flask's HTML 500 page everywhere, which a procurement system
cannot read. Here the database is a SQLite file whose folder became a file after start."""

import logging

import lxml.html
import pytest

from cxml.document import parse_cxml
from gateway.app import create_app

from .test_api_openapi import conforms
from .test_punchout_setup import setup_request

SECRET = "the-partner-shared-secret"


@pytest.fixture
def client(tmp_path):
    folder = tmp_path / "data"
    app = create_app(
        {
            "database_url": f"sqlite:///{folder / 'gateway.sqlite3'}",
            "instance_path": str(tmp_path / "instance"),
            "secret_key": "test-secret-key-" + "x" * 32,
        }
    )
    folder.rmdir()  # the app made it; SQLite cannot open a file inside a file
    folder.write_text("not a folder")
    return app.test_client()


def test_a_cxml_request_gets_a_560_response_to_retry(client, caplog):
    with caplog.at_level(logging.ERROR, logger="gateway"):
        response = client.post("/cxml", data=setup_request(secret=SECRET), content_type="text/xml")
    assert (response.status_code, response.headers["Retry-After"]) == (503, "30")
    status = parse_cxml(response.data, mode="strict").body.status
    assert (status.code, status.text) == (560, "Temporary server error")
    assert status.message == "the gateway cannot use its database just now; try again in a minute"
    assert "database unavailable on /cxml: OperationalError: unable to open database file" in (
        caplog.text
    )
    assert SECRET not in caplog.text


def test_the_api_answers_its_json_error(client):
    response = client.get("/api/v1/session", headers={"Authorization": "Bearer some-token"})
    body = conforms(response, "/api/v1/session", "get")
    assert (response.status_code, response.headers["Retry-After"]) == (503, "30")
    assert (body["error"]["code"], body["error"]["field"]) == ("unavailable", None)


@pytest.mark.parametrize(
    "url", ["/shop/some-session-token/", "/oci?USERNAME=SRM&PASSWORD=pw&HOOK_URL=https://a/"]
)
def test_pages_say_so(client, url):
    response = client.get(url)
    assert (response.status_code, response.headers["Retry-After"]) == (503, "30")
    page = lxml.html.fromstring(response.get_data(as_text=True))
    assert page.xpath("string(//h1)") == "Punch-out unavailable"
    assert "cannot use its database just now" in page.xpath("string(//*[@data-message])")


def test_health_says_unavailable(client):
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.get_json() == {"database": "unreachable", "status": "unavailable"}
