"""Check a request's credentials against a trading partner's stored identities and secret.

Rule (formats.md 1.3): the From credentials name the buyer organisation, the Sender credential
carries the SharedSecret. Domains compare case-insensitively (Coupa labels non-DUNS identities
`DUNS`; the domain is only a label), identities exactly. Every stored identity is compared with
hmac.compare_digest and the secret is always verified, even when no identity matched, so
neither the answer nor its timing tells the caller which part was wrong.
"""

from __future__ import annotations

import hmac
from collections.abc import Callable
from collections.abc import Iterable

from cxml.envelope import Credential
from cxml.envelope import Header
from cxml.errors import AuthenticationFailed

__all__ = ["check_credentials"]

_REASON = "the From/Sender credentials or the shared secret are not recognised"


def _matches(
    credentials: tuple[Credential, ...], stored: list[tuple[str, str]]
) -> Credential | None:
    """Compare every credential with every stored pair, without stopping at the first hit."""
    found = None
    for credential in credentials:
        domain = credential.domain.strip().lower().encode()
        identity = credential.identity.strip().encode()
        for stored_domain, stored_identity in stored:
            same_domain = hmac.compare_digest(domain, stored_domain.strip().lower().encode())
            same_identity = hmac.compare_digest(identity, stored_identity.strip().encode())
            if same_domain & same_identity and found is None:
                found = credential
    return found


def check_credentials(
    header: Header,
    *,
    identities: Iterable[tuple[str, str]],
    secret_hash: str,
    verify: Callable[[str, str], bool],
    sender_identities: Iterable[tuple[str, str]] | None = None,
) -> Credential:
    """Authenticate a Header; return the matching From credential or raise AuthenticationFailed.

    `identities` are the partner's stored (domain, identity) pairs for From; `secret_hash` is
    its stored hash of the shared secret and `verify(secret, secret_hash) -> bool` checks one
    (the gateway passes argon2's). If `sender_identities` is given, the Sender must match one.
    """
    stored = list(identities)
    matched = _matches(header.from_.credentials, stored)
    sender_ok = True
    if sender_identities is not None:
        sender_ok = _matches(header.sender.credentials, list(sender_identities)) is not None
    secret = next(
        (c.shared_secret for c in header.sender.credentials if c.shared_secret is not None), ""
    )
    secret_ok = bool(verify(secret, secret_hash))
    if matched is None or not (sender_ok and secret_ok and secret):
        raise AuthenticationFailed(_REASON)
    return matched
