"""The demo catalogue: product families and a seeded generator that draws products from them.

Strategy: a family (notebooks, toner, office suites...) fixes what every product in it shares:
category, UNSPSC commodity code, UN/CEFACT unit, model lines with their base list price, and
attribute choices worded in English, French and German. The generator walks one seeded
``random.Random`` stream, so the first N products are the same whatever the total, and never
holds more than the product it is building. Money is computed in integer cents and only then
turned into ``Decimal``; no float ever touches a price.
"""

import dataclasses
import random
from collections.abc import Callable
from collections.abc import Iterator
from decimal import Decimal

LANGUAGES = ("en", "fr", "de")
DEMO_SEED = 20240601
GBP_SHARE_PERMILLE = 880  # the other products are priced in EUR only ("no price in currency")
GBP_PER_EUR_PERMILLE = 858
INACTIVE_PERMILLE = 8

# "(French version)" and so on, for software sold per language edition.
EDITION = {
    "en": {"en": "English version", "fr": "version anglaise", "de": "englische Version"},
    "fr": {"en": "French version", "fr": "version française", "de": "französische Version"},
    "de": {"en": "German version", "fr": "version allemande", "de": "deutsche Version"},
}


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Choice:
    """One value of a product attribute, worded per language, and what it adds to the price."""

    en: str
    fr: str
    de: str
    cents: int = 0  # added to the EUR list price
    permille: int = 1000  # then the price is scaled by this (a monthly term of a yearly price)
    unit: str = ""  # overrides the family's unit (subscriptions: MON or ANN)

    def word(self, language: str) -> str:
        return getattr(self, language)


def choice(
    en: str,
    fr: str | None = None,
    de: str | None = None,
    *,
    eur: int = 0,
    permille: int = 1000,
    unit: str = "",
) -> Choice:
    """A choice whose French and German wording default to the English one; `eur` whole euros."""
    fr = en if fr is None else fr
    de = en if de is None else de
    return Choice(en=en, fr=fr, de=de, cents=eur * 100, permille=permille, unit=unit)


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Line:
    """A model line of one maker, its base EUR list price and its part number pattern
    ('#' a digit, '@' a capital letter)."""

    maker: str
    name: str
    base_cents: int
    part: str

    def __post_init__(self) -> None:
        if self.base_cents <= 0:
            raise ValueError(f"line {self.name}: base price must be positive")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Family:
    """Products that share a category, a UNSPSC code, a unit and a way of being described."""

    code: str  # SKU prefix
    category: str
    unspsc: str  # UNSPSC commodity (8 digits)
    unit: str  # UN/CEFACT Recommendation 20 code
    weight: int  # relative share of the catalogue
    lines: tuple[Line, ...]
    choices: tuple[tuple[str, tuple[Choice, ...]], ...]
    title: dict[str, str]  # per language, str.format over maker, line and the choice names
    body: dict[str, str]
    lead_days: tuple[int, int]
    cost_permille: tuple[int, int]  # cost as a share of list price
    software: bool = False  # the maker is the publisher
    editions: tuple[str, ...] = ("",)  # product languages; "" = language independent

    def __post_init__(self) -> None:
        if len(self.unspsc) != 8 or not self.unspsc.isdigit():
            raise ValueError(f"family {self.code}: UNSPSC must be 8 digits")
        for language in LANGUAGES:
            if language not in self.title or language not in self.body:
                raise ValueError(f"family {self.code}: no {language} wording")


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DemoPrice:
    currency: str
    list_price: Decimal
    cost: Decimal


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DemoText:
    language: str
    description: str
    long_description: str


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class DemoProduct:
    """One generated product with its texts and prices, ready to be written."""

    sku: str
    manufacturer: str
    manufacturer_part_id: str
    publisher: str
    category: str
    unspsc: str
    unit: str
    language: str
    lead_time_days: int
    active: bool
    texts: tuple[DemoText, ...]
    prices: tuple[DemoPrice, ...]

    def price_in(self, currency: str) -> DemoPrice | None:
        return next((p for p in self.prices if p.currency == currency), None)


def lines(maker: str, *specs: tuple[str, int, str]) -> tuple[Line, ...]:
    """Model lines of one maker from (name, base list price in whole euros, part pattern)."""
    return tuple(Line(maker=maker, name=n, base_cents=eur * 100, part=p) for n, eur, p in specs)


def all_families() -> tuple[Family, ...]:
    """Every family of the demo catalogue, in a fixed order (the order is part of the seed)."""
    from gateway.demo import computing
    from gateway.demo import infrastructure
    from gateway.demo import printing
    from gateway.demo import software

    return computing.FAMILIES + infrastructure.FAMILIES + printing.FAMILIES + software.FAMILIES


def generate_products(count: int, seed: int = DEMO_SEED) -> Iterator[DemoProduct]:
    """Yield `count` products, the same ones for the same seed (a prefix for a smaller count)."""
    rng = random.Random(seed)
    families = all_families()
    cumulative = []
    total = 0
    for family in families:
        total += family.weight
        cumulative.append(total)
    for number in range(1, count + 1):
        (family,) = rng.choices(families, cum_weights=cumulative)
        yield draw_product(rng, family, f"{family.code}-{number:07d}")


def draw_product(rng: random.Random, family: Family, sku: str) -> DemoProduct:
    """One product of the family, drawn from the random stream."""
    draw = rng.random  # floats only pick indexes here; prices are integer cents
    line = family.lines[int(draw() * len(family.lines))]
    picked = {name: options[int(draw() * len(options))] for name, options in family.choices}
    edition = family.editions[int(draw() * len(family.editions))]
    unit = next((c.unit for c in picked.values() if c.unit), family.unit)
    eur_cents = line.base_cents + sum(c.cents for c in picked.values())
    for picked_choice in picked.values():
        eur_cents = eur_cents * picked_choice.permille // 1000
    eur_cents = eur_cents * (960 + int(draw() * 100)) // 1000
    texts = tuple(_text(family, line, picked, edition, language) for language in LANGUAGES)
    prices = [_price(draw, family, "EUR", eur_cents)]
    if draw() * 1000 < GBP_SHARE_PERMILLE:
        prices.append(_price(draw, family, "GBP", eur_cents * GBP_PER_EUR_PERMILLE // 1000))
    low, high = family.lead_days
    return DemoProduct(
        sku=sku,
        manufacturer=line.maker,
        manufacturer_part_id=_part_number(draw, line.part),
        publisher=line.maker if family.software else "",
        category=family.category,
        unspsc=family.unspsc,
        unit=unit,
        language=edition,
        lead_time_days=low + int(draw() * (high - low + 1)),
        active=draw() * 1000 >= INACTIVE_PERMILLE,
        texts=texts,
        prices=tuple(prices),
    )


def _text(family: Family, line: Line, picked: dict, edition: str, language: str) -> DemoText:
    words = {name: c.word(language) for name, c in picked.items()}
    words.update(maker=line.maker, line=line.name)
    title = family.title[language].format(**words)
    title = title[:1].upper() + title[1:]
    if edition:
        title = f"{title} ({EDITION[edition][language]})"
    return DemoText(
        language=language,
        description=title[:512],
        long_description=family.body[language].format(**words),
    )


def _price(draw: Callable[[], float], family: Family, currency: str, cents: int) -> DemoPrice:
    list_cents = _catalogue_rounding(cents)
    low, high = family.cost_permille
    cost_cents = list_cents * (low + int(draw() * (high - low + 1))) // 1000
    return DemoPrice(
        currency=currency,
        list_price=Decimal(list_cents).scaleb(-2),
        cost=Decimal(max(cost_cents, 1)).scaleb(-2),
    )


def _catalogue_rounding(cents: int) -> int:
    """List prices as a price list shows them: whole units from 100 up, tens of cents below."""
    if cents >= 10_000:
        return (cents + 50) // 100 * 100
    return max((cents + 5) // 10 * 10, 10)


_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"


def _part_number(draw: Callable[[], float], pattern: str) -> str:
    out = []
    for char in pattern:
        if char == "#":
            out.append(_DIGITS[int(draw() * 10)])
        elif char == "@":
            out.append(_LETTERS[int(draw() * len(_LETTERS))])
        else:
            out.append(char)
    return "".join(out)
