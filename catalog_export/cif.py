"""Ariba CIF 3.0 writer (formats.md section 3).

Strategy: the header must state ITEMCOUNT before the rows, but rows stream and may be skipped.
Each row is encoded in the declared CHARSET and appended to a SpooledTemporaryFile (kept in
memory up to 8 MiB, then on disk), counting as it goes; then the header with the true count is
written to the output, the spool is copied after it in 1 MiB blocks, and ENDOFDATA closes it.
This needs no seekable output (a pipe or an HTTP body will do), holds at most one row plus the
spool's buffer in memory, and costs one extra sequential copy of the data, which is cheap next
to formatting. Lines end in CRLF; a row is always one physical line: line breaks inside text
become spaces, because line-oriented CIF loaders split rows on them.
"""

import re
import shutil
import tempfile
from collections.abc import Iterable
from typing import BinaryIO

from catalog_export.charsets import codec_for_charset
from catalog_export.errors import InvalidCatalogValue
from catalog_export.items import CatalogItem
from catalog_export.items import DeletedItem
from catalog_export.items import ExportHeader
from catalog_export.results import SkippedItem
from catalog_export.results import WriteResult
from catalog_export.results import check_row
from catalog_export.results import minimum_not_carried
from catalog_export.results import row_key
from catalog_export.texts import ELLIPSIS
from catalog_export.texts import ELLIPSIS_ASCII
from catalog_export.texts import cif_texts

__all__ = ["CIF_FIELDNAMES", "format_cif_field", "write_cif"]

CIF_VERSION_LINE = "CIF_I_V3.0"
EOL = "\r\n"
_SPOOL_IN_MEMORY = 8 * 1024 * 1024
_COPY_BLOCK = 1024 * 1024

# FIELDNAMES of every file we write (formats.md 3.2): the CIF 2.1 default columns we can fill,
# then the 3.0 optional columns. "Item Description" carries the long text (2000), "Short Name"
# the short one (50), both cut as BMEcat cuts its texts (catalog_export.texts): a cut Short
# Name's whole text opens the Item Description. Incremental files add "Delete" (CIF 3.0
# optional field).
CIF_FIELDNAMES = (
    "Supplier ID",
    "Supplier Part ID",
    "Manufacturer Part ID",
    "Item Description",
    "SPSC Code",
    "Unit Price",
    "Unit of Measure",
    "Lead Time",
    "Manufacturer Name",
    "Supplier URL",
    "Supplier Part Auxiliary ID",
    "Short Name",
    "Language",
    "Image",
    "PunchOut Enabled",
    "PunchoutLevel",
)
_DELETE_FIELD = "Delete"

_SPECIAL = re.compile(r'[",\r\n\v\f\x85\u2028\u2029]|^\s|\s$')
_NEEDS_QUOTES = re.compile(r'[",]|^\s|\s$')
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\v\f\x85\u2028\u2029]")
_QUOTE_OR_BREAK = re.compile(r'["\r\n\v\f\x85\u2028\u2029]')


def format_cif_field(value: str) -> str:
    """One CIF field: CSV-quoted when it holds a comma or quote (doubled) or edge spaces."""
    if _SPECIAL.search(value) is None:
        return value
    value = _LINE_BREAKS.sub(" ", value)
    if _NEEDS_QUOTES.search(value):
        return '"' + value.replace('"', '""') + '"'
    return value


def _format_texts(texts: list[str]) -> list[str]:
    """format_cif_field of each text, decided for all of them at once in the common cases:
    no quote, line break or edge space anywhere (C-speed tests on the joined texts), and then
    only a text holding a comma needs quotes."""
    joined = "".join(texts)
    if (
        '"' in joined
        or (not joined.isprintable() and _QUOTE_OR_BREAK.search(joined) is not None)
        or list(map(str.strip, texts)) != texts
    ):
        return [format_cif_field(text) for text in texts]
    if "," not in joined:
        return texts
    return [f'"{text}"' if "," in text else text for text in texts]


def _item_line(item: CatalogItem, supplier_id: str, language: str, ellipsis: str) -> str:
    """An item's fields in CIF_FIELDNAMES order. Only its free texts can need quoting: the
    codes are checked patterns (UNSPSC digits, a UN/CEFACT unit), the price and lead time
    plain numbers, and the header's fields come formatted once per file."""
    short_name, description = cif_texts(item.description, item.long_description, ellipsis)
    texts = _format_texts(
        [
            item.supplier_part_id,
            item.manufacturer_part_id,
            description,
            item.manufacturer_name,
            item.supplier_url,
            item.supplier_part_auxiliary_id,
            short_name,
            item.image_url,
        ]
    )
    part_id, manufacturer_part_id, description, manufacturer = texts[:4]
    url, auxiliary_id, short_name, image = texts[4:]
    lead_time = "" if item.lead_time_days is None else str(item.lead_time_days)
    punchout = "TRUE,product" if item.punchout_level2 else "FALSE,"
    if item.language:  # texts not yet in the export's language
        language = _cif_language(item.language)
    return (
        f"{supplier_id},{part_id},{manufacturer_part_id},{description},{item.unspsc},"
        f"{item.unit_price:f},{item.unit_of_measure},{lead_time},{manufacturer},{url},"
        f"{auxiliary_id},{short_name},{language},{image},{punchout}"
    )


def _cif_language(language: str) -> str:
    """A language as CIF writes it: de_DE for de-DE."""
    return format_cif_field(language.replace("-", "_"))


def _deleted_line(item: DeletedItem, supplier_id: str) -> str:
    fields = [""] * len(CIF_FIELDNAMES)
    fields[0] = supplier_id
    fields[1] = format_cif_field(item.supplier_part_id)
    fields[10] = format_cif_field(item.supplier_part_auxiliary_id)
    return ",".join(fields)


def _row_line(row: CatalogItem | DeletedItem, supplier_id: str, language: str, ellipsis: str,
              delete: bool) -> str:  # fmt: skip
    """The whole line of a row, CRLF included; with `delete`, the Delete field of incremental
    files follows. supplier_id and language come formatted."""
    if isinstance(row, DeletedItem):
        line = _deleted_line(row, supplier_id)
    else:
        line = _item_line(row, supplier_id, language, ellipsis)
    if delete:
        line += ",TRUE" if isinstance(row, DeletedItem) else ",FALSE"
    return line + EOL


def _encodes(text: str, codec: str) -> bool:
    try:
        text.encode(codec)
    except UnicodeEncodeError:
        return False
    return True


def _header_lines(header: ExportHeader, item_count: int) -> str:
    fieldnames = CIF_FIELDNAMES + ((_DELETE_FIELD,) if header.incremental else ())
    comments = header.comments or f"{header.entity_name} as of {header.as_of}"
    comments = _LINE_BREAKS.sub(" ", comments)
    lines = [
        CIF_VERSION_LINE,
        f"CHARSET: {header.charset}",
        f"LOADMODE: {header.load_mode}",
        "CODEFORMAT: UNSPSC",
        f"CURRENCY: {header.currency}",
        f"SUPPLIERID_DOMAIN: {header.supplier_domain}",
        f"ITEMCOUNT: {item_count}",
        f"TIMESTAMP: {header.generated_at:%Y-%m-%d %H:%M:%S}",
        "UNUOM: TRUE",
        f"COMMENTS: {comments}",
        "FIELDNAMES: " + ",".join(map(format_cif_field, fieldnames)),
        "DATA",
    ]
    return EOL.join(lines) + EOL


def write_cif(
    header: ExportHeader, rows: Iterable[CatalogItem | DeletedItem], out: BinaryIO
) -> WriteResult:
    """Write a CIF 3.0 catalog of rows to out; items the file cannot carry are skipped."""
    codec = codec_for_charset(header.charset)
    supplier_id = format_cif_field(header.supplier_id)
    language = _cif_language(header.language)
    ellipsis = ELLIPSIS if _encodes(ELLIPSIS, codec) else ELLIPSIS_ASCII
    skipped: list[SkippedItem] = []
    count = 0
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_IN_MEMORY) as spool:
        for row in rows:
            reason = check_row(header, row) or minimum_not_carried(row, "cif")
            if reason is None:
                line = _row_line(row, supplier_id, language, ellipsis, header.incremental)
                try:
                    spool.write(line.encode(codec))
                except UnicodeEncodeError as exc:
                    reason = f"text not representable in CHARSET {header.charset}: {exc.reason}"
            if reason is None:
                count += 1
            else:
                skipped.append(SkippedItem(supplier_part_id=row_key(row), reason=reason))
        try:
            out.write(_header_lines(header, count).encode(codec))
        except UnicodeEncodeError as exc:
            raise InvalidCatalogValue(f"CIF header not representable in {header.charset}") from exc
        spool.seek(0)
        shutil.copyfileobj(spool, out, _COPY_BLOCK)
    out.write(("ENDOFDATA" + EOL).encode(codec))
    return WriteResult(item_count=count, skipped=tuple(skipped))
