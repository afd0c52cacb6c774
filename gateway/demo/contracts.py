"""Demo contracts: past, current and future windows around today, every rule kind (fixed price,
percent off list, markup on cost) and every scope (product, category, manufacturer, publisher,
all), quantity breaks, levels, and one agreement shared by two entities.

Rule values follow the data model: a fixed price is the unit price in the contract's currency;
percent_off and markup are percentages (12.5 means 12.5 %).
"""

import dataclasses
import datetime
from decimal import Decimal

from sqlalchemy.orm import Session

from gateway.models import BillingEntity
from gateway.models import Contract
from gateway.models import PriceRule
from gateway.models import PriceTier

KINDS = ("fixed", "percent_off", "markup")
SCOPES = ("product", "category", "manufacturer", "publisher", "all")
CENT = Decimal("0.01")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DemoRule:
    key: str
    kind: str
    scope: str
    scope_value: str
    tiers: tuple[tuple[Decimal, Decimal], ...]  # (min_quantity, value), floors ascending

    def __post_init__(self) -> None:
        if self.kind not in KINDS or self.scope not in SCOPES:
            raise ValueError(f"rule {self.key}: unknown kind or scope")
        if (self.scope == "all") != (self.scope_value == ""):
            raise ValueError(f"rule {self.key}: only scope 'all' has no scope value")
        floors = [floor for floor, _ in self.tiers]
        if not floors or floors[0] != 1 or floors != sorted(set(floors)):
            raise ValueError(f"rule {self.key}: tier floors must start at 1 and ascend")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DemoContract:
    code: str
    name: str
    level: str
    currency: str
    valid_from: datetime.date
    valid_to: datetime.date
    entity_codes: tuple[str, ...]
    rules: tuple[DemoRule, ...]

    def __post_init__(self) -> None:
        if self.valid_from > self.valid_to:
            raise ValueError(f"contract {self.code}: valid_from after valid_to")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class SampledProduct:
    """A product remembered while the catalogue streams by, for rules and favourites."""

    sku: str
    product_id: int
    category: str
    list_prices: tuple[tuple[str, Decimal], ...]

    def list_price(self, currency: str) -> Decimal | None:
        return dict(self.list_prices).get(currency)


def tiers(*pairs: tuple[int, str]) -> tuple[tuple[Decimal, Decimal], ...]:
    return tuple((Decimal(floor), Decimal(value)) for floor, value in pairs)


def percent(key: str, scope: str, value: str, *pairs: tuple[int, str]) -> DemoRule:
    return DemoRule(
        key=key, kind="percent_off", scope=scope, scope_value=value, tiers=tiers(*pairs)
    )


def markup(key: str, scope: str, value: str, *pairs: tuple[int, str]) -> DemoRule:
    return DemoRule(key=key, kind="markup", scope=scope, scope_value=value, tiers=tiers(*pairs))


def fixed(key: str, product: SampledProduct | None, currency: str, *shares: tuple[int, str]):
    """A fixed-price rule for the product at shares of its list price; None without a price."""
    price = product.list_price(currency) if product else None
    if product is None or price is None:
        return None
    return DemoRule(
        key=key,
        kind="fixed",
        scope="product",
        scope_value=product.sku,
        tiers=tuple(
            (Decimal(floor), (price * Decimal(share)).quantize(CENT)) for floor, share in shares
        ),
    )


def plan_contracts(
    today: datetime.date, sample: dict[str, list[SampledProduct]], extra_fr: int = 0
) -> list[DemoContract]:
    """The demo contracts around `today`, plus `extra_fr` more for DEMO-FR (benchmarks)."""
    contracts = _french(today, sample) + _german(today, sample) + _british(today, sample)
    contracts.append(
        DemoContract(
            code="MS-EA-EU",
            name="Microsoft Enterprise Agreement (France, Germany)",
            level="Microsoft EA Level A",
            currency="EUR",
            valid_from=today - datetime.timedelta(days=300),
            valid_to=today + datetime.timedelta(days=795),
            entity_codes=("DEMO-FR", "DEMO-DE"),
            rules=(
                percent("MS", "publisher", "Microsoft", (1, "6"), (500, "7.5")),
                markup("ADOBE", "publisher", "Adobe", (1, "5")),
            ),
        )
    )
    contracts.extend(_extra_french(today, sample, extra_fr))
    return contracts


def _window(today: datetime.date, start: int, end: int) -> dict[str, datetime.date]:
    return {
        "valid_from": today + datetime.timedelta(days=start),
        "valid_to": today + datetime.timedelta(days=end),
    }


def _first(sample: dict[str, list[SampledProduct]], category: str, currency: str = "EUR"):
    return next((p for p in sample.get(category, ()) if p.list_price(currency)), None)


def _rules(*rules: DemoRule | None) -> tuple[DemoRule, ...]:
    return tuple(rule for rule in rules if rule is not None)


def _french(today, sample) -> list[DemoContract]:
    common = {"currency": "EUR", "entity_codes": ("DEMO-FR",)}
    return [
        DemoContract(
            code="FR-2023-STD",
            name="Contrat cadre matériel 2023",
            level="Silver",
            rules=(percent("NB", "category", "notebooks", (1, "5")),),
            **_window(today, -730, -366),
            **common,
        ),
        DemoContract(
            code="FR-CADRE-HW",
            name="Contrat cadre poste de travail",
            level="Gold",
            rules=_rules(
                percent("NB", "category", "notebooks", (1, "8"), (10, "10"), (50, "12.5")),
                percent("MO", "category", "monitors", (1, "10"), (20, "14")),
                markup("LENOVO", "manufacturer", "Lenovo", (1, "12"), (25, "9"), (100, "7")),
                fixed("NB-1", _first(sample, "notebooks"), "EUR", (1, "0.82"), (10, "0.78")),
                fixed("DK-1", _first(sample, "docking-stations"), "EUR", (1, "0.85")),
            ),
            **_window(today, -200, 530),
            **common,
        ),
        DemoContract(
            code="FR-2027-RENOUV",
            name="Renouvellement du parc informatique",
            level="Gold",
            rules=(percent("ALL", "all", "", (1, "4")),),
            **_window(today, 180, 910),
            **common,
        ),
    ]


def _german(today, sample) -> list[DemoContract]:
    common = {"currency": "EUR", "entity_codes": ("DEMO-DE",)}
    return [
        DemoContract(
            code="DE-2022-DRUCK",
            name="Rahmenvertrag Drucker 2022",
            level="",
            rules=(percent("PR", "category", "printers", (1, "6")),),
            **_window(today, -1100, -400),
            **common,
        ),
        DemoContract(
            code="DE-RAHMEN-IT",
            name="Rahmenvertrag IT-Ausstattung",
            level="Platinum",
            rules=_rules(
                percent("ALL", "all", "", (1, "3")),
                markup("NET", "category", "networking", (1, "10"), (5, "8")),
                percent("HP", "manufacturer", "HP", (1, "7"), (20, "9")),
                fixed("TN-1", _first(sample, "toner-cartridges"), "EUR", (1, "0.80"), (24, "0.74")),
            ),
            **_window(today, -90, 640),
            **common,
        ),
        DemoContract(
            code="DE-RZ-AUSBAU",
            name="Rechenzentrumsausbau (Speicher und Netzwerk)",
            level="Gold",
            rules=(
                markup("STORAGE", "category", "storage", (1, "9"), (10, "7")),
                markup("NET", "category", "networking", (1, "8")),
            ),
            **_window(today, 120, 850),
            **common,
        ),
    ]


def _british(today, sample) -> list[DemoContract]:
    common = {"currency": "GBP", "entity_codes": ("DEMO-UK",)}
    workplace = (
        ("docking-stations", "8"),
        ("keyboards-mice", "10"),
        ("headsets", "9"),
        ("toner-cartridges", "5"),
    )
    return [
        DemoContract(
            code="UK-2022-SUPPLY",
            name="IT Supply Agreement 2022",
            level="",
            rules=(percent("ALL", "all", "", (1, "2")),),
            **_window(today, -900, -31),
            **common,
        ),
        DemoContract(
            code="UK-SILVER-WP",
            name="Workplace Supply Agreement",
            level="Silver",
            rules=_rules(
                markup("NB", "category", "notebooks", (1, "11"), (10, "9")),
                percent("MO", "category", "monitors", (1, "9"), (10, "11")),
                percent("CB", "category", "cables", (1, "15"), (50, "20")),
                *(percent(c[:2].upper(), "category", c, (1, v)) for c, v in workplace),
                markup("MS", "publisher", "Microsoft", (1, "6")),
                fixed("MO-1", _first(sample, "monitors", "GBP"), "GBP", (1, "0.80"), (5, "0.76")),
            ),
            **_window(today, -30, 335),
            **common,
        ),
        DemoContract(
            code="UK-2027-GOLD",
            name="Workplace Supply Agreement (renewal)",
            level="Gold",
            rules=(percent("ALL", "all", "", (1, "5")),),
            **_window(today, 336, 700),
            **common,
        ),
    ]


_EXTRA_CATEGORIES = ("notebooks", "monitors", "storage", "networking", "printers", "cables")
_EXTRA_MAKERS = ("Dell", "HP", "Lenovo", "Cisco", "Samsung", "Brother", "Logitech")
_EXTRA_LEVELS = ("", "Silver", "Gold", "Platinum")


def _extra_french(today, sample, count: int) -> list[DemoContract]:
    """Project contracts for DEMO-FR, most of them current, for the pricing benchmark."""
    pool = [p for products in sample.values() for p in products if p.list_price("EUR")]
    contracts = []
    for n in range(count):
        start = -((n * 37) % 300) - 1
        if n % 10 == 9:  # every tenth has ended, every tenth after it has not begun
            start -= 400
        elif n % 10 == 8:
            start += 365
        category = _EXTRA_CATEGORIES[n % len(_EXTRA_CATEGORIES)]
        maker = _EXTRA_MAKERS[n % len(_EXTRA_MAKERS)]
        product = pool[n % len(pool)] if pool else None
        contracts.append(
            DemoContract(
                code=f"FR-PRJ-{n + 1:04d}",
                name=f"Projet {n + 1:04d} - {category}",
                level=_EXTRA_LEVELS[n % len(_EXTRA_LEVELS)],
                currency="EUR",
                entity_codes=("DEMO-FR",),
                rules=_rules(
                    percent("CAT", "category", category, (1, str(3 + n % 9)), (20, str(5 + n % 9))),
                    markup("MFR", "manufacturer", maker, (1, str(8 + n % 7))),
                    fixed("SKU", product, "EUR", (1, "0.9")) if n % 3 == 0 else None,
                ),
                **_window(today, start, start + 365),
            )
        )
    return contracts


def write_contracts(
    session: Session, contracts: list[DemoContract], entities: dict[str, BillingEntity]
) -> None:
    """Insert the planned contracts with their rules and tiers."""
    for plan in contracts:
        session.add(
            Contract(
                code=plan.code,
                name=plan.name,
                level=plan.level,
                currency=plan.currency,
                valid_from=plan.valid_from,
                valid_to=plan.valid_to,
                entities=[entities[code] for code in plan.entity_codes],
                rules=[
                    PriceRule(
                        rule_key=rule.key,
                        kind=rule.kind,
                        scope=rule.scope,
                        scope_value=rule.scope_value,
                        tiers=[PriceTier(min_quantity=q, value=v) for q, v in rule.tiers],
                    )
                    for rule in plan.rules
                ],
            )
        )
    session.flush()
