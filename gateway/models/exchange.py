"""Trading partners, punch-out sessions, orders, document log, outbox, catalog exports."""

import datetime
from typing import Any

from sqlalchemy import ForeignKey
from sqlalchemy import Index
from sqlalchemy import LargeBinary
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy import text
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from gateway.models.base import Amount
from gateway.models.base import Base
from gateway.models.base import Currency
from gateway.models.base import Quantity
from gateway.models.base import Timestamp
from gateway.models.base import Unit
from gateway.models.base import utcnow


class TradingPartner(Base):
    """A buyer system connection: protocol, flavour, the entity it buys for, where it may return."""

    __tablename__ = "trading_partners"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    protocol: Mapped[str] = mapped_column(String(8))  # cxml | oci
    flavour: Mapped[str] = mapped_column(String(16))  # ariba | coupa | oracle | sap | generic
    entity_id: Mapped[int | None] = mapped_column(ForeignKey("billing_entities.id"))
    return_url_prefixes: Mapped[list[str]] = mapped_column(default=list)
    outbound_url: Mapped[str] = mapped_column(String(500), default="")
    settings: Mapped[dict[str, Any]] = mapped_column(default=dict)  # profile overrides, mappings
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)

    credentials: Mapped[list["PartnerCredential"]] = relationship(
        back_populates="partner", cascade="all, delete-orphan"
    )


class PartnerCredential(Base):
    """A cXML identity (domain, identity, shared secret) or an OCI login (username, password).
    Secrets are stored as argon2 hashes only."""

    __tablename__ = "partner_credentials"
    __table_args__ = (UniqueConstraint("kind", "domain", "identity"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("trading_partners.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # cxml | oci
    domain: Mapped[str] = mapped_column(String(64), default="")
    identity: Mapped[str] = mapped_column(String(200))
    secret_hash: Mapped[str] = mapped_column(String(200))

    partner: Mapped[TradingPartner] = relationship(back_populates="credentials")


class PunchOutSession(Base):
    """A punch-out session; only hashes of its tokens are stored."""

    __tablename__ = "punchout_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    start_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("trading_partners.id"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("billing_entities.id"))
    protocol: Mapped[str] = mapped_column(String(8))
    operation: Mapped[str] = mapped_column(String(8), default="create")  # create | edit | inspect
    buyer_cookie: Mapped[str] = mapped_column(Text, default="")
    return_url: Mapped[str] = mapped_column(Text)
    user_name: Mapped[str] = mapped_column(String(200), default="")
    user_email: Mapped[str] = mapped_column(String(254), default="")
    language: Mapped[str] = mapped_column(String(8), default="en")
    ship_to: Mapped[dict[str, Any]] = mapped_column(default=dict)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)  # extrinsics, OCI pass-through
    state: Mapped[str] = mapped_column(String(12), default="open")
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    started_at: Mapped[Timestamp | None]
    expires_at: Mapped[Timestamp]

    lines: Mapped[list["CartLine"]] = relationship(
        back_populates="session", cascade="all, delete-orphan", order_by="CartLine.line_number"
    )


class CartLine(Base):
    __tablename__ = "cart_lines"
    __table_args__ = (UniqueConstraint("session_id", "line_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("punchout_sessions.id", ondelete="CASCADE"))
    line_number: Mapped[int]
    product_id: Mapped[int] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[Quantity]
    unit_price: Mapped[Amount]
    currency: Mapped[Currency]
    contract_code: Mapped[str] = mapped_column(String(64), default="")
    auxiliary_id: Mapped[str] = mapped_column(String(100), default="")

    session: Mapped[PunchOutSession] = relationship(back_populates="lines")


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("partner_id", "order_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("trading_partners.id"))
    entity_id: Mapped[int] = mapped_column(ForeignKey("billing_entities.id"))
    order_id: Mapped[str] = mapped_column(String(100))  # the buyer's orderID
    payload_id: Mapped[str] = mapped_column(String(250))
    version: Mapped[int] = mapped_column(default=1)
    type: Mapped[str] = mapped_column(String(8), default="new")  # new | update | delete
    state: Mapped[str] = mapped_column(String(12), default="received")
    order_date: Mapped[Timestamp]
    currency: Mapped[Currency]
    total: Mapped[Amount]
    ship_to: Mapped[dict[str, Any]] = mapped_column(default=dict)
    bill_to: Mapped[dict[str, Any]] = mapped_column(default=dict)
    comments: Mapped[str] = mapped_column(Text, default="", server_default="")
    # the buyer's Shipping and Tax: {"shipping": {"amount", "currency", "description"}, ...}
    charges: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default=text("'{}'"))
    # Request@deploymentMode: "test" marks a buyer's test order, never to be shipped
    deployment_mode: Mapped[str] = mapped_column(
        String(10), default="production", server_default="production"
    )
    flags: Mapped[list[str]] = mapped_column(default=list)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    updated_at: Mapped[Timestamp] = mapped_column(default=utcnow, onupdate=utcnow)

    lines: Mapped[list["OrderLine"]] = relationship(
        back_populates="order", cascade="all, delete-orphan", order_by="OrderLine.id"
    )
    attachments: Mapped[list["OrderAttachment"]] = relationship(cascade="all, delete-orphan")


class OrderLine(Base):
    """One line of one version of an order; earlier versions stay as history."""

    __tablename__ = "order_lines"
    __table_args__ = (UniqueConstraint("order_id", "version", "line_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    version: Mapped[int]
    line_number: Mapped[int]
    sku: Mapped[str] = mapped_column(String(64))
    product_id: Mapped[int | None] = mapped_column(ForeignKey("products.id"))
    quantity: Mapped[Quantity]
    unit: Mapped[Unit]
    unit_price: Mapped[Amount]
    description: Mapped[str] = mapped_column(Text, default="")
    requested_delivery: Mapped[Timestamp | None]
    session_id: Mapped[int | None] = mapped_column(ForeignKey("punchout_sessions.id"))
    auxiliary_id: Mapped[str] = mapped_column(String(100), default="")
    accounting: Mapped[dict[str, Any]] = mapped_column(default=dict)
    ship_to: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default=text("'{}'"))
    comments: Mapped[str] = mapped_column(Text, default="", server_default="")
    charges: Mapped[dict[str, Any]] = mapped_column(default=dict, server_default=text("'{}'"))
    state: Mapped[str] = mapped_column(String(12), default="open")

    order: Mapped[Order] = relationship(back_populates="lines")


class OrderAttachment(Base):
    __tablename__ = "order_attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"))
    content_id: Mapped[str] = mapped_column(String(250))
    content_type: Mapped[str] = mapped_column(String(100))
    filename: Mapped[str] = mapped_column(String(250), default="")
    data: Mapped[bytes] = mapped_column(LargeBinary)


class Document(Base):
    """Every message in and out (the audit log), secrets redacted before it is stored."""

    __tablename__ = "documents"
    __table_args__ = (Index("ix_documents_partner_payload", "partner_id", "payload_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[str] = mapped_column(String(3))  # in | out
    doc_type: Mapped[str] = mapped_column(String(40))
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("trading_partners.id"))
    payload_id: Mapped[str] = mapped_column(String(250), default="")
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"), index=True)
    session_id: Mapped[int | None] = mapped_column(ForeignKey("punchout_sessions.id"))
    status_code: Mapped[int | None]
    status_text: Mapped[str] = mapped_column(Text, default="")
    sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)


class OutboxItem(Base):
    """An outbound delivery, retried until delivered or dead; the idempotency key lets the
    receiver drop repeats."""

    __tablename__ = "outbox"
    __table_args__ = (
        Index("ix_outbox_due", "state", "next_attempt_at"),
        Index("ix_outbox_order", "order_id", "kind", "id"),  # what an item waits for
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # back_office | buyer
    idempotency_key: Mapped[str] = mapped_column(String(250), unique=True)
    # where it was first meant to go: a buyer document is posted to the partner's URL as it
    # is at each attempt, a back-office event to GATEWAY_BACK_OFFICE_URL
    target_url: Mapped[str] = mapped_column(String(500))
    content_type: Mapped[str] = mapped_column(String(100))
    payload: Mapped[bytes] = mapped_column(LargeBinary)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    state: Mapped[str] = mapped_column(String(12), default="pending")  # delivered | dead
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)
    delivered_at: Mapped[Timestamp | None]


class OrderReceipt(Base):
    """The first answer to one inbound OrderRequest payloadID of one partner. The unique
    constraint is what makes receipt exactly-once: a repeat, even a concurrent one, cannot insert
    a second row and is given the stored answer instead."""

    __tablename__ = "order_receipts"
    __table_args__ = (UniqueConstraint("partner_id", "payload_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    partner_id: Mapped[int] = mapped_column(ForeignKey("trading_partners.id"))
    payload_id: Mapped[str] = mapped_column(String(250))
    order_id: Mapped[int | None] = mapped_column(ForeignKey("orders.id"))
    status_code: Mapped[int] = mapped_column(default=0)
    answer: Mapped[bytes] = mapped_column(LargeBinary, default=b"")
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)


class OrderEvent(Base):
    """Something that happened to an order after receipt: a confirmation, a shipment, an
    invoice, an update or a cancellation; `data` holds what staff or the back office reported."""

    __tablename__ = "order_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(16))
    data: Mapped[dict[str, Any]] = mapped_column(default=dict)
    payload_id: Mapped[str] = mapped_column(String(250), default="")
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)


class CatalogExport(Base):
    """A static catalog written for an entity; its item digests let a later export be
    incremental (CIF LOADMODE I)."""

    __tablename__ = "catalog_exports"

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("billing_entities.id"))
    format: Mapped[str] = mapped_column(String(8))
    as_of: Mapped[datetime.date]
    language: Mapped[str] = mapped_column(String(8))
    path: Mapped[str] = mapped_column(Text)
    item_count: Mapped[int]
    created_at: Mapped[Timestamp] = mapped_column(default=utcnow)


class CatalogExportItem(Base):
    __tablename__ = "catalog_export_items"

    export_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_exports.id", ondelete="CASCADE"), primary_key=True
    )
    sku: Mapped[str] = mapped_column(String(64), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64))
