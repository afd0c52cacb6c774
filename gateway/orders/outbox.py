"""The outbox: documents for the back office and for buyers, written in the same transaction as
the change they report, then delivered at least once by `gateway outbox run`.

Strategy: a worker takes a few due items with SELECT ... FOR UPDATE SKIP LOCKED (PostgreSQL;
SQLite has one writer and one worker), posts each through an injected Sender, and records the
outcome in the same transaction, so two workers never post one item at once. A failure is
retried after base * 2^(attempts-1) seconds (capped); after `max_attempts` the item is dead.
Each post carries an Idempotency-Key header: a retry after a crash between post and commit is
a repeat the receiver drops, never a second order. Back-office posts are JSON signed with an
HMAC-SHA256 header over "<timestamp>.<body>".

A document for a buyer is queued with OUTBOUND_SECRET where our shared secret at the buyer goes;
the secret (sealed at rest, gateway.sealing) is put in as the document is posted, so no queued
payload holds it. Likewise it goes to the partner's outbound URL as it is at each post: fixing a
wrong URL and retrying is the recovery (the item's target_url only records where the document
was first meant to go).
"""

import dataclasses
import datetime
import hashlib
import hmac
from collections.abc import Callable
from typing import Protocol

from sqlalchemy import and_
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import aliased

from catalog_export.xmltext import escape_text
from gateway.db import Database
from gateway.models import Order
from gateway.models import OutboxItem
from gateway.models import TradingPartner
from gateway.models.base import could_be_id
from gateway.orders.backoffice import build_back_office_document
from gateway.orders.errors import NotRetryable
from gateway.orders.errors import OutboxItemNotFound
from gateway.sealing import Unsealable
from gateway.sealing import unseal

__all__ = [
    "OUTBOUND_SECRET",
    "OUTBOX_STATES",
    "DeliveryFailed",
    "OutboxConfig",
    "Reply",
    "Sender",
    "deliver_due",
    "discard",
    "enqueue",
    "enqueue_back_office",
    "read_outbox_config",
    "retry",
    "sign",
    "stored_outbound_secret",
    "waiting_behind",
]

SIGNATURE_HEADER = "X-Gateway-Signature"
TIMESTAMP_HEADER = "X-Gateway-Timestamp"
IDEMPOTENCY_HEADER = "Idempotency-Key"
# in a queued buyer document, where our secret goes (a placeholder, no secret)
OUTBOUND_SECRET = "[outbound_shared_secret]"  # noqa: S105
_SECRET_SLOT = f"<SharedSecret>{OUTBOUND_SECRET}</SharedSecret>".encode()


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class OutboxConfig:
    """Where and how the outbox delivers."""

    back_office_url: str = ""
    # HMAC key; no default: unsigned posts are refused below
    back_office_secret: str = dataclasses.field(default="", repr=False)
    # the instance's secret key, which opens partners' sealed secrets (gateway.sealing)
    secret_key: str = dataclasses.field(default="", repr=False)
    timeout_seconds: float = 10.0
    max_attempts: int = 8
    base_delay_seconds: float = 2.0
    max_delay_seconds: float = 3600.0

    def __post_init__(self) -> None:
        if self.max_attempts < 1 or self.timeout_seconds <= 0 or self.base_delay_seconds < 0:
            raise ValueError("outbox: max_attempts >= 1, timeout > 0 and base delay >= 0")

    def delay(self, attempts: int) -> datetime.timedelta:
        """How long to wait after the `attempts`-th failure (exponential, capped)."""
        seconds = min(self.max_delay_seconds, self.base_delay_seconds * 2 ** (attempts - 1))
        return datetime.timedelta(seconds=seconds)


def read_outbox_config(settings) -> OutboxConfig:
    """The outbox's part of the gateway Settings (parsed and checked when they were loaded)."""
    return OutboxConfig(
        back_office_url=settings.back_office_url or "",
        back_office_secret=settings.back_office_secret or "",
        secret_key=settings.secret_key,
        timeout_seconds=settings.outbox_timeout_seconds,
        max_attempts=settings.outbox_max_attempts,
        base_delay_seconds=settings.outbox_base_delay_seconds,
    )


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Reply:
    status: int
    body: bytes


class DeliveryFailed(Exception):
    """The post did not reach the receiver or timed out."""


class NotConfigured(DeliveryFailed):
    """Nowhere to post yet: the item waits without using up its attempts."""


UNCONFIGURED_WAIT = datetime.timedelta(seconds=60)
# A claimed item is due again this long after its post's timeout: should the worker stop
# between post and record, the item is posted again (the idempotency key makes that a repeat).
CLAIM_MARGIN = datetime.timedelta(seconds=60)


class Sender(Protocol):
    def post(self, url: str, body: bytes, headers: dict[str, str], timeout: float) -> Reply: ...


def sign(secret: str, timestamp: str, body: bytes) -> str:
    """The signature header value: "sha256=" + hex HMAC-SHA256 of "<timestamp>.<body>"."""
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def enqueue(
    session: Session,
    *,
    kind: str,
    key: str,
    url: str,
    content_type: str,
    payload: bytes,
    order_id: int | None,
) -> OutboxItem:
    """Add a delivery to the outbox in the caller's transaction."""
    item = OutboxItem(
        kind=kind,
        idempotency_key=key,
        target_url=url,
        content_type=content_type,
        payload=payload,
        order_id=order_id,
    )
    session.add(item)
    return item


def enqueue_back_office(
    session: Session, order: Order, partner: TradingPartner, entity_code: str, key: str
) -> OutboxItem:
    """The order's event for the back office; its URL is read when it is delivered."""
    return enqueue(
        session,
        kind="back_office",
        key=key,
        url="",
        content_type="application/json",
        payload=build_back_office_document(order, partner, entity_code, key),
        order_id=order.id,
    )


Clock = Callable[[], datetime.datetime]
Outcome = Callable[[Session, OutboxItem, Reply], str]


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def deliver_due(
    database: Database,
    sender: Sender,
    config: OutboxConfig,
    *,
    batch: int = 10,
    clock: Clock = _utc_now,
    on_reply: Outcome | None = None,
) -> int:
    """Deliver up to `batch` due items; return how many were tried.

    No transaction is open while a receiver answers: on SQLite it would hold the database's
    one write lock, and every order and punch-out would wait for the back office (30 s for one
    that hangs, then fail). So the items are claimed in one short transaction (each due again
    only once its post has surely timed out, so that no other worker takes it meanwhile), then
    posted, and each outcome is recorded in a transaction of its own.
    """
    now = clock()
    with database.transaction() as session:
        due = session.scalars(
            select(OutboxItem)
            .where(
                OutboxItem.state == "pending",
                OutboxItem.next_attempt_at <= now,
                ~_behind_an_undelivered_item(),
            )
            .order_by(OutboxItem.next_attempt_at, OutboxItem.id)
            .limit(batch)
            .with_for_update(skip_locked=True)
        ).all()
        posts = [post for item in due if (post := _claim(session, item, config, now))]
    for post in posts:
        try:
            reply = sender.post(post.url, post.body, post.headers, config.timeout_seconds)
            if not 200 <= reply.status < 300:
                raise DeliveryFailed(f"HTTP {reply.status}: {reply.body[:200]!r}")
        except DeliveryFailed as exc:
            reply, failure = None, str(exc)[:2000]
        else:
            failure = ""
        with database.transaction() as session:
            item = session.get(OutboxItem, post.item_id, with_for_update=True)
            _record(session, item, config, now, reply, failure, on_reply)
    return len(due)


@dataclasses.dataclass(frozen=True, slots=True)
class _Post:
    item_id: int
    url: str
    body: bytes = dataclasses.field(repr=False)  # a buyer document holds our secret here
    headers: dict[str, str]


def _claim(session: Session, item: OutboxItem, config: OutboxConfig, now) -> _Post | None:
    """Count the attempt and keep the item from other workers until its post has timed out;
    None when there is nowhere to post yet (the item waits without using up an attempt)."""
    try:
        url, headers = _address(session, item, config, now)
        body = _with_secret(session, item, config) if item.kind == "buyer" else item.payload
    except NotConfigured as exc:
        item.last_error, item.next_attempt_at = str(exc), now + UNCONFIGURED_WAIT
        return None
    item.attempts += 1
    item.next_attempt_at = now + datetime.timedelta(seconds=config.timeout_seconds) + CLAIM_MARGIN
    return _Post(item_id=item.id, url=url, body=body, headers=headers)


def _record(session, item: OutboxItem, config, now, reply, failure: str, on_reply) -> None:
    """The outcome of a post: delivered, due again after the back-off, or dead."""
    verdict = "retry"
    if reply is not None:
        try:
            verdict = on_reply(session, item, reply) if on_reply else "delivered"
        except DeliveryFailed as exc:
            failure = str(exc)[:2000]
    if verdict == "delivered":
        item.state, item.delivered_at, item.last_error = "delivered", now, ""
        _forwarded(session, item)
        return
    item.last_error = failure or item.last_error
    if verdict == "dead" or item.attempts >= config.max_attempts:
        item.state = "dead"
    else:
        item.next_attempt_at = now + config.delay(item.attempts)


# The states of an item, and those an item behind it in its order no longer waits for.
OUTBOX_STATES = ("pending", "delivered", "dead", "discarded")
_THROUGH = ("delivered", "discarded")


def _queued_before(later, earlier):
    """`earlier` is an item about `later`'s order to the same receiver, queued before it and not
    through yet. `later` is the mapped class (a correlated subquery: the worker's pick) or an
    item (its values: what `outbox list` says it waits for), so both read one rule.

    Why: each item is the order as it then stood (created, then updated; confirmed, then
    shipped). Posted out of turn, after a retry, the receiver would keep the older state. An
    item behind a dead one waits until `gateway outbox retry` revives it, or `gateway outbox
    discard` gives it up.
    """
    return and_(
        earlier.order_id == later.order_id,
        earlier.kind == later.kind,
        earlier.id < later.id,
        earlier.state.not_in(_THROUGH),
    )


def _behind_an_undelivered_item():
    earlier = aliased(OutboxItem)
    return select(earlier.id).where(_queued_before(OutboxItem, earlier)).exists()


def waiting_behind(session: Session, item: OutboxItem) -> int | None:
    """The id of the earliest item `item` waits for (see _queued_before), or None."""
    return session.scalar(select(func.min(OutboxItem.id)).where(_queued_before(item, OutboxItem)))


def retry(session: Session, item_id: int, now: datetime.datetime) -> OutboxItem:
    """Make a dead item due again now, with its attempts counted afresh."""
    item = _dead_item(session, item_id, "retried")
    item.state, item.attempts, item.next_attempt_at = "pending", 0, now
    return item


def discard(session: Session, item_id: int) -> OutboxItem:
    """Give up a dead item (a document its receiver will never take): it stays, `discarded`,
    and the items behind it in its order go on."""
    item = _dead_item(session, item_id, "discarded")
    item.state = "discarded"
    return item


def _dead_item(session: Session, item_id: int, step: str) -> OutboxItem:
    item = session.get(OutboxItem, item_id, with_for_update=True) if could_be_id(item_id) else None
    if item is None:
        raise OutboxItemNotFound(f"no outbox item {item_id}")
    if item.state != "dead":
        raise NotRetryable(f"outbox item {item_id} is {item.state}; only a dead item is {step}")
    return item


def _address(session, item: OutboxItem, config, now) -> tuple[str, dict[str, str]]:
    headers = {"Content-Type": item.content_type, IDEMPOTENCY_HEADER: item.idempotency_key}
    if item.kind != "back_office":
        return _buyer_url(session, item), headers
    if not config.back_office_url:
        raise NotConfigured("no back-office URL configured (GATEWAY_BACK_OFFICE_URL)")
    if not config.back_office_secret:
        raise NotConfigured("no back-office signing key configured (GATEWAY_BACK_OFFICE_SECRET)")
    stamp = str(int(now.timestamp()))
    headers[TIMESTAMP_HEADER] = stamp
    headers[SIGNATURE_HEADER] = sign(config.back_office_secret, stamp, item.payload)
    return config.back_office_url, headers


def _partner_of(session: Session, item: OutboxItem) -> TradingPartner:
    return session.get(TradingPartner, session.get(Order, item.order_id).partner_id)


def _buyer_url(session: Session, item: OutboxItem) -> str:
    """The partner's outbound URL now, not when the document was queued: a document that went
    dead at a wrong URL reaches the right one once the URL is fixed and the item retried."""
    if item.order_id is None:  # never queued so; the URL it was queued for is all there is
        if not item.target_url:
            raise NotConfigured("the partner has no outbound URL")
        return item.target_url
    partner = _partner_of(session, item)
    if not partner.outbound_url:
        raise NotConfigured(
            f"partner {partner.name} has no outbound URL; set it with"
            f" `gateway partner configure {partner.name} --outbound-url URL`"
        )
    return partner.outbound_url


def stored_outbound_secret(partner: TradingPartner) -> str | None:
    """Our shared secret at the partner as stored (sealed, or in clear from before sealing)."""
    return (partner.settings or {}).get("orders", {}).get("outbound_shared_secret") or None


def _with_secret(session: Session, item: OutboxItem, config: OutboxConfig) -> bytes:
    """A buyer document as posted: our shared secret at the partner, unsealed, in its slot."""
    if _SECRET_SLOT not in item.payload:
        return item.payload
    partner = _partner_of(session, item)
    value = stored_outbound_secret(partner)
    if value is None:
        raise NotConfigured(
            f"partner {partner.name}: orders.outbound_shared_secret was removed after the "
            "document was queued; set it again to send it"
        )
    try:
        secret = unseal(config.secret_key, value)
    except Unsealable as exc:
        raise NotConfigured(
            f"partner {partner.name}: orders.outbound_shared_secret {exc}"
        ) from None
    slot = f"<SharedSecret>{escape_text(secret)}</SharedSecret>".encode()
    return item.payload.replace(_SECRET_SLOT, slot, 1)


def _forwarded(session: Session, item: OutboxItem) -> None:
    """An accepted order whose event reached the back office is `forwarded`."""
    if item.kind == "back_office" and item.order_id is not None:
        order = session.get(Order, item.order_id)
        if order is not None and order.state == "accepted":
            order.state = "forwarded"
