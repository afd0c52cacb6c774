"""The buyer simulator's inbox: `gateway serve --demo` sends the demo cXML partners' order
documents there, and it answers as a procurement system does. (A confirmation, ship notice and
invoice delivered by the outbox and shown decoded: tests/gateway/browser/test_cxml_loop.py.)"""

import datetime
import os
import re
import subprocess

import pytest
from sqlalchemy import select

from cxml.document import build_cxml
from cxml.document import parse_cxml
from cxml.envelope import Credential
from cxml.envelope import CXml
from cxml.envelope import Header
from cxml.envelope import Party
from cxml.envelope import Request
from cxml.envelope import Sender
from cxml.fulfill import ConfirmationRequest
from cxml.fulfill import OrderReference
from gateway.app import create_app
from gateway.app import database_of
from gateway.demo import load_demo
from gateway.demo.partners import point_at_simulator
from gateway.models import TradingPartner
from gateway.web import simulator_inbox

from .test_service import GATEWAY
from .test_service import free_port


@pytest.fixture
def demo_app(database_url, tmp_path):
    app = create_app(
        {"database_url": database_url, "instance_path": str(tmp_path / "i"), "demo": True}
    )
    load_demo(database_of(app), products=60)
    yield app
    database_of(app).dispose()


def outbound_urls(app) -> dict[str, str]:
    with database_of(app).transaction() as session:
        return {p.name: p.outbound_url for p in session.scalars(select(TradingPartner))}


def test_demo_partners_without_an_outbound_url_or_with_a_simulator_s_are_pointed_at_it(demo_app):
    with database_of(demo_app).transaction() as session:
        partners = {p.name: p for p in session.scalars(select(TradingPartner))}
        partners["demo-ariba"].outbound_url = "https://buyer.example/cxml"  # the operator's
        partners["demo-coupa"].outbound_url = "http://127.0.0.1:8000/simulator/documents"
    with database_of(demo_app).transaction() as session:
        changed = point_at_simulator(session, "http://127.0.0.1:8123")
    assert changed == ["demo-coupa", "demo-oracle"]
    assert outbound_urls(demo_app) == {
        "demo-ariba": "https://buyer.example/cxml",
        "demo-coupa": "http://127.0.0.1:8123/simulator/documents",
        "demo-oracle": "http://127.0.0.1:8123/simulator/documents",
        "demo-sap": "",  # OCI: no order documents
    }
    with database_of(demo_app).transaction() as session:
        assert point_at_simulator(session, "http://127.0.0.1:8123") == []


def test_serve_demo_says_where_the_demo_partners_documents_go(tmp_path):
    """The line is printed before gunicorn starts; the server is stopped once it is read."""
    port = free_port()
    env = {**os.environ, "GATEWAY_INSTANCE_PATH": str(tmp_path)}
    env.pop("GATEWAY_DATABASE_URL", None)
    command = [GATEWAY, "serve", "--demo", "--port", str(port), "--no-outbox"]
    server = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    )
    try:
        wanted = (
            "gateway: order documents of demo-ariba, demo-coupa, demo-oracle go to the simulator"
            f" (http://127.0.0.1:{port}/simulator/documents)\n"
        )
        lines = []
        while (line := server.stdout.readline()) and line != wanted:
            lines.append(line)
        assert line == wanted, lines
    finally:
        server.terminate()
        server.communicate(timeout=30)


def confirmation(to: Credential) -> bytes:
    moment = datetime.datetime(2026, 11, 28, 9, 0, tzinfo=datetime.UTC)
    us = Party(credentials=(Credential(domain="DUNS", identity="123456789"),))
    return build_cxml(
        CXml(
            payload_id="1.inbox@supplier",
            timestamp=moment,
            header=Header(
                from_=us,
                to=Party(credentials=(to,)),
                sender=Sender(credentials=us.credentials, user_agent="supplier"),
            ),
            body=Request(
                content=ConfirmationRequest(
                    type="accept",
                    notice_date=moment,
                    order_reference=OrderReference(order_id="PO-1", payload_id="po-1@buyer"),
                )
            ),
        )
    )


def test_the_inbox_refuses_what_it_cannot_read_or_is_for_nobody_it_plays(demo_app):
    client = demo_app.test_client()
    stranger = Credential(domain="DUNS", identity="999999999")
    posts = {
        "not XML": (b"hello", "not a cXML document the simulator can read: "),
        "for nobody": (confirmation(stranger), "the document's To names no demo partner"),
    }
    for what, (body, message) in posts.items():
        answer = client.post("/simulator/documents", data=body, content_type="text/xml")
        assert answer.status_code == 400, what
        status = parse_cxml(answer.data).body.status
        assert (status.code, status.text) == (400, "Bad Request"), what
        assert status.message.startswith(message), status.message
    page = client.get("/simulator/documents")
    assert page.status_code == 200 and b'id="empty"' in page.data
    assert not os.path.exists(os.path.join(demo_app.instance_path, "simulator-inbox"))

    oracle = Credential(domain="DUNS", identity="275841096")
    answer = client.post("/simulator/documents", data=confirmation(oracle), content_type="text/xml")
    assert (answer.status_code, parse_cxml(answer.data).body.status.code) == (200, 200)
    page = client.get("/simulator/documents").get_data(as_text=True)
    assert '<td class="partner">demo-oracle</td>' in page
    assert '<td class="type">ConfirmationRequest</td>' in page
    assert '<td class="order">PO-1</td>' in page


def test_the_inbox_is_there_in_demo_mode_only(app):
    assert app.test_client().get("/simulator/documents").status_code == 404
    assert app.test_client().post("/simulator/documents", data=b"<cXML/>").status_code == 404


def test_the_inbox_keeps_its_newest_documents_only(demo_app, monkeypatch):
    monkeypatch.setattr(simulator_inbox, "INBOX_KEPT", 3)
    client = demo_app.test_client()
    coupa = Credential(domain="DUNS", identity="150483782")
    for number in range(5):
        body = confirmation(coupa).replace(b"PO-1", f"PO-{number}".encode())
        assert client.post("/simulator/documents", data=body).status_code == 200
    page = client.get("/simulator/documents").get_data(as_text=True)
    shown = re.findall(r'<td class="order">(PO-\d)</td>', page)
    assert shown == ["PO-4", "PO-3", "PO-2"]
    assert len(os.listdir(os.path.join(demo_app.instance_path, "simulator-inbox"))) == 3
