"""Errors of order receipt and the order life cycle.

Refusals of an inbound OrderRequest are cXML errors (the /cxml endpoint turns any CXmlError into
a Response with its code); what staff, scripts and the outbox run into are gateway errors.

cxml.errors.PeerError
└── OrderRefused              400  the order cannot be taken; .line and .field say where
    ├── UnknownOrder          404  update/delete of an orderID we never received (formats.md 1.4)
    └── VersionConflict       409  an update/delete whose orderVersion is not newer, or of a
                                   cancelled order (formats.md 6.3: 409 on conflicting version)
gateway.errors.GatewayError
└── OrderError                     staff or the back office asked for something impossible
    ├── OrderNotFound         404  no order with that id
    ├── InvalidLifeCycle      409  the order's state does not allow the step asked for
    ├── InvalidReport         422  a confirmation, shipment or invoice that names bad lines
    ├── OutboxItemNotFound    404  no outbox item with that id
    └── NotRetryable          409  an outbox item that is not dead cannot be retried
"""

from cxml.errors import PeerError
from gateway.errors import GatewayError

__all__ = [
    "InvalidLifeCycle",
    "InvalidReport",
    "NotRetryable",
    "OrderError",
    "OrderNotFound",
    "OrderRefused",
    "OutboxItemNotFound",
    "UnknownOrder",
    "VersionConflict",
]


class OrderRefused(PeerError):
    """The buyer's order is refused; the reason names the line and field at fault."""

    code = 400
    text = "Bad Request"

    def __init__(self, reason: str, *, line: int | None = None, field: str = "") -> None:
        where = f"line {line}, {field}: " if line is not None else (f"{field}: " if field else "")
        super().__init__(where + reason)
        self.line = line
        self.field = field


class UnknownOrder(OrderRefused):
    """An update or delete refers to an order we do not have."""

    code = 404
    text = "Not Found"


class VersionConflict(OrderRefused):
    """An update or delete that is not newer than what we hold."""

    code = 409
    text = "Conflict"


class OrderError(GatewayError):
    """Root of what staff and the back office can get wrong about an order: `status` and a
    stable `code` for the API, and the request `field` at fault (empty when it is not one
    field's)."""

    status = 400
    code = "invalid_request"

    def __init__(self, message: str, *, field: str = "") -> None:
        super().__init__(message)
        self.field = field


class OrderNotFound(OrderError):
    status = 404
    code = "order_not_found"


class InvalidLifeCycle(OrderError):
    status = 409
    code = "wrong_state"


class InvalidReport(OrderError):
    status = 422
    code = "invalid_report"


class OutboxItemNotFound(OrderError):
    status = 404
    code = "outbox_item_not_found"


class NotRetryable(OrderError):
    status = 409
    code = "wrong_state"
