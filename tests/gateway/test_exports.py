"""`gateway catalog export`: an entity's catalog at its contract prices, streamed into a writer,
written atomically, recorded for incremental exports; every file passes `catalog validate`."""

import dataclasses
import datetime
import pathlib
import shutil
import tempfile
from decimal import Decimal

import pytest
from lxml import etree
from openpyxl import load_workbook
from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy import update

import catalog_export
from gateway.app import settings_of
from gateway.exports import ExportError
from gateway.exports import ExportRequest
from gateway.exports import run_export
from gateway.models import BillingEntity
from gateway.models import CatalogExport
from gateway.models import CatalogExportItem
from gateway.models import CatalogPolicy
from gateway.models import PriceTier
from gateway.models import Product
from gateway.models import ProductPrice
from gateway.models import ProductText

from .catalog_data import TODAY
from .catalog_data import build
from .catalog_data import product
from .cli_support import error_of


@pytest.fixture
def out(tmp_path):
    """A folder of its own (the test's database lives in tmp_path)."""
    folder = tmp_path / "out"
    folder.mkdir()
    return folder


@pytest.fixture
def catalog(db):
    with db.transaction() as session:
        build(session)


def cif_rows(path: pathlib.Path) -> dict[str, list[str]]:
    import csv

    lines = path.read_text(encoding="utf-8").splitlines()
    data = lines[lines.index("DATA") + 1 : lines.index("ENDOFDATA")]
    return {row[1]: row for row in csv.reader(data)}


def header_value(path: pathlib.Path, name: str) -> str:
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(name + ":"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"no {name} header")


def test_cif_export_has_the_entity_prices_and_validates(app, db, catalog, out):
    target = out / "acme.cif"
    request = ExportRequest(entity_code="ACME-FR", format="cif", as_of=TODAY, output=target)
    summary = run_export(db, settings_of(app), request)
    assert (summary.written, sum(summary.skipped.values())) == (3, 0)
    rows = cif_rows(target)
    assert {sku: rows[sku][5] for sku in rows} == {
        "LAP-100": "899.00",  # contract fixed price from 1
        "MON-200": "296.91",  # 10 % off 329.90
        "CAB-300": "17.99",  # 10 % off 19.99 (Contoso)
    }
    assert rows["LAP-100"][11] == "Ordinateur portable ThinkPad T14"
    assert header_value(target, "ITEMCOUNT") == "3"
    assert header_value(target, "CURRENCY") == "EUR"
    assert header_value(target, "LOADMODE") == "F"
    report = catalog_export.validate_file(target)
    assert report.errors == ()
    assert [p.name for p in out.iterdir()] == ["acme.cif"]  # no temporary file left


def test_skips_are_counted_with_their_reason(app, db, catalog, out):
    with db.transaction() as session:  # no contract covers it, no list price in EUR
        session.add(
            product("KEY-500", "Logi", "keyboards", "43211706", {"fr": "Clavier"}, gbp=("9", "5"))
        )
    request = ExportRequest(entity_code="ACME-FR", format="cif", as_of=TODAY, folder=out)
    summary = run_export(db, settings_of(app), request)
    assert summary.written == 3
    assert summary.skipped == {"no_list_price": 1}
    assert summary.path == out / f"ACME-FR-{TODAY.isoformat()}.cif"
    assert "3 items written, 1 skipped (no_list_price 1)" in summary.line()


EMPTY = (
    "entity ACME-UK: no item to write (3 skipped: off_contract_hidden 3), so no file is written:"
    " loaded in full, an empty CIF would expire every item the buyer has, and BMEcat and cXML"
    " Index files need one item at least"
)


@pytest.mark.parametrize("fmt", sorted(catalog_export.WRITERS))
def test_an_empty_catalog_is_refused_in_every_format(catalog, cli, db, out, fmt):
    """ACME-UK has no contract and hides off-contract products: its catalog has no item. The
    BMEcat and Index files failed our own validator (`Index: Missing child element(s)`), and a
    CIF with LOADMODE F and ITEMCOUNT 0 would have expired the buyer's whole catalog."""
    target = out / "acme-uk.catalog"
    target.write_text("the previous catalog\n")
    result = cli(
        "catalog", "export", "--entity", "ACME-UK", "--format", fmt, "--output", str(target)
    )
    assert error_of(result) == EMPTY
    assert result.stdout == ""
    assert [p.name for p in out.iterdir()] == ["acme-uk.catalog"]  # no temporary left either
    assert target.read_text() == "the previous catalog\n"
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(CatalogExport)) == 0
        assert session.scalar(select(func.count()).select_from(CatalogExportItem)) == 0


def test_a_failed_export_leaves_no_file_and_no_record(app, db, catalog, out):
    target = out / "acme.cif"
    target.write_text("the previous catalog\n")
    request = ExportRequest(
        entity_code="ACME-FR", format="cif", as_of=TODAY, output=target, language="fr"
    )
    broken = ExportRequest(
        entity_code="ACME-FR", format="cif", as_of=TODAY, output=target, since_export=999
    )
    with pytest.raises(ExportError, match="--since-export: no earlier export 999"):
        run_export(db, settings_of(app), broken)
    past_any_id = dataclasses.replace(broken, since_export=2**63)  # was an OverflowError
    with pytest.raises(ExportError, match=f"--since-export: no earlier export {2**63} "):
        run_export(db, settings_of(app), past_any_id)
    assert target.read_text() == "the previous catalog\n"
    assert sorted(p.name for p in out.iterdir()) == ["acme.cif"]
    run_export(db, settings_of(app), request)
    assert header_value(target, "ITEMCOUNT") == "3"


def test_incremental_cif_has_changed_added_and_deleted_items(app, db, catalog, out):
    first = run_export(
        db,
        settings_of(app),
        ExportRequest(entity_code="ACME-FR", format="cif", as_of=TODAY, output=out / "full.cif"),
    )
    with db.transaction() as session:
        monitor = session.scalars(select(Product).where(Product.sku == "MON-200")).one()
        price = session.get(ProductPrice, (monitor.id, "EUR"))
        price.list_price = Decimal("349.90")  # 10 % off -> 314.91
        cable = session.scalars(select(Product).where(Product.sku == "CAB-300")).one()
        cable.active = False
        session.add(
            product(
                "DOC-400",
                "Lenovo",
                "docks",
                "43211511",
                {"fr": "Station d'accueil USB-C"},
                eur=("199.00", "120.00"),
            )
        )
    second = run_export(
        db,
        settings_of(app),
        ExportRequest(
            entity_code="ACME-FR",
            format="cif",
            as_of=TODAY,
            output=out / "delta.cif",
            since_export=first.export_id,
        ),
    )
    delta = out / "delta.cif"
    assert header_value(delta, "LOADMODE") == "I"
    rows = cif_rows(delta)
    assert set(rows) == {"MON-200", "DOC-400", "CAB-300"}
    assert rows["MON-200"][5] == "314.91"
    assert rows["DOC-400"][5] == "199.00"
    assert catalog_export.validate_file(delta).errors == ()
    assert second.written == 3
    # a further incremental against the second export sees nothing new
    third = run_export(
        db,
        settings_of(app),
        ExportRequest(
            entity_code="ACME-FR",
            format="cif",
            as_of=TODAY,
            output=out / "none.cif",
            since_export=second.export_id,
        ),
    )
    assert third.written == 0  # nothing changed: an incremental file without rows is harmless
    with db.transaction() as session:  # now nothing is offered: the catalog would be emptied
        for item in session.scalars(select(Product)):
            item.active = False
    emptied = ExportRequest(
        entity_code="ACME-FR",
        format="cif",
        as_of=TODAY,
        output=out / "emptied.cif",
        since_export=third.export_id,
    )
    with pytest.raises(
        ExportError, match=r"^entity ACME-FR: no item to write \(no active product\)"
    ):
        run_export(db, settings_of(app), emptied)
    assert not (out / "emptied.cif").exists()


@pytest.mark.parametrize("fmt", ["bmecat", "cxml"])
def test_xml_exports_validate(app, db, catalog, out, fmt):
    request = ExportRequest(entity_code="ACME-FR", format=fmt, as_of=TODAY, folder=out)
    summary = run_export(db, settings_of(app), request)
    assert summary.written == 3
    assert catalog_export.validate_file(summary.path).errors == ()


def test_export_cli_and_validate_cli(catalog, cli, out):
    target = out / "out.cif"
    day = (TODAY + datetime.timedelta(days=31)).isoformat()  # contract expired: list prices
    result = cli(
        "catalog",
        "export",
        "--entity",
        "ACME-FR",
        "--format",
        "cif",
        "--as-of",
        day,
        "--output",
        str(target),
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"catalog {target}: 3 items written, 0 skipped")
    # the instance's own identity is still the placeholder: the catalog names that supplier
    assert result.stderr == (
        "warning: GATEWAY_SUPPLIER_IDENTITY is not set: catalogs and documents name the"
        " supplier NetworkID:procurement-gateway, a placeholder; set it to your id at your"
        " buyers' network (an Ariba Network id, a DUNS number)\n"
    )
    assert cif_rows(target)["LAP-100"][5] == "1099.00"
    checked = cli("catalog", "validate", str(target))
    assert checked.exit_code == 0
    assert checked.output.splitlines()[-1] == f"{target}: cif, 3 items, 0 errors, 0 warnings"
    broken = out / "broken.cif"
    broken.write_text(target.read_text().replace("ITEMCOUNT: 3", "ITEMCOUNT: 4"))
    refused = cli("catalog", "validate", str(broken))
    assert refused.exit_code == 1
    assert "1 errors" in refused.output.splitlines()[-1]
    usage = cli("catalog", "export", "--format", "cif")
    assert usage.exit_code == 2 and "give either --entity CODE or --all-entities" in usage.output


def test_all_entities_writes_one_file_each_but_an_empty_one(catalog, cli, out):
    result = cli("catalog", "export", "--all-entities", "--format", "cxml", "--output", str(out))
    assert error_of(result) == EMPTY
    written = out / f"ACME-FR-{TODAY.isoformat()}.index.xml"
    assert result.stdout.startswith(f"catalog {written}: 3 items written")
    assert [p.name for p in out.iterdir()] == [written.name]
    assert catalog_export.validate_file(written).errors == ()


@pytest.mark.parametrize("code", ["../escaped", "{tmp}/abs", "sub/name"])
def test_an_entity_code_that_is_a_path_writes_no_file_outside_the_folder(
    catalog, cli, db, out, tmp_path, code, request
):
    """An entity stored before codes were checked on import: its file name, made of its code,
    would leave the output folder (`../escaped` next to it, an absolute path anywhere). The
    absolute one is short: a code is at most 32 characters on PostgreSQL."""
    short = pathlib.Path(tempfile.mkdtemp(prefix="gw", dir="/tmp"))
    request.addfinalizer(lambda: shutil.rmtree(short, ignore_errors=True))
    code = code.format(tmp=short)
    with db.transaction() as session:
        session.execute(
            update(BillingEntity).where(BillingEntity.code == "ACME-FR").values(code=code)
        )
    result = cli("catalog", "export", "--all-entities", "--format", "cif", "--output", str(out))
    assert result.exit_code == 1
    name = f"{code}-{TODAY.isoformat()}.cif"
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert sorted(errors) == sorted(
        [
            f"error: entity {code!r}: the file name {name!r} made of its code is not a plain"
            f" file name inside the output folder {out}, so no file is written",
            f"error: {EMPTY}",
        ]
    )
    assert list(tmp_path.rglob("*.cif")) == list(short.rglob("*.cif")) == []
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(CatalogExport)) == 0
    one = cli("catalog", "export", "--entity", code, "--format", "cif", "--output", str(out))
    assert error_of(one).startswith(f"entity {code!r}: the file name {name!r} made of its code")
    assert list(tmp_path.rglob("*.cif")) == list(short.rglob("*.cif")) == []


def test_tiers_are_priced_only_for_the_formats_that_carry_them(app, db, catalog, out):
    summaries = {
        fmt: run_export(
            db,
            settings_of(app),
            ExportRequest(entity_code="ACME-FR", format=fmt, as_of=TODAY, folder=out),
        )
        for fmt in ("cif", "xlsx")
    }
    sheet = load_workbook(summaries["xlsx"].path)["Catalog"]
    rows = list(sheet.iter_rows(values_only=True))
    laptop = dict(zip(rows[0], next(row for row in rows if row[0] == "LAP-100"), strict=True))
    assert (laptop["Unit Price"], laptop["Tier 1 Min Quantity"]) == (899, 10)
    assert laptop["Tier 1 Unit Price"] == 849
    # Each export records the digests of the items it wrote: the CIF's carry no tiers.
    with db.transaction() as session:
        digests = {
            (fmt, sku): digest
            for fmt, summary in summaries.items()
            for sku, digest in session.execute(
                select(CatalogExportItem.sku, CatalogExportItem.digest).where(
                    CatalogExportItem.export_id == summary.export_id
                )
            )
        }
    assert digests["cif", "LAP-100"] != digests["xlsx", "LAP-100"]
    assert digests["cif", "MON-200"] == digests["xlsx", "MON-200"]  # no quantity breaks


def test_an_output_folder_gets_the_file_under_its_usual_name(catalog, cli, out):
    result = cli(
        "catalog", "export", "--entity", "ACME-FR", "--format", "cif", "--output", str(out)
    )
    assert result.exit_code == 0, result.output
    written = out / f"ACME-FR-{TODAY.isoformat()}.cif"
    assert result.stdout.startswith(f"catalog {written}: 3 items written")
    assert [p.name for p in out.iterdir()] == [written.name]  # and no temporary left beside it
    assert len(cif_rows(written)) == 3


def test_a_language_no_product_has_texts_in_is_refused(app, db, catalog, out):
    request = ExportRequest(
        entity_code="ACME-FR", format="cif", as_of=TODAY, folder=out, language="xx"
    )
    with pytest.raises(ExportError) as refused:
        run_export(db, settings_of(app), request)
    assert (
        str(refused.value) == "language: no product has texts in 'xx'; the catalog has de, en, fr"
    )
    assert list(out.iterdir()) == []
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(CatalogExport)) == 0


def test_an_item_without_a_text_in_the_export_language_names_the_language_of_its_own(
    app, db, catalog, out
):
    with db.transaction() as session:
        monitor = session.scalars(select(Product).where(Product.sku == "MON-200")).one()
        session.execute(
            delete(ProductText).where(
                ProductText.product_id == monitor.id, ProductText.language == "fr"
            )
        )
    settings = settings_of(app)
    cif = run_export(db, settings, ExportRequest(entity_code="ACME-FR", format="cif",
                                                 as_of=TODAY, folder=out)).path  # fmt: skip
    rows = cif_rows(cif)
    assert {sku: row[12] for sku, row in rows.items()} == {
        "LAP-100": "fr",
        "MON-200": "en",  # the English text, said to be English
        "CAB-300": "en",  # the catalog has it in English only
    }
    assert rows["LAP-100"][11] == "Ordinateur portable ThinkPad T14"
    assert catalog_export.validate_file(cif).errors == ()
    index = run_export(db, settings, ExportRequest(entity_code="ACME-FR", format="cxml",
                                                   as_of=TODAY, folder=out)).path  # fmt: skip
    languages = {
        item.findtext(".//{*}SupplierPartID"): item.find(".//{*}Description").get(
            "{http://www.w3.org/XML/1998/namespace}lang"
        )
        for item in etree.parse(str(index)).iter("{*}IndexItemAdd")
    }
    assert languages == {"LAP-100": "fr", "MON-200": "en", "CAB-300": "en"}


def test_an_item_sold_from_a_minimum_quantity_is_never_offered_from_1(app, db, catalog, out):
    """ACME-FR buys laptops only under its contract, whose prices start at 5: BMEcat and the
    workbook say so (QUANTITY_MIN, LOWER_BOUND; the Minimum Quantity column); CIF and cXML
    Index have no such field and skip the item, naming why, rather than offer it from 1 and
    have the buyer's order of 1 refused."""
    laptops_from_five(db)
    summaries = {
        fmt: run_export(
            db,
            settings_of(app),
            ExportRequest(entity_code="ACME-FR", format=fmt, as_of=TODAY, folder=out),
        )
        for fmt in ("bmecat", "xlsx", "cif", "cxml")
    }
    reason = (
        "orderable from 5 only, and {} has no field for a minimum quantity"
        " (BMEcat and the workbook have)"
    )
    assert summaries["cif"].skipped == {reason.format("CIF"): 1}
    assert summaries["cxml"].skipped == {reason.format("a cXML Index"): 1}
    assert "LAP-100" not in cif_rows(summaries["cif"].path)
    assert (summaries["bmecat"].written, summaries["xlsx"].written) == (3, 3)
    tree = etree.parse(str(summaries["bmecat"].path))
    laptop = tree.xpath("//*[local-name()='PRODUCT'][.//*[local-name()='SUPPLIER_PID']='LAP-100']")[
        0
    ]
    values = {
        name: [Decimal(v) for v in laptop.xpath(f".//*[local-name()='{name}']/text()")]
        for name in ("QUANTITY_MIN", "LOWER_BOUND", "PRICE_AMOUNT")
    }
    assert values == {
        "QUANTITY_MIN": [5],
        "LOWER_BOUND": [5, 10],
        "PRICE_AMOUNT": [Decimal("899.00"), Decimal("849.00")],
    }
    rows = list(load_workbook(summaries["xlsx"].path)["Catalog"].iter_rows(values_only=True))
    sheet = {row[0]: dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    assert (sheet["LAP-100"]["Minimum Quantity"], sheet["LAP-100"]["Unit Price"]) == (5, 899)
    assert sheet["MON-200"]["Minimum Quantity"] is None
    for summary in summaries.values():
        assert catalog_export.validate_file(summary.path).errors == ()


def test_with_its_own_identity_set_the_export_warns_of_nothing(app, catalog, cli, out):
    app.extensions["gateway.settings"] = dataclasses.replace(
        settings_of(app), supplier_identity="AN01000000001"
    )
    result = cli(
        "catalog", "export", "--entity", "ACME-FR", "--format", "cif", "--output", str(out)
    )
    assert (result.exit_code, result.stderr) == (0, "")
    assert (
        header_value(out / f"ACME-FR-{TODAY.isoformat()}.cif", "SUPPLIERID_DOMAIN") == "NetworkID"
    )


def test_an_incremental_cif_deletes_an_item_that_gained_a_minimum_quantity(app, db, catalog, out):
    """LAP-100 was in the buyer's CIF from 1; its contract prices now start at 5 and CIF cannot
    say so: the next incremental deletes it, rather than leave it orderable from 1."""
    first = run_export(
        db,
        settings_of(app),
        ExportRequest(entity_code="ACME-FR", format="cif", as_of=TODAY, output=out / "full.cif"),
    )
    laptops_from_five(db)
    delta = out / "delta.cif"
    second = run_export(
        db,
        settings_of(app),
        ExportRequest(
            entity_code="ACME-FR",
            format="cif",
            as_of=TODAY,
            output=delta,
            since_export=first.export_id,
        ),
    )
    rows = cif_rows(delta)
    assert list(rows) == ["LAP-100"] and rows["LAP-100"][-1] == "TRUE"  # Delete
    assert second.skipped == {
        "orderable from 5 only, and CIF has no field for a minimum quantity"
        " (BMEcat and the workbook have)": 1
    }
    assert catalog_export.validate_file(delta).errors == ()


def laptops_from_five(db) -> None:
    """ACME-FR buys only under its contract, and the contract's laptop prices start at 5."""
    with db.transaction() as session:
        entity_id = session.scalar(select(BillingEntity.id).where(BillingEntity.code == "ACME-FR"))
        session.add(CatalogPolicy(entity_id=entity_id, off_contract="hidden"))
        session.execute(
            update(PriceTier)
            .where(PriceTier.min_quantity == 1, PriceTier.value == Decimal("899.00"))
            .values(min_quantity=Decimal(5))
        )


@pytest.mark.parametrize("fmt", ["bmecat", "cxml", "xlsx"])
def test_validate_cli_refuses_an_export_cut_short(catalog, cli, out, fmt):
    """`head -c` of an export (a broken download) is no catalog: XML cut short passed with
    0 errors, an XLSX one ended in a BadZipFile traceback."""
    exported = cli(
        "catalog", "export", "--entity", "ACME-FR", "--format", fmt, "--output", str(out)
    )
    assert exported.exit_code == 0, exported.output
    (written,) = out.iterdir()
    cut = out / f"cut-{written.name}"
    content = written.read_bytes()
    end = len(content) * 3 // 4
    if fmt != "xlsx":  # between two elements: libxml2 then reports nothing by itself
        end = content.rindex(b">", 0, end) + 1
    cut.write_bytes(content[:end])
    result = cli("catalog", "validate", str(cut))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    if fmt == "xlsx":
        assert error_of(result) == (f"{cut}: not a readable workbook: File is not a zip file")
    else:
        root = "BMECAT" if fmt == "bmecat" else "Index"
        first = result.output.splitlines()[0]
        line, message = first.split(": ", 1)
        assert message == (
            f"error: premature end of data: no </{root}> (file cut short?) [xml-truncated]"
        )
        # on the line of the last element read, the file's last line or just before it
        last = content[:end].count(b"\n") + 1
        assert line in (f"line {last}", f"line {last - 1}"), first
        assert ", 1 errors, 0 warnings" in result.output.splitlines()[-1]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "the file is empty"),
        (b"hello\n", "neither a CIF, an XLSX nor an XML catalog export"),
        (
            b"PK\x03\x04" + b"\x00" * 40,
            "not a readable workbook: File is not a zip file",
        ),
    ],
)
def test_validate_cli_names_a_file_that_is_no_catalog_in_one_line(cli, out, content, reason):
    path = out / "catalog.cif"
    path.write_bytes(content)
    result = cli("catalog", "validate", str(path))
    assert error_of(result) == f"{path}: {reason}"
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_validate_cli_names_an_xml_catalog_cut_after_its_header(cli, out):
    path = out / "header-only.xml"
    path.write_bytes(
        b'<?xml version="1.0"?><BMECAT version="2005"'
        b' xmlns="http://www.bmecat.org/bmecat/2005"><HEADER>'
    )
    result = cli("catalog", "validate", str(path))
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        "file: error: premature end of data: no </BMECAT> (file cut short?) [xml-truncated]",
        f"{path}: bmecat, 0 items, 1 errors, 0 warnings",
    ]


def export_to(cli, output: str):
    return cli("catalog", "export", "--entity", "ACME-FR", "--format", "cif", "--output", output)


def test_an_output_path_that_cannot_be_written_is_one_line_and_creates_nothing(
    catalog, cli, db, out
):
    """Tracebacks (FileExistsError, FileNotFoundError) before; a missing folder was created."""
    (out / "keep.cif").write_text("kept\n")
    missing = out / "nonexistent" / "dir"
    cases = {
        f"{out}/keep.cif/sub.cif": f"folder {out}/keep.cif is not a folder",
        f"{missing}/x.cif": f"folder {missing} does not exist",
        f"{out}/newdir/": f"folder {out}/newdir does not exist",
    }
    for output, reason in cases.items():
        result = export_to(cli, output)
        assert error_of(result) == f"--output {output}: {reason}"
        assert result.exit_code == 1 and "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == ["keep.cif"]  # no folder, no file
    assert (out / "keep.cif").read_text() == "kept\n"
    with db.transaction() as session:
        assert session.scalar(select(func.count()).select_from(CatalogExport)) == 0


def test_an_output_path_the_system_refuses_names_the_reason(catalog, cli):
    result = export_to(cli, "/proc/x.cif")
    message = error_of(result)
    assert message.startswith("--output /proc/x.cif: cannot write /proc/x.cif: "), message
    assert result.exit_code == 1 and "Traceback" not in result.output


def test_an_output_ending_in_a_separator_is_a_folder(catalog, cli, out):
    result = export_to(cli, f"{out}/")
    assert result.exit_code == 0, result.output
    assert [p.name for p in out.iterdir()] == [f"ACME-FR-{TODAY.isoformat()}.cif"]
