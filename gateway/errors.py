"""Errors of the gateway layer.

    GatewayError                      (exit_code for the CLI)
    ├── ConfigError                   a setting is missing or malformed (our fault; start-up stops)
    ├── ImportFileError               a back-office file cannot be read (imports/errors.py)
    ├── NotFoundError                 a named entity, partner or product does not exist
    ├── BuyerError                    what a buyer reads, in the storefront's languages
    │   ├── SessionError              a punch-out session is unknown, expired, closed, read-only
    │   ├── CartError                 a cart change cannot be made (422)
    │   │   ├── CartNotTransferable   a line lacks a field the buyer system requires (422)
    │   │   └── LinesNotOffered       lines whose products are no longer offered stop a transfer
    │   ├── UnreadableField           a request field holds a NUL character (400)
    │   ├── BadQuery                  a storefront page's query parameter is malformed (400)
    │   └── NotInShop                 a storefront page names what this buyer cannot see (404)
    ├── PartnerError                  a partner definition is invalid (partners.py)
    ├── ExportError                   a catalog export cannot run as asked (exports.py)
    │   └── EmptyCatalog              the entity's catalog has no item: no file is written
    ├── DemoError                     the demo data set cannot load (demo/errors.py)
    ├── OrderError                    an order command names what cannot be (orders/errors.py)
    └── ApiError                      a JSON API call is refused (web/api_base.py)

Errors of the protocol peers stay in their packages' trees and carry the status to answer with:
cxml.errors.CXmlError (gateway adds ReturnUrlRefused 403 in punchout.py and OrderRefused in
orders/errors.py), oci.errors.OciError (gateway adds LoginRefused 401 and ProductUnavailable 404
in oci_service.py), pricing.PricingError, catalog_export.CatalogExportError. The web layer
registers one handler per root.
"""

from decimal import Decimal

import click

from pricing import NotOfferedReason


class GatewayError(Exception):
    """Root of the gateway's own errors."""

    exit_code = 1


class ConfigError(GatewayError, click.ClickException):
    """A setting is missing or malformed; the message names the setting.

    Also a click exception: the app is made before any command runs, and under `flask --app
    gateway` no handler of ours is around that, so click itself must end a bad setting with
    the same one line (`show`) and exit status as the `gateway` script."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        click.ClickException.__init__(self, message)

    def show(self, file=None) -> None:
        click.secho(f"error: {self.message}", err=True, fg="red")


class ImportFileError(GatewayError):
    """A back-office import file cannot be read (format, encoding, header)."""


class NotFoundError(GatewayError):
    """A record named on the command line or in a request does not exist."""


class BuyerError(GatewayError):
    """An error a buyer reads in the storefront. The message is the English line the API, the
    logs and the tests read; `key`, when given, names the same text in the storefront's other
    languages (web/i18n.py REFUSALS) and `values` are what fills it in."""

    def __init__(self, message: str, *, key: str = "", **values: object) -> None:
        super().__init__(message)
        self.key = key
        self.values = values

    def record(self) -> dict:
        """The refusal as JSON stores it (a reopened cart's changes): its message, key and
        values, a Decimal and a NotOfferedReason tagged so that `from_record` reads them back
        as they were, to be worded in any language later."""
        values = dict(self.values)
        if isinstance(field := getattr(self, "field", None), str):
            values.setdefault("field", field)
        return {
            "message": str(self),
            "key": self.key,
            "values": {name: _stored(value) for name, value in values.items()},
        }

    @classmethod
    def from_record(cls, record: dict) -> "BuyerError":
        """The refusal `record()` stored."""
        values = {name: _read(value) for name, value in record.get("values", {}).items()}
        return cls(record["message"], key=record.get("key", ""), **values)


def _stored(value: object) -> object:
    if isinstance(value, NotOfferedReason):
        return {"reason": value.value}
    if isinstance(value, Decimal):
        return {"decimal": str(value)}
    return value if value is None or isinstance(value, str | int | bool) else str(value)


def _read(value: object) -> object:
    if isinstance(value, dict) and "reason" in value:
        return NotOfferedReason(value["reason"])
    if isinstance(value, dict) and "decimal" in value:
        return Decimal(value["decimal"])
    return value


class SessionError(BuyerError):
    """A punch-out session cannot be used: unknown, expired, closed or read-only.
    `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 404, *, key: str = "", **values) -> None:
        super().__init__(message, key=key, **values)
        self.status = status


class CartError(BuyerError):
    """A cart change the buyer asked for cannot be made (product not offered, bad quantity)."""

    status = 422


class CartNotTransferable(CartError):
    """The cart lacks what the procurement system requires on every line (a buyer profile's
    `required_cart_fields`); `field` names the missing part. The session stays open."""

    def __init__(self, message: str, field: str, *, key: str = "", **values) -> None:
        super().__init__(message, key=key, **values)
        self.field = field


class LinesNotOffered(CartError):
    """The cart holds lines that can no longer be sent (their product was withdrawn from the
    catalog, or the entity's contracts and policy no longer offer it at that quantity). The
    transfer sends nothing rather than a cart other than the one the buyer saw; the session
    stays open so that the buyer can remove them. `lines` are their line numbers."""

    def __init__(self, message: str, lines: tuple[int, ...], **values) -> None:
        super().__init__(message, key="lines_not_offered", **values)
        self.lines = lines


class UnreadableField(BuyerError):
    """A field of a web request (its URL path, a query or form field, a JSON value) holds a NUL
    character: no text of ours has one, PostgreSQL refuses to compare one, and XML cannot carry
    one. Answered 400 naming the field, as JSON under /api/ and as a page elsewhere."""

    status = 400

    def __init__(self, field: str) -> None:
        message = f"{field}: contains a NUL character (U+0000)"
        super().__init__(message, key="nul_character", field=field)
        self.field = field


class BadQuery(BuyerError):
    """A query parameter of a storefront page is malformed (`page=abc`); answered 400 with a
    page naming it, in the session's language."""

    status = 400


class NotInShop(BuyerError):
    """A storefront page names a product the catalog does not have or the entity may not buy,
    or a favourites list that is not the buyer's; answered 404 in the session's language, with
    the way back to the catalog (the session itself is fine)."""

    status = 404
