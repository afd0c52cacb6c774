"""The cXML endpoint's work, below the web layer: parse, authenticate the partner, dispatch by
message kind, log every document in and out, answer a cXML Response.

Strategy: everything one request writes commits together, or not at all: in the request's own
transaction, or, for a setup or profile request that writes only its log and session rows (and
for any refused document), in the group commit's transaction with other requests' rows. A
failure of any kind is a CXmlError carrying the status to answer with, turned into a Response
by `answer_error`, and the inbound document is still logged (redacted) with that status.
"""

import dataclasses
from collections.abc import Callable
from collections.abc import Collection

from sqlalchemy.orm import Session

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
from gateway.db import commit_lazily
from gateway.documents import log_document
from gateway.documents import set_document_status
from gateway.group_commit import GroupCommit
from gateway.hashing import DUMMY_HASH
from gateway.hashing import SecretVerifier
from gateway.models import TradingPartner
from gateway.partners import Login
from gateway.partners import PartnerCache
from gateway.profiles import profile_for
from gateway.rows import Ref
from gateway.rows import Rows
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
    partners: PartnerCache
    base_url: str  # where buyers reach us, without a trailing slash
    group: GroupCommit | None = None  # None: every write goes through the session


# A handler gets the request's Rows and the inbound document's row in them (its id once the
# rows are bound to the session, which they are for every kind not committed lazily).
Handler = Callable[[Session, Context, CXml, TradingPartner, Rows, int | Ref], Answer]


def find_partner(
    session: Session, header: Header, verify: SecretVerifier, partners: PartnerCache
) -> TradingPartner:
    """The partner whose stored credentials match the request's, or AuthenticationFailed.
    It is the partner cache's detached copy: handlers read it and use its id, never change it.

    The shared secret is verified even when no identity matched (against a dummy hash), so the
    answer's timing does not tell an unknown identity from a wrong secret. A refused secret is
    checked once more against the partner as stored now, in case it was just rotated.
    """
    login = _login(session, header, partners, fresh=False)
    try:
        _check(header, login, verify)
    except AuthenticationFailed:
        if login is None:
            raise
        again = _login(session, header, partners, fresh=True)
        if again is None or again.secret_hash == login.secret_hash:
            raise
        login = again
        _check(header, login, verify)
    return login.partner


def _login(session: Session, header: Header, partners: PartnerCache, *, fresh: bool):
    """The stored login of the first From credential that names one."""
    for credential in header.from_.credentials:
        login = partners.login(session, "cxml", credential.domain, credential.identity, fresh=fresh)
        if login is not None:
            return login
    return None


def _check(header: Header, login: Login | None, verify: SecretVerifier) -> None:
    stored = [] if login is None else [(login.domain, login.identity)]
    secret_hash = DUMMY_HASH if login is None else login.secret_hash
    check_credentials(header, identities=stored, secret_hash=secret_hash, verify=verify)
    if login is None:  # unreachable: check_credentials refuses an empty identity list
        raise AuthenticationFailed("the From/Sender credentials are not recognised")


def handle(
    session: Session,
    context: Context,
    body: bytes,
    handlers: dict[type, Handler],
    *,
    lazy: Collection[type] = (),
) -> Answer:
    """Answer one inbound cXML document.

    Its rows (the document log, a punch-out session) are gathered in `Rows`. For a message kind
    in `lazy` they are committed by the group commit without waiting for the disk, unless the
    handler also writes through the session (it binds the rows to it; `commit_lazily` was
    decided before the first write). Any other kind writes them in the session's transaction.
    """
    limits = Limits(max_bytes=context.settings.xml_max_bytes)
    rows = Rows()
    partner = None
    document = None
    inbound = None
    try:
        document = parse_cxml(body, limits=limits, mode="lenient")
        if document.header is None:
            raise UnsupportedMessage("a Request needs a Header with From, To and Sender")
        partner = find_partner(session, document.header, context.verify, context.partners)
        handler = handlers.get(type(document.body.content))
        if handler is None:
            kind = type(document.body.content).__name__
            raise UnsupportedMessage(f"{kind} is not accepted at this endpoint")
        is_lazy = type(document.body.content) in lazy
        if not (is_lazy and context.group is not None):
            if is_lazy:
                commit_lazily(session)
            rows.bind(session)
        # Logged as answered 200, what nearly every document gets, and corrected below when it
        # gets something else: one statement less per request.
        inbound = log_document(
            rows,
            direction="in",
            doc_type=type(document.body.content).__name__,
            body=body,
            partner_id=partner.id,
            payload_id=document.payload_id,
            status_code=200,
        )
        answer = handler(session, context, document, partner, rows, inbound)
        if answer.http_status != 200:
            _set_status(session, rows, inbound, answer.http_status)
    except CXmlError as error:
        if inbound is None:  # nothing was accepted: its log may be committed lazily too
            if context.group is None:
                rows.bind(session)
            log_document(
                rows,
                direction="in",
                doc_type=type(document.body.content).__name__ if document else "unreadable",
                body=body,
                partner_id=partner.id if partner else None,
                payload_id=document.payload_id if document else "",
                status_code=error.code,
                status_text=error.reason,
                excerpt=True,
            )
        else:
            rows.discard_after(inbound)
            _set_status(session, rows, inbound, error.code, error.reason)
        answer = answer_error(rows, context, error, partner)
    if rows.pending:
        context.group.write(rows)
    return answer


def refuse(session: Session, context: Context, error: CXmlError, body: bytes = b"") -> Answer:
    """Answer a request refused before its document could be read (a body larger than its
    limit is not read at all), logged by the start of its body."""
    log_document(
        session,
        direction="in",
        doc_type="unreadable",
        body=body,
        status_code=error.code,
        status_text=error.reason,
        excerpt=True,
    )
    return answer_error(session, context, error, None)


def _set_status(session, rows: Rows, inbound: Ref | int, code: int, text: str = "") -> None:
    if isinstance(inbound, Ref):
        rows.change(inbound, status_code=code, status_text=text)
    else:
        set_document_status(session, inbound, code, text)


def answer_error(into: Session | Rows, context, error: CXmlError, partner) -> Answer:
    """The error Response for a refused document, logged as sent."""
    partner_id = partner.id if partner else None
    out = build_cxml(error_response(error, ids=context.ids))
    log_document(
        into,
        direction="out",
        doc_type="Response",
        body=out,
        partner_id=partner_id,
        status_code=error.code,
        status_text=error.reason,
    )
    return Answer(http_status=error.code if error.code >= 400 else 200, body=out)


def respond(
    into: Session | Rows,
    context: Context,
    partner: TradingPartner,
    content,
    *,
    document_type: str,
    session_id: int | Ref | None = None,
) -> Answer:
    """A 200 OK Response carrying `content`, in the version the partner's profile declares."""
    version = profile_for(partner).version_for(document_type)
    response = new_response(Status(code=200, text="OK"), content, ids=context.ids, version=version)
    out = build_cxml(response)
    log_document(
        into,
        direction="out",
        doc_type=document_type,
        body=out,
        partner_id=partner.id,
        payload_id=response.payload_id,
        status_code=200,
        session_id=session_id,
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
