"""openapi.json describes the API: every route of the blueprint with its methods, every reference
resolves, and (through `conforms`, used by the other API tests) every answer the API gives has
the shape the document promises.

`conforms` checks the part of JSON Schema 2020-12 the document uses (type, properties, required,
items, prefixItems, enum, const, pattern, minimum, maximum, allOf, oneOf, $ref); a keyword it
does not know fails the test, so the document cannot drift past what is checked."""

import re

import pytest

from gateway.web.api import blueprint
from gateway.web.api import openapi_document
from gateway.web.orders_api import blueprint as orders_api

DOCUMENT = openapi_document()
QUANTITY = DOCUMENT["components"]["schemas"]["Quantity"]["pattern"]
KNOWN = {
    "type", "properties", "required", "items", "prefixItems", "minItems", "maxItems", "enum",
    "const", "pattern", "minimum", "maximum", "allOf", "oneOf", "$ref", "description",
    "examples", "format", "maxLength", "default",
}  # fmt: skip
TYPES = {
    "object": dict,
    "array": list,
    "string": str,
    "boolean": bool,
    "null": type(None),
}


def resolve(node: dict) -> dict:
    while "$ref" in node:
        path = node["$ref"].removeprefix("#/").split("/")
        node = DOCUMENT
        for part in path:
            node = node[part]
    return node


def _type_ok(value, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, int | float) and not isinstance(value, bool)
    return isinstance(value, TYPES[name])


def problems(value, schema: dict, where: str = "$") -> list[str]:
    """Where `value` departs from `schema` (empty when it conforms)."""
    schema = resolve(schema)
    assert not set(schema) - KNOWN, f"{where}: keywords not checked {set(schema) - KNOWN}"
    found = []
    for part in schema.get("allOf", []):
        found += problems(value, part, where)
    if "oneOf" in schema:
        matching = [s for s in schema["oneOf"] if not problems(value, s, where)]
        if len(matching) != 1:
            found.append(f"{where}: matches {len(matching)} of oneOf")
    if "type" in schema:
        names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
        if not any(_type_ok(value, name) for name in names):
            return [*found, f"{where}: {value!r} is not {schema['type']}"]
    if "enum" in schema and value not in schema["enum"]:
        found.append(f"{where}: {value!r} not in {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        found.append(f"{where}: {value!r} is not {schema['const']!r}")
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        found.append(f"{where}: {value!r} does not match {schema['pattern']}")
    if isinstance(value, int) and not schema.get("minimum", value) <= value:
        found.append(f"{where}: {value} below minimum")
    if isinstance(value, int) and not value <= schema.get("maximum", value):
        found.append(f"{where}: {value} above maximum")
    if isinstance(value, dict):
        missing = [key for key in schema.get("required", []) if key not in value]
        found += [f"{where}: {key} missing" for key in missing]
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                found += problems(value[key], sub, f"{where}.{key}")
    if isinstance(value, list):
        if not schema.get("minItems", 0) <= len(value) <= schema.get("maxItems", len(value)):
            found.append(f"{where}: {len(value)} items")
        prefix = schema.get("prefixItems", [])
        for index, item in enumerate(value):
            sub = prefix[index] if index < len(prefix) else schema.get("items")
            if sub is not None:
                found += problems(item, sub, f"{where}[{index}]")
    return found


def conforms(response, path: str, method: str) -> dict:
    """The JSON of `response`, after checking it against the document's schema for `path`,
    `method` and the response's status (a documented status is required)."""
    operation = DOCUMENT["paths"][path][method.lower()]
    status = str(response.status_code)
    assert status in operation["responses"], f"{method} {path}: {status} is not documented"
    documented = resolve(operation["responses"][status])
    schema = documented["content"]["application/json"]["schema"]
    body = response.get_json()
    assert problems(body, schema) == [], body
    return body


def _openapi_paths(rule: str) -> list[str]:
    """The documented paths of a Flask rule: `<int:order_id>` is `{order_id}`, and a rule
    with `<any(a, b):step>` is one path for each of its values."""
    choice = re.search(r"<any\(([^)]*)\):[a-z_]+>", rule)
    if choice:
        values = [value.strip() for value in choice.group(1).split(",")]
        return [p for v in values for p in _openapi_paths(rule.replace(choice.group(0), v))]
    return [re.sub(r"<(?:[a-z]+:)?([a-z_]+)>", r"{\1}", rule)]


def test_every_route_of_the_apis_is_documented_with_its_methods(app):
    routes = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint.startswith((f"{blueprint.name}.", f"{orders_api.name}.")):
            methods = rule.methods - {"HEAD", "OPTIONS"}
            for path in _openapi_paths(rule.rule):
                routes.setdefault(path, set()).update(m.lower() for m in methods)
    assert len(routes) == 15
    documented = {
        path: {m for m in item if m in {"get", "post", "patch", "put", "delete"}}
        for path, item in DOCUMENT["paths"].items()
    }
    assert documented == routes


def test_document_is_openapi_3_1_and_every_reference_resolves():
    assert DOCUMENT["openapi"].startswith("3.1.")
    assert DOCUMENT["components"]["securitySchemes"]["sessionToken"] == {
        "type": "http",
        "scheme": "bearer",
        "description": DOCUMENT["components"]["securitySchemes"]["sessionToken"]["description"],
    }
    references = re.findall(r'"\$ref": "([^"]+)"', str(DOCUMENT).replace("'", '"'))
    assert len(references) > 30
    for reference in references:
        assert resolve({"$ref": reference}), reference
    for path, item in DOCUMENT["paths"].items():
        for method, operation in item.items():
            assert operation["responses"], (path, method)
            assert operation["operationId"]


def test_served_document_is_the_file(app):
    response = app.test_client().get("/api/v1/openapi.json")
    assert response.status_code == 200
    assert response.mimetype == "application/json"
    assert response.get_json() == DOCUMENT


@pytest.mark.parametrize(
    ("value", "schema_name", "expected"),
    [
        ("899.00", "Money", []),
        (899.0, "Money", ["$: 899.0 is not string"]),
        ("8,99", "Money", ["$: '8,99' does not match ^-?[0-9]+(\\.[0-9]+)?$"]),
        ("2.5", "Quantity", []),
        ("1000000.000", "Quantity", []),
        ("2.0005", "Quantity", [f"$: '2.0005' does not match {QUANTITY}"]),
        ("0.0", "Quantity", [f"$: '0.0' does not match {QUANTITY}"]),
        ("1000001", "Quantity", [f"$: '1000001' does not match {QUANTITY}"]),
        ({"sku": " ", "quantity": "1"}, "AddLineRequest", ["$.sku: ' ' does not match \\S"]),
        ({"error": {"code": "nope", "message": "m", "field": None}}, "Error",
         ["$.error.code: 'nope' not in " + str(DOCUMENT["components"]["schemas"]["Error"]
                                              ["properties"]["error"]["properties"]["code"]
                                              ["enum"])]),
        ({"action": "a", "method": "POST", "fields": [["x"]], "target": "", "charset": "UTF-8"},
         "TransferForm", ["$.fields[0]: 1 items"]),
    ],
)  # fmt: skip
def test_the_checker_catches_what_the_document_forbids(value, schema_name, expected):
    schema = {"$ref": f"#/components/schemas/{schema_name}"}
    assert problems(value, schema) == expected
