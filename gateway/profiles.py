"""Buyer profiles: what each procurement system expects, as data rather than code in views.

A partner picks a profile by its flavour and may override any setting through
`partner.settings["profile"]` (a mapping of field name to value).
"""

import dataclasses
from collections.abc import Mapping
from typing import Any

from cxml.errors import UnsupportedVersion
from cxml.versions import parse_version
from gateway.models import TradingPartner


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class BuyerProfile:
    """How one kind of procurement system talks to us."""

    name: str
    # cXML version to declare per outbound document (formats.md 1.1; Coupa pins them).
    versions: Mapping[str, str]
    # Form field that carries the cart back (formats.md 1.7): cxml-base64 or cxml-urlencoded.
    cart_field: str = "cxml-base64"
    # Cart line fields the buyer system refuses to do without (Coupa: field-notes 3.4).
    required_cart_fields: tuple[str, ...] = ()
    # Where the user's e-mail and name come from: Contact first, then these Extrinsics.
    email_extrinsics: tuple[str, ...] = ("UserEmail", "Email")
    name_extrinsics: tuple[str, ...] = ("UserFullName", "UserName", "User")
    first_last_extrinsics: tuple[str, str] = ("FirstName", "LastName")
    # Ariba sends ShipTo in the setup request; the session keeps it.
    keep_ship_to: bool = True
    # Schema mode for documents from this system: strict (the DTD) or lenient.
    schema_mode: str = "lenient"
    # UN/CEFACT units -> the buyer's codes, for units it does not take as they are.
    unit_map: Mapping[str, str] = dataclasses.field(default_factory=dict)
    # The supplier's own web shop that runs this partner's sessions through /api/v1 instead of
    # our storefront: the StartPage sends the browser there with `start_token=...` added.
    shop_url: str = ""

    def version_for(self, document_type: str) -> str:
        return self.versions.get(document_type, self.versions["default"])


# What `required_cart_fields` may name: the ItemIn parts a cart line can lack.
CART_FIELDS = (
    "supplier_part_id",
    "description",
    "unit",
    "unspsc",
    "manufacturer_part_id",
    "manufacturer",
    "lead_time",
)
NEWEST = "1.2.063"
PROFILES = {
    "ariba": BuyerProfile(
        name="ariba",
        versions={"default": NEWEST},
        email_extrinsics=("UserEmail", "Email"),
        name_extrinsics=("UserFullName", "User"),
    ),
    "coupa": BuyerProfile(
        name="coupa",
        versions={
            "default": "1.2.014",
            "PunchOutSetupResponse": "1.2.014",
            "PunchOutOrderMessage": "1.2.023",
            "ConfirmationRequest": "1.2.036",
            "ShipNoticeRequest": "1.2.014",
            "InvoiceDetailRequest": "1.2.020",
        },
        required_cart_fields=("unspsc", "unit", "supplier_part_id", "description"),
        name_extrinsics=("UniqueName", "User"),
    ),
    "oracle": BuyerProfile(name="oracle", versions={"default": "1.2.008"}),
    "sap": BuyerProfile(name="sap", versions={"default": NEWEST}),
    "generic": BuyerProfile(name="generic", versions={"default": NEWEST}),
}


def profile_for(partner: TradingPartner) -> BuyerProfile:
    """The partner's flavour profile with its own overrides applied."""
    base = PROFILES.get(partner.flavour, PROFILES["generic"])
    overrides: dict[str, Any] = dict((partner.settings or {}).get("profile", {}))
    if not overrides:
        return base
    known = {field.name for field in dataclasses.fields(BuyerProfile)}
    unknown = sorted(set(overrides) - known)
    if unknown:
        raise ValueError(f"partner {partner.name}: unknown profile setting {unknown[0]!r}")
    for name, value in overrides.items():
        problem = _problem(name, value)
        if problem:
            raise ValueError(f"partner {partner.name}: {name}: {problem}")
    if "versions" in overrides:
        overrides["versions"] = {**base.versions, **overrides["versions"]}
    for name in ("required_cart_fields", "email_extrinsics", "name_extrinsics"):
        if name in overrides:
            overrides[name] = tuple(overrides[name])
    if "first_last_extrinsics" in overrides:
        overrides["first_last_extrinsics"] = tuple(overrides["first_last_extrinsics"])
    unknown = [f for f in overrides.get("required_cart_fields", ()) if f not in CART_FIELDS]
    if unknown:
        raise ValueError(
            f"partner {partner.name}: required_cart_fields: unknown cart field {unknown[0]!r}"
            f" (known: {', '.join(CART_FIELDS)})"
        )
    return dataclasses.replace(base, **overrides)


CART_FIELD_NAMES = ("cxml-base64", "cxml-urlencoded")
SCHEMA_MODES = ("lenient", "strict")


def _texts(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(v, str) and v for v in value)


def _text_map(value: Any) -> bool:
    return isinstance(value, Mapping) and all(
        isinstance(k, str) and k and isinstance(v, str) and v for k, v in value.items()
    )


def _problem(name: str, value: Any) -> str:
    """What is wrong with an override of profile field `name` (empty when it is fine): a
    value of the wrong type would otherwise fail every session or order of the partner."""
    if name == "cart_field" and value not in CART_FIELD_NAMES:
        return f"{value!r} is not one of {', '.join(CART_FIELD_NAMES)}"
    if name == "schema_mode" and value not in SCHEMA_MODES:
        return f"{value!r} is not one of {', '.join(SCHEMA_MODES)}"
    if name == "keep_ship_to" and not isinstance(value, bool):
        return f"{value!r} is not true or false"
    if name in ("name", "shop_url") and not isinstance(value, str):
        return f"{value!r} is not a text"
    if name in ("required_cart_fields", "email_extrinsics", "name_extrinsics"):
        return "" if _texts(value) else f"{value!r} is not a list of names"
    if name == "first_last_extrinsics" and not (_texts(value) and len(value) == 2):
        return f"{value!r} is not a list of two names (first name, last name)"
    if name == "unit_map" and not _text_map(value):
        return f"{value!r} is not an object of our unit codes to the buyer's"
    if name == "versions":
        if not _text_map(value):
            return f"{value!r} is not an object of document types to cXML versions"
        for version in value.values():
            try:
                parse_version(version)
            except UnsupportedVersion:
                return f"{version!r} is not a cXML version (1.1.0xx or 1.2.0xx)"
    return ""
