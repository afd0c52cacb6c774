"""A small catalog for gateway tests, built through the ORM: one EUR entity with a contract,
a GBP entity, products with texts and prices, and partners of each protocol."""

import datetime
from decimal import Decimal

from gateway.hashing import hash_secret
from gateway.models import BillingEntity
from gateway.models import CatalogPolicy
from gateway.models import Contract
from gateway.models import PartnerCredential
from gateway.models import PriceRule
from gateway.models import PriceTier
from gateway.models import Product
from gateway.models import ProductPrice
from gateway.models import ProductText
from gateway.models import TradingPartner

TODAY = datetime.date.today()
SECRET = "welcome-to-the-gateway"


def product(sku, manufacturer, category, unspsc, texts, eur=None, gbp=None, unit="C62", mpn=""):
    prices = []
    if eur:
        prices.append(
            ProductPrice(currency="EUR", list_price=Decimal(eur[0]), cost=Decimal(eur[1]))
        )
    if gbp:
        prices.append(
            ProductPrice(currency="GBP", list_price=Decimal(gbp[0]), cost=Decimal(gbp[1]))
        )
    return Product(
        sku=sku,
        manufacturer=manufacturer,
        manufacturer_part_id=mpn or f"MPN-{sku}",
        category=category,
        unspsc=unspsc,
        unit=unit,
        lead_time_days=3,
        texts=[
            ProductText(language=lang, description=text, long_description=f"{text} (long)")
            for lang, text in texts.items()
        ],
        prices=prices,
    )


def build(session):
    """Entities ACME-FR (EUR, fr) and ACME-UK (GBP, en); products; contract C-FR for ACME-FR:
    laptops fixed 899.00 from 1 and 849.00 from 10; 10 % off everything Contoso."""
    fr = BillingEntity(code="ACME-FR", name="Acme France SA", currency="EUR", languages=["fr"])
    uk = BillingEntity(code="ACME-UK", name="Acme UK Ltd", currency="GBP", languages=["en"])
    session.add_all([fr, uk])
    session.flush()
    session.add(CatalogPolicy(entity_id=uk.id, off_contract="hidden"))
    session.add_all(
        [
            product(
                "LAP-100",
                "Lenovo",
                "laptops",
                "43211503",
                {"en": "ThinkPad T14 laptop", "fr": "Ordinateur portable ThinkPad T14"},
                eur=("1099.00", "800.00"),
                gbp=("949.00", "700.00"),
            ),
            product(
                "MON-200",
                "Contoso",
                "monitors",
                "43211902",
                {"en": 'Contoso 27" monitor', "fr": 'Écran Contoso 27"'},
                eur=("329.90", "200.00"),
                gbp=("289.00", "180.00"),
            ),
            product(
                "CAB-300",
                "Contoso",
                "cables",
                "26121609",
                {"en": "USB-C cable 2 m", "de": "USB-C-Kabel 2 m"},
                eur=("19.99", "5.00"),
                unit="C62",
            ),
        ]
    )
    contract = Contract(
        code="C-FR",
        name="Accord cadre 2026",
        level="Gold",
        currency="EUR",
        valid_from=TODAY - datetime.timedelta(days=30),
        valid_to=TODAY + datetime.timedelta(days=30),
        entities=[fr],
        rules=[
            PriceRule(
                rule_key="R1",
                kind="fixed",
                scope="category",
                scope_value="laptops",
                tiers=[
                    PriceTier(min_quantity=Decimal(1), value=Decimal("899.00")),
                    PriceTier(min_quantity=Decimal(10), value=Decimal("849.00")),
                ],
            ),
            PriceRule(
                rule_key="R2",
                kind="percent_off",
                scope="manufacturer",
                scope_value="Contoso",
                tiers=[PriceTier(min_quantity=Decimal(1), value=Decimal("10"))],
            ),
        ],
    )
    session.add(contract)
    session.flush()
    return fr, uk


def add_cxml_partner(
    session,
    entity,
    name="ariba-fr",
    identity="AN0100000001",
    prefixes=("https://buyer.example.com/punchout/",),
    flavour="ariba",
):
    partner = TradingPartner(
        name=name,
        protocol="cxml",
        flavour=flavour,
        entity_id=entity.id,
        return_url_prefixes=list(prefixes),
        credentials=[
            PartnerCredential(
                kind="cxml", domain="NetworkID", identity=identity, secret_hash=hash_secret(SECRET)
            )
        ],
    )
    session.add(partner)
    session.flush()
    return partner
