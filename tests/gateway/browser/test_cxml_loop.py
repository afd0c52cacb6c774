"""The whole cXML punch-out loop in headless Chromium, driven through the buyer simulator over
real HTTP: for each demo cXML partner, punch out, search, add two products at different tiers,
transfer, and check the received PunchOutOrderMessage field by field against the entity's price
book; then an edit round trip and an inspect session (which sends nothing new back), and the
received cart ordered."""

from decimal import Decimal

import pytest
from sqlalchemy import select

from gateway import create_app
from gateway.app import database_of
from gateway.app import limit_self_calls
from gateway.app import self_calls_of
from gateway.app import settings_of
from gateway.catalog import load_price_book
from gateway.catalog import stream_products
from gateway.demo import DEMO_PARTNERS
from gateway.demo import load_demo
from gateway.demo.partners import point_at_simulator
from gateway.models import BillingEntity
from gateway.models import Order
from gateway.models import OutboxItem
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from gateway.orders import RequestsSender
from gateway.orders import deliver_due
from gateway.orders import read_outbox_config
from gateway.orders.lifecycle import check_reply
from gateway.sessions import plain_quantity
from pricing import round_amount

from .conftest import Served

pytestmark = pytest.mark.browser
CXML_PARTNERS = [spec for spec in DEMO_PARTNERS if spec.protocol == "cxml"]


@pytest.fixture
def demo_app(database_url, tmp_path):
    app = create_app(
        {"database_url": database_url, "instance_path": str(tmp_path / "i"), "demo": True}
    )
    load_demo(database_of(app), products=1500)
    served = Served(app)
    yield app, served
    served.stop()
    database_of(app).dispose()


def tiered_products(app, entity_code: str, language: str):
    """Two products the entity buys on contract with quantity breaks: (sku, description,
    quantity, expected unit price) for the first at quantity 1 and the second at its second
    tier."""
    database = database_of(app)
    with database.transaction() as session:
        entity = session.scalars(
            select(BillingEntity).where(BillingEntity.code == entity_code)
        ).one()
        book = load_price_book(session, entity, settings_of(app).today())
        found = []
        for record in stream_products(session, language):
            quote = book.quote(record.value, Decimal(1))
            if quote.offered and not quote.off_contract and len(quote.tiers) >= 2:
                found.append((record, quote))
            if len(found) == 2:
                break
    (first, first_quote), (second, second_quote) = found
    floor = second_quote.tiers[1].floor
    return [
        (first.sku, Decimal(1), first_quote.unit_price),
        (second.sku, floor, second_quote.tiers[1].unit_price),
    ]


def add_by_search(page, sku: str, quantity: Decimal) -> None:
    search = page.get_by_role("search").first
    search.locator("input[name=q]").fill(sku)
    search.locator("button").click()
    row = page.locator(f"li[data-sku='{sku}']")
    row.locator("input[name=quantity]").fill(str(plain_quantity(quantity)))  # "100", not "100.000"
    row.locator("form button[type=submit]").click()
    page.locator(f"tr[data-sku='{sku}']").wait_for()


def received(page):
    """The simulator's table of the received cart: (sku, quantity, unit price text)."""
    page.locator("#validation").wait_for()
    rows = []
    for row in page.locator("#items tbody tr").all():
        if row.locator("td.sku").count():
            rows.append(
                (
                    row.locator("td.sku").inner_text(),
                    row.locator("td.qty").inner_text(),
                    row.locator("td.price").inner_text(),
                )
            )
    return rows


def punch_out(page, served, partner: str, lang: str = "en-US") -> None:
    page.goto(f"{served.url}/simulator/")
    page.select_option("#partner", partner)
    page.select_option("#lang", lang)
    page.locator("#punchout").click()
    page.get_by_role("search").first.wait_for()


def shop_and_transfer(app, page, served, spec):
    """Punch out as the partner, add its two tiered products, transfer; returns the lines."""
    lines = tiered_products(app, spec.entity_code, "en")
    punch_out(page, served, spec.name)
    for sku, quantity, _price in lines:
        add_by_search(page, sku, quantity)
    page.locator("form[action$='/transfer'] button").click()
    return lines


@pytest.mark.parametrize("spec", CXML_PARTNERS, ids=[spec.name for spec in CXML_PARTNERS])
def test_full_loop_for_each_demo_partner(demo_app, browser_page, spec):
    app, served = demo_app
    page = browser_page
    lines = shop_and_transfer(app, page, served, spec)
    assert received(page) == [
        (sku, str(plain_quantity(quantity)), f"{price.amount} {price.currency}")
        for sku, quantity, price in lines
    ]
    assert page.locator("#validation").inner_text() == "Valid against the strict cXML schema."
    assert page.locator("#operation-allowed").inner_text() == "edit"
    # edit and order go back through the connection the cart came from
    assert page.locator("select[name=partner]").input_value() == spec.name
    assert page.locator("input[name=partner]").input_value() == spec.name
    expected_total = sum(
        round_amount(price.amount * quantity, price.currency) for _sku, quantity, price in lines
    )
    assert page.locator("#total").inner_text() == f"{expected_total} {lines[0][2].currency}"


def test_edit_round_trip_and_inspect(demo_app, browser_page):
    app, served = demo_app
    page = browser_page
    spec = CXML_PARTNERS[0]
    lines = shop_and_transfer(app, page, served, spec)
    first = received(page)
    # edit: the cart comes back with its lines; change the first quantity, transfer again
    page.select_option("select[name=partner]", spec.name)
    page.locator("#edit").click()
    cart_row = page.locator(f"tr[data-sku='{lines[0][0]}']")
    cart_row.wait_for()
    assert page.locator("tr[data-line]").count() == 2
    cart_row.locator("input[name=quantity]").fill("3")
    cart_row.locator("form button[type=submit]").first.click()
    page.locator(f"tr[data-sku='{lines[0][0]}'] [data-line-total]").wait_for()
    page.locator("form[action$='/transfer'] button").click()
    edited = received(page)
    assert edited[0][:2] == (lines[0][0], "3")
    assert edited[1] == first[1]
    # inspect: read-only, nothing to change and nothing new to send: the only way out goes
    # back with no cart (the API's cancel)
    page.select_option("select[name=partner]", spec.name)
    page.locator("#inspect").click()
    page.locator("tr[data-line]").first.wait_for()
    assert [row.get_attribute("data-sku") for row in page.locator("tr[data-line]").all()] == [
        sku for sku, _quantity, _price in edited
    ]
    assert page.locator("tr[data-line] input[name=quantity]").count() == 0
    assert page.locator("form[action$='/transfer']").count() == 0
    assert page.locator(".exit button").all_inner_texts() == ["Return without changes"]
    page.get_by_role("button", name="Return without changes").click()
    assert received(page) == []
    assert page.locator("#operation-allowed").inner_text() == "inspect"
    assert page.locator("#validation").inner_text() == "Valid against the strict cXML schema."


def test_a_received_cart_is_ordered_and_linked_to_its_session(demo_app, browser_page):
    """ "Place the order" posts the cart as an OrderRequest over HTTP; the gateway stores it once,
    each line at the cart's price and linked to the punch-out session it came from."""
    app, served = demo_app
    page = browser_page
    spec = CXML_PARTNERS[0]
    lines = shop_and_transfer(app, page, served, spec)
    assert len(received(page)) == 2
    page.locator("#order").click()
    assert page.locator("#status").get_attribute("data-code") == "200"
    order_id = page.locator("h1").inner_text().split()[1]
    with database_of(app).transaction() as session:
        order = session.scalars(select(Order).where(Order.order_id == order_id)).one()
        stored = [
            (line.sku, line.quantity, line.unit_price, line.session_id is not None)
            for line in sorted(order.lines, key=lambda line: line.line_number)
        ]
        session_ids = {line.session_id for line in order.lines}
        punched = session.scalars(
            select(PunchOutSession.id).where(PunchOutSession.state == "transferred")
        ).all()
    assert stored == [(sku, quantity, price.amount, True) for sku, quantity, price in lines]
    assert session_ids == set(punched) and len(session_ids) == 1


def test_the_order_s_confirmation_ship_notice_and_invoice_arrive_in_the_simulator(
    demo_app, browser_page
):
    """`gateway serve --demo` points the demo partners' outbound URL at the simulator: an order
    placed there is confirmed, shipped and invoiced with the CLI, the outbox posts each document
    over HTTP, and /simulator/documents shows them decoded and strictly valid."""
    app, served = demo_app
    page = browser_page
    lines = shop_and_transfer(app, page, served, CXML_PARTNERS[0])
    assert lines[1][1] >= 2
    page.locator("#order").click()
    order_id = page.locator("h1").inner_text().split()[1]
    page.get_by_role("link", name="Order documents received").click()
    assert page.locator("#empty").is_visible()
    database = database_of(app)
    with database.transaction() as session:
        assert point_at_simulator(session, served.url) == [s.name for s in CXML_PARTNERS]
        number = session.scalars(select(Order.id).where(Order.order_id == order_id)).one()
    cli = app.test_cli_runner()
    steps = (
        [
            "confirm",
            str(number),
            "--type",
            "detail",
            "--line",
            "1:accept:1",
            "--line",
            "2:reject:1",
            "--line",
            f"2:accept:{lines[1][1] - 1}",
        ],
        ["ship", str(number), "--carrier", "DHL", "--tracking", "JJD0001", "--line", "1:1"],
        ["invoice", str(number), "--invoice-id", "INV-7", "--tax-percent", "19"],
    )
    config = read_outbox_config(settings_of(app))
    for step in steps:
        result = cli.invoke(args=["order", *step])
        assert result.exit_code == 0, result.output
        assert deliver_due(database, RequestsSender(), config, on_reply=check_reply) >= 1
    with database.transaction() as session:
        buyer_items = session.scalars(select(OutboxItem).where(OutboxItem.kind == "buyer")).all()
        assert [item.state for item in buyer_items] == ["delivered"] * 3
    page.reload()
    rows = page.locator("tr.document")
    seen = [
        [rows.nth(i).locator(f"td.{name}").inner_text() for name in ("partner", "type", "order")]
        for i in range(rows.count())
    ]
    newest_first = ["InvoiceDetailRequest", "ShipNoticeRequest", "ConfirmationRequest"]
    assert seen == [[CXML_PARTNERS[0].name, kind, order_id] for kind in newest_first]
    assert page.locator("td.validity").all_inner_texts() == ["valid"] * 3
    summaries = page.locator("td.summary").all_inner_texts()
    accepted = plain_quantity(lines[1][1] - 1)
    assert summaries[2] == f"detail (line 1: accept 1; line 2: reject 1, accept {accepted})"
    assert (
        summaries[1].startswith(f"shipment {order_id}")
        and "DHL JJD0001 (line 1: 1)" in (summaries[1])
    )
    assert summaries[0].startswith("invoice INV-7, due ")


def test_a_busy_simulator_tries_again_by_itself_until_a_thread_is_free(demo_app, browser_page):
    app, served = demo_app
    limit_self_calls(app, 2)  # as `gateway serve --threads 2` does
    _threads, slots = self_calls_of(app)
    slots.acquire()  # the one thread that may wait on the server is waiting already
    page = browser_page
    answers = []
    page.on(
        "response",
        lambda r: answers.append(r.status) if r.url.endswith("/simulator/punchout") else None,
    )
    page.goto(f"{served.url}/simulator/")
    page.select_option("#partner", "demo-coupa")
    page.select_option("#lang", "de-DE")
    page.locator("#punchout").click()
    page.locator("#busy").wait_for()
    assert page.locator("h1").inner_text() == "Waiting for the gateway"
    for _ in range(60):  # the page posts the same form again, two seconds later
        if len(answers) >= 2:
            break
        page.wait_for_timeout(100)
    assert answers[:2] == [503, 503]
    slots.release()
    page.get_by_role("search").first.wait_for()  # the storefront, in the chosen language
    assert page.locator("html").get_attribute("lang") == "de"
    assert answers[-1] == 303
    with database_of(app).transaction() as session:
        stored = session.execute(
            select(PunchOutSession.language, TradingPartner.name).join(TradingPartner)
        ).all()
    assert stored == [("de", "demo-coupa")]


def test_the_order_step_refuses_what_it_cannot_order(demo_app):
    app, _served = demo_app
    client = app.test_client()
    unknown = client.post("/simulator/order", data={"partner": "nobody", "cart": ""})
    empty = client.post("/simulator/order", data={"partner": CXML_PARTNERS[0].name, "cart": ""})
    garbled = client.post("/simulator/order", data={"partner": CXML_PARTNERS[0].name, "cart": "@@"})
    assert (unknown.status_code, empty.status_code, garbled.status_code) == (400, 400, 400)
    assert "No demo partner &#39;nobody&#39;." in unknown.get_data(as_text=True)
    assert "The cart is empty" in empty.get_data(as_text=True)
    assert "Unreadable cart" in garbled.get_data(as_text=True)
    edit = client.post(
        "/simulator/punchout",
        data={"partner": CXML_PARTNERS[0].name, "operation": "edit", "cart": "@@"},
    )
    assert edit.status_code == 400 and "Unreadable cart" in edit.get_data(as_text=True)
