"""The three demo billing entities, their addresses and catalog policies.

Each policy leaves something out, so every kind of restriction can be tried from a buyer's
side: DEMO-FR does not buy ink cartridges and no German-language software, DEMO-DE does not buy
from one security publisher, DEMO-UK sees only what its contracts cover.
"""

import dataclasses

from sqlalchemy.orm import Session

from gateway.models import Address
from gateway.models import BillingEntity
from gateway.models import CatalogPolicy


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DemoAddress:
    kind: str  # bill_to | ship_to
    address_id: str
    name: str
    street: str
    postal_code: str
    city: str
    country: str  # ISO 3166-1 alpha-2

    def __post_init__(self) -> None:
        if self.kind not in ("bill_to", "ship_to"):
            raise ValueError(f"address {self.address_id}: kind must be bill_to or ship_to")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DemoEntity:
    code: str
    name: str
    currency: str
    languages: tuple[str, ...]
    addresses: tuple[DemoAddress, ...]
    exclude_categories: tuple[str, ...] = ()
    exclude_publishers: tuple[str, ...] = ()
    exclude_languages: tuple[str, ...] = ()
    off_contract: str = "list_price"  # or hidden

    def __post_init__(self) -> None:
        kinds = [a.kind for a in self.addresses]
        if kinds.count("bill_to") != 1 or "ship_to" not in kinds:
            raise ValueError(f"entity {self.code}: one bill-to and at least one ship-to")


DEMO_ENTITIES = (
    DemoEntity(
        code="DEMO-FR",
        name="Démo Industries France SAS",
        currency="EUR",
        languages=("fr", "en"),
        addresses=(
            DemoAddress(
                kind="bill_to",
                address_id="FR-BILL",
                name="Démo Industries France SAS - Comptabilité fournisseurs",
                street="18 avenue de l'Europe",
                postal_code="69003",
                city="Lyon",
                country="FR",
            ),
            DemoAddress(
                kind="ship_to",
                address_id="FR-LYON",
                name="Démo Industries - Siège",
                street="18 avenue de l'Europe",
                postal_code="69003",
                city="Lyon",
                country="FR",
            ),
            DemoAddress(
                kind="ship_to",
                address_id="FR-PALAISEAU",
                name="Démo Industries - Centre de R&D",
                street="7 rue de la Croix Rouge",
                postal_code="91120",
                city="Palaiseau",
                country="FR",
            ),
        ),
        exclude_categories=("ink-cartridges",),
        exclude_languages=("de",),
    ),
    DemoEntity(
        code="DEMO-DE",
        name="Demo Industrie Deutschland GmbH",
        currency="EUR",
        languages=("de", "en"),
        addresses=(
            DemoAddress(
                kind="bill_to",
                address_id="DE-BILL",
                name="Demo Industrie Deutschland GmbH - Kreditorenbuchhaltung",
                street="Friedrichstraße 120",
                postal_code="10117",
                city="Berlin",
                country="DE",
            ),
            DemoAddress(
                kind="ship_to",
                address_id="DE-MUENCHEN",
                name="Demo Industrie - Werk München",
                street="Am Lagerplatz 7",
                postal_code="80939",
                city="München",
                country="DE",
            ),
            DemoAddress(
                kind="ship_to",
                address_id="DE-HAMBURG",
                name="Demo Industrie - Logistikzentrum",
                street="Hafenstraße 22",
                postal_code="20457",
                city="Hamburg",
                country="DE",
            ),
        ),
        exclude_publishers=("Kaspersky",),
    ),
    DemoEntity(
        code="DEMO-UK",
        name="Demo Industries UK Ltd",
        currency="GBP",
        languages=("en",),
        addresses=(
            DemoAddress(
                kind="bill_to",
                address_id="UK-BILL",
                name="Demo Industries UK Ltd - Accounts Payable",
                street="221 Deansgate",
                postal_code="M3 4EN",
                city="Manchester",
                country="GB",
            ),
            DemoAddress(
                kind="ship_to",
                address_id="UK-MANCHESTER",
                name="Demo Industries UK - Head Office",
                street="221 Deansgate",
                postal_code="M3 4EN",
                city="Manchester",
                country="GB",
            ),
        ),
        off_contract="hidden",
    ),
)


def write_entities(session: Session) -> dict[str, BillingEntity]:
    """Insert the demo entities with their addresses and policies; returns them by code."""
    written = {}
    for demo in DEMO_ENTITIES:
        entity = BillingEntity(
            code=demo.code,
            name=demo.name,
            currency=demo.currency,
            languages=list(demo.languages),
            addresses=[Address(**dataclasses.asdict(a)) for a in demo.addresses],
            policy=CatalogPolicy(
                exclude_categories=list(demo.exclude_categories),
                exclude_publishers=list(demo.exclude_publishers),
                exclude_languages=list(demo.exclude_languages),
                off_contract=demo.off_contract,
            ),
        )
        session.add(entity)
        written[demo.code] = entity
    session.flush()
    return written
