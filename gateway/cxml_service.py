"""The cXML endpoint's work, below the web layer: parse, authenticate the partner, dispatch by
message kind, log every document in and out, answer a cXML Response.

Strategy: everything for one request happens in one transaction; a failure of any kind is a
CXmlError carrying the status to answer with, turned into a Response by `answer_error`, and the
inbound document is still logged (redacted) with that status.
"""

import dataclasses
from collections.abc import Callable

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import joinedload

from cxml.credentials import check_credentials
from cxml.document import build_cxml
from cxml.document import error_response
from cxml.document import new_response
from cxml.document import parse_cxml
from cxml.envelope import Credential
from cxml.envelope import CXml
from cxml.envelope import Header
from cxml.envelope import Party
from cxml.envelope import Sender
from cxml.envelope import Status
from cxml.errors import AuthenticationFailed
from cxml.errors import CXmlError
from cxml.errors import UnsupportedMessage
from cxml.ids import PayloadIdFactory
from cxml.xmlparse import Limits
from gateway.documents import log_document
from gateway.hashing import DUMMY_HASH
from gateway.hashing import SecretVerifier
from gateway.models import PartnerCredential
from gateway.models import TradingPartner
from gateway.profiles import profile_for
from gateway.settings import Settings


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Answer:
    """What to send back: the HTTP status, the cXML bytes."""

    http_status: int
    body: bytes


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Context:
    """What a handler needs besides the database session."""

    settings: Settings
    ids: PayloadIdFactory
    verify: SecretVerifier
    base_url: str  # where buyers reach us, without a trailing slash


Handler = Callable[[Session, Context, CXml, TradingPartner, int], Answer]


def find_partner(session: Session, header: Header, verify: SecretVerifier) -> TradingPartner:
    """The partner whose stored credentials match the request's, or AuthenticationFailed.

    The shared secret is verified even when no identity matched (against a dummy hash), so the
    answer's timing does not tell an unknown identity from a wrong secret.
    """
    pairs = [(c.domain.strip().lower(), c.identity.strip()) for c in header.from_.credentials]
    credential = None
    for domain, identity in pairs:
        credential = session.scalar(
            select(PartnerCredential)
            .where(
                PartnerCredential.kind == "cxml",
                func.lower(PartnerCredential.domain) == domain,
                PartnerCredential.identity == identity,
            )
            .options(joinedload(PartnerCredential.partner))
        )
        if credential is not None:
            break
    stored = [] if credential is None else [(credential.domain, credential.identity)]
    secret_hash = DUMMY_HASH if credential is None else credential.secret_hash
    check_credentials(header, identities=stored, secret_hash=secret_hash, verify=verify)
    if credential is None:  # unreachable: check_credentials refuses an empty identity list
        raise AuthenticationFailed("the From/Sender credentials are not recognised")
    return credential.partner


def handle(
    session: Session, context: Context, body: bytes, handlers: dict[type, Handler]
) -> Answer:
    """Answer one inbound cXML document."""
    limits = Limits(max_bytes=context.settings.xml_max_bytes)
    partner = None
    document = None
    inbound = None
    try:
        document = parse_cxml(body, limits=limits, mode="lenient")
        if document.header is None:
            raise UnsupportedMessage("a Request needs a Header with From, To and Sender")
        partner = find_partner(session, document.header, context.verify)
        handler = handlers.get(type(document.body.content))
        if handler is None:
            kind = type(document.body.content).__name__
            raise UnsupportedMessage(f"{kind} is not accepted at this endpoint")
        inbound = log_document(
            session,
            direction="in",
            doc_type=type(document.body.content).__name__,
            body=body,
            partner_id=partner.id,
            payload_id=document.payload_id,
        )
        answer = handler(session, context, document, partner, inbound.id)
        inbound.status_code = answer.http_status
        return answer
    except CXmlError as error:
        if inbound is None:
            doc_type = type(document.body.content).__name__ if document else "unreadable"
            inbound = log_document(
                session,
                direction="in",
                doc_type=doc_type,
                body=body,
                partner_id=partner.id if partner else None,
                payload_id=document.payload_id if document else "",
            )
        inbound.status_code, inbound.status_text = error.code, error.reason
        return answer_error(session, context, error, partner)


def answer_error(session, context, error: CXmlError, partner) -> Answer:
    """The error Response for a refused document, logged as sent."""
    partner_id = partner.id if partner else None
    out = build_cxml(error_response(error, ids=context.ids))
    log_document(
        session,
        direction="out",
        doc_type="Response",
        body=out,
        partner_id=partner_id,
        status_code=error.code,
        status_text=error.reason,
    )
    return Answer(http_status=error.code if error.code >= 400 else 200, body=out)


def respond(
    session: Session,
    context: Context,
    partner: TradingPartner,
    content,
    *,
    document_type: str,
    session_id: int | None = None,
) -> Answer:
    """A 200 OK Response carrying `content`, in the version the partner's profile declares."""
    version = profile_for(partner).version_for(document_type)
    response = new_response(Status(code=200, text="OK"), content, ids=context.ids, version=version)
    out = build_cxml(response)
    log_document(
        session,
        direction="out",
        doc_type=document_type,
        body=out,
        partner_id=partner.id,
        payload_id=response.payload_id,
        status_code=200,
        session_id=session_id,
        flush=False,
    )
    return Answer(http_status=200, body=out)


def message_header(settings: Settings, partner: TradingPartner, user_agent: str) -> Header:
    """Header of a document we send: From and Sender are us, To is the partner. No
    SharedSecret: documents that travel through the browser carry none (formats.md 1.3)."""
    ours = Credential(domain=settings.supplier_domain, identity=settings.supplier_identity)
    theirs = tuple(
        Credential(domain=c.domain or "NetworkID", identity=c.identity)
        for c in partner.credentials
        if c.kind == "cxml"
    ) or (Credential(domain="NetworkID", identity=partner.name),)
    return Header(
        from_=Party(credentials=(ours,)),
        to=Party(credentials=theirs),
        sender=Sender(credentials=(ours,), user_agent=user_agent),
    )
