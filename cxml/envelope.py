"""The cXML envelope: cXML root attributes, Header (From, To, Sender), Request, Response, Message.

DTD rule (formats.md 1.2): `cXML ((Header, (Message | Request)) | Response)`: a Request or a
Message travels with a Header, a Response never does. The body's content (an OrderRequest, a
PunchOutSetupResponse...) is any message object of this package; document.py dispatches it.
Shared secrets never appear in repr() or logs (cxml-php masks them the same way).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from datetime import datetime
from typing import Any

from lxml import etree

from cxml._construct import constructor
from cxml._write import attr
from cxml._write import lang
from cxml._write import leaf
from cxml._xml import XML_LANG
from cxml._xml import firsts
from cxml._xml import missing
from cxml._xml import need_attr
from cxml._xml import required
from cxml._xml import text
from cxml._xml import to_int
from cxml._xml import where
from cxml.errors import InvalidContent
from cxml.versions import DEFAULT_VERSION
from cxml.versions import parse_version

__all__ = [
    "CXml",
    "Credential",
    "Header",
    "Message",
    "Party",
    "Request",
    "Response",
    "Sender",
    "Status",
]

DEPLOYMENT_MODES = ("production", "test")


@dataclass(frozen=True, slots=True, kw_only=True)
class Credential:
    """Credential@domain with its Identity and, for a Sender, the SharedSecret."""

    domain: str
    identity: str
    shared_secret: str | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        if not self.domain.strip() or not self.identity.strip():
            raise ValueError("a Credential needs a domain and an Identity")


_credential = constructor(Credential)


@dataclass(frozen=True, slots=True, kw_only=True)
class Party:
    """From or To: one or more credentials naming an organisation."""

    credentials: tuple[Credential, ...]

    def __post_init__(self) -> None:
        if not self.credentials:
            raise ValueError("From and To need at least one Credential (DTD: Credential+)")


_party = constructor(Party)


@dataclass(frozen=True, slots=True, kw_only=True)
class Sender:
    """Sender: who transmits the document, with its credentials and UserAgent."""

    credentials: tuple[Credential, ...]
    user_agent: str

    def __post_init__(self) -> None:
        if not self.credentials:
            raise ValueError("Sender needs at least one Credential (DTD: Credential+)")


_sender = constructor(Sender)


@dataclass(frozen=True, slots=True, kw_only=True)
class Header:
    """Header (From, To, Sender)."""

    from_: Party
    to: Party
    sender: Sender


_header = constructor(Header)


@dataclass(frozen=True, slots=True, kw_only=True)
class Status:
    """Status@code, @text and optional detail message (formats.md 1.4)."""

    code: int
    text: str
    message: str = ""
    lang: str | None = None

    def __post_init__(self) -> None:
        if not 100 <= self.code <= 999:
            raise ValueError(f"status code {self.code} is not a three-digit code")

    @property
    def is_success(self) -> bool:
        """True for 2xx codes."""
        return 200 <= self.code < 300


_status = constructor(Status)


OK = Status(code=200, text="OK")


@dataclass(frozen=True, slots=True, kw_only=True)
class Request:
    """Request@deploymentMode around one request content object."""

    content: Any
    deployment_mode: str = "production"

    def __post_init__(self) -> None:
        if self.deployment_mode not in DEPLOYMENT_MODES:
            raise ValueError(
                f"deploymentMode must be production or test, not {self.deployment_mode}"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class Response:
    """Response: a Status and, for some requests, a response content object."""

    status: Status
    content: Any = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Message:
    """Message@deploymentMode/@inReplyTo with an optional Status and one content object."""

    content: Any
    deployment_mode: str = "production"
    in_reply_to: str | None = None
    status: Status | None = None

    def __post_init__(self) -> None:
        if self.deployment_mode not in DEPLOYMENT_MODES:
            raise ValueError(
                f"deploymentMode must be production or test, not {self.deployment_mode}"
            )


@dataclass(frozen=True, slots=True, kw_only=True)
class CXml:
    """A whole cXML document: root attributes, Header (not for a Response) and body."""

    payload_id: str
    timestamp: datetime
    body: Request | Response | Message
    header: Header | None = None
    version: str = DEFAULT_VERSION
    lang: str | None = "en-US"

    def __post_init__(self) -> None:
        parse_version(self.version)
        if not self.payload_id.strip():
            raise ValueError("payloadID must not be empty")
        if self.timestamp.tzinfo is None:
            raise ValueError("cXML@timestamp needs a time zone")
        if isinstance(self.body, Response) != (self.header is None):
            raise ValueError("a Request or Message needs a Header; a Response has none")

    @property
    def content(self) -> Any:
        """The message object inside the Request, Response or Message."""
        return self.body.content


def read_credential(el: etree._Element) -> Credential:
    identity = secret = None
    for child in el[:]:
        tag = child.tag
        if tag == "Identity":
            identity = child if identity is None else identity
        elif tag == "SharedSecret" and secret is None:
            secret = child
    domain = need_attr(el, "domain")
    if identity is None:
        raise missing(el, "Identity")
    # text() inlined: Identity and SharedSecret are leaves in every header.
    return _credential(
        domain=domain,
        identity=text(identity) if len(identity) else (identity.text or "").strip(),
        shared_secret=(
            None if secret is None else text(secret) if len(secret) else (secret.text or "").strip()
        ),
    )


def _read_credentials(el: etree._Element) -> tuple[Credential, ...]:
    credentials = tuple([read_credential(c) for c in el[:] if c.tag == "Credential"])
    if not credentials:
        raise InvalidContent(f"{where(el)}: at least one Credential is required")
    return credentials


def read_header(el: etree._Element) -> Header:
    """Read Header (From, To, Sender)."""
    found = firsts(el)
    sender = required(found.get("Sender"), el, "Sender")
    return _header(
        from_=_party(credentials=_read_credentials(required(found.get("From"), el, "From"))),
        to=_party(credentials=_read_credentials(required(found.get("To"), el, "To"))),
        sender=_read_sender(sender),
    )


def _read_sender(el: etree._Element) -> Sender:
    credentials = []
    user_agent = None
    for child in el[:]:
        tag = child.tag
        if tag == "Credential":
            credentials.append(child)
        elif tag == "UserAgent" and user_agent is None:
            user_agent = child
    if not credentials:
        raise InvalidContent(f"{where(el)}: at least one Credential is required")
    return _sender(
        credentials=tuple(map(read_credential, credentials)), user_agent=text(user_agent)
    )


def _write_credentials(out: list[str], credentials: tuple[Credential, ...]) -> None:
    for credential in credentials:
        out.append(f"<Credential{attr('domain', credential.domain)}>")
        leaf(out, "Identity", credential.identity)
        if credential.shared_secret is not None:
            leaf(out, "SharedSecret", credential.shared_secret)
        out.append("</Credential>")


def write_header(out: list[str], header: Header) -> None:
    out.append("<Header><From>")
    _write_credentials(out, header.from_.credentials)
    out.append("</From><To>")
    _write_credentials(out, header.to.credentials)
    out.append("</To><Sender>")
    _write_credentials(out, header.sender.credentials)
    leaf(out, "UserAgent", header.sender.user_agent)
    out.append("</Sender></Header>")


def read_status(el: etree._Element) -> Status:
    """Read Status@code/@text and its detail text."""
    return _status(
        code=to_int(need_attr(el, "code"), el, "Status@code"),
        text=el.get("text", ""),
        message=text(el),
        lang=el.get(XML_LANG),
    )


def write_status(out: list[str], status: Status) -> None:
    attrs = f' code="{status.code}"{attr("text", status.text)}{lang(status.lang)}'
    leaf(out, "Status", status.message or None, attrs)
