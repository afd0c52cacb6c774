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
"""

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session

import oci
from gateway.models import BillingEntity
from gateway.models import Contract
from gateway.models import ContractEntity
from gateway.models import PriceRule
from gateway.models import Product
from gateway.models import TradingPartner
from gateway.oci_settings import PartnerOci
from gateway.oci_settings import read_partner_oci

__all__ = [
    "find_catalog_problems",
    "find_catalog_warnings",
    "load_partner_oci",
]

SHOWN = 3  # values or SKUs a message names


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


def find_catalog_problems(session: Session, config: PartnerOci, entity: BillingEntity) -> list[str]:
    """What the catalog holds that blocks this partner's settings: units without a partner
    code, contract codes and rule ids too long."""
    problems = []
    missing = oci.find_unmapped_units(config.outbound.unit_map, units_in_use(session))
    if missing:
        problems.append(f"settings.oci.units: no partner code for {', '.join(missing)}")
    if config.send_contract:
        problems += contract_overflows(session, entity.id)
    return problems


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


def load_partner_oci(session: Session, partner: TradingPartner) -> tuple[PartnerOci, BillingEntity]:
    """The partner's checked settings and entity, or ConfigurationError listing every problem."""
    config = read_partner_oci(partner)
    entity = session.get(BillingEntity, partner.entity_id) if partner.entity_id else None
    if entity is None:
        raise oci.ConfigurationError(f"partner {partner.name}: buys for no billing entity")
    problems = find_catalog_problems(session, config, entity)
    if problems:
        raise oci.ConfigurationError(f"partner {partner.name}: " + "; ".join(problems))
    return config, entity
