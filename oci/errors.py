"""The errors of the SAP OCI library.

Every error raised by ``oci`` derives from ``OciError``. A leaf says whose fault it is
(``fault``: the ``"peer"`` sent bad data, or the ``"supplier"``, our data or configuration,
cannot be expressed in OCI) and carries the HTTP status the web layer answers with::

    OciError
    ├── CallError                     peer, 400: the inbound catalog call is unusable
    │   ├── MissingParameter          a required parameter (HOOK_URL, PRODUCTID...) is absent
    │   ├── DuplicateParameter        a known parameter repeated with different values
    │   ├── InvalidParameter          a parameter has a value OCI does not allow
    │   │   ├── UnsupportedVersion    OCI_VERSION is not one we speak
    │   │   ├── UnsupportedCharset    http_content_charset is not UTF-8 or ISO-8859-1
    │   │   ├── UnknownFunction       FUNCTION is not an OCI function
    │   │   ├── InvalidQuantity       QUANTITY is not an OCI number greater than zero
    │   │   └── UnencodableParameter  a text to echo back has a character the charset lacks
    │   └── HookUrlRejected           HOOK_URL scheme not http, https or SAPEVENT:POST
    │       ├── HookUrlNotHttps       the partner requires https
    │       └── HookUrlNotAllowed     (403) no allowed prefix of the partner matches
    ├── CartError                     supplier, 422: a cart line cannot be sent as OCI fields
    │   ├── FieldTooLong              a value longer than its field, where a cut changes meaning
    │   ├── InvalidFieldValue         a value that OCI cannot carry (format, digits, characters)
    │   └── FieldNotInVersion         a field the negotiated OCI version does not have
    ├── UnencodableText               supplier, 422: a value has a character the charset lacks
    └── ConfigurationError            supplier, 500: the partner's OCI settings are wrong
        └── UnmappedUnits             units in use with no code in the partner's unit table
"""

__all__ = [
    "CallError",
    "CartError",
    "ConfigurationError",
    "DuplicateParameter",
    "FieldNotInVersion",
    "FieldTooLong",
    "HookUrlNotAllowed",
    "HookUrlNotHttps",
    "HookUrlRejected",
    "InvalidFieldValue",
    "InvalidParameter",
    "InvalidQuantity",
    "MissingParameter",
    "OciError",
    "UnencodableParameter",
    "UnencodableText",
    "UnknownFunction",
    "UnmappedUnits",
    "UnsupportedCharset",
    "UnsupportedVersion",
]


class OciError(Exception):
    """Root of every error raised by the OCI library."""

    status: int = 500
    fault: str = "supplier"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# -- inbound call -------------------------------------------------------------------------------


class CallError(OciError):
    """The inbound OCI call cannot be used; ``parameter`` names the culprit."""

    status = 400
    fault = "peer"

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter


class MissingParameter(CallError):
    """A parameter the call needs is absent or empty."""

    def __init__(self, parameter: str, reason: str = "is required") -> None:
        super().__init__(parameter, reason)


class DuplicateParameter(CallError):
    """A known parameter was sent twice with different values."""

    def __init__(self, parameter: str) -> None:
        super().__init__(parameter, "is sent more than once with different values")


class InvalidParameter(CallError):
    """A parameter's value is not allowed by OCI."""


class UnsupportedVersion(InvalidParameter):
    """OCI_VERSION names a version this library does not speak."""


class UnsupportedCharset(InvalidParameter):
    """http_content_charset names a charset other than UTF-8 or ISO-8859-1."""


class UnknownFunction(InvalidParameter):
    """FUNCTION names no OCI function."""


class InvalidQuantity(InvalidParameter):
    """QUANTITY is not a plain OCI number greater than zero."""


class UnencodableParameter(InvalidParameter):
    """A text the return form carries back (a pass-through field's name or value, HOOK_URL,
    the frame) holds a character the charset the call asks for (http_content_charset) cannot
    write: accepted, it would fail every transfer of the session, and even its cancel."""

    def __init__(self, parameter: str, character: str, charset: str) -> None:
        super().__init__(
            parameter,
            f"{character!r} (U+{ord(character):04X}) is not in {charset}, the charset the call"
            " asks the cart back in (http_content_charset): it could not be echoed back",
        )
        self.character = character
        self.charset = charset


class HookUrlRejected(CallError):
    """HOOK_URL is not a URL the cart may be sent to."""


class HookUrlNotHttps(HookUrlRejected):
    """The partner requires an https HOOK_URL and got another one."""


class HookUrlNotAllowed(HookUrlRejected):
    """HOOK_URL starts with none of the partner's allowed return-URL prefixes."""

    status = 403


# -- outbound cart ------------------------------------------------------------------------------


class CartError(OciError):
    """A cart line cannot be expressed as OCI fields; names the line (from 1) and the field."""

    status = 422
    fault = "supplier"

    def __init__(self, line: int, field: str, message: str) -> None:
        super().__init__(f"line {line}, NEW_ITEM-{field}: {message}")
        self.line = line
        self.field = field


class FieldTooLong(CartError):
    """A value exceeds its field's length and cutting it would change its meaning."""

    def __init__(self, line: int, field: str, length: int, max_length: int) -> None:
        super().__init__(line, field, f"{length} characters, the field holds {max_length}")
        self.length = length
        self.max_length = max_length


class InvalidFieldValue(CartError):
    """A value OCI cannot carry in that field (digits, decimals, characters)."""


class FieldNotInVersion(CartError):
    """A value for a field that the negotiated OCI version does not define."""


class UnencodableText(OciError):
    """A form value holds a character that the requested charset cannot encode."""

    status = 422
    fault = "supplier"

    def __init__(self, name: str, character: str, charset: str) -> None:
        super().__init__(f"{name}: {character!r} (U+{ord(character):04X}) is not in {charset}")
        self.name = name
        self.character = character
        self.charset = charset


# -- configuration ------------------------------------------------------------------------------


class ConfigurationError(OciError):
    """The partner's OCI settings are wrong; found at configuration time."""

    status = 500
    fault = "supplier"


class UnmappedUnits(ConfigurationError):
    """Units in use that the partner's unit table does not map; lists every one of them."""

    def __init__(self, units: tuple[str, ...]) -> None:
        super().__init__("no partner unit code for: " + ", ".join(units))
        self.units = units
