"""The business check of an OrderRequest (formats.md 1.8, 6.3: 400 on business-invalid).

Strategy: read everything the check needs in a few set-wise queries (products by SKU, the cart
lines the SupplierPartAuxiliaryIDs point at), compile the entity's price book once for the
order date, then walk the lines purely. The first fault found is raised as OrderRefused naming
the line and the field; deviations the partner's price policy tolerates become flags.
"""

import dataclasses
import datetime
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from cxml.items import ItemOut
from cxml.order import OrderRequest
from gateway.catalog import ProductRecord
from gateway.catalog import products_by_id
from gateway.models import BillingEntity
from gateway.models import CartLine
from gateway.models import OrderLine
from gateway.models import Product
from gateway.models import PunchOutSession
from gateway.models.base import could_be_id
from gateway.orders.errors import OrderRefused
from gateway.orders.policy import OrderPolicy
from pricing import round_amount

__all__ = ["CheckedLine", "CheckedOrder", "validate_order"]

# SupplierPartAuxiliaryID of a punch-out cart line (gateway.sessions.auxiliary_id).
AUXILIARY_ID = re.compile(r"S(\d+)-L(\d+)(?:-C.*)?")
# The codes buyer systems send for one piece of a product sold by the piece: UN/CEFACT Rec. 20
# C62 "one", EA "each", H87 "piece", and PCE, the older piece code some shops still send.
PIECE_CODES = frozenset({"C62", "EA", "H87", "PCE"})
# A unit price worked out from a PriceBasisQuantity, to the places order_lines.unit_price keeps.
_STORED_PRICE = Decimal(1).scaleb(-OrderLine.unit_price.type.scale)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CheckedLine:
    """An order line that passed the check, with what it was checked against."""

    line_number: int
    sku: str
    product_id: int
    quantity: Decimal
    unit: str
    unit_price: Decimal
    reference_price: Decimal  # the session's or the contract's unit price
    description: str
    requested_delivery: datetime.datetime | None
    session_id: int | None
    auxiliary_id: str
    accounting: dict
    # unit_price x quantity before unit_price was rounded to what is stored (a price per 7
    # pieces rarely divides to 4 decimals): what the Total is checked against
    amount: Decimal

    def __post_init__(self) -> None:
        if self.quantity <= 0:
            raise ValueError("an order line needs a positive quantity")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class CheckedOrder:
    lines: tuple[CheckedLine, ...]
    flags: tuple[str, ...] = ()


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class _Context:
    entity: BillingEntity
    book: object  # pricing.PriceBook for the order date
    policy: OrderPolicy
    products: dict[str, ProductRecord]
    cart_lines: dict[tuple[int, int], CartLine]
    unit_map: Mapping[str, str]


def validate_order(
    session: Session,
    order: OrderRequest,
    *,
    partner_id: int,
    entity: BillingEntity,
    book,
    policy: OrderPolicy,
    unit_map: Mapping[str, str] | None = None,
) -> CheckedOrder:
    """Check a new order or an update against entity, catalog, contract and its own totals;
    `unit_map` is the partner's (our unit -> the code its system was sent)."""
    _check_header(order, entity)
    context = _Context(
        entity=entity,
        book=book,
        policy=policy,
        products=_products(session, order.items, entity.languages),
        cart_lines=_cart_lines(session, order.items, partner_id),
        unit_map=unit_map or {},
    )
    flags: list[str] = []
    lines = []
    for position, item in enumerate(order.items, start=1):
        number = item.line_number if item.line_number is not None else position
        lines.append(_check_line(context, item, number, flags))
    _check_totals(order, lines)
    return CheckedOrder(lines=tuple(lines), flags=tuple(flags))


def _check_header(order: OrderRequest, entity: BillingEntity) -> None:
    if order.total.currency != entity.currency:
        raise OrderRefused(
            f"currency {order.total.currency} is not {entity.currency}, the currency of billing"
            f" entity {entity.code}",
            field="OrderRequestHeader/Total/Money@currency",
        )
    if order.ship_to is None:
        for position, item in enumerate(order.items, start=1):
            if item.ship_to is None:
                raise OrderRefused(
                    "no ShipTo in the OrderRequestHeader nor on the line",
                    line=item.line_number or position,
                    field="ShipTo",
                )


def _products(session: Session, items, languages) -> dict[str, ProductRecord]:
    skus = sorted({item.item_id.supplier_part_id for item in items})
    ids: list[int] = []
    for start in range(0, len(skus), 1000):
        chunk = skus[start : start + 1000]
        ids.extend(session.scalars(select(Product.id).where(Product.sku.in_(chunk))))
    language = languages[0] if languages else "en"
    return {record.sku: record for record in products_by_id(session, ids, language).values()}


def _cart_lines(session: Session, items, partner_id: int) -> dict[tuple[int, int], CartLine]:
    """The partner's cart lines that the order's SupplierPartAuxiliaryIDs point at."""
    wanted = set()
    for item in items:
        match = AUXILIARY_ID.fullmatch(item.item_id.supplier_part_auxiliary_id or "")
        if match and could_be_id(int(match[1])):  # a larger number names no session
            wanted.add((int(match[1]), int(match[2])))
    if not wanted:
        return {}
    rows = session.scalars(
        select(CartLine)
        .join(PunchOutSession, PunchOutSession.id == CartLine.session_id)
        .where(
            PunchOutSession.partner_id == partner_id,
            CartLine.session_id.in_(sorted({sid for sid, _ in wanted})),
        )
    )
    return {(row.session_id, row.line_number): row for row in rows}


def _check_line(context: _Context, item: ItemOut, number: int, flags: list[str]) -> CheckedLine:
    sku = item.item_id.supplier_part_id
    product = context.products.get(sku)
    if product is None:
        raise OrderRefused(f"{sku!r} is not a product we sell", line=number, field="SupplierPartID")
    if item.quantity <= 0:
        raise OrderRefused("must be more than 0", line=number, field="ItemOut@quantity")
    quote = context.book.quote(product.value, item.quantity)
    if not quote.offered:
        raise OrderRefused(
            f"{sku} is not offered to {context.entity.code}: {quote.detail}",
            line=number,
            field="SupplierPartID",
        )
    if item.item_detail is None:
        raise OrderRefused(
            "is missing; the order must say its price", line=number, field="ItemDetail"
        )
    _check_unit(context, item.item_detail.unit_of_measure, product, number)
    exact = _unit_price(item.item_detail, number)  # of one of the line's unit
    given = exact  # as sent, or worked out from a price basis and rounded as stored
    if item.item_detail.price_basis is not None:
        given = exact.quantize(_STORED_PRICE, rounding=ROUND_HALF_UP)
    cart_line = _linked_cart_line(context, item, product.id, number, flags)
    reference = _reference_price(cart_line, item.quantity, quote)
    _check_price(context, given, reference, number, flags)
    return CheckedLine(
        line_number=number,
        sku=sku,
        product_id=product.id,
        quantity=item.quantity,
        unit=item.item_detail.unit_of_measure,  # receipt._check_storable bounds its length
        unit_price=given,
        reference_price=reference,
        description=item.item_detail.description,
        requested_delivery=_moment(item.requested_delivery_date),
        session_id=cart_line.session_id if cart_line is not None else None,
        auxiliary_id=item.item_id.supplier_part_auxiliary_id or "",
        accounting=_accounting(item),
        amount=exact * item.quantity,
    )


def _unit_price(detail, number: int) -> Decimal:
    """The price of one of the line's unit: UnitPrice, or, under a PriceBasisQuantity in the
    line's own unit (a price per 10 pieces), UnitPrice over that quantity, exact (the line
    stores it to 4 decimals; the Total is checked against the exact amount). A basis in another
    unit is refused: what its conversionFactor means is not settled in our notes, and guessing
    would price the line wrong."""
    price, basis = detail.unit_price.amount, detail.price_basis
    if basis is None:
        return price
    same_unit = basis.unit_of_measure.strip().upper() == detail.unit_of_measure.strip().upper()
    if not same_unit or basis.conversion_factor != 1:
        raise OrderRefused(
            f"a price per {basis.quantity:f} {basis.unit_of_measure} (conversionFactor"
            f" {basis.conversion_factor:f}) for a line in {detail.unit_of_measure} is not"
            " supported: send the price of one unit, or a basis in the line's unit with"
            " conversionFactor 1",
            line=number,
            field="ItemDetail/PriceBasisQuantity",
        )
    return price / basis.quantity


def units_of(unit: str, unit_map: Mapping[str, str]) -> frozenset[str]:
    """The codes an order line may name `unit` by: its own, the partner's code for it, and any
    piece code for a product sold by the piece."""
    codes = {unit.upper(), unit_map.get(unit, unit).upper()}
    return frozenset(codes | PIECE_CODES if codes & PIECE_CODES else codes)


def _check_unit(context: _Context, given: str, product: ProductRecord, number: int) -> None:
    """A line in another unit (a box of a product sold by the piece) would be priced and
    delivered wrong: it is refused, naming the unit the product is sold in."""
    accepted = units_of(product.unit, context.unit_map)
    if given.strip().upper() not in accepted:
        raise OrderRefused(
            f"{given!r} is not the unit {product.sku} is sold in: {', '.join(sorted(accepted))}",
            line=number,
            field="ItemDetail/UnitOfMeasure",
        )


def _linked_cart_line(
    context, item: ItemOut, product_id: int, number: int, flags
) -> CartLine | None:
    """The cart line the SupplierPartAuxiliaryID names, if it is one of this partner's and
    holds the same product; otherwise the link is noted as a flag and the contract decides."""
    auxiliary = item.item_id.supplier_part_auxiliary_id or ""
    match = AUXILIARY_ID.fullmatch(auxiliary)
    if not match:
        return None
    line = context.cart_lines.get((int(match[1]), int(match[2])))
    if line is None or line.product_id != product_id:
        flags.append(
            f"line {number}: SupplierPartAuxiliaryID {auxiliary} names no cart line of ours"
        )
        return None
    return line


def _reference_price(cart_line: CartLine | None, quantity: Decimal, quote) -> Decimal:
    """The price the punch-out session quoted holds for the quantity it was quoted at (a tier
    price for 24 is no price for 1); at any other quantity the contract decides, at the
    ordered quantity, and the line stays linked to the session."""
    if cart_line is not None and cart_line.quantity == quantity:
        return cart_line.unit_price
    return quote.unit_price.amount


def _check_price(context: _Context, given: Decimal, reference: Decimal, number: int, flags) -> None:
    policy = context.policy
    currency = context.entity.currency
    if policy.price_policy == "accept" or abs(given - reference) < _half_minor(currency):
        return
    if policy.deviation_allowed(given, reference):
        return
    message = (
        f"{given} {currency} differs from the agreed {round_amount(reference, currency)}"
        f" {currency} by more than"
        f" {policy.price_tolerance_percent} %"
    )
    if policy.price_policy == "reject":
        raise OrderRefused(message, line=number, field="ItemDetail/UnitPrice")
    flags.append(f"line {number}: ItemDetail/UnitPrice: {message}")


def _check_totals(order: OrderRequest, lines: list[CheckedLine]) -> None:
    """Total must equal the sum of the lines, with or without the header's Shipping and Tax.
    Buyer systems total 2-decimal line amounts (field-notes 3.5), as our own cart does
    (sessions.PricedLine.line_total); others round the exact sum once: both are accepted."""
    currency = order.total.currency
    exact = [line.amount for line in lines]
    by_lines = sum((round_amount(amount, currency) for amount in exact), Decimal(0))
    once = round_amount(sum(exact, Decimal(0)), currency)
    extras = sum(
        (charge.money.amount for charge in (order.shipping, order.tax) if charge is not None),
        Decimal(0),
    )
    total = order.total.amount
    candidates = {
        round_amount(items + more, currency)
        for items in (by_lines, once)
        for more in (Decimal(0), extras)
    }
    if not any(abs(total - amount) < _half_minor(currency) for amount in candidates):
        sums = str(by_lines)
        if by_lines != once:
            sums += f" adding rounded line amounts, {once} rounding their exact sum"
        raise OrderRefused(
            f"{total} {currency} is not the sum of the lines ({sums})",
            field="OrderRequestHeader/Total",
        )


def _half_minor(currency: str) -> Decimal:
    from pricing import minor_unit

    return Decimal(1).scaleb(-minor_unit(currency)) / 2


def _moment(value) -> datetime.datetime | None:
    if value is None or isinstance(value, datetime.datetime):
        return value
    return datetime.datetime.combine(value, datetime.time(), tzinfo=datetime.UTC)


def _accounting(item: ItemOut) -> dict:
    """Distribution as stored with the line: accounting name, segments and charge."""
    return {
        "distributions": [
            {
                "name": d.accounting.name,
                "segments": [
                    {"id": s.id, "name": s.name, "description": s.description}
                    for s in d.accounting.segments
                ],
                "charge": str(d.charge.amount),
                "currency": d.charge.currency,
            }
            for d in item.distributions
        ]
    }
