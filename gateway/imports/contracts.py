"""Contracts: one row per quantity break (tier), grouped into rules by rule_key and into
contracts by contract_code.

Every row of one contract repeats the contract's own columns, and every row of one rule repeats
the rule's; a row that disagrees with the first row of its contract or rule is rejected. A file
replaces the rules and tiers of each contract it names (rules not in the file are deleted);
contracts it does not name are left alone. The counts are of contracts, the rejections of rows.
"""

import dataclasses
import decimal

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload

from gateway.imports.cells import Cells
from gateway.imports.runner import Layout
from gateway.imports.runner import Run
from gateway.models import BillingEntity
from gateway.models import Contract
from gateway.models import PriceRule
from gateway.models import PriceTier

KINDS = ("fixed", "percent_off", "markup")
SCOPES = ("product", "category", "manufacturer", "publisher", "all")
CONTRACT = ("contract_name", "level", "currency", "valid_from", "valid_to", "entities")
RULE = ("kind", "scope", "scope_value")
HUNDRED = decimal.Decimal(100)

LAYOUT = Layout(
    kind="contracts",
    required=(
        "contract_code",
        "contract_name",
        "currency",
        "valid_from",
        "valid_to",
        "entities",
        "rule_key",
        "kind",
        "scope",
        "min_quantity",
        "value",
    ),
    optional=("level", "scope_value"),
)


@dataclasses.dataclass(slots=True, kw_only=True)
class ContractDraft:
    """A contract being gathered from its rows: the first row's fields and every tier so far."""

    code: str
    fields: tuple  # values of CONTRACT; entities as a tuple of codes
    first_row: int
    rules: dict[str, tuple[tuple, int, dict]] = dataclasses.field(default_factory=dict)

    def state(self) -> tuple:
        """Everything the contract says, comparable with the stored contract's state."""
        rules = {key: (fields, tiers) for key, (fields, _row, tiers) in self.rules.items()}
        name, level, currency, start, end, entities = self.fields
        return name, level, currency, start, end, frozenset(entities), rules


def parse_tier(row: Cells, entity_currencies: dict[str, str]) -> tuple | None:
    """(contract fields, rule key, rule fields, min_quantity, value) from one row, or None."""
    currency = row.currency("currency")
    start, end = row.date("valid_from"), row.date("valid_to")
    if start and end and start > end:
        row.fail("valid_to", f"{end} is before valid_from {start}")
    entities = tuple(row.items("entities"))
    if not entities:
        row.fail("entities", "is required: entity codes separated by |")
    for code in entities:
        if code not in entity_currencies:
            row.fail("entities", f"no billing entity with code {code!r}")
        elif currency and entity_currencies[code] != currency:
            row.fail("entities", f"{code} bills in {entity_currencies[code]}, not {currency}")
    contract = (
        row.text("contract_name", required=True),
        row.text("level", max_length=64),
        currency,
        start,
        end,
        entities,
    )
    rule = (
        row.choice("kind", KINDS),
        row.choice("scope", SCOPES),
        row.text("scope_value", max_length=128),
    )
    if rule[1] == "all" and rule[2]:
        row.fail("scope_value", "must be empty when scope is all")
    elif rule[1] in SCOPES and rule[1] != "all" and not rule[2]:
        row.fail("scope_value", f"is required when scope is {rule[1]}")
    minimum = row.decimal("min_quantity", places=3, required=True)
    if minimum is not None and minimum == 0:
        row.fail("min_quantity", "must be more than 0")
    value = row.decimal("value", places=4, required=True)
    if rule[0] == "percent_off" and value is not None and value > HUNDRED:
        row.fail("value", f"{value} is more than 100 percent off")
    key = row.text("rule_key", required=True, max_length=64)
    return None if row.problems else (contract, key, rule, minimum, value)


def apply(session: Session, run: Run) -> None:
    """Gather every contract of the file, then replace them when no row was rejected."""
    currencies = dict(session.execute(select(BillingEntity.code, BillingEntity.currency)).all())
    drafts: dict[str, ContractDraft] = {}
    for row in run.rows():
        code = row.text("contract_code", required=True, max_length=64)
        parsed = parse_tier(row, currencies)
        if parsed is not None:
            _add_tier(drafts, code, row, *parsed)
        if row.problems:
            run.reject(row)
    if run.rejected or not drafts:
        return
    stored = {
        contract.code: contract
        for contract in session.scalars(
            select(Contract)
            .where(Contract.code.in_(list(drafts)))
            .options(
                selectinload(Contract.entities),
                selectinload(Contract.rules).selectinload(PriceRule.tiers),
            )
        )
    }
    entity_ids = dict(session.execute(select(BillingEntity.code, BillingEntity.id)).all())
    for code, draft in drafts.items():
        run.count(save_contract(session, stored.get(code), draft, entity_ids))


def _add_tier(drafts, code, row: Cells, contract, key, rule, minimum, value) -> None:
    draft = drafts.setdefault(code, ContractDraft(code=code, fields=contract, first_row=row.row))
    for name, mine, first in zip(CONTRACT, contract, draft.fields, strict=True):
        if mine != first:
            row.fail(name, f"differs from row {draft.first_row} of contract {code}")
    fields, first_row, tiers = draft.rules.setdefault(key, (rule, row.row, {}))
    for name, mine, first in zip(RULE, rule, fields, strict=True):
        if mine != first:
            row.fail(name, f"differs from row {first_row} of rule {key}")
    if minimum in tiers:
        row.fail("min_quantity", f"{minimum} is already a break of rule {key}")
    if not row.problems:
        tiers[minimum] = value


def _stored_state(contract: Contract) -> tuple:
    rules = {
        rule.rule_key: (
            (rule.kind, rule.scope, rule.scope_value),
            {tier.min_quantity: tier.value for tier in rule.tiers},
        )
        for rule in contract.rules
    }
    entities = frozenset(entity.code for entity in contract.entities)
    return (
        contract.name,
        contract.level,
        contract.currency,
        contract.valid_from,
        contract.valid_to,
        entities,
        rules,
    )


def save_contract(
    session: Session, contract: Contract | None, draft: ContractDraft, entity_ids: dict[str, int]
) -> str:
    """Insert a contract or replace what it says; returns inserted, updated or unchanged."""
    if contract is not None and _stored_state(contract) == draft.state():
        return "unchanged"
    outcome = "updated" if contract is not None else "inserted"
    if contract is None:
        contract = Contract(code=draft.code)
        session.add(contract)
    name, level, currency, start, end, entities = draft.fields
    contract.name, contract.level, contract.currency = name, level, currency
    contract.valid_from, contract.valid_to = start, end
    contract.entities = [session.get(BillingEntity, entity_ids[code]) for code in entities]
    contract.rules.clear()
    session.flush()  # the old rules go before new ones reuse their keys
    for key, ((kind, scope, scope_value), _row, tiers) in draft.rules.items():
        tiers_of = [PriceTier(min_quantity=q, value=v) for q, v in sorted(tiers.items())]
        contract.rules.append(
            PriceRule(rule_key=key, kind=kind, scope=scope, scope_value=scope_value, tiers=tiers_of)
        )
    session.flush()
    return outcome
