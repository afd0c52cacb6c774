"""The gateway's database model (SQLAlchemy 2 typed ORM). ORM classes stay in gateway/ and are
converted to the domain values of pricing/, cxml/ and oci/ at the edge."""

from gateway.models.base import Base
from gateway.models.catalog import Address
from gateway.models.catalog import BillingEntity
from gateway.models.catalog import CatalogPolicy
from gateway.models.catalog import CategoryName
from gateway.models.catalog import Contract
from gateway.models.catalog import ContractEntity
from gateway.models.catalog import FavouriteItem
from gateway.models.catalog import FavouritesList
from gateway.models.catalog import PriceRule
from gateway.models.catalog import PriceTier
from gateway.models.catalog import Product
from gateway.models.catalog import ProductPrice
from gateway.models.catalog import ProductText
from gateway.models.exchange import CartLine
from gateway.models.exchange import CatalogExport
from gateway.models.exchange import CatalogExportItem
from gateway.models.exchange import Document
from gateway.models.exchange import Order
from gateway.models.exchange import OrderAttachment
from gateway.models.exchange import OrderLine
from gateway.models.exchange import OutboxItem
from gateway.models.exchange import PartnerCredential
from gateway.models.exchange import PunchOutSession
from gateway.models.exchange import TradingPartner

__all__ = [
    "Address",
    "Base",
    "BillingEntity",
    "CartLine",
    "CatalogExport",
    "CatalogExportItem",
    "CatalogPolicy",
    "CategoryName",
    "Contract",
    "ContractEntity",
    "Document",
    "FavouriteItem",
    "FavouritesList",
    "Order",
    "OrderAttachment",
    "OrderLine",
    "OutboxItem",
    "PartnerCredential",
    "PriceRule",
    "PriceTier",
    "Product",
    "ProductPrice",
    "ProductText",
    "PunchOutSession",
    "TradingPartner",
]
