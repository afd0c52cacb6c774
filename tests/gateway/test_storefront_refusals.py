"""What a buyer reads when the storefront refuses something: in the session's language (or, for a
link that names no session, the browser's), with the values of the refusal filled in; English
pages and the JSON API keep the error's own English message."""

import pathlib
import re
import string

import lxml.html
import pytest
from sqlalchemy import select

from gateway.models import Product
from gateway.models import TradingPartner
from gateway.web.i18n import REFUSALS

from .test_storefront_data import punch_out
from .test_storefront_data import start

GATEWAY = pathlib.Path(__file__).resolve().parents[2] / "gateway"


def texts(response, xpath):
    tree = lxml.html.fromstring(response.get_data(as_text=True))
    return [re.sub(r"\s+", " ", node.text_content()).strip() for node in tree.xpath(xpath)]


def blanks(text):
    return {name for _literal, name, _spec, _conversion in string.Formatter().parse(text) if name}


def test_every_key_raised_has_french_and_german_texts_with_the_same_blanks():
    raised = set()
    for path in GATEWAY.rglob("*.py"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if re.search(r"\bkey=\"", line):
                raised.update(re.findall(r'"([a-z_]+)"', line.partition("key=")[2]))
    assert raised == set(REFUSALS)  # none untranslated, none left over
    for key, (french, german) in REFUSALS.items():
        assert blanks(french) == blanks(german), key


def test_a_german_buyer_reads_quantity_and_product_refusals_in_german(app, client, catalog, db):
    with db.transaction() as session:
        partner = session.get(TradingPartner, catalog.uk_partner_id)
        partner.settings = {"profile": {"required_cart_fields": ["unspsc"]}}
        session.scalars(select(Product).where(Product.sku == "PAP-A4")).one().unspsc = ""
    token = start(client, punch_out(app, catalog.uk_id, catalog.uk_partner_id, language="de"))

    def refused(sku, quantity):
        response = client.post(f"/shop/{token}/cart/add", data={"sku": sku, "quantity": quantity})
        assert response.status_code == 422
        assert texts(response, '//*[@role="alert"]/strong') == ["Es wurde nichts geändert:"]
        return texts(response, "//*[@data-error]")

    assert refused("LAP-100", "zwei") == ["Menge: „zwei“ ist keine Zahl"]
    assert refused("LAP-100", "0") == ["Menge: sie muss größer als null sein (eingegeben: „0“)"]
    assert refused("LAP-100", "1.000") == [  # German for a thousand, English for one
        "Menge: „1.000“ kann als 1 oder als 1000 gelesen werden; geben Sie 1000 ohne"
        " Tausendertrennzeichen ein, oder 1"
    ]
    assert refused("LAP-100", "1.000,5") == [
        "Menge: „1.000,5“ enthält Tausendertrennzeichen; geben Sie die Zahl ohne sie ein: 1000.5"
    ]
    assert refused("LAP-100", "2000000") == [
        "Menge: höchstens 1.000.000, mit höchstens drei Nachkommastellen (eingegeben: „2000000“)"
    ]
    assert refused("PAP-A4", "5") == [
        "Artikelnummer PAP-A4: UNSPSC fehlt, und Ihr Beschaffungssystem verlangt es auf jeder"
        " Position; bitten Sie den Lieferanten, das Produkt zu ergänzen"
    ]
    assert client.get(f"/shop/{token}/cart").status_code == 200
    assert "data-sku" not in client.get(f"/shop/{token}/cart").get_data(as_text=True)
    added = client.post(f"/shop/{token}/cart/add", data={"sku": "LAP-100", "quantity": "999999,5"})
    assert added.status_code == 303
    assert refused("LAP-100", "1") == [  # each quantity is allowed, not their sum on one line
        "Menge: der Warenkorb enthält bereits 999.999,5 von „LAP-100“, und eine Position"
        " höchstens 1.000.000"
    ]


@pytest.mark.parametrize(
    ("language", "path", "status", "title", "message"),
    [
        ("de", "/product/NOPE", 404, "Nicht gefunden",
         "Das Produkt NOPE ist nicht in diesem Katalog."),
        ("de", "/product/ACR-1", 404, "Nicht gefunden",
         "Das Produkt ACR-1 wird Ihrer Organisation nicht angeboten."),
        ("de", "/category/cables?page=abc", 400, "Anfrage nicht verstanden",
         "Seite: eine ganze Zahl von 1 bis 10.000 wird erwartet (erhalten: „abc“)"),
        ("fr", "/search?q=toner&page=0", 400, "Demande incomprise",
         "page : un nombre entier de 1 à 10\u202f000 est attendu (reçu : « 0 »)"),
        ("fr", "/favourites/77/add", 404, "Introuvable", "La liste de favoris 77 n'existe pas."),
        ("en", "/product/NOPE", 404, "Not found", "Product NOPE is not in this catalog."),
        ("en", "/manufacturer/HP?page=abc", 400, "Request not understood",
         "page: expected a whole number from 1 to 10000, got 'abc'"),
    ],
)  # fmt: skip
def test_a_page_that_cannot_be_shown_says_why_in_the_session_language(
    app, client, catalog, language, path, status, title, message
):
    token = start(client, punch_out(app, catalog.uk_id, catalog.uk_partner_id, language=language))
    url = f"/shop/{token}{path}"
    response = client.post(url) if path.endswith("/add") else client.get(url)
    assert response.status_code == status
    tree = lxml.html.fromstring(response.get_data(as_text=True))
    assert texts(response, "//h1") == [title]
    assert tree.xpath("string(//*[@data-message])") == message  # its spaces as they are


def test_a_french_buyer_reads_cart_and_list_refusals_in_french(app, client, catalog):
    token = start(client, punch_out(app, catalog.fr_id, catalog.fr_partner_id, language="fr"))
    empty = client.post(f"/shop/{token}/favourites", data={"name": "Bureau"})
    assert texts(empty, "//*[@data-error]") == [
        "panier : il est vide ; ajoutez des produits avant de l'enregistrer comme liste"
    ]
    assert client.post(f"/shop/{token}/cart/add", data={"sku": "PAP-A4", "quantity": "5"})
    assert client.post(f"/shop/{token}/favourites", data={"name": "Bureau"}).status_code == 303
    taken = client.post(f"/shop/{token}/favourites", data={"name": "Bureau"})
    assert taken.status_code == 422
    assert texts(taken, "//*[@data-error]") == [
        "nom de la liste : vous avez déjà une liste nommée « Bureau »"
    ]
    below = client.post(f"/shop/{token}/cart/update", data={"line": "1", "quantity": "2,5"})
    assert below.status_code == 422
    assert texts(below, "//*[@data-error]") == [
        "ligne 1 : non proposé pour une quantité de 2,5 (les prix du contrat commencent à la"
        " quantité 5)"
    ]

    def refused(quantity):
        response = client.post(
            f"/shop/{token}/cart/update", data={"line": "1", "quantity": quantity}
        )
        assert response.status_code == 422
        return texts(response, "//*[@data-error]")

    assert refused("5.000") == [
        "quantité : « 5.000 » peut se lire 5 ou 5000 ; tapez 5000 sans séparateur de milliers, ou 5"
    ]
    assert refused("1\u202f000") == [  # as French groups it; spaces are shown as spaces
        "quantité : « 1 000 » contient des séparateurs de milliers ; tapez le nombre sans eux :"
        " 1000"
    ]


def test_an_english_page_and_the_api_keep_the_english_message(app, client, catalog):
    token = start(client, punch_out(app, catalog.uk_id, catalog.uk_partner_id))
    response = client.post(f"/shop/{token}/cart/add", data={"sku": "LAP-100", "quantity": "two"})
    assert texts(response, "//*[@data-error]") == ["quantity: 'two' is not a number"]
    german = start(client, punch_out(app, catalog.uk_id, catalog.uk_partner_id, language="de"))
    api = client.post(
        "/api/v1/cart/lines",
        json={"sku": "LAP-100", "quantity": "zwei"},
        headers={"Authorization": f"Bearer {german}"},
    )
    assert api.status_code == 400
    assert api.get_json()["error"]["message"] == "quantity: 'zwei' is not a number"


@pytest.mark.parametrize(
    ("accept", "message"),
    [
        (
            "de-DE,de;q=0.9",
            "Dieser Punch-out-Link ist ungültig oder wurde bereits verwendet. Starten Sie den"
            " Punch-out erneut in Ihrem Beschaffungssystem.",
        ),
        (
            "fr-CH, fr;q=0.9, en;q=0.8",
            "Ce lien de punch-out n'est pas valide ou a déjà été utilisé. Relancez le punch-out"
            " depuis votre système d'achat.",
        ),
        (
            "it",
            "This punch-out link is not valid or has already been used. Start the punch-out again"
            " from your procurement system.",
        ),
    ],
)
def test_a_used_start_link_is_explained_in_the_browser_language(
    app, client, catalog, accept, message
):
    link = punch_out(app, catalog.uk_id, catalog.uk_partner_id, language="en")
    start(client, link)
    again = client.get(f"/punchout/start/{link}", headers={"Accept-Language": accept})
    assert again.status_code == 404
    assert message in texts(again, "//main")[0]


def test_an_ended_session_is_explained_in_its_own_language(app, client, catalog):
    token = start(client, punch_out(app, catalog.uk_id, catalog.uk_partner_id, language="de"))
    assert client.post(f"/shop/{token}/cancel").status_code == 200
    ended = client.get(f"/shop/{token}/cart", headers={"Accept-Language": "fr"})
    assert ended.status_code == 410
    assert (
        "Diese Punch-out-Sitzung ist beendet. Starten Sie einen neuen Punch-out in Ihrem"
        " Beschaffungssystem." in texts(ended, "//main")[0]
    )
