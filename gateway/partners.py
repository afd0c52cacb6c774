"""Trading partners: add, list, remove; credentials are stored as argon2 hashes only."""

import dataclasses
from urllib.parse import urlsplit

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload

from gateway.errors import GatewayError
from gateway.errors import NotFoundError
from gateway.hashing import hash_secret
from gateway.hashing import verify_secret
from gateway.models import BillingEntity
from gateway.models import PartnerCredential
from gateway.models import TradingPartner

PROTOCOLS = ("cxml", "oci")
FLAVOURS = ("ariba", "coupa", "oracle", "sap", "generic")
SAPEVENT = "SAPEVENT:POST"


class PartnerError(GatewayError):
    """A partner definition is invalid; the message names the field."""


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class PartnerSpec:
    """A partner as the back office or an operator defines it (secrets in clear, not stored)."""

    name: str
    protocol: str
    flavour: str
    entity_code: str
    identity: str
    secret: str
    domain: str = ""
    return_url_prefixes: tuple[str, ...] = ()
    outbound_url: str = ""

    def __post_init__(self) -> None:
        problems = spec_problems(self)
        if problems:
            field, reason = problems[0]
            raise PartnerError(f"{field}: {reason}")


def spec_problems(spec: PartnerSpec) -> list[tuple[str, str]]:
    """Every (field, reason) that makes the spec invalid."""
    problems = []
    if not spec.name.strip():
        problems.append(("name", "must not be empty"))
    if spec.protocol not in PROTOCOLS:
        problems.append(("protocol", f"must be one of {', '.join(PROTOCOLS)}"))
    if spec.flavour not in FLAVOURS:
        problems.append(("flavour", f"must be one of {', '.join(FLAVOURS)}"))
    if not spec.identity.strip():
        field = "username" if spec.protocol == "oci" else "identity"
        problems.append((field, "must not be empty"))
    if len(spec.secret) < 8:
        field = "password" if spec.protocol == "oci" else "secret"
        problems.append((field, "must be at least 8 characters"))
    if not spec.return_url_prefixes:
        problems.append(("return_url_prefix", "at least one is required"))
    for prefix in spec.return_url_prefixes:
        reason = prefix_problem(prefix, spec.protocol)
        if reason:
            problems.append(("return_url_prefix", f"{prefix!r}: {reason}"))
    return problems


def prefix_problem(prefix: str, protocol: str) -> str | None:
    if protocol == "oci" and prefix.upper() == SAPEVENT:
        return None
    parts = urlsplit(prefix)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return "must be an http(s) URL with a host"
    return None


def save_partner(session: Session, spec: PartnerSpec) -> str:
    """Insert or update the partner named by spec.name; returns inserted, updated or unchanged."""
    entity = session.scalar(select(BillingEntity).where(BillingEntity.code == spec.entity_code))
    if entity is None:
        raise NotFoundError(f"entity: no billing entity with code {spec.entity_code!r}")
    partner = find_partner(session, spec.name, missing_ok=True)
    outcome = "updated"
    if partner is None:
        partner = TradingPartner(name=spec.name, credentials=[])
        session.add(partner)
        outcome = "inserted"
    elif _same(partner, spec, entity):
        return "unchanged"
    partner.protocol = spec.protocol
    partner.flavour = spec.flavour
    partner.entity_id = entity.id
    partner.return_url_prefixes = list(spec.return_url_prefixes)
    partner.outbound_url = spec.outbound_url
    domain = spec.domain if spec.protocol == "cxml" else ""
    _check_identity_free(session, partner, spec.protocol, domain, spec.identity)
    if not partner.credentials:
        partner.credentials.append(PartnerCredential())
    del partner.credentials[1:]
    credential = partner.credentials[0]
    credential.kind, credential.domain, credential.identity = spec.protocol, domain, spec.identity
    credential.secret_hash = hash_secret(spec.secret)
    session.flush()
    return outcome


def _check_identity_free(
    session: Session, partner: TradingPartner, kind: str, domain: str, identity: str
) -> None:
    owner = session.scalar(
        select(TradingPartner.name)
        .join(PartnerCredential)
        .where(
            PartnerCredential.kind == kind,
            PartnerCredential.domain == domain,
            PartnerCredential.identity == identity,
            TradingPartner.name != partner.name,
        )
    )
    if owner is not None:
        field = "username" if kind == "oci" else "identity"
        raise PartnerError(f"{field}: {identity!r} is already used by partner {owner!r}")


def _same(partner: TradingPartner, spec: PartnerSpec, entity: BillingEntity) -> bool:
    if len(partner.credentials) != 1:
        return False
    credential = partner.credentials[0]
    return (
        (partner.protocol, partner.flavour, partner.entity_id, partner.outbound_url)
        == (spec.protocol, spec.flavour, entity.id, spec.outbound_url)
        and partner.return_url_prefixes == list(spec.return_url_prefixes)
        and (credential.kind, credential.domain, credential.identity)
        == (spec.protocol, spec.domain if spec.protocol == "cxml" else "", spec.identity)
        and verify_secret(spec.secret, credential.secret_hash)
    )


def find_partner(session: Session, name: str, missing_ok: bool = False) -> TradingPartner | None:
    partner = session.scalar(
        select(TradingPartner)
        .where(TradingPartner.name == name)
        .options(selectinload(TradingPartner.credentials))
    )
    if partner is None and not missing_ok:
        raise NotFoundError(f"partner: no trading partner named {name!r}")
    return partner


def list_partners(session: Session) -> list[TradingPartner]:
    return list(
        session.scalars(
            select(TradingPartner)
            .options(selectinload(TradingPartner.credentials))
            .order_by(TradingPartner.name)
        )
    )


def remove_partner(session: Session, name: str) -> None:
    session.delete(find_partner(session, name))
