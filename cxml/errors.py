"""Errors of the cXML library; every leaf carries the cXML status to answer with.

CXmlError                         root; .code (cXML Status@code), .text (Status@text), .reason
├── PeerError                     the other side sent something we cannot take
│   ├── MalformedDocument   400   not well-formed XML, or not XML at all
│   │   └── EncodingMismatch 400  bytes do not match the declared or supported encoding
│   ├── ForbiddenConstruct  400   DOCTYPE internal subset, entity, foreign DTD: never processed
│   ├── LimitExceeded       400   body larger than the size bound, nesting deeper than allowed
│   ├── UnsupportedVersion  406   a cXML version outside 1.1.x / 1.2.0xx
│   ├── SchemaViolation     406   well-formed but breaks the schema; .problems lists each one
│   ├── InvalidContent      400   a value breaks a rule the schema cannot express
│   ├── UnsupportedMessage  450   a request or message kind this library does not handle
│   └── AuthenticationFailed 401  Sender/From credentials not recognised
└── LocalError                    our side is wrong; answer 500 and fix the code or settings
    ├── BuildError          500   an object that cannot become a valid document
    ├── SchemaUnavailable   500   the packaged XSDs are missing or broken
    └── TemporarilyUnavailable 560  our side cannot answer now (its database); retry later

Status codes follow the cXML status table (formats.md 1.4): 400 Bad Request for what does not
parse, 401 Unauthorized for credentials, 406 Not Acceptable for content we will not accept,
450 Not Implemented, 500 Internal Server Error, 560 Temporary server error (the client retries).
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = [
    "AuthenticationFailed",
    "BuildError",
    "CXmlError",
    "EncodingMismatch",
    "ForbiddenConstruct",
    "InvalidContent",
    "LimitExceeded",
    "LocalError",
    "MalformedDocument",
    "PeerError",
    "Problem",
    "SchemaUnavailable",
    "SchemaViolation",
    "TemporarilyUnavailable",
    "UnsupportedMessage",
    "UnsupportedVersion",
]


class CXmlError(Exception):
    """Root of every error this package raises."""

    code: int = 500
    text: str = "Internal Server Error"

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return f"{self.code} {self.text}: {self.reason}"


class PeerError(CXmlError):
    """The document or request from the other side is at fault."""

    code = 400
    text = "Bad Request"


class MalformedDocument(PeerError):
    """The body is not well-formed XML."""


class EncodingMismatch(MalformedDocument):
    """The bytes cannot be decoded as the encoding the document declares or implies."""


class ForbiddenConstruct(PeerError):
    """The document uses a construct we never process (entities, DTD subsets, foreign DTDs)."""


class LimitExceeded(PeerError):
    """The document is larger or deeper than the configured bound."""


class UnsupportedVersion(PeerError):
    """The document declares a cXML version this library does not read."""

    code = 406
    text = "Not Acceptable"


@dataclass(frozen=True, slots=True, kw_only=True)
class Problem:
    """One schema problem: where in the document, and what is wrong there."""

    path: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"{self.path} (line {self.line})" if self.line else self.path
        return f"{where}: {self.message}"


class SchemaViolation(PeerError):
    """The document is well-formed but breaks the cXML schema; every problem is listed."""

    code = 406
    text = "Not Acceptable"

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        shown = "; ".join(str(problem) for problem in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"{len(problems)} schema problem(s): {shown}{more}")
        self.problems = problems


class InvalidContent(PeerError):
    """A value is present but unusable (bad amount, date, currency, inconsistent totals)."""


class UnsupportedMessage(PeerError):
    """A request or message kind that this library does not implement."""

    code = 450
    text = "Not Implemented"


class AuthenticationFailed(PeerError):
    """The credentials do not match the partner's stored identities and shared secret."""

    code = 401
    text = "Unauthorized"


class LocalError(CXmlError):
    """Our own code or configuration is at fault."""


class BuildError(LocalError):
    """An object could not be turned into a valid cXML document."""


class SchemaUnavailable(LocalError):
    """The packaged XSDs could not be loaded."""


class TemporarilyUnavailable(LocalError):
    """We cannot answer now, for a reason that passes (a database out of reach): the cXML
    status for maintenance, which tells the client to retry (formats.md 1.4)."""

    code = 560
    text = "Temporary server error"
