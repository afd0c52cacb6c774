"""Billing entities: one row per entity code, with its bill-to address and its catalog policy.

Entity files are small: every row is parsed and checked first, and the entities are written only
when no row was rejected. The row's bill-to address replaces the entity's bill-to addresses (its
ship-to addresses are left alone). The catalog policy is replaced as a whole when the file has any
policy column, and left alone when it has none. An entity's currency changes only when none of
its contracts is in another one (contracts are never converted).
"""

import dataclasses
import re

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload

from gateway.imports.cells import COUNTRY
from gateway.imports.cells import LANGUAGE
from gateway.imports.cells import Cells
from gateway.imports.runner import Layout
from gateway.imports.runner import Run
from gateway.models import Address
from gateway.models import BillingEntity
from gateway.models import CatalogPolicy
from gateway.models import Contract
from gateway.models import Product

OFF_CONTRACT = ("list_price", "hidden")
POLICY_LISTS = tuple(
    f"{verb}_{what}"
    for what in ("manufacturers", "publishers", "categories", "languages")
    for verb in ("include", "exclude")
)
# An entity code names files (the catalog export writes <code>-<date>.cif): ASCII letters, digits,
# '.', '_' and '-', a letter or digit first, so that no code is a path ('../x', '/x', 'a\b')
# or a hidden file.
ENTITY_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")
ENTITY_CODE_RULE = "letters, digits, '.', '_' and '-', a letter or digit first"
ADDRESS = ("address_id", "name", "street", "postal_code", "city", "country")

LAYOUT = Layout(
    kind="entities",
    required=(
        "code",
        "name",
        "currency",
        "bill_to_street",
        "bill_to_postal_code",
        "bill_to_city",
        "bill_to_country",
    ),
    optional=("languages", "bill_to_address_id", "bill_to_name", *POLICY_LISTS, "off_contract"),
)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class EntityRecord:
    """One billing entity as a file row states it."""

    code: str
    name: str
    currency: str
    languages: tuple[str, ...]
    bill_to: tuple[str, ...]  # values of ADDRESS, in that order
    policy: tuple | None  # the lists of POLICY_LISTS then off_contract; None: leave as it is

    def __post_init__(self) -> None:
        if not self.code or len(self.bill_to) != len(ADDRESS):
            raise ValueError("an entity has a code and a whole bill-to address")


def parse_entity(row: Cells, with_policy: bool) -> EntityRecord | None:
    """The row as an EntityRecord, or None with the row's problems noted."""
    code = row.text("code", required=True, max_length=32)
    if code and not ENTITY_CODE.fullmatch(code):
        row.fail("code", f"{code!r} is not an entity code ({ENTITY_CODE_RULE})")
    name = row.text("name", required=True, max_length=200)
    bill_to = (
        row.text("bill_to_address_id", max_length=64) or code,
        row.text("bill_to_name", max_length=200) or name,
        row.text("bill_to_street", required=True, max_length=200),
        row.text("bill_to_postal_code", required=True, max_length=16),
        row.text("bill_to_city", required=True, max_length=100),
        row.pattern("bill_to_country", COUNTRY, "an ISO 3166 country code", required=True),
    )
    currency = row.currency("currency")
    languages = tuple(row.items("languages", pattern=LANGUAGE, what="a language code"))
    policy = _policy(row) if with_policy else None
    if row.problems:  # every cell was read, so the row's rejection names all it lacks
        return None
    return EntityRecord(
        code=code,
        name=name,
        currency=currency,
        languages=languages,
        bill_to=bill_to,
        policy=policy,
    )


def _policy(row: Cells) -> tuple:
    lists = {
        name: tuple(
            row.items(name, pattern=LANGUAGE, what="a language code")
            if name.endswith("_languages")
            else row.items(name)
        )
        for name in POLICY_LISTS
    }
    for what in ("manufacturers", "publishers", "categories", "languages"):
        both = set(lists[f"include_{what}"]) & set(lists[f"exclude_{what}"])
        for item in sorted(both):
            row.fail(f"exclude_{what}", f"{item!r} is also in include_{what}")
    off_contract = row.choice("off_contract", OFF_CONTRACT, default="list_price")
    return (*lists.values(), off_contract)


def apply(session: Session, run: Run) -> None:
    """Check every entity row, then upsert them all when none was rejected."""
    with_policy = any(column in run.columns for column in (*POLICY_LISTS, "off_contract"))
    records: dict[str, EntityRecord] = {}
    first_row: dict[str, int] = {}
    for row in run.rows():
        record = parse_entity(row, with_policy)
        # the first row of a code counts even when it is rejected: a later one is a repeat
        code = record.code if record else row.text("code", required=True, max_length=32)
        if code in first_row:
            row.fail("code", f"{code!r} appears again (first on row {first_row[code]})")
        elif code:
            first_row[code] = row.row
        if row.problems:
            run.reject(row)
            continue
        records[record.code] = record
    for code, reason in _currency_conflicts(session, records):
        run.problem(first_row[code], "currency", reason)
    if run.rejected or not records:
        return
    existing = {
        entity.code: entity
        for entity in session.scalars(
            select(BillingEntity)
            .where(BillingEntity.code.in_(list(records)))
            .options(selectinload(BillingEntity.addresses), selectinload(BillingEntity.policy))
        )
    }
    for code, record in records.items():
        run.count(save_entity(session, existing.get(code), record))
    session.flush()


def _currency_conflicts(session: Session, records: dict[str, EntityRecord]):
    """(code, reason) of each entity whose new currency is not that of all its contracts: a
    contract is never converted, so the price book would set every one of them aside."""
    if not records:
        return
    query = (
        select(BillingEntity.code, Contract.currency, Contract.code)
        .join(Contract.entities)
        .where(BillingEntity.code.in_(list(records)))
        .order_by(BillingEntity.code, Contract.currency, Contract.code)
    )
    others: dict[str, dict[str, list[str]]] = {}
    for code, currency, contract in session.execute(query):
        if currency != records[code].currency:
            others.setdefault(code, {}).setdefault(currency, []).append(contract)
    for code, by_currency in others.items():
        held = "; ".join(f"{c} ({_some(codes)})" for c, codes in by_currency.items())
        reason = f"the entity has contracts in {held}, which are never converted"
        yield code, f"{reason}: take it out of them (contracts import) before changing its currency"


def _some(codes: list[str], shown: int = 5) -> str:
    more = f" and {len(codes) - shown} more" if len(codes) > shown else ""
    return ", ".join(codes[:shown]) + more


def save_entity(session: Session, entity: BillingEntity | None, record: EntityRecord) -> str:
    """Insert or update one entity; returns inserted, updated or unchanged."""
    if entity is not None and _state(entity, record.policy is not None) == _state_of(record):
        return "unchanged"
    outcome = "updated" if entity is not None else "inserted"
    if entity is None:
        entity = BillingEntity(code=record.code, addresses=[])
        session.add(entity)
    entity.name, entity.currency = record.name, record.currency
    entity.languages = list(record.languages)
    bill_to = dict(zip(ADDRESS, record.bill_to, strict=True))
    kept = [a for a in entity.addresses if a.kind != "bill_to"]
    current = [a for a in entity.addresses if a.kind == "bill_to"][:1]
    address = current[0] if current else Address(kind="bill_to")
    for name, value in bill_to.items():
        setattr(address, name, value)
    entity.addresses = [address, *kept]
    if record.policy is not None:
        policy = entity.policy or CatalogPolicy()
        for name, value in zip(POLICY_LISTS, record.policy, strict=False):
            setattr(policy, name, list(value))
        policy.off_contract = record.policy[-1]
        entity.policy = policy
    return outcome


def _state(entity: BillingEntity, with_policy: bool) -> tuple:
    bills = [a for a in entity.addresses if a.kind == "bill_to"]
    address = tuple(getattr(bills[0], name) for name in ADDRESS) if len(bills) == 1 else None
    policy = None
    if with_policy and entity.policy is not None:
        lists = tuple(tuple(getattr(entity.policy, name)) for name in POLICY_LISTS)
        policy = (*lists, entity.policy.off_contract)
    return entity.name, entity.currency, tuple(entity.languages), address, policy


def _state_of(record: EntityRecord) -> tuple:
    return record.name, record.currency, record.languages, record.bill_to, record.policy


# The product attribute each policy list is compared with (exactly, pricing/policy.py).
_POLICY_ATTRIBUTES = {
    "manufacturers": Product.manufacturer,
    "publishers": Product.publisher,
    "categories": Product.category,
    "languages": Product.language,
}


def unmatched_policy_values(session: Session) -> list[str]:
    """Policy list values that no product has, each with the catalog's spelling when only the
        case differs: lists are compared exactly, so `kaspersky` excludes nothing while the catalog
        says `Kaspersky`. A value may be meant for products still to come: the command warns, once
    there are products at all."""
    found: list[str] = []
    known = {
        what: set(session.scalars(select(column).distinct()))
        for what, column in _POLICY_ATTRIBUTES.items()
    }
    if not known["categories"]:  # no product yet (entities are imported first): nothing to say
        return found
    rows = session.execute(
        select(BillingEntity.code, CatalogPolicy).join(CatalogPolicy).order_by(BillingEntity.code)
    )
    for code, policy in rows:
        for name in POLICY_LISTS:
            values = known[name.partition("_")[2]]
            for value in getattr(policy, name) or []:
                if value in values:
                    continue
                alike = sorted(v for v in values if v and v.casefold() == value.casefold())
                hint = f" (the catalog writes {alike[0]!r})" if alike else ""
                found.append(f"entity {code}: {name} {value!r} matches no product{hint}")
    return found
