"""Products: one row per SKU, upserted by SKU in chunks, in constant memory.

Strategy: rows are parsed into ProductRecords and gathered in chunks of CHUNK rows. For each chunk
the existing products, texts and prices are fetched by SKU in three queries, compared, and the
differences written with Core executemany statements (insert ... returning id, update by id,
delete and re-insert of the texts and prices of changed products). Once a row has been rejected,
chunks are still parsed (to report every bad row) but no longer written; the caller rolls back.

Columns present in the file are the truth for what they cover: an optional field, a language with
a description column, or a currency with a price column, is replaced by what the row says (an empty
cell clears or removes it); fields, languages and currencies without a column are left as stored.
"""

import dataclasses
import decimal
import re
from collections import defaultdict

from sqlalchemy import bindparam
from sqlalchemy import delete
from sqlalchemy import select
from sqlalchemy import update
from sqlalchemy.orm import Session

from gateway.imports.bulk import among
from gateway.imports.bulk import insert_rows
from gateway.imports.cells import LANGUAGE
from gateway.imports.cells import UNIT
from gateway.imports.cells import Cells
from gateway.imports.codes import CURRENCIES
from gateway.imports.reader import open_source
from gateway.imports.runner import Layout
from gateway.imports.runner import Run
from gateway.imports.seen import SeenKeys
from gateway.imports.seen import find_repeats
from gateway.models import Product
from gateway.models import ProductPrice
from gateway.models import ProductText
from gateway.text import fold

CHUNK = 1000
UNSPSC = re.compile(r"^[0-9]{8}$")  # UNSPSC commodity code: segment, family, class, commodity
FIELDS = (
    "manufacturer",
    "manufacturer_part_id",
    "publisher",
    "category",
    "unspsc",
    "unit",
    "language",
    "lead_time_days",
    "active",
)
_TEXT_COLUMN = re.compile(r"^(long_description|description)_([a-z]{2})$", re.IGNORECASE)
_PRICE_COLUMN = re.compile(r"^(list_price|cost)_([a-z]{3})$", re.IGNORECASE)
_TEXT_PREFIXES = ("description_", "long_description_")
_PRICE_PREFIXES = ("list_price_", "cost_")
_PRODUCTS = Product.__table__
_TEXTS = ProductText.__table__
_PRICES = ProductPrice.__table__


def _dynamic(name: str) -> str | None:
    if match := _TEXT_COLUMN.match(name):
        return f"{match[1].lower()}_{match[2].lower()}"
    if (match := _PRICE_COLUMN.match(name)) and match[2].upper() in CURRENCIES:
        return f"{match[1].lower()}_{match[2].upper()}"
    return None


LAYOUT = Layout(
    kind="products",
    required=("sku", "manufacturer", "category", "unit"),
    optional=(
        "manufacturer_part_id",
        "publisher",
        "unspsc",
        "language",
        "lead_time_days",
        "active",
    ),
    dynamic=_dynamic,
    language_column="description_",
)

Texts = dict[str, tuple[str, str]]  # language -> (description, long description)
Prices = dict[
    str, tuple[decimal.Decimal | None, decimal.Decimal | None]
]  # currency -> (list, cost)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Coverage:
    """What a file speaks for: the product fields, text languages and price currencies it has
    columns for. Whatever it has no column for is left as stored (new products get defaults)."""

    fields: tuple[str, ...]
    languages: tuple[str, ...]
    currencies: tuple[str, ...]

    def __post_init__(self) -> None:
        if not set(self.fields) <= set(FIELDS) or not self.languages:
            raise ValueError("a product file covers known fields and one language at least")

    @classmethod
    def of(cls, columns: list[str]) -> "Coverage":
        """The coverage of a file's columns, checked by LAYOUT (a description column is one)."""
        languages = sorted({c.split("_")[-1] for c in columns if c.startswith(_TEXT_PREFIXES)})
        currencies = sorted({c.split("_")[-1] for c in columns if c.startswith(_PRICE_PREFIXES)})
        fields = tuple(name for name in FIELDS if name in columns)
        return cls(fields=fields, languages=tuple(languages), currencies=tuple(currencies))

    def same_fields(self, stored: tuple, record: "ProductRecord") -> bool:
        return all(stored[i] == record.fields[i] for i in map(FIELDS.index, self.fields))


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class ProductRecord:
    """One product as a file row states it."""

    sku: str
    row: int
    fields: tuple  # values of FIELDS, in that order
    texts: Texts
    prices: Prices

    def __post_init__(self) -> None:
        if not self.sku or len(self.fields) != len(FIELDS):
            raise ValueError("a product has a SKU and every field of FIELDS")
        if any(not description for description, _long in self.texts.values()):
            raise ValueError("a product text has a description")


def parse_product(row: Cells, coverage: Coverage) -> ProductRecord | None:
    """The row as a ProductRecord, or None with the row's problems noted."""
    fields = (
        row.text("manufacturer", required=True, max_length=128),
        row.text("manufacturer_part_id", max_length=64),
        row.text("publisher", max_length=128),
        row.text("category", required=True, max_length=64),
        row.pattern("unspsc", UNSPSC, "an 8-digit UNSPSC code"),
        row.pattern("unit", UNIT, "a UN/CEFACT Rec. 20 unit code", required=True),
        row.pattern("language", LANGUAGE, "a language code like en or en-GB"),
        row.integer("lead_time_days", maximum=3650),
        row.boolean("active", default=True),
    )
    sku = row.text("sku", required=True, max_length=64)
    texts = _texts(row, coverage.languages)
    prices = {}
    for currency in coverage.currencies:
        pair = (
            row.decimal(f"list_price_{currency}", places=4),
            row.decimal(f"cost_{currency}", places=4),
        )
        if pair != (None, None):
            prices[currency] = pair
    if row.problems:
        return None
    return ProductRecord(sku=sku, row=row.row, fields=fields, texts=texts, prices=prices)


def _texts(row: Cells, languages: tuple[str, ...]) -> Texts:
    texts = {}
    for language in languages:
        description = row.text(f"description_{language}", max_length=512)
        long = row.text(f"long_description_{language}", max_length=4000)
        if description:
            texts[language] = (description, long)
        elif long:
            row.fail(f"description_{language}", "is required when a long description is given")
    if not texts and languages:
        row.fail(f"description_{languages[0]}", "a product needs a description in some language")
    return texts


def apply(session: Session, run: Run) -> None:
    """Upsert every product row of the run, chunk by chunk."""
    coverage = Coverage.of(run.columns)
    seen, chunk = SeenKeys(), {}
    for row in run.rows():
        record = parse_product(row, coverage)
        if record is None:
            run.reject(row)
            if sku := row.text("sku", required=True, max_length=64):
                seen.add(sku)  # a later row with its key is a repeat all the same
            continue
        if seen.add(record.sku) and record.sku in chunk:
            continue  # a repeat within the chunk: reported by _report_repeats
        chunk[record.sku] = record
        if len(chunk) >= CHUNK:
            _write(session, run, chunk, coverage)
            chunk = {}
    _write(session, run, chunk, coverage)
    _report_repeats(run, seen.suspects)


def _report_repeats(run: Run, suspects: set[str]) -> None:
    if not suspects:
        return
    with open_source(run.source.path) as again:
        position = run.columns.index("sku")
        keyed = ((n, cells[position]) for n, cells in again.rows() if len(cells) > position)
        for row, sku, first in find_repeats(keyed, suspects):
            run.problem(row, "sku", f"{sku!r} appears again (first on row {first})")


def _write(session, run: Run, chunk: dict, coverage: Coverage) -> None:
    if not chunk or run.rejected:
        return
    columns = [_PRODUCTS.c[name] for name in ("sku", "id", *FIELDS)]
    query = select(*columns).where(among(session, _PRODUCTS.c.sku, list(chunk)))
    existing = {sku: (pid, tuple(fields)) for sku, pid, *fields in session.execute(query).all()}
    ids = [pid for pid, _fields in existing.values()]
    texts, prices = _children(session, ids, coverage)
    new, changed_rows, changed_children = [], [], []
    for sku, record in chunk.items():
        if sku not in existing:
            new.append(record)
            continue
        pid, fields = existing[sku]
        same_fields = coverage.same_fields(fields, record)
        same_children = (texts[pid], prices[pid]) == (record.texts, record.prices)
        run.count("unchanged" if same_fields and same_children else "updated")
        if not same_fields:
            values = dict(zip(FIELDS, record.fields, strict=True))
            changed = {"_id": pid, **{name: values[name] for name in coverage.fields}}
            changed_rows.append({**changed, "search_maker": fold(values["manufacturer"])})
        if not same_children:
            changed_children.append((pid, record))
    stale = [pid for pid, _record in changed_children]  # new products have no texts or prices
    _insert_products(session, new, changed_children)
    run.count("inserted", len(new))
    if changed_rows:
        values = {name: bindparam(name) for name in (*coverage.fields, "search_maker")}
        session.execute(
            update(_PRODUCTS).where(_PRODUCTS.c.id == bindparam("_id")).values(values), changed_rows
        )
    _replace_children(session, changed_children, stale, coverage)


def _children(session, ids: list[int], coverage: Coverage) -> tuple[dict, dict]:
    texts: dict[int, Texts] = defaultdict(dict)
    prices: dict[int, Prices] = defaultdict(dict)
    if not ids:
        return texts, prices
    t, p = _TEXTS.c, _PRICES.c
    query = select(t.product_id, t.language, t.description, t.long_description)
    for pid, language, description, long in session.execute(
        query.where(among(session, t.product_id, ids), t.language.in_(coverage.languages))
    ).all():
        texts[pid][language] = (description, long)
    query = select(p.product_id, p.currency, p.list_price, p.cost)
    for pid, currency, list_price, cost in session.execute(
        query.where(among(session, p.product_id, ids), p.currency.in_(coverage.currencies))
    ).all():
        prices[pid][currency] = (list_price, cost)
    return texts, prices


def _insert_products(session, new: list[ProductRecord], children: list) -> None:
    """Insert new products and queue their texts and prices with the changed ones."""
    if not new:
        return
    rows = [{"sku": r.sku, **dict(zip(FIELDS, r.fields, strict=True))} for r in new]
    for row in rows:
        row["search_maker"] = fold(row["manufacturer"])
    insert_rows(session, _PRODUCTS, rows)
    skus = [r.sku for r in new]
    ids = dict(
        session.execute(
            select(_PRODUCTS.c.sku, _PRODUCTS.c.id).where(among(session, _PRODUCTS.c.sku, skus))
        ).all()
    )
    children.extend((ids[r.sku], r) for r in new)


def _delete_children(session, ids: list[int], coverage: Coverage) -> None:
    session.execute(
        delete(_TEXTS).where(
            among(session, _TEXTS.c.product_id, ids), _TEXTS.c.language.in_(coverage.languages)
        )
    )
    session.execute(
        delete(_PRICES).where(
            among(session, _PRICES.c.product_id, ids), _PRICES.c.currency.in_(coverage.currencies)
        )
    )


def _replace_children(session, children: list, stale: list[int], coverage: Coverage) -> None:
    if not children:
        return
    if stale:
        _delete_children(session, stale, coverage)
    text_rows = [
        {
            "product_id": pid,
            "language": lang,
            "description": d,
            "long_description": long,
            "search_text": fold(d),
        }
        for pid, record in children
        for lang, (d, long) in record.texts.items()
    ]
    price_rows = [
        {"product_id": pid, "currency": cur, "list_price": list_price, "cost": cost}
        for pid, record in children
        for cur, (list_price, cost) in record.prices.items()
    ]
    if text_rows:
        insert_rows(session, _TEXTS, text_rows)
    if price_rows:
        insert_rows(session, _PRICES, price_rows)
