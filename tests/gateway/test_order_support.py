"""Shared by the order and outbox tests (no tests of its own): order documents from the
fixtures folder or built line by line, a partner, and a receiver on 127.0.0.1."""

import datetime
import http.server
import json
import pathlib
import threading
from decimal import Decimal

from cxml.address import Address
from cxml.address import PostalAddress
from cxml.document import build_cxml
from cxml.envelope import Credential
from cxml.envelope import CXml
from cxml.envelope import Header
from cxml.envelope import Party
from cxml.envelope import Request
from cxml.envelope import Sender
from cxml.items import ItemDetail
from cxml.items import ItemID
from cxml.items import ItemOut
from cxml.order import OrderRequest
from cxml.values import Classification
from cxml.values import Description
from cxml.values import DocumentReference
from cxml.values import Money

from .catalog_data import SECRET

FIXTURES = pathlib.Path(__file__).parent.parent / "fixtures" / "orders"
TODAY = datetime.date.today()
NOON = datetime.datetime.combine(TODAY, datetime.time(12), tzinfo=datetime.UTC)
PRICES = {"LAP-100": "899.00", "MON-200": "296.91", "CAB-300": "17.99"}


def fixture(name: str, payload_id: str, **values: str) -> bytes:
    """A fixture document with its placeholders filled: today's order date and the given ids."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    values = {
        "PAYLOAD_ID": payload_id,
        "ORDER_DATE": NOON.isoformat(),
        "DELIVERY_DATE": (TODAY + datetime.timedelta(days=7)).isoformat(),
        "AUX_1": "",
        **values,
    }
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text.encode("utf-8")


def address(name="Acme France SA") -> Address:
    return Address(
        name=name,
        postal_address=PostalAddress(
            street=("1 place de la Défense",),
            city="Courbevoie",
            postal_code="92400",
            country="France",
            iso_country_code="FR",
        ),
    )


def line(number, sku, quantity, price=None, currency="EUR", auxiliary=None, unit="EA") -> ItemOut:
    return ItemOut(
        quantity=Decimal(quantity),
        line_number=number,
        item_id=ItemID(supplier_part_id=sku, supplier_part_auxiliary_id=auxiliary),
        item_detail=ItemDetail(
            unit_price=Money(amount=Decimal(price or PRICES[sku]), currency=currency),
            descriptions=(Description(text=f"Article {sku}", lang="fr"),),
            unit_of_measure=unit,
            classifications=(Classification(domain="UNSPSC", code="43211503"),),
        ),
    )


def order_bytes(
    payload_id,
    items,
    *,
    order_id="PO-1",
    total=None,
    currency="EUR",
    type="new",
    version=None,
    ship_to=True,
    reference=None,
    identity="AN0100000001",
) -> bytes:
    """An OrderRequest; the Total is the sum of the lines unless given."""
    if total is None:
        total = sum((i.item_detail.unit_price.amount * i.quantity for i in items), Decimal(0))
    request = OrderRequest(
        order_id=order_id,
        order_date=NOON,
        type=type,
        order_version=version,
        total=Money(amount=Decimal(total), currency=currency),
        ship_to=address("Acme France — Quai B") if ship_to else None,
        bill_to=address(),
        document_reference=DocumentReference(payload_id=reference) if reference else None,
        items=tuple(items),
    )
    return request_bytes(payload_id, request, identity=identity)


def request_bytes(payload_id, content, *, identity="AN0100000001") -> bytes:
    """A cXML Request carrying `content`, from the test partner with its shared secret."""
    header = Header(
        from_=Party(credentials=(Credential(domain="NetworkID", identity=identity),)),
        to=Party(credentials=(Credential(domain="DUNS", identity="123456789"),)),
        sender=Sender(
            credentials=(Credential(domain="NetworkID", identity=identity, shared_secret=SECRET),),
            user_agent="Buyer 1.0",
        ),
    )
    return build_cxml(
        CXml(payload_id=payload_id, timestamp=NOON, header=header, body=Request(content=content))
    )


class Receiver:
    """An HTTP receiver on 127.0.0.1 recording what it is sent. `script` decides each
    answer: a callable (request number) -> (status, body, delay seconds)."""

    def __init__(self, script=None, answer_body=b'{"ok": true}') -> None:
        self.received: list[tuple[dict, bytes]] = []
        self.lock = threading.Lock()
        self.script = script or (lambda n: (200, answer_body, 0.0))
        owner = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                with owner.lock:
                    number = len(owner.calls)
                    owner.calls.append((dict(self.headers), body))
                status, answer, delay = owner.script(number)
                if delay:
                    threading.Event().wait(delay)
                if 200 <= status < 300:
                    with owner.lock:
                        owner.received.append((dict(self.headers), body))
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.calls: list[tuple[dict, bytes]] = []
        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/orders"

    def documents(self) -> list[dict]:
        with self.lock:
            return [json.loads(body) for _headers, body in self.received]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
