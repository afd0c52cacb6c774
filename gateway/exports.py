"""Static catalog export jobs: products streamed from the database through the entity's price
book into a catalog_export writer, in constant memory.

Strategy: one read transaction yields product records chunk by chunk; each is quoted at its
first orderable quantity and turned into a CatalogItem (or counted as skipped with its reason);
the writer streams them into a temporary file beside the target, renamed into place only when
the writer has finished and the catalog holds an item at least, so a failed or empty run never
leaves a file under the final name. The export and the digest of every item written are
recorded in the same transaction, for a later incremental export (CIF LOADMODE I) to compare
against.
"""

import collections
import contextlib
import dataclasses
import datetime
import os
import pathlib
import secrets
import time
from collections.abc import Callable
from collections.abc import Iterator
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy.orm import Session

import catalog_export
import pricing
from gateway.catalog import ProductRecord
from gateway.catalog import entity_by_code
from gateway.catalog import load_price_book
from gateway.catalog import orderable_quote
from gateway.catalog import stream_products
from gateway.db import Database
from gateway.errors import GatewayError
from gateway.models import BillingEntity
from gateway.models import CatalogExport
from gateway.models import CatalogExportItem
from gateway.models import Product
from gateway.models import ProductText
from gateway.models.base import could_be_id
from gateway.settings import Settings

EXTENSIONS = {"cif": "cif", "xlsx": "xlsx", "bmecat": "bmecat.xml", "cxml": "index.xml"}
ONE = Decimal(1)


class ExportError(GatewayError):
    """An export cannot run as asked (unknown earlier export, unwritable path...)."""


class EmptyCatalog(ExportError):
    """The entity's catalog has no item: the file is not written (formats.md 3.1: a full CIF
    load expires every line the buyer has; BMEcat and cXML Index need one item at least)."""

    def __init__(self, entity_code: str, skipped: collections.Counter) -> None:
        reasons = ", ".join(f"{reason} {count:,}" for reason, count in skipped.most_common())
        why = f"{sum(skipped.values()):,} skipped: {reasons}" if skipped else "no active product"
        super().__init__(
            f"entity {entity_code}: no item to write ({why}), so no file is written: loaded in"
            " full, an empty CIF would expire every item the buyer has, and BMEcat and cXML"
            " Index files need one item at least"
        )


class UnsafeFileName(ExportError):
    """The file name made of an entity's code would leave the output folder (``../x``, ``/x``):
    an entity stored before codes were checked on import. Nothing is written."""

    def __init__(self, entity_code: str, name: str, folder: pathlib.Path) -> None:
        super().__init__(
            f"entity {entity_code!r}: the file name {name!r} made of its code is not a plain file"
            f" name inside the output folder {folder}, so no file is written"
        )


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ExportRequest:
    entity_code: str
    format: str
    as_of: datetime.date
    language: str | None = None
    output: pathlib.Path | None = None  # a file; None: <entity>-<date>.<ext> in the folder
    folder: pathlib.Path = pathlib.Path()
    since_export: int | None = None  # an earlier export's id: write only the changes (CIF)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ExportSummary:
    export_id: int
    path: pathlib.Path
    written: int
    skipped: collections.Counter
    seconds: float

    def line(self) -> str:
        reasons = ", ".join(f"{reason} {count:,}" for reason, count in self.skipped.most_common())
        skipped = sum(self.skipped.values())
        detail = f" ({reasons})" if reasons else ""
        return (
            f"catalog {self.path}: {self.written:,} items written, {skipped:,} skipped"
            f"{detail} in {self.seconds:.1f} s (export {self.export_id})"
        )


def count_products(database: Database) -> int:
    with database.transaction() as session:
        return session.scalar(select(func.count()).select_from(Product).where(Product.active))


def run_export(
    database: Database,
    settings: Settings,
    request: ExportRequest,
    progress: Callable[[int], None] = lambda _n: None,
) -> ExportSummary:
    """Write one entity's catalog; returns what was written and skipped."""
    if request.format not in catalog_export.WRITERS:
        raise ExportError(f"format: must be one of {', '.join(catalog_export.WRITERS)}")
    started = time.perf_counter()
    with database.transaction() as session:
        entity = entity_by_code(session, request.entity_code)
        language = request.language or (entity.languages or ["en"])[0]
        if request.language:
            _check_language(session, request.language)
        book = load_price_book(session, entity, request.as_of)
        previous = _previous_digests(session, entity, request)
        header = _header(settings, entity, book, request, language, previous is not None)
        name = f"{entity.code}-{request.as_of.isoformat()}.{EXTENSIONS[request.format]}"
        path = request.output or file_in(request.folder, name, entity.code)
        record = CatalogExport(
            entity_id=entity.id,
            format=request.format,
            as_of=request.as_of,
            language=language,
            path=str(path),
            item_count=0,
        )
        session.add(record)
        session.flush()
        skipped: collections.Counter = collections.Counter()
        tiers = request.format in catalog_export.TIERED_FORMATS
        items = _carried(
            _items(session, book, language, tiers, skipped, progress), request.format, skipped
        )
        digests = _DigestWriter(session, record.id)
        rows = _rows(items, previous, digests)
        result = _write_atomically(
            path,
            lambda out: catalog_export.WRITERS[request.format](header, rows, out),
            check=lambda result: _refuse_empty(header, result, digests, skipped),
            where=_output_option(request),
        )
        digests.flush()
        record.item_count = result.item_count
    return ExportSummary(
        export_id=record.id,
        path=path,
        written=result.item_count,
        skipped=skipped,
        seconds=time.perf_counter() - started,
    )


def file_in(folder: pathlib.Path, name: str, entity_code: str) -> pathlib.Path:
    """`folder / name` when that is a file right inside `folder`; else UnsafeFileName. The
    name is made of data (the entity code): ``../../x`` or ``/tmp/x`` would write elsewhere.
    Paths are compared made absolute and normalised, links not followed."""
    path = folder / name
    inside = pathlib.Path(os.path.abspath(path)).parent == pathlib.Path(os.path.abspath(folder))
    if not inside or path.name != name:
        raise UnsafeFileName(entity_code, name, folder)
    return path


def _refuse_empty(header, result, digests: "_DigestWriter", skipped) -> None:
    """Count the writer's skips; raise EmptyCatalog when the catalog has no item: a full file
    with no row, or an incremental one that leaves no item (one without changes is harmless
    and is written)."""
    skipped.update(item.reason for item in result.skipped)
    in_catalog = digests.recorded if header.incremental else result.item_count
    if in_catalog == 0:
        raise EmptyCatalog(header.entity_code, skipped)


def _check_language(session: Session, language: str) -> None:
    """A language no product has texts in would label every item of the catalog with it over
    texts in another language."""
    if session.scalar(
        select(ProductText.product_id).where(ProductText.language == language).limit(1)
    ):
        return
    known = session.scalars(select(ProductText.language).distinct().order_by(ProductText.language))
    raise ExportError(
        f"language: no product has texts in {language!r}; the catalog has"
        f" {', '.join(known) or 'no texts'}"
    )


def _header(settings, entity, book, request, language, incremental: bool):
    contracts = tuple(
        catalog_export.ContractInfo(
            code=c.code, name=c.name, level=c.level, valid_from=c.valid_from, valid_to=c.valid_to
        )
        for c in book.contracts
    )
    return catalog_export.ExportHeader(
        supplier_id=settings.supplier_identity,
        supplier_domain=settings.supplier_domain,
        entity_code=entity.code,
        entity_name=entity.name,
        currency=entity.currency,
        language=language,
        as_of=request.as_of,
        generated_at=datetime.datetime.now(datetime.UTC),
        contracts=contracts,
        comments=f"Catalog of {entity.name} as of {request.as_of.isoformat()}",
        load_mode="I" if incremental else "F",
    )


def _items(
    session, book, language, tiers: bool, skipped, progress
) -> Iterator[catalog_export.CatalogItem]:
    """The catalog rows, with tier prices only when the format writes them (a tier table is
    most of a quote's cost); products not offered are counted in `skipped`."""
    for count, record in enumerate(stream_products(session, language, chunk_size=5000), 1):
        if count % 1000 == 0:
            progress(1000)
        quote = orderable_quote(book, record, tiers=tiers)
        if not quote.offered:
            skipped[quote.reason.value] += 1
            continue
        try:
            yield catalog_item(record, quote, language)
        except catalog_export.InvalidCatalogValue as exc:
            skipped[f"invalid item: {exc}"] += 1


def _carried(items, fmt: str, skipped) -> Iterator[catalog_export.CatalogItem]:
    """The items the format can carry, before their digests are recorded: one it would skip
    (a minimum quantity CIF has no field for) is counted here and never recorded, so that an
    incremental export deletes it from the buyer's catalog rather than keep it from 1."""
    for item in items:
        reason = catalog_export.minimum_not_carried(item, fmt)
        if reason is None:
            yield item
        else:
            skipped[reason] += 1


def catalog_item(
    record: ProductRecord, quote: pricing.PriceQuote, language: str = ""
) -> catalog_export.CatalogItem:
    """The catalog row of a priced product, for an export in `language`."""
    return catalog_export.CatalogItem(
        supplier_part_id=record.sku,
        description=record.description,
        long_description=record.long_description,
        unspsc=record.unspsc,
        unit_of_measure=record.unit,
        unit_price=quote.unit_price.amount,
        currency=quote.unit_price.currency,
        manufacturer_name=record.manufacturer,
        manufacturer_part_id=record.manufacturer_part_id,
        tier_prices=_tier_prices(quote) if quote.tiers else (),
        lead_time_days=record.lead_time_days,
        contract_code=quote.contract_code,
        language=_own_language(record.text_language, language),
        # quoted at its first orderable quantity (see _items): the buyer may order no less
        minimum_quantity=quote.quantity if quote.quantity > ONE else None,
    )


def _own_language(text: str, export: str) -> str:
    """The texts' language when it is not the export's (`de` texts in a `de-DE` export, or no
    texts at all, need none)."""
    if text == export or not text:
        return ""
    return "" if text.partition("-")[0].lower() == export.partition("-")[0].lower() else text


def _tier_prices(quote: pricing.PriceQuote) -> tuple[catalog_export.TierPrice, ...]:
    """The quantity breaks above the quoted quantity (whose price is the unit price)."""
    above = max(quote.quantity, ONE)
    return tuple(
        catalog_export.TierPrice(min_quantity=row.floor, unit_price=row.unit_price.amount)
        for row in quote.tiers
        if row.floor > above
    )


def _previous_digests(session: Session, entity: BillingEntity, request: ExportRequest):
    if request.since_export is None:
        return None
    since = request.since_export
    earlier = session.get(CatalogExport, since) if could_be_id(since) else None
    if earlier is None or earlier.entity_id != entity.id:
        raise ExportError(
            f"--since-export: no earlier export {request.since_export} of entity {entity.code}"
        )
    if request.format != "cif":
        raise ExportError("--since-export: incremental exports are written as CIF only")
    rows = session.execute(
        select(CatalogExportItem.sku, CatalogExportItem.digest).where(
            CatalogExportItem.export_id == earlier.id
        )
    )
    return {sku: digest for sku, digest in rows}


def _rows(items, previous, digests):
    """Full export: every item. Incremental: only the changes against the earlier export.
    Either way the digest of every current item is recorded, for the next incremental."""
    recorded = _recorded(items, digests)
    if previous is None:
        yield from recorded
        return
    for change in catalog_export.compare_snapshots(previous, recorded):
        yield change.row


def _recorded(items, digests):
    for item in items:
        digests.add(item.supplier_part_id, catalog_export.item_digest(item))
        yield item


class _DigestWriter:
    """Records each written item's digest with the export, a chunk at a time."""

    def __init__(self, session: Session, export_id: int) -> None:
        self.session = session
        self.export_id = export_id
        self.pending: list[dict] = []
        self.recorded = 0  # items of the catalog as it now is

    def add(self, sku: str, digest: str) -> None:
        self.recorded += 1
        self.pending.append({"export_id": self.export_id, "sku": sku, "digest": digest})
        if len(self.pending) >= 5000:
            self.flush()

    def flush(self) -> None:
        if self.pending:
            self.session.connection().execute(insert(CatalogExportItem), self.pending)
            self.pending = []


def _output_option(request: ExportRequest) -> str:
    """Where the file goes, as the command line named it, for an error that names it."""
    if request.output is not None:
        return f"--output {request.output}"
    if request.folder != pathlib.Path():
        return f"--output {request.folder}{os.sep}"
    return f"the current folder {pathlib.Path.cwd()}"


def _write_atomically(path: pathlib.Path, write, check=lambda _result: None, where=""):
    """Run write(file) on a temporary file beside `path`, then rename it into place unless
    check(result) refuses the file by raising: then, as on any failure, it is removed. A
    missing folder is not created (a typo would scatter catalogs); a path that cannot be
    written is an ExportError naming `where` (the --output option) and the reason."""
    where = where or str(path)
    folder = path.parent
    if not folder.is_dir():
        reason = "is not a folder" if folder.exists() else "does not exist"
        raise ExportError(f"{where}: folder {folder} {reason}")
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.part")
    try:
        with open(temporary, "wb") as out:
            result = write(out)
            check(result)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise ExportError(f"{where}: cannot write {path}: {exc.strerror or exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink(missing_ok=True)
        raise
    return result
