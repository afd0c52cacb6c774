"""Products, billing entities with their addresses and catalog policy, contracts and favourites."""

import datetime
import decimal

from sqlalchemy import Date
from sqlalchemy import ForeignKey
from sqlalchemy import String
from sqlalchemy import Text
from sqlalchemy import UniqueConstraint
from sqlalchemy.orm import Mapped
from sqlalchemy.orm import mapped_column
from sqlalchemy.orm import relationship

from gateway.models.base import Amount
from gateway.models.base import Base
from gateway.models.base import Currency
from gateway.models.base import Quantity
from gateway.models.base import Unit
from gateway.text import fold


def _folded(column: str):
    """A column default: another column of the same insert, folded for search."""

    def default(context) -> str:
        return fold(context.get_current_parameters()[column])

    return default


class Product(Base):
    __tablename__ = "products"

    id: Mapped[int] = mapped_column(primary_key=True)
    sku: Mapped[str] = mapped_column(String(64), unique=True)
    manufacturer: Mapped[str] = mapped_column(String(128), index=True)
    # the manufacturer as searches compare it (gateway.text.fold); writers that bypass
    # SQLAlchemy's defaults or update the manufacturer give it themselves
    search_maker: Mapped[str] = mapped_column(
        Text, default=_folded("manufacturer"), server_default=""
    )
    manufacturer_part_id: Mapped[str] = mapped_column(String(64), default="")
    publisher: Mapped[str] = mapped_column(String(128), default="")
    category: Mapped[str] = mapped_column(String(64), index=True)
    unspsc: Mapped[str] = mapped_column(String(16), default="")
    unit: Mapped[Unit]
    language: Mapped[str] = mapped_column(String(8), default="")
    lead_time_days: Mapped[int | None]
    active: Mapped[bool] = mapped_column(default=True)

    texts: Mapped[list["ProductText"]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )
    prices: Mapped[list["ProductPrice"]] = relationship(
        back_populates="product", cascade="all, delete-orphan"
    )


class ProductText(Base):
    """A product's description in one language."""

    __tablename__ = "product_texts"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True
    )
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    description: Mapped[str] = mapped_column(String(512))
    long_description: Mapped[str] = mapped_column(Text, default="")
    # the description as searches compare it (gateway.text.fold); bulk inserts that bypass
    # SQLAlchemy (imports.bulk.insert_rows) must give it themselves
    search_text: Mapped[str] = mapped_column(
        Text, default=_folded("description"), server_default=""
    )

    product: Mapped[Product] = relationship(back_populates="texts")


class CategoryName(Base):
    """What buyers read for a category key (`Product.category`) in one language."""

    __tablename__ = "category_names"

    category: Mapped[str] = mapped_column(String(64), primary_key=True)
    language: Mapped[str] = mapped_column(String(8), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))


class ProductPrice(Base):
    """A product's list price and cost in one currency; never converted to another."""

    __tablename__ = "product_prices"

    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True
    )
    currency: Mapped[Currency] = mapped_column(primary_key=True)
    list_price: Mapped[Amount | None]
    cost: Mapped[Amount | None]

    product: Mapped[Product] = relationship(back_populates="prices")


class BillingEntity(Base):
    __tablename__ = "billing_entities"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(32), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    currency: Mapped[Currency]
    languages: Mapped[list[str]] = mapped_column(default=list)

    addresses: Mapped[list["Address"]] = relationship(
        back_populates="entity", cascade="all, delete-orphan", order_by="Address.id"
    )
    policy: Mapped["CatalogPolicy | None"] = relationship(
        back_populates="entity", cascade="all, delete-orphan"
    )


class Address(Base):
    __tablename__ = "addresses"
    __table_args__ = (UniqueConstraint("entity_id", "kind", "address_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("billing_entities.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(8))  # bill_to | ship_to
    address_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    street: Mapped[str] = mapped_column(String(200))
    postal_code: Mapped[str] = mapped_column(String(16))
    city: Mapped[str] = mapped_column(String(100))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166-1 alpha-2

    entity: Mapped[BillingEntity] = relationship(back_populates="addresses")


class CatalogPolicy(Base):
    """What an entity may buy; lists are empty when they do not restrict."""

    __tablename__ = "catalog_policies"

    entity_id: Mapped[int] = mapped_column(
        ForeignKey("billing_entities.id", ondelete="CASCADE"), primary_key=True
    )
    include_manufacturers: Mapped[list[str]] = mapped_column(default=list)
    exclude_manufacturers: Mapped[list[str]] = mapped_column(default=list)
    include_publishers: Mapped[list[str]] = mapped_column(default=list)
    exclude_publishers: Mapped[list[str]] = mapped_column(default=list)
    include_categories: Mapped[list[str]] = mapped_column(default=list)
    exclude_categories: Mapped[list[str]] = mapped_column(default=list)
    include_languages: Mapped[list[str]] = mapped_column(default=list)
    exclude_languages: Mapped[list[str]] = mapped_column(default=list)
    off_contract: Mapped[str] = mapped_column(String(16), default="list_price")  # or hidden

    entity: Mapped[BillingEntity] = relationship(back_populates="policy")


class ContractEntity(Base):
    __tablename__ = "contract_entities"

    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), primary_key=True
    )
    entity_id: Mapped[int] = mapped_column(
        ForeignKey("billing_entities.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class Contract(Base):
    __tablename__ = "contracts"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    level: Mapped[str] = mapped_column(String(64), default="")
    currency: Mapped[Currency]
    valid_from: Mapped[datetime.date] = mapped_column(Date)
    valid_to: Mapped[datetime.date] = mapped_column(Date)

    entities: Mapped[list[BillingEntity]] = relationship(secondary="contract_entities")
    rules: Mapped[list["PriceRule"]] = relationship(
        back_populates="contract", cascade="all, delete-orphan", order_by="PriceRule.rule_key"
    )


class PriceRule(Base):
    """A fixed price, percent off list or markup on cost, scoped to a product, a category, a
    manufacturer, a publisher or everything; its tiers are the quantity breaks."""

    __tablename__ = "price_rules"
    __table_args__ = (UniqueConstraint("contract_id", "rule_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="CASCADE"))
    rule_key: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # fixed | percent_off | markup
    scope: Mapped[str] = mapped_column(String(16))  # product | category | manufacturer | ...
    scope_value: Mapped[str] = mapped_column(String(128), default="")

    contract: Mapped[Contract] = relationship(back_populates="rules")
    tiers: Mapped[list["PriceTier"]] = relationship(
        back_populates="rule", cascade="all, delete-orphan", order_by="PriceTier.min_quantity"
    )


class PriceTier(Base):
    __tablename__ = "price_tiers"

    rule_id: Mapped[int] = mapped_column(
        ForeignKey("price_rules.id", ondelete="CASCADE"), primary_key=True
    )
    min_quantity: Mapped[Quantity] = mapped_column(primary_key=True)
    value: Mapped[Amount]

    rule: Mapped[PriceRule] = relationship(back_populates="tiers")


class FavouritesList(Base):
    __tablename__ = "favourites_lists"
    __table_args__ = (UniqueConstraint("entity_id", "owner", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    entity_id: Mapped[int] = mapped_column(ForeignKey("billing_entities.id", ondelete="CASCADE"))
    owner: Mapped[str] = mapped_column(String(254), default="")  # buyer's email, "" = shared
    name: Mapped[str] = mapped_column(String(100))
    is_landing: Mapped[bool] = mapped_column(default=False)

    items: Mapped[list["FavouriteItem"]] = relationship(
        back_populates="favourites", cascade="all, delete-orphan"
    )


class FavouriteItem(Base):
    __tablename__ = "favourite_items"

    list_id: Mapped[int] = mapped_column(
        ForeignKey("favourites_lists.id", ondelete="CASCADE"), primary_key=True
    )
    product_id: Mapped[int] = mapped_column(
        ForeignKey("products.id", ondelete="CASCADE"), primary_key=True
    )
    quantity: Mapped[Quantity] = mapped_column(default=decimal.Decimal(1))

    favourites: Mapped[FavouritesList] = relationship(back_populates="items")
