"""Order receipt and the order life cycle: OrderRequest in exactly once, forwarded to the back
office through the outbox, and confirmations, ship notices and invoices back to the buyer.

The /cxml endpoint calls receive_order; `gateway outbox run` calls run_outbox; the JSON API
and `gateway order ...` call the life-cycle functions. See docs/orders.md.
"""

from gateway.orders.errors import InvalidLifeCycle
from gateway.orders.errors import InvalidReport
from gateway.orders.errors import OrderError
from gateway.orders.errors import OrderNotFound
from gateway.orders.errors import OrderRefused
from gateway.orders.errors import UnknownOrder
from gateway.orders.errors import VersionConflict
from gateway.orders.outbox import OutboxConfig
from gateway.orders.outbox import Reply
from gateway.orders.outbox import Sender
from gateway.orders.outbox import deliver_due
from gateway.orders.outbox import read_outbox_config
from gateway.orders.outbox import sign
from gateway.orders.policy import OrderPolicy
from gateway.orders.receipt import Inbound
from gateway.orders.receipt import receive_order
from gateway.orders.related import Attachment
from gateway.orders.related import parse_related
from gateway.orders.worker import RequestsSender
from gateway.orders.worker import run_outbox

__all__ = [
    "Attachment",
    "Inbound",
    "InvalidLifeCycle",
    "InvalidReport",
    "OrderError",
    "OrderNotFound",
    "OrderPolicy",
    "OrderRefused",
    "OutboxConfig",
    "Reply",
    "RequestsSender",
    "Sender",
    "UnknownOrder",
    "VersionConflict",
    "deliver_due",
    "parse_related",
    "read_outbox_config",
    "receive_order",
    "run_outbox",
    "sign",
]
