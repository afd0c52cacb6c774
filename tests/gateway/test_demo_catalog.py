"""The demo catalogue generator on its own: seeded, realistic, priced in integer cents."""

from decimal import Decimal

from hypothesis import given
from hypothesis import settings
from hypothesis import strategies as st

from gateway.demo import generate_products
from gateway.demo.catalog import DemoPrice
from gateway.demo.catalog import all_families

# UNSPSC commodity per category family, checked by hand against the UNSPSC code list.
UNSPSC = {
    "NB": "43211503",  # Notebook computers
    "PC": "43211507",  # Desktop computers
    "MO": "43211902",  # Liquid crystal display LCD panels or monitors
    "DK": "43211602",  # Docking stations
    "KB": "43211706",  # Keyboards
    "MS": "43211708",  # Computer mouse or trackballs
    "HS": "43191609",  # Phone headsets
    "CB": "43202222",  # Computer cable
    "PT": "43223303",  # Datacom patch cord
    "IC": "26121609",  # Network cable
    "SD": "43201830",  # Solid state drive SSD
    "HD": "43201803",  # Hard disk drives
    "UF": "43202010",  # Pen or flash drive
    "SW": "43222612",  # Network switches
    "AP": "43222640",  # Wireless access point
    "LP": "43212105",  # Laser printers
    "MF": "43212110",  # Multi function printers
    "TN": "44103103",  # Printer or facsimile toner
    "IN": "44103105",  # Ink cartridges
    "SO": "43231513",  # Office suite software
    "LO": "43231513",
    "OS": "43233004",  # Operating system software
    "SE": "43233205",  # Transaction security and virus protection software
    "CA": "43232604",  # Computer aided design CAD software
    "CR": "43232102",  # Graphics or photo imaging software
    "PD": "43232202",  # Document management software
    "DB": "43232304",  # Data base management system software
}

PRODUCTS = list(generate_products(3000))


def test_every_family_carries_its_unspsc_commodity_and_the_sku_prefix_names_it():
    assert {f.code: f.unspsc for f in all_families()} == UNSPSC
    for product in PRODUCTS:
        assert product.unspsc == UNSPSC[product.sku[:2]], product.sku


def test_the_first_product_is_pinned():
    first = PRODUCTS[0]
    assert (first.sku, first.manufacturer, first.manufacturer_part_id) == (
        "PC-0000001",
        "HP",
        "6X853EA",
    )
    assert (first.category, first.unspsc, first.unit, first.language) == (
        "desktops",
        "43211507",
        "C62",
        "",
    )
    assert [t.description for t in first.texts] == [
        "HP Pro Mini 400 G9 desktop computer, Intel Core i3-14100T, 32 GB RAM, 2 TB SSD, "
        "Windows 11 Pro",
        "Ordinateur de bureau HP Pro Mini 400 G9, Intel Core i3-14100T, 32 Go de RAM, SSD 2 To, "
        "Windows 11 Pro",
        "Desktop-PC HP Pro Mini 400 G9, Intel Core i3-14100T, 32 GB RAM, 2 TB SSD, Windows 11 Pro",
    ]
    assert first.texts[1].long_description.startswith(
        "Ordinateur de bureau compact, garantie 3 ans sur site ;"
    )
    # 690 + (-90) i3 + 160 (32 GB) + 290 (2 TB) = 1,050 EUR before the seeded spread; EUR only.
    assert first.prices == (
        DemoPrice(currency="EUR", list_price=Decimal("1047.00"), cost=Decimal("833.41")),
    )


@settings(max_examples=25, deadline=None)
@given(st.integers(min_value=1, max_value=400), st.integers(min_value=0, max_value=2**31))
def test_a_smaller_run_is_a_prefix_of_a_larger_one_and_seeds_differ(count, seed):
    assert list(generate_products(count)) == PRODUCTS[:count]
    assert list(generate_products(count, seed)) == list(generate_products(count, seed))


def test_prices_are_two_place_decimals_with_cost_below_list():
    for product in PRODUCTS:
        assert product.prices[0].currency == "EUR"
        for price in product.prices:
            assert isinstance(price.list_price, Decimal)
            assert price.list_price.as_tuple().exponent == -2
            assert Decimal("0") < price.cost < price.list_price, product.sku
    eur_only = [p for p in PRODUCTS if p.price_in("GBP") is None]
    assert 0.05 < len(eur_only) / len(PRODUCTS) < 0.2


def test_units_follow_the_family_and_the_subscription_term():
    units = {}
    for product in PRODUCTS:
        units.setdefault(product.sku[:2], set()).add(product.unit)
    assert units["IC"] == {"MTR"}
    assert units["SO"] == units["SE"] == {"ANN", "MON"}
    assert units["NB"] == units["LO"] == {"C62"}
    for product in PRODUCTS:
        en = product.texts[0].description
        assert ("monthly subscription" in en) == (product.unit == "MON"), en


def test_texts_are_written_in_each_language():
    for product in PRODUCTS:
        en, fr, de = product.texts
        assert (en.language, fr.language, de.language) == ("en", "fr", "de")
        assert en.description[0].isupper() and fr.description[0].isupper()
        assert len({en.long_description, fr.long_description, de.long_description}) == 3
    notebook = next(p for p in PRODUCTS if p.category == "notebooks")
    assert notebook.texts[1].description.startswith("Ordinateur portable ")
    assert notebook.texts[2].description.startswith("Notebook ")
    french_edition = next(p for p in PRODUCTS if p.language == "fr")
    assert french_edition.texts[0].description.endswith("(French version)")
    assert french_edition.texts[2].description.endswith("(französische Version)")


def test_software_names_its_publisher_and_hardware_does_not():
    software = {f.category for f in all_families() if f.software}
    for product in PRODUCTS:
        if product.category in software:
            assert product.publisher == product.manufacturer
        else:
            assert product.publisher == ""
