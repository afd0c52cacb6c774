"""cXML as a sans-I/O protocol library: bytes in, typed messages out; messages in, bytes out.

Start with parse_cxml() and build_cxml(); errors are CXmlError subclasses whose .code, .text
and .reason make the cXML Status to answer with (error_response() builds that answer).
"""

from cxml.address import Address
from cxml.address import Contact
from cxml.address import Phone
from cxml.address import PostalAddress
from cxml.credentials import check_credentials
from cxml.document import build_cxml
from cxml.document import error_response
from cxml.document import new_response
from cxml.document import parse_cxml
from cxml.envelope import Credential
from cxml.envelope import CXml
from cxml.envelope import Header
from cxml.envelope import Message
from cxml.envelope import Party
from cxml.envelope import Request
from cxml.envelope import Response
from cxml.envelope import Sender
from cxml.envelope import Status
from cxml.errors import AuthenticationFailed
from cxml.errors import BuildError
from cxml.errors import CXmlError
from cxml.errors import EncodingMismatch
from cxml.errors import ForbiddenConstruct
from cxml.errors import InvalidContent
from cxml.errors import LimitExceeded
from cxml.errors import LocalError
from cxml.errors import MalformedDocument
from cxml.errors import PeerError
from cxml.errors import Problem
from cxml.errors import SchemaUnavailable
from cxml.errors import SchemaViolation
from cxml.errors import UnsupportedMessage
from cxml.errors import UnsupportedVersion
from cxml.flavours import BuyerUser
from cxml.flavours import NameRules
from cxml.flavours import read_buyer_user
from cxml.fulfill import ConfirmationItem
from cxml.fulfill import ConfirmationRequest
from cxml.fulfill import ConfirmationStatus
from cxml.fulfill import OrderReference
from cxml.fulfill import ShipControl
from cxml.fulfill import ShipNoticeItem
from cxml.fulfill import ShipNoticePortion
from cxml.fulfill import ShipNoticeRequest
from cxml.ids import PayloadIdFactory
from cxml.ids import format_timestamp
from cxml.ids import parse_timestamp
from cxml.invoice import InvoiceDetailItem
from cxml.invoice import InvoiceDetailOrder
from cxml.invoice import InvoiceDetailRequest
from cxml.invoice import InvoiceDetailSummary
from cxml.invoice import TaxDetail
from cxml.items import Accounting
from cxml.items import AccountingSegment
from cxml.items import Distribution
from cxml.items import ItemDetail
from cxml.items import ItemID
from cxml.items import ItemIn
from cxml.items import ItemOut
from cxml.items import Shipping
from cxml.items import Tax
from cxml.order import OrderRequest
from cxml.profile import Option
from cxml.profile import ProfileRequest
from cxml.profile import ProfileResponse
from cxml.profile import Transaction
from cxml.punchout import PunchOutOrderMessage
from cxml.punchout import PunchOutSetupRequest
from cxml.punchout import PunchOutSetupResponse
from cxml.validation import validate_cxml
from cxml.values import Classification
from cxml.values import Comments
from cxml.values import Description
from cxml.values import DocumentReference
from cxml.values import Extrinsic
from cxml.values import Money
from cxml.versions import DEFAULT_VERSION
from cxml.xmlparse import DEFAULT_LIMITS
from cxml.xmlparse import Limits
from cxml.xmlparse import parse_xml

__all__ = [
    "DEFAULT_LIMITS",
    "DEFAULT_VERSION",
    "Accounting",
    "AccountingSegment",
    "Address",
    "AuthenticationFailed",
    "BuildError",
    "BuyerUser",
    "CXml",
    "CXmlError",
    "Classification",
    "Comments",
    "ConfirmationItem",
    "ConfirmationRequest",
    "ConfirmationStatus",
    "Contact",
    "Credential",
    "Description",
    "Distribution",
    "DocumentReference",
    "EncodingMismatch",
    "Extrinsic",
    "ForbiddenConstruct",
    "Header",
    "InvalidContent",
    "InvoiceDetailItem",
    "InvoiceDetailOrder",
    "InvoiceDetailRequest",
    "InvoiceDetailSummary",
    "ItemDetail",
    "ItemID",
    "ItemIn",
    "ItemOut",
    "LimitExceeded",
    "Limits",
    "LocalError",
    "MalformedDocument",
    "Message",
    "Money",
    "NameRules",
    "Option",
    "OrderReference",
    "OrderRequest",
    "Party",
    "PayloadIdFactory",
    "PeerError",
    "Phone",
    "PostalAddress",
    "Problem",
    "ProfileRequest",
    "ProfileResponse",
    "PunchOutOrderMessage",
    "PunchOutSetupRequest",
    "PunchOutSetupResponse",
    "Request",
    "Response",
    "SchemaUnavailable",
    "SchemaViolation",
    "Sender",
    "ShipControl",
    "ShipNoticeItem",
    "ShipNoticePortion",
    "ShipNoticeRequest",
    "Shipping",
    "Status",
    "Tax",
    "TaxDetail",
    "Transaction",
    "UnsupportedMessage",
    "UnsupportedVersion",
    "build_cxml",
    "check_credentials",
    "error_response",
    "format_timestamp",
    "new_response",
    "parse_cxml",
    "parse_timestamp",
    "parse_xml",
    "read_buyer_user",
    "validate_cxml",
]
