"""Storefront catalog pages over HTTP: start link, landing, search, browse, product page,
language and number formats, frame-ancestors, and the error pages of unusable sessions.
Figures are worked out by hand in test_storefront_data."""

import datetime
import re

import lxml.html
import pytest
from sqlalchemy import select

from gateway.models import Product
from gateway.models import PunchOutSession
from gateway.sessions import token_hash
from gateway.web import storefront_catalog

from .test_storefront_data import punch_out
from .test_storefront_data import start

NBSP, NNBSP = "\u00a0", "\u202f"


@pytest.fixture
def uk(app, client, catalog):
    """A started session of the UK entity, in English: its token."""
    return start(client, punch_out(app, catalog.uk_id, catalog.uk_partner_id))


def fr_shop(app, client, catalog, language="fr"):
    return start(client, punch_out(app, catalog.fr_id, catalog.fr_partner_id, language=language))


def page(response):
    return lxml.html.fromstring(response.get_data(as_text=True))


def texts(tree, xpath):
    # Only ASCII white space is layout; no-break spaces are part of the figures.
    return [re.sub(r"[ \t\r\n]+", " ", node.text_content()).strip() for node in tree.xpath(xpath)]


def field(tree, name):
    (value,) = texts(tree, f'//*[@data-field="{name}"]')
    return value


def listed(tree):
    return [node.get("data-sku") for node in tree.xpath('//li[@class="item"]')]


def test_start_link_redirects_to_the_storefront_once(app, client, catalog):
    start_token = punch_out(app, catalog.uk_id, catalog.uk_partner_id)
    token = start(client, start_token)
    assert client.get(f"/shop/{token}/").status_code == 200
    again = client.get(f"/punchout/start/{start_token}")
    assert again.status_code == 404
    assert "already been used" in texts(page(again), "//*[@data-message]")[0]


def test_landing_offers_search_categories_and_manufacturers_the_policy_allows(client, uk):
    tree = page(client.get(f"/shop/{uk}/"))
    categories = texts(tree, '//a[contains(@href, "/category/")]')
    makers = texts(tree, '//a[contains(@href, "/manufacturer/")]')
    # by their names in the session's language; a category without one shows its key
    assert categories == [
        "Cables and adapters", "Monitore", "Notebooks", "office", "paper", "Toner cartridges"
    ]  # fmt: skip
    keys = [
        link.get("href").rsplit("/", 1)[1]
        for link in tree.xpath('//a[contains(@href, "/category/")]')
    ]
    assert keys == ["cables", "monitors", "notebooks", "office", "paper", "toner"]
    assert makers == ["Belkin", "Fellowes", "HP", "Lenovo", "Navigator"]  # Acer excluded
    assert tree.xpath('//form[@role="search"]//input[@name="q"]')
    assert texts(tree, "//header//*[@data-cart-total]") == ["£0.00"]


@pytest.mark.parametrize(
    ("query", "skus"),
    [
        ("thinkpad", ["LAP-100"]),  # description (the inactive OLD-1 matches too, unlisted)
        ("CF410X", ["TON-305"]),  # manufacturer part id
        ("ton-3", ["TON-305"]),  # SKU, any case
        ("belkin", ["CAB-6"]),  # manufacturer
        ("toner black", ["TON-305"]),  # every term must match
        ("toner paper", []),
        ("acer", []),  # excluded by the entity's policy
        ("fellowes", []),  # no price in the entity's currency
        ("%", []),  # a LIKE wildcard is searched for literally
    ],
)
def test_search_matches_descriptions_part_numbers_and_manufacturers(client, uk, query, skus):
    response = client.get(f"/shop/{uk}/search", query_string={"q": query})
    assert response.status_code == 200
    assert listed(page(response)) == skus


@pytest.mark.parametrize("query", ["boîte", "BOÎTE", "boite", "Boite 500"])
def test_search_sets_letter_case_and_accents_aside(app, client, catalog, query):
    """A French buyer types "boite" or "BOÎTE" for "boîte": both find it, on SQLite too (whose
    lower() leaves non-ASCII letters alone)."""
    token = fr_shop(app, client, catalog)
    tree = page(client.get(f"/shop/{token}/search", query_string={"q": query}))
    assert listed(tree) == ["PAP-A4"]


@pytest.mark.parametrize("query", ["telegartner", "TELEGÄRTNER", "Telegärtner"])
def test_makers_are_searched_without_case_or_accents(client, uk, db, query):
    from .test_storefront_data import _product

    with db.transaction() as session:
        session.add(
            _product("CAB-T", "Telegärtner", "", "cables", "26121609", "C62", 1,
                     {"GBP": "5.00"}, {"en": ("Patch cable", "")})
        )  # fmt: skip
    tree = page(client.get(f"/shop/{uk}/search", query_string={"q": query}))
    assert listed(tree) == ["CAB-T"]


def test_search_results_show_the_price_at_the_first_orderable_quantity(client, uk):
    tree = page(client.get(f"/shop/{uk}/search", query_string={"q": "HP"}))
    assert texts(tree, '//li[@data-sku="TON-305"]//*[@data-price]') == ["£170.99"]
    assert texts(tree, '//li[@data-sku="TON-305"]//*[@class="tag"]') == ["Volume prices"]


def test_manufacturers_are_in_reading_order_whatever_the_database(client, uk, db):
    from .test_storefront_data import _product

    with db.transaction() as session:
        for sku, maker in (("MON-I", "iiyama"), ("CAB-E", "Énergie Câbles")):
            session.add(
                _product(sku, maker, "", "cables", "26121609", "C62", 1, {"GBP": "5.00"},
                         {"en": (f"{maker} product", "")})
            )  # fmt: skip
    tree = page(client.get(f"/shop/{uk}/"))
    assert texts(tree, '//a[contains(@href, "/manufacturer/")]') == [
        "Belkin", "Énergie Câbles", "Fellowes", "HP", "iiyama", "Lenovo", "Navigator"
    ]  # fmt: skip


def test_browse_by_category_and_manufacturer(client, uk):
    notebooks = page(client.get(f"/shop/{uk}/category/notebooks"))
    assert listed(notebooks) == ["LAP-100"]
    assert texts(notebooks, "//h1") == ["Category: Notebooks"]
    assert texts(page(client.get(f"/shop/{uk}/category/office")), "//h1") == ["Category: office"]
    assert listed(page(client.get(f"/shop/{uk}/manufacturer/HP"))) == ["TON-305"]
    assert listed(page(client.get(f"/shop/{uk}/manufacturer/Acer"))) == []


def test_pages_count_listed_products_only(client, uk, db, monkeypatch):
    from .test_storefront_data import _product

    with db.transaction() as session:
        for number in range(1, 6):
            maker = "Acer" if number == 2 else "Belkin"  # Acer: excluded, never on a page
            session.add(
                _product(f"CAB-P{number}", maker, "", "cables", "26121609", "C62", 1,
                         {"GBP": "5.00"}, {"en": (f"Patch cable {number}", "")})
            )  # fmt: skip
    monkeypatch.setattr(storefront_catalog, "PAGE_SIZE", 2)
    pages = [page(client.get(f"/shop/{uk}/category/cables?page={n}")) for n in (1, 2, 3)]
    assert [listed(tree) for tree in pages] == [
        ["CAB-6", "CAB-P1"],
        ["CAB-P3", "CAB-P4"],
        ["CAB-P5"],
    ]
    assert [bool(tree.xpath('//a[@rel="next"]')) for tree in pages] == [True, True, False]
    assert [bool(tree.xpath('//a[@rel="prev"]')) for tree in pages] == [False, True, True]
    assert client.get(f"/shop/{uk}/category/cables?page=zero").status_code == 400


def test_product_page_shows_contract_price_tiers_and_details(client, uk):
    tree = page(client.get(f"/shop/{uk}/product/LAP-100"))
    assert texts(tree, "//h1") == ["ThinkPad T14 Gen 4 notebook, 14 inch"]
    assert [field(tree, name) for name in (
        "manufacturer", "manufacturer_part_id", "sku", "unspsc", "unit", "lead_time",
        "long_description", "price_kind", "unit_price", "contract_name", "contract_level",
        "contract_validity",
    )] == [
        "Lenovo", "21HD-0042UK", "LAP-100", "43211503", "piece (C62)", "5 working days",
        "Intel Core i7, 32 GB RAM, 1 TB SSD.", "Contract price", "£1,234.50",
        "Northwind UK framework agreement", "Gold", "1 January 2020 to 31 December 2099",
    ]  # fmt: skip
    assert texts(tree, "//table[@data-tiers]/tbody/tr") == [
        "from 1 £1,234.50",
        "from 10 £1,199.00",
        "from 50 £1,150.00",
    ]
    form = tree.xpath('//form[@class="add"]')[0]
    assert form.get("action") == f"/shop/{uk}/cart/add"
    assert form.xpath('.//input[@name="quantity"]/@value') == ["1"]


@pytest.mark.parametrize(
    ("language", "days", "shown"),
    [
        ("en", 1, "1 working day"),
        ("en", 0, "0 working days"),
        ("fr", 1, "1 jour ouvré"),
        ("fr", 0, "0 jour ouvré"),  # French counts 0 as one too (CLDR)
        ("fr", 2, "2 jours ouvrés"),
        ("de", 1, "1 Werktag"),
        ("de", 0, "0 Werktage"),
    ],
)
def test_a_lead_time_of_one_day_is_singular(app, client, catalog, db, language, days, shown):
    with db.transaction() as session:
        session.scalars(select(Product).where(Product.sku == "LAP-100")).one().lead_time_days = days
    token = start(client, punch_out(app, catalog.uk_id, catalog.uk_partner_id, language=language))
    tree = page(client.get(f"/shop/{token}/product/LAP-100"))
    assert field(tree, "lead_time") == shown


def test_off_contract_product_shows_the_list_price(client, uk):
    tree = page(client.get(f"/shop/{uk}/product/CAB-6"))  # its only contract expired in 2019
    assert (field(tree, "price_kind"), field(tree, "unit_price")) == ("List price", "£4.20")
    assert not tree.xpath('//*[@data-field="contract_name"]') and not tree.xpath("//table")


@pytest.mark.parametrize("sku", ["ACR-1", "EUR-7", "OLD-1", "NOPE"])
def test_products_the_entity_cannot_buy_have_no_page(client, uk, sku):
    response = client.get(f"/shop/{uk}/product/{sku}")
    assert response.status_code == 404
    assert sku in texts(page(response), "//*[@data-message]")[0]
    # the session itself is fine: the way back to the catalog stays
    (back,) = page(response).xpath("//main//a")
    assert (back.get("href"), back.text_content()) == (f"/shop/{uk}/", "Catalog")


def test_french_session_sees_french_texts_and_euro_amounts(app, client, catalog):
    token = fr_shop(app, client, catalog)
    tree = page(client.get(f"/shop/{token}/product/LAP-100"))
    assert tree.get("lang") == "fr"
    assert texts(tree, "//h1") == ["Ordinateur portable ThinkPad T14 Gen 4, 14 pouces"]
    assert field(tree, "unit_price") == f"1{NNBSP}399,90{NBSP}€"
    assert field(tree, "contract_validity") == "du 1 janvier 2020 au 31 décembre 2099"
    assert field(tree, "contract_level") == "Or"
    assert texts(tree, "//table[@data-tiers]/tbody/tr") == [
        f"à partir de 1 1{NNBSP}399,90{NBSP}€",
        f"à partir de 10 1{NNBSP}349,00{NBSP}€",
        f"à partir de 100 1{NNBSP}234,50{NBSP}€",
    ]
    assert texts(tree, '//button[@type="submit"][@class="primary"]') == ["Ajouter au panier"]


@pytest.mark.parametrize(
    ("language", "names"),
    [
        # no French name for cables: the English one; in reading order, "Écrans" among the E
        ("fr", ["Cables and adapters", "Cartouches de toner", "Écrans", "office",
                "Ordinateurs portables", "paper"]),
        # no German name for toner: the English one
        ("de", ["Cables and adapters", "Monitore", "Notebooks", "office", "paper",
                "Toner cartridges"]),
    ],
)  # fmt: skip
def test_category_names_follow_the_session_language(app, client, catalog, language, names):
    token = fr_shop(app, client, catalog, language=language)
    landing = page(client.get(f"/shop/{token}/"))
    assert texts(landing, '//a[contains(@href, "/category/")]') == names
    product = page(client.get(f"/shop/{token}/product/LAP-100"))
    (crumb,) = product.xpath('//nav[@class="crumbs"]/a[contains(@href, "/category/")]')
    assert crumb.get("href") == f"/shop/{token}/category/notebooks"
    assert crumb.text_content() == {"fr": "Ordinateurs portables", "de": "Notebooks"}[language]
    heading = texts(page(client.get(f"/shop/{token}/category/toner")), "//h1")
    assert heading == {"fr": ["Catégorie : Cartouches de toner"],
                       "de": ["Kategorie: Toner cartridges"]}[language]  # fmt: skip


def test_german_session_formats_with_dots_and_commas(app, client, catalog):
    token = fr_shop(app, client, catalog, language="de")
    tree = page(client.get(f"/shop/{token}/product/LAP-100"))
    assert texts(tree, "//h1") == ["Notebook ThinkPad T14 Gen 4, 14 Zoll"]
    assert field(tree, "unit_price") == f"1.399,90{NBSP}€"
    assert texts(tree, "//table[@data-tiers]/tbody/tr")[2] == f"ab 100 1.234,50{NBSP}€"
    assert field(tree, "contract_validity") == "1. Januar 2020 bis 31. Dezember 2099"


def test_listed_from_the_first_contract_floor(app, client, catalog):
    token = fr_shop(app, client, catalog)
    tree = page(client.get(f"/shop/{token}/search", query_string={"q": "papier"}))
    assert listed(tree) == ["PAP-A4"]
    assert texts(tree, "//*[@data-price]") == [f"3,85{NBSP}€"]
    assert tree.xpath('//li[@data-sku="PAP-A4"]//input[@name="quantity"]/@value') == ["5"]
    assert "Quantité minimale de commande : 5" in texts(tree, '//*[@class="price-note"]')


def test_pages_may_be_framed_only_by_the_partners_origins(client, uk):
    response = client.get(f"/shop/{uk}/")
    policy = response.headers["Content-Security-Policy"]
    assert policy.endswith(
        "; frame-ancestors 'self' https://buyer.example.com:* https://s1.ariba.com:8443 "
        "https://*.coupahost.com"
    )  # a prefix without a port admits any port of its host, and so does its source
    assert "default-src 'self'" in policy  # SAPEVENT:POST contributes nothing
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_unknown_session_gets_a_clear_404_page(client, catalog):
    response = client.get("/shop/not-a-real-token/cart")
    assert response.status_code == 404
    assert texts(page(response), "//*[@data-message]") == ["Unknown punch-out session."]
    assert response.headers["Content-Security-Policy"].endswith("frame-ancestors *")


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"state": "transferred"}, "closed (transferred)"),
        ({"expires_at": datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)}, "has expired"),
    ],
)
def test_closed_or_expired_session_gets_410(client, uk, db, change, words):
    with db.transaction() as session:
        row = session.scalar(
            select(PunchOutSession).where(PunchOutSession.token_hash == token_hash(uk))
        )
        for name, value in change.items():
            setattr(row, name, value)
    response = client.get(f"/shop/{uk}/")
    assert response.status_code == 410
    assert words in texts(page(response), "//*[@data-message]")[0]
    assert not page(response).xpath("//main//a")  # no catalog to go back to
    assert (
        "frame-ancestors 'self' https://buyer.example.com"
        in (response.headers["Content-Security-Policy"])
    )


def test_expired_start_link_gets_410(app, client, catalog, db):
    start_token = punch_out(app, catalog.uk_id, catalog.uk_partner_id)
    with db.transaction() as session:
        row = session.scalar(
            select(PunchOutSession).where(
                PunchOutSession.start_token_hash == token_hash(start_token)
            )
        )
        row.expires_at = datetime.datetime(2020, 1, 1, tzinfo=datetime.UTC)
    response = client.get(f"/punchout/start/{start_token}")
    assert response.status_code == 410
    assert "expired" in texts(page(response), "//*[@data-message]")[0]
