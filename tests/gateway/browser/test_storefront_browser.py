"""The storefront in headless Chromium against a real server: search, product page, two
products at different tiers, a quantity change, and the whole shop inside an iframe of another
origin. Screenshots of the product page and the cart go to /tmp. Figures as worked out by hand
in tests/gateway/test_storefront_data.py."""

import re
from urllib.parse import quote

import pytest

from ..test_storefront_data import PREFIXES
from ..test_storefront_data import build_catalog
from ..test_storefront_data import punch_out
from ..test_storefront_data import shared_list

pytestmark = pytest.mark.browser


def cart_lines(scope):
    """(sku, unit price, quantity, line total) per cart line, and the total."""
    rows = []
    for row in scope.locator("tr[data-line]").all():
        rows.append(
            (
                row.get_attribute("data-sku"),
                row.locator("[data-unit-price]").inner_text().strip(),
                row.locator("input[name=quantity]").input_value(),
                row.locator("[data-line-total]").inner_text().strip(),
            )
        )
    return rows, scope.locator("[data-total]").inner_text().strip()


def words(locator) -> str:
    """A locator's text as written in the page (not as CSS capitalises it), spaces collapsed."""
    return " ".join(locator.text_content().split())


def shop(scope):
    """Search, open a product, add two products at different tiers."""
    scope.get_by_role("search").first.locator("input[name=q]").fill("thinkpad")
    scope.get_by_role("search").first.get_by_role("button").click()
    scope.get_by_role("link", name="ThinkPad T14 Gen 4 notebook, 14 inch").click()
    scope.locator("[data-field=unit_price]").wait_for()  # the product page, not the results
    scope.locator("form.add input[name=quantity]").fill("12")
    scope.locator("form.add button").click()
    scope.locator("[data-total]").wait_for()
    scope.get_by_role("search").first.locator("input[name=q]").fill("toner")
    scope.get_by_role("search").first.get_by_role("button").click()
    row = scope.locator("li[data-sku='TON-305']")
    row.locator("input[name=quantity]").fill("25")
    row.get_by_role("button", name="Add to cart").click()
    scope.locator("tr[data-sku='TON-305']").wait_for()


def test_search_tiers_cart_and_quantity_change(app, db, live, browser_page):
    catalog = build_catalog(db)
    start = punch_out(app, catalog.uk_id, catalog.uk_partner_id)
    page = browser_page
    page.goto(f"{live.url}/punchout/start/{start}")
    assert re.fullmatch(rf"{live.url}/shop/[\w-]{{43}}/", page.url)
    page.screenshot(path="/tmp/storefront-landing.png", full_page=True)

    page.get_by_role("search").first.locator("input[name=q]").fill("thinkpad")
    page.get_by_role("search").first.get_by_role("button").click()
    page.get_by_role("link", name="ThinkPad T14 Gen 4 notebook, 14 inch").click()
    assert page.locator("[data-field=unit_price]").inner_text() == "£1,234.50"
    assert page.locator("table[data-tiers] tbody tr").all_inner_texts() == [
        "from 1\t£1,234.50",
        "from 10\t£1,199.00",
        "from 50\t£1,150.00",
    ]
    page.screenshot(path="/tmp/storefront-product.png", full_page=True)

    page.locator("form.add input[name=quantity]").fill("12")
    page.locator("form.add button").click()
    page.get_by_role("search").first.locator("input[name=q]").fill("toner")
    page.get_by_role("search").first.get_by_role("button").click()
    row = page.locator("li[data-sku='TON-305']")
    page.screenshot(path="/tmp/storefront-results.png", full_page=True)
    row.locator("input[name=quantity]").fill("25")
    row.get_by_role("button", name="Add to cart").click()
    assert cart_lines(page) == (
        [
            ("LAP-100", "£1,199.00", "12", "£14,388.00"),
            ("TON-305", "£161.49", "25", "£4,037.25"),
        ],
        "£18,425.25",
    )

    laptop = page.locator("tr[data-sku='LAP-100']")
    laptop.locator("input[name=quantity]").fill("60")
    laptop.get_by_role("button", name="Update").click()
    page.locator("tr[data-sku='LAP-100'] [data-line-total]", has_text="£69,000.00").wait_for()
    assert cart_lines(page) == (
        [
            ("LAP-100", "£1,150.00", "60", "£69,000.00"),
            ("TON-305", "£161.49", "25", "£4,037.25"),
        ],
        "£73,037.25",
    )
    assert page.locator("header [data-cart-total]").inner_text() == "£73,037.25"
    page.screenshot(path="/tmp/storefront-cart.png", full_page=True)

    laptop = page.locator("tr[data-sku='LAP-100']")
    laptop.locator("input[name=quantity]").fill("zero")
    laptop.get_by_role("button", name="Update").click()
    assert page.locator("[data-error]").inner_text() == "quantity: 'zero' is not a number"
    assert cart_lines(page)[1] == "£73,037.25"


def test_storefront_works_inside_an_iframe_of_another_origin(app, db, live, framing, browser_page):
    catalog = build_catalog(db, prefixes=[*PREFIXES, f"{framing.url}/procurement/return"])
    start = punch_out(app, catalog.uk_id, catalog.uk_partner_id)
    page = browser_page
    page.goto(f"{framing.url}/host?src={quote(f'{live.url}/punchout/start/{start}', safe='')}")
    frame = page.frame_locator("iframe[name=catalog]")
    shop(frame)
    assert cart_lines(frame) == (
        [
            ("LAP-100", "£1,199.00", "12", "£14,388.00"),
            ("TON-305", "£161.49", "25", "£4,037.25"),
        ],
        "£18,425.25",
    )
    (inner,) = [f for f in page.frames if f.url.startswith(live.url)]
    assert re.fullmatch(rf"{live.url}/shop/[\w-]{{43}}/cart", inner.url)
    assert page.context.cookies() == []  # the session travels in the URL, no cookie at all
    page.screenshot(path="/tmp/storefront-iframe.png", full_page=True)


def test_a_prefix_without_a_port_lets_any_port_of_its_host_frame_it(
    app, db, live, framing, browser_page
):
    # The partner returns carts to http://127.0.0.1/procurement/... on any port (as the demo's
    # partners do); its procurement page is on the framing server's port, not 80.
    catalog = build_catalog(db, prefixes=[*PREFIXES, "http://127.0.0.1/procurement/"])
    start = punch_out(app, catalog.uk_id, catalog.uk_partner_id)
    page = browser_page
    page.goto(f"{framing.url}/host?src={quote(f'{live.url}/punchout/start/{start}', safe='')}")
    page.wait_for_function("() => !!document.querySelector('iframe')")
    (inner,) = page.frames[1:]
    inner.wait_for_load_state()
    assert inner.url != "chrome-error://chromewebdata/"  # not refused by frame-ancestors
    frame = page.frame_locator("iframe[name=catalog]")
    shop(frame)
    assert cart_lines(frame)[1] == "£18,425.25"
    response = page.request.get(inner.url)
    assert response.headers["content-security-policy"].endswith(
        "frame-ancestors 'self' https://buyer.example.com:* https://s1.ariba.com:8443"
        " http://127.0.0.1:* https://*.coupahost.com"
    )


def test_an_origin_the_partner_does_not_list_cannot_frame_it(app, db, live, framing, browser_page):
    catalog = build_catalog(db)  # the framing origin is not among the partner's prefixes
    start = punch_out(app, catalog.uk_id, catalog.uk_partner_id)
    page = browser_page
    page.goto(f"{framing.url}/host?src={quote(f'{live.url}/punchout/start/{start}', safe='')}")
    page.wait_for_function("() => !!document.querySelector('iframe')")
    page.wait_for_timeout(1500)
    (inner,) = page.frames[1:]
    assert inner.url == "chrome-error://chromewebdata/"  # refused by frame-ancestors
    assert inner.locator("form[role=search]").count() == 0


def test_a_level_2_item_not_offered_opens_the_store_and_a_product_page_leads_back(
    app, db, live, browser_page
):
    """ACR-1 exists but the UK entity's policy excludes Acer: the buyer clicked it in a
    catalog of the procurement system, and lands on the whole store (German, as the session);
    its page, reached anyway, says so in German and leads back to the catalog."""
    catalog = build_catalog(db)
    start = punch_out(app, catalog.uk_id, catalog.uk_partner_id, language="de", selected="ACR-1")
    page = browser_page
    page.goto(f"{live.url}/punchout/start/{start}")
    assert re.fullmatch(rf"{live.url}/shop/[\w-]{{43}}/", page.url)
    landing = page.url
    page.goto(f"{landing}product/ACR-1")
    assert page.locator("h1").inner_text() == "Nicht gefunden"
    assert page.locator("[data-message]").inner_text() == (
        "Das Produkt ACR-1 wird Ihrer Organisation nicht angeboten."
    )
    page.get_by_role("link", name="Katalog").click()
    page.get_by_role("search").first.wait_for()
    assert page.url == landing


def test_a_thousand_typed_with_a_separator_is_refused_not_read_as_one(app, db, live, browser_page):
    catalog = build_catalog(db)
    start = punch_out(app, catalog.uk_id, catalog.uk_partner_id, language="de")
    page = browser_page
    page.goto(f"{live.url}/punchout/start/{start}")
    page.goto(f"{page.url}product/LAP-100")
    page.locator("form.add input[name=quantity]").fill("1.000")  # a thousand, in German
    page.locator("form.add button").click()
    assert page.locator("[data-error]").inner_text() == (
        "Menge: „1.000“ kann als 1 oder als 1000 gelesen werden; geben Sie 1000 ohne"
        " Tausendertrennzeichen ein, oder 1"
    )
    assert page.locator("form.add input[name=quantity]").input_value() == "1.000"
    assert page.locator("header [data-cart-count]").inner_text() == "0"
    page.locator("form.add input[name=quantity]").fill("1000")
    page.locator("form.add button").click()
    assert cart_lines(page) == (
        [("LAP-100", "1.150,00\u00a0£", "1000", "1.150.000,00\u00a0£")],
        "1.150.000,00\u00a0£",
    )


def test_a_named_buyer_lands_on_the_shared_list_orders_from_it_and_cannot_delete_it(
    app, db, live, browser_page
):
    catalog = build_catalog(db)
    shared_list(db, catalog.uk_id, "Standard workstation", ("LAP-100", 1), ("TON-305", 25))
    start = punch_out(app, catalog.uk_id, catalog.uk_partner_id, email="jane@northwind.example")
    page = browser_page
    page.goto(f"{live.url}/punchout/start/{start}")
    assert words(page.locator("h1")) == "Standard workstation Start page"
    assert [words(row) for row in page.locator("tbody tr").all()] == [
        "HP 410X high-yield black toner cartridge HP · Supplier part number TON-305 £161.49 25"
        " Add to cart",
        "ThinkPad T14 Gen 4 notebook, 14 inch Lenovo · Supplier part number LAP-100 £1,234.50 1"
        " Add to cart",
    ]
    page.locator("tbody tr", has_text="TON-305").get_by_role("button").click()
    assert cart_lines(page) == ([("TON-305", "£161.49", "25", "£4,037.25")], "£4,037.25")

    page.get_by_role("link", name="Favourites").click()
    workstation = page.locator("section[data-list='Standard workstation']")
    assert words(workstation.locator("[data-shared]")) == "Shared by your organisation"
    assert workstation.get_by_role("button").all_inner_texts() == ["Add all to cart"]
    workstation.get_by_role("button", name="Add all to cart").click()
    assert cart_lines(page) == (
        [("TON-305", "£161.49", "50", "£8,074.50"), ("LAP-100", "£1,234.50", "1", "£1,234.50")],
        "£9,309.00",
    )
