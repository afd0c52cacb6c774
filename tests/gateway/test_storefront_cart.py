"""Storefront cart and favourites over HTTP: adding at tier quantities, changing and removing
lines, field errors answered with 422 and no change, inspect sessions, separate carts per
session, transfer and cancel. Figures are worked out by hand in test_storefront_data."""

import base64
import concurrent.futures
import datetime
import html
import re
from decimal import Decimal

import lxml.html
import pytest
from sqlalchemy import select

from cxml.document import parse_cxml
from gateway.app import price_books_of
from gateway.imports import import_file
from gateway.models import CatalogPolicy
from gateway.models import Document
from gateway.models import FavouritesList
from gateway.models import Product
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from gateway.sessions import token_hash

from .test_storefront_data import RETURN_URL
from .test_storefront_data import punch_out
from .test_storefront_data import shared_list
from .test_storefront_data import start

NBSP = "\u00a0"


def session_of(app, client, catalog, **options):
    return start(client, punch_out(app, catalog.uk_id, catalog.uk_partner_id, **options))


@pytest.fixture
def uk(app, client, catalog):
    return session_of(app, client, catalog)


def page(response):
    return lxml.html.fromstring(response.get_data(as_text=True))


def texts(tree, xpath):
    return [re.sub(r"[ \t\r\n]+", " ", node.text_content()).strip() for node in tree.xpath(xpath)]


def cart_rows(client, token):
    """(sku, unit price, quantity, line total) per line, and the total, as the cart shows."""
    tree = page(client.get(f"/shop/{token}/cart"))
    rows = [
        (
            row.get("data-sku"),
            texts(row, ".//*[@data-unit-price]")[0],
            (row.xpath('.//input[@name="quantity"]/@value') or texts(row, ".//*[@data-quantity]"))[
                0
            ],
            texts(row, ".//*[@data-line-total]")[0],
        )
        for row in tree.xpath("//tr[@data-line]")
    ]
    return rows, (texts(tree, "//*[@data-total]") or [""])[0]


def add(client, token, sku, quantity):
    return client.post(f"/shop/{token}/cart/add", data={"sku": sku, "quantity": quantity})


def line_numbers(client, token):
    tree = page(client.get(f"/shop/{token}/cart"))
    return {row.get("data-sku"): row.get("data-line") for row in tree.xpath("//tr[@data-line]")}


def test_two_products_at_different_tiers(client, uk):
    assert add(client, uk, "LAP-100", "12").status_code == 303  # 10+: 1199.00
    assert add(client, uk, "TON-305", "25").location == f"/shop/{uk}/cart"  # 20+: 15 % off
    assert cart_rows(client, uk) == (
        [
            ("LAP-100", "£1,199.00", "12", "£14,388.00"),
            ("TON-305", "£161.49", "25", "£4,037.25"),
        ],
        "£18,425.25",
    )
    header = page(client.get(f"/shop/{uk}/"))
    assert texts(header, "//*[@data-cart-count]") == ["2"]
    assert texts(header, "//*[@data-cart-total]") == ["£18,425.25"]


def test_adding_again_merges_into_the_line_and_reprices(client, uk):
    add(client, uk, "LAP-100", "6")
    add(client, uk, "LAP-100", "4")  # 10 in all: the 10+ tier
    assert cart_rows(client, uk)[0] == [("LAP-100", "£1,199.00", "10", "£11,990.00")]


def test_simultaneous_additions_all_land(app, uk):
    """A double click or two tabs: each addition answered is in the cart, on one line per
    product (the requests read and wrote the same line at once, and one total overwrote the
    other's, or two new lines took one number and the second was a server error)."""
    skus = ["LAP-100", "TON-305"] * 12

    def add_one(sku):
        return add(app.test_client(), uk, sku, "1").status_code

    with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
        statuses = list(pool.map(add_one, skus))
    assert statuses == [303] * len(skus)
    rows, _total = cart_rows(app.test_client(), uk)
    assert sorted((sku, quantity) for sku, _price, quantity, _line in rows) == [
        ("LAP-100", "12"),
        ("TON-305", "12"),
    ]
    assert sorted(line_numbers(app.test_client(), uk).values()) == ["1", "2"]


def test_changing_a_quantity_moves_the_line_to_its_tier(client, uk):
    add(client, uk, "LAP-100", "12")
    add(client, uk, "CAB-6", "2.5")
    lines = line_numbers(client, uk)
    response = client.post(
        f"/shop/{uk}/cart/update", data={"line": lines["LAP-100"], "quantity": "60"}
    )
    assert response.status_code == 303
    assert cart_rows(client, uk) == (
        [
            ("LAP-100", "£1,150.00", "60", "£69,000.00"),
            ("CAB-6", "£4.20", "2.5", "£10.50"),
        ],
        "£69,010.50",
    )
    client.post(f"/shop/{uk}/cart/remove", data={"line": lines["LAP-100"]})
    assert cart_rows(client, uk) == ([("CAB-6", "£4.20", "2.5", "£10.50")], "£10.50")


@pytest.mark.parametrize(
    ("sku", "quantity", "message"),
    [
        ("LAP-100", "abc", "quantity: 'abc' is not a number"),
        ("LAP-100", "0", "quantity: must be more than zero, got '0'"),
        ("LAP-100", "1.2345", "quantity: at most 1000000 with three decimals, got '1.2345'"),
        (
            "LAP-100",
            "1,000",
            "quantity: '1,000' could be read as 1 or as 1000; type 1000 without the thousands"
            " separator, or 1",
        ),
        (
            "LAP-100",
            "1.125",
            "quantity: '1.125' could be read as 1.125 or as 1125; type 1125 without the thousands"
            " separator, or 1.1250",
        ),
        (
            "LAP-100",
            "1,000.5",
            "quantity: '1,000.5' holds thousands separators; type the number without them, as"
            " 1000.5",
        ),
        (
            "LAP-100",
            "1.000.000",
            "quantity: '1.000.000' holds thousands separators; type the number without them, as"
            " 1000000",
        ),
        ("LAP-100", "1_000", "quantity: '1_000' is not a number"),
        ("LAP-100", "\u0661\u0662", "quantity: '\u0661\u0662' is not a number"),
        ("LAP-100", "\uff11\uff12", "quantity: '\uff11\uff12' is not a number"),
        ("LAP-100", "1E2", "quantity: '1E2' is not a number"),
        ("LAP-100", "+4", "quantity: '+4' is not a number"),
        ("NOPE-1", "1", "sku: no product 'NOPE-1' in this catalog"),
        ("ACR-1", "1", "sku ACR-1: not offered (exclude_manufacturers rules out 'Acer')"),
        ("", "1", "sku: no product named"),
    ],
)
def test_bad_add_fields_answer_422_naming_the_field_and_change_nothing(
    client, uk, sku, quantity, message
):
    add(client, uk, "TON-305", "1")
    before = cart_rows(client, uk)
    response = add(client, uk, sku, quantity)
    assert response.status_code == 422
    tree = page(response)
    assert texts(tree, "//*[@data-error]") == [message]
    assert cart_rows(client, uk) == before
    if sku == "LAP-100":  # the product page again, with what the buyer typed
        assert texts(tree, "//h1") == ["ThinkPad T14 Gen 4 notebook, 14 inch"]
        assert tree.xpath('//input[@name="quantity"][@aria-invalid="true"]/@value') == [quantity]


@pytest.mark.parametrize(
    ("typed", "held"),
    [
        ("3", "3"),
        (" 3 ", "3"),
        ("2,5", "2.5"),
        ("2.5", "2.5"),
        ("0,125", "0.125"),
        ("1000.5", "1000.5"),
        ("1.1250", "1.1250"),
        ("12.50", "12.5"),
    ],
)
def test_a_typed_quantity_is_read_as_written_and_shown_so_that_it_reads_back(
    client, uk, typed, held
):
    assert add(client, uk, "CAB-6", typed).status_code == 303
    (row,), _total = cart_rows(client, uk)
    assert row[:3] == ("CAB-6", "£4.20", held)
    again = client.post(f"/shop/{uk}/cart/update", data={"line": "1", "quantity": held})
    assert again.status_code == 303  # the form as shown, sent unchanged
    assert cart_rows(client, uk)[0] == [row]


def test_below_the_contract_minimum_is_refused_on_the_product_page(app, client, catalog):
    token = start(client, punch_out(app, catalog.fr_id, catalog.fr_partner_id, language="fr"))
    response = add(client, token, "PAP-A4", "2")
    assert response.status_code == 422
    tree = page(response)
    assert texts(tree, "//*[@data-error]") == [
        "référence PAP-A4 : non proposé (les prix du contrat commencent à la quantité 5)"
    ]
    assert texts(tree, '//*[@role="alert"]/strong') == ["Rien n'a été modifié :"]
    assert add(client, token, "PAP-A4", "5").status_code == 303
    assert cart_rows(client, token) == (
        [("PAP-A4", f"3,85{NBSP}€", "5", f"19,25{NBSP}€")],
        f"19,25{NBSP}€",
    )


@pytest.mark.parametrize(
    ("line", "quantity", "message"),
    [
        ("1", "-3", "quantity: must be more than zero, got '-3'"),
        ("9", "3", "line: the cart has no line 9"),
        ("x", "3", "line: expected a cart line number, got 'x'"),
        ("²", "3", "line: expected a cart line number, got '²'"),
        ("9" * 18, "3", f"line: the cart has no line {'9' * 18}"),
        ("9" * 5000, "3", f"line: expected a cart line number, got '{'9' * 5000}'"),
    ],
)
def test_bad_update_fields_answer_422_and_change_nothing(client, uk, line, quantity, message):
    add(client, uk, "LAP-100", "12")
    before = cart_rows(client, uk)
    response = client.post(f"/shop/{uk}/cart/update", data={"line": line, "quantity": quantity})
    assert response.status_code == 422
    assert texts(page(response), "//*[@data-error]") == [message]
    assert cart_rows(client, uk) == before


def test_each_session_has_its_own_cart(app, client, catalog, uk):
    other = session_of(app, client, catalog, email="sam@northwind.example")
    add(client, uk, "LAP-100", "1")
    assert cart_rows(client, other) == ([], "")
    lines = line_numbers(client, uk)
    response = client.post(f"/shop/{other}/cart/remove", data={"line": lines["LAP-100"]})
    assert response.status_code == 422  # the other session's line numbers mean nothing here
    assert len(cart_rows(client, uk)[0]) == 1


def test_inspect_session_shows_the_cart_read_only(app, client, catalog, db):
    token = session_of(app, client, catalog, operation="inspect")
    with db.transaction() as session:  # the cart the procurement system sent to inspect
        row = session.scalar(
            select(PunchOutSession).where(PunchOutSession.token_hash == token_hash(token))
        )
        row.operation = "create"
    add(client, token, "TON-305", "3")
    with db.transaction() as session:
        session.get(PunchOutSession, row.id).operation = "inspect"
    tree = page(client.get(f"/shop/{token}/cart"))
    assert cart_rows(client, token) == ([("TON-305", "£170.99", "3", "£512.97")], "£512.97")
    assert texts(tree, '//*[@class="notice"]') == [
        "This cart is open for inspection only: it cannot be changed."
    ]
    actions = tree.xpath("//form/@action")
    assert not [a for a in actions if "/cart/" in a]
    # nothing new goes back: no transfer, only the way back (the API's cancel)
    assert f"/shop/{token}/transfer" not in actions
    assert texts(tree, f'//form[@action="/shop/{token}/cancel"]/button') == [
        "Return without changes"
    ]
    assert not page(client.get(f"/shop/{token}/product/LAP-100")).xpath('//form[@class="add"]')
    refused = add(client, token, "LAP-100", "1")
    assert refused.status_code == 403
    assert texts(page(refused), "//*[@data-message]") == ["This cart is open for inspection only."]
    assert cart_rows(client, token)[1] == "£512.97"


def test_inspect_session_transfers_nothing_and_goes_back_by_cancel(app, client, catalog, db):
    """A transfer posted anyway (an old page, a script) is refused as the API refuses it: no
    PunchOutOrderMessage of the cart, the session open for the way back."""
    token = session_of(app, client, catalog)
    add(client, token, "TON-305", "3")
    with db.transaction() as session:  # as if the procurement system sent this cart to inspect
        row = session.scalar(
            select(PunchOutSession).where(PunchOutSession.token_hash == token_hash(token))
        )
        row.operation = "inspect"
    refused = client.post(f"/shop/{token}/transfer")
    assert refused.status_code == 403
    assert texts(page(refused), "//*[@data-error]") == [
        "This cart is open for inspection only: it cannot be transferred. “Return without"
        " changes” takes you back to your procurement system."
    ]
    assert "cxml-base64" not in refused.get_data(as_text=True)
    with db.transaction() as session:
        logged = session.scalars(select(Document.doc_type).where(Document.direction == "out"))
        assert "PunchOutOrderMessage" not in logged.all()
        assert session.get(PunchOutSession, row.id).state == "open"
    assert cart_rows(client, token) == ([("TON-305", "£170.99", "3", "£512.97")], "£512.97")

    back = client.post(f"/shop/{token}/cancel")
    assert back.status_code == 200
    encoded = re.search(r'name="cxml-base64" value="([^"]*)"', back.get_data(as_text=True))
    message = parse_cxml(base64.b64decode(html.unescape(encoded.group(1))), mode="strict")
    content = message.body.content
    assert (content.items, content.operation_allowed, message.body.status.code) == (
        (),
        "inspect",
        204,
    )
    assert client.get(f"/shop/{token}/cart").status_code == 410


def test_favourites_save_reuse_land_and_delete(app, client, catalog, uk, db):
    add(client, uk, "LAP-100", "12")
    add(client, uk, "TON-305", "25")
    assert client.post(f"/shop/{uk}/favourites", data={"name": "Monthly"}).status_code == 303
    again = client.post(f"/shop/{uk}/favourites", data={"name": "Monthly"})
    assert again.status_code == 422
    assert texts(page(again), "//*[@data-error]") == [
        "list name: you already have a list named 'Monthly'"
    ]
    empty = client.post(f"/shop/{uk}/favourites", data={"name": "  "})
    assert texts(page(empty), "//*[@data-error]") == ["list name: must not be empty"]
    with db.transaction() as session:
        (saved,) = session.scalars(select(FavouritesList)).all()
        assert (saved.owner, saved.name, saved.is_landing) == (
            "jane@northwind.example",
            "Monthly",
            False,
        )
        list_id = saved.id
    assert (
        client.post(f"/shop/{uk}/favourites/{list_id}/landing", data={"on": "1"}).status_code == 303
    )

    # A later punch-out of the same buyer lands on the list and reuses it.
    later = session_of(app, client, catalog)
    landing = page(client.get(f"/shop/{later}/"))
    assert texts(landing, "//h1") == ["Monthly Start page"]
    # By description, each at the unit price of the list's quantity.
    assert [texts(row, "./td")[1:3] for row in landing.xpath("//tbody/tr")] == [
        ["£161.49", "25"],
        ["£1,199.00", "12"],
    ]
    assert client.post(f"/shop/{later}/favourites/{list_id}/add").status_code == 303
    assert cart_rows(client, later)[1] == "£18,425.25"

    # Another buyer of the same entity neither sees nor touches it.
    sam = session_of(app, client, catalog, email="sam@northwind.example")
    assert page(client.get(f"/shop/{sam}/")).xpath('//form[@role="search"]')
    assert client.post(f"/shop/{sam}/favourites/{list_id}/delete").status_code == 404
    for action in ("add", "landing", "delete"):  # past any id: not found, never a server error
        assert client.post(f"/shop/{uk}/favourites/{2**63}/{action}").status_code == 404

    assert client.post(f"/shop/{uk}/favourites/{list_id}/delete").status_code == 303
    with db.transaction() as session:
        assert session.scalars(select(FavouritesList)).all() == []


def list_forms(client, token):
    """Each list on the favourites page: (name, shared tag shown, what its forms do)."""
    tree = page(client.get(f"/shop/{token}/favourites"))
    return [
        (
            section.get("data-list"),
            bool(section.xpath(".//*[@data-shared]")),
            [action.rsplit("/", 1)[1] for action in section.xpath(".//form/@action")],
        )
        for section in tree.xpath("//section[@data-list]")
    ]


def test_the_entitys_shared_list_is_every_buyers_to_order_from_and_nobodys_to_change(
    app, client, catalog, uk, db
):
    workstation = shared_list(db, catalog.uk_id, "Standard workstation", ("LAP-100", 1))
    landing = page(client.get(f"/shop/{uk}/"))  # jane, with an e-mail address
    assert texts(landing, "//h1") == ["Standard workstation Start page"]
    assert list_forms(client, uk) == [("Standard workstation", True, ["add"])]
    for action, form in (("delete", {}), ("landing", {"on": "0"})):
        refused = client.post(f"/shop/{uk}/favourites/{workstation}/{action}", data=form)
        assert refused.status_code == 403
        assert texts(page(refused), "//*[@data-error]") == [
            "list 'Standard workstation': it is shared by your organisation; add it to the cart,"
            " but it cannot be changed or deleted here"
        ]
    assert client.post(f"/shop/{uk}/favourites/{workstation}/add").status_code == 303
    assert cart_rows(client, uk)[0] == [("LAP-100", "£1,234.50", "1", "£1,234.50")]

    # Her own landing list wins, and the shared one stays the others' landing page.
    client.post(f"/shop/{uk}/favourites", data={"name": "Mine"})
    with db.transaction() as session:
        mine = session.scalars(select(FavouritesList.id).where(FavouritesList.owner != "")).one()
    client.post(f"/shop/{uk}/favourites/{mine}/landing", data={"on": "1"})
    assert list_forms(client, uk) == [
        ("Mine", False, ["add", "landing", "delete"]),
        ("Standard workstation", True, ["add"]),
    ]
    assert texts(page(client.get(f"/shop/{uk}/")), "//h1") == ["Mine Start page"]
    sam = session_of(app, client, catalog, email="sam@northwind.example")
    assert texts(page(client.get(f"/shop/{sam}/")), "//h1") == ["Standard workstation Start page"]
    assert list_forms(client, sam) == [("Standard workstation", True, ["add"])]

    # A buyer without an e-mail address orders from it too, and changes nothing either.
    nobody = session_of(app, client, catalog, email="")
    assert texts(page(client.get(f"/shop/{nobody}/")), "//h1") == [
        "Standard workstation Start page"
    ]
    assert client.post(f"/shop/{nobody}/favourites/{workstation}/delete").status_code == 403
    add(client, nobody, "TON-305", "1")
    saved = client.post(f"/shop/{nobody}/favourites", data={"name": "For everyone"})
    assert saved.status_code == 422
    assert texts(page(saved), "//*[@data-error]") == [
        "list name: your procurement system sent no e-mail address for you, and lists are kept"
        " per buyer; this one would be shared with your whole organisation"
    ]
    with db.transaction() as session:
        names = select(FavouritesList.name).order_by(FavouritesList.name)
        assert session.scalars(names).all() == ["Mine", "Standard workstation"]
        assert session.get(FavouritesList, workstation).is_landing


def test_adding_a_list_is_all_or_nothing(app, client, catalog, uk, db):
    add(client, uk, "TON-305", "2")
    add(client, uk, "CAB-6", "10")
    client.post(f"/shop/{uk}/favourites", data={"name": "Desk"})
    with db.transaction() as session:
        session.get(CatalogPolicy, catalog.uk_id).exclude_manufacturers = ["Acer", "Belkin"]
        list_id = session.scalars(select(FavouritesList.id)).one()
    price_books_of(app).clear()
    later = session_of(app, client, catalog)
    response = client.post(f"/shop/{later}/favourites/{list_id}/add")
    assert response.status_code == 422
    assert texts(page(response), "//*[@data-error]") == [
        "sku CAB-6: not offered (exclude_manufacturers rules out 'Belkin')"
    ]
    assert cart_rows(client, later) == ([], "")


def test_transfer_returns_the_cart_and_closes_the_session(client, uk):
    add(client, uk, "LAP-100", "12")
    response = client.post(f"/shop/{uk}/transfer")
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert html.unescape(re.search(r'action="([^"]*)"', body).group(1)) == RETURN_URL
    encoded = re.search(r'name="cxml-base64" value="([^"]*)"', body).group(1)
    message = parse_cxml(base64.b64decode(html.unescape(encoded))).body.content
    assert [
        (item.item_id.supplier_part_id, item.quantity, item.item_detail.unit_price.amount)
        for item in message.items
    ] == [("LAP-100", 12, Decimal("1199.00"))]
    assert message.total.amount == Decimal("14388.00")
    assert (
        "frame-ancestors 'self' https://buyer.example.com"
        in (response.headers["Content-Security-Policy"])
    )
    assert client.get(f"/shop/{uk}/cart").status_code == 410


def test_cancel_returns_an_empty_cart(client, uk):
    add(client, uk, "LAP-100", "12")
    response = client.post(f"/shop/{uk}/cancel")
    body = response.get_data(as_text=True)
    encoded = re.search(r'name="cxml-base64" value="([^"]*)"', body).group(1)
    message = parse_cxml(base64.b64decode(html.unescape(encoded))).body.content
    assert list(message.items) == []
    assert client.get(f"/shop/{uk}/").status_code == 410


def test_a_line_without_a_field_the_buyer_system_requires_is_not_transferred(
    app, client, catalog, db
):
    """Coupa-style `required_cart_fields`: a product lacking one is refused when added, on its
    product page; one that lost it since it was added stops the transfer, the cart page naming
    the line and the field, nothing sent and the session open; once the product is complete the
    cart goes, with its units in the buyer's codes (`unit_map`)."""
    with db.transaction() as session:
        partner = session.get(TradingPartner, catalog.uk_partner_id)
        partner.settings = {
            "profile": {"required_cart_fields": ["unspsc", "unit"], "unit_map": {"BX": "BOX"}}
        }
        session.scalars(select(Product).where(Product.sku == "PAP-A4")).one().unspsc = ""
    token = session_of(app, client, catalog)
    add(client, token, "LAP-100", "1")
    refused = client.post(f"/shop/{token}/cart/add", data={"sku": "PAP-A4", "quantity": "3"})
    assert refused.status_code == 422
    assert texts(page(refused), "//*[@data-error]") == [
        "sku PAP-A4: unspsc is missing, and your procurement system requires it on every line;"
        " ask the supplier to complete the product"
    ]
    quantity = page(refused).xpath('//input[@name="quantity"]')[0]  # not what is wrong
    assert (quantity.get("value"), quantity.get("aria-invalid")) == ("3", None)
    with db.transaction() as session:
        session.scalars(select(Product).where(Product.sku == "PAP-A4")).one().unspsc = "14111507"
    add(client, token, "PAP-A4", "3")
    with db.transaction() as session:  # and lost again since
        session.scalars(select(Product).where(Product.sku == "PAP-A4")).one().unspsc = ""

    response = client.post(f"/shop/{token}/transfer")
    assert response.status_code == 422
    assert texts(page(response), "//*[@data-error]") == [
        "line 2 (PAP-A4): unspsc is missing, and your procurement system requires it on every"
        " line; remove the line or ask the supplier to complete the product"
    ]
    assert client.get(f"/shop/{token}/cart").status_code == 200  # still open
    with db.transaction() as session:
        logged = session.scalars(select(Document.doc_type).where(Document.direction == "out"))
        assert "PunchOutOrderMessage" not in logged.all()

    with db.transaction() as session:
        session.scalars(select(Product).where(Product.sku == "PAP-A4")).one().unspsc = "14111507"
    response = client.post(f"/shop/{token}/transfer")
    assert response.status_code == 200
    encoded = re.search(r'name="cxml-base64" value="([^"]*)"', response.get_data(as_text=True))
    message = parse_cxml(base64.b64decode(html.unescape(encoded.group(1))), mode="strict")
    assert [
        (item.item_id.supplier_part_id, item.item_detail.unit_of_measure)
        for item in message.body.content.items
    ] == [("LAP-100", "C62"), ("PAP-A4", "BOX")]


def test_a_contract_imported_in_this_process_prices_the_cart_at_once(client, uk, db, tmp_path):
    """The price books of this process are dropped by the import (catalog_changed), not kept
    until their minute runs out."""
    add(client, uk, "TON-305", "3")
    assert cart_rows(client, uk) == ([("TON-305", "£170.99", "3", "£512.97")], "£512.97")
    today = datetime.date.today()
    contract = tmp_path / "contracts.csv"
    contract.write_text(
        "contract_code,contract_name,level,currency,valid_from,valid_to,entities,rule_key,kind,"
        "scope,scope_value,min_quantity,value\n"
        f"UK-TONER,Toner deal,,GBP,{today - datetime.timedelta(days=1)},"
        f"{today + datetime.timedelta(days=30)},NORTHWIND-UK,toner-305,fixed,product,TON-305,1,"
        "150.00\n",
        encoding="utf-8",
    )
    report = import_file(db, "contracts", contract)
    assert report.summary().endswith("0 rejected")
    assert cart_rows(client, uk) == ([("TON-305", "£150.00", "3", "£450.00")], "£450.00")


def test_a_line_no_longer_offered_stops_the_transfer_and_can_be_removed(client, uk, db):
    """cXML: a product withdrawn from the catalog after it was added stays in the cart as no
    longer available; the transfer is refused on the cart page naming it (nothing sent, the
    session open) until the line is removed; cancel still works."""
    add(client, uk, "LAP-100", "12")
    add(client, uk, "TON-305", "3")
    with db.transaction() as session:
        session.scalars(select(Product).where(Product.sku == "TON-305")).one().active = False
    assert cart_rows(client, uk) == (
        [
            ("LAP-100", "£1,199.00", "12", "£14,388.00"),
            ("TON-305", "No longer available", "3", "£0.00"),
        ],
        "£14,388.00",
    )
    response = client.post(f"/shop/{uk}/transfer")
    assert response.status_code == 422
    assert texts(page(response), "//*[@data-error]") == [
        "cart: it holds products no longer offered to your organisation, and cannot be sent with"
        " them: TON-305 (HP 410X high-yield black toner cartridge); remove them, then transfer"
        " the cart again"
    ]
    with db.transaction() as session:
        logged = session.scalars(select(Document.doc_type).where(Document.direction == "out"))
        assert "PunchOutOrderMessage" not in logged.all()
    refused = client.post(f"/shop/{uk}/cart/update", data={"line": "2", "quantity": "5"})
    assert texts(page(refused), "//*[@data-error]") == [
        "line 2: TON-305 is no longer in the catalog; remove the line"
    ]
    assert client.post(f"/shop/{uk}/cart/remove", data={"line": "2"}).status_code == 303
    assert client.post(f"/shop/{uk}/transfer").status_code == 200


def test_a_cart_with_a_line_no_longer_offered_can_be_cancelled(client, uk, db):
    add(client, uk, "TON-305", "3")
    with db.transaction() as session:
        session.scalars(select(Product).where(Product.sku == "TON-305")).one().active = False
    assert client.post(f"/shop/{uk}/cancel").status_code == 200
    assert client.get(f"/shop/{uk}/").status_code == 410
