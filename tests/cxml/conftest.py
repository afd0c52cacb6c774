"""Sample messages of every kind, handed out by the `samples` fixture and `document_name`."""

from __future__ import annotations

import sys
from datetime import UTC
from datetime import date
from datetime import datetime
from datetime import timedelta
from datetime import timezone
from decimal import Decimal

import pytest

from cxml import Accounting
from cxml import AccountingSegment
from cxml import Address
from cxml import Classification
from cxml import Comments
from cxml import ConfirmationItem
from cxml import ConfirmationRequest
from cxml import ConfirmationStatus
from cxml import Contact
from cxml import Credential
from cxml import CXml
from cxml import Description
from cxml import Distribution
from cxml import DocumentReference
from cxml import Extrinsic
from cxml import Header
from cxml import InvoiceDetailItem
from cxml import InvoiceDetailOrder
from cxml import InvoiceDetailRequest
from cxml import InvoiceDetailSummary
from cxml import ItemDetail
from cxml import ItemID
from cxml import ItemIn
from cxml import ItemOut
from cxml import Message
from cxml import Money
from cxml import Option
from cxml import OrderReference
from cxml import OrderRequest
from cxml import Party
from cxml import Phone
from cxml import PostalAddress
from cxml import ProfileRequest
from cxml import ProfileResponse
from cxml import PunchOutOrderMessage
from cxml import PunchOutSetupRequest
from cxml import PunchOutSetupResponse
from cxml import Request
from cxml import Response
from cxml import Sender
from cxml import ShipControl
from cxml import ShipNoticeItem
from cxml import ShipNoticePortion
from cxml import ShipNoticeRequest
from cxml import Shipping
from cxml import Status
from cxml import Tax
from cxml import TaxDetail
from cxml import Transaction

CET = timezone(timedelta(hours=1))
WHEN = datetime(2024, 5, 1, 10, 30, 0, tzinfo=CET)


def eur(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="EUR")


HEADER = Header(
    from_=Party(credentials=(Credential(domain="NetworkID", identity="AN01000000001"),)),
    to=Party(credentials=(Credential(domain="DUNS", identity="123456789"),)),
    sender=Sender(
        credentials=(
            Credential(
                domain="AribaNetworkUserId", identity="sysadmin@ariba.com", shared_secret="s3cr3t"
            ),
        ),
        user_agent="Buyer 1.0",
    ),
)

# A PunchOutOrderMessage travels through the browser: no SharedSecret (DTD comment on Sender).
MESSAGE_HEADER = Header(
    from_=HEADER.to,
    to=HEADER.from_,
    sender=Sender(
        credentials=(Credential(domain="DUNS", identity="123456789"),),
        user_agent="Supplier Gateway 1.0",
    ),
)

POSTAL = PostalAddress(
    name="default",
    deliver_to=("Dock 4",),
    street=("Hauptstraße 1",),
    city="Köln",
    state="NRW",
    postal_code="50667",
    country="Germany",
    iso_country_code="DE",
)
ADDRESS = Address(
    name="ACME GmbH",
    lang="de",
    postal_address=POSTAL,
    email="ap@acme.example",
    phone=Phone(country_code="49", iso_country_code="DE", area_or_city_code="221", number="123456"),
    address_id="1000",
    iso_country_code="DE",
)
CONTACT = Contact(
    name="Jane Buyer",
    role="endUser",
    emails=("jane@acme.example",),
    extrinsics=(Extrinsic(name="CostCenter", value="4711"),),
)


def item_detail(price: str = "12.50") -> ItemDetail:
    return ItemDetail(
        unit_price=eur(price),
        descriptions=(Description(text="Toner cartridge, black", lang="en", short_name="Toner"),),
        unit_of_measure="EA",
        classifications=(Classification(domain="UNSPSC", code="44103103"),),
        manufacturer_part_id="TN-2420",
        manufacturer_name="Brother",
        url="https://shop.example/p/TN-2420",
        lead_time=3,
        extrinsics=(Extrinsic(name="SupplierPunchoutURL", value="https://shop.example/p/1"),),
    )


def item_out(line: int, price: str = "12.50", quantity: str = "2") -> ItemOut:
    return ItemOut(
        quantity=Decimal(quantity),
        line_number=line,
        requested_delivery_date=date(2024, 5, 10),
        item_id=ItemID(supplier_part_id=f"SKU-{line}", supplier_part_auxiliary_id=f"cart-{line}"),
        item_detail=item_detail(price),
        ship_to=ADDRESS,
        distributions=(
            Distribution(
                accounting=Accounting(
                    name="DistributionCharge",
                    segments=(AccountingSegment(id="4711", name="CostCenter", description="IT"),),
                ),
                charge=eur("25.00"),
            ),
        ),
        comments=(Comments(text="Leave at reception", lang="en"),),
    )


def setup_request(operation: str = "create") -> PunchOutSetupRequest:
    return PunchOutSetupRequest(
        operation=operation,
        buyer_cookie="c0ffee-1234",
        extrinsics=(
            Extrinsic(name="UserEmail", value="jane@acme.example"),
            Extrinsic(name="CostCenter", value="4711"),
        ),
        browser_form_post="https://buyer.example/punchout/return?id=42",
        contacts=(CONTACT,),
        supplier_setup="https://supplier.example/punchout",
        ship_to=ADDRESS,
        selected_item=ItemID(supplier_part_id="SKU-1"),
        items=(item_out(1),) if operation != "create" else (),
    )


def order_request(lines: int = 3) -> OrderRequest:
    items = tuple(item_out(n) for n in range(1, lines + 1))
    return OrderRequest(
        order_id="PO-2024-0001",
        order_date=WHEN,
        type="new",
        order_version=1,
        total=eur(str(Decimal("25.00") * lines)),
        ship_to=ADDRESS,
        bill_to=ADDRESS,
        shipping=Shipping(money=eur("5.00"), description=Description(text="Standard")),
        tax=Tax(money=eur("4.75"), description=Description(text="VAT 19%")),
        contacts=(CONTACT,),
        comments=(Comments(text="Please deliver in the morning", lang="en"),),
        document_reference=DocumentReference(payload_id="1714555800000.abc@buyer.example"),
        extrinsics=(Extrinsic(name="CompanyCode", value="1000"),),
        items=items,
    )


def order_message() -> PunchOutOrderMessage:
    return PunchOutOrderMessage(
        buyer_cookie="c0ffee-1234",
        operation_allowed="edit",
        total=eur("25.00"),
        shipping=Shipping(money=eur("0.00"), description=Description(text="Free")),
        tax=Tax(money=eur("4.75"), description=Description(text="VAT 19%")),
        items=(
            ItemIn(
                quantity=Decimal("2"),
                line_number=1,
                item_id=ItemID(supplier_part_id="SKU-1", supplier_part_auxiliary_id="cart-1"),
                item_detail=item_detail(),
            ),
        ),
    )


def confirmation() -> ConfirmationRequest:
    return ConfirmationRequest(
        type="detail",
        notice_date=WHEN,
        confirm_id="CONF-1",
        total=eur("25.00"),
        comments=(Comments(text="Line 1 ships next week"),),
        order_reference=OrderReference(
            order_id="PO-2024-0001", order_date=WHEN, payload_id="1714555800000.abc@buyer.example"
        ),
        items=(
            ConfirmationItem(
                line_number=1,
                quantity=Decimal("2"),
                unit_of_measure="EA",
                statuses=(
                    ConfirmationStatus(
                        type="accept",
                        quantity=Decimal("1"),
                        unit_of_measure="EA",
                        unit_price=eur("12.50"),
                        delivery_date=WHEN + timedelta(days=2),
                    ),
                    ConfirmationStatus(
                        type="backordered",
                        quantity=Decimal("1"),
                        unit_of_measure="EA",
                        shipment_date=WHEN + timedelta(days=7),
                    ),
                ),
            ),
        ),
    )


def ship_notice() -> ShipNoticeRequest:
    return ShipNoticeRequest(
        shipment_id="SHIP-77",
        notice_date=WHEN,
        shipment_date=WHEN,
        delivery_date=WHEN + timedelta(days=1),
        comments=(Comments(text="Two parcels"),),
        controls=(
            ShipControl(
                carrier_identifiers=(("companyName", "DHL"), ("SCAC", "DHLC")),
                shipment_identifiers=("00340434161234567890",),
                tracking_url="https://track.example/00340434161234567890",
            ),
        ),
        portions=(
            ShipNoticePortion(
                order_reference=OrderReference(
                    order_id="PO-2024-0001", payload_id="1714555800000.abc@buyer.example"
                ),
                items=(
                    ShipNoticeItem(
                        line_number=1,
                        quantity=Decimal("2"),
                        unit_of_measure="EA",
                        item_id=ItemID(supplier_part_id="SKU-1"),
                    ),
                ),
            ),
        ),
    )


def invoice() -> InvoiceDetailRequest:
    return InvoiceDetailRequest(
        invoice_id="INV-2024-17",
        invoice_date=WHEN,
        comments=Comments(text="Thank you", lang="en"),
        orders=(
            InvoiceDetailOrder(
                order_reference=OrderReference(
                    order_id="PO-2024-0001", payload_id="1714555800000.abc@buyer.example"
                ),
                items=(
                    InvoiceDetailItem(
                        invoice_line_number=1,
                        quantity=Decimal("2"),
                        unit_of_measure="EA",
                        unit_price=eur("12.50"),
                        reference_line_number=1,
                        subtotal=eur("25.00"),
                        description=Description(text="Toner cartridge, black"),
                    ),
                ),
            ),
        ),
        summary=InvoiceDetailSummary(
            subtotal=eur("25.00"),
            tax=Tax(money=eur("4.75"), description=Description(text="VAT 19%")),
            tax_details=(
                TaxDetail(
                    category="vat",
                    percentage_rate=Decimal("19"),
                    taxable_amount=eur("25.00"),
                    tax_amount=eur("4.75"),
                ),
            ),
            shipping=eur("5.00"),
            gross_amount=eur("34.75"),
            net_amount=eur("34.75"),
            due_amount=eur("34.75"),
        ),
    )


def profile_response() -> ProfileResponse:
    return ProfileResponse(
        effective_date=WHEN,
        options=(Option(name="Locale", value="en-US"),),
        transactions=(
            Transaction(request_name="OrderRequest", url="https://supplier.example/cxml"),
            Transaction(
                request_name="PunchOutSetupRequest",
                url="https://supplier.example/cxml",
                options=(Option(name="operations", value="create edit inspect"),),
            ),
        ),
    )


def request(content, mode: str = "production") -> CXml:
    return CXml(
        payload_id="1714552200000.0123456789abcdef@buyer.example",
        timestamp=WHEN,
        header=HEADER,
        body=Request(content=content, deployment_mode=mode),
    )


def response(content=None, status: Status | None = None) -> CXml:
    return CXml(
        payload_id="1714552201000.fedcba9876543210@supplier.example",
        timestamp=datetime(2024, 5, 1, 8, 30, 1, tzinfo=UTC),
        body=Response(status=status or Status(code=200, text="OK"), content=content),
    )


def message(content) -> CXml:
    return CXml(
        payload_id="1714552300000.aaaa@supplier.example",
        timestamp=WHEN,
        header=MESSAGE_HEADER,
        body=Message(content=content, in_reply_to="1714552200000.0123456789abcdef@buyer.example"),
    )


ALL_DOCUMENTS = {
    "setup-create": request(setup_request("create")),
    "setup-edit": request(setup_request("edit"), mode="test"),
    "setup-inspect": request(setup_request("inspect")),
    "setup-response": response(PunchOutSetupResponse(start_page="https://s.example/start/t0k3n")),
    "order-message": message(order_message()),
    "order-request": request(order_request()),
    "order-update": request(
        OrderRequest(
            **{
                **{f: getattr(order_request(), f) for f in OrderRequest.__dataclass_fields__},
                "type": "update",
                "order_version": 2,
            }
        )
    ),
    "confirmation": request(confirmation()),
    "ship-notice": request(ship_notice()),
    "invoice": request(invoice()),
    "profile-request": request(ProfileRequest()),
    "profile-response": response(profile_response()),
    "status-response": response(status=Status(code=406, text="Not Acceptable", message="bad")),
}


def pytest_generate_tests(metafunc):
    if "document_name" in metafunc.fixturenames:
        metafunc.parametrize("document_name", sorted(ALL_DOCUMENTS))


@pytest.fixture
def samples():
    """This module's builders and constants, for tests that need one sample message."""
    return sys.modules[__name__]
