"""CIF 3.0 writer: golden files, quoting, charset, ITEMCOUNT with streamed and skipped rows."""

import csv
import datetime
import io
import pathlib
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from catalog_export import CIF_FIELDNAMES
from catalog_export import CatalogItem
from catalog_export import DeletedItem
from catalog_export import InvalidCatalogValue
from catalog_export import compare_snapshots
from catalog_export import item_digest
from catalog_export import validate_file
from catalog_export import write_cif
from catalog_export.cif import _format_texts
from catalog_export.cif import format_cif_field

FIXTURES = pathlib.Path(__file__).resolve().parents[1] / "fixtures" / "catalog_export"
CEST = datetime.timezone(datetime.timedelta(hours=2))


class OneWayPipe(io.RawIOBase):
    """An output that cannot seek, like a pipe or an HTTP body."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)


def cif_bytes(header, rows) -> tuple[bytes, object]:
    out = io.BytesIO()
    result = write_cif(header, iter(rows), out)
    return out.getvalue(), result


def data_rows(content: bytes, codec: str = "utf-8") -> list[list[str]]:
    lines = content.decode(codec).split("\r\n")
    start = lines.index("DATA") + 1
    end = lines.index("ENDOFDATA")
    return list(csv.reader(lines[start:end]))


def test_full_catalog_matches_golden_file(header, items):
    content, result = cif_bytes(header, items)
    assert content == (FIXTURES / "catalog.cif").read_bytes()
    assert result.item_count == 4
    assert result.skipped == ()


def test_rows_read_back_field_by_field(header, items):
    content, _ = cif_bytes(header, items)
    rows = [dict(zip(CIF_FIELDNAMES, row, strict=True)) for row in data_rows(content)]
    first = rows[0]
    assert first["Supplier ID"] == "AN01000000001"
    assert first["Item Description"] == 'Kugelschreiber mit "Soft-Grip" Packung à 10 Stück'
    assert first["Short Name"] == "Kugelschreiber, blau"
    assert first["Unit Price"] == "4.95"
    assert first["Lead Time"] == "2"
    assert rows[1]["Unit Price"] == "0.0125"
    assert rows[2]["Short Name"] == "Ordner „Classic“ 8 cm"
    assert rows[3]["PunchOut Enabled"] == "TRUE"
    assert rows[3]["PunchoutLevel"] == "product"
    assert rows[3]["Supplier URL"] == "https://shop.example.com/punchout?item=P-2001&lang=de"
    assert rows[3]["Supplier Part Auxiliary ID"] == "CFG"


def test_itemcount_counts_only_written_rows_when_some_are_skipped(header, items):
    dollars = CatalogItem(
        supplier_part_id="P-USD",
        description="priced in dollars",
        unspsc="44121704",
        unit_of_measure="EA",
        unit_price=Decimal("1.00"),
        currency="USD",
    )
    content, result = cif_bytes(header, [*items, dollars])
    assert b"ITEMCOUNT: 4\r\n" in content
    assert [(s.supplier_part_id, s.reason) for s in result.skipped] == [
        ("P-USD", "price in USD, the export is in EUR")
    ]
    assert validate_file(io.BytesIO(content)).ok


def test_latin1_charset_writes_latin1_bytes_and_skips_what_it_cannot_encode(items, header_with):
    header = header_with(charset="8859_1")
    content, result = cif_bytes(header, items)
    assert b"CHARSET: 8859_1\r\n" in content
    assert "Büroklammer".encode("latin-1") in content
    assert [s.supplier_part_id for s in result.skipped] == ["P-1003"]  # „“ are not Latin-1
    assert b"ITEMCOUNT: 3\r\n" in content
    report = validate_file(io.BytesIO(content))
    assert report.ok
    assert report.codes() == {"charset-java-name"}


def test_non_seekable_output_gets_the_same_bytes(header, items):
    pipe = OneWayPipe()
    write_cif(header, iter(items), pipe)
    assert b"".join(pipe.chunks) == (FIXTURES / "catalog.cif").read_bytes()


def test_empty_catalog_is_valid_with_itemcount_zero(header):
    content, result = cif_bytes(header, [])
    assert result.item_count == 0
    assert b"ITEMCOUNT: 0\r\nTIMESTAMP" in content
    assert content.endswith(b"DATA\r\nENDOFDATA\r\n")
    assert validate_file(io.BytesIO(content)).ok


def test_deleted_item_in_a_full_export_is_skipped(header, items):
    _, result = cif_bytes(header, [*items, DeletedItem(supplier_part_id="P-0999")])
    assert result.item_count == 4
    assert result.skipped[0].reason == "a deleted item in a full (LOADMODE F) export"


def test_header_text_outside_the_charset_is_refused(items, header_with):
    header = header_with(charset="US-ASCII")
    with pytest.raises(InvalidCatalogValue):
        cif_bytes(header, items)


def test_incremental_export_after_price_change_addition_and_removal(items, header_with):
    earlier = [item for item in items if item.supplier_part_id != "P-2001"]
    earlier[0] = CatalogItem(**{**_fields(earlier[0]), "unit_price": Decimal("5.10")})
    gone = CatalogItem(**{**_fields(earlier[1]), "supplier_part_id": "P-0999"})
    previous = {item.supplier_part_id: item_digest(item) for item in [*earlier, gone]}
    header = header_with(
        load_mode="I",
        generated_at=datetime.datetime(2024, 6, 1, 9, 30, tzinfo=CEST),
        comments="Änderungen seit Export 41",
    )
    changes = compare_snapshots(previous, iter(items))
    content, result = cif_bytes(header, (change.row for change in changes))
    assert content == (FIXTURES / "incremental.cif").read_bytes()
    assert result.item_count == 3
    report = validate_file(io.BytesIO(content))
    assert report.ok, [str(p) for p in report.problems]


def _fields(item: CatalogItem) -> dict:
    return {name: getattr(item, name) for name in item.__dataclass_fields__}


@given(st.text(alphabet=st.characters(exclude_categories=("Cs",)), max_size=40))
def test_any_text_survives_quoting_except_line_breaks(text):
    field = format_cif_field(text)
    assert "\n" not in field and "\r" not in field
    (parsed,) = csv.reader([field])
    expected = text.replace("\r\n", " ")
    for mark in "\r\n\v\f\x85\u2028\u2029":
        expected = expected.replace(mark, " ")
    assert parsed == ([expected] if field else [])


# Texts that hit every branch of the row formatter: commas, quotes, edge and inner spaces of
# several kinds, line breaks, unprintable characters.
tricky_texts = st.text(alphabet=st.sampled_from('ab ,"\t\n\r\x0b\x85\xa0\u2028é'), max_size=8)


@given(st.lists(tricky_texts, min_size=8, max_size=8))
def test_row_texts_are_formatted_as_field_by_field(texts):
    assert _format_texts(list(texts)) == [format_cif_field(text) for text in texts]


def test_texts_are_cut_to_the_cif_lengths_as_bmecat_cuts_them(header, tmp_path):
    """formats.md 3.2: Short Name at most 50 characters, Item Description 2000. Both were written
    whole, and `catalog validate` warned short-name-length for most of the demo catalog. As in
    BMEcat, the cut Short Name's whole text then opens the Item Description."""
    description = "Notebook HP ProBook 450 G10, Intel Core Ultra 7 155U, 8 GB RAM, 512 GB SSD"
    long_description = "Business-Notebook für mobiles Arbeiten, Garantie: 1 Jahr. " * 40
    notebook = CatalogItem(
        supplier_part_id="NB-450",
        description=description,
        long_description=long_description.strip(),
        unspsc="43211503",
        unit_of_measure="C62",
        unit_price=Decimal("899.00"),
        currency="EUR",
    )
    fits = CatalogItem(**{**_fields(notebook), "supplier_part_id": "NB-1", "description": "X" * 50})
    path = tmp_path / "long.cif"
    with path.open("wb") as out:
        write_cif(header, [notebook, fits], out)
    rows = [dict(zip(CIF_FIELDNAMES, row, strict=True)) for row in data_rows(path.read_bytes())]
    assert rows[0]["Short Name"] == "Notebook HP ProBook 450 G10, Intel Core Ultra 7\u2026"
    text = rows[0]["Item Description"]
    assert text.startswith(f"{description} Business-Notebook für mobiles Arbeiten, Garantie")
    # cut at the last space before the limit, the full stop before it left off
    assert text.endswith(" für mobiles Arbeiten, Garantie: 1 Jahr\u2026")
    assert len(text) == 1988
    assert rows[1]["Short Name"] == "X" * 50  # fits: whole, and not repeated in the description
    assert rows[1]["Item Description"].endswith(". Business-Notebook für\u2026")
    assert len(rows[1]["Item Description"]) == 1994
    report = validate_file(path)
    assert (report.ok, report.problems) == (True, ())


def test_a_charset_without_the_ellipsis_gets_three_dots(header_with):
    """ISO-8859-1 has no `…`: a cut text with one would have made the item unwritable."""
    item = CatalogItem(
        supplier_part_id="NB-450",
        description="Notebook HP ProBook 450 G10, Intel Core Ultra 7 155U, 8 GB RAM, 512 GB SSD",
        unspsc="43211503",
        unit_of_measure="C62",
        unit_price=Decimal("899.00"),
        currency="EUR",
    )
    content, result = cif_bytes(header_with(charset="ISO-8859-1"), [item])
    assert result.skipped == ()
    (row,) = data_rows(content, "latin-1")
    assert row[11] == "Notebook HP ProBook 450 G10, Intel Core Ultra 7..."  # 50: a word ends at 47
    assert row[3] == item.description  # the whole description: the long text it opens
