"""Secrets the gateway must present again, sealed at rest.

A buyer's shared secret and an OCI password are only ever compared, so they are stored as argon2
hashes. Our own shared secret at a buyer (`orders.outbound_shared_secret`) has to be sent in
clear on every document we post there, so it cannot be hashed: it is stored sealed instead,
encrypted and authenticated (Fernet: AES-128-CBC with HMAC-SHA256) with a key derived from the
instance's secret key (`GATEWAY_SECRET_KEY`, or the instance folder's `secret_key`). A copy of
the database alone never gives it away.

Why the `cryptography` library: it is the well-kept implementation of Fernet and HKDF; authenticated
encryption is not something to write by hand.

A sealed value reads `sealed:v1:<Fernet token>`. A value without that mark (saved before values
were sealed) is read as it is, and sealed the next time the partner's settings are saved.
"""

import base64
import functools

from cryptography.fernet import Fernet
from cryptography.fernet import InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MARK = "sealed:v1:"


class Unsealable(ValueError):
    """A sealed value this instance's secret key does not open."""


def seal(secret_key: str, text: str) -> str:
    """`text` sealed with a key derived from `secret_key`."""
    return MARK + _fernet(secret_key).encrypt(text.encode("utf-8")).decode("ascii")


def unseal(secret_key: str, value: str) -> str:
    """The text of a sealed value (a value without the mark as it is); raises Unsealable."""
    if not is_sealed(value):
        return value
    try:
        return _fernet(secret_key).decrypt(value[len(MARK) :].encode("ascii")).decode("utf-8")
    except (InvalidToken, UnicodeError) as exc:
        raise Unsealable(
            "sealed with another secret key than this instance's (was GATEWAY_SECRET_KEY or the "
            "instance folder's secret_key changed?); set the secret again"
        ) from exc


def is_sealed(value: object) -> bool:
    return isinstance(value, str) and value.startswith(MARK)


@functools.lru_cache(maxsize=4)
def _fernet(secret_key: str) -> Fernet:
    key = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=None, info=b"gateway sealed partner secrets"
    ).derive(secret_key.encode("utf-8"))
    return Fernet(base64.urlsafe_b64encode(key))
