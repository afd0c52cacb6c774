"""What the catalog holds that a partner's OCI settings must fit, in two kinds.

Problems block the partner: a unit of an active product that its unit map lacks (an unmapped
unit is an error at configuration time, never sent as a default), and with `contract` a
contract code or rule id of its entity longer than NEW_ITEM-CONTRACT or CONTRACT_ITEM.
`gateway partner configure` saves nothing and `partner check` fails while one is left, and
every `/oci` call of the partner answers a 500 page naming it.

Warnings block nothing: products whose identifier (the VENDORMAT and EXT_PRODUCT_ID sources,
the manufacturer part number for MANUFACTMAT) is longer than its field. One such record must not
stop a partner's buyers, so it fails only where it is used: BACKGROUND_SEARCH leaves it out,
VALIDATE and the cart transfer refuse it with a 422 naming the line and field. `partner check`
and `partner configure` list them.

Cost: the units in use are a scan of the products table, too slow for every call on a large
catalog, so `/oci` reads them and the contract overflows through `CatalogFacts`, a per-process
cache, and reads them afresh only to confirm a problem before answering 500; commands always
read them afresh.
"""

import dataclasses
import threading
import time
from collections.abc import Callable
from collections.abc import Hashable

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

import oci
from gateway.catalog import catalog_generation
from gateway.models import BillingEntity
from gateway.models import Contract
from gateway.models import ContractEntity
from gateway.models import PriceRule
from gateway.models import Product
from gateway.models import TradingPartner
from gateway.oci_settings import PartnerOci
from gateway.oci_settings import read_partner_oci
from gateway.oci_settings import read_unit_map

__all__ = [
    "CatalogFacts",
    "find_catalog_problems",
    "find_catalog_warnings",
    "load_partner_oci",
    "unfit_partners",
]

# How long a process may check OCI calls against catalog facts as it read them (CatalogFacts).
CATALOG_FACTS_SECONDS = 30.0
SHOWN = 3  # values or SKUs a message names


@dataclasses.dataclass(frozen=True, slots=True)
class _Fact:
    value: object
    read_at: float
    generation: int


class CatalogFacts:
    """The catalog facts the per-call OCI check needs, for one process: the units of active
    products, and per entity the contract codes and rule ids too long for their fields.

    Staleness: a fact is read again after `ttl_seconds`, so a change made by another process
    (an import) is checked against after at most that long; changes made in this process
    (imports, demo load: `catalog_changed`) drop every fact at once, and a problem is read
    again before it is answered (`load_partner_oci`), so a stale fact never refuses a call.
    Until then, a unit the facts do not know yet still cannot be sent as a default: the
    transfer of a line in it is refused (UnmappedUnits, 500).
    """

    def __init__(
        self,
        ttl_seconds: float = CATALOG_FACTS_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._facts: dict[Hashable, _Fact] = {}
        self._lock = threading.Lock()

    def units(self, session: Session) -> frozenset[str]:
        """The units of the active products."""
        return self._get("units", lambda: units_in_use(session))

    def contract_overflows(self, session: Session, entity_id: int) -> tuple[str, ...]:
        """The entity's contract codes and rule ids too long for their fields, as problems."""
        return self._get(("contracts", entity_id), lambda: contract_overflows(session, entity_id))

    def forget(self) -> None:
        """Drop every fact: the next question reads the catalog."""
        with self._lock:
            self._facts.clear()

    def _get(self, key: Hashable, read: Callable[[], object]):
        now = self._clock()
        with self._lock:
            fact = self._facts.get(key)
        current = catalog_generation()
        if fact and fact.generation == current and now - fact.read_at < self.ttl_seconds:
            return fact.value
        value = read()
        with self._lock:
            self._facts[key] = _Fact(value, now, current)
        return value


def units_in_use(session: Session) -> frozenset[str]:
    """The units of the active products, read now."""
    return frozenset(session.scalars(select(Product.unit).where(Product.active).distinct()))


def contract_overflows(session: Session, entity_id: int) -> tuple[str, ...]:
    """The entity's contract codes and rule ids too long for NEW_ITEM-CONTRACT and
    CONTRACT_ITEM, read now; one problem per field."""
    owned = Contract.id.in_(
        select(ContractEntity.contract_id).where(ContractEntity.entity_id == entity_id)
    )
    rules = select(PriceRule.rule_key).join(Contract).where(owned).subquery()
    return (
        *_long_values(session, Contract.code, "CONTRACT", owned),
        *_long_values(session, rules.c.rule_key, "CONTRACT_ITEM"),
    )


def _long_values(session: Session, column, field: str, *where) -> list[str]:
    limit = oci.FIELDS_BY_NAME[field].max_length
    found = list(
        session.scalars(select(column).where(func.length(column) > limit, *where).limit(SHOWN + 1))
    )
    if not found:
        return []
    shown = ", ".join(repr(value) for value in found[:SHOWN])
    shown += " ..." if len(found) > SHOWN else ""
    return [f"NEW_ITEM-{field} holds {limit} characters; too long: {shown}"]


def find_catalog_problems(
    session: Session,
    config: PartnerOci,
    entity: BillingEntity,
    facts: CatalogFacts | None = None,
) -> list[str]:
    """What the catalog holds that blocks this partner's settings: units without a partner
    code, contract codes and rule ids too long. Facts come from `facts`, else are read now."""
    problems = _unit_problems(session, config.outbound.unit_map, facts)
    if config.send_contract:
        read = facts.contract_overflows if facts else contract_overflows
        problems += read(session, entity.id)
    return problems


def _unit_problems(session: Session, unit_map: oci.UnitMap, facts: CatalogFacts | None):
    units = facts.units(session) if facts else units_in_use(session)
    missing = oci.find_unmapped_units(unit_map, units)
    return [f"settings.oci.units: no partner code for {', '.join(missing)}"] if missing else []


def find_catalog_warnings(session: Session, config: PartnerOci) -> list[str]:
    """Active products that cannot be sent to this partner because an identifier is longer
    than its NEW_ITEM field: one warning per identifier, with how many and the first SKUs."""
    fields: dict[tuple[str, int], list[str]] = {}
    for field, source in (
        ("VENDORMAT", config.vendormat.value),
        ("EXT_PRODUCT_ID", config.ext_product_id.value),
        ("MANUFACTMAT", "manufacturer_part_id"),
    ):
        limit = oci.FIELDS_BY_NAME[field].max_length
        fields.setdefault((source, limit), []).append(f"NEW_ITEM-{field}")
    warnings = []
    for (source, limit), names in fields.items():
        column = getattr(Product, source)
        too_long = (Product.active, func.length(column) > limit)
        count = session.scalar(select(func.count()).select_from(Product).where(*too_long))
        if not count:
            continue
        skus = session.scalars(
            select(Product.sku).where(*too_long).order_by(Product.sku).limit(SHOWN)
        )
        shown = ", ".join(skus) + (" ..." if count > SHOWN else "")
        products = "1 product has" if count == 1 else f"{count:,} products have"
        warnings.append(
            f"{products} a {source} longer than the {limit} characters of {' and '.join(names)}"
            f" ({shown}): left out of BACKGROUND_SEARCH, refused by VALIDATE and at transfer"
        )
    return warnings


def load_partner_oci(
    session: Session, partner: TradingPartner, facts: CatalogFacts | None = None
) -> tuple[PartnerOci, BillingEntity]:
    """The partner's checked settings and entity, or ConfigurationError listing every problem;
    catalog facts from `facts` (the per-call check), else read now (configuration time)."""
    try:
        config = read_partner_oci(partner)
    except oci.ConfigurationError as exc:  # name the units the catalog lacks codes for too
        unit_map = read_unit_map(partner)
        missing = _unit_problems(session, unit_map, facts) if unit_map is not None else []
        if not missing:
            raise
        raise oci.ConfigurationError("; ".join([exc.message, *missing])) from exc
    entity = session.get(BillingEntity, partner.entity_id) if partner.entity_id else None
    if entity is None:
        raise oci.ConfigurationError(f"partner {partner.name}: buys for no billing entity")
    problems = find_catalog_problems(session, config, entity, facts)
    if problems and facts is not None:  # confirmed against the catalog as it is now
        facts.forget()
        problems = find_catalog_problems(session, config, entity, facts)
    if problems:
        raise oci.ConfigurationError(f"partner {partner.name}: " + "; ".join(problems))
    return config, entity


def unfit_partners(session: Session) -> list[str]:
    """One message per OCI partner whose settings do not fit the catalog as it is now (for
    after an import), naming its problems; the units are read once for all of them."""
    facts = CatalogFacts()
    partners = session.scalars(
        select(TradingPartner).where(TradingPartner.protocol == "oci").order_by(TradingPartner.name)
    )
    found = []
    for partner in partners:
        try:
            load_partner_oci(session, partner, facts)
        except oci.ConfigurationError as exc:
            found.append(exc.message)
    return found
