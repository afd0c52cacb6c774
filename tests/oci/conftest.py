"""Sample calls and carts shared by the OCI tests, handed out by the ``samples`` fixture."""

import types
from decimal import Decimal

import pytest

from oci import CartLine
from oci import OutboundOptions
from oci import UnitMap

# A partner whose SAP uses internal T006 unit codes.
T006_UNITS = UnitMap(codes={"C62": "ST", "PCE": "ST", "MTR": "M", "HUR": "H", "KGM": "KG"})
OPTIONS = OutboundOptions(unit_map=T006_UNITS)

HOOK_URL = "https://srm.buyer.example/sap/bc/bsp/sap/bbp_oci_return?sap-client=100&x=1"

CALL_PAIRS = (
    ("USERNAME", "buyer-demo"),
    ("PASSWORD", "s3cret"),
    ("HOOK_URL", HOOK_URL),
    ("OCI_VERSION", "4.0"),
    ("OPI_VERSION", "1.0"),
    ("http_content_charset", "utf-8"),
    ("returntarget", "_parent"),
    ("~caller", "CTLG"),
    ("~OkCode", "ADDI"),
    ("~target", "_top"),
    ("sap-client", "100"),
    ("ExtraField", "keep me"),
)

# Four lines: a German screw at a tier price per 1000 with a description over 40 characters,
# French cable by the metre, a service in hours, and a line whose text needs HTML escaping.
CART = (
    CartLine(
        description="Sechskantschraube DIN 933 M6 × 20 verzinkt, Festigkeitsklasse 8.8",
        quantity=Decimal("2000"),
        unit="C62",
        price=Decimal("12.50"),
        priceunit=1000,
        currency="EUR",
        leadtime=3,
        vendor="100234",
        vendormat="SK-933-M6-20",
        matgroup="31161500",
        contract="4600000123",
        contract_item="10",
        ext_product_id="SKU-100233",
        longtext="Packung zu 1000 Stück, Stahl 8.8, galvanisch verzinkt.",
    ),
    CartLine(
        description="Câble électrique H07V-U 2,5 mm², rouleau",
        quantity=Decimal("250"),
        unit="MTR",
        price=Decimal("1.845"),
        currency="EUR",
        leadtime=5,
        vendor="100234",
        vendormat="CAB-H07VU-25",
        manufactcode="7001",
        manufactmat="H07VU25RG",
        matgroup="26121600",
        ext_product_id="SKU-200871",
    ),
    CartLine(
        description="Installation sur site (forfait horaire)",
        quantity=Decimal("1.5"),
        unit="HUR",
        price=Decimal("95.00"),
        currency="EUR",
        service=True,
        vendor="100234",
        vendormat="SRV-INST-H",
        ext_product_id="SKU-900001",
    ),
    CartLine(
        description='Adapter "USB-C <-> HDMI" & Kabel 1 m',
        quantity=Decimal("3"),
        unit="PCE",
        price=Decimal("19.99"),
        currency="EUR",
        vendor="100234",
        vendormat="AD-UC-HD-01",
        manufactcode="4711",
        manufactmat="UC-HD-01",
        ext_product_id="SKU-300115",
    ),
)


@pytest.fixture(scope="session")
def samples():
    """The sample partner options, call and cart above."""
    return types.SimpleNamespace(
        options=OPTIONS, units=T006_UNITS, hook_url=HOOK_URL, call_pairs=CALL_PAIRS, cart=CART
    )
