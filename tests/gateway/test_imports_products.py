"""`gateway import products`: the documented example file, idempotence, all-or-nothing, updates."""

import pathlib
from decimal import Decimal

import pytest
from sqlalchemy import select

from gateway.catalog import search_conditions
from gateway.imports import import_file
from gateway.imports import products
from gateway.models import Product
from gateway.models import ProductPrice
from gateway.models import ProductText

EXAMPLES = pathlib.Path(__file__).parents[2] / "docs" / "examples"
HEADER = "sku,manufacturer,category,unit,description_en,list_price_EUR,cost_EUR\n"


def snapshot(db) -> dict:
    """Every product with its texts and prices, as plain values keyed by SKU."""
    with db.transaction() as session:
        result = {}
        for product in session.scalars(select(Product).order_by(Product.sku)):
            fields = {c.key: getattr(product, c.key) for c in Product.__table__.c if c.key != "id"}
            fields["texts"] = {
                t.language: (t.description, t.long_description)
                for t in session.scalars(select(ProductText).filter_by(product_id=product.id))
            }
            fields["prices"] = {
                p.currency: (p.list_price, p.cost)
                for p in session.scalars(select(ProductPrice).filter_by(product_id=product.id))
            }
            result[product.sku] = fields
        return result


def write(tmp_path, text: str, name: str = "products.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_text(text, encoding=encoding, newline="")
    return path


def test_example_file_is_imported_field_by_field(db):
    report = import_file(db, "products", EXAMPLES / "products.csv")
    assert report.summary() == "products.csv: 7 inserted, 0 updated, 0 unchanged, 0 rejected"
    stored = snapshot(db)
    assert list(stored) == [
        "CB-4001",
        "HW-1001",
        "HW-1002",
        "HW-1003",
        "SV-3001",
        "SW-2001",
        "SW-2002",
    ]
    x1 = stored["HW-1001"]
    assert {k: v for k, v in x1.items() if k not in ("texts", "prices")} == {
        "sku": "HW-1001",
        "manufacturer": "Lenovo",
        "search_maker": "lenovo",
        "manufacturer_part_id": "21HM004HFR",
        "publisher": "",
        "category": "laptops",
        "unspsc": "43211503",
        "unit": "C62",
        "language": "",
        "lead_time_days": 5,
        "active": True,
    }
    assert x1["texts"] == {
        "en": (
            'ThinkPad X1 Carbon Gen 11, 14", i7, 32 GB',
            "Business ultrabook with a 14-inch WUXGA screen and three-year on-site warranty.",
        ),
        "fr": ('ThinkPad X1 Carbon Gen 11, 14", i7, 32 Go', ""),
        "de": ('ThinkPad X1 Carbon Gen 11, 14", i7, 32 GB', ""),
    }
    assert x1["prices"] == {
        "EUR": (Decimal("1899.00"), Decimal("1450.00")),
        "GBP": (Decimal("1649.00"), Decimal("1260.00")),
    }
    cable = stored["CB-4001"]
    assert (cable["unit"], cable["active"], cable["lead_time_days"]) == ("MTR", False, 10)
    assert cable["prices"]["EUR"] == (Decimal("0.8450"), Decimal("0.3120"))
    assert all(isinstance(v, Decimal) for pair in cable["prices"].values() for v in pair)
    service = stored["SV-3001"]
    assert (service["lead_time_days"], service["manufacturer_part_id"]) == (None, "")
    office = stored["SW-2001"]
    assert (office["publisher"], office["language"], office["unit"]) == ("Microsoft", "fr", "ANN")
    assert set(office["texts"]) == {"en", "fr"}
    assert set(office["prices"]) == {"EUR"}


@pytest.mark.parametrize(
    ("query", "skus"),
    [("ecran", ["HW-1002"]), ("ÉCRAN DELL", ["HW-1002"]), ("Écrans", [])],
)
def test_imported_descriptions_are_searched_without_case_or_accents(db, query, skus):
    import_file(db, "products", EXAMPLES / "products.csv")  # "Écran Dell P2422H 24 pouces"
    with db.transaction() as session:
        found = session.scalars(select(Product.sku).where(*search_conditions(query)))
        assert sorted(found) == skus


def test_a_changed_manufacturer_is_searched_by_its_new_name(db, tmp_path):
    import_file(db, "products", EXAMPLES / "products.csv")
    query = select(Product.sku).where(*search_conditions("TELEGARTNER"))
    with db.transaction() as session:
        assert list(session.scalars(query)) == []
    renamed = write(
        tmp_path,
        "sku,manufacturer,category,unit,description_en\n"
        "HW-1002,Telegärtner,monitors,C62,Dell P2422H 24-inch monitor\n",
    )
    assert import_file(db, "products", renamed).updated == 1
    with db.transaction() as session:
        assert list(session.scalars(query)) == ["HW-1002"]


def test_the_same_file_twice_changes_nothing(db):
    import_file(db, "products", EXAMPLES / "products.csv")
    before = snapshot(db)
    report = import_file(db, "products", EXAMPLES / "products.csv")
    assert report.summary() == "products.csv: 0 inserted, 0 updated, 7 unchanged, 0 rejected"
    assert snapshot(db) == before


def test_one_bad_row_among_good_ones_applies_nothing(db, tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "A-1,Acme,tools,EA,Hammer,12.50,8\n"
        + "A-2,Acme,tools,EA,Saw,12.5O,8\n"
        + "A-3,Acme,tools,EA,Drill,99,70\n",
    )
    report = import_file(db, "products", path)
    assert [str(p) for p in report.problems] == [
        "products.csv:3: list_price_EUR: '12.5O' is not a decimal number"
    ]
    assert (report.rows, report.rejected, report.applied) == (3, 1, False)
    assert report.summary() == (
        "products.csv: 0 inserted, 0 updated, 0 unchanged, 1 rejected"
        " (3 rows read; nothing applied)"
    )
    assert snapshot(db) == {}


def test_every_bad_cell_of_every_row_is_reported(db, tmp_path):
    path = write(
        tmp_path,
        "sku,manufacturer,category,unit,unspsc,lead_time_days,active,description_en,"
        "long_description_fr,list_price_EUR,cost_GBP\n"
        "B-1,Acme,tools,each,4321,-1,maybe,Hammer,,1.23456,\n"
        ",,tools,EA,,,,,Marteau,,-3\n"
        "B-3,Acme,tools,EA,,,,Saw,,,\n",
    )
    report = import_file(db, "products", path)
    assert [(p.row, p.column, p.reason) for p in report.problems] == [
        (2, "unspsc", "'4321' is not an 8-digit UNSPSC code"),
        (2, "unit", "'each' is not a UN/CEFACT Rec. 20 unit code"),
        (2, "lead_time_days", "'-1' is not a whole number from 0 to 3650"),
        (2, "active", "'maybe' is not true or false (also yes/no, 1/0)"),
        (2, "list_price_EUR", "1.23456 has more than 4 decimals"),
        (3, "manufacturer", "is required"),
        (3, "sku", "is required"),
        (3, "description_fr", "is required when a long description is given"),
        (3, "description_en", "a product needs a description in some language"),
        (3, "cost_GBP", "-3 is negative"),
    ]
    assert report.rejected == 2
    assert snapshot(db) == {}


def test_an_update_replaces_the_columns_the_file_has_and_keeps_the_others(db, tmp_path):
    import_file(db, "products", EXAMPLES / "products.csv")
    before = snapshot(db)
    path = write(
        tmp_path,
        "sku,manufacturer,category,unit,description_en,description_fr,list_price_EUR,cost_EUR\n"
        "HW-1002,Dell,monitors,C62,Dell P2422H 24-inch monitor,,209.90,161.25\n"
        "HW-1003,Logitech,keyboards,EA,Logitech MX Keys keyboard,Clavier Logitech MX Keys,"
        "119.99,82.10\n"
        "HW-9999,Acme,tools,EA,New product,,,\n",
    )
    report = import_file(db, "products", path)
    assert (report.inserted, report.updated, report.unchanged) == (1, 1, 1)
    after = snapshot(db)
    monitor = after["HW-1002"]
    assert monitor["texts"] == {
        "en": ("Dell P2422H 24-inch monitor", ""),
        "de": ("Dell P2422H 24-Zoll-Monitor", ""),  # no description_de column: kept
    }
    assert monitor["prices"] == {
        "EUR": (Decimal("209.90"), Decimal("161.25")),
        "GBP": (Decimal("189.90"), Decimal("139.00")),  # no GBP column: kept
    }
    assert after["HW-1003"] == before["HW-1003"]
    assert after["HW-9999"]["prices"] == {}
    assert {sku: after[sku] for sku in before if sku not in ("HW-1002",)} == {
        sku: value for sku, value in before.items() if sku != "HW-1002"
    }


def test_a_sku_named_twice_is_rejected_with_both_rows(db, tmp_path, monkeypatch):
    monkeypatch.setattr(products, "CHUNK", 2)
    lines = [f"D-{n},Acme,tools,EA,Item {n},1,1\n" for n in range(1, 7)]
    lines.insert(5, "D-2,Acme,tools,EA,Item 2 again,1,1\n")  # another chunk than row 3
    lines.insert(2, "D-1,Acme,tools,EA,Item 1 again,1,1\n")  # the same chunk as row 2
    report = import_file(db, "products", write(tmp_path, HEADER + "".join(lines)))
    assert [str(p) for p in report.problems] == [
        "products.csv:4: sku: 'D-1' appears again (first on row 2)",
        "products.csv:8: sku: 'D-2' appears again (first on row 3)",
    ]
    assert report.rejected == 2
    assert snapshot(db) == {}


@pytest.mark.parametrize(
    ("header", "message"),
    [
        (
            "sku,manufacturer,category,unit,description_en,colour,list_price_XXX\n",
            "products.csv: header: unknown column 'colour'; unknown column 'list_price_XXX'",
        ),
        (
            "sku,manufacturer,unit,description_en,SKU\n",
            "products.csv: header: column 'sku' appears twice; missing required column 'category'",
        ),
        (
            "sku,manufacturer,category,unit,list_price_EUR\n",
            "products.csv: header: missing a description_<language> column (one at least)",
        ),
        (  # every fault at once, the missing description column among them
            "sku,manufacturer,unit,long_description_en\n",
            "products.csv: header: missing required column 'category'; "
            "missing a description_<language> column (one at least)",
        ),
    ],
)
def test_header_faults_are_named_and_nothing_is_read(db, tmp_path, header, message):
    from gateway.imports import HeaderError

    path = write(tmp_path, header + "A,B,C,EA,D\n")
    with pytest.raises(HeaderError) as raised:
        import_file(db, "products", path)
    assert str(raised.value) == message
    assert snapshot(db) == {}


def test_a_key_written_meanwhile_by_someone_else_applies_nothing(db, monkeypatch):
    """Another process inserts HW-1002 between our look-up and our insert (simulated in the same
    transaction): the database refuses, the import says so and nothing stays."""
    from gateway.imports import ConcurrentChange

    looked_up = products._children

    def meanwhile(session, ids, coverage):
        session.execute(
            Product.__table__.insert().values(
                sku="HW-1002", manufacturer="Other", category="x", unit="EA"
            )
        )
        return looked_up(session, ids, coverage)

    monkeypatch.setattr(products, "_children", meanwhile)
    with pytest.raises(ConcurrentChange, match=r"^products\.csv: the database changed"):
        import_file(db, "products", EXAMPLES / "products.csv")
    assert snapshot(db) == {}


def test_digits_of_other_scripts_are_refused_like_any_other_bad_cell(cli, db, tmp_path):
    """`\\d` and str.isdigit take "²", "５" and Arabic-Indic digits for digits: a lead time "²"
    crashed the import (int() refuses it), and a UNSPSC code or a price in Arabic-Indic digits
    was stored, to be skipped later by every catalog export. Only ASCII digits are digits."""
    path = write(
        tmp_path,
        "sku,manufacturer,category,unit,unspsc,lead_time_days,description_en,list_price_EUR\n"
        "U-1,Acme,tools,EA,43211507,\u00b2,Hammer,12.50\n"
        "U-2,Acme,tools,EA,\u0664\u0663\u0662\u0661\u0661\u0665\u0660\u0667,\uff15,Saw,"
        "\u0661\u0662.\u0665\n",
    )
    result = cli("import", "products", str(path))
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "products.csv:2: lead_time_days: '\u00b2' is not a whole number from 0 to 3650",
        "products.csv:3: unspsc: '\u0664\u0663\u0662\u0661\u0661\u0665\u0660\u0667'"
        " is not an 8-digit UNSPSC code",
        "products.csv:3: lead_time_days: '\uff15' is not a whole number from 0 to 3650",
        "products.csv:3: list_price_EUR: '\u0661\u0662.\u0665' is not a decimal number",
    ]
    assert snapshot(db) == {}


def test_a_character_xml_cannot_carry_is_refused_naming_it(cli, db, tmp_path):
    """A vertical tab (U+000B) in a description was stored, then every catalog writer skipped or
    mangled the product: the catalogs and cXML documents are XML 1.0, which cannot carry it."""
    path = write(
        tmp_path,
        "sku,manufacturer,category,unit,description_de,long_description_de\n"
        "V-1,Acme,tools,EA,Hammer\vgro\u00df,\n"
        "V-2,Ac\x1fme,tools,EA,S\u00e4ge,Lang\ufffe\n"
        'V-3,Acme,tools,EA,"Tab\tand\nline break are fine",\n',
    )
    result = cli("import", "products", str(path))
    assert result.exit_code == 1
    reason = "is not allowed in XML 1.0: catalogs and cXML documents cannot carry it"
    assert result.stderr.splitlines() == [
        f"products.csv:2: description_de: character U+000B {reason}",
        f"products.csv:3: manufacturer: character U+001F {reason}",
        f"products.csv:3: long_description_de: character U+FFFE {reason}",
    ]
    assert snapshot(db) == {}
