"""`gateway demo` and `load_demo_if_empty`: the demo data set in a real database (SQLite, and
PostgreSQL when GATEWAY_TEST_DATABASE_URL is set)."""

import dataclasses
import datetime
from decimal import Decimal

import pytest
from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from gateway import cli as gateway_cli
from gateway.app import database_of
from gateway.app import settings_of
from gateway.catalog import category_name
from gateway.catalog import category_names
from gateway.demo import DEMO_PARTNERS
from gateway.demo import DatabaseNotEmpty
from gateway.demo import load_demo_if_empty
from gateway.hashing import verify_secret
from gateway.models import Base
from gateway.models import BillingEntity
from gateway.models import CategoryName
from gateway.models import Contract
from gateway.models import FavouritesList
from gateway.models import PriceRule
from gateway.models import Product
from gateway.models import ProductPrice
from gateway.models import ProductText
from gateway.models import TradingPartner

from .cli_support import error_of


def _count(session, model, *where):
    return session.scalar(select(func.count()).select_from(model).where(*where))


def test_demo_loads_entities_with_currencies_addresses_and_policies(db, cli):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].startswith("demo data loaded: 5,000 products (15,000 texts, ")
    with db.transaction() as session:
        entities = {
            e.code: e
            for e in session.scalars(
                select(BillingEntity).options(
                    selectinload(BillingEntity.addresses), selectinload(BillingEntity.policy)
                )
            )
        }
        assert {code: (e.currency, e.languages[0]) for code, e in entities.items()} == {
            "DEMO-FR": ("EUR", "fr"),
            "DEMO-DE": ("EUR", "de"),
            "DEMO-UK": ("GBP", "en"),
        }
        for entity in entities.values():
            kinds = [a.kind for a in entity.addresses]
            assert kinds.count("bill_to") == 1 and 1 <= kinds.count("ship_to") <= 2
        assert entities["DEMO-FR"].policy.exclude_categories == ["ink-cartridges"]
        assert entities["DEMO-DE"].policy.exclude_publishers == ["Kaspersky"]
        assert entities["DEMO-UK"].policy.off_contract == "hidden"
        assert {a.country for a in entities["DEMO-UK"].addresses} == {"GB"}
        favourites = session.scalars(
            select(FavouritesList).options(selectinload(FavouritesList.items))
        ).all()
        assert sorted(f.entity_id for f in favourites) == sorted(e.id for e in entities.values())
        assert all(len(f.items) == 5 and f.is_landing for f in favourites)


def test_demo_products_have_three_languages_and_prices_in_eur_and_gbp(db, cli):
    cli("demo")
    with db.transaction() as session:
        assert _count(session, Product) == 5000
        for language in ("en", "fr", "de"):
            assert _count(session, ProductText, ProductText.language == language) == 5000
        assert _count(session, ProductPrice, ProductPrice.currency == "EUR") == 5000
        gbp = _count(session, ProductPrice, ProductPrice.currency == "GBP")
        assert 4000 < gbp < 5000  # some products have no GBP price at all
        units = set(session.scalars(select(Product.unit).distinct()))
        assert units == {"C62", "MTR", "ANN", "MON"}
        publishers = set(session.scalars(select(Product.publisher).distinct()))
        assert {"Microsoft", "Adobe", "Kaspersky", "Autodesk", ""} <= publishers
        laptop = session.scalars(
            select(Product).where(Product.category == "notebooks").order_by(Product.id).limit(1)
        ).one()
        assert laptop.unspsc == "43211503"
        texts = {t.language: t.description for t in laptop.texts}
        assert texts["fr"].startswith("Ordinateur portable ")
        assert texts["de"].startswith("Notebook ")
        prices = {p.currency: p for p in laptop.prices}
        assert prices["EUR"].list_price > prices["EUR"].cost > Decimal(0)
        # every category a product has is named in the three languages of the demo
        categories = set(session.scalars(select(Product.category).distinct()))
        for language in ("en", "fr", "de"):
            named = session.scalars(
                select(CategoryName.category).where(CategoryName.language == language)
            )
            assert set(named) == categories, language
        assert category_name(session, "fr", "notebooks") == "Ordinateurs portables"
        assert category_names(session, "de", ["monitors", "none"]) == {"monitors": "Monitore"}


def test_demo_contracts_cover_every_kind_scope_and_window(db, cli):
    cli("demo")
    today = datetime.date.today()
    with db.transaction() as session:
        contracts = session.scalars(
            select(Contract).options(
                selectinload(Contract.entities),
                selectinload(Contract.rules).selectinload(PriceRule.tiers),
            )
        ).all()
        rules = [rule for contract in contracts for rule in contract.rules]
        assert {r.kind for r in rules} == {"fixed", "percent_off", "markup"}
        assert {r.scope for r in rules} == {
            "product",
            "category",
            "manufacturer",
            "publisher",
            "all",
        }
        assert any(len(r.tiers) >= 3 for r in rules)
        for rule in rules:
            floors = [t.min_quantity for t in rule.tiers]
            assert floors[0] == 1 and floors == sorted(floors)
        skus = [r.scope_value for r in rules if r.scope == "product"]
        assert _count(session, Product, Product.sku.in_(skus)) == len(set(skus))
        for code in ("DEMO-FR", "DEMO-DE", "DEMO-UK"):
            mine = [c for c in contracts if code in {e.code for e in c.entities}]
            assert any(c.valid_to < today for c in mine), code
            assert any(c.valid_from <= today <= c.valid_to for c in mine), code
            assert any(c.valid_from > today for c in mine), code
            currency = "GBP" if code == "DEMO-UK" else "EUR"
            assert {c.currency for c in mine} == {currency}
        shared = [c for c in contracts if len(c.entities) == 2]
        assert [(c.code, c.level) for c in shared] == [("MS-EA-EU", "Microsoft EA Level A")]
        assert {"Gold", "Silver", "Platinum"} <= {c.level for c in contracts}


def test_demo_partners_log_in_with_the_printed_credentials(db, cli):
    output = cli("demo").output
    with db.transaction() as session:
        partners = {
            p.name: p
            for p in session.scalars(
                select(TradingPartner).options(selectinload(TradingPartner.credentials))
            )
        }
        assert {(p.protocol, p.flavour) for p in partners.values()} == {
            ("cxml", "ariba"),
            ("cxml", "coupa"),
            ("cxml", "oracle"),
            ("oci", "sap"),
        }
        for spec in DEMO_PARTNERS:
            partner = partners[spec.name]
            (credential,) = partner.credentials
            assert (credential.domain, credential.identity) == (spec.domain, spec.identity)
            assert verify_secret(spec.secret, credential.secret_hash)
            assert spec.secret not in credential.secret_hash
            assert spec.secret in output and spec.identity in output
            assert {"http://127.0.0.1/", "http://localhost/"} <= set(partner.return_url_prefixes)
        assert "SAPEVENT:POST" in partners["demo-sap"].return_url_prefixes
        assert partners["demo-ariba"].credentials[0].domain == "NetworkID"
        assert partners["demo-coupa"].credentials[0].domain == "DUNS"


def _snapshot(db):
    with db.transaction() as session:
        products = session.execute(
            select(
                Product.sku,
                Product.manufacturer,
                Product.manufacturer_part_id,
                Product.unit,
                ProductText.language,
                ProductText.description,
                ProductText.long_description,
            )
            .join(ProductText)
            .order_by(Product.sku, ProductText.language)
        ).all()
        prices = session.execute(
            select(Product.sku, ProductPrice.currency, ProductPrice.list_price, ProductPrice.cost)
            .join(ProductPrice)
            .order_by(Product.sku, ProductPrice.currency)
        ).all()
        rules = session.execute(
            select(Contract.code, Contract.valid_from, PriceRule.rule_key, PriceRule.scope_value)
            .join(PriceRule)
            .order_by(Contract.code, PriceRule.rule_key)
        ).all()
    return products, prices, rules


def test_demo_is_the_same_twice(db, cli):
    cli("demo", "--products", "1500")
    first = _snapshot(db)
    with db.transaction() as session:
        for table in reversed(Base.metadata.sorted_tables):
            session.execute(delete(table))
    cli("demo", "--products", "1500")
    second = _snapshot(db)
    assert len(first[0]) == 4500 and len(first[2]) > 20
    assert first == second


def test_demo_refuses_a_database_that_holds_data(db, cli):
    with db.transaction() as session:
        session.add(BillingEntity(code="ACME", name="Acme", currency="EUR", languages=["en"]))
    refused = cli("demo")
    assert refused.exit_code == DatabaseNotEmpty.exit_code
    assert "already holds 0 products and 1 billing entities" in error_of(refused)
    with db.transaction() as session:
        assert _count(session, Product) == 0
        assert _count(session, BillingEntity) == 1


def test_the_console_script_refuses_with_one_line(db, database_url, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("GATEWAY_DATABASE_URL", database_url)
    monkeypatch.setenv("GATEWAY_INSTANCE_PATH", str(tmp_path / "instance"))
    monkeypatch.setenv("GATEWAY_SECRET_KEY", "console-secret-" + "y" * 32)
    with db.transaction() as session:
        session.add(BillingEntity(code="ACME", name="Acme", currency="EUR", languages=["en"]))
    made = []
    create_app = gateway_cli.create_app
    monkeypatch.setattr(gateway_cli, "create_app", lambda: made.append(create_app()) or made[0])
    try:
        with pytest.raises(SystemExit) as exit_info:
            gateway_cli.main(["demo"])
    finally:
        for app in made:
            database_of(app).dispose()
    assert exit_info.value.code == 1
    assert capsys.readouterr().err == (
        "error: the database already holds 0 products and 1 billing entities; the demo data set "
        "loads only into an empty database\n"
    )


def test_demo_with_20000_products_and_many_contracts(db, cli):
    result = cli("demo", "--products", "20000", "--contracts", "60")
    assert result.exit_code == 0, result.output
    assert result.output.startswith("demo data loaded: 20,000 products (60,000 texts, ")
    with db.transaction() as session:
        assert _count(session, Product) == 20000
        assert session.scalar(select(func.max(Product.sku)).where(Product.sku.like("%-0020000")))
        french = session.scalars(
            select(Contract).where(Contract.entities.any(BillingEntity.code == "DEMO-FR"))
        ).all()
        assert len(french) == 60
    with db.transaction() as session:  # ids were given by the loader: the next one still works
        later = Product(sku="LATER-1", manufacturer="Acme", category="cables", unit="C62")
        session.add(later)
        session.flush()
        assert later.id == 20001


def test_serve_demo_loads_once_and_prints_credentials_each_time(app, db):
    said = []
    assert load_demo_if_empty(app, echo=said.append) is True
    assert said[0].startswith("demo data loaded: 5,000 products")
    assert any("SharedSecret=demo-ariba-secret" in line for line in said)
    said.clear()
    assert load_demo_if_empty(app, echo=said.append) is False
    assert said[0] == "demo: the database already holds data; the demo data set was not loaded"
    assert any("PASSWORD=demo-sap-password" in line for line in said)
    with db.transaction() as session:
        assert _count(session, Product) == 5000


def test_demo_contracts_are_dated_from_the_business_day_of_gateway_timezone(app, db, cli):
    now = datetime.datetime.now(datetime.UTC)
    # of UTC+14 and UTC-12, at least one is on another calendar day than UTC at any hour
    zone = "Pacific/Kiritimati" if now.hour >= 10 else "Etc/GMT+12"
    app.extensions["gateway.settings"] = dataclasses.replace(settings_of(app), timezone=zone)
    business_day = settings_of(app).today()
    assert business_day != now.date()
    cli("demo", "--products", "300")
    with db.transaction() as session:
        shared = session.scalars(select(Contract).where(Contract.code == "MS-EA-EU")).one()
    assert shared.valid_from == business_day - datetime.timedelta(days=300)
    assert shared.valid_to == business_day + datetime.timedelta(days=795)
