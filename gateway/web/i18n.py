"""The storefront's words and numbers in English, French and German.

Strategy: one table of UI texts (key -> text per language) and a handful of formatters that take
`Decimal` and `date` values, never float. Number and currency layouts follow the CLDR patterns of
each language: en `£1,234.50` (symbol first, comma groups), fr `1 234,50 €` (narrow no-break
space U+202F between groups, no-break space U+00A0 before the symbol), de `1.234,50 €` (dot
groups, no-break space before the symbol). Amounts are rounded once, half-up, to the currency's
ISO 4217 minor unit by `pricing.round_amount`. A language outside en/fr/de falls back to en.
"""

import dataclasses
import datetime
from decimal import Decimal

from pricing import minor_unit
from pricing import round_amount

__all__ = [
    "LANGUAGES",
    "TEXTS",
    "Texts",
    "format_date",
    "format_money",
    "format_quantity",
    "texts_for",
    "ui_language",
    "unit_name",
]

LANGUAGES = ("en", "fr", "de")
NBSP = "\u00a0"
NNBSP = "\u202f"

# Group and decimal separators, and whether the currency symbol goes first (CLDR).
_NUMBERS = {"en": (",", ".", True), "fr": (NNBSP, ",", False), "de": (".", ",", False)}
_SYMBOLS = {"EUR": "€", "GBP": "£", "USD": "$", "JPY": "¥"}

TEXTS: dict[str, tuple[str, str, str]] = {
    # key: (en, fr, de)
    "catalog": ("Catalog", "Catalogue", "Katalog"),
    "search": ("Search", "Rechercher", "Suchen"),
    "search_hint": (
        "Description, part number or manufacturer",
        "Description, référence ou fabricant",
        "Beschreibung, Teilenummer oder Hersteller",
    ),
    "categories": ("Categories", "Catégories", "Kategorien"),
    "manufacturers": ("Manufacturers", "Fabricants", "Hersteller"),
    "results_for": (
        "Results for “{query}”",
        "Résultats pour « {query} »",
        "Ergebnisse für „{query}“",
    ),
    "category": ("Category", "Catégorie", "Kategorie"),
    "manufacturer": ("Manufacturer", "Fabricant", "Hersteller"),
    "no_results": (
        "No products found.",
        "Aucun produit trouvé.",
        "Keine Produkte gefunden.",
    ),
    "page": ("Page {page}", "Page {page}", "Seite {page}"),
    "previous": ("Previous", "Précédent", "Zurück"),
    "next": ("Next", "Suivant", "Weiter"),
    "cart": ("Cart", "Panier", "Warenkorb"),
    "reopened_changes": (
        "Your cart was reopened at today's prices. What changed:",
        "Votre panier a été rouvert aux prix du jour. Ce qui a changé :",
        "Ihr Warenkorb wurde zu den heutigen Preisen wieder geöffnet. Geändert hat sich:",
    ),
    "cart_count": ("{count} lines", "{count} lignes", "{count} Positionen"),
    "cart_empty": ("Your cart is empty.", "Votre panier est vide.", "Ihr Warenkorb ist leer."),
    "description": ("Description", "Description", "Beschreibung"),
    "details": ("Details", "Détails", "Details"),
    "sku": ("Supplier part number", "Référence fournisseur", "Lieferanten-Artikelnummer"),
    "manufacturer_part": (
        "Manufacturer part number",
        "Référence fabricant",
        "Herstellerteilenummer",
    ),
    "unspsc": ("UNSPSC", "UNSPSC", "UNSPSC"),
    "unit": ("Unit", "Unité", "Einheit"),
    "lead_time": ("Lead time", "Délai de livraison", "Lieferzeit"),
    "lead_days": ("{days} working days", "{days} jours ouvrés", "{days} Werktage"),
    "quantity": ("Quantity", "Quantité", "Menge"),
    "unit_price": ("Unit price", "Prix unitaire", "Stückpreis"),
    "line_total": ("Line total", "Total ligne", "Positionssumme"),
    "total": ("Total", "Total", "Summe"),
    "add_to_cart": ("Add to cart", "Ajouter au panier", "In den Warenkorb"),
    "update": ("Update", "Mettre à jour", "Aktualisieren"),
    "remove": ("Remove", "Supprimer", "Entfernen"),
    "transfer": ("Transfer cart", "Transférer le panier", "Warenkorb übertragen"),
    "cancel": ("Cancel", "Annuler", "Abbrechen"),
    "cancel_hint": (
        "Return to your procurement system without any items.",
        "Revenir à votre système d'achat sans aucun article.",
        "Ohne Artikel zu Ihrem Beschaffungssystem zurückkehren.",
    ),
    "contract_price": ("Contract price", "Prix contractuel", "Vertragspreis"),
    "list_price": ("List price", "Prix catalogue", "Listenpreis"),
    "contract": ("Contract", "Contrat", "Vertrag"),
    "level": ("Level", "Niveau", "Stufe"),
    "valid": ("Valid", "Validité", "Gültig"),
    "valid_range": ("{start} to {end}", "du {start} au {end}", "{start} bis {end}"),
    "tiers": ("Quantity breaks", "Prix par quantité", "Staffelpreise"),
    "from_quantity": ("from {quantity}", "à partir de {quantity}", "ab {quantity}"),
    "minimum": (
        "Minimum order quantity: {quantity}",
        "Quantité minimale de commande : {quantity}",
        "Mindestbestellmenge: {quantity}",
    ),
    "volume_prices": ("Volume prices", "Prix dégressifs", "Staffelpreise"),
    "favourites": ("Favourites", "Favoris", "Favoriten"),
    "save_cart": (
        "Save cart as a list",
        "Enregistrer le panier comme liste",
        "Warenkorb als Liste speichern",
    ),
    "list_name": ("List name", "Nom de la liste", "Name der Liste"),
    "save": ("Save", "Enregistrer", "Speichern"),
    "add_all": ("Add all to cart", "Tout ajouter au panier", "Alle in den Warenkorb"),
    "make_landing": (
        "Use as start page",
        "Utiliser comme page d'accueil",
        "Als Startseite verwenden",
    ),
    "unset_landing": (
        "Stop using as start page",
        "Ne plus utiliser comme page d'accueil",
        "Nicht mehr als Startseite verwenden",
    ),
    "landing_badge": ("Start page", "Page d'accueil", "Startseite"),
    "delete": ("Delete", "Supprimer", "Löschen"),
    "no_lists": (
        "You have no favourites lists yet. Fill the cart, then save it as a list.",
        "Vous n'avez pas encore de liste de favoris. Remplissez le panier, "
        "puis enregistrez-le comme liste.",
        "Sie haben noch keine Favoritenlisten. Füllen Sie den Warenkorb und "
        "speichern Sie ihn als Liste.",
    ),
    "items": ("{count} items", "{count} articles", "{count} Artikel"),
    "browse_all": ("Browse the catalog", "Parcourir le catalogue", "Katalog durchsuchen"),
    "inspect_notice": (
        "This cart is open for inspection only: it cannot be changed.",
        "Ce panier est ouvert en consultation seule : il ne peut pas être modifié.",
        "Dieser Warenkorb ist nur zur Ansicht geöffnet: er kann nicht geändert werden.",
    ),
    "not_available": ("Not available", "Non disponible", "Nicht verfügbar"),
    "error_title": ("Punch-out unavailable", "Punch-out indisponible", "Punch-out nicht verfügbar"),
    "not_found_title": ("Not found", "Introuvable", "Nicht gefunden"),
    "form_error": (
        "Nothing was changed:",
        "Rien n'a été modifié :",
        "Es wurde nichts geändert:",
    ),
    "signed_in_for": ("Buying for {entity}", "Achats pour {entity}", "Einkauf für {entity}"),
    "prices_in": ("Prices in {currency}", "Prix en {currency}", "Preise in {currency}"),
}

_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
}

# UN/CEFACT Recommendation 20 codes the catalog uses, named for buyers.
_UNITS = {
    "C62": ("piece", "pièce", "Stück"),
    "EA": ("each", "unité", "Stück"),
    "PCE": ("piece", "pièce", "Stück"),
    "H87": ("piece", "pièce", "Stück"),
    "BX": ("box", "boîte", "Karton"),
    "PK": ("pack", "paquet", "Packung"),
    "PR": ("pair", "paire", "Paar"),
    "SET": ("set", "lot", "Satz"),
    "MTR": ("metre", "mètre", "Meter"),
    "KGM": ("kilogram", "kilogramme", "Kilogramm"),
    "HUR": ("hour", "heure", "Stunde"),
    "DAY": ("day", "jour", "Tag"),
    "MON": ("month", "mois", "Monat"),
    "ANN": ("year", "an", "Jahr"),
}


def ui_language(language: str | None) -> str:
    """The UI language for a session language such as "fr-FR" or "de_CH": en, fr or de."""
    code = (language or "").replace("_", "-").split("-", 1)[0].lower()
    return code if code in LANGUAGES else "en"


def _index(language: str) -> int:
    return LANGUAGES.index(ui_language(language))


def _digits(value: Decimal, places: int, language: str) -> str:
    group, point, _ = _NUMBERS[ui_language(language)]
    text = f"{abs(value):,.{places}f}"  # Decimal formats exactly: no float on the way
    text = text.replace(",", "\0").replace(".", point).replace("\0", group)
    return f"-{text}" if value < 0 else text


def format_money(amount: Decimal, currency: str, language: str) -> str:
    """`amount` of `currency` rounded to its minor unit and laid out for `language`."""
    if type(amount) is not Decimal:
        raise TypeError(f"format_money takes a Decimal, not {type(amount).__name__}")
    rounded = round_amount(amount, currency)
    sign = "-" if rounded < 0 else ""
    number = _digits(abs(rounded), minor_unit(currency), language)
    symbol = _SYMBOLS.get(currency)
    if _NUMBERS[ui_language(language)][2]:
        return f"{sign}{symbol}{number}" if symbol else f"{sign}{currency}{NBSP}{number}"
    return f"{sign}{number}{NBSP}{symbol or currency}"


def format_quantity(quantity: Decimal, language: str) -> str:
    """A quantity without trailing zeros, grouped for `language` (1,250 / 1 250 / 1.250)."""
    if type(quantity) is not Decimal:
        raise TypeError(f"format_quantity takes a Decimal, not {type(quantity).__name__}")
    normal = quantity.normalize()
    places = max(0, -normal.as_tuple().exponent)
    return _digits(quantity, places, language)


def format_date(day: datetime.date, language: str) -> str:
    """31 December 2026 / 31 décembre 2026 / 31. Dezember 2026."""
    language = ui_language(language)
    month = _MONTHS[language].split()[day.month - 1]
    if language == "de":
        return f"{day.day}. {month} {day.year}"
    return f"{day.day} {month} {day.year}"


def unit_name(code: str, language: str) -> str:
    """A buyer's name for a UN/CEFACT unit code; the code itself when the table lacks it."""
    names = _UNITS.get(code)
    return names[_index(language)] if names else code


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Texts:
    """The UI texts and formatters of one page, bound to its language and currency."""

    language: str
    currency: str

    def __post_init__(self) -> None:
        if self.language not in LANGUAGES:
            raise ValueError(f"language: expected one of {LANGUAGES}, got {self.language!r}")

    def __call__(self, key: str, **values: object) -> str:
        text = TEXTS[key][LANGUAGES.index(self.language)]
        return text.format(**values) if values else text

    def money(self, amount: Decimal) -> str:
        return format_money(amount, self.currency, self.language)

    def quantity(self, quantity: Decimal) -> str:
        return format_quantity(quantity, self.language)

    def date(self, day: datetime.date) -> str:
        return format_date(day, self.language)

    def unit(self, code: str) -> str:
        return unit_name(code, self.language)


def texts_for(language: str | None, currency: str) -> Texts:
    """The texts of a session's language (en/fr/de, else en) for prices in `currency`."""
    return Texts(language=ui_language(language), currency=currency)
