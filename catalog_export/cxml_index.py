"""cXML Index catalog writer (formats.md 5.1), validated against schemas/catalog/cxml_index.xsd.

Strategy: `Index (SupplierID+, Comments?, IndexItem+) @loadmode` is written head first, then
every row is templated and written at once. An IndexItem holds one kind of child only
(IndexItemAdd+ | IndexItemDelete+ | IndexItemPunchout+), so consecutive rows of one kind share
an IndexItem and a change of kind closes it and opens the next: streaming, and no more
IndexItem elements than kind changes. Priced items are IndexItemAdd; punch-out level 2 items
are IndexItemPunchout with punchoutLevel="product" and their URL (Ariba level 2, formats.md
4.3); deleted items (loadmode Incremental only) are IndexItemDelete. ItemDetail children keep
the DTD's order: UnitPrice, Description, UnitOfMeasure, Classification, ManufacturerPartID,
ManufacturerName, URL. cXML has no quantity breaks in ItemDetail, so tiers are not written.
The DOCTYPE names the cXML DTD as Index documents do; nothing here or in the validator loads it.
"""

from collections.abc import Iterable
from typing import BinaryIO

from catalog_export.items import CatalogItem
from catalog_export.items import DeletedItem
from catalog_export.items import ExportHeader
from catalog_export.results import SkippedItem
from catalog_export.results import WriteResult
from catalog_export.results import check_row
from catalog_export.results import minimum_not_carried
from catalog_export.results import row_key
from catalog_export.xmltext import escape_attribute as attr
from catalog_export.xmltext import escape_text as text
from catalog_export.xmltext import find_non_xml_character

__all__ = ["CXML_DTD_URL", "write_cxml_index"]

CXML_DTD_URL = "http://xml.cxml.org/schemas/cXML/1.2.063/cXML.dtd"
_LOAD_MODES = {"F": "Full", "I": "Incremental"}


def _item_id(part_id: str, auxiliary_id: str) -> str:
    auxiliary = f"<SupplierPartAuxiliaryID>{text(auxiliary_id)}</SupplierPartAuxiliaryID>"
    return (
        f"<ItemID><SupplierPartID>{text(part_id)}</SupplierPartID>"
        f"{auxiliary if auxiliary_id else ''}</ItemID>"
    )


def _description(item: CatalogItem, language: str) -> str:
    body = text(item.long_description or item.description)
    return (
        f'<Description xml:lang="{language}"><ShortName>{text(item.description)}</ShortName>'
        f"{body}</Description>"
    )


def _manufacturer(item: CatalogItem, language: str) -> str:
    xml = ""
    if item.manufacturer_part_id:
        xml += f"<ManufacturerPartID>{text(item.manufacturer_part_id)}</ManufacturerPartID>"
    if item.manufacturer_name:
        xml += (
            f'<ManufacturerName xml:lang="{language}">{text(item.manufacturer_name)}'
            "</ManufacturerName>"
        )
    return xml


def _money(item: CatalogItem) -> str:
    return f'<UnitPrice><Money currency="{item.currency}">{item.unit_price:f}</Money></UnitPrice>'


def _classification(item: CatalogItem) -> str:
    return f'<Classification domain="UNSPSC">{item.unspsc}</Classification>'


def _lead_time(item: CatalogItem) -> str:
    return "" if item.lead_time_days is None else f"<LeadTime>{item.lead_time_days}</LeadTime>"


def _add_xml(item: CatalogItem, language: str) -> str:
    url = f"<URL>{text(item.supplier_url)}</URL>" if item.supplier_url else ""
    return (
        "<IndexItemAdd>"
        + _item_id(item.supplier_part_id, item.supplier_part_auxiliary_id)
        + "<ItemDetail>"
        + _money(item)
        + _description(item, language)
        + f"<UnitOfMeasure>{item.unit_of_measure}</UnitOfMeasure>"
        + _classification(item)
        + _manufacturer(item, language)
        + url
        + "</ItemDetail>"
        # IndexItemDetail (LeadTime, ...): LeadTime is required there; 0 when unknown.
        + f"<IndexItemDetail><LeadTime>{item.lead_time_days or 0}</LeadTime></IndexItemDetail>"
        + "</IndexItemAdd>\n"
    )


def _punchout_xml(item: CatalogItem, language: str) -> str:
    return (
        "<IndexItemPunchout>"
        + _item_id(item.supplier_part_id, item.supplier_part_auxiliary_id)
        + '<PunchoutDetail punchoutLevel="product">'
        + _description(item, language)
        + f"<URL>{text(item.supplier_url)}</URL>"
        + _classification(item)
        + _money(item)
        + f"<UnitOfMeasure>{item.unit_of_measure}</UnitOfMeasure>"
        + (f'<ManufacturerName xml:lang="{language}">{text(item.manufacturer_name)}'
           "</ManufacturerName>" if item.manufacturer_name else "")
        + (f"<ManufacturerPartID>{text(item.manufacturer_part_id)}</ManufacturerPartID>"
           if item.manufacturer_part_id else "")
        + _lead_time(item)
        + "</PunchoutDetail></IndexItemPunchout>\n"
    )  # fmt: skip


def _delete_xml(item: DeletedItem) -> str:
    return (
        "<IndexItemDelete>"
        + _item_id(item.supplier_part_id, item.supplier_part_auxiliary_id)
        + "</IndexItemDelete>\n"
    )


def _kind_and_xml(row: CatalogItem | DeletedItem, language: str) -> tuple[str, str]:
    if isinstance(row, DeletedItem):
        return "delete", _delete_xml(row)
    language = row.language or language  # the texts' own, when not the export's
    if row.punchout_level2:
        return "punchout", _punchout_xml(row, language)
    return "add", _add_xml(row, language)


def _refusal(header: ExportHeader, row: object) -> str | None:
    reason = check_row(header, row)
    if reason is not None or isinstance(row, DeletedItem):
        return reason or find_non_xml_character(
            row.supplier_part_id, row.supplier_part_auxiliary_id
        )
    return minimum_not_carried(row, "cxml") or find_non_xml_character(
        row.supplier_part_id, row.supplier_part_auxiliary_id, row.description,
        row.long_description, row.manufacturer_name, row.manufacturer_part_id, row.supplier_url,
    )  # fmt: skip


def _head(header: ExportHeader) -> str:
    comments = (
        f'<Comments xml:lang="{header.language}">{text(header.comments)}</Comments>\n'
        if header.comments
        else ""
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<!DOCTYPE Index SYSTEM "{CXML_DTD_URL}">\n'
        f'<Index loadmode="{_LOAD_MODES[header.load_mode]}">\n'
        f'<SupplierID domain="{attr(header.supplier_domain)}">{text(header.supplier_id)}'
        "</SupplierID>\n" + comments
    )


def write_cxml_index(
    header: ExportHeader, rows: Iterable[CatalogItem | DeletedItem], out: BinaryIO
) -> WriteResult:
    """Write a cXML Index of rows to out (UTF-8); items it cannot carry are skipped.

    An Index needs at least one IndexItem (formats.md 5.1): with no rows to write, an empty
    IndexItem is not valid, so the document then ends without one and fails validation.
    """
    out.write(_head(header).encode("utf-8"))
    skipped: list[SkippedItem] = []
    count = 0
    open_kind = None
    for row in rows:
        reason = _refusal(header, row)
        if reason is not None:
            skipped.append(SkippedItem(supplier_part_id=row_key(row), reason=reason))
            continue
        kind, xml = _kind_and_xml(row, header.language)
        if kind != open_kind:
            prefix = "</IndexItem>\n<IndexItem>\n" if open_kind else "<IndexItem>\n"
            xml = prefix + xml
            open_kind = kind
        out.write(xml.encode("utf-8"))
        count += 1
    out.write(b"</IndexItem>\n</Index>\n" if open_kind else b"</Index>\n")
    return WriteResult(item_count=count, skipped=tuple(skipped))
