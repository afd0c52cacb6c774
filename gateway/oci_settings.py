"""A partner's SAP OCI settings (TradingPartner.settings["oci"]): read into the oci library's
OutboundOptions and HookUrlPolicy, every wrong key named at once. What they must fit in the
catalog (units, contract codes, identifiers) is checked in gateway.oci_catalog.
"""

import dataclasses
import enum
from collections.abc import Mapping
from typing import Any

import oci
from gateway.models import TradingPartner


class Identifier(enum.Enum):
    """Which of our identifiers a partner wants in NEW_ITEM-VENDORMAT and EXT_PRODUCT_ID."""

    SKU = "sku"
    MANUFACTURER_PART_ID = "manufacturer_part_id"


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class PartnerOci:
    """A partner's OCI settings (`TradingPartner.settings["oci"]`), read and checked."""

    outbound: oci.OutboundOptions
    hook_policy: oci.HookUrlPolicy
    matgroups: Mapping[str, str] = dataclasses.field(default_factory=dict)
    price_units: Mapping[str, int] = dataclasses.field(default_factory=dict)
    vendor: str | None = None
    vendormat: Identifier = Identifier.SKU
    ext_product_id: Identifier = Identifier.SKU
    send_contract: bool = False
    search_limit: int = 50

    def __post_init__(self) -> None:
        if not 1 <= self.search_limit <= 500:
            raise ValueError("search_limit is from 1 to 500")


# -- settings -----------------------------------------------------------------------------------


def read_partner_oci(partner: TradingPartner) -> PartnerOci:
    """Read `settings["oci"]`; ConfigurationError naming every wrong key and why."""
    raw = (partner.settings or {}).get("oci", {})
    problems: list[str] = []
    if not isinstance(raw, dict):
        raise oci.ConfigurationError("settings.oci: must be an object")
    reader = _Reader(raw, problems)
    units = reader.mapping("units", str)
    values = {
        "matgroups": reader.mapping("matgroups", str),
        "price_units": reader.mapping("price_units", int),
        "vendor": reader.text("vendor"),
        "vendormat": reader.choice("vendormat", Identifier, Identifier.SKU),
        "ext_product_id": reader.choice("ext_product_id", Identifier, Identifier.SKU),
        "send_contract": reader.flag("contract"),
        "search_limit": reader.integer("search_limit", 50, 1, 500),
    }
    mode = reader.choice("price_mode", oci.PriceMode, oci.PriceMode.PRICEUNIT)
    required = reader.names("required_fields")
    flags = {name: reader.flag(name) for name in ("send_empty_fields", "pad_numbers")}
    require_https = reader.flag("require_https")
    reader.fits("vendor", values["vendor"], "VENDOR")
    for category, group in values["matgroups"].items():
        reader.fits(f"matgroups.{category}", group, "MATGROUP")
    for category, count in values["price_units"].items():
        reader.fits(f"price_units.{category}", count, "PRICEUNIT")
    outbound = _built(problems, "units", lambda: oci.UnitMap(codes=units))
    if problems:
        raise oci.ConfigurationError("; ".join(problems))
    return PartnerOci(
        outbound=oci.OutboundOptions(
            unit_map=outbound, price_mode=mode, required_fields=frozenset(required), **flags
        ),
        hook_policy=_hook_policy(partner, require_https),
        **values,
    )


def read_unit_map(partner: TradingPartner) -> oci.UnitMap | None:
    """The partner's `units` alone, or None when they do not read: while another key is wrong,
    the units the catalog lacks a code for can still be named in the same refusal."""
    raw = (partner.settings or {}).get("oci", {})
    if not isinstance(raw, dict):
        return None
    problems: list[str] = []
    units = _Reader(raw, problems).mapping("units", str)
    unit_map = _built(problems, "units", lambda: oci.UnitMap(codes=units))
    return None if problems else unit_map


def _hook_policy(partner: TradingPartner, require_https: bool) -> oci.HookUrlPolicy:
    try:
        prefixes = tuple(partner.return_url_prefixes or ())
        return oci.HookUrlPolicy(allowed_prefixes=prefixes, require_https=require_https)
    except oci.OciError as exc:
        raise oci.ConfigurationError(f"return URL prefixes: {exc.message}") from exc


def _built(problems: list[str], key: str, build):
    try:
        return build()
    except (oci.OciError, ValueError) as exc:
        problems.append(f"settings.oci.{key}: {getattr(exc, 'message', str(exc))}")
        return None


class _Reader:
    """Reads typed values out of the settings object, collecting one problem per bad key."""

    def __init__(self, raw: dict[str, Any], problems: list[str]) -> None:
        self.raw, self.problems = raw, problems

    def _bad(self, key: str, reason: str) -> None:
        self.problems.append(f"settings.oci.{key}: {reason}")

    def mapping(self, key: str, kind: type) -> dict[str, Any]:
        value = self.raw.get(key, {})
        read = _as_text if kind is str else (lambda v: v if _whole(v) else None)
        values = {k: read(v) for k, v in value.items()} if isinstance(value, dict) else None
        if values is None or None in values.values():
            self._bad(key, f"must be an object of {kind.__name__} values")
            return {}
        return values

    def text(self, key: str) -> str | None:
        value = self.raw.get(key)
        if value is not None and _as_text(value) is None:
            self._bad(key, "must be text")
            return None
        return _as_text(value) or None

    def flag(self, key: str) -> bool:
        value = self.raw.get(key, False)
        if not isinstance(value, bool):
            self._bad(key, "must be true or false")
            return False
        return value

    def integer(self, key: str, default: int, low: int, high: int) -> int:
        value = self.raw.get(key, default)
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            self._bad(key, f"must be a whole number from {low} to {high}")
            return default
        return value

    def choice(self, key: str, kind: type[enum.Enum], default):
        value = self.raw.get(key, default.value)
        try:
            return kind(value)
        except ValueError:
            self._bad(key, f"must be one of {', '.join(repr(c.value) for c in kind)}")
            return default

    def names(self, key: str) -> list[str]:
        value = self.raw.get(key, [])
        unknown = (
            [n for n in value if n not in oci.FIELDS_BY_NAME] if isinstance(value, list) else 0
        )
        if not isinstance(value, list) or unknown:
            self._bad(key, f"must list OCI field names (unknown: {unknown or value!r})")
            return []
        return value

    def fits(self, key: str, value: str | int | None, field: str) -> None:
        """The value must fit NEW_ITEM-<field> as the field table says (formats.md 2.3)."""
        spec = oci.FIELDS_BY_NAME[field]
        if value is None:
            return
        if isinstance(value, int) and not 2 <= value <= 10**spec.max_length - 1:
            self._bad(key, f"{value} does not fit NEW_ITEM-{field} (2 to {spec.max_length} digits)")
        elif isinstance(value, str) and len(value) > spec.max_length:
            self._bad(
                key,
                f"{value!r} is {len(value)} characters, NEW_ITEM-{field} holds {spec.max_length}",
            )


def _whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _as_text(value: Any) -> str | None:
    """Text, or a whole number as its digits: SAP numbers (vendor 100234, material group 1000)
    set with `gateway partner configure --set oci.vendor=100234` arrive as JSON numbers."""
    if isinstance(value, str):
        return value
    return str(value) if _whole(value) and value >= 0 else None
