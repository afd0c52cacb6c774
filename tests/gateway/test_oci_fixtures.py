"""Shared data and helpers of the gateway's OCI tests (no tests here): the small catalog of
catalog_data plus a long French text and a German screw priced per 1000, an OCI partner for
ACME-FR, a call helper, and a reader for the form a page would post."""

import html
import re
from decimal import Decimal

from sqlalchemy import func
from sqlalchemy import select

from gateway.hashing import hash_secret
from gateway.models import Document
from gateway.models import PartnerCredential
from gateway.models import PunchOutSession
from gateway.models import TradingPartner
from oci import parse_new_item_fields

from .catalog_data import build
from .catalog_data import product

USERNAME = "SRM_ACME_FR"
PASSWORD = "oci-password-1234"
HOOK_URL = "https://srm.acme.example/sap/bc/bsp/sap/bbp_oci_return?sap-client=100"
PREFIXES = ("https://srm.acme.example/sap/",)
DOCK_TEXT = "Station d'accueil USB-C universelle à double écran 4K, 100 W"
SCREW_TEXT = "Sechskantschraube DIN 933 M6 × 20 verzinkt, Festigkeitsklasse 8.8"

SETTINGS = {
    "units": {"C62": "ST"},
    "vendor": "100234",
    "matgroups": {"laptops": "IT-LAPTOP", "monitors": "IT-MON", "docks": "IT-DOCK"},
    "price_units": {"screws": 1000},
    "contract": True,
}


def add_products(session) -> None:
    """A dock with a French text over 40 characters, a German-only screw at 0.0125 (a cent
    after rounding) in category screws, both off contract at list price."""
    session.add_all(
        [
            product(
                "DOC-400",
                "Targus",
                "docks",
                "43211602",
                {"fr": DOCK_TEXT},
                eur=("189.00", "120.00"),
            ),
            product(
                "SCR-500",
                "Würth",
                "screws",
                "31161500",
                {"de": SCREW_TEXT},
                eur=("0.0125", "0.004"),
            ),
        ]
    )
    session.flush()


def add_oci_partner(session, entity, *, settings=None, prefixes=PREFIXES, name="sap-fr"):
    partner = TradingPartner(
        name=name,
        protocol="oci",
        flavour="sap",
        entity_id=entity.id,
        return_url_prefixes=list(prefixes),
        settings={"oci": SETTINGS if settings is None else settings},
        credentials=[
            PartnerCredential(
                kind="oci", domain="", identity=USERNAME, secret_hash=hash_secret(PASSWORD)
            )
        ],
    )
    session.add(partner)
    session.flush()
    return partner


def oci_client(app, db):
    """A cookie-less test client over ACME-FR with its contract, the extra products and the
    OCI partner sap-fr (each test module wraps it in its `client` fixture)."""
    with db.transaction() as session:
        fr, _uk = build(session)
        add_products(session)
        add_oci_partner(session, fr)
    return app.test_client(use_cookies=False)


def login_pairs(**extra) -> dict[str, str]:
    """A login call with the usual SAP SRM parameters; keyword arguments add or replace."""
    pairs = {
        "USERNAME": USERNAME,
        "PASSWORD": PASSWORD,
        "HOOK_URL": HOOK_URL,
        "OCI_VERSION": "4.0",
        "OPI_VERSION": "1.0",
        "http_content_charset": "utf-8",
        "returntarget": "_parent",
        "~caller": "CTLG",
        "~OkCode": "ADDI",
        "~target": "_top",
        "sap-client": "100",
    }
    pairs.update(extra)
    return {name: value for name, value in pairs.items() if value is not None}


def token_of(response) -> str:
    match = re.fullmatch(r"/shop/([A-Za-z0-9_-]+)/.*", response.headers["Location"])
    assert match, response.headers["Location"]
    return match[1]


def posted_form(response, charset="utf-8"):
    """(action, target, fields in order) of the page's form, decoded as the browser would."""
    page = response.get_data().decode(charset)
    form = re.search(r"<form ([^>]*)>", page)[1]
    attributes = {k: html.unescape(v) for k, v in re.findall(r'([a-z-]+)="([^"]*)"', form)}
    fields = [
        (html.unescape(name), html.unescape(value))
        for name, value in re.findall(r'<input type="hidden" name="([^"]*)" value="([^"]*)">', page)
    ]
    return attributes, fields


def received(response, charset="utf-8"):
    """The cart as the buyer's SAP reads it from the form."""
    _attributes, fields = posted_form(response, charset)
    return parse_new_item_fields(fields)


def counts(db) -> tuple[int, int]:
    """(sessions, documents) in the database."""
    with db.transaction() as session:
        sessions = session.scalar(select(func.count()).select_from(PunchOutSession))
        documents = session.scalar(select(func.count()).select_from(Document))
    return sessions, documents


ONE = Decimal(1)


def add_euro_product(db) -> None:
    """PSU-600, whose French description holds "€": a character ISO-8859-1 lacks."""
    with db.transaction() as session:
        session.add(
            product(
                "PSU-600",
                "Acme",
                "power",
                "39121004",
                {"fr": "Bloc secteur 65 W – 10 € de remise"},
                eur=("49.00", "20.00"),
            )
        )
