"""One shared favourites list per demo entity: a standard workstation its buyers can order
from the storefront's landing page, made of products that entity may buy."""

from decimal import Decimal

from sqlalchemy.orm import Session

from gateway.demo.contracts import SampledProduct
from gateway.models import BillingEntity
from gateway.models import FavouriteItem
from gateway.models import FavouritesList

# (entity, list name, currency the products must be priced in, (category, quantity)...)
WORKSTATIONS = (
    (
        "DEMO-FR",
        "Poste de travail standard",
        "EUR",
        (
            ("notebooks", 1),
            ("monitors", 2),
            ("docking-stations", 1),
            ("keyboards-mice", 2),
            ("headsets", 1),
        ),
    ),
    (
        "DEMO-DE",
        "Standardarbeitsplatz",
        "EUR",
        (
            ("notebooks", 1),
            ("monitors", 2),
            ("docking-stations", 1),
            ("keyboards-mice", 2),
            ("toner-cartridges", 4),
        ),
    ),
    (
        "DEMO-UK",
        "Standard workstation",
        "GBP",
        (
            ("notebooks", 1),
            ("monitors", 2),
            ("docking-stations", 1),
            ("keyboards-mice", 2),
            ("cables", 3),
        ),
    ),
)


def write_favourites(
    session: Session, entities: dict[str, BillingEntity], sample: dict[str, list[SampledProduct]]
) -> int:
    """Insert the lists; returns how many were written."""
    for code, name, currency, wanted in WORKSTATIONS:
        items = []
        for category, quantity in wanted:
            product = _priced(sample.get(category, ()), currency)
            if product is not None:
                items.append(
                    FavouriteItem(product_id=product.product_id, quantity=Decimal(quantity))
                )
        session.add(
            FavouritesList(
                entity_id=entities[code].id, owner="", name=name, is_landing=True, items=items
            )
        )
    session.flush()
    return len(WORKSTATIONS)


def _priced(products, currency: str) -> SampledProduct | None:
    return next((p for p in products if p.list_price(currency) is not None), None)
