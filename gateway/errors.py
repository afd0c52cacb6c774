"""Errors of the gateway layer.

    GatewayError
    ├── ConfigError          a setting is missing or malformed (our fault; start-up stops)
    ├── ImportFileError      a back-office file cannot be read at all (its maker's fault)
    ├── NotFoundError        a named record (entity, partner, product) does not exist
    ├── SessionError         a punch-out session is unknown, expired, closed or read-only (HTTP)
    └── CartError            a cart change cannot be made: product not offered, bad quantity (422)

Errors of the protocol and pricing packages have roots of their own; the web layer registers one
handler per root.
"""


class GatewayError(Exception):
    """Root of the gateway's own errors."""

    exit_code = 1


class ConfigError(GatewayError):
    """A setting is missing or malformed; the message names the setting."""

    exit_code = 2


class ImportFileError(GatewayError):
    """A back-office import file cannot be read (format, encoding, header)."""


class NotFoundError(GatewayError):
    """A record named on the command line or in a request does not exist."""


class SessionError(GatewayError):
    """A punch-out session cannot be used: unknown, expired, closed or read-only.
    `status` is the HTTP status to answer with."""

    def __init__(self, message: str, status: int = 404) -> None:
        super().__init__(message)
        self.status = status


class CartError(GatewayError):
    """A cart change the buyer asked for cannot be made (product not offered, bad quantity)."""

    status = 422
