"""Inbound: the catalog call a buyer's SAP system opens (GET query or POST form).

Strategy: the call arrives as (name, value) pairs. Each name is matched case-insensitively
against the parameter table in ``oci.fields`` (SAP varies the case: ``~OkCode``, ``~OKCODE``);
empty values count as absent. The SAP control fields (``~caller``, ``~OkCode``, ``~target``) and
every unknown parameter are kept, in order and under the name as received, to be echoed back in
the return form; ``NEW_ITEM-*`` fields the buyer sends along (VALIDATE, SOURCING) are kept apart
and never echoed, so they cannot collide with our cart. The parse checks what the call alone can
tell: versions, charset, function and its arguments, the HOOK_URL scheme, and that every text
the return form carries back (pass-through fields, HOOK_URL, the frame) can be written in the
charset the call asks for, which would otherwise fail every transfer. The partner's own rules
for HOOK_URL (allowed prefixes, https only) are checked by ``validate_hook_url`` once the gateway
knows the partner.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field
from decimal import Decimal
from urllib.parse import urlsplit

from oci.errors import DuplicateParameter
from oci.errors import HookUrlNotAllowed
from oci.errors import HookUrlNotHttps
from oci.errors import HookUrlRejected
from oci.errors import InvalidQuantity
from oci.errors import MissingParameter
from oci.errors import UnencodableParameter
from oci.errors import UnknownFunction
from oci.errors import UnsupportedCharset
from oci.errors import UnsupportedVersion
from oci.fields import FIELDS_BY_NAME
from oci.fields import FUNCTIONS
from oci.fields import PARAMETERS_BY_KEY
from oci.fields import Charset
from oci.fields import OciFunction
from oci.fields import OciVersion
from oci.fields import ParamKind
from oci.numbers import parse_number

__all__ = [
    "SAPEVENT_HOOK_URL",
    "UNSAFE_CHARACTERS",
    "HookUrlPolicy",
    "OciCall",
    "is_secret_parameter",
    "parse_oci_call",
    "url_has_prefix",
    "url_has_unsafe_characters",
    "validate_hook_url",
]

# The SAP GUI pseudo URL: the GUI's embedded browser catches the form post itself.
SAPEVENT_HOOK_URL = "SAPEVENT:POST"

Pairs = tuple[tuple[str, str], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class OciCall:
    """A parsed OCI catalog call: login, return details, function and pass-through fields."""

    hook_url: str | None = None
    oci_version: OciVersion = OciVersion.V4_0
    opi_version: str | None = None
    charset: Charset = Charset.UTF_8
    returntarget: str | None = None
    caller: str | None = None
    ok_code: str | None = None
    target: str | None = None
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    function: OciFunction | None = None
    product_id: str | None = None
    search_string: str | None = None
    quantity: Decimal | None = None
    vendor: str | None = None
    echo_fields: Pairs = ()
    item_fields: Pairs = ()

    def __post_init__(self) -> None:
        spec = FUNCTIONS.get(self.function) if self.function else None
        if self.hook_url is None and (spec is None or spec.needs_hook_url):
            raise MissingParameter("HOOK_URL")
        for name in spec.required if spec else ():
            if getattr(self, PARAMETERS_BY_KEY[name.casefold()].attribute) is None:
                raise MissingParameter(name, f"is required by FUNCTION={self.function.value}")
        if self.quantity is not None and self.quantity <= 0:
            raise InvalidQuantity("QUANTITY", "must be greater than zero")

    @property
    def return_target(self) -> str | None:
        """The frame the return form targets: ``~target``, else ``returntarget``."""
        return self.target or self.returntarget

    @property
    def is_sap_gui(self) -> bool:
        """True when the cart goes back to the SAP GUI (HOOK_URL ``SAPEVENT:POST``)."""
        return _is_sapevent(self.hook_url or "")


@dataclass(frozen=True, slots=True, kw_only=True)
class HookUrlPolicy:
    """A partner's rules for HOOK_URL: allowed prefixes (URLs or SAPEVENT:POST), https only."""

    allowed_prefixes: tuple[str, ...]
    require_https: bool = False

    def __post_init__(self) -> None:
        for prefix in self.allowed_prefixes:
            _check_scheme(prefix, parameter="allowed HOOK_URL prefix")


def parse_oci_call(pairs: Iterable[tuple[str, str]]) -> OciCall:
    """Parse the (name, value) pairs of a GET query or POST form into an ``OciCall``."""
    known: dict[str, str] = {}
    echo: list[tuple[str, str]] = []
    items: list[tuple[str, str]] = []
    for name, value in pairs:
        spec = _parameter(name)
        if spec is None:
            (items if name.upper().startswith("NEW_ITEM-") else echo).append((name, value))
            continue
        if spec.kind is ParamKind.ECHO:
            echo.append((name, value))
        if value == "":
            continue
        if known.setdefault(spec.name, value) != value:
            raise DuplicateParameter(spec.name)
    values = {
        PARAMETERS_BY_KEY[name.casefold()].attribute: _read(name, text)
        for name, text in known.items()
    }
    call = OciCall(**values, echo_fields=tuple(echo), item_fields=tuple(items))
    _check_echoable(call)
    return call


def _check_echoable(call: OciCall) -> None:
    """Refuse a text the return form carries back that the call's charset cannot write (the
    form's own rule, ``Charset.unencodable``): the parameter named, before any session is
    opened, rather than a cart that can never be returned."""
    pairs = [
        ("HOOK_URL", call.hook_url or ""),
        ("returntarget", call.returntarget or ""),
        *call.echo_fields,
    ]
    for name, value in pairs:
        for text in (name, value):
            character = call.charset.unencodable(text)
            if character is not None:
                raise UnencodableParameter(name, character, call.charset.value)


def is_secret_parameter(name: str) -> bool:
    """Whether a call's parameter `name` is read as a secret (PASSWORD): logs mask its value."""
    spec = _parameter(name)
    return spec is not None and spec.kind is ParamKind.SECRET


def _parameter(name: str):
    """The parameter a call's `name` sets: names are matched in any case, spaces around."""
    return PARAMETERS_BY_KEY.get(name.strip().casefold())


def validate_hook_url(hook_url: str, policy: HookUrlPolicy) -> None:
    """Check HOOK_URL against a partner's policy; HookUrlRejected (or a leaf) if it fails."""
    _check_scheme(hook_url)
    if _is_sapevent(hook_url):
        if not any(_is_sapevent(prefix) for prefix in policy.allowed_prefixes):
            raise HookUrlNotAllowed("HOOK_URL", "the partner does not allow the SAP GUI")
        return
    if policy.require_https and urlsplit(hook_url).scheme.lower() != "https":
        raise HookUrlNotHttps("HOOK_URL", "the partner requires an https URL")
    if not any(url_has_prefix(hook_url, prefix) for prefix in policy.allowed_prefixes):
        raise HookUrlNotAllowed("HOOK_URL", f"{hook_url!r} is not an allowed return URL")


def _read(name: str, text: str) -> object:
    kind = PARAMETERS_BY_KEY[name.casefold()].kind
    if kind is ParamKind.VERSION:
        return _read_version(text)
    if kind is ParamKind.CHARSET:
        try:
            return Charset.from_label(text)
        except ValueError as exc:
            raise UnsupportedCharset(name, str(exc)) from exc
    if kind is ParamKind.FUNCTION:
        try:
            return OciFunction(text.strip().upper())
        except ValueError:
            raise UnknownFunction(name, f"{text!r} is not an OCI function") from None
    if kind is ParamKind.QUANTITY:
        try:
            return parse_number(FIELDS_BY_NAME["QUANTITY"], text)
        except ValueError as exc:
            raise InvalidQuantity(name, str(exc)) from exc
    if kind is ParamKind.HOOK_URL:
        _check_scheme(text)
    return text


def _read_version(text: str) -> OciVersion:
    """OCI_VERSION: '4.0' or '5.0'; a bare major ('4') or extra zeros ('4.00') are the same."""
    major, _, minor = text.strip().partition(".")
    if minor.strip("0") == "":
        for version in OciVersion:
            if version.value.split(".")[0] == major:
                return version
    known = ", ".join(version.value for version in OciVersion)
    raise UnsupportedVersion("OCI_VERSION", f"{text!r} is not supported (known: {known})")


def _check_scheme(url: str, parameter: str = "HOOK_URL") -> None:
    """HOOK_URL is an absolute http(s) URL or SAPEVENT:POST, whatever the partner allows."""
    if _is_sapevent(url):
        return
    if url_has_unsafe_characters(url):
        raise HookUrlRejected(parameter, UNSAFE_CHARACTERS)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (a port out of range or not a number raises)
    except ValueError:  # an unclosed [IPv6 host, say
        parts = None
    if parts is None or parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise HookUrlRejected(
            parameter, f"{url!r} is not an absolute http, https or SAPEVENT:POST URL"
        )


def _is_sapevent(url: str) -> bool:
    return url.strip().upper() == SAPEVENT_HOOK_URL


# Why a return URL holding one of the characters below is refused, in the words of the refusal.
UNSAFE_CHARACTERS = "contains a blank, control character, quote or backslash"
_UNSAFE_PUNCTUATION = frozenset('<>"`\\')


def url_has_unsafe_characters(url: str) -> bool:
    """Whether `url` holds a character a browser reads otherwise than ``urlsplit`` (WHATWG URL
    Standard): a backslash, which a browser takes for a slash in an http(s) URL, so that
    ``http://evil:8622\\@127.0.0.1/`` posts to evil while urlsplit sees the host 127.0.0.1; a
    blank or control character (a browser drops tabs and newlines); a quote or angle bracket.
    No return URL holding one is allowed, HOOK_URL and cXML BrowserFormPost alike."""
    return any(
        char.isspace() or not char.isprintable() or char in _UNSAFE_PUNCTUATION for char in url
    )


def url_has_prefix(url: str, prefix: str) -> bool:
    """Whether `url` is under an allowed return URL prefix (HOOK_URL here, and the gateway's
    cXML BrowserFormPost): same scheme and host (any case), the same port when the prefix names
    one (a prefix without a port admits any port of that host), and the path starts with the
    prefix's path at a segment boundary, so that ``https://a.example/sap`` allows neither
    ``https://a.example.evil`` nor ``https://a.example/sapper``.

    A path with a dot segment (``..`` or ``.``, also percent-encoded or between backslashes,
    which browsers read as slashes) is never allowed: the browser resolves it before posting,
    so ``/sap/../evil`` would post the cart to ``/evil``. Nor is a URL with a character that
    a browser reads otherwise (``url_has_unsafe_characters``)."""
    if _is_sapevent(prefix) or url_has_unsafe_characters(url):
        return False
    try:
        have, want = urlsplit(url), urlsplit(prefix)
        have_port, want_port = have.port, want.port
    except ValueError:  # a port that is not a number, an unclosed [IPv6 host
        return False
    same_port = want_port is None or have_port == want_port
    if (have.scheme.lower(), have.hostname) != (
        want.scheme.lower(),
        want.hostname,
    ) or not same_port:
        return False
    have_path, path = have.path or "/", want.path or "/"  # no path is the root's
    if any(segment.lower() in _DOT_SEGMENTS for segment in re.split(r"[/\\]", have_path)):
        return False
    if not have_path.startswith(path):
        return False
    rest = have_path[len(path) :]
    return path.endswith("/") or rest == "" or rest.startswith("/")


_DOT_SEGMENTS = frozenset({".", "..", "%2e", ".%2e", "%2e.", "%2e%2e"})
