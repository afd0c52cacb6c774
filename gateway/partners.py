"""Trading partners: add, list, remove; credentials are stored as argon2 hashes only. And the
per-process cache through which every cXML request finds its partner by credential."""

import dataclasses
import threading
import time
from collections.abc import Callable

from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm import joinedload
from sqlalchemy.orm import selectinload

from gateway.errors import GatewayError
from gateway.errors import NotFoundError
from gateway.hashing import hash_secret
from gateway.hashing import verify_secret
from gateway.models import BillingEntity
from gateway.models import PartnerCredential
from gateway.models import TradingPartner
from gateway.models.base import column_length
from gateway.urls import web_url

PROTOCOLS = ("cxml", "oci")
# How long a process may keep answering with a partner as it was read (see PartnerCache).
PARTNER_CACHE_SECONDS = 30.0
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
    credential = "username" if spec.protocol == "oci" else "identity"
    for field, value, column in (
        ("name", spec.name, TradingPartner.name),
        (credential, spec.identity, PartnerCredential.identity),
        ("domain", spec.domain, PartnerCredential.domain),
    ):
        most = column_length(column)
        if len(value) > most:  # PostgreSQL refuses it; SQLite would keep it
            problems.append((field, f"at most {most} characters, got {len(value)}"))
    if reason := outbound_url_problem(spec.outbound_url):
        problems.append(("outbound_url", reason))
    if not spec.return_url_prefixes:
        problems.append(("return_url_prefix", "at least one is required"))
    for prefix in spec.return_url_prefixes:
        reason = prefix_problem(prefix, spec.protocol)
        if reason:
            problems.append(("return_url_prefix", f"{prefix!r}: {reason}"))
    return problems


def outbound_url_problem(url: str) -> str | None:
    """Why `url` cannot be where documents for the buyer are posted; None when it can (an
    empty one: the partner has none, and its documents wait)."""
    most = column_length(TradingPartner.outbound_url)
    if len(url) > most:  # PostgreSQL refuses it; SQLite would keep it
        return f"at most {most} characters, got {len(url)}"
    if url and web_url(url) is None:
        return f"{url!r} is not an http(s) URL with a host"
    return None


def prefix_problem(prefix: str, protocol: str) -> str | None:
    if protocol == "oci" and prefix.upper() == SAPEVENT:
        return None
    if web_url(prefix) is None:
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
    partners_changed()
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
    partners_changed()


# Bumped whenever this process changes a partner, so that its caches read partners afresh.
_generation = 0


def partners_changed() -> None:
    """Tell this process's partner caches that partners changed (others wait out the TTL)."""
    global _generation
    _generation += 1


@dataclasses.dataclass(frozen=True, slots=True, kw_only=True)
class Login:
    """One stored credential with its partner, as read at `read_at` (monotonic seconds)."""

    domain: str
    identity: str
    secret_hash: str
    # Detached, every column and the credentials loaded, shared by every request of the
    # process: read it, never change it or link it to new rows by relationship (use its id).
    partner: TradingPartner
    read_at: float
    generation: int


class PartnerCache:
    """The partners of recent logins, by (kind, domain, identity), for one process.

    Why: finding a partner by credential through the ORM (a join, then building the objects)
    cost more than the rest of a punch-out setup together. A cached login's partner is handed
    to requests as it is, detached and read-only (copying it into each request's session cost
    a tenth of a setup).

    Staleness: an entry is read again after `ttl_seconds`, so a partner changed or removed by
    another process (`gateway partner ...`, an import) is served as it was for at most that
    long. Changes made in this process drop every entry at once (`partners_changed`), and a
    caller that finds the secret refused asks again with `fresh=True`, so a rotated secret
    works at once. Unknown credentials are never cached: each costs a query, as before.
    The presented secret is still verified on every request against the cached hash.
    """

    def __init__(
        self,
        ttl_seconds: float = PARTNER_CACHE_SECONDS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.ttl_seconds = ttl_seconds
        self._clock = clock
        self._logins: dict[tuple[str, str, str], Login] = {}
        self._lock = threading.Lock()

    def login(
        self, session: Session, kind: str, domain: str, identity: str, *, fresh: bool = False
    ) -> Login | None:
        """The stored credential for this login (domain compared case-blind), or None."""
        key = (kind, domain.strip().lower(), identity.strip())
        now = self._clock()
        with self._lock:
            cached = self._logins.get(key)
        if not fresh and cached is not None and self._current(cached, now):
            return cached
        found = _read_login(session, *key, now)
        with self._lock:
            if found is None:
                self._logins.pop(key, None)
            else:
                self._logins[key] = found
        return found

    def _current(self, login: Login, now: float) -> bool:
        return login.generation == _generation and now - login.read_at < self.ttl_seconds


def _read_login(session: Session, kind: str, domain: str, identity: str, now: float):
    # Read in a session of its own so that the objects outlive it, detached, in the cache.
    generation = _generation
    with Session(session.get_bind(), expire_on_commit=False) as reader:
        credential = reader.scalar(
            select(PartnerCredential)
            .where(
                PartnerCredential.kind == kind,
                func.lower(PartnerCredential.domain) == domain,
                PartnerCredential.identity == identity,
            )
            .options(joinedload(PartnerCredential.partner).selectinload(TradingPartner.credentials))
        )
    if credential is None:
        return None
    return Login(
        domain=credential.domain,
        identity=credential.identity,
        secret_hash=credential.secret_hash,
        partner=credential.partner,
        read_at=now,
        generation=generation,
    )
