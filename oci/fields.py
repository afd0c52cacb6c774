"""The one table of SAP OCI fields: outbound ``NEW_ITEM-*`` fields and inbound call parameters.

Strategy: every fact about a field (its name, maximum length, type, number format, whether it is
required, what happens on overflow, which OCI versions have it) lives in a row below, and the
parser, the cart builder, the page renderer and docs/oci.md all read these rows. Nothing else in
the package knows a field length. Sources are those of ``shared/specs/formats.md`` section 2
(SAP help "Open Catalog Interface: Inbound Section", the SRM structure BBP_OCI, the OCI 5
excerpt) and ``field-notes.md`` 3.3; where sources disagree the row takes the stricter value and
says so in ``note``.
"""

import codecs
import enum
from dataclasses import dataclass

__all__ = [
    "FIELDS",
    "FIELDS_BY_NAME",
    "FUNCTIONS",
    "PARAMETERS",
    "PARAMETERS_BY_KEY",
    "Charset",
    "FieldKind",
    "FieldSpec",
    "FunctionSpec",
    "OciFunction",
    "OciVersion",
    "Overflow",
    "ParamKind",
    "ParamSpec",
    "Requirement",
    "fields_for",
]


class OciVersion(enum.Enum):
    """The OCI versions this library speaks (inbound parameter OCI_VERSION)."""

    V4_0 = "4.0"
    V5_0 = "5.0"


class Charset(enum.Enum):
    """Charsets of the return form (inbound parameter http_content_charset)."""

    UTF_8 = "UTF-8"
    ISO_8859_1 = "ISO-8859-1"

    @classmethod
    def from_label(cls, label: str) -> "Charset":
        """The charset a label such as ``utf-8``, ``UTF8`` or ``latin1`` names; ValueError else."""
        try:
            codec = codecs.lookup(label.strip()).name
        except LookupError:
            raise ValueError(f"{label!r} is not a known charset") from None
        for charset in cls:
            if codecs.lookup(charset.value).name == codec:
                return charset
        raise ValueError(f"{label!r} is neither UTF-8 nor ISO-8859-1")

    @property
    def content_type(self) -> str:
        """The HTTP Content-Type of a page in this charset."""
        return f"text/html; charset={self.value}"

    @property
    def codec(self) -> str:
        """The Python codec writing this charset."""
        return self.value.lower()

    def unencodable(self, text: str) -> str | None:
        """The first character of `text` this charset cannot write, or None. A text the
        return form carries is never written with '?' in its place: it is refused."""
        try:
            text.encode(self.codec)
        except UnicodeEncodeError as exc:
            return text[exc.start]
        return None


BOTH = frozenset(OciVersion)
ONLY_5 = frozenset({OciVersion.V5_0})


class FieldKind(enum.Enum):
    """How a field's value is written."""

    TEXT = "text"  # free text, NFC-normalised, counted in characters
    CODE = "code"  # a code (unit, currency): letters and digits, never cut
    DECIMAL = "decimal"  # '.' decimal point, fixed decimals, no sign, no thousands separator
    INTEGER = "integer"  # digits only
    FLAG = "flag"  # 'X' when set, absent otherwise
    URL = "url"  # an absolute http(s) URL, never cut
    LONGTEXT = "longtext"  # unlimited text under the special LONGTEXT_n:132[] name


class Overflow(enum.Enum):
    """What happens to a value longer than its field."""

    REFUSE = "refuse"  # a cut would change meaning: typed error naming line and field
    TRUNCATE = "truncate"  # cut to the length (a title)
    TRUNCATE_TO_LONGTEXT = "truncate to longtext"  # cut, and the whole text goes to LONGTEXT


class Requirement(enum.Enum):
    """When a field must have a value (SAP help, CRM 2.0C inbound section)."""

    ALWAYS = "always"
    UNLESS_MATNR = "unless MATNR"  # DESCRIPTION and UNIT may be left out when MATNR is given
    OPTIONAL = "optional"


@dataclass(frozen=True, slots=True, kw_only=True)
class FieldSpec:
    """One outbound ``NEW_ITEM-<name>[n]`` field."""

    name: str
    max_length: int | None
    kind: FieldKind
    overflow: Overflow = Overflow.REFUSE
    requirement: Requirement = Requirement.OPTIONAL
    integer_digits: int | None = None
    decimals: int = 0
    versions: frozenset[OciVersion] = BOTH
    meaning: str = ""
    note: str = ""

    def __post_init__(self) -> None:
        numeric = self.kind in (FieldKind.DECIMAL, FieldKind.INTEGER)
        if numeric != (self.integer_digits is not None):
            raise ValueError(f"{self.name}: integer digits are for numeric fields only")
        if self.kind is FieldKind.DECIMAL and self.decimals < 1:
            raise ValueError(f"{self.name}: a decimal field has decimals")
        if self.kind is not FieldKind.DECIMAL and self.decimals:
            raise ValueError(f"{self.name}: only decimal fields have decimals")
        if (self.max_length is None) != (self.kind is FieldKind.LONGTEXT):
            raise ValueError(f"{self.name}: only the long text is unlimited")
        if numeric and self.width > self.max_length:
            raise ValueError(f"{self.name}: number format wider than the field")
        if self.overflow is not Overflow.REFUSE and self.kind is not FieldKind.TEXT:
            raise ValueError(f"{self.name}: only text may be cut")

    @property
    def attribute(self) -> str:
        """The snake_case attribute that holds this field on a cart line."""
        return self.name.lower()

    @property
    def width(self) -> int:
        """Characters of the widest number this field's format writes."""
        digits = self.integer_digits or 0
        return digits + (self.decimals + 1 if self.decimals else 0)

    def form_name(self, index: int) -> str:
        """The form field name for line ``index`` (OCI line indexes start at 1)."""
        if index < 1:
            raise ValueError("OCI line indexes start at 1")
        if self.kind is FieldKind.LONGTEXT:
            return f"NEW_ITEM-LONGTEXT_{index}:132[]"
        return f"NEW_ITEM-{self.name}[{index}]"


def _text(name: str, length: int, meaning: str, **extra: object) -> FieldSpec:
    return FieldSpec(name=name, max_length=length, kind=FieldKind.TEXT, meaning=meaning, **extra)


# Rows in the order the form lists them for one line.
FIELDS: tuple[FieldSpec, ...] = (
    _text(
        "DESCRIPTION",
        40,
        "short text of the item",
        overflow=Overflow.TRUNCATE_TO_LONGTEXT,
        requirement=Requirement.UNLESS_MATNR,
    ),
    _text(
        "MATNR",
        18,
        "the buyer's material number",
        note="40 in SRM/OCI 4-5 (BBP_OCI), 18 in older SAP help and Merck: 18 kept",
    ),
    FieldSpec(
        name="QUANTITY",
        max_length=15,
        kind=FieldKind.DECIMAL,
        integer_digits=11,
        decimals=3,
        requirement=Requirement.ALWAYS,
        meaning="quantity, in UNIT",
    ),
    FieldSpec(
        name="UNIT",
        max_length=3,
        kind=FieldKind.CODE,
        requirement=Requirement.UNLESS_MATNR,
        meaning="unit code the partner's SAP knows (ISO or internal T006)",
    ),
    FieldSpec(
        name="PRICE",
        max_length=15,
        kind=FieldKind.DECIMAL,
        integer_digits=11,
        decimals=3,
        meaning="price per PRICEUNIT units",
        note="SRM stores DEC 23,4; the OCI field carries 3 decimals",
    ),
    FieldSpec(name="CURRENCY", max_length=5, kind=FieldKind.CODE, meaning="ISO 4217 code"),
    FieldSpec(
        name="PRICEUNIT",
        max_length=5,
        kind=FieldKind.INTEGER,
        integer_digits=5,
        meaning="the number of units PRICE is for; empty means 1",
        note="Merck's layout says 9: 5 kept",
    ),
    FieldSpec(
        name="LEADTIME",
        max_length=5,
        kind=FieldKind.INTEGER,
        integer_digits=5,
        meaning="delivery time in days",
    ),
    _text("VENDOR", 10, "the buyer's number for us as vendor"),
    _text("VENDORMAT", 40, "our part number"),
    _text("MANUFACTCODE", 10, "the buyer's number for the manufacturer"),
    _text("MANUFACTMAT", 40, "manufacturer part number"),
    _text("MATGROUP", 10, "the buyer's material group", note="one source says 9: 10 kept"),
    FieldSpec(name="SERVICE", max_length=1, kind=FieldKind.FLAG, meaning="X for a service"),
    _text("CONTRACT", 10, "the buyer's contract number"),
    _text("CONTRACT_ITEM", 5, "line of that contract"),
    _text("EXT_QUOTE_ID", 35, "our quote number"),
    _text("EXT_QUOTE_ITEM", 10, "line of that quote"),
    _text("EXT_PRODUCT_ID", 40, "our unique item key, sent back later as PRODUCTID"),
    FieldSpec(name="ATTACHMENT", max_length=255, kind=FieldKind.URL, meaning="attachment URL"),
    _text("ATTACHMENT_TITLE", 255, "attachment title", overflow=Overflow.TRUNCATE),
    FieldSpec(
        name="ATTACHMENT_PURPOSE",
        max_length=1,
        kind=FieldKind.CODE,
        meaning="C for configuration",
    ),
    _text("EXT_SCHEMA_TYPE", 10, "classification schema, e.g. UNSPSC or ECLASS"),
    _text("EXT_CATEGORY_ID", 60, "category key in that schema"),
    _text("EXT_CATEGORY", 40, "category key, version-dependent"),
    _text("SLD_SYS_NAME", 60, "SAP System Landscape Directory system name"),
    _text("CUST_FIELD1", 10, "customer-defined"),
    _text("CUST_FIELD2", 10, "customer-defined"),
    _text("CUST_FIELD3", 10, "customer-defined"),
    _text("CUST_FIELD4", 20, "customer-defined"),
    _text("CUST_FIELD5", 50, "customer-defined", note="one library allows 255: 50 kept"),
    _text(
        "ITEM_TYPE",
        1,
        "item hierarchy type, R for a bundle's parent",
        versions=ONLY_5,
        note="length not verified; the values seen are one letter",
    ),
    FieldSpec(
        name="PARENT_ID",
        max_length=10,
        kind=FieldKind.INTEGER,
        integer_digits=10,
        versions=ONLY_5,
        meaning="line index of the parent item",
        note="length not verified",
    ),
    _text("TAX", 5, "tax code", versions=ONLY_5, note="semantics not verified"),
    FieldSpec(
        name="LONGTEXT",
        max_length=None,
        kind=FieldKind.LONGTEXT,
        meaning="long text, named NEW_ITEM-LONGTEXT_n:132[]",
    ),
)

FIELDS_BY_NAME: dict[str, FieldSpec] = {spec.name: spec for spec in FIELDS}


def fields_for(version: OciVersion) -> tuple[FieldSpec, ...]:
    """The outbound fields that ``version`` defines, in form order."""
    return tuple(spec for spec in FIELDS if version in spec.versions)


# -- inbound ------------------------------------------------------------------------------------


class ParamKind(enum.Enum):
    """How an inbound parameter's value is read."""

    TEXT = "text"
    SECRET = "secret"  # noqa: S105 - a kind name; such values are never shown in a repr
    HOOK_URL = "hook url"
    VERSION = "version"
    CHARSET = "charset"
    FUNCTION = "function"
    QUANTITY = "quantity"
    ECHO = "echo"  # SAP GUI / ITS control field: sent back unchanged in the return form


@dataclass(frozen=True, slots=True, kw_only=True)
class ParamSpec:
    """One inbound parameter of the catalog call; names match case-insensitively."""

    name: str
    attribute: str
    kind: ParamKind
    meaning: str

    @property
    def key(self) -> str:
        """The case-folded name used for matching."""
        return self.name.casefold()


def _param(name: str, attribute: str, kind: ParamKind, meaning: str) -> ParamSpec:
    return ParamSpec(name=name, attribute=attribute, kind=kind, meaning=meaning)


_K = ParamKind
PARAMETERS: tuple[ParamSpec, ...] = (
    _param("USERNAME", "username", _K.TEXT, "catalog login"),
    _param("PASSWORD", "password", _K.SECRET, "catalog password"),
    _param("HOOK_URL", "hook_url", _K.HOOK_URL, "where the cart form is posted, verbatim"),
    _param("OCI_VERSION", "oci_version", _K.VERSION, "4.0 or 5.0; 4.0 when absent"),
    _param("OPI_VERSION", "opi_version", _K.TEXT, "Open Partner Interface version, as sent"),
    _param("http_content_charset", "charset", _K.CHARSET, "UTF-8 (default) or ISO-8859-1"),
    _param("returntarget", "returntarget", _K.TEXT, "frame of the form when ~target is absent"),
    _param("~caller", "caller", _K.ECHO, "SAP GUI caller"),
    _param("~OkCode", "ok_code", _K.ECHO, "SAP OK code"),
    _param("~target", "target", _K.ECHO, "frame the return form targets"),
    _param("FUNCTION", "function", _K.FUNCTION, "absent for shopping, else an OCI function"),
    _param("PRODUCTID", "product_id", _K.TEXT, "an EXT_PRODUCT_ID we sent before"),
    _param("SEARCHSTRING", "search_string", _K.TEXT, "query of BACKGROUND_SEARCH or SOURCING"),
    _param("QUANTITY", "quantity", _K.QUANTITY, "for VALIDATE, SOURCING, QUANTITY_CHECK"),
    _param("VENDOR", "vendor", _K.TEXT, "the buyer's vendor number"),
)

PARAMETERS_BY_KEY: dict[str, ParamSpec] = {spec.key: spec for spec in PARAMETERS}


class OciFunction(enum.Enum):
    """Values of the inbound FUNCTION parameter."""

    DETAIL = "DETAIL"
    DETAILADD = "DETAILADD"
    VALIDATE = "VALIDATE"
    SOURCING = "SOURCING"
    BACKGROUND_SEARCH = "BACKGROUND_SEARCH"
    QUANTITY_CHECK = "QUANTITY_CHECK"


@dataclass(frozen=True, slots=True, kw_only=True)
class FunctionSpec:
    """What an OCI function needs from the call."""

    function: OciFunction
    required: tuple[str, ...]
    needs_hook_url: bool
    answer: str


FUNCTIONS: dict[OciFunction, FunctionSpec] = {
    spec.function: spec
    for spec in (
        FunctionSpec(
            function=OciFunction.DETAIL,
            required=("PRODUCTID",),
            needs_hook_url=False,
            answer="the product page; nothing comes back",
        ),
        FunctionSpec(
            function=OciFunction.DETAILADD,
            required=("PRODUCTID",),
            needs_hook_url=True,
            answer="the product page, from which the item can be transferred",
        ),
        FunctionSpec(
            function=OciFunction.VALIDATE,
            required=("PRODUCTID",),
            needs_hook_url=True,
            answer="the item's fields, auto-submitted to HOOK_URL, button hidden",
        ),
        FunctionSpec(
            function=OciFunction.SOURCING,
            required=(),
            needs_hook_url=True,
            answer="a search prefilled from the item",
        ),
        FunctionSpec(
            function=OciFunction.BACKGROUND_SEARCH,
            required=("SEARCHSTRING",),
            needs_hook_url=True,
            answer="the matches as NEW_ITEM fields, read by the buyer's server",
        ),
        FunctionSpec(
            function=OciFunction.QUANTITY_CHECK,
            required=("PRODUCTID", "QUANTITY"),
            needs_hook_url=True,
            answer="the item with the quantity that can be ordered, auto-submitted",
        ),
    )
}
