"""SAP OCI (Open Catalog Interface) as a protocol library, with no I/O.

Inbound: ``parse_oci_call`` reads the buyer's catalog call into an ``OciCall``;
``validate_hook_url`` applies a partner's ``HookUrlPolicy``. Outbound: ``build_new_item_fields``
turns ``CartLine`` values into the ordered ``NEW_ITEM-*`` fields, ``build_return_form`` gives the
whole form answering a call as a ``ReturnForm`` value, ``render_form`` (``render_form_page``,
``render_return_page``) the HTML page bytes that post it to the HOOK_URL, and
``parse_new_item_fields`` reads such a form back; ``decode_form`` reads a call's raw
URL-encoded bytes in UTF-8 or ISO-8859-1. Every field fact is in ``oci.fields``.
"""

from oci.call import SAPEVENT_HOOK_URL
from oci.call import UNSAFE_CHARACTERS
from oci.call import HookUrlPolicy
from oci.call import OciCall
from oci.call import is_secret_parameter
from oci.call import parse_oci_call
from oci.call import url_has_prefix
from oci.call import url_has_unsafe_characters
from oci.call import validate_hook_url
from oci.cart import CartLine
from oci.cart import OutboundOptions
from oci.cart import PriceMode
from oci.cart import build_new_item_fields
from oci.errors import CallError
from oci.errors import CartError
from oci.errors import ConfigurationError
from oci.errors import DuplicateParameter
from oci.errors import FieldNotInVersion
from oci.errors import FieldTooLong
from oci.errors import HookUrlNotAllowed
from oci.errors import HookUrlNotHttps
from oci.errors import HookUrlRejected
from oci.errors import InvalidFieldValue
from oci.errors import InvalidParameter
from oci.errors import InvalidQuantity
from oci.errors import MissingParameter
from oci.errors import OciError
from oci.errors import UnencodableParameter
from oci.errors import UnencodableText
from oci.errors import UnknownFunction
from oci.errors import UnmappedUnits
from oci.errors import UnsupportedCharset
from oci.errors import UnsupportedVersion
from oci.fields import FIELDS
from oci.fields import FIELDS_BY_NAME
from oci.fields import PARAMETERS
from oci.fields import Charset
from oci.fields import FieldSpec
from oci.fields import OciFunction
from oci.fields import OciVersion
from oci.fields import fields_for
from oci.form import decode_form
from oci.page import FormPurpose
from oci.page import ReturnForm
from oci.page import build_return_form
from oci.page import render_form
from oci.page import render_form_page
from oci.page import render_return_page
from oci.received import ReceivedCart
from oci.received import ReceivedItem
from oci.received import parse_new_item_fields
from oci.units import UnitMap
from oci.units import find_unmapped_units
from oci.units import validate_unit_map

__all__ = [
    "FIELDS",
    "FIELDS_BY_NAME",
    "PARAMETERS",
    "SAPEVENT_HOOK_URL",
    "UNSAFE_CHARACTERS",
    "CallError",
    "CartError",
    "CartLine",
    "Charset",
    "ConfigurationError",
    "DuplicateParameter",
    "FieldNotInVersion",
    "FieldSpec",
    "FieldTooLong",
    "FormPurpose",
    "HookUrlNotAllowed",
    "HookUrlNotHttps",
    "HookUrlPolicy",
    "HookUrlRejected",
    "InvalidFieldValue",
    "InvalidParameter",
    "InvalidQuantity",
    "MissingParameter",
    "OciCall",
    "OciError",
    "OciFunction",
    "OciVersion",
    "OutboundOptions",
    "PriceMode",
    "ReceivedCart",
    "ReceivedItem",
    "ReturnForm",
    "UnencodableParameter",
    "UnencodableText",
    "UnitMap",
    "UnknownFunction",
    "UnmappedUnits",
    "UnsupportedCharset",
    "UnsupportedVersion",
    "build_new_item_fields",
    "build_return_form",
    "decode_form",
    "fields_for",
    "find_unmapped_units",
    "is_secret_parameter",
    "parse_new_item_fields",
    "parse_oci_call",
    "render_form",
    "render_form_page",
    "render_return_page",
    "url_has_prefix",
    "url_has_unsafe_characters",
    "validate_hook_url",
    "validate_unit_map",
]
