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
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from gateway.errors import BuyerError
from gateway.errors import CartNotTransferable
from pricing import NotOfferedReason
from pricing import minor_unit
from pricing import round_amount

__all__ = [
    "LANGUAGES",
    "REFUSALS",
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
    "category_heading": ("Category: {name}", "Catégorie : {name}", "Kategorie: {name}"),
    "manufacturer_heading": ("Manufacturer: {name}", "Fabricant : {name}", "Hersteller: {name}"),
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
    "change_price": (
        "{sku}: unit price {was} is now {now}",
        "{sku} : le prix unitaire {was} est maintenant de {now}",
        "{sku}: Stückpreis {was} beträgt jetzt {now}",
    ),
    "change_not_offered": (
        "{sku}: no longer offered ({reason})",
        "{sku} : n'est plus proposé ({reason})",
        "{sku}: wird nicht mehr angeboten ({reason})",
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
    "lead_day": ("{days} working day", "{days} jour ouvré", "{days} Werktag"),
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
    "no_return": (
        "This catalog window shows products only: there is no cart to send back. Close it to"
        " return to your procurement system.",
        "Cette fenêtre du catalogue ne fait que présenter des produits : aucun panier n'est"
        " renvoyé. Fermez-la pour revenir à votre système d'achat.",
        "Dieses Katalogfenster zeigt nur Produkte: Es wird kein Warenkorb zurückgesendet."
        " Schließen Sie es, um zu Ihrem Beschaffungssystem zurückzukehren.",
    ),
    "cancel_hint": (
        "Return to your procurement system without any items.",
        "Revenir à votre système d'achat sans aucun article.",
        "Ohne Artikel zu Ihrem Beschaffungssystem zurückkehren.",
    ),
    "return_unchanged": (
        "Return without changes",
        "Revenir sans modification",
        "Ohne Änderungen zurückkehren",
    ),
    "return_unchanged_hint": (
        "Return to your procurement system without changing its cart.",
        "Revenir à votre système d'achat sans modifier son panier.",
        "Zu Ihrem Beschaffungssystem zurückkehren, ohne dessen Warenkorb zu ändern.",
    ),
    "inspect_not_transferable": (
        "This cart is open for inspection only: it cannot be transferred. “Return without"
        " changes” takes you back to your procurement system.",
        "Ce panier est ouvert en consultation seule : il ne peut pas être transféré."
        " « Revenir sans modification » vous ramène à votre système d'achat.",
        "Dieser Warenkorb ist nur zur Ansicht geöffnet: er kann nicht übertragen werden."
        " „Ohne Änderungen zurückkehren“ bringt Sie zu Ihrem Beschaffungssystem zurück.",
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
    "shared_badge": (
        "Shared by your organisation",
        "Partagée par votre organisation",
        "Von Ihrer Organisation geteilt",
    ),
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
    "no_longer_available": ("No longer available", "Plus disponible", "Nicht mehr verfügbar"),
    "error_title": ("Punch-out unavailable", "Punch-out indisponible", "Punch-out nicht verfügbar"),
    "not_found_title": ("Not found", "Introuvable", "Nicht gefunden"),
    "bad_request_title": (
        "Request not understood",
        "Demande incomprise",
        "Anfrage nicht verstanden",
    ),
    "form_error": (
        "Nothing was changed:",
        "Rien n'a été modifié :",
        "Es wurde nichts geändert:",
    ),
    "signed_in_for": ("Buying for {entity}", "Achats pour {entity}", "Einkauf für {entity}"),
    "prices_in": ("Prices in {currency}", "Prix en {currency}", "Preise in {currency}"),
}

# What a buyer reads when a change is refused or a session cannot be used, in French and German
# (BuyerError.key -> (fr, de)); the English text is the error's own message. Values come from the
# error: quantities are written in the page's language, a NotOfferedReason and a line field's
# code are named in it.
REFUSALS: dict[str, tuple[str, str]] = {
    "link_not_valid": (
        "Ce lien de punch-out n'est pas valide ou a déjà été utilisé. Relancez le punch-out "
        "depuis votre système d'achat.",
        "Dieser Punch-out-Link ist ungültig oder wurde bereits verwendet. Starten Sie den "
        "Punch-out erneut in Ihrem Beschaffungssystem.",
    ),
    "link_expired": (
        "Ce lien de punch-out a expiré. Relancez le punch-out depuis votre système d'achat.",
        "Dieser Punch-out-Link ist abgelaufen. Starten Sie den Punch-out erneut in Ihrem "
        "Beschaffungssystem.",
    ),
    "session_unknown": ("Session de punch-out inconnue.", "Unbekannte Punch-out-Sitzung."),
    "session_closed": (
        "Cette session de punch-out est terminée. Lancez un nouveau punch-out depuis votre "
        "système d'achat.",
        "Diese Punch-out-Sitzung ist beendet. Starten Sie einen neuen Punch-out in Ihrem "
        "Beschaffungssystem.",
    ),
    "session_expired": (
        "Cette session de punch-out a expiré. Lancez un nouveau punch-out depuis votre système "
        "d'achat.",
        "Diese Punch-out-Sitzung ist abgelaufen. Starten Sie einen neuen Punch-out in Ihrem "
        "Beschaffungssystem.",
    ),
    "inspect_only": (
        "Ce panier est ouvert en consultation seule.",
        "Dieser Warenkorb ist nur zur Ansicht geöffnet.",
    ),
    "product_unknown": (
        "Le produit {sku} n'est pas dans ce catalogue.",
        "Das Produkt {sku} ist nicht in diesem Katalog.",
    ),
    "product_not_offered": (
        "Le produit {sku} n'est pas proposé à votre organisation.",
        "Das Produkt {sku} wird Ihrer Organisation nicht angeboten.",
    ),
    "list_unknown": (
        "La liste de favoris {list} n'existe pas.",
        "Die Favoritenliste {list} existiert nicht.",
    ),
    "page_not_a_number": (
        "page : un nombre entier de 1 à {maximum} est attendu (reçu : « {typed} »)",
        "Seite: eine ganze Zahl von 1 bis {maximum} wird erwartet (erhalten: „{typed}“)",
    ),
    "quantity_not_a_number": (
        "quantité : « {typed} » n'est pas un nombre",
        "Menge: „{typed}“ ist keine Zahl",
    ),
    "quantity_ambiguous": (
        "quantité : « {typed} » peut se lire {reading} ou {whole} ; tapez {whole} sans "
        "séparateur de milliers, ou {decimal}",
        "Menge: „{typed}“ kann als {reading} oder als {whole} gelesen werden; geben Sie {whole} "
        "ohne Tausendertrennzeichen ein, oder {decimal}",
    ),
    "quantity_grouped": (
        "quantité : « {typed} » contient des séparateurs de milliers ; tapez le nombre sans "
        "eux : {plain}",
        "Menge: „{typed}“ enthält Tausendertrennzeichen; geben Sie die Zahl ohne sie ein: {plain}",
    ),
    "quantity_not_positive": (
        "quantité : elle doit être supérieure à zéro (saisi : « {typed} »)",
        "Menge: sie muss größer als null sein (eingegeben: „{typed}“)",
    ),
    "quantity_too_large": (
        "quantité : au plus {maximum}, avec trois décimales au plus (saisi : « {typed} »)",
        "Menge: höchstens {maximum}, mit höchstens drei Nachkommastellen (eingegeben: „{typed}“)",
    ),
    "line_quantity_too_large": (
        "quantité : le panier contient déjà {held} de « {sku} », et une ligne en contient au plus"
        " {maximum}",
        "Menge: der Warenkorb enthält bereits {held} von „{sku}“, und eine Position höchstens"
        " {maximum}",
    ),
    "no_product": (
        "référence : aucun produit « {sku} » dans ce catalogue",
        "Artikelnummer: kein Produkt „{sku}“ in diesem Katalog",
    ),
    "no_product_named": (
        "référence : aucun produit indiqué",
        "Artikelnummer: kein Produkt angegeben",
    ),
    "sku_not_offered": (
        "référence {sku} : non proposé ({reason})",
        "Artikelnummer {sku}: nicht angeboten ({reason})",
    ),
    "line_not_offered": (
        "ligne {line} : non proposé pour une quantité de {quantity} ({reason})",
        "Position {line}: für die Menge {quantity} nicht angeboten ({reason})",
    ),
    "line_withdrawn": (
        "ligne {line} : {sku} n'est plus au catalogue ; retirez la ligne",
        "Position {line}: {sku} ist nicht mehr im Katalog; entfernen Sie die Position",
    ),
    "lines_not_offered": (
        "panier : il contient des produits qui ne vous sont plus proposés, et ne peut pas être"
        " envoyé avec eux : {products} ; retirez-les, puis transférez à nouveau le panier",
        "Warenkorb: er enthält Artikel, die Ihrer Organisation nicht mehr angeboten werden, und"
        " kann mit ihnen nicht übertragen werden: {products}; entfernen Sie sie und übertragen"
        " Sie den Warenkorb dann erneut",
    ),
    "no_line": (
        "ligne : le panier n'a pas de ligne {line}",
        "Position: der Warenkorb hat keine Position {line}",
    ),
    "nul_character": (
        "{field} : contient un caractère NUL (U+0000)",
        "{field}: enthält ein NUL-Zeichen (U+0000)",
    ),
    "line_not_a_number": (
        "ligne : un numéro de ligne du panier est attendu (reçu : « {typed} »)",
        "Position: eine Positionsnummer des Warenkorbs wird erwartet (erhalten: „{typed}“)",
    ),
    "list_of_empty_cart": (
        "panier : il est vide ; ajoutez des produits avant de l'enregistrer comme liste",
        "Warenkorb: er ist leer; fügen Sie Produkte hinzu, bevor Sie ihn als Liste speichern",
    ),
    "list_name_empty": (
        "nom de la liste : il ne doit pas être vide",
        "Listenname: er darf nicht leer sein",
    ),
    "list_name_too_long": (
        "nom de la liste : {maximum} caractères au plus (saisi : {length})",
        "Listenname: höchstens {maximum} Zeichen (eingegeben: {length})",
    ),
    "list_name_taken": (
        "nom de la liste : vous avez déjà une liste nommée « {name} »",
        "Listenname: Sie haben bereits eine Liste namens „{name}“",
    ),
    "list_shared": (
        "liste « {name} » : elle est partagée par votre organisation ; ajoutez-la au panier, "
        "mais elle ne peut pas être modifiée ni supprimée ici",
        "Liste „{name}“: sie wird von Ihrer Organisation geteilt; legen Sie sie in den "
        "Warenkorb, aber sie kann hier nicht geändert oder gelöscht werden",
    ),
    "list_needs_email": (
        "nom de la liste : votre système d'achat n'a pas transmis votre adresse e-mail, et les "
        "listes sont propres à chaque acheteur ; celle-ci serait partagée avec toute votre "
        "organisation",
        "Listenname: Ihr Beschaffungssystem hat keine E-Mail-Adresse für Sie übermittelt, und "
        "Listen gehören jeweils einem Einkäufer; diese wäre mit Ihrer ganzen Organisation "
        "geteilt",
    ),
    "list_product_gone": (
        "liste « {name} » : un produit n'est plus au catalogue",
        "Liste „{name}“: ein Produkt ist nicht mehr im Katalog",
    ),
    "line_field_missing": (
        "ligne {line} ({sku}) : {field} manque, et votre système d'achat l'exige sur chaque "
        "ligne ; retirez la ligne ou demandez au fournisseur de compléter le produit",
        "Position {line} ({sku}): {field} fehlt, und Ihr Beschaffungssystem verlangt es auf "
        "jeder Position; entfernen Sie die Position oder bitten Sie den Lieferanten, das "
        "Produkt zu ergänzen",
    ),
    "sku_field_missing": (
        "référence {sku} : {field} manque, et votre système d'achat l'exige sur chaque ligne ; "
        "demandez au fournisseur de compléter le produit",
        "Artikelnummer {sku}: {field} fehlt, und Ihr Beschaffungssystem verlangt es auf jeder "
        "Position; bitten Sie den Lieferanten, das Produkt zu ergänzen",
    ),
    "sku_field_too_long": (
        "référence {sku} : votre système d'achat ne peut pas recevoir ce produit ({field} : "
        "{length} caractères, le champ en contient {maximum}) ; demandez au fournisseur de le "
        "corriger",
        "Artikelnummer {sku}: Ihr Beschaffungssystem kann dieses Produkt nicht empfangen "
        "({field}: {length} Zeichen, das Feld fasst {maximum}); bitten Sie den Lieferanten, es "
        "zu korrigieren",
    ),
    "line_field_too_long": (
        "ligne {line} ({sku}) : votre système d'achat ne peut pas recevoir ce produit ({field} :"
        " {length} caractères, le champ en contient {maximum}) ; retirez la ligne ou demandez au"
        " fournisseur de le corriger",
        "Position {line} ({sku}): Ihr Beschaffungssystem kann dieses Produkt nicht empfangen"
        " ({field}: {length} Zeichen, das Feld fasst {maximum}); entfernen Sie die Position oder"
        " bitten Sie den Lieferanten, es zu korrigieren",
    ),
    "line_character_not_sendable": (
        "ligne {line} ({sku}) : votre système d'achat ne peut pas recevoir ce produit ({field} :"
        " le caractère « {character} » ({code}) n'existe pas en {charset}) ; retirez la ligne ou"
        " demandez au fournisseur de le corriger",
        "Position {line} ({sku}): Ihr Beschaffungssystem kann dieses Produkt nicht empfangen"
        " ({field}: das Zeichen „{character}“ ({code}) gibt es in {charset} nicht); entfernen Sie"
        " die Position oder bitten Sie den Lieferanten, es zu korrigieren",
    ),
    "line_not_receivable": (
        "ligne {line} ({sku}) : votre système d'achat ne peut pas recevoir ce produit ({reason}) ;"
        " retirez la ligne ou demandez au fournisseur de le corriger",
        "Position {line} ({sku}): Ihr Beschaffungssystem kann dieses Produkt nicht empfangen"
        " ({reason}); entfernen Sie die Position oder bitten Sie den Lieferanten, es zu"
        " korrigieren",
    ),
    "sku_not_sendable": (
        "référence {sku} : votre système d'achat ne peut pas recevoir ce produit ({field} : le"
        " caractère « {character} » ({code}) n'existe pas en {charset}) ; demandez au fournisseur"
        " de le corriger",
        "Artikelnummer {sku}: Ihr Beschaffungssystem kann dieses Produkt nicht empfangen"
        " ({field}: das Zeichen „{character}“ ({code}) gibt es in {charset} nicht); bitten Sie"
        " den Lieferanten, es zu korrigieren",
    ),
    "sku_not_receivable": (
        "référence {sku} : votre système d'achat ne peut pas recevoir ce produit ({reason}) ; "
        "demandez au fournisseur de le corriger",
        "Artikelnummer {sku}: Ihr Beschaffungssystem kann dieses Produkt nicht empfangen "
        "({reason}); bitten Sie den Lieferanten, es zu korrigieren",
    ),
}

# Why a product is not offered (pricing.NotOfferedReason), in French and German.
_REASONS: dict[str, tuple[str, str]] = {
    NotOfferedReason.EXCLUDED_BY_POLICY: (
        "exclu par la politique d'achat de votre entité",
        "durch die Einkaufsrichtlinie Ihrer Organisation ausgeschlossen",
    ),
    NotOfferedReason.OFF_CONTRACT_HIDDEN: (
        "couvert par aucun contrat",
        "durch keinen Vertrag abgedeckt",
    ),
    NotOfferedReason.BELOW_CONTRACT_MINIMUM: (
        "les prix du contrat commencent à la quantité {minimum}",
        "Vertragspreise gelten ab der Menge {minimum}",
    ),
    NotOfferedReason.NO_LIST_PRICE: ("aucun prix dans votre devise", "kein Preis in Ihrer Währung"),
    NotOfferedReason.NO_COST: ("aucun prix dans votre devise", "kein Preis in Ihrer Währung"),
}

# A line field's code (a buyer profile's required_cart_fields) -> its label in TEXTS.
_FIELD_LABELS = {
    "supplier_part_id": "sku",
    "description": "description",
    "unit": "unit",
    "unspsc": "unspsc",
    "manufacturer_part_id": "manufacturer_part",
    "manufacturer": "manufacturer",
    "lead_time": "lead_time",
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

    def lead_time(self, days: int) -> str:
        """A lead time in working days, singular where the language's plural rule says "one"
        (CLDR plural rules: 1 in English and German, 0 and 1 in French)."""
        one = days in (0, 1) if self.language == "fr" else days == 1
        return self("lead_day" if one else "lead_days", days=days)

    def unit(self, code: str) -> str:
        return unit_name(code, self.language)

    def refusal(self, error: BuyerError) -> str:
        """What the buyer reads of `error`: its text in the page's language, else its message
        (the English one, or an error no other language has a text for)."""
        texts = REFUSALS.get(error.key)
        if self.language == "en" or texts is None:
            return str(error)
        values = dict(error.values)
        if isinstance(error, CartNotTransferable):
            values.setdefault("field", error.field)
        shown = {name: self._shown(name, value) for name, value in values.items()}
        if isinstance(values.get("reason"), NotOfferedReason):
            shown["reason"] = _REASONS[values["reason"]][self._other()].format(**shown)
        return texts[self._other()].format(**shown)

    def change(self, change: Mapping[str, Any] | str) -> str:
        """A reopened cart's change (punchout.reopen_cart's record) in the page's language;
        a session stored before changes were records holds English words already."""
        if isinstance(change, str):
            return change
        sku = change["sku"]
        if change["change"] == "price":
            currency = change["currency"]
            was = format_money(
                Decimal(change["was"]), change.get("was_currency", currency), self.language
            )
            now = format_money(Decimal(change["now"]), currency, self.language)
            return self("change_price", sku=sku, was=was, now=now)
        reason = self.refusal(BuyerError.from_record(change["refusal"]))
        return self("change_not_offered", sku=sku, reason=reason)

    def _other(self) -> int:
        """The index of the page's language among the French and German texts."""
        return LANGUAGES.index(self.language) - 1

    def _shown(self, name: str, value: object) -> object:
        if isinstance(value, Decimal):
            return self.quantity(value)
        if name == "field" and value in _FIELD_LABELS:
            return self(_FIELD_LABELS[value])
        return value


def texts_for(language: str | None, currency: str) -> Texts:
    """The texts of a session's language (en/fr/de, else en) for prices in `currency`."""
    return Texts(language=ui_language(language), currency=currency)
