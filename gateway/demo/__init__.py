"""The demo data set: three billing entities, a generated IT catalogue in three languages,
contracts around today's date, favourites and trading partners for every buyer system.

`gateway demo [--products N] [--contracts M]` loads it into an empty database;
`gateway serve --demo` calls `load_demo_if_empty(app)`. Everything is generated from a fixed
seed, so two loads hold the same SKUs, prices and texts (contract dates follow today).
"""

from gateway.demo.catalog import DEMO_SEED
from gateway.demo.catalog import DemoProduct
from gateway.demo.catalog import generate_products
from gateway.demo.command import demo_command
from gateway.demo.command import load_demo_if_empty
from gateway.demo.entities import DEMO_ENTITIES
from gateway.demo.errors import DatabaseNotEmpty
from gateway.demo.errors import DemoError
from gateway.demo.loader import DemoSummary
from gateway.demo.loader import load_demo
from gateway.demo.partners import DEMO_PARTNERS
from gateway.demo.partners import credential_lines

__all__ = [
    "DEMO_ENTITIES",
    "DEMO_PARTNERS",
    "DEMO_SEED",
    "DatabaseNotEmpty",
    "DemoError",
    "DemoProduct",
    "DemoSummary",
    "credential_lines",
    "demo_command",
    "generate_products",
    "load_demo",
    "load_demo_if_empty",
]
