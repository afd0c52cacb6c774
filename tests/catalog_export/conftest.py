"""A small billing entity's catalog: non-ASCII text, commas, quotes, line breaks, tiers,
a four-decimal price, a punch-out level 2 item. The golden files are written from these rows."""

import datetime
import pathlib
from decimal import Decimal

import pytest

from catalog_export import CatalogItem
from catalog_export import ContractInfo
from catalog_export import ExportHeader
from catalog_export import TierPrice

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "catalog_export"
CEST = datetime.timezone(datetime.timedelta(hours=2))


def make_header(**changes) -> ExportHeader:
    values = {
        "supplier_id": "AN01000000001",
        "supplier_domain": "NetworkID",
        "supplier_name": "Müller Bürobedarf AG",
        "entity_code": "ACME-DE",
        "entity_name": "Acme Beschaffung GmbH",
        "currency": "EUR",
        "language": "de-DE",
        "as_of": datetime.date(2024, 5, 1),
        "generated_at": datetime.datetime(2024, 5, 1, 10, 0, 0, tzinfo=CEST),
        "contracts": (
            ContractInfo(
                code="RV-2024",
                name="Rahmenvertrag 2024",
                level="Gold",
                valid_from=datetime.date(2024, 1, 1),
                valid_to=datetime.date(2024, 12, 31),
            ),
            ContractInfo(
                code="IT-ZUB",
                name="IT-Zubehör",
                level="Silber",
                valid_from=datetime.date(2024, 3, 1),
            ),
        ),
        "comments": "Preise für Acme Beschaffung GmbH, Stand 2024-05-01",
    }
    values.update(changes)
    return ExportHeader(**values)


def make_items() -> list[CatalogItem]:
    return [
        CatalogItem(
            supplier_part_id="P-1001",
            description="Kugelschreiber, blau",
            long_description='Kugelschreiber mit "Soft-Grip"\nPackung à 10 Stück',
            unspsc="44121704",
            unit_of_measure="BX",
            unit_price=Decimal("4.95"),
            currency="EUR",
            tier_prices=(
                TierPrice(min_quantity=Decimal(10), unit_price=Decimal("4.50")),
                TierPrice(min_quantity=Decimal(50), unit_price=Decimal("3.99")),
            ),
            manufacturer_name="Schreibwerk GmbH",
            manufacturer_part_id="SW-KB-10",
            lead_time_days=2,
            image_url="https://cdn.example.com/p1001.jpg",
            contract_code="RV-2024",
        ),
        CatalogItem(
            supplier_part_id="P-1002",
            description="Büroklammer, verzinkt",
            unspsc="44122104",
            unit_of_measure="C62",
            unit_price=Decimal("0.0125"),
            currency="EUR",
            lead_time_days=1,
            contract_code="RV-2024",
        ),
        CatalogItem(
            supplier_part_id="P-1003",
            description="Ordner „Classic“ 8 cm",
            long_description="Ordner, 8 cm Rücken; Farbe: grün",
            unspsc="44122003",
            unit_of_measure="EA",
            unit_price=Decimal("2.40"),
            currency="EUR",
            tier_prices=(TierPrice(min_quantity=Decimal(100), unit_price=Decimal("2.10")),),
        ),
        CatalogItem(
            supplier_part_id="P-2001",
            supplier_part_auxiliary_id="CFG",
            description="USB-C Dockingstation",
            unspsc="43211603",
            unit_of_measure="EA",
            unit_price=Decimal("189.00"),
            currency="EUR",
            manufacturer_name="Ståhl & Søn",
            manufacturer_part_id="DS-<C>",
            lead_time_days=5,
            supplier_url="https://shop.example.com/punchout?item=P-2001&lang=de",
            punchout_level2=True,
            contract_code="IT-ZUB",
        ),
    ]


@pytest.fixture
def header() -> ExportHeader:
    return make_header()


@pytest.fixture
def items() -> list[CatalogItem]:
    return make_items()


@pytest.fixture
def header_with():
    """make_header: the sample header with some fields changed."""
    return make_header


@pytest.fixture
def fixtures_dir() -> pathlib.Path:
    return FIXTURES
