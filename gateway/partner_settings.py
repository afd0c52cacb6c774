"""The settings a trading partner carries beyond its credentials (`TradingPartner.settings`),
shown with `gateway partner show NAME` and changed with `gateway partner configure NAME`.

Every change is checked as a whole before it is saved, and every problem is named at once with
its key; nothing is saved when one is found. The sections:

- `profile`: overrides of the flavour's buyer profile (gateway.profiles), e.g. `cart_field`.
- `orders`: `price_policy`, `price_tolerance_percent`, `outbound_shared_secret`
  (gateway.orders.policy, and the secret we present on documents sent to the buyer, saved
  sealed: gateway.sealing).
- `oci`: an OCI partner's field mapping (gateway.oci_settings), checked against the catalog
  (gateway.oci_catalog); products it cannot send are named as warnings after saving.
- `frame_ancestors`: origins besides the return URLs' allowed to frame the storefront.

`partner configure --outbound-url` changes the partner's outbound URL (a column, not a setting)
with the same http(s) check as `partner add`, without its secret and return URLs again.
"""

import copy
import json
import re
from typing import Any

import click
from flask import current_app

import oci
from catalog_export.xmltext import find_non_xml_character
from gateway.app import database_of
from gateway.app import settings_of
from gateway.cli import read_secret
from gateway.commands import partner_group
from gateway.models import BillingEntity
from gateway.models import OrderLine
from gateway.models import TradingPartner
from gateway.models.base import column_length
from gateway.oci_catalog import find_catalog_warnings
from gateway.oci_catalog import load_partner_oci
from gateway.oci_settings import read_partner_oci
from gateway.orders.policy import order_policy_problems
from gateway.partners import find_partner
from gateway.partners import outbound_url_problem
from gateway.partners import partners_changed
from gateway.profiles import profile_for
from gateway.sealing import Unsealable
from gateway.sealing import is_sealed
from gateway.sealing import seal
from gateway.sealing import unseal
from gateway.urls import web_url

__all__ = ["check_settings", "masked"]

ORDER_KEYS = ("price_policy", "price_tolerance_percent", "outbound_shared_secret")
SECRET_KEYS = ("outbound_shared_secret",)
_ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-]+(:\d{1,5})?$|^https?://\*\.[A-Za-z0-9.\-]+$")


def check_settings(session, partner: TradingPartner, settings: dict[str, Any]) -> list[str]:
    """Every problem of `settings` for this partner, each naming its key; [] when they fit.
    The partner's settings are left as they were."""
    problems = [f"{key}: unknown section" for key in settings if key not in _CHECKS]
    saved = partner.settings
    partner.settings = settings
    try:
        for key, check in _CHECKS.items():
            if key in settings:
                problems += check(session, partner, settings[key])
    finally:
        partner.settings = saved
    return problems


def _check_profile(_session, partner: TradingPartner, value: Any) -> list[str]:
    if not isinstance(value, dict):
        return ["profile: must be an object"]
    try:
        profile = profile_for(partner)
    except (ValueError, TypeError) as exc:
        return [f"profile: {str(exc).removeprefix(f'partner {partner.name}: ')}"]
    problems = _long_unit_codes(profile.unit_map)
    if profile.shop_url and not _web_address(profile.shop_url):
        problems.append(
            f"profile.shop_url: {profile.shop_url!r} is not an http(s) URL without fragment"
        )
    return problems


def _long_unit_codes(unit_map) -> list[str]:
    """The buyer sends its unit code back in its orders; a code longer than an order line's
    unit column could not be stored (it was cut: EACH went back as EAC in ship notices)."""
    most = column_length(OrderLine.unit)
    return [
        f"profile.unit_map.{ours}: {theirs!r} has {len(theirs)} characters; an order line"
        f" stores a unit of at most {most}"
        for ours, theirs in unit_map.items()
        if len(theirs) > most
    ]


def _web_address(text: str) -> bool:
    parts = web_url(text)
    return parts is not None and not parts.fragment


def _check_orders(_session, partner: TradingPartner, value: Any) -> list[str]:
    if not isinstance(value, dict):
        return ["orders: must be an object"]
    problems = [f"orders.{key}: unknown setting" for key in value if key not in ORDER_KEYS]
    problems += [f"orders.{problem}" for problem in order_policy_problems(value)]
    secret = value.get("outbound_shared_secret", "")
    if not isinstance(secret, str):
        problems.append("orders.outbound_shared_secret: must be a text")
    elif not is_sealed(secret) and (problem := find_non_xml_character(secret)):
        problems.append(f"orders.outbound_shared_secret: {problem}; it is sent in XML")
    return problems


def _check_oci(session, partner: TradingPartner, value: Any) -> list[str]:
    if partner.protocol != "oci":
        return [f"oci: partner {partner.name} is a {partner.protocol} partner"]
    try:
        load_partner_oci(session, partner)
    except oci.ConfigurationError as exc:
        return [f"oci: {exc.message.removeprefix(f'partner {partner.name}: ')}"]
    return []


def _check_frame_ancestors(_session, _partner, value: Any) -> list[str]:
    if not isinstance(value, list):
        return ["frame_ancestors: must be a list of origins"]
    return [
        f"frame_ancestors[{n}]: {origin!r} is not an origin such as https://buyer.example.com"
        for n, origin in enumerate(value)
        if not (isinstance(origin, str) and _ORIGIN.match(origin))
    ]


_CHECKS = {
    "profile": _check_profile,
    "orders": _check_orders,
    "oci": _check_oci,
    "frame_ancestors": _check_frame_ancestors,
}


def masked(settings: dict[str, Any], secret_key: str) -> dict[str, Any]:
    """A copy fit to print: secrets show only whether they are set (and can be read)."""
    shown = copy.deepcopy(settings or {})
    for key in SECRET_KEYS:
        value = shown.get("orders", {}).get(key)
        if value:
            shown["orders"][key] = _state_of(value, secret_key)
    return shown


def _state_of(value: str, secret_key: str) -> str:
    if not is_sealed(value):
        return "(set, unsealed until the next save)"
    try:
        unseal(secret_key, value)
    except Unsealable:
        return "(set, but sealed with another secret key: documents wait until it is set again)"
    return "(set)"


def sealed(settings: dict[str, Any], secret_key: str) -> dict[str, Any]:
    """The settings with every secret sealed (gateway.sealing); sealed ones stay as they are."""
    saved = copy.deepcopy(settings)
    orders = saved.get("orders")
    for key in SECRET_KEYS if isinstance(orders, dict) else ():
        value = orders.get(key)
        if isinstance(value, str) and value and not is_sealed(value):
            orders[key] = seal(secret_key, value)
    return saved


@partner_group.command("show")
@click.argument("name")
def partner_show(name: str) -> None:
    """Show a partner: protocol, flavour, entity, return URL prefixes and settings (JSON)."""
    with database_of(current_app).transaction() as session:
        partner = find_partner(session, name)
        entity = session.get(BillingEntity, partner.entity_id) if partner.entity_id else None
        view = {
            "name": partner.name,
            "protocol": partner.protocol,
            "flavour": partner.flavour,
            "entity": entity.code if entity else None,
            "return_url_prefixes": list(partner.return_url_prefixes or []),
            "outbound_url": partner.outbound_url,
            "settings": masked(partner.settings, settings_of(current_app).secret_key),
        }
    click.echo(json.dumps(view, indent=2, ensure_ascii=False))


@partner_group.command("configure")
@click.argument("name")
@click.option(
    "--file",
    "path",
    type=click.Path(exists=True, dir_okay=False),
    help="A JSON object that replaces all the partner's settings.",
)
@click.option(
    "--set",
    "assignments",
    multiple=True,
    metavar="KEY=VALUE",
    help=(
        "Set one setting, e.g. orders.price_policy=flag (VALUE is read as JSON when it is JSON, "
        "else as text). Repeatable."
    ),
)
@click.option(
    "--set-secret",
    "secret_key_name",
    metavar="KEY",
    help=(
        "Set a secret setting (orders.outbound_shared_secret) to the text read from standard"
        " input (asked for on a terminal), which keeps it out of shell history."
    ),
)
@click.option("--unset", "removals", multiple=True, metavar="KEY", help="Remove one setting.")
@click.option(
    "--outbound-url",
    metavar="URL",
    default=None,
    help="Where order documents for the buyer go (an http(s) URL); '' removes it. Documents"
    " already queued go to it too.",
)
def partner_configure(
    name: str, path: str | None, assignments, secret_key_name: str | None, removals, outbound_url
) -> None:
    """Change a partner's settings: checked as a whole, saved only when every key fits."""
    changes_settings = bool(path or assignments or secret_key_name or removals)
    if not changes_settings and outbound_url is None:
        raise click.UsageError("give --file, --set, --set-secret, --unset or --outbound-url")
    secret = _read_secret_setting(secret_key_name) if secret_key_name else None
    with database_of(current_app).transaction() as session:
        partner = find_partner(session, name)
        settings = _read_file(path) if path else copy.deepcopy(partner.settings or {})
        _change(settings, assignments, {secret_key_name: secret} if secret_key_name else {})
        for key in removals:
            _remove(settings, key.strip())
        # the settings as they are need no check to change the URL alone (an OCI mapping
        # a later import made stale must not stop it)
        problems = check_settings(session, partner, settings) if changes_settings else []
        if outbound_url is not None and (problem := outbound_url_problem(outbound_url)):
            problems.append(f"outbound_url: {problem}")
        if problems:
            raise click.ClickException(
                f"partner {name}: nothing saved:\n  " + "\n  ".join(problems)
            )
        if changes_settings:
            partner.settings = sealed(settings, settings_of(current_app).secret_key)
        if outbound_url is not None:
            partner.outbound_url = outbound_url
        warnings = _oci_warnings(session, partner) if changes_settings else []
    partners_changed()
    if changes_settings:
        click.echo(f"partner {name}: settings saved")
    if outbound_url is not None:
        click.echo(f"partner {name}: outbound URL {_url_change(outbound_url)}")
    for warning in warnings:
        click.echo(f"warning: partner {name}: {warning}", err=True)


def _change(settings: dict[str, Any], assignments, secrets: dict[str, str]) -> None:
    for assignment in assignments:
        key, sep, text = assignment.partition("=")
        if not sep or not key.strip():
            raise click.UsageError(f"--set {assignment!r}: expected KEY=VALUE")
        _put(settings, key.strip(), _value(text))
    for key, secret in secrets.items():
        _put(settings, key, secret)


def _url_change(url: str) -> str:
    if url:
        return f"set to {url}"
    return "removed; documents for the buyer wait until one is set"


def _read_secret_setting(key: str) -> str:
    """The value of `--set-secret KEY`, read before the database is opened (a prompt never
    waits inside a transaction)."""
    known = [f"orders.{name}" for name in SECRET_KEYS]
    if key not in known:
        raise click.UsageError(
            f"--set-secret {key}: not a secret setting (those are: {', '.join(known)});"
            " use --set for it"
        )
    return read_secret(key, f"--set {key}=...")


def _oci_warnings(session, partner: TradingPartner) -> list[str]:
    """The products an OCI partner's saved settings cannot send (oci_catalog)."""
    if partner.protocol != "oci" or "oci" not in (partner.settings or {}):
        return []
    return find_catalog_warnings(session, read_partner_oci(partner))


def _read_file(path: str) -> dict[str, Any]:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle, parse_float=_number_text)
    except (OSError, ValueError) as exc:  # ValueError: bad JSON, bad UTF-8, a 5,000-digit number
        raise click.UsageError(f"--file {path}: not a JSON file: {exc}") from exc
    if not isinstance(data, dict):
        raise click.UsageError(f"--file {path}: expected a JSON object")
    return data


def _value(text: str) -> Any:
    """A --set value: JSON when it reads as JSON, else the text as it was typed (a number of
    more digits than Python reads, 4,300, is text too)."""
    try:
        return json.loads(text, parse_float=_number_text)
    except ValueError:
        return text


def _number_text(text: str) -> str:
    """A JSON number with a fraction or an exponent, stored as the text typed: 1.50 stays
    1.50 (prices, tolerances) and 2E5 stays 2E5 (an OCI material group), where a Decimal
    would write 2E+5 and a float 200000.0."""
    return text


def _put(settings: dict[str, Any], key: str, value: Any) -> None:
    *parents, last = key.split(".")
    node = settings
    for part in parents:
        child = node.setdefault(part, {})
        if not isinstance(child, dict):
            raise click.UsageError(f"--set {key}: {part} is not an object")
        node = child
    node[last] = value


def _remove(settings: dict[str, Any], key: str) -> None:
    *parents, last = key.split(".")
    node = settings
    for part in parents:
        node = node.get(part) if isinstance(node, dict) else None
    if not isinstance(node, dict) or last not in node:
        raise click.UsageError(f"--unset {key}: no such setting")
    del node[last]
