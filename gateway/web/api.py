"""The punch-out JSON API under /api/v1/: an existing web shop runs a punch-out session instead
of our storefront, through the same services (catalog, price book, cart, transfer).

The shared machinery (blueprint, bearer token, errors as JSON) is in api_base, the JSON shapes
in api_values, the routes in api_routes; openapi.json describes them all and is served at
/api/v1/openapi.json. Register `blueprint` on the app.
"""

from gateway.web import api_routes
from gateway.web.api_base import ApiError
from gateway.web.api_base import blueprint
from gateway.web.api_routes import openapi_document

__all__ = ["ApiError", "blueprint", "openapi_document"]

# Imported for the routes it adds to the blueprint.
_VIEWS = (api_routes,)
