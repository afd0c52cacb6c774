"""The punch-out storefront: server-rendered pages (Jinja templates, plain CSS) where a buyer who
punched out of a procurement system searches, browses, fills a cart at the prices of their
billing entity's contracts, and returns the cart.

The pages live in storefront_pages (start link, landing, search, browse, product),
storefront_cart (cart, transfer, cancel) and storefront_favourites; storefront_shop holds what
they share (the blueprint, the session behind a token, headers) and storefront_catalog the
catalog queries. Register `blueprint` on the app.
"""

from gateway.web import storefront_cart
from gateway.web import storefront_favourites
from gateway.web import storefront_pages
from gateway.web.storefront_shop import Shop
from gateway.web.storefront_shop import blueprint
from gateway.web.storefront_shop import frame_ancestors

__all__ = ["Shop", "blueprint", "frame_ancestors"]

# Imported for the routes they add to the blueprint.
_VIEWS = (storefront_cart, storefront_favourites, storefront_pages)
