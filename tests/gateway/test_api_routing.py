"""Unknown URLs and methods under /api/v1 answer JSON errors; the rest of the site keeps HTML."""


def test_unknown_route_and_method_answer_json(app):
    client = app.test_client()
    missing = client.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["code"] == "unknown_route"
    wrong = client.delete("/api/v1/openapi.json")
    assert wrong.status_code == 405
    assert wrong.get_json()["error"]["code"] == "method_not_allowed"
    page = client.get("/no-such-page")
    assert page.status_code == 404 and page.mimetype == "text/html"
