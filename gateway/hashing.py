"""Secrets at rest: argon2id hashes, checked in constant time, with a small in-process cache of
successful checks so that a partner's every request does not pay the full argon2 cost.

The cache key is an HMAC of (stored hash, presented secret) under the app's secret key, so the
cache holds no secret and cannot be used to guess one; entries expire after a few minutes and the
cache is dropped whenever a stored hash changes (the key includes the hash).
"""

import hashlib
import hmac
import threading
import time

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError
from argon2.exceptions import VerificationError

_HASHER = PasswordHasher()
_CACHE_SECONDS = 300.0
_CACHE_SIZE = 4096


def hash_secret(secret: str) -> str:
    """An argon2id hash of the secret, for storage."""
    return _HASHER.hash(secret)


class SecretVerifier:
    """Checks presented secrets against stored argon2 hashes, remembering recent successes."""

    def __init__(self, cache_key: str) -> None:
        self._key = hashlib.sha256(cache_key.encode()).digest()
        self._ok: dict[bytes, float] = {}
        self._lock = threading.Lock()

    def __call__(self, secret: str, stored_hash: str) -> bool:
        digest = hmac.new(self._key, f"{stored_hash}\0{secret}".encode(), "sha256").digest()
        now = time.monotonic()
        with self._lock:
            seen = self._ok.get(digest)
        if seen is not None and now - seen < _CACHE_SECONDS:
            return True
        if not verify_secret(secret, stored_hash):
            return False
        with self._lock:
            if len(self._ok) >= _CACHE_SIZE:
                self._ok.clear()
            self._ok[digest] = now
        return True


def verify_secret(secret: str, stored_hash: str) -> bool:
    """True when the secret matches the stored hash (argon2 compares in constant time)."""
    try:
        return _HASHER.verify(stored_hash, secret)
    except (VerificationError, InvalidHashError):
        return False


# A hash of a random secret, verified when an identity is unknown so that an unknown identity
# costs as much time as a wrong secret and timing does not tell them apart.
DUMMY_HASH = _HASHER.hash(hashlib.sha256(str(time.time_ns()).encode()).hexdigest())
