"""The JSON shapes of the API: a session, a listed product, a product's detail with its tier
table and contract, the cart, and the transfer form.

Money is a string holding the amount in the currency's minor unit ("899.00") next to its ISO 4217
code, quantities are strings ("12", "2.5"): never JSON numbers, which most clients read as
binary floats. The shapes here are the schemas of openapi.json.
"""

import datetime
from collections.abc import Mapping
from decimal import Decimal
from typing import Any
from urllib.parse import urlsplit

import pricing
from gateway.catalog import ProductRecord
from gateway.catalog import category_names
from gateway.punchout import change_message
from gateway.sessions import PricedLine
from gateway.sessions import quantity_text
from gateway.web.api_base import ApiSession
from gateway.web.storefront_catalog import Listing
from gateway.web.storefront_catalog import ResultPage
from gateway.web.transfer import TransferForm
from pricing import round_amount

__all__ = [
    "cart_json",
    "form_json",
    "listing_json",
    "money_text",
    "product_json",
    "results_json",
    "session_json",
]


def money_text(amount: Decimal, currency: str) -> str:
    """An amount as the API writes it: rounded to the currency's minor unit, "899.00"."""
    return format(round_amount(amount, currency), "f")


def session_json(api: ApiSession) -> dict[str, Any]:
    row = api.row
    return {
        "entity": {"code": api.entity.code, "name": api.entity.name},
        "currency": api.cart.currency,
        "language": row.language,
        "operation": row.operation,
        "protocol": row.protocol,
        "read_only": api.read_only,
        "user": {"name": row.user_name or "", "email": row.user_email or ""},
        "return_url_host": _host(row.return_url),
        "expires_at": _utc_text(row.expires_at),
        "changes": [change_message(change) for change in (row.extra or {}).get("changes", [])],
        "selected_item": (row.extra or {}).get("selected_item"),
    }


def _utc_text(moment: datetime.datetime) -> str:
    # SQLite hands back naive datetimes (stored as UTC), PostgreSQL aware ones in its zone.
    aware = moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)
    return aware.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


def _host(url: str) -> str:
    # The host only: the full return URL may carry the procurement system's own tokens.
    return urlsplit(url).hostname or url.partition(":")[0]


def _product_fields(product: ProductRecord, names: Mapping[str, str]) -> dict[str, Any]:
    """`names`: category names in the session's language (catalog.category_names)."""
    return {
        "sku": product.sku,
        "description": product.description,
        "manufacturer": product.manufacturer,
        "manufacturer_part_id": product.manufacturer_part_id,
        "category": product.category,
        "category_name": names.get(product.category, product.category),
        "unspsc": product.unspsc,
        "unit": product.unit,
    }


def listing_json(listing: Listing, names: Mapping[str, str]) -> dict[str, Any]:
    """A product in search results: its price at quantity 1, or from its contract minimum."""
    quote = listing.quote
    currency = quote.unit_price.currency
    return {
        **_product_fields(listing.product, names),
        "unit_price": money_text(quote.unit_price.amount, currency),
        "currency": currency,
        "price_quantity": quantity_text(quote.quantity),
        "price_kind": "list" if quote.off_contract else "contract",
    }


def results_json(page: ResultPage, page_size: int, names: Mapping[str, str]) -> dict[str, Any]:
    return {
        "page": page.page,
        "page_size": page_size,
        "has_next": page.has_next,
        "products": [listing_json(listing, names) for listing in page.listings],
    }


def product_json(listing: Listing, names: Mapping[str, str]) -> dict[str, Any]:
    """A product's detail: texts, lead time, its tier table and the contract that prices it."""
    quote: pricing.PriceQuote = listing.quote
    currency = quote.unit_price.currency
    product = listing.product
    return {
        **listing_json(listing, names),
        "long_description": product.long_description,
        "lead_time_days": product.lead_time_days,
        "minimum_quantity": quantity_text(listing.minimum),
        "tiers": [
            {
                "from_quantity": quantity_text(tier.floor),
                "unit_price": money_text(tier.unit_price.amount, currency),
                "contract_code": tier.contract_code or None,
            }
            for tier in quote.tiers
        ],
        "contract": None if quote.off_contract else _contract(quote),
    }


def _contract(quote: pricing.PriceQuote) -> dict[str, Any]:
    return {
        "code": quote.contract_code,
        "name": quote.contract_name,
        "level": quote.contract_level or None,
        "valid_from": quote.valid_from.isoformat() if quote.valid_from else None,
        "valid_to": quote.valid_to.isoformat() if quote.valid_to else None,
    }


def _line_json(line: PricedLine, currency: str, names: Mapping[str, str]) -> dict[str, Any]:
    quote = line.quote
    return {
        "line": line.line_number,
        **_product_fields(line.product, names),
        "quantity": quantity_text(line.quantity),
        "offered": line.offered,
        "unit_price": money_text(quote.unit_price.amount, currency) if line.offered else None,
        "line_total": money_text(line.line_total, currency) if line.offered else None,
        "contract_code": (quote.contract_code or None) if line.offered else None,
        "not_offered_reason": line.reason or None,
        "auxiliary_id": line.auxiliary_id,
    }


def cart_json(api: ApiSession) -> dict[str, Any]:
    """The cart: lines with unit prices and line totals (each rounded), and their sum."""
    currency = api.cart.currency
    lines = api.cart.lines()
    names = category_names(api.db, api.language, [line.product.category for line in lines])
    totals = (round_amount(line.line_total, currency) for line in lines)
    return {
        "currency": currency,
        "read_only": api.read_only,
        "lines": [_line_json(line, currency, names) for line in lines],
        "total": money_text(sum(totals, Decimal(0)), currency),
    }


def form_json(form: TransferForm) -> dict[str, Any]:
    """The form the web shop has the buyer's browser post (formats.md 1.7 for cXML)."""
    return {
        "action": form.action,
        "method": "POST",
        "fields": [[name, value] for name, value in form.fields],
        "target": form.target,
        "charset": form.charset,
    }
