"""Unknown URLs and methods under /api/v1 answer JSON errors, in the shape the document gives
them; the rest of the site keeps HTML."""

from .test_api_openapi import conforms


def test_unknown_route_and_method_answer_json(app):
    client = app.test_client()
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "unknown_route"
    wrong = client.delete("/api/v1/openapi.json")
    assert wrong.status_code == 405
    assert wrong.get_json()["error"]["code"] == "method_not_allowed"
    assert wrong.headers["Allow"] == "GET, HEAD, OPTIONS"  # RFC 9110: a 405 names the methods
    page = client.get("/no-such-page")
    assert page.status_code == 404 and page.mimetype == "text/html"


def test_a_line_number_that_is_no_number_is_a_documented_404(app):
    response = app.test_client().patch(
        "/api/v1/cart/lines/null,null",
        json={"quantity": "12"},
        headers={"Authorization": "Bearer whatever"},
    )
    body = conforms(response, "/api/v1/cart/lines/{line}", "PATCH")
    assert response.status_code == 404
    assert body["error"]["code"] == "unknown_route"
