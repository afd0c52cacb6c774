"""BMEcat 2005 writer: a T_NEW_CATALOG document (formats.md 5.2), validated against
schemas/catalog/bmecat_2005.xsd.

Strategy: the HEADER is written from the ExportHeader, then one PRODUCT per row is templated
into a string and written at once, so memory holds one product whatever the catalog size.
Quantity breaks become PRODUCT_PRICE elements with LOWER_BOUND (net_customer prices: the
entity's contract prices). Element names, order and lengths follow our XSD, written from the
BMEcat 2005 structure; formats.md marks the details [U], so the XSD is where a partner's
correction goes first. T_NEW_CATALOG is a full catalog: deleted items are skipped.
"""

import mimetypes
from collections.abc import Iterable
from decimal import Decimal
from typing import BinaryIO

from catalog_export.errors import InvalidCatalogValue
from catalog_export.items import CatalogItem
from catalog_export.items import ExportHeader
from catalog_export.results import SkippedItem
from catalog_export.results import WriteResult
from catalog_export.results import check_row
from catalog_export.results import row_key
from catalog_export.texts import long_text
from catalog_export.texts import shorten
from catalog_export.xmltext import escape_text as text
from catalog_export.xmltext import find_non_xml_character

__all__ = ["BMECAT_LANGUAGES", "BMECAT_NAMESPACE", "write_bmecat"]

BMECAT_NAMESPACE = "http://www.bmecat.org/bmecat/2005"

# BMEcat LANGUAGE is ISO 639-2 (three letters); our headers carry ISO 639-1.
BMECAT_LANGUAGES = {
    "bg": "bul", "cs": "ces", "da": "dan", "de": "deu", "el": "ell", "en": "eng",
    "es": "spa", "et": "est", "fi": "fin", "fr": "fra", "hr": "hrv", "hu": "hun",
    "it": "ita", "ja": "jpn", "lt": "lit", "lv": "lav", "nl": "nld", "no": "nor",
    "pl": "pol", "pt": "por", "ro": "ron", "ru": "rus", "sk": "slk", "sl": "slv",
    "sv": "swe", "tr": "tur", "zh": "zho",
}  # fmt: skip

# Lengths of the BMEcat 2005 fields we fill (the XSD states the same). An identifier that does
# not fit cannot be cut without naming another product, so its item is skipped; texts are
# shortened (the whole description goes to DESCRIPTION_LONG), and a URL that does not fit is
# left out of MIME_INFO.
_IDENTIFIER_LENGTHS = {
    "supplier_part_id": 32,
    "supplier_part_auxiliary_id": 50,
    "manufacturer_part_id": 50,
}
_SHORT_DESCRIPTION_LENGTH = 150
_LONG_DESCRIPTION_LENGTH = 64000
_MANUFACTURER_NAME_LENGTH = 50
_URL_LENGTH = 250
_TEXT_FIELDS = (
    *_IDENTIFIER_LENGTHS,
    "description",
    "long_description",
    "manufacturer_name",
    "supplier_url",
    "image_url",
)
_SUPPLIER_ID_TYPES = {"DUNS": "duns", "GLN": "gln", "ILN": "iln"}


def _datetime_element(kind: str, date_text: str, time_text: str = "", zone: str = "") -> str:
    parts = [f"<DATE>{date_text}</DATE>"]
    if time_text:
        parts.append(f"<TIME>{time_text}</TIME>")
    if zone:
        parts.append(f"<TIMEZONE>{zone}</TIMEZONE>")
    return f'<DATETIME type="{kind}">{"".join(parts)}</DATETIME>'


def _header_xml(header: ExportHeader, language: str) -> str:
    generated = header.generated_at
    zone = generated.strftime("%z")
    agreements = "".join(
        "<AGREEMENT>"
        f"<AGREEMENT_ID>{text(contract.code)}</AGREEMENT_ID>"
        + _datetime_element("agreement_start_date", contract.valid_from.isoformat())
        + (
            _datetime_element("agreement_end_date", contract.valid_to.isoformat())
            if contract.valid_to
            else ""
        )
        + "</AGREEMENT>\n"
        for contract in header.contracts
    )
    supplier_type = _SUPPLIER_ID_TYPES.get(header.supplier_domain.upper(), "buyer_specific")
    return (
        "<HEADER>\n"
        "<GENERATOR_INFO>procurement-gateway catalog_export</GENERATOR_INFO>\n"
        f'<CATALOG><LANGUAGE default="true">{language}</LANGUAGE>'
        f"<CATALOG_ID>{text(header.entity_code)}</CATALOG_ID>"
        f"<CATALOG_VERSION>{header.as_of:%Y.%m%d}</CATALOG_VERSION>"
        f"<CATALOG_NAME>{text(header.entity_name)}</CATALOG_NAME>"
        + _datetime_element(
            "generation_date",
            f"{generated:%Y-%m-%d}",
            f"{generated:%H:%M:%S}",
            f"{zone[:3]}:{zone[3:]}",
        )
        + f"<CURRENCY>{header.currency}</CURRENCY></CATALOG>\n"
        f'<BUYER><BUYER_ID type="supplier_specific">{text(header.entity_code)}</BUYER_ID>'
        f"<BUYER_NAME>{text(header.entity_name)}</BUYER_NAME></BUYER>\n"
        + agreements
        + f'<SUPPLIER><SUPPLIER_ID type="{supplier_type}">{text(header.supplier_id)}'
        f"</SUPPLIER_ID><SUPPLIER_NAME>{text(header.supplier_name or header.supplier_id)}"
        "</SUPPLIER_NAME></SUPPLIER>\n"
        "</HEADER>\n"
    )


def _long_description(item: CatalogItem) -> str:
    """DESCRIPTION_LONG: the long text, with the whole description when the short one is cut."""
    return long_text(item.description, item.long_description, _SHORT_DESCRIPTION_LENGTH)


def _optional(tag: str, value: str) -> str:
    return f"<{tag}>{text(value)}</{tag}>" if value else ""


def _mime_xml(item: CatalogItem) -> str:
    mimes = []
    if item.image_url and len(item.image_url) <= _URL_LENGTH:
        kind = mimetypes.guess_type(item.image_url)[0] or "image/jpeg"
        mimes.append((kind, item.image_url, "normal"))
    if item.supplier_url and len(item.supplier_url) <= _URL_LENGTH:
        mimes.append(("url", item.supplier_url, "others"))
    if not mimes:
        return ""
    body = "".join(
        f"<MIME><MIME_TYPE>{kind}</MIME_TYPE><MIME_SOURCE>{text(source)}</MIME_SOURCE>"
        f"<MIME_PURPOSE>{purpose}</MIME_PURPOSE></MIME>"
        for kind, source, purpose in mimes
    )
    return f"<MIME_INFO>{body}</MIME_INFO>"


def _price_xml(amount, currency: str, lower_bound) -> str:
    return (
        '<PRODUCT_PRICE price_type="net_customer">'
        f"<PRICE_AMOUNT>{amount:f}</PRICE_AMOUNT><PRICE_CURRENCY>{currency}</PRICE_CURRENCY>"
        f"<LOWER_BOUND>{lower_bound:f}</LOWER_BOUND></PRODUCT_PRICE>"
    )


def _product_xml(item: CatalogItem, long_description: str, valid_from: str) -> str:
    short_description = shorten(item.description, _SHORT_DESCRIPTION_LENGTH)
    manufacturer_name = shorten(item.manufacturer_name, _MANUFACTURER_NAME_LENGTH)
    minimum = item.minimum_quantity or Decimal(1)
    prices = _price_xml(item.unit_price, item.currency, minimum) + "".join(
        _price_xml(tier.unit_price, item.currency, tier.min_quantity) for tier in item.tier_prices
    )
    lead = "" if item.lead_time_days is None else f"<DELIVERY_TIME>{item.lead_time_days}"
    return (
        '<PRODUCT mode="new">'
        f'<SUPPLIER_PID type="supplier_specific">{text(item.supplier_part_id)}</SUPPLIER_PID>'
        f"<PRODUCT_DETAILS><DESCRIPTION_SHORT>{text(short_description)}</DESCRIPTION_SHORT>"
        + _optional("DESCRIPTION_LONG", long_description)
        + _optional("SUPPLIER_ALT_PID", item.supplier_part_auxiliary_id)
        + _optional("MANUFACTURER_PID", item.manufacturer_part_id)
        + _optional("MANUFACTURER_NAME", manufacturer_name)
        + (lead and lead + "</DELIVERY_TIME>")
        + "</PRODUCT_DETAILS>"
        "<PRODUCT_FEATURES><REFERENCE_FEATURE_SYSTEM_NAME>UNSPSC</REFERENCE_FEATURE_SYSTEM_NAME>"
        f"<REFERENCE_FEATURE_GROUP_ID>{item.unspsc}</REFERENCE_FEATURE_GROUP_ID>"
        "</PRODUCT_FEATURES>"
        f"<PRODUCT_ORDER_DETAILS><ORDER_UNIT>{item.unit_of_measure}</ORDER_UNIT>"
        f"<CONTENT_UNIT>{item.unit_of_measure}</CONTENT_UNIT><NO_CU_PER_OU>1</NO_CU_PER_OU>"
        f"<PRICE_QUANTITY>1</PRICE_QUANTITY><QUANTITY_MIN>{minimum:f}</QUANTITY_MIN>"
        "<QUANTITY_INTERVAL>1</QUANTITY_INTERVAL></PRODUCT_ORDER_DETAILS>"
        f"<PRODUCT_PRICE_DETAILS>{valid_from}{prices}</PRODUCT_PRICE_DETAILS>"
        + _mime_xml(item)
        + "</PRODUCT>\n"
    )


def _refusal(header: ExportHeader, row: object, long_description: str) -> str | None:
    reason = check_row(header, row)
    if reason is None and not isinstance(row, CatalogItem):
        reason = "T_NEW_CATALOG is a full catalog; it carries no deletions"
    if reason is not None:
        return reason
    for name, limit in _IDENTIFIER_LENGTHS.items():
        if len(getattr(row, name)) > limit:
            return f"{name} is longer than BMEcat's {limit} characters"
    if len(long_description) > _LONG_DESCRIPTION_LENGTH:
        return f"DESCRIPTION_LONG is longer than BMEcat's {_LONG_DESCRIPTION_LENGTH} characters"
    return find_non_xml_character(*(getattr(row, name) for name in _TEXT_FIELDS))


def write_bmecat(header: ExportHeader, rows: Iterable[CatalogItem], out: BinaryIO) -> WriteResult:
    """Write a BMEcat 2005 T_NEW_CATALOG of rows to out (UTF-8); unfit items are skipped."""
    language = BMECAT_LANGUAGES.get(header.language[:2])
    if language is None:
        raise InvalidCatalogValue(f"no BMEcat LANGUAGE code for {header.language!r}")
    valid_from = _datetime_element("valid_start_date", header.as_of.isoformat())
    out.write(
        (
            '<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<BMECAT version="2005" xmlns="{BMECAT_NAMESPACE}">\n'
            + _header_xml(header, language)
            + "<T_NEW_CATALOG>\n"
        ).encode("utf-8")
    )
    skipped: list[SkippedItem] = []
    count = 0
    for row in rows:
        long_description = _long_description(row) if isinstance(row, CatalogItem) else ""
        reason = _refusal(header, row, long_description)
        if reason is not None:
            skipped.append(SkippedItem(supplier_part_id=row_key(row), reason=reason))
            continue
        out.write(_product_xml(row, long_description, valid_from).encode("utf-8"))
        count += 1
    out.write(b"</T_NEW_CATALOG>\n</BMECAT>\n")
    return WriteResult(item_count=count, skipped=tuple(skipped))
