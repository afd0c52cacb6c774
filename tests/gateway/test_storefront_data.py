"""The storefront tests' catalog, built through the ORM, and checks that its prices come out as
worked out by hand below (the page tests rely on these figures).

Northwind Traders UK (GBP, off-contract products at list price, Acer excluded), contract UK-2026
"Northwind UK framework agreement", level Gold, 1 Jan 2020 to 31 Dec 2099:
    LAP-100 fixed  1+ 1234.50   10+ 1199.00   50+ 1150.00
    toner   10 % off list 189.99 -> 170.991 -> 170.99;  from 20: 15 % off -> 161.4915 -> 161.49
    (contract UK-2019 expired on 31 Dec 2019: its 1.00 for CAB-6 is set aside; list 4.20 applies)
Northwind France (EUR, off-contract hidden), contract FR-2026 "Accord-cadre Northwind France",
level Or, same dates:
    LAP-100 fixed  1+ 1399.90   10+ 1349.00   100+ 1234.50
    PAP-A4  fixed  5+ 3.85 (nothing below 5: the product is listed from quantity 5)
Not listed anywhere: ACR-1 (Acer: UK policy excludes it, FR has no contract for it), EUR-7 (no
GBP price, no FR contract), OLD-1 (inactive).
"""

import dataclasses
import datetime
import re
from decimal import Decimal

from sqlalchemy import select

from gateway.app import database_of
from gateway.app import price_books_of
from gateway.hashing import hash_secret
from gateway.models import BillingEntity
from gateway.models import CatalogPolicy
from gateway.models import CategoryName
from gateway.models import Contract
from gateway.models import FavouriteItem
from gateway.models import FavouritesList
from gateway.models import PartnerCredential
from gateway.models import PriceRule
from gateway.models import PriceTier
from gateway.models import Product
from gateway.models import ProductPrice
from gateway.models import ProductText
from gateway.models import TradingPartner
from gateway.sessions import SessionRequest
from gateway.sessions import open_session

RETURN_URL = "https://buyer.example.com/punchout/return"
PREFIXES = [RETURN_URL, "https://s1.ariba.com:8443/Buyer/", "SAPEVENT:POST"]
START, END = datetime.date(2020, 1, 1), datetime.date(2099, 12, 31)


def _product(sku, maker, mpn, category, unspsc, unit, lead, prices, texts, active=True):
    return Product(
        sku=sku,
        manufacturer=maker,
        manufacturer_part_id=mpn,
        category=category,
        unspsc=unspsc,
        unit=unit,
        lead_time_days=lead,
        active=active,
        prices=[
            ProductPrice(currency=currency, list_price=Decimal(price), cost=None)
            for currency, price in prices.items()
        ],
        texts=[
            ProductText(language=language, description=short, long_description=long)
            for language, (short, long) in texts.items()
        ],
    )


PRODUCTS = [
    (
        "LAP-100", "Lenovo", "21HD-0042UK", "notebooks", "43211503", "C62", 5,
        {"GBP": "1450.00", "EUR": "1690.00"},
        {
            "en": ("ThinkPad T14 Gen 4 notebook, 14 inch", "Intel Core i7, 32 GB RAM, 1 TB SSD."),
            "fr": ("Ordinateur portable ThinkPad T14 Gen 4, 14 pouces", "Intel Core i7, 32 Go."),
            "de": ("Notebook ThinkPad T14 Gen 4, 14 Zoll", "Intel Core i7, 32 GB RAM."),
        },
    ),
    (
        "TON-305", "HP", "CF410X", "toner", "44103103", "C62", 2,
        {"GBP": "189.99", "EUR": "215.00"},
        {
            "en": ("HP 410X high-yield black toner cartridge", "About 6,500 pages."),
            "fr": ("Cartouche de toner noir HP 410X haute capacité", "Environ 6 500 pages."),
        },
    ),
    (
        "CAB-6", "Belkin", "A3L980-02M", "cables", "26121609", "C62", None,
        {"GBP": "4.20", "EUR": "4.90"},
        {"en": ("Cat6 patch cable, 2 m, blue", ""), "de": ("Cat6-Patchkabel, 2 m, blau", "")},
    ),
    (
        "PAP-A4", "Navigator", "NAV-A4-80", "paper", "14111507", "BX", 1,
        {"GBP": "3.95", "EUR": "4.50"},
        {"en": ("A4 copy paper, 80 g, box of 500 sheets", ""),
         "fr": ("Papier A4, 80 g, boîte de 500 feuilles", "")},
    ),
    (
        "ACR-1", "Acer", "UM.HX0EE.E01", "monitors", "43211902", "C62", 3,
        {"GBP": "199.00", "EUR": "229.00"},
        {"en": ("Acer 27 inch monitor", "")},
    ),
    (
        "EUR-7", "Fellowes", "8024601", "office", "44111503", "C62", 3,
        {"EUR": "12.00"},
        {"en": ("Fellowes desk organiser", "")},
    ),
]  # fmt: skip


def _tiers(*pairs):
    return [PriceTier(min_quantity=Decimal(q), value=Decimal(v)) for q, v in pairs]


def _rule(key, kind, scope, value, *pairs):
    return PriceRule(rule_key=key, kind=kind, scope=scope, scope_value=value, tiers=_tiers(*pairs))


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Catalog:
    uk_id: int
    fr_id: int
    uk_partner_id: int
    fr_partner_id: int


# What buyers read for the categories: "office" and "paper" have no name (the key shows), cables
# none in French (English shows), monitors no English one (German shows, "de" before "fr").
CATEGORY_NAMES = {
    "notebooks": {"en": "Notebooks", "fr": "Ordinateurs portables", "de": "Notebooks"},
    "toner": {"en": "Toner cartridges", "fr": "Cartouches de toner"},
    "cables": {"en": "Cables and adapters"},
    "monitors": {"de": "Monitore", "fr": "Écrans"},
}


def build_catalog(db, prefixes=PREFIXES) -> Catalog:
    """The catalog above, with one cXML partner per entity, in one transaction."""
    with db.transaction() as session:
        uk = BillingEntity(
            code="NORTHWIND-UK", name="Northwind Traders UK Ltd", currency="GBP", languages=["en"]
        )
        fr = BillingEntity(
            code="NORTHWIND-FR", name="Northwind France SAS", currency="EUR", languages=["fr"]
        )
        session.add_all([uk, fr])
        session.flush()
        session.add(
            CatalogPolicy(
                entity_id=uk.id, off_contract="list_price", exclude_manufacturers=["Acer"]
            )
        )
        session.add(CatalogPolicy(entity_id=fr.id, off_contract="hidden"))
        session.add_all(_product(*row) for row in PRODUCTS)
        session.add(
            _product(
                "OLD-1", "Lenovo", "OLD", "notebooks", "43211503", "C62", 5, {"GBP": "99.00"},
                {"en": ("ThinkPad T14 notebook, discontinued", "")}, active=False,
            )
        )  # fmt: skip
        session.add_all(
            CategoryName(category=category, language=language, name=name)
            for category, names in CATEGORY_NAMES.items()
            for language, name in names.items()
        )
        session.add_all(_contracts(uk, fr))
        partners = [_partner(session, entity, prefixes) for entity in (uk, fr)]
        return Catalog(
            uk_id=uk.id, fr_id=fr.id, uk_partner_id=partners[0], fr_partner_id=partners[1]
        )


def _contracts(uk, fr):
    return [
        Contract(
            code="UK-2026", name="Northwind UK framework agreement", level="Gold",
            currency="GBP", valid_from=START, valid_to=END, entities=[uk],
            rules=[
                _rule("R1", "fixed", "product", "LAP-100",
                      (1, "1234.50"), (10, "1199.00"), (50, "1150.00")),
                _rule("R2", "percent_off", "category", "toner", (1, "10"), (20, "15")),
            ],
        ),
        Contract(
            code="UK-2019", name="Northwind UK 2019", level="", currency="GBP",
            valid_from=datetime.date(2019, 1, 1), valid_to=datetime.date(2019, 12, 31),
            entities=[uk], rules=[_rule("R1", "fixed", "product", "CAB-6", (1, "1.00"))],
        ),
        Contract(
            code="FR-2026", name="Accord-cadre Northwind France", level="Or",
            currency="EUR", valid_from=START, valid_to=END, entities=[fr],
            rules=[
                _rule("R1", "fixed", "product", "LAP-100",
                      (1, "1399.90"), (10, "1349.00"), (100, "1234.50")),
                _rule("R2", "fixed", "product", "PAP-A4", (5, "3.85")),
            ],
        ),
    ]  # fmt: skip


def _partner(session, entity, prefixes) -> int:
    partner = TradingPartner(
        name=f"ariba-{entity.code.lower()}",
        protocol="cxml",
        flavour="ariba",
        entity_id=entity.id,
        return_url_prefixes=list(prefixes),
        settings={"frame_ancestors": ["https://*.coupahost.com"]},
        credentials=[
            PartnerCredential(
                kind="cxml",
                domain="NetworkID",
                identity=f"AN-{entity.code}",
                secret_hash=hash_secret("welcome-to-the-storefront"),
            )
        ],
    )
    session.add(partner)
    session.flush()
    return partner.id


def punch_out(app, entity_id, partner_id, *, language="en", email="jane@northwind.example",
              operation="create", selected="") -> str:  # fmt: skip
    """Open a session as a setup request would (`selected`: its SelectedItem's
    SupplierPartID); returns its start token."""
    with database_of(app).transaction() as session:
        request = SessionRequest(
            protocol="cxml",
            operation=operation,
            return_url=RETURN_URL,
            buyer_cookie=f"cookie-{language}-{email}",
            user_name="Jane Buyer",
            user_email=email,
            language=language,
            extra={"selected_item": selected} if selected else {},
        )
        partner = session.get(TradingPartner, partner_id)
        entity = session.get(BillingEntity, entity_id)
        _row, start = open_session(
            session, partner, entity, request, ttl_seconds=3600, start_ttl_seconds=300
        )
    return start


def start(client, start_token) -> str:
    """Follow the StartPage link; returns the session token from the storefront URL."""
    response = client.get(f"/punchout/start/{start_token}")
    assert response.status_code == 303, response.get_data(as_text=True)
    return re.fullmatch(r"/shop/([A-Za-z0-9_-]{43})/", response.location).group(1)


def shared_list(db, entity_id, name, *items) -> int:
    """The entity's shared favourites list (owner "", as the demo loader writes its standard
    workstation), the landing page: (sku, quantity) items; returns its id."""
    with db.transaction() as session:
        ids = dict(session.execute(select(Product.sku, Product.id)).all())
        favourites = FavouritesList(
            entity_id=entity_id,
            owner="",
            name=name,
            is_landing=True,
            items=[FavouriteItem(product_id=ids[sku], quantity=Decimal(q)) for sku, q in items],
        )
        session.add(favourites)
        session.flush()
        return favourites.id


# The price book itself gives the figures the pages must show.


def _quote(app, entity_id, sku, quantity):
    from gateway.catalog import product_by_sku

    with database_of(app).transaction() as session:
        entity = session.get(BillingEntity, entity_id)
        book = price_books_of(app).get(session, entity, datetime.date(2026, 6, 1))
        return book.quote(product_by_sku(session, sku, "en").value, Decimal(quantity))


def test_hand_worked_prices_are_what_the_price_book_quotes(app, db):
    catalog = build_catalog(db)
    expected = [
        (catalog.uk_id, "LAP-100", 9, "1234.50", "UK-2026"),
        (catalog.uk_id, "LAP-100", 10, "1199.00", "UK-2026"),
        (catalog.uk_id, "LAP-100", 50, "1150.00", "UK-2026"),
        (catalog.uk_id, "TON-305", 1, "170.99", "UK-2026"),
        (catalog.uk_id, "TON-305", 20, "161.49", "UK-2026"),
        (catalog.uk_id, "CAB-6", 1, "4.20", ""),
        (catalog.uk_id, "PAP-A4", 1, "3.95", ""),
        (catalog.fr_id, "LAP-100", 100, "1234.50", "FR-2026"),
        (catalog.fr_id, "PAP-A4", 5, "3.85", "FR-2026"),
    ]
    for entity_id, sku, quantity, price, contract in expected:
        quote = _quote(app, entity_id, sku, quantity)
        assert (quote.unit_price.amount, quote.unit_price.currency[:1], quote.contract_code) == (
            Decimal(price),
            "G" if entity_id == catalog.uk_id else "E",
            contract,
        ), sku


def test_unlisted_products_are_not_offered(app, db):
    catalog = build_catalog(db)
    for entity_id, sku in [
        (catalog.uk_id, "ACR-1"),
        (catalog.uk_id, "EUR-7"),
        (catalog.fr_id, "ACR-1"),
        (catalog.fr_id, "CAB-6"),
        (catalog.fr_id, "PAP-A4"),  # at quantity 1: contract prices start at 5
    ]:
        assert not _quote(app, entity_id, sku, 1).offered, sku
